"""SubscriptionStore: CRUD, guild isolation, soft delete, claim idempotency, rotation state."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.digests.errors import InvalidSubscription, SubscriptionLimitReached, SubscriptionNotFound
from bot.digests.store import SubscriptionStore
from bot.state.db import open_state_db

from .conftest import GUILD, MOD, OTHER_GUILD, FakeClock, new_sub

SLOT = datetime(2024, 6, 3, 8, tzinfo=UTC)


async def test_create_and_read_back(store: SubscriptionStore, clock: FakeClock) -> None:
    sub = await new_sub(
        store, frequency="weekly", weekday="monday", timezone="europe/berlin", topic=" energy "
    )
    assert sub.id > 0
    assert (sub.guild_id, sub.created_by, sub.status, sub.size) == (GUILD, MOD, "active", 5)
    assert (sub.timezone, sub.weekday, sub.topic) == ("Europe/Berlin", 0, "energy")
    assert sub.created_at == clock.now and sub.last_slot == clock.now  # watermark starts at creation
    assert await store.get(GUILD, sub.id) == sub
    assert await store.list_for_guild(GUILD) == [sub]
    assert await store.list_active() == [sub]


async def test_invalid_settings_give_readable_errors(store: SubscriptionStore) -> None:
    with pytest.raises(InvalidSubscription) as info:
        await new_sub(store, timezone="Europe/Londn", time="8pm")
    assert info.value.messages == [
        "Time must be HH:MM on a 24-hour clock, e.g. 08:30 (got '8pm').",
        "Unknown timezone 'Europe/Londn' — did you mean Europe/London?",
    ]
    assert await store.list_for_guild(GUILD) == []


async def test_guild_isolation(store: SubscriptionStore) -> None:
    mine = await new_sub(store)
    theirs = await new_sub(store, guild_id=OTHER_GUILD, channel_id=77)
    assert await store.get(OTHER_GUILD, mine.id) is None
    assert await store.list_for_guild(OTHER_GUILD) == [theirs]
    for attempt in (
        store.pause(OTHER_GUILD, mine.id),
        store.resume(OTHER_GUILD, mine.id),
        store.update(OTHER_GUILD, mine.id, size=3),
        store.remove(OTHER_GUILD, mine.id),
        store.history(mine.id, guild_id=OTHER_GUILD),
    ):
        with pytest.raises(SubscriptionNotFound, match=f"No digest subscription #{mine.id} in this server"):
            await attempt
    # A wrong guild and a nonexistent id are indistinguishable.
    with pytest.raises(SubscriptionNotFound):
        await store.pause(GUILD, 12345)
    assert await store.get(GUILD, mine.id) == mine  # untouched


async def test_update_validates_and_moves_watermark_on_schedule_change(
    store: SubscriptionStore, clock: FakeClock
) -> None:
    sub = await new_sub(store, frequency="weekly", weekday=2)
    clock.advance(hours=1)
    same_schedule = await store.update(GUILD, sub.id, topic="gas", size=3)
    assert (same_schedule.topic, same_schedule.size, same_schedule.last_slot) == ("gas", 3, sub.last_slot)
    clock.advance(hours=1)
    daily = await store.update(GUILD, sub.id, frequency="daily")  # the weekday goes away by itself
    assert (daily.frequency, daily.weekday, daily.last_slot) == ("daily", None, clock.now)
    with pytest.raises(InvalidSubscription, match="between 1 and 10"):
        await store.update(GUILD, sub.id, size=50)
    with pytest.raises(InvalidSubscription, match="Unknown setting"):
        await store.update(GUILD, sub.id, guild_id=OTHER_GUILD)
    assert (await store.get(GUILD, sub.id)) == daily


async def test_pause_resume(store: SubscriptionStore, clock: FakeClock) -> None:
    sub = await new_sub(store)
    paused = await store.pause(GUILD, sub.id, "Holiday")
    assert (paused.status, paused.paused_reason) == ("paused", "Holiday")
    assert await store.list_active() == []
    clock.advance(days=3)
    resumed = await store.resume(GUILD, sub.id)
    assert (resumed.status, resumed.paused_reason, resumed.last_slot) == ("active", None, clock.now)
    # The three 08:00 slots that passed are not posted, but the history says why.
    history = await store.history(sub.id, guild_id=GUILD)
    assert [(d.slot, d.status, d.reason) for d in reversed(history)] == [
        (SLOT + timedelta(days=n), "skipped", "Not posted: the subscription was paused (Holiday)")
        for n in range(3)
    ]
    clock.advance(hours=1)
    await store.pause(GUILD, sub.id, "Again")
    await store.resume(GUILD, sub.id)  # no slot passed meanwhile: nothing more logged
    assert len(await store.history(sub.id, guild_id=GUILD)) == 3


async def test_remove_is_soft_and_keeps_history(store: SubscriptionStore) -> None:
    sub = await new_sub(store)
    assert await store.claim(sub.id, SLOT)
    await store.finish(sub.id, SLOT, status="sent", message_id=1, attempts=1, fact_ids=["a"])
    removed = await store.remove(GUILD, sub.id)
    assert removed.removed
    assert await store.get(GUILD, sub.id) is None
    assert await store.list_for_guild(GUILD) == []
    assert await store.list_active() == []
    with pytest.raises(SubscriptionNotFound):
        await store.remove(GUILD, sub.id)  # twice is "not found", not an error about state
    history = await store.history(sub.id, guild_id=GUILD)  # still viewable by its own guild
    assert [(d.status, d.message_id) for d in history] == [("sent", 1)]
    assert (await store.get_any(sub.id, include_removed=True)) is not None
    # The schema itself refuses a hard delete of a subscription that has history.
    with pytest.raises(sqlite3.IntegrityError):
        await store.db.connection.execute("DELETE FROM subscriptions WHERE id = ?", (sub.id,))


async def test_claim_is_idempotent_per_subscription_and_slot(store: SubscriptionStore) -> None:
    a = await new_sub(store)
    b = await new_sub(store, channel_id=43)
    assert await store.claim(a.id, SLOT, channel_id=42)
    assert not await store.claim(a.id, SLOT)
    assert await store.claim(b.id, SLOT)  # other subscription, same instant
    assert await store.claim(a.id, SLOT, manual=True)  # manual key never collides with the scheduled one
    assert await store.claim(a.id, SLOT + timedelta(days=1))
    delivery = await store.get_delivery(a.id, SLOT)
    assert delivery is not None
    assert (delivery.status, delivery.kind, delivery.channel_id, delivery.slot) == (
        "claimed",
        "scheduled",
        42,
        SLOT,
    )


async def test_claim_is_idempotent_across_connections(
    db_path: Path, store: SubscriptionStore, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    other = await open_state_db(db_path)  # a second process, e.g. the CLI
    try:
        assert await SubscriptionStore(other, clock=clock).claim(sub.id, SLOT)
        assert not await store.claim(sub.id, SLOT)
    finally:
        await other.close()


async def test_finish_records_facts_and_rotation(store: SubscriptionStore, clock: FakeClock) -> None:
    sub = await new_sub(store)
    assert await store.last_sent(sub.id) is None
    await store.claim(sub.id, SLOT)
    clock.advance(seconds=2)
    await store.finish(sub.id, SLOT, status="sent", message_id=7, attempts=2, fact_ids=["f1", "f2", "f1"])
    assert await store.shown_fact_ids(sub.id) == {"f1", "f2"}
    sent = await store.last_sent(sub.id)
    assert sent is not None
    assert (sent.message_id, sent.attempts, sent.fact_ids, sent.finished_at) == (
        7,
        2,
        ["f1", "f2"],
        clock.now,
    )

    nxt = SLOT + timedelta(days=1)
    await store.claim(sub.id, nxt)
    await store.finish(sub.id, nxt, status="sent", message_id=8, fact_ids=["f3"], rotation_reset=True)
    assert await store.shown_fact_ids(sub.id) == {"f3"}

    failed = SLOT + timedelta(days=2)
    await store.claim(sub.id, failed)
    await store.finish(sub.id, failed, status="failed", reason="boom", fact_ids=["f9"])
    assert await store.shown_fact_ids(sub.id) == {"f3"}  # facts of a failed post were not shown
    await store.reset_rotation(sub.id)
    assert await store.shown_fact_ids(sub.id) == set()
    history = await store.history(sub.id, 2, guild_id=None)
    assert [d.status for d in history] == ["failed", "sent"]


async def test_mark_missed_leaves_existing_rows_alone(store: SubscriptionStore) -> None:
    sub = await new_sub(store)
    await store.claim(sub.id, SLOT)
    logged = await store.mark_missed(sub.id, [SLOT - timedelta(days=1), SLOT], "offline")
    assert logged == [SLOT - timedelta(days=1)]
    assert (await store.get_delivery(sub.id, SLOT)).status == "claimed"  # type: ignore[union-attr]


async def test_a_claim_records_its_boot_and_only_one_process_can_take_it_over(
    store: SubscriptionStore, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    assert await store.claim(sub.id, SLOT, boot="1-deadbeef0000")
    [claim] = await store.claims()
    assert (claim.status, claim.boot, claim.sending_at) == ("claimed", "1-deadbeef0000", None)
    assert await store.take_over(claim.id, "1-deadbeef0000", "2-aaaaaaaaaaaa")
    assert not await store.take_over(claim.id, "1-deadbeef0000", "3-bbbbbbbbbbbb")  # someone was quicker
    clock.advance(seconds=5)
    with pytest.raises(LookupError):  # only the owner records that sending began
        await store.mark_sending(claim.id, "1-deadbeef0000")
    first = await store.mark_sending(claim.id, "2-aaaaaaaaaaaa")
    clock.advance(seconds=5)
    assert await store.mark_sending(claim.id, "2-aaaaaaaaaaaa") == first == clock.now - timedelta(seconds=5)
    await store.finish(sub.id, SLOT, status="sent", message_id=7)
    assert await store.claims() == []


async def test_per_guild_limit(store: SubscriptionStore) -> None:
    store.max_per_guild = 2
    first = await new_sub(store)
    await new_sub(store)
    with pytest.raises(SubscriptionLimitReached, match="limit is 2"):
        await new_sub(store)
    await new_sub(store, guild_id=OTHER_GUILD)  # other guilds are unaffected
    await store.remove(GUILD, first.id)
    await new_sub(store)  # removed ones do not count
