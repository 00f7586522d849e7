"""When something happened, how long it lasted and where a span ends, however the question asks it."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_an_undated_fact_is_dated_by_the_years_its_projects_are(core: Core) -> None:
    # The $1 billion fact gives no year; the agreements on the highway, tunnel and power line were signed in 2006.
    answer = await answer_question(
        core, "How much Chinese financing went into Tajikistan's 2006 transport and hydropower projects?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("almost $1 billion — "), answer.answer
    # … not in a year no fact dates them in.
    answer = await answer_question(
        core, "How much Chinese financing went into Tajikistan's 2012 transport and hydropower projects?"
    )
    assert not answer.covered


async def test_how_long_roughly_put_is_a_span_in_words(core: Core) -> None:
    answer = await answer_question(
        core,
        "For roughly how long, by the Himalaya article's account, has Beijing been reaching into Central Asia"
        " through education and culture?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["him-soft-power-two-decades"]


async def test_where_a_span_ends_is_not_where_it_starts(core: Core) -> None:
    # "since 2000" says where the report's data start; nothing says where they end.
    ends = await answer_question(core, "Through which year does the Silk Road Diplomacy report's data go?")
    assert not ends.covered
    starts = await answer_question(core, "From which year does the Silk Road Diplomacy report's data go?")
    assert starts.covered and starts.fact_ids[:1] == ["dip-report-scope-since-2000"]


@pytest.mark.parametrize(
    ("question", "first", "line"),
    [
        ("north-south transmission line deal: signed when", "ank-north-south-line-agreement-2006", "2006 — "),
        (
            "astana and beijing: date formal diplomatic relations began",
            "ser-kz-china-diplomatic-relations-1992",
            "3 January 1992 — ",
        ),
    ],
)
async def test_a_keyword_query_ending_on_when_or_naming_a_date_asks_when(
    core: Core, question: str, first: str, line: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.question.intent == "when"
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == [first]
    assert (answer.answer or "").startswith(line), answer.answer


def test_a_time_said_with_when_in_a_keyword_query_is_not_what_it_asks(core: Core) -> None:
    question = "every offer on the table when Wang Yi sat down with the five ministers in Shaanxi"
    assert core.answerer.understand(question).intent != "when"


async def test_two_questions_about_a_thing_named_first_are_each_answered(core: Core) -> None:
    answer = await answer_question(core, "Shanghai Five: when was it created and who were its members?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("1996 — "), answer.answer
    assert "do not answer" not in (answer.answer or "")


async def test_when_it_was_let_known_that_a_visit_would_come_is_the_announcements_date(core: Core) -> None:
    answer = await answer_question(
        core, "When did Beijing let it be known that Xi would travel to Tajikistan?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("1 July 2024 — "), answer.answer


async def test_a_holiday_dates_by_its_year_as_a_month_does(core: Core) -> None:
    answer = await answer_question(core, "Which treaty did Kazakhstan and China sign around Christmas 2002?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-kz-china-treaty-2002-signed"
    other = await answer_question(core, "Which treaty did Kazakhstan and China sign around Christmas 2009?")
    assert not other.covered, other.answer


async def test_how_long_since_the_previous_one_is_the_span_back_to_it(core: Core) -> None:
    answer = await answer_question(core, "Xi's 2024 Tajik trip: how long since the prior one?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("five years — "), answer.answer
