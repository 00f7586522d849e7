"""Who holds a post in a body, and what a publication reports, however the question puts it."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question
from bot.understanding.question.sources import _document_topics


@pytest.mark.parametrize(
    "question",
    [
        "Who heads the Institute of Eurasian Studies in Shanghai?",
        "who headed the eurasian studies institute at the shanghai academy?",
    ],
)
async def test_who_heads_a_body_asks_for_its_head_not_a_head_of_state(core: Core, question: str) -> None:
    # A body's head is its director; "leader" would look for presidents.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Yu Jianhua — "), answer.answer


async def test_who_heads_a_country_still_asks_for_its_leader(core: Core) -> None:
    answer = await answer_question(core, "Who heads Tajikistan?")
    assert (answer.answer or "").startswith("Emomali Rahmon — "), (answer.answer, answer.notice)


async def test_a_figure_a_magazine_reports_is_its_account(core: Core) -> None:
    # The figure is AidData's, reported by the magazine: asked "according to" the magazine, it is still the answer.
    answer = await answer_question(
        core,
        "According to The Diplomat, how many countries were covered by AidData's Silk Road Diplomacy study?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["dip-report-12-sca-countries"]
    assert (answer.answer or "").startswith("12 "), answer.answer


async def test_the_head_of_a_body_the_sources_never_give_is_not_another_bodys_director(core: Core) -> None:
    # The sources name no head of the SCO's Secretariat; the director of a Shanghai institute is not one.
    answer = await answer_question(core, "Who heads the SCO Secretariat?")
    assert not answer.covered, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Are SCO members obliged to defend each other militarily the way NATO allies are?",
        "Does the SCO bind its members to a NATO-style military commitment?",
    ],
)
async def test_what_a_body_is_measured_against_need_not_be_named(core: Core, question: str) -> None:
    # NATO is the yardstick: the fact saying the SCO has no military obligations answers, naming no NATO.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert "ser-sco-no-military-obligations" in answer.fact_ids[:3], answer.fact_ids


@pytest.mark.parametrize(
    "question",
    [
        "What does China's New Security Concept renounce?",
        "What does the New Security Concept turn its back on?",
    ],
)
async def test_renouncing_is_rejecting(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert answer.fact_ids[:1] == ["ser-nsc-rejects-power-politics"], (answer.fact_ids, answer.notice)


@pytest.mark.parametrize(
    "question",
    [
        "Who bankrolled the Silk Road Diplomacy report?",
        "Which government funded AidData's report on Beijing's public diplomacy?",
        "Did Washington pay for the AidData report on Chinese public diplomacy?",
    ],
)
async def test_who_funded_a_study_is_its_backer(core: Core, question: str) -> None:
    # The sources say the report was "supported by the U.S. State Department": paying for a study is backing it,
    # not lending Chinese money.
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "dip-report-state-department-support"


async def test_a_study_described_by_its_funder_is_still_asked_about(core: Core) -> None:
    # "The US-funded study": whose study it is, not a question about its funding.
    answer = await answer_question(core, "Since what year does the US-funded study draw its data?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "dip-report-scope-since-2000"


async def test_how_someone_described_a_thing_is_the_fact_giving_their_words_for_it(core: Core) -> None:
    # "Mao Ning described Kazakhstan as China's friendly neighbour and permanent comprehensive strategic partner"
    # says how she put it; the facts about the relationship that say "relations" do not.
    answer = await answer_question(
        core, "How does Mao Ning describe the relationship between Astana and Beijing?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ank-kz-friendly-neighbour-strategic-partner"
    assert core.answerer.understand("What label did the spokeswoman give Kazakhstan?").describing
    assert not core.answerer.understand("How did relations with Kazakhstan develop?").describing


async def test_a_persons_paper_is_the_source_she_wrote_not_a_word_its_facts_say(core: Core) -> None:
    answer = await answer_question(core, "In Serikkaliyeva's paper, what is the 27.1 percent?")
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-sco-gdp-share-2015"]


async def test_who_put_out_a_study_is_whoever_released_it_not_the_report_relayed(core: Core) -> None:
    answer = await answer_question(
        core, "Who at AidData released the study that counts Beijing's financing for Central and South Asia?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Samantha Custer — "), answer.answer


async def test_a_study_on_a_subject_the_sources_never_mention_was_put_out_by_no_one_they_name(
    core: Core,
) -> None:
    answer = await answer_question(core, "Who put out the study on Chinese tourism in Kazakhstan?")
    assert not answer.covered
    assert "tourism" in (answer.notice or "")


async def test_a_title_before_a_name_says_who_the_person_is_not_what_is_asked(core: Core) -> None:
    # "Foreign ministry spokeswoman" is Mao Ning's own role: the ministry is not a second thing asked about.
    question = "What did foreign ministry spokeswoman Mao Ning announce in July 2024?"
    assert [e.id for e in core.answerer.understand(question).entities] == ["mao-ning"]
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ank-mao-ning-announces-xi-visits"]


async def test_who_is_the_author_of_a_quoted_title_asks_who_wrote_it(core: Core) -> None:
    answer = await answer_question(
        core, "Who was the author of 'China Seeks Cooperation with Kazakhstan and Tajikistan'?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Zeynep Çağla Erin — "), answer.answer


async def test_what_a_document_reports_about_a_thing_is_what_it_says_not_another_document(core: Core) -> None:
    # "report" after "the ANKASAM analysis" is what the analysis does, not a report on security.
    answer = await answer_question(
        core,
        "What does the ANKASAM analysis report about security cooperation with Kazakhstan and Tajikistan?",
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[0] == "ank-security-cooperation-terrorism"


def test_who_paid_for_a_document_is_no_part_of_its_subject() -> None:
    words = [
        "was",
        "the",
        "study",
        "of",
        "beijing",
        "s",
        "influence",
        "toolkit",
        "bankrolled",
        "by",
        "washington",
    ]
    assert [" ".join(words[a:b]) for a, b in _document_topics(words)] == ["beijing s influence toolkit"]


async def test_a_person_of_the_country_asked_is_named_though_the_fact_names_another_first(core: Core) -> None:
    # The announcement names Kazakhstan's President Tokayev first, Tajikistan's President Rahmon second.
    answer = await answer_question(core, "Which Tajik president was Xi expected to visit, per Mao Ning?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("Emomali Rahmon — "), answer.answer


async def test_the_day_of_a_date_is_no_number_a_fact_must_give(core: Core) -> None:
    q = core.answerer.understand("Which Tajik president did Mao Ning's statement of July 1, 2024 name?")
    assert q.numbers == []
    assert q.dated == "2024-07-01"
