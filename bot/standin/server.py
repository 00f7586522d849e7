"""A local stand-in for Discord's REST API (v10) and gateway, for end-to-end tests and benchmarks.

The real discord.py client logs in against it, receives its guilds, syncs app commands and answers the
interactions that a test dispatches. Every REST request is recorded, every message is checked against
Discord's limits, and any route or channel can be made to fail, stall or be rate limited on demand.

Only two discord.py addresses need to point here (see `patch_discord`): `Route.BASE`, from which interaction
callbacks and webhook follow-ups are derived too, and `DiscordWebSocket.DEFAULT_GATEWAY`. The client asks for
a `zlib-stream` (or `zstd-stream`) compressed gateway; it only decompresses *binary* frames, so the stand-in
ignores that request and sends plain JSON text frames, which the client parses directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import json
import math
import re
import secrets
import time
import unicodedata
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any, TypeVar

import aiohttp
import discord
import yarl
from aiohttp import web
from discord.gateway import DiscordWebSocket
from discord.http import Route

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
DISCORD_EPOCH_MS = 1_420_070_400_000
DEFAULT_TOKEN = "standin-bot-token"
# discord.py retries these (429 with a Via header, and 5xx) rather than surfacing them.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 524})
T = TypeVar("T")
ClientT = TypeVar("ClientT", bound=discord.Client)


class Op(IntEnum):
    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    VOICE_STATE_UPDATE = 4
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11


class ChannelType(IntEnum):
    TEXT = 0
    VOICE = 2
    CATEGORY = 4
    NEWS = 5
    NEWS_THREAD = 10
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    STAGE = 13
    FORUM = 15


THREAD_TYPES = frozenset({ChannelType.NEWS_THREAD, ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD})
MESSAGEABLE_TYPES = frozenset(
    {ChannelType.TEXT, ChannelType.VOICE, ChannelType.NEWS, ChannelType.STAGE, *THREAD_TYPES}
)


class InteractionType(IntEnum):
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType(IntEnum):
    PONG = 1
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


class Perm:
    """Permission bits used by the stand-in's defaults and checks."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 51) - 1


class Intent:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


class MessageFlag:
    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_COMPONENTS_V2 = 1 << 15


DEFAULT_EVERYONE_PERMISSIONS = (
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CONNECT
    | Perm.SPEAK
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
)
DEFAULT_BOT_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.ADD_REACTIONS
    | Perm.USE_APPLICATION_COMMANDS
)
MODERATOR_PERMISSIONS = Perm.MANAGE_MESSAGES | Perm.KICK_MEMBERS | Perm.MANAGE_THREADS | Perm.MENTION_EVERYONE

# (code, message) pairs exactly as Discord words them.
UNKNOWN_APPLICATION = (10002, "Unknown Application")
UNKNOWN_CHANNEL = (10003, "Unknown Channel")
UNKNOWN_GUILD = (10004, "Unknown Guild")
UNKNOWN_MEMBER = (10007, "Unknown Member")
UNKNOWN_MESSAGE = (10008, "Unknown Message")
UNKNOWN_WEBHOOK = (10015, "Unknown Webhook")
UNKNOWN_INTERACTION = (10062, "Unknown interaction")
UNKNOWN_COMMAND = (10063, "Unknown application command")
UNAUTHORIZED = (0, "401: Unauthorized")
NOT_FOUND = (0, "404: Not Found")
METHOD_NOT_ALLOWED = (0, "405: Method Not Allowed")
ENTITY_TOO_LARGE = (40005, "Request entity too large")
ALREADY_ACKNOWLEDGED = (40060, "Interaction has already been acknowledged.")
MISSING_ACCESS = (50001, "Missing Access")
CANNOT_EDIT_OTHERS = (50005, "Cannot edit a message authored by another user")
EMPTY_MESSAGE = (50006, "Cannot send an empty message")
NON_TEXT_CHANNEL = (50008, "Cannot send messages in a non-text channel")
MISSING_PERMISSIONS = (50013, "Missing Permissions")
INVALID_WEBHOOK_TOKEN = (50027, "Invalid Webhook Token")
INVALID_FORM_BODY = (50035, "Invalid Form Body")
INVALID_JSON = (50109, "The request body contains invalid JSON.")

_DEFAULT_FAULT_BODIES: dict[int, Any] = {
    400: {"message": "400: Bad Request", "code": 0},
    401: {"message": "401: Unauthorized", "code": 0},
    403: {"message": "Missing Access", "code": 50001},
    404: {"message": "Unknown Channel", "code": 10003},
    500: {"message": "500: Internal Server Error", "code": 0},
    502: "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>",
    503: "upstream connect error or disconnect/reset before headers. reset reason: overflow",
    504: "<html><head><title>504 Gateway Time-out</title></head><body>504 Gateway Time-out</body></html>",
}


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _to_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class SnowflakeGenerator:
    """Time-based, strictly increasing snowflakes, so `discord.utils.snowflake_time` gives sensible dates.

    `clock` (seconds since the epoch) is the wall clock unless a test sets its own."""

    def __init__(self) -> None:
        self._last = 0
        self.clock: Callable[[], float] = time.time

    def next(self) -> int:
        candidate = ((int(self.clock() * 1000) - DISCORD_EPOCH_MS) << 22) | (1 << 17)
        self._last = max(self._last + 1, candidate)
        return self._last


# --------------------------------------------------------------------------------------------------------------
# Specs: what a test configures
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleSpec:
    name: str
    permissions: int = 0
    id: int | None = None
    mentionable: bool = False
    color: int = 0


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """A guild channel. `parent` names a category (for channels) or a text/forum channel (for threads).

    `everyone_deny` and `bot_deny` become permission overwrites for @everyone and for the bot member.
    """

    name: str
    type: int = ChannelType.TEXT
    id: int | None = None
    topic: str | None = None
    parent: str | None = None
    nsfw: bool = False
    everyone_deny: int = 0
    bot_deny: int = 0


@dataclass(frozen=True, slots=True)
class UserSpec:
    """A human member of every configured guild; `roles` are role names looked up per guild."""

    username: str
    id: int | None = None
    global_name: str | None = None
    roles: tuple[str, ...] = ()
    bot: bool = False


DEFAULT_CHANNELS: tuple[ChannelSpec, ...] = (
    ChannelSpec("general", topic="General chat"),
    ChannelSpec("briefings", topic="Daily briefings"),
    ChannelSpec("questions", type=ChannelType.FORUM, topic="Ask the bot"),
    ChannelSpec("first-question", type=ChannelType.PUBLIC_THREAD, parent="questions"),
)
DEFAULT_ROLES: tuple[RoleSpec, ...] = (
    RoleSpec("Moderator", permissions=MODERATOR_PERMISSIONS, mentionable=True),
)
DEFAULT_USERS: tuple[UserSpec, ...] = (
    UserSpec("alice", global_name="Alice"),
    UserSpec("bob", global_name="Bob", roles=("Moderator",)),
)


@dataclass(frozen=True, slots=True)
class GuildSpec:
    name: str = "Stand-in Guild"
    id: int | None = None
    channels: tuple[ChannelSpec, ...] = DEFAULT_CHANNELS
    roles: tuple[RoleSpec, ...] = DEFAULT_ROLES
    everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS
    bot_permissions: int = DEFAULT_BOT_PERMISSIONS
    member_count: int | None = None
    locale: str = "en-US"


