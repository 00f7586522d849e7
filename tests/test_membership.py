"""Whether a country belongs to a body, checked against the facts that list the body's members: yes with the list
naming it, no with the whole list that leaves it out, and never from a list of another standing or a sample."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    "question",
    [
        "Was Tajikistan one of the Shanghai Five?",
        "did kyrgyzstan belong to the shanghai 5",
        "Was Russia among the founders of the Shanghai Five Mechanism?",
    ],
)
async def test_a_member_is_confirmed_by_the_list_that_never_says_member(core: Core, question: str) -> None:
    # The list is the grouping's founding fact ("… to resolve border issues among China, Russia, …").
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-shanghai-five-1996"]
    assert (answer.answer or "").startswith("Yes — "), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Was Turkmenistan part of the Shanghai Five?",
        "Did the Shanghai 5 include Tashkent?",
    ],
)
async def test_a_country_the_whole_list_leaves_out_is_answered_with_the_list(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.fact_ids[:1] == ["ser-shanghai-five-1996"]
    assert (answer.answer or "").startswith(
        "The sources name China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan, not "
    ), answer.answer


async def test_a_name_of_a_number_is_not_said_by_a_fact_that_counts_for_another_body(core: Core) -> None:
    # "Four of the five are members of the Shanghai Cooperation Organisation" has the words "Shanghai" and
    # "five", but it names the SCO, not the 1996 grouping; the grouping's own fact does name it.
    answerer = core.answerer
    five = answerer.entities.by_id.get("shanghai-five")
    assert five is not None
    facts = await core.store.facts_by_ids(["vac-sco-four-of-five-members", "ser-shanghai-five-1996"])
    rows = await core.store.search_rows([f.rid for f in facts])
    counting, founding = (rows[f.rid] for f in facts)
    assert not answerer._said_by_name(five, counting)
    assert answerer._said_by_name(five, founding)


async def test_membership_is_checked_against_the_members_not_a_list_of_another_standing(core: Core) -> None:
    # Mongolia is on the list of observers: that is not a "yes" to membership, and the observers' list is shown
    # beside the members'.
    answer = await answer_question(core, "Is Mongolia a member of the Shanghai Cooperation Organisation?")
    line = answer.answer or ""
    assert line.startswith(
        "The sources name China, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan"
    ), line
    assert "not Mongolia" in line and "observers were Afghanistan, Belarus, Iran and Mongolia" in line
    assert answer.fact_ids[:2] == ["ser-sco-full-members", "ser-sco-observers"]


async def test_founders_are_not_read_off_a_list_of_todays_members(core: Core) -> None:
    # The SCO's lists are of full members, observers and partners at the time of the article; none says who
    # founded it, so no list settles it.
    answer = await answer_question(core, "Was Kyrgyzstan a founding member of the SCO?")
    assert not (answer.answer or "").startswith(("Yes", "The sources name")), answer.answer


async def test_a_research_lab_naming_countries_has_no_members(core: Core) -> None:
    # AidData's facts name the countries it studies: not a list of members.
    answer = await answer_question(core, "Is Kyrgyzstan one of AidData's members?")
    assert not (answer.answer or "").startswith(("Yes", "The sources name")), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Of the five Central Asian republics, which one remains outside the SCO?",
        "among the five stans which is not a member of the shanghai cooperation organisation",
    ],
)
async def test_the_region_named_before_which_still_asks_for_the_one_left_out(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("Turkmenistan — "), (answer.answer, answer.notice)


async def test_watching_from_the_sidelines_is_an_observers_standing(core: Core) -> None:
    answer = await answer_question(
        core, "Belarus and Iran: members of the SCO, or only watching from the sidelines?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-sco-observers"]


@pytest.mark.parametrize(
    "question",
    [
        # a claim with "not" and a tag without it asks to check the claim, as "wasn't it?" after a plain one does
        "Uzbekistan was not one of the Shanghai Five, was it?",
        "Uzbekistan wasn't in the Shanghai Five, was it? Which countries were?",
    ],
)
async def test_a_tag_after_a_denied_claim_checks_the_claim(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.question.polar
    assert (answer.answer or "").startswith(
        "The sources name China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan"
    ), (
        answer.answer,
        answer.notice,
    )


def test_a_question_ending_where_was_it_still_asks_where(core: Core) -> None:
    read = core.answerer.understand("The second China–Central Asia ministers' meeting, where was it?")
    assert not read.polar


async def test_a_place_the_states_are_put_in_says_which_five_not_what_lists_them(core: Core) -> None:
    answer = await answer_question(
        core,
        "Which of the five Central Asian countries at the Xi'an talks is not a full member of the SCO?",
    )
    assert (answer.answer or "").startswith("Turkmenistan — "), (answer.answer, answer.notice)


async def test_a_place_a_list_is_about_still_names_what_lists_them(core: Core) -> None:
    # Xinjiang is what the list of its neighbours is about: the two it leaves out are the answer.
    answer = await answer_question(core, "Which of the five Central Asian republics do not border Xinjiang?")
    assert (answer.answer or "").startswith("Turkmenistan and Uzbekistan — "), (answer.answer, answer.notice)


async def test_a_body_described_and_dated_after_its_noun_is_the_one_of_that_year(core: Core) -> None:
    # "set up in 2001" names the bloc; no fact about its dialogue partners need say 2001.
    answer = await answer_question(
        core, "Which Caucasus countries had partner status in the regional security bloc set up in 2001?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-sco-dialogue-partners"]


def test_a_claim_about_a_named_bodys_founding_year_still_asks_it(core: Core) -> None:
    read = core.answerer.understand("Was the security bloc founded in 2001?")
    assert read.years == [2001]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("Which states were members of the Shanghai Five?", None),
        (
            "Who were the Shanghai Five's member states?",
            "China, Russia, Kazakhstan, Kyrgyzstan and Tajikistan — ",
        ),
        ("how many member states did the Shanghai 5 have", "5 (counted in the list) — "),
    ],
)
async def test_a_bodys_one_list_of_countries_gives_its_members_though_it_never_says_members(
    core: Core, question: str, line: str | None
) -> None:
    # "Beijing encouraged the Shanghai Five Mechanism in 1996 … among China, Russia, Kazakhstan, Kyrgyzstan and
    # Tajikistan": the body's only list of countries.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids == ["ser-shanghai-five-1996"]
    if line is not None:
        assert (answer.answer or "").startswith(line), answer.answer


async def test_a_standing_no_list_names_is_not_read_from_the_members(core: Core) -> None:
    assert not (await answer_question(core, "Who were the Shanghai Five's observers?")).covered


async def test_listed_among_a_standing_asks_whether_a_country_holds_it(core: Core) -> None:
    answer = await answer_question(core, "Is Belarus listed among the SCO's observers?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-sco-observers"]


async def test_the_members_of_one_body_not_in_anothers_list_are_named_with_both_lists(core: Core) -> None:
    answer = await answer_question(
        core, "Which of the SCO's full members had not belonged to the Shanghai Five?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith(
        "Shanghai Cooperation Organisation, not Shanghai Five: Uzbekistan, India and Pakistan — "
    ), answer.answer
    assert answer.fact_ids == ["ser-sco-full-members", "ser-shanghai-five-1996"]


async def test_how_two_bodies_members_differ_is_told_both_ways(core: Core) -> None:
    answer = await answer_question(
        core, "How do the Shanghai Five's members differ from the SCO's full members?"
    )
    assert (answer.answer or "").startswith(
        "Shanghai Five, not Shanghai Cooperation Organisation: none; "
        "Shanghai Cooperation Organisation, not Shanghai Five: Uzbekistan, India and Pakistan — "
    ), answer.answer


async def test_two_bodies_compared_on_anything_but_members_are_not_told_apart_by_their_lists(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "How does the SCO's role in regional security compare with the Shanghai Five's?"
    )
    assert "not Shanghai Five" not in (answer.answer or "")


async def test_the_countries_a_body_was_set_up_among_are_those_that_belonged_to_it(core: Core) -> None:
    answer = await answer_question(core, "Which countries belonged to the Shanghai Five?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-shanghai-five-1996"
