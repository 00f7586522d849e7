"""Where questions asked in other words: a part of the world, a new kind of a thing named by its style."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    "question",
    [
        "In which part of the globe did China's New Diplomacy first show itself?",
        "In what corner of the world did Beijing's new-style diplomacy first become visible?",
    ],
)
async def test_a_part_of_the_world_asks_where(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.question.intent == "where"
    assert not {"part", "corner", "world", "globe"} & {c.text for c in answer.question.concepts}
    assert answer.fact_ids[:1] == ["ser-new-diplomacy-asia-first"], (answer.fact_ids, answer.notice)


def test_new_style_names_the_new_kind(core: Core) -> None:
    read = core.answerer.understand("What are the pillars of Beijing's new-style diplomacy?")
    assert "china-new-diplomacy" in [e.id for e in read.entities]
    assert "style" not in {c.text for c in read.concepts}
