"""The look-up commands' answers, shared by the Discord cogs and the offline console.

Each command is declared once in `bot.command_set` and runs through `run_command`, so a slash command and its
console twin take the same code path and return the same `Reply`.
"""

from __future__ import annotations

import logging
import re
import shlex
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot import __version__
from bot.briefs import Brief, NotFound, Section, UserError, echo
from bot.command_set import (
    CHART_CHOICES,
    COMMANDS,
    COMMANDS_BY_NAME,
    DIGEST,
    EXPORT_FORMATS,
    MAX_OPTION_CHARS,
)
from bot.core import Core
from bot.export import FORMATS, fact_rows
from bot.factbase.models import FACT_KINDS
from bot.factbase.text import clean
from bot.render.charts import Chart, chart_for
from bot.understanding import answer_question
from bot.understanding.brief import answer_brief, figure_brief

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Attachment:
    filename: str
    data: bytes


@dataclass(slots=True)
class Reply:
    brief: Brief | None = None
    error: str | None = None  # shown ephemerally on Discord, on stderr with exit 1 in the CLI
    attachment: Attachment | None = None
    notice: str | None = None  # short text that goes with an attachment
    chart: Chart | None = None  # a picture of the brief (or of an export's facts); the text stands without it

    @property
    def ok(self) -> bool:
        return self.error is None


class CommandError(UserError):
    pass


def _text(options: dict[str, Any], name: str, required: bool = False) -> str | None:
    value = options.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CommandError(f"The option {name} is required.")
        return None
    if not isinstance(value, str):
        value = str(value)
    if len(value) > MAX_OPTION_CHARS:
        raise CommandError(
            f"The option {name} is too long ({len(value)} characters; at most {MAX_OPTION_CHARS})."
        )
    return value


def _choice(options: dict[str, Any], name: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    value = _text(options, name)
    if value is None:
        return None
    if value.strip().lower() not in allowed:
        raise CommandError(f"{name} must be one of: {', '.join(allowed)} (got {echo(value, 30)}).")
    return value.strip().lower()


async def _help(core: Core, options: dict[str, Any]) -> Reply:
    lines = [
        f"`/{c.name}` — {c.description}" + (f"\n  e.g. `{c.example}`" if c.example else "") for c in COMMANDS
    ]
    brief = Brief(
        kind="help",
        title="briefbot — cited briefs on China and Central Asia",
        description=(
            "Every statement comes from a curated fact base and carries numbered citations; "
            "press **Show quotes** to read the verbatim source text."
        ),
        sections=[
            Section("Commands", text="\n".join(lines)),
            Section(
                "Digests (moderators)",
                text="\n".join(f"`/digest {c.name}` — {c.description}" for c in DIGEST.subcommands),
            ),
        ],
        key={"command": "help"},
    )
    return Reply(brief)


async def _about(core: Core, options: dict[str, Any]) -> Reply:
    counts = await core.store.counts()
    sources = await core.store.sources()
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(counts["by_kind"].items(), key=lambda kv: -kv[1]))
    src_lines = "\n".join(
        f"• {s.title} — {s.outlet}, {s.published or 'undated'} ({s.fact_count} facts)" for s in sources
    )
    stale = ""
    if core.build.stale:
        stale = (
            f"\n⚠ The curated files have {len(core.build.problems)} problem(s); serving the previous build."
        )
    brief = Brief(
        kind="about",
        title=f"briefbot {__version__}",
        description=(
            f"{counts['facts']} facts, {counts['entities']} entities, {counts['sources']} sources.\n"
            f"Fact base built {core.built_at} (inputs {core.input_hash[:12]}).{stale}"
        ),
        sections=[Section("Facts by kind", text=kinds), Section("Sources", text=src_lines)],
        key={"command": "about"},
    )
    return Reply(brief)


