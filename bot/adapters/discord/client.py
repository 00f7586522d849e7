"""The Discord client: a `commands.Bot` whose `setup_hook` opens the core, the state database and the cogs."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import importlib
import json
import logging
import pkgutil
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
from discord.ext import commands

from bot.adapters.discord.answers import Answers
from bot.adapters.discord.discord_io import send_error
from bot.adapters.discord.errors import on_app_command_error
from bot.adapters.discord.views import DYNAMIC_ITEMS, UNCLAIMED_CLICK, claimed
from bot.config import Settings
from bot.core import Core, open_core
from bot.digests.delivery import SleepFn
from bot.digests.store import Clock, utc_now
from bot.factbase.loader import FactBaseInvalid
from bot.factbase.runtime import BuildReport
from bot.render import charts
from bot.state.db import StateDB, open_state_db
from bot.state.handles import HandleStore
from bot.state.meta import remember_command_signature, synced_command_signature

log = logging.getLogger(__name__)


def walk_extensions(package: str = "cogs") -> Iterator[str]:
    """Every cog module with a `setup`, skipping `_private` modules, so a new cog needs no list edit."""
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__, f"{package}."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        if hasattr(importlib.import_module(info.name), "setup"):
            yield info.name


class Briefbot(commands.Bot):
    core: Core
    state_db: StateDB
    handles: HandleStore
    answers: Answers

    def __init__(
        self,
        settings: Settings,
        *,
        core: Core | None = None,
        clock: Clock = utc_now,
        sleep: SleepFn = asyncio.sleep,
        **kwargs: Any,
    ) -> None:
        # No voice here: discord.py's warning that its voice libraries are missing would be noise on every start.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        # Slash commands need no privileged intent; GUILDS gives us channels and permissions.
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            **kwargs,
        )
        self.settings = settings
        # What the digest wiring tells time and waits by: the wall clock, or a test's clock it moves itself.
        self.clock = clock
        self.sleep = sleep
        self._given_core = core
        self.owner_ids = set(settings.owner_ids) or None
        self._reload_lock = asyncio.Lock()
        self._closers: list[asyncio.TimerHandle] = []
        self._retired: list[Core] = []  # replaced by a reload, closed a little later (or at shutdown)

    async def setup_hook(self) -> None:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.core = self._given_core or await open_core(
            self.settings.seeds_dir, self.settings.curated_dir, self.settings.factbase_db_path
        )
        if self.core.build.stale:
            log.error(
                "Curated files have problems; serving the previous build:\n%s",
                "\n".join(map(str, self.core.build.problems[:20])),
            )
        self.state_db = await open_state_db(self.settings.state_db_path)
        self.handles = HandleStore(self.state_db)
        self.answers = Answers(self)
        await charts.warm_up()  # the first chart asked for should not wait for the plotting library to load
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        self.tree.error(on_app_command_error)
        for extension in walk_extensions():
            await self.load_extension(extension)
        await self.sync_commands()
        # Everything loaded so far lives as long as the bot: take it out of the cyclic GC's scans, whose full
        # collections otherwise stall the event loop 40-80 ms under load (bench.looplag). Undone in close().
        gc.collect()
        gc.freeze()

    def command_signature(self) -> str:
        payload = [c.to_dict(self.tree) for c in self.tree.get_commands()]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> str:
        """Dev guild: sync there every start (instant, and free). Otherwise sync globally only when the
        command set differs from the last one synced, so restarts never re-register unchanged commands."""
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("Synced %d commands to development guild %s", len(synced), self.settings.dev_guild_id)
            return "guild"
        signature = self.command_signature()
        if not force and await synced_command_signature(self.state_db) == signature:
            log.info("Command set unchanged; not syncing")
            return "unchanged"
        synced = await self.tree.sync()
        await remember_command_signature(self.state_db, signature)
        log.info("Synced %d global commands (command set changed)", len(synced))
        return "global"

    async def reload_factbase(self) -> BuildReport:
        """Rebuild from the curated files and swap the new fact base in. If the files are broken, the
        previous build keeps answering and the report lists the problems."""
        async with self._reload_lock:
            old = self.core
            started = time.perf_counter()
            try:
                self.core = await open_core(
                    self.settings.seeds_dir, self.settings.curated_dir, self.settings.factbase_db_path
                )
            except FactBaseInvalid as exc:
                # Broken files and no compiled file to fall back on (deleted or unreadable since start-up):
                # the open fact base still answers from its connection, so keep it and report the problems.
                log.error(
                    "Curated files have %d problem(s) and the compiled fact base is gone; the running "
                    "one keeps answering",
                    len(exc.problems),
                )
                return BuildReport(
                    rebuilt=False, seconds=time.perf_counter() - started, problems=exc.problems
                )
            self.dispatch("factbase_reloaded", self.core)
            if old is not self._given_core:
                # Commands already running still hold the old store: close it once they have had time to finish.
                self._retired.append(old)
                task = asyncio.get_running_loop().call_later(
                    30, lambda: asyncio.ensure_future(self._retire(old))
                )
                self._closers.append(task)
            return self.core.build

    async def _retire(self, core: Core) -> None:
        if any(c is core for c in self._retired):
            self._retired = [c for c in self._retired if c is not core]
            await core.close()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        # discord.py drops a click that no view or DynamicItem claims (a forged, mangled or retired custom id) and
        # the user sees "This interaction failed"; our live buttons are all DynamicItems, so answer the rest here.
        custom_id = str(dict(interaction.data or {}).get("custom_id", ""))
        if (
            interaction.type is discord.InteractionType.component
            and not claimed(custom_id)
            and not interaction.response.is_done()
        ):
            await send_error(interaction, UNCLAIMED_CLICK)

    async def on_ready(self) -> None:
        log.info("Ready as %s in %d guild(s)", self.user, len(self.guilds))

    async def close(self) -> None:
        try:
            if hasattr(self, "answers"):
                await self.answers.close()
            for handle in self._closers:
                handle.cancel()
            await super().close()
        finally:
            gc.unfreeze()
            for retired in list(self._retired):  # superseded by a reload less than 30 s ago
                await self._retire(retired)
            if hasattr(self, "state_db"):
                await self.state_db.close()
            if hasattr(self, "core") and self._given_core is None:
                await self.core.close()


def create_bot(settings: Settings | None = None, **kwargs: Any) -> Briefbot:
    return Briefbot(settings or Settings.from_env(), **kwargs)


BAD_TOKEN = (
    "Discord rejected the token in DISCORD_TOKEN. Check it in the Developer Portal "
    "(Bot → Reset Token) and in your .env."
)
PRIVILEGED_INTENTS = "Discord refused the connection over intents; briefbot needs none privileged."
# Discord (or the way to it) is down, not our configuration: worth another try. A bad token is not.
UNREACHABLE: tuple[type[BaseException], ...] = (
    aiohttp.ClientConnectionError,  # refused, reset, DNS failure, no route
    asyncio.TimeoutError,
    discord.GatewayNotFound,
    discord.DiscordServerError,  # 5xx that outlasted discord.py's own retries
)


@dataclass(frozen=True, slots=True)
class Reconnect:
    """How long `briefbot run` keeps trying to reach Discord at start-up: `attempts` in all, waiting `first`
    seconds after the first failure and twice as long after each further one, at most `longest`. Once logged
    in, discord.py's own reconnect loop keeps the gateway connection alive."""

    attempts: int = 8
    first: float = 5.0
    longest: float = 120.0

    def waits(self) -> Iterator[float]:
        """The pause before each attempt after the first."""
        wait = self.first
        for _ in range(self.attempts - 1):
            yield wait
            wait = min(wait * 2, self.longest)


