"""The gateway: websockets, sessions that survive them for RESUME, IDENTIFY/READY/GUILD_CREATE and the events
the stand-in dispatches."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import aiohttp
from aiohttp import web

from devtools.standin.base import StandinState
from devtools.standin.mentions import USER_MENTION
from devtools.standin.protocol import Intent, Op, to_int
from devtools.standin.records import GatewayConnection, StoredMessage
from devtools.standin.sessions import Link, Session


class Gateway(StandinState):
    """The websocket side: sessions, identify and resume, member chunks and message events."""

    def _session_for(self, guild_id: int) -> Session:
        sessions = self._live_sessions(guild_id)
        if not sessions:
            raise RuntimeError("no gateway session covers this guild: is the bot connected?")
        return sessions[-1]

    def _live_sessions(self, guild_id: int) -> list[Session]:
        return [s for s in self._sessions.values() if s.covers(guild_id)]

    async def _h_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        link = Link(ws, GatewayConnection(query=dict(request.query), opened_at=time.perf_counter()))
        self.gateway_connections.append(link.info)
        self._links.add(link)
        session: Session | None = None
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

    async def _on_gateway_payload(self, link: Link, session: Session | None, payload: Any) -> Session | None:
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

    async def _identify(self, link: Link, session: Session | None, data: dict[str, Any]) -> Session | None:
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
        session = Session(secrets.token_hex(16), intents, shard, link)
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

    def _ready_payload(self, session: Session) -> dict[str, Any]:
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

    async def _resume(self, link: Link, data: dict[str, Any]) -> Session | None:
        session = self._sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.token:
            await link.send({"op": Op.INVALID_SESSION, "s": None, "t": None, "d": False})
            return None
        session.link = link
        link.info.resumed = True
        last_seen = to_int(data.get("seq")) or 0
        for payload in list(session.sent):
            if payload["s"] > last_seen:
                await link.send(payload)
        await session.dispatch("RESUMED", {"_trace": ["discord-standin"]})
        self._notify()
        return session

    async def _send_member_chunks(self, session: Session, data: dict[str, Any]) -> None:
        raw = data.get("guild_id")
        guild_ids = raw if isinstance(raw, list) else [raw]
        query = str(data.get("query") or "").lower()
        wanted = {int(u) for u in data.get("user_ids") or []}
        for guild_id in guild_ids:
            guild = self.world.guilds.get(to_int(guild_id) or 0)
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

    async def _emit_message(self, event: str, message: StoredMessage) -> None:
        """MESSAGE_CREATE/UPDATE/DELETE to sessions with GUILD_MESSAGES (never for ephemeral messages)."""
        if message.ephemeral or message.guild_id is None:
            return
        for session in self._live_sessions(message.guild_id):
            if session.intents & Intent.GUILD_MESSAGES:
                await session.dispatch(event, self._message_event(event, message, session))

    def _message_event(self, event: str, message: StoredMessage, session: Session) -> dict[str, Any]:
        ids = {
            "id": str(message.id),
            "channel_id": str(message.channel_id),
            "guild_id": str(message.guild_id),
        }
        if event == "MESSAGE_DELETE":
            return ids
        data = message.to_payload() | ids
        guild = self.world.guilds[message.guild_id or 0]
        member = guild.members.get(to_int(message.author["id"]) or 0)
        if member is not None and message.webhook_id is None:
            data["member"] = self.world.member_payload(guild, member, with_user=False)
        bot_id = str(self.world.bot.id)
        readable = (
            session.intents & Intent.MESSAGE_CONTENT
            or message.author["id"] == bot_id
            or bot_id in USER_MENTION.findall(message.content)
        )
        if not readable:
            data |= {"content": "", "embeds": [], "attachments": [], "components": []}
        return data
