"""`briefbot eval` on the real fact base: the table, JSON, floors and bad question files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.main import main
from tests.conftest import CURATED_DIR, RealBase

# Every Nth question of each of the repository's question files: these tests check what the command prints and
# how it exits, which a sample of every kind of question shows as well as the whole benchmark (CI runs the whole
# benchmark itself, with its floors, and each run of it here would cost a minute or more).
SAMPLE_EVERY = 40


@pytest.fixture
def eval_env(cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_base: RealBase) -> Path:
    """The CLI environment with a curated dir that also holds a sample of the repository's question files."""
    curated = tmp_path / "curated"
    shutil.copytree(real_base.curated_dir, curated)
    (curated / "eval").mkdir()
    for path in sorted((CURATED_DIR / "eval").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw["questions"] = raw["questions"][::SAMPLE_EVERY]
        (curated / "eval" / path.name).write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_CURATED_DIR", str(curated))
    return curated


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["eval", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_eval_prints_the_table_for_the_dev_half(eval_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0, err
    assert out.startswith("Question benchmark, dev:")
    for row in ("overall", "by group", "  paraphrase", "  not covered", "by intent", "  when", "by subject"):
        assert f"\n{row}" in out


def test_eval_json_counts_every_question_of_both_halves(
    eval_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--split", "all", "--json")
    assert code == 0
    report = json.loads(out)
    dev = run(capsys, "--split", "dev", "--json")[1]
    heldout = run(capsys, "--split", "heldout", "--json")[1]
    sizes = [len(json.loads(text)["questions"]) for text in (dev, heldout)]
    assert report["overall"]["questions"] == len(report["questions"]) == sum(sizes)
    by_file = {row["category"]: row["questions"] for row in report["breakdowns"]["file"]}
    assert by_file == {"dev": sizes[0], "heldout": sizes[1]}
    assert all(q["at3"] or not q["at1"] for q in report["questions"])


def test_eval_exits_1_under_a_floor_it_misses(eval_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json")
    at3 = json.loads(out)["overall"]["at3"] * 100
    assert run(capsys, "--min-at3", f"{at3 - 0.01:.2f}")[0] == 0
    code, _, err = run(capsys, "--min-at3", f"{at3 + 0.01:.2f}")
    assert code == 1 and "Floor missed: accuracy@3 overall" in err


def test_eval_rejects_a_floor_that_is_not_a_percentage(
    eval_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--min-negatives", "150")
    assert exited.value.code == 2
    assert "between 0 and 100" in capsys.readouterr().err


def test_eval_reports_an_unknown_fact_id(
    eval_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "split: dev\nseed: 1\nquestions:\n"
        "  - {id: q-1, text: 'How long is the border?', intent: how much, subject: figure,"
        " answers: [ser-kz-china-border-length, no-such-fact]}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--questions", str(path))
    assert code == 1 and out == ""
    assert "q-1: expected fact 'no-such-fact' is not in the fact base" in err


def test_eval_without_question_files_says_which_file_is_missing_before_building_anything(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (cli_env / "factbase.db").unlink()
    code, out, err = run(capsys, "--split", "heldout")
    assert code == 1 and out == ""
    assert "heldout.yaml: cannot be read" in err and "Traceback" not in err
    assert not (cli_env / "factbase.db").exists()


def test_eval_markdown_puts_the_halves_side_by_side(
    eval_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--split", "heldout", "--markdown")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "| category | heldout n | @1 | @3 | NC recall | NC prec. |"
    assert lines[2].startswith("| **overall** | ") and "| group: paraphrase | " in out
    both = run(capsys, "--split", "all", "--markdown")[1].splitlines()
    assert [c.strip() for c in both[0].split("|") if "n" in c.split()] == ["dev n", "heldout n", "all n"]
    assert all(line.count("|") == 2 + 3 * 5 for line in both)


def test_eval_asks_wrapped_questions_again_and_holds_a_floor_on_them(
    eval_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "few.yaml"
    path.write_text(
        "split: dev\nseed: 1\nquestions:\n"
        "  - {id: q-1, text: 'How long is the border between China and Kazakhstan?', intent: how much,"
        " subject: figure, answers: [ser-kz-china-border-length]}\n"
        "  - {id: q-2, text: 'When was the SCO established?', intent: when, subject: event,"
        " answers: [ser-sco-established-2001]}\n"
        "  - {id: q-3, text: 'What did the Rogun dam cost?', intent: how much, subject: figure,"
        " unanswerable: near-miss, note: no cost is given}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--questions", str(path), "--wrapped", "1", "--json", "--min-wrapped", "90")
    assert code == 0, err
    wrapped = json.loads(out)["wrapped"]
    assert [w["wrapper"] for w in wrapped][:2] == ["greeting", "request"]
    assert all(w["right"] == 3 and 0 <= w["kept"] <= 3 for w in wrapped)
    assert {w["wrapper"]: w["kept"] for w in wrapped}["greeting"] == 3
    code, out, _ = run(capsys, "--questions", str(path), "--wrapped", "2")
    assert code == 0 and "\nWrapped questions" in out and "all wrappers" in out
    # A floor on wrapped questions that were not asked is missed, not passed.
    code, _, err = run(capsys, "--questions", str(path), "--min-wrapped", "50")
    assert code == 1 and "not measured" in err


def test_eval_against_an_earlier_run_lists_what_changed_and_refuses_a_file_that_is_no_run(
    eval_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--split", "heldout", "--json")
    report = json.loads(out)
    assert code == 0 and all("line" in q for q in report["questions"])
    first, second = report["questions"][:2]
    first["correct"], second["line"] = not first["correct"], "an older answer line"
    earlier = tmp_path / "before.json"
    earlier.write_text(json.dumps(report), encoding="utf-8")
    code, out, err = run(capsys, "--split", "heldout", "--against", str(earlier))
    assert code == 0, err
    tally = "1 answers gained, 0 lost" if not first["correct"] else "0 answers gained, 1 lost"
    assert f"questions compared; {tally}, 1 answer lines changed\n" in out
    assert f"  line: {second['id']} " in out and "      was: an older answer line\n" in out
    earlier.write_text("[]", encoding="utf-8")
    code, out, err = run(capsys, "--split", "heldout", "--against", str(earlier))
    assert code == 1 and out == "" and "not the output of `briefbot eval --json`" in err


def test_eval_in_two_processes_prints_what_one_process_prints(
    eval_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(capsys, "--split", "all", "--json", "--wrapped", "3")
    two = run(capsys, "--split", "all", "--json", "--wrapped", "3", "--jobs", "2")
    assert one[0] == two[0] == 0, two[2]
    assert json.loads(two[1]) == json.loads(one[1])
    assert (
        json.loads(two[1])["wrapped"][0]["right"] > 0
    )  # the wrapped questions were asked in the workers too
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--jobs", "0")
    assert exited.value.code == 2 and "whole number of 1 or more" in capsys.readouterr().err
