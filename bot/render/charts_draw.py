"""Draw chart specs as PNG: positions computed from the content in pixels, drawn on a bare matplotlib figure.

The picture is an opaque light card with its own background, so it reads the same in Discord's dark and light
themes; colours are the Okabe–Ito set, which stay distinct for the common kinds of colour blindness.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib import dates as mdates
from matplotlib.ticker import MaxNLocator

from bot.render.chart_canvas import (
    BAND,
    DIFFERS,
    DPI,
    FONT,
    GRID,
    INK,
    MUTED,
    PALETTE,
    WIDTH_IN,
    WIDTH_PX,
    Canvas,
    Key,
    Style,
    legend,
    legend_line,
    legend_rows,
    px,
    text_width,
)
from bot.render.chart_specs import Bar, FigureSpec, Mark, Spec, TimelineSpec

__all__ = ["DPI", "WIDTH_IN", "draw", "draw_figures", "draw_timeline"]

MAX_UNPLACED_LINES = 8
# Qualifiers that make a figure a bound rather than a value; the rest ("about", "almost") make it approximate.
LOWER_BOUNDS = ("more than", "over", "at least", "above")
UPPER_BOUNDS = ("less than", "up to", "under", "below", "at most")
MARGIN = 12.0  # pixels kept clear at the picture's right edge
TEXT_LEFT = 0.02 * WIDTH_PX  # where the title, legend and lists begin
LEGEND_WIDTH = WIDTH_PX - TEXT_LEFT - MARGIN


def _cites(cites: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cites)


def draw(spec: Spec) -> bytes:
    if isinstance(spec, TimelineSpec):
        return draw_timeline(spec)
    return draw_figures(spec)


def warm_up() -> None:
    """Draw one small chart of each kind, and throw them away: the first drawing loads the fonts and fills
    the measuring caches (tens of milliseconds), which a reader's first chart should not wait for."""
    day = dt.date(2000, 1, 1)
    draw(TimelineSpec("Timeline", ["Lane"], [Mark("warm", (1,), "Lane", day, day, "day", "2000-01-01", "")]))
    draw(FigureSpec("Figures", "percent", None, [Bar("warm", (1,), "One", 1.0, "1%", None, "Source", False)]))


# ---------------------------------------------------------------------------------------------- timeline

ROW = 0.5 * DPI  # one row of marks
LANE_GAP = 0.3 * ROW
PLOT_LEFT = 0.2 * WIDTH_PX
PLOT_RIGHT = 0.97 * WIDTH_PX
TITLE_H = 0.7 * DPI
LABEL_SIZE = FONT - 1
LABEL_GAP = px(4)  # between a mark's end and its citation numbers
DOT = 10  # points: a day's marker
LIST_SIZE = FONT - 2
LEGEND_SIZE = FONT - 4
LANE_SIZE = FONT - 1
LANE_LINE = px(LANE_SIZE) * 1.25
LANE_WIDTH = PLOT_LEFT - 10 - 0.015 * WIDTH_PX
LIST_LINE = 0.32 * DPI


@dataclass(frozen=True, slots=True)
class Placed:
    """A mark's horizontal extent in pixels: the mark itself, then its label up to `right`."""

    mark: Mark
    left: float
    end: float  # where the mark ends and its label begins (less the gap)
    right: float
    row: int = 0


def _reach(mark: Mark) -> tuple[float, float]:
    """Where a mark ends (a day number) and how many pixels its dot and label take after that."""
    label = LABEL_GAP + text_width(_cites(mark.cites), LABEL_SIZE, bold=True)
    if mark.precision == "day":
        return mark.start.toordinal(), px(DOT) / 2 + label
    return mark.end.toordinal() + 1, label


def mark_extents(spec: TimelineSpec, lo: float, hi: float) -> list[Placed]:
    """Each mark's pixels on an axis from day `lo` to day `hi`, its citation label measured as drawn."""
    scale = (PLOT_RIGHT - PLOT_LEFT) / (hi - lo)
    placed = []
    for mark in spec.marks:
        day, after = _reach(mark)
        at = PLOT_LEFT + (day - lo) * scale
        left = PLOT_LEFT + (mark.start.toordinal() - lo) * scale
        placed.append(Placed(mark, left, at + px(DOT) / 2 if mark.precision == "day" else at, at + after))
    return placed


def axis_span(spec: TimelineSpec) -> tuple[float, float]:
    """The axis' first and last day (proleptic ordinals): the marks' span padded, and longer on the right
    where the last labels need it to end inside the picture."""
    first = min(m.start for m in spec.marks).toordinal()
    last = max(m.end for m in spec.marks).toordinal()
    span = max(last - first, 365)
    lo, hi = first - (span * 0.04 + 30), last + span * 0.04 + 30
    room = WIDTH_PX - MARGIN - PLOT_LEFT
    for mark in spec.marks:
        day, after = _reach(mark)
        # The mark's label ends inside when (day - lo) / (hi - lo) of the axis leaves `after` pixels free.
        hi = max(hi, lo + (day - lo) * (PLOT_RIGHT - PLOT_LEFT) / (room - after))
    return lo, hi


