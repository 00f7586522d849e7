"""One real bot session against the Discord stand-in (started by devtools.harness), and helpers to fire many
interactions at it and check each.

Every interaction is checked the same way: a callback the stand-in accepted, and a final message (a deferred one
filled in, or the private follow-up that replaces a withdrawn one). What the message must look like is up to the
caller. Discord's 3 s deadline is not enforced here: on a loaded machine it would fail the run for reasons that have
nothing to do with the input; `briefbot bench` measures acknowledgement latency under a burst instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.adapters.discord.client import Briefbot
from devtools.bench.final_answer import final_answer
from devtools.harness import bot_in_standin, bot_settings, running_bot
from devtools.standin import (
    DiscordStandin,
    GuildSpec,
    InteractionFailed,
    InteractionHandle,
    Perm,
    RoleSpec,
    StoredMessage,
    UserSpec,
    running_standin,
)
from devtools.standin.base import NO_DEADLINE_S
from tests.conftest import RealBase

WAIT_S = 30.0  # how long an answer may take before it counts as never arriving
BATCH = 40  # interactions in flight at once
ADMIN_ROLE = "Server admin"
USER = "alice"  # no special permissions
ADMIN = "bob"  # Manage Server in every guild
T = TypeVar("T")


class ErrorLog(logging.Handler):
    """Collects ERROR (and worse) records from the bot and discord.py: each is an unexpected failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [
            f"{r.name}: {r.getMessage()}"
            + (f" [{r.exc_info[0].__name__}: {r.exc_info[1]}]" if r.exc_info and r.exc_info[0] else "")
            for r in self.records
        ]


@dataclass
class Session:
    standin: DiscordStandin
    bot: Briefbot
    data_dir: Path
    guilds: list[str]
    errors: ErrorLog
    # (guild name, topic, time, timezone, country id) of every subscription a valid /digest subscribe made.
    expected_subscriptions: list[tuple[str, str | None, str, str, str | None]] = field(default_factory=list)

    def guild_id(self, name: str) -> int:
        return self.standin.guild_id(name)

    def channel(self, guild: str, name: str = "general") -> int:
        return self.standin.channel_id(name, guild=guild)


def _prepare(real_base: RealBase, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(
        real_base.db_path, data_dir / "factbase.db"
    )  # up to date already: the bot does not recompile


@contextlib.asynccontextmanager
async def bot_session(real_base: RealBase, data_dir: Path, guild_count: int) -> AsyncIterator[Session]:
    """The real bot on a copy of the session's compiled fact base, in `guild_count` guilds, commands synced
    globally (so every guild has them)."""
    _prepare(real_base, data_dir)
    guilds = [f"hostile-{n}" for n in range(guild_count)]
    specs = tuple(
        GuildSpec(name=g, roles=(RoleSpec(ADMIN_ROLE, permissions=Perm.MANAGE_GUILD),)) for g in guilds
    )
    users = (UserSpec(USER, global_name="Alice"), UserSpec(ADMIN, global_name="Bob", roles=(ADMIN_ROLE,)))
    errors = ErrorLog()
    watched = [logging.getLogger("bot"), logging.getLogger("cogs"), logging.getLogger("discord")]
    for logger in watched:
        logger.addHandler(errors)
    try:
        async with running_standin(guilds=specs, users=users, interaction_deadline=NO_DEADLINE_S) as standin:
            settings = bot_settings(
                standin,
                data_dir,
                seeds_dir=real_base.seeds_dir,
                curated_dir=real_base.curated_dir,
                dev_guild=False,
            )
            async with running_bot(standin, settings) as run:
                yield Session(standin, run.bot, data_dir, guilds, errors)
    finally:
        for logger in watched:
            logger.removeHandler(errors)


@contextlib.asynccontextmanager
async def one_guild_bot(real_base: RealBase, data_dir: Path) -> AsyncIterator[DiscordStandin]:
    """The real bot on a copy of the compiled fact base in the stand-in's one guild, its commands synced there."""
    _prepare(real_base, data_dir)
    async with bot_in_standin(
        data_dir,
        interaction_deadline=NO_DEADLINE_S,
        seeds_dir=real_base.seeds_dir,
        curated_dir=real_base.curated_dir,
    ) as run:
        yield run.standin


async def in_batches(
    items: Sequence[T], work: Callable[[T], Awaitable[list[str]]], batch: int = BATCH
) -> list[str]:
    """Run `work` over `items`, `batch` at a time concurrently; the problems of all of them."""
    problems: list[str] = []
    for start in range(0, len(items), batch):
        for found in await asyncio.gather(*(work(item) for item in items[start : start + batch])):
            problems.extend(found)
    return problems


async def answered(
    standin: DiscordStandin, handle: InteractionHandle, label: str
) -> tuple[StoredMessage | None, list[str]]:
    """The interaction's final message once it was acknowledged (None and the problems if not)."""
    try:
        record = await handle.response(timeout=WAIT_S)
    except InteractionFailed as exc:
        return None, [f"{label}: no response (the user would see 'The application did not respond'): {exc}"]
    problems = []
    if not record.ok:
        problems.append(f"{label}: callback rejected {record.status} {record.response}")
    try:
        message = await final_answer(standin, handle, timeout=WAIT_S)
    except InteractionFailed as exc:
        return None, [*problems, f"{label}: the answer never arrived: {exc}"]
    return message, problems


def no_pings(messages: Iterable[StoredMessage]) -> list[str]:
    return [
        f"message {m.id} pings: everyone={m.pings_everyone} users={m.pinged_user_ids} roles={m.pinged_role_ids}"
        for m in messages
        if m.pings_everyone or m.pinged_user_ids or m.pinged_role_ids
    ]


def sendable(option: dict[str, Any], value: str) -> str | None:
    """The value as Discord would deliver it for a string option: cut to max_length; None if under min_length."""
    cut = value[: option.get("max_length", 6000)]
    return cut if len(cut) >= option.get("min_length", 0) else None


def schema_options(
    standin: DiscordStandin, command: str, subcommand: str | None = None
) -> dict[str, dict[str, Any]]:
    """The registered options of a (global) slash command or one of its subcommands, by name."""
    found = next(c for c in standin.registered_commands(None) if c["name"] == command)
    options = found.get("options") or []
    if subcommand is not None:
        options = next(o for o in options if o["name"] == subcommand).get("options") or []
    return {o["name"]: o for o in options}
