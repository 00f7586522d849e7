"""`DigestService`: turns due slots into posts, exactly the Discord-agnostic part.

Promise: **one post per (subscription, slot), nothing lost, every slot explained.** How it holds:

* **Claim.** Before anything is sent, a 'claimed' row is inserted under UNIQUE(subscription_id, slot),
  stamped with this process's boot id (`bot.digests.boots`). Only the owner of the claim may post, so
  concurrent `deliver` calls, a late APScheduler job, start-up catch-up and `digest run` in another process
  can race for a slot: one posts, the rest report 'duplicate'. If the claim cannot be written (disk full,
  read-only DB) nothing is sent: the outcome is 'error' and a later run inside the grace window tries again.
* **Nonce.** Every send request of a slot carries the same nonce (`DeliveryKey.nonce`): discord.py's own
  retries, ours (`RetryPolicy`), and re-sends after a restart. discord.py sends it with `enforce_nonce`, so
  while Discord remembers the nonce (a few minutes; we assume only `nonce_window`, default 60 s, measured
  from the first request) a repeat returns the message already created instead of a second one. That is
  what makes a 5xx *after* Discord created the message harmless.
* **Beyond the nonce window**, a repeat could post twice, so before any further request the channel's
  recent messages are searched for the slot's marker (`DeliveryKey.marker`, in the embed footer) through
  `Sender.find`: found -> 'sent' with that message id and a reason; not found -> send; the search is
  impossible (no Read Message History, or more recent messages than one page) -> 'failed' with that reason.
* **Recovery.** `sending_at` is written before the first request. A claim whose boot is dead (its lock can
  be taken) is taken over at once - at start-up and by every `run_due` sweep, and by a `deliver` that meets
  it - never after a fixed age, and a claim of a live process (a CLI run posting right now) is left alone.
  What happens to the slot, step by step:
    1. nothing was sent yet (`sending_at` is NULL): composed and posted like a fresh slot, if still within
       the grace window; otherwise 'missed' with the reason;
    2. sent within the nonce window: re-sent with the same nonce (Discord returns the first copy if it got
       there);
    3. sent longer ago: the channel is searched as above; found -> 'sent', not found -> posted if within
       the grace window, else 'missed'; search impossible -> 'failed'.
  **Grace for an interrupted slot** is measured, as for any slot, from its scheduled time: a *new* post is
  made only within it. A re-send that Discord can deduplicate only completes the request made in time, so
  it is allowed even just past grace; a send-now (manual) is repeated only within the nonce window, since
  "now" hours later is not what a moderator asked for. A removed or paused subscription gets 'skipped',
  with that reason, instead of a new post. So a slot is never 'claimed' for longer than its owner lives.
* **History always explains**: every slot ends in sent / skipped / missed / failed with a reason; slots that
  pass while a subscription is paused are logged 'skipped' with the pause reason when it is resumed (a new
  status would need a table rebuild, which the migration rules forbid);
  'claimed' is only seen while a post is in flight (or while its owner is alive but the database refuses
  writes: then the outcome is kept in memory and written at the next opportunity, marked as recorded late).
  A scheduled slot whose claim could not be written is remembered too: if it is still unposted when its
  grace window ends, it is logged 'missed' with that cause instead of "the bot was not running".

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
from typing import Any, Protocol, TypeVar

from bot.state.errors import StateDBError

from .boots import BootLock, boots_dir
from .errors import (
    DeliveryCheckImpossible,
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
)
from .keys import DeliveryKey
from .models import ComposedDigest, Delivery, DeliveryOutcome, DeliveryStatus, Subscription
from .schedule import as_utc, next_slot, slots_between
from .store import Clock, SubscriptionStore, slot_key, utc_now

__all__ = ["ComposeFn", "DeliveryKey", "DigestService", "RetryPolicy", "Sender", "SleepFn"]

log = logging.getLogger(__name__)

ComposeFn = Callable[[Subscription, datetime, set[str], datetime | None], Awaitable[ComposedDigest]]
SleepFn = Callable[[float], Awaitable[None]]
T = TypeVar("T")

MAX_REMEMBERED = 1000  # bounds the in-memory notes about writes that failed (see _Unrecorded)


class Sender(Protocol):
    """Posts digests; implemented by the Discord adapter, which raises `bot.digests.errors.Delivery*`."""

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        """Post `payload` to `channel_id` and return the message id.

        Every request carries `key.nonce` (a repeat within Discord's nonce window returns the message
        already created) and the post carries `key.marker` where `find` can see it."""
        ...

    async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
        """The id of the digest for `key` if it is among the channel's messages since `since` (None: however
        old; used when our clock went backwards since the first request), else None.

        Raises `DeliveryCheckImpossible` (with the reason) when the answer "not there" could not be trusted,
        e.g. without Read Message History, where Discord lists no messages at all."""
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


def _noted(result: _SendResult, note: str | None) -> _SendResult:
    """`result` with `note` (why this was a resumed post) in front of its reason."""
    if note is None:
        return result
    result.reason = f"{note}: {result.reason}" if result.reason else note
    return result


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
        nonce_window: timedelta = timedelta(seconds=60),
        stale_claim_after: timedelta = timedelta(minutes=15),
        max_missed_logged: int = 50,
        boot: BootLock | None = None,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.store = store
        self.grace = grace
        self.retry = retry or RetryPolicy()
        # How long after the first request Discord surely still deduplicates the nonce (it keeps it "a few
        # minutes"; unpublished, so we assume less). Beyond it, the channel is searched before a repeat.
        self.nonce_window = nonce_window
        # Only for claims whose owner cannot be told alive or dead (made before boots were recorded, or no
        # fcntl on this platform): such a claim is recovered once it is this old.
        self.stale_claim_after = stale_claim_after
        self.max_missed_logged = max_missed_logged
        self.boot = boot or BootLock(boots_dir(store.db.path))
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

    def close(self) -> None:
        """Give up this process's boot (clean shutdown); claims still open are then recoverable by others."""
        self.boot.close()

    # --- public API ----------------------------------------------------------------------------------------

    async def recover_interrupted(self) -> list[DeliveryOutcome]:
        """Finish every claim left by a process that has died (see the module docstring for what happens
        to such a slot); claims of live processes are left alone. Safe to call at any time, from any
        number of processes: each abandoned claim is taken over by exactly one."""
        await self.record_unrecorded()
        taken: list[Delivery] = []
        left_by: set[str] = set()
        try:
            for claim in await self.store.claims():
                if claim.boot == self.boot.id or not self._abandoned(claim):
                    continue
                if await self.store.take_over(claim.id, claim.boot, self.boot.id):
                    taken.append(claim)
                    if claim.boot is not None:
                        left_by.add(claim.boot)
        except StateDBError as exc:  # what was taken over is finished below; the rest waits for the next run
            log.error("Could not look for interrupted digest deliveries: %s", exc)
        if taken:
            log.warning("Recovering %d digest deliveries left by a process that stopped", len(taken))
        outcomes = await self._per_channel(
            [(claim.channel_id or 0, claim) for claim in taken], self._resume_locked
        )
        for boot in left_by | set(self.boot.dead_boots()):
            self.boot.forget(boot)
        return outcomes

    def _nonce_remembered(self, first_request: datetime) -> bool:
        """Whether Discord surely still deduplicates a nonce first sent at `first_request` (not if our clock
        went backwards since: then nothing is sure)."""
        return timedelta(0) <= self.now() - first_request < self.nonce_window

    def _search_from(self, first_request: datetime) -> datetime | None:
        """Where a search for an earlier copy starts: at the first request, unless that lies in our future."""
        return first_request if first_request <= self.now() else None

    def _abandoned(self, claim: Delivery) -> bool:
        dead = self.boot.is_dead(claim.boot) if claim.boot is not None else None
        if dead is None:  # owner unknown: only the claim's age can tell
            return self.now() - claim.created_at >= self.stale_claim_after
        return dead

    @property
    def unrecorded(self) -> int:
        """How many outcomes are waiting for the database to take writes again."""
        return len(self._unrecorded)

    async def record_unrecorded(self) -> int:
        """Write the outcomes whose log write failed earlier; returns how many still wait.

        Never raises for a storage failure: those stay queued for the next try. Until written, such a slot's
        row stays 'claimed', which already blocks a second post; after a restart it is recovered (the channel
        is searched for the digest before anything is sent again)."""
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
        outcomes = await self.recover_interrupted()
        recovered = {(o.subscription_id, o.slot) for o in outcomes if o.kind == "scheduled"}
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
            if due is not None and (sub.id, due) not in recovered:
                planned.append((sub, due))
            elif due is not None:
                await self._advance(sub.id, due)
            else:
                await self._advance(sub.id, latest)
        outcomes.extend(await self._deliver_many(planned))
        return outcomes

    # --- delivery ------------------------------------------------------------------------------------------

    async def _deliver_many(self, planned: list[tuple[Subscription, datetime]]) -> list[DeliveryOutcome]:
        ordered = sorted(planned, key=lambda item: (item[1], item[0].id))
        return await self._per_channel(
            [(sub.channel_id, (sub, slot)) for sub, slot in ordered], lambda item: self.deliver(*item)
        )

    async def _per_channel(
        self, items: list[tuple[int, T]], work: Callable[[T], Awaitable[DeliveryOutcome]]
    ) -> list[DeliveryOutcome]:
        # One task per channel, each doing its items in order; the semaphore inside the work bounds how many
        # channels are served at once.
        by_channel: dict[int, list[T]] = {}
        for channel_id, item in items:
            by_channel.setdefault(channel_id, []).append(item)

        async def serve(queue: list[T]) -> list[DeliveryOutcome]:
            return [await work(item) for item in queue]

        results = await asyncio.gather(*(serve(queue) for queue in by_channel.values()))
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
        claimed = await self.store.claim(
            sub.id, slot, manual=manual, channel_id=sub.channel_id, boot=self.boot.id
        )
        # The slot has a row now: no longer at risk of a wrong 'missed'.
        self._unclaimed.pop((sub.id, slot), None)
        row = await self.store.get_delivery(sub.id, slot, manual=manual)
        if row is None:  # cannot happen short of someone deleting rows by hand
            return self._outcome(sub.id, slot, "error", kind=kind, reason="The delivery row vanished")
        if claimed:
            return await self._post(sub, row, DeliveryKey(sub.id, slot, manual))
        if (
            row.status == "claimed"
            and self._abandoned(row)
            and await self.store.take_over(row.id, row.boot, self.boot.id)
        ):
            return await self._resume(row)
        if row.status == "claimed":
            return self._outcome(
                sub.id, slot, "duplicate", kind=kind, reason="Being posted by another process right now"
            )
        return self._outcome(
            sub.id, slot, "duplicate", kind=kind, reason=f"Already handled for this slot ({row.status})"
        )

    async def _post(
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
            digest = await self._compose_for(sub, slot)
        except Exception as exc:  # a compose bug or a failed read must not take the whole run down
            log.exception("Digest %d: compose failed for slot %s", sub.id, slot.isoformat())
            result = _SendResult("failed", 0, reason=f"Could not compose the digest: {exc}")
            return await self._finish(sub, slot, manual, _noted(result, note))
        if digest.empty:
            reason = digest.reason or "Nothing to post for this focus"
            return await self._finish(
                sub, slot, manual, _noted(_SendResult("skipped", 0, reason=reason), note)
            )
        try:
            await self.store.mark_sending(row.id, self.boot.id)
        except (StateDBError, LookupError) as exc:
            # Unrecorded, a crash after the request would look like "nothing was sent": do not send.
            reason = f"Not posted: could not record that posting began ({exc})"
            return await self._finish(
                sub, slot, manual, _noted(_SendResult("failed", 0, reason=reason), note)
            )
        result = await self._send_with_retries(channel_id, digest.payload, key, sent_since=sent_since)
        paused = False
        if result.pause_reason is not None:
            try:
                await self.store.pause_any(sub.id, result.pause_reason)
                paused = True
                log.warning("Digest %d paused: %s", sub.id, result.pause_reason)
            except StateDBError as exc:
                log.error("Digest %d: could not pause after %s: %s", sub.id, result.pause_reason, exc)
        return await self._finish(sub, slot, manual, _noted(result, note), digest=digest, paused=paused)

    async def _send_with_retries(
        self, channel_id: int, payload: dict[str, Any], key: DeliveryKey, *, sent_since: datetime | None
    ) -> _SendResult:
        """Send until posted or given up. Every request carries the key's nonce; once the first request is
        `nonce_window` old, Discord may have forgotten the nonce, so the channel is searched before each
        further request."""
        policy = self.retry
        attempts = failures = rate_limited = 0
        while True:
            if sent_since is not None and not self._nonce_remembered(sent_since):
                try:
                    found = await self._sender.find(channel_id, key, self._search_from(sent_since))
                except DeliveryCheckImpossible as exc:
                    return _SendResult(
                        "failed",
                        attempts,
                        reason=f"Not posted again: an earlier request may have posted it, and the channel "
                        f"could not be checked ({exc}); failing rather than risking a double post",
                    )
                except DeliveryError as exc:
                    return _SendResult(
                        "failed",
                        attempts,
                        reason=f"Not posted again: an earlier request may have posted it, and the channel "
                        f"check failed ({exc})",
                    )
                if found is not None:
                    return _SendResult(
                        "sent",
                        attempts,
                        message_id=found,
                        reason="An earlier request had posted it (found in the channel); not posted again",
                    )
            attempts += 1
            if sent_since is None:
                sent_since = self.now()
            try:
                message_id = await self._sender.send(channel_id, payload, key)
                return _SendResult("sent", attempts, message_id=message_id)
            except DeliveryForbidden:
                reason = "Missing permission to post in its channel"
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

    # --- recovery of claims left by a dead process ----------------------------------------------------------

    async def _resume_locked(self, row: Delivery) -> DeliveryOutcome:
        kind = row.kind
        try:
            async with self._channel_locks.hold(row.channel_id or 0), self._semaphore:
                outcome = await self._resume(row)
        except StateDBError as exc:
            log.error("Digest %d: could not recover slot %s: %s", row.subscription_id, row.slot_key, exc)
            return self._outcome(
                row.subscription_id, row.slot, "error", kind=kind, reason=f"Could not recover: {exc}"
            )
        if kind == "scheduled":
            await self._advance(row.subscription_id, row.slot)
        return outcome

    async def _resume(self, row: Delivery) -> DeliveryOutcome:
        """Finish a claim taken over from a dead process; see "Recovery" in the module docstring."""
        manual = row.kind == "manual"
        key = DeliveryKey(row.subscription_id, row.slot, manual)
        sub = await self.store.get_any(row.subscription_id, include_removed=True)
        if sub is None:  # rows are never deleted; only a hand-edited database gets here
            return self._outcome(row.subscription_id, row.slot, "error", reason="The subscription is gone")
        channel_id = row.channel_id if row.channel_id is not None else sub.channel_id
        active = not sub.removed and (manual or sub.status == "active")
        # A claim from before boots were recorded says nothing of sending: assume a request may have begun.
        started = row.sending_at or (row.created_at if row.boot is None else None)
        stopped = "The bot stopped while posting this digest"
        if started is None:
            note = "The bot stopped before posting this digest"
        elif active and self._nonce_remembered(started):
            # Discord still knows the nonce: a repeat returns the first copy if there is one.
            note = f"{stopped}; re-sent with the same nonce, so Discord keeps a single copy"
            return await self._post(sub, row, key, sent_since=started, note=note)
        else:
            try:
                found = await self._sender.find(channel_id, key, self._search_from(started))
            except DeliveryError as exc:
                reason = (
                    f"{stopped}, and the channel could not be checked for it ({exc}); not posted again, "
                    "to avoid a double post"
                )
                return await self._finish(sub, row.slot, manual, _SendResult("failed", 0, reason=reason))
            if found is not None:
                reason = f"{stopped}; it had been posted (found in the channel on recovery)"
                # Composed again only to learn which facts it showed (same inputs, same digest) for rotation.
                digest: ComposedDigest | None = None
                try:
                    digest = await self._compose_for(sub, row.slot)
                except Exception:
                    log.exception("Digest %d: could not tell which facts %s showed", sub.id, row.slot_key)
                return await self._finish(
                    sub,
                    row.slot,
                    manual,
                    _SendResult("sent", 0, message_id=found, reason=reason),
                    digest=digest,
                )
            note = f"{stopped}; it was not in the channel"
        late = self.now() - (row.created_at + self.nonce_window if manual else row.slot)
        if sub.removed:
            result = _SendResult("skipped", 0, reason=f"{note}; not posted: the subscription was removed")
        elif not active:
            why = sub.paused_reason or "Paused"
            result = _SendResult(
                "skipped", 0, reason=f"{note}; not posted: the subscription is paused ({why})"
            )
        elif manual and late > timedelta(0):
            result = _SendResult(
                "failed", 0, reason=f"{note}; a send-now is not repeated later (send it again if wanted)"
            )
        elif not manual and late > self.grace:
            hours = self.grace.total_seconds() / 3600
            result = _SendResult(
                "missed", 0, reason=f"{note}; not posted: more than {hours:g}h after the scheduled time"
            )
        else:
            return await self._post(sub, row, key, note=f"{note}; posted on recovery")
        return await self._finish(sub, row.slot, manual, result)

    async def _compose_for(self, sub: Subscription, slot: datetime) -> ComposedDigest:
        shown = await self.store.shown_fact_ids(sub.id)
        previous = await self.store.last_sent(sub.id)
        return await self._compose(sub, slot, shown, previous.finished_at if previous else None)

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
            # as the database takes writes again; if the bot stops first, recovery finds the post in the channel.
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
