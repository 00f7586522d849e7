"""The console's slash-line syntax and `run_command`: user mistakes become polite errors, never exceptions."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.adapters.cli.console import ask, repl
from bot.command_set import COMMANDS, COMMANDS_BY_NAME, DIGEST
from bot.commands import HANDLERS, CommandError, Reply, parse_slash, run_command
from bot.core import Core

# --------------------------------------------------------------------------- parse_slash


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/country name:Kazakhstan", ("country", {"name": "Kazakhstan"})),
        ("/country Kazakhstan", ("country", {"name": "Kazakhstan"})),
        ("  /COUNTRY   Kazakhstan  ", ("country", {"name": "Kazakhstan"})),
        ("/country Kyrgyz Republic", ("country", {"name": "Kyrgyz Republic"})),
        (
            '/figure query:"gas pipeline" country:Turkmenistan',
            ("figure", {"query": "gas pipeline", "country": "Turkmenistan"}),
        ),
        (
            "/figure query:gas pipeline country:Turkmenistan",
            ("figure", {"query": "gas pipeline", "country": "Turkmenistan"}),
        ),
        (
            "/figure country:Turkmenistan query:gas pipeline deals",
            ("figure", {"country": "Turkmenistan", "query": "gas pipeline deals"}),
        ),
        ("/compare a:Kazakhstan b:Kyrgyz Republic", ("compare", {"a": "Kazakhstan", "b": "Kyrgyz Republic"})),
        (
            '/search query:"How long is the China-Kazakhstan border?"',
            ("search", {"query": "How long is the China-Kazakhstan border?"}),
        ),
        ("/search query:a:b", ("search", {"query": "a:b"})),
        ("/timeline", ("timeline", {})),
        ("/help", ("help", {})),
    ],
)
def test_parse_slash_reads_options(line: str, expected: tuple[str, dict[str, str]]) -> None:
    assert parse_slash(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        '/search query:"gas pipeline',
        "/search it's China's",
        "/country Xi'an",
        '/figure query:"gas country:"Turkmenistan',
        "/search '",
        '/search "',
    ],
)
def test_unbalanced_quotes_do_not_raise(line: str) -> None:
    name, options = parse_slash(line)
    assert name in COMMANDS_BY_NAME
    assert all(isinstance(v, str) for v in options.values())


def test_unbalanced_quote_keeps_the_words() -> None:
    assert parse_slash('/search query:"gas pipeline') == ("search", {"query": "gas pipeline"})


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("/nonsense Kazakhstan", "Unknown command /nonsense"),
        ("/", "Unknown command"),
        ("country Kazakhstan", "start with a slash"),
        ("", "start with a slash"),
        ("/help me", "takes no options"),
        ("/country Kazakhstan name:Kazakhstan", "either bare or as name:"),
    ],
)
def test_parse_slash_mistakes_are_polite_command_errors(line: str, says: str) -> None:
    with pytest.raises(CommandError, match=says):
        parse_slash(line)


def test_unknown_command_error_does_not_echo_control_characters() -> None:
    with pytest.raises(CommandError) as info:
        parse_slash("/\x00\x1b[31mevil")
    assert "\x00" not in str(info.value) and "\x1b" not in str(info.value)


# --------------------------------------------------------------------------- run_command


def test_every_declared_command_has_a_handler() -> None:
    assert set(HANDLERS) == {c.name for c in COMMANDS}
    for command in COMMANDS:
        assert len(command.options) <= 25 and len(command.description) <= 100


def test_bare_words_fill_a_required_first_option() -> None:
    for command in COMMANDS:
        if any(o.required for o in command.options):
            assert command.options[0].required, command.name


MISTAKES: list[tuple[str, dict[str, object], str]] = [
    ("nonsense", {}, "Unknown command"),
    ("country", {}, "required"),
    ("country", {"name": ""}, "required"),
    ("country", {"name": "   "}, "required"),
    ("country", {"nme": "Kazakhstan"}, "has no option nme"),
    ("country", {"name": "Kazakstan"}, "did you mean Kazakhstan"),
    ("country", {"name": "Narnia"}, "not in the fact base"),
    ("country", {"name": "x" * 301}, "too long"),
    ("country", {"name": "BRI"}, "not a country"),
    ("country", {"name": "Xi Jinping"}, "not a country"),
    ("project", {"name": "Narnia"}, "not in the fact base"),
    ("figure", {}, "required"),
    ("figure", {"query": "gas", "country": "Narnia"}, "not in the fact base"),
    ("search", {"query": ""}, "required"),
    ("search", {"query": "gas", "kind": "rumour"}, "kind must be one of"),
    ("search", {"query": "gas", "country": "Atlantis"}, "not in the fact base"),
    ("fact", {"id": "no-such-fact"}, "no fact with id"),
    ("fact", {"id": ""}, "required"),
    ("source", {"name": "Nowhere Times"}, "not one of the sources"),
    ("source", {"name": "a"}, "several sources"),
    ("timeline", {"about": "Narnia"}, "date nothing about Narnia"),
    ("compare", {"a": "Kazakhstan"}, "required"),
    ("compare", {"a": "Kazakhstan", "b": "Astana"}, "two different countries"),
    ("compare", {"a": "Kazakhstan", "b": "Ozodi Tunnel"}, "not a country"),
    ("export", {"format": "pdf"}, "format must be one of"),
    ("export", {"country": "Narnia"}, "not in the fact base"),
    ("help", {"x": "1"}, "has no option"),
    ("about", {"verbose": True}, "has no option"),
]


@pytest.mark.parametrize(("command", "options", "says"), MISTAKES, ids=lambda v: str(v)[:30])
async def test_user_mistakes_are_reply_errors_not_exceptions(
    core: Core, command: str, options: dict[str, object], says: str
) -> None:
    reply = await run_command(core, command, options)
    assert isinstance(reply, Reply) and not reply.ok
    assert reply.brief is None and reply.attachment is None
    assert says.lower() in (reply.error or "").lower(), reply.error


async def test_non_string_option_values_are_accepted(core: Core) -> None:
    reply = await run_command(core, "timeline", {"about": None})
    assert reply.ok and reply.brief is not None and reply.brief.title == "Timeline"


@pytest.mark.parametrize(
    ("command", "options", "title"),
    [
        ("country", {"name": "kazakhstan"}, "Kazakhstan"),
        ("country", {"name": "Astana"}, "Kazakhstan"),
        ("project", {"name": "One Belt One Road"}, "Belt and Road Initiative"),
        ("timeline", {"about": "Tajikistan"}, "Timeline — Tajikistan"),
        ("timeline", {"about": "SCO"}, "Timeline — Shanghai Cooperation Organisation"),
        ("project", {"name": "Samruk-Kazyna"}, "Samruk-Kazyna"),
        ("compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"}, "Kazakhstan and Kyrgyzstan"),
        ("search", {"query": "gas pipeline", "kind": "Project"}, "Search: gas pipeline"),
    ],
)
async def test_commands_answer_with_a_brief(
    core: Core, command: str, options: dict[str, str], title: str
) -> None:
    reply = await run_command(core, command, options)
    assert reply.ok and reply.brief is not None
    assert reply.brief.title == title
    assert reply.brief.key["command"] == command


async def test_help_lists_every_command_as_declared(core: Core) -> None:
    reply = await run_command(core, "help", {})
    assert reply.brief is not None
    text = "\n".join(s.text or "" for s in reply.brief.sections)
    for command in COMMANDS:
        assert f"`/{command.name}` — {command.description}" in text
    for sub in DIGEST.subcommands:  # moderators' commands, from the same declarations as the slash commands
        assert f"`/digest {sub.name}` — {sub.description}" in text


async def test_about_counts_the_fact_base(core: Core) -> None:
    counts = await core.store.counts()
    reply = await run_command(core, "about", {})
    assert reply.brief is not None
    assert f"{counts['facts']} facts" in (reply.brief.description or "")


async def test_export_command_attaches_every_fact_as_csv(core: Core) -> None:
    reply = await run_command(core, "export", {})
    assert reply.attachment is not None and reply.attachment.filename == "briefbot-facts.csv"
    assert reply.notice and str((await core.store.counts())["facts"]) in reply.notice


# --------------------------------------------------------------------------- console


async def test_ask_answers_a_slash_line(core: Core) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await ask(core, "/country Kazakhstan", out=out, err=err) == 0
    assert "26%" in out.getvalue() and "1,700 km" in out.getvalue()
    assert err.getvalue() == ""


async def test_ask_reports_mistakes_on_stderr_with_status_1(core: Core) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await ask(core, "/country Kazakstan", out=out, err=err) == 1
    assert "did you mean Kazakhstan" in err.getvalue() and out.getvalue() == ""
    assert await ask(core, "/nonsense", out=out, err=err) == 1
    assert "Unknown command" in err.getvalue()


async def test_ask_json_prints_the_discord_payloads(core: Core) -> None:
    out = io.StringIO()
    assert await ask(core, "/figure query:financing country:Kazakhstan", as_json=True, out=out) == 0
    payloads = json.loads(out.getvalue())
    assert isinstance(payloads, list) and payloads[0]["embeds"][0]["title"].startswith("Figures")


async def test_ask_export_saves_the_file(core: Core, tmp_path: Path) -> None:
    out = io.StringIO()
    assert await ask(core, "/export country:Kazakhstan format:json", out=out, save_dir=tmp_path) == 0
    saved = tmp_path / "briefbot-kazakhstan.json"
    assert saved.is_file() and json.loads(saved.read_text(encoding="utf-8"))


async def test_repl_answers_until_quit(core: Core) -> None:
    lines = iter(
        [
            "/country Kazakhstan",
            "/quotes",
            "/country Kazakstan",
            "How long is the China-Kazakhstan border?",
            "",
            "/quit",
        ]
    )
    out = io.StringIO()
    assert await repl(core, read=lambda _prompt: next(lines), out=out) == 0
    text = out.getvalue()
    assert "1,700 km" in text
    assert "quote block(s)" in text and "share a border of 1,700 km" in text
    assert "did you mean Kazakhstan" in text
    # A line without a slash is asked as a question, the way /search asks it.
    assert "Search: How long is the China-Kazakhstan border?" in text
    assert "1,700 km — Kazakhstan and China share a border of 1,700 km" in text


async def test_repl_ends_on_eof(core: Core) -> None:
    def read(_prompt: str) -> str:
        raise EOFError

    assert await repl(core, read=read, out=io.StringIO()) == 0
