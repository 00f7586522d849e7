"""REST plumbing: recording each request, auth, faults and rate limits, violations; identity, gateway discovery
and guild routes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web

from devtools.standin.base import StandinState
from devtools.standin.faults import Fault
from devtools.standin.http_io import (
    BAD_JSON_KEY,
    RECORD_KEY,
    Abort,
    Handler,
    error_body,
    json_response,
    read_body,
)
from devtools.standin.protocol import (
    API_PREFIX,
    INVALID_FORM_BODY,
    INVALID_JSON,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    UNKNOWN_GUILD,
    UNKNOWN_MEMBER,
    to_int,
)
from devtools.standin.records import Record, Violation
from devtools.standin.validation import FieldError, errors_tree
from devtools.standin.world import Guild


class RestPlumbing(StandinState):
    """Every REST request goes through `_middleware`: recorded, checked, maybe failed, then handled."""

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        record = await self._open_record(request)
        self._run_hooks(record, "received")
        try:
            response = await self._respond(request, record, handler)
        except Abort as abort:
            response = abort.response
        self._run_hooks(record, "handled")
        self._close_record(record, response)
        return response

    def _run_hooks(self, record: Record, phase: str) -> None:
        for hook in list(self.request_hooks):
            hook(record, phase)

    async def _open_record(self, request: web.Request) -> Record:
        payload, files, bad_json = await read_body(request)
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
        record.channel_id = to_int(match.get("channel_id"))
        record.message_id = to_int(match.get("message_id"))
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
                with contextlib.suppress(Abort):
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
        return json_response(error_body(error), status=status)

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
        return json_response(error_body(error, errors), status=status)

    def _invalid(self, record: Record, errors: Sequence[FieldError]) -> web.Response:
        detail = "; ".join(str(e) for e in errors)
        return self._violation(record, "validation", 400, INVALID_FORM_BODY, detail, errors_tree(errors))

    # ---- REST: identity, gateway discovery, guilds ------------------------------------------------------------------

    async def _h_me(self, request: web.Request) -> web.StreamResponse:
        return json_response(self.world.client_user_payload())

    async def _h_application(self, request: web.Request) -> web.StreamResponse:
        return json_response(self.world.application_payload(self.application_flags))

    async def _h_gateway_info(self, request: web.Request) -> web.StreamResponse:
        return json_response({"url": self.gateway_url})

    async def _h_gateway_bot(self, request: web.Request) -> web.StreamResponse:
        limits = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        return json_response(
            {"url": self.gateway_url, "shards": self.shard_count, "session_start_limit": limits}
        )

    def _guild(self, request: web.Request) -> Guild:
        guild = self.world.guilds.get(to_int(request.match_info["guild_id"]) or 0)
        if guild is None:
            raise Abort(self._fail(404, UNKNOWN_GUILD))
        return guild

    async def _h_get_guild(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        payload = self.world.guild_payload(guild)
        if request.query.get("with_counts", "").lower() in ("1", "true"):
            payload |= {"approximate_member_count": guild.member_count, "approximate_presence_count": 0}
        return json_response(payload)

    async def _h_guild_channels(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        return json_response(
            [self.world.channel_payload(c) for c in guild.channels.values() if not c.is_thread]
        )

    async def _h_guild_roles(self, request: web.Request) -> web.StreamResponse:
        return json_response([r.payload() for r in self._guild(request).roles.values()])

    async def _h_guild_member(self, request: web.Request) -> web.StreamResponse:
        guild = self._guild(request)
        member = guild.members.get(to_int(request.match_info["user_id"]) or 0)
        if member is None:
            return self._fail(404, UNKNOWN_MEMBER)
        return json_response(self.world.member_payload(guild, member))

    async def _h_attachment(self, request: web.Request) -> web.StreamResponse:
        stored = self._attachments.get(to_int(request.match_info["attachment_id"]) or 0)
        if stored is None:
            raise web.HTTPNotFound()
        content_type, data = stored
        return web.Response(body=data, content_type=content_type)
