"""`briefbot digest …`: the digest operations from a terminal, through the same `DigestCommands`.

Subscriptions made here belong to a server id given with --guild (default 0, a local "console" server), so
a newcomer can try digests without Discord. `run --at` delivers what is due at that instant: with a Discord
token it posts through Discord's REST API; with --print it prints the digests instead (and records them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from typing import Any

from bot.briefs import UserError
from bot.command_set import DIGEST, Command
from bot.config import Settings
from bot.core import Core
from bot.digests.commands import DigestAnswer, DigestCommands
from bot.digests.compose import DigestComposer
from bot.digests.delivery import DigestService
from bot.digests.errors import DeliveryCheckImpossible, DigestError
from bot.digests.keys import DeliveryKey
from bot.digests.store import SubscriptionStore
from bot.render.text import plain_line, render_brief
from bot.state.db import open_state_db
from bot.state.errors import StateDBError

_PRINT_HELP = "print digests instead of posting them to Discord"


class PrintSender:
    """Prints each digest payload as JSON lines; message ids count up from 1. Printed digests cannot be looked
    up afterwards, so a run that died mid-print is recorded as 'failed' rather than printed twice."""

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        self.sent += 1
        print(json.dumps({"channel_id": channel_id, "payload": payload}, ensure_ascii=False))
        return self.sent

    async def find(self, channel_id: int, key: DeliveryKey, since: dt.datetime | None) -> int | None:
        raise DeliveryCheckImpossible("printed digests cannot be looked up")

    async def close(self) -> None:
        """Nothing to release; here so every sender closes alike."""


def _declared(parser: argparse.ArgumentParser, command: Command) -> None:
    """The options `/digest <command>` declares: a subscription id as an argument, the rest as --flags."""
    parser.add_argument("--guild", type=int, default=0, help="the server's id (default 0: this console)")
    for option in command.options:
        extra: dict[str, Any] = {"help": option.description}
        if option.choices:
            extra |= {"type": str.lower, "choices": option.choices}
        elif option.type != "string":
            extra["type"] = int  # a number, or a channel's id
        if option.name == "id":
            parser.add_argument("id", nargs=None if option.required else "?", **extra)
        else:
            parser.add_argument(f"--{option.name}", required=option.required, default=option.default, **extra)


def add_parser(sub: Any) -> None:
    names = ", ".join(c.name for c in DIGEST.subcommands)
    digest = sub.add_parser("digest", help=f"digest subscriptions: {names}, run")
    dsub = digest.add_subparsers(dest="digest_command", metavar="ACTION", required=True)
    for command in DIGEST.subcommands:
        _declared(p := dsub.add_parser(command.name, help=command.description), command)
        if command.name == "preview":
            p.add_argument("--at", help="ISO time to preview from (default now)")
            p.add_argument("--json", action="store_true", help="print the exact Discord payload")
        if command.name == "send-now":
            p.add_argument("--print", action="store_true", help=_PRINT_HELP)
    r = dsub.add_parser("run", help="deliver whatever is due at an instant")
    r.add_argument("--at", required=True, help="ISO time, e.g. 2026-11-26T08:00:00+00:00")
    r.add_argument("--print", action="store_true", help=_PRINT_HELP)


def parse_instant(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(re.sub(r"Z$", "+00:00", text.strip()))
    except ValueError:
        raise UserError(f"Not an ISO time: {text!r} (e.g. 2026-11-26T08:00:00+00:00)") from None
    if value.tzinfo is None:
        raise UserError(
            "Give the time with its offset, e.g. 2026-11-26T08:00:00+00:00, so it is unambiguous."
        )
    return value.astimezone(dt.UTC)


def print_answer(answer: DigestAnswer, as_json: bool = False) -> None:
    if as_json and answer.payload is not None:
        print(json.dumps(answer.payload, ensure_ascii=False, indent=2))
        return
    print(answer.title)
    for line in answer.lines:
        print(f"  {plain_line(line)}")
    if answer.brief is not None:
        print(f"\n{render_brief(answer.brief)}", end="")


async def run(core: Core, settings: Settings, args: argparse.Namespace) -> int:
    sender: Any
    if args.digest_command in {"run", "send-now"} and not args.print:
        if settings.discord_token is None:
            print(
                "Posting digests needs DISCORD_TOKEN. Use --print to print them here instead.",
                file=sys.stderr,
            )
            return 2
        # Imported here so the other digest commands never load discord.py.
        from bot.adapters.discord.digest_sender import RestSender

        sender = RestSender(settings.discord_token.get_secret_value())
    else:
        sender = PrintSender()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = await open_state_db(settings.state_db_path)
    service: DigestService | None = None
    try:
        store = SubscriptionStore(db)
        composer = DigestComposer(core.briefs)
        service = DigestService(
            store,
            composer.compose,
            sender,
            grace=dt.timedelta(hours=settings.digest_grace_hours),
            nonce_window=dt.timedelta(seconds=settings.digest_nonce_window_seconds),
            max_concurrency=settings.digest_concurrency,
        )
        commands = DigestCommands(store, service, composer, core.briefs)
        a = args
        match a.digest_command:
            case "list":
                answer = await commands.list(a.guild)
            case "subscribe":
                answer = await commands.subscribe(
                    guild_id=a.guild,
                    channel_id=a.channel,
                    user_id=0,
                    time=a.time,
                    timezone=a.timezone or settings.default_timezone,
                    frequency=a.frequency,
                    day=a.day,
                    country=a.country,
                    topic=a.topic,
                    size=a.size,
                )
            case "pause":
                answer = await commands.pause(a.guild, a.id)
            case "resume":
                answer = await commands.resume(a.guild, a.id)
            case "remove":
                answer = await commands.remove(a.guild, a.id)
            case "history":
                answer = await commands.history(a.guild, a.id)
            case "send-now":
                answer = await commands.send_now(a.guild, a.id)
            case "preview":
                answer = await commands.preview(a.guild, a.id, parse_instant(a.at) if a.at else None)
            case _:
                answer = await commands.run_due(parse_instant(a.at))
        print_answer(answer, getattr(a, "json", False))
        return 0 if answer.ok else 1
    except (UserError, DigestError, StateDBError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        await sender.close()
        if service is not None:
            service.close()
        await db.close()
