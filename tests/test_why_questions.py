"""Questions asking for a reason or a purpose, in whatever words they ask it."""

from __future__ import annotations

import pytest

from bot.core import Core


@pytest.mark.parametrize(
    "question",
    [
        "To what end does China court Kyrgyz students?",
        "for what ends did Beijing lend Astana $5 billion",
        "To what ultimate end was the Shanghai Five created?",
    ],
)
def test_to_what_end_asks_why(core: Core, question: str) -> None:
    read = core.answerer.understand(question)
    assert read.intent == "why"
    assert not {"end", "ends", "ultimate"} & {c.text for c in read.concepts}


def test_to_what_extent_is_not_a_purpose(core: Core) -> None:
    assert core.answerer.understand("To what extent does Kazakhstan depend on Chinese loans?").intent != "why"
