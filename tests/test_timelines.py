"""Timelines of two things joined: each step of the history is one of them."""

from __future__ import annotations

from bot.core import Core
from bot.understanding import answer_question


async def test_a_timeline_of_two_things_joined_takes_steps_of_either(core: Core) -> None:
    # The 2006 road, tunnel and power-line accords are agreements and say nothing of high-level contacts.
    answer = await answer_question(
        core, "Chronology of Beijing's accords and high-level contacts with Dushanbe"
    )
    assert answer.covered, answer.notice
    assert {"ank-ozodi-tunnel-agreement-2006", "ank-tj-china-highway-agreement-2006"} <= set(answer.fact_ids)


def test_only_a_timeline_reads_two_things_joined_as_either(core: Core) -> None:
    assert core.answerer.understand(
        "Timeline of Chinese loans and investments in Kazakhstan"
    ).joined_from == ("investments")
    assert (
        core.answerer.understand("Why did China sign loans and investments with Kazakhstan?").joined_from
        is None
    )


async def test_the_time_before_a_first_in_years_is_dated_by_it(core: Core) -> None:
    # "His first there in five years", announced in 2024: the previous visit was about 2019, and the line says
    # the sources give no date of their own for it.
    answer = await answer_question(
        core, "When was Xi's previous trip to Tajikistan, before the one announced in 2024?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("about 2019 — "), answer.answer
    assert "give no date" in (answer.answer or "")


async def test_a_month_of_the_time_before_is_not_given(core: Core) -> None:
    answer = await answer_question(core, "In which month did Xi last visit Tajikistan before the 2024 trip?")
    assert not answer.covered, answer.answer
