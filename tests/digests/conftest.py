"""Fixtures for the digest core: real SQLite files in tmp_path, a controlled clock, fake compose/sender."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.digests.delivery import DigestService, RetryPolicy
from bot.digests.errors import DeliveryCheckImpossible
from bot.digests.keys import DeliveryKey
from bot.digests.models import ComposedDigest, Subscription
from bot.digests.store import SubscriptionStore
from bot.state.db import StateDB

# How long a test waits for the event loop (and aiosqlite's thread) to reach a state before calling it a hang.
# A guard against a broken build hanging the suite, not a speed requirement: on a loaded machine the state is
# reached late, never wrongly.
HANG_GUARD_S = 60.0


async def wait_until(condition: Callable[[], bool], timeout: float = HANG_GUARD_S) -> None:
    """Let the event loop (and aiosqlite's thread) run until `condition` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.001)


GUILD = 111
OTHER_GUILD = 222
MOD = 999


class FakeClock:
    """A clock that only moves when told to (or when FakeSleep sleeps)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class FakeSleep:
    """Records requested delays and advances the fake clock instead of sleeping."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.calls.append(delay)
        self.clock.advance(seconds=delay)
        await asyncio.sleep(0)


@dataclass
class FakeSender:
    """Posts into a list, keyed like Discord: a repeated nonce returns the first message instead of a second
    one (while `remembers_nonces`). `script[channel]` holds exceptions for the next sends to that channel;
    `after_create[channel]` the same, raised after the message was created (a 5xx once Discord had it).
    `find` looks the key up among the posts, unless the channel is in `unreadable`."""

    sent: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    calls: int = 0
    script: dict[int, list[Exception]] = field(default_factory=dict)
    after_create: dict[int, list[Exception]] = field(default_factory=dict)
    active: dict[int, int] = field(default_factory=dict)
    max_active_total: int = 0
    max_active_per_channel: int = 0
    yields: int = 3  # awaits inside send, so concurrent deliveries really interleave
    gate: asyncio.Event | None = None  # when set, every send waits here until the test opens it
    remembers_nonces: bool = True
    unreadable: set[int] = field(default_factory=set)
    nonces: list[str] = field(default_factory=list)  # of every send call, in order
    finds: int = 0
    posted: dict[str, tuple[int, int]] = field(default_factory=dict)  # marker -> (channel, message id)
    _by_nonce: dict[str, int] = field(default_factory=dict)
    _next_id: int = 5000

    def in_flight(self) -> int:
        return sum(self.active.values())

    def fail_next(self, channel_id: int, *errors: Exception) -> None:
        self.script.setdefault(channel_id, []).extend(errors)

    def fail_after_creating(self, channel_id: int, *errors: Exception) -> None:
        self.after_create.setdefault(channel_id, []).extend(errors)

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        self.calls += 1
        self.nonces.append(key.nonce)
        self.active[channel_id] = self.active.get(channel_id, 0) + 1
        self.max_active_per_channel = max(self.max_active_per_channel, self.active[channel_id])
        self.max_active_total = max(self.max_active_total, sum(self.active.values()))
        try:
            for _ in range(self.yields):
                await asyncio.sleep(0)
            if self.gate is not None:
                await self.gate.wait()
            queue = self.script.get(channel_id)
            if queue:
                raise queue.pop(0)
            message_id = self._by_nonce.get(key.nonce) if self.remembers_nonces else None
            if message_id is None:
                self.sent.append((channel_id, payload))
                self._next_id += 1
                message_id = self._by_nonce[key.nonce] = self._next_id
                self.posted[key.marker] = (channel_id, message_id)
            late = self.after_create.get(channel_id)
            if late:
                raise late.pop(0)
            return message_id
        finally:
            self.active[channel_id] -= 1

    async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
        self.finds += 1
        if channel_id in self.unreadable:
            raise DeliveryCheckImpossible("the bot lacks Read Message History in the channel")
        found = self.posted.get(key.marker)
        return found[1] if found is not None and found[0] == channel_id else None


class FakeCompose:
    """Deterministic digests: `size` facts from a pool of `pool` per subscription, rotating."""

    def __init__(self, pool: int = 4) -> None:
        self.pool = pool
        self.calls: list[tuple[int, datetime, frozenset[str], datetime | None]] = []
        self.empty_for: set[int] = set()
        self.fail_for: set[int] = set()

    async def __call__(
        self, sub: Subscription, slot: datetime, shown: set[str], previous_sent_at: datetime | None
    ) -> ComposedDigest:
        self.calls.append((sub.id, slot, frozenset(shown), previous_sent_at))
        if sub.id in self.fail_for:
            raise RuntimeError("fact base unavailable")
        if sub.id in self.empty_for:
            return ComposedDigest(empty=True, reason="No facts match this focus")
        all_ids = [f"s{sub.id}-f{i}" for i in range(self.pool)]
        fresh = [f for f in all_ids if f not in shown]
        reset = len(fresh) < min(sub.size, self.pool)
        chosen = (all_ids if reset else fresh)[: sub.size]
        payload = {"content": f"Digest #{sub.id} for {slot.isoformat()}", "facts": chosen}
        return ComposedDigest(payload=payload, fact_ids=chosen, rotation_reset=reset)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 6, 3, 6, 0, tzinfo=UTC))  # a Monday


@pytest.fixture
def store(db: StateDB, clock: FakeClock) -> SubscriptionStore:
    return SubscriptionStore(db, clock=clock)


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def compose() -> FakeCompose:
    return FakeCompose()


@pytest.fixture
def sleep(clock: FakeClock) -> FakeSleep:
    return FakeSleep(clock)


ServiceFactory = Callable[..., DigestService]


@pytest.fixture
def make_service(
    compose: FakeCompose, sender: FakeSender, clock: FakeClock, sleep: FakeSleep
) -> ServiceFactory:
    def factory(store: SubscriptionStore, **kwargs: Any) -> DigestService:
        kwargs.setdefault("retry", RetryPolicy())
        return DigestService(store, compose, sender, clock, sleep, **kwargs)

    return factory


@pytest.fixture
def service(store: SubscriptionStore, make_service: ServiceFactory) -> DigestService:
    return make_service(store)


async def new_sub(store: SubscriptionStore, **overrides: Any) -> Subscription:
    values: dict[str, Any] = {
        "guild_id": GUILD,
        "channel_id": 42,
        "created_by": MOD,
        "frequency": "daily",
        "time": "08:00",
        "timezone": "UTC",
    }
    values.update(overrides)
    return await store.create(**values)


def fail_sql(db: StateDB, monkeypatch: pytest.MonkeyPatch, fragment: str, message: str) -> None:
    """Make statements containing `fragment` fail like SQLite would (e.g. "database or disk is full")."""
    conn = db.connection
    original = conn.execute

    def execute(sql: str, *args: Any) -> Any:
        if fragment in sql:
            raise sqlite3.OperationalError(message)
        return original(sql, *args)

    monkeypatch.setattr(conn, "execute", execute)
