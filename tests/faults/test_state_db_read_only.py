"""Fault 2: the state database becomes read-only while the bot runs.

How: `chmod 0444` does not stop root (CAP_DAC_OVERRIDE), and these tests may run as root. `PRAGMA query_only = ON`
on the bot's live connection makes SQLite refuse every write with SQLITE_READONLY ("attempt to write a readonly
database"), the same error a read-only file or mount produces, and can be switched off again to model the fix.
A connection opened with `mode=ro` (below) is the other root-proof way: read-only at open, in the VFS.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from bot.digests.delivery import DigestService
from bot.digests.keys import DeliveryKey
from bot.digests.models import ComposedDigest
from bot.digests.schedule import next_slot
from bot.digests.store import SubscriptionStore
from bot.state.db import StateDB, open_state_db

from .conftest import EPHEMERAL, FakeClock, FakeSleep, StartBot, rows, text_of


def far_from_now() -> str:
    """A subscription time 12 h away, so the bot's own wall-clock job never fires during the test."""
    return f"{datetime.now(UTC) + timedelta(hours=12):%H:%M}"


async def test_read_only_state_db_refuses_changes_clearly_posts_nothing_then_delivers_once(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        made = await run.digest("subscribe", {"channel": run.channel("briefings"), "time": far_from_now()})
        assert "Digest subscribed" in text_of(made)
        db = run.bot.state_db
        await db.connection.execute("PRAGMA query_only = ON")

        refused = await run.digest("subscribe", {"channel": run.channel("news"), "time": "09:00"})
        assert refused.flags & EPHEMERAL
        assert "cannot be written right now" in refused.content and "Nothing was changed" in refused.content
        paused = await run.digest("pause", {"id": 1})
        assert paused.flags & EPHEMERAL and "Nothing was changed" in paused.content
        listing = await run.digest("list")  # reads still work
        assert "#1" in text_of(listing) and "#2" not in text_of(listing) and "PAUSED" not in text_of(listing)

        # The scheduled run at the subscription's first slot: the claim cannot be written, so nothing is posted.
        service = run.digests  # the digest cog's own, on the test clock
        sub = await service.store.get_any(1)
        assert sub is not None
        slot = next_slot(sub, sub.created_at)
        clock.set(slot + timedelta(minutes=1))
        [outcome] = await service.run_due(clock.now)
        assert outcome.status == "error" and "readonly database" in (outcome.reason or "")
        assert run.post_attempts("briefings") == 0

        await db.connection.execute(
            "PRAGMA query_only = OFF"
        )  # writable again, still inside the grace window
        clock.set(slot + timedelta(minutes=20))
        assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
        assert await service.run_due(clock.now) == []
        assert (await service.deliver(sub, slot)).status == "duplicate"
        assert len(run.posts("briefings")) == 1 and run.post_attempts("briefings") == 1
        history = await run.digest("history", {"id": 1})
        assert "sent" in text_of(history)

    path = run.inputs.state_db
    assert rows(path, "SELECT id, status FROM subscriptions") == [(1, "active")]
    assert rows(path, "SELECT subscription_id, status FROM deliveries") == [(1, "sent")]


async def test_a_connection_opened_read_only_claims_nothing_and_sends_nothing(
    tmp_path: Path, clock: FakeClock, sleep: FakeSleep
) -> None:
    path = tmp_path / "state.db"
    writable = await open_state_db(path)
    sub = await SubscriptionStore(writable, clock=clock).create(
        guild_id=1, channel_id=5, created_by=9, frequency="daily", time="08:00", timezone="UTC"
    )
    await writable.close()

    conn = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    read_only = StateDB(conn, path)
    sent: list[int] = []

    class Sender:
        async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
            sent.append(channel_id)
            return 1

        async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
            return None

    async def compose(*_: Any) -> ComposedDigest:
        return ComposedDigest(payload={"content": "x"}, fact_ids=["f"])

    service = DigestService(SubscriptionStore(read_only, clock=clock), compose, Sender(), clock, sleep)
    clock.set(next_slot(sub, sub.created_at))
    [outcome] = await service.run_due(clock.now)
    assert outcome.status == "error" and "readonly" in (outcome.reason or "")
    assert sent == []
    assert [s.id for s in await service.store.list_active()] == [sub.id]
    await read_only.close()
    assert rows(path, "SELECT count(*) FROM deliveries") == [(0,)]
