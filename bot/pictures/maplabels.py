"""Place the map's labels: columns off the coast on the main map, next to the point in the inset.

Pure geometry in map kilometres; :mod:`bot.pictures.mapplot` draws what is placed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.pictures.content import WINNER, MapMark
from bot.pictures.geo import GeoData
from bot.pictures.maplayout import DPI, LABEL_PT, WIDTH_PX, X_RANGE, MapLayout

LABEL_GAP_KM = 24.0
"""Vertical distance between stacked labels (one 11 pt line at this scale, plus air)."""
SIDE_MARGIN_KM = 18.0


@dataclass
class PlacedLabel:
    """A label position decided by :func:`place_labels`."""

    mark: MapMark
    anchor: tuple[float, float]
    position: tuple[float, float]
    side: str
    """``left`` (text ends at ``position``) or ``right`` (text starts there)."""


class CoastProfile:
    """Westernmost and easternmost land per 10 km band of northing, for label columns."""

    BAND_KM = 10.0

    def __init__(self, geo: GeoData) -> None:
        vertices = np.concatenate([s.path.vertices for s in geo.shapes.values()])
        self.y0 = float(vertices[:, 1].min())
        bands = ((vertices[:, 1] - self.y0) // self.BAND_KM).astype(int)
        count = int(bands.max()) + 1
        self.west = np.full(count, np.inf)
        self.east = np.full(count, -np.inf)
        np.minimum.at(self.west, bands, vertices[:, 0])
        np.maximum.at(self.east, bands, vertices[:, 0])

    def _slice(self, y_low: float, y_high: float) -> slice:
        low = max(0, int((y_low - self.y0) // self.BAND_KM))
        high = min(len(self.west), int((y_high - self.y0) // self.BAND_KM) + 1)
        return slice(low, max(high, low + 1))

    def west_of(self, y_low: float, y_high: float) -> float:
        """Westernmost land between two northings (inf when none)."""
        return float(self.west[self._slice(y_low, y_high)].min(initial=np.inf))

    def east_of(self, y_low: float, y_high: float) -> float:
        """Easternmost land between two northings (-inf when none)."""
        return float(self.east[self._slice(y_low, y_high)].max(initial=-np.inf))


def _spread(positions: list[float], gap: float, iterations: int = 200) -> list[float]:
    """Move sorted values apart until neighbours are at least ``gap`` apart."""
    values = list(positions)
    for _ in range(iterations):
        moved = False
        for i in range(1, len(values)):
            overlap = gap - (values[i] - values[i - 1])
            if overlap > 1e-6:
                values[i - 1] -= overlap / 2
                values[i] += overlap / 2
                moved = True
        if not moved:
            break
    return values


def label_width_km(label: str, scale: float | None = None) -> float:
    """Rough width of a label in kilometres at ``scale`` px/km (main map by default).

    DejaVu Sans averages about 0.62 em per character (bold a little more).
    """
    scale = scale or WIDTH_PX / (X_RANGE[1] - X_RANGE[0])
    return len(label) * 0.64 * LABEL_PT * DPI / 72 / scale


FRAME_CLEARANCE_KM = 10.0
"""How far a leader line ends from the inset frame's top or bottom edge (a leader running
along the edge reads as if the label named the frame)."""


def _clear_of_frame(
    items: list[tuple[MapMark, tuple[float, float]]],
    ys: list[float],
    side: str,
    frame: tuple[float, float, float, float],
) -> list[float]:
    """Move label rows off the frame's horizontal edges where their leaders cross its width,
    pushing the neighbours on that side along so rows keep ``LABEL_GAP_KM`` apart."""
    fx0, fx1, fy0, fy1 = frame
    values = list(ys)
    for i, (_, (ax, ay)) in enumerate(items):
        crosses = ax < fx1 if side == "right" else ax > fx0
        if not crosses:
            continue
        for edge in (fy0, fy1):
            if abs(values[i] - edge) < FRAME_CLEARANCE_KM:
                below = ay <= edge
                values[i] = edge - FRAME_CLEARANCE_KM if below else edge + FRAME_CLEARANCE_KM
                if below:
                    for j in range(i - 1, -1, -1):
                        values[j] = min(values[j], values[j + 1] - LABEL_GAP_KM)
                else:
                    for j in range(i + 1, len(values)):
                        values[j] = max(values[j], values[j - 1] + LABEL_GAP_KM)
    return values


def place_labels(
    marks: list[MapMark],
    geo: GeoData,
    profile: CoastProfile,
    frame: tuple[float, float, float, float] | None = None,
) -> list[PlacedLabel]:
    """Put each label in a column off the nearest coast or border, stacked without overlap.

    ``frame`` (x0, x1, y0, y1) is the inset's outline on the main map, kept clear of leaders.
    """
    sides: dict[str, list[tuple[MapMark, tuple[float, float]]]] = {"left": [], "right": []}
    for mark in marks:
        shape = geo.shapes.get(mark.number)
        if shape is None or not mark.label:
            continue
        x, y = shape.anchor
        west = profile.west_of(y - 15, y + 15)
        to_west = x - west
        to_east = profile.east_of(y - 15, y + 15) - x
        fits_west = west - SIDE_MARGIN_KM - label_width_km(mark.label) > X_RANGE[0] + 5
        side = "left" if to_west < to_east and fits_west else "right"
        sides[side].append((mark, shape.anchor))
    placed: list[PlacedLabel] = []
    for side, items in sides.items():
        items.sort(key=lambda item: item[1][1])
        ys = _spread([anchor[1] for _, anchor in items], LABEL_GAP_KM)
        if frame is not None:
            ys = _clear_of_frame(items, ys, side, frame)
        for (mark, anchor), label_y in zip(items, ys, strict=True):
            low, high = min(anchor[1], label_y) - 12, max(anchor[1], label_y) + 12
            if side == "left":
                x = min(profile.west_of(low, high), anchor[0]) - SIDE_MARGIN_KM
            else:
                x = max(profile.east_of(low, high), anchor[0]) + SIDE_MARGIN_KM
            placed.append(PlacedLabel(mark, anchor, (x, label_y), side))
    return placed


INSET_LABEL_HEIGHT_PX = 18.0
INSET_CANDIDATES: tuple[tuple[float, float, str], ...] = (
    (12, 0, "left"),
    (-12, 0, "right"),
    (9, 15, "left"),
    (9, -15, "left"),
    (-9, 15, "right"),
    (-9, -15, "right"),
    (0, 20, "center"),
    (0, -20, "center"),
    (40, 0, "left"),
    (-40, 0, "right"),
    (30, 32, "left"),
    (30, -32, "left"),
    (-30, 32, "right"),
    (-30, -32, "right"),
    (0, 44, "center"),
    (0, -44, "center"),
)
"""Label offsets from the point in pixels (x right, y up) and text alignment, best first."""


@dataclass
class InsetLabel:
    """A label placed next to its point in the inset (pixel boxes in inset coordinates)."""

    mark: MapMark
    anchor: tuple[float, float]
    position: tuple[float, float]
    ha: str
    box: tuple[float, float, float, float]
    """(x0, y0, x1, y1) of the text in map kilometres."""
    leader: bool


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def place_inset_labels(
    marks: list[MapMark], geo: GeoData, inset: MapLayout
) -> tuple[list[InsetLabel], list[MapMark]]:
    """Place labels of marks inside the inset next to their points, greedily avoiding overlap.

    Returns the placed labels and the marks left to the main map (outside the inset or with
    no free spot inside it).
    """
    scale = inset.scale
    inside: list[tuple[MapMark, tuple[float, float]]] = []
    rest: list[MapMark] = []
    for mark in marks:
        shape = geo.shapes.get(mark.number)
        if shape is None or not mark.label:
            continue
        if inset.contains(*shape.anchor):
            inside.append((mark, shape.anchor))
        else:
            rest.append(mark)
    inside.sort(key=lambda item: (item[0].role != WINNER, -item[1][1]))
    dots = [anchor for _, anchor in inside]
    dot_r = 5 / scale
    placed: list[InsetLabel] = []
    margin = 4 / scale
    title_bottom = inset.ylim[1] - 26 / scale
    for mark, (ax_, ay) in inside:
        width = label_width_km(mark.label, scale) + 4 / scale
        height = INSET_LABEL_HEIGHT_PX / scale
        best: tuple[float, InsetLabel] | None = None
        for rank, (dx, dy, ha) in enumerate(INSET_CANDIDATES):
            x, y = ax_ + dx / scale, ay + dy / scale
            x0 = x if ha == "left" else x - width if ha == "right" else x - width / 2
            box = (x0, y - height / 2, x0 + width, y + height / 2)
            if (
                box[0] < inset.xlim[0] + margin
                or box[2] > inset.xlim[1] - margin
                or box[1] < inset.ylim[0] + margin
                or box[3] > inset.ylim[1] - margin
                or (box[3] > title_bottom and box[0] < inset.xlim[0] + 330 / scale)
            ):
                continue
            score = rank * 2.0
            score += sum(_overlap(box, other.box) for other in placed) * scale * scale * 50
            score += 400 * sum(
                1
                for dot in dots
                if dot != (ax_, ay)
                and _overlap(box, (dot[0] - dot_r, dot[1] - dot_r, dot[0] + dot_r, dot[1] + dot_r))
                > 0
            )
            label = InsetLabel(mark, (ax_, ay), (x, y), ha, box, abs(dx) + abs(dy) > 30)
            if best is None or score < best[0]:
                best = (score, label)
        if best is None:
            rest.append(mark)
        else:
            placed.append(best[1])
    return placed, rest
