"""The world: users, guilds, channels and roles built from the specs, permissions, and their Discord payloads."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from devtools.standin.protocol import THREAD_TYPES, ChannelType, Perm, SnowflakeGenerator, now_iso
from devtools.standin.specs import ChannelSpec, GuildSpec, UserSpec


@dataclass(eq=False, slots=True)
class User:
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
class Role:
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
class Channel:
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
class Member:
    user: User
    role_ids: list[int]
    joined_at: str


@dataclass(eq=False, slots=True)
class Guild:
    id: int
    name: str
    locale: str
    owner_id: int
    roles: dict[int, Role]
    channels: dict[int, Channel]
    members: dict[int, Member]
    member_count: int
    created_at: str

    def text_channels(self) -> list[Channel]:
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
        self.bot = User(self.application_id, bot_username, bot=True)
        self.owner = User(ids.next(), "guild-owner", "Guild Owner")
        self.users = [User(u.id or ids.next(), u.username, u.global_name, u.bot) for u in users]
        self._user_specs = dict(zip((u.id for u in self.users), users, strict=True))
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        for spec in guilds:
            guild = self._build_guild(spec)
            self.guilds[guild.id] = guild
            self.channels.update(guild.channels)

    # ---- construction -----------------------------------------------------------------------------------------

    def _build_guild(self, spec: GuildSpec) -> Guild:
        guild_id = spec.id or self.ids.next()
        roles = self._build_roles(guild_id, spec)
        channels = self._build_channels(guild_id, spec.channels)
        joined = now_iso()
        by_name = {r.name: r.id for r in roles.values()}
        bot_role = next(r.id for r in roles.values() if r.bot_id is not None)
        members = {
            self.bot.id: Member(self.bot, [bot_role], joined),
            self.owner.id: Member(self.owner, [], joined),
        }
        for user in self.users:
            wanted = self._user_specs[user.id].roles
            members[user.id] = Member(user, [by_name[n] for n in wanted if n in by_name], joined)
        count = spec.member_count or len(members)
        return Guild(guild_id, spec.name, spec.locale, self.owner.id, roles, channels, members, count, joined)

    def _build_roles(self, guild_id: int, spec: GuildSpec) -> dict[int, Role]:
        # @everyone shares the guild's id, as on Discord.
        roles = [Role(guild_id, "@everyone", spec.everyone_permissions, 0)]
        for position, role in enumerate(spec.roles, start=1):
            roles.append(
                Role(
                    role.id or self.ids.next(),
                    role.name,
                    role.permissions,
                    position,
                    role.mentionable,
                    role.color,
                )
            )
        roles.append(
            Role(self.ids.next(), self.bot.username, spec.bot_permissions, len(roles), bot_id=self.bot.id)
        )
        return {r.id: r for r in roles}

    def _build_channels(self, guild_id: int, specs: Sequence[ChannelSpec]) -> dict[int, Channel]:
        channels = {
            s.name: Channel(s.id or self.ids.next(), guild_id, s, position)
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

    def all_users(self) -> list[User]:
        return [self.bot, self.owner, *self.users]

    def user(self, ref: int | str | UserSpec | None) -> User:
        if ref is None:
            return self.users[0]
        if isinstance(ref, UserSpec):
            ref = ref.id if ref.id is not None else ref.username
        for user in self.all_users():
            if ref in (user.id, user.username, str(user.id)):
                return user
        raise ValueError(f"unknown user {ref!r}; known: {[u.username for u in self.all_users()]}")

    def guild(self, ref: int | str | None) -> Guild:
        if ref is None:
            return next(iter(self.guilds.values()))
        for guild in self.guilds.values():
            if ref in (guild.id, guild.name, str(guild.id)):
                return guild
        raise ValueError(f"unknown guild {ref!r}")

    def channel(self, ref: int | str | None, guild: Guild | None = None) -> Channel:
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

    def role(self, ref: int | str, guild: Guild) -> Role:
        for role in guild.roles.values():
            if ref in (role.id, role.name, str(role.id)):
                return role
        raise ValueError(f"unknown role {ref!r} in guild {guild.name!r}")

    def member(self, guild: Guild, user: User) -> Member:
        try:
            return guild.members[user.id]
        except KeyError:
            raise ValueError(f"{user.username!r} is not a member of {guild.name!r}") from None

    # ---- permissions ------------------------------------------------------------------------------------------

    def permissions(self, guild: Guild, member: Member, channel: Channel | None = None) -> int:
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

    def bot_permissions(self, channel: Channel) -> int:
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

    def member_payload(self, guild: Guild, member: Member, *, with_user: bool = True) -> dict[str, Any]:
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

    def _overwrites(self, channel: Channel) -> list[dict[str, Any]]:
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

    def channel_payload(self, channel: Channel) -> dict[str, Any]:
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

    def _thread_fields(self, channel: Channel) -> dict[str, Any]:
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

    def guild_payload(self, guild: Guild) -> dict[str, Any]:
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

    def guild_create_payload(self, guild: Guild, *, all_members: bool) -> dict[str, Any]:
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
