"""Compose a digest: a few cited facts chosen by a subscription's focus, anniversaries first, new facts
marked, rotating so a channel sees no fact twice until its whole focus has been shown.

Deterministic for a given subscription, slot and state, so tests can assert on it. Knows nothing of Discord:
the result is a `Brief` rendered into payload dicts by the shared renderer.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.briefs import Brief, Briefs
from bot.digests.models import ComposedDigest, Subscription
from bot.render.discord import render_pages
from bot.search import fts_or, parse_query


@dataclass(slots=True)
class FocusPool:
    """Every fact id in one focus, precomputed once per fact-base build and reused by every digest."""

    ordered: list[str]  # salience order: the rotation order
    by_month_day: dict[str, list[str]] = field(default_factory=dict)
    added_sorted: list[tuple[str, str]] = field(default_factory=list)  # (added ISO date, fact id), ascending

    def added_after(self, day: dt.date) -> set[str]:
        start = bisect.bisect_right(self.added_sorted, (day.isoformat(), "\uffff"))
        return {fid for _, fid in self.added_sorted[start:]}


@dataclass(slots=True)
class Selection:
    fact_ids: list[str]
    anniversaries: set[str]
    new: set[str]
    rotation_reset: bool


def focus_label(sub: Subscription, country_name: str | None) -> str:
    parts = [p for p in (country_name, f"“{sub.topic}”" if sub.topic else None) if p]
    return " · ".join(parts) if parts else "China and Central Asia"


class DigestComposer:
    def __init__(self, briefs: Briefs) -> None:
        self.briefs = briefs
        self.store = briefs.store
        self._pools: dict[tuple[str | None, str | None], FocusPool] = {}

    async def pool(self, country: str | None, topic: str | None) -> FocusPool:
        key = (country, (topic or "").strip().lower() or None)
        cached = self._pools.get(key)
        if cached is not None:
            return cached
        entity_rid = None
        if country:
            entity = self.briefs.entities.by_id.get(country)
            if entity is None:
                pool = FocusPool([])
                self._pools[key] = pool
                return pool
            entity_rid = entity.rid
        match = None
        if key[1]:
            parsed = parse_query(key[1])
            tokens = parsed.terms + parsed.numbers
            match = fts_or(tokens) if tokens else None
        rows = await self.store.fact_ids_for_focus(entity_rid, match)
        pool = FocusPool([fid for fid, _, _ in rows])
        pool.added_sorted = sorted((added, fid) for fid, _, added in rows)
        for fid, date in await self.store.full_dates([rid for _, rid, _ in rows]):
            pool.by_month_day.setdefault(date[5:10], []).append(fid)
        self._pools[key] = pool
        return pool

    def select(self, pool: FocusPool, size: int, local_day: dt.date, shown: set[str],
               previous_sent: dt.datetime | None) -> Selection:
        chosen: list[str] = []
        anniversaries = [f for f in pool.by_month_day.get(local_day.strftime("%m-%d"), []) if f not in shown]
        chosen.extend(anniversaries[:size])
        new: set[str] = set()
        if previous_sent is not None:
            fresh = pool.added_after(previous_sent.date())
            new = fresh
            for fid in pool.ordered:
                if len(chosen) >= size:
                    break
                if fid in fresh and fid not in shown and fid not in chosen:
                    chosen.append(fid)
        for fid in pool.ordered:
            if len(chosen) >= size:
                break
            if fid not in shown and fid not in chosen:
                chosen.append(fid)
        if not chosen and pool.ordered:
            # The focus is exhausted: start the rotation over, as if nothing had been shown. The last digest
            # of a rotation may be short rather than topped up from the next one: the store records every fact
            # of a reset digest as shown in the new rotation, so a mixed digest would make the facts at the
            # top of the focus come round twice as often as those at its end.
            fresh = self.select(pool, size, local_day, set(), previous_sent)
            return Selection(fresh.fact_ids, fresh.anniversaries, fresh.new, True)
        return Selection(chosen, set(anniversaries) & set(chosen), new & set(chosen), False)

    async def _brief(self, title: str, selection: Selection, pool_size: int) -> Brief:
        ids = selection.fact_ids
        brief = await self.briefs.facts_sections(
            title, {"command": "facts", "ids": ids},
            [("On this day", [f for f in ids if f in selection.anniversaries]),
             ("Briefing", [f for f in ids if f not in selection.anniversaries])],
            new_ids=selection.new)
        notes = [f"{pool_size} facts in this focus"]
        if selection.new:
            notes.append(f"🆕 {len(selection.new)} new since the last digest")
        if selection.rotation_reset:
            notes.append("every fact in this focus has now been shown; the rotation starts again")
        brief.footer = " · ".join(notes)
        return brief

    async def compose_brief(self, sub: Subscription, slot: dt.datetime, shown: set[str],
                            previous_sent: dt.datetime | None) -> tuple[Brief, Selection, int]:
        local_day = slot.astimezone(ZoneInfo(sub.timezone)).date()
        pool = await self.pool(sub.country, sub.topic)
        selection = self.select(pool, sub.size, local_day, shown, previous_sent)
        country = self.briefs.entities.by_id.get(sub.country) if sub.country else None
        title = f"Digest — {focus_label(sub, country.name if country else None)} — {local_day.isoformat()}"
        return await self._brief(title, selection, len(pool.ordered)), selection, len(pool.ordered)

    async def compose(self, sub: Subscription, slot: dt.datetime, shown: set[str],
                      previous_sent: dt.datetime | None) -> ComposedDigest:
        brief, selection, pool_size = await self.compose_brief(sub, slot, shown, previous_sent)
        if not selection.fact_ids:
            reason = "No facts match this subscription's focus" + (f" (topic “{sub.topic}”)" if sub.topic else "")
            return ComposedDigest(empty=True, reason=reason)
        pages = render_pages(brief)
        # A digest is one message: drop the least salient facts until it fits, and record only those shown.
        while len(pages) > 1 and len(selection.fact_ids) > 1:
            ids = selection.fact_ids[:-1]
            selection = Selection(ids, selection.anniversaries & set(ids), selection.new & set(ids),
                                  selection.rotation_reset)
            brief = await self._brief(brief.title, selection, pool_size)
            pages = render_pages(brief)
        return ComposedDigest(payload=pages[0], fact_ids=selection.fact_ids, rotation_reset=selection.rotation_reset)

    def rebind(self, briefs: Briefs) -> None:
        """Use a reloaded fact base from now on; pools of the old one are dropped."""
        self.briefs = briefs
        self.store = briefs.store
        self._pools.clear()
