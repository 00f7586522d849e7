"""Time in a question: years and decades and their parts, the bounds of a period, how precise a date is asked
for, a history between two points, spans and frequencies, plans and announcements, one of a series.
"""

from __future__ import annotations

import itertools
import re

from bot.factbase.stems import stem
from bot.factbase.text import NUMBER_WORDS
from bot.ingest.dates import dates_in
from bot.understanding.question.amounts import _APPROXIMATIONS, _SCALED
from bot.understanding.question.tokens import _set_aside_before


def stated_date(text: str) -> str | None:
    """The first date a line gives to the month or the day ("on 5 January 1992", "in March 2019", "on 2–3 July
    2024": its first day), as an ISO partial date ("1992-01-05", "2019-03"); None when it gives none (a year alone
    is read with the years). Read as dates in documents are."""
    return next((found.iso for found in dates_in(text) if len(found.iso) > len("YYYY")), None)


# A history asked between two points: "from 2008 to the launch of the BRI".
_SPAN_ENDS = frozenset({"to", "until", "till", "through"})
_FROM_TO = re.compile(r"\bfrom\b.+\b(?:to|until|till|through)\b")
# "The Shanghai Five becoming the SCO", "how the forum turned into a bloc": a history from one thing to another.
_BECOMING = frozenset({"becoming", "became", "become", "becomes"})
_GROWING = frozenset(
    {
        "turned",
        "turning",
        "turn",
        "grew",
        "growing",
        "grow",
        "evolved",
        "evolving",
        "evolve",
        "transformed",
        "transforming",
        "transform",
        "morphed",
        "morphing",
        "morph",
    }
)
_EMERGING = frozenset({"emerged", "emerging", "emerge", "emerges", "arose", "sprang", "sprung"})
_GROWN_INTO = frozenset(f"{verb} into" for verb in _GROWING)  # a verb and its particle may be one word here
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# "1990s", and the short "90s" (also "'90s", "mid-90s"): a two-digit decade from 30 on is of the 1900s.
_DECADE = re.compile(r"^(1[89]\d0|20\d0|\d0)s$")
_DECADE_WORDS = {"seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000, "twenties": 2020}
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 7), "late": (7, 9)}  # years into the decade
_PART_NOUNS = {"start": "early", "beginning": "early", "middle": "mid", "end": "late", "close": "late"}


# ("Early" and "late" stay words to match: the sources write "in early 2011".)
_PART_OF_YEAR = frozenset(
    {
        ("mid",),
        ("spring",),
        ("summer",),
        ("autumn",),
        ("fall",),
        ("winter",),
        ("end", "of"),
        ("start", "of"),
        ("beginning", "of"),
        ("middle", "of"),
        ("half", "of"),
    }
)


def _decade(word: str) -> int | None:
    """The first year of a decade written "1990s" or "nineties"."""
    if (found := _DECADE.match(word)) is not None:
        year = int(found.group(1))
        return year if year >= 100 else year + (1900 if year >= 30 else 2000)
    return _DECADE_WORDS.get(word)


# A year after one of these bounds the period asked about instead of naming it: "before 2024" is any year up to
# 2023, "since 1997" 1997 on. (The shift is added to the year: before is exclusive, since inclusive.)
_BOUNDS: dict[tuple[str, ...], tuple[str, int]] = {
    ("before",): ("to", -1),
    ("prior", "to"): ("to", -1),
    ("ahead", "of"): ("to", -1),
    ("until",): ("to", 0),
    ("till",): ("to", 0),
    ("up", "to"): ("to", 0),
    ("after",): ("from", 1),
    ("since",): ("from", 0),
    ("from",): ("from", 0),
    ("post",): ("from", 1),  # "Beijing's post-2000 doctrine"
    ("pre",): ("to", -1),  # "pre-2013 lending"
}

# "Apart from 2019, in what earlier year …": the words after the year set aside say which side of it the answer
# lies on, if either (a later one by `_LATER`, below).
_EARLIER = frozenset({"earlier", "previous", "preceding", "prior"})

_DAY = re.compile(
    r"\b(what|which) (exact |precise )?(date|dates|day)\b|\b(exact|precise) (date|day)\b"
    r"|\b(day and month|month and day)\b"
)
# ("in which months of 2023 did they meet", "when exactly, month and year": a month, not the year)
_MONTH = re.compile(
    r"\b(what|which) months?\b|\b(exact|precise) months?\b|\b(months? and years?|years? and months?)\b"
)
_WHICH_YEAR = re.compile(r"\b(what|which) year\b|\b(exact|precise) year\b|\byear exactly\b")


