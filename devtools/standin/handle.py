"""What a test holds after dispatching an interaction: its payload, the responses and the messages."""

from __future__ import annotations

from typing import Any

from devtools.standin.base import StandinState
from devtools.standin.interactions import InteractionState
from devtools.standin.protocol import RETRYABLE_STATUSES
from devtools.standin.records import Record, StoredMessage


def decisive(record: Record) -> bool:
    """A callback whose outcome the client will not retry (anything but 429 and 5xx)."""
    return record.status != 0 and record.status not in RETRYABLE_STATUSES


class InteractionHandle:
    """What a test holds after dispatching an interaction: its payload, the responses and the messages."""

    def __init__(self, server: StandinState, state: InteractionState) -> None:
        self._server = server
        self._state = state

    def __repr__(self) -> str:
        return f"<InteractionHandle id={self.id} type={self.type} acknowledged={self.acknowledged}>"

    @property
    def id(self) -> int:
        return self._state.id

    @property
    def token(self) -> str:
        return self._state.token

    @property
    def type(self) -> int:
        return self._state.type

    @property
    def payload(self) -> dict[str, Any]:
        """The INTERACTION_CREATE data exactly as it was sent."""
        return self._state.payload

    @property
    def dispatched_at(self) -> float:
        return self._state.dispatched_at

    @property
    def attempts(self) -> list[Record]:
        """Every callback request for this interaction, accepted or not."""
        return list(self._state.attempts)

    @property
    def callback(self) -> Record | None:
        """The accepted callback, if any."""
        return self._state.ack

    @property
    def acknowledged(self) -> bool:
        return self._state.ack is not None

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the arrival of the accepted callback."""
        ack = self._state.ack
        return None if ack is None else ack.received_at - self._state.dispatched_at

    @property
    def records(self) -> list[Record]:
        """Every REST request tied to this interaction (callbacks, follow-ups, edits)."""
        return [r for r in self._server.records if r.interaction_id == self.id]

    @property
    def message(self) -> StoredMessage | None:
        """The original response message (for component updates: the message the component is on)."""
        mid = self._state.original_message_id
        return None if mid is None else self._server.messages.get(mid)

    @property
    def messages(self) -> list[StoredMessage]:
        """All messages this interaction produced, the original first, live (edits show)."""
        ids = list(self._state.message_ids)
        if self._state.original_message_id is not None and self._state.original_message_id not in ids:
            ids.insert(0, self._state.original_message_id)
        return [self._server.messages[i] for i in ids if i in self._server.messages]

    @property
    def followup_messages(self) -> list[StoredMessage]:
        return [m for m in self.messages if m.id != self._state.original_message_id]

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        return self._state.choices

    async def response(self, timeout: float = 5.0) -> Record:
        """The callback that decided this interaction's fate: accepted, or rejected in a way not retried."""
        return await self._server.wait_for(
            lambda: next((r for r in self._state.attempts if decisive(r)), None),
            timeout,
            describe=self._describe,
        )

    async def original(self, timeout: float = 5.0) -> StoredMessage:
        """The original response once it exists and has finished loading (a deferred response was filled in)."""

        def ready() -> StoredMessage | None:
            message = self.message
            return message if message is not None and not message.loading else None

        return await self._server.wait_for(ready, timeout, describe=self._describe)

    async def followups(self, count: int = 1, timeout: float = 5.0) -> list[StoredMessage]:
        """Wait for at least `count` follow-up messages (beyond the original) and return them all."""
        return await self._server.wait_for(
            lambda: self.followup_messages if len(self.followup_messages) >= count else None,
            timeout,
            describe=self._describe,
        )

    def _describe(self) -> str:
        attempts = ", ".join(f"{r.status} {r.response}" for r in self._state.attempts) or "none"
        violations = "; ".join(str(v) for v in self._server.violations[-3:]) or "none"
        return f"interaction {self.id} (type {self.type}): callback attempts: {attempts}; recent violations: {violations}"
