"""Names in a question: where a name ends, and whose thing a possessive names."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


async def test_a_name_before_the_questions_verb_is_a_name_the_sources_may_lack(core: Core) -> None:
    # "compare" ends the name; it is no noun the capitalised words qualify ("East Asian states").
    answer = await answer_question(
        core,
        "How does the Collective Security Treaty Organization compare with the SCO on counter-terrorism?",
    )
    assert not answer.covered
    assert "Collective Security Treaty Organization" in (answer.notice or "")


async def test_the_thing_a_possessive_owns_is_what_is_dated(core: Core) -> None:
    # "The SCO's RATS": RATS is the subject, not a clause describing the SCO; its founding is not in the sources,
    # and the SCO's own is no answer.
    answer = await answer_question(core, "When was the SCO's Regional Anti-Terrorist Structure founded?")
    assert not answer.covered, answer.answer
    assert answer.fact_ids[:1] != ["ser-sco-established-2001"]


async def test_breaking_away_from_moscow_is_leaving_the_soviet_union(core: Core) -> None:
    answer = await answer_question(
        core, "In what year did the Central Asian republics win independence from Moscow?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("1991 — "), answer.answer
    # Elsewhere Moscow is Russia.
    assert "russia" in {e.id for e in core.answerer.understand("How does Moscow view the SCO?").entities}


async def test_an_episode_asked_for_is_the_event_whatever_it_was(core: Core) -> None:
    answer = await answer_question(core, "Which episode showed the SCO paralysed?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


async def test_a_report_title_typed_out_in_full_names_the_report(core: Core) -> None:
    # A title longer than most names: the places and words inside it are the title's, not things asked about, and
    # a fact about what the report covers "since 2000" does not date its publication.
    question = (
        "When did the Virginia lab publish 'Silk Road Diplomacy: Deconstructing Beijing's toolkit to influence "
        "South and Central Asia'?"
    )
    read = core.answerer.understand(question)
    assert "silk-road-diplomacy-report" in {e.id for e in read.entities}
    assert not {"south-and-central-asia", "china"} & {e.id for e in read.entities}
    answer = await answer_question(core, question)
    assert not answer.covered, answer.answer


async def test_the_kind_noun_before_a_title_is_part_of_the_name(core: Core) -> None:
    # "the report 'Corridors of Power'" reads as "the Corridors of Power report": "report" is no word a fact
    # must say.
    read = core.answerer.understand("Who released the report Corridors of Power?")
    assert "corridors-of-power-report" in {e.id for e in read.entities}
    assert {c.text for c in read.concepts} == {"released"}


async def test_when_a_source_was_written_frames_the_question_and_is_not_asked_about(core: Core) -> None:
    # "when the Kazakh scholar wrote her piece": the time of her article, which "at the time of the article" says.
    read = core.answerer.understand(
        "How long had China pursued market opening when the Kazakh scholar wrote her piece?"
    )
    assert not {"wrote", "piece"} & {c.text for c in read.concepts}
    answer = await answer_question(
        core, "How long had China pursued market opening when the Kazakh scholar wrote her piece?"
    )
    assert (answer.answer or "").startswith("more than thirty years — "), answer.answer
    # Asked when it was written, the writing is what is asked.
    assert "written" in {c.text for c in core.answerer.understand("When was the article written?").concepts}


@pytest.mark.parametrize(
    "question",
    [
        "When was the successor to the Shanghai Five set up?",
        "When was the Shanghai Five's successor founded?",
        "What replaced the 1996 border grouping of five, and in which year?",
        "When was the organisation that succeeded the Shanghai Five set up?",
    ],
)
async def test_the_successor_of_a_body_is_the_one_its_description_says_it_went_before(
    core: Core, question: str
) -> None:
    # The Shanghai Five is the "forerunner of the Shanghai Cooperation Organisation": its successor is the SCO, whose
    # founding is dated, not the Shanghai Five's 1996.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("2001 — "), answer.answer


@pytest.mark.parametrize(
    ("question", "year"), [("When was the SCO?", "2001"), ("When was the Shanghai Five?", "1996")]
)
async def test_when_a_body_was_is_when_it_came_into_being(core: Core, question: str, year: str) -> None:
    # (not the latest year some fact about it gives: "In 2015 the GDP of the SCO member states …")
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith(f"{year} — "), answer.answer


async def test_a_quoted_title_with_an_apostrophe_inside_names_the_document(core: Core) -> None:
    # "'Kazakhstan on China's Diplomatic Silk Road'": the apostrophe of "China's" does not end the quotation, so
    # the title names The Diplomat's article; none of its facts says when the article came out.
    answer = await answer_question(
        core, "When did The Diplomat publish 'Kazakhstan on China's Diplomatic Silk Road'?"
    )
    assert not answer.covered, answer.answer
