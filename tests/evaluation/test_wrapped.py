"""Wrapped questions: a right answer asked again in each wrapper, counted on a fake system."""

from __future__ import annotations

from bot.evaluation.metrics import run_questions
from bot.evaluation.system import Shown, in_turn
from bot.evaluation.wrapped import WRAPPERS, render_wrapped, run_wrapped, share_kept
from tests.evaluation.test_metrics import QUESTIONS, fake_system


async def test_each_wrapper_asks_the_rightly_answered_questions_again() -> None:
    asked: list[str] = []

    async def only_bare_or_greeted(text: str) -> Shown:
        asked.append(text)
        bare = text.removeprefix("Hi, ").replace("question", "question", 1)
        if text.startswith("Hi, ") or text in {q.text for q in QUESTIONS}:
            return await fake_system(bare if bare.startswith("question") else text)
        return Shown(False, ())

    outcomes = await run_questions(in_turn(fake_system), QUESTIONS)
    scores = await run_wrapped(in_turn(only_bare_or_greeted), outcomes, every=1)
    # Right as written: a (@1), b (@3) and e (rightly not covered). Only the greeting keeps a and b; every
    # wrapper keeps e, since the fake says "not covered" to anything it does not know.
    assert [s.name for s in scores] == [w.name for w in WRAPPERS]
    assert all(s.right == 3 for s in scores)
    kept = {s.name: s.kept for s in scores}
    assert kept["greeting"] == 3 and kept["quoted"] == 1
    assert share_kept(scores) == sum(kept.values()) / (3 * len(WRAPPERS))
    # A question answered wrongly is never asked again.
    assert not any("question c" in text or "question d" in text for text in asked)
    assert "greeting" in render_wrapped(scores, 1) and "all wrappers" in render_wrapped(scores, 1)


async def test_every_nth_question_is_taken_and_nothing_right_measures_nothing() -> None:
    outcomes = await run_questions(in_turn(fake_system), QUESTIONS)
    scores = await run_wrapped(
        in_turn(fake_system_or_nothing), outcomes, every=2
    )  # a, c, e: a and e are right
    assert all(s.right == 2 for s in scores)
    assert (
        share_kept(
            await run_wrapped(in_turn(fake_system_or_nothing), [o for o in outcomes if not o.correct], 1)
        )
        is None
    )


async def fake_system_or_nothing(text: str) -> Shown:
    return Shown(False, ())
