"""Charts drawn from the real fact base: what they show comes from cited facts, and nothing is placed by guess."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import re
from concurrent.futures import Future
from pathlib import Path

import pytest
from PIL import Image

from bot.adapters.cli.console import ask
from bot.briefs import Brief
from bot.commands import run_command
from bot.core import Core
from bot.factbase.store import FactRecord
from bot.render import charts
from bot.render.charts import FigureSpec, TimelineSpec, date_span, figure_spec, spec_for
from bot.render.charts_draw import DPI, WIDTH_IN, draw
from bot.render.discord import page_citations, render_pages

WIDTH_PX = int(WIDTH_IN * DPI)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 1_000_000


def _is_png(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_MAGIC)
    assert len(data) <= MAX_BYTES
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _numbers(brief: Brief, fact_id: str) -> tuple[int, ...]:
    return tuple(c.n for c in brief.citations if c.fact_id == fact_id)


async def _facts(core: Core, ids: list[str]) -> dict[str, FactRecord]:
    return {f.id: f for f in await core.store.facts_by_ids(ids)}


# ------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("date", "end", "expected"),
    [
        ("2011", None, (dt.date(2011, 1, 1), dt.date(2011, 12, 31), "year")),
        ("1992-01", None, (dt.date(1992, 1, 1), dt.date(1992, 1, 31), "month")),
        ("2024-02", None, (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")),
        ("2019-01-13", None, (dt.date(2019, 1, 13), dt.date(2019, 1, 13), "day")),
        ("2001", "2003-06", (dt.date(2001, 1, 1), dt.date(2003, 6, 30), "range")),
    ],
)
def test_a_partial_date_is_the_whole_period_it_can_mean(date, end, expected) -> None:
    assert date_span(date, end) == expected


# ------------------------------------------------------------------------------------------- timeline


async def test_timeline_chart_marks_each_dated_fact_with_its_citation_numbers(core: Core) -> None:
    reply = await run_command(core, "timeline", {"about": "Tajikistan"})
    assert reply.brief is not None and reply.chart is not None
    brief, chart = reply.brief, reply.chart
    assert chart.kind == "timeline" and chart.filename.endswith(".png")
    width, height = _is_png(chart.data)
    assert width == WIDTH_PX and 300 < height < 2000

    spec = await spec_for(core.store, brief)
    assert isinstance(spec, TimelineSpec) and spec.marks
    facts = await _facts(core, [m.fact_id for m in spec.marks])
    item_ids = {item.fact_id for s in brief.sections for item in s.items}
    for mark in spec.marks:
        fact = facts[mark.fact_id]
        assert mark.fact_id in item_ids
        assert mark.cites == _numbers(brief, mark.fact_id)
        assert fact.date is not None and mark.label.startswith(fact.date)
        assert (mark.start, mark.end, mark.precision) == date_span(fact.date, fact.date_end)
        assert "".join(f"[{n}]" for n in mark.cites) in chart.alt_text
    # "2006" is a year, drawn as the whole year: never pinned to a day the source does not give.
    years = [m for m in spec.marks if m.label == "2006"]
    assert years and all(m.precision == "year" for m in years)
    # Lanes group by the country or entity each fact is about; the timeline's own subject is not a lane
    # unless nothing else names the fact.
    assert set(spec.lanes) >= {m.lane for m in spec.marks}


async def test_undated_and_as_of_the_source_facts_are_listed_never_placed(core: Core) -> None:
    ids = [
        "ank-samruk-kazyna-loan-2011",  # dated 2011
        "him-diplomatic-relations-january-1992",  # dated 1992-01
        "vac-cab-kazakhstan-unfavourable-china",  # as of the source
        "him-kazakhstan-33-billion",  # no date at all
    ]
    brief = await core.briefs.facts_sections(
        "Timeline — mixed", {"command": "timeline", "about": "kazakhstan"}, [("Facts", ids)]
    )
    spec = await spec_for(core.store, brief)
    assert isinstance(spec, TimelineSpec)
    assert [m.fact_id for m in spec.marks] == [
        "him-diplomatic-relations-january-1992",
        "ank-samruk-kazyna-loan-2011",
    ]
    assert {u.fact_id: u.reason for u in spec.unplaced} == {
        "vac-cab-kazakhstan-unfavourable-china": "as of the source",
        "him-kazakhstan-33-billion": "undated",
    }
    for u in spec.unplaced:
        assert u.cites == _numbers(brief, u.fact_id)
    _is_png(draw(spec))


async def test_a_timeline_of_any_entity_or_topic_draws_its_facts(core: Core) -> None:
    for about in ("SCO", "Belt and Road Initiative", "gas pipeline"):
        reply = await run_command(core, "timeline", {"about": about})
        if reply.brief is None:
            continue  # a topic the sources date nothing about: an error, and no chart to draw
        assert reply.chart is not None and reply.chart.kind == "timeline", about
        _is_png(reply.chart.data)
        spec = await spec_for(core.store, reply.brief)
        assert isinstance(spec, TimelineSpec)
        dated = {item.fact_id for s in reply.brief.sections for item in s.items}
        assert {m.fact_id for m in spec.marks} | {u.fact_id for u in spec.unplaced} == dated


# ------------------------------------------------------------------------------------------- figures


async def _assert_bars_come_from_cited_facts(core: Core, brief: Brief, spec: FigureSpec) -> None:
    facts = await _facts(core, [b.fact_id for b in spec.bars])
    outlets = {s.id: charts.short_outlet(s.outlet) for s in brief.sources}
    for bar in spec.bars:
        fact = facts[bar.fact_id]
        assert fact.figure is not None
        assert bar.cites == _numbers(brief, fact.id) and bar.cites
        assert bar.value == fact.figure["value"] and bar.as_written == fact.figure["as_written"]
        assert any(bar.as_written in c.quote for c in fact.citations), "the value is what a quote says"
        assert bar.subject == fact.figure["subject"] and spec.title == fact.figure["measure"]
        assert (fact.figure["unit"], fact.figure["currency"]) == (spec.unit, spec.currency)
        assert bar.source == "; ".join(dict.fromkeys(outlets[c.source_id] for c in fact.citations))


async def test_compare_draws_the_figures_that_share_a_measure(core: Core) -> None:
    reply = await run_command(core, "compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"})
    assert reply.brief is not None and reply.chart is not None and reply.chart.kind == "figures"
    _is_png(reply.chart.data)
    spec = await spec_for(core.store, reply.brief)
    assert isinstance(spec, FigureSpec) and len(spec.bars) >= 3 and spec.unit == "percent"
    await _assert_bars_come_from_cited_facts(core, reply.brief, spec)
    russia = next(b for b in spec.bars if b.subject.startswith("Russia"))
    assert (
        russia.as_written == "single-digit" and russia.qualifier and russia.qualifier.startswith("less than")
    )
    for bar in spec.bars:
        assert bar.as_written in reply.chart.alt_text and bar.subject in reply.chart.alt_text
    assert "Unnamed news outlet" in reply.chart.caption


async def test_figure_and_search_answers_get_a_chart_when_three_figures_compare(core: Core) -> None:
    figure = await run_command(core, "figure", {"query": "loan", "country": "Kazakhstan"})
    assert figure.brief is not None and figure.chart is not None
    spec = await spec_for(core.store, figure.brief)
    assert isinstance(spec, FigureSpec) and spec.currency == "USD" and len(spec.bars) == 3
    await _assert_bars_come_from_cited_facts(core, figure.brief, spec)
    assert any(b.qualifier == "an estimated" for b in spec.bars)

    # The three Central Asia Barometer ratings lead this search; the curators marked them as one measure.
    search = await run_command(core, "search", {"query": "Central Asia Barometer unfavourable ratings"})
    assert search.brief is not None and search.chart is not None and search.chart.kind == "figures"


async def test_no_chart_where_figures_do_not_share_a_measure(core: Core) -> None:
    # AidData's figures: dollars to one recipient, shares in per cent, regional totals — none has two
    # comparable peers.
    reply = await run_command(core, "figure", {"query": "AidData"})
    assert reply.brief is not None and reply.brief.found and reply.chart is None
    source = await run_command(core, "source", {"name": "Diplomat"})
    assert source.chart is None  # a source profile is not a comparison


async def test_differing_sources_on_one_quantity_both_appear_marked(core: Core) -> None:
    ids = [
        "him-kazakhstan-26-percent",
        "dip-kazakhstan-quarter-financial-diplomacy",
        "him-kazakhstan-33-billion",
    ]
    brief = await core.briefs.facts_sections("Kazakhstan's share", {"command": "figure"}, [("Figures", ids)])
    facts = await _facts(core, ids)
    assert figure_spec(brief, facts) is None  # two figures of one measure are not yet a comparison
    spec = figure_spec(brief, facts, min_figures=2)
    assert spec is not None and spec.unit == "percent"
    assert {b.fact_id for b in spec.bars} == set(ids[:2])
    assert all(b.differs for b in spec.bars)
    assert {b.source for b in spec.bars} == {"Japan Himalaya League", "The Diplomat"}
    await _assert_bars_come_from_cited_facts(core, brief, spec)
    assert "sources differ" in charts.alt_text(spec)
    _is_png(draw(spec))


# ------------------------------------------------------------------------------------------- in answers


async def test_every_page_shows_the_chart_and_show_quotes_is_unchanged(core: Core) -> None:
    reply = await run_command(core, "timeline", {})
    assert reply.brief is not None and reply.chart is not None
    pages = render_pages(reply.brief, chart=reply.chart)
    plain = render_pages(reply.brief)
    assert len(pages) == len(plain) > 1
    for page in pages:
        embed = page["embeds"][0]
        assert embed["image"] == {"url": f"attachment://{reply.chart.filename}"}
        assert reply.chart.caption in embed["footer"]["text"]
    for with_chart, without in zip(pages, plain, strict=True):
        # The picture changes no page's text, so each page's Show quotes finds the same citations.
        assert _cited(with_chart) == _cited(without) and _cited(with_chart)
    assert {c.n for c in page_citations(reply.brief, 0)} == _cited(pages[0])


def _cited(page: dict) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", json.dumps(page["embeds"]))}


async def test_the_answer_stands_without_its_chart_when_drawing_fails(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(spec: object) -> Future[bytes]:
        future: Future[bytes] = Future()
        future.set_exception(RuntimeError("no fonts"))
        return future

    monkeypatch.setattr(charts, "_png_of", broken)
    reply = await run_command(core, "compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"})
    assert reply.ok and reply.brief is not None and reply.brief.citations and reply.chart is None


async def test_ask_writes_the_chart_and_prints_its_path(core: Core, tmp_path: Path) -> None:
    out = io.StringIO()
    assert await ask(core, "/timeline about:Tajikistan", out=out, save_dir=tmp_path) == 0
    saved = [line.removeprefix("Saved ") for line in out.getvalue().splitlines() if line.startswith("Saved ")]
    assert len(saved) == 1 and Path(saved[0]).parent == tmp_path
    _is_png(await asyncio.to_thread(Path(saved[0]).read_bytes))


async def test_ask_says_so_when_the_chart_cannot_be_saved(core: Core, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    missing = tmp_path / "no-such-folder"
    assert await ask(core, "/timeline about:Tajikistan", out=out, err=err, save_dir=missing) == 1
    assert err.getvalue().startswith(f"Could not save the answer's files in {missing}: ")
    assert "Timeline" in out.getvalue() and "Saved" not in out.getvalue()  # the answer itself still printed


async def test_ask_json_lists_the_chart_with_its_alt_text(core: Core, tmp_path: Path) -> None:
    out = io.StringIO()
    assert (
        await ask(core, "/compare a:Kazakhstan b:Kyrgyzstan", as_json=True, out=out, save_dir=tmp_path) == 0
    )
    first = json.loads(out.getvalue())[0]
    (attachment,) = first["attachments"]
    assert attachment["filename"].endswith(".png") and attachment["size"] > 0
    assert attachment["description"].startswith("Bar chart:")
    assert first["embeds"][0]["image"]["url"] == f"attachment://{attachment['filename']}"
    assert (tmp_path / attachment["filename"]).stat().st_size == attachment["size"]


async def test_export_can_include_the_chart(core: Core) -> None:
    reply = await run_command(core, "export", {"country": "Tajikistan", "chart": "timeline"})
    assert reply.attachment is not None and reply.attachment.filename.endswith(".csv")
    assert reply.chart is not None and reply.chart.kind == "timeline"
    _is_png(reply.chart.data)
    refused = await run_command(core, "export", {"chart": "figures"})
    assert refused.error and "needs a country" in refused.error
