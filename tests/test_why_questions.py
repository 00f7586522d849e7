"""Questions asking for a reason or a purpose, in whatever words they ask it."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


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


@pytest.mark.parametrize(
    "question",
    [
        "Why did Beijing establish the Shanghai Five?",
        "To what end did China create the Shanghai 5 mechanism?",
    ],
)
async def test_why_beijing_founded_a_body_is_answered_by_its_founding_with_its_aim(
    core: Core, question: str
) -> None:
    # Beijing is the one who set it up: the founding fact, which says what for ("to resolve border issues").
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert [f.id for f in answer.facts][:1] == ["ser-shanghai-five-1996"]


@pytest.mark.parametrize(
    "question",
    [
        "Why did China sponsor the Shanghai Five?",
        "For what reason did Beijing champion the 1996 five-nation grouping?",
    ],
)
async def test_why_beijing_backed_a_body_it_set_up_is_answered_by_its_founding(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert [f.id for f in answer.facts][:1] == ["ser-shanghai-five-1996"]


def test_the_number_of_members_before_a_dated_body_is_part_of_its_name(core: Core) -> None:
    read = core.answerer.understand("What did the 1996 five-party grouping set out to settle?")
    assert "shanghai-five" in [e.id for e in read.entities]
    assert not {"five", "party"} & {c.text for c in read.concepts}


@pytest.mark.parametrize(
    "question",
    [
        "How do Western analysts explain why the SCO was created?",
        "Why, according to experts in the West, was the Shanghai Cooperation Organisation founded?",
    ],
)
async def test_why_a_body_was_founded_in_western_eyes_is_the_western_view(core: Core, question: str) -> None:
    # Who holds the view is the West (the fact's "Western interpretations"), not a word for analysts; its founding
    # is what the view explains, not a word the view must say.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert [f.id for f in answer.facts][:1] == ["ser-western-view-authoritarian-regime-change"]


async def test_the_fact_giving_the_reason_is_shown_beside_the_one_restating_what_is_asked(core: Core) -> None:
    # "… is trying to break away from oil dependence, which is one reason it wants to benefit … beyond transit
    # fees" says one word less of the question than the fact restating the aim, and is the answer to it.
    answer = await answer_question(
        core,
        "Why does Kazakhstan want to benefit beyond transit fees from Beijing's economic push towards Europe?",
    )
    assert answer.covered, answer.notice
    assert "ser-kz-break-oil-dependence" in answer.fact_ids[:3]
