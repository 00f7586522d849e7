"""What a test inspects: requests, violations, command syncs, gateway connections and stored messages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from devtools.standin.protocol import MessageFlag


@dataclass(slots=True)
class UploadedFile:
    field: str
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass(slots=True)
class Record:
    """One REST request the client made, with what the stand-in answered.

    Times are `time.perf_counter()` values. For requests that belong to an interaction (callbacks, follow-ups,
    edits of @original), `dispatched_at` is when that interaction was sent over the gateway.
    """

    seq: int
    method: str
    path: str
    route: str
    query: dict[str, str]
    json: Any
    files: list[UploadedFile]
    received_at: float
    status: int = 0
    response: Any = None
    responded_at: float | None = None
    channel_id: int | None = None
    message_id: int | None = None
    interaction_id: int | None = None
    dispatched_at: float | None = None
    fault: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def latency(self) -> float | None:
        """Seconds from the interaction's dispatch to this request's arrival."""
        return None if self.dispatched_at is None else self.received_at - self.dispatched_at

    @property
    def message_payload(self) -> dict[str, Any] | None:
        """The message part of the body: the body itself, or `data` for an interaction callback."""
        if not isinstance(self.json, dict):
            return None
        if self.route.endswith("/callback"):
            data = self.json.get("data")
            return data if isinstance(data, dict) else None
        return self.json

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        payload = self.message_payload
        return None if payload is None else payload.get("allowed_mentions")


@dataclass(frozen=True, slots=True)
class Violation:
    """Something the bot did that real Discord would reject or that breaks an interaction's contract."""

    kind: str
    method: str
    path: str
    message: str
    errors: dict[str, Any] | None = None
    record_seq: int | None = None

    def __str__(self) -> str:
        detail = f" {json.dumps(self.errors)}" if self.errors else ""
        return f"[{self.kind}] {self.method} {self.path}: {self.message}{detail}"


@dataclass(slots=True)
class CommandSync:
    """One command registration request (bulk overwrite, create or edit) as the client sent it."""

    guild_id: int | None
    method: str
    payload: Any
    record: Record


@dataclass(slots=True)
class GatewayConnection:
    """One websocket connection; `query` holds what the client asked for (`v`, `encoding`, `compress`)."""

    query: dict[str, str]
    opened_at: float
    closed_at: float | None = None
    close_code: int | None = None
    identify: dict[str, Any] | None = None
    resumed: bool = False
    received_ops: list[int] = field(default_factory=list)
    frames_sent: int = 0


@dataclass(eq=False, slots=True)
class StoredMessage:
    """A message as the stand-in holds it; `history` keeps every payload applied (creation, then edits)."""

    id: int
    channel_id: int
    guild_id: int | None
    author: dict[str, Any]
    created_at: str
    type: int = 0
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    files: list[UploadedFile] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    message_reference: dict[str, Any] | None = None
    interaction_id: int | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    edited_at: str | None = None
    deleted: bool = False
    pinged_user_ids: list[int] = field(default_factory=list)
    pinged_role_ids: list[int] = field(default_factory=list)
    pings_everyone: bool = False
    mentions: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MessageFlag.LOADING)

    @property
    def pings(self) -> bool:
        """Whether sending this message notified anyone (users, roles, @everyone/@here)."""
        return bool(self.pinged_user_ids or self.pinged_role_ids or self.pings_everyone)

    @property
    def edits(self) -> int:
        return max(0, len(self.history) - 1)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "author": self.author,
            "content": self.content,
            "timestamp": self.created_at,
            "edited_timestamp": self.edited_at,
            "tts": False,
            "mention_everyone": self.pings_everyone,
            "mentions": self.mentions,
            "mention_roles": [str(r) for r in self.pinged_role_ids],
            "attachments": self.attachments,
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "flags": self.flags,
        }
        optional = {
            "webhook_id": None if self.webhook_id is None else str(self.webhook_id),
            "application_id": None if self.application_id is None else str(self.application_id),
            "interaction_metadata": self.interaction_metadata,
            "message_reference": self.message_reference,
        }
        payload.update({k: v for k, v in optional.items() if v is not None})
        return payload
