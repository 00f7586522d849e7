"""How many digests are posted at once, and in which order within one channel."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

__all__ = ["ChannelGate", "per_channel"]

T = TypeVar("T")
R = TypeVar("R")


class ChannelGate:
    """One post at a time per channel, so two digests for one channel never interleave or reorder, and at
    most `max_concurrency` posts in all (Discord rate limits are per bot, not per channel)."""

    def __init__(self, max_concurrency: int) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.max_concurrency = max_concurrency
        self._semaphore = asyncio.Semaphore(max_concurrency)
        # One lock per channel, dropped when nobody holds or waits for it (no unbounded growth).
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @asynccontextmanager
    async def hold(self, channel_id: int) -> AsyncIterator[None]:
        """The channel's turn, then one of the permits (in that order: a permit is never held while waiting
        for a busy channel)."""
        lock = self._locks.setdefault(channel_id, asyncio.Lock())
        self._users[channel_id] = self._users.get(channel_id, 0) + 1
        try:
            async with lock, self._semaphore:
                yield
        finally:
            self._users[channel_id] -= 1
            if self._users[channel_id] == 0:
                del self._users[channel_id]
                del self._locks[channel_id]


async def per_channel(items: list[tuple[int, T]], work: Callable[[T], Awaitable[R]]) -> list[R]:
    """`work` on every item: one task per channel, each doing its items in order; the gate inside the work
    bounds how many channels are served at once."""
    by_channel: dict[int, list[T]] = {}
    for channel_id, item in items:
        by_channel.setdefault(channel_id, []).append(item)

    async def serve(queue: list[T]) -> list[R]:
        return [await work(item) for item in queue]

    results = await asyncio.gather(*(serve(queue) for queue in by_channel.values()))
    return [result for channel_results in results for result in channel_results]
