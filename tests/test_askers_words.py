"""The asker's own words for what the sources say otherwise: shorthand, a region's other names, a standing in a
body."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_a_countrys_status_in_a_body_is_its_membership(core: Core) -> None:
    # No fact says "status": the lists of members, observers and partners say where a country stands.
    answer = await answer_question(core, "what's iran's status within the shanghai grouping")
    assert answer.covered, answer.notice
    assert "ser-sco-observers" in answer.fact_ids[:3]


async def test_the_status_of_a_project_is_not_a_membership(core: Core) -> None:
    # (Its three countries are all SCO members: "status" must not make the members' list an answer.)
    answer = await answer_question(core, "What is the status of the China–Kyrgyzstan–Uzbekistan railway?")
    assert not answer.covered, answer.fact_ids
    assert "status" in (answer.notice or ""), answer.notice


async def test_the_mideast_is_the_middle_east(core: Core) -> None:
    answer = await answer_question(core, "Who calls Central Asia a transit zone for trade with the Mideast?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "vac-clarke-transit-zone"


async def test_shorthand_is_read_as_the_word_it_stands_for(core: Core) -> None:
    read = core.answerer.understand("chinese loans to the region excl. kazakhstan, esp. energy")
    words = {c.text for c in read.concepts}
    assert not {"excl", "esp"} & words
    answer = await answer_question(core, "SCO states incl. observers - how many people live there?")
    assert "incl" not in (answer.notice or ""), answer.notice


async def test_what_a_thing_represented_asks_what_it_was(core: Core) -> None:
    # No fact says "represent": what the SCO's founding was for China's New Diplomacy, in Serikkaliyeva's words.
    answer = await answer_question(
        core, "According to Serikkaliyeva, what did setting up the SCO represent for China's New Diplomacy?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-sco-first-new-diplomacy-experience"


async def test_a_body_that_stalled_was_paralysed(core: Core) -> None:
    answer = await answer_question(core, "when did the SCO stall during a Kyrgyz crisis?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


def test_walk_me_through_in_a_later_sentence_is_a_request_not_a_word_asked(core: Core) -> None:
    read = core.answerer.understand("What came before the SCO? Walk me through the Shanghai Five years.")
    assert "walk" not in {c.text for c in read.concepts}


async def test_a_project_picked_out_by_words_no_source_uses_is_not_covered(core: Core) -> None:
    # "Astana's tram depot project": no source names it; the 2011 petrochemical loan is not its value.
    answer = await answer_question(core, "How much did Beijing lend for Astana's tram depot project?")
    assert not answer.covered, answer.answer
    assert answer.answer is None


async def test_how_many_years_apart_two_events_were_is_the_time_between_them(core: Core) -> None:
    answer = await answer_question(
        core, "How many years apart were the SCO's founding and the signing of its Charter?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("about 1 year"), answer.answer


@pytest.mark.parametrize("question", ["SCO RATS acronym", "RATS meaning?", "what's the abbreviation RATS"])
async def test_an_acronym_asked_about_is_what_its_name_spells_out(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert "ser-sco-two-standing-organs" in answer.fact_ids[:3]


async def test_where_the_asker_met_a_name_is_not_part_of_the_question(core: Core) -> None:
    answer = await answer_question(
        core,
        "Who is Srdjan Uljevic? The name popped up in a piece on the Xi'an meeting and I can't place him.",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids and answer.fact_ids[0].startswith("vac-uljevic-")


async def test_breaking_away_from_the_soviet_union_is_independence(core: Core) -> None:
    answer = await answer_question(
        core, "In what year did the Kyrgyz republic break away from the Soviet Union?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("1991"), answer.answer


async def test_breaking_away_from_a_dependence_is_not_independence(core: Core) -> None:
    answer = await answer_question(core, "Is Kazakhstan trying to break away from dependence on oil?")
    assert answer.fact_ids[:1] == ["ser-kz-break-oil-dependence"]


@pytest.mark.parametrize(
    "question",
    [
        "Are SCO members bound by any military obligations to one another?",
        "Is membership of the SCO binding in matters of defence?",
    ],
)
async def test_what_binds_members_is_their_obligations(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert "ser-sco-no-military-obligations" in answer.fact_ids[:2]


async def test_a_motive_ascribed_by_someone_is_what_they_argue(core: Core) -> None:
    answer = await answer_question(
        core,
        "What motive do Western analysts ascribe to the SCO's founding states?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-western-view-authoritarian-regime-change"]


async def test_beijings_foreign_policy_rethink_is_its_new_diplomacy(core: Core) -> None:
    understood = core.answerer.understand("Was Beijing's diplomatic rethink driven by its economic growth?")
    assert "china-new-diplomacy" in [e.id for e in understood.entities]
    assert "rethink" not in understood.unknown


async def test_a_strand_of_a_doctrine_is_one_of_its_pillars(core: Core) -> None:
    understood = core.answerer.understand("What is the security strand of the New Diplomacy?")
    assert any("pillars" in c.alternatives for c in understood.concepts), understood.concepts


async def test_the_five_written_in_digits_are_the_five_republics(core: Core) -> None:
    answer = await answer_question(core, "Which one of the 5 republics stays out of the SCO?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Turkmenistan"), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who else has a dialogue format with the five Central Asian states like Beijing's?",
        "which countries have their own 'China plus five' style formats with the region",
    ],
)
async def test_like_chinas_and_a_quoted_style_ask_for_similar_ones(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert "vac-uljevic-similar-formats" in answer.fact_ids[:2], answer.fact_ids


def test_the_two_sides_are_the_things_named_not_a_word_a_fact_must_say(core: Core) -> None:
    read = core.answerer.understand("What did the two sides of the 2002 treaty promise each other?")
    assert "sides" not in {c.text for c in read.concepts}


async def test_xian_may_be_named_by_its_history(core: Core) -> None:
    answer = await answer_question(core, "When did Xi Jinping and Tokayev meet in the former Tang capital?")
    assert "xian" in {e.id for e in answer.question.entities}
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("2023 — "), answer.answer


async def test_somewhere_said_by_an_asker_who_does_not_know_the_place_is_no_word_to_find(core: Core) -> None:
    answer = await answer_question(
        core, "Wang Yi hosted the region's foreign ministers somewhere in China - which city?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Xi'an"), answer.answer


async def test_a_measure_asked_at_a_time_is_still_the_measure_asked(core: Core) -> None:
    # ANKASAM calls Kazakhstan the region's largest economy, but gives no GDP.
    answer = await answer_question(
        core, "What was Kazakhstan's GDP when it became the region's largest economy?"
    )
    assert not answer.covered, answer.answer
    assert (answer.notice or "").startswith("The sources do not give the GDP"), answer.notice
