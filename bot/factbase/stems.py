"""Word stems shared by the compiler and the question side, so "founded"/"founding" and "borders"/"border" meet.

Snowball's English stemmer (PyStemmer, a C extension of the Snowball project) does the suffix work. Two additions:
irregular forms are first replaced by their lemma ("sent" -> "send", "crises" -> "crisis", "built" -> "build"),
from a table generated from LemmInflect's lexicon (`irregular_forms.tsv`), and British and American -ise/-ize
spellings are folded together ("organisation"/"organization", "criticise"/"criticize"). A few words that Snowball
would join with a word of another meaning keep a stem of their own (`_APART`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information

from bot.factbase.text import fold

# No cache of its own: `stem` keeps one, and PyStemmer's holds a list per word, which the garbage collector walks.
_STEMMER = Stemmer.Stemmer("english", 0)


def _irregular_forms() -> dict[str, str]:
    text = resources.files("bot.factbase").joinpath("irregular_forms.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {form: lemma for form, lemma in pairs}


_LEMMAS = _irregular_forms()
# Snowball leaves "-arily" adverbs apart from their adjective ("militarily"/"military", "primarily"/"primary").
_ARILY = re.compile(r"(?<=[a-z]{3})arily$")
_IZE = re.compile(r"([iy])z")
# -ise spellings as -ize before stemming: Snowball strips "-ize" but not every "-ise" ("criticise" stayed
# "criticis" beside "critic"), so both spellings take the one path.
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")


# Words Snowball would join with a word of another meaning, kept apart: "in the form of" is not "formed",
# "according to" is no accord, "based on" no military base, "important" no import, "goods" not "good",
# "comparable to" not "compared to" (a likeness, not a name), a fund not "funding".
_APART = {
    **dict.fromkeys(("formed", "forming"), "formed"),
    **dict.fromkeys(("formation", "formations"), "formation"),
    **dict.fromkeys(("according", "accordingly"), "according"),
    **dict.fromkeys(("based",), "based"),
    **dict.fromkeys(("important", "importance", "importantly"), "importan"),
    **dict.fromkeys(("goods",), "goods"),
    **dict.fromkeys(("fund",), "fund_"),  # a fund (the National Welfare Fund) is no funding
    **dict.fromkeys(("nationals",), "nationals"),
    **dict.fromkeys(("respondent", "respondents"), "respondent"),
    **dict.fromkeys(("forced",), "forced"),
    **dict.fromkeys(
        ("comparable", "comparably"), "comparable"
    ),  # "comparable to" is alike, not "compared to"
}


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of one folded word."""
    if word in _APART:
        return _APART[word]
    word = _LEMMAS.get(word, word)
    # Each pattern only where it can match (a build stems hundreds of thousands of distinct words).
    if word.endswith("arily"):
        word = _ARILY.sub("ary", word)
    stemmed = _STEMMER.stemWord(_ISE.sub(r"iz\1", word) if "is" in word else word)
    return _IZE.sub(r"\1s", stemmed) if "z" in stemmed else stemmed


def stems_of(text: str) -> list[str]:
    """The stems of every word of `text`, in order (folded first)."""
    return [stem(w) for w in fold(text).split()]


def stem_line(text: str) -> str:
    """The distinct stems of `text` as " s1 s2 … ", so " s " tests a whole stem with one substring search."""
    return f" {' '.join(sorted(set(stems_of(text))))} "
