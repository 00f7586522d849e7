"""Compose a digest: a few cited facts chosen by a subscription's focus, anniversaries first, new facts
marked, rotating so a channel sees no fact twice until its whole focus has been shown.

Deterministic for a given subscription, slot and state, so tests can assert on it. Knows nothing of Discord:
the result is a `Brief` rendered into payload dicts by the shared renderer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from array import array
from collections import OrderedDict
from collections.abc import AsyncIterable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.briefs import Brief, Briefs
from bot.digests.models import ComposedDigest, Subscription
from bot.factbase.store import FactRecord
from bot.render.discord import render_pages
from bot.understanding import topic_match

PoolRow = tuple[str, int, str, str | None]  # (fact id, rid, `added` ISO date, "MM-DD" if dated to the day)

# Within a day, anniversaries come in the order "on this day" has always used: by rid within each run of this
# many pool positions, the runs in salience order (for all but the largest pools, simply by rid).
_ANNIVERSARY_RUN = 900


@dataclass(slots=True)
class FocusPool:
    """Every fact id in one focus, precomputed once per fact-base build and reused by every digest.

    Facts are addressed by their position in `ordered`; `rids`, `added` and `month_days` run parallel to it.
    They are tuples of plain values (and an array of machine integers, the rids), which the garbage collector
    stops scanning: thousands of pools live as long as the fact base, and lists would make every full
    collection slower. Each distinct date string is held once per pool, not once per fact."""

    ordered: list[str]  # salience order: the rotation order
    rids: Sequence[int] = ()
    added: tuple[str, ...] = ()  # ISO `added` date
    month_days: tuple[str | None, ...] = ()  # "MM-DD" for the facts dated to the day
    by_month_day: dict[str, tuple[int, ...]] = field(default_factory=dict)  # positions, in anniversary order
    newest: str = ""  # the latest `added` date
    # `added` date -> ascending positions, and those dates ascending; built when first asked for something newer
    # than a previous digest, which only happens on the mornings after facts were added.
    _by_added: dict[str, list[int]] | None = field(default=None, init=False, repr=False)
    _added_dates: list[str] = field(default_factory=list, init=False, repr=False)

    @classmethod
    def from_rows(cls, rows: Iterable[PoolRow]) -> FocusPool:
        """A pool of `rows` given in salience order."""
        builder = _PoolBuilder()
        builder.add(rows)
        return builder.build()

    @classmethod
    async def from_chunks(cls, chunks: AsyncIterable[Iterable[PoolRow]]) -> FocusPool:
        """A pool of the rows of `chunks`, given in salience order, read a chunk at a time: the whole base's pool
        is 219,000 facts at 1,000x the curated size, and its rows fetched at once took ~60 MB."""
        builder = _PoolBuilder()
        async for chunk in chunks:
            builder.add(chunk)
        return builder.build()

    def at(self, positions: Iterable[int]) -> FocusPool:
        """A pool of the facts at `positions` (ascending) of this one: the same order, a narrower focus."""
        return FocusPool.from_rows(
            [(self.ordered[p], self.rids[p], self.added[p], self.month_days[p]) for p in positions]
        )

    def added_after(self, day: str) -> Iterator[int]:
        """Positions of the facts added after `day` (ISO date), in salience order. Lazy: a digest takes a handful,
        so the set of every newer fact is never built (on a morning after an import it could be the whole pool),
        and with nothing newer, the usual case, it costs one comparison."""
        if day >= self.newest:
            return iter(())
        if self._by_added is None:
            self._by_added = {}
            for position, added in enumerate(self.added):
                self._by_added.setdefault(added, []).append(position)
            self._added_dates = sorted(self._by_added)
        runs = [self._by_added[d] for d in self._added_dates[bisect.bisect_right(self._added_dates, day) :]]
        return iter(runs[0]) if len(runs) == 1 else heapq.merge(*runs)


class _PoolBuilder:
    """The columns of a `FocusPool`, filled row by row. Column by column rather than zip(*rows), which makes a
    tracked iterator per row: for the whole base's pool, 219,000 objects for the garbage collector to promote
    and scan. One string per distinct date rather than one per fact."""

    __slots__ = ("_dates", "_days", "added", "month_days", "ordered", "rids")

    def __init__(self) -> None:
        self.ordered: list[str] = []
        self.rids = array("q")
        self.added: list[str] = []
        self.month_days: list[str | None] = []
        self._dates: dict[str, str] = {}
        self._days: dict[str | None, str | None] = {None: None}

    def add(self, rows: Iterable[PoolRow]) -> None:
        dates, days = self._dates, self._days
        for fact_id, rid, added, month_day in rows:
            self.ordered.append(fact_id)
            self.rids.append(rid)
            self.added.append(dates.setdefault(added, added))
            self.month_days.append(days.setdefault(month_day, month_day))

    def build(self) -> FocusPool:
        if not self.ordered:
            return FocusPool([])
        rids = self.rids
        by_month_day: dict[str, list[int]] = {}
        for position, month_day in enumerate(self.month_days):
            if month_day is not None:
                by_month_day.setdefault(month_day, []).append(position)
        return FocusPool(
            self.ordered,
            rids,
            tuple(self.added),
            tuple(self.month_days),
            {
                day: tuple(sorted(positions, key=lambda p: (p // _ANNIVERSARY_RUN, rids[p])))
                for day, positions in by_month_day.items()
            },
            max(self._dates),
        )


class _EntityPositions:
    """Entity rid -> ascending positions, in a topic's pool, of its facts about that entity.

    Three flat arrays rather than an array per entity: a topic concerns tens of thousands of entities at 1,000x
    the curated size, and every array is an object the garbage collector tracks and a full collection walks
    (127,000 of them and ~21 MB for seven topics, against ~5 MB this way). Filled an entity at a time, so that
    no object per entity outlives its turn either: those promoted while a topic was read set off full
    collections."""

    __slots__ = ("_ends", "_entities", "_positions")

    def __init__(self) -> None:
        self._entities = array("q")  # ascending, for bisection
        self._positions = array("l")  # each entity's positions, a run per entity in the order of `_entities`
        self._ends = array("l")  # where each entity's run ends

    def add(self, entity_rid: int, positions: list[int]) -> None:
        """The positions of one entity's facts, in any order; entities are added in ascending rid order."""
        if positions:
            positions.sort()
            self._entities.append(entity_rid)
            self._positions.extend(positions)
            self._ends.append(len(self._positions))

    def of(self, entity_rid: int) -> Sequence[int]:
        i = bisect.bisect_left(self._entities, entity_rid)
        if i == len(self._entities) or self._entities[i] != entity_rid:
            return ()
        return self._positions[self._ends[i - 1] if i else 0 : self._ends[i]]


