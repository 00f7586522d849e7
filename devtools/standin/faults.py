"""Fault and rate-limit injection: queued failures or delays, and per-channel rate limits."""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from devtools.standin.http_io import json_response

DEFAULT_FAULT_BODIES: dict[int, Any] = {
    400: {"message": "400: Bad Request", "code": 0},
    401: {"message": "401: Unauthorized", "code": 0},
    403: {"message": "Missing Access", "code": 50001},
    404: {"message": "Unknown Channel", "code": 10003},
    500: {"message": "500: Internal Server Error", "code": 0},
    502: "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>",
    503: "upstream connect error or disconnect/reset before headers. reset reason: overflow",
    504: "<html><head><title>504 Gateway Time-out</title></head><body>504 Gateway Time-out</body></html>",
}


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
            return json_response(body, status=429, headers=headers | self.headers)
        body = (
            self.body
            if self.body is not None
            else DEFAULT_FAULT_BODIES.get(self.status, {"message": "Error", "code": 0})
        )
        if isinstance(body, str):
            return web.Response(text=body, status=self.status, content_type="text/html", headers=self.headers)
        return json_response(body, status=self.status, headers=self.headers)


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
        return json_response(body, status=429, headers=headers)