def assign_rows(placed: Sequence[Placed]) -> list[Placed]:
    """A row per mark within its lane, the first where it and its label clear everything already there."""
    ends: dict[str, list[float]] = {}
    out = []
    for p in placed:
        lane_ends = ends.setdefault(p.mark.lane, [])
        row = next((i for i, end in enumerate(lane_ends) if end + LABEL_GAP <= p.left), len(lane_ends))
        if row == len(lane_ends):
            lane_ends.append(p.right)
        else:
            lane_ends[row] = p.right
        out.append(Placed(p.mark, p.left, p.end, p.right, row))
    return out


def draw_timeline(spec: TimelineSpec) -> bytes:
    lo, hi = axis_span(spec)
    placed = assign_rows(mark_extents(spec, lo, hi))
    rows = {lane: 1 + max((p.row for p in placed if p.mark.lane == lane), default=0) for lane in spec.lanes}
    labels = {lane: _lane_label(lane) for lane in spec.lanes}
    # A lane is as tall as its rows of marks, or its name where that takes more lines.
    tall = {
        lane: max(rows[lane] * ROW, (labels[lane].count("\n") + 1) * LANE_LINE + 0.3 * ROW)
        for lane in spec.lanes
    }
    unplaced = _unplaced_lines(spec)
    keys = legend_rows(_timeline_keys(spec), LEGEND_SIZE, LEGEND_WIDTH)

    top = TITLE_H + 0.2 * ROW
    lane_top: dict[str, float] = {}
    y = top
    for lane in spec.lanes:
        lane_top[lane] = y
        y += tall[lane] + LANE_GAP
    bottom = y - LANE_GAP + 0.2 * ROW
    legend_y = bottom + 0.75 * DPI
    list_top = legend_y + (len(keys) - 1) * legend_line(LEGEND_SIZE) + 0.38 * DPI
    height = list_top + (len(unplaced) * LIST_LINE + 0.1 * DPI if unplaced else 0.0) + 0.1 * DPI
    canvas = Canvas(height)

    canvas.boxes(
        [
            (PLOT_LEFT, lane_top[lane], PLOT_RIGHT, lane_top[lane] + tall[lane])
            for n, lane in enumerate(spec.lanes)
            if n % 2 == 0
        ],
        Style(BAND),
    )
    ticks = _date_ticks(lo, hi)
    canvas.lines([(x, top, x, bottom) for x, _ in ticks], GRID, 0.8)
    canvas.lines([(PLOT_LEFT, bottom, PLOT_RIGHT, bottom)], MUTED, 0.8)
    for x, label in ticks:
        canvas.text(x, bottom + px(5), label, size=FONT - 1, ha="center", va="top")

    boxes: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
    dots: dict[str, list[tuple[float, float]]] = {}
    for p in placed:
        colour = PALETTE[spec.lanes.index(p.mark.lane) % len(PALETTE)]
        lane = p.mark.lane
        my = lane_top[lane] + (tall[lane] - rows[lane] * ROW) / 2 + (p.row + 0.5) * ROW
        if p.mark.precision == "day":
            dots.setdefault(colour, []).append((p.left, my))
        else:
            half = ROW * (0.18 if p.mark.precision == "range" else 0.25)
            boxes.setdefault((colour, p.mark.precision), []).append((p.left, my - half, p.end, my + half))
        canvas.text(p.end + LABEL_GAP, my, _cites(p.mark.cites), size=LABEL_SIZE, bold=True, va="center")
    for (colour, precision), shapes in boxes.items():
        canvas.boxes(shapes, _precision_style(precision, colour))
    for colour, points in dots.items():
        canvas.dots(points, colour, DOT)

    for lane in spec.lanes:
        middle = lane_top[lane] + tall[lane] / 2
        canvas.text(PLOT_LEFT - 10, middle, labels[lane], size=LANE_SIZE, ha="right", va="center")
    canvas.text(
        TEXT_LEFT, 0.3 * DPI, fit_lines(spec.title, LEGEND_WIDTH, FONT + 3, 1)[0], size=FONT + 3, va="top"
    )
    legend(canvas, keys, TEXT_LEFT, legend_y, LEGEND_SIZE, MUTED)
    if unplaced:
        canvas.text(TEXT_LEFT, list_top, unplaced[0], size=LIST_SIZE, bold=True, va="top")
        if len(unplaced) > 1:
            canvas.text(
                TEXT_LEFT,
                list_top + LIST_LINE,
                "\n".join(unplaced[1:]),
                size=LIST_SIZE,
                colour=MUTED,
                va="top",
                linespacing=LIST_LINE / px(LIST_SIZE),
            )
    return canvas.png()


