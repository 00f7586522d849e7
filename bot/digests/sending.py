"""Posting one digest to its channel: the `Sender` port, the retry policy and the send-with-retries loop.

* **Nonce.** Every send request of a slot carries the same nonce (`DeliveryKey.nonce`): discord.py's own
  retries, ours (`RetryPolicy`), and re-sends after a restart. discord.py sends it with `enforce_nonce`, so
  while Discord remembers the nonce (a few minutes; we assume only the `NonceWindow`, default 60 s, measured
  from the first request) a repeat returns the message already created instead of a second one. That is
  what makes a 5xx *after* Discord created the message harmless.
* **Beyond the nonce window**, a repeat could post twice, so before any further request the channel's
  recent messages are searched for the slot's marker (`DeliveryKey.marker`, in the embed footer) through
  `Sender.find`: found -> 'sent' with that message id and a reason; not found -> send; the search is
  impossible (no Read Message History, or more recent messages than one page) -> 'failed' with that reason.

Failure handling while sending: 429 waits `retry_after` (bounded, and not counted as a failed attempt);
5xx/timeouts back off exponentially up to `RetryPolicy.max_attempts`, then 'failed'; 403/404 ask for the
subscription to be paused (`SendResult.pause_reason`) and are never retried, so a lost channel cannot
cause a retry loop.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from .errors import (
    DeliveryCheckImpossible,
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
)
from .keys import DeliveryKey
from .models import DeliveryStatus

__all__ = ["NonceWindow", "RetryPolicy", "RetryingSender", "SendResult", "Sender", "SleepFn", "noted"]

log = logging.getLogger(__name__)

SleepFn = Callable[[float], Awaitable[None]]


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
class SendResult:
    """How posting one slot ended, before it is written to the delivery log."""

    status: DeliveryStatus
    attempts: int
    message_id: int | None = None
    reason: str | None = None
    pause_reason: str | None = None  # set when the channel is gone or closed to us: pause the subscription


def noted(result: SendResult, note: str | None) -> SendResult:
    """`result` with `note` (why this was a resumed post) in front of its reason."""
    if note is None:
        return result
    result.reason = f"{note}: {result.reason}" if result.reason else note
    return result


class NonceWindow:
    """How long after a slot's first request Discord surely still deduplicates its nonce (it keeps it "a few
    minutes"; unpublished, so we assume less). Beyond it, the channel is searched before a repeat."""

    def __init__(self, length: timedelta, now: Callable[[], datetime]) -> None:
        self.length = length
        self._now = now

    def remembered(self, first_request: datetime) -> bool:
        """Whether Discord surely still deduplicates a nonce first sent at `first_request` (not if our clock
        went backwards since: then nothing is sure)."""
        return timedelta(0) <= self._now() - first_request < self.length

    def search_from(self, first_request: datetime) -> datetime | None:
        """Where a search for an earlier copy starts: at the first request, unless that lies in our future."""
        return first_request if first_request <= self._now() else None


class RetryingSender:
    """A `Sender` wrapped in the retry policy and the nonce window: posts a slot at most once."""

    def __init__(
        self,
        sender: Sender,
        policy: RetryPolicy,
        nonce: NonceWindow,
        sleep: SleepFn,
        now: Callable[[], datetime],
    ) -> None:
        self.policy = policy
        self.nonce = nonce
        self._sender = sender
        self._sleep = sleep
        self._now = now

    async def find_earlier(self, channel_id: int, key: DeliveryKey, first_request: datetime) -> int | None:
        """The id of a copy of `key`'s digest posted by a request made since `first_request`, if any;
        raises `DeliveryError` (`DeliveryCheckImpossible` among them) when the channel cannot be checked."""
        return await self._sender.find(channel_id, key, self.nonce.search_from(first_request))

    async def send(
        self, channel_id: int, payload: dict[str, Any], key: DeliveryKey, *, sent_since: datetime | None
    ) -> SendResult:
        """Send until posted or given up. Every request carries the key's nonce; once the first request is
        outside the nonce window, Discord may have forgotten the nonce, so the channel is searched before
        each further request. `sent_since`: when an earlier request for the slot began, if any."""
        policy = self.policy
        attempts = failures = rate_limited = 0
        while True:
            if sent_since is not None and not self.nonce.remembered(sent_since):
                try:
                    found = await self.find_earlier(channel_id, key, sent_since)
                except DeliveryCheckImpossible as exc:
                    return SendResult(
                        "failed",
                        attempts,
                        reason=f"Not posted again: an earlier request may have posted it, and the channel "
                        f"could not be checked ({exc}); failing rather than risking a double post",
                    )
                except DeliveryError as exc:
                    return SendResult(
                        "failed",
                        attempts,
                        reason=f"Not posted again: an earlier request may have posted it, and the channel "
                        f"check failed ({exc})",
                    )
                if found is not None:
                    return SendResult(
                        "sent",
                        attempts,
                        message_id=found,
                        reason="An earlier request had posted it (found in the channel); not posted again",
                    )
            attempts += 1
            if sent_since is None:
                sent_since = self._now()
            try:
                message_id = await self._sender.send(channel_id, payload, key)
                return SendResult("sent", attempts, message_id=message_id)
            except DeliveryForbidden:
                reason = "Missing permission to post in its channel"
                return SendResult("failed", attempts, reason=reason, pause_reason=reason)
            except DeliveryNotFound:
                reason = "Channel no longer exists"
                return SendResult("failed", attempts, reason=reason, pause_reason=reason)
            except DeliveryRateLimited as exc:
                rate_limited += 1
                if rate_limited > policy.max_rate_limit_waits:
                    return SendResult(
                        "failed", attempts, reason=f"Rate limited by Discord {rate_limited} times; gave up"
                    )
                if exc.retry_after > policy.max_retry_after:
                    return SendResult(
                        "failed",
                        attempts,
                        reason=f"Rate limited by Discord for {exc.retry_after:.0f}s (over the "
                        f"{policy.max_retry_after:.0f}s limit); gave up",
                    )
                await self._sleep(exc.retry_after)
            except DeliveryTransient as exc:
                failures += 1
                if failures >= policy.max_attempts:
                    return SendResult(
                        "failed", attempts, reason=f"Discord error after {failures} attempts: {exc}"
                    )
                await self._sleep(policy.backoff(failures))
            except DeliveryError as exc:  # e.g. the payload was rejected: retrying cannot help
                return SendResult("failed", attempts, reason=f"Discord rejected the digest: {exc}")
            except Exception as exc:  # an adapter bug: log it, fail this slot, keep the service alive
                log.exception("Unexpected error while posting to channel %d", channel_id)
                return SendResult(
                    "failed", attempts, reason=f"Unexpected error while posting: {type(exc).__name__}: {exc}"
                )
