"""`briefbot digest …` in-process through `bot.main.main`, with the data dir (state DB) in tmp_path.

The CLI's clock is the wall clock, so slots are read back from what the CLI prints ("First digest: …") rather
than assumed; `run --at` then drives delivery at chosen instants."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.main import main
from devtools.standin import validate_message

CHANNEL = 555


@pytest.fixture
def data_dir(cli_env: Path) -> Path:
    return cli_env


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["digest", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def posted(out: str) -> list[dict[str, Any]]:
    """The digests `run --print` printed (one JSON object a line)."""
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"channel_id"')]


def first_slot(out: str) -> datetime:
    found = re.search(r"First digest: (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", out)
    assert found, out
    return datetime.strptime(found[1], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def deliveries(data: Path) -> list[tuple[str, str, str, list[str]]]:
    with sqlite3.connect(data / "state.db") as db:
        rows = db.execute("SELECT slot, kind, status, fact_ids FROM deliveries ORDER BY id").fetchall()
    return [(slot, kind, status, json.loads(ids or "[]")) for slot, kind, status, ids in rows]


def quote_buttons(payload: dict[str, Any]) -> list[str]:
    return [
        b["custom_id"]
        for row in payload["components"]
        for b in row["components"]
        if b["custom_id"].startswith("bb:q:")
    ]


def subscribe(capsys: pytest.CaptureFixture[str], *extra: str) -> datetime:
    code, out, err = run(
        capsys,
        "subscribe",
        "--channel",
        str(CHANNEL),
        "--time",
        "08:00",
        "--timezone",
        "Asia/Almaty",
        "--country",
        "Kazakhstan",
        *extra,
    )
    assert code == 0, err
    return first_slot(out)


def test_subscribe_and_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(UTC)
    code, out, err = run(
        capsys,
        "subscribe",
        "--channel",
        str(CHANNEL),
        "--time",
        "08:00",
        "--timezone",
        "Asia/Almaty",
        "--country",
        "Kazakhstan",
        "--size",
        "4",
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Digest subscribed"
    assert lines[1] == f"  #1 → #{CHANNEL}: daily at 08:00 Asia/Almaty, 4 facts on Kazakhstan · active"
    slot = first_slot(out)
    assert before < slot <= before + timedelta(days=1) and (slot.hour, slot.minute) == (3, 0)  # 08:00 UTC+5
    assert "<t:" not in out  # Discord timestamps are for Discord only
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[1].startswith(
        f"  #1 → #{CHANNEL}: daily at 08:00 Asia/Almaty, 4 facts on Kazakhstan"
    )
    assert "next" in out
    code, out, _ = run(capsys, "list", "--guild", "7")
    assert code == 0 and "None yet" in out


def test_a_topic_with_angle_brackets_and_a_mention_is_printed_as_typed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(capsys, "--topic", "gas > oil <#1> *x*")
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert (
        f"#1 → #{CHANNEL}: daily at 08:00 Asia/Almaty, 5 facts on Kazakhstan · “gas > oil <#1> *x*” · active"
        in out
    )


def test_subscribe_errors_go_to_stderr_with_exit_1(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "subscribe", "--channel", "1", "--time", "08:00", "--timezone", "Europe/Londn"
    )
    assert (code, out) == (1, "")
    assert err.strip() == "Unknown timezone 'Europe/Londn' — did you mean Europe/London?"
    code, _, err = run(capsys, "subscribe", "--channel", "1", "--time", "8pm")
    assert code == 1 and "Time must be HH:MM" in err
    code, _, err = run(capsys, "subscribe", "--channel", "1", "--time", "08:00", "--country", "Kazakstan")
    assert code == 1 and "did you mean Kazakhstan?" in err
    code, _, err = run(capsys, "subscribe", "--channel", "1", "--time", "08:00", "--frequency", "weekly")
    assert code == 1 and "A weekly digest needs a day" in err
    code, out, _ = run(capsys, "list")
    assert "None yet" in out


def test_preview_json_prints_a_valid_discord_payload_and_records_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(capsys)
    code, out, err = run(capsys, "preview", "1", "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert validate_message(payload) == []
    assert len(payload["embeds"]) == 1 and payload["embeds"][0]["title"].startswith("Digest — Kazakhstan — ")
    assert len(quote_buttons(payload)) == 1
    assert payload["allowed_mentions"]["parse"] == []
    code, out, _ = run(capsys, "preview")  # no id: the server's first subscription, as text
    assert code == 0 and "Would be posted 20" in out and "## Briefing" in out and "[1]" in out
    # The terminal's rendering of the digest, not Discord's markdown.
    assert "**" not in out and "<t:" not in out and "\n=====" in out
    assert deliveries(data_dir) == []


def test_run_at_the_slot_posts_once_and_is_idempotent(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slot = subscribe(capsys)
    code, out, err = run(capsys, "run", "--at", (slot - timedelta(minutes=1)).isoformat(), "--print")
    assert code == 0, err
    assert posted(out) == [] and "Nothing was due." in out

    code, out, err = run(capsys, "run", "--at", slot.isoformat(), "--print")
    assert code == 0, err
    digests = posted(out)
    assert len(digests) == 1 and digests[0]["channel_id"] == CHANNEL
    assert validate_message(digests[0]["payload"]) == [] and quote_buttons(digests[0]["payload"])
    assert f"#1 {slot:%Y-%m-%d %H:%M} UTC: sent" in out

    for again in (slot, slot + timedelta(hours=1)):  # the same instant, and later within the grace window
        code, out, err = run(capsys, "run", "--at", again.isoformat(), "--print")
        assert code == 0, err
        assert posted(out) == [] and "Nothing was due." in out
    [(_, kind, status, first_ids)] = deliveries(data_dir)
    assert (kind, status, len(first_ids)) == ("scheduled", "sent", 5)

    # Z suffix accepted; the next day's slot posts once, with no fact of the first digest.
    tomorrow = slot + timedelta(days=1)
    code, out, err = run(capsys, "run", "--at", tomorrow.strftime("%Y-%m-%dT%H:%M:%SZ"), "--print")
    assert code == 0, err
    assert len(posted(out)) == 1
    second_ids = deliveries(data_dir)[1][3]
    assert len(second_ids) == 5 and not set(first_ids) & set(second_ids)

    code, out, _ = run(capsys, "history", "1")
    assert code == 0
    assert out.count("scheduled · sent · 5 facts") == 2


def test_run_without_print_needs_a_token(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slot = subscribe(capsys)
    code, out, err = run(capsys, "run", "--at", slot.isoformat())
    assert (code, out) == (2, "")
    assert err.strip() == "Posting digests needs DISCORD_TOKEN. Use --print to print them here instead."
    assert deliveries(data_dir) == []  # nothing claimed either: a later run still posts it
    code, out, _ = run(capsys, "run", "--at", slot.isoformat(), "--print")
    assert code == 0 and len(posted(out)) == 1


def test_run_at_needs_an_unambiguous_time(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", "--at", "2026-11-26T08:00:00", "--print")
    assert code == 1 and "with its offset" in err
    code, _, err = run(capsys, "run", "--at", "tomorrow", "--print")
    assert code == 1 and "Not an ISO time: 'tomorrow'" in err


def test_pause_remove_and_history_from_the_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slot = subscribe(capsys)
    code, out, _ = run(capsys, "history", "1")
    assert code == 0 and "No deliveries yet." in out
    run(capsys, "run", "--at", slot.isoformat(), "--print")
    code, out, _ = run(capsys, "pause", "1")
    assert code == 0 and out.startswith("Digest #1 paused") and "PAUSED — Paused by a moderator" in out
    code, out, _ = run(capsys, "run", "--at", (slot + timedelta(days=1)).isoformat(), "--print")
    assert posted(out) == []
    code, out, _ = run(capsys, "remove", "1")
    assert code == 0 and out.startswith("Digest #1 removed (its history is kept)")
    code, out, _ = run(capsys, "history", "1")
    assert code == 0 and "scheduled · sent · 5 facts" in out
    code, _, err = run(capsys, "pause", "1")
    assert code == 1 and "There is no digest subscription #1 in this server" in err
    code, _, err = run(capsys, "history", "1", "--guild", "9")  # another server
    assert code == 1 and "There is no digest subscription #1 in this server" in err


def test_send_now_from_the_terminal_posts_once_without_using_up_the_schedule(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subscribe(capsys, "--frequency", "Weekly", "--day", "Friday")  # choices in any case, as on Discord's list
    code, out, err = run(capsys, "send-now", "1", "--print")
    assert code == 0, err
    assert len(posted(out)) == 1 and "Digest #1 sent now" in out
    assert [(kind, status) for _, kind, status, _ in deliveries(data_dir)] == [("manual", "sent")]
    code, out, err = run(capsys, "send-now", "1")
    assert (code, out) == (2, "") and "needs DISCORD_TOKEN" in err


def test_every_declared_digest_action_and_option_is_on_the_command_line() -> None:
    import argparse

    from bot.adapters.cli.digest import add_parser
    from bot.command_set import DIGEST

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    actions = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    digest = actions.choices["digest"]
    digest_actions = next(a for a in digest._actions if isinstance(a, argparse._SubParsersAction))
    for command in DIGEST.subcommands:
        flags = {a.dest: a for a in digest_actions.choices[command.name]._actions}
        for option in command.options:
            action = flags[option.name]
            assert action.help == option.description, (command.name, option.name)
            assert tuple(action.choices or ()) == option.choices, (command.name, option.name)
            assert action.required == option.required, (command.name, option.name)