@dataclass(frozen=True, slots=True)
class AttachmentInput:
    """A file a user attaches to an attachment-typed slash command option."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


# --------------------------------------------------------------------------------------------------------------
# Records: what a test inspects
# --------------------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------------------
# Validation against Discord's documented limits
# --------------------------------------------------------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldError:
    path: Path
    code: str
    message: str

    def __str__(self) -> str:
        return f"{'.'.join(map(str, self.path)) or '<body>'}: {self.message}"


def errors_tree(errors: Sequence[FieldError]) -> dict[str, Any]:
    """Nest field errors the way Discord does: {"embeds": {"0": {"title": {"_errors": [...]}}}}."""
    root: dict[str, Any] = {}
    for error in errors:
        node = root
        for key in error.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": error.code, "message": error.message})
    return root


def _check_str(
    errors: list[FieldError],
    path: Path,
    value: Any,
    maximum: int,
    *,
    minimum: int = 0,
    required: bool = False,
) -> None:
    if value is None:
        if required:
            errors.append(FieldError(path, "BASE_TYPE_REQUIRED", "This field is required"))
        return
    if not isinstance(value, str):
        errors.append(FieldError(path, "BASE_TYPE_STRING", "Must be a string."))
        return
    if len(value) > maximum:
        if minimum:
            errors.append(
                FieldError(
                    path, "BASE_TYPE_BAD_LENGTH", f"Must be between {minimum} and {maximum} in length."
                )
            )
        else:
            errors.append(FieldError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length."))
    elif len(value) < minimum:
        code = "BASE_TYPE_REQUIRED" if not value else "BASE_TYPE_BAD_LENGTH"
        errors.append(FieldError(path, code, f"Must be between {minimum} and {maximum} in length."))


def _check_list(
    errors: list[FieldError], path: Path, value: Any, maximum: int, *, minimum: int = 0
) -> list[Any]:
    if value is None:
        if minimum:
            errors.append(FieldError(path, "BASE_TYPE_REQUIRED", "This field is required"))
        return []
    if not isinstance(value, list):
        errors.append(FieldError(path, "BASE_TYPE_LIST", "Must be an array."))
        return []
    if len(value) > maximum:
        errors.append(FieldError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length."))
    elif len(value) < minimum:
        errors.append(FieldError(path, "BASE_TYPE_MIN_LENGTH", f"Must be {minimum} or more in length."))
    return value


def _check_range(errors: list[FieldError], path: Path, value: Any, lowest: float, highest: float) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(FieldError(path, "NUMBER_TYPE_COERCE", f"Value {value!r} is not a number."))
    elif not lowest <= value <= highest:
        code = "NUMBER_TYPE_MIN" if value < lowest else "NUMBER_TYPE_MAX"
        errors.append(FieldError(path, code, f"Must be between {lowest} and {highest}."))


def _check_url(errors: list[FieldError], path: Path, value: Any, *, attachments: bool = False) -> None:
    if value is None:
        return
    schemes = ("http", "https", "attachment") if attachments else ("http", "https")
    parsed = yarl.URL(value) if isinstance(value, str) else None
    if parsed is None or parsed.scheme not in schemes or not (parsed.host or parsed.scheme == "attachment"):
        errors.append(
            FieldError(
                path, "URL_TYPE_INVALID_URL", f"Not a well formed URL, scheme must be one of {schemes}."
            )
        )


def _embed_text_length(embed: Mapping[str, Any]) -> int:
    parts = [embed.get("title"), embed.get("description")]
    parts += [(embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    for item in embed.get("fields") or []:
        if isinstance(item, dict):
            parts += [item.get("name"), item.get("value")]
    return sum(len(p) for p in parts if isinstance(p, str))


def _validate_embed(errors: list[FieldError], path: Path, embed: Mapping[str, Any]) -> None:
    _check_str(errors, (*path, "title"), embed.get("title"), 256)
    _check_str(errors, (*path, "description"), embed.get("description"), 4096)
    _check_url(errors, (*path, "url"), embed.get("url"))
    _check_range(errors, (*path, "color"), embed.get("color"), 0, 0xFFFFFF)
    timestamp = embed.get("timestamp")
    if timestamp is not None:
        try:
            datetime.fromisoformat(str(timestamp))
        except ValueError:
            errors.append(FieldError((*path, "timestamp"), "DATE_TYPE_PARSE", "Could not parse timestamp."))
    for index, item in enumerate(_check_list(errors, (*path, "fields"), embed.get("fields"), 25)):
        item = item if isinstance(item, dict) else {}
        _check_str(errors, (*path, "fields", index, "name"), item.get("name"), 256, minimum=1, required=True)
        _check_str(
            errors, (*path, "fields", index, "value"), item.get("value"), 1024, minimum=1, required=True
        )
    footer = embed.get("footer")
    if isinstance(footer, dict):
        _check_str(errors, (*path, "footer", "text"), footer.get("text"), 2048, minimum=1, required=True)
        _check_url(errors, (*path, "footer", "icon_url"), footer.get("icon_url"), attachments=True)
    author = embed.get("author")
    if isinstance(author, dict):
        _check_str(errors, (*path, "author", "name"), author.get("name"), 256, minimum=1, required=True)
        _check_url(errors, (*path, "author", "url"), author.get("url"))
        _check_url(errors, (*path, "author", "icon_url"), author.get("icon_url"), attachments=True)
    for key in ("image", "thumbnail"):
        media = embed.get(key)
        if isinstance(media, dict):
            if media.get("url") is None:
                errors.append(FieldError((*path, key, "url"), "BASE_TYPE_REQUIRED", "This field is required"))
            _check_url(errors, (*path, key, "url"), media.get("url"), attachments=True)


def validate_embeds(embeds: Any, path: Path = ("embeds",)) -> list[FieldError]:
    """Per-embed limits, at most 10 embeds, and at most 6000 characters of embed text per message."""
    errors: list[FieldError] = []
    items = _check_list(errors, path, embeds, 10)
    for index, embed in enumerate(items):
        if not isinstance(embed, dict):
            errors.append(FieldError((*path, index), "DICT_TYPE_CONVERT", "Only dictionaries may be used."))
            continue
        _validate_embed(errors, (*path, index), embed)
    total = sum(_embed_text_length(e) for e in items if isinstance(e, dict))
    if total > 6000:
        errors.append(FieldError(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"))
    return errors


SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
INTERACTIVE_TYPES = frozenset({2, 4, *SELECT_TYPES, 19, 21, 22, 23})


def _validate_button(errors: list[FieldError], path: Path, button: Mapping[str, Any]) -> None:
    style = button.get("style")
    if style not in (1, 2, 3, 4, 5, 6):
        errors.append(
            FieldError((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6).")
        )
    _check_str(errors, (*path, "label"), button.get("label"), 80)
    if style == 5:
        if button.get("custom_id") is not None:
            errors.append(
                FieldError(
                    (*path, "custom_id"),
                    "BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN",
                    "A link button cannot have a custom id",
                )
            )
        if button.get("url") is None:
            errors.append(
                FieldError((*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A link button must have a url")
            )
        _check_url(errors, (*path, "url"), button.get("url"))
    elif style != 6:
        _check_str(errors, (*path, "custom_id"), button.get("custom_id"), 100, minimum=1, required=True)
    if style != 6 and not button.get("label") and not button.get("emoji"):
        errors.append(
            FieldError(path, "BUTTON_COMPONENT_MISSING_LABEL", "A button must have a label or an emoji")
        )


def _validate_select(errors: list[FieldError], path: Path, select: Mapping[str, Any]) -> None:
    _check_str(errors, (*path, "custom_id"), select.get("custom_id"), 100, minimum=1, required=True)
    _check_str(errors, (*path, "placeholder"), select.get("placeholder"), 150)
    _check_range(errors, (*path, "min_values"), select.get("min_values"), 0, 25)
    _check_range(errors, (*path, "max_values"), select.get("max_values"), 1, 25)
    if select.get("type") != 3:
        return
    options = _check_list(errors, (*path, "options"), select.get("options"), 25, minimum=1)
    for index, option in enumerate(options):
        option = option if isinstance(option, dict) else {}
        opath = (*path, "options", index)
        _check_str(errors, (*opath, "label"), option.get("label"), 100, minimum=1, required=True)
        _check_str(errors, (*opath, "value"), option.get("value"), 100, minimum=1, required=True)
        _check_str(errors, (*opath, "description"), option.get("description"), 100)


def _validate_text_input(
    errors: list[FieldError], path: Path, text_input: Mapping[str, Any], *, labelled: bool
) -> None:
    _check_str(errors, (*path, "custom_id"), text_input.get("custom_id"), 100, minimum=1, required=True)
    if text_input.get("style") not in (1, 2):
        errors.append(FieldError((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2)."))
    if not labelled:
        _check_str(errors, (*path, "label"), text_input.get("label"), 45, minimum=1, required=True)
    _check_str(errors, (*path, "placeholder"), text_input.get("placeholder"), 100)
    _check_str(errors, (*path, "value"), text_input.get("value"), 4000)
    _check_range(errors, (*path, "min_length"), text_input.get("min_length"), 0, 4000)
    _check_range(errors, (*path, "max_length"), text_input.get("max_length"), 1, 4000)


def _validate_leaf(
    errors: list[FieldError],
    path: Path,
    component: Mapping[str, Any],
    *,
    in_modal: bool,
    labelled: bool = False,
) -> None:
    kind = component.get("type")
    if kind == 2:
        _validate_button(errors, path, component)
    elif kind in SELECT_TYPES:
        _validate_select(errors, path, component)
    elif kind == 4 and in_modal:
        _validate_text_input(errors, path, component, labelled=labelled)
    elif kind in INTERACTIVE_TYPES and in_modal:
        _check_str(errors, (*path, "custom_id"), component.get("custom_id"), 100, minimum=1, required=True)
    else:
        errors.append(
            FieldError((*path, "type"), "COMPONENT_TYPE_INVALID", f"Component type {kind} is not valid here.")
        )


def _validate_row(errors: list[FieldError], path: Path, row: Mapping[str, Any], *, in_modal: bool) -> None:
    children = _check_list(errors, (*path, "components"), row.get("components"), 5, minimum=1)
    wide = [c for c in children if isinstance(c, dict) and c.get("type") in SELECT_TYPES | {4}]
    if wide and len(children) > 1:
        errors.append(
            FieldError(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        )
    for index, child in enumerate(children):
        child = child if isinstance(child, dict) else {}
        _validate_leaf(errors, (*path, "components", index), child, in_modal=in_modal)


def _iter_components(components: Any) -> Iterator[dict[str, Any]]:
    """Every component in a tree: rows, containers, sections' accessories and labels' children included."""
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, dict):
            continue
        yield component
        yield from _iter_components(component.get("components"))
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                yield from _iter_components([component[key]])


def _check_custom_ids(errors: list[FieldError], path: Path, components: Any) -> None:
    ids = Counter(c["custom_id"] for c in _iter_components(components) if isinstance(c.get("custom_id"), str))
    if any(count > 1 for count in ids.values()):
        errors.append(
            FieldError(path, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
        )


def _validate_layout_v2(errors: list[FieldError], path: Path, components: Any) -> None:
    # Components V2 is only checked for the limits that matter most; its per-type rules are not modelled.
    items = _check_list(errors, path, components, 40, minimum=1)
    every = list(_iter_components(items))
    if len(every) > 40:
        errors.append(
            FieldError(path, "COMPONENT_MAX_TOTAL_EXCEEDED", "Must be 40 or fewer components in total.")
        )
    text = sum(len(c.get("content") or "") for c in every if c.get("type") == 10)
    if text > 4000:
        errors.append(
            FieldError(path, "COMPONENT_MAX_TEXT_EXCEEDED", "Text displays exceed 4000 characters in total.")
        )
    for index, component in enumerate(every):
        if component.get("type") in INTERACTIVE_TYPES:
            _validate_leaf(errors, (*path, index), component, in_modal=False)


def validate_components(components: Any, *, flags: int = 0, path: Path = ("components",)) -> list[FieldError]:
    """Message components: ≤ 5 action rows of ≤ 5 buttons (or one select), custom_id ≤ 100, label ≤ 80."""
    errors: list[FieldError] = []
    if components is None:
        return errors
    if flags & MessageFlag.IS_COMPONENTS_V2:
        _validate_layout_v2(errors, path, components)
    else:
        for index, row in enumerate(_check_list(errors, path, components, 5)):
            row = row if isinstance(row, dict) else {}
            if row.get("type") != 1:
                errors.append(
                    FieldError(
                        (*path, index, "type"),
                        "COMPONENT_TYPE_INVALID",
                        "Top-level components must be action rows.",
                    )
                )
                continue
            _validate_row(errors, (*path, index), row, in_modal=False)
    _check_custom_ids(errors, path, components)
    return errors


def _validate_allowed_mentions(errors: list[FieldError], path: Path, allowed: Any) -> None:
    if allowed is None:
        return
    if not isinstance(allowed, dict):
        errors.append(FieldError(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used."))
        return
    parse = allowed.get("parse") or []
    for index, kind in enumerate(parse):
        if kind not in ("users", "roles", "everyone"):
            errors.append(
                FieldError(
                    (*path, "parse", index),
                    "BASE_TYPE_CHOICES",
                    "Value must be one of users, roles, everyone.",
                )
            )
    for kind in ("users", "roles"):
        listed = _check_list(errors, (*path, kind), allowed.get(kind), 100)
        if listed and kind in parse:
            errors.append(
                FieldError(
                    path,
                    "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    f'parse:["{kind}"] and {kind}: [ids] are mutually exclusive.',
                )
            )


def validate_message(payload: Mapping[str, Any], path: Path = ()) -> list[FieldError]:
    """Field limits of a message create/edit body (emptiness is checked separately, against the result)."""
    errors: list[FieldError] = []
    flags = payload.get("flags") or 0
    _check_str(errors, (*path, "content"), payload.get("content"), 2000)
    errors += validate_embeds(payload.get("embeds"), (*path, "embeds"))
    errors += validate_components(payload.get("components"), flags=flags, path=(*path, "components"))
    _validate_allowed_mentions(errors, (*path, "allowed_mentions"), payload.get("allowed_mentions"))
    _check_list(errors, (*path, "attachments"), payload.get("attachments"), 10)
    _check_list(errors, (*path, "sticker_ids"), payload.get("sticker_ids"), 3)
    if flags & MessageFlag.IS_COMPONENTS_V2:
        for key in ("content", "embeds"):
            if payload.get(key):
                errors.append(
                    FieldError(
                        (*path, key),
                        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                        "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
                    )
                )
    return errors


def validate_modal(data: Mapping[str, Any], path: Path = ("data",)) -> list[FieldError]:
    """Modal: title ≤ 45, custom_id ≤ 100, 1–5 top-level components (rows with one text input, or labels)."""
    errors: list[FieldError] = []
    _check_str(errors, (*path, "title"), data.get("title"), 45, minimum=1, required=True)
    _check_str(errors, (*path, "custom_id"), data.get("custom_id"), 100, minimum=1, required=True)
    components = _check_list(errors, (*path, "components"), data.get("components"), 5, minimum=1)
    for index, component in enumerate(components):
        component = component if isinstance(component, dict) else {}
        cpath = (*path, "components", index)
        kind = component.get("type")
        if kind == 1:
            _validate_row(errors, cpath, component, in_modal=True)
        elif kind == 18:
            _check_str(errors, (*cpath, "label"), component.get("label"), 45, minimum=1, required=True)
            _check_str(errors, (*cpath, "description"), component.get("description"), 100)
            inner = component.get("component")
            if not isinstance(inner, dict):
                errors.append(
                    FieldError((*cpath, "component"), "BASE_TYPE_REQUIRED", "This field is required")
                )
            else:
                _validate_leaf(errors, (*cpath, "component"), inner, in_modal=True, labelled=True)
        elif kind != 10:
            errors.append(
                FieldError(
                    (*cpath, "type"),
                    "COMPONENT_TYPE_INVALID",
                    f"Component type {kind} is not valid in a modal.",
                )
            )
    _check_custom_ids(errors, (*path, "components"), components)
    return errors


def validate_choices(choices: Any, path: Path = ("data", "choices")) -> list[FieldError]:
    """Autocomplete result: ≤ 25 choices, names 1–100 characters, string values ≤ 100 characters."""
    errors: list[FieldError] = []
    for index, choice in enumerate(_check_list(errors, path, choices, 25)):
        choice = choice if isinstance(choice, dict) else {}
        _check_str(errors, (*path, index, "name"), choice.get("name"), 100, minimum=1, required=True)
        value = choice.get("value")
        if isinstance(value, str):
            _check_str(errors, (*path, index, "value"), value, 100)
        elif value is None or isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(FieldError((*path, index, "value"), "BASE_TYPE_REQUIRED", "This field is required"))
    return errors


# ---- application command registration ----------------------------------------------------------------------

COMMAND_LIMITS = {1: 100, 2: 15, 3: 15}
VALUE_OPTION_TYPES = frozenset(range(3, 12))
CHOICE_OPTION_TYPES = frozenset({3, 4, 10})


def valid_chat_input_name(name: Any) -> bool:
    """`^[-_\\p{L}\\p{N}]{1,32}$`, and lowercase wherever a letter has a lowercase form."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.lower():
        return False
    return all(ch in "-_" or unicodedata.category(ch)[0] in "LN" for ch in name)


def _command_size(node: Mapping[str, Any]) -> int:
    size = len(str(node.get("name") or "")) + len(str(node.get("description") or ""))
    for choice in node.get("choices") or []:
        if isinstance(choice, dict):
            size += len(str(choice.get("name") or "")) + len(str(choice.get("value") or ""))
    return size + sum(_command_size(o) for o in node.get("options") or [] if isinstance(o, dict))


def _validate_choices_of(errors: list[FieldError], path: Path, option: Mapping[str, Any]) -> None:
    kind = option.get("type")
    choices = option.get("choices")
    if choices is None:
        return
    if kind not in CHOICE_OPTION_TYPES:
        errors.append(
            FieldError(
                (*path, "choices"),
                "APPLICATION_COMMAND_OPTION_CHOICES_INVALID",
                "Choices are only allowed on string, integer and number options",
            )
        )
    if option.get("autocomplete") and choices:
        errors.append(
            FieldError(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                "Autocomplete cannot be enabled on an option with choices",
            )
        )
    for index, choice in enumerate(_check_list(errors, (*path, "choices"), choices, 25)):
        choice = choice if isinstance(choice, dict) else {}
        cpath = (*path, "choices", index)
        _check_str(errors, (*cpath, "name"), choice.get("name"), 100, minimum=1, required=True)
        value = choice.get("value")
        if kind == 3:
            _check_str(errors, (*cpath, "value"), value, 100, minimum=1, required=True)
        elif (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (kind == 4 and not isinstance(value, int))
        ):
            errors.append(
                FieldError(
                    (*cpath, "value"),
                    "NUMBER_TYPE_COERCE",
                    f"Value {value!r} is not a valid {'int' if kind == 4 else 'number'}.",
                )
            )


def _validate_value_option(errors: list[FieldError], path: Path, option: Mapping[str, Any]) -> None:
    kind = option.get("type")
    _validate_choices_of(errors, path, option)
    if option.get("autocomplete") and kind not in CHOICE_OPTION_TYPES:
        errors.append(
            FieldError(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID",
                "Autocomplete is only allowed on string, integer and number options",
            )
        )
    if kind == 3:
        _check_range(errors, (*path, "min_length"), option.get("min_length"), 0, 6000)
        _check_range(errors, (*path, "max_length"), option.get("max_length"), 1, 6000)
    if kind in (4, 10):
        _check_range(errors, (*path, "min_value"), option.get("min_value"), -(2**53), 2**53)
        _check_range(errors, (*path, "max_value"), option.get("max_value"), -(2**53), 2**53)


