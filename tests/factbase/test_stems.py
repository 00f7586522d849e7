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
    ],
)
def test_forms_of_one_word_share_a_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(
    ("one", "other"), [("crisis", "criticise"), ("border", "board"), ("promise", "prison")]
)
def test_different_words_keep_different_stems(one: str, other: str) -> None:
    assert stem(one) != stem(other)
