"""Draw the map of winners and nominees as a PNG (matplotlib, object API, no pyplot).

The canvas and palette are in :mod:`bot.pictures.maplayout`, label placement in
:mod:`bot.pictures.maplabels`; this module draws shapes, labels, inset, legend and texts.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath

from bot.knowledge.models import KnowledgeBase
from bot.pictures.content import NOMINEE, WINNER, MapContent, MapMark, map_content
from bot.pictures.geo import GeoData, load_geo
from bot.pictures.maplabels import (
    CoastProfile,
    InsetLabel,
    PlacedLabel,
    place_inset_labels,
    place_labels,
)
from bot.pictures.maplayout import (
    DPI,
    EDGE_COLOUR,
    HEIGHT_PX,
    LABEL_PT,
    MUTED_COLOUR,
    NOMINEE_COLOUR,
    OTHER_COLOUR,
    TEXT_COLOUR,
    WIDTH_PX,
    WINNER_COLOUR,
    MapLayout,
    inset_layout,
    map_layout,
)
from bot.pictures.texts import text

NOTICE_BOX = {"boxstyle": "round,pad=0.6", "facecolor": "#fff8e1", "edgecolor": "#f9a825"}
NOTES_BOX = {"boxstyle": "round,pad=0.6", "facecolor": "#f7f7f7", "edgecolor": "#bdbdbd"}


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
