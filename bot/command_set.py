"""Every slash command the bot offers, declared once: names, descriptions, options, limits, permissions.

The Discord adapter builds the application commands from these declarations and the console, `/help` and
`run_command` read them, so the two can never describe a command differently. Discord's rules for a command
(name and description lengths, at most 25 options and 25 choices, required options first) are checked here, at
import, rather than by Discord when the commands are synced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.digests.models import WEEKDAYS
from bot.factbase.models import FACT_KINDS

OptionType = Literal["string", "integer", "channel"]
# Where an option's autocomplete suggestions come from; the adapter maps each source to its callback.
AutocompleteSource = Literal["country", "project", "entity", "source", "fact", "timezone", "subscription"]
Permission = Literal["administrator", "manage_guild"]

MAX_OPTION_CHARS = 300
CHART_CHOICES = ("timeline", "figures")
EXPORT_FORMATS = ("csv", "json")

# Discord's limits for application commands.
_NAME = re.compile(r"^[-_\w]{1,32}$")
MAX_DESCRIPTION = 100
MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_STRING_LENGTH = 6000


class DeclarationError(ValueError):
    """A command declared in a way Discord would refuse."""


def _check_name(name: str, what: str) -> None:
    if not _NAME.match(name) or name != name.lower():
        raise DeclarationError(f"{what} name {name!r}: 1-32 lower-case letters, digits, '-' or '_'")


def _check_description(description: str, what: str) -> None:
    if not 1 <= len(description) <= MAX_DESCRIPTION:
        raise DeclarationError(f"{what}: a description of 1-{MAX_DESCRIPTION} characters")


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    description: str
    required: bool = False
    autocomplete: AutocompleteSource | None = None
    choices: tuple[str, ...] = ()
    max_length: int = 100
    type: OptionType = "string"
    min_length: int = 1
    min_value: int | None = None  # integers only
    max_value: int | None = None
    default: str | int | None = None  # what an omitted optional option means

    def __post_init__(self) -> None:
        what = f"option {self.name!r}"
        _check_name(self.name, "option")
        _check_description(self.description, what)
        if len(self.choices) > MAX_CHOICES:
            raise DeclarationError(f"{what}: at most {MAX_CHOICES} choices")
        if any(not 1 <= len(c) <= 100 for c in self.choices):
            raise DeclarationError(f"{what}: each choice 1-100 characters")
        if self.choices and self.autocomplete:
            raise DeclarationError(f"{what}: choices or autocomplete, not both")
        if self.type == "string" and not 0 <= self.min_length <= self.max_length <= MAX_STRING_LENGTH:
            raise DeclarationError(f"{what}: lengths between 0 and {MAX_STRING_LENGTH}, min <= max")
        if self.type != "integer" and (self.min_value is not None or self.max_value is not None):
            raise DeclarationError(f"{what}: only integer options have a minimum and maximum value")
        if self.required and self.default is not None:
            raise DeclarationError(f"{what}: a required option has no default")
        if self.choices and self.default is not None and self.default not in self.choices:
            raise DeclarationError(f"{what}: the default must be one of the choices")


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    description: str
    options: tuple[Option, ...] = ()
    example: str = ""
    subcommands: tuple[Command, ...] = ()  # a group: /name subcommand …
    permission: Permission | None = None  # shown only to members with it (server admins can change that)
    guild_only: bool = False

    def __post_init__(self) -> None:
        what = f"command {self.name!r}"
        _check_name(self.name, "command")
        _check_description(self.description, what)
        if len(self.options) > MAX_OPTIONS or len(self.subcommands) > MAX_OPTIONS:
            raise DeclarationError(f"{what}: at most {MAX_OPTIONS} options or subcommands")
        if self.options and self.subcommands:
            raise DeclarationError(f"{what}: a group has subcommands, not options")
        names = [o.name for o in self.options] or [c.name for c in self.subcommands]
        if len(set(names)) != len(names):
            raise DeclarationError(f"{what}: option and subcommand names must differ")
        required = [o.required for o in self.options]
        if required != sorted(required, reverse=True):
            raise DeclarationError(f"{what}: required options come before optional ones")

    def subcommand(self, name: str) -> Command:
        return next(c for c in self.subcommands if c.name == name)


# ---------------------------------------------------------------------------- look-ups (console and Discord)

COMMANDS: tuple[Command, ...] = (
    Command(
        "country",
        "Brief on a country: key figures, projects, timeline, relations, opinion, caveats",
        (Option("name", "Country, e.g. Kazakhstan", True, "country"),),
        "/country name:Kazakhstan",
    ),
    Command(
        "project",
        "What the sources say about a project, initiative, organisation or document",
        (Option("name", "A name, e.g. Ozodi Tunnel, Samruk-Kazyna, SCO Charter", True, "project"),),
        "/project name:Ozodi Tunnel",
    ),
    Command(
        "figure",
        "Figures the sources give, with their qualifiers and dates",
        (
            Option("query", "What the figure is about, e.g. gas pipeline", True, max_length=MAX_OPTION_CHARS),
            Option("country", "Only figures about this country", False, "country"),
        ),
        '/figure query:"financing" country:Kazakhstan',
    ),
    Command(
        "search",
        "Search the facts with keywords or a whole question",
        (
            Option("query", "Keywords or a question", True, max_length=MAX_OPTION_CHARS),
            Option("country", "Only facts about this country", False, "country"),
            Option("kind", "Only facts of this kind", False, choices=FACT_KINDS),
        ),
        '/search query:"How long is the China–Kazakhstan border?"',
    ),
    Command(
        "fact",
        "One fact with its verbatim quotes in context",
        (Option("id", "Fact id, e.g. ser-kz-china-border-length", True, "fact"),),
        "/fact id:…",
    ),
    Command(
        "source",
        "What a source document is, how reliable, and what we drew from it",
        (Option("name", "Source title, outlet or id", True, "source"),),
        "/source name:Diplomat",
    ),
    Command(
        "timeline",
        "Dated facts in order, optionally about one country, organisation, initiative or topic",
        (Option("about", "A country, organisation, initiative or topic, e.g. SCO", False, "entity"),),
        "/timeline about:SCO",
    ),
    Command(
        "compare",
        "Two countries side by side",
        (Option("a", "First country", True, "country"), Option("b", "Second country", True, "country")),
        "/compare a:Kazakhstan b:Kyrgyzstan",
    ),
    Command(
        "export",
        "Download matching facts with their citations",
        (
            Option("country", "Only facts about this country", False, "country"),
            Option("format", "File format (default CSV)", False, choices=EXPORT_FORMATS, default="csv"),
            Option("chart", "Also attach a chart of these facts", False, choices=CHART_CHOICES),
        ),
        "/export country:Tajikistan",
    ),
    Command("help", "How to use briefbot"),
    Command("about", "What is in the fact base, and when it was built"),
)
COMMANDS_BY_NAME = {c.name: c for c in COMMANDS}

# ---------------------------------------------------------------------------- digests (Discord and `briefbot digest`)

_SUBSCRIPTION = Option(
    "id", "The subscription's number (see /digest list)", True, "subscription", type="integer", min_value=1
)

DIGEST = Command(
    "digest",
    "Scheduled cited digests for a channel",
    subcommands=(
        Command(
            "subscribe",
            "Post a cited digest to a channel on a schedule",
            (
                Option("channel", "Where to post", True, type="channel"),
                Option("time", "Local time, HH:MM (24-hour)", True, min_length=4, max_length=5),
                Option(
                    "timezone",
                    "IANA timezone, e.g. Asia/Almaty (default: set by the bot's owner)",
                    autocomplete="timezone",
                    max_length=64,
                ),
                Option("frequency", "daily or weekly", choices=("daily", "weekly"), default="daily"),
                Option("day", "For weekly digests", choices=WEEKDAYS),
                Option("country", "Focus on one country", autocomplete="country"),
                Option("topic", "Focus on keywords, e.g. energy"),
                Option(
                    "size", "Facts per digest (1–10)", type="integer", min_value=1, max_value=10, default=5
                ),
            ),
        ),
        Command("list", "This server's digest subscriptions and their status"),
        Command("remove", "Stop a digest (its history is kept)", (_SUBSCRIPTION,)),
        Command("pause", "Pause a digest", (_SUBSCRIPTION,)),
        Command("resume", "Resume a paused digest", (_SUBSCRIPTION,)),
        Command(
            "preview",
            "The next digest exactly as it would be posted, and when",
            (
                Option(
                    "id",
                    "The subscription's number (default: the first)",
                    False,
                    "subscription",
                    type="integer",
                    min_value=1,
                ),
            ),
        ),
        Command("send-now", "Post a digest now (does not use up the next scheduled one)", (_SUBSCRIPTION,)),
        Command("history", "Recent deliveries of a digest, with status and reason", (_SUBSCRIPTION,)),
    ),
    permission="manage_guild",
    guild_only=True,
)

# ---------------------------------------------------------------------------- maintenance (Discord only)

RELOAD = Command(
    "reload", "Owner only: rebuild the fact base from the curated files", permission="administrator"
)

# The whole tree Discord is given.
SLASH_COMMANDS: tuple[Command, ...] = (*COMMANDS, DIGEST, RELOAD)
