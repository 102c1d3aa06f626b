"""Draw the map of winners and nominees as a PNG (matplotlib, object API, no pyplot)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from bot.knowledge.models import KnowledgeBase
from bot.pictures.content import NOMINEE, WINNER, MapContent, MapMark, map_content
from bot.pictures.geo import GeoData, load_geo
from bot.pictures.texts import text

WIDTH_PX, HEIGHT_PX, DPI = 1200, 1600, 100
WINNER_COLOUR = "#c62828"
NOMINEE_COLOUR = "#1e88e5"
OTHER_COLOUR = "#dedede"
EDGE_COLOUR = "#ffffff"
TEXT_COLOUR = "#212121"
MUTED_COLOUR = "#616161"
LABEL_PT = 11.0
LABEL_GAP_KM = 24.0
"""Vertical distance between stacked labels (one 11 pt line at this scale, plus air)."""
SIDE_MARGIN_KM = 18.0
X_RANGE = (-720.0, 780.0)
BOTTOM_KM = 6340.0


@dataclass(frozen=True)
class MapLayout:
    """Maps projected kilometres to pixels of the rendered PNG (origin top-left)."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    width_px: int = WIDTH_PX
    height_px: int = HEIGHT_PX

    @property
    def scale(self) -> float:
        """Pixels per kilometre (equal in both directions)."""
        return self.width_px / (self.xlim[1] - self.xlim[0])

    def to_pixel(self, x: float, y: float) -> tuple[int, int]:
        """Return the (column, row) of the pixel showing map point (x, y)."""
        col = (x - self.xlim[0]) * self.scale
        row = self.height_px - (y - self.ylim[0]) * self.scale
        return int(col), int(row)


def map_layout() -> MapLayout:
    """The fixed layout every map uses (the axes fill the whole figure)."""
    scale = WIDTH_PX / (X_RANGE[1] - X_RANGE[0])
    return MapLayout(X_RANGE, (BOTTOM_KM, BOTTOM_KM + HEIGHT_PX / scale))


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


def label_width_km(label: str) -> float:
    """Rough width of a label in map kilometres (DejaVu Sans averages ~0.6 em per char)."""
    scale = WIDTH_PX / (X_RANGE[1] - X_RANGE[0])
    return len(label) * 0.62 * LABEL_PT * DPI / 72 / scale


def place_labels(marks: list[MapMark], geo: GeoData, profile: CoastProfile) -> list[PlacedLabel]:
    """Put each label in a column off the nearest coast or border, stacked without overlap."""
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
        for (mark, anchor), label_y in zip(items, ys, strict=True):
            low, high = min(anchor[1], label_y) - 12, max(anchor[1], label_y) + 12
            if side == "left":
                x = min(profile.west_of(low, high), anchor[0]) - SIDE_MARGIN_KM
            else:
                x = max(profile.east_of(low, high), anchor[0]) + SIDE_MARGIN_KM
            placed.append(PlacedLabel(mark, anchor, (x, label_y), side))
    return placed


def _halo(width: float = 3.0) -> list[patheffects.AbstractPathEffect]:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def draw_map(kb: KnowledgeBase, content: MapContent, geo: GeoData) -> bytes:
    """Render ``content`` on the outlines in ``geo`` and return PNG bytes."""
    layout = map_layout()
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_axis_off()

    groups: dict[str, list] = {"other": [], NOMINEE: [], WINNER: []}
    for number, shape in geo.shapes.items():
        mark = content.marks.get(number)
        groups[mark.role if mark else "other"].append(shape.path)
    colours = {"other": OTHER_COLOUR, NOMINEE: NOMINEE_COLOUR, WINNER: WINNER_COLOUR}
    for role in ("other", NOMINEE, WINNER):
        if groups[role]:
            ax.add_collection(
                PathCollection(
                    groups[role],
                    facecolors=colours[role],
                    edgecolors=EDGE_COLOUR,
                    linewidths=0.25,
                    zorder={"other": 1, NOMINEE: 2, WINNER: 3}[role],
                )
            )

    profile = CoastProfile(geo)
    for placed in place_labels(list(content.marks.values()), geo, profile):
        colour = WINNER_COLOUR if placed.mark.role == WINNER else NOMINEE_COLOUR
        lx, ly = placed.position
        tip = lx + (6 if placed.side == "left" else -6)
        ax.plot(
            [placed.anchor[0], tip],
            [placed.anchor[1], ly],
            color=MUTED_COLOUR,
            linewidth=0.7,
            zorder=4,
        )
        ax.scatter(
            [placed.anchor[0]],
            [placed.anchor[1]],
            s=18,
            color=colour,
            edgecolors="white",
            linewidths=0.6,
            zorder=5,
        )
        ax.text(
            lx,
            ly,
            placed.mark.label,
            ha="right" if placed.side == "left" else "left",
            va="center",
            fontsize=LABEL_PT,
            color=colour if placed.mark.role == WINNER else TEXT_COLOUR,
            fontweight="bold" if placed.mark.role == WINNER else "normal",
            path_effects=_halo(),
            zorder=6,
        )

    _draw_frame_texts(kb, fig, content)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _draw_frame_texts(kb: KnowledgeBase, fig: Figure, content: MapContent) -> None:
    """Title, legend, notice, names note and credit, placed in the empty sea and land."""
    fig.text(
        0.03,
        0.975,
        text(kb, "prize_name"),
        fontsize=22,
        fontweight="bold",
        color=TEXT_COLOUR,
        va="top",
    )
    fig.text(0.03, 0.945, content.title, fontsize=17, color=TEXT_COLOUR, va="top")

    other_key = "map.legend.other_all" if content.year is None else "map.legend.other_year"
    legend = [
        (WINNER_COLOUR, text(kb, "map.legend.winner")),
        (NOMINEE_COLOUR, text(kb, "map.legend.nominee")),
        (OTHER_COLOUR, text(kb, other_key)),
    ]
    top = 0.905
    for index, (colour, label) in enumerate(legend):
        y = top - index * 0.022
        fig.patches.append(_legend_swatch(fig, 0.03, y - 0.007, colour))
        fig.text(0.062, y, label, fontsize=13, color=TEXT_COLOUR, va="center")

    if content.message:
        fig.text(
            0.03,
            top - 0.085,
            content.message,
            fontsize=15,
            color=TEXT_COLOUR,
            va="top",
            linespacing=1.4,
            bbox={"boxstyle": "round,pad=0.6", "facecolor": "#fff8e1", "edgecolor": "#f9a825"},
        )

    bottom_lines: list[str] = []
    if content.name_notes:
        bottom_lines.append(text(kb, "map.names_heading"))
        bottom_lines.extend(content.name_notes)
    if bottom_lines:
        fig.text(
            0.60,
            0.16,
            "\n".join(bottom_lines),
            fontsize=11.5,
            color=TEXT_COLOUR,
            va="top",
            linespacing=1.45,
        )
    fig.text(0.985, 0.012, text(kb, "credit"), fontsize=11, color=MUTED_COLOUR, ha="right")


def _legend_swatch(fig: Figure, x: float, y: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x, y),
        0.024,
        0.014,
        transform=fig.transFigure,
        facecolor=colour,
        edgecolor="#9e9e9e",
        linewidth=0.6,
        figure=fig,
    )


def render_map(
    kb: KnowledgeBase, year: int | None, *, now: datetime, geo_path: Path | None = None
) -> bytes:
    """Return the PNG map of all winners and nominees, or of one prize year's."""
    return draw_map(kb, map_content(kb, year, now), load_geo(geo_path))
