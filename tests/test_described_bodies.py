"""Bodies described by what they grew into or what came after them: the forerunner is what is asked about,
whether the later body is named, dated ("the 2001 security bloc") or described."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    "question",
    [
        # the later body dated by its year, and named by a phrase the thesaurus knows ("security bloc")
        "What did the club that came before the 2001 security bloc set out to settle?",
        # … and described by words only its description fits ("the 2001 regional security organisation")
        "Which five countries formed the grouping that eventually turned into the 2001 regional security "
        "organisation?",
    ],
)
def test_the_forerunner_of_a_dated_body_is_asked_about(core: Core, question: str) -> None:
    read = core.answerer.understand(question)
    assert [e.id for e in read.entities if e.type == "organisation"] == ["shanghai-five"]
    # (the words describing the later body say nothing of the forerunner)
    assert not {"regional", "security"} & {c.text for c in read.concepts}


@pytest.mark.parametrize(
    "question",
    [
        "What was the body that came before the SCO?",
        "which grouping preceded the Shanghai Cooperation Organisation",
        "What was the organisation that the Shanghai bloc grew out of?",
    ],
)
async def test_the_forerunner_asked_for_is_named_by_its_facts(core: Core, question: str) -> None:
    # "body" says only what kind of thing is asked for: the Shanghai Five's facts answer, in whatever words.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert set(answer.fact_ids[:3]) & {
        "ser-shanghai-five-1996",
        "ser-sco-successor-of-shanghai-five",
        "ser-shanghai-five-to-sco-transformation",
    }
    assert "sco-two-standing-organs" not in " ".join(answer.fact_ids[:3])


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Which states sat in the grouping of 1996?", "shanghai-five"),
        ("What did the bloc founded in 2001 sign a year later?", "sco"),
        ("what charter did the security club set up in 2001 adopt", "sco"),
    ],
)
def test_a_body_dated_by_the_year_after_its_noun_is_the_one_of_that_year(
    core: Core, question: str, body: str
) -> None:
    read = core.answerer.understand(question)
    assert body in {e.id for e in read.entities}
    assert not read.years  # the year says which body, not when


async def test_the_forerunner_of_a_body_named_by_a_description_is_its_forerunner(core: Core) -> None:
    # "the Shanghai bloc" is the SCO by a phrase, not a name; its forerunner is still the Shanghai Five.
    answer = await answer_question(
        core, "Was the five-nation forerunner of the Shanghai bloc formed in 1991?"
    )
    assert "1996, not 1991" in (answer.answer or ""), answer.answer
    assert [f.id for f in answer.facts][:1] == ["ser-shanghai-five-1996"]


@pytest.mark.parametrize(
    "question",
    [
        "Who first announced the ethos of the Shanghai Cooperation Organisation?",
        "which leader first announced the spirit of the shanghai bloc",
    ],
)
async def test_the_spirit_of_a_named_body_is_the_thing_named_by_both(core: Core, question: str) -> None:
    # "the spirit of the Shanghai bloc" is the Shanghai Spirit (a word of the body's name and the noun), not a word
    # "spirit" asked of the SCO.
    read = core.answerer.understand(question)
    assert "shanghai-spirit" in {e.id for e in read.entities} and "sco" not in {e.id for e in read.entities}
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("Jiang Zemin"), answer.answer


def test_a_noun_of_a_named_body_names_what_both_name_or_stays_a_word_asked(core: Core) -> None:
    # "the charter of the SCO" is the SCO Charter; "the population of the SCO" names no thing but the SCO.
    assert "sco-charter" in {
        e.id for e in core.answerer.understand("What is the charter of the SCO about?").entities
    }
    read = core.answerer.understand("What is the population of the SCO?")
    assert "sco" in {e.id for e in read.entities}


@pytest.mark.parametrize(
    "question",
    [
        "When was the Shanghai Five, the immediate predecessor of the SCO, established?",
        "When did the earliest precursor of the Shanghai Cooperation Organisation start?",
    ],
)
async def test_an_order_given_to_a_forerunner_is_part_of_its_description(core: Core, question: str) -> None:
    # "immediate", "earliest": a forerunner is already the earlier one, not a second thing the facts must say.
    read = core.answerer.understand(question)
    assert not {"immediate", "earliest"} & {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("1996 — "), (answer.answer, answer.notice)


def test_a_body_founded_in_a_place_in_a_year_is_the_one_its_description_dates(core: Core) -> None:
    read = core.answerer.understand("What was the bloc founded in Shanghai in 2001 meant to combat?")
    assert [e.id for e in read.entities] == ["sco"]
    assert read.years == []


async def test_where_a_body_grew_out_of_says_which_body_and_is_not_asked(core: Core) -> None:
    question = "Which countries are observers in the security bloc that evolved from the 1996 border talks?"
    understood = core.answerer.understand(question)
    assert "sco" in [e.id for e in understood.entities]
    assert not understood.years and not {"border", "talks"} & {c.text for c in understood.concepts}
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-sco-observers"]


def test_a_name_the_bodys_own_description_says_describes_it(core: Core) -> None:
    # "Uyghur separatist militant group Beijing blames for violence in Xinjiang": "Uyghur" says which group, it
    # is not the Uyghurs asked about beside it.
    read = core.answerer.understand("Which Uyghur militant group did the six governments discuss?")
    assert [e.id for e in read.entities] == ["east-turkestan-islamic-movement"]


async def test_a_name_followed_by_the_year_it_was_set_up_says_which_thing_it_is(core: Core) -> None:
    # The fact gives the Shanghai Five's members and its year but says it was "encouraged", not set up.
    answer = await answer_question(
        core, "Which Central Asian countries belonged to the Shanghai Five set up in 1996?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_how_a_named_thing_was_set_up_is_still_asked_when_the_question_asks_of_it(core: Core) -> None:
    # "Where was X founded in 1996?" asks of the founding: no fact places it.
    answer = await answer_question(core, "Where was the Shanghai Five founded in 1996?")
    assert not answer.covered, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Was the Shanghai Five the predecessor of the SCO?",
        "Is the Shanghai Cooperation Organisation the successor to the Shanghai Five?",
    ],
)
async def test_a_yes_no_question_asking_whether_one_body_came_before_another_asks_about_both(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] in {
        "ser-sco-successor-of-shanghai-five",
        "ser-shanghai-five-to-sco-transformation",
    }


async def test_a_yes_no_question_naming_a_body_the_sources_never_link_is_not_covered(core: Core) -> None:
    answer = await answer_question(core, "Was the Shanghai Five the forerunner of NATO?")
    assert not answer.covered, answer.answer
