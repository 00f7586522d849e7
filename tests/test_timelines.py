"""Timelines of two things joined: each step of the history is one of them."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question
from bot.understanding.pairs import events_in_order, timeline_topic


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


async def test_a_timeline_of_two_countries_relations_is_every_step_between_them(core: Core) -> None:
    # "Relations" is what the history is of, not a word each step must say: the 2002 treaty and the 2011 loans
    # are steps of it too. The steps answering best are shown in date order, and a long history is not cut off
    # at its earliest eight: the 2023 meetings are in it.
    answer = await answer_question(core, "Chronology of Astana's relations with Beijing")
    assert answer.covered, answer.notice
    shown = answer.fact_ids
    assert {"ser-kz-china-treaty-2002-signed", "ank-xi-tokayev-met-twice-2023"} <= set(shown)
    dates = [f.date for f in answer.facts if f.date]
    assert dates == sorted(dates)


async def test_a_timeline_of_two_countries_leaves_out_the_regions_steps_when_they_have_their_own(
    core: Core,
) -> None:
    # Dushanbe and Beijing have steps of their own (the 2006 accords, the 2023 statement): ties with all five
    # in 1992 and the Shanghai Five are the region's history, not theirs.
    answer = await answer_question(core, "Tajikistan-China ties: a chronology")
    assert answer.covered, answer.notice
    assert "ank-ozodi-tunnel-agreement-2006" in answer.fact_ids
    assert not {"him-diplomatic-relations-january-1992", "ser-shanghai-five-1996"} & set(answer.fact_ids)


async def test_ties_set_up_are_a_step_of_their_own_in_a_timeline(core: Core) -> None:
    # "From independence to the opening of formal ties": the ties are the end of the history, not what it is of.
    answer = await answer_question(
        core, "Timeline from the Soviet collapse to Beijing opening formal ties with the five republics"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "him-soviet-dissolution-independence"


def test_over_the_years_after_what_asks_what_not_for_a_timeline(core: Core) -> None:
    assert core.answerer.understand(
        "What part has the SCO come to play in Chinese policy over the years?"
    ).intent != ("timeline")
    assert core.answerer.understand("How did Kazakh-Chinese trade shift over the years?").intent == "timeline"
    assert core.answerer.understand("main milestones of the SCO").intent == "timeline"


async def test_the_birth_of_a_body_is_its_founding(core: Core) -> None:
    answer = await answer_question(core, "Which came first, the birth of the SCO or its Charter?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-sco-established-2001"


async def test_a_purpose_said_after_the_subject_is_not_what_is_asked(core: Core) -> None:
    # "… for a sidebar": where the answer will go, not the page furniture of a captured page.
    answer = await answer_question(core, "A chronology of the SCO for a sidebar in our report, please")
    assert answer.covered, answer.notice
    assert "ser-sco-established-2001" in answer.fact_ids
    # The sidebar of a captured page, asked about, is still page furniture.
    answer = await answer_question(core, "What did the sidebar of the Diplomat article list?")
    assert not answer.covered


async def test_in_order_asks_for_a_history_and_its_episodes_are_its_steps(core: Core) -> None:
    question = core.answerer.understand(
        "What do the sources say of China and Kyrgyzstan, in chronological order?"
    )
    assert question.intent == "timeline"
    # ("in order to" is a purpose, not an order)
    assert core.answerer.understand("What did Beijing do in order to win over Astana?").intent != "timeline"
    answer = await answer_question(core, "List in order the episodes of Sino-Kyrgyz relations")
    assert answer.covered, answer.notice
    dates = [f.date or "" for f in answer.facts]
    assert "him-xi-jeenbekov-bishkek-2019" in answer.fact_ids and dates == sorted(dates)


def test_post_and_pre_before_a_year_bound_the_period(core: Core) -> None:
    question = core.answerer.understand("Which post-2010 loans did China give Kazakhstan?")
    assert question.period == (2011, None)
    assert "post" not in {c.text for c in question.concepts}
    assert core.answerer.understand("What did pre-2013 Chinese lending to Kazakhstan fund?").period == (
        None,
        2012,
    )


async def test_the_event_told_first_is_what_it_refers_back_to(core: Core) -> None:
    # "Hu's doctrine — how many years after X was it put forward?": "it" is the doctrine, and X ends before it.
    answer = await answer_question(
        core, "The New Development Approach: how many years after the SCO was founded was it proposed?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("about 3 years — "), answer.answer


async def test_an_event_naming_no_country_is_not_confined_to_the_other_events(core: Core) -> None:
    # "in Dushanbe" is where Jiang spoke; the organisation's founding is not Tajikistan's.
    answer = await answer_question(
        core,
        "How much time lay between Jiang's Shanghai Spirit speech in Dushanbe and the organisation's founding?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:2] == ["ser-shanghai-spirit-jiang-zemin-2000", "ser-sco-established-2001"]


async def test_an_undated_event_asked_as_a_clause_is_said_as_a_statement(core: Core) -> None:
    answer = await answer_question(
        core, "How many years after its launch were India and Pakistan admitted to the SCO?"
    )
    assert not answer.covered
    assert answer.notice == "The sources do not say when India and Pakistan were admitted to the SCO.", (
        answer.notice
    )


async def test_an_announcement_describing_the_event_asked_about_does_not_date_it(core: Core) -> None:
    # "the visits that Mao Ning announced": which visits, not when she spoke; the sources give no visit date.
    answer = await answer_question(
        core,
        "When exactly did Xi make the trips to Astana and Dushanbe that the ministry announced in July 2024?",
    )
    assert not answer.covered, answer.answer
    # Asked when she announced them, her announcement dates it.
    answer = await answer_question(core, "When did the ministry announce that Xi would visit Astana?")
    assert (answer.answer or "").startswith("1 July 2024 — "), answer.answer


async def test_how_long_something_had_lasted_when_another_thing_happened_is_the_time_between(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "How long had Kazakhstan and China had diplomatic relations when they signed their 2002 treaty?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("10 years — "), answer.answer
    # A span some fact gives whole is still that fact's ("more than thirty years of reform").
    answer = await answer_question(core, "How long had China been reforming when Serikkaliyeva wrote?")
    assert (answer.answer or "").startswith("more than thirty years — "), answer.answer


@pytest.mark.parametrize(
    "question", ["What is the history of the SCO?", "SCO history", "a short history of the Shanghai bloc"]
)
async def test_the_history_of_a_body_is_its_timeline(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert "ser-sco-established-2001" in answer.fact_ids
    assert core.answerer.understand(question).intent == "timeline"


async def test_a_body_grown_from_one_thing_into_another_is_a_history_between_them(core: Core) -> None:
    # "grew from a border-settling club of five into a chartered body": from the Shanghai Five to the SCO.
    question = "How did the Shanghai bloc grow from the border club of five into a chartered organisation?"
    read = core.answerer.understand(question)
    assert read.intent == "timeline" and read.spanned
    assert read.ends == {"shanghai-five", "sco"}
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_words_describing_an_end_of_a_history_need_not_be_in_the_sources(core: Core) -> None:
    # "a fully fledged organisation": no fact says "fledged"; the steps since 1996 are the answer.
    answer = await answer_question(
        core, "how did the SCO go from the 1996 border talks to a fully fledged organisation"
    )
    assert answer.covered, answer.notice
    assert "ser-sco-established-2001" in answer.fact_ids[:3]


async def test_a_bodys_history_begins_with_its_forerunners_steps(core: Core) -> None:
    # The Shanghai Five (1996) and Jiang's "Shanghai Spirit" (2000) come before the SCO's own founding.
    answer = await answer_question(core, "timeline of the Shanghai Cooperation Organisation")
    assert answer.fact_ids[:3] == [
        "ser-shanghai-five-1996",
        "ser-shanghai-spirit-jiang-zemin-2000",
        "ser-sco-established-2001",
    ], answer.fact_ids
    # A country has no forerunner: its history is its own.
    read = core.answerer.understand("timeline of Kazakhstan")
    assert [e.id for e in read.entities] == ["kazakhstan"]


async def test_the_analysis_of_a_think_tank_is_its_document_not_a_word_asked(core: Core) -> None:
    # "in the ANKASAM analysis": what ANKASAM's document gives, not facts that say "analysis".
    answer = await answer_question(
        core, "Timeline of China's dealings with Tajikistan in the ANKASAM analysis"
    )
    assert answer.covered, answer.notice
    assert "ank-tj-community-shared-future-2023" in answer.fact_ids
    assert "dip-report-scope-since-2000" not in answer.fact_ids


async def test_a_step_of_a_history_with_several_countries_listed_names_one_of_them(core: Core) -> None:
    answer = await answer_question(
        core, "Chronology of Xi's meetings with the presidents of Kyrgyzstan, Kazakhstan and Tajikistan"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:3] == [
        "him-xi-jeenbekov-bishkek-2019",
        "ank-xi-tokayev-met-twice-2023",
        "ank-tj-community-shared-future-2023",
    ], answer.fact_ids


@pytest.mark.parametrize(
    "question",
    [
        "Which happened first in 2023, the Xi–Tokayev talks in Xi'an or their talks in Beijing?",
        "In 2023, did Xi and Tokayev meet in Beijing before or after they met in Xi'an?",
        "Was Xi and Tokayev's Xi'an meeting before or after their meeting in Beijing?",
    ],
)
async def test_two_events_one_fact_dates_together_are_not_put_in_order(core: Core, question: str) -> None:
    # "In 2023 Xi Jinping and Kassym-Jomart Tokayev met twice, in Xi'an and in Beijing": no order is given, and
    # "their meeting in Beijing" is theirs, not any meeting in Beijing some other fact dates.
    answer = await answer_question(core, question)
    assert not answer.covered, answer.answer
    assert "not precisely enough" in (answer.notice or ""), answer.notice
    assert answer.fact_ids == ["ank-xi-tokayev-met-twice-2023"]


async def test_a_timelines_topic_is_what_its_events_naming_nothing_of_their_own_belong_to(core: Core) -> None:
    answer = await answer_question(
        core,
        "Chronology of Kazakhstan-China ties: diplomatic recognition, the good-neighbourliness treaty, the uranium deal",
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("3 January 1992: "), answer.answer
    assert "23 December 2002: " in (answer.answer or "")


def test_a_timelines_topic_is_read_only_where_it_names_something() -> None:
    assert timeline_topic("Timeline of China-Kazakhstan relations: ties, the treaty and the loans") == (
        "China-Kazakhstan relations"
    )
    assert timeline_topic("order of events: A, B and C") is None
    assert timeline_topic("Timeline: A, B and C") is None


def test_the_and_inside_a_name_does_not_split_a_list_of_events() -> None:
    assert events_in_order("Put in order: the BRI launch, the Belt and Road Forum and the Xian meeting") == [
        "the BRI launch",
        "the Belt and Road Forum",
        "the Xian meeting",
    ]


async def test_a_name_with_and_inside_it_stays_one_event_of_a_timeline(core: Core) -> None:
    answer = await answer_question(
        core,
        "put in order: Nazarbayev's exit from the presidency and his appearance at the Belt and Road Forum",
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("2019: Nursultan Nazarbayev resigned"), answer.answer
    assert "2013" not in (answer.answer or "")  # no "Belt" asked alone, dated by the BRI's launch


async def test_two_events_put_in_order_are_ordered_by_the_fact_telling_of_both(core: Core) -> None:
    answer = await answer_question(
        core,
        "put these in order: Nazarbayev leaving the presidency of Kazakhstan and his showing up at the Belt and "
        "Road Forum",
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Nazarbayev leaving the presidency of Kazakhstan came first"), (
        answer.answer
    )
