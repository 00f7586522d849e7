"""Claims an analyst brings to check: heard from someone, noted down, put with a rounded share or a number in
words. What the sources say of the claim is the answer, with the figure or date that bears it out or corrects it."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_a_number_in_words_the_sources_lack_is_the_figure_checked_not_a_missing_word(
    core: Core,
) -> None:
    # The sources say "the first in five years": "seven" is the asker's figure, as "7" would be.
    in_words = await answer_question(core, "Was Xi's trip to Tajikistan his first in seven years?")
    in_digits = await answer_question(core, "Was Xi's trip to Tajikistan his first in 7 years?")
    assert in_words.covered, in_words.notice
    assert in_words.fact_ids[:1] == in_digits.fact_ids[:1] == ["ank-xi-tajikistan-first-in-five-years"]


@pytest.mark.parametrize(
    "question",
    [
        "My editor told me the SCO only came into being in 1998 — is that right?",
        "A colleague keeps telling me that the Shanghai Cooperation Organisation was set up in 1998. True?",
        "I've got 1998 noted as the year the Shanghai Cooperation Organisation was founded. Correct?",
    ],
)
async def test_a_claim_heard_or_noted_down_is_checked_against_the_sources(core: Core, question: str) -> None:
    read = core.answerer.understand(question)
    assert read.polar and not {"editor", "told", "telling", "colleague", "noted"} & {
        c.text for c in read.concepts
    }
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("The sources give 2001, not 1998"), (answer.answer, answer.notice)


async def test_a_claim_stated_then_who_said_that_asks_whose_claim_it_is(core: Core) -> None:
    answer = await answer_question(
        core,
        "An academic in Kyrgyzstan reckons the SCO could take a back seat to the new format with the five "
        "republics. Who argued this?",
    )
    assert (answer.answer or "").startswith("Srdjan Uljevic"), (answer.answer, answer.notice)


async def test_a_share_put_as_so_many_in_so_many_is_met_by_a_figure_near_it(core: Core) -> None:
    answer = await answer_question(core, "Does roughly one in three Kyrgyz view China unfavourably?")
    assert (answer.answer or "").startswith("Yes, 35 per cent (about one in three)"), answer.answer
    answer = await answer_question(core, "Do two out of five people in Kazakhstan view China unfavourably?")
    assert (answer.answer or "").startswith("The sources give 30 per cent, not two out of five"), (
        answer.answer
    )


async def test_a_figure_recorded_as_less_than_a_bound_lies_below_it(core: Core) -> None:
    # "single-digit" is recorded as less than 10 per cent: below ten, not exactly ten.
    answer = await answer_question(core, "Do under 10% of Kyrgyz view Russia unfavourably?")
    assert (answer.answer or "").startswith("Yes, single-digit (below 10%)"), answer.answer
    answer = await answer_question(core, "Do over 10% of Kyrgyz view Russia unfavourably?")
    assert (answer.answer or "").startswith("No, single-digit (below 10%)"), answer.answer


async def test_where_most_of_an_amount_went_is_not_answered_by_the_amount_itself(core: Core) -> None:
    answer = await answer_question(
        core, "Where did the majority of the $127 billion in Chinese assistance go?"
    )
    assert answer.fact_ids[:1] == ["him-most-to-central-asia"], answer.fact_ids
    answer = await answer_question(core, "Did the bulk of the US$127 billion go to South Asia?")
    assert not (answer.answer or "").startswith("Yes"), answer.answer


def test_kazakhstan_s_former_capital_names_it(core: Core) -> None:
    for name in ("Almaty", "Alma-Ata"):
        read = core.answerer.understand(f"When did {name} and Beijing open diplomatic relations?")
        assert "kazakhstan" in {e.id for e in read.entities}, name


async def test_where_most_of_a_country_s_money_ended_up_is_the_project_it_went_into(core: Core) -> None:
    # "Mainly used for the gas pipeline" says where the larger part went: a project is a where of money.
    answer = await answer_question(core, "Where did the majority of Chinese financing to Kazakhstan end up?")
    assert answer.fact_ids[:1] == ["him-kazakhstan-gas-pipeline"], answer.fact_ids


@pytest.mark.parametrize(
    ("question", "line"),
    [
        (
            "Were diplomatic ties between Astana and Beijing set up on 3 January 1992?",
            "Yes, 3 January 1992 — ",
        ),
        (
            "Were diplomatic ties between Astana and Beijing set up on January 8, 1992?",
            "The sources give 3 January 1992, not 8 January 1992 — ",
        ),
        (
            "Were diplomatic ties between Astana and Beijing set up in February 1992?",
            "The sources give 3 January 1992, not February 1992 — ",
        ),
        ("Did the SCO come into being on 20 June 2001?", "The sources give only 2001, not the day — "),
    ],
)
async def test_a_claim_s_day_or_month_is_checked_not_only_its_year(
    core: Core, question: str, line: str
) -> None:
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith(line), (answer.answer, answer.notice)


async def test_was_it_someone_s_idea_asks_whether_they_proposed_it(core: Core) -> None:
    answer = await answer_question(core, "Is the New Development Approach Wang Yi's brainchild?")
    assert (answer.answer or "").startswith("The sources say this of Hu Jintao, not of Wang Yi"), (
        answer.answer,
        answer.notice,
    )


def test_a_report_s_numbers_are_its_figures_not_a_thing_asked_about(core: Core) -> None:
    read = core.answerer.understand("Did Bishkek or Dushanbe get more Chinese money in AidData's numbers?")
    assert read.intent == "compare" and "numbers" not in {c.text for c in read.concepts}


async def test_a_claimed_deed_is_not_borne_out_by_any_fact_of_that_year_about_the_same_countries(
    core: Core,
) -> None:
    # The sources tell of a China–Tajikistan community announced in 2023, not of a dam built then.
    answer = await answer_question(
        core, "Did Tajikistan and China build a new hydropower dam together in 2023?"
    )
    assert not answer.covered, answer.fact_ids
    # "They met twice and set out new plans" that year says too little of the claim to answer "Yes, 2023".
    answer = await answer_question(
        core, "Did Kazakhstan and China launch a joint lunar exploration programme in 2023?"
    )
    assert not (answer.answer or "").startswith("Yes"), answer.answer


@pytest.mark.parametrize(
    "question", ["is it one in three", "nearly one in three?", "one in three", "two out of five"]
)
async def test_a_share_in_words_at_the_end_of_a_line_is_read_not_a_failure(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.notice or answer.facts  # an answer either way, never an error


def test_someone_s_own_idea_is_read_as_what_they_proposed(core: Core) -> None:
    read = core.answerer.understand("Was the New Development Approach Hu Jintao's own idea?")
    assert [c.text for c in read.concepts] == ["proposed"] and "hu-jintao" not in read.owners


@pytest.mark.parametrize(
    "question",
    [
        "Did Beijing's development lending only begin to rise after the Belt and Road Initiative was launched in 2013?",
        "Is it true that Chinese funding for development projects only increased once the BRI had been launched in "
        "2013?",
    ],
)
async def test_a_year_dating_what_a_claim_is_measured_from_neither_confirms_nor_narrows_it(
    core: Core, question: str
) -> None:
    # The launch was in 2013, but the claim is about what came after it: no "Yes, 2013", and the fact saying the
    # funding rose as early as 2008 is the answer.
    answer = await answer_question(core, question)
    assert not (answer.answer or "").startswith("Yes"), answer.answer
    assert answer.fact_ids[:1] == ["dip-chinese-development-funding-2008"], answer.fact_ids


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Was the Shanghai 5 created in 1994?", "1996, not 1994"),
        ("Is it true that the Shanghai Five Mechanism was set up in 1996?", "1996, the year asked"),
    ],
)
async def test_a_founding_year_no_fact_states_is_checked_against_the_first_date_the_sources_give(
    core: Core, question: str, verdict: str
) -> None:
    # The sources say Beijing "encouraged" the grouping in 1996, never that it was founded then: the line says it is
    # their first date for it, not its founding date.
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith(
        f"The earliest date the sources give for Shanghai Five is {verdict}"
    ), (
        answer.answer,
        answer.notice,
    )


async def test_a_claim_told_after_the_question_is_checked_not_its_teller(core: Core) -> None:
    answer = await answer_question(
        core, "When was the Shanghai Cooperation Organisation founded? The textbook says 1999."
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("The sources give 2001, not 1999 — "), answer.answer


async def test_a_quoted_term_the_sources_never_use_is_not_covered(core: Core) -> None:
    # "police" and "posts" are in no source: what the quotation names is not there, whatever else matches.
    answer = await answer_question(core, "Has Beijing set up 'overseas police posts' anywhere in Kyrgyzstan?")
    assert not answer.covered
    assert "police" in (answer.notice or "")


async def test_a_quoted_term_the_sources_use_is_still_answered(core: Core) -> None:
    answer = await answer_question(core, "Who called the SCO the 'NATO of the East'?")
    assert answer.covered, answer.notice
