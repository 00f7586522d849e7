"""Comparing a run with an earlier one: answers gained and lost, and answer lines that changed with no score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.evaluation.changes import EarlierRunInvalid, compare, load_earlier, render_changes
from bot.evaluation.metrics import Outcome
from bot.evaluation.questions import Question
from bot.evaluation.system import Shown


def question(qid: str, *answers: str) -> Question:
    if answers:
        return Question(id=qid, text=f"question {qid}?", intent="how many", subject="figure", answers=answers)
    return Question(
        id=qid,
        text=f"question {qid}?",
        intent="how many",
        subject="figure",
        unanswerable="near-miss",
        note="-",
    )


def earlier_file(tmp_path: Path, *entries: dict[str, object]) -> Path:
    path = tmp_path / "before.json"
    path.write_text(json.dumps({"split": "dev", "questions": list(entries)}), encoding="utf-8")
    return path


def test_a_line_rewritten_under_the_same_right_fact_is_listed_though_no_score_moved(tmp_path: Path) -> None:
    path = earlier_file(
        tmp_path,
        {"id": "a", "correct": True, "line": "five — Central Asia has five countries [1]"},
        {"id": "b", "correct": False, "line": None},
        {"id": "c", "correct": True, "line": "The sources do not give that figure"},
        {"id": "d", "correct": True, "line": "2001 [1]"},
    )
    outcomes = [
        Outcome(question("a", "f1"), Shown(True, ("f2", "f1"), "12 — the 12 countries it examined [1]")),
        Outcome(question("b", "f1"), Shown(True, ("f1",), "1,700 km [1]")),
        Outcome(question("c"), Shown(True, ("f1",), "2015 [1]")),
        Outcome(question("d", "f4"), Shown(True, ("f4",), "2001 [1]")),
        Outcome(question("e", "f5"), Shown(True, ("f5",), "new [1]")),
    ]
    changes = compare(load_earlier(path), outcomes)
    assert [o.question.id for o in changes.gained] == ["b"]
    assert [o.question.id for o in changes.lost] == ["c"]
    assert [(c.outcome.question.id, c.was) for c in changes.lines] == [
        ("a", "five — Central Asia has five countries [1]"),
        ("b", None),
        ("c", "The sources do not give that figure"),
    ]
    assert (changes.compared, changes.new) == (4, 1)
    text = render_changes(changes, "before.json")
    assert text.startswith(
        "Against before.json: 4 questions compared (1 not in it); 1 answers gained, 1 lost, 3 answer lines changed"
    )
    assert "      was: five — Central Asia has five countries [1]\n      now: 12 — the 12 countries" in text
    assert "  lost: c [not covered] question c?" in text


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not JSON"),
        ('{"split": "dev"}', "no list of questions"),
        ('{"questions": [{"line": "x"}]}', "a question without an id"),
    ],
)
def test_a_file_that_is_no_earlier_run_is_refused_with_the_reason(
    tmp_path: Path, content: str, says: str
) -> None:
    path = tmp_path / "before.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EarlierRunInvalid, match=says):
        load_earlier(path)
    with pytest.raises(EarlierRunInvalid, match="cannot be read"):
        load_earlier(tmp_path / "missing.json")
