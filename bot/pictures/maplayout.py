"""The map's canvas: figure size, palette and the panels that map kilometres to pixels.

The main map fills the figure; the Oslofjord inset is a smaller panel with its own scale.
Labels are placed in :mod:`bot.pictures.maplabels`, drawing is :mod:`bot.pictures.mapplot`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.pictures.geo import project

WIDTH_PX, HEIGHT_PX, DPI = 1200, 1600, 100
WINNER_COLOUR = "#c62828"
NOMINEE_COLOUR = "#1e88e5"
OTHER_COLOUR = "#dedede"
EDGE_COLOUR = "#ffffff"
TEXT_COLOUR = "#212121"
MUTED_COLOUR = "#616161"
LABEL_PT = 11.0
X_RANGE = (-720.0, 780.0)
BOTTOM_KM = 6340.0


@dataclass(frozen=True)
class MapLayout:
    """Maps projected kilometres to pixels of the rendered PNG (origin top-left).

    Describes one map panel: the main map fills the whole figure, the inset is a smaller
    panel at ``left_px``/``top_px`` with its own scale.
    """

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    scale: float
    """Pixels per kilometre (equal in both directions)."""
    left_px: float = 0.0
    top_px: float = 0.0

    @property
    def size_px(self) -> tuple[float, float]:
        """Panel width and height in pixels."""
        return (
            (self.xlim[1] - self.xlim[0]) * self.scale,
            (self.ylim[1] - self.ylim[0]) * self.scale,
        )

    def contains(self, x: float, y: float) -> bool:
        """True when map point (x, y) lies inside this panel."""
        return self.xlim[0] <= x <= self.xlim[1] and self.ylim[0] <= y <= self.ylim[1]

    def to_pixel(self, x: float, y: float) -> tuple[int, int]:
        """Return the (column, row) of the pixel showing map point (x, y)."""
        col = self.left_px + (x - self.xlim[0]) * self.scale
        row = self.top_px + (self.ylim[1] - y) * self.scale
        return int(col), int(row)

    def figure_rect(self) -> tuple[float, float, float, float]:
        """The panel as (left, bottom, width, height) in figure fractions."""
        width, height = self.size_px
        bottom = HEIGHT_PX - self.top_px - height
        return (
            self.left_px / WIDTH_PX,
            bottom / HEIGHT_PX,
            width / WIDTH_PX,
            height / HEIGHT_PX,
        )


def map_layout() -> MapLayout:
    """The main map: the axes fill the whole figure."""
    scale = WIDTH_PX / (X_RANGE[1] - X_RANGE[0])
    return MapLayout(X_RANGE, (BOTTOM_KM, BOTTOM_KM + HEIGHT_PX / scale), scale)


INSET_LONLAT = ((9.7, 59.02), (11.75, 60.2))
"""South-west and north-east corners of the Oslofjord inset (lon, lat)."""
INSET_WIDTH_PX = 500
INSET_MARGIN_PX = 22
INSET_BOTTOM_PX = 36
"""Space kept free under the inset for the credit line."""


def inset_layout() -> MapLayout:
    """The enlarged Oslofjord panel in the empty lower right corner (over Sweden)."""
    (lon0, lat0), (lon1, lat1) = INSET_LONLAT
    xs, ys = project(np.array([lon0, lon1, lon0, lon1]), np.array([lat0, lat0, lat1, lat1]))
    xlim = (float(xs.min()), float(xs.max()))
    ylim = (float(ys.min()), float(ys.max()))
    scale = INSET_WIDTH_PX / (xlim[1] - xlim[0])
    height = (ylim[1] - ylim[0]) * scale
    left = WIDTH_PX - INSET_MARGIN_PX - INSET_WIDTH_PX
    top = HEIGHT_PX - INSET_BOTTOM_PX - height
    return MapLayout(xlim, ylim, scale, left, top)
