"""Driving the bot: dispatching slash commands, autocomplete, component clicks, modal submits and user messages."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping, Sequence
from typing import Any

from devtools.standin.handle import InteractionHandle
from devtools.standin.interactions import (
    DispatchContext,
    InteractionFailed,
    InteractionState,
    OptionBuilder,
    find_component,
    modal_submit_components,
)
from devtools.standin.messages import MessageRoutes
from devtools.standin.protocol import InteractionType, Op
from devtools.standin.records import StoredMessage, UploadedFile
from devtools.standin.specs import AttachmentInput, UserSpec
from devtools.standin.validation import SELECT_TYPES


class Driving(MessageRoutes):
    """What a test does to make the bot act: each call sends an event over the gateway."""

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
        component = find_component(stored.components, custom_id)
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
        components = modal_submit_components(opened.data.get("components"), values, used)
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
    ) -> DispatchContext:
        if guild_ref is None and channel_ref is not None:
            guild = self.world.guilds[self.world.channel(channel_ref).guild_id]
        else:
            guild = self.world.guild(guild_ref)
        channel = self.world.channel(channel_ref, guild)
        return DispatchContext(guild, channel, self.world.member(guild, self.world.user(user_ref)))

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
        ctx: DispatchContext,
        values: Mapping[str, Any],
        subcommand: str | None,
        *,
        focused: str | None,
    ) -> dict[str, Any]:
        command, scope = self._find_command(name, ctx.guild.id)
        builder = OptionBuilder(self.world, ctx, self._register_option_attachment, focused)
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
        ctx: DispatchContext,
        data: dict[str, Any],
        locale: str,
        *,
        source: StoredMessage | None = None,
    ) -> InteractionHandle:
        state = InteractionState(
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
        state: InteractionState,
        ctx: DispatchContext,
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