async def _export(core: Core, options: dict[str, Any]) -> Reply:
    country = _text(options, "country")
    fmt = _choice(options, "format", EXPORT_FORMATS) or "csv"
    if country:
        entity = core.briefs.resolve(country, {"country"}, "country").entity
        facts = await core.store.facts_for_entity(entity.rid, limit=100_000)
        stem = f"briefbot-{entity.id}"
    else:
        facts = await core.store.all_facts()
        stem = "briefbot-facts"
    facts.sort(key=lambda f: f.id)
    rows = await fact_rows(core.store, facts)
    data = FORMATS[fmt](rows).encode()
    notice = f"{len(rows)} facts with their citations ({fmt.upper()})."
    chart = None
    if wanted := _choice(options, "chart", CHART_CHOICES):
        # The chart of the same facts the answer to /timeline or /figure would draw for this country.
        if wanted == "figures" and not country:
            raise CommandError("A figures chart needs a country (figures are compared within one measure).")
        if wanted == "timeline":
            brief = (await _timeline(core, {"about": country})).brief
        else:
            brief = await core.briefs.figures(country)
        chart = await _chart(core, brief) if brief else None
        notice += f" {chart.caption}" if chart else f" No {wanted} chart: the facts give nothing to draw."
    return Reply(attachment=Attachment(f"{stem}.{fmt}", data), notice=notice, chart=chart)


async def search_brief(core: Core, query: str, country: str | None = None, kind: str | None = None) -> Brief:
    """/search: the question answered by question understanding, as a brief."""
    if not clean(query).strip():
        raise UserError("Please type something to search for.")
    answer = await answer_question(core, query, country=country, kind=kind)
    country_id = answer.question.entities[0].id if country and answer.question.entities else None
    key = {"command": "search", "query": query, "country": country_id, "kind": kind}
    title = f"Search: {echo(query)}" + (f" — {answer.question.entities[0].name}" if country_id else "")
    return await answer_brief(core.store, answer, key, title=title)


Handler = Callable[[Core, dict[str, Any]], Awaitable[Reply]]


def _brief(fn: Callable[..., Awaitable[Brief]], *names: str, required: tuple[str, ...] = ()) -> Handler:
    async def handler(core: Core, options: dict[str, Any]) -> Reply:
        args = [_text(options, n, n in required) for n in names]
        return Reply(await fn(core, *args))

    return handler


async def _search(core: Core, options: dict[str, Any]) -> Reply:
    kind = _choice(options, "kind", FACT_KINDS)
    return Reply(
        await search_brief(core, _text(options, "query", True) or "", _text(options, "country"), kind)
    )


async def _figure(core: Core, options: dict[str, Any]) -> Reply:
    query = _text(options, "query", True) or ""
    country = _text(options, "country")
    entity = core.briefs.resolve(country, {"country"}, "country").entity if country else None
    return Reply(await figure_brief(core.store, core.answerer, query, entity))


async def _project(core: Core, options: dict[str, Any]) -> Reply:
    name = _text(options, "name", True) or ""
    try:
        return Reply(await core.briefs.project(name))
    except NotFound as missing:
        # Not a named entity: what the facts' own text says about it ("grand Eurasian passageway").
        answer = await answer_question(core, name)
        if not answer.covered:
            raise missing from None
        key = {"command": "project", "name": name}
        return Reply(await answer_brief(core.store, answer, key, title=f"What the sources say: {echo(name)}"))


async def _timeline(core: Core, options: dict[str, Any]) -> Reply:
    about = _text(options, "about")
    if about is None:
        return Reply(await core.briefs.timeline())
    match = core.entities.resolve(about)
    if match is not None:
        return Reply(await core.briefs.timeline(match.entity))
    answer = await answer_question(core, f"timeline of {about}")
    dated = [f for f in answer.facts if f.date] if answer.covered else []
    if not dated:
        near = core.entities.suggest(about)
        hint = f" Did you mean {' or '.join(m.entity.name for m in near[:2])}?" if near else ""
        raise NotFound(f"The sources date nothing about {echo(about)}.{hint}", [m.entity.name for m in near])
    return Reply(await core.briefs.timeline_of(about, dated))


