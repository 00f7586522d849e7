"""The `briefbot` command line, run in-process (`bot.main.main`) and once through `python -m bot`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.main import main
from tests.conftest import ENV_VARS, RealBase, TinyBase


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_passes_on_the_real_data(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check")
    assert code == 0, err
    assert out.startswith("OK:") and "every quote verified" in out


def test_check_fails_on_a_broken_base_naming_file_id_and_field(
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    base = make_tiny_base()
    base.fact("tiny-border")["citations"][0]["quote"] = "share a border of 1700 km"
    base.fact("tiny-treaty")["entities"] = ["china", "narnia"]
    base.write()
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(base.seeds_dir))
    monkeypatch.setenv("BRIEFBOT_CURATED_DIR", str(base.curated_dir))
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "data/facts/x.yaml: tiny-border: citations[0].quote: quote not found verbatim" in err
    assert "data/facts/x.yaml: tiny-treaty: entities[1]: unknown entity id 'narnia'" in err
    assert "2 problem(s) found" in err


def test_ask_country_prints_the_financing_share_and_border(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "ask", "/country Kazakhstan")
    assert code == 0, err
    assert out.startswith("Kazakhstan\n")
    assert "26%" in out and "1,700 km" in out
    assert "## Citations" in out


def test_ask_with_quotes_prints_the_verbatim_quotes(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "ask", "--quotes", "/search query:1,700 km")
    assert code == 0
    assert "share a border of 1,700 km" in out


def test_ask_misspelt_country_exits_1_with_a_suggestion(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "ask", "/country Kazakstan")
    assert code == 1
    assert "did you mean Kazakhstan" in err
    assert out == ""


def test_ask_json_prints_a_list_of_discord_payloads(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "ask", "--json", "/country Kazakhstan")
    assert code == 0
    payloads = json.loads(out)
    assert isinstance(payloads, list) and payloads
    for payload in payloads:
        assert payload["allowed_mentions"]["parse"] == []
        assert payload["embeds"][0]["title"].startswith("Kazakhstan")


def test_ask_json_of_a_mistake_is_an_error_payload(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "/country Kazakstan")
    assert code == 1
    (payload,) = json.loads(out)
    assert "did you mean Kazakhstan" in payload["content"] and payload["embeds"] == []


def _seed_texts(real_base: RealBase) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in real_base.seeds_dir.glob("*.txt")}


def test_export_jsonl_has_one_fully_cited_object_per_fact(
    cli_env: Path, capsys: pytest.CaptureFixture[str], real_base: RealBase
) -> None:
    code, out, err = run(capsys, "export", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(real_base.factbase.facts)
    assert len({r["id"] for r in rows}) == len(rows)
    seeds = _seed_texts(real_base)
    for row in rows:
        for key in (
            "id",
            "statement",
            "kind",
            "entities",
            "countries",
            "figure",
            "date",
            "attribution",
            "caveats",
            "citations",
        ):
            assert key in row, (row["id"], key)
        if row["figure"] is not None:
            for key in ("value", "unit", "currency", "qualifier", "as_written"):
                assert key in row["figure"], (row["id"], key)
        assert row["citations"], row["id"]
        for c in row["citations"]:
            assert c["source"] in seeds, c["source"]
            assert seeds[c["source"]][c["start"] : c["end"]] == c["quote"], row["id"]
    kz = [r for r in rows if r["figure"] and r["figure"]["as_written"] == "$33 billion"]
    assert kz and kz[0]["figure"]["value"] == 33e9 and kz[0]["figure"]["currency"] == "USD"
    assert "Kazakhstan" in kz[0]["countries"]


def test_export_csv_parses_with_one_row_per_citation(
    cli_env: Path, capsys: pytest.CaptureFixture[str], real_base: RealBase
) -> None:
    code, out, _ = run(capsys, "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(len(rf.citations) for rf in real_base.factbase.facts.values())
    seeds = _seed_texts(real_base)
    for row in rows:
        assert seeds[row["source"]][int(row["start"]) : int(row["end"])] == row["quote"]
    assert {r["id"] for r in rows} == set(real_base.factbase.facts)


def test_export_for_one_country_to_a_file(
    cli_env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "tj.json"
    code, out, err = run(capsys, "export", "--format", "json", "--country", "Tajikistan", "-o", str(target))
    assert code == 0 and out == ""
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert rows and all("tajikistan" in r["entities"] for r in rows)
    assert f"Wrote {len(rows)} facts" in err
    code, _, err = run(capsys, "export", "--country", "Kazakstan")
    assert code == 1 and "did you mean Kazakhstan" in err


def test_run_without_a_token_explains_how_to_get_one(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "run")
    assert code != 0
    assert "DISCORD_TOKEN" in err and "console" in err


def test_blank_token_counts_as_no_token(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "   ")
    code, _, err = run(capsys, "run")
    assert code != 0 and "DISCORD_TOKEN" in err


def test_stats_counts_the_fact_base(
    cli_env: Path, capsys: pytest.CaptureFixture[str], real_base: RealBase
) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert out.startswith(f"{len(real_base.factbase.facts)} facts")
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0 and json.loads(out)["facts"] == len(real_base.factbase.facts)


def test_cli_compiles_into_an_empty_data_dir(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(fresh))
    code, _, err = run(capsys, "stats")
    assert code == 0, err
    assert (fresh / "factbase.db").is_file()


def test_ask_on_a_broken_base_with_no_build_fails_with_the_problems(
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["entities"] = ["narnia"]
    base.write()
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(base.seeds_dir))
    monkeypatch.setenv("BRIEFBOT_CURATED_DIR", str(base.curated_dir))
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "empty"))
    code, _, err = run(capsys, "ask", "/country Kazakhstan")
    assert code == 1
    assert "tiny-treaty: entities[0]" in err and "briefbot check" in err


def test_invalid_configuration_is_reported(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Mars/Olympus_Mons")
    code, _, err = run(capsys, "check")
    assert code == 2 and "BRIEFBOT_TIMEZONE: Unknown timezone 'Mars/Olympus_Mons'" in err


def test_no_command_prints_help(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "usage: briefbot" in out


def test_python_dash_m_bot_is_the_real_entry_point(tmp_path: Path, real_base: RealBase) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(
        BRIEFBOT_DATA_DIR=str(tmp_path / "data"),
        BRIEFBOT_SEEDS_DIR=str(real_base.seeds_dir),
        BRIEFBOT_CURATED_DIR=str(real_base.curated_dir),
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/country Kazakhstan"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "26%" in done.stdout and "1,700 km" in done.stdout
    assert (tmp_path / "data" / "factbase.db").is_file()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode != 0 and "DISCORD_TOKEN" in done.stderr


class _ClosedPipe(io.StringIO):
    """Standard output whose reader has gone (`briefbot ask … | head`), on a file of its own."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = path.open("w")

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._file.fileno()


def test_a_reader_that_goes_away_ends_the_answer_quietly(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stdout = _ClosedPipe(tmp_path / "stdout")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["ask", "/country Kazakhstan"]) == 141
    assert "Traceback" not in capsys.readouterr().err
