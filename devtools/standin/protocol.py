"""Discord's vocabulary as the stand-in speaks it: gateway opcodes, channel, interaction and callback types,
permission and intent bits, message flags, the error codes Discord answers with, and snowflake ids."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
DISCORD_EPOCH_MS = 1_420_070_400_000
DEFAULT_TOKEN = "standin-bot-token"
# discord.py retries these (429 with a Via header, and 5xx) rather than surfacing them.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 524})


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


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def to_int(value: Any) -> int | None:
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