def _timeline_keys(spec: TimelineSpec) -> list[Key]:
    keys = [
        Key("exact day", Style(MUTED), "dot"),
        Key("month known, whole month shaded", _precision_style("month", MUTED)),
        Key("year only, whole year shaded", _precision_style("year", MUTED)),
    ]
    if any(m.precision == "range" for m in spec.marks):
        keys.append(Key("from – to", _precision_style("range", MUTED)))
    return keys


def _precision_style(precision: str, colour: str) -> Style:
    if precision in {"day", "range"}:
        return Style(colour)
    # Only the year (or month) is known: shade the whole period, with no point inside it chosen.
    return Style(colour, 0.28, colour, 1.4, "///" if precision == "year" else None)


def _date_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """(x, label) of each date tick inside the axis from day `lo` to `hi`, chosen and labelled as
    matplotlib's concise date axis does."""
    epoch = dt.date(1970, 1, 1)
    offset = epoch.toordinal() - float(mdates.date2num(epoch))  # matplotlib's day numbers to ordinals
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    start, stop = (dt.datetime.fromordinal(int(d)) for d in (lo, hi))
    values = [v for v in locator.tick_values(start, stop) if lo <= v + offset <= hi]
    labels = mdates.ConciseDateFormatter(locator).format_ticks(values)
    scale = (PLOT_RIGHT - PLOT_LEFT) / (hi - lo)
    return [(PLOT_LEFT + (v + offset - lo) * scale, label) for v, label in zip(values, labels, strict=True)]


def _lane_label(lane: str) -> str:
    """The lane's name in at most two lines that fit left of the axis, measured as drawn."""
    return "\n".join(fit_lines(lane, LANE_WIDTH, LANE_SIZE, 2))