_PERIOD_PREPOSITIONS = frozenset(
    {
        "in",
        "during",
        "from",
        "since",
        "before",
        "after",
        "until",
        "till",
        "to",
        "by",
        "throughout",
        "over",
        "of",
        "between",
        "around",
        "through",
        "across",
        "within",
    }
)


# What a decade before it describes rather than dates: ideas are stated without a year.
_IDEA_NOUNS = frozenset(
    {
        "doctrine",
        "doctrines",
        "concept",
        "concepts",
        "thinking",
        "policy",
        "policies",
        "approach",
        "outlook",
        "vision",
        "strategy",
        "diplomacy",
        "idea",
        "ideas",
        "ideology",
        "principles",
        "framework",
    }
)


def _precision(folded: str) -> str | None:
    """How precise a date the question asks for: "on what date" a day, "in which month" a month, "in which
    year" a year (not the decade a source may give instead)."""
    if _DAY.search(folded):
        return "day"
    if _MONTH.search(folded):
        return "month"
    return "year" if _WHICH_YEAR.search(folded) else None


def _becomes_named(words: list[str], at: int, named_at: set[int]) -> bool:
    """Whether the word at `at` says one thing became a thing named right after it: "became the SCO", "turned
    into the Shanghai Cooperation Organisation" (not "became full members")."""
    after = at + 1
    if words[at] in _GROWING and words[after : after + 1] == ["into"]:
        after += 1
    elif words[at] not in _BECOMING and words[at] not in _GROWN_INTO:
        return False
    return after in named_at or (words[after : after + 1] == ["the"] and after + 1 in named_at)


def _transition_ends(words: list[str], ends: dict[int, str], intent: str) -> set[str]:
    """The two things a timeline goes between when one became the other ("a timeline of the Shanghai Five
    becoming the SCO"): each step of it names one or the other."""
    if intent != "timeline":
        return set()
    at = next(
        (
            k
            for k, w in enumerate(words)
            if w in _BECOMING
            or w in _GROWN_INTO
            or (w in _GROWING and words[k + 1 : k + 2] == ["into"])
            # "how the SCO grew out of the Shanghai Five", "emerged from": the same two, named the other way round
            or (w in _GROWING and words[k + 1 : k + 3] == ["out", "of"])
            or (w in _EMERGING and words[k + 1 : k + 2] == ["from"])
        ),
        None,
    )
    # (`ends`: where each name ends, the index after it, and what it names)
    named = sorted(ends.items())
    if at is None:
        # "How did the Shanghai grouping go from a border-settling club to a full organisation?": from one to the
        # other, or from the one named first to the other.
        start = words.index("from") if "from" in words else None
        if start is None:
            # "shanghai five to sco timeline": the one named just before "to", the other just after it.
            for (first_end, first), (second_end, second) in itertools.pairwise(named):
                if (
                    words[first_end : first_end + 1] == ["to"]
                    and second_end - first_end <= 5
                    and first != second
                ):
                    return {first, second}
        # ("grew from a border-settling club into a chartered body": "into" ends the first as "to" does)
        stop = (
            next(
                (k for k in range(start + 1, len(words)) if words[k] in _SPAN_ENDS or words[k] == "into"),
                None,
            )
            if start
            else None
        )
        if start is None or stop is None:
            return set()
        inside = [entity for end, entity in named if start < end <= stop]
        beyond = [entity for end, entity in named if end > stop + 1] or [
            e for end, e in named if end <= start
        ]
        if not inside or not beyond or inside[0] == beyond[0]:
            return set()
        return {inside[0], beyond[0]}
    before = [entity for end, entity in named if end <= at]
    after = [entity for end, entity in named if end > at + 1]  # (past its particle, "into", "out of", "from")
    if not before or not after:
        return set()
    return {before[-1], after[0]}


# Becoming a member, asked about as what happened later than something (see `understand`).
_JOINING = frozenset(stem(w) for w in ("become", "became", "join", "joined", "admitted", "accede", "acceded"))
_LATER = frozenset({"since", "later", "subsequently", "recently", "newly", "afterwards"})


