"""The one way tests and benchmarks run the real bot against the local Discord stand-in.

`create_bot` with every cog loaded, the digest cog's own `DigestService` and scheduler included, logged in to a
stand-in. The digest wiring tells time by the wall clock, or by a clock the caller moves (with the sleep that
goes with it): then the scheduler's wall-clock timers are held, so digests go out only when the caller runs
them, never because the machine's clock passed a subscription's time during a test.

`bot_environ` is the bot's configuration as environment variables, so a bot started in another process (the
crash test's) is configured by the same code as one started here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.discord.client import Briefbot, create_bot
from bot.config import Settings
from bot.digests.delivery import DigestService, SleepFn
from bot.digests.store import Clock, utc_now
from devtools.standin import (
    DEFAULT_USERS,
    DiscordStandin,
    GuildSpec,
    StoredMessage,
    UserSpec,
    connected_bot,
    running_standin,
)
from devtools.standin.base import NO_DEADLINE_S

GUILD_READY_TIMEOUT = 0.05  # discord.py waits this long after the last GUILD_CREATE before it is ready
MESSAGES_ROUTE = "/channels/{channel_id}/messages"


def bot_environ(
    standin: DiscordStandin,
    data_dir: Path,
    *,
    seeds_dir: Path | None = None,
    curated_dir: Path | None = None,
    dev_guild: bool = True,
    owners: Iterable[str] = (),
    **extra: str,
) -> dict[str, str]:
    """The bot's configuration: data in `data_dir`, inputs from the given folders (else the configured ones),
    commands synced to the stand-in's first guild (`dev_guild`) or globally, `owners` by user name."""
    environ = {"BRIEFBOT_DATA_DIR": str(data_dir)}
    if seeds_dir is not None:
        environ["BRIEFBOT_SEEDS_DIR"] = str(seeds_dir)
    if curated_dir is not None:
        environ["BRIEFBOT_CURATED_DIR"] = str(curated_dir)
    if dev_guild:
        environ["DISCORD_DEV_GUILD_ID"] = str(standin.guild_id())
    owner_ids = [str(standin.user_id(name)) for name in owners]
    if owner_ids:
        environ["BRIEFBOT_OWNER_IDS"] = ",".join(owner_ids)
    return environ | extra


def bot_settings(standin: DiscordStandin, data_dir: Path, **options: Any) -> Settings:
    """`Settings` from `bot_environ` alone (no .env, no process environment)."""
    return Settings.from_env(env_file=None, environ=bot_environ(standin, data_dir, **options))


@dataclass
class BotRun:
    """The running bot and its stand-in, with what tests do most: ask, read channels, reach the digest cog."""

    standin: DiscordStandin
    bot: Briefbot

    @property
    def digest_cog(self) -> Any:
        # Loaded by discord.py as its own module object: typed loosely, looked up by name.
        cog = self.bot.get_cog("Digest")
        assert cog is not None, "the digest cog is not loaded"
        return cog

    @property
    def digests(self) -> DigestService:
        """The digest cog's own service: what the scheduler and /digest send-now deliver through."""
        service: DigestService = self.digest_cog.service
        return service

    async def startup_catch_up(self) -> None:
        """Wait until the digest cog's start-up (recovery and catch-up) has finished."""
        startup = self.digest_cog.startup
        if startup is not None:
            await asyncio.shield(startup)

    def channel(self, name: str, guild: str | None = None) -> int:
        return self.standin.channel_id(name, guild=guild)

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: str = "alice",
        subcommand: str | None = None,
        channel: str = "general",
    ) -> StoredMessage:
        """The answer to a slash command (once a deferred "thinking…" response has been filled in)."""
        handle = await self.standin.dispatch_slash(
            name, options or {}, subcommand=subcommand, user=user, channel_id=self.channel(channel)
        )
        return await handle.original()

    async def digest(
        self, subcommand: str, options: Mapping[str, Any] | None = None, *, user: str = "bob"
    ) -> StoredMessage:
        return await self.slash("digest", options, subcommand=subcommand, user=user)

    def posts(self, channel: str) -> list[StoredMessage]:
        return self.standin.channel_messages(channel)

    def post_attempts(self, channel: str, status: int | None = None) -> int:
        """Message posts the bot made to a channel (answered with `status`, if given)."""
        channel_id = self.channel(channel)
        records = self.standin.find_records(method="POST", route=MESSAGES_ROUTE, status=status)
        return sum(1 for r in records if r.channel_id == channel_id)

    async def hold_wall_clock_timers(self) -> None:
        """Hold the digest scheduler's wall-clock timers (jobs and sweep) once its start-up is done; the jobs
        are still built and kept in step with the database, as the cog does."""
        await self.startup_catch_up()
        self.digest_cog.scheduler.scheduler.pause()


@contextlib.asynccontextmanager
async def running_bot(
    standin: DiscordStandin,
    settings: Settings,
    *,
    clock: Clock | None = None,
    sleep: SleepFn | None = None,
    timeout: float = 30.0,
) -> AsyncIterator[BotRun]:
    """The real bot, logged in to `standin` until the block ends; on `clock` (and `sleep`) if given."""
    bot = create_bot(
        settings,
        guild_ready_timeout=GUILD_READY_TIMEOUT,
        clock=clock or utc_now,
        sleep=sleep or asyncio.sleep,
    )
    async with connected_bot(bot, standin, timeout=timeout):
        run = BotRun(standin, bot)
        if clock is not None:
            await run.hold_wall_clock_timers()
        yield run


@contextlib.asynccontextmanager
async def bot_in_standin(
    data_dir: Path,
    *,
    guilds: Sequence[GuildSpec] = (GuildSpec(),),
    users: Sequence[UserSpec] = DEFAULT_USERS,
    interaction_deadline: float = NO_DEADLINE_S,  # tests: acknowledged at all, not how fast (see the stand-in)
    clock: Clock | None = None,
    sleep: SleepFn | None = None,
    timeout: float = 30.0,
    **configuration: Any,
) -> AsyncIterator[BotRun]:
    """A fresh stand-in with `guilds` and `users`, and the real bot in it (`configuration`: see `bot_environ`)."""
    async with running_standin(guilds, users=users, interaction_deadline=interaction_deadline) as standin:
        settings = bot_settings(standin, data_dir, **configuration)
        async with running_bot(standin, settings, clock=clock, sleep=sleep, timeout=timeout) as run:
            yield run