HANDLERS: dict[str, Handler] = {
    "country": _brief(lambda c, n: c.briefs.country(n), "name", required=("name",)),
    "project": _project,
    "figure": _figure,
    "search": _search,
    "fact": _brief(lambda c, i: c.briefs.fact(i), "id", required=("id",)),
    "source": _brief(lambda c, n: c.briefs.source(n), "name", required=("name",)),
    "timeline": _timeline,
    "compare": _brief(lambda c, a, b: c.briefs.compare(a, b), "a", "b", required=("a", "b")),
    "export": _export,
    "help": _help,
    "about": _about,
}


async def _chart(core: Core, brief: Brief, draw: bool = True) -> Chart | None:
    try:
        return await chart_for(core.store, brief, draw=draw)
    except sqlite3.DatabaseError:
        raise
    except Exception:
        # A picture is an extra: the answer goes out complete without it, and the log says why.
        log.exception("Could not make the chart for %s", brief.key)
        return None


async def run_command(core: Core, name: str, options: dict[str, Any], *, draw: bool = True) -> Reply:
    """Run one command; user mistakes become `Reply.error`, never an exception.

    `draw=False` describes the brief's chart without drawing it (a button that re-reads a sent answer).
    """
    command = COMMANDS_BY_NAME.get(name)
    if command is None:
        known = ", ".join(f"/{c.name}" for c in COMMANDS)
        return Reply(error=f"Unknown command /{echo(name, 32)}. Commands: {known}.")
    unknown = set(options) - {o.name for o in command.options}
    if unknown:
        return Reply(
            error=f"/{name} has no option {echo(sorted(unknown)[0], 32)}. "
            f"Options: {', '.join(o.name for o in command.options) or 'none'}."
        )
    try:
        reply = await HANDLERS[name](core, options)
        if reply.brief is not None:
            reply.chart = await _chart(core, reply.brief, draw)
        return reply
    except UserError as exc:
        return Reply(error=str(exc))
    except sqlite3.DatabaseError:
        # The compiled file was damaged under us: answer politely; the owner rebuilds it with /reload.
        log.exception("The compiled fact base could not be read while answering /%s", name)
        return Reply(
            error="The fact base cannot be read right now. The bot's owner has been told; "
            "please try again after it is reloaded."
        )


# ---------------------------------------------------------------------- the console's slash-line syntax

_OPTION = re.compile(r"^([a-z_]+):(.*)$", re.DOTALL)


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:
        # An unbalanced quote is a typo, not a reason to refuse: fall back to whitespace words.
        return line.replace('"', " ").replace("'", " ").split()


def parse_slash(line: str) -> tuple[str, dict[str, str]]:
    """`/figure query:"gas pipeline" country:Turkmenistan` -> ("figure", {...}); bare words fill the first option."""
    line = line.strip()
    if not line.startswith("/"):
        raise CommandError("Commands start with a slash, e.g. /country Kazakhstan. Type /help for the list.")
    head, _, rest = line[1:].partition(" ")
    name = head.strip().lower()
    command = COMMANDS_BY_NAME.get(name)
    if command is None:
        raise CommandError(f"Unknown command /{echo(name, 32)}. Type /help for the list.")
    valid = {o.name for o in command.options}
    options: dict[str, str] = {}
    bare: list[str] = []
    current: str | None = None
    for token in _split(rest):
        m = _OPTION.match(token)
        if m and m.group(1) in valid:
            current = m.group(1)
            options[current] = m.group(2)
        elif current is not None and not bare:
            options[current] = f"{options[current]} {token}".strip()
        else:
            bare.append(token)
    if bare:
        if not command.options:
            raise CommandError(f"/{name} takes no options.")
        first = command.options[0].name
        if first in options:
            raise CommandError(f"Give {first} either bare or as {first}:…, not both.")
        options[first] = " ".join(bare)
    return name, options
