"""Fault-injection fixtures: the real bot against the local Discord stand-in (loopback only), real SQLite files in
tmp_path, a snapshot of the curated inputs, and clocks/sleeps the tests control."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord.http
import pytest

from bot.adapters.discord.client import Briefbot, create_bot
from bot.adapters.discord.digest_sender import DiscordSender
from bot.config import Settings
from bot.digests.delivery import DigestService, Sender
from bot.digests.models import Subscription
from bot.digests.store import SubscriptionStore
from devtools.standin import (
    ChannelSpec,
    DiscordStandin,
    GuildSpec,
    InteractionHandle,
    Perm,
    RoleSpec,
    StoredMessage,
    UserSpec,
    connected_bot,
    running_standin,
)
from tests.conftest import RealBase
from tests.digests.conftest import FakeClock, FakeSleep

EPHEMERAL = 1 << 6
MESSAGES_ROUTE = "/channels/{channel_id}/messages"
MESSAGES_PATH = r"^/channels/\d+/messages$"  # for inject_fault: posts only, not interaction callbacks

# Far in the future on purpose: a real-clock catch-up or sweep of the bot's own scheduler sees these
# subscriptions as created later than "now" and leaves them alone, so only the test's controlled clock acts.
MONDAY = datetime(2099, 6, 1, 6, 0, tzinfo=UTC)  # subscriptions are created at 06:00
SLOT = MONDAY.replace(hour=8)  # their first 08:00 UTC slot
DAY = timedelta(days=1)


def text_of(message: StoredMessage) -> str:
    return json.dumps([message.content, message.embeds], ensure_ascii=False)


async def reply_to(handle: InteractionHandle) -> StoredMessage:
    """The answer to an interaction (once a deferred "thinking…" response has been filled in)."""
    return await handle.original()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
def sleep(clock: FakeClock) -> FakeSleep:
    return FakeSleep(clock)


class _FastAsyncio:
    """`asyncio` as seen by discord.http, except that `sleep` only records: discord.py's own retries of
    500/502/504 wait 1, 3, 5, 7, 9 s on the wall clock, which these tests must not."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def sleep(self, delay: float, result: Any = None) -> Any:
        if delay > 0:
            self.sleeps.append(delay)
        await asyncio.sleep(0)
        return result


@pytest.fixture
def discord_retry_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    fast = _FastAsyncio()
    monkeypatch.setattr(discord.http, "asyncio", fast)
    return fast.sleeps


# --------------------------------------------------------------------------- the real bot and the stand-in


# Fixed ids, so that a restarted bot on a fresh stand-in finds the same guild and channels in its state DB.
GUILD = GuildSpec(
    id=1_100_000_000_000_000_001,
    channels=(
        ChannelSpec("general", id=1_100_000_000_000_000_011),
        ChannelSpec("briefings", id=1_100_000_000_000_000_012),
        ChannelSpec("news", id=1_100_000_000_000_000_013),
        ChannelSpec("archive", id=1_100_000_000_000_000_014),
        # The bot may post here but not read back what was posted (no Read Message History).
        ChannelSpec("sealed", id=1_100_000_000_000_000_015, bot_deny=Perm.READ_MESSAGE_HISTORY),
    ),
    roles=(
        RoleSpec("Server admin", permissions=Perm.MANAGE_GUILD),
        RoleSpec("Owner", permissions=Perm.ADMINISTRATOR),
    ),
)
USERS = (UserSpec("alice"), UserSpec("bob", roles=("Server admin",)), UserSpec("olga", roles=("Owner",)))


@dataclass
class Inputs:
    """A private copy of seeds/ and the curated files (tests break and fix them) plus a data folder."""

    seeds_dir: Path
    curated_dir: Path
    data_dir: Path

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def factbase_db(self) -> Path:
        return self.data_dir / "factbase.db"


@pytest.fixture
def inputs(tmp_path: Path, real_base: RealBase) -> Inputs:
    root = tmp_path / "inputs"
    seeds = root / "seeds"
    curated = root / "data"
    shutil.copytree(real_base.seeds_dir, seeds)
    shutil.copytree(real_base.curated_dir, curated)
    data = tmp_path / "run"
    data.mkdir()
    # Same inputs, same content hash: the bot starts on this build instead of compiling again.
    shutil.copy2(real_base.db_path, data / "factbase.db")
    return Inputs(seeds, curated, data)


