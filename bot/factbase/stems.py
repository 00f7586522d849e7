"""Word stems shared by the compiler and the question side, so "founded"/"founding" and "borders"/"border" meet.

Snowball's English stemmer (PyStemmer, a C extension of the Snowball project) does the suffix work; the one
addition is folding British and American -ise/-ize spellings together ("organisation"/"organization",
"criticise"/"criticize").
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information

from bot.factbase.text import fold

_STEMMER = Stemmer.Stemmer("english")
_IZE = re.compile(r"([iy])z")
# -ise spellings as -ize before stemming: Snowball strips "-ize" but not every "-ise" ("criticise" stayed
# "criticis" beside "critic"), so both spellings take the one path.
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of one folded word."""
    return _IZE.sub(r"\1s", _STEMMER.stemWord(_ISE.sub(r"iz\1", word)))


def stems_of(text: str) -> list[str]:
    """The stems of every word of `text`, in order (folded first)."""
    return [stem(w) for w in fold(text).split()]


def stem_line(text: str) -> str:
    """The distinct stems of `text` as " s1 s2 … ", so " s " tests a whole stem with one substring search."""
    return f" {' '.join(sorted(set(stems_of(text))))} "
