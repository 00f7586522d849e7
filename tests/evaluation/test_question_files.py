"""The benchmark's question files: valid, answerable from facts that exist, with the promised mix and split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import get_args

import pytest

from bot.evaluation.questions import (
    Absence,
    Intent,
    Question,
    QuestionsInvalid,
    Subject,
    load_questions,
    split_paths,
    unknown_fact_ids,
)
from bot.evaluation.split import HELDOUT_SHARE, split_questions
from tests.conftest import CURATED_DIR, RealBase


@pytest.fixture(scope="module")
def dev() -> list[Question]:
    return load_questions(split_paths(CURATED_DIR, "dev"))


@pytest.fixture(scope="module")
def heldout() -> list[Question]:
    return load_questions(split_paths(CURATED_DIR, "heldout"))


def test_both_files_validate_together_with_unique_ids(dev: list[Question], heldout: list[Question]) -> None:
    both = load_questions(split_paths(CURATED_DIR, "all"))
    assert [q.id for q in both] == [q.id for q in dev + heldout]
    assert len({q.id for q in both}) == len(both)


def test_every_expected_fact_exists(
    dev: list[Question], heldout: list[Question], real_base: RealBase
) -> None:
    known = set(real_base.factbase.facts)
    assert unknown_fact_ids(dev + heldout, known) == []


def test_the_pool_has_the_promised_size_and_mix(dev: list[Question], heldout: list[Question]) -> None:
    pool = dev + heldout
    groups = Counter(q.group for q in pool)
    assert len(pool) >= 200
    assert groups["paraphrase"] >= 40
    assert groups["not covered"] >= 30
    assert {q.intent for q in pool} == set(get_args(Intent))
    assert {q.subject for q in pool} == set(get_args(Subject))
    assert {q.unanswerable for q in pool if q.unanswerable} == set(get_args(Absence))
    assert all(q.answerable for q in pool if q.paraphrase), "a paraphrase is of an answerable question"


def _batch(q: Question) -> str:
    """Which batch of writing a question came from: the later batches have ids of their own (f-, g-, …)."""
    prefix = q.id.split("-")[0]
    return "first" if prefix in {"q", "p", "n"} else prefix


def test_a_quarter_of_each_group_is_held_out(dev: list[Question], heldout: list[Question]) -> None:
    # Each batch was split on its own, so each holds out a quarter of each group, give or take one.
    whole = Counter((_batch(q), q.group) for q in dev + heldout)
    held = Counter((_batch(q), q.group) for q in heldout)
    assert len({batch for batch, _ in whole}) >= 3
    for key, n in whole.items():
        assert abs(held[key] - n * HELDOUT_SHARE) <= 1, key


def test_the_split_is_reproducible_from_its_seed(dev: list[Question], heldout: list[Question]) -> None:
    pool = sorted(dev + heldout, key=lambda q: (q.group, int(q.id.split("-")[1])))
    first = split_questions(pool, seed=7)
    assert split_questions(pool, seed=7) == first
    assert split_questions(pool, seed=8) != first


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text("split: dev\nseed: 1\nquestions:\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (
            "  - {id: q-1, text: 'When was the SCO founded?', intent: when, subject: event}\n",
            "either answers",
        ),
        (
            "  - {id: q-1, text: 'When was the SCO founded?', intent: when, subject: event, answers: [a],"
            " unanswerable: near-miss, note: x}\n",
            "either answers",
        ),
        (
            "  - {id: q-1, text: 'Pipeline capacity per year?', intent: how much, subject: figure,"
            " unanswerable: near-miss}\n",
            "needs a note",
        ),
        ("  - {id: q-1, text: 'Who is it about?', intent: whom, subject: event, answers: [a]}\n", "intent"),
        (
            "  - {id: q-1, text: 'When was the SCO founded?', intent: when, subject: event, answers: [a]}\n"
            "  - {id: q-1, text: 'When was the SCO set up?', intent: when, subject: event, answers: [a]}\n",
            "already used",
        ),
    ],
)
def test_a_bad_question_file_is_reported_by_question_id(tmp_path: Path, body: str, complaint: str) -> None:
    with pytest.raises(QuestionsInvalid) as caught:
        load_questions([_write(tmp_path, body)])
    assert any("q-1" in p and complaint in p for p in caught.value.problems), caught.value.problems


def test_a_missing_question_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(QuestionsInvalid) as caught:
        load_questions([tmp_path / "nope.yaml"])
    assert "cannot be read" in caught.value.problems[0]
