"""Comparisons of two things, each with its own year or described in the asker's words."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_a_side_whose_fact_gives_no_year_is_still_compared(core: Core) -> None:
    # The Tajik projects' financing ("almost $1 billion") is given with no year: the asker's "2006" says which
    # projects are meant, not that a fact must be dated then.
    answer = await answer_question(
        core, "Compare Kazakhstan's 2011 petrochemical loan with Tajikistan's 2006 road and tunnel financing"
    )
    assert answer.covered, answer.notice
    assert {"ank-petrochemical-loan-2011", "ank-tj-projects-financing-1-billion"} <= set(answer.fact_ids[:3])


async def test_two_years_of_one_thing_still_need_a_fact_for_each(core: Core) -> None:
    answer = await answer_question(core, "How did the SCO's share of world GDP in 2015 compare with 2021?")
    assert not answer.covered
    assert "2021" in (answer.notice or "")


async def test_a_countrys_elites_and_its_wider_population_are_the_sides_the_sources_compare(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "In Kazakhstan, how do the nomenklatura and the wider population differ on China?"
    )
    assert answer.covered, answer.notice
    assert "dip-kazakhstan-elite-vs-public" in answer.fact_ids[:3]


async def test_which_of_two_did_a_thing_is_answered_by_the_one_that_did_it(core: Core) -> None:
    # Nothing ranks the two: the sources need say it of one of them only.
    answer = await answer_question(
        core,
        "Which state did Beijing sign its 2002 good-neighbourliness treaty with, Uzbekistan or Kazakhstan?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-kz-china-treaty-2002-signed"]


async def test_which_of_two_ranks_them_still_needs_a_fact_for_each(core: Core) -> None:
    answer = await answer_question(
        core, "Which got the larger Chinese loan in 2011, Uzbekistan or Kazakhstan?"
    )
    assert not answer.covered, answer.answer
    assert "Uzbekistan" in (answer.notice or "")


async def test_contrast_asks_for_the_two_sides(core: Core) -> None:
    answer = await answer_question(core, "Contrast Kazakhstan's Chinese financing with Turkmenistan's")
    assert answer.covered, answer.notice
    assert {"him-kazakhstan-33-billion", "him-turkmenistan-9-billion"} <= set(answer.fact_ids[:3])


async def test_in_contrast_to_is_not_a_comparison(core: Core) -> None:
    understood = core.answerer.understand(
        "In contrast to Russia, what does China offer the region in security?"
    )
    assert understood.intent != "compare"


@pytest.mark.parametrize(
    "question",
    [
        "Does the Western reading of the SCO differ from that of Yu Jianhua?",
        "How do Chinese experts' and Western views of the SCO differ?",
        "How do Yu Jianhua and Western interpretations differ on the SCO?",
    ],
)
async def test_two_views_named_as_views_are_each_found(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert {"ser-western-view-authoritarian-regime-change", "ser-yu-jianhua-non-traditional-security"} <= set(
        answer.fact_ids[:4]
    ), answer.fact_ids


async def test_how_many_times_more_is_the_one_amount_over_the_other(core: Core) -> None:
    answer = await answer_question(
        core, "How many times more Chinese financing did Kazakhstan receive than Turkmenistan?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("About 3.7 times — $33 billion: "), answer.answer
    assert answer.fact_ids == ["him-kazakhstan-33-billion", "him-turkmenistan-9-billion"]


async def test_which_of_two_got_the_bulk_is_told_by_the_fact_saying_where_most_went(core: Core) -> None:
    # "most of China's US$127 billion … went to the Central Asian countries"
    answer = await answer_question(
        core, "Of the $127 billion, did the greater share go to the stans or to South Asia?"
    )
    assert answer.covered, answer.notice
    assert "him-most-to-central-asia" in answer.fact_ids[:2]
