"""Fault 5: the disk fills up while the delivery log is written (a real SQLITE_FULL, "database or disk is full").

How: `PRAGMA max_page_count` on the bot's live connection freezes the file at its current size, then filler rows
(of a subscription in another guild, never shown to the test guild) use up the free pages and the last page of
the tables a digest writes to. Every later insert into them, and the growing UPDATE that finishes a delivery,
then needs a page SQLite may not add. Raising max_page_count again is "space is back".
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord.digest_sender import DiscordSender
from bot.digests.keys import DeliveryKey
from bot.digests.store import SubscriptionStore
from bot.state.db import StateDB, open_state_db
from bot.state.errors import StateDBWriteError

from .conftest import (
    EPHEMERAL,
    GUILD,
    PAST_MONDAY,
    SLOT,
    USERS,
    FakeClock,
    FakeSleep,
    Running,
    StartBot,
    rows,
    running_standin,
    startup_catch_up,
    text_of,
)

FILLER_GUILD = 4242
FULL = "database or disk is full"


async def disk_full(db: StateDB) -> None:
    """Freeze the file's size and use up the space left in it (see the module docstring)."""
    pages = (await db.fetchone("PRAGMA page_count"))[0]  # type: ignore[index]
    await db.connection.execute(f"PRAGMA max_page_count = {pages}")
    filler = await db.fetchone("SELECT id FROM subscriptions WHERE guild_id = ?", (FILLER_GUILD,))
    if filler is None:
        async with db.transaction() as tx:  # still fits: a fresh file has room to spare
            filler_id = await tx.insert(
                "INSERT INTO subscriptions (guild_id, channel_id, created_by, frequency, time, timezone, status,"
                " created_at, updated_at) VALUES (?, 1, 1, 'daily', '00:00', 'UTC', 'paused', 'x', 'x')",
                (FILLER_GUILD,),
            )
    else:
        filler_id = filler[0]
    for sql in (
        "INSERT INTO deliveries (subscription_id, slot, slot_at, kind, status, created_at)"
        " VALUES (?, 'f' || ?, 'x', 'manual', 'skipped', 'x')",
        "INSERT INTO subscriptions (guild_id, channel_id, created_by, frequency, time, timezone, status,"
        " created_at, updated_at) VALUES (?, 1, 1, 'daily', '00:00', 'UTC', 'paused', 'x', 'x')",
    ):
        for n in range(10_000):
            try:
                async with db.transaction() as tx:
                    params = (filler_id, n) if "deliveries" in sql else (FILLER_GUILD,)
                    await tx.execute(sql, params)
            except StateDBWriteError as exc:
                assert FULL in str(exc)
                break
        else:
            raise AssertionError("the database never filled up")


async def space_is_back(db: StateDB) -> None:
    await db.connection.execute("PRAGMA max_page_count = 1073741823")


async def our_subscriptions(run: Running) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in await run.bot.state_db.fetchall(
            "SELECT id, channel_id, time, status, removed_at FROM subscriptions WHERE guild_id = ? ORDER BY id",
            (run.standin.guild_id(),),
        )
    ]


@contextlib.asynccontextmanager
async def disk_fills_after_posting(db: StateDB) -> AsyncIterator[None]:
    """The real DiscordSender (the digest cog's own): right after Discord accepted a post, the disk fills up."""
    post = DiscordSender.send

    async def send(sender: DiscordSender, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        message_id = await post(sender, channel_id, payload, key)
        await disk_full(db)
        return message_id

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DiscordSender, "send", send)
        yield


