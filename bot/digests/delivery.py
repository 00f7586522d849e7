"""`DigestService`: turns due slots into posts, exactly the Discord-agnostic part.

Promise: **one post per (subscription, slot), nothing lost, every slot explained.** How it holds:

* **Claim.** Before anything is sent, a 'claimed' row is inserted under UNIQUE(subscription_id, slot),
  stamped with this process's boot id (`bot.digests.boots`). Only the owner of the claim may post, so
  concurrent `deliver` calls, a late APScheduler job, start-up catch-up and `digest run` in another process
  can race for a slot: one posts, the rest report 'duplicate'. If the claim cannot be written (disk full,
  read-only DB) nothing is sent: the outcome is 'error' and a later run inside the grace window tries again.
* **Sending** (`sending`): every request of a slot carries one nonce, so Discord keeps a single copy while
  it remembers the nonce; beyond that window the channel is searched for the slot's marker before any
  further request. 429s wait, 5xx back off, 403/404 pause the subscription and are never retried.
* **Recovery** (`recovery`): a claim whose owner died is taken over at once, and the slot is finished
  without a second post: re-sent with the same nonce, found in the channel, posted within grace, or
  explained.
* **History always explains**: every slot ends in sent / skipped / missed / failed with a reason (`catch_up`
  logs the slots a sweep does not post); slots that pass while a subscription is paused are logged 'skipped'
  with the pause reason when it is resumed (a new status would need a table rebuild, which the migration
  rules forbid); 'claimed' is only seen while a post is in flight (or while its owner is alive but the
  database refuses writes: then the outcome is kept in memory and written at the next opportunity, marked
  as recorded late - `unrecorded`).

The pieces, bottom-up: `sending` (Sender port, RetryPolicy, send-with-retries), `unrecorded` (what the log
could not take yet), `concurrency` (per-channel order, bound on simultaneous posts), `posting` (compose ->
send -> record for an owned claim), `recovery`, `catch_up`, and this module, which ties them together.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.state.errors import StateDBError

from .boots import BootLock, boots_dir
from .catch_up import CatchUp
from .concurrency import ChannelGate, per_channel
from .keys import DeliveryKey
from .models import ComposedDigest, DeliveryOutcome, Subscription
from .posting import ComposeFn, SlotPoster, outcome
from .recovery import Recovery
from .schedule import as_utc, next_slot
from .sending import NonceWindow, RetryingSender, RetryPolicy, Sender, SleepFn
from .store import Clock, SubscriptionStore, utc_now
from .unrecorded import UnclaimedSlots, UnrecordedOutcomes

# The types of the service's parameters are importable from here too, beside the service itself.
__all__ = ["ComposeFn", "DeliveryKey", "DigestService", "RetryPolicy", "Sender", "SleepFn"]

log = logging.getLogger(__name__)


class DigestService:
    def __init__(
        self,
        store: SubscriptionStore,
        compose: ComposeFn,
        sender: Sender,
        clock: Clock = utc_now,
        sleep: SleepFn = asyncio.sleep,
        *,
        grace: timedelta = timedelta(hours=6),
        retry: RetryPolicy | None = None,
        max_concurrency: int = 4,
        nonce_window: timedelta = timedelta(seconds=60),
        stale_claim_after: timedelta = timedelta(minutes=15),
        max_missed_logged: int = 50,
        boot: BootLock | None = None,
    ) -> None:
        # Bounds simultaneous compose+send work and keeps each channel's posts in order.
        self._gate = ChannelGate(max_concurrency)
        self.store = store
        self.grace = grace
        self.retry = retry or RetryPolicy()
        self.nonce_window = nonce_window
        self.boot = boot or BootLock(boots_dir(store.db.path))
        self._clock = clock
        self._compose = compose
        self._unrecorded = UnrecordedOutcomes(store)
        self._unclaimed = UnclaimedSlots()
        sending = RetryingSender(sender, self.retry, NonceWindow(nonce_window, self.now), sleep, self.now)
        self._poster = SlotPoster(store, compose, sending, self._unrecorded, self.boot.id)
        self._recovery = Recovery(
            store,
            self.boot,
            self._poster,
            sending,
            self._gate,
            self._unrecorded,
            self.now,
            grace=grace,
            stale_claim_after=stale_claim_after,
        )
        self._catch_up = CatchUp(
            store, self._poster, self._unclaimed, grace=grace, max_missed_logged=max_missed_logged
        )

    @property
    def max_concurrency(self) -> int:
        """How many digests are composed and sent at once (`max_concurrency` of the constructor)."""
        return self._gate.max_concurrency

    def now(self) -> datetime:
        return as_utc(self._clock())

    def close(self) -> None:
        """Give up this process's boot (clean shutdown); claims still open are then recoverable by others."""
        self.boot.close()

    # --- public API ----------------------------------------------------------------------------------------

    async def recover_interrupted(self) -> list[DeliveryOutcome]:
        """Finish every claim left by a process that has died (see `bot.digests.recovery` for what happens
        to such a slot); claims of live processes are left alone. Safe to call at any time, from any
        number of processes: each abandoned claim is taken over by exactly one."""
        return await self._recovery.recover_interrupted()

    @property
    def unrecorded(self) -> int:
        """How many outcomes are waiting for the database to take writes again."""
        return len(self._unrecorded)

    async def record_unrecorded(self) -> int:
        """Write the outcomes whose log write failed earlier; returns how many still wait.

        Never raises for a storage failure: those stay queued for the next try. Until written, such a slot's
        row stays 'claimed', which already blocks a second post; after a restart it is recovered (the channel
        is searched for the digest before anything is sent again)."""
        return await self._unrecorded.record()

    async def deliver(self, sub: Subscription, slot: datetime) -> DeliveryOutcome:
        """Deliver scheduled `slot` of `sub` at most once; safe to call concurrently and repeatedly.

        The subscription is re-read from the DB (the caller's copy may be stale); paused or removed ones
        are not delivered. The watermark moves to `slot` unless the claim itself could not be recorded.
        """
        slot = as_utc(slot)
        result = await self._deliver(sub.id, slot, manual=False)
        if result.status not in ("error", "inactive"):
            await self._poster.advance(sub.id, slot)
        return result

    async def send_now(self, sub: Subscription) -> DeliveryOutcome:
        """Post immediately under the key 'manual:<now>': it never uses up a scheduled slot's key, and it
        works for paused subscriptions too (a moderator testing a fixed channel)."""
        return await self._deliver(sub.id, self.now(), manual=True)

    async def preview(self, sub: Subscription, now: datetime) -> tuple[datetime, ComposedDigest]:
        """Compose the next scheduled digest without sending or recording anything."""
        slot = next_slot(sub, now)
        return slot, await self._poster.compose_for(sub, slot)

    async def run_due(self, now_utc: datetime) -> list[DeliveryOutcome]:
        """Handle every active subscription's slots in (watermark, now]: the latest is delivered if within
        grace, the others are logged 'missed' (see `bot.digests.catch_up`). Used by start-up catch-up, the
        periodic sweep and `digest run --at`.
        """
        now = as_utc(now_utc)
        outcomes = await self.recover_interrupted()
        recovered = {(o.subscription_id, o.slot) for o in outcomes if o.kind == "scheduled"}
        logged, planned = await self._catch_up.plan(now, recovered)
        outcomes.extend(logged)
        ordered = sorted(planned, key=lambda item: (item[1], item[0].id))
        outcomes.extend(
            await per_channel(
                [(sub.channel_id, (sub, slot)) for sub, slot in ordered], lambda item: self.deliver(*item)
            )
        )
        return outcomes

    # --- delivery ------------------------------------------------------------------------------------------

    async def _deliver(self, sub_id: int, slot: datetime, *, manual: bool) -> DeliveryOutcome:
        kind = "manual" if manual else "scheduled"
        await self.record_unrecorded()
        try:
            sub = await self.store.get_any(sub_id)
            if sub is None:
                return outcome(sub_id, slot, "inactive", kind=kind, reason="The subscription was removed")
            async with self._gate.hold(sub.channel_id):
                # Re-read under the lock: waiting here can take a while (another digest's 429 backoff),
                # and a moderator may have paused or removed the subscription meanwhile.
                sub = await self.store.get_any(sub_id)
                if sub is None:
                    return outcome(sub_id, slot, "inactive", kind=kind, reason="The subscription was removed")
                if not manual and sub.status != "active":
                    return outcome(sub_id, slot, "inactive", kind=kind, reason=sub.paused_reason or "Paused")
                return await self._claim_and_send(sub, slot, manual=manual)
        except StateDBError as exc:
            log.error("Digest %d: state DB unavailable, nothing posted: %s", sub_id, exc)
            if not manual:
                self._unclaimed.note(sub_id, slot, exc)
            return outcome(
                sub_id,
                slot,
                "error",
                kind=kind,
                reason=f"The delivery could not be recorded, so nothing was posted: {exc}",
            )

    async def _claim_and_send(self, sub: Subscription, slot: datetime, *, manual: bool) -> DeliveryOutcome:
        kind = "manual" if manual else "scheduled"
        # Raises StateDBError when the claim cannot be written: then we must not send (caught by caller).
        claimed = await self.store.claim(
            sub.id, slot, manual=manual, channel_id=sub.channel_id, boot=self.boot.id
        )
        self._unclaimed.forget(sub.id, slot)
        row = await self.store.get_delivery(sub.id, slot, manual=manual)
        if row is None:  # cannot happen short of someone deleting rows by hand
            return outcome(sub.id, slot, "error", kind=kind, reason="The delivery row vanished")
        if claimed:
            return await self._poster.post(sub, row, DeliveryKey(sub.id, slot, manual))
        if (
            row.status == "claimed"
            and self._recovery.abandoned(row)
            and await self.store.take_over(row.id, row.boot, self.boot.id)
        ):
            return await self._recovery.resume(row)
        if row.status == "claimed":
            return outcome(
                sub.id, slot, "duplicate", kind=kind, reason="Being posted by another process right now"
            )
        return outcome(
            sub.id, slot, "duplicate", kind=kind, reason=f"Already handled for this slot ({row.status})"
        )
