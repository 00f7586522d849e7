"""What "how many" asks to be counted, and the words around it that only set the scene."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_a_share_said_before_how_many_is_the_setting_not_the_unit(core: Core) -> None:
    # "a small share of the firms work abroad": the question counts them; no share is asked for.
    answer = await answer_question(
        core, "Only a small share of Chinese private security companies operate internationally. How many?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("20 "), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many billions of dollars of Chinese financing went to Kazakhstan, per the Himalaya piece?",
        "how many billion dollars did Kazakhstan absorb in Chinese financing",
    ],
)
async def test_a_scale_between_how_many_and_the_unit_still_asks_for_the_unit(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("$33 billion — "), answer.answer


async def test_how_many_billions_asks_an_amount_not_a_count(core: Core) -> None:
    answer = await answer_question(core, "How many billions went to Turkmenistan from Beijing?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("about $9 billion — "), answer.answer


async def test_the_driving_force_of_a_body_is_the_one_leading_it(core: Core) -> None:
    answer = await answer_question(
        core, "Do Chinese experts regard China as the driving force of the Shanghai Cooperation Organisation?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-chinese-experts-sco-chinese-initiative"]


@pytest.mark.parametrize(
    ("question", "first", "line"),
    [
        (
            "How many countries had observer status in the SCO?",
            "ser-sco-observers",
            "4 ",
        ),
        (
            "How many countries were SCO dialogue partners, not full members, at the time of writing?",
            "ser-sco-dialogue-partners",
            "6 ",
        ),
    ],
)
async def test_a_count_of_one_kind_is_not_a_count_of_all_kinds(
    core: Core, question: str, first: str, line: str
) -> None:
    # "18 states (full members, observers and dialogue partners)" counts all three kinds: the list of the one
    # kind asked about counts it.
    answer = await answer_question(core, question)
    assert answer.fact_ids[:1] == [first], (answer.fact_ids, answer.answer)
    assert (answer.answer or "").startswith(line), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many states does the SCO bring together, observers and dialogue partners included?",
        "How many countries does the SCO gather in total, counting observers?",
    ],
)
async def test_a_count_asked_with_its_kinds_included_is_the_whole(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("18 states — "), answer.answer


async def test_what_a_share_was_spent_on_asks_where_it_went_whatever_source_follows(core: Core) -> None:
    # The share is what was spent; what it was spent on is asked, with the source named after it.
    answer = await answer_question(
        core, "What was Kazakhstan's share of Beijing's lending spent on, according to AidData?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "him-kazakhstan-gas-pipeline"


async def test_the_number_of_parts_asked_for_need_not_be_said_by_the_fact_listing_them(core: Core) -> None:
    # "rests on the New Security Concept, the New Development Approach and the New Civilization Outlook": three
    # parts, though the fact never says "three".
    answer = await answer_question(core, "What are the New Diplomacy's three components?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-new-diplomacy-three-pillars"


async def test_fully_fledged_participants_are_the_full_members(core: Core) -> None:
    answer = await answer_question(
        core,
        "How many countries were fully fledged participants in the SCO at the time of Serikkaliyeva's article?",
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("8 "), answer.answer


async def test_a_span_counted_in_decades_is_answered_in_years(core: Core) -> None:
    answer = await answer_question(
        core, "How many decades of economic liberalisation has China had, by Serikkaliyeva's count?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("more than thirty years — "), answer.answer
    # (a count of things is still not answered by a span)
    answer = await answer_question(core, "How many countries has China reformed?")
    assert not (answer.answer or "").startswith("more than thirty years"), answer.answer


async def test_how_many_of_the_regions_states_counts_those_a_fact_names(core: Core) -> None:
    # "Xinjiang borders Tajikistan, Kyrgyzstan and Kazakhstan": three of the region's states; China, named
    # beside them, is not one of them.
    answer = await answer_question(core, "how many of the five republics touch xinjiang")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("3 (counted in the list) — "), answer.answer
    answer = await answer_question(core, "Of the five stans, how many does Xinjiang border?")
    assert (answer.answer or "").startswith("3 (counted in the list) — "), answer.answer
    # A fact saying the count outright is still the answer: "four of the five", not a list counted.
    answer = await answer_question(core, "How many of the stans belong to the Shanghai bloc?")
    assert (answer.answer or "").startswith("Four of the five — "), answer.answer


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("number of SCO observers", "4"),
        ("how many SCO dialogue partners are there?", "6"),
        ("count of SCO dialogue partners", "6"),
        ("sco full members count", "8"),
    ],
)
async def test_a_count_of_a_bodys_members_counts_the_members_not_the_body(
    core: Core, question: str, count: str
) -> None:
    # "SCO observers": the observers are counted; the SCO says whose (not "18 states" in all).
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith(f"{count} (counted in the list) — "), answer.answer


async def test_a_thing_counted_by_name_is_still_counted_before_another_name(core: Core) -> None:
    # "how many Confucius Institutes China opened": the institutes are counted (a list naming them with Mandarin
    # test centres does not count them).
    answer = await answer_question(core, "how many Confucius Institutes China opened in Central Asia?")
    assert not answer.covered, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "how many deals were signed between Beijing and Dushanbe in 2006?",
        "In 2006, how many investment accords did Tajikistan and China put their names to?",
    ],
)
async def test_things_said_one_to_a_fact_are_counted_across_the_facts(core: Core, question: str) -> None:
    # Three facts each say "In 2006 an investment agreement was signed on …": no figure counts them, but
    # together they do.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("3 "), answer.answer
    assert set(answer.fact_ids[:3]) == {
        "ank-tj-china-highway-agreement-2006",
        "ank-ozodi-tunnel-agreement-2006",
        "ank-north-south-line-agreement-2006",
    }


async def test_things_said_one_to_a_fact_are_not_counted_for_another_year(core: Core) -> None:
    answer = await answer_question(
        core, "How many investment agreements did Tajikistan and China sign in 2009?"
    )
    assert not answer.covered, answer.answer


async def test_an_amount_before_the_thing_counted_is_no_count_of_it(core: Core) -> None:
    # "a $5 billion loan" is one loan, not five; "a $1.7 billion loan" is another, of the same package (the
    # curators link the two as parts of one package, not as reports of one loan).
    answer = await answer_question(core, "How many loans did Beijing extend to Astana in early 2011?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("2 "), answer.answer
    assert set(answer.fact_ids[:2]) == {"ank-petrochemical-loan-2011", "ank-samruk-kazyna-loan-2011"}


async def test_how_much_a_country_owes_asks_for_a_debt_no_loan_gives(core: Core) -> None:
    # The sources give loans and financing totals, never what is owed.
    answer = await answer_question(core, "How much money does Uzbekistan owe Beijing?")
    assert not answer.covered
    assert (answer.notice or "").startswith("The sources do not give the debt"), answer.notice


async def test_money_asked_is_an_amount_in_dollars_whatever_the_fact_calls_it(core: Core) -> None:
    answer = await answer_question(
        core, "How much cash did Beijing put into Kazakhstan's petrochemical industry in 2011?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("$5 billion — "), answer.answer


@pytest.mark.parametrize(
    "question",
    ["SCO full members at the time of the article - how many?", "sco full members: how many and which"],
)
async def test_a_keyword_query_ending_on_how_many_counts_what_it_opens_with(
    core: Core, question: str
) -> None:
    # The full members are a list of eight; the 18 states also take in observers and dialogue partners.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("8 "), answer.answer
    assert answer.fact_ids[0] == "ser-sco-full-members"


async def test_what_percent_asks_for_a_percentage_not_the_measure_after_it(core: Core) -> None:
    # Two figures on the SCO's population: over 3 billion people, over 45 percent of the world's.
    answer = await answer_question(core, "What percent of humanity lives in the SCO's 18 states?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("over 45 percent — "), answer.answer


async def test_a_scale_after_how_many_is_the_amounts_not_a_word_to_find(core: Core) -> None:
    answer = await answer_question(
        core,
        "By how many million dollars did the 2011 petrochemical loan to Kazakhstan exceed the Samruk-Kazyna loan?",
    )
    assert answer.covered, answer.notice
