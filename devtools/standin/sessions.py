"""Gateway connections and sessions: a session survives its websocket so that a RESUME can replay what was missed."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from devtools.standin.protocol import Op
from devtools.standin.records import GatewayConnection


class Link:
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


class Session:
    """A gateway session: survives its websocket so that a RESUME can replay what was missed."""

    def __init__(self, session_id: str, intents: int, shard: tuple[int, int] | None, link: Link) -> None:
        self.id = session_id
        self.intents = intents
        self.shard = shard
        self.link: Link | None = link
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