SERIES_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
# "The first meeting", "its second summit": which one of a series is asked about. Only after a determiner: "what
# came first" and "first president" name no place in a series of events.
_ORDINAL = re.compile(
    # (not a span counted from the start: "its first five years", "the first 10 months")
    rf"\b(?:the|its|their|his|her)\s+({'|'.join(SERIES_ORDINALS)})\b"
    r"(?!\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|several|couple)\b)"
    # a rank: "which country ranks third" (not "which came first", an order of two things)
    rf"|\b(?:ranks?|ranked|ranking|placed)\s+({'|'.join(SERIES_ORDINALS)})\b"
    # … or counted from the one above it: "which country is second after Kazakhstan", "third behind"
    rf"|\b({'|'.join(SERIES_ORDINALS)})\s+(?:only\s+)?(?:after|behind|to)\b"
)

# Second by what the words mean, after the one named: "the runner-up to Kazakhstan", "behind only Kazakhstan",
# "just behind Kazakhstan", "next after", "after Kazakhstan, which … the most".
SECOND_TO = re.compile(
    r"\brunner[\s-]?up\b|\b(?:behind|after|to)\s+only\b|\bonly\s+(?:behind|after|to)\b"
    r"|\b(?:just|right|immediately|directly|closely)\s+(?:behind|after)\b|\bnext\s+(?:after|behind)\b"
    r"|^after\s+(?:[\w'-]+\s+){1,4}?(?:which|what)\b.*\b(?:most|largest|biggest|greatest|highest)\b"
)

# Places in a series offered to choose from: "the first, second or third", "the first or the second".
_OFFERED = re.compile(
    rf"\b(?:{'|'.join(SERIES_ORDINALS)}),? (?:the )?(?:{'|'.join(SERIES_ORDINALS)})\b"
    rf"|\bor (?:the )?(?:{'|'.join(SERIES_ORDINALS)})\b"
)

_SPANNING = re.compile(
    r"\b(?:time span|timespan|time frame|timeframe|time period|period)\b|\bcover(?:s|ed|age)?\b"
    # "from what year does the dataset begin": where a span starts, "since 2000"
    r"|\bfrom (?:what|which) (?:year|date|point)\b"
)
# Where a span ends: "up to which year does the data run", "until when", "through what year" (a start, "since
# 2000", does not say it).
SPAN_END_ASKED = re.compile(
    r"\b(?:up to|up until|until|till|through|to) (?:what|which) (?:year|date|point|month)\b|\buntil when\b"
    r"|\b(?:what|which) (?:year|date) does .* (?:end|stop|finish)\b|\bend (?:year|date)\b"
)
_OFTEN = re.compile(r"\bhow (?:often|many times|frequently)\b")
_LASTING = re.compile(
    # (roughly put, "for about how long"; "how long since his last visit": the span since, "in five years")
    r"\bfor (?:about |roughly |approximately |around |nearly |almost )?how long\b"
    r"|\bhow long (?:has|have|had|since|it has been|it had been)\b"
    # "for how many decades have ties been friendly": a span, "since 1991" in words
    r"|\bhow many (?:years|decades) (?:has|have|had)\b"
)
# "What time span does the study cover?", "from what year does the data run?": when, and over what period, is the
# frame.
_SPAN_FRAME = frozenset({"cover", "covers", "covered", "coverage", "run", "runs"})
# Verbs of saying, as typed (not "state": it is also a state visit's).
_SAYING = frozenset(
    {"say", "said", "says", "announce", "announced", "announces", "declare", "declared", "reveal"}
)
# Words for announcing, and for a plan rather than the deed ("when was Xi due / expected / set to visit?").
_ANNOUNCING = frozenset(stem(w) for w in (*_SAYING, "announcement", "state", "statement", "confirm"))
# … and in other words: "when did the ministry let it be known that Xi would go?", "made public", "disclosed".
MADE_KNOWN = re.compile(
    r"\b(?:let it be|make it|made it|make|made|makes|making) (?:known|public)\b|\b(?:disclosed?|discloses|revealed)\b"
)
# ("when will Xi be in Astana?" asks when the visit is, which an announcement that he would soon go does not say)
_PLANNED = frozenset({"due", "expected", "scheduled", "planned", "planning", "plan", "plans", "set"})


# "The year before Xi's 2024 trip", "in the year after the 2001 founding": the year next to the one named.
_NEXT_YEAR = {"before": -1, "prior": -1, "preceding": -1, "after": 1, "following": 1}
_YEAR_BESIDE_REACH = 6  # words from "year before" to the year of the thing it is before


def _year_beside(words: list[str], at: int) -> int | None:
    """-1 or 1 when the year at `at` dates a thing that "the year before / after" is counted from, else None."""
    for k in range(at - 2, max(at - _YEAR_BESIDE_REACH, 0) - 1, -1):
        if _YEAR.match(words[k]):
            return None  # another year in between is the one counted from
        if words[k] == "year" and words[k - 1 : k] == ["the"] and (shift := _NEXT_YEAR.get(words[k + 1])):
            return shift
    return None


