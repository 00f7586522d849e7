"""What a fact's statement says, as stems: how fully it says a concept, words giving a reason, a cause or
someone's words, ranks, and the opposite of what was asked.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import lru_cache

from bot.factbase.stems import stem, stems_of
from bot.factbase.store import FactRecord
from bot.factbase.text import fold
from bot.understanding.question.model import Concept, Question

TOP_WORDS = ("largest", "biggest", "greatest", "top", "most", "leading")  # what ranks first says
# What a rank after the first says beside its ordinal ("the second-largest recipient", "third place").
RANKING_WORDS = (*TOP_WORDS, "highest", "place", "ranks", "ranked", "rank")
ORDINALS = frozenset(stem(w) for w in ("second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "5th"))
_RANK_STEMS = frozenset(stem(w) for w in (*TOP_WORDS, "biggest", "highest", "richest", "most"))
# What a statement says when it gives the words a source put on a thing: "Mao Ning described Kazakhstan as …".
DESCRIBED_WORDS = (
    *(
        "described",
        "describes",
        "describing",
        "calls",
        "called",
        "characterised",
        "characterized",
        "labelled",
    ),
    *("labeled", "termed", "portrayed", "dubbed", "depicted", "likened", "referred"),
)
# Words that give a reason: a fact saying one answers "why" better than one that only shares its words.
REASON_WORDS = (
    "because",
    "due",
    "reason",
    "reasons",
    "owing",
    "thanks",
    "counterweight",
    "intended",
    "aim",
    "aims",
    "seeks",
    "sought",
    "motivated",
    "driven",
    "since",
    "so",
    "order",
)
# The words of those that state a reason outright ("since", "so" and "in order" also tell of times and results).
STATED_REASON_WORDS = ("because", "due", "reason", "reasons", "owing", "motivated", "driven", "intended")
# A fact gives someone's words when it is attributed to a speaker or says so in one of these words.
SPEAKING_WORDS = (
    "said",
    "says",
    "argues",
    "argued",
    "writes",
    "wrote",
    "notes",
    "noted",
    "stressed",
    "stresses",
    "described",
    "describes",
    "asserts",
    "judges",
    "believes",
    "claims",
    "claimed",
    "told",
    "reads",
    "called",
    "calls",
    "warned",
    "warns",
    "according",
    "suggests",
    "stated",
    "states",
    "expects",
    "sees",
    "considers",
    "announced",
    "proposed",
    "offered",
    "emphasised",
    "emphasized",
    "pledged",
    "urged",
    "insisted",
    "explained",
    "added",
    "remarked",
    "refers",
    "referred",
    "quoted",
    "interview",
    "speech",
    "statement",
    "readout",
    "readouts",
    "holds",
    "maintains",
    "regards",
    "views",
)
# Verbs asking how someone puts a thing ("how does Yu Jianhua characterise the SCO"): met by a fact giving their
# words on it, whatever verb it reports them with ("holds that the SCO is …").
# (and what a named holder concluded of it: "what did Weitz and Miller conclude about the SCO?" is their view)
DESCRIBING_STEMS = frozenset(
    stem(w)
    for w in ("characterise", "characterize", "portray", "depict", "conclude", "concluded", "concludes")
)
# A fact states a cause in these words (besides REASON_WORDS): "protests triggered by", "sparked", "led to".
CAUSE_WORDS = (
    *REASON_WORDS,
    "caused",
    "causes",
    "cause",
    "triggered",
    "trigger",
    "sparked",
    "prompted",
    "provoked",
    "led",
    "result",
    "resulted",
    "fuelled",
    "fueled",
    "drove",
    "driven",
    "over",
    "amid",
    "after",
)


def concept_weight(
    concept: Concept, stems: AbstractSet[str], about: AbstractSet[str], unit: str | None
) -> float:
    """1 when the fact's statement or quotes say the concept, 0.5 when only its entities' names or
    descriptions do (or, for the noun of "how many", its figure's unit), else 0."""
    if concept.said_in(stems):
        # In the question's own words rather than a thesaurus alternative: a little more surely what was asked.
        return 1.0 if concept.own <= stems else 0.9
    if concept.said_in(about):
        # A name the question uses for a region or a kind ("Central Asia") that describes a thing the fact
        # names ("Kazakhstan": a Central Asian state) is said by the fact, in other words.
        return 0.9 if concept.named else 0.5
    if concept.counted and unit and concept.said_in({stem(w) for w in fold(unit).split()}):
        return 1.0
    if concept.counted and counted_in_years(concept, unit):
        return 1.0
    if unit == "USD" and concept.text in _MONEY_WORDS:
        # "How much money did China give Samruk-Kazyna?": an amount in dollars is money, whatever the fact calls it
        # (a loan, an investment).
        return 0.9
    return 0.0


_MONEY_WORDS = frozenset({"money", "cash", "funds"})


def counted_in_years(concept: Concept, unit: str | None) -> bool:
    """Whether `concept` counts decades and `unit` gives the span in years: "how many decades of reform" is
    answered by "more than thirty years" (shown as the fact gives it)."""
    return unit == "years" and concept.text in {"decade", "decades"}


def inflections(word: str) -> tuple[str, ...]:
    """A word's regular inflections as the facts may write them ("lie": "lies", "lied", "lying"), and the adverb
    of an adjective ("sharp": "sharply"), which the stemmer keeps apart."""
    if " " in word or not word.isalpha() or len(word) < 3:
        return ()
    forms = [word + "s", word + "es", word + "d", word + "ed", word + "ing", word + "ly"]
    if word.endswith("e"):
        forms += [word[:-1] + "ing", word[:-2] + "ying" if word.endswith("ie") else word + "r"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return tuple(forms)


# A part of a whole in words: "most of the $127 billion went to Central Asia".
PORTION_WORDS = ("most", "majority", "bulk", "half", "largest")
# Words saying where the larger part of something went ("most of it went to …", "mainly used for …").
LARGER_PART_WORDS = (*PORTION_WORDS, "mainly", "mostly", "chiefly", "primarily", "largely", "principally")
_LARGER_PART_STEMS = frozenset(stem(w) for w in LARGER_PART_WORDS)


def says_larger_part(statement: str) -> bool:
    """Whether a statement itself says where the larger part of something went ("most of …", "mainly used for")."""
    return not _LARGER_PART_STEMS.isdisjoint(statement_stems(statement))


NEGATIONS = ("un", "dis", "non")


@lru_cache(maxsize=8_192)
def statement_stems(statement: str) -> tuple[str, ...]:
    """A statement's stems in order; the same few statements are ordered again and again between builds."""
    return tuple(stems_of(statement))


def _ranked_below(q: Question, fact: FactRecord | None) -> bool:
    """Whether the fact's statement says a word asked for only after an ordinal: "the second-largest recipient"
    does not answer "the largest recipient"."""
    if fact is None:
        return False
    ordered = statement_stems(fact.statement)
    # (Only a rank: "the second meeting" is one of a series, and answers "which meetings".)
    ranked = {
        ordered[i]
        for i in range(1, len(ordered))
        if ordered[i - 1] in ORDINALS and (ordered[i] in _RANK_STEMS or ordered[i].endswith("est"))
    }
    rest = set(ordered) - ranked
    return any(c.singles & ranked and not c.singles & rest for c in q.concepts)


def _opposite(concept: Concept, stems: AbstractSet[str]) -> bool:
    """Whether a text says the opposite of the concept as asked: its word with a negating prefix ("unfavourable"
    for "favourable"), or without the one it was asked with ("favourable" for "unfavourable")."""
    return not _opposites(concept.own).isdisjoint(stems)


@lru_cache(maxsize=1_024)
def _opposites(own: frozenset[str]) -> frozenset[str]:
    """The words saying the opposite of any of `own` (made once per concept: every candidate is checked)."""
    found: set[str] = set()
    for word in own:
        found.update(f"{p}{word}" for p in NEGATIONS)
        bare = next(
            (word[len(p) :] for p in NEGATIONS if word.startswith(p) and len(word) > len(p) + 3), None
        )
        if bare is not None:
            found.add(bare)
    return frozenset(found)


def facts_linked(a: FactRecord | None, b: FactRecord, relations: AbstractSet[str] | None = None) -> bool:
    """Whether the curators linked the two facts (either way), by one of `relations` if given."""
    if a is None:
        return False
    return any(
        link.fact_id == other.id and (relations is None or link.relation in relations)
        for one, other in ((a, b), (b, a))
        for link in one.links
    )
