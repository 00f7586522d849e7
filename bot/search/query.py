"""A user's search text as safe tokens: words and numbers, stopwords out, every FTS5 token quoted.

User text never reaches FTS5 syntax directly: queries are cut into word and number tokens, each quoted, so
operators, quotes, brackets and very long strings are just words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.factbase.compile import FTS_TAG_SHAPE
from bot.factbase.text import clean, fold, number_token, numbers_in

MAX_QUERY_CHARS = 300
MAX_TERMS = 24

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "another",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "till",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "tell",
        "show",
        "give",
        "list",
        "find",
        "many",
        "much",
        "say",
        "says",
        "said",
        "know",
        "any",
        "anything",
        "something",
        "please",
        "did",
        "does",
        "fact",
        "facts",
    ]
)


@dataclass(slots=True)
class ParsedQuery:
    terms: list[str]  # folded words, stopwords removed
    numbers: list[str]  # number tokens
    raw_values: list[float]
    proper_nouns: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.numbers


# "How long is the border?" asks for a quantity: "long" is the question, not a topic word.
QUANTITY_QUESTION = re.compile(
    r"\b(how (long|much|many|big|large|far)|what (share|percentage|proportion|amount))\b"
)
_QUANTITY_WORDS = {"long", "big", "large", "far", "share", "percentage", "proportion", "amount"}


def parse_query(text: str) -> ParsedQuery:
    text = clean(text)[:MAX_QUERY_CHARS]
    numbers: list[str] = []
    values: list[float] = []
    for mention in numbers_in(text):
        for value in (mention.value, mention.raw) if mention.value != mention.raw else (mention.value,):
            token = number_token(value)
            if token not in numbers:
                numbers.append(token)
        values.append(mention.value)
    without_numbers = re.sub(r"\d[\d,.]*", " ", text)
    terms: list[str] = []
    proper: set[str] = set()
    quantity = bool(QUANTITY_QUESTION.search(fold(text)))
    for word in re.findall(r"[^\W_]+", without_numbers):
        folded = fold(word)
        if not folded or folded in STOPWORDS or len(folded) < 2 or folded in terms:
            continue
        if quantity and folded in _QUANTITY_WORDS:
            continue
        if FTS_TAG_SHAPE.fullmatch(folded):
            continue  # "zze¹²" folds to a filter tag's shape; it is no word of any source either
        if folded in {"bn", "mn", "per", "cent", "percent", "billion", "million", "trillion", "usd", "us"}:
            continue
        terms.append(folded)
        if word[0].isupper():
            proper.add(folded)
    return ParsedQuery(terms[:MAX_TERMS], numbers[:8], values[:8], proper)


# Letters and digits, or several such words separated by single spaces (a phrase: fold() splits "½" into "1 2").
_SAFE_TOKEN = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def quoted(tokens: Iterable[str]) -> list[str]:
    # Every token is quoted, and only letters, digits and single spaces are kept, so no user text can form FTS5
    # syntax; tag-shaped words are dropped, so no user text can select facts by a filter tag either.
    return [
        f'"{t}"'
        for t in tokens
        if _SAFE_TOKEN.fullmatch(t) and not any(FTS_TAG_SHAPE.fullmatch(w) for w in t.split())
    ]


def fts_or(tokens: Iterable[str]) -> str:
    """A MATCH for facts containing any of `tokens` ("" when there is none)."""
    return " OR ".join(quoted(tokens))


def fts_and(tokens: Iterable[str]) -> str:
    """A MATCH for facts containing every one of `tokens` ("" when there is none)."""
    return " AND ".join(quoted(tokens))


def fts_all_of(groups: Iterable[Iterable[str]]) -> str:
    """A MATCH for facts containing one token of every group ("" when no group has a usable token)."""
    parts = [quoted(group) for group in groups]
    return " AND ".join(p[0] if len(p) == 1 else "(" + " OR ".join(p) + ")" for p in parts if p)
