"""The stand-in's state and what a test does with it directly: inspect, wait, inject faults and limits."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from aiohttp import web

from devtools.standin.discord_patch import patch_discord
from devtools.standin.faults import ChannelRateLimit, Fault
from devtools.standin.interactions import InteractionFailed, InteractionState, OpenModal
from devtools.standin.protocol import API_PREFIX, DEFAULT_TOKEN, GATEWAY_PATH, SnowflakeGenerator
from devtools.standin.records import CommandSync, GatewayConnection, Record, StoredMessage, Violation
from devtools.standin.sessions import Link, Session
from devtools.standin.specs import DEFAULT_USERS, GuildSpec, UserSpec
from devtools.standin.world import World

T = TypeVar("T")
# Discord allows 3 s to answer or defer. Tests run with no deadline: how fast the bot acknowledges depends on the
# machine's load, so the suite checks that every interaction is acknowledged and the benchmark reports how fast.
DISCORD_DEADLINE_S = 3.0
NO_DEADLINE_S = 3600.0


class StandinState:
    """What the stand-in holds (the world, records, messages, faults) and the test-facing calls on it; the
    gateway and REST routes are mixed in on top (see `DiscordStandin`)."""

    def __init__(
        self,
        guilds: Sequence[GuildSpec] = (GuildSpec(),),
        *,
        users: Sequence[UserSpec] = DEFAULT_USERS,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "briefbot",
        interaction_deadline: float = DISCORD_DEADLINE_S,
        token_lifetime: float = 900.0,
        heartbeat_interval: float = 41.25,
        allow_privileged_intents: bool = True,
        application_flags: int = 0,
        shard_count: int = 1,
        max_upload_size: int = 10 * 1024 * 1024,
        nonce_window: float = 300.0,
    ) -> None:
        if not guilds or not users:
            raise ValueError("the stand-in needs at least one guild and one user")
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.heartbeat_interval = heartbeat_interval
        self.allow_privileged_intents = allow_privileged_intents
        self.application_flags = application_flags
        self.shard_count = shard_count
        self.max_upload_size = max_upload_size
        # Discord remembers a message nonce sent with enforce_nonce "for a few minutes" (unpublished).
        self.nonce_window = nonce_window
        self._ids = SnowflakeGenerator()
        self.world = World(self._ids, guilds, users, bot_username)

        self.records: list[Record] = []
        self.violations: list[Violation] = []
        self.messages: dict[int, StoredMessage] = {}
        self.command_syncs: list[CommandSync] = []
        self.gateway_connections: list[GatewayConnection] = []
        self.heartbeats = 0
        self.faults: list[Fault] = []
        self.rate_limits: dict[int, ChannelRateLimit] = {}
        # Called with (record, phase) as each REST request is "received" and once it is "handled" (the answer
        # is ready, not yet sent): lets a test act at an exact point, e.g. kill the client mid-request.
        self.request_hooks: list[Callable[[Record, str], None]] = []
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}  # (author, nonce) -> (message, monotonic)

        self._commands: dict[int | None, list[dict[str, Any]]] = {}
        self._interactions: dict[int, InteractionState] = {}
        self._by_token: dict[str, InteractionState] = {}
        self._modals: dict[str, OpenModal] = {}
        self._attachments: dict[int, tuple[str, bytes]] = {}
        self._sessions: dict[str, Session] = {}
        self._links: set[Link] = set()
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the stand-in is not running")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What `discord.http.Route.BASE` should be."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` should be (the client appends ?v=10&encoding=json&compress=…)."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    def patched(self) -> contextlib.AbstractContextManager[None]:
        """Point discord.py at this stand-in for the duration of a `with` block."""
        return patch_discord(self.api_url, self.gateway_url)

    # ---- inspection ---------------------------------------------------------------------------------------------

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user_id(self) -> int:
        return self.world.bot.id

    def guild_id(self, ref: int | str | None = None) -> int:
        return self.world.guild(ref).id

    def channel_id(self, ref: int | str | None = None, guild: int | str | None = None) -> int:
        return self.world.channel(ref, self.world.guild(guild) if guild is not None else None).id

    def user_id(self, ref: int | str | UserSpec | None = None) -> int:
        return self.world.user(ref).id

    def role_id(self, ref: int | str, guild: int | str | None = None) -> int:
        return self.world.role(ref, self.world.guild(guild)).id

    def registered_commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """Commands as stored after registration (with ids); `None` for global ones."""
        return copy.deepcopy(self._commands.get(guild_id, []))

    def channel_messages(self, channel: int | str) -> list[StoredMessage]:
        """Non-ephemeral, undeleted messages in a channel, oldest first."""
        channel_id = self.channel_id(channel)
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and not m.deleted and not m.ephemeral
        ]

    def find_records(
        self, *, method: str | None = None, route: str | None = None, status: int | None = None
    ) -> list[Record]:
        """Records filtered by method, route template (e.g. "/channels/{channel_id}/messages") and status."""
        return [
            r
            for r in self.records
            if (method is None or r.method == method.upper())
            and (route is None or r.route == route)
            and (status is None or r.status == status)
        ]

    def unacknowledged(self) -> list[int]:
        """Ids of interactions the bot never answered nor deferred."""
        return [iid for iid, i in self._interactions.items() if i.ack is None]

    def interaction_latencies(self) -> list[float]:
        """Dispatch → accepted callback, in seconds, for every acknowledged interaction."""
        return [i.ack.received_at - i.dispatched_at for i in self._interactions.values() if i.ack is not None]

    def assert_no_violations(self) -> None:
        if self.violations:
            raise AssertionError(
                "Discord stand-in violations:\n" + "\n".join(str(v) for v in self.violations)
            )

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5.0,
        *,
        describe: Callable[[], str] | None = None,
    ) -> T:
        """Wait until `predicate()` returns something truthy; return it.

        The predicate is re-checked whenever the stand-in's own state changes (a request or a gateway event), so
        it should look at stand-in state; bot-side state is better awaited with the bot's own events.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                detail = describe() if describe is not None else "condition not met"
                raise InteractionFailed(f"timed out after {timeout}s: {detail}")
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    # ---- fault and limit injection ------------------------------------------------------------------------------

    def inject_fault(
        self,
        status: int | None = None,
        *,
        path: str | None = None,
        method: str | None = None,
        channel_id: int | str | None = None,
        delay: float = 0.0,
        times: int | None = 1,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float = 0.05,
        after_handling: bool = False,
    ) -> Fault:
        r"""Queue a failure (and/or a delay) for requests matching a path regex, a method and/or a channel.

        `path` is searched in the request path after `/api/v10` (e.g. r"^/channels/\d+/messages$", "/callback$");
        `channel_id` (id or name) also matches interaction callbacks and follow-ups made in that channel.

        Default bodies: 403 Missing Access (50001), 404 Unknown Channel (10003), 429 with a `Via` header and
        `retry_after`, 500 JSON, 502/503/504 as the text Cloudflare or Envoy would send. `times=None` repeats
        until `clear_faults()`. `after_handling=True` handles the request first (e.g. creates the message) and
        then answers with the failure.
        """
        fault = Fault(
            status=status,
            path=re.compile(path) if path is not None else None,
            method=method,
            channel_id=self.channel_id(channel_id) if channel_id is not None else None,
            delay=delay,
            times=times,
            body=body,
            headers=dict(headers or {}),
            retry_after=retry_after,
            after_handling=after_handling,
        )
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        self.faults.clear()

    def rate_limit_channel(
        self,
        channel: int | str,
        limit: int,
        window: float,
        *,
        advertise: bool = True,
        is_global: bool = False,
    ) -> ChannelRateLimit:
        """Allow `limit` message creations per `window` seconds in a channel, answering 429 beyond that."""
        rate_limit = ChannelRateLimit(self.channel_id(channel), limit, window, advertise, is_global)
        self.rate_limits[rate_limit.channel_id] = rate_limit
        return rate_limit

    def clear_rate_limits(self) -> None:
        self.rate_limits.clear()

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        """Date new ids (hence messages, as `snowflake_time` reads them) by `clock`, e.g. a test's fake clock."""
        self._ids.clock = lambda: clock().timestamp()
