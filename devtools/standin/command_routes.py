"""REST routes for application command registration (global and per guild)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from devtools.standin.command_validation import COMMAND_LIMITS, validate_command, validate_commands
from devtools.standin.http_io import RECORD_KEY, Abort, json_response
from devtools.standin.protocol import (
    INVALID_FORM_BODY,
    MISSING_ACCESS,
    UNKNOWN_APPLICATION,
    UNKNOWN_COMMAND,
    to_int,
)
from devtools.standin.records import CommandSync, Record
from devtools.standin.rest import RestPlumbing
from devtools.standin.validation import FieldError, errors_tree


class CommandRoutes(RestPlumbing):
    """List, bulk-overwrite, create, fetch, edit and delete application commands."""

    def _command_scope(self, request: web.Request) -> int | None:
        match = request.match_info
        if to_int(match["application_id"]) != self.application_id:
            raise Abort(self._fail(404, UNKNOWN_APPLICATION))
        if "guild_id" not in match:
            return None
        guild_id = to_int(match["guild_id"])
        if guild_id not in self.world.guilds:
            # What Discord answers when the bot is not in the guild (or lacks the applications.commands scope).
            raise Abort(self._fail(403, MISSING_ACCESS))
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
        return json_response(self._commands.get(self._command_scope(request), []))

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
        return json_response(self._commands[scope])

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
        return json_response(command, status=200 if previous else 201)

    def _stored_command(self, request: web.Request) -> tuple[int | None, dict[str, Any]]:
        scope = self._command_scope(request)
        for command in self._commands.get(scope, []):
            if command["id"] == request.match_info["command_id"]:
                return scope, command
        raise Abort(self._fail(404, UNKNOWN_COMMAND))

    async def _h_get_command(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._stored_command(request)[1])

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
        return json_response(updated)

    async def _h_delete_command(self, request: web.Request) -> web.StreamResponse:
        scope, command = self._stored_command(request)
        self._commands[scope].remove(command)
        return web.Response(status=204)
