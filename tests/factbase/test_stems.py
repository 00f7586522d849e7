"""Word stems: inflections and British/American spellings of one word meet; different words stay apart."""

from __future__ import annotations

import pytest

from bot.factbase.stems import stem


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("founded", "founding"),
        ("organisation", "organization"),
        ("criticise", "criticize"),
        ("criticised", "criticized"),
        ("modernisation", "modernization"),
        ("recognise", "recognize"),
        ("polarised", "polarized"),
        ("institutionalise", "institutionalize"),
        # irregular forms Snowball cannot join, through the lemma table
        ("sent", "send"),
        ("built", "building"),
        ("crises", "crisis"),
        ("lent", "lending"),
        ("sought", "seeks"),
    ],
)
def test_forms_of_one_word_share_a_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("crisis", "criticise"),
        ("border", "board"),
        ("promise", "prison"),
        # an ambiguous form keeps its own stem: "found" may be "find" or "found"; a superlative is not its adjective
        ("found", "find"),
        ("largest", "large"),
        # words Snowball would join with a word of another meaning ("in the form of" does not say "formed")
        ("formed", "form"),
        ("formation", "format"),
        ("according", "accord"),
        ("based", "base"),
        ("important", "imports"),
        ("goods", "good"),
        ("nationals", "national"),
        ("respondents", "respond"),
        ("fund", "funding"),  # the National Welfare Fund is no funding
    ],
)
def test_different_words_keep_different_stems(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_the_lemma_table_is_what_the_lexicon_gives() -> None:
    # The table is generated, never edited by hand: regenerating it must change nothing.
    from devtools.irregular_forms import TABLE, irregular_forms, render

    assert TABLE.read_text(encoding="utf-8") == render(irregular_forms())


def test_a_word_kept_apart_still_joins_its_own_forms() -> None:
    assert stem("forming") == stem("formed") and stem("respondent") == stem("respondents")
