"""`Recovery`: finishing the claims of processes that died while they owned a slot.

`sending_at` is written before the first request. A claim whose boot is dead (its lock can be taken) is
taken over at once - at start-up and by every `run_due` sweep, and by a `deliver` that meets it - never
after a fixed age, and a claim of a live process (a CLI run posting right now) is left alone.
What happens to the slot, step by step:
  1. nothing was sent yet (`sending_at` is NULL): composed and posted like a fresh slot, if still within
     the grace window; otherwise 'missed' with the reason;
  2. sent within the nonce window: re-sent with the same nonce (Discord returns the first copy if it got
     there);
  3. sent longer ago: the channel is searched (see `bot.digests.sending`); found -> 'sent', not found ->
     posted if within the grace window, else 'missed'; search impossible -> 'failed'.
**Grace for an interrupted slot** is measured, as for any slot, from its scheduled time: a *new* post is
made only within it. A re-send that Discord can deduplicate only completes the request made in time, so
it is allowed even just past grace; a send-now (manual) is repeated only within the nonce window, since
"now" hours later is not what a moderator asked for. A removed or paused subscription gets 'skipped',
with that reason, instead of a new post. So a slot is never 'claimed' for longer than its owner lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.state.errors import StateDBError

from .boots import BootLock
from .concurrency import ChannelGate, per_channel
from .errors import DeliveryError
from .keys import DeliveryKey
from .models import ComposedDigest, Delivery, DeliveryOutcome
from .posting import SlotPoster, outcome
from .sending import RetryingSender, SendResult
from .store import SubscriptionStore
from .unrecorded import UnrecordedOutcomes

__all__ = ["Recovery"]

log = logging.getLogger(__name__)


class Recovery:
    def __init__(
        self,
        store: SubscriptionStore,
        boot: BootLock,
        poster: SlotPoster,
        sending: RetryingSender,
        gate: ChannelGate,
        unrecorded: UnrecordedOutcomes,
        now: Callable[[], datetime],
        *,
        grace: timedelta,
        stale_claim_after: timedelta,
    ) -> None:
        self._store = store
        self._boot = boot
        self._poster = poster
        self._sending = sending
        self._gate = gate
        self._unrecorded = unrecorded
        self._now = now
        self._grace = grace
        # Only for claims whose owner cannot be told alive or dead (made before boots were recorded, or no
        # fcntl on this platform): such a claim is recovered once it is this old.
        self._stale_claim_after = stale_claim_after

    def abandoned(self, claim: Delivery) -> bool:
        """Whether `claim`'s owner has died (or, when that cannot be told, the claim is stale)."""
        dead = self._boot.is_dead(claim.boot) if claim.boot is not None else None
        if dead is None:  # owner unknown: only the claim's age can tell
            return self._now() - claim.created_at >= self._stale_claim_after
        return dead

    async def recover_interrupted(self) -> list[DeliveryOutcome]:
        """Finish every claim left by a process that has died; claims of live processes are left alone.
        Safe to call at any time, from any number of processes: each abandoned claim is taken over by
        exactly one."""
        await self._unrecorded.record()
        taken: list[Delivery] = []
        left_by: set[str] = set()
        try:
            for claim in await self._store.claims():
                if claim.boot == self._boot.id or not self.abandoned(claim):
                    continue
                if await self._store.take_over(claim.id, claim.boot, self._boot.id):
                    taken.append(claim)
                    if claim.boot is not None:
                        left_by.add(claim.boot)
        except StateDBError as exc:  # what was taken over is finished below; the rest waits for the next run
            log.error("Could not look for interrupted digest deliveries: %s", exc)
        if taken:
            log.warning("Recovering %d digest deliveries left by a process that stopped", len(taken))
        outcomes = await per_channel([(claim.channel_id or 0, claim) for claim in taken], self._resume_locked)
        for boot in left_by | set(self._boot.dead_boots()):
            self._boot.forget(boot)
        return outcomes

    async def _resume_locked(self, row: Delivery) -> DeliveryOutcome:
        kind = row.kind
        try:
            async with self._gate.hold(row.channel_id or 0):
                result = await self.resume(row)
        except StateDBError as exc:
            log.error("Digest %d: could not recover slot %s: %s", row.subscription_id, row.slot_key, exc)
            return outcome(
                row.subscription_id, row.slot, "error", kind=kind, reason=f"Could not recover: {exc}"
            )
        if kind == "scheduled":
            await self._poster.advance(row.subscription_id, row.slot)
        return result

    async def resume(self, row: Delivery) -> DeliveryOutcome:
        """Finish a claim this process has taken over from a dead one (see the module docstring)."""
        manual = row.kind == "manual"
        key = DeliveryKey(row.subscription_id, row.slot, manual)
        sub = await self._store.get_any(row.subscription_id, include_removed=True)
        if sub is None:  # rows are never deleted; only a hand-edited database gets here
            return outcome(row.subscription_id, row.slot, "error", reason="The subscription is gone")
        channel_id = row.channel_id if row.channel_id is not None else sub.channel_id
        active = not sub.removed and (manual or sub.status == "active")
        # A claim from before boots were recorded says nothing of sending: assume a request may have begun.
        started = row.sending_at or (row.created_at if row.boot is None else None)
        stopped = "The bot stopped while posting this digest"
        if started is None:
            note = "The bot stopped before posting this digest"
        elif active and self._sending.nonce.remembered(started):
            # Discord still knows the nonce: a repeat returns the first copy if there is one.
            note = f"{stopped}; re-sent with the same nonce, so Discord keeps a single copy"
            return await self._poster.post(sub, row, key, sent_since=started, note=note)
        else:
            try:
                found = await self._sending.find_earlier(channel_id, key, started)
            except DeliveryError as exc:
                reason = (
                    f"{stopped}, and the channel could not be checked for it ({exc}); not posted again, "
                    "to avoid a double post"
                )
                return await self._poster.finish(
                    sub, row.slot, manual, SendResult("failed", 0, reason=reason)
                )
            if found is not None:
                reason = f"{stopped}; it had been posted (found in the channel on recovery)"
                # Composed again only to learn which facts it showed (same inputs, same digest) for rotation.
                digest: ComposedDigest | None = None
                try:
                    digest = await self._poster.compose_for(sub, row.slot)
                except Exception:
                    log.exception("Digest %d: could not tell which facts %s showed", sub.id, row.slot_key)
                return await self._poster.finish(
                    sub,
                    row.slot,
                    manual,
                    SendResult("sent", 0, message_id=found, reason=reason),
                    digest=digest,
                )
            note = f"{stopped}; it was not in the channel"
        late = self._now() - (row.created_at + self._sending.nonce.length if manual else row.slot)
        if sub.removed:
            result = SendResult("skipped", 0, reason=f"{note}; not posted: the subscription was removed")
        elif not active:
            why = sub.paused_reason or "Paused"
            result = SendResult(
                "skipped", 0, reason=f"{note}; not posted: the subscription is paused ({why})"
            )
        elif manual and late > timedelta(0):
            result = SendResult(
                "failed", 0, reason=f"{note}; a send-now is not repeated later (send it again if wanted)"
            )
        elif not manual and late > self._grace:
            hours = self._grace.total_seconds() / 3600
            result = SendResult(
                "missed", 0, reason=f"{note}; not posted: more than {hours:g}h after the scheduled time"
            )
        else:
            return await self._poster.post(sub, row, key, note=f"{note}; posted on recovery")
        return await self._poster.finish(sub, row.slot, manual, result)
