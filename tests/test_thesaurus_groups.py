"""The curated thesaurus bridges the everyday words researchers use and keeps apart what a question could tell apart."""

from __future__ import annotations

import pytest

from bot.factbase.text import fold
from bot.factbase.thesaurus import stem_key
from tests.conftest import RealBase


def _same_group(base: RealBase, a: str, b: str) -> bool:
    group = base.factbase.thesaurus.synonyms_by_stem.get(stem_key(fold(a)), ())
    return stem_key(fold(b)) in {stem_key(t) for t in group}


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("frontier", "border"),
        ("boundary", "border"),
        ("came into being", "established"),
        ("set up", "founded"),
        ("town twinning", "sister cities"),
        ("study grants", "scholarships"),
        ("meddling", "interference"),
        ("labor", "labour"),
        ("external", "foreign"),
        ("earmarked", "allocated"),
        ("op-ed", "article"),
        ("altered", "shifting"),
        ("split", "polarized"),
        ("dilemma", "difficult balance"),
        ("ventures", "projects"),
        ("university grants", "scholarships"),
        ("backer", "supports"),
        ("ruling circles", "political class"),
        ("next", "upcoming"),
        ("package", "projects"),
        ("mutual defence", "military alliance"),
        ("bore", "tunnel"),
        ("taken over", "replaced"),
        ("membership status", "member"),
        ("arrivals", "migrants"),
        ("branch", "sector"),
        ("demos", "protests"),
        ("officialdom", "officials"),
    ],
)
def test_a_researchers_word_reaches_the_word_the_facts_use(
    real_base: RealBase, asked: str, written: str
) -> None:
    assert _same_group(real_base, asked, written)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("loan", "investment"),
        ("loan", "grant"),
        ("provided", "granted"),
        ("agreement", "treaty"),
        ("crisis", "unrest"),
        ("trade", "turnover"),
        ("trade", "trade turnover"),
        ("volume", "capacity"),
        ("readout", "communique"),
        ("opposed", "opposition"),
    ],
)
def test_words_a_question_could_hinge_on_stay_in_different_groups(
    real_base: RealBase, one: str, other: str
) -> None:
    # A question about something the sources lack (a grant, a treaty, trade turnover) must not be answered by
    # its neighbour.
    assert not _same_group(real_base, one, other)
    assert not _same_group(real_base, other, one)


@pytest.mark.parametrize(
    ("words", "entity"),
    [
        ("washington's foreign ministry", "us-state-department"),
        ("american diplomatic service", "us-state-department"),
        ("dc", "united-states"),
    ],
)
def test_words_for_a_body_point_to_it(real_base: RealBase, words: str, entity: str) -> None:
    assert real_base.factbase.thesaurus.entity_words.get(fold(words)) == entity