@dataclass
class Running:
    standin: DiscordStandin
    bot: Briefbot
    inputs: Inputs
    services: list[DigestService] = field(default_factory=list)  # given up when the bot stops

    def channel(self, name: str) -> int:
        return self.standin.channel_id(name)

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: str = "bob",
        subcommand: str | None = None,
        channel: str = "general",
    ) -> StoredMessage:
        handle = await self.standin.dispatch_slash(
            name, options or {}, subcommand=subcommand, user=user, channel_id=self.channel(channel)
        )
        return await reply_to(handle)

    async def digest(
        self, subcommand: str, options: dict[str, Any] | None = None, *, user: str = "bob"
    ) -> StoredMessage:
        return await self.slash("digest", options, subcommand=subcommand, user=user)

    def posts(self, channel: str) -> list[StoredMessage]:
        return self.standin.channel_messages(channel)

    def post_attempts(self, channel: str, status: int | None = None) -> int:
        channel_id = self.channel(channel)
        return sum(
            1
            for r in self.standin.find_records(method="POST", route=MESSAGES_ROUTE, status=status)
            if r.channel_id == channel_id
        )

    def service(
        self, clock: FakeClock, sleep: FakeSleep, *, sender: Sender | None = None, **options: Any
    ) -> DigestService:
        """A DigestService over the bot's own state DB, Digest cog composer and DiscordSender, on the test's
        clock and sleep (the cog's own service runs on the wall clock)."""
        cog: Any = self.bot.get_cog("Digest")  # loaded by discord.py as its own module object: no isinstance
        assert cog is not None
        store = SubscriptionStore(self.bot.state_db, clock=clock)
        service = DigestService(
            store, cog.compose, sender or DiscordSender(self.bot), clock, sleep, **options
        )
        self.services.append(service)
        return service

    async def subscribe(self, clock: FakeClock, channel: str, **settings: Any) -> Subscription:
        """A subscription of the stand-in guild, created at the test clock's time (see MONDAY)."""
        store = SubscriptionStore(self.bot.state_db, clock=clock)
        values = {"frequency": "daily", "time": "08:00", "timezone": "UTC", **settings}
        return await store.create(
            guild_id=self.standin.guild_id(),
            channel_id=self.channel(channel),
            created_by=self.standin.user_id("bob"),
            **values,
        )


StartBot = Callable[..., Any]


async def startup_catch_up(run: Running) -> None:
    """Wait until the bot's own start-up catch-up (recovery included) has finished."""
    cog: Any = run.bot.get_cog("Digest")
    if cog is not None and cog.startup is not None:
        await asyncio.shield(cog.startup)


@pytest.fixture
def start_bot(inputs: Inputs) -> StartBot:
    """`async with start_bot() as run:` — the real client, logged in to a fresh stand-in (or to `standin`, kept
    across restarts, so that a restarted bot finds the messages posted before)."""

    @asynccontextmanager
    async def start(standin: DiscordStandin | None = None, **environ: str) -> AsyncIterator[Running]:
        async with contextlib.AsyncExitStack() as stack:
            if standin is None:
                standin = await stack.enter_async_context(running_standin(guilds=(GUILD,), users=USERS))
            settings = Settings.from_env(
                env_file=None,
                environ={
                    "BRIEFBOT_DATA_DIR": str(inputs.data_dir),
                    "BRIEFBOT_SEEDS_DIR": str(inputs.seeds_dir),
                    "BRIEFBOT_CURATED_DIR": str(inputs.curated_dir),
                    "DISCORD_DEV_GUILD_ID": str(standin.guild_id()),
                    "BRIEFBOT_OWNER_IDS": str(standin.user_id("olga")),
                    **environ,
                },
            )
            bot = create_bot(settings, guild_ready_timeout=0.05)
            async with connected_bot(bot, standin):
                run = Running(standin, bot, inputs)
                try:
                    yield run
                finally:
                    for service in run.services:
                        service.close()
            standin.assert_no_violations()

    return start


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read a state database file the way the next start would: a fresh connection to the path."""
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def remove_db_files(path: Path, suffixes: tuple[str, ...] = ("", "-wal", "-shm", "-journal")) -> None:
    """`rm` a database file and its companions, as a person (or a cleanup script) would."""
    for suffix in suffixes:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