async def test_disk_full_before_the_claim_posts_nothing_refuses_changes_and_delivers_once_space_is_back(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        db = run.bot.state_db
        sub = await run.subscribe(clock, "briefings")
        service = run.digests
        before = await our_subscriptions(run)
        await disk_full(db)

        refused = await run.digest("subscribe", {"channel": run.channel("news"), "time": "09:00"})
        assert refused.flags & EPHEMERAL and "cannot be written right now" in refused.content
        manual = await run.digest("send-now", {"id": sub.id})
        assert "was not sent" in text_of(manual) and "nothing was posted" in text_of(manual)
        assert FULL in text_of(manual)

        clock.set(SLOT + timedelta(minutes=1))
        [outcome] = await service.run_due(clock.now)
        assert outcome.status == "error" and FULL in (outcome.reason or "")
        assert run.post_attempts("briefings") == 0
        assert await our_subscriptions(run) == before  # nothing lost, nothing half-written

        await space_is_back(db)
        clock.set(SLOT + timedelta(minutes=30))
        assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
        assert await service.run_due(clock.now) == []
        assert len(run.posts("briefings")) == 1 and run.post_attempts("briefings") == 1
        assert await our_subscriptions(run) == before


async def test_a_slot_that_could_not_be_claimed_until_too_late_is_logged_missed_with_the_real_reason(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        sub = await run.subscribe(clock, "briefings")
        service = run.digests  # grace 6 h
        await disk_full(run.bot.state_db)
        clock.set(SLOT + timedelta(minutes=1))
        assert [o.status for o in await service.run_due(clock.now)] == ["error"]

        await space_is_back(run.bot.state_db)
        clock.set(SLOT + timedelta(hours=7))
        [missed] = await service.run_due(clock.now)
        assert missed.status == "missed" and FULL in (missed.reason or "")
        assert run.post_attempts("briefings") == 0

        history = await run.digest("history", {"id": sub.id})
        assert "missed" in text_of(history) and "could not be recorded at the time" in text_of(history)
        assert FULL in text_of(history) and "not running" not in text_of(history)


async def test_disk_full_after_posting_never_reposts_and_history_gives_the_reason_once_space_is_back(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run, disk_fills_after_posting(run.bot.state_db):
        db = run.bot.state_db
        sub = await run.subscribe(clock, "briefings")
        service = run.digests
        before = await our_subscriptions(run)

        clock.set(SLOT + timedelta(minutes=1))
        [outcome] = await service.run_due(clock.now)
        assert outcome.status == "sent" and "Posted, but the delivery log could not be updated" in (
            outcome.reason or ""
        )
        assert FULL in (outcome.reason or "") and service.unrecorded == 1
        [post] = run.posts("briefings")
        assert outcome.message_id == post.id

        clock.set(SLOT + timedelta(minutes=10))  # a later run while the disk is still full: no second post
        assert [o.status for o in await service.run_due(clock.now)] in ([], ["duplicate"])
        assert (await service.deliver(sub, SLOT)).status == "duplicate"
        assert run.post_attempts("briefings") == 1

        await space_is_back(db)
        clock.set(SLOT + timedelta(minutes=20))
        await service.run_due(clock.now)
        assert service.unrecorded == 0
        row = await service.store.get_delivery(sub.id, SLOT)
        assert row is not None and (row.status, row.message_id) == ("sent", post.id)
        assert await service.store.shown_fact_ids(sub.id) == set(row.fact_ids) != set()
        history = await run.digest("history", {"id": sub.id})
        assert (
            "**sent**" in text_of(history)
            and "recorded late" in text_of(history)
            and FULL in text_of(history)
        )

        assert run.post_attempts("briefings") == 1 and len(run.posts("briefings")) == 1
        assert await our_subscriptions(run) == before


async def test_disk_full_after_posting_then_a_restart_finds_the_post_in_the_channel_and_never_reposts(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    # The restart searches the channel, which reads message ids as times: a past date the stand-in dates by.
    clock.set(PAST_MONDAY)
    slot = PAST_MONDAY.replace(hour=8)
    async with running_standin(guilds=(GUILD,), users=USERS) as discord:  # Discord outlives the bot
        discord.set_clock(clock)
        async with start_bot(discord) as run, disk_fills_after_posting(run.bot.state_db):
            sub = await run.subscribe(clock, "briefings")
            service = run.digests
            clock.set(slot + timedelta(minutes=1))
            [posted] = await service.run_due(clock.now)
            assert posted.status == "sent"
            before = await our_subscriptions(run)
        # The bot stopped with the disk still full: the claim row is all the log knows.
        path = run.inputs.state_db
        assert rows(path, f"SELECT status FROM deliveries WHERE subscription_id = {sub.id}") == [("claimed",)]

        clock.set(slot + timedelta(minutes=20))  # long past the nonce window: a repeat would search first
        async with start_bot(discord) as run:  # restarted, with space again
            await startup_catch_up(run)  # its own recovery may have taken the claim: either finds the post
            service = run.digests
            await service.recover_interrupted()
            assert (await service.deliver(sub, slot)).status == "duplicate"
            assert run.post_attempts("briefings") == 1 and len(run.posts("briefings")) == 1
            history = text_of(await run.digest("history", {"id": sub.id}))
            assert "**sent**" in history and "found in the channel on recovery" in history
            assert await our_subscriptions(run) == before
        assert rows(path, f"SELECT status, message_id FROM deliveries WHERE subscription_id = {sub.id}") == [
            ("sent", posted.message_id)
        ]


async def test_the_disk_full_helper_really_fills_the_file(tmp_path: Path) -> None:
    """The helper above, on its own: after it, the delivery log cannot grow until space is back."""
    db = await open_state_db(tmp_path / "state.db")
    store = SubscriptionStore(db)
    sub = await store.create(
        guild_id=1, channel_id=2, created_by=3, frequency="daily", time="08:00", timezone="UTC"
    )
    await disk_full(db)
    with pytest.raises(StateDBWriteError, match=FULL) as info:
        await store.claim(sub.id, SLOT)
    assert isinstance(info.value.__cause__, sqlite3.OperationalError)
    await space_is_back(db)
    assert await store.claim(sub.id, SLOT)
    await db.close()
