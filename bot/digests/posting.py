"""`SlotPoster`: for a slot this process has claimed: compose -> record that posting began -> send -> record."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.state.errors import StateDBError

from .keys import DeliveryKey
from .models import ComposedDigest, Delivery, DeliveryOutcome, Subscription
from .sending import RetryingSender, SendResult, noted
from .store import SubscriptionStore
from .unrecorded import UnrecordedOutcomes

__all__ = ["ComposeFn", "SlotPoster", "outcome"]

log = logging.getLogger(__name__)

ComposeFn = Callable[[Subscription, datetime, set[str], datetime | None], Awaitable[ComposedDigest]]


def outcome(sub_id: int, slot: datetime, status: str, **fields: Any) -> DeliveryOutcome:
    return DeliveryOutcome.model_validate(
        {"subscription_id": sub_id, "slot": slot, "status": status, **fields}
    )


class SlotPoster:
    def __init__(
        self,
        store: SubscriptionStore,
        compose: ComposeFn,
        sending: RetryingSender,
        unrecorded: UnrecordedOutcomes,
        boot_id: str | None,
    ) -> None:
        self._store = store
        self._compose = compose
        self._sending = sending
        self._unrecorded = unrecorded
        self._boot_id = boot_id

    async def compose_for(self, sub: Subscription, slot: datetime) -> ComposedDigest:
        """The digest for `slot`, given what earlier digests of `sub` showed (for rotation)."""
        shown = await self._store.shown_fact_ids(sub.id)
        previous = await self._store.last_sent(sub.id)
        return await self._compose(sub, slot, shown, previous.finished_at if previous else None)

    async def post(
        self,
        sub: Subscription,
        row: Delivery,
        key: DeliveryKey,
        *,
        sent_since: datetime | None = None,
        note: str | None = None,
    ) -> DeliveryOutcome:
        """Compose and send a slot this process owns. `sent_since`: when an earlier request for it began,
        if any (a copy may then exist); `note` prefixes the reason (why this is a resumed post)."""
        slot, manual = row.slot, row.kind == "manual"
        channel_id = row.channel_id if row.channel_id is not None else sub.channel_id
        try:
            digest = await self.compose_for(sub, slot)
        except Exception as exc:  # a compose bug or a failed read must not take the whole run down
            log.exception("Digest %d: compose failed for slot %s", sub.id, slot.isoformat())
            result = SendResult("failed", 0, reason=f"Could not compose the digest: {exc}")
            return await self.finish(sub, slot, manual, noted(result, note))
        if digest.empty:
            reason = digest.reason or "Nothing to post for this focus"
            return await self.finish(sub, slot, manual, noted(SendResult("skipped", 0, reason=reason), note))
        try:
            await self._store.mark_sending(row.id, self._boot_id)
        except (StateDBError, LookupError) as exc:
            # Unrecorded, a crash after the request would look like "nothing was sent": do not send.
            reason = f"Not posted: could not record that posting began ({exc})"
            return await self.finish(sub, slot, manual, noted(SendResult("failed", 0, reason=reason), note))
        result = await self._sending.send(channel_id, digest.payload, key, sent_since=sent_since)
        paused = False
        if result.pause_reason is not None:
            try:
                await self._store.pause_any(sub.id, result.pause_reason)
                paused = True
                log.warning("Digest %d paused: %s", sub.id, result.pause_reason)
            except StateDBError as exc:
                log.error("Digest %d: could not pause after %s: %s", sub.id, result.pause_reason, exc)
        return await self.finish(sub, slot, manual, noted(result, note), digest=digest, paused=paused)

    async def finish(
        self,
        sub: Subscription,
        slot: datetime,
        manual: bool,
        result: SendResult,
        *,
        digest: ComposedDigest | None = None,
        paused: bool = False,
    ) -> DeliveryOutcome:
        """Write `result` to the delivery log (or, if the log refuses, keep it for later) and report it."""
        sent = result.status == "sent"
        reason = result.reason
        fact_ids = list(digest.fact_ids) if sent and digest else []
        rotation_reset = bool(sent and digest and digest.rotation_reset)
        try:
            await self._store.finish(
                sub.id,
                slot,
                manual=manual,
                status=result.status,
                reason=result.reason,
                message_id=result.message_id,
                attempts=result.attempts,
                fact_ids=fact_ids,
                rotation_reset=rotation_reset,
            )
        except StateDBError as exc:
            # The claim row stays 'claimed', so the slot is never posted again. The outcome is written as soon
            # as the database takes writes again; if the bot stops first, recovery finds the post in the channel.
            log.error("Digest %d: outcome %s could not be recorded: %s", sub.id, result.status, exc)
            self._unrecorded.add(
                sub.id, slot, manual, result, fact_ids=fact_ids, rotation_reset=rotation_reset, error=exc
            )
            note = f"the delivery log could not be updated: {exc}"
            if reason:
                reason = f"{reason}; {note}"
            else:
                reason = f"Posted, but {note}" if sent else note[0].upper() + note[1:]
        return outcome(
            sub.id,
            slot,
            result.status,
            kind="manual" if manual else "scheduled",
            reason=reason,
            message_id=result.message_id,
            attempts=result.attempts,
            paused=paused,
        )

    async def advance(self, sub_id: int, slot: datetime) -> None:
        """Move `sub`'s schedule watermark to `slot`, if the database lets us."""
        try:
            await self._store.advance_last_slot(sub_id, slot)
        except StateDBError as exc:
            # Harmless to lose: the slot's delivery row makes a re-run a 'duplicate', not a second post.
            log.error("Digest %d: could not advance the schedule watermark: %s", sub_id, exc)
