"""Composing 10,000 digests due at the same minute, through `bot.digests.compose`.

The composer belongs to the digest code; the benchmark reaches it only through `_composer`, so a change to
its entry point is a change here alone. Until the module exists the figure is reported as null with a note.

The scenario is an ordinary morning: 10,000 daily subscriptions in as many channels, all at 08:00 UTC, each
with yesterday's digest sent and no fact added since (a week after the newest fact's `added` date). The
headline figure uses a fresh composer, as right after a start or `/reload` (every focus pool is built); a
second pass with the same composer shows the cost once its pools are cached.
"""

from __future__ import annotations

import importlib
import random
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from bot.core import Core

ComposeFn = Callable[[Any, datetime, set[str], datetime | None], Awaitable[Any]]
TOPICS = (None, None, "energy", "gas pipeline", "security", "vaccines", "loans", "education", "trade")


@dataclass(slots=True)
class DigestTiming:
    cold_s: float | None  # fresh composer: every focus pool built
    warm_s: float | None  # the same subscriptions again, pools cached
    note: str | None = None


def _composer(core: Core) -> tuple[ComposeFn | None, str | None]:
    """The composer as `DigestService` calls it: (subscription, slot, shown fact ids, last sent) -> digest."""
    try:
        module = importlib.import_module("bot.digests.compose")
    except ModuleNotFoundError as exc:
        if exc.name == "bot.digests.compose":
            return None, "bot.digests.compose does not exist yet; digests_10k_s not measured"
        return None, f"bot.digests.compose cannot be imported: {exc}"
    composer = getattr(module, "DigestComposer", None)
    if composer is None:
        return None, "bot.digests.compose has no DigestComposer; digests_10k_s not measured"
    return composer(core.briefs).compose, None


def morning_slot(core: Core) -> datetime:
    """08:00 UTC a week after the newest fact was added: nothing is new since yesterday's digest."""
    db = sqlite3.connect(f"file:{core.store.path}?mode=ro", uri=True)
    try:
        newest = db.execute("SELECT MAX(added) FROM facts").fetchone()[0]
    finally:
        db.close()
    day = date.fromisoformat(newest) if newest else date(2026, 1, 1)
    return datetime.combine(day + timedelta(days=7), dtime(8, 0), tzinfo=UTC)


def subscriptions(core: Core, n: int, slot: datetime, seed: int = 1) -> list[Any]:
    """`n` daily subscriptions in as many channels, all due at `slot`, over a spread of countries and topics."""
    from bot.digests.models import Subscription

    rng = random.Random(seed)
    countries = sorted(e.id for e in core.entities.by_id.values() if e.type == "country")
    created = slot - timedelta(days=30)
    return [
        Subscription.model_validate(
            {
                "id": i + 1,
                "guild_id": 1000 + i % 500,
                "channel_id": 10_000 + i,
                "created_by": 1,
                "frequency": "daily",
                "time": slot.strftime("%H:%M"),
                "timezone": "UTC",
                "country": rng.choice(countries) if rng.random() < 0.7 else None,
                "topic": rng.choice(TOPICS),
                "size": 5,
                "created_at": created,
                "updated_at": created,
                "last_slot": slot - timedelta(days=1),
            }
        )
        for i in range(n)
    ]


async def _pass(compose: ComposeFn, subs: list[Any], slot: datetime) -> float:
    previous = slot - timedelta(days=1)
    started = time.perf_counter()
    for sub in subs:
        await compose(sub, slot, set(), previous)
    return time.perf_counter() - started


async def time_digests(core: Core, n: int) -> DigestTiming:
    """Seconds to compose `n` digests due at the same minute (building the subscriptions is not counted)."""
    compose, note = _composer(core)
    if compose is None:
        return DigestTiming(None, None, note)
    slot = morning_slot(core)
    subs = subscriptions(core, n, slot)
    try:
        cold = await _pass(compose, subs, slot)
        warm = await _pass(compose, subs, slot)
    except Exception as exc:  # the composer is someone else's work in progress: report, don't abort the run
        return DigestTiming(None, None, f"bot.digests.compose failed, digests_10k_s not measured: {exc!r}")
    return DigestTiming(cold, warm)