# What a lasting thing was made by, in a clause after its name that says which one is meant ("the security bloc
# founded in Shanghai in 2001", "the arrangement unveiled in 2023").
_MADE = frozenset(
    {
        "founded",
        "established",
        "set",
        "created",
        "launched",
        "formed",
        "signed",
        "adopted",
        "proclaimed",
        "unveiled",
    }
)
# Auxiliaries that, leading the question, make the clause what is asked ("Was the SCO founded in 2001?").
_ASKING_AUXILIARIES = frozenset({"was", "were", "is", "are"})


def _dates_the_name(words: list[str], i: int, lasting_ends: frozenset[int]) -> int | None:
    """Where the clause starts (its verb) when the year at `i` ends a clause after a lasting thing's name that
    says which thing is meant ("the security bloc founded in Shanghai in 2001 …"): the year names the thing, as
    "the 2001 bloc" does, and asks for no facts of that year. None where the question asks about the clause
    itself ("Was the SCO founded in 2001?"), or the year ends the question, where it is as often what is checked."""
    if i < 2 or words[i - 1] != "in" or i + 1 >= len(words) or words[0] in _ASKING_AUXILIARIES:
        return None
    for end in lasting_ends:
        if end < i - 1 and words[end] in _MADE:
            between = words[end + 1 : i - 1]
            if words[end] == "set" and between[:1] == ["up"]:
                between = between[1:]
            # (a place it was made in may stand between: "founded in Shanghai in 2001")
            if not between or (between[0] == "in" and 2 <= len(between) <= 3):
                return end
    return None


# Words placing what is asked against another event, which a year then dates ("after the BRI was launched in 2013").
MEASURED_FROM = frozenset({"after", "before", "once", "since", "until", "till"})
# Between a lasting thing's name and how it was made, in such a clause ("the BRI was launched", "had been set up").
_PASSIVE = frozenset({"was", "were", "had", "been", "got", "is"})


def _dates_a_reference(words: list[str], i: int, named_at: set[int], lasting_ends: frozenset[int]) -> bool:
    """Whether the year at `i` dates the event a claim is measured from: "did funding only start growing after the
    BRI was launched in 2013?" asks whether the growth came after the launch, not about 2013's facts (the growth
    began in 2008)."""
    if i < 3 or words[i - 1] != "in":
        return False
    for end in lasting_ends:
        clause = [w for w in words[end : i - 1] if w not in _PASSIVE]
        if clause[:2] == ["set", "up"]:
            clause = clause[1:]
        start = max((k for k in named_at if k < end), default=None)
        if (
            clause[:1]
            and clause[0] in _MADE
            and len(clause) == 1
            and start is not None
            and MEASURED_FROM.intersection(words[max(0, start - 2) : start])
        ):
            return True
    return False


# The scale and unit words of a number ("45 percent", "$5 bn"): read with it, not as words of their own.
_NUMBER_UNITS = frozenset({"bn", "mn", "billion", "million", "trillion", "percent", "cent"})


def _after_a_number(words: list[str], i: int) -> bool:
    """Whether the unit word at `i` follows a number ("45 percent", "45 per cent", "1.7 billion"); after "what"
    ("what percent of …") it names what is asked for."""
    before = words[i - 2 : i - 1] if words[i - 1 : i] == ["per"] else words[i - 1 : i]
    return bool(before) and (
        before[0].isdigit()
        or before[0] in NUMBER_WORDS
        or before[0] in _NUMBER_UNITS
        or before[0] in {"many", "much"}  # "by how many million dollars": the scale of the amount asked
        or _SCALED.match(before[0]) is not None
    )


