"""`CatchUp`: which slots a sweep should post, and the 'missed' entries for those it should not.

Of every active subscription's slots in (watermark, now], the most recent one is due if it is at most
`grace` old; every other slot is logged 'missed' with a reason. So start-up after a long outage posts at
most one digest per subscription, never a burst.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.state.errors import StateDBError

from .models import DeliveryOutcome, Subscription
from .posting import SlotPoster, outcome
from .schedule import slots_between
from .store import SubscriptionStore
from .unrecorded import UnclaimedSlots

__all__ = ["CatchUp"]

log = logging.getLogger(__name__)


class CatchUp:
    def __init__(
        self,
        store: SubscriptionStore,
        poster: SlotPoster,
        unclaimed: UnclaimedSlots,
        *,
        grace: timedelta,
        max_missed_logged: int,
    ) -> None:
        self._store = store
        self._poster = poster
        self._unclaimed = unclaimed
        self._grace = grace
        self._max_missed_logged = max_missed_logged

    async def plan(
        self, now: datetime, recovered: set[tuple[int, datetime]]
    ) -> tuple[list[DeliveryOutcome], list[tuple[Subscription, datetime]]]:
        """The outcomes logged now (missed slots, errors) and the (subscription, slot) pairs to deliver.

        A due slot in `recovered` (just finished by recovery) is not planned again; the watermark of every
        subscription with nothing left to post moves on here."""
        outcomes: list[DeliveryOutcome] = []
        planned: list[tuple[Subscription, datetime]] = []
        for sub in await self._store.list_active():
            since = sub.last_slot or sub.created_at
            try:
                slots = slots_between(sub, since, now)
            except Exception:  # e.g. tzdata lost the zone: this subscription only, not the whole run
                log.exception("Digest %d: cannot compute its schedule", sub.id)
                continue
            if not slots:
                continue
            latest = slots[-1]
            due = latest if now - latest <= self._grace else None
            older = slots[:-1] if due is not None else slots
            try:
                outcomes.extend(await self._log_missed(sub, older, now))
            except StateDBError as exc:
                log.error("Could not log missed digests of subscription %d: %s", sub.id, exc)
                outcomes.append(outcome(sub.id, latest, "error", reason=str(exc)))
                continue
            if due is not None and (sub.id, due) not in recovered:
                planned.append((sub, due))
            elif due is not None:
                await self._poster.advance(sub.id, due)
            else:
                await self._poster.advance(sub.id, latest)
        return outcomes, planned

    async def _log_missed(
        self, sub: Subscription, slots: list[datetime], now: datetime
    ) -> list[DeliveryOutcome]:
        if not slots:
            return []
        if len(slots) > self._max_missed_logged:
            # After a very long outage, log the most recent ones only; the count goes to the process log.
            log.warning(
                "Digest %d: %d missed slots, logging the latest %d",
                sub.id,
                len(slots),
                self._max_missed_logged,
            )
            slots = slots[-self._max_missed_logged :]
        hours = self._grace.total_seconds() / 3600
        reasons = {
            True: f"Not posted: the bot was not running within {hours:g}h of the scheduled time",
            False: "Not posted: a later digest was due, and catch-up posts only the latest one",
        }
        outcomes: list[DeliveryOutcome] = []
        # Slots this process tried to post but could not claim: say why, not "the bot was not running".
        causes: dict[str, list[datetime]] = {}
        for slot in slots:
            cause = self._unclaimed.cause_of(sub.id, slot)
            if cause is not None:
                causes.setdefault(cause, []).append(slot)
        for cause, group in causes.items():
            reason = (
                f"Not posted: the delivery could not be recorded at the time ({cause}), so nothing was sent"
            )
            for slot in await self._store.mark_missed(sub.id, group, reason):
                outcomes.append(outcome(sub.id, slot, "missed", reason=reason))
            for slot in group:
                self._unclaimed.forget(sub.id, slot)
        explained = {s for group in causes.values() for s in group}
        slots = [s for s in slots if s not in explained]
        for too_late, reason in reasons.items():
            group = [s for s in slots if (now - s > self._grace) is too_late]
            if group:
                for slot in await self._store.mark_missed(sub.id, group, reason):
                    outcomes.append(outcome(sub.id, slot, "missed", reason=reason))
        return sorted(outcomes, key=lambda o: o.slot)
