"""Every command × every option × the hostile corpus, through `run_command` (the path both adapters share).

Each call must return a `Reply` (never raise): a polite error, a brief or an attachment, whose rendered payloads
fit Discord's limits and allow no mentions. The fact store, the compiled file, and seeds/ and data/ must be
byte-for-byte the same afterwards (`guarded_core`).

The main option of each command gets the whole corpus, split by category; secondary options get a sample.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.briefs import Brief, Section
from bot.command_set import COMMANDS, COMMANDS_BY_NAME, Command, Option
from bot.commands import Reply
from bot.core import Core
from tests.hostile.checks import payload_problems, reply_problems, run_and_check
from tests.hostile.corpus import BY_CATEGORY, CATEGORIES, ENTRIES, NON_STRING_VALUES, Entry, sample

# A valid value for each option, used to fill the other required options so the one under test is reached.
VALID: dict[str, str] = {
    "name": "Kazakhstan",
    "query": "gas pipeline",
    "id": "ser-kz-china-border-length",
    "country": "Kazakhstan",
    "a": "Kazakhstan",
    "b": "Kyrgyzstan",
    "kind": "figure",
    "format": "json",
}
VALID_BY_COMMAND: dict[tuple[str, str], str] = {
    ("project", "name"): "Ozodi Tunnel",
    ("source", "name"): "Diplomat",
}
SECONDARY_SAMPLE = 60


def _options_for(command: Command, option: Option, value: Any) -> dict[str, Any]:
    options = {option.name: value}
    for other in command.options:
        if other.required and other.name != option.name:
            options[other.name] = VALID_BY_COMMAND.get((command.name, other.name), VALID[other.name])
    return options


def _main_cases() -> list[Any]:
    cases = []
    for command in COMMANDS:
        if not command.options:
            continue
        option = command.options[0]
        for category in CATEGORIES:
            cases.append(
                pytest.param(
                    command.name, option.name, category, id=f"{command.name}-{option.name}-{category}"
                )
            )
    return cases


def _secondary_cases() -> list[Any]:
    return [pytest.param(c.name, o.name, id=f"{c.name}-{o.name}") for c in COMMANDS for o in c.options[1:]]


def _all_option_cases() -> list[Any]:
    return [pytest.param(c.name, o.name, id=f"{c.name}-{o.name}") for c in COMMANDS for o in c.options]


async def _check_entries(core: Core, command_name: str, option_name: str, entries: list[Entry]) -> None:
    command = COMMANDS_BY_NAME[command_name]
    option = next(o for o in command.options if o.name == option_name)
    problems: list[str] = []
    for entry in entries:
        for problem in await run_and_check(
            core, command.name, _options_for(command, option, entry.value), entry.value
        ):
            problems.append(f"/{command.name} {option.name}={entry!r}: {problem}")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


def test_the_corpus_is_big_and_varied() -> None:
    assert len(ENTRIES) >= 200
    assert len({e.value for e in ENTRIES}) == len(ENTRIES)
    assert all(BY_CATEGORY[c] for c in CATEGORIES)


@pytest.mark.parametrize(("command_name", "option_name", "category"), _main_cases())
async def test_main_option_survives_the_whole_corpus(
    guarded_core: Core, command_name: str, option_name: str, category: str
) -> None:
    await _check_entries(guarded_core, command_name, option_name, list(BY_CATEGORY[category]))


@pytest.mark.parametrize(("command_name", "option_name"), _secondary_cases())
async def test_secondary_option_survives_a_sample(
    guarded_core: Core, command_name: str, option_name: str
) -> None:
    await _check_entries(guarded_core, command_name, option_name, sample(SECONDARY_SAMPLE))


@pytest.mark.parametrize(("command_name", "option_name"), _all_option_cases())
async def test_wrong_python_types_are_answered_not_raised(
    guarded_core: Core, command_name: str, option_name: str
) -> None:
    command = COMMANDS_BY_NAME[command_name]
    option = next(o for o in command.options if o.name == option_name)
    problems: list[str] = []
    for label, value in NON_STRING_VALUES:
        for problem in await run_and_check(
            guarded_core, command.name, _options_for(command, option, value), value
        ):
            problems.append(f"/{command.name} {option.name}=<{label}>: {problem}")
    assert not problems, "\n".join(problems[:40])


async def test_every_option_given_at_once_with_hostile_values(guarded_core: Core) -> None:
    """All options of a command filled with the same hostile value (the worst case for cross-option logic)."""
    problems: list[str] = []
    for command in COMMANDS:
        if not command.options:
            continue
        for entry in sample(SECONDARY_SAMPLE, seed=7):
            options = {o.name: entry.value for o in command.options}
            for problem in await run_and_check(guarded_core, command.name, options, entry.value):
                problems.append(f"/{command.name} all={entry!r}: {problem}")
    assert not problems, "\n".join(problems[:40])


async def test_hostile_option_names_and_command_names(guarded_core: Core) -> None:
    """Unknown option names (on option-less commands too) and unknown command names are polite errors."""
    problems: list[str] = []
    for entry in sample(SECONDARY_SAMPLE, seed=11):
        for command in COMMANDS:
            problems += [
                f"/{command.name} option name {entry!r}: {p}"
                for p in await run_and_check(guarded_core, command.name, {entry.value: "x"}, entry.value)
            ]
        problems += [
            f"command name {entry!r}: {p}"
            for p in await run_and_check(guarded_core, entry.value, {}, entry.value)
        ]
    assert not problems, "\n".join(problems[:40])


async def test_valid_inputs_still_answer(guarded_core: Core) -> None:
    """The checks are not vacuous: normal inputs give briefs (or the export file) that pass the same checks."""
    for command in COMMANDS:
        options = {
            o.name: VALID_BY_COMMAND.get((command.name, o.name), VALID[o.name])
            for o in command.options
            if o.required
        }
        assert await run_and_check(guarded_core, command.name, options) == [], command.name


def test_the_checks_catch_what_they_look_for() -> None:
    """A leaked traceback, a live mention and missing allowed_mentions are all reported."""
    assert reply_problems(Reply(error='Traceback (most recent call last): File "x", ValueError: boom'))
    assert reply_problems(Reply(error=""))
    assert reply_problems(Reply())
    assert payload_problems({"content": "hi @everyone", "embeds": [], "allowed_mentions": None})
    assert payload_problems({"content": "x" * 2001, "embeds": [], "allowed_mentions": {"parse": []}})
    assert payload_problems(
        {"content": None, "embeds": [{"title": "<@123>"}], "allowed_mentions": {"parse": []}}
    )
    clean = Reply(Brief(kind="t", title="@everyone", sections=[Section("s", text="<@&1> **x**")]))
    assert reply_problems(clean) == []  # the renderer escapes them