def _validate_options(errors: list[FieldError], path: Path, options: Any, level: str) -> None:
    """`level` is "top" (a command), "group" (children must be subcommands) or "sub" (values only)."""
    items = _check_list(errors, path, options, 25)
    kinds = {o.get("type") for o in items if isinstance(o, dict)}
    nested = kinds & {1, 2}
    if nested and kinds - {1, 2}:
        errors.append(
            FieldError(
                path,
                "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                "Sub-command and sub-command group option types are mutually exclusive to all other types",
            )
        )
    allowed = {"top": {1, 2, *VALUE_OPTION_TYPES}, "group": {1}, "sub": set(VALUE_OPTION_TYPES)}[level]
    seen_names: set[str] = set()
    optional_seen = False
    for index, option in enumerate(items):
        option = option if isinstance(option, dict) else {}
        opath = (*path, index)
        kind = option.get("type")
        if kind not in allowed:
            errors.append(
                FieldError(
                    (*opath, "type"),
                    "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                    f"Option type {kind} is not allowed here",
                )
            )
        name = option.get("name")
        if not valid_chat_input_name(name):
            errors.append(
                FieldError((*opath, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        elif name in seen_names:
            errors.append(
                FieldError(
                    (*opath, "name"),
                    "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                    "Option names must be unique",
                )
            )
        seen_names.add(str(name))
        _check_str(errors, (*opath, "description"), option.get("description"), 100, minimum=1, required=True)
        if kind in (1, 2):
            _validate_options(
                errors, (*opath, "options"), option.get("options"), "group" if kind == 2 else "sub"
            )
            continue
        if option.get("required") and optional_seen:
            errors.append(
                FieldError(
                    (*opath, "required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
            )
        optional_seen = optional_seen or not option.get("required")
        _validate_value_option(errors, opath, option)


def validate_command(command: Any, path: Path = ()) -> list[FieldError]:
    """One command: name, description (1–100; empty for context menus), ≤ 25 options, size ≤ 4000."""
    errors: list[FieldError] = []
    if not isinstance(command, dict):
        return [FieldError(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used.")]
    kind = command.get("type", 1)
    name = command.get("name")
    if kind == 1:
        if not valid_chat_input_name(name):
            errors.append(
                FieldError((*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        _check_str(errors, (*path, "description"), command.get("description"), 100, minimum=1, required=True)
        _validate_options(errors, (*path, "options"), command.get("options"), "top")
    elif kind in (2, 3):
        _check_str(errors, (*path, "name"), name, 32, minimum=1, required=True)
        if command.get("description"):
            errors.append(
                FieldError(
                    (*path, "description"),
                    "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                    "Context menu commands cannot have a description",
                )
            )
        if command.get("options"):
            errors.append(
                FieldError(
                    (*path, "options"),
                    "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS",
                    "Context menu commands cannot have options",
                )
            )
    else:
        errors.append(FieldError((*path, "type"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3)."))
    permissions = command.get("default_member_permissions")
    if permissions is not None and not str(permissions).isdigit():
        errors.append(
            FieldError(
                (*path, "default_member_permissions"), "NUMBER_TYPE_COERCE", "Not a valid permission bitfield"
            )
        )
    if _command_size(command) > 4000:
        errors.append(
            FieldError(path, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (4000)")
        )
    return errors


def validate_commands(commands: Any) -> list[FieldError]:
    """A bulk overwrite: each command valid, names unique per type, ≤ 100 slash and ≤ 15 of each context menu."""
    if not isinstance(commands, list):
        return [FieldError((), "BASE_TYPE_LIST", "Must be an array.")]
    errors: list[FieldError] = []
    for index, command in enumerate(commands):
        errors += validate_command(command, (index,))
    good = [c for c in commands if isinstance(c, dict)]
    for kind, count in Counter(c.get("type", 1) for c in good).items():
        if count > COMMAND_LIMITS.get(kind, 0):
            errors.append(
                FieldError(
                    (),
                    "APPLICATION_COMMANDS_TOO_MANY",
                    f"Maximum number of type {kind} application commands reached ({COMMAND_LIMITS.get(kind, 0)})",
                )
            )
    keys = Counter((c.get("type", 1), c.get("name")) for c in good)
    for index, command in enumerate(good):
        if keys[(command.get("type", 1), command.get("name"))] > 1:
            errors.append(
                FieldError(
                    (index, "name"),
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            )
    return errors


# ---- mentions -------------------------------------------------------------------------------------------------

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_EVERYONE_MENTION = re.compile(r"@(everyone|here)\b")


@dataclass(frozen=True, slots=True)
class Pings:
    user_ids: list[int]
    role_ids: list[int]
    everyone: bool


def compute_pings(
    content: str, allowed_mentions: Mapping[str, Any] | None, replied_user_id: int | None = None
) -> Pings:
    """Who a message notifies. With no `allowed_mentions` Discord parses everything (and pings a reply's author).

    Deliberately conservative: the MENTION_EVERYONE permission and roles' mentionability are not considered, so
    a message counts as pinging whenever its content and `allowed_mentions` would let it.
    """
    users = list(dict.fromkeys(int(m) for m in _USER_MENTION.findall(content)))
    roles = list(dict.fromkeys(int(m) for m in _ROLE_MENTION.findall(content)))
    if allowed_mentions is None:
        parse, listed_users, listed_roles, replied = {"users", "roles", "everyone"}, set(), set(), True
    else:
        parse = set(allowed_mentions.get("parse") or [])
        listed_users = {int(u) for u in allowed_mentions.get("users") or []}
        listed_roles = {int(r) for r in allowed_mentions.get("roles") or []}
        replied = bool(allowed_mentions.get("replied_user", False))
    pinged_users = [u for u in users if "users" in parse or u in listed_users]
    if replied_user_id is not None and replied and replied_user_id not in pinged_users:
        pinged_users.append(replied_user_id)
    pinged_roles = [r for r in roles if "roles" in parse or r in listed_roles]
    everyone = bool(_EVERYONE_MENTION.search(content)) and "everyone" in parse
    return Pings(pinged_users, pinged_roles, everyone)


# --------------------------------------------------------------------------------------------------------------
# The world: users, guilds, channels and roles, and their Discord payloads
# --------------------------------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "primary_guild": None,
            "collectibles": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(eq=False, slots=True)
class _Role:
    id: int
    name: str
    permissions: int
    position: int
    mentionable: bool = False
    color: int = 0
    bot_id: int | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.bot_id is not None,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass(eq=False, slots=True)
class _Channel:
    id: int
    guild_id: int
    spec: ChannelSpec
    position: int
    parent_id: int | None = None
    last_message_id: int | None = None

    @property
    def type(self) -> int:
        return self.spec.type

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def is_thread(self) -> bool:
        return self.spec.type in THREAD_TYPES


@dataclass(eq=False, slots=True)
class _Member:
    user: _User
    role_ids: list[int]
    joined_at: str


@dataclass(eq=False, slots=True)
class _Guild:
    id: int
    name: str
    locale: str
    owner_id: int
    roles: dict[int, _Role]
    channels: dict[int, _Channel]
    members: dict[int, _Member]
    member_count: int
    created_at: str

    def text_channels(self) -> list[_Channel]:
        return [c for c in self.channels.values() if c.type in (ChannelType.TEXT, ChannelType.NEWS)]


class World:
    """Everything the stand-in knows about; built once from the specs."""

    def __init__(
        self,
        ids: SnowflakeGenerator,
        guilds: Sequence[GuildSpec],
        users: Sequence[UserSpec],
        bot_username: str,
    ) -> None:
        self.ids = ids
        self.application_id = ids.next()
        # Applications created since 2021 share their id with their bot user.
        self.bot = _User(self.application_id, bot_username, bot=True)
        self.owner = _User(ids.next(), "guild-owner", "Guild Owner")
        self.users = [_User(u.id or ids.next(), u.username, u.global_name, u.bot) for u in users]
        self._user_specs = dict(zip((u.id for u in self.users), users, strict=True))
        self.guilds: dict[int, _Guild] = {}
        self.channels: dict[int, _Channel] = {}
        for spec in guilds:
            guild = self._build_guild(spec)
            self.guilds[guild.id] = guild
            self.channels.update(guild.channels)

    # ---- construction -----------------------------------------------------------------------------------------

    def _build_guild(self, spec: GuildSpec) -> _Guild:
        guild_id = spec.id or self.ids.next()
        roles = self._build_roles(guild_id, spec)
        channels = self._build_channels(guild_id, spec.channels)
        joined = _now_iso()
        by_name = {r.name: r.id for r in roles.values()}
        bot_role = next(r.id for r in roles.values() if r.bot_id is not None)
        members = {
            self.bot.id: _Member(self.bot, [bot_role], joined),
            self.owner.id: _Member(self.owner, [], joined),
        }
        for user in self.users:
            wanted = self._user_specs[user.id].roles
            members[user.id] = _Member(user, [by_name[n] for n in wanted if n in by_name], joined)
        count = spec.member_count or len(members)
        return _Guild(
            guild_id, spec.name, spec.locale, self.owner.id, roles, channels, members, count, joined
        )

    def _build_roles(self, guild_id: int, spec: GuildSpec) -> dict[int, _Role]:
        # @everyone shares the guild's id, as on Discord.
        roles = [_Role(guild_id, "@everyone", spec.everyone_permissions, 0)]
        for position, role in enumerate(spec.roles, start=1):
            roles.append(
                _Role(
                    role.id or self.ids.next(),
                    role.name,
                    role.permissions,
                    position,
                    role.mentionable,
                    role.color,
                )
            )
        roles.append(
            _Role(self.ids.next(), self.bot.username, spec.bot_permissions, len(roles), bot_id=self.bot.id)
        )
        return {r.id: r for r in roles}

    def _build_channels(self, guild_id: int, specs: Sequence[ChannelSpec]) -> dict[int, _Channel]:
        channels = {
            s.name: _Channel(s.id or self.ids.next(), guild_id, s, position)
            for position, s in enumerate(specs)
        }
        for channel in channels.values():
            if channel.spec.parent is not None:
                parent = channels.get(channel.spec.parent)
                if parent is None:
                    raise ValueError(
                        f"channel {channel.name!r} names an unknown parent {channel.spec.parent!r}"
                    )
                channel.parent_id = parent.id
            elif channel.is_thread:
                raise ValueError(f"thread {channel.name!r} needs a parent channel")
        return {c.id: c for c in channels.values()}

    # ---- lookups ----------------------------------------------------------------------------------------------

    def all_users(self) -> list[_User]:
        return [self.bot, self.owner, *self.users]

    def user(self, ref: int | str | UserSpec | None) -> _User:
        if ref is None:
            return self.users[0]
        if isinstance(ref, UserSpec):
            ref = ref.id if ref.id is not None else ref.username
        for user in self.all_users():
            if ref in (user.id, user.username, str(user.id)):
                return user
        raise ValueError(f"unknown user {ref!r}; known: {[u.username for u in self.all_users()]}")

    def guild(self, ref: int | str | None) -> _Guild:
        if ref is None:
            return next(iter(self.guilds.values()))
        for guild in self.guilds.values():
            if ref in (guild.id, guild.name, str(guild.id)):
                return guild
        raise ValueError(f"unknown guild {ref!r}")

    def channel(self, ref: int | str | None, guild: _Guild | None = None) -> _Channel:
        if ref is None:
            candidates = (guild or self.guild(None)).text_channels()
            if not candidates:
                raise ValueError("the guild has no text channel; pass channel_id")
            return candidates[0]
        pool = guild.channels.values() if guild is not None else self.channels.values()
        for channel in pool:
            if ref in (channel.id, channel.name, str(channel.id)):
                return channel
        raise ValueError(f"unknown channel {ref!r}")

    def role(self, ref: int | str, guild: _Guild) -> _Role:
        for role in guild.roles.values():
            if ref in (role.id, role.name, str(role.id)):
                return role
        raise ValueError(f"unknown role {ref!r} in guild {guild.name!r}")

    def member(self, guild: _Guild, user: _User) -> _Member:
        try:
            return guild.members[user.id]
        except KeyError:
            raise ValueError(f"{user.username!r} is not a member of {guild.name!r}") from None

    # ---- permissions ------------------------------------------------------------------------------------------

    def permissions(self, guild: _Guild, member: _Member, channel: _Channel | None = None) -> int:
        if member.user.id == guild.owner_id:
            return Perm.ALL
        perms = guild.roles[guild.id].permissions
        for role_id in member.role_ids:
            perms |= guild.roles[role_id].permissions
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        if channel is None:
            return perms
        # Threads inherit their parent's overwrites.
        target = self.channels.get(channel.parent_id or 0) if channel.is_thread else channel
        spec = (target or channel).spec
        perms &= ~spec.everyone_deny
        if member.user.id == self.bot.id:
            perms &= ~spec.bot_deny
        return perms

    def bot_permissions(self, channel: _Channel) -> int:
        guild = self.guilds[channel.guild_id]
        return self.permissions(guild, guild.members[self.bot.id], channel)

    # ---- payloads ---------------------------------------------------------------------------------------------

    def client_user_payload(self) -> dict[str, Any]:
        return self.bot.payload() | {"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None}

    def application_payload(self, flags: int) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": secrets.token_hex(32),
            "flags": flags,
            "owner": self.owner.payload(),
            "team": None,
            "bot": self.bot.payload(),
            "hook": True,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "approximate_guild_count": len(self.guilds),
        }

    def member_payload(self, guild: _Guild, member: _Member, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in member.role_ids],
            "joined_at": member.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = member.user.payload()
        return data

    def _overwrites(self, channel: _Channel) -> list[dict[str, Any]]:
        overwrites = []
        if channel.spec.everyone_deny:
            overwrites.append(
                {
                    "id": str(channel.guild_id),
                    "type": 0,
                    "allow": "0",
                    "deny": str(channel.spec.everyone_deny),
                }
            )
        if channel.spec.bot_deny:
            overwrites.append(
                {"id": str(self.bot.id), "type": 1, "allow": "0", "deny": str(channel.spec.bot_deny)}
            )
        return overwrites

    def channel_payload(self, channel: _Channel) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(channel.id),
            "type": channel.type,
            "guild_id": str(channel.guild_id),
            "name": channel.name,
            "position": channel.position,
            "parent_id": None if channel.parent_id is None else str(channel.parent_id),
            "topic": channel.spec.topic,
            "nsfw": channel.spec.nsfw,
            "last_message_id": None if channel.last_message_id is None else str(channel.last_message_id),
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if channel.is_thread:
            return data | self._thread_fields(channel)
        data["permission_overwrites"] = self._overwrites(channel)
        if channel.type in (ChannelType.VOICE, ChannelType.STAGE):
            data |= {"bitrate": 64000, "user_limit": 0, "rtc_region": None}
        if channel.type == ChannelType.FORUM:
            data |= {
                "available_tags": [],
                "default_reaction_emoji": None,
                "default_sort_order": None,
                "default_forum_layout": 0,
                "default_thread_rate_limit_per_user": 0,
            }
        return data

    def _thread_fields(self, channel: _Channel) -> dict[str, Any]:
        guild = self.guilds[channel.guild_id]
        return {
            "owner_id": str(guild.owner_id),
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "applied_tags": [],
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": guild.created_at,
                "locked": False,
                "create_timestamp": guild.created_at,
            },
        }

    def guild_payload(self, guild: _Guild) -> dict[str, Any]:
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": guild.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
        }

    def guild_create_payload(self, guild: _Guild, *, all_members: bool) -> dict[str, Any]:
        members = guild.members.values() if all_members else [guild.members[self.bot.id]]
        plain = [c for c in guild.channels.values() if not c.is_thread]
        threads = [c for c in guild.channels.values() if c.is_thread]
        return self.guild_payload(guild) | {
            "unavailable": False,
            "large": False,
            "joined_at": guild.members[self.bot.id].joined_at,
            "member_count": guild.member_count,
            "members": [self.member_payload(guild, m) for m in members],
            "channels": [self.channel_payload(c) for c in plain],
            "threads": [self.channel_payload(c) for c in threads],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


# --------------------------------------------------------------------------------------------------------------
# Fault and rate-limit injection
# --------------------------------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Fault:
    """A queued failure or delay. `status=None` only delays, then the request is handled normally.

    With `after_handling` the request is first handled for real (a message is created) and only the answer
    is replaced by the failure, like a Discord 5xx after the message was stored."""

    status: int | None
    path: re.Pattern[str] | None = None
    method: str | None = None
    channel_id: int | None = None
    delay: float = 0.0
    times: int | None = 1
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    retry_after: float = 0.05
    after_handling: bool = False
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, path: str, channel_id: int | None) -> bool:
        if self.exhausted or (self.method is not None and self.method.upper() != method):
            return False
        if self.path is not None and not self.path.search(path):
            return False
        return self.channel_id is None or self.channel_id == channel_id

    def describe(self) -> str:
        after = " after handling" if self.after_handling else ""
        return f"fault status={self.status} delay={self.delay}{after}"

    def response(self) -> web.Response:
        if self.status is None:
            raise ValueError("a delay-only fault has no response of its own")
        if self.status == 429:
            body = self.body or {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": False,
            }
            headers = {
                "Via": "1.1 google",
                "Retry-After": str(math.ceil(self.retry_after)),
                "X-RateLimit-Scope": "user",
            }
            return _json(body, status=429, headers=headers | self.headers)
        body = (
            self.body
            if self.body is not None
            else _DEFAULT_FAULT_BODIES.get(self.status, {"message": "Error", "code": 0})
        )
        if isinstance(body, str):
            return web.Response(text=body, status=self.status, content_type="text/html", headers=self.headers)
        return _json(body, status=self.status, headers=self.headers)


@dataclass(eq=False, slots=True)
class ChannelRateLimit:
    """A fixed window of `limit` message creations per `window` seconds in one channel.

    With `advertise` the X-RateLimit-* headers go out on every response, so discord.py paces itself and should
    never see a 429; without them (a limit the client cannot see, like Discord's shared ones) it gets 429s and
    must retry after `retry_after`.
    """

    channel_id: int
    limit: int
    window: float
    advertise: bool = True
    is_global: bool = False
    rejected: int = 0
    _window_start: float = -math.inf
    _count: int = 0

    @property
    def bucket(self) -> str:
        return hashlib.md5(f"channel-messages-{self.channel_id}".encode()).hexdigest()

    def _roll(self, now: float) -> None:
        if now - self._window_start >= self.window:
            self._window_start, self._count = now, 0

    def take(self, now: float) -> float | None:
        """Count a request; return None if allowed, else the seconds until the window resets."""
        self._roll(now)
        if self._count >= self.limit:
            self.rejected += 1
            return max(0.001, self.window - (now - self._window_start))
        self._count += 1
        return None

    def headers(self, now: float) -> dict[str, str]:
        reset_after = max(0.0, self.window - (now - self._window_start))
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - self._count)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": self.bucket,
        }

    def response(self, retry_after: float, now: float) -> web.Response:
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(retry_after, 3),
            "global": self.is_global,
        }
        headers = self.headers(now) | {
            "Via": "1.1 google",
            "Retry-After": str(math.ceil(retry_after)),
            "X-RateLimit-Scope": "global" if self.is_global else "user",
        }
        if self.is_global:
            headers["X-RateLimit-Global"] = "true"
        return _json(body, status=429, headers=headers)


def _json(data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly "application/json" (no charset parameter).
    response = web.Response(body=json.dumps(data).encode(), status=status, headers=headers)
    response.headers["Content-Type"] = "application/json"
    return response


def _error_body(error: tuple[int, str], errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": error[1], "code": error[0]}
    if errors:
        body["errors"] = errors
    return body


# --------------------------------------------------------------------------------------------------------------
# Interactions
# --------------------------------------------------------------------------------------------------------------

_CALLBACKS_FOR: dict[int, frozenset[int]] = {
    InteractionType.APPLICATION_COMMAND: frozenset({4, 5, 9}),
    InteractionType.MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    InteractionType.AUTOCOMPLETE: frozenset({8}),
    InteractionType.MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}


class InteractionFailed(AssertionError):
    """An interaction got no usable response in time, or its response was rejected."""


@dataclass(eq=False, slots=True)
class _Interaction:
    id: int
    token: str
    type: int
    guild_id: int
    channel_id: int
    user_id: int
    source_message_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    dispatched_at: float = 0.0
    attempts: list[Record] = field(default_factory=list)
    ack: Record | None = None
    callback_type: int | None = None
    original_message_id: int | None = None
    message_ids: list[int] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class _OpenModal:
    data: dict[str, Any]
    interaction: _Interaction


def _decisive(record: Record) -> bool:
    """A callback whose outcome the client will not retry (anything but 429 and 5xx)."""
    return record.status != 0 and record.status not in RETRYABLE_STATUSES


class InteractionHandle:
    """What a test holds after dispatching an interaction: its payload, the responses and the messages."""

    def __init__(self, server: DiscordStandin, state: _Interaction) -> None:
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
            lambda: next((r for r in self._state.attempts if _decisive(r)), None),
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


@dataclass(frozen=True, slots=True)
class _Context:
    guild: _Guild
    channel: _Channel
    member: _Member


class _OptionBuilder:
    """Turns `{"name": python value}` into Discord's typed option list plus `resolved` data."""

    def __init__(
        self,
        world: World,
        ctx: _Context,
        register_attachment: Callable[[AttachmentInput, int], dict[str, Any]],
        focused: str | None = None,
    ) -> None:
        self._world = world
        self._ctx = ctx
        self._register_attachment = register_attachment
        self._focused = focused
        self.resolved: dict[str, dict[str, Any]] = {}

    def build(
        self, command: Mapping[str, Any], values: Mapping[str, Any], subcommand: str | None
    ) -> list[dict[str, Any]]:
        schema: list[dict[str, Any]] = command.get("options") or []
        top: list[dict[str, Any]] = []
        container = top
        for part in (subcommand or "").split():
            option = next((o for o in schema if o.get("name") == part and o.get("type") in (1, 2)), None)
            if option is None:
                raise ValueError(f"/{command['name']} has no subcommand or group {part!r}")
            node: dict[str, Any] = {"type": option["type"], "name": part, "options": []}
            container.append(node)
            container, schema = node["options"], option.get("options") or []
        if any(o.get("type") in (1, 2) for o in schema):
            names = [o["name"] for o in schema]
            raise ValueError(f"/{command['name']} needs subcommand=... (one of {names})")
        container.extend(self._leaves(str(command["name"]), schema, values))
        return top

    def _leaves(
        self, command: str, schema: list[dict[str, Any]], values: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        known = {o["name"]: o for o in schema}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"/{command} has no option(s) {sorted(unknown)}; it has {sorted(known)}")
        if self._focused is not None and self._focused not in known:
            raise ValueError(f"/{command} has no option {self._focused!r} to focus")
        options = []
        for name, option in known.items():
            if name == self._focused:
                # A focused value is whatever the user has typed so far, always as a string.
                options.append(
                    {
                        "type": option["type"],
                        "name": name,
                        "value": str(values.get(name, "")),
                        "focused": True,
                    }
                )
            elif name in values:
                options.append(
                    {"type": option["type"], "name": name, "value": self._value(option, values[name])}
                )
            elif option.get("required") and self._focused is None:
                raise ValueError(f"/{command} requires option {name!r}")
        return options

    def _value(self, option: Mapping[str, Any], raw: Any) -> Any:
        kind = option["type"]
        if kind in (3, 4, 5, 10):
            return self._scalar(option, raw)
        if kind == 6:
            return self._resolve_user(self._world.user(raw))
        if kind == 7:
            return self._resolve_channel(option, self._world.channel(raw, self._ctx.guild))
        if kind == 8:
            return self._resolve_role(self._world.role(raw, self._ctx.guild))
        if kind == 9:
            try:
                return self._resolve_user(self._world.user(raw))
            except ValueError:
                return self._resolve_role(self._world.role(raw, self._ctx.guild))
        if kind == 11:
            if not isinstance(raw, AttachmentInput):
                raise TypeError(f"option {option['name']!r} takes an AttachmentInput")
            attachment = self._register_attachment(raw, self._ctx.channel.id)
            self.resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return attachment["id"]
        raise ValueError(f"option type {kind} is not supported")

    def _scalar(self, option: Mapping[str, Any], raw: Any) -> Any:
        kind, name = option["type"], option["name"]
        expected: dict[int, tuple[type, ...]] = {3: (str,), 4: (int,), 5: (bool,), 10: (int, float)}
        if not isinstance(raw, expected[kind]) or (kind != 5 and isinstance(raw, bool)):
            raise TypeError(f"option {name!r} (type {kind}) cannot take {raw!r}")
        choices = option.get("choices")
        if choices and raw not in [c["value"] for c in choices]:
            raise ValueError(f"option {name!r} only accepts {[c['value'] for c in choices]}")
        if (
            kind == 3
            and isinstance(raw, str)
            and not option.get("min_length", 0) <= len(raw) <= option.get("max_length", 6000)
        ):
            raise ValueError(f"option {name!r}: length {len(raw)} is outside the allowed range")
        if kind in (4, 10) and not option.get("min_value", -math.inf) <= raw <= option.get(
            "max_value", math.inf
        ):
            raise ValueError(f"option {name!r}: {raw} is outside the allowed range")
        return raw

    def _resolve_user(self, user: _User) -> str:
        key = str(user.id)
        self.resolved.setdefault("users", {})[key] = user.payload()
        member = self._ctx.guild.members.get(user.id)
        if member is not None:
            data = self._world.member_payload(self._ctx.guild, member, with_user=False)
            data["permissions"] = str(self._world.permissions(self._ctx.guild, member, self._ctx.channel))
            self.resolved.setdefault("members", {})[key] = data
        return key

    def _resolve_channel(self, option: Mapping[str, Any], channel: _Channel) -> str:
        allowed = option.get("channel_types")
        if allowed and channel.type not in allowed:
            raise ValueError(f"option {option['name']!r} accepts channel types {allowed}, not {channel.type}")
        data = self._world.channel_payload(channel)
        data["permissions"] = str(self._world.permissions(self._ctx.guild, self._ctx.member, channel))
        self.resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)

    def _resolve_role(self, role: _Role) -> str:
        self.resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)


def _find_component(components: Any, custom_id: str) -> dict[str, Any] | None:
    return next((c for c in _iter_components(components) if c.get("custom_id") == custom_id), None)


def _modal_submit_components(
    components: Any, values: Mapping[str, Any], used: set[str]
) -> list[dict[str, Any]]:
    """Mirror a modal's layout the way Discord reports a submission: rows and labels kept, inputs filled."""
    submitted: list[dict[str, Any]] = []
    for component in components if isinstance(components, list) else []:
        kind = component.get("type")
        base = {"type": kind} | ({"id": component["id"]} if "id" in component else {})
        if kind == 1:
            submitted.append(
                base | {"components": _modal_submit_components(component.get("components"), values, used)}
            )
        elif kind == 18:
            inner = _modal_submit_components([component.get("component") or {}], values, used)
            submitted.append(base | {"component": inner[0]} if inner else base)
        elif isinstance(component.get("custom_id"), str):
            custom_id = component["custom_id"]
            used.add(custom_id)
            value = values.get(custom_id, component.get("value", "") if kind == 4 else [])
            key = "values" if isinstance(value, list | tuple) else "value"
            submitted.append(
                base | {"custom_id": custom_id, key: list(value) if key == "values" else str(value)}
            )
        elif kind == 10:
            submitted.append(base)
    return submitted


# --------------------------------------------------------------------------------------------------------------
# Gateway
# --------------------------------------------------------------------------------------------------------------


class _Link:
    """One open websocket. Sends are serialised because dispatches come from test code and handlers alike."""

    def __init__(self, ws: web.WebSocketResponse, info: GatewayConnection) -> None:
        self.ws = ws
        self.info = info
        self._lock = asyncio.Lock()

    async def send(self, payload: Mapping[str, Any]) -> bool:
        if self.ws.closed:
            return False
        async with self._lock:
            try:
                await self.ws.send_str(json.dumps(payload))
            except (ConnectionError, RuntimeError):
                return False
        self.info.frames_sent += 1
        return True

    async def close(self, code: int, message: str) -> None:
        await self.ws.close(code=code, message=message.encode())


class _Session:
    """A gateway session: survives its websocket so that a RESUME can replay what was missed."""

    def __init__(self, session_id: str, intents: int, shard: tuple[int, int] | None, link: _Link) -> None:
        self.id = session_id
        self.intents = intents
        self.shard = shard
        self.link: _Link | None = link
        self.seq = 0
        self.sent: deque[dict[str, Any]] = deque(maxlen=1000)

    def covers(self, guild_id: int) -> bool:
        return self.shard is None or (guild_id >> 22) % self.shard[1] == self.shard[0]

    async def dispatch(self, event: str, data: Any) -> None:
        self.seq += 1
        payload = {"op": Op.DISPATCH, "t": event, "s": self.seq, "d": data}
        self.sent.append(payload)
        if self.link is not None:
            await self.link.send(payload)


class _Abort(Exception):
    """Raised by a handler to answer with an error response straight away."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
RECORD_KEY = web.RequestKey("standin_record", Record)
BAD_JSON_KEY = web.RequestKey("standin_bad_json", bool)


# --------------------------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------------------------


class DiscordStandin:
    """An aiohttp server on 127.0.0.1 that speaks enough of Discord's REST API and gateway for discord.py."""

    def __init__(
        self,
        guilds: Sequence[GuildSpec] = (GuildSpec(),),
        *,
        users: Sequence[UserSpec] = DEFAULT_USERS,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "briefbot",
        interaction_deadline: float = 3.0,
        token_lifetime: float = 900.0,
        heartbeat_interval: float = 41.25,
        allow_privileged_intents: bool = True,
        application_flags: int = 0,
        shard_count: int = 1,
        max_upload_size: int = 10 * 1024 * 1024,
        nonce_window: float = 300.0,
    ) -> None:
        if not guilds or not users:
            raise ValueError("the stand-in needs at least one guild and one user")
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.heartbeat_interval = heartbeat_interval
        self.allow_privileged_intents = allow_privileged_intents
        self.application_flags = application_flags
        self.shard_count = shard_count
        self.max_upload_size = max_upload_size
        # Discord remembers a message nonce sent with enforce_nonce "for a few minutes" (unpublished).
        self.nonce_window = nonce_window
        self._ids = SnowflakeGenerator()
        self.world = World(self._ids, guilds, users, bot_username)

        self.records: list[Record] = []
        self.violations: list[Violation] = []
        self.messages: dict[int, StoredMessage] = {}
        self.command_syncs: list[CommandSync] = []
        self.gateway_connections: list[GatewayConnection] = []
        self.heartbeats = 0
        self.faults: list[Fault] = []
        self.rate_limits: dict[int, ChannelRateLimit] = {}
        # Called with (record, phase) as each REST request is "received" and once it is "handled" (the answer
        # is ready, not yet sent): lets a test act at an exact point, e.g. kill the client mid-request.
        self.request_hooks: list[Callable[[Record, str], None]] = []
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}  # (author, nonce) -> (message, monotonic)

        self._commands: dict[int | None, list[dict[str, Any]]] = {}
        self._interactions: dict[int, _Interaction] = {}
        self._by_token: dict[str, _Interaction] = {}
        self._modals: dict[str, _OpenModal] = {}
        self._attachments: dict[int, tuple[str, bytes]] = {}
        self._sessions: dict[str, _Session] = {}
        self._links: set[_Link] = set()
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # ---- lifecycle ----------------------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        for method, path, handler in self._routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_get(GATEWAY_PATH, self._h_gateway)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._h_attachment)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for link in list(self._links):
            await link.close(1001, "stand-in shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandin:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the stand-in is not running")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What `discord.http.Route.BASE` should be."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` should be (the client appends ?v=10&encoding=json&compress=…)."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    def patched(self) -> contextlib.AbstractContextManager[None]:
        """Point discord.py at this stand-in for the duration of a `with` block."""
        return patch_discord(self.api_url, self.gateway_url)

    # ---- inspection ---------------------------------------------------------------------------------------------

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user_id(self) -> int:
        return self.world.bot.id

    def guild_id(self, ref: int | str | None = None) -> int:
        return self.world.guild(ref).id

    def channel_id(self, ref: int | str | None = None, guild: int | str | None = None) -> int:
        return self.world.channel(ref, self.world.guild(guild) if guild is not None else None).id

    def user_id(self, ref: int | str | UserSpec | None = None) -> int:
        return self.world.user(ref).id

    def role_id(self, ref: int | str, guild: int | str | None = None) -> int:
        return self.world.role(ref, self.world.guild(guild)).id

    def registered_commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """Commands as stored after registration (with ids); `None` for global ones."""
        return copy.deepcopy(self._commands.get(guild_id, []))

    def channel_messages(self, channel: int | str) -> list[StoredMessage]:
        """Non-ephemeral, undeleted messages in a channel, oldest first."""
        channel_id = self.channel_id(channel)
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and not m.deleted and not m.ephemeral
        ]

    def find_records(
        self, *, method: str | None = None, route: str | None = None, status: int | None = None
    ) -> list[Record]:
        """Records filtered by method, route template (e.g. "/channels/{channel_id}/messages") and status."""
        return [
            r
            for r in self.records
            if (method is None or r.method == method.upper())
            and (route is None or r.route == route)
            and (status is None or r.status == status)
        ]

    def interaction_latencies(self) -> list[float]:
        """Dispatch → accepted callback, in seconds, for every acknowledged interaction."""
        return [i.ack.received_at - i.dispatched_at for i in self._interactions.values() if i.ack is not None]

    def assert_no_violations(self) -> None:
        if self.violations:
            raise AssertionError(
                "Discord stand-in violations:\n" + "\n".join(str(v) for v in self.violations)
            )

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5.0,
        *,
        describe: Callable[[], str] | None = None,
    ) -> T:
        """Wait until `predicate()` returns something truthy; return it.

        The predicate is re-checked whenever the stand-in's own state changes (a request or a gateway event), so
        it should look at stand-in state; bot-side state is better awaited with the bot's own events.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                detail = describe() if describe is not None else "condition not met"
                raise InteractionFailed(f"timed out after {timeout}s: {detail}")
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    # ---- fault and limit injection ------------------------------------------------------------------------------

    def inject_fault(
        self,
        status: int | None = None,
        *,
        path: str | None = None,
        method: str | None = None,
        channel_id: int | str | None = None,
        delay: float = 0.0,
        times: int | None = 1,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float = 0.05,
        after_handling: bool = False,
    ) -> Fault:
        r"""Queue a failure (and/or a delay) for requests matching a path regex, a method and/or a channel.

        `path` is searched in the request path after `/api/v10` (e.g. r"^/channels/\d+/messages$", "/callback$");
        `channel_id` (id or name) also matches interaction callbacks and follow-ups made in that channel.

        Default bodies: 403 Missing Access (50001), 404 Unknown Channel (10003), 429 with a `Via` header and
        `retry_after`, 500 JSON, 502/503/504 as the text Cloudflare or Envoy would send. `times=None` repeats
        until `clear_faults()`. `after_handling=True` handles the request first (e.g. creates the message) and
        then answers with the failure.
        """
        fault = Fault(
            status=status,
            path=re.compile(path) if path is not None else None,
            method=method,
            channel_id=self.channel_id(channel_id) if channel_id is not None else None,
            delay=delay,
            times=times,
            body=body,
            headers=dict(headers or {}),
            retry_after=retry_after,
            after_handling=after_handling,
        )
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        self.faults.clear()

    def rate_limit_channel(
        self,
        channel: int | str,
        limit: int,
        window: float,
        *,
        advertise: bool = True,
        is_global: bool = False,
    ) -> ChannelRateLimit:
        """Allow `limit` message creations per `window` seconds in a channel, answering 429 beyond that."""
        rate_limit = ChannelRateLimit(self.channel_id(channel), limit, window, advertise, is_global)
        self.rate_limits[rate_limit.channel_id] = rate_limit
        return rate_limit

    def clear_rate_limits(self) -> None:
        self.rate_limits.clear()

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        """Date new ids (hence messages, as `snowflake_time` reads them) by `clock`, e.g. a test's fake clock."""
        self._ids.clock = lambda: clock().timestamp()

    # ---- driving the bot ----------------------------------------------------------------------------------------

    async def dispatch_slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        guild_id: int | str | None = None,
        channel_id: int | str | None = None,
        user: int | str | UserSpec | None = None,
        subcommand: str | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Send an APPLICATION_COMMAND interaction for a registered slash command.

        `options` maps option names to Python values (users, channels and roles by id or name, attachments as
        `AttachmentInput`); `subcommand` is "sub" or "group sub". Ids and names are accepted for guild/channel.
        """
        ctx = self._context(guild_id, channel_id, user)
        data = self._command_data(name, ctx, options or {}, subcommand, focused=None)
        return await self._dispatch(InteractionType.APPLICATION_COMMAND, ctx, data, locale)

    async def dispatch_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        guild_id: int | str | None = None,
        channel_id: int | str | None = None,
        user: int | str | UserSpec | None = None,
        subcommand: str | None = None,
        locale: str = "en-US",
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Send an AUTOCOMPLETE interaction with `focused` as the option being typed; return the choices."""
        ctx = self._context(guild_id, channel_id, user)
        data = self._command_data(name, ctx, options or {}, subcommand, focused=focused)
        handle = await self._dispatch(InteractionType.AUTOCOMPLETE, ctx, data, locale)
        record = await handle.response(timeout)
        if not record.ok:
            raise InteractionFailed(f"autocomplete response rejected: {record.status} {record.response}")
        return list(handle.choices or [])

    async def dispatch_component(
        self,
        message: StoredMessage | int,
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        user: int | str | UserSpec | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Click a button (or pick `values` in a select) on a message the bot sent earlier."""
        stored = message if isinstance(message, StoredMessage) else self.messages[message]
        component = _find_component(stored.components, custom_id)
        if component is None:
            raise ValueError(f"message {stored.id} has no component with custom_id {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled; Discord would not let a user use it")
        ctx = self._context(stored.guild_id, stored.channel_id, user)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] in SELECT_TYPES:
            data["values"] = [str(v) for v in values or []]
        return await self._dispatch(InteractionType.MESSAGE_COMPONENT, ctx, data, locale, source=stored)

    async def dispatch_modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, Any],
        *,
        user: int | str | UserSpec | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """Submit the modal the bot last opened with `custom_id`; `values` maps input custom_ids to text."""
        opened = self._modals.get(custom_id)
        if opened is None:
            raise ValueError(f"the bot never opened a modal with custom_id {custom_id!r}")
        used: set[str] = set()
        components = _modal_submit_components(opened.data.get("components"), values, used)
        if set(values) - used:
            raise ValueError(f"modal {custom_id!r} has no inputs {sorted(set(values) - used)}")
        origin = opened.interaction
        ctx = self._context(origin.guild_id, origin.channel_id, user if user is not None else origin.user_id)
        source = self.messages.get(origin.source_message_id or 0)
        data = {"custom_id": custom_id, "components": components}
        return await self._dispatch(InteractionType.MODAL_SUBMIT, ctx, data, locale, source=source)

    async def send_user_message(
        self,
        content: str,
        *,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
        user: int | str | UserSpec | None = None,
    ) -> StoredMessage:
        """A member posts a message: MESSAGE_CREATE goes to sessions with the GUILD_MESSAGES intent.

        As on Discord, its content is blanked for sessions without MESSAGE_CONTENT unless it mentions the bot.
        """
        ctx = self._context(guild_id, channel_id, user)
        message = self._new_message(ctx.channel.id, ctx.guild.id, author=ctx.member.user.payload())
        message.content = content
        message.history.append({"at": time.perf_counter(), "payload": {"content": content}, "files": []})
        self._set_pings(message)
        await self._emit_message("MESSAGE_CREATE", message)
        return message

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT on every open connection; discord.py reconnects and RESUMEs."""
        for session in self._sessions.values():
            if session.link is not None:
                await session.link.send({"op": Op.RECONNECT, "d": None})

    # ---- interaction plumbing -----------------------------------------------------------------------------------

    def _context(
        self,
        guild_ref: int | str | None,
        channel_ref: int | str | None,
        user_ref: int | str | UserSpec | None,
    ) -> _Context:
        if guild_ref is None and channel_ref is not None:
            guild = self.world.guilds[self.world.channel(channel_ref).guild_id]
        else:
            guild = self.world.guild(guild_ref)
        channel = self.world.channel(channel_ref, guild)
        return _Context(guild, channel, self.world.member(guild, self.world.user(user_ref)))

    def _find_command(self, name: str, guild_id: int) -> tuple[dict[str, Any], int | None]:
        for scope in (guild_id, None):
            for command in self._commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command, scope
        known = sorted({c["name"] for scope in (guild_id, None) for c in self._commands.get(scope, [])})
        raise LookupError(
            f"no slash command {name!r} is registered (has the bot synced?); registered: {known}"
        )

    def _command_data(
        self,
        name: str,
        ctx: _Context,
        values: Mapping[str, Any],
        subcommand: str | None,
        *,
        focused: str | None,
    ) -> dict[str, Any]:
        command, scope = self._find_command(name, ctx.guild.id)
        builder = _OptionBuilder(self.world, ctx, self._register_option_attachment, focused)
        options = builder.build(command, values, subcommand)
        data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1}
        if scope is not None:
            data["guild_id"] = str(scope)
        if options:
            data["options"] = options
        if builder.resolved:
            data["resolved"] = builder.resolved
        return data

    async def _dispatch(
        self,
        kind: int,
        ctx: _Context,
        data: dict[str, Any],
        locale: str,
        *,
        source: StoredMessage | None = None,
    ) -> InteractionHandle:
        state = _Interaction(
            id=self._ids.next(),
            token=f"aW50ZXJhY3Rpb24{secrets.token_urlsafe(48)}",
            type=kind,
            guild_id=ctx.guild.id,
            channel_id=ctx.channel.id,
            user_id=ctx.member.user.id,
            source_message_id=None if source is None else source.id,
        )
        state.payload = self._interaction_payload(state, ctx, data, locale, source)
        session = self._session_for(ctx.guild.id)
        self._interactions[state.id] = state
        self._by_token[state.token] = state
        state.dispatched_at = time.perf_counter()
        await session.dispatch("INTERACTION_CREATE", state.payload)
        return InteractionHandle(self, state)

    def _interaction_payload(
        self,
        state: _Interaction,
        ctx: _Context,
        data: dict[str, Any],
        locale: str,
        source: StoredMessage | None,
    ) -> dict[str, Any]:
        guild, channel, member = ctx.guild, ctx.channel, ctx.member
        permissions = str(self.world.permissions(guild, member, channel))
        payload: dict[str, Any] = {
            "id": str(state.id),
            "application_id": str(self.application_id),
            "type": state.type,
            "data": data,
            "token": state.token,
            "version": 1,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": guild.locale, "features": []},
            "channel_id": str(channel.id),
            "channel": self.world.channel_payload(channel) | {"permissions": permissions},
            "member": self.world.member_payload(guild, member) | {"permissions": permissions},
            "app_permissions": str(self.world.bot_permissions(channel)),
            "locale": locale,
            "guild_locale": guild.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": self.max_upload_size,
        }
        if source is not None:
            payload["message"] = source.to_payload()
        return payload

    def _register_option_attachment(self, attachment: AttachmentInput, channel_id: int) -> dict[str, Any]:
        upload = UploadedFile("option", attachment.filename, attachment.data, attachment.content_type)
        return self._store_attachment(channel_id, upload, {}) | {"ephemeral": True}

    def _interaction_metadata(self, state: _Interaction) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "id": str(state.id),
            "type": state.type,
            "user": self.world.user(state.user_id).payload(),
            "authorizing_integration_owners": {"0": str(state.guild_id)},
        }
        if state.type == InteractionType.APPLICATION_COMMAND:
            metadata |= {"name": state.payload["data"]["name"], "command_type": 1}
        if state.source_message_id is not None:
            metadata["interacted_message_id"] = str(state.source_message_id)
        return metadata

    # ---- gateway ------------------------------------------------------------------------------------------------

    def _session_for(self, guild_id: int) -> _Session:
        sessions = self._live_sessions(guild_id)
        if not sessions:
            raise RuntimeError("no gateway session covers this guild: is the bot connected?")
        return sessions[-1]

    def _live_sessions(self, guild_id: int) -> list[_Session]:
        return [s for s in self._sessions.values() if s.covers(guild_id)]

    async def _h_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        link = _Link(ws, GatewayConnection(query=dict(request.query), opened_at=time.perf_counter()))
        self.gateway_connections.append(link.info)
        self._links.add(link)
        session: _Session | None = None
        try:
            hello = {"heartbeat_interval": int(self.heartbeat_interval * 1000), "_trace": ["discord-standin"]}
            await link.send({"op": Op.HELLO, "s": None, "t": None, "d": hello})
            async for frame in ws:
                if frame.type is not aiohttp.WSMsgType.TEXT:
                    await link.close(4002, "Error while decoding payload.")
                    break
                try:
                    payload = json.loads(frame.data)
                except ValueError:
                    await link.close(4002, "Error while decoding payload.")
                    break
                session = await self._on_gateway_payload(link, session, payload)
        finally:
            self._links.discard(link)
            link.info.closed_at, link.info.close_code = time.perf_counter(), ws.close_code
            if session is not None and session.link is link:
                session.link = None
            self._notify()
        return ws

    async def _on_gateway_payload(
        self, link: _Link, session: _Session | None, payload: Any
    ) -> _Session | None:
        op = payload.get("op") if isinstance(payload, dict) else None
        data = payload.get("d") if isinstance(payload, dict) else None
        link.info.received_ops.append(op if isinstance(op, int) else -1)
        if op == Op.HEARTBEAT:
            self.heartbeats += 1
            await link.send({"op": Op.HEARTBEAT_ACK, "s": None, "t": None, "d": None})
            return session
        if op == Op.IDENTIFY:
            return await self._identify(link, session, data if isinstance(data, dict) else {})
        if op == Op.RESUME:
            return await self._resume(link, data if isinstance(data, dict) else {})
        if session is None:
            await link.close(4003, "Not authenticated.")
            return None
        if op == Op.REQUEST_GUILD_MEMBERS:
            await self._send_member_chunks(session, data if isinstance(data, dict) else {})
        elif op not in (Op.PRESENCE_UPDATE, Op.VOICE_STATE_UPDATE):
            await link.close(4001, "Unknown opcode.")
        return session

    async def _identify(self, link: _Link, session: _Session | None, data: dict[str, Any]) -> _Session | None:
        if session is not None:
            await link.close(4005, "Already authenticated.")
            return session
        if data.get("token") != self.token:
            await link.close(4004, "Authentication failed.")
            return None
        intents = int(data.get("intents") or 0)
        if intents & Intent.PRIVILEGED and not self.allow_privileged_intents:
            await link.close(4014, "Disallowed intent(s).")
            return None
        shard = (int(data["shard"][0]), int(data["shard"][1])) if data.get("shard") else None
        if shard is not None and (shard[1] != self.shard_count or not 0 <= shard[0] < shard[1]):
            await link.close(4010, "Invalid shard.")
            return None
        link.info.identify = {k: v for k, v in data.items() if k != "token"}
        # A fresh IDENTIFY for the same shard replaces any older session.
        self._sessions = {k: s for k, s in self._sessions.items() if s.shard != shard}
        session = _Session(secrets.token_hex(16), intents, shard, link)
        self._sessions[session.id] = session
        await session.dispatch("READY", self._ready_payload(session))
        if intents & Intent.GUILDS:
            for guild in self.world.guilds.values():
                if session.covers(guild.id):
                    # Without GUILD_PRESENCES, Discord lists only the bot (and voice members) in GUILD_CREATE.
                    all_members = bool(intents & Intent.GUILD_PRESENCES)
                    await session.dispatch(
                        "GUILD_CREATE", self.world.guild_create_payload(guild, all_members=all_members)
                    )
        self._notify()
        return session

    def _ready_payload(self, session: _Session) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "v": 10,
            "user": self.world.client_user_payload(),
            "guilds": [
                {"id": str(g.id), "unavailable": True}
                for g in self.world.guilds.values()
                if session.covers(g.id)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": self.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "_trace": ["discord-standin"],
        }
        if session.shard is not None:
            payload["shard"] = list(session.shard)
        return payload

    async def _resume(self, link: _Link, data: dict[str, Any]) -> _Session | None:
        session = self._sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.token:
            await link.send({"op": Op.INVALID_SESSION, "s": None, "t": None, "d": False})
            return None
        session.link = link
        link.info.resumed = True
        last_seen = _to_int(data.get("seq")) or 0
        for payload in list(session.sent):
            if payload["s"] > last_seen:
                await link.send(payload)
        await session.dispatch("RESUMED", {"_trace": ["discord-standin"]})
        self._notify()
        return session

    async def _send_member_chunks(self, session: _Session, data: dict[str, Any]) -> None:
        raw = data.get("guild_id")
        guild_ids = raw if isinstance(raw, list) else [raw]
        query = str(data.get("query") or "").lower()
        wanted = {int(u) for u in data.get("user_ids") or []}
        for guild_id in guild_ids:
            guild = self.world.guilds.get(_to_int(guild_id) or 0)
            if guild is None:
                continue
            members = [
                m
                for m in guild.members.values()
                if (not wanted or m.user.id in wanted) and m.user.username.lower().startswith(query)
            ]
            if data.get("limit"):
                members = members[: int(data["limit"])]
            chunk = {
                "guild_id": str(guild.id),
                "members": [self.world.member_payload(guild, m) for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [str(u) for u in wanted - {m.user.id for m in members}],
                "nonce": data.get("nonce"),
            }
            await session.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    # ---- REST plumbing ------------------------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        record = await self._open_record(request)
        self._run_hooks(record, "received")
        try:
            response = await self._respond(request, record, handler)
        except _Abort as abort:
            response = abort.response
        self._run_hooks(record, "handled")
        self._close_record(record, response)
        return response

    def _run_hooks(self, record: Record, phase: str) -> None:
        for hook in list(self.request_hooks):
            hook(record, phase)

    async def _open_record(self, request: web.Request) -> Record:
        payload, files, bad_json = await _read_body(request)
        match = request.match_info
        resource = match.route.resource if match.http_exception is None else None
        route = resource.canonical if resource is not None else request.path
        record = Record(
            seq=len(self.records) + 1,
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            route=route.removeprefix(API_PREFIX),
            query=dict(request.query),
            json=payload,
            files=files,
            received_at=time.perf_counter(),
        )
        request[RECORD_KEY], request[BAD_JSON_KEY] = record, bad_json
        if match.http_exception is None:
            self._attach_context(record, match)
        self.records.append(record)
        return record

    def _attach_context(self, record: Record, match: Mapping[str, str]) -> None:
        record.channel_id = _to_int(match.get("channel_id"))
        record.message_id = _to_int(match.get("message_id"))
        state = None
        if "token" in match:
            state = self._by_token.get(match["token"])
        if state is not None:
            record.interaction_id, record.dispatched_at = state.id, state.dispatched_at
            record.channel_id = state.channel_id

    def _close_record(self, record: Record, response: web.StreamResponse) -> None:
        record.status = response.status
        record.responded_at = time.perf_counter()
        body = getattr(response, "body", None)
        if isinstance(body, bytes) and body:
            try:
                record.response = json.loads(body)
            except ValueError:
                record.response = body.decode(errors="replace")
        self._notify()

    async def _respond(self, request: web.Request, record: Record, handler: Handler) -> web.StreamResponse:
        failure = request.match_info.http_exception
        if failure is not None:
            error = METHOD_NOT_ALLOWED if failure.status == 405 else NOT_FOUND
            detail = f"the stand-in does not model {record.method} {record.path}"
            return self._violation(record, "unknown_route", failure.status, error, detail)
        if request[BAD_JSON_KEY]:
            return self._violation(record, "invalid_json", 400, INVALID_JSON, "body is not valid JSON")
        needs_auth = not record.route.startswith(("/webhooks/", "/interactions/"))
        if needs_auth and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._fail(401, UNAUTHORIZED)
        fault = self._take_fault(record)
        if fault is not None:
            record.fault = fault.describe()
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.after_handling and fault.status is not None:
                with contextlib.suppress(_Abort):
                    await self._rate_limited(request, record, handler)
                return fault.response()
            if fault.status is not None:
                return fault.response()
        return await self._rate_limited(request, record, handler)

    async def _rate_limited(
        self, request: web.Request, record: Record, handler: Handler
    ) -> web.StreamResponse:
        is_send = record.method == "POST" and record.route == "/channels/{channel_id}/messages"
        limit = self.rate_limits.get(record.channel_id or 0) if is_send else None
        if limit is None:
            return await handler(request)
        retry_after = limit.take(time.monotonic())
        if retry_after is not None:
            return limit.response(retry_after, time.monotonic())
        response = await handler(request)
        if limit.advertise:
            response.headers.update(limit.headers(time.monotonic()))
        return response

    def _take_fault(self, record: Record) -> Fault | None:
        for fault in self.faults:
            if fault.matches(record.method, record.path, record.channel_id):
                fault.hits += 1
                return fault
        return None

    def _fail(self, status: int, error: tuple[int, str]) -> web.Response:
        """An error the bot may legitimately meet (missing channel, permissions): not a violation."""
        return _json(_error_body(error), status=status)

    def _violation(
        self,
        record: Record,
        kind: str,
        status: int,
        error: tuple[int, str],
        detail: str,
        errors: dict[str, Any] | None = None,
    ) -> web.Response:
        """An error real Discord would give for something the bot got wrong; kept for `assert_no_violations`."""
        self.violations.append(Violation(kind, record.method, record.path, detail, errors, record.seq))
        return _json(_error_body(error, errors), status=status)

    def _invalid(self, record: Record, errors: Sequence[FieldError]) -> web.Response:
        detail = "; ".join(str(e) for e in errors)
        return self._violation(record, "validation", 400, INVALID_FORM_BODY, detail, errors_tree(errors))

    def _routes(self) -> list[tuple[str, str, Handler]]:
        commands = "/applications/{application_id}/commands"
        guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        message = "/channels/{channel_id}/messages/{message_id}"
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self._h_me),
            ("GET", "/oauth2/applications/@me", self._h_application),
            ("GET", "/applications/@me", self._h_application),
            ("GET", "/gateway", self._h_gateway_info),
            ("GET", "/gateway/bot", self._h_gateway_bot),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._h_callback),
            ("POST", "/webhooks/{application_id}/{token}", self._h_followup),
            ("GET", webhook_message, self._h_get_webhook_message),
            ("PATCH", webhook_message, self._h_edit_webhook_message),
            ("DELETE", webhook_message, self._h_delete_webhook_message),
            ("GET", "/channels/{channel_id}", self._h_get_channel),
            ("GET", "/channels/{channel_id}/messages", self._h_list_messages),
            ("POST", "/channels/{channel_id}/messages", self._h_create_message),
            ("GET", message, self._h_get_message),
            ("PATCH", message, self._h_edit_message),
            ("DELETE", message, self._h_delete_message),
            ("POST", "/channels/{channel_id}/typing", self._h_typing),
            ("GET", "/guilds/{guild_id}", self._h_get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._h_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._h_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._h_guild_member),
        ]
        for base in (commands, guild_commands):
            routes += [
                ("GET", base, self._h_list_commands),
                ("PUT", base, self._h_bulk_commands),
                ("POST", base, self._h_create_command),
                ("GET", base + "/{command_id}", self._h_get_command),
                ("PATCH", base + "/{command_id}", self._h_edit_command),
                ("DELETE", base + "/{command_id}", self._h_delete_command),
            ]
        return routes

    # ---- REST: identity, gateway discovery, guilds ------------------------------------------------------------------

    async def _h_me(self, request: web.Request) -> web.StreamResponse:
        return _json(self.world.client_user_payload())

    async def _h_application(self, request: web.Request) -> web.StreamResponse:
        return _json(self.world.application_payload(self.application_flags))

    async def _h_gateway_info(self, request: web.Request) -> web.StreamResponse:
        return _json({"url": self.gateway_url})

    async def _h_gateway_bot(self, request: web.Request) -> web.StreamResponse:
        limits = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": self.shard_count, "session_start_limit": limits})

    def _guild(self, request: web.Request) -> _Guild:
        guild = self.world.guilds.get(_to_int(request.match_info["guild_id"]) or 0)
        if guild is None:
            raise _Abort(self._fail(404, UNKNOWN_GUILD))
        return guild

    async def _h_get_guild(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        payload = self.world.guild_payload(guild)
        if request.query.get("with_counts", "").lower() in ("1", "true"):
            payload |= {"approximate_member_count": guild.member_count, "approximate_presence_count": 0}
        return _json(payload)

    async def _h_guild_channels(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        return _json([self.world.channel_payload(c) for c in guild.channels.values() if not c.is_thread])

    async def _h_guild_roles(self, request: web.Request) -> web.StreamResponse:
        return _json([r.payload() for r in self._guild(request).roles.values()])

    async def _h_guild_member(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        member = guild.members.get(_to_int(request.match_info["user_id"]) or 0)
        if member is None:
            return self._fail(404, UNKNOWN_MEMBER)
        return _json(self.world.member_payload(guild, member))

    async def _h_attachment(self, request: web.Request) -> web.StreamResponse:
        stored = self._attachments.get(_to_int(request.match_info["attachment_id"]) or 0)
        if stored is None:
            raise web.HTTPNotFound()
        content_type, data = stored
        return web.Response(body=data, content_type=content_type)

    # ---- REST: application commands ---------------------------------------------------------------------------

    def _command_scope(self, request: web.Request) -> int | None:
        match = request.match_info
        if _to_int(match["application_id"]) != self.application_id:
            raise _Abort(self._fail(404, UNKNOWN_APPLICATION))
        if "guild_id" not in match:
            return None
        guild_id = _to_int(match["guild_id"])
        if guild_id not in self.world.guilds:
            # What Discord answers when the bot is not in the guild (or lacks the applications.commands scope).
            raise _Abort(self._fail(403, MISSING_ACCESS))
        return guild_id

    def _command_object(
        self, scope: int | None, payload: Mapping[str, Any], previous: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        # Discord keeps a command's id across overwrites as long as its name and type stay the same.
        command: dict[str, Any] = {
            "id": previous["id"] if previous else str(self._ids.next()),
            "application_id": str(self.application_id),
            "version": str(self._ids.next()),
            "type": payload.get("type", 1),
            "name": payload["name"],
            "name_localizations": payload.get("name_localizations"),
            "description": payload.get("description", ""),
            "description_localizations": payload.get("description_localizations"),
            "default_member_permissions": payload.get("default_member_permissions"),
            "dm_permission": payload.get("dm_permission", True),
            "contexts": payload.get("contexts"),
            "integration_types": payload.get("integration_types") or [0],
            "nsfw": payload.get("nsfw", False),
            "options": copy.deepcopy(payload.get("options") or []),
        }
        if scope is not None:
            command["guild_id"] = str(scope)
        return command

    def _log_sync(self, request: web.Request, scope: int | None) -> Record:
        record = request[RECORD_KEY]
        self.command_syncs.append(CommandSync(scope, record.method, copy.deepcopy(record.json), record))
        return record

    def _registration_error(self, record: Record, errors: Sequence[FieldError]) -> web.Response:
        detail = "; ".join(str(e) for e in errors)
        return self._violation(
            record, "command_registration", 400, INVALID_FORM_BODY, detail, errors_tree(errors)
        )

    async def _h_list_commands(self, request: web.Request) -> web.StreamResponse:
        return _json(self._commands.get(self._command_scope(request), []))

    async def _h_bulk_commands(self, request: web.Request) -> web.StreamResponse:
        scope = self._command_scope(request)
        record = self._log_sync(request, scope)
        errors = validate_commands(record.json)
        if errors:
            return self._registration_error(record, errors)
        previous = {(c["type"], c["name"]): c for c in self._commands.get(scope, [])}
        self._commands[scope] = [
            self._command_object(scope, p, previous.get((p.get("type", 1), p["name"]))) for p in record.json
        ]
        return _json(self._commands[scope])

    async def _h_create_command(self, request: web.Request) -> web.StreamResponse:
        scope = self._command_scope(request)
        record = self._log_sync(request, scope)
        errors = validate_command(record.json)
        if errors:
            return self._registration_error(record, errors)
        payload, existing = record.json, self._commands.setdefault(scope, [])
        kind = payload.get("type", 1)
        previous = next((c for c in existing if (c["type"], c["name"]) == (kind, payload["name"])), None)
        if previous is None and sum(c["type"] == kind for c in existing) >= COMMAND_LIMITS[kind]:
            too_many = FieldError(
                (),
                "APPLICATION_COMMANDS_TOO_MANY",
                f"Maximum number of type {kind} application commands reached",
            )
            return self._registration_error(record, [too_many])
        command = self._command_object(scope, payload, previous)
        if previous is None:
            existing.append(command)
        else:
            existing[existing.index(previous)] = command
        return _json(command, status=200 if previous else 201)

    def _stored_command(self, request: web.Request) -> tuple[int | None, dict[str, Any]]:
        scope = self._command_scope(request)
        for command in self._commands.get(scope, []):
            if command["id"] == request.match_info["command_id"]:
                return scope, command
        raise _Abort(self._fail(404, UNKNOWN_COMMAND))

    async def _h_get_command(self, request: web.Request) -> web.StreamResponse:
        return _json(self._stored_command(request)[1])

    async def _h_edit_command(self, request: web.Request) -> web.StreamResponse:
        scope, command = self._stored_command(request)
        record = self._log_sync(request, scope)
        server_side = ("id", "application_id", "version", "guild_id")
        merged = {k: v for k, v in command.items() if k not in server_side} | (record.json or {})
        errors = validate_command(merged)
        if errors:
            return self._registration_error(record, errors)
        stored = self._commands[scope]
        stored[stored.index(command)] = updated = self._command_object(scope, merged, command)
        return _json(updated)

    async def _h_delete_command(self, request: web.Request) -> web.StreamResponse:
        scope, command = self._stored_command(request)
        self._commands[scope].remove(command)
        return web.Response(status=204)

    # ---- REST: interaction callbacks ----------------------------------------------------------------------------

    async def _h_callback(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._interactions.get(_to_int(request.match_info["interaction_id"]) or 0)
        if state is None or state.token != request.match_info["token"]:
            detail = "callback for an interaction the stand-in never dispatched"
            return self._violation(record, "unknown_interaction", 404, UNKNOWN_INTERACTION, detail)
        state.attempts.append(record)
        self._check_callback_timing(record, state)
        payload: dict[str, Any] = record.json if isinstance(record.json, dict) else {}
        kind = payload.get("type")
        data: dict[str, Any] = payload["data"] if isinstance(payload.get("data"), dict) else {}
        self._check_callback(record, state, kind, data)
        assert isinstance(kind, int)  # _check_callback rejected anything but a callback type
        resource = await self._apply_callback(state, kind, data, record)
        state.ack, state.callback_type = record, kind
        if record.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return _json({"interaction": self._callback_interaction(state), "resource": resource})

    def _check_callback_timing(self, record: Record, state: _Interaction) -> None:
        if state.ack is not None:
            detail = f"interaction {state.id} was already acknowledged"
            raise _Abort(self._violation(record, "double_ack", 400, ALREADY_ACKNOWLEDGED, detail))
        elapsed = time.perf_counter() - state.dispatched_at
        if elapsed > self.interaction_deadline:
            detail = f"callback arrived {elapsed:.3f}s after dispatch; the deadline is {self.interaction_deadline}s"
            raise _Abort(self._violation(record, "deadline", 404, UNKNOWN_INTERACTION, detail))

    def _check_callback(self, record: Record, state: _Interaction, kind: Any, data: dict[str, Any]) -> None:
        allowed = _CALLBACKS_FOR.get(state.type, frozenset())
        if state.source_message_id is None:
            allowed -= {CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE}
        if kind not in allowed:
            message = f"Callback type {kind} is not valid for interaction type {state.type}"
            raise _Abort(
                self._invalid(record, [FieldError(("type",), "INTERACTION_CALLBACK_TYPE_INVALID", message)])
            )
        if kind == CallbackType.CHANNEL_MESSAGE:
            self._check_message(record, data, record.files, existing=None, path=("data",))
        elif kind == CallbackType.UPDATE_MESSAGE:
            source = self.messages[state.source_message_id or 0]
            self._check_message(record, data, record.files, existing=source, path=("data",))
        elif kind == CallbackType.AUTOCOMPLETE_RESULT:
            errors = validate_choices(data.get("choices"))
            if errors:
                raise _Abort(self._invalid(record, errors))
        elif kind == CallbackType.MODAL:
            errors = validate_modal(data)
            if errors:
                raise _Abort(self._invalid(record, errors))

    async def _apply_callback(
        self, state: _Interaction, kind: int, data: dict[str, Any], record: Record
    ) -> dict[str, Any]:
        if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            loading = kind == CallbackType.DEFERRED_CHANNEL_MESSAGE
            message = self._interaction_message(state, data, record.files, loading=loading)
            state.original_message_id = record.message_id = message.id
            await self._emit_message("MESSAGE_CREATE", message)
            return {"type": kind, "message": message.to_payload()}
        if kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            source = self.messages[state.source_message_id or 0]
            state.original_message_id = record.message_id = source.id
            if kind == CallbackType.DEFERRED_UPDATE_MESSAGE:
                return {"type": kind}
            self._apply_payload(source, data, record.files, creating=False)
            await self._emit_message("MESSAGE_UPDATE", source)
            return {"type": kind, "message": source.to_payload()}
        if kind == CallbackType.AUTOCOMPLETE_RESULT:
            state.choices = list(data.get("choices") or [])
        elif kind == CallbackType.MODAL:
            self._modals[str(data["custom_id"])] = _OpenModal(copy.deepcopy(data), state)
        return {"type": kind}

    def _callback_interaction(self, state: _Interaction) -> dict[str, Any]:
        original = self.messages.get(state.original_message_id or 0)
        data: dict[str, Any] = {
            "id": str(state.id),
            "type": state.type,
            "response_message_loading": bool(original and original.loading),
            "response_message_ephemeral": bool(original and original.ephemeral),
        }
        if original is not None:
            data["response_message_id"] = str(original.id)
        return data

    # ---- REST: interaction webhooks (follow-ups and @original) -------------------------------------------------------

    def _webhook_state(self, request: web.Request) -> _Interaction:
        record = request[RECORD_KEY]
        if _to_int(request.match_info["application_id"]) != self.application_id:
            raise _Abort(self._fail(404, UNKNOWN_WEBHOOK))
        state = self._by_token.get(request.match_info["token"])
        if state is None:
            raise _Abort(self._fail(401, INVALID_WEBHOOK_TOKEN))
        if time.perf_counter() - state.dispatched_at > self.token_lifetime:
            detail = "interaction token used after it expired"
            raise _Abort(self._violation(record, "expired_token", 401, INVALID_WEBHOOK_TOKEN, detail))
        if state.ack is None:
            detail = f"interaction {state.id} has not been acknowledged"
            raise _Abort(self._violation(record, "unacknowledged", 404, UNKNOWN_WEBHOOK, detail))
        return state

    def _webhook_message(self, request: web.Request, state: _Interaction) -> StoredMessage:
        ref = request.match_info["message_id"]
        message_id = state.original_message_id if ref == "@original" else _to_int(ref)
        belongs = message_id is not None and (
            message_id == state.original_message_id or message_id in state.message_ids
        )
        message = self.messages.get(message_id or 0) if belongs else None
        if message is None or message.deleted:
            raise _Abort(self._fail(404, UNKNOWN_MESSAGE))
        return message

    async def _h_followup(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._webhook_state(request)
        payload = record.json if isinstance(record.json, dict) else {}
        original = self.messages.get(state.original_message_id or 0)
        if original is not None and original.loading and not original.deleted:
            # Documented legacy behaviour: the first follow-up after a deferred response fills in the loading
            # message instead of creating a new one, keeping the defer's ephemeral state. Once the loading
            # message is deleted there is nothing to fill in, and a follow-up is a new message with its own flags.
            self._check_message(record, payload, record.files, existing=original)
            self._complete_loading(original, payload, record.files)
            message, event = original, "MESSAGE_UPDATE"
        else:
            self._check_message(record, payload, record.files, existing=None)
            message, event = self._interaction_message(state, payload, record.files), "MESSAGE_CREATE"
        record.message_id = message.id
        await self._emit_message(event, message)
        if record.query.get("wait", "").lower() in ("1", "true"):
            return _json(message.to_payload())
        return web.Response(status=204)

    async def _h_get_webhook_message(self, request: web.Request) -> web.StreamResponse:
        state = self._webhook_state(request)
        return _json(self._webhook_message(request, state).to_payload())

    async def _h_edit_webhook_message(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._webhook_state(request)
        message = self._webhook_message(request, state)
        payload = record.json if isinstance(record.json, dict) else {}
        self._check_message(record, payload, record.files, existing=message)
        if message.loading:
            self._complete_loading(message, payload, record.files)
        else:
            self._apply_payload(message, payload, record.files, creating=False)
        record.message_id = message.id
        await self._emit_message("MESSAGE_UPDATE", message)
        return _json(message.to_payload())

    async def _h_delete_webhook_message(self, request: web.Request) -> web.StreamResponse:
        state = self._webhook_state(request)
        message = self._webhook_message(request, state)
        message.deleted = True
        await self._emit_message("MESSAGE_DELETE", message)
        return web.Response(status=204)

    # ---- REST: channels and messages --------------------------------------------------------------------------------

    def _channel(self, request: web.Request) -> _Channel:
        channel = self.world.channels.get(_to_int(request.match_info["channel_id"]) or 0)
        if channel is None:
            raise _Abort(self._fail(404, UNKNOWN_CHANNEL))
        if not self.world.bot_permissions(channel) & Perm.VIEW_CHANNEL:
            raise _Abort(self._fail(403, MISSING_ACCESS))
        return channel

    def _channel_message(self, request: web.Request, channel: _Channel) -> StoredMessage:
        message = self.messages.get(_to_int(request.match_info["message_id"]) or 0)
        if message is None or message.deleted or message.ephemeral or message.channel_id != channel.id:
            raise _Abort(self._fail(404, UNKNOWN_MESSAGE))
        return message

    async def _h_get_channel(self, request: web.Request) -> web.StreamResponse:
        return _json(self.world.channel_payload(self._channel(request)))

    async def _h_list_messages(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        if not self.world.bot_permissions(channel) & Perm.READ_MESSAGE_HISTORY:
            return _json([])  # as Discord does: no error, just no messages
        limit = min(100, max(1, _to_int(request.query.get("limit")) or 50))
        before, after = _to_int(request.query.get("before")), _to_int(request.query.get("after"))
        found = [
            m
            for m in self.channel_messages(channel.id)
            if (before is None or m.id < before) and (after is None or m.id > after)
        ]
        found.sort(key=lambda m: m.id, reverse=True)
        return _json([m.to_payload() for m in found[:limit]])

    async def _h_create_message(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        channel = self._channel(request)
        if channel.type not in MESSAGEABLE_TYPES:
            detail = f"channel {channel.name!r} (type {channel.type}) cannot hold messages"
            return self._violation(record, "non_text_channel", 400, NON_TEXT_CHANNEL, detail)
        denial = self._send_denial(channel, record.files)
        if denial is not None:
            return self._fail(403, denial)
        payload = record.json if isinstance(record.json, dict) else {}
        self._check_message(record, payload, record.files, existing=None)
        nonce = payload.get("nonce")
        nonce_key = (
            (self.world.bot.id, str(nonce)) if nonce is not None and payload.get("enforce_nonce") else None
        )
        if nonce_key is not None:
            known = self._nonces.get(nonce_key)
            if known is not None and time.monotonic() - known[1] < self.nonce_window:
                # The same nonce again: Discord answers with the message it already created.
                first = self.messages[known[0]]
                record.message_id = first.id
                return _json(first.to_payload() | {"nonce": str(nonce)})
        message = self._new_message(channel.id, channel.guild_id, author=self.world.bot.payload())
        self._apply_payload(message, payload, record.files, creating=True)
        # Only interaction responses can be ephemeral.
        message.flags &= ~MessageFlag.EPHEMERAL
        self._set_pings(message)
        record.message_id = message.id
        if nonce_key is not None:
            self._nonces[nonce_key] = (message.id, time.monotonic())
        await self._emit_message("MESSAGE_CREATE", message)
        created = message.to_payload()
        return _json(created | {"nonce": str(nonce)} if nonce is not None else created)

    async def _h_get_message(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        return _json(self._channel_message(request, channel).to_payload())

    async def _h_edit_message(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        channel = self._channel(request)
        message = self._channel_message(request, channel)
        if _to_int(message.author["id"]) != self.world.bot.id:
            return self._fail(403, CANNOT_EDIT_OTHERS)
        payload = record.json if isinstance(record.json, dict) else {}
        self._check_message(record, payload, record.files, existing=message)
        self._apply_payload(message, payload, record.files, creating=False)
        await self._emit_message("MESSAGE_UPDATE", message)
        return _json(message.to_payload())

    async def _h_delete_message(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        message = self._channel_message(request, channel)
        own = _to_int(message.author["id"]) == self.world.bot.id
        if not own and not self.world.bot_permissions(channel) & Perm.MANAGE_MESSAGES:
            return self._fail(403, MISSING_PERMISSIONS)
        message.deleted = True
        await self._emit_message("MESSAGE_DELETE", message)
        return web.Response(status=204)

    async def _h_typing(self, request: web.Request) -> web.StreamResponse:
        self._channel(request)
        return web.Response(status=204)

    # ---- messages ---------------------------------------------------------------------------------------------------

    def _send_denial(self, channel: _Channel, files: Sequence[UploadedFile]) -> tuple[int, str] | None:
        permissions = self.world.bot_permissions(channel)
        needed = Perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else Perm.SEND_MESSAGES
        if not permissions & needed or (files and not permissions & Perm.ATTACH_FILES):
            return MISSING_PERMISSIONS
        return None

    def _check_message(
        self,
        record: Record,
        payload: Mapping[str, Any],
        files: Sequence[UploadedFile],
        *,
        existing: StoredMessage | None,
        path: Path = (),
    ) -> None:
        """Validate a create/edit body; raise the error response Discord would give."""
        errors = validate_message(payload, path)
        if len(files) > 10:
            errors.append(
                FieldError((*path, "attachments"), "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
            )
        if errors:
            raise _Abort(self._invalid(record, errors))
        too_big = [f.filename for f in files if len(f.data) > self.max_upload_size]
        if too_big:
            detail = f"{too_big} exceed the {self.max_upload_size}-byte upload limit"
            raise _Abort(self._violation(record, "file_too_large", 413, ENTITY_TOO_LARGE, detail))
        if _would_be_empty(existing, payload, files):
            raise _Abort(
                self._violation(record, "empty_message", 400, EMPTY_MESSAGE, "message would have no content")
            )

    def _new_message(
        self,
        channel_id: int,
        guild_id: int | None,
        *,
        author: dict[str, Any],
        kind: int = 0,
        interaction: _Interaction | None = None,
    ) -> StoredMessage:
        message = StoredMessage(self._ids.next(), channel_id, guild_id, author, _now_iso(), type=kind)
        if interaction is not None:
            message.interaction_id = interaction.id
            message.webhook_id = message.application_id = self.application_id
            message.interaction_metadata = self._interaction_metadata(interaction)
        self.messages[message.id] = message
        channel = self.world.channels.get(channel_id)
        if channel is not None:
            channel.last_message_id = message.id
        return message

    def _interaction_message(
        self,
        state: _Interaction,
        payload: Mapping[str, Any],
        files: Sequence[UploadedFile],
        *,
        loading: bool = False,
    ) -> StoredMessage:
        kind = 20 if state.type == InteractionType.APPLICATION_COMMAND else 0
        message = self._new_message(
            state.channel_id, state.guild_id, author=self.world.bot.payload(), kind=kind, interaction=state
        )
        if loading:
            message.flags = MessageFlag.LOADING | (int(payload.get("flags") or 0) & MessageFlag.EPHEMERAL)
            message.history.append({"at": time.perf_counter(), "payload": dict(payload), "files": []})
        else:
            self._apply_payload(message, payload, files, creating=True)
            self._set_pings(message)
        state.message_ids.append(message.id)
        return message

    def _apply_payload(
        self,
        message: StoredMessage,
        payload: Mapping[str, Any],
        files: Sequence[UploadedFile],
        *,
        creating: bool,
    ) -> None:
        if "content" in payload:
            message.content = payload["content"] or ""
        for key in ("embeds", "components"):
            if key in payload:
                setattr(message, key, copy.deepcopy(payload[key] or []))
        flags = payload.get("flags")
        if flags is not None and creating:
            message.flags = int(flags) & ~MessageFlag.LOADING
        elif flags is not None:
            # Of the flags, an edit can only toggle SUPPRESS_EMBEDS.
            toggled = int(flags) & MessageFlag.SUPPRESS_EMBEDS
            message.flags = (message.flags & ~MessageFlag.SUPPRESS_EMBEDS) | toggled
        if "allowed_mentions" in payload:
            message.allowed_mentions = payload["allowed_mentions"]
        if creating and payload.get("message_reference"):
            message.message_reference = dict(payload["message_reference"])
            message.type = 19 if message.type == 0 else message.type
        message.attachments = self._merge_attachments(message, payload, files)
        message.files.extend(files)
        message.history.append(
            {
                "at": time.perf_counter(),
                "payload": copy.deepcopy(dict(payload)),
                "files": [f.filename for f in files],
            }
        )
        if not creating:
            message.edited_at = _now_iso()

    def _complete_loading(
        self, message: StoredMessage, payload: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> None:
        """Fill in a deferred response; it notifies like a new message, so pings are computed now."""
        self._apply_payload(message, payload, files, creating=False)
        message.flags &= ~MessageFlag.LOADING
        message.edited_at = None
        self._set_pings(message)

    def _merge_attachments(
        self, message: StoredMessage, payload: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> list[dict[str, Any]]:
        if "attachments" not in payload:
            return message.attachments + [self._store_attachment(message.channel_id, f, {}) for f in files]
        # discord.py lists kept attachments by id and new uploads as {"id": index} matching "files[index]".
        kept = {a["id"]: a for a in message.attachments}
        uploads = {f.field: f for f in files}
        merged = []
        for item in payload.get("attachments") or []:
            item_id = str(item.get("id"))
            if item_id in kept:
                merged.append(kept[item_id])
            elif f"files[{item_id}]" in uploads:
                merged.append(self._store_attachment(message.channel_id, uploads[f"files[{item_id}]"], item))
        return merged

    def _store_attachment(
        self, channel_id: int, upload: UploadedFile, meta: Mapping[str, Any]
    ) -> dict[str, Any]:
        attachment_id = self._ids.next()
        filename = str(meta.get("filename") or upload.filename)
        content_type = upload.content_type or "application/octet-stream"
        self._attachments[attachment_id] = (content_type, upload.data)
        url = str(yarl.URL(self.base_url) / "attachments" / str(channel_id) / str(attachment_id) / filename)
        return {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
            "description": meta.get("description"),
            "flags": 0,
        }

    def _set_pings(self, message: StoredMessage) -> None:
        if message.ephemeral:
            return
        replied_user = None
        reference = message.message_reference or {}
        target = self.messages.get(_to_int(reference.get("message_id")) or 0)
        if target is not None and _to_int(target.author["id"]) != self.world.bot.id:
            replied_user = _to_int(target.author["id"])
        pings = compute_pings(message.content, message.allowed_mentions, replied_user)
        message.pinged_user_ids, message.pinged_role_ids = pings.user_ids, pings.role_ids
        message.pings_everyone = pings.everyone
        known = {u.id: u for u in self.world.all_users()}
        message.mentions = [known[u].payload() for u in pings.user_ids if u in known]

    async def _emit_message(self, event: str, message: StoredMessage) -> None:
        """MESSAGE_CREATE/UPDATE/DELETE to sessions with GUILD_MESSAGES (never for ephemeral messages)."""
        if message.ephemeral or message.guild_id is None:
            return
        for session in self._live_sessions(message.guild_id):
            if session.intents & Intent.GUILD_MESSAGES:
                await session.dispatch(event, self._message_event(event, message, session))

    def _message_event(self, event: str, message: StoredMessage, session: _Session) -> dict[str, Any]:
        ids = {
            "id": str(message.id),
            "channel_id": str(message.channel_id),
            "guild_id": str(message.guild_id),
        }
        if event == "MESSAGE_DELETE":
            return ids
        data = message.to_payload() | ids
        guild = self.world.guilds[message.guild_id or 0]
        member = guild.members.get(_to_int(message.author["id"]) or 0)
        if member is not None and message.webhook_id is None:
            data["member"] = self.world.member_payload(guild, member, with_user=False)
        bot_id = str(self.world.bot.id)
        readable = (
            session.intents & Intent.MESSAGE_CONTENT
            or message.author["id"] == bot_id
            or bot_id in _USER_MENTION.findall(message.content)
        )
        if not readable:
            data |= {"content": "", "embeds": [], "attachments": [], "components": []}
        return data


def _would_be_empty(
    existing: StoredMessage | None, payload: Mapping[str, Any], files: Sequence[UploadedFile]
) -> bool:
    def current(key: str, default: Any) -> Any:
        return payload.get(key, default)

    content = current("content", existing.content if existing else "")
    embeds = current("embeds", existing.embeds if existing else [])
    components = current("components", existing.components if existing else [])
    attachments = current("attachments", existing.attachments if existing else [])
    extras = payload.get("sticker_ids") or payload.get("poll")
    return not (content or embeds or components or attachments or files or extras)


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile], bool]:
    """(payload, uploaded files, whether the JSON was malformed) for JSON and multipart bodies alike."""
    if request.content_type == "multipart/form-data":
        form = await request.post()
        payload, files = None, []
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files.append(UploadedFile(name, value.filename, value.file.read(), value.content_type))
            elif name == "payload_json":
                try:
                    payload = json.loads(str(value))
                except ValueError:
                    return None, files, True
        return payload, files, False
    if not request.body_exists:
        return None, [], False
    text = await request.text()
    if not text:
        return None, [], False
    try:
        return json.loads(text), [], False
    except ValueError:
        return None, [], True


# --------------------------------------------------------------------------------------------------------------
# Helpers for tests and benchmarks
# --------------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def patch_discord(api_base: str, gateway: str) -> Iterator[None]:
    """Point discord.py's REST base and default gateway elsewhere, restoring both afterwards."""
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


@contextlib.asynccontextmanager
async def running_standin(
    guilds: Sequence[GuildSpec] = (GuildSpec(),), **options: Any
) -> AsyncIterator[DiscordStandin]:
    """Start a stand-in on an ephemeral 127.0.0.1 port for the duration of an `async with` block."""
    standin = DiscordStandin(guilds, **options)
    await standin.start()
    try:
        yield standin
    finally:
        await standin.stop()


async def sync_commands(
    bot: discord.Client, standin: DiscordStandin
) -> dict[int, list[discord.app_commands.AppCommand]]:
    """Copy the bot's global app commands to every stand-in guild and sync them there."""
    tree: discord.app_commands.CommandTree[Any] | None = getattr(bot, "tree", None)
    if tree is None:
        raise TypeError("the client has no command tree (use commands.Bot or set .tree)")
    synced = {}
    for guild_id in standin.world.guilds:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        synced[guild_id] = await tree.sync(guild=guild)
    return synced


@contextlib.asynccontextmanager
async def connected_bot(
    bot: ClientT, standin: DiscordStandin, *, timeout: float = 10.0, sync: bool = False
) -> AsyncIterator[ClientT]:
    """Log `bot` in against the stand-in, wait for on_ready (optionally sync commands), and close it cleanly.

    The bot should be built with a small `guild_ready_timeout` (e.g. 0.05): discord.py waits that long after the
    last GUILD_CREATE before it is ready. An error that ends the bot's connection is re-raised on exit.
    """
    with standin.patched():
        runner: asyncio.Task[None] | None = None
        try:
            await bot.login(standin.token)
            runner = asyncio.create_task(bot.connect(reconnect=True), name="standin-bot-connect")
            await _wait_until_ready(bot, runner, timeout)
            if sync:
                await sync_commands(bot, standin)
            yield bot
        except BaseException:
            await _shut_down(bot, runner, timeout, surface=False)
            raise
        await _shut_down(bot, runner, timeout, surface=True)


async def _wait_until_ready(bot: discord.Client, runner: asyncio.Task[None], timeout: float) -> None:
    ready = asyncio.create_task(bot.wait_until_ready(), name="standin-bot-ready")
    try:
        done, _ = await asyncio.wait({ready, runner}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        ready.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ready
    if runner in done:
        runner.result()
        raise RuntimeError("the bot's connection ended before it became ready")
    if not done:
        raise TimeoutError(f"the bot was not ready within {timeout}s")


async def _shut_down(
    bot: discord.Client, runner: asyncio.Task[None] | None, timeout: float, *, surface: bool
) -> None:
    await bot.close()
    if runner is None:
        return
    done, _ = await asyncio.wait({runner}, timeout=timeout)
    if not done:
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
        if surface:
            raise TimeoutError(f"the bot's connection did not end within {timeout}s of close()")
    elif surface and not runner.cancelled():
        runner.result()
