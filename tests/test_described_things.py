"""Countries and bodies described instead of named ("the Pamir republic", "the Western military alliance"): the one
whose own description says so is what the question is about; words fitting several name none."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.understanding import answer_question


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("What has Beijing financed in the Pamir republic?", "tajikistan"),
        ("Chinese loans to the steppe nation in 2011", "kazakhstan"),
        ("How do people in the Tian Shan country see China?", "kyrgyzstan"),
        ("Is the desert Caspian republic in the SCO?", "turkmenistan"),
        ("what does the doubly landlocked state think of Beijing", "uzbekistan"),
        # (the words nearest the noun that fit one country; "gas-rich" is the asker's own)
        ("How much did China lend the gas-rich desert Caspian state?", "turkmenistan"),
    ],
)
def test_a_country_described_by_its_own_description_is_the_one_asked_about(
    core: Core, question: str, country: str
) -> None:
    read = core.answerer.understand(question)
    assert country in {e.id for e in read.entities}
    assert not {"pamir", "steppe", "tian", "desert", "caspian", "doubly", "landlocked"} & {
        c.text for c in read.concepts
    }


@pytest.mark.parametrize(
    "question",
    [
        "Which Caspian state gets more Chinese money?",  # Kazakhstan and Turkmenistan both lie on the Caspian
        "Which mountainous country borders Xinjiang?",  # Kyrgyzstan and Tajikistan
        "What did the post-Soviet states agree with Beijing?",  # a relation to the Soviet Union, not it
        "What is Beijing's new five-nation format?",  # how many, not which
        "Is the largest Central Asian republic the main recipient?",  # said of the Soviet Union, not what it is
    ],
)
def test_words_fitting_no_one_country_as_what_it_is_name_none(core: Core, question: str) -> None:
    read = core.answerer.understand(question)
    named = {e.id for e in read.entities}
    assert not named & {"kazakhstan", "turkmenistan", "kyrgyzstan", "tajikistan", "soviet-union"}, named


async def test_a_figure_for_a_described_country_the_sources_lack_is_not_another_countrys(core: Core) -> None:
    # The poll gives Kazakhstan's and Kyrgyzstan's shares, not Uzbekistan's.
    answer = await answer_question(
        core,
        "How many in the doubly landlocked country view China unfavourably, per the Central Asia Barometer?",
    )
    assert not answer.covered, answer.answer
    assert "Uzbekistan" in (answer.notice or "")


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Has the SCO been likened to the Western military alliance?", "nato"),
        ("What does Beijing accuse the separatist militant group of?", "east-turkestan-islamic-movement"),
    ],
)
def test_a_body_described_by_all_the_words_of_its_description_is_the_one_asked_about(
    core: Core, question: str, body: str
) -> None:
    assert body in {e.id for e in core.answerer.understand(question).entities}


@pytest.mark.parametrize(
    ("question", "unnamed"),
    [
        # "Political and economic union of European states" is a union, not a club
        ("Is the SCO really an economic club?", "european-union"),
        # the SCO named already: "a regional organisation" is what it was called, not another thing asked about
        ("Who called the SCO a regional organisation for non-traditional threats?", None),
    ],
)
def test_words_that_only_partly_describe_a_body_name_none(
    core: Core, question: str, unnamed: str | None
) -> None:
    read = core.answerer.understand(question)
    assert unnamed not in {e.id for e in read.entities}
    if unnamed is None:
        assert "regional" in {c.text for c in read.concepts}