async def serve(
    settings: Settings,
    *,
    reconnect: Reconnect = Reconnect(),
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    make_bot: Callable[[Settings], Briefbot] = create_bot,
) -> int:
    """Run the bot until it is closed; retry (bounded, logged) while Discord cannot be reached. An exit code."""
    assert settings.discord_token is not None
    token = settings.discord_token.get_secret_value()
    waits = reconnect.waits()
    attempt = 0
    while True:
        attempt += 1
        try:
            async with make_bot(settings) as bot:  # a fresh client each time: nothing half set up is reused
                await bot.start(token)
            return 0
        except discord.LoginFailure:
            print(BAD_TOKEN, file=sys.stderr)
            return 1
        except discord.PrivilegedIntentsRequired:
            print(PRIVILEGED_INTENTS, file=sys.stderr)
            return 1
        except UNREACHABLE as exc:
            reason = str(exc) or type(exc).__name__
            wait = next(waits, None)
            if wait is None:
                print(
                    f"Could not reach Discord after {attempt} attempts (last: {reason}).\n"
                    "Check this machine's network connection, DNS and any firewall or proxy, then start "
                    "briefbot again.",
                    file=sys.stderr,
                )
                return 1
            log.warning(
                "Cannot reach Discord (%s); attempt %d of %d failed, trying again in %g s. Ctrl-C stops.",
                reason,
                attempt,
                reconnect.attempts,
                wait,
            )
            await sleep(wait)


def run_bot(
    settings: Settings,
    *,
    reconnect: Reconnect = Reconnect(),
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> int:
    """`briefbot run`: Ctrl-C or SIGTERM (`docker stop`) closes the bot cleanly, even while it waits to retry."""

    async def main() -> int:
        task = asyncio.current_task()
        assert task is not None
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' event loop
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        return await serve(settings, reconnect=reconnect, sleep=sleep)

    try:
        return asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        log.info("Stopped.")
        return 0
