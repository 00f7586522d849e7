"""The question's frame: words that say how something is asked ("where is X based", "to what extent", "in what
capacity", "why does … care about", "step by step"), never what a fact must say. Each is marked as used, so it
is neither a concept nor a name; what the frame tells is kept for the reading (`Frames`).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bot.understanding.question.amounts import _COMPARING, _SUM_ASKED
from bot.understanding.question.context import PURPOSE_SAID
from bot.understanding.question.dates import _SPAN_FRAME
from bot.understanding.question.intents import (
    _CAUSE,
    _HELD_AGAINST,
    _MADE_FOR,
    _POINT_OF,
    _POLAR,
    _TIMELINE_FRAME,
    _TO_WHAT_END,
    _WHY_FRAME,
    EXCLUSIVE,
)
from bot.understanding.question.people import _AFFILIATION, _AT_WORK, _REGIONAL, _WHERE_FRAME, _WHOSE
from bot.understanding.question.sources import _CITING, _CITING_WHO, _CREDIT
from bot.understanding.question.tokens import _words_in
from bot.understanding.question.words import _DEFINITION_ASKED

# What a history is of, between the things it names ("Beijing-Dushanbe ties"), and the words before one that make
# it a step of its own ("opening diplomatic relations", "from the breakup to formal ties").
_HISTORY_OF = frozenset({"relations", "relationship", "ties", "dealings", "history"})
_SETTING_UP = frozenset(
    {"diplomatic", "formal", "formally", "official", "officially", "establish", "established", "establishing"}
    | {"set", "setting", "open", "opened", "opening", "forge", "forged", "forging", "to", "establishment"}
)

# "The three components", "what four planks": how many parts of a thing are asked for.
_FEW = frozenset({"two", "three", "four", "six", "seven"})
_BEFORE_A_COUNT = frozenset(
    {"the", "what", "which", "its", "their", "his", "her", "these", "those", "are", "s"}
)
_PARTS_NOUNS = frozenset(
    {"components", "pillars", "ideas", "doctrines", "planks", "elements", "parts", "principles", "concepts"}
    | {"threats", "strands", "tenets", "foundations", "blocks", "priorities", "traits", "features", "evils"}
    | {"forces", "aims", "goals", "cornerstones", "legs", "dimensions"}
)

# Paying for a study, and the studies paid for.
_FUNDING = frozenset(
    {
        "funded",
        "bankrolled",
        "financed",
        "sponsored",
        "underwrote",
        "underwritten",
        "paid",
        "funder",
        "funders",
    }
    | {"fund", "bankroll", "finance", "sponsor", "underwrite", "pay", "funding", "sponsors", "sponsorship"}
)
_STUDIES = frozenset({"study", "studies", "report", "reports", "research", "survey", "paper", "analysis"})

# A plan, then what was planned: "Xi was due to / scheduled to visit …".
# ("expected to" stays a word: the sources say what states "are expected to" give Beijing)
_DUE = frozenset({"due", "scheduled", "set", "slated"})
_BEING = frozenset(
    {"was", "were", "is", "are", "been"}
)  # just before, or before the one planning ("was Xi due")

# People whose view is asked, then the verb asking it: "how do scholars (in the West) explain …".
_HOLDER_NOUNS = r"scholars|analysts|experts|commentators|observers|academics|researchers|specialists|pundits|critics|writers"
_HOLDERS_EXPLAIN = re.compile(
    rf"\b(?:how|what) (?:do|did|does) (?:\w+ ){{0,2}}?(?P<holders>{_HOLDER_NOUNS})(?: \w+){{0,3}}? (?:explain|see"
    r"|view|interpret|describe|read|characterise|characterize|regard|assess|judge|account for)\b"
)

# People of a part of the world whose view is asked: "Western commentators", "scholars in the West". The holders'
# noun is the question's frame; where they are from is what the fact must say ("Western interpretations").
_WESTERN_HOLDERS = re.compile(
    rf"\bwestern (?P<after>{_HOLDER_NOUNS})\b|\b(?P<before>{_HOLDER_NOUNS}) (?:in|from) the west\b"
)
# … and, asked why a thing was founded in their view, its founding is the frame: the view says what it was for.
_FOUNDING_WORDS = frozenset(
    {
        "formed",
        "formation",
        "created",
        "creation",
        "founded",
        "founding",
        "established",
        "establishment",
        "set",
        "up",
    }
)

# One of the region's states asked for ("which of the five post-Soviet Central Asian republics"), and words that
# leave it out of what is asked about ("… is not in the SCO", "stays outside", "the odd one out").
# ("of the five ex-Soviet stans, which one …": the region's states named before the asking word.)
_ONE_OF_REGION = re.compile(
    r"\b(?:which|what)\b(?: \w+){0,6}? (?:central asian|soviet|five)(?: \w+){0,2}? "
    r"(?:countr\w*|states?|republics?|nations?|stans)\b"
    r"|\b(?:of|among) the five(?: \w+){0,3}? (?:countr\w*|states?|republics?|nations?|stans),? (?:which|what)\b"
)
_LEFT_OUT = re.compile(
    r"\b(?:not|(?:(?:stays?|stayed|remains?|remained|sits?|sat) )?outside|odd one out|non members?|nonmembers?|"
    r"left out|excluded|stays? out|stayed out|missing|absent|sits? out|sat out)\b"
)

# Where people are put to work, and a venue: the frame of a where question, not its subject.
_WHERE_AT_WORK = frozenset({*_AT_WORK, "venue"})


# "Which part of the world", "what corner of the globe": the frame of a where question asking for a region.
_PART_OF_THE_WORLD = re.compile(r"\b(?:part|parts|corner|area|region) of the (?:world|globe|planet)\b")


@dataclass(frozen=True, slots=True)
class Frames:
    """What the frame of a question tells, besides the words it marks."""

    affiliated: re.Match[str] | None  # "where does X work": the organisation asked for, not a place
    regional: bool  # "which Central Asian state": the kind asked for
    left_out: bool  # "which Central Asian republic is not in the SCO": the states a list leaves out
    seated: bool  # "where is AidData located": where the thing itself is
    squared: bool  # "does A square with B": each side told by facts of its own
    cause: re.Match[str] | None  # "what triggered X": a fact must give a cause
    whose: re.Match[str] | None  # "whose idea was X": who came up with it


def read_frames(words: list[str], used: list[bool], folded: str, asked: str, intent: str) -> Frames:
    """Mark the words of the question's frame in `used`; what the frame tells."""
    found = _AFFILIATION.match(asked) if intent == "where" else None
    if found is not None:
        _mark(words, used, {found.group(3)})  # the question's frame, not a topic a fact must say
    regional = _REGIONAL.search(asked) is not None
    if regional:
        # "which Central Asian state": the kind asked for, checked on the things a fact names, not a word to say
        region_at = next(k for k in range(len(words) - 1) if words[k : k + 2] == ["central", "asian"])
        used[region_at] = used[region_at + 1] = True
    left_out = False
    if (one_of := _ONE_OF_REGION.search(folded)) is not None and (
        exclusions := list(_LEFT_OUT.finditer(folded, one_of.end()))
    ):
        # "Which of the five Central Asian republics is not a full SCO member?": the kind asked for and the words
        # leaving it out are the frame; what is left ("full member") is what a list of the others says.
        left_out = True
        for found_words in exclusions:
            _mark_match(words, used, found_words)
        # (not "which" nor the noun after the region's words: they ask for a state, "which two republics" two)
        for k in _words_in(words, one_of)[1:-1]:
            used[k] = True
    seated = intent == "where" and any(w in _WHERE_FRAME for w in words)
    if seated:
        _mark(
            words, used, _WHERE_FRAME
        )  # "where is AidData located": where the thing is, the question's frame
    if intent == "where":
        _mark(words, used, _WHERE_AT_WORK)
        # "in which part of the world": a region asked, in no fact's words
        for region in _PART_OF_THE_WORLD.finditer(" ".join(words)):
            _mark_match(words, used, region)
    for alone in EXCLUSIVE.finditer(" ".join(words)):
        _mark_match(words, used, alone)  # "is China the sole power …": the claim's frame, not a word to say
    if intent in {"how_many", "how_much"}:
        for summing in _SUM_ASKED.finditer(" ".join(words)):
            # "all told, how many states …": one figure over all, asked; seldom the fact's word
            _mark_match(words, used, summing)
    for k in range(1, len(words) - 1):
        if (
            words[k] in _DUE
            and words[k + 1] in {"to", "in", "at"}
            and not _BEING.isdisjoint(words[max(0, k - 3) : k])
        ):
            # "whom was Xi due to call on", "Xi was due in Dushanbe": a plan, told by a fact of what was
            # announced, not a word it must say
            used[k] = True
    for definition in _DEFINITION_ASKED.finditer(folded):
        # "how does she define X", "a definition of X": what X is, in whatever words a fact says it
        if definition.group("mean"):
            used[len(words) - 1] = True  # "what does X mean": the last word only
        else:
            _mark_match(words, used, definition)
    for western in _WESTERN_HOLDERS.finditer(" ".join(words)):
        _mark_first(words, used, western.group("after") or western.group("before"))
        if intent == "why":
            _mark(words, used, _FOUNDING_WORDS)
    for view in _HOLDERS_EXPLAIN.finditer(folded):
        # "how do scholars in the West explain why …", "what do analysts see as …": whose view it is, told by the
        # view (the fact's "Western interpretations"), not a word for people a fact must say
        _mark_first(words, used, view.group("holders"))
    if intent == "why":
        # "why does Beijing care about the region", "why does the article say the unrest matters": what makes it
        # count, the frame of the question
        _mark(words, used, _WHY_FRAME)
        if (end := _TO_WHAT_END.search(folded)) is not None:
            _mark_match(words, used, end)  # "to what end": the frame of a question asking the purpose
        if (made_for := _MADE_FOR.search(folded)) is not None:
            # "what was it really set up for": its purpose, not its founding
            _mark_match(words, used, made_for)
    if intent == "when":
        for k, word in enumerate(words):
            if (
                word in _SPAN_FRAME
                or (word == "time" and words[k + 1 : k + 2] in (["span"], ["frame"], ["period"]))
                # "over what period did …": the frame
                or (word in {"period", "stretch"} and k and words[k - 1] in {"what", "which"})
                # "how many years ago": when, counted back
                or (word in {"years", "decades", "months", "ago"} and "ago" in words[k : k + 2])
            ):
                used[k] = True
    for k, word in enumerate(words):
        if (word in _CREDIT and "with" in words[k + 1 : k + 8]) or word in {"credited", "crediting"}:
            # "Which leaders does she credit with the Shanghai Spirit?", "who is credited for the photo?": whose
            # idea or work it was; crediting frames it (a credit line of a loan stays a word asked about).
            used[k] = True
    squared = False
    if (
        _POLAR.match(asked)
        and (held := _HELD_AGAINST.search(folded)) is not None
        # (two amounts stated side by side are checked against the facts giving them: `two_amounts`)
        and not any(ch.isdigit() for ch in folded)
    ):
        # "does A square with B": the question's frame; each side is told by facts of its own
        squared = True
        _mark_match(words, used, held)
    if intent == "compare":
        for k, word in enumerate(words):
            if word in _COMPARING:
                # "how does A's share compared to B's": the comparison's frame ("compared to" is also how a fact
                # says what something was called, which a comparison does not ask).
                used[k] = True
                if words[k + 1 : k + 2] in (["to"], ["with"]):
                    used[k + 1] = True
    for k in range(1, len(words)):
        if words[k] in _CITING and words[k - 1] in _CITING_WHO:
            # "the AidData figure it cites": which figure, in the document's words; citing is not the topic.
            used[k] = True
    cause = _CAUSE.search(asked) if intent == "why" else None
    if cause is not None:
        # "What triggered the crisis?": the verb frames the question; the fact must give a cause (see `cause`).
        _mark_first(words, used, (cause.group("verb") or cause.group("noun")).split()[0])
    if intent == "timeline":
        # "… step by step", "key moments … over the years", "how has X evolved": the history is what is asked;
        # those words frame it.
        for frame in _TIMELINE_FRAME.finditer(folded):
            _mark_match(words, used, frame)
        for k, word in enumerate(words):
            if word in _HISTORY_OF and _SETTING_UP.isdisjoint(words[max(0, k - 4) : k]):
                # "a timeline of China-Kazakhstan relations": the history of the two is what is asked, every step
                # of it (not only the facts saying "relations"). Ties set up are an event of their own ("from
                # independence to Beijing formally setting up ties").
                used[k] = True
    if (
        intent == "why"
        and (point := _POINT_OF.search(asked)) is not None
        and point.group(0).endswith("point of")
    ):
        _mark_first(words, used, "point")  # "What was the original point of the Shanghai Five?": its purpose
    for k in range(2, len(words)):
        if words[k] in {"capacity", "role", "status", "standing", "capacities", "roles"} and words[
            k - 2 : k
        ] in (
            ["in", "what"],
            ["in", "which"],
            ["in", "any"],
            ["in", "some"],
            ["in", "whatever"],
            ["with", "what"],
        ):
            # "… and in what capacity / with what standing?": asks for the standing a fact gives (observer,
            # partner), not a capacity.
            used[k] = True
        if words[k] in {"extent", "degree"} and words[k - 2 : k] == ["to", "what"]:
            used[k] = True  # "to what extent does …": how much, the question's frame
    if (whose := _WHOSE.match(asked)) is not None:
        # "Whose idea was the Harmonious World?" asks who came up with it: the noun frames the question.
        _mark_first(words, used, whose.group(1))
    for k, word in enumerate(words):
        if word in {"besides", "except", "excluding"}:
            used[k] = True  # what is set aside is read apart (tokens.py); the word itself asks for nothing
        if word in {"pair", "couple", "trio"} and words[k + 1 : k + 2] == ["of"]:
            used[k] = True  # "which pair of states": how many, not a word a fact says
        if word == "front" and k >= 2 and words[k - 2] == "on":
            used[k] = True  # "on the security front": in security
        if (
            word == "back"
            and words[k + 1 : k + 2] in (["in"], ["then"], ["when"], ["around"], ["during"])
            and (words[k + 1] != "in" or (len(words) > k + 2 and words[k + 2][:1].isdigit()))
        ):
            used[k] = True  # "created back in 1991": when, not a backing
        if word == "well" and words[k + 1 : k + 2] in (["before"], ["after"], ["ahead"], ["into"], ["over"]):
            used[k] = True  # "well before the BRI": before it, by a margin
        if word in {"existed", "exist", "existing"} and not {"before", "after", "since"}.isdisjoint(
            words[max(0, k - 6) : k]
        ):
            used[k] = True  # "before the Belt and Road existed": before it
        if word == "ahead" and words[k + 1 : k + 2] == ["of"]:
            used[k] = True  # "ahead of the BRI": before it, as "before" is no word a fact must say
        if word in {"found", "find", "finds"} and words[k + 1 : k + 2] == ["that"]:
            # "Who found that Beijing steered its money …": what a study concluded, never a founding.
            used[k] = True
    for k, word in enumerate(words):
        if (
            word in _FUNDING
            and k + 1 < len(words)
            and words[k + 1] not in _STUDIES  # ("the US-funded study": whose it is)
            and (
                not _STUDIES.isdisjoint(words[k + 1 : k + 6])
                or not _STUDIES.isdisjoint(words[max(0, k - 4) : k])
            )
        ):
            # "Who bankrolled the William & Mary study?": a study's funder is its backer, as the sources put it
            # ("supported by the U.S. State Department"), not a lender of Chinese money.
            words[k] = "supported"
    for k in range(1, len(words) - 1):
        if (
            words[k] in _FEW
            and words[k - 1] in _BEFORE_A_COUNT
            and not _PARTS_NOUNS.isdisjoint(words[k + 1 : k + 3])
        ):
            # "What are the three components of the New Diplomacy?": how many parts it has, which a fact listing
            # them need not say in words ("rests on A, B and C").
            used[k] = True
    for purpose in PURPOSE_SAID.finditer(folded):
        _mark_match(
            words, used, purpose
        )  # "a timeline for a sidebar": where the answer will go, not what it is of
    return Frames(found, regional, left_out, seated, squared, cause, whose)


def _mark(words: list[str], used: list[bool], frame: AbstractSet[str]) -> None:
    """Mark every word of the question that is one of the frame's words."""
    for k, word in enumerate(words):
        if word in frame:
            used[k] = True


def _mark_first(words: list[str], used: list[bool], frame: str) -> None:
    """Mark the first occurrence of the frame's word."""
    if frame in words:
        used[words.index(frame)] = True


def _mark_match(words: list[str], used: list[bool], found: re.Match[str]) -> None:
    """Mark the words a match in the question's words (joined by single spaces) spans."""
    for k in _words_in(words, found):
        used[k] = True
