"""DigestService: idempotent delivery, failure modes, grace window, restarts, storage failures."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.digests.delivery import DigestService, RetryPolicy
from bot.digests.errors import (
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
)
from bot.digests.store import SubscriptionStore
from bot.state.db import open_state_db

from .conftest import (
    GUILD,
    FakeClock,
    FakeCompose,
    FakeSender,
    FakeSleep,
    ServiceFactory,
    fail_sql,
    new_sub,
    wait_until,
)

SLOT = datetime(2024, 6, 3, 8, tzinfo=UTC)  # Monday 08:00 UTC; subscriptions are created at 06:00
DAY = timedelta(days=1)


async def test_deliver_posts_once_and_records_everything(
    store: SubscriptionStore,
    service: DigestService,
    sender: FakeSender,
    compose: FakeCompose,
    clock: FakeClock,
) -> None:
    sub = await new_sub(store, size=3)
    clock.set(SLOT + timedelta(seconds=3))
    outcome = await service.deliver(sub, SLOT)
    assert (outcome.status, outcome.kind, outcome.attempts, outcome.slot) == ("sent", "scheduled", 1, SLOT)
    assert sender.sent == [
        (
            42,
            {
                "content": f"Digest #{sub.id} for {SLOT.isoformat()}",
                "facts": [f"s{sub.id}-f0", f"s{sub.id}-f1", f"s{sub.id}-f2"],
            },
        )
    ]
    assert compose.calls == [(sub.id, SLOT, frozenset(), None)]
    row = await store.get_delivery(sub.id, SLOT)
    assert row is not None
    assert (row.status, row.message_id, row.channel_id, len(row.fact_ids)) == (
        "sent",
        outcome.message_id,
        42,
        3,
    )
    assert await store.shown_fact_ids(sub.id) == set(row.fact_ids)
    assert (await store.get(GUILD, sub.id)).last_slot == SLOT  # type: ignore[union-attr]

    again = await service.deliver(sub, SLOT)
    assert again.status == "duplicate"
    assert len(sender.sent) == 1


async def test_concurrent_deliveries_of_one_slot_post_once(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT)
    outcomes = await asyncio.gather(*(service.deliver(sub, SLOT) for _ in range(10)))
    assert Counter(o.status for o in outcomes) == {"sent": 1, "duplicate": 9}
    assert len(sender.sent) == 1


async def test_two_processes_racing_for_a_slot_post_once(
    db_path: Path,
    store: SubscriptionStore,
    make_service: ServiceFactory,
    sender: FakeSender,
    clock: FakeClock,
) -> None:
    """Two connections (bot + `digest run` CLI): only the database's UNIQUE key stands between them."""
    sub = await new_sub(store)
    clock.set(SLOT)
    other_db = await open_state_db(db_path)
    try:
        bot = make_service(store)
        cli = make_service(SubscriptionStore(other_db, clock=clock))
        outcomes = await asyncio.gather(*(svc.deliver(sub, SLOT) for svc in (bot, cli, bot, cli)))
    finally:
        await other_db.close()
    assert sorted(o.status for o in outcomes) == ["duplicate", "duplicate", "duplicate", "sent"]
    assert len(sender.sent) == 1


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (DeliveryForbidden("403 Forbidden"), "Missing permission to post in its channel"),
        (DeliveryNotFound("404 Unknown Channel"), "Channel no longer exists"),
    ],
)
async def test_lost_channel_pauses_with_reason_and_never_retries(
    store: SubscriptionStore,
    service: DigestService,
    sender: FakeSender,
    sleep: FakeSleep,
    clock: FakeClock,
    error: Exception,
    reason: str,
) -> None:
    sub = await new_sub(store)
    sender.fail_next(42, error, error, error)
    clock.set(SLOT + timedelta(minutes=1))
    [outcome] = await service.run_due(clock.now)
    assert (outcome.status, outcome.reason, outcome.paused, outcome.attempts) == ("failed", reason, True, 1)
    assert sender.calls == 1 and sleep.calls == []
    paused = await store.get(GUILD, sub.id)
    assert paused is not None and (paused.status, paused.paused_reason) == ("paused", reason)
    [logged] = await store.history(sub.id, guild_id=GUILD)
    assert (logged.status, logged.reason) == ("failed", reason)
    # Days later nothing is attempted again, and the subscription still exists.
    clock.advance(days=3)
    assert await service.run_due(clock.now) == []
    assert (await service.deliver(sub, SLOT + DAY)).status == "inactive"
    assert sender.calls == 1
    assert await store.get(GUILD, sub.id) is not None


