"""Amounts, shares and counts in a question: bounds and fractions, the whole a part is asked of, money, words
of change and comparison, what "how many" counts, measure words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.factbase.stems import stem
from bot.factbase.text import number_spans
from bot.factbase.thesaurus import Thesaurus
from bot.search import STOPWORDS
from bot.understanding.question.model import Concept, Stated
from bot.understanding.question.tokens import _SPELLED
from bot.understanding.question.words import _VERBS, QUESTION_WORDS

# A share or an amount asked as a bound ("fewer than a third", "over $5 billion"): the words that say so.
# "How much … in total", "the combined value", "add up what …": one amount over several things.
_SUM_ASKED = re.compile(
    r"\b(in total|altogether|all together|in all|all told|combined|put together|taken together|add up|added up"
    r"|adds up|(total|sum) of|(the|a|their|its) total)\b"
)
# Words asking for the whole a count is made of, beside those asking for a sum (`_SUM_ASKED`): "counting
# observers", "partners included".
_KINDS_INCLUDED = re.compile(r"\b(?:counting|including|included|inclusive|in any capacity)\b")
# Words before a kind that say it is not the one asked: "as onlookers rather than full members", "one rung below
# observer".
_SET_AGAINST = re.compile(r"\b(?:rather than|instead of|as opposed to|not|below|above|short of|beneath)$")


def kinds_set_against(folded: str, concepts: Sequence[Concept]) -> set[str]:
    """The concepts the question names only to set the kind asked against them ("… rather than full members")."""
    folded = " ".join(folded.split())
    against = set()
    for c in concepts:
        for found in re.finditer(rf"\b{re.escape(c.text)}\b", folded):
            before = folded[: found.start()].rstrip()
            for article in (" the", " a", " an"):
                before = before.removesuffix(article)
            if _SET_AGAINST.search(before):
                against.add(c.text)
    return against


# The larger part of a whole asked for: "where did the bulk of the money go", "who got most of it".
_PORTION_ASKED = re.compile(
    r"\b(the bulk of|most of|the majority of|the lion s share|the largest (part|share) of)\b"
    # ("which part got the bulk?", "did the bulk go to A or B?", "which subregion received the larger part?")
    r"|\b(the bulk|the (larger|greater|bigger) (part|share|portion|chunk))\b"
)
_BOUND_WORDS = frozenset(
    {"fewer", "less", "than", "under", "below", "more", "over", "above", "greater", "least", "upwards"}
    | {"third", "thirds", "quarter", "quarters", "half", "fifth"}
)
_BOUNDS_BELOW = ("fewer than", "less than", "under", "below", "at most", "no more than")
_BOUNDS_ABOVE = ("more than", "over", "above", "greater than", "at least", "upwards of")
_FRACTION = re.compile(
    r"\b(a third|one third|two thirds|a quarter|one quarter|three quarters|half|a half|one half|a fifth|one fifth)\b",
    re.IGNORECASE,
)
_FRACTIONS = {
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
}

# A share put as so many people in so many ("one in three Kazakhs", "two out of five"): a rounded share, to check.
# (The words' values are those amounts written out are read with.)
_IN_EVERY = re.compile(
    r"\b(?P<part>one|two|three|four|five|six|seven|eight|nine|[1-9])(?: (?:in|out of)(?: every)?) "
    r"(?P<whole>two|three|four|five|six|seven|eight|nine|ten|[2-9]|10)\b",
    re.IGNORECASE,
)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _SPELLED[word.casefold()]


def in_every(line: str) -> list[tuple[int, int, float]]:
    """The shares a line puts as so many in so many: (start, end, per cent) of each, a part smaller than its whole
    ("one in three" is 33.3 per cent; "ten in two" is none)."""
    found = []
    for m in _IN_EVERY.finditer(line):
        part, whole = _count(m.group("part")), _count(m.group("whole"))
        if part < whole:
            found.append((m.start(), m.end(), 100 * part / whole))
    return found


def in_every_words(words: list[str]) -> set[int]:
    """The indexes of the words putting a share as so many in so many ("nearly one in three"), with the word
    rounding it: how the share is put, not things asked about."""
    used: set[int] = set()
    for k in range(len(words)):
        for size in (3, 4, 5):  # "one in three", "one out of three", "one out of every three"
            run = words[k : k + size]
            if (
                len(run) == size
                and (m := _IN_EVERY.fullmatch(" ".join(run))) is not None
                and in_every(m.group(0))
            ):
                used.update(range(k, k + size))
                if k and words[k - 1] in _APPROXIMATIONS:
                    used.add(k - 1)
                break
    return used


# "How much of the (almost) $1 billion …", "what share of the ~$33bn …": the amount is the whole.
# Approximations before an amount ("almost $1bn", "about 26%"): the amount's wording, not a thing asked about.
_APPROXIMATIONS = frozenset({"almost", "about", "around", "roughly", "nearly", "approximately", "some"})
_WHOLE_BEFORE = re.compile(
    # ("of AidData's US$127 billion": a name's possessive stands where "the" does)
    rf"\bof(?: (?:the|this|that|those|[a-z]+['’]s))?(?: (?:{'|'.join(sorted(_APPROXIMATIONS))}))?(?: ?~)?"
    r"(?: (?:us|u\.s\.|a|c|nz|hk|s))?$"  # "of the US $127 billion": the dollar's country letters apart
)
# An amount written as one word with its scale ("$1bn", "33bn"): read as a number below, not a word asked about.
_SCALED = re.compile(r"^\d+(?:\.\d+)?(?:bn|mn|mln|tn|trn|k|m|b)$")


def _bound_before(text: str) -> str | None:
    """Whether the words just before an amount make it a bound: "fewer than 35%" is below, "over $5 billion" above."""
    tail = " ".join(text.casefold().split()[-3:])
    if any(tail.endswith(b) for b in _BOUNDS_BELOW):
        return "below"
    if any(tail.endswith(b) for b in _BOUNDS_ABOVE):
        return "above"
    return None


COUNT_WORDS = frozenset({"times", "occasions", "often"})  # "how many times": a count of anything


_AMOUNT = re.compile(r"\bhow much\b")
# "How much did China spend" asks for money; "how much of its financing" for a part of something, in any unit.
_MONEY = re.compile(r"\bhow much\b(?! of\b)")
_EXACT = re.compile(r"\b(exact|exactly|precise|precisely)\b")


# Words asking how much something changed, not how much it is.
_CHANGE_WORDS = (
    "increase",
    "grow",
    "growth",
    "rise",
    "rose",
    "grew",
    "decline",
    "decrease",
    "drop",
    "fall",
    "fell",
    "shrink",
    "double",
    "triple",
    "halve",
    "jump",
    "surge",
    "change",
    "changed",
)
_CHANGES = frozenset(stem(w) for w in _CHANGE_WORDS)
_WENT = frozenset(
    {"went", "go", "goes", "gone", "going", "flowed", "spent", "channelled", "channeled", "directed"}
)
_INTO = frozenset({"to", "into", "on", "towards", "toward"})
# A question ending on where money went ("… spent on?", "… used for?") asks for the thing it went to, whatever
# measure word names the money ("the bulk of Kazakhstan's share").
_DESTINATION_ASKED = re.compile(
    rf"\b({'|'.join(sorted(_WENT | {'used', 'use', 'uses', 'paid', 'pay', 'pays', 'invested', 'allocated'}))})"
    rf" ({'|'.join(sorted(_INTO | {'for', 'in'}))})\W*"
    # (its source after it: "… mainly used for, according to the Corridors of Power report?")
    r"(?:(?:according to|per|as per|in the view of|in the words of)\b.*)?$"
)
# A transaction's own name after what it is in ("the value of the uranium deal", "the size of the loan package"):
# the figure measures the transaction, so its fact says what it is in and need not call it a deal.
TRANSACTION_NOUNS = frozenset(
    {
        "deal",
        "deals",
        "agreement",
        "agreements",
        "contract",
        "contracts",
        "package",
        "packages",
        "transaction",
    }
)
_RANKING_WORDS = frozenset(
    {"top", "main", "leading", "chief", "principal", "most", "first", "second", "third"}
)
# "Did the share go up or down since the last survey?": a change asked for in words that are no concept.
_UP_OR_DOWN = re.compile(
    # ("A power station going up on the river" is being built.)
    r"\b(?:up or down|down or up)\b|\b(?:gone|went) (?:up|down)\b"
    r"|\bgo (?:up|down)(?= (?:or|since|after|before|between|from|over|by)\b|\s*$)"
)

# Words right after "how many" that leave what is counted unsaid ("… how many are there", "how many does it have").
_ELIDED_AFTER_HOW_MANY = frozenset({"are", "were", "is", "was", "do", "does", "did", "has", "had"})


def _counted_follows(words: list[str], used: list[bool], at: int) -> bool:
    """Whether a noun saying what is counted starts at `at`, after a verb ("how many are full members") rather
    than the verb's subject or a place ("how many does the SCO have", "how many are in the SCO")."""
    return at < len(words) and not used[at] and words[at] not in STOPWORDS | QUESTION_WORDS | {"there"}


