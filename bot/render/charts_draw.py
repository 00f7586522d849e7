"""Draw chart specs as PNG with matplotlib's Agg canvas (no display, no pyplot and its global state).

The picture is an opaque light card with its own background, so it reads the same in Discord's dark and light
themes; colours are the Okabe–Ito set, which stay distinct for the common kinds of colour blindness.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap

from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from PIL import Image  # Pillow: matplotlib's own image dependency

from bot.render.chart_specs import Bar, FigureSpec, Spec, TimelineSpec

BACKGROUND = "#f6f7f9"
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
DIFFERS = "#b42318"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH_IN = 10.0
DPI = 90
FONT = 17
PALETTE_COLOURS = 48
MAX_UNPLACED_LINES = 8
# Qualifiers that make a figure a bound rather than a value; the rest ("about", "almost") make it approximate.
LOWER_BOUNDS = ("more than", "over", "at least", "above")
UPPER_BOUNDS = ("less than", "up to", "under", "below", "at most")


def _figure(height_in: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)
    return fig


def _style(ax: Axes) -> None:
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=FONT - 1, length=0)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _png(fig: Figure) -> bytes:
    """The figure as a palette PNG: a chart has few colours, and 48 keep it crisp at a third of the bytes
    (about 20 kB instead of 60–90 kB), which every upload and every reader's download pays for."""
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.convert("RGB").quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE).save(
        out, format="PNG", compress_level=1
    )
    return out.getvalue()


def _cites(cites: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cites)


def draw(spec: Spec) -> bytes:
    if isinstance(spec, TimelineSpec):
        return draw_timeline(spec)
    return draw_figures(spec)


# ---------------------------------------------------------------------------------------------- timeline


def _rows(spec: TimelineSpec, span_days: float) -> dict[str, list[int]]:
    """Sub-row per mark within its lane, so that no two marks or their number labels overlap."""
    chars_per_axis = 70  # about how many label characters fit across the axis at this size
    day_per_char = span_days / chars_per_axis
    rows: dict[str, list[int]] = {}
    ends: dict[str, list[float]] = {lane: [] for lane in spec.lanes}
    for mark in spec.marks:
        start = mark.start.toordinal()
        reach = max(mark.end.toordinal() + 1, start) + (len(_cites(mark.cites)) + 2) * day_per_char
        lane_ends = ends[mark.lane]
        row = next((i for i, end in enumerate(lane_ends) if end <= start), len(lane_ends))
        if row == len(lane_ends):
            lane_ends.append(reach)
        else:
            lane_ends[row] = reach
        rows.setdefault(mark.lane, []).append(row)
    return rows


