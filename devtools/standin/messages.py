"""Messages: validating, creating and editing them, attachments, pings, and the channel message routes."""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping, Sequence
from typing import Any

import yarl
from aiohttp import web

from devtools.standin.gateway import Gateway
from devtools.standin.http_io import RECORD_KEY, Abort, json_response
from devtools.standin.interactions import InteractionState
from devtools.standin.mentions import compute_pings
from devtools.standin.protocol import (
    CANNOT_EDIT_OTHERS,
    EMPTY_MESSAGE,
    ENTITY_TOO_LARGE,
    MESSAGEABLE_TYPES,
    MISSING_ACCESS,
    MISSING_PERMISSIONS,
    NON_TEXT_CHANNEL,
    UNKNOWN_CHANNEL,
    UNKNOWN_MESSAGE,
    InteractionType,
    MessageFlag,
    Perm,
    now_iso,
    to_int,
)
from devtools.standin.records import Record, StoredMessage, UploadedFile
from devtools.standin.rest import RestPlumbing
from devtools.standin.validation import FieldError, Path, validate_message
from devtools.standin.world import Channel


class MessageRoutes(RestPlumbing, Gateway):
    """Channel message routes and the message bookkeeping that interaction responses share."""

    def _channel(self, request: web.Request) -> Channel:
        channel = self.world.channels.get(to_int(request.match_info["channel_id"]) or 0)
        if channel is None:
            raise Abort(self._fail(404, UNKNOWN_CHANNEL))
        if not self.world.bot_permissions(channel) & Perm.VIEW_CHANNEL:
            raise Abort(self._fail(403, MISSING_ACCESS))
        return channel

    def _channel_message(self, request: web.Request, channel: Channel) -> StoredMessage:
        message = self.messages.get(to_int(request.match_info["message_id"]) or 0)
        if message is None or message.deleted or message.ephemeral or message.channel_id != channel.id:
            raise Abort(self._fail(404, UNKNOWN_MESSAGE))
        return message

    async def _h_get_channel(self, request: web.Request) -> web.StreamResponse:
        return json_response(self.world.channel_payload(self._channel(request)))

    async def _h_list_messages(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        if not self.world.bot_permissions(channel) & Perm.READ_MESSAGE_HISTORY:
            return json_response([])  # as Discord does: no error, just no messages
        limit = min(100, max(1, to_int(request.query.get("limit")) or 50))
        before, after = to_int(request.query.get("before")), to_int(request.query.get("after"))
        found = [
            m
            for m in self.channel_messages(channel.id)
            if (before is None or m.id < before) and (after is None or m.id > after)
        ]
        found.sort(key=lambda m: m.id, reverse=True)
        return json_response([m.to_payload() for m in found[:limit]])

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
                return json_response(first.to_payload() | {"nonce": str(nonce)})
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
        return json_response(created | {"nonce": str(nonce)} if nonce is not None else created)

    async def _h_get_message(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        return json_response(self._channel_message(request, channel).to_payload())

    async def _h_edit_message(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        channel = self._channel(request)
        message = self._channel_message(request, channel)
        if to_int(message.author["id"]) != self.world.bot.id:
            return self._fail(403, CANNOT_EDIT_OTHERS)
        payload = record.json if isinstance(record.json, dict) else {}
        self._check_message(record, payload, record.files, existing=message)
        self._apply_payload(message, payload, record.files, creating=False)
        await self._emit_message("MESSAGE_UPDATE", message)
        return json_response(message.to_payload())

    async def _h_delete_message(self, request: web.Request) -> web.StreamResponse:
        channel = self._channel(request)
        message = self._channel_message(request, channel)
        own = to_int(message.author["id"]) == self.world.bot.id
        if not own and not self.world.bot_permissions(channel) & Perm.MANAGE_MESSAGES:
            return self._fail(403, MISSING_PERMISSIONS)
        message.deleted = True
        await self._emit_message("MESSAGE_DELETE", message)
        return web.Response(status=204)

    async def _h_typing(self, request: web.Request) -> web.StreamResponse:
        self._channel(request)
        return web.Response(status=204)

    # ---- messages ---------------------------------------------------------------------------------------------------

    def _send_denial(self, channel: Channel, files: Sequence[UploadedFile]) -> tuple[int, str] | None:
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
            raise Abort(self._invalid(record, errors))
        too_big = [f.filename for f in files if len(f.data) > self.max_upload_size]
        if too_big:
            detail = f"{too_big} exceed the {self.max_upload_size}-byte upload limit"
            raise Abort(self._violation(record, "file_too_large", 413, ENTITY_TOO_LARGE, detail))
        if would_be_empty(existing, payload, files):
            raise Abort(
                self._violation(record, "empty_message", 400, EMPTY_MESSAGE, "message would have no content")
            )

    def _new_message(
        self,
        channel_id: int,
        guild_id: int | None,
        *,
        author: dict[str, Any],
        kind: int = 0,
        interaction: InteractionState | None = None,
    ) -> StoredMessage:
        message = StoredMessage(self._ids.next(), channel_id, guild_id, author, now_iso(), type=kind)
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
        state: InteractionState,
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
            message.edited_at = now_iso()

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
        target = self.messages.get(to_int(reference.get("message_id")) or 0)
        if target is not None and to_int(target.author["id"]) != self.world.bot.id:
            replied_user = to_int(target.author["id"])
        pings = compute_pings(message.content, message.allowed_mentions, replied_user)
        message.pinged_user_ids, message.pinged_role_ids = pings.user_ids, pings.role_ids
        message.pings_everyone = pings.everyone
        known = {u.id: u for u in self.world.all_users()}
        message.mentions = [known[u].payload() for u in pings.user_ids if u in known]

    def _interaction_metadata(self, state: InteractionState) -> dict[str, Any]:
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


def would_be_empty(
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
