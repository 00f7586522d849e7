"""The first, the largest, the most: what a superlative ranks by must be something the sources speak of."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    "question",
    [
        "Which of the five republics hosts the greatest number of Chinese restaurants?",
        "Which Central Asian country has the biggest copper mines run by Chinese firms?",
        "which central asian capital has the most chinese tourists",
    ],
)
async def test_an_extreme_of_something_the_sources_never_mention_is_not_covered(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert not answer.covered, (answer.fact_ids, answer.answer)


def test_the_words_after_a_superlative_are_what_it_ranks_by(core: Core) -> None:
    read = core.answerer.understand(
        "Which country received the largest amount of Chinese development financing?"
    )
    assert read.extreme_of == {"development financing"}


async def test_an_extreme_the_sources_give_still_answers(core: Core) -> None:
    answer = await answer_question(
        core, "Which country got the widest range of Chinese public diplomacy among the 12 studied?"
    )
    assert answer.covered, answer.notice
    assert "dip-kazakhstan-greatest-volume" in answer.fact_ids[:3]


async def test_a_ranking_after_a_described_country_starts_from_it(core: Core) -> None:
    # "the steppe republic" is Kazakhstan, described: the ranking starts from it, as it does from its name.
    answer = await answer_question(
        core, "After the steppe republic, which Central Asian country received the most Chinese financing?"
    )
    assert answer.fact_ids[:1] == ["him-turkmenistan-9-billion"], (answer.fact_ids, answer.notice)


async def test_where_among_two_groups_asks_which_group_not_a_place(core: Core) -> None:
    answer = await answer_question(
        core, "Where is China viewed more positively in Kazakhstan: among the elite or among ordinary people?"
    )
    assert answer.question.answer_type != "place"
    assert answer.covered, answer.notice
    assert "dip-kazakhstan-elite-vs-public" in answer.fact_ids[:3]


@pytest.mark.parametrize(
    "question",
    [
        "Is China the sole outside power with a five-plus-one format for the Central Asian states?",
        "Is Beijing alone in running a format of talks with the five Central Asian nations?",
    ],
)
async def test_a_claim_that_one_alone_does_it_is_answered_by_the_others_who_do(
    core: Core, question: str
) -> None:
    # The fact naming Japan, South Korea, the EU, the US, India and Russia answers it, though it names neither
    # China's own format nor "outside powers".
    answer = await answer_question(core, question)
    assert answer.question.exclusive
    assert answer.fact_ids[:1] == ["vac-uljevic-similar-formats"], answer.fact_ids


@pytest.mark.parametrize(
    "question", ["What is the SCO, first and foremost?", "What is the SCO above all about?"]
)
async def test_first_and_foremost_asks_what_a_thing_mainly_is(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert {"ser-sco-primarily-security-institution", "ser-sco-regional-security-view"} & set(
        answer.fact_ids[:3]
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which country comes right after Kazakhstan among Central Asian recipients of Chinese financing?",
        "Which state is the runner-up to Kazakhstan in Chinese financing?",
        "After Kazakhstan, which country got the largest amount of Chinese financing?",
    ],
)
async def test_the_one_ranked_just_below_a_named_country_is_the_second(core: Core, question: str) -> None:
    # "Right after", "runner-up to", "after Kazakhstan, which … the most": the place below the one named, which the
    # sources give as "the second-largest recipient"; Kazakhstan's own figures do not answer.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "him-turkmenistan-9-billion"


async def test_next_to_a_country_is_beside_it_not_ranked_below_it(core: Core) -> None:
    question = core.answerer.understand("Why is the SCO thin next to other regional security bodies?")
    assert question.ordinal is None and not question.ranked


async def test_the_most_with_the_top_one_set_aside_is_the_one_ranked_after_it(core: Core) -> None:
    answer = await answer_question(
        core,
        "Leaving aside Kazakhstan, which of the post-Soviet republics has taken the most Chinese financing?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["him-turkmenistan-9-billion"]
