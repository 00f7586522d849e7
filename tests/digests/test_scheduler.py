"""DigestScheduler: jobs rebuilt from the DB, deliberate misfire/coalesce settings, slot keys of late jobs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digests.delivery import DigestService
from bot.digests.scheduler import DigestScheduler, job_id
from bot.digests.store import SubscriptionStore

from .conftest import GUILD, HANG_GUARD_S, FakeClock, FakeSender, new_sub, wait_until

SLOT = datetime(2024, 6, 3, 8, tzinfo=UTC)


@pytest.fixture
async def digests(service: DigestService, store: SubscriptionStore) -> AsyncIterator[DigestScheduler]:
    scheduler = DigestScheduler(service, store, sweep_interval=None)
    yield scheduler
    await scheduler.shutdown(timeout=1)


async def test_start_rebuilds_jobs_from_the_db_and_catches_up(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    daily = await new_sub(store)
    weekly = await new_sub(
        store, channel_id=43, frequency="weekly", weekday=4, timezone="Asia/Almaty", time="09:30"
    )
    paused = await new_sub(store, channel_id=44)
    await store.pause(GUILD, paused.id)
    clock.set(SLOT + timedelta(hours=2))  # the bot was down at 08:00

    digests = DigestScheduler(service, store, sweep_interval=timedelta(minutes=10))
    try:
        outcomes = await digests.start()
        assert [(o.subscription_id, o.status, o.slot) for o in outcomes] == [(daily.id, "sent", SLOT)]
        jobs = {job.id: job for job in digests.scheduler.get_jobs()}
        assert set(jobs) == {job_id(daily.id), job_id(weekly.id), "digest-sweep"}
        job = jobs[job_id(weekly.id)]
        assert str(job.trigger) == "slots (weekly 09:30 Asia/Almaty)"
        assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (6 * 3600, True, 1)
        local_next = job.next_run_time.astimezone(ZoneInfo("Asia/Almaty"))
        assert (local_next.weekday(), local_next.hour, local_next.minute) == (4, 9, 30)
    finally:
        await digests.shutdown(timeout=1)
    assert not digests.scheduler.running
    assert len(sender.sent) == 1


async def test_late_job_uses_the_scheduled_slot_key(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await digests.start()
    clock.set(SLOT + timedelta(seconds=7))  # the job fires 7 seconds late
    outcome = await digests._fire(sub.id)
    assert outcome is not None and (outcome.status, outcome.slot) == ("sent", SLOT)
    assert (await store.get_delivery(sub.id, SLOT)) is not None
    clock.advance(seconds=30)
    assert await digests._fire(sub.id) is None  # a second firing for the same slot does nothing
    assert len(sender.sent) == 1


async def test_real_apscheduler_firing_reaches_the_service(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await digests.start()
    clock.set(SLOT + timedelta(seconds=2))
    digests.scheduler.get_job(job_id(sub.id)).modify(next_run_time=datetime.now(UTC))
    await wait_until(lambda: len(sender.sent) == 1)
    await wait_until(lambda: not digests._inflight)
    delivery = await store.get_delivery(sub.id, SLOT)
    assert delivery is not None and delivery.status == "sent"


async def test_fall_back_double_firing_posts_once(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    clock.set(datetime(2024, 10, 26, 12, tzinfo=UTC))
    sub = await new_sub(store, time="02:30", timezone="Europe/Berlin")
    await digests.start()
    clock.set(datetime(2024, 10, 27, 0, 30, 1, tzinfo=UTC))  # 02:30 CEST, first occurrence
    first = await digests._fire(sub.id)
    assert first is not None and first.status == "sent"
    clock.set(
        datetime(2024, 10, 27, 1, 30, 1, tzinfo=UTC)
    )  # a second wake-up in the repeated hour (02:30 CET)
    assert await digests._fire(sub.id) is None
    assert len(sender.sent) == 1


async def test_job_too_late_for_grace_leaves_it_to_run_due(
    store: SubscriptionStore,
    digests: DigestScheduler,
    service: DigestService,
    sender: FakeSender,
    clock: FakeClock,
) -> None:
    sub = await new_sub(store)
    await digests.start()
    clock.set(SLOT + timedelta(hours=7))
    assert await digests._fire(sub.id) is None
    assert [o.status for o in await service.run_due(clock.now)] == ["missed"]
    assert sender.calls == 0


async def test_add_update_remove_follow_subscription_changes(
    store: SubscriptionStore, digests: DigestScheduler
) -> None:
    await digests.start()
    sub = await new_sub(store)
    digests.add(sub)
    assert str(digests.scheduler.get_job(job_id(sub.id)).trigger) == "slots (daily 08:00 UTC)"
    changed = await store.update(GUILD, sub.id, time="17:45", frequency="weekly", weekday="sun")
    digests.update(changed)
    assert str(digests.scheduler.get_job(job_id(sub.id)).trigger) == "slots (weekly 17:45 UTC)"
    digests.update(await store.pause(GUILD, sub.id))
    assert digests.scheduler.get_job(job_id(sub.id)) is None
    digests.update(await store.resume(GUILD, sub.id))
    assert digests.scheduler.get_job(job_id(sub.id)) is not None
    digests.update(await store.remove(GUILD, sub.id))
    assert digests.scheduler.get_job(job_id(sub.id)) is None
    digests.remove(sub.id)  # idempotent


async def test_sync_follows_changes_made_by_another_process(
    store: SubscriptionStore, digests: DigestScheduler
) -> None:
    await digests.start()
    sub = await new_sub(store)  # e.g. created by the CLI: the scheduler was not told
    await digests.sync()
    assert digests.scheduler.get_job(job_id(sub.id)) is not None
    await store.update(GUILD, sub.id, time="09:15")
    await digests.sync()
    assert str(digests.scheduler.get_job(job_id(sub.id)).trigger) == "slots (daily 09:15 UTC)"
    await store.remove(GUILD, sub.id)
    await digests.sync()
    assert digests.scheduler.get_job(job_id(sub.id)) is None


async def test_job_for_a_paused_subscription_unschedules_itself(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await digests.start()
    await store.pause(GUILD, sub.id)  # paused elsewhere, job still registered
    clock.set(SLOT)
    assert await digests._fire(sub.id) is None
    assert digests.scheduler.get_job(job_id(sub.id)) is None
    assert sender.calls == 0


async def test_job_survives_an_unavailable_database(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await digests.start()
    await store.db.connection.execute("PRAGMA query_only = ON")
    clock.set(SLOT)
    outcome = await digests._fire(sub.id)
    assert outcome is not None and outcome.status == "error"
    assert sender.calls == 0


async def test_shutdown_waits_for_in_flight_delivery(
    store: SubscriptionStore, digests: DigestScheduler, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    await digests.start()
    clock.set(SLOT)
    sender.gate = asyncio.Event()
    digests.scheduler.get_job(job_id(sub.id)).modify(next_run_time=datetime.now(UTC))
    await wait_until(lambda: sender.in_flight() == 1)
    stopping = asyncio.create_task(digests.shutdown(timeout=HANG_GUARD_S))
    await asyncio.sleep(0.01)
    assert not stopping.done()
    sender.gate.set()
    await stopping
    assert (await store.get_delivery(sub.id, SLOT)).status == "sent"  # type: ignore[union-attr]
