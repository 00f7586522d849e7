"""Time in a fact: the years and decades it says, a span in words, a date precise enough for the question,
whether it falls in the period asked about, and dates written for an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.factbase.text import MONTH_NAMES
from bot.understanding.answer.results import Judged
from bot.understanding.question.dates import SERIES_ORDINALS
from bot.understanding.question.model import Question

# A frequency in words, which answers "how often" where no figure counts the occasions (a fact's words are
# matched as a set, so a phrase is met by its words anywhere in the fact: only phrases whose words seldom meet
# by chance).
FREQUENCY_WORDS = (
    "many times",
    "several times",
    "numerous times",
    "repeatedly",
    "regularly",
    "frequently",
    "often",
    "twice",
    "annually",
)
# A span of time in words, which answers "for how long" where no figure gives it.
SPAN_WORDS = ("decades", "decade", "years", "months", "since")
_SPAN_COUNTS = frozenset({"years", "decades"})  # what "for how many … has" counts a span in
# A fact telling that something would happen, dated when that was said.
FUTURE_WORDS = ("would", "will")


def _year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


DATE_LENGTH = {"month": 7, "day": 10}  # ISO partial dates: 2019-03, 2019-03-19


def _dated_too_coarsely(judged: Sequence[Judged], answering: Sequence[Judged]) -> Judged | None:
    """For "on what exact day …": a fact saying more of what was asked than any dated to the day, but dated only to
    the year ("Nazarbayev resigned … in 2019"): the sources do not give the day, and a fact dated to the day that
    says less of it (another president's press conference) is no answer."""
    best = next((j for j in judged if j.relevant and not j.fits and j.row.date), None)
    return best if best is not None and all(j.matched < best.matched for j in answering) else None


def _precise_enough(q: Question, date: str | None) -> bool:
    """A date that says as much as asked: "which month" is not answered by a year alone."""
    return date is not None and len(date) >= DATE_LENGTH.get(q.precision or "", 4)


_YEAR_SAID = re.compile(r" (1[89]\d\d|20\d\d)(?= )")
_DECADE_SAID = re.compile(r" (?:1[89]|20)\d0s(?= )")
_DECADE_PHRASE = re.compile(r"\b(?:the )?(?:(?:early|mid|late)[- ])?(?:1[89]|20)\d0s\b", re.IGNORECASE)
# A span in words ("over the past two decades"), which answers "over what period" where no date is given.
_SPAN_PHRASE = re.compile(
    r"\b(?:over|in|during|for|across) the (?:past|last|previous|preceding) (?:\w+ )?(?:decades?|years?)\b",
    re.IGNORECASE,
)
# (A row's words are a bag: the phrase's words are tested one by one.)
_SPAN_BACK = ("past", "last", "previous", "preceding")
_SPAN_UNITS = ("decades", "decade", "years")


def _years_said(words: str) -> set[int]:
    return {int(y) for y in _YEAR_SAID.findall(words)}


def _other_ordinal(asked: str, words: str) -> bool:
    """Whether a fact's words (" w1 w2 … ") place what they tell of in a series other than the one asked."""
    return any(f" {o} " in words for o in SERIES_ORDINALS if o != asked)


def _in_period(period: tuple[int | None, int | None], years: set[int], *, since: bool = False) -> bool:
    """Whether a fact dated in (or, undated, saying) one of these years falls in the period asked about.
    `since`: the fact tells of something from that year on ("since 1997"), so any later period is in it."""
    start, end = period
    return any((since or start is None or y >= start) and (end is None or y <= end) for y in years)


def _year_or_zero(value: str | None) -> int:
    return _year_of(value) or 0


def format_date(value: str) -> str:
    """ISO partial date as a reader writes it: "1992-01-03" -> "3 January 1992", "2010-07" -> "July 2010"."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1].title()} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1].title()} {parts[0]}"
    return value
