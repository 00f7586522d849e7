"""Fault 1: data/state.db deleted (or replaced) while the bot runs.

SQLite keeps writing to the unlinked inode, so without help every write after the deletion would vanish at the
next restart. StateDB compares the file at its path with the one it opened before each write transaction and
writes the live database back (sqlite3 backup API) when it differs.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.digests.delivery import DigestService
from bot.digests.keys import DeliveryKey
from bot.digests.models import ComposedDigest, Subscription
from bot.digests.store import SubscriptionStore
from bot.state.db import open_state_db
from bot.state.errors import StateDBWriteError

from .conftest import DAY, SLOT, FakeClock, FakeSleep, StartBot, names_in, remove_db_files, rows, text_of


class ListSender:
    def __init__(self) -> None:
        self.sent: list[tuple[int, dict[str, Any]]] = []

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        self.sent.append((channel_id, payload))
        return 7000 + len(self.sent)

    async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
        return None


async def compose(sub: Subscription, slot: Any, shown: set[str], previous: Any) -> ComposedDigest:
    ids = [f"s{sub.id}-{slot:%m%d}"]
    return ComposedDigest(payload={"content": f"digest {sub.id} {slot:%F}"}, fact_ids=ids)


async def new_sub(store: SubscriptionStore, channel_id: int, time: str = "08:00") -> Subscription:
    return await store.create(
        guild_id=1, channel_id=channel_id, created_by=9, frequency="daily", time=time, timezone="UTC"
    )


@pytest.mark.parametrize("deleted", [("", "-wal", "-shm"), ("",)], ids=["with-wal-and-shm", "database-only"])
async def test_writes_after_the_file_is_deleted_survive_a_restart(
    tmp_path: Path,
    clock: FakeClock,
    sleep: FakeSleep,
    caplog: pytest.LogCaptureFixture,
    deleted: tuple[str, ...],
) -> None:
    path = tmp_path / "data" / "state.db"
    db = await open_state_db(path)
    store = SubscriptionStore(db, clock=clock)
    sender = ListSender()
    service = DigestService(store, compose, sender, clock, sleep)
    first = await new_sub(store, 10)
    second = await new_sub(store, 11)
    clock.set(SLOT)
    assert [o.status for o in await service.run_due(clock.now)] == ["sent", "sent"]

    remove_db_files(path, deleted)  # rm data/state.db [data/state.db-wal data/state.db-shm]
    assert not path.exists()

    third = await new_sub(store, 12, "09:00")  # the first write afterwards notices and restores the file
    assert path.exists() and db.restored == 1
    assert any(r.levelno == logging.CRITICAL and "deleted" in r.getMessage() for r in caplog.records)
    await store.pause(1, second.id, "Paused by a moderator")
    clock.set(SLOT + DAY)
    outcomes = await service.run_due(clock.now)
    assert sorted((o.subscription_id, o.status) for o in outcomes) == [
        (first.id, "sent"),
        (third.id, "missed"),
    ]
    await db.close()

    assert len(sender.sent) == 3  # nothing was double-posted on the way
    # A restart: a fresh connection to the path sees everything, before and after the deletion.
    subs = rows(path, "SELECT id, status, paused_reason FROM subscriptions ORDER BY id")
    assert subs == [
        (first.id, "active", None),
        (second.id, "paused", "Paused by a moderator"),
        (third.id, "active", None),
    ]
    deliveries = rows(path, "SELECT subscription_id, slot_at, status FROM deliveries ORDER BY id")
    assert [(s, st) for s, _, st in deliveries] == [
        (first.id, "sent"),
        (second.id, "sent"),
        (third.id, "missed"),
        (first.id, "sent"),
    ]
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert not [n for n in names_in(path.parent) if ".replaced-" in n or n.endswith(".tmp")]
    reopened = await open_state_db(path)
    assert (await reopened.fetchone("SELECT count(*) FROM shown_facts"))[0] == 3  # type: ignore[index]
    await reopened.close()


async def test_a_file_put_in_its_place_is_kept_aside_not_overwritten(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "state.db"
    db = await open_state_db(path)
    store = SubscriptionStore(db, clock=clock)
    kept = await new_sub(store, 10)
    # Someone moves another database over it (e.g. an old copy): a different inode at the same path.
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE note (text TEXT)")
    conn.execute("INSERT INTO note VALUES ('not the bot''s')")
    conn.commit()
    conn.close()
    other.replace(path)

    added = await new_sub(store, 11)
    await db.close()

    assert rows(path, "SELECT id FROM subscriptions ORDER BY id") == [(kept.id,), (added.id,)]
    # Kept under another name, without the bot's old -wal beside it (which would corrupt it when opened).
    [aside] = [n for n in names_in(tmp_path) if n.startswith("state.db.replaced-")]
    assert rows(tmp_path / aside, "SELECT text FROM note") == [("not the bot's",)]


async def test_a_write_is_refused_while_the_file_cannot_be_written_back_and_nothing_is_lost(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "data"
    path = folder / "state.db"
    db = await open_state_db(path)
    store = SubscriptionStore(db, clock=clock)
    kept = await new_sub(store, 10)
    shutil.rmtree(folder)
    folder.write_text("a file where the data folder was")  # the restore has nowhere to go (works as root too)

    with pytest.raises(StateDBWriteError, match="could not be written back"):
        await new_sub(store, 11)
    assert [s.id for s in await store.list_for_guild(1)] == [kept.id]  # reads still served, nothing changed

    folder.unlink()  # the folder can be created again: the next write restores, then goes through
    added = await new_sub(store, 11)
    await db.close()
    assert rows(path, "SELECT id FROM subscriptions ORDER BY id") == [(kept.id,), (added.id,)]


async def test_the_running_bot_restores_the_deleted_state_file_and_keeps_every_subscription(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        made = await run.digest("subscribe", {"channel": run.channel("briefings"), "time": "08:00"})
        assert "Digest subscribed" in text_of(made)
        remove_db_files(run.inputs.state_db)

        again = await run.digest("subscribe", {"channel": run.channel("news"), "time": "18:30"})
        assert "Digest subscribed" in text_of(again)
        sent = await run.digest("send-now", {"id": 1})
        assert "sent now" in text_of(sent)
        assert len(run.posts("briefings")) == 1
        listing = await run.digest("list")
        assert "#1" in text_of(listing) and "#2" in text_of(listing)

    # After the bot is gone, the file at the path holds everything it was told.
    path = run.inputs.state_db
    assert rows(path, "SELECT id, time FROM subscriptions ORDER BY id") == [(1, "08:00"), (2, "18:30")]
    assert rows(path, "SELECT subscription_id, kind, status FROM deliveries") == [(1, "manual", "sent")]
    # The digest's "Show quotes" handle was written after the deletion too.
    assert rows(path, "SELECT count(*) FROM answer_handles")[0][0] >= 1
