"""Comparisons of two things, each with its own year or described in the asker's words."""

from __future__ import annotations

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
