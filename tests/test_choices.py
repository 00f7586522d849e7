"""A choice between two things ("higher in Kazakhstan or in Kyrgyzstan?"): each side's own fact, side by side."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    "question",
    [
        "Per the Barometer, was the share of people with an unfavourable view of China bigger in Kyrgyzstan or in "
        "Kazakhstan?",
        "Was the share of people viewing China unfavourably lower in Kyrgyzstan or Kazakhstan?",
    ],
)
async def test_a_figure_higher_in_one_place_or_another_shows_both(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert {"vac-cab-kazakhstan-unfavourable-china", "vac-cab-kyrgyzstan-unfavourable-china"} <= set(
        answer.fact_ids[:3]
    ), answer.fact_ids