def draw_timeline(spec: TimelineSpec) -> bytes:
    first = min(m.start for m in spec.marks)
    last = max(m.end for m in spec.marks)
    span = max((last - first).days, 365)
    pad = dt.timedelta(days=span * 0.04 + 30)
    rows = _rows(spec, span + 2 * pad.days)
    depth = {lane: max(rows.get(lane, [0])) + 1 for lane in spec.lanes}
    unplaced = _unplaced_lines(spec)
    plot_rows = sum(depth.values())
    listed_in = 0.32 * len(unplaced) + 0.1 if unplaced else 0.0  # the list of facts not on the axis
    height = 2.0 + 0.42 * plot_rows + 0.3 * len(spec.lanes) + listed_in
    fig = _figure(height)
    bottom_in = 1.0 + listed_in  # tick labels and the legend above the list
    ax = fig.add_axes((0.2, bottom_in / height, 0.77, 1 - (bottom_in + 0.7) / height))
    _style(ax)

    y_of_lane: dict[str, float] = {}
    y = 0.0
    for n, lane in enumerate(spec.lanes):
        y_of_lane[lane] = y
        if n % 2 == 0:
            ax.axhspan(y - 0.5, y + depth[lane] - 0.5, color="#eaeef2", zorder=0, linewidth=0)
        y += depth[lane] + 0.3
    counters = {lane: 0 for lane in spec.lanes}
    for mark in spec.marks:
        row = rows[mark.lane][counters[mark.lane]]
        counters[mark.lane] += 1
        colour = PALETTE[spec.lanes.index(mark.lane) % len(PALETTE)]
        my = y_of_lane[mark.lane] + row
        start = mdates.date2num(mark.start)
        end = mdates.date2num(mark.end + dt.timedelta(days=1))
        if mark.precision == "day":
            ax.plot([start], [my], "o", color=colour, markersize=10, zorder=3)
            right = start + span * 0.006
        elif mark.precision == "range":
            ax.barh(my, end - start, left=start, height=0.36, color=colour, zorder=3)
            right = end
        else:
            # Only the year (or month) is known: shade the whole period, with no point inside it chosen.
            ax.barh(
                my,
                end - start,
                left=start,
                height=0.5,
                color=colour,
                alpha=0.28,
                edgecolor=colour,
                linewidth=1.4,
                hatch="///" if mark.precision == "year" else None,
                zorder=3,
            )
            right = end
        ax.annotate(
            _cites(mark.cites),
            (right, my),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=FONT - 1,
            fontweight="bold",
            color=INK,
            zorder=4,
        )
    ax.set_yticks([y_of_lane[lane] + (depth[lane] - 1) / 2 for lane in spec.lanes])
    ax.set_yticklabels([_lane_label(lane) for lane in spec.lanes])
    ax.set_ylim(y - 0.3 - 0.5, -0.7)
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.text(0.02, 1 - 0.3 / height, textwrap.shorten(spec.title, 70), fontsize=FONT + 3, color=INK, va="top")
    handles: list[Artist] = [
        Line2D([], [], marker="o", linestyle="", color=MUTED, markersize=9, label="exact day"),
        Patch(facecolor=MUTED, alpha=0.35, edgecolor=MUTED, label="month known, whole month shaded"),
        Patch(
            facecolor=MUTED, alpha=0.35, edgecolor=MUTED, hatch="///", label="year only, whole year shaded"
        ),
    ]
    if any(m.precision == "range" for m in spec.marks):
        handles.append(Patch(facecolor=MUTED, label="from – to"))
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.01, (listed_in + 0.02) / height),
        ncols=len(handles),
        fontsize=FONT - 4,
        frameon=False,
        labelcolor=MUTED,
        handlelength=1.4,
        columnspacing=1.0,
    )
    for n, line in enumerate(unplaced):
        fig.text(
            0.02,
            (listed_in - 0.1 - 0.32 * n) / height,
            line,
            fontsize=FONT - 2,
            color=INK if n == 0 else MUTED,
            fontweight="bold" if n == 0 else "normal",
            va="top",
        )
    return _png(fig)


def _lane_label(lane: str) -> str:
    """At most two lines of about 18 characters: what fits left of the axis."""
    lines = textwrap.wrap(lane, 15)
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def _unplaced_lines(spec: TimelineSpec) -> list[str]:
    if not spec.unplaced:
        return []
    lines = ["Not placed on the axis (no date of their own):"]
    shown = spec.unplaced[: MAX_UNPLACED_LINES - 1]
    for u in shown:
        lines.append(textwrap.shorten(f"{_cites(u.cites)} {u.reason} — {u.text}", 110, placeholder="…"))
    if len(spec.unplaced) > len(shown):
        lines[-1] = f"… and {len(spec.unplaced) - len(shown) + 1} more, listed in the answer"
    return lines


# ---------------------------------------------------------------------------------------------- figures


def _scale(spec: FigureSpec) -> tuple[float, str]:
    """Divisor and axis label for the unit, e.g. (1e9, "US$ billion")."""
    top = max(b.value for b in spec.bars)
    if spec.unit == "percent":
        return 1.0, "per cent"
    money = f"{spec.currency} " if spec.currency else ""
    if spec.currency == "USD":
        money = "US$ "
    for divisor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if top >= divisor:
            return divisor, f"{money}{word}".strip() if money else f"{spec.unit}, {word}"
    return 1.0, money.strip() if money else spec.unit


