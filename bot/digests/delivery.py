"""`DigestService`: turns due slots into posts, exactly the Discord-agnostic part.

Guarantee: **at most one post per (subscription, slot)**. Before anything is sent, a 'claimed' row is
inserted under UNIQUE(subscription_id, slot); only the task that inserted it may post. Consequences:

* concurrent `deliver` calls, a late APScheduler job, start-up catch-up and `digest run --at` in another
  process can all race for the same slot; one posts, the rest report 'duplicate';
* if the claim cannot be written (disk full, read-only DB), nothing is sent: the outcome is 'error', the
  watermark does not move, and a later run inside the grace window tries again;
* if the process dies between claim and finish, the row stays 'claimed'. At start-up `recover_interrupted`
  marks such rows (older than `stale_claim_after`) 'failed' with reason "interrupted…" and they are never
  retried: we cannot know whether Discord received the message, and a missing digest is better than a
  double one. The same applies when the post went out but the final log write failed.
* when the final log write fails while the process lives on (disk full, read-only), the outcome is kept in
  memory and written at the next opportunity (each run and delivery tries first), with a note saying it was
  recorded late and why, so `/digest history` shows what happened once the database takes writes again.
  A scheduled slot whose claim could not be written is remembered too: if it is still unposted when its grace
  window ends, it is logged 'missed' with that cause instead of "the bot was not running".

Failure handling while sending: 429 waits `retry_after` (bounded, and not counted as a failed attempt);
5xx/timeouts back off exponentially up to `RetryPolicy.max_attempts`, then 'failed'; 403/404 pause the
subscription with a readable reason and are never retried, so a lost channel cannot cause a retry loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from .errors import (
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
    StateDBError,
)
from .models import ComposedDigest, DeliveryOutcome, DeliveryStatus, Subscription
from .schedule import as_utc, next_slot, slots_between
from .store import Clock, SubscriptionStore, slot_key, utc_now

__all__ = ["ComposeFn", "DigestService", "RetryPolicy", "Sender", "SleepFn"]

log = logging.getLogger(__name__)

ComposeFn = Callable[[Subscription, datetime, set[str], datetime | None], Awaitable[ComposedDigest]]
SleepFn = Callable[[float], Awaitable[None]]

INTERRUPTED_REASON = (
    "interrupted: the bot stopped while posting this digest; not retried, to avoid a double post"
)
MAX_REMEMBERED = 1000  # bounds the in-memory notes about writes that failed (see _Unrecorded)


class Sender(Protocol):
    """Posts a payload; implemented by the Discord adapter, which raises `bot.digests.errors.Delivery*`."""

    async def send(self, channel_id: int, payload: dict[str, Any]) -> int:
        """Post `payload` to `channel_id` and return the new message id."""
        ...


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3  # tries against 5xx/timeouts before the slot is logged 'failed'
    base_delay: float = 1.0  # backoff after the n-th transient failure: base * 2**(n-1) -> 1s, 2s, 4s …
    max_delay: float = 30.0
    max_rate_limit_waits: int = 5  # 429s tolerated per delivery; they do not use up max_attempts
    # A longer Retry-After gives up instead: waiting would hold a concurrency permit and the channel lock.
    max_retry_after: float = 300.0

    def backoff(self, failures: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** max(0, failures - 1))


@dataclass
class _SendResult:
    status: DeliveryStatus
    attempts: int
    message_id: int | None = None
    reason: str | None = None
    pause_reason: str | None = None


@dataclass
class _Unrecorded:
    """A claimed slot whose outcome could not be written; retried by `record_unrecorded`."""

    sub_id: int
    slot: datetime
    manual: bool
    result: _SendResult
    fact_ids: list[str]
    rotation_reset: bool
    cause: str


def _cause(exc: StateDBError) -> str:
    """The SQLite reason alone ("database or disk is full"), without the file path, for moderators."""
    return str(exc.__cause__ or exc)


def _remember(notes: dict[Any, Any], key: Any, value: Any) -> None:
    notes.pop(key, None)
    notes[key] = value
    while len(notes) > MAX_REMEMBERED:
        notes.pop(next(iter(notes)))


class _KeyedLocks:
    """One asyncio.Lock per channel, dropped when nobody holds or waits for it (no unbounded growth)."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @asynccontextmanager
    async def hold(self, key: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:
                del self._users[key]
                del self._locks[key]


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
        stale_claim_after: timedelta = timedelta(minutes=15),
        max_missed_logged: int = 50,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.store = store
        self.grace = grace
        self.retry = retry or RetryPolicy()
        self.stale_claim_after = stale_claim_after
        self.max_missed_logged = max_missed_logged
        self._compose = compose
        self._sender = sender
        self._clock = clock
        self._sleep = sleep
        # Bounds simultaneous compose+send work (Discord rate limits are per bot, not per channel).
        self._semaphore = asyncio.Semaphore(max_concurrency)
        # Serialises posts per channel, so two digests for one channel never interleave or reorder.
        self._channel_locks = _KeyedLocks()
        # Outcomes whose log write failed, by slot key; written as soon as the database takes writes again.
        self._unrecorded: dict[tuple[int, str], _Unrecorded] = {}
        self._record_lock = asyncio.Lock()
        # Scheduled slots whose claim could not be written, with the cause: the reason if they end up missed.
        self._unclaimed: dict[tuple[int, datetime], str] = {}

    def now(self) -> datetime:
        return as_utc(self._clock())

    # --- public API ----------------------------------------------------------------------------------------

    async def recover_interrupted(self) -> int:
        """Start-up: mark claims left by a crashed process as failed ('interrupted'); never re-sends them.

        Only claims older than `stale_claim_after` are touched, so a CLI run posting right now in another
        process is not disturbed."""
        await self.record_unrecorded()
        count = await self.store.fail_stale_claims(self.now() - self.stale_claim_after, INTERRUPTED_REASON)
        if count:
            log.warning("Marked %d interrupted digest deliveries as failed (not re-sent)", count)
        return count

    @property
    def unrecorded(self) -> int:
        """How many outcomes are waiting for the database to take writes again."""
        return len(self._unrecorded)

    async def record_unrecorded(self) -> int:
        """Write the outcomes whose log write failed earlier; returns how many still wait.

        Never raises for a storage failure: those stay queued for the next try. Until written, such a slot's
        row stays 'claimed', which already blocks a second post; a restart turns it into 'interrupted'."""
        if not self._unrecorded:
            return 0
        async with self._record_lock:
            for key, item in list(self._unrecorded.items()):
                sent = item.result.status == "sent"
                note = f"recorded late: the delivery log could not be written at the time ({item.cause})"
                if item.result.reason:
                    reason = f"{item.result.reason}; {note}"
                else:
                    reason = f"Posted; {note}" if sent else note[0].upper() + note[1:]
                try:
                    await self.store.finish(
                        item.sub_id,
                        item.slot,
                        manual=item.manual,
                        status=item.result.status,
                        reason=reason,
                        message_id=item.result.message_id,
                        attempts=item.result.attempts,
                        fact_ids=item.fact_ids,
                        rotation_reset=item.rotation_reset,
                    )
                except StateDBError as exc:
                    log.warning(
                        "Delivery log still not writable (%d outcome(s) waiting): %s",
                        len(self._unrecorded),
                        exc,
                    )
                    break
                except LookupError:  # the claim row is gone (restored from a backup?): nothing to update
                    log.error(
                        "Digest %d: no claim row left for %s; outcome not recorded", item.sub_id, key[1]
                    )
                del self._unrecorded[key]
                log.warning(
                    "Digest %d: outcome %s for %s recorded late", item.sub_id, item.result.status, key[1]
                )
            return len(self._unrecorded)

    async def deliver(self, sub: Subscription, slot: datetime) -> DeliveryOutcome:
        """Deliver scheduled `slot` of `sub` at most once; safe to call concurrently and repeatedly.

        The subscription is re-read from the DB (the caller's copy may be stale); paused or removed ones
        are not delivered. The watermark moves to `slot` unless the claim itself could not be recorded.
        """
        slot = as_utc(slot)
        outcome = await self._deliver(sub.id, slot, manual=False)
        if outcome.status not in ("error", "inactive"):
            await self._advance(sub.id, slot)
        return outcome

    async def send_now(self, sub: Subscription) -> DeliveryOutcome:
        """Post immediately under the key 'manual:<now>': it never uses up a scheduled slot's key, and it
        works for paused subscriptions too (a moderator testing a fixed channel)."""
        return await self._deliver(sub.id, self.now(), manual=True)

    async def preview(self, sub: Subscription, now: datetime) -> tuple[datetime, ComposedDigest]:
        """Compose the next scheduled digest without sending or recording anything."""
        slot = next_slot(sub, now)
        shown = await self.store.shown_fact_ids(sub.id)
        previous = await self.store.last_sent(sub.id)
        digest = await self._compose(sub, slot, shown, previous.finished_at if previous else None)
        return slot, digest

    async def run_due(self, now_utc: datetime) -> list[DeliveryOutcome]:
        """Handle every active subscription's slots in (watermark, now].

        The most recent slot is delivered if it is at most `grace` old; every other slot in the interval is
        logged 'missed' with a reason. So start-up after a long outage posts at most one digest per
        subscription, never a burst. Used by start-up catch-up, the periodic sweep and `digest run --at`.
        """
        now = as_utc(now_utc)
        await self.record_unrecorded()
        outcomes: list[DeliveryOutcome] = []
        planned: list[tuple[Subscription, datetime]] = []
        for sub in await self.store.list_active():
            since = sub.last_slot or sub.created_at
            try:
                slots = slots_between(sub, since, now)
            except Exception:  # e.g. tzdata lost the zone: this subscription only, not the whole run
                log.exception("Digest %d: cannot compute its schedule", sub.id)
                continue
            if not slots:
                continue
            latest = slots[-1]
            due = latest if now - latest <= self.grace else None
            older = slots[:-1] if due is not None else slots
            try:
                outcomes.extend(await self._log_missed(sub, older, now))
            except StateDBError as exc:
                log.error("Could not log missed digests of subscription %d: %s", sub.id, exc)
                outcomes.append(self._outcome(sub.id, latest, "error", reason=str(exc)))
                continue
            if due is not None:
                planned.append((sub, due))
            else:
                await self._advance(sub.id, latest)
        outcomes.extend(await self._deliver_many(planned))
        return outcomes

    # --- delivery ------------------------------------------------------------------------------------------

    async def _deliver_many(self, planned: list[tuple[Subscription, datetime]]) -> list[DeliveryOutcome]:
        # One task per channel, each delivering its digests in slot order; the semaphore inside `_deliver`
        # bounds how many channels are served at once.
        by_channel: dict[int, list[tuple[Subscription, datetime]]] = {}
        for sub, slot in sorted(planned, key=lambda item: (item[1], item[0].id)):
            by_channel.setdefault(sub.channel_id, []).append((sub, slot))

        async def serve(items: list[tuple[Subscription, datetime]]) -> list[DeliveryOutcome]:
            return [await self.deliver(sub, slot) for sub, slot in items]

        results = await asyncio.gather(*(serve(items) for items in by_channel.values()))
        return [outcome for channel_outcomes in results for outcome in channel_outcomes]

    async def _deliver(self, sub_id: int, slot: datetime, *, manual: bool) -> DeliveryOutcome:
        kind = "manual" if manual else "scheduled"
        await self.record_unrecorded()
        try:
            sub = await self.store.get_any(sub_id)
            if sub is None:
                return self._outcome(
                    sub_id, slot, "inactive", kind=kind, reason="The subscription was removed"
                )
            async with self._channel_locks.hold(sub.channel_id), self._semaphore:
                # Re-read under the lock: waiting here can take a while (another digest's 429 backoff),
                # and a moderator may have paused or removed the subscription meanwhile.
                sub = await self.store.get_any(sub_id)
                if sub is None:
                    return self._outcome(
                        sub_id, slot, "inactive", kind=kind, reason="The subscription was removed"
                    )
                if not manual and sub.status != "active":
                    return self._outcome(
                        sub_id, slot, "inactive", kind=kind, reason=sub.paused_reason or "Paused"
                    )
                return await self._claim_and_send(sub, slot, manual=manual)
        except StateDBError as exc:
            log.error("Digest %d: state DB unavailable, nothing posted: %s", sub_id, exc)
            if not manual:
                _remember(self._unclaimed, (sub_id, slot), _cause(exc))
            return self._outcome(
                sub_id,
                slot,
                "error",
                kind=kind,
                reason=f"The delivery could not be recorded, so nothing was posted: {exc}",
            )

    async def _claim_and_send(self, sub: Subscription, slot: datetime, *, manual: bool) -> DeliveryOutcome:
        kind = "manual" if manual else "scheduled"
        # Raises StateDBError when the claim cannot be written: then we must not send (caught by caller).
        claimed = await self.store.claim(sub.id, slot, manual=manual, channel_id=sub.channel_id)
        self._unclaimed.pop(
            (sub.id, slot), None
        )  # the slot has a row now: no longer at risk of a wrong 'missed'
        if not claimed:
            return self._outcome(sub.id, slot, "duplicate", kind=kind, reason="Already handled for this slot")
        try:
            shown = await self.store.shown_fact_ids(sub.id)
            previous = await self.store.last_sent(sub.id)
            digest = await self._compose(sub, slot, shown, previous.finished_at if previous else None)
        except Exception as exc:  # a compose bug or a failed read must not take the whole run down
            log.exception("Digest %d: compose failed for slot %s", sub.id, slot.isoformat())
            return await self._finish(
                sub, slot, manual, _SendResult("failed", 0, reason=f"Could not compose the digest: {exc}")
            )
        if digest.empty:
            reason = digest.reason or "Nothing to post for this focus"
            return await self._finish(sub, slot, manual, _SendResult("skipped", 0, reason=reason))
        result = await self._send_with_retries(sub.channel_id, digest.payload)
        paused = False
        if result.pause_reason is not None:
            try:
                await self.store.pause_any(sub.id, result.pause_reason)
                paused = True
                log.warning("Digest %d paused: %s", sub.id, result.pause_reason)
            except StateDBError as exc:
                log.error("Digest %d: could not pause after %s: %s", sub.id, result.pause_reason, exc)
        return await self._finish(sub, slot, manual, result, digest=digest, paused=paused)

    async def _send_with_retries(self, channel_id: int, payload: dict[str, Any]) -> _SendResult:
        policy = self.retry
        attempts = failures = rate_limited = 0
        while True:
            attempts += 1
            try:
                message_id = await self._sender.send(channel_id, payload)
                return _SendResult("sent", attempts, message_id=message_id)
            except DeliveryForbidden:
                reason = f"Missing permission to post in <#{channel_id}>"
                return _SendResult("failed", attempts, reason=reason, pause_reason=reason)
            except DeliveryNotFound:
                reason = "Channel no longer exists"
                return _SendResult("failed", attempts, reason=reason, pause_reason=reason)
            except DeliveryRateLimited as exc:
                rate_limited += 1
                if rate_limited > policy.max_rate_limit_waits:
                    return _SendResult(
                        "failed", attempts, reason=f"Rate limited by Discord {rate_limited} times; gave up"
                    )
                if exc.retry_after > policy.max_retry_after:
                    return _SendResult(
                        "failed",
                        attempts,
                        reason=f"Rate limited by Discord for {exc.retry_after:.0f}s (over the "
                        f"{policy.max_retry_after:.0f}s limit); gave up",
                    )
                await self._sleep(exc.retry_after)
            except DeliveryTransient as exc:
                failures += 1
                if failures >= policy.max_attempts:
                    return _SendResult(
                        "failed", attempts, reason=f"Discord error after {failures} attempts: {exc}"
                    )
                await self._sleep(policy.backoff(failures))
            except DeliveryError as exc:  # e.g. the payload was rejected: retrying cannot help
                return _SendResult("failed", attempts, reason=f"Discord rejected the digest: {exc}")
            except Exception as exc:  # an adapter bug: log it, fail this slot, keep the service alive
                log.exception("Unexpected error while posting to channel %d", channel_id)
                return _SendResult(
                    "failed", attempts, reason=f"Unexpected error while posting: {type(exc).__name__}: {exc}"
                )

    async def _finish(
        self,
        sub: Subscription,
        slot: datetime,
        manual: bool,
        result: _SendResult,
        *,
        digest: ComposedDigest | None = None,
        paused: bool = False,
    ) -> DeliveryOutcome:
        sent = result.status == "sent"
        reason = result.reason
        try:
            await self.store.finish(
                sub.id,
                slot,
                manual=manual,
                status=result.status,
                reason=result.reason,
                message_id=result.message_id,
                attempts=result.attempts,
                fact_ids=digest.fact_ids if sent and digest else (),
                rotation_reset=bool(sent and digest and digest.rotation_reset),
            )
        except StateDBError as exc:
            # The claim row stays 'claimed', so the slot is never posted again. The outcome is written as soon
            # as the database takes writes again; if the bot stops first, it becomes 'interrupted' at start-up.
            log.error("Digest %d: outcome %s could not be recorded: %s", sub.id, result.status, exc)
            _remember(
                self._unrecorded,
                (sub.id, slot_key(slot, manual=manual)),
                _Unrecorded(
                    sub.id,
                    slot,
                    manual,
                    result,
                    list(digest.fact_ids) if sent and digest else [],
                    bool(sent and digest and digest.rotation_reset),
                    _cause(exc),
                ),
            )
            note = f"the delivery log could not be updated: {exc}"
            if reason:
                reason = f"{reason}; {note}"
            else:
                reason = f"Posted, but {note}" if sent else note[0].upper() + note[1:]
        return self._outcome(
            sub.id,
            slot,
            result.status,
            kind="manual" if manual else "scheduled",
            reason=reason,
            message_id=result.message_id,
            attempts=result.attempts,
            paused=paused,
        )

    # --- bookkeeping ---------------------------------------------------------------------------------------

    async def _log_missed(
        self, sub: Subscription, slots: list[datetime], now: datetime
    ) -> list[DeliveryOutcome]:
        if not slots:
            return []
        if len(slots) > self.max_missed_logged:
            # After a very long outage, log the most recent ones only; the count goes to the process log.
            log.warning(
                "Digest %d: %d missed slots, logging the latest %d",
                sub.id,
                len(slots),
                self.max_missed_logged,
            )
            slots = slots[-self.max_missed_logged :]
        hours = self.grace.total_seconds() / 3600
        reasons = {
            True: f"Not posted: the bot was not running within {hours:g}h of the scheduled time",
            False: "Not posted: a later digest was due, and catch-up posts only the latest one",
        }
        outcomes: list[DeliveryOutcome] = []
        # Slots this process tried to post but could not claim: say why, not "the bot was not running".
        causes: dict[str, list[datetime]] = {}
        for slot in slots:
            cause = self._unclaimed.get((sub.id, slot))
            if cause is not None:
                causes.setdefault(cause, []).append(slot)
        for cause, group in causes.items():
            reason = (
                f"Not posted: the delivery could not be recorded at the time ({cause}), so nothing was sent"
            )
            for slot in await self.store.mark_missed(sub.id, group, reason):
                outcomes.append(self._outcome(sub.id, slot, "missed", reason=reason))
            for slot in group:
                self._unclaimed.pop((sub.id, slot), None)
        explained = {s for group in causes.values() for s in group}
        slots = [s for s in slots if s not in explained]
        for too_late, reason in reasons.items():
            group = [s for s in slots if (now - s > self.grace) is too_late]
            if group:
                for slot in await self.store.mark_missed(sub.id, group, reason):
                    outcomes.append(self._outcome(sub.id, slot, "missed", reason=reason))
        return sorted(outcomes, key=lambda o: o.slot)

    async def _advance(self, sub_id: int, slot: datetime) -> None:
        try:
            await self.store.advance_last_slot(sub_id, slot)
        except StateDBError as exc:
            # Harmless to lose: the slot's delivery row makes a re-run a 'duplicate', not a second post.
            log.error("Digest %d: could not advance the schedule watermark: %s", sub_id, exc)

    @staticmethod
    def _outcome(sub_id: int, slot: datetime, status: str, **fields: Any) -> DeliveryOutcome:
        return DeliveryOutcome.model_validate(
            {"subscription_id": sub_id, "slot": slot, "status": status, **fields}
        )
