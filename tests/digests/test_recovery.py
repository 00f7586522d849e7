"""Crash-safe delivery: one nonce per slot on every request, and claims of dead processes finished at once.

A "dead process" is a DigestService whose boot was given up (`close()`), exactly what the kernel does to the
lock of a killed one (tests/digests/test_boots.py shows that with a real SIGKILL)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.digests.delivery import DigestService, RetryPolicy
from bot.digests.errors import DeliveryTransient
from bot.digests.keys import NONCE_MAX, DeliveryKey
from bot.digests.models import DeliveryOutcome
from bot.digests.store import SubscriptionStore

from .conftest import GUILD, FakeClock, FakeSender, ServiceFactory, new_sub

SLOT = datetime(2024, 6, 3, 8, tzinfo=UTC)
STOPPED = "The bot stopped while posting this digest"


@dataclass
class Crash:
    """A process that claims SLOT, records that sending began, posts it (Discord got it if `posted`) and is
    killed before recording the outcome; then a new process recovers."""

    store: SubscriptionStore
    make_service: ServiceFactory
    sender: FakeSender
    clock: FakeClock

    async def mid_post(self, *, posted: bool) -> int:
        self.clock.set(SLOT)
        created = await new_sub(self.store)
        dead = self.make_service(self.store)
        assert await self.store.claim(created.id, SLOT, channel_id=created.channel_id, boot=dead.boot.id)
        row = await self.store.get_delivery(created.id, SLOT)
        assert row is not None
        await self.store.mark_sending(row.id, dead.boot.id)
        if posted:
            await self.sender.send(
                created.channel_id, {"content": "the first copy"}, DeliveryKey(created.id, SLOT)
            )
        dead.close()
        return created.id

    async def recover_after(self, **later: float) -> DeliveryOutcome:
        self.clock.advance(**later)
        [outcome] = await self.make_service(self.store).recover_interrupted()
        return outcome


@pytest.fixture
def crash(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> Crash:
    return Crash(store, make_service, sender, clock)


def test_keys_are_deterministic_short_and_distinct() -> None:
    key = DeliveryKey(12, SLOT)
    assert key.nonce == DeliveryKey(12, SLOT).nonce and len(key.nonce) <= NONCE_MAX
    others = {DeliveryKey(13, SLOT), DeliveryKey(12, SLOT + timedelta(days=1)), DeliveryKey(12, SLOT, True)}
    assert key.nonce not in {k.nonce for k in others} and key.marker not in {k.marker for k in others}
    assert key.marker.startswith("digest #12 · 2024-06-03 08:00 UTC · ref ")


async def test_every_request_of_a_slot_carries_one_nonce_so_a_5xx_after_create_posts_once(
    store: SubscriptionStore, service: DigestService, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT)
    # Discord created the message, then answered 500 twice (our retries); the third request gets the copy.
    sender.fail_after_creating(
        42, DeliveryTransient("Discord error 500"), DeliveryTransient("Discord error 500")
    )
    outcome = await service.deliver(sub, SLOT)
    assert (outcome.status, outcome.attempts) == ("sent", 3)
    assert len(sender.sent) == 1 and sender.nonces == [DeliveryKey(sub.id, SLOT).nonce] * 3
    assert sender.finds == 0  # all inside the nonce window


async def test_retries_past_the_nonce_window_search_the_channel_before_sending_again(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    sender.remembers_nonces = False  # prove it is the search, not Discord, that prevents the second copy
    service = make_service(
        store, retry=RetryPolicy(base_delay=70.0, max_delay=70.0), nonce_window=timedelta(seconds=60)
    )
    sub = await new_sub(store)
    clock.set(SLOT)
    sender.fail_after_creating(42, DeliveryTransient("Discord error 502"))
    outcome = await service.deliver(sub, SLOT)  # 0 s: created, then 502; 70 s: the search finds it
    assert (outcome.status, outcome.attempts, sender.calls, sender.finds) == ("sent", 1, 1, 1)
    assert outcome.reason == "An earlier request had posted it (found in the channel); not posted again"
    assert len(sender.sent) == 1
    row = await store.get_delivery(sub.id, SLOT)
    assert row is not None and row.message_id == outcome.message_id


async def test_a_dead_process_slot_is_re_sent_with_the_same_nonce_inside_the_window(
    crash: Crash, sender: FakeSender
) -> None:
    sub_id = await crash.mid_post(posted=True)
    outcome = await crash.recover_after(seconds=5)
    assert outcome.status == "sent" and len(sender.sent) == 1  # Discord returned the first copy
    assert sender.nonces == [DeliveryKey(sub_id, SLOT).nonce] * 2 and sender.finds == 0
    assert outcome.reason == f"{STOPPED}; re-sent with the same nonce, so Discord keeps a single copy"


async def test_past_the_window_a_digest_found_in_the_channel_is_recorded_not_re_sent(
    crash: Crash, store: SubscriptionStore, sender: FakeSender
) -> None:
    sub_id = await crash.mid_post(posted=True)
    outcome = await crash.recover_after(minutes=10)
    row = await store.get_delivery(sub_id, SLOT)
    assert row is not None and (row.status, row.message_id) == ("sent", outcome.message_id)
    assert row.reason == f"{STOPPED}; it had been posted (found in the channel on recovery)"
    assert sender.calls == 1 and len(sender.sent) == 1
    # Its facts count as shown, so the next digest does not repeat them.
    assert row.fact_ids and await store.shown_fact_ids(sub_id) == set(row.fact_ids)


async def test_past_the_window_a_digest_not_in_the_channel_is_posted_within_grace(
    crash: Crash, store: SubscriptionStore, sender: FakeSender
) -> None:
    sub_id = await crash.mid_post(posted=False)
    outcome = await crash.recover_after(hours=2)
    assert outcome.status == "sent" and len(sender.sent) == 1 and sender.finds == 1
    assert outcome.reason == f"{STOPPED}; it was not in the channel; posted on recovery"
    assert (await store.get(GUILD, sub_id)).last_slot == SLOT  # type: ignore[union-attr]


async def test_past_grace_an_interrupted_slot_not_in_the_channel_is_missed_with_the_reason(
    crash: Crash, sender: FakeSender
) -> None:
    await crash.mid_post(posted=False)
    outcome = await crash.recover_after(hours=7)
    assert outcome.status == "missed" and sender.calls == 0
    assert outcome.reason == (
        f"{STOPPED}; it was not in the channel; not posted: more than 6h after the scheduled time"
    )


async def test_when_the_channel_cannot_be_read_the_slot_fails_with_that_reason(
    crash: Crash, store: SubscriptionStore, sender: FakeSender
) -> None:
    sender.unreadable.add(42)
    await crash.mid_post(posted=False)
    outcome = await crash.recover_after(minutes=10)
    assert outcome.status == "failed" and sender.calls == 0
    assert outcome.reason == (
        f"{STOPPED}, and the channel could not be checked for it (the bot lacks Read Message History in the "
        "channel); not posted again, to avoid a double post"
    )
    assert (await store.claims()) == []


async def test_a_subscription_paused_meanwhile_gets_skipped_with_the_pause_reason(
    crash: Crash, store: SubscriptionStore, sender: FakeSender
) -> None:
    sub_id = await crash.mid_post(posted=False)
    await store.pause(GUILD, sub_id, "Holiday")
    outcome = await crash.recover_after(seconds=5)
    assert outcome.status == "skipped" and sender.calls == 0
    assert outcome.reason == (
        f"{STOPPED}; it was not in the channel; not posted: the subscription is paused (Holiday)"
    )


async def test_an_interrupted_send_now_is_not_repeated_later(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT + timedelta(hours=3))
    dead = make_service(store)
    await store.claim(sub.id, clock.now, manual=True, channel_id=42, boot=dead.boot.id)
    dead.close()
    clock.advance(minutes=30)
    [outcome] = await make_service(store).recover_interrupted()
    assert (outcome.kind, outcome.status, sender.calls) == ("manual", "failed", 0)
    assert outcome.reason == (
        "The bot stopped before posting this digest; a send-now is not repeated later (send it again if wanted)"
    )


async def test_claims_from_before_boots_were_recorded_are_recovered_once_old(
    store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    sub = await new_sub(store)
    clock.set(SLOT)
    await store.claim(sub.id, SLOT, channel_id=42)  # no boot: made by an older version
    service = make_service(store)
    clock.advance(minutes=5)
    assert await service.recover_interrupted() == []
    clock.advance(minutes=15)
    [outcome] = await service.recover_interrupted()
    # Whether it was sent is unknown, so the channel is searched first.
    assert outcome.status == "sent" and sender.finds == 1 and len(sender.sent) == 1


async def test_two_processes_recovering_at_once_post_once(
    crash: Crash, store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    await crash.mid_post(posted=False)
    clock.advance(minutes=10)
    first, second = make_service(store), make_service(store)
    results = await asyncio.gather(first.recover_interrupted(), second.recover_interrupted())
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(sender.sent) == 1


async def test_a_scheduled_run_meeting_a_dead_claim_recovers_it_instead_of_skipping_it(
    crash: Crash, store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    service = make_service(store)  # the bot, running; a CLI run dies mid-post next to it
    sub_id = await crash.mid_post(posted=True)
    clock.advance(seconds=10)
    sub = await store.get(GUILD, sub_id)
    assert sub is not None
    outcome = await service.deliver(sub, SLOT)
    assert outcome.status == "sent" and len(sender.sent) == 1
    assert await store.claims() == []


async def test_a_read_only_database_postpones_recovery_without_breaking_the_run(
    crash: Crash, store: SubscriptionStore, make_service: ServiceFactory, sender: FakeSender, clock: FakeClock
) -> None:
    await crash.mid_post(posted=True)
    clock.advance(minutes=10)
    service = make_service(store)
    await store.db.connection.execute("PRAGMA query_only = ON")  # a real SQLITE_READONLY on every write
    assert await service.run_due(clock.now) == []  # logged, not raised: the claim waits for the next run
    assert [c.status for c in await store.claims()] == ["claimed"] and sender.calls == 1
    await store.db.connection.execute("PRAGMA query_only = OFF")
    assert [o.status for o in await service.run_due(clock.now)] == ["sent"]
    assert len(sender.sent) == 1 and await store.claims() == []
