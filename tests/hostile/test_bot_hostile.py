"""The hostile corpus through the REAL bot (discord.py, cogs, state DB) and the local Discord stand-in.

One bot session (module scope) takes every corpus entry on the main option of every slash command, a sample on
the secondary options, every /digest subcommand as a moderator, autocomplete on every autocompleting option,
and clicks on forged button custom ids. Every interaction must be acknowledged within Discord's 3 s, errors
must be ephemeral, nothing may ping, nothing unexpected may be logged, the stand-in must see no violation, the
bot must still answer at the end, the state DB must hold exactly the subscriptions the valid inputs made, and
the compiled fact base, seeds/ and data/ must be byte-for-byte unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
import zoneinfo
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from bot.briefs import LOOKUP_TYPES
from bot.commands import COMMANDS, Reply, run_command
from bot.render.discord import render_error
from devtools.standin import InteractionFailed, StoredMessage
from tests.conftest import CURATED_DIR, SEEDS_DIR, RealBase
from tests.hostile.checks import describe_tree_change, file_sha256, tree_fingerprint
from tests.hostile.corpus import BY_CATEGORY, ENTRIES, FORGED_CUSTOM_IDS, sample
from tests.hostile.session import (
    ADMIN,
    USER,
    Session,
    answered,
    bot_session,
    in_batches,
    no_pings,
    schema_options,
    sendable,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

GUILD_COUNT = 24  # a server may have 25 digests; the valid /digest subscribe inputs need ~16 servers
PER_GUILD = 24
SAMPLE = 40  # entries for secondary options and for options that share an autocomplete callback
VALID: dict[str, str] = {
    "name": "Kazakhstan",
    "query": "gas pipeline",
    "id": "ser-kz-china-border-length",
    "country": "Kazakhstan",
    "a": "Kazakhstan",
    "b": "Kyrgyzstan",
}
VALID_BY_COMMAND: dict[tuple[str, str], str] = {
    ("project", "name"): "Ozodi Tunnel",
    ("source", "name"): "Diplomat",
}
NO_SUB = re.compile(r"There is no digest subscription|There are no digest subscriptions")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def session(real_base: RealBase, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Session]:
    data_dir = tmp_path_factory.mktemp("hostile-bot")
    async with bot_session(real_base, data_dir, GUILD_COUNT) as s:
        s.baseline = _data_fingerprint(s, real_base)  # type: ignore[attr-defined]
        yield s


def _data_fingerprint(session: Session, real_base: RealBase) -> dict[str, Any]:
    return {
        "bot's compiled fact base": file_sha256(session.data_dir / "factbase.db"),
        "session's compiled fact base": file_sha256(real_base.db_path),
        "seeds/data snapshot": tree_fingerprint([real_base.seeds_dir, real_base.curated_dir]),
        "repository seeds/ and data/": tree_fingerprint([SEEDS_DIR, CURATED_DIR]),
    }


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}…({len(str(value))} chars)"


def _fill(command: str, names: list[str], options: dict[str, Any]) -> dict[str, Any]:
    """Add a valid value for every other required option."""
    for name in names:
        options.setdefault(name, VALID_BY_COMMAND.get((command, name), VALID[name]))
    return options


# ------------------------------------------------------------------------------------------ lookups


def _expect_reply(message: StoredMessage, expected: Reply, label: str) -> list[str]:
    """The Discord answer is exactly what the shared core answers: an ephemeral error, a public brief or file."""
    if expected.error is not None:
        problems = (
            [] if message.ephemeral else [f"{label}: error answer is public: {message.content[:120]!r}"]
        )
        if message.content != render_error(expected.error)["content"] or message.embeds:
            problems.append(f"{label}: error text differs from the core's: {message.content[:120]!r}")
        return problems
    if message.ephemeral:
        return [f"{label}: a brief or export was answered ephemerally"]
    if expected.attachment is not None:
        return [] if message.files else [f"{label}: export answer has no file"]
    return [] if message.embeds else [f"{label}: brief answer has no embed: {message.content[:120]!r}"]


async def _lookup(session: Session, name: str, options: dict[str, Any]) -> list[str]:
    label = f"/{name} {', '.join(f'{k}={_short(v)}' for k, v in options.items())}"
    handle = await session.standin.dispatch_slash(
        name, options, guild_id=session.guilds[0], channel_id=session.channel(session.guilds[0]), user=USER
    )
    message, problems = await answered(session.standin, handle, label)
    if message is None:
        return problems
    expected = await run_command(session.bot.core, name, options)
    return problems + _expect_reply(message, expected, label)


def _lookup_calls(session: Session) -> list[tuple[str, dict[str, Any]]]:
    calls: list[tuple[str, dict[str, Any]]] = []
    for command in COMMANDS:
        schema = schema_options(session.standin, command.name)
        required = [o.name for o in command.options if o.required]
        if not command.options:
            calls.append((command.name, {}))
            continue
        for position, option in enumerate(command.options):
            spec = schema[option.name]
            if spec.get("choices"):
                for choice in spec["choices"]:
                    for entry in sample(5, seed=position):
                        main = command.options[0].name
                        value = sendable(schema[main], entry.value)
                        if value is not None:
                            calls.append(
                                (
                                    command.name,
                                    _fill(
                                        command.name, required, {main: value, option.name: choice["value"]}
                                    ),
                                )
                            )
                continue
            entries = ENTRIES if position == 0 else sample(SAMPLE, seed=position)
            values = dict.fromkeys(v for e in entries if (v := sendable(spec, e.value)) is not None)
            for value in values:
                others = [r for r in required if r != option.name]
                calls.append((command.name, _fill(command.name, others, {option.name: value})))
    return calls


async def test_every_slash_command_answers_the_corpus(session: Session) -> None:
    calls = _lookup_calls(session)
    assert len(calls) > 2000
    problems = await in_batches(calls, lambda call: _lookup(session, *call))
    assert not problems, f"{len(problems)} problem(s) in {len(calls)} interactions:\n" + "\n".join(
        problems[:40]
    )


# ------------------------------------------------------------------------------------------ digests


def _canonical_zones() -> dict[str, str]:
    hidden = {"Factory", "posixrules", "localtime"}
    return {z.lower(): z for z in zoneinfo.available_timezones() if z not in hidden}


_ZONES = _canonical_zones()
_TIME = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*$")


def _time_ok(text: str) -> str | None:
    """The HH:MM rule, digits of any script (as people type them), stored as ASCII."""
    normal = "".join(str(int(c)) if c.isdecimal() else c for c in text)
    m = _TIME.match(normal)
    return f"{int(m[1]):02d}:{m[2]}" if m and int(m[1]) <= 23 and int(m[2]) <= 59 else None


def _zone_ok(text: str) -> str | None:
    return _ZONES.get("_".join(text.strip().split()).lower())


@dataclasses.dataclass
class Subscribe:
    guild: str
    user: str
    options: dict[str, Any]
    expected: tuple[Any, ...] | None  # the stored row (without the guild), or None if it must be refused


class Allocator:
    """Spreads valid subscriptions over the guilds (≤ 24 each); invalid ones all go to the last guild, which must
    end with no subscription at all."""

    def __init__(self, guilds: list[str]) -> None:
        self.valid_guilds = guilds[:-1]
        self.invalid_guild = guilds[-1]
        self.counts: Counter[str] = Counter()

    def guild(self, valid: bool) -> str:
        if not valid:
            return self.invalid_guild
        guild = next(g for g in self.valid_guilds if self.counts[g] < PER_GUILD)
        self.counts[guild] += 1
        return guild


def _subscribe_calls(session: Session) -> list[Subscribe]:
    schema = schema_options(session.standin, "digest", "subscribe")
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=12)).strftime("%H:%M")  # never due while the test runs
    base = {"channel": "briefings", "time": at}
    alloc = Allocator(session.guilds)
    calls: list[Subscribe] = []

    def add(options: dict[str, Any], expected: tuple[Any, ...] | None) -> None:
        guild = alloc.guild(expected is not None)
        calls.append(Subscribe(guild, ADMIN, {**base, **options}, expected))

    entities = session.bot.core.entities
    for entry in ENTRIES:
        if (topic := sendable(schema["topic"], entry.value)) is not None:
            add({"topic": topic}, (" ".join(topic.split()) or None, at, "UTC", None, "daily", None, 5))
        if (time := sendable(schema["time"], entry.value)) is not None:
            stored = _time_ok(time)
            add({"time": time}, None if stored is None else (None, stored, "UTC", None, "daily", None, 5))
        if (zone := sendable(schema["timezone"], entry.value)) is not None:
            canonical = _zone_ok(zone)
            add(
                {"timezone": zone},
                None if canonical is None else (None, at, canonical, None, "daily", None, 5),
            )
        if (country := sendable(schema["country"], entry.value)) is not None:
            match = entities.resolve(country, {"country"})
            add(
                {"country": country},
                None if match is None else (None, at, "UTC", match.entity.id, "daily", None, 5),
            )
    add({"frequency": "weekly"}, None)  # weekly needs a day
    add({"frequency": "daily", "day": "monday"}, None)  # daily takes none
    add(
        {"frequency": "weekly", "day": "sunday", "topic": "@everyone"},
        ("@everyone", at, "UTC", None, "weekly", 6, 5),
    )
    add({"size": 1, "topic": "||spoiler||"}, ("||spoiler||", at, "UTC", None, "daily", None, 1))
    add({"size": 10, "topic": "```"}, ("```", at, "UTC", None, "daily", None, 10))
    # Without Manage Server, even a valid subscription is refused, in a guild that has others.
    for entry in sample(10, seed=3):
        if (topic := sendable(schema["topic"], entry.value)) is not None:
            calls.append(Subscribe(session.guilds[0], USER, {**base, "topic": topic}, None))
    return calls


async def _subscribe(session: Session, call: Subscribe, created: dict[str, list[int]]) -> list[str]:
    label = f"/digest subscribe as {call.user} in {call.guild} {_short(call.options)}"
    handle = await session.standin.dispatch_slash(
        "digest",
        call.options,
        subcommand="subscribe",
        guild_id=call.guild,
        channel_id=session.channel(call.guild),
        user=call.user,
    )
    message, problems = await answered(session.standin, handle, label)
    if message is None:
        return problems
    if not message.ephemeral:
        problems.append(f"{label}: the answer is public")
    title = message.embeds[0].get("title") if message.embeds else None
    if call.expected is None:
        if title == "Digest subscribed":
            problems.append(f"{label}: an invalid subscription was accepted: {message.embeds[0]}")
        elif not message.content.strip():
            problems.append(f"{label}: refused without an explanation")
        if message.embeds:
            problems.append(f"{label}: error answer has an embed")
    elif title != "Digest subscribed":
        problems.append(
            f"{label}: a valid subscription was refused: {message.content[:200]!r} {message.embeds}"
        )
    else:
        session.expected_subscriptions.append((call.guild, *call.expected))
        found = re.search(r"#(\d+) →", json.dumps(message.embeds, ensure_ascii=False))
        if found:
            created.setdefault(call.guild, []).append(int(found[1]))
    return problems


async def _digest(
    session: Session, guild: str, subcommand: str, options: dict[str, Any], must_refuse: bool
) -> list[str]:
    label = f"/digest {subcommand} in {guild} {_short(options)}"
    handle = await session.standin.dispatch_slash(
        "digest",
        options,
        subcommand=subcommand,
        guild_id=guild,
        channel_id=session.channel(guild),
        user=ADMIN,
    )
    message, problems = await answered(session.standin, handle, label)
    if message is None:
        return problems
    if not message.ephemeral:
        problems.append(f"{label}: the answer is public")
    if must_refuse and not NO_SUB.search(message.content):
        problems.append(
            f"{label}: expected 'no such subscription', got {message.content[:150]!r} {message.embeds}"
        )
    if not must_refuse and not message.embeds:
        problems.append(f"{label}: expected an answer embed, got {message.content[:150]!r}")
    for follow in handle.followup_messages:
        if not follow.ephemeral:
            problems.append(f"{label}: a follow-up is public")
    return problems


async def test_digest_subcommands_take_the_corpus(session: Session) -> None:
    calls = _subscribe_calls(session)
    created: dict[str, list[int]] = {}
    problems = await in_batches(calls, lambda call: _subscribe(session, call, created))

    # Ids are per bot, so every id below exists in some other guild; none may be touched from the empty guild.
    empty = session.guilds[-1]
    ids = [1, 2, 3, 24, 25, 26, 999, 10**9, 2**31, 2**53 - 1]
    id_calls = [
        (empty, sub, {"id": i}, True)
        for sub in ("remove", "pause", "resume", "history", "send-now", "preview")
        for i in ids
    ]
    id_calls.append((empty, "preview", {}, True))
    id_calls += [(g, "list", {}, False) for g in session.guilds]
    # Send the digests whose topics are the most hostile text (they are posted publicly in #briefings).
    hostile_topics = {
        e.value[:100]
        for c in ("mentions", "markdown", "bidi", "format_strings", "emoji", "combining")
        for e in BY_CATEGORY[c]
    }
    for guild, sub_ids in created.items():
        for sub_id in sub_ids[:3]:
            id_calls += [(guild, "preview", {"id": sub_id}, False), (guild, "history", {"id": sub_id}, False)]
    rows = _subscriptions(session)
    for row in rows:
        if row["topic"] in hostile_topics:
            guild = next(g for g in session.guilds if session.guild_id(g) == row["guild_id"])
            id_calls.append((guild, "send-now", {"id": row["id"]}, False))
    problems += await in_batches(id_calls, lambda c: _digest(session, *c))
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])
    assert len(calls) > 1000 and len(session.expected_subscriptions) > 300
    posts = [
        m for g in session.guilds for m in session.standin.channel_messages(session.channel(g, "briefings"))
    ]
    assert len(posts) >= 50, "the hostile-topic digests were not posted"


def _subscriptions(session: Session) -> list[sqlite3.Row]:
    db = sqlite3.connect(f"file:{session.data_dir / 'state.db'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return db.execute(
            "SELECT id, guild_id, topic, time, timezone, country, frequency, weekday, size, status, "
            "removed_at FROM subscriptions ORDER BY id"
        ).fetchall()
    finally:
        db.close()


# ------------------------------------------------------------------------------------------ autocomplete


def _autocomplete_targets(session: Session) -> list[tuple[str, str | None, str, bool]]:
    """(command, subcommand, option, full corpus?) for every autocompleting option; each distinct callback
    gets the whole corpus once, options sharing it get a sample."""
    targets: list[tuple[str, str | None, str, bool]] = []
    seen_callbacks: set[str] = set()
    for command in COMMANDS:
        for option in command.options:
            if option.autocomplete:
                targets.append((command.name, None, option.name, option.autocomplete not in seen_callbacks))
                seen_callbacks.add(option.autocomplete)
    digest = schema_options(session.standin, "digest")
    for sub, spec in digest.items():
        for option in spec.get("options") or []:
            if option.get("autocomplete"):
                key = f"digest-{option['name']}"
                targets.append(("digest", sub, option["name"], key not in seen_callbacks))
                seen_callbacks.add(key)
    return targets


def _allowed_values(session: Session, command: str, option: str, guild_subs: set[int]) -> set[Any] | None:
    core = session.bot.core
    by_type = {"country": {"country"}, "project": LOOKUP_TYPES - {"country"}, "entity": LOOKUP_TYPES}
    registry = {c.name: {o.name: o for o in c.options} for c in COMMANDS}
    kind = registry.get(command, {}).get(option)
    callback = kind.autocomplete if kind else ("country" if option == "country" else option)
    if callback in by_type:
        return {e.id for e in core.entities.by_id.values() if e.type in by_type[callback]}
    if callback == "timezone":
        return set(_ZONES.values())
    if callback == "id" and command == "digest":
        return guild_subs
    return None  # facts and sources: checked against the store below


async def _autocomplete(
    session: Session,
    target: tuple[str, str | None, str, bool],
    value: str,
    allowed: set[Any] | None,
    valid_ids: set[str],
) -> list[str]:
    command, sub, option, _ = target
    label = f"autocomplete /{command}{' ' + sub if sub else ''} {option}={_short(value)}"
    guild = session.guilds[0]
    try:
        choices = await session.standin.dispatch_autocomplete(
            command,
            {option: value},
            focused=option,
            subcommand=sub,
            guild_id=guild,
            channel_id=session.channel(guild),
            user=ADMIN,
            timeout=60,  # a hang guard, not a speed requirement
        )
    except InteractionFailed as exc:
        return [f"{label}: {exc}"]
    problems = [] if len(choices) <= 25 else [f"{label}: {len(choices)} choices"]
    pool = allowed if allowed is not None else valid_ids
    bad = [c for c in choices if c.get("value") not in pool]
    if bad:
        problems.append(f"{label}: choices that are not real values: {bad[:3]}")
    return problems


async def test_autocomplete_survives_the_corpus(session: Session) -> None:
    core = session.bot.core
    valid_ids = {f.id for f in await core.store.all_facts()} | {s.id for s in await core.store.sources()}
    guild_subs = {
        r["id"] for r in _subscriptions(session) if r["guild_id"] == session.guild_id(session.guilds[0])
    }
    calls: list[tuple[tuple[str, str | None, str, bool], str, set[Any] | None]] = []
    for target in _autocomplete_targets(session):
        allowed = _allowed_values(session, target[0], target[2], guild_subs)
        for entry in ENTRIES if target[3] else sample(SAMPLE, seed=len(calls)):
            calls.append((target, entry.value, allowed))
    assert len(calls) > 2000
    problems = await in_batches(calls, lambda c: _autocomplete(session, c[0], c[1], c[2], valid_ids))
    assert not problems, f"{len(problems)} problem(s) in {len(calls)} autocompletes:\n" + "\n".join(
        problems[:40]
    )


# ------------------------------------------------------------------------------------------ forged buttons


async def test_forged_button_clicks_are_answered_ephemerally(session: Session) -> None:
    guild = session.guilds[0]
    channel = session.channel(guild)
    asked = await session.standin.dispatch_slash(
        "country", {"name": "Kazakhstan"}, guild_id=guild, channel_id=channel, user=USER
    )
    original = await asked.original()
    alice = session.standin.user_id(USER)
    forged_ids = [*FORGED_CUSTOM_IDS, f"bb:p:0000000000000000:0:{alice}", f"bb:p:0000000000000000:-3:{alice}"]

    async def click(custom_id: str) -> list[str]:
        # A copy of a real answer carrying only the forged button, as a modified client could present it.
        button = {"type": 2, "style": 2, "label": "x", "custom_id": custom_id}
        forged = dataclasses.replace(
            original,
            id=original.id + 1 + forged_ids.index(custom_id),
            components=[{"type": 1, "components": [button]}],
            history=[],
        )
        session.standin.messages[forged.id] = forged
        label = f"click {custom_id!r}"
        handle = await session.standin.dispatch_component(forged, custom_id, user=USER)
        message, problems = await answered(session.standin, handle, label)
        if message is not None and (not message.ephemeral or not message.content.strip() or message.embeds):
            problems.append(f"{label}: expected a short ephemeral refusal, got {message.content[:100]!r}")
        return problems

    problems = await in_batches(forged_ids, click)
    # The real buttons still work after all that.
    quotes = next(
        b["custom_id"]
        for row in original.components
        for b in row["components"]
        if b["custom_id"].startswith("bb:q:")
    )
    popup, found = await answered(
        session.standin, await session.standin.dispatch_component(original, quotes, user=ADMIN), "Show quotes"
    )
    problems += found
    assert popup is not None and popup.ephemeral and "“" in json.dumps(popup.embeds, ensure_ascii=False)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------ afterwards


async def test_the_bot_is_healthy_and_nothing_stored_changed(session: Session, real_base: RealBase) -> None:
    standin = session.standin
    # Still answering a normal question.
    handle = await standin.dispatch_slash(
        "country",
        {"name": "Kazakhstan"},
        guild_id=session.guilds[0],
        channel_id=session.channel(session.guilds[0]),
        user=USER,
    )
    message, problems = await answered(session.standin, handle, "/country Kazakhstan")
    assert not problems
    assert (
        message is not None and not message.ephemeral and message.embeds[0]["title"].startswith("Kazakhstan")
    )

    # No interaction went unanswered, late or malformed; nothing pinged; nothing unexpected was logged.
    standin.assert_no_violations()
    assert max(standin.interaction_latencies()) < 3.0
    assert not no_pings(standin.messages.values())
    assert not session.errors.lines(), "errors logged:\n" + "\n".join(session.errors.lines()[:20])

    # Exactly the subscriptions the valid inputs made, all still active; none in the guild of invalid inputs.
    rows = _subscriptions(session)
    names = {session.guild_id(g): g for g in session.guilds}
    stored = Counter(
        (
            names[r["guild_id"]],
            r["topic"],
            r["time"],
            r["timezone"],
            r["country"],
            r["frequency"],
            r["weekday"],
            r["size"],
        )
        for r in rows
    )
    expected = Counter(session.expected_subscriptions)
    assert stored == expected, (
        f"unexpected: {list((stored - expected).elements())[:10]}; "
        f"missing: {list((expected - stored).elements())[:10]}"
    )
    assert all(r["status"] == "active" and r["removed_at"] is None for r in rows)

    # The compiled fact base and the curated files are byte-for-byte what they were.
    after = _data_fingerprint(session, real_base)
    before: dict[str, Any] = session.baseline  # type: ignore[attr-defined]
    for key, value in before.items():
        if isinstance(value, dict):
            assert after[key] == value, f"{key} changed: {describe_tree_change(value, after[key])}"
        else:
            assert after[key] == value, f"{key} changed"
