"""Slips of the keyboard: a word typed with two letters swapped, one left out or one too many ("abraod",
"vacines", "waht"), and the words it could have been."""

from __future__ import annotations

import re
from functools import lru_cache

from spellchecker import SpellChecker

# A word of three letters or fewer one slip from another is as likely a word of its own, English or not ("sco",
# "uae"); from four letters a word that is no English word ("veiw") is read as the word one slip away.
RESPELL_SHORTEST = 4
ASKING_WORDS = ("what", "when", "where", "which", "who", "whose", "whom", "why", "how", "many", "much")
WORD_RE = re.compile(r"[^\W\d_]+")


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# How often a word must occur in pyspellchecker's English word-frequency list to be taken for a word of its own.
# The list's rarest entries (counted 50) are mostly names and misspellings seen often enough to be kept.
ENGLISH_LEAST = 100


@lru_cache(maxsize=1)
def _english() -> dict[str, None]:
    """English words (the lower-case, letters-only entries of pyspellchecker's word-frequency list), read once.
    Only the words are kept: the checker's own tables are several times their size. As a dict's keys, not a set:
    a dict of strings is one object the garbage collector stops tracking, where each full collection would walk
    a set's 40,000 words."""
    frequency = SpellChecker(language="en", distance=1).word_frequency
    return dict.fromkeys(w for w, n in frequency.dictionary.items() if n >= ENGLISH_LEAST and w.isalpha())


def is_english(word: str) -> bool:
    """Whether `word` (folded) is an English word, so not a slip of the keyboard however near it is to a word the
    sources use: "status" is not "stats" mistyped, nor "quiet" "quite", nor "filed" "field"."""
    return word in _english()


def is_manner(word: str) -> bool:
    """Whether a word is an adverb of manner or degree made from an English word ("tightly", "closely",
    "heavily"): how something is asked about, not a thing the sources might lack. ("Supply", "family" and
    "assembly" end the same way but are made from no word.)"""
    if len(word) < 6 or not word.endswith("ly") or not is_english(word):
        return False
    base = word[:-2]
    return is_english(base) or (base.endswith("i") and is_english(base[:-1] + "y"))


def is_degree(word: str) -> bool:
    """Whether a word is the superlative of an English adjective ("strongest", "furthest", "earliest"): how far a
    thing goes, as the asker puts it, not a thing the sources might lack. Its comparative must be English too
    ("stronger"), which "interest", "modest" and "forest" have not."""
    return len(word) >= 6 and word.endswith("est") and is_english(word[:-3] + "er")


def slips_undone(typed: str) -> list[str]:
    """Every word `typed` could be with one slip undone (see `one_slip`): two neighbours swapped back, a letter
    typed in excess dropped, a letter left out put back."""
    swapped = [typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] for i in range(len(typed) - 1)]
    # (never the first letter dropped or put back: see `one_slip`)
    dropped = [typed[:i] + typed[i + 1 :] for i in range(1, len(typed))]
    added = [typed[:i] + c + typed[i:] for i in range(1, len(typed) + 1) for c in _LETTERS]
    return [w for w in dict.fromkeys([*swapped, *dropped, *added]) if w != typed]


def one_slip(typed: str, word: str) -> bool:
    """Whether `word` is `typed` with one slip of the keyboard undone: two neighbouring letters swapped, or one
    letter after the first left out or typed in excess. A letter typed for another ("marked"/"market") is no slip: that is as often
    a word of its own."""
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == word[diff[1]]
            and typed[diff[1]] == word[diff[0]]
        )
    if abs(len(typed) - len(word)) != 1:
        return False
    # A first letter typed in excess or left out is a word of its own more often than a slip: "sample" is not
    # "ample" mistyped, nor "ample" "sample".
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long)))


# British spellings the word list (American) lacks, as the American form: "defence", "programme", "centre".
_BRITISH = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("our", "or"),
    ("tre", "ter"),
    ("ence", "ense"),
    ("mme", "m"),
    ("ogue", "og"),
    ("que", "ck"),
    ("ae", "e"),
    ("oe", "e"),
)


def _english_or_british(word: str) -> bool:
    return is_english(word) or any(
        is_english(word.replace(british, us)) for british, us in _BRITISH if british in word
    )


def could_be_english(word: str) -> bool:
    """Whether a word the list lacks may still be English: a British spelling ("defence", "centre") or two
    English words run together ("headcount", "roadworks", "chequebook"), each of three letters or more."""
    return _english_or_british(word) or any(
        _english_or_british(word[:i]) and _english_or_british(word[i:]) for i in range(3, len(word) - 2)
    )
