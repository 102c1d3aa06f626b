"""Draw the map of winners and nominees as a PNG (matplotlib, object API, no pyplot)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath

from bot.knowledge.models import KnowledgeBase
from bot.pictures.content import NOMINEE, WINNER, MapContent, MapMark, map_content
from bot.pictures.geo import GeoData, load_geo, project
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
NOTICE_BOX = {"boxstyle": "round,pad=0.6", "facecolor": "#fff8e1", "edgecolor": "#f9a825"}
NOTES_BOX = {"boxstyle": "round,pad=0.6", "facecolor": "#f7f7f7", "edgecolor": "#bdbdbd"}


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


def _halo(width: float = 3.0) -> list[patheffects.AbstractPathEffect]:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _draw_shapes(ax: Axes, content: MapContent, geo: GeoData, linewidth: float) -> None:
    groups: dict[str, list[MplPath]] = {"other": [], NOMINEE: [], WINNER: []}
    for number, shape in geo.shapes.items():
        mark = content.marks.get(number)
        groups[mark.role if mark else "other"].append(shape.path)
    colours = {"other": OTHER_COLOUR, NOMINEE: NOMINEE_COLOUR, WINNER: WINNER_COLOUR}
    for order, role in enumerate(("other", NOMINEE, WINNER), start=1):
        if groups[role]:
            ax.add_collection(
                PathCollection(
                    groups[role],
                    facecolors=colours[role],
                    edgecolors=EDGE_COLOUR,
                    linewidths=linewidth,
                    zorder=order,
                )
            )


def _label_style(mark: MapMark) -> dict[str, Any]:
    winner = mark.role == WINNER
    return {
        "fontsize": LABEL_PT,
        "color": WINNER_COLOUR if winner else TEXT_COLOUR,
        "fontweight": "bold" if winner else "normal",
        "path_effects": _halo(),
        "zorder": 6,
    }


def _dot(ax: Axes, mark: MapMark, anchor: tuple[float, float]) -> None:
    colour = WINNER_COLOUR if mark.role == WINNER else NOMINEE_COLOUR
    ax.scatter(
        [anchor[0]], [anchor[1]], s=18, color=colour, edgecolors="white", linewidths=0.6, zorder=5
    )


def _draw_labels(ax: Axes, placed: list[PlacedLabel], scale: float) -> None:
    """Leader line, dot and text for each column label of the main map."""
    for label in placed:
        lx, ly = label.position
        tip = lx + 5 / scale if label.side == "left" else lx - 5 / scale
        ax.plot(
            [label.anchor[0], tip],
            [label.anchor[1], ly],
            color=MUTED_COLOUR,
            linewidth=0.7,
            zorder=4,
        )
        _dot(ax, label.mark, label.anchor)
        ax.text(
            lx,
            ly,
            label.mark.label,
            ha="right" if label.side == "left" else "left",
            va="center",
            **_label_style(label.mark),
        )


def _draw_inset_labels(ax: Axes, placed: list[InsetLabel]) -> None:
    """Dot, optional leader line and text for each inset label."""
    for label in placed:
        if label.leader:
            box = label.box
            tx = min(max(label.anchor[0], box[0]), box[2])
            ty = min(max(label.anchor[1], box[1]), box[3])
            ax.plot(
                [label.anchor[0], tx],
                [label.anchor[1], ty],
                color=MUTED_COLOUR,
                linewidth=0.7,
                zorder=4,
            )
        _dot(ax, label.mark, label.anchor)
        ax.text(
            *label.position, label.mark.label, ha=label.ha, va="center", **_label_style(label.mark)
        )


def _draw_inset(
    kb: KnowledgeBase,
    fig: Figure,
    ax: Axes,
    inset: MapLayout,
    content: MapContent,
    geo: GeoData,
    labels: list[InsetLabel],
) -> None:
    """The enlarged Oslofjord panel, and a frame showing where it sits on the main map."""
    (x0, x1), (y0, y1) = inset.xlim, inset.ylim
    ax.add_patch(
        Rectangle(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            facecolor="none",
            edgecolor=MUTED_COLOUR,
            linewidth=0.8,
            zorder=7,
        )
    )
    inset_ax = fig.add_axes(inset.figure_rect())
    inset_ax.set_xlim(*inset.xlim)
    inset_ax.set_ylim(*inset.ylim)
    inset_ax.set_xticks([])
    inset_ax.set_yticks([])
    inset_ax.set_facecolor("white")
    for spine in inset_ax.spines.values():
        spine.set_edgecolor(MUTED_COLOUR)
        spine.set_linewidth(0.8)
    _draw_shapes(inset_ax, content, geo, 0.6)
    _draw_inset_labels(inset_ax, labels)
    inset_ax.text(
        0.02,
        0.985,
        text(kb, "map.inset_title"),
        transform=inset_ax.transAxes,
        ha="left",
        va="top",
        fontsize=12,
        color=MUTED_COLOUR,
        fontweight="bold",
        path_effects=_halo(),
    )


def draw_map(kb: KnowledgeBase, content: MapContent, geo: GeoData) -> bytes:
    """Render ``content`` on the outlines in ``geo`` and return PNG bytes."""
    layout, inset = map_layout(), inset_layout()
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_axis_off()
    _draw_shapes(ax, content, geo, 0.25)

    marks = list(content.marks.values())
    inset_labels, main_marks = place_inset_labels(marks, geo, inset)
    frame = (*inset.xlim, *inset.ylim) if inset_labels else None
    _draw_labels(ax, place_labels(main_marks, geo, CoastProfile(geo), frame), layout.scale)

    if inset_labels:
        _draw_inset(kb, fig, ax, inset, content, geo, inset_labels)

    _draw_frame_texts(kb, fig, content)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def legend_entries(kb: KnowledgeBase, content: MapContent) -> list[tuple[str, str]]:
    """(colour, label) rows of the legend; the grey row admits it when nominees are unknown."""
    other_key = "map.legend.other_all" if content.year is None else "map.legend.other_year"
    if not content.nominees_complete:
        other_key += "_unknown"
    return [
        (WINNER_COLOUR, text(kb, "map.legend.winner")),
        (NOMINEE_COLOUR, text(kb, "map.legend.nominee")),
        (OTHER_COLOUR, text(kb, other_key)),
    ]


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

    top = 0.905
    for index, (colour, label) in enumerate(legend_entries(kb, content)):
        y = top - index * 0.022
        fig.patches.append(_legend_swatch(fig, 0.03, y - 0.007, colour))
        fig.text(0.062, y, label, fontsize=13, color=TEXT_COLOUR, va="center")

    y = top - 0.085
    if content.message:
        fig.text(
            0.03,
            y,
            content.message,
            fontsize=15,
            color=TEXT_COLOUR,
            va="top",
            linespacing=1.4,
            bbox=NOTICE_BOX,
        )
        y -= 0.03 * (content.message.count("\n") + 1) + 0.02
    if content.name_notes:
        lines = [text(kb, "map.names_heading"), *content.name_notes]
        fig.text(
            0.03,
            y,
            "\n".join(lines),
            fontsize=12,
            color=TEXT_COLOUR,
            va="top",
            linespacing=1.45,
            bbox=NOTES_BOX,
        )

    fig.text(0.985, 0.012, text(kb, "credit"), fontsize=11, color=MUTED_COLOUR, ha="right")


def _legend_swatch(fig: Figure, x: float, y: float, colour: str) -> Rectangle:
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