def _bars_width(spec: FigureSpec) -> float:
    """The axes' width (figure fraction) that leaves room for each bar's label after its end."""
    room = 0.98 - 0.27
    char = 0.62 * FONT * DPI / 72 / (WIDTH_IN * DPI)  # a bold character's width, as a figure fraction
    top = max(b.value for b in spec.bars)
    widths = [
        (room - (len(b.as_written) + len(_cites(b.cites)) + 3) * char) / (b.value / top * 1.0 / 1.12)
        for b in spec.bars
        if b.value > 0
    ]
    return max(0.2, min([0.6, *widths]))


def _bound(bar: Bar) -> str | None:
    q = (bar.qualifier or "").lower()
    if any(q.startswith(b) for b in LOWER_BOUNDS):
        return "lower"
    if any(q.startswith(b) for b in UPPER_BOUNDS):
        return "upper"
    return "approx" if q else None


def draw_figures(spec: FigureSpec) -> bytes:
    bars = spec.bars
    divisor, unit_label = _scale(spec)
    sources = list(dict.fromkeys(b.source for b in bars))
    colour_of = {s: PALETTE[n % len(PALETTE)] for n, s in enumerate(sources)}
    title = textwrap.wrap(spec.title, 62)
    title_in = 0.45 + 0.33 * len(title)
    height = 1.6 + title_in + 0.7 * len(bars)
    fig = _figure(height)
    legend_in = 0.45
    ax = fig.add_axes(
        (0.27, (0.6 + legend_in) / height, _bars_width(spec), 1 - (0.6 + legend_in + title_in) / height)
    )
    _style(ax)
    top = max(b.value for b in bars) / divisor
    ys = list(range(len(bars)))[::-1]
    for y, bar in zip(ys, bars, strict=True):
        value = bar.value / divisor
        colour = colour_of[bar.source]
        bound = _bound(bar)
        ax.barh(
            y,
            value,
            height=0.62,
            color=colour,
            alpha=1.0 if bound is None else 0.45,
            hatch="//" if bound in {"approx", "upper"} else None,
            edgecolor=DIFFERS if bar.differs else colour,
            linewidth=2.6 if bar.differs else 1.0,
            zorder=3,
        )
        if bound == "lower":
            ax.annotate(
                "",
                (value + top * 0.07, y),
                xytext=(value, y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2},
                zorder=4,
            )
        end = value + (top * 0.08 if bound == "lower" else 0)
        ax.annotate(
            f"{bar.as_written}  {_cites(bar.cites)}",
            (end, y),
            xytext=(6, 1),
            textcoords="offset points",
            va="bottom",
            fontsize=FONT - 1,
            color=INK,
            fontweight="bold",
            annotation_clip=False,
            zorder=4,
        )
        ax.annotate(
            textwrap.shorten(bar.source, 40) + ("  ≠ sources differ" if bar.differs else ""),
            (end, y),
            xytext=(6, -1),
            textcoords="offset points",
            va="top",
            fontsize=FONT - 3,
            color=DIFFERS if bar.differs else MUTED,
            fontweight="bold" if bar.differs else "normal",
            annotation_clip=False,
            zorder=4,
        )
    ax.set_yticks(ys)
    ax.set_yticklabels([textwrap.fill(b.subject, 18) for b in bars])
    ax.set_xlim(0, top * 1.12)
    ax.set_xlabel(unit_label, color=MUTED, fontsize=FONT - 1)
    fig.text(
        0.02,
        1 - 0.25 / height,
        "\n".join(title),
        fontsize=FONT + 2,
        color=INK,
        va="top",
    )
    handles: list[Artist] = [
        Patch(facecolor=MUTED, label="as stated"),
        Patch(facecolor=MUTED, alpha=0.45, hatch="//", label="approximate, or an upper bound (“up to”)"),
    ]
    if any(_bound(b) == "lower" for b in bars):
        handles.append(Line2D([], [], marker=">", color=MUTED, label="lower bound (“more than”)"))
    if any(b.differs for b in bars):
        handles.append(Patch(facecolor="none", edgecolor=DIFFERS, linewidth=2, label="sources differ"))
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.02, 0.02),
        ncols=len(handles),
        fontsize=FONT - 3,
        frameon=False,
        labelcolor=INK,
    )
    return _png(fig)