def _years_asked(
    words: list[str],
    used: list[bool],
    named_at: set[int],
    lasting_ends: frozenset[int] = frozenset(),
    naming_years: frozenset[int] = frozenset(),
) -> tuple[list[int], dict[str, int], bool, int | None]:
    """The years a question names, the period it bounds ("before 2024", "the early 1990s") as its "from" and "to"
    years, whether a decade describes a thing named rather than asks what happened then, and a year it sets aside
    with no side to look on ("besides 2016, when …"). Marks the words read as used, numbers too (they are read
    from the text with their scale). `lasting_ends`: where the name of a lasting thing (a body, a project, a
    document; not an event) ends; `naming_years`: where a year says which lasting thing is meant ("the 2001 bloc")."""
    years: list[int] = []
    period: dict[str, int] = {}
    period_describes = False
    set_aside: int | None = None
    for i, word in enumerate(words):
        if _YEAR.match(word) and i in naming_years:
            continue  # "the 2001 bloc": the year names the body (read as its name), as "of 1996" does below
        if _YEAR.match(word) and _dates_a_reference(words, i, named_at, lasting_ends):
            used[i] = True  # "… after the BRI was launched in 2013": when what the claim is measured from was
            continue
        if _YEAR.match(word) and (clause := _dates_the_name(words, i, lasting_ends)) is not None:
            # "the security bloc founded in Shanghai in 2001": which bloc is meant, not what is asked of it (a
            # place it was made in is left to be read as a place)
            for k in range(clause, i + 1):
                used[k] = used[k] or k == i or words[k] in _MADE or words[k] in {"up", "in"}
        elif _YEAR.match(word) and i >= 2 and words[i - 1] == "of" and i - 1 in lasting_ends:
            # "the five-country border grouping of 1996": the year says which thing is meant (the one set up
            # then), not when what is asked of it happened ("what did it turn into" was in 2001).
            used[i - 1] = used[i] = True
        elif _YEAR.match(word):
            bound = next((b for n in (2, 1) if (b := _BOUNDS.get(tuple(words[max(i - n, 0) : i])))), None)
            if _set_aside_before(words, i - (i > 0 and words[i - 1] == "the")):
                after = set(words[i + 1 :])
                if after & _LATER:
                    period["from"] = int(word) + 1
                elif after & _EARLIER:
                    period["to"] = int(word) - 1
                else:
                    set_aside = int(word)  # "besides 2016, when …": any year but that one
            elif bound is not None and i and not (words[i - 1] == "from" and "to" in words[i + 1 : i + 2]):
                period[bound[0]] = int(word) + bound[1]
                if words[i - 1] in {"post", "pre"}:
                    used[i - 1] = True  # (a prefix, no word a fact must say)
            elif (shift := _year_beside(words, i)) is not None:
                years.append(int(word) + shift)  # "in the year before Xi's 2024 trip": 2023
            else:
                years.append(int(word))
            used[i] = True
            # "In early 2011", "by mid-2024", "at the end of 2019": a part of the year is still that year (the
            # facts date most things to a year or a month).
            for n in (2, 1):
                if tuple(words[max(i - n, 0) : i]) in _PART_OF_YEAR:
                    for k in range(i - n, i):
                        used[k] = True
                    break
        elif (decade := _decade(word)) is not None and not period and set_aside is None:
            # "the 1990s", "in the mid-nineties": the years of the decade (or of its part) bound those asked about.
            part = _DECADE_PARTS.get(words[i - 1]) if i else None
            lead = 1 if part else 0  # the words saying the part, just before the decade
            if part is None and i >= 3 and words[i - 2 : i] == ["of", "the"] and words[i - 3] in _PART_NOUNS:
                # "at the start of the 2010s", "by the end of the nineties": its early or late years
                part, lead = _DECADE_PARTS[_PART_NOUNS[words[i - 3]]], 3
            first, last = (decade + part[0], decade + part[1]) if part else (decade, decade + 9)
            # The word before it: "from the early 2000s", "before the 1990s".
            around = set(words[i - 2 - lead : i - lead])
            if around & {"before"}:
                period["to"] = first - 1
            elif around & {"after"}:
                period["from"] = last + 1
            elif around & {"from", "since"}:
                period["from"] = first
            elif around & {"until", "till", "to", "through"}:
                period["to"] = last
            else:
                period.update({"from": first, "to": last})
                # "Beijing's early-2000s security doctrine": the decade describes an idea (when it dates from), it
                # does not ask what happened then ("the 1990s border talks" are dated then).
                before = [w for w in words[max(0, i - 3 - lead) : i - lead] if w != "the"][-1:]
                period_describes = (
                    not set(before) & _PERIOD_PREPOSITIONS
                    and not _IDEA_NOUNS.isdisjoint(words[i + 1 : i + 3])
                ) or i + 1 in named_at  # "the 1990s five-nation grouping": when the thing named after it was
            used[i] = True
            for k in range(i - lead, i):
                used[k] = True
        elif word.isdigit() or (word in _NUMBER_UNITS and _after_a_number(words, i)) or _SCALED.match(word):
            used[i] = True  # numbers are read from the text below, with their scale
            if i and words[i - 1] in _APPROXIMATIONS:
                used[i - 1] = True
    return years, period, period_describes, set_aside
