"""Charts for briefs: what to draw, decided from the cited facts behind a `Brief`.

A chart repeats what the brief's text already says, in a picture, and never more: every mark carries the
citation numbers the brief gives its fact, every value is a figure a citation quotes, and what cannot be placed
honestly (an undated fact, a figure "as of the source") is listed instead of being placed by guess. Drawing is in
`charts_draw` (matplotlib, run in a thread); this module is plain data and decides nothing about pixels.
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, TypeVar

from bot.briefs import Brief
from bot.factbase.models import IMPLICIT_PARTY
from bot.factbase.store import EntityRecord, FactRecord, FactStore
from bot.render.chart_specs import Bar, Chart, FigureSpec, Mark, Spec, TimelineSpec, Unplaced
from bot.render.custom_ids import key_hash

log = logging.getLogger(__name__)
T = TypeVar("T")
# Figures side by side need at least this many to say more than the text does.
MIN_FIGURES = 3
MAX_BARS = 12
SEARCH_TOP = 5
MAX_LANES = 7
TIMELINE_KINDS = {"timeline"}
FIGURE_KINDS = {"compare", "figure", "search"}
SEVERAL = "Several countries"
# After countries, the kinds of entity that make a lane of their own; a project goes with its country instead.
LANE_TYPES = ("country", "organisation", "initiative")


# ---------------------------------------------------------------------------------------------- dates


def date_span(date: str, date_end: str | None = None) -> tuple[dt.date, dt.date, str]:
    """The first and last day a partial ISO date (or range) can mean, and how precise it is."""
    start, end, precision = _one_span(date)
    if date_end:
        _, end, _ = _one_span(date_end)
        precision = "range"
    return start, max(start, end), precision


def _one_span(date: str) -> tuple[dt.date, dt.date, str]:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    year, month = parts[0], parts[1]
    if len(parts) == 2:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    day = dt.date(year, month, parts[2])
    return day, day, "day"


# ---------------------------------------------------------------------------------------------- choosing


def cite_numbers(brief: Brief) -> dict[str, tuple[int, ...]]:
    """Each cited fact's own citation numbers, as the brief shows them."""
    numbers: dict[str, list[int]] = {}
    for c in brief.citations:
        numbers.setdefault(c.fact_id, []).append(c.n)
    return {k: tuple(v) for k, v in numbers.items()}


def item_fact_ids(brief: Brief) -> list[str]:
    """The facts the brief states as items (not those only referred to in a note), in order."""
    return list(dict.fromkeys(item.fact_id for s in brief.sections for item in s.items))


def subject_of(brief: Brief) -> str | None:
    """The entity a brief is about, if its key names one (country, entity, name)."""
    for k in ("about", "country", "entity", "name"):
        value = brief.key.get(k)
        if isinstance(value, str) and value:
            return value
    return None


def _lane(fact: FactRecord, entities: dict[str, EntityRecord], subject: str | None) -> str:
    """The country or entity a fact belongs with on the timeline: the party other than China and the subject."""
    others = [e for e in fact.entity_ids if e not in {subject, IMPLICIT_PARTY} and e in entities]
    countries = [e for e in others if entities[e].type == "country"]
    if len(countries) > 1:
        return SEVERAL
    if countries:
        return entities[countries[0]].name
    for kind in LANE_TYPES[1:]:
        named = [e for e in others if entities[e].type == kind]
        if named:
            return entities[named[0]].name
    for fallback in (subject, IMPLICIT_PARTY):
        if fallback in fact.entity_ids and fallback in entities:
            return entities[fallback].name
    return "Other"


def timeline_spec(
    brief: Brief, facts: dict[str, FactRecord], entities: dict[str, EntityRecord]
) -> TimelineSpec | None:
    numbers = cite_numbers(brief)
    subject = subject_of(brief)
    marks: list[Mark] = []
    unplaced: list[Unplaced] = []
    for fid in item_fact_ids(brief):
        fact = facts.get(fid)
        if fact is None or fid not in numbers:
            continue
        if fact.date:
            start, end, precision = date_span(fact.date, fact.date_end)
            label = fact.date + (f"–{fact.date_end}" if fact.date_end else "")
            lane = _lane(fact, entities, subject)
            marks.append(Mark(fid, numbers[fid], lane, start, end, precision, label, fact.statement))
        else:
            reason = (
                "as of the source"
                if fact.as_of == "source"
                else (f"as of {fact.as_of}" if fact.as_of else "undated")
            )
            unplaced.append(Unplaced(fid, numbers[fid], reason, fact.statement))
    if not marks:
        return None
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.lane] = counts.get(m.lane, 0) + 1
    lanes = sorted(counts, key=lambda lane: (-counts[lane], lane))
    if len(lanes) > MAX_LANES:
        keep = set(lanes[: MAX_LANES - 1])
        marks = [m if m.lane in keep else _relane(m, "Other") for m in marks]
        lanes = [*lanes[: MAX_LANES - 1], "Other"]
    marks.sort(key=lambda m: (m.start, m.end, m.cites))
    return TimelineSpec(brief.title, lanes, marks, unplaced)


