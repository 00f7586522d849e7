"""Exceptions of the digest core.

The Discord adapter translates discord.py exceptions into the `Delivery*` types below, so the delivery logic
never imports discord and can be tested with a fake sender. Every message is written for a moderator to read.
"""

from __future__ import annotations


class DigestError(Exception):
    """Base class of every error raised by `bot.digests`."""


# --- sending (raised by the Sender implementation) -------------------------------------------------------


class DeliveryError(DigestError):
    """A send failed. Subclasses say whether retrying can help; a bare `DeliveryError` is never retried."""


class DeliveryForbidden(DeliveryError):
    """HTTP 403: the bot lost the permission to post in the channel. Retrying cannot help."""


class DeliveryNotFound(DeliveryError):
    """HTTP 404: the channel was deleted. Retrying cannot help."""


class DeliveryRateLimited(DeliveryError):
    """HTTP 429: Discord asks us to wait `retry_after` seconds before trying again."""

    def __init__(self, retry_after: float, message: str | None = None) -> None:
        self.retry_after = max(0.0, float(retry_after))
        super().__init__(message or f"rate limited, retry after {self.retry_after:.1f}s")


class DeliveryTransient(DeliveryError):
    """HTTP 5xx, a timeout or a dropped connection: worth retrying with backoff."""


class DeliveryCheckImpossible(DeliveryError):
    """The channel could not be searched for an earlier copy of a digest (e.g. no Read Message History).

    Raised by `Sender.find`; the message says why, for the delivery log."""


# --- subscriptions ----------------------------------------------------------------------------------------


class SubscriptionNotFound(DigestError, LookupError):
    """No such subscription in this guild (a subscription of another guild is reported exactly like this)."""

    def __init__(self, subscription_id: int) -> None:
        self.subscription_id = subscription_id
        super().__init__(f"No digest subscription #{subscription_id} in this server.")


class InvalidSubscription(DigestError, ValueError):
    """Settings that cannot be saved; `messages` holds one readable line per problem."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


class SubscriptionLimitReached(DigestError):
    """The guild already has the maximum number of digest subscriptions."""
