"""The scores, computed on a tiny fake system whose every answer is known."""

from __future__ import annotations

import pytest

from bot.evaluation.metrics import Outcome, run_questions, score, tabulate
from bot.evaluation.questions import Question
from bot.evaluation.report import missed_floors, render_misses, render_table
from bot.evaluation.system import Shown, in_turn


def q(qid: str, *answers: str, paraphrase: bool = False, intent: str = "when") -> Question:
    if answers:
        return Question(
            id=qid,
            text=f"question {qid}?",
            intent=intent,
            subject="event",  # type: ignore[arg-type]
            paraphrase=paraphrase,
            answers=answers,
        )
    return Question(
        id=qid,
        text=f"question {qid}?",
        intent=intent,
        subject="figure",  # type: ignore[arg-type]
        unanswerable="near-miss",
        note="not stated",
    )


QUESTIONS = [
    q("a", "f1"),  # answered first
    q("b", "f2", "f9"),  # the second expected id shown third
    q("c", "f3", paraphrase=True),  # shown fourth: a miss at 3
    q("d", "f4", paraphrase=True, intent="who"),  # wrongly "not covered"
    q("e", intent="who"),  # rightly "not covered"
    q("f"),  # answered with loosely related facts
]
ANSWERS = {
    "question a?": Shown(True, ("f1", "x")),
    "question b?": Shown(True, ("x", "y", "f9")),
    "question c?": Shown(True, ("x", "y", "z", "f3")),
    "question d?": Shown(False, ()),
    "question e?": Shown(False, ()),
    "question f?": Shown(True, ("f1",)),
}


async def fake_system(text: str) -> Shown:
    return ANSWERS[text]


@pytest.fixture
async def outcomes() -> list[Outcome]:
    return await run_questions(in_turn(fake_system), QUESTIONS)


async def test_overall_scores(outcomes: list[Outcome]) -> None:
    s = score("overall", outcomes)
    assert (s.questions, s.answerable, s.unanswerable) == (6, 4, 2)
    assert s.accuracy_at1 == pytest.approx(1 / 4)
    assert s.accuracy_at3 == pytest.approx(2 / 4)
    assert s.not_covered_recall == pytest.approx(1 / 2)
    # Two "not covered" answers (d and e), of which only e is truly unanswerable.
    assert s.not_covered_precision == pytest.approx(1 / 2)


async def test_rows_by_group_and_intent(outcomes: list[Outcome]) -> None:
    table = tabulate(outcomes)
    paraphrase = table.row("group", "paraphrase")
    assert paraphrase is not None and paraphrase.accuracy_at3 == 0
    assert paraphrase.not_covered_recall is None  # nothing unanswerable to recall
    assert paraphrase.not_covered_precision == 0  # its one "not covered" answer was wrong
    who = table.row("intent", "who")
    assert who is not None and (who.questions, who.not_covered_precision) == (2, pytest.approx(1 / 2))
    near = table.row("why not covered", "near-miss")
    assert near is not None and near.not_covered_recall == pytest.approx(1 / 2)
    assert table.row("why not covered", "plain") is None


async def test_an_empty_row_has_no_rates() -> None:
    s = score("nothing", [])
    assert (s.accuracy_at1, s.accuracy_at3, s.not_covered_recall, s.not_covered_precision) == (None,) * 4


async def test_floors_in_percent(outcomes: list[Outcome]) -> None:
    table = tabulate(outcomes)
    assert missed_floors(table, {"min_at3": 50, "min_negatives": 50}) == []
    missed = missed_floors(table, {"min_at3": 50.1, "min_paraphrase_at3": 1, "min_precision": None})
    assert len(missed) == 2 and "accuracy@3 overall: 50.0%" in missed[0] and "paraphrases" in missed[1]


async def test_a_floor_on_nothing_measurable_is_missed() -> None:
    only_answerable = await run_questions(in_turn(fake_system), QUESTIONS[:2])
    assert "cannot be measured" in missed_floors(tabulate(only_answerable), {"min_negatives": 0})[0]


async def test_the_table_and_misses_name_what_went_wrong(outcomes: list[Outcome]) -> None:
    text = render_table("t", tabulate(outcomes))
    assert "overall                     6    25.0%    50.0%        2      50.0%     50.0%" in text
    misses = render_misses(outcomes)
    assert "c [paraphrase, when]" in misses and "showed x, y, z" in misses
    assert "d [paraphrase, who]" in misses and "said not covered" in misses
    assert "f [not covered: near-miss]" in misses and "answered with 1 fact(s): f1" in misses
    assert "a [" not in misses and "e [" not in misses


async def test_a_row_per_question_file_when_there_are_several(outcomes: list[Outcome]) -> None:
    files = {o.question.id: ("dev" if o.question.id in "abe" else "heldout") for o in outcomes}
    table = tabulate(outcomes, files)
    dev, heldout = table.row("file", "dev"), table.row("file", "heldout")
    assert dev is not None and (dev.questions, dev.accuracy_at3) == (3, 1.0)
    assert heldout is not None and (heldout.questions, heldout.accuracy_at3) == (3, 0.0)
    assert tabulate(outcomes, dict.fromkeys(files, "dev")).row("file", "dev") is None