async def test_transient_errors_back_off_then_fail(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, sleep: FakeSleep, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    sender.fail_next(42, *(DeliveryTransient("503 Service Unavailable") for _ in range(5)))
    clock.set(SLOT)
    outcome = await service.deliver(sub, SLOT)
    assert (outcome.status, outcome.attempts) == ("failed", 3)
    assert outcome.reason == "Discord error after 3 attempts: 503 Service Unavailable"
    assert sleep.calls == [1.0, 2.0]
    assert sender.calls == 3 and sender.sent == []
    assert (await store.get(GUILD, sub.id)).status == "active"  # type: ignore[union-attr]
    assert (await store.get_delivery(sub.id, SLOT)).status == "failed"  # type: ignore[union-attr]
    assert await store.shown_fact_ids(sub.id) == set()
    assert (await service.deliver(sub, SLOT)).status == "duplicate"  # a failed slot is not retried later


async def test_transient_error_then_success(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, sleep: FakeSleep, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    sender.fail_next(42, DeliveryTransient("timeout"), DeliveryTransient("502"))
    clock.set(SLOT)
    outcome = await service.deliver(sub, SLOT)
    assert (outcome.status, outcome.attempts) == ("sent", 3)
    assert sleep.calls == [1.0, 2.0] and len(sender.sent) == 1


async def test_rate_limits_are_honoured_and_do_not_use_up_attempts(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, sleep: FakeSleep, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    sender.fail_next(
        42,
        DeliveryRateLimited(2.5),
        DeliveryTransient("500"),
        DeliveryRateLimited(7),
        DeliveryTransient("500"),
        DeliveryRateLimited(0.25),
    )
    clock.set(SLOT)
    outcome = await service.deliver(sub, SLOT)
    assert (outcome.status, outcome.attempts) == ("sent", 6)
    assert sleep.calls == [2.5, 1.0, 7.0, 2.0, 0.25]
    assert len(sender.sent) == 1


async def test_endless_or_huge_rate_limits_give_up(
    store: SubscriptionStore,
    make_service: ServiceFactory,
    sender: FakeSender,
    sleep: FakeSleep,
    clock: FakeClock,
) -> None:
    service = make_service(store, retry=RetryPolicy(max_rate_limit_waits=2, max_retry_after=60))
    a = await new_sub(store)
    b = await new_sub(store, channel_id=43)
    sender.fail_next(42, *(DeliveryRateLimited(1) for _ in range(10)))
    sender.fail_next(43, DeliveryRateLimited(3600))
    clock.set(SLOT)
    first = await service.deliver(a, SLOT)
    assert (first.status, first.reason) == ("failed", "Rate limited by Discord 3 times; gave up")
    second = await service.deliver(b, SLOT)
    assert second.status == "failed" and "3600s (over the 60s limit)" in (second.reason or "")
    assert sleep.calls == [1.0, 1.0]


async def test_other_errors_fail_without_retry(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, sleep: FakeSleep, clock: FakeClock
) -> None:
    a = await new_sub(store)
    b = await new_sub(store, channel_id=43)
    sender.fail_next(42, DeliveryError("400 Invalid Form Body"))
    sender.fail_next(43, KeyError("adapter bug"))
    clock.set(SLOT)
    assert (await service.deliver(a, SLOT)).reason == "Discord rejected the digest: 400 Invalid Form Body"
    assert (
        await service.deliver(b, SLOT)
    ).reason == "Unexpected error while posting: KeyError: 'adapter bug'"
    assert sender.calls == 2 and sleep.calls == []


async def test_empty_digest_is_skipped_and_compose_errors_fail(
    store: SubscriptionStore,
    service: DigestService,
    sender: FakeSender,
    compose: FakeCompose,
    clock: FakeClock,
) -> None:
    empty = await new_sub(store)
    broken = await new_sub(store, channel_id=43)
    compose.empty_for.add(empty.id)
    compose.fail_for.add(broken.id)
    clock.set(SLOT)
    outcomes = {o.subscription_id: o for o in await service.run_due(clock.now)}
    assert (outcomes[empty.id].status, outcomes[empty.id].reason) == ("skipped", "No facts match this focus")
    assert outcomes[broken.id].status == "failed"
    assert outcomes[broken.id].reason == "Could not compose the digest: fact base unavailable"
    assert sender.calls == 0
    assert (await store.get_delivery(empty.id, SLOT)).status == "skipped"  # type: ignore[union-attr]


async def test_rotation_state_flows_through_compose(
    store: SubscriptionStore, service: DigestService, compose: FakeCompose, clock: FakeClock
) -> None:
    sub = await new_sub(store, size=3)  # the fake pool has 4 facts
    clock.set(SLOT)
    await service.run_due(clock.now)
    clock.set(SLOT + DAY)
    await service.run_due(clock.now)
    (_, _, shown1, prev1), (_, _, shown2, prev2) = compose.calls
    assert shown1 == frozenset() and prev1 is None
    assert len(shown2) == 3 and prev2 == SLOT
    # The second digest exhausted the pool, so rotation restarted: only its facts count as shown now.
    second = await store.get_delivery(sub.id, SLOT + DAY)
    assert second is not None
    assert await store.shown_fact_ids(sub.id) == set(second.fact_ids)


async def test_grace_window_posts_a_recent_miss_once(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT + timedelta(hours=5, minutes=59))  # the bot was down at 08:00 and comes back at 13:59
    [outcome] = await service.run_due(clock.now)
    assert (outcome.status, outcome.slot) == ("sent", SLOT)
    assert await service.run_due(clock.now + timedelta(minutes=5)) == []
    assert len(sender.sent) == 1
    assert (await store.get(GUILD, sub.id)).last_slot == SLOT  # type: ignore[union-attr]


async def test_older_miss_is_logged_not_posted(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT + timedelta(hours=6, minutes=1))
    [outcome] = await service.run_due(clock.now)
    assert outcome.status == "missed"
    assert outcome.reason == "Not posted: the bot was not running within 6h of the scheduled time"
    assert sender.calls == 0
    [row] = await store.history(sub.id, guild_id=GUILD)
    assert (row.status, row.slot) == ("missed", SLOT)
    assert await service.run_due(clock.now) == []  # logged once


async def test_long_outage_never_bursts(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    a = await new_sub(store)
    b = await new_sub(store, channel_id=43, frequency="weekly", weekday=2)  # Wednesdays
    clock.set(SLOT + 4 * DAY + timedelta(hours=1))  # back on Friday 09:00
    outcomes = await service.run_due(clock.now)
    sent = [o for o in outcomes if o.status == "sent"]
    assert [(o.subscription_id, o.slot) for o in sent] == [(a.id, SLOT + 4 * DAY)]
    missed = sorted((o.subscription_id, o.slot) for o in outcomes if o.status == "missed")
    assert missed == [(a.id, SLOT + n * DAY) for n in range(4)] + [(b.id, SLOT + 2 * DAY)]
    assert len(sender.sent) == 1


async def test_only_the_latest_slot_inside_a_wide_grace_window_is_posted(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    service = make_service(store, grace=timedelta(days=3))
    sub = await new_sub(store)
    clock.set(SLOT + 4 * DAY + timedelta(hours=1))
    outcomes = await service.run_due(clock.now)
    assert [o.slot for o in outcomes if o.status == "sent"] == [SLOT + 4 * DAY]
    reasons = {o.slot: o.reason for o in outcomes if o.status == "missed"}
    assert reasons[SLOT] == "Not posted: the bot was not running within 72h of the scheduled time"
    assert (
        reasons[SLOT + 3 * DAY]
        == "Not posted: a later digest was due, and catch-up posts only the latest one"
    )
    assert len(sender.sent) == 1
    assert len(await store.history(sub.id, guild_id=GUILD)) == 5


async def test_slots_before_creation_are_not_caught_up(
    store: SubscriptionStore, service: DigestService, clock: FakeClock
) -> None:
    clock.set(SLOT + timedelta(minutes=30))
    await new_sub(store)  # created at 08:30 for 08:00
    assert await service.run_due(clock.now + timedelta(minutes=1)) == []


async def test_restart_in_the_middle_of_a_schedule(
    db_path: Path, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    async def boot() -> tuple[SubscriptionStore, DigestService]:
        store = SubscriptionStore(await open_state_db(db_path), clock=clock)
        service = make_service(store)
        await service.recover_interrupted()
        return store, service

    store, service = await boot()
    sub = await new_sub(store)
    clock.set(SLOT + timedelta(minutes=1))
    assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
    await store.db.close()

    store, service = await boot()  # restarted a minute later: nothing to redo
    clock.advance(minutes=1)
    assert await service.run_due(clock.now) == []
    clock.set(SLOT + DAY + timedelta(seconds=30))
    assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
    await store.db.close()

    store, service = await boot()
    clock.advance(hours=2)
    assert await service.run_due(clock.now) == []
    history = await store.history(sub.id, guild_id=GUILD)
    assert [(d.status, d.slot) for d in history] == [("sent", SLOT + DAY), ("sent", SLOT)]
    assert len(sender.sent) == 2
    await store.db.close()


async def test_a_claim_left_by_a_dead_process_before_it_sent_is_posted_at_the_restart(
    db_path: Path, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    store = SubscriptionStore(await open_state_db(db_path), clock=clock)
    sub = await new_sub(store)
    clock.set(SLOT)
    dead = make_service(store)
    assert await store.claim(sub.id, SLOT, boot=dead.boot.id)  # ... and the process dies before posting
    dead.close()
    await store.db.close()

    clock.advance(seconds=2)  # restarted at once: no waiting for the claim to grow old
    store = SubscriptionStore(await open_state_db(db_path), clock=clock)
    service = make_service(store)
    [outcome] = await service.recover_interrupted()
    assert outcome.status == "sent" and sender.calls == 1 and sender.finds == 0
    row = await store.get_delivery(sub.id, SLOT)
    assert row is not None and row.status == "sent" and row.boot == service.boot.id
    assert row.reason == "The bot stopped before posting this digest; posted on recovery"
    assert await service.run_due(clock.now) == []  # recovered, not reported as a 'duplicate'
    assert len(sender.sent) == 1
    service.close()
    await store.db.close()


async def test_claims_of_a_live_process_are_left_to_it_however_old(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT)
    cli = make_service(store)  # e.g. `briefbot digest run` posting right now in another process
    await store.claim(sub.id, SLOT, boot=cli.boot.id)
    bot = make_service(store)
    clock.advance(minutes=20)
    assert await bot.recover_interrupted() == []
    assert (await bot.deliver(sub, SLOT)).reason == "Being posted by another process right now"
    assert (await store.get_delivery(sub.id, SLOT)).status == "claimed"  # type: ignore[union-attr]
    cli.close()  # it ends without finishing: now the claim is recovered
    assert [o.status for o in await bot.recover_interrupted()] == ["sent"]
    assert len(sender.sent) == 1


async def test_send_now_uses_its_own_key(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT)  # a manual send at the very instant of the scheduled one
    manual = await service.send_now(sub)
    assert (manual.status, manual.kind, manual.slot) == ("sent", "manual", SLOT)
    assert (await store.get(GUILD, sub.id)).last_slot != SLOT  # type: ignore[union-attr]
    scheduled = await service.deliver(sub, SLOT)
    assert scheduled.status == "sent"
    assert len(sender.sent) == 2
    kinds = sorted(d.kind for d in await store.history(sub.id, guild_id=GUILD))
    assert kinds == ["manual", "scheduled"]
    # A paused subscription can still be test-posted by a moderator; a removed one cannot.
    await store.pause(GUILD, sub.id)
    clock.advance(seconds=1)
    assert (await service.send_now(sub)).status == "sent"
    await store.remove(GUILD, sub.id)
    assert (await service.send_now(sub)).status == "inactive"


async def test_preview_sends_and_records_nothing(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store, frequency="weekly", weekday=4, timezone="Europe/Berlin", time="09:00")
    slot, digest = await service.preview(sub, clock.now)
    assert slot == datetime(2024, 6, 7, 7, tzinfo=UTC)
    assert digest.payload["content"] == f"Digest #{sub.id} for {slot.isoformat()}"
    assert sender.calls == 0
    assert await store.history(sub.id, guild_id=GUILD) == []
    assert await store.shown_fact_ids(sub.id) == set()


async def test_paused_or_removed_subscriptions_are_not_delivered(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await store.pause(GUILD, sub.id, "Holiday")
    clock.set(SLOT)
    outcome = await service.deliver(sub, SLOT)  # a stale object still saying 'active'
    assert (outcome.status, outcome.reason) == ("inactive", "Holiday")
    assert await store.get_delivery(sub.id, SLOT) is None  # the slot key was not used up
    await store.remove(GUILD, sub.id)
    assert (await service.deliver(sub, SLOT)).status == "inactive"
    assert sender.calls == 0


async def test_dst_days_through_run_due(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    clock.set(datetime(2024, 3, 30, 12, tzinfo=UTC))
    await new_sub(store, time="02:30", timezone="Europe/Berlin")
    for minute in range(0, 24 * 60, 30):  # poll every 30 minutes through spring-forward day
        clock.set(datetime(2024, 3, 31, tzinfo=UTC) + timedelta(minutes=minute, seconds=5))
        await service.run_due(clock.now)
    assert len(sender.sent) == 1
    assert f"{datetime(2024, 3, 31, 1, 30, tzinfo=UTC).isoformat()}" in sender.sent[0][1]["content"]

    clock.set(datetime(2024, 10, 26, 12, tzinfo=UTC))
    await service.run_due(clock.now)
    sender.sent.clear()
    for minute in range(0, 24 * 60, 30):  # fall-back day: 02:30 happens twice, posts once
        clock.set(datetime(2024, 10, 27, tzinfo=UTC) + timedelta(minutes=minute, seconds=5))
        await service.run_due(clock.now)
    assert len(sender.sent) == 1
    assert datetime(2024, 10, 27, 0, 30, tzinfo=UTC).isoformat() in sender.sent[0][1]["content"]


async def test_bounded_concurrency_and_per_channel_order(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    service = make_service(store, max_concurrency=4)
    same_channel = [await new_sub(store, channel_id=1) for _ in range(3)]
    for channel in range(2, 8):
        await new_sub(store, channel_id=channel)
    clock.set(SLOT + timedelta(seconds=1))
    sender.gate = asyncio.Event()  # every post blocks until released
    run = asyncio.create_task(service.run_due(clock.now))
    await wait_until(lambda: sender.in_flight() == 4)
    # Room for a fifth post to (wrongly) start; a slow machine only gives it less room, and the maxima
    # checked after the run catch an overlap whenever it happened.
    await asyncio.sleep(0.02)
    assert sender.in_flight() == 4  # the semaphore bound, with 9 digests due at once
    assert sender.active.get(1, 0) <= 1  # never two posts to one channel at a time
    sender.gate.set()
    outcomes = await run
    assert [o.status for o in outcomes] == ["sent"] * 9
    assert sender.max_active_total == 4
    assert sender.max_active_per_channel == 1
    in_channel_1 = [payload["content"] for channel, payload in sender.sent if channel == 1]
    assert in_channel_1 == [f"Digest #{s.id} for {SLOT.isoformat()}" for s in same_channel]


async def test_manual_and_scheduled_posts_to_one_channel_do_not_overlap(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    a = await new_sub(store)
    b = await new_sub(store)  # same channel 42
    clock.set(SLOT)
    sender.gate = asyncio.Event()
    tasks = [asyncio.create_task(service.deliver(a, SLOT)), asyncio.create_task(service.send_now(b))]
    await wait_until(lambda: sender.in_flight() == 1)
    await asyncio.sleep(0.02)
    assert sender.in_flight() == 1
    sender.gate.set()
    assert [o.status for o in await asyncio.gather(*tasks)] == ["sent", "sent"]
    assert sender.max_active_per_channel == 1


async def test_disk_full_on_claim_sends_nothing_and_retries_later(
    store: SubscriptionStore,
    service: DigestService,
    sender: FakeSender,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sub = await new_sub(store)
    fail_sql(store.db, monkeypatch, "INSERT INTO deliveries", "database or disk is full")
    clock.set(SLOT + timedelta(minutes=1))
    [outcome] = await service.run_due(clock.now)
    assert outcome.status == "error"
    assert "nothing was posted" in (outcome.reason or "")
    assert "database or disk is full" in (outcome.reason or "")
    assert sender.calls == 0
    intact = await store.get(GUILD, sub.id)
    assert intact is not None and intact.status == "active" and intact.last_slot == sub.last_slot
    assert await store.history(sub.id, guild_id=GUILD) == []

    monkeypatch.undo()  # space freed: the slot is still inside the grace window
    clock.advance(hours=1)
    assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
    assert len(sender.sent) == 1


async def test_disk_full_after_posting_does_not_lead_to_a_second_post(
    db_path: Path,
    store: SubscriptionStore,
    service: DigestService,
    make_service: ServiceFactory,
    sender: FakeSender,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sub = await new_sub(store)
    fail_sql(store.db, monkeypatch, "UPDATE deliveries SET status", "database or disk is full")
    clock.set(SLOT)
    outcome = await service.deliver(sub, SLOT)
    assert outcome.status == "sent"
    assert "the delivery log could not be updated" in (outcome.reason or "")
    monkeypatch.undo()
    service.close()  # the bot stops before the disk has room again
    await store.db.close()

    clock.advance(minutes=20)  # restart, long after Discord forgot the nonce: the channel is searched
    store = SubscriptionStore(await open_state_db(db_path), clock=clock)
    service = make_service(store)
    [recovered] = await service.recover_interrupted()
    assert (recovered.status, recovered.message_id) == ("sent", outcome.message_id)
    assert recovered.reason == (
        "The bot stopped while posting this digest; it had been posted (found in the channel on recovery)"
    )
    assert await service.run_due(clock.now) == []
    assert (await service.deliver(sub, SLOT)).status == "duplicate"
    assert len(sender.sent) == 1 and sender.calls == 1
    await store.db.close()


async def test_read_only_database(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await store.db.connection.execute("PRAGMA query_only = ON")  # a real SQLITE_READONLY on every write
    clock.set(SLOT)
    [outcome] = await service.run_due(clock.now)
    assert outcome.status == "error" and "readonly database" in (outcome.reason or "")
    assert sender.calls == 0
    assert await store.get(GUILD, sub.id) is not None  # reads still work, nothing lost
    await store.db.connection.execute("PRAGMA query_only = OFF")
    assert [o.status for o in await service.run_due(clock.now)] == ["sent"]


async def test_an_unreadable_subscription_row_does_not_stop_the_others(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    good = await new_sub(store)
    bad = await new_sub(store, channel_id=43)
    async with store.db.transaction() as tx:  # e.g. a zone that a future tzdata no longer ships
        await tx.execute("UPDATE subscriptions SET timezone = 'Mars/Olympus_Mons' WHERE id = ?", (bad.id,))
    clock.set(SLOT)
    outcomes = await service.run_due(clock.now)
    assert [(o.subscription_id, o.status) for o in outcomes] == [(good.id, "sent")]
    assert [s.id for s in await store.list_for_guild(GUILD)] == [good.id]
