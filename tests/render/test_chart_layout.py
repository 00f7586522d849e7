"""Chart layout computed from the content: measured text, labels that never overlap and never leave the picture."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgb
from matplotlib.font_manager import FontProperties
from PIL import Image

from bot.commands import run_command
from bot.core import Core
from bot.render.chart_canvas import (
    BACKGROUND,
    DPI,
    WIDTH_PX,
    Key,
    Style,
    drawable,
    legend_rows,
    px,
    text_width,
)
from bot.render.chart_specs import Mark, TimelineSpec
from bot.render.charts import spec_for
from bot.render.charts_draw import (
    LABEL_GAP,
    LANE_SIZE,
    LANE_WIDTH,
    MARGIN,
    assign_rows,
    axis_span,
    bars_width,
    draw,
    fit_lines,
    mark_extents,
)


@pytest.mark.parametrize(
    ("text", "size", "bold"),
    [
        ("[12][13]", 16, True),
        ("Unnamed news outlet  ≠ sources differ", 14, False),
        ("an estimated $8 billion  [14][15]", 16, True),
        ("Communist Party of China", 16, False),
        ("month known, whole month shaded", 13, False),
    ],
)
def test_text_is_measured_as_the_renderer_draws_it(text: str, size: float, bold: bool) -> None:
    renderer = RendererAgg(WIDTH_PX, 100, DPI)
    font = FontProperties(size=size, weight="bold" if bold else "normal")
    drawn, _, _ = renderer.get_text_width_height_descent(text, font, False)
    assert text_width(text, size, bold=bold) == pytest.approx(drawn, abs=2)


async def _timelines(core: Core) -> list[TimelineSpec]:
    specs = []
    for options in ({}, {"about": "Kazakhstan"}, {"about": "Tajikistan"}, {"about": "SCO"}):
        reply = await run_command(core, "timeline", options, draw=False)
        assert reply.brief is not None
        spec = await spec_for(core.store, reply.brief)
        assert isinstance(spec, TimelineSpec)
        specs.append(spec)
    return specs


async def test_timeline_marks_and_labels_in_one_row_never_overlap(core: Core) -> None:
    for spec in await _timelines(core):
        lo, hi = axis_span(spec)
        placed = assign_rows(mark_extents(spec, lo, hi))
        assert [p.mark for p in placed] == spec.marks
        for a, b in itertools.combinations(placed, 2):
            if (a.mark.lane, a.row) == (b.mark.lane, b.row):
                first, second = sorted((a, b), key=lambda p: p.left)
                assert first.right + LABEL_GAP <= second.left, (spec.title, first.mark, second.mark)
        # Each label ends inside the picture, however late its mark.
        assert max(p.right for p in placed) <= WIDTH_PX - MARGIN + 1e-6
        # A row is opened only when a mark does not fit in the rows above.
        rows = {(p.mark.lane, p.row) for p in placed}
        assert all(row == 0 or (lane, row - 1) in rows for lane, row in rows)


def test_a_late_mark_stretches_the_axis_to_keep_its_label_inside() -> None:
    early = Mark("a", (1,), "Kazakhstan", dt.date(1992, 1, 1), dt.date(1992, 12, 31), "year", "1992", "x")
    late = Mark(
        "b", (2, 3, 4), "Kazakhstan", dt.date(2024, 6, 1), dt.date(2024, 6, 1), "day", "2024-06-01", "y"
    )
    spec = TimelineSpec("Timeline", ["Kazakhstan"], [early, late])
    lo, hi = axis_span(spec)
    padded = dt.date(2024, 6, 1).toordinal() + (late.start - early.start).days * 0.04 + 30
    assert hi > padded  # stretched beyond the usual padding, just enough for the label
    placed = mark_extents(spec, lo, hi)
    assert placed[1].right == pytest.approx(WIDTH_PX - MARGIN)
    assert placed[0].right < placed[1].left


def test_names_are_broken_into_lines_that_fit() -> None:
    assert fit_lines("Kazakhstan", LANE_WIDTH, LANE_SIZE, 2) == ["Kazakhstan"]
    lines = fit_lines("Communist Party of China", LANE_WIDTH, LANE_SIZE, 2)
    assert len(lines) == 2 and " ".join(lines) == "Communist Party of China"
    long = fit_lines("China-Tajikistan community with a shared future", LANE_WIDTH, LANE_SIZE, 2)
    assert len(long) == 2 and long[-1].endswith("…")
    for lines in (long, fit_lines("x" * 80, LANE_WIDTH, LANE_SIZE, 2)):
        assert all(text_width(line, LANE_SIZE) <= LANE_WIDTH for line in lines)


def test_legend_keys_wrap_into_rows_that_fit_in_order() -> None:
    keys = [
        Key(label, Style("#000000"))
        for label in ("as stated", "approximate, or an upper bound", "sources differ")
    ]
    assert legend_rows(keys, 14, WIDTH_PX) == [keys]
    narrow = legend_rows(keys, 14, 350)
    assert len(narrow) > 1 and [k for row in narrow for k in row] == keys
    swatch = px(14) * 1.9
    for row in narrow:
        widths = [swatch + text_width(k.label, 14) for k in row]
        assert sum(widths) + px(14) * 1.2 * (len(row) - 1) <= 350 or len(row) == 1


def _right_edge_is_blank(png: bytes) -> bool:
    """Nothing drawn in the margin kept clear at the picture's right edge."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        background = tuple(round(c * 255) for c in to_rgb(BACKGROUND))
        edge = rgb.crop((WIDTH_PX - int(MARGIN) + 2, 0, WIDTH_PX, rgb.height))
        return all(
            max(abs(a - b) for a, b in zip(colour, background, strict=True)) <= 3
            for _, colour in edge.getcolors()
        )


async def test_drawn_charts_keep_their_labels_inside_the_picture(core: Core) -> None:
    specs = list(await _timelines(core))
    for command, options in (
        ("compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"}),
        ("figure", {"query": "loan", "country": "Kazakhstan"}),
    ):
        reply = await run_command(core, command, options, draw=False)
        assert reply.brief is not None
        figure = await spec_for(core.store, reply.brief)
        assert figure is not None and not isinstance(figure, TimelineSpec)
        assert 0.2 * WIDTH_PX <= bars_width(figure) <= 0.6 * WIDTH_PX
        specs.append(figure)
    for spec in specs:
        assert _right_edge_is_blank(draw(spec)), spec.title


def test_text_the_font_cannot_draw_is_shown_as_boxes_not_an_error() -> None:
    assert drawable("Timeline — ０８:３０") == "Timeline — □□:□□"
    assert drawable("a\x00b\tc\u200bd\u202ee\u2028f") == "ab cde f"
    day = dt.date(2000, 1, 1)
    title = "Timeline — ０８:３０ \x00"
    spec = TimelineSpec(title, ["Lane ０"], [Mark("a", (1,), "Lane ０", day, day, "day", "2000-01-01", "x")])
    with Image.open(io.BytesIO(draw(spec))) as image:
        assert image.width == WIDTH_PX
