"""Pointing discord.py at the stand-in.

Only two discord.py addresses need to point here: `Route.BASE`, from which interaction callbacks and webhook
follow-ups are derived too, and `DiscordWebSocket.DEFAULT_GATEWAY`. The client asks for a `zlib-stream` (or
`zstd-stream`) compressed gateway; it only decompresses *binary* frames, so the stand-in ignores that request and
sends plain JSON text frames, which the client parses directly."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


@contextlib.contextmanager
def patch_discord(api_base: str, gateway: str) -> Iterator[None]:
    """Point discord.py's REST base and default gateway elsewhere, restoring both afterwards."""
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved
