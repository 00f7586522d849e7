"""Running the stand-in and logging a real discord.py client in against it, for tests and benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any, TypeVar

import discord

from devtools.standin.base import NO_DEADLINE_S
from devtools.standin.server import DiscordStandin
from devtools.standin.specs import GuildSpec

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.asynccontextmanager
async def running_standin(
    guilds: Sequence[GuildSpec] = (GuildSpec(),), **options: Any
) -> AsyncIterator[DiscordStandin]:
    """Start a stand-in on an ephemeral 127.0.0.1 port for the duration of an `async with` block.

    Discord's 3 s deadline is enforced only when `interaction_deadline` is given (the benchmark does): in tests a
    late acknowledgement on a loaded machine is not a bug, a missing one is (`unacknowledged()`)."""
    options.setdefault("interaction_deadline", NO_DEADLINE_S)
    standin = DiscordStandin(guilds, **options)
    await standin.start()
    try:
        yield standin
    finally:
        await standin.stop()


async def sync_commands(
    bot: discord.Client, standin: DiscordStandin
) -> dict[int, list[discord.app_commands.AppCommand]]:
    """Copy the bot's global app commands to every stand-in guild and sync them there."""
    tree: discord.app_commands.CommandTree[Any] | None = getattr(bot, "tree", None)
    if tree is None:
        raise TypeError("the client has no command tree (use commands.Bot or set .tree)")
    synced = {}
    for guild_id in standin.world.guilds:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        synced[guild_id] = await tree.sync(guild=guild)
    return synced


@contextlib.asynccontextmanager
async def connected_bot(
    bot: ClientT, standin: DiscordStandin, *, timeout: float = 10.0, sync: bool = False
) -> AsyncIterator[ClientT]:
    """Log `bot` in against the stand-in, wait for on_ready (optionally sync commands), and close it cleanly.

    The bot should be built with a small `guild_ready_timeout` (e.g. 0.05): discord.py waits that long after the
    last GUILD_CREATE before it is ready. An error that ends the bot's connection is re-raised on exit.
    """
    with standin.patched():
        runner: asyncio.Task[None] | None = None
        try:
            await bot.login(standin.token)
            runner = asyncio.create_task(bot.connect(reconnect=True), name="standin-bot-connect")
            await _wait_until_ready(bot, runner, timeout)
            if sync:
                await sync_commands(bot, standin)
            yield bot
        except BaseException:
            await _shut_down(bot, runner, timeout, surface=False)
            raise
        await _shut_down(bot, runner, timeout, surface=True)


async def _wait_until_ready(bot: discord.Client, runner: asyncio.Task[None], timeout: float) -> None:
    ready = asyncio.create_task(bot.wait_until_ready(), name="standin-bot-ready")
    try:
        done, _ = await asyncio.wait({ready, runner}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        ready.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ready
    if runner in done:
        runner.result()
        raise RuntimeError("the bot's connection ended before it became ready")
    if not done:
        raise TimeoutError(f"the bot was not ready within {timeout}s")


async def _shut_down(
    bot: discord.Client, runner: asyncio.Task[None] | None, timeout: float, *, surface: bool
) -> None:
    await bot.close()
    if runner is None:
        return
    done, _ = await asyncio.wait({runner}, timeout=timeout)
    if not done:
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
        if surface:
            raise TimeoutError(f"the bot's connection did not end within {timeout}s of close()")
    elif surface and not runner.cancelled():
        runner.result()