def _relane(mark: Mark, lane: str) -> Mark:
    return Mark(mark.fact_id, mark.cites, lane, mark.start, mark.end, mark.precision, mark.label, mark.text)


def figure_spec(
    brief: Brief, facts: dict[str, FactRecord], min_figures: int = MIN_FIGURES
) -> FigureSpec | None:
    """The largest group of cited figures a curator marked as one measure, in one unit and currency."""
    numbers = cite_numbers(brief)
    outlets = {s.id: short_outlet(s.outlet) for s in brief.sources}
    groups: dict[tuple[str, str, str | None], list[FactRecord]] = {}
    # A search answers with its best matches first; figures further down are context, not the answer, and a
    # chart of them would put in front what the question was not about.
    candidates = item_fact_ids(brief)[:SEARCH_TOP] if brief.kind == "search" else brief.fact_ids
    for fid in candidates:
        fact = facts.get(fid)
        fig = fact.figure if fact else None
        if fact is None or not fig or not fig.get("measure") or fid not in numbers:
            continue
        groups.setdefault((fig["measure"], fig["unit"], fig.get("currency")), []).append(fact)
    eligible = [(key, group) for key, group in groups.items() if len(group) >= min_figures]
    if not eligible:
        return None
    (measure, unit, currency), group = max(eligible, key=lambda kv: (len(kv[1]), kv[0][0]))
    by_subject: dict[str, list[FactRecord]] = {}
    for f in group:
        by_subject.setdefault((f.figure or {})["subject"], []).append(f)
    bars = []
    for f in group[:MAX_BARS]:
        fig = f.figure or {}
        same = by_subject[fig["subject"]]
        # The same quantity twice is worth marking only when the two say it differently.
        differs = any(
            o.id != f.id
            and ((o.figure or {})["as_written"], (o.figure or {})["value"])
            != (fig["as_written"], fig["value"])
            for o in same
        )
        source = "; ".join(dict.fromkeys(outlets.get(c.source_id, c.source_id) for c in f.citations))
        bars.append(
            Bar(
                f.id,
                numbers[f.id],
                fig["subject"],
                float(fig["value"]),
                fig["as_written"],
                fig.get("qualifier"),
                source,
                differs,
            )
        )
    return FigureSpec(measure, unit, currency, bars)


def short_outlet(outlet: str) -> str:
    """An outlet's name without the curator's parenthetical ("ANKASAM (think tank; …)" -> "ANKASAM")."""
    return outlet.split(" (", 1)[0].strip() or outlet


def chart_kind(brief: Brief) -> str | None:
    command = brief.key.get("command", brief.kind)
    if command in TIMELINE_KINDS or brief.kind in TIMELINE_KINDS:
        return "timeline"
    if command in FIGURE_KINDS or brief.kind in FIGURE_KINDS:
        return "figures"
    return None


async def spec_for(store: FactStore, brief: Brief) -> Spec | None:
    """What a brief's chart would show, or None when a picture would add nothing."""
    kind = chart_kind(brief)
    if kind is None or not brief.found or not brief.citations:
        return None
    records = {f.id: f for f in await store.facts_by_ids(brief.fact_ids)}
    if kind == "timeline":
        ids = {e for f in records.values() for e in f.entity_ids}
        return timeline_spec(brief, records, await store.entities(ids))
    return figure_spec(brief, records)


# ---------------------------------------------------------------------------------------------- text


def _marks(cites: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in cites)


def alt_text(spec: Spec) -> str:
    """What the chart shows, for screen readers (Discord allows 1,024 characters)."""
    if isinstance(spec, TimelineSpec):
        parts = [f"Timeline chart, {len(spec.marks)} dated facts by {', '.join(spec.lanes)}."]
        parts += [f"{m.label}, {m.lane}: {_marks(m.cites)}" for m in spec.marks]
        if spec.unplaced:
            parts.append(f"Listed, not placed: {', '.join(_marks(u.cites) for u in spec.unplaced)}.")
        text = " ".join(parts)
    else:
        parts = [f"Bar chart: {spec.title}."]
        for b in spec.bars:
            differs = " (sources differ)" if b.differs else ""
            parts.append(f"{b.subject}: {b.as_written} {_marks(b.cites)}, {b.source}{differs}.")
        text = " ".join(parts)
    return text if len(text) <= 1000 else text[:999] + "…"


