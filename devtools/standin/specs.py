"""What a test configures: guilds, channels, roles, users and attachments."""

from __future__ import annotations

from dataclasses import dataclass

from devtools.standin.protocol import (
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    MODERATOR_PERMISSIONS,
    ChannelType,
)


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
