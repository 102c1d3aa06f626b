"""Municipality outlines from Kartverket's GeoJSON, projected for drawing.

The projection is a spherical transverse Mercator centred on 15° E (close to UTM zone 33,
the usual national map of Norway), in kilometres. Everything is computed offline from the
file copied into ``knowledge/geo/``; the parsed result is cached per file and modification time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.path import Path as MplPath

from bot.settings import DEFAULT_KNOWLEDGE_DIR

GEOJSON_NAME = "kommuner-2024-s.geojson"
EARTH_RADIUS_KM = 6371.0
CENTRAL_MERIDIAN = 15.0


def default_geo_path(knowledge_dir: Path | None = None) -> Path:
    """Return where the municipality outlines live inside a knowledge directory."""
    return (knowledge_dir or DEFAULT_KNOWLEDGE_DIR) / "geo" / GEOJSON_NAME


def project(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 longitude/latitude (degrees) to map kilometres (x east, y north)."""
    phi = np.radians(np.asarray(lat, dtype=float))
    dlam = np.radians(np.asarray(lon, dtype=float) - CENTRAL_MERIDIAN)
    x = EARTH_RADIUS_KM * np.arctanh(np.cos(phi) * np.sin(dlam))
    y = EARTH_RADIUS_KM * np.arctan2(np.tan(phi), np.cos(dlam))
    return x, y


@dataclass(frozen=True)
class Shape:
    """One municipality: its projected outline and a point well inside it."""

    number: str
    name: str
    path: MplPath
    """Compound path (all parts, holes oriented opposite) in map kilometres."""
    anchor: tuple[float, float]
    """A point inside the municipality's largest part, far from its edges (for labels)."""
    area_km2: float


@dataclass(frozen=True)
class GeoData:
    """All municipality shapes, by 4-digit number, with the overall bounding box."""

    shapes: dict[str, Shape]
    bounds: tuple[float, float, float, float]
    """(xmin, ymin, xmax, ymax) in map kilometres."""


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _oriented(ring: np.ndarray, ccw: bool) -> np.ndarray:
    return ring if (_signed_area(ring) > 0) == ccw else ring[::-1]


def _interior_point(ring: np.ndarray) -> tuple[float, float]:
    """Approximate pole of inaccessibility: the grid point inside ``ring`` farthest from it."""
    path = MplPath(ring)
    xmin, ymin = ring.min(axis=0)
    xmax, ymax = ring.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, 24), np.linspace(ymin, ymax, 24))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    inside = grid[path.contains_points(grid)]
    if len(inside) == 0:
        centre = ring.mean(axis=0)
        return float(centre[0]), float(centre[1])
    step = max(1, len(ring) // 400)
    vertices = ring[::step]
    dist = np.sqrt(((inside[:, None, :] - vertices[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    best = inside[int(dist.argmax())]
    return float(best[0]), float(best[1])


def _feature_shape(number: str, name: str, geometry: dict[str, Any]) -> Shape:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    largest: tuple[float, np.ndarray] | None = None
    total_area = 0.0
    for polygon in polygons:
        for index, raw_ring in enumerate(polygon):
            lonlat = np.asarray(raw_ring, dtype=float)
            x, y = project(lonlat[:, 0], lonlat[:, 1])
            ring = _oriented(np.column_stack([x, y]), ccw=index == 0)
            area = abs(_signed_area(ring))
            if index == 0:
                total_area += area
                if largest is None or area > largest[0]:
                    largest = (area, ring)
            else:
                total_area -= area
            ring_codes = np.full(len(ring), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            vertices.append(ring)
            codes.append(ring_codes)
    if largest is None:
        raise ValueError(f"municipality {number} has no outline")
    path = MplPath(np.concatenate(vertices), np.concatenate(codes))
    return Shape(number, name, path, _interior_point(largest[1]), total_area)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> GeoData:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    shapes: dict[str, Shape] = {}
    for feature in data["features"]:
        props = feature["properties"]
        number = str(props["kommunenummer"]).zfill(4)
        shapes[number] = _feature_shape(number, props.get("kommunenavn", ""), feature["geometry"])
    extents = np.array([s.path.get_extents().bounds for s in shapes.values()])
    xmin, ymin = extents[:, 0].min(), extents[:, 1].min()
    xmax = (extents[:, 0] + extents[:, 2]).max()
    ymax = (extents[:, 1] + extents[:, 3]).max()
    return GeoData(shapes, (float(xmin), float(ymin), float(xmax), float(ymax)))


def load_geo(path: Path | None = None) -> GeoData:
    """Parse and project the outlines once per file version (cached in memory)."""
    resolved = (path or default_geo_path()).resolve()
    return _load(str(resolved), resolved.stat().st_mtime_ns)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line distance between two projected points."""
    return math.hypot(a[0] - b[0], a[1] - b[1])