def caption(spec: Spec, brief: Brief) -> str:
    """One line naming the sources the chart's marks come from."""
    wanted = {
        n
        for cites in (
            [m.cites for m in spec.marks] if isinstance(spec, TimelineSpec) else [b.cites for b in spec.bars]
        )
        for n in cites
    }
    source_ids = list(dict.fromkeys(c.source_id for c in brief.citations if c.n in wanted))
    refs = {s.id: s for s in brief.sources}
    names = list(dict.fromkeys(short_outlet(refs[i].outlet) if i in refs else i for i in source_ids))
    what = "Timeline" if isinstance(spec, TimelineSpec) else "Chart"
    return f"{what} drawn from the cited facts of {'; '.join(names)}."


def filename_for(brief: Brief, kind: str) -> str:
    return f"briefbot-{kind}-{key_hash(brief.key)[:10]}.png"


def _draw(spec: Spec) -> bytes:
    # Imported here, in the worker: the bot's own process never loads matplotlib.
    from bot.render.charts_draw import draw

    return draw(spec)


# Charts are drawn in one worker process: matplotlib is Python-heavy, and in a thread it would take the
# interpreter lock from the event loop for the whole drawing (a burst of answers measured twice as slow). One
# worker queues charts behind each other, so a burst costs one core at most.
_DRAWER: ProcessPoolExecutor | None = None
_DRAWN: OrderedDict[str, Future[bytes]] = OrderedDict()
_DRAWN_LOCK = threading.Lock()
PARENT_CHECK_S = 1.0
DRAWN_MAX = 64  # pictures kept (~20 kB each): the same question asked again is not drawn again


def _drawer() -> ProcessPoolExecutor:
    global _DRAWER
    if _DRAWER is None:
        _DRAWER = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )
    return _DRAWER


def _exit_with_parent(parent: int) -> None:
    """In the worker: end when the bot's process is gone. A killed parent closes no pipe the worker waits on
    (it holds both ends of its queue), so without this every killed bot would leave a worker behind."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="briefbot-chart-parent", daemon=True).start()


def _submit(fn: Callable[..., T], *args: Any) -> Future[T]:
    """Run `fn` in the worker; a worker that died (killed, out of memory) is replaced once."""
    global _DRAWER
    try:
        return _drawer().submit(fn, *args)
    except BrokenProcessPool:
        _DRAWER = None
        return _drawer().submit(fn, *args)


def _png_of(spec: Spec) -> Future[bytes]:
    """The drawing of `spec`: one already made or under way for an equal spec, or a new one queued."""
    key = hashlib.sha256(repr(spec).encode()).hexdigest()
    with _DRAWN_LOCK:
        future = _DRAWN.get(key)
        if future is None or (future.done() and future.exception() is not None):
            future = _submit(_draw, spec)
            _DRAWN[key] = future
            while len(_DRAWN) > DRAWN_MAX:
                _DRAWN.popitem(last=False)
        else:
            _DRAWN.move_to_end(key)
    return future


async def warm_up() -> None:
    """Start the worker, load the plotting library in it (about a second) and draw once, ahead of the first
    chart."""
    await asyncio.wrap_future(_submit(_import_drawing))


def _import_drawing() -> None:
    from bot.render.charts_draw import warm_up

    warm_up()


async def chart_for(store: FactStore, brief: Brief, *, draw: bool = True) -> Chart | None:
    """Decide and draw a brief's chart; the drawing runs in a worker thread, off the event loop.

    With `draw=False` the chart is described (name, alt text, caption) but not drawn, its `data` empty: what a
    page turn needs to show again the picture its message already carries.
    """
    spec = await spec_for(store, brief)
    if spec is None:
        return None
    kind = "timeline" if isinstance(spec, TimelineSpec) else "figures"
    chart = Chart(filename_for(brief, kind), b"", alt_text(spec), caption(spec, brief), kind, spec)
    return await drawn(chart) if draw else chart


async def drawn(chart: Chart) -> Chart | None:
    """The chart with its picture (drawn by the worker, or the one already drawn for an equal chart); None if
    it could not be drawn: a picture is an extra, and the answer goes out complete without it."""
    if chart.data:
        return chart
    try:
        data = await asyncio.wrap_future(_png_of(chart.spec))
    except Exception:
        log.exception("Could not draw the %s chart %s", chart.kind, chart.filename)
        return None
    return replace(chart, data=data)