def fit_lines(text: str, width: float, size: float, most: int) -> list[str]:
    """`text` broken at spaces (or after hyphens) into at most `most` lines no wider than `width` pixels,
    measured as drawn; a line cut short, or the last when more would follow, ends in "…"."""
    lines: list[str] = []
    for word in text.replace("-", "- ").split():
        joined = f"{lines[-1]}{'' if lines[-1].endswith('-') else ' '}{word}" if lines else word
        if lines and text_width(joined, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    fitted = lines[:most]
    more = len(lines) > most
    if more:
        fitted[-1] = f"{fitted[-1]} {lines[most]}"
    return [_clip(line, width, size, force=more and n == len(fitted) - 1) for n, line in enumerate(fitted)]


def _clip(line: str, width: float, size: float, *, force: bool) -> str:
    if not force and text_width(line, size) <= width:
        return line
    while line and text_width(line + "…", size) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _unplaced_lines(spec: TimelineSpec) -> list[str]:
    if not spec.unplaced:
        return []
    lines = ["Not placed on the axis (no date of their own):"]
    shown = spec.unplaced[: MAX_UNPLACED_LINES - 1]
    for u in shown:
        lines.append(fit_lines(f"{_cites(u.cites)} {u.reason} — {u.text}", LEGEND_WIDTH, LIST_SIZE, 1)[0])
    if len(spec.unplaced) > len(shown):
        lines[-1] = f"… and {len(spec.unplaced) - len(shown) + 1} more, listed in the answer"
    return lines


# ---------------------------------------------------------------------------------------------- figures

SLOT = 0.8 * DPI  # one bar and its gap
BARS_LEFT = 0.27 * WIDTH_PX
VALUE_SIZE = FONT - 1
SOURCE_SIZE = FONT - 3
FIGURE_LEGEND_SIZE = FONT - 3
SUBJECT_WIDTH = BARS_LEFT - 8 - TEXT_LEFT


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


def _bound(bar: Bar) -> str | None:
    q = (bar.qualifier or "").lower()
    if any(q.startswith(b) for b in LOWER_BOUNDS):
        return "lower"
    if any(q.startswith(b) for b in UPPER_BOUNDS):
        return "upper"
    return "approx" if q else None


def _value_label(bar: Bar) -> str:
    return f"{bar.as_written}  {_cites(bar.cites)}"


def _source_label(bar: Bar) -> str:
    return textwrap.shorten(bar.source, 40) + ("  ≠ sources differ" if bar.differs else "")


def bars_width(spec: FigureSpec) -> float:
    """The axis' length in pixels: as long as it can be (up to 60 % of the picture) while each bar's labels,
    measured as drawn, end inside the picture."""
    room = WIDTH_PX - MARGIN - BARS_LEFT
    top = max(b.value for b in spec.bars) * 1.12
    width = 0.6 * WIDTH_PX
    for bar in spec.bars:
        if bar.value <= 0:
            continue
        label = max(
            text_width(_value_label(bar), VALUE_SIZE, bold=True),
            text_width(_source_label(bar), SOURCE_SIZE, bold=bar.differs),
        )
        # A lower bound's label starts after its arrow, 8 % of the axis further on.
        reach = (bar.value + (0.08 * top if _bound(bar) == "lower" else 0)) / top
        width = min(width, (room - px(6) - label) / reach)
    return max(0.2 * WIDTH_PX, width)


def draw_figures(spec: FigureSpec) -> bytes:
    bars = spec.bars
    divisor, unit_label = _scale(spec)
    sources = list(dict.fromkeys(b.source for b in bars))
    colour_of = {s: PALETTE[n % len(PALETTE)] for n, s in enumerate(sources)}
    title = fit_lines(spec.title, LEGEND_WIDTH, FONT + 2, 3)
    title_h = (0.45 + 0.33 * len(title)) * DPI
    top = title_h + 0.1 * DPI
    bottom = top + SLOT * len(bars)
    keys = legend_rows(_figure_keys(bars), FIGURE_LEGEND_SIZE, LEGEND_WIDTH)
    legend_y = bottom + 1.07 * DPI
    canvas = Canvas(legend_y + (len(keys) - 1) * legend_line(FIGURE_LEGEND_SIZE) + 0.28 * DPI)
    axis_w = bars_width(spec)
    high = max(b.value for b in bars) / divisor * 1.12
    scale = axis_w / high

    locator = MaxNLocator(nbins=max(3, int(axis_w // 90)), steps=[1, 2, 2.5, 5, 10])
    ticks = [t for t in locator.tick_values(0, high) if 0 <= t <= high]
    canvas.lines([(BARS_LEFT + t * scale, top, BARS_LEFT + t * scale, bottom) for t in ticks], GRID, 0.8)
    canvas.lines([(BARS_LEFT, bottom, BARS_LEFT + axis_w, bottom)], MUTED, 0.8)
    for t in ticks:
        canvas.text(BARS_LEFT + t * scale, bottom + px(5), f"{t:g}", size=FONT - 1, ha="center", va="top")
    canvas.text(
        BARS_LEFT + axis_w / 2,
        bottom + 0.42 * DPI,
        unit_label,
        size=FONT - 1,
        colour=MUTED,
        ha="center",
        va="top",
    )

    for n, bar in enumerate(bars):
        middle = top + (n + 0.5) * SLOT
        value = bar.value / divisor
        colour = colour_of[bar.source]
        bound = _bound(bar)
        end = BARS_LEFT + value * scale
        half = SLOT * 0.31
        canvas.boxes(
            [(BARS_LEFT, middle - half, end, middle + half)],
            Style(
                colour,
                1.0 if bound is None else 0.45,
                DIFFERS if bar.differs else colour,
                2.6 if bar.differs else 1.0,
                "//" if bound in {"approx", "upper"} else None,
            ),
        )
        if bound == "lower":
            canvas.arrow(end, end + 0.07 * axis_w, middle, colour)
            end += 0.08 * axis_w
        canvas.text(end + px(6), middle - px(1), _value_label(bar), size=VALUE_SIZE, bold=True, va="bottom")
        canvas.text(
            end + px(6),
            middle + px(1),
            _source_label(bar),
            size=SOURCE_SIZE,
            colour=DIFFERS if bar.differs else MUTED,
            bold=bar.differs,
            va="top",
        )
        canvas.text(
            BARS_LEFT - 8,
            middle,
            "\n".join(fit_lines(bar.subject, SUBJECT_WIDTH, FONT - 1, 3)),
            size=FONT - 1,
            ha="right",
            va="center",
        )
    canvas.text(TEXT_LEFT, 0.25 * DPI, "\n".join(title), size=FONT + 2, va="top")
    legend(canvas, keys, TEXT_LEFT, legend_y, FIGURE_LEGEND_SIZE, INK)
    return canvas.png()


def _figure_keys(bars: Sequence[Bar]) -> list[Key]:
    keys = [
        Key("as stated", Style(MUTED)),
        Key("approximate, or an upper bound (“up to”)", Style(MUTED, 0.45, MUTED, 1.0, "//")),
    ]
    if any(_bound(b) == "lower" for b in bars):
        keys.append(Key("lower bound (“more than”)", Style(MUTED), "arrow"))
    if any(b.differs for b in bars):
        keys.append(Key("sources differ", Style("none", 1.0, DIFFERS, 2.0)))
    return keys