@dataclass(slots=True)
class Selection:
    fact_ids: list[str]
    anniversaries: set[str]
    new: set[str]
    rotation_reset: bool


def focus_label(sub: Subscription, country_name: str | None) -> str:
    parts = [p for p in (country_name, f"“{sub.topic}”" if sub.topic else None) if p]
    return " · ".join(parts) if parts else "China and Central Asia"


PoolKey = tuple[str | None, str | None]  # (country id, folded topic)


class DigestComposer:
    # Focus pools kept between digests, least recently used dropped first, counted in facts (~100 bytes each
    # in a large pool). At 1,000x the curated size 10,000 subscriptions need ~315,000 (the whole base's pool is
    # 219,000 of them): they all stay, and more subscriptions cannot grow the memory past ~40 MB.
    POOL_BUDGET = 400_000

    def __init__(self, briefs: Briefs) -> None:
        self.briefs = briefs
        self.store = briefs.store
        self._pools: OrderedDict[PoolKey, FocusPool] = OrderedDict()
        self._pooled = 0  # facts in the kept pools
        # topic -> positions, in the topic's pool, of its facts about each entity
        self._topic_entities: dict[str, _EntityPositions] = {}
        # folded topic -> its full-text match (None: nothing in it to match)
        self._matches: dict[str, str | None] = {}

    async def pool(self, country: str | None, topic: str | None) -> FocusPool:
        key = (country, (topic or "").strip().lower() or None)
        cached = self._pools.get(key)
        if cached is not None:
            self._pools.move_to_end(key)
            return cached
        entity_rid = entity_facts = None
        if country:
            entity = self.briefs.entities.by_id.get(country)
            if entity is None:
                return self._keep(key, FocusPool([]))
            entity_rid, entity_facts = entity.rid, entity.fact_count
        match = self._topic_match(key[1]) if key[1] else None
        if key[1] and match is None:
            pool = await self.pool(country, None)  # nothing to match on: the topic does not narrow the focus
        elif key[1] and match is not None and entity_rid is not None:
            # Cut from the topic's pool in memory, by the entities its facts concern (one query per topic for
            # every country), rather than a query per country and topic: with thousands of countries nearly
            # every pair is distinct, and each would run the full-text match again.
            topical = await self.pool(None, key[1])
            by_entity = await self._topic_by_entity(key[1], match, topical)
            pool = topical.at(by_entity.of(entity_rid))
        else:
            # An entity's focus has no topic here: its fact count bounds the rows.
            rows = self.store.fact_ids_for_focus(entity_rid, match, at_most=entity_facts)
            pool = await FocusPool.from_chunks(rows)
        return self._keep(key, pool)

    def _topic_match(self, topic: str) -> str | None:
        """The full-text match of a folded topic, read once per topic: every country subscribed with the same
        topic asks for it, and reading a topic costs as much as understanding a question."""
        if topic not in self._matches:
            self._matches[topic] = topic_match(self.briefs.entities, self.store.thesaurus, topic)
        return self._matches[topic]

    def _keep(self, key: PoolKey, pool: FocusPool) -> FocusPool:
        """Keep `pool` for the next digests of its focus, within `POOL_BUDGET`."""
        self._pools[key] = pool
        self._pooled += len(pool.ordered)
        while self._pooled > self.POOL_BUDGET and len(self._pools) > 1:
            (country, topic), dropped = self._pools.popitem(last=False)
            self._pooled -= len(dropped.ordered)
            if country is None and topic is not None:
                # Positions into the dropped pool; an equal pool built again would give the same, but it is
                # simpler to know they are never read against another.
                self._topic_entities.pop(topic, None)
        return pool

    async def _topic_by_entity(self, topic: str, match: str, topical: FocusPool) -> _EntityPositions:
        """The positions in `topical` (the pool of `topic`, full-text `match`) of each entity's facts."""
        known = self._topic_entities.get(topic)
        if known is None:
            position = {rid: p for p, rid in enumerate(topical.rids)}.get
            known = _EntityPositions()
            async for chunk in self.store.fact_rids_by_entity_matching(match):
                for entity_rid, fact_rids in chunk:
                    known.add(entity_rid, [p for p in map(position, fact_rids) if p is not None])
            self._topic_entities[topic] = known
        return known

    def select(
        self,
        pool: FocusPool,
        size: int,
        local_day: dt.date,
        shown: set[str],
        previous_sent: dt.datetime | None,
    ) -> Selection:
        ordered = pool.ordered
        chosen: list[int] = []  # positions in the pool, in digest order
        taken: set[int] = set()
        anniversaries = [
            p
            for p in pool.by_month_day.get(f"{local_day.month:02d}-{local_day.day:02d}", ())
            if ordered[p] not in shown
        ]
        _fill(chosen, taken, size, anniversaries, ordered, shown)
        since = previous_sent.date().isoformat() if previous_sent is not None else None
        if since is not None:
            _fill(chosen, taken, size, pool.added_after(since), ordered, shown)  # new facts lead
        _fill(chosen, taken, size, range(len(ordered)), ordered, shown)
        if not chosen and ordered:
            # The focus is exhausted: start the rotation over, as if nothing had been shown. The last digest
            # of a rotation may be short rather than topped up from the next one: the store records every fact
            # of a reset digest as shown in the new rotation, so a mixed digest would make the facts at the
            # top of the focus come round twice as often as those at its end.
            fresh = self.select(pool, size, local_day, set(), previous_sent)
            return Selection(fresh.fact_ids, fresh.anniversaries, fresh.new, True)
        # "New" is decided for the chosen facts alone, by their `added` date.
        new = {ordered[p] for p in chosen if pool.added[p] > since} if since is not None else set()
        return Selection(
            [ordered[p] for p in chosen], {ordered[p] for p in anniversaries if p in taken}, new, False
        )

    async def _brief(
        self,
        title: str,
        selection: Selection,
        pool_size: int,
        read: dict[str, FactRecord] | None = None,
    ) -> Brief:
        ids = selection.fact_ids
        brief = await self.briefs.facts_sections(
            title,
            {"command": "facts", "ids": ids},
            [
                ("On this day", [f for f in ids if f in selection.anniversaries]),
                ("Briefing", [f for f in ids if f not in selection.anniversaries]),
            ],
            new_ids=selection.new,
            read=read,
        )
        notes = [f"{pool_size} facts in this focus"]
        if selection.new:
            notes.append(f"🆕 {len(selection.new)} new since the last digest")
        if selection.rotation_reset:
            notes.append("every fact in this focus has now been shown; the rotation starts again")
        brief.footer = " · ".join(notes)
        return brief

    async def _choose(
        self, sub: Subscription, slot: dt.datetime, shown: set[str], previous_sent: dt.datetime | None
    ) -> tuple[dt.date, Selection, int]:
        """(the subscriber's day, the facts chosen, the size of the focus)."""
        local_day = slot.astimezone(ZoneInfo(sub.timezone)).date()
        pool = await self.pool(sub.country, sub.topic)
        return local_day, self.select(pool, sub.size, local_day, shown, previous_sent), len(pool.ordered)

    def _title(self, sub: Subscription, local_day: dt.date) -> str:
        country = self.briefs.entities.by_id.get(sub.country) if sub.country else None
        return f"Digest — {focus_label(sub, country.name if country else None)} — {local_day.isoformat()}"

    async def compose_brief(
        self, sub: Subscription, slot: dt.datetime, shown: set[str], previous_sent: dt.datetime | None
    ) -> tuple[Brief, Selection, int]:
        local_day, selection, pool_size = await self._choose(sub, slot, shown, previous_sent)
        return await self._brief(self._title(sub, local_day), selection, pool_size), selection, pool_size

    async def compose(
        self, sub: Subscription, slot: dt.datetime, shown: set[str], previous_sent: dt.datetime | None
    ) -> ComposedDigest:
        local_day, selection, pool_size = await self._choose(sub, slot, shown, previous_sent)
        if not selection.fact_ids:  # nothing to post: no brief is built
            reason = "No facts match this subscription's focus" + (
                f" (topic “{sub.topic}”)" if sub.topic else ""
            )
            return ComposedDigest(empty=True, reason=reason)
        read: dict[str, FactRecord] = {}  # the digest's facts, read once however often it is shortened
        brief = await self._brief(self._title(sub, local_day), selection, pool_size, read)
        pages = render_pages(brief)
        # A digest is one message: drop the least salient facts until it fits, and record only those shown.
        while len(pages) > 1 and len(selection.fact_ids) > 1:
            ids = selection.fact_ids[:-1]
            selection = Selection(
                ids, selection.anniversaries & set(ids), selection.new & set(ids), selection.rotation_reset
            )
            brief = await self._brief(brief.title, selection, pool_size, read)
            pages = render_pages(brief)
        return ComposedDigest(
            payload=pages[0],
            brief=brief,
            fact_ids=selection.fact_ids,
            rotation_reset=selection.rotation_reset,
        )

    def rebind(self, briefs: Briefs) -> None:
        """Use a reloaded fact base from now on; pools of the old one are dropped."""
        self.briefs = briefs
        self.store = briefs.store
        self._pools.clear()
        self._pooled = 0
        self._topic_entities.clear()
        self._matches.clear()  # the thesaurus and entities may have changed with the reload


def _fill(
    chosen: list[int],
    taken: set[int],
    size: int,
    candidates: Iterable[int],
    ordered: list[str],
    shown: set[str],
) -> None:
    """Append candidate positions not yet shown nor chosen until the digest has `size` facts."""
    for position in candidates:
        if len(chosen) >= size:
            return
        if position not in taken and ordered[position] not in shown:
            chosen.append(position)
            taken.add(position)
