"""Draw the prize timeline (first prize year → current year) as a PNG."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from bot.knowledge.models import KnowledgeBase
from bot.pictures.content import TimelineEntry, first_year, timeline_entries
from bot.pictures.maplayout import MUTED_COLOUR, TEXT_COLOUR, WINNER_COLOUR
from bot.pictures.texts import text

WIDTH_PX, HEIGHT_PX, DPI = 1600, 600, 100
GAP_COLOUR = "#9e9e9e"
UNKNOWN_COLOUR = "#f9a825"
AXIS_Y = 0.0
"""Data y of the time axis; names go above, year numbers and gap notes below."""
Y_RANGE = (-3.2, 4.2)
LEFT_PX, RIGHT_PX = 70, 1560


@dataclass(frozen=True)
class TimelineLayout:
    """Maps a year to its pixel column, and data y to pixel rows (origin top-left)."""

    first: int
    last: int

    def x_of(self, year: float) -> float:
        """Data x (= pixel column) of a year's mark."""
        span = max(1, self.last - self.first)
        return LEFT_PX + (year - self.first) * (RIGHT_PX - LEFT_PX) / span

    def row_of(self, y: float) -> int:
        """Pixel row of data y."""
        frac = (y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])
        return int(HEIGHT_PX - frac * HEIGHT_PX)

    def to_pixel(self, year: float, y: float = AXIS_Y) -> tuple[int, int]:
        """(column, row) of the point at ``year`` and height ``y``."""
        return int(self.x_of(year)), self.row_of(y)


def timeline_layout(kb: KnowledgeBase, now: datetime) -> TimelineLayout:
    """The layout for the timeline drawn at ``now``."""
    return TimelineLayout(first_year(kb), now.year)


@dataclass(frozen=True)
class _MarkStyle:
    marker: str
    color: str
    size: float
    edge: str | None = None


_MARK_STYLES = {
    "awarded": _MarkStyle("o", WINNER_COLOUR, 260),
    "joint": _MarkStyle("o", WINNER_COLOUR, 260),
    "merged": _MarkStyle("o", "white", 200, WINNER_COLOUR),
    "no_prize": _MarkStyle("X", GAP_COLOUR, 230),
    "open": _MarkStyle("o", "white", 220, WINNER_COLOUR),
    "unknown": _MarkStyle("o", "white", 220, UNKNOWN_COLOUR),
}


def _mark(ax: Axes, x: float, entry: TimelineEntry) -> None:
    style = _MARK_STYLES[entry.kind]
    ax.scatter(
        [x],
        [AXIS_Y],
        zorder=4,
        linewidths=2.5,
        marker=style.marker,
        color=style.color,
        s=style.size,
        edgecolors=style.edge,
    )
    if entry.kind == "unknown":
        ax.text(
            x,
            AXIS_Y,
            "?",
            ha="center",
            va="center",
            fontsize=12,
            fontweight="bold",
            color=UNKNOWN_COLOUR,
            zorder=5,
        )


def draw_timeline(
    kb: KnowledgeBase, entries: list[TimelineEntry], layout: TimelineLayout, first: int, last: int
) -> bytes:
    """Render the entries and return PNG bytes."""
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_PX)
    ax.set_ylim(*Y_RANGE)
    ax.set_axis_off()

    ax.plot(
        [layout.x_of(first) - 30, layout.x_of(last) + 30],
        [AXIS_Y, AXIS_Y],
        color="#bdbdbd",
        linewidth=3,
        zorder=1,
        solid_capstyle="round",
    )
    for entry in entries:
        x = layout.x_of(entry.year)
        _mark(ax, x, entry)
        ax.text(
            x,
            AXIS_Y - 0.45,
            str(entry.year),
            ha="center",
            va="top",
            fontsize=12.5,
            color=TEXT_COLOUR,
            fontweight="bold",
        )
        if entry.winner:
            centre = x
            if entry.kind == "joint":
                centre = (layout.x_of(entry.year - 1) + x) / 2
            ax.plot(
                [centre, centre],
                [AXIS_Y + 0.3, AXIS_Y + 0.62],
                color="#bdbdbd",
                linewidth=1,
                zorder=1,
            )
            ax.text(
                centre,
                AXIS_Y + 0.72,
                entry.winner,
                ha="left",
                va="bottom",
                rotation=40,
                rotation_mode="anchor",
                fontsize=13.5,
                color=WINNER_COLOUR,
                fontweight="bold",
            )
        if entry.kind == "merged" and entry.span_to is not None:
            x_to = layout.x_of(entry.span_to)
            ax.add_patch(
                FancyBboxPatch(
                    (x - 22, AXIS_Y - 0.36),
                    x_to - x + 44,
                    0.72,
                    boxstyle="round,pad=0,rounding_size=18",
                    facecolor="none",
                    edgecolor=WINNER_COLOUR,
                    linewidth=1.5,
                    linestyle="--",
                    zorder=3,
                    mutation_aspect=(Y_RANGE[1] - Y_RANGE[0]) / HEIGHT_PX,
                )
            )
            ax.text(
                (x + x_to) / 2,
                AXIS_Y - 1.25,
                entry.note,
                ha="center",
                va="top",
                fontsize=11.5,
                color=TEXT_COLOUR,
                style="italic",
            )
        elif entry.note:
            colour = UNKNOWN_COLOUR if entry.kind == "unknown" else MUTED_COLOUR
            ax.text(
                x,
                AXIS_Y - 1.25,
                entry.note,
                ha="center",
                va="top",
                fontsize=11.5,
                color=colour,
                style="italic",
                fontweight="bold",
            )

    fig.text(
        0.02,
        0.955,
        text(kb, "timeline.title", prize=text(kb, "prize_name"), first=first, last=last),
        fontsize=20,
        fontweight="bold",
        color=TEXT_COLOUR,
        va="top",
    )
    fig.text(
        0.02, 0.885, text(kb, "timeline.subtitle"), fontsize=13.5, color=MUTED_COLOUR, va="top"
    )
    legend = [
        ("o", WINNER_COLOUR, WINNER_COLOUR, text(kb, "timeline.legend.awarded")),
        ("X", GAP_COLOUR, GAP_COLOUR, text(kb, "timeline.legend.no_prize")),
        ("o", "white", UNKNOWN_COLOUR, text(kb, "timeline.legend.unknown")),
    ]
    for index, (marker, face, edge, label) in enumerate(legend):
        lx, ly = 70 + index * 260, Y_RANGE[0] + 0.45
        ax.scatter([lx], [ly], marker=marker, s=120, color=face, edgecolors=edge, linewidths=2)
        ax.text(lx + 18, ly, label, va="center", fontsize=12, color=TEXT_COLOUR)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def render_timeline(kb: KnowledgeBase, *, now: datetime) -> bytes:
    """Return the PNG timeline from the first prize year to ``now``'s year."""
    layout = timeline_layout(kb, now)
    return draw_timeline(kb, timeline_entries(kb, now), layout, layout.first, layout.last)
