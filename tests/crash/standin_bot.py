"""The crash test's subprocess: the real bot (`bot.adapters.discord.client.run_bot`, as `briefbot run` starts it) pointed at a
stand-in by URL. Configuration comes from the environment like any run; in addition:

  CRASH_API_URL, CRASH_GATEWAY_URL  the stand-in's REST base and gateway
  CRASH_RETRY_SLEEP_SCALE           factor for discord.py's own 1/3/5/7/9 s retry waits (default 1), so that a
                                    5xx burst costs the test fractions of a second rather than 25 s
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

import discord.http

from bot.adapters.discord.client import run_bot
from bot.config import Settings
from bot.main import setup_logging
from devtools.standin import patch_discord


class _ScaledSleeps:
    """`asyncio` as discord.http sees it, with `sleep` scaled: only the waits change, never the retries."""

    def __init__(self, scale: float) -> None:
        self.scale = scale

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def sleep(self, delay: float, result: Any = None) -> Any:
        return await asyncio.sleep(delay * self.scale, result)


def main() -> int:
    settings = Settings.from_env(env_file=None)
    setup_logging(settings.log_level)
    scale = float(os.environ.get("CRASH_RETRY_SLEEP_SCALE", "1"))
    if scale != 1:
        discord.http.asyncio = _ScaledSleeps(scale)  # type: ignore[assignment]
    with patch_discord(os.environ["CRASH_API_URL"], os.environ["CRASH_GATEWAY_URL"]):
        return run_bot(settings)


if __name__ == "__main__":
    sys.exit(main())