def _verb_after_plural(noun: str, following: str) -> bool:
    """Whether `following` is the verb of a plural subject ("countries gained", "people live"), which ends
    the run of words naming what "how many" counts."""
    plural = noun.endswith("s") or noun in {"people", "personnel", "staff"}
    return plural and (following.endswith("ed") or following in _VERBS)


# "How high do Kazakh officials rank relations with China?" asks for a priority, not a figure.
_RANK_ASKED = re.compile(
    r"^how (?:high|low|highly) (?:do|does|did|is|are|was|were)\b.*\b(?:rank|ranks|ranked|rate|rates|rated|prioriti[sz]e)"
)
_COMPARING = frozenset({"compared", "comparing", "compares"})


def _measure_size(words: list[str], at: int, thesaurus: Thesaurus) -> int:
    """How many words of a measure as listed ("exchange rate") start at `at` (0 if none)."""
    return next(
        (
            size
            for size in range(thesaurus.longest, 0, -1)
            if at + size <= len(words) and " ".join(words[at : at + size]) in thesaurus.measures
        ),
        0,
    )


_HOW_MUCH_MORE = re.compile(r"\bhow (much|many) (more|less|fewer|bigger|larger|smaller|higher|lower)\b")
_COMPARATIVES = frozenset(
    {
        "more",
        "less",
        "bigger",
        "larger",
        "greater",
        "smaller",
        "higher",
        "lower",
        "longer",
        "shorter",
        "fewer",
    }
)


def _stated(line: str) -> list[Stated]:
    """The amounts and shares a question writes with their unit, and the fractions it puts as a bound."""
    stated = [
        Stated(
            m.value,
            "USD" if m.currency else "percent",
            line[a:b].strip(),
            _bound_before(line[:a]),
            whole=_WHOLE_BEFORE.search(" ".join(line[:a].casefold().split())) is not None,
        )
        for a, b, m in number_spans(line)
        if m.currency or m.percent
    ]
    for found in _FRACTION.finditer(line):
        if (limit := _bound_before(line[: found.start()])) is not None:
            stated.append(Stated(_FRACTIONS[found.group(1).casefold()], "percent", found.group(1), limit))
    for start, end, share in in_every(line):
        stated.append(Stated(share, "percent", line[start:end], _bound_before(line[:start]), rounded=True))
    return stated
