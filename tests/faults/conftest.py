"""Fault-injection fixtures: the real bot against the local Discord stand-in (loopback only), real SQLite files in
tmp_path, a snapshot of the curated inputs, and the clock and sleep the bot's digest cog runs on, which the tests
control (see devtools.harness)."""

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

from bot.adapters.discord.digest_sender import DiscordSender
from bot.digests.delivery import DigestService
from bot.digests.models import Subscription
from bot.digests.store import SubscriptionStore
from devtools.harness import BotRun, bot_settings, running_bot
from devtools.standin import (
    ChannelSpec,
    DiscordStandin,
    GuildSpec,
    Perm,
    RoleSpec,
    StoredMessage,
    UserSpec,
    running_standin,
)
from tests.conftest import RealBase
from tests.digests.conftest import FakeClock, FakeSleep

EPHEMERAL = 1 << 6
MESSAGES_PATH = r"^/channels/\d+/messages$"  # for inject_fault: posts only, not interaction callbacks

# Far from the machine's own date on purpose, so nothing here can pass for the wall clock's doing.
MONDAY = datetime(2099, 6, 1, 6, 0, tzinfo=UTC)  # subscriptions are created at 06:00
SLOT = MONDAY.replace(hour=8)  # their first 08:00 UTC slot
DAY = timedelta(days=1)
# For tests that read message ids as times (a channel search): the stand-in dates ids by the test clock
# (`DiscordStandin.set_clock`), and 2099's would not fit in a snowflake.
PAST_MONDAY = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)


def text_of(message: StoredMessage) -> str:
    return json.dumps([message.content, message.embeds], ensure_ascii=False)


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
class Running(BotRun):
    """The real bot (its digest cog on the test's clock and sleep) in the stand-in, on the test's `inputs`."""

    inputs: Inputs = field(kw_only=True)
    others: list[DigestService] = field(default_factory=list, kw_only=True)  # given up when the bot stops

    def other_process(self, clock: FakeClock, sleep: FakeSleep, **options: Any) -> DigestService:
        """A second DigestService on the bot's state DB, with a boot of its own: what another process (one that
        dies mid-post, or `briefbot digest run`) would run, through the bot's composer and a DiscordSender."""
        store = SubscriptionStore(self.bot.state_db, clock=clock)
        service = DigestService(
            store, self.digest_cog.compose, DiscordSender(self.bot), clock, sleep, **options
        )
        self.others.append(service)
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
    await run.startup_catch_up()


@pytest.fixture
def start_bot(inputs: Inputs, clock: FakeClock, sleep: FakeSleep) -> StartBot:
    """`async with start_bot() as run:` — the real bot, its digest cog on the test's clock and sleep, logged in
    to a fresh stand-in (or to `standin`, kept across restarts, so that a restarted bot finds the messages
    posted before). Keyword arguments are environment variables of its configuration."""

    @asynccontextmanager
    async def start(standin: DiscordStandin | None = None, **environ: str) -> AsyncIterator[Running]:
        async with contextlib.AsyncExitStack() as stack:
            if standin is None:
                standin = await stack.enter_async_context(running_standin(guilds=(GUILD,), users=USERS))
            settings = bot_settings(
                standin,
                inputs.data_dir,
                seeds_dir=inputs.seeds_dir,
                curated_dir=inputs.curated_dir,
                owners=("olga",),
                **environ,
            )
            async with running_bot(standin, settings, clock=clock, sleep=sleep) as started:
                run = Running(standin, started.bot, inputs=inputs)
                try:
                    yield run
                finally:
                    for service in run.others:
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
