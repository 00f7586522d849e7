"""Answer a question from the fact base: the facts that answer it, a direct answer line, or an honest "no".

A fact answers a question when it concerns the entities named, says what is asked about them (each concept, in
the sources' words or the thesaurus's), falls in the years asked for, and carries the kind of answer expected:
a date for "when", a figure (in the asked-for units) for "how much/many". Only such facts are shown as the
answer, best first, and no list is padded; when none exists the first line says so, and at most a few facts
about the same things follow, labelled as related.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from bot.factbase.compile import fts_entity_tag
from bot.factbase.models import FACT_KINDS
from bot.factbase.records import Memo
from bot.factbase.stems import stem, stems_of
from bot.factbase.store import EntityRecord, FactRecord, FactStore, SearchRow
from bot.factbase.text import MONTH_NAMES, NUMBER_WORDS, fold, numbers_in
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.search import MAX_TERMS, EntityIndex, EntityLookup, Searcher, filter_groups
from bot.search.query import STOPWORDS
from bot.understanding.pairs import (
    AUXILIARY,
    SUMMED,
    TwoAmounts,
    TwoEvents,
    TwoViews,
    echo_event,
    events_in_order,
    format_amount,
    interval,
    two_amounts,
    two_events,
    two_questions,
    two_views,
)
from bot.understanding.question.dates import SERIES_ORDINALS
from bot.understanding.question.kinds import ENTITY_TYPE_NOUNS
from bot.understanding.question.model import Concept, Question
from bot.understanding.question.reading import understand
from bot.understanding.question.sources import SOURCE_TYPES
from bot.understanding.question.words import NEVER_WORDS
from bot.understanding.spelling import (
    ASKING_WORDS,
    RESPELL_SHORTEST,
    WORD_RE,
    is_degree,
    is_english,
    is_manner,
    one_slip,
    slips_undone,
)

MAX_SHOWN = 8  # answering facts shown at most (the rest are counted)
LOOKUP_WINDOW = 32  # a look-up's best facts read for those that say what the thing is
DESCRIBED_WEIGHT = 3.0  # what a look-up's description says, in a statement: worth up to this much of a score
TOP_WORDS = ("largest", "biggest", "greatest", "top", "most", "leading")  # what ranks first says
_PLACING = frozenset({"in", "at", "near"})  # the stems before a place a fact puts something in
# A name a statement puts something in or at, capitalised word by word: "in Virginia", "at the College of …".
_IN_NAME = re.compile(r"\b(?:in|at) (?:the )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)")
# What describes a thing just named: "AidData (a research lab at …)", "ANKASAM, a think tank in Ankara,".
_DESCRIBING = re.compile(r" \((?:a|an|the) [^)]*\)|, (?:a|an|the) [^,.;]*")
MAX_RELATED = 3  # related facts shown under a "not covered" line
# Words that make a figure a sum over the things a fact lists ("… and the plant totalled almost $1 billion").
TOTALLING = ("total", "totalled", "totaled", "totalling", "totaling", "combined", "altogether", "together")
ENTITY_CANDIDATES = 60  # facts per named entity considered besides the full-text matches
RANKED = 200  # full-text candidates rescored
JUDGE_SLICE = 64  # candidates judged between two yields to the event loop
# The share of a question's concepts a fact must say: a paraphrase's extra words ("pursued", "soon") are not
# its focus, and the entities, years and expected answer checked beside it keep unanswered questions out.
MIN_SHARE = 0.34
# Concepts the sources do say that must remain when a question's other words are found nowhere in them.
MIN_KNOWN = 2
# The answer types for which a word found nowhere in the sources means the sources do not answer: a date or a
# place (the word is the event: "where did she take her undergraduate degree"). Not figures: what a figure
# measures is checked on its own (a measure word must be met by the units or said), so another unknown word of a
# figure question is the asker's wording ("refining and chemicals" for "petrochemical"). Not people: "Which
# Canberra academic said the region *matters* to Beijing …" names the role and the claim; the verb is the asker's.
UNKNOWN_BLOCKS = frozenset({"date", "place"})
KIND_STEMS = {kind: stem(kind) for kind in FACT_KINDS}
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
SIGNING_STEMS = frozenset(stem(w) for w in ("signed", "sign", "signing"))
PROPOSING_STEMS = frozenset(stem(w) for w in ("proposed", "propose", "proposal"))
PERSON_TYPES = {"person"}
ACTOR_TYPES = {"person", "organisation", "country"}
LIST_KINDS = frozenset({"membership", "relation"})
FEW_SHOWN = 3  # answering facts shown at least, when that many answer (the relevance cut-off may keep fewer)
# Things that happen once (a treaty signed, a summit held): a date the sources give for one is the date.
ONE_OFF_TYPES = frozenset({"document", "event"})
# Facts that argue or explain: they may answer "why" in any words ("given the leaders' two meetings", "to secure its
# investments"). A fact of another kind (an event, a figure) reports what happened and answers "why" only when it
# gives a reason in REASON_WORDS.
ARGUING_KINDS = frozenset({"opinion", "claim", "background"})
ORDINALS = frozenset(stem(w) for w in ("second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "5th"))
_RANK_STEMS = frozenset(stem(w) for w in (*TOP_WORDS, "biggest", "highest", "richest", "most"))
STATEMENT_WEIGHT = 1.0  # per concept a fact's statement says, when ordering the answers shown
LIST_CANDIDATES = 20  # facts read for a list of the things "how many" counts
ROLE_CANDIDATES = 40  # answering facts checked for a person named next to the role asked about
ROLE_WINDOW = 5  # words: "Nursultan Nazarbayev resigned from the Kazakh presidency"
PLACE_TYPES = {"place"}
ORGANISATION_TYPES = {"organisation"}
TWO_QUESTIONS_SHOWN = 3  # "what is X, and how is it linked to Y": each part's best facts, at most this many
VIEWS_PER_SIDE = 2  # "do A and B agree …": each source's best facts on the thing, at most this many
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
# A fact telling that something would happen, dated when that was said.
FUTURE_WORDS = ("would", "will")
# Words asking what a person's role is ("her role at AidData", "his job", "what position does she hold").
ROLE_ASKED = frozenset(stem(w) for w in ("role", "job", "position", "post", "title"))
STOPWORD_STEMS = frozenset(stem(w) for w in STOPWORDS)
# Words that make a role holder a past one ("resigned from the presidency", "former president").
FORMER = frozenset(stem(w) for w in ("former", "resigned", "ex", "previous", "outgoing", "late", "erstwhile"))


@dataclass(slots=True)
class Judged:
    row: SearchRow
    score: float
    concepts: float  # share of the concepts the fact says (0..1)
    concepts_in_text: int  # concepts it says in its own statement or quotes
    entities: int  # named entities it concerns (or names in its text)
    listed: int  # named entities in its entity list
    answers: bool
    matched: int = 0  # concepts it says at all
    weights: tuple[float, ...] = ()  # how fully it says each concept (as `concept_weight`)
    counts: bool = False  # its figure's unit is what "how many" counts ("personnel", not "companies")
    relevant: bool = False  # it would answer but for the kind of answer expected (a list, where a figure is)
    fits: bool = False  # it holds the kind of answer expected (a person for "who", a place for "where")
    names_kind: bool = False  # its words name a thing of the kind "which <kind>" asks for


@dataclass(slots=True)
class Answer:
    """What `/search`, the console, `briefbot ask` and scripts get for a question."""

    question: Question
    covered: bool
    answer: str | None  # the direct answer line, with citation numbers as shown
    facts: list[FactRecord]  # in the order shown
    notice: str | None = None  # the first line when the sources do not answer
    total: int = 0  # answering facts found (facts holds at most MAX_SHOWN of them)
    lead: list[tuple[str, FactRecord]] = field(default_factory=list)  # (answer value, fact) behind `answer`

    @property
    def fact_ids(self) -> list[str]:
        return [f.id for f in self.facts]

    def to_json(self) -> dict[str, Any]:
        return {
            "covered": self.covered,
            "answer": self.answer,
            "facts": [
                {
                    "id": f.id,
                    "statement": f.statement,
                    "citations": [
                        {"source": c.source_id, "quote": c.quote, "start": c.start, "end": c.end}
                        for c in f.citations
                    ],
                }
                for f in self.facts
            ],
        }


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
    return 0.0


def inflections(word: str) -> tuple[str, ...]:
    """A word's regular inflections as the facts may write them ("lie": "lies", "lied", "lying")."""
    if " " in word or not word.isalpha() or len(word) < 3:
        return ()
    forms = [word + "s", word + "es", word + "d", word + "ed", word + "ing"]
    if word.endswith("e"):
        forms += [word[:-1] + "ing", word[:-2] + "ying" if word.endswith("ie") else word + "r"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return tuple(forms)


def _year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


TIME_UNITS = frozenset({"years", "months", "days", "weeks", "decades", "hours"})


def _counts_things(unit: str) -> bool:
    """A unit that counts things ("countries", "companies", "people"), which "how much" never asks for."""
    last = unit.rsplit(" ", 1)[-1]
    return last in {"people", "personnel", "staff"} or (last.endswith("s") and last not in TIME_UNITS)


GENERAL_COUNTS = frozenset({"people", "persons", "times", "items"})


def _unit_counts(counted: list[Concept], unit: str) -> bool:
    """Whether a figure's unit is what "how many" counts (in the question's words or the thesaurus's; a phrase
    by its last word: "private security companies" in "companies"), or a count as general as "people"."""
    heads = {alternative[-1] for c in counted for alternative in c.stems if alternative}
    return not heads.isdisjoint(stem(w) for w in unit.split()) or unit.rsplit(" ", 1)[-1] in GENERAL_COUNTS


DATE_LENGTH = {"month": 7, "day": 10}  # ISO partial dates: 2019-03, 2019-03-19


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
# A part of a whole in words: "most of the $127 billion went to Central Asia".
PORTION_WORDS = ("most", "majority", "bulk", "half", "largest")
# (A row's words are a bag: the phrase's words are tested one by one.)
_SPAN_BACK = ("past", "last", "previous", "preceding")
_SPAN_UNITS = ("decades", "decade", "years")
# What dates from its founding when named alone in "between A and B". Not an initiative or a concept: one is
# proposed or announced, and is dated as "when was the New Development Approach" dates it.
_FOUNDED_TYPES = frozenset({"organisation", "project", "group"})
# The one empty set the per-entity caches keep: most entities have no role or authors to stem, and thousands of
# empty sets of their own would each be an object for every full garbage collection to walk.
_NO_STEMS: frozenset[str] = frozenset()


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


class Answerer:
    """Question understanding and ranking over one opened fact base."""

    def __init__(
        self, store: FactStore, entities: EntityIndex, searcher: Searcher, thesaurus: Thesaurus
    ) -> None:
        self.store = store
        self.entities = entities
        self.searcher = searcher
        self.thesaurus = thesaurus
        # What is worked out per entity, kept for as many entities as the entity look-up keeps: one entry each for
        # every entity judging ever met would grow with the base (126,000 entities at 1,000x) over a long run.
        per_entity = EntityLookup.CACHE_SIZE
        self._entity_stems: Memo[tuple[tuple[str, ...], ...]] = Memo(per_entity)
        self._name_stem_sets: Memo[frozenset[str]] = Memo(per_entity)
        self._entity_countries: Memo[frozenset[str]] = Memo(per_entity)
        self._part_stems: Memo[frozenset[str]] = Memo(per_entity)  # a person's role or a place's description
        # an entity's description, as stems (no stopwords)
        self._described_stems: Memo[frozenset[str]] = Memo(per_entity)
        self._source_stems: dict[str, frozenset[str]] = {}  # a document's outlet and authors, as stems
        # Those of a document's authors the entities name, looked up once (see `_authors_of`).
        self._source_authors: dict[str, frozenset[str]] = {}

    def understand(self, text: str, *, figures: bool = False) -> Question:
        return understand(text, self.entities, self.thesaurus, figures=figures)

    async def answer(
        self,
        text: str,
        *,
        country: EntityRecord | None = None,
        kind: str | None = None,
        figures_only: bool = False,
    ) -> Answer:
        """`figures_only`: a command that wants figures whatever the wording (`/figure`)."""
        result = await self._answer(
            text, self.understand(text, figures=figures_only), country, kind, figures_only
        )
        if not result.covered and not figures_only and kind is None and (parts := two_questions(text)):
            # Two questions in one line: read as a whole, no fact says all of both; each part may be answered.
            both = await self._two_questions(result.question, parts, country)
            if both is not None:
                return both
        # A word found nowhere may be a slip of the keyboard: read again with it undone (only then a second pass).
        fixes = await self._slips(result.question)
        if not fixes:
            return result
        respelled = WORD_RE.sub(lambda m: fixes.get(fold(m.group(0)), m.group(0)), text)
        q = self.understand(respelled, figures=figures_only)
        q.text = text
        q.respelled = list(fixes.items())
        return await self._answer(respelled, q, country, kind, figures_only)

    async def _answer(
        self, text: str, q: Question, country: EntityRecord | None, kind: str | None, figures_only: bool
    ) -> Answer:
        if (
            not figures_only
            and kind is None
            and (parted := await self._in_parts(q, text, country)) is not None
        ):
            return parted
        # A topic given to a command that wants figures ("financing") asks for all of them, not for one value.
        topic_only = figures_only and q.answer_type != "figure"
        if topic_only:
            q.answer_type = "figure"
            if q.intent not in {"how_much", "how_many"}:
                q.intent = "how_much"
        if country is not None and country.id not in {e.id for e in q.entities}:
            q.entities.insert(0, country)
        kinds = [kind] if kind else None
        filters = filter_groups(country, kinds, False)
        if filters is None or (not q.entities and not q.concepts and not q.years and not q.numbers):
            return self._not_covered(q, [], "The question names nothing the sources could be searched for.")
        if q.access:
            # A link or the full text of a document is in no fact: say so, beside what the facts say about it.
            rids = await self.store.fact_rids_for_entity(q.entities[0].rid, MAX_RELATED) if q.entities else []
            facts = await self.store.facts_by_rids(rids)
            return self._not_covered(
                q,
                facts,
                "The facts hold what the documents say, not their links, full texts or page furniture.",
            )
        if q.document_topics and not q.documents:
            await self._described_documents(q, filters)
        rows, docs, bm25 = await self._candidates(q, filters, country, kind)
        self._roles_asked(q)
        # (Only a concept whose every alternative was looked up can be found nowhere: a long question's last
        # concepts lose theirs to the search's cap on terms, and are then judged on the facts' words alone.)
        found_nowhere = [
            c.text
            for c in q.concepts
            if all(alt in docs or all(w in docs for w in alt.split()) for alt in c.alternatives)
            and not any(
                docs.get(alt) or any(docs.get(f) for f in inflections(alt)) or _phrase_docs(docs, alt)
                for alt in c.alternatives
            )
            and c.text.isalpha()
        ]
        # "how tightly knit": an adverb of manner found nowhere is the asker's way of putting it, neither a thing
        # the sources lack nor a word a fact must say.
        manner = {w for w in found_nowhere if is_manner(w) or is_degree(w)}
        q.unknown = [w for w in found_nowhere if w not in manner]
        # A word found nowhere in the sources is what they lack when it is the thing asked for ("which journal",
        # "how many tonnes"), a name ("the Rogun dam"), or any word of a question wanting a date or a place. Elsewhere it may be the asker's wording ("at heart a security outfit or an economic club"):
        # the facts are judged on the words the sources do use — at least two of them, so that what is left
        # still says what was asked ("the title of her graduation thesis" is not a question about titles).
        known = [c for c in q.concepts if c.text not in q.unknown and c.text not in manner]
        blocked = bool(q.unknown) and (
            q.answer_type in UNKNOWN_BLOCKS
            # (unless a yes/no question pins what it asks about by the things and the year it names: "Did the SCO
            # act during the 2010 Kyrgyz upheaval?"; "China–Kazakhstan trade turnover in 2023?" asks for a thing)
            or (len(known) < MIN_KNOWN and not (q.polar and len(q.entities) >= 2 and (q.years or q.valued)))
            or any(c.text in q.unknown and (c.head or c.counted or c.named) for c in q.concepts)
            # "which country has never …": who did not is told only in words of not doing, found nowhere here
            or (q.answer_type in {"entities", "person"} and not NEVER_WORDS.isdisjoint(q.unknown))
        )
        asked, q.concepts = q.concepts, known
        if (
            q.answer_type in {"figure", "person", "place", "entities"}
            or q.descriptors
            or any(e.type in {"organisation", "place", "group"} for e in q.entities)
        ):
            # Judging these looks up the entities of every candidate: one query for those not cached, not one each.
            self.entities.by_id.many(e for row in rows for e in row.entity_ids)
        if q.descriptors or any(e.type in SOURCE_TYPES for e in q.entities):
            await self._load_source_stems({row.source for row in rows if row.source})
        judged: list[Judged] = []
        for start in range(0, len(rows), JUDGE_SLICE):
            if start:
                # Let other interactions run between slices: the loop never stalls long.
                await asyncio.sleep(0)
            judged.extend(
                self._judge(q, row, bm25.get(row.rid, 0.0)) for row in rows[start : start + JUDGE_SLICE]
            )
        q.concepts = asked
        judged.sort(key=lambda j: (-j.score, j.row.id))
        answering = [] if blocked else [j for j in judged if j.answers]
        if q.often and any(j.row.figure_value is not None for j in answering):
            # "How often": a frequency in words ("many times") only where no fact counts the occasions.
            answering = [j for j in answering if j.row.figure_value is not None]
        # "Who is the Georgian analyst …": the role is the source its country describes, met already.
        if answering and q.intent == "who_is" and q.concepts and not q.descriptors:
            answering = await self._role_holders(q, answering)
        if answering and q.one_person and (unnamed := _said_without_a_name(judged, answering)):
            # "Which Kazakh official said relations with China are the top priority?": the fact saying it quotes
            # unnamed officials; a fact naming a Kazakh but saying half of it names no one who said it.
            facts = await self.store.facts_by_rids([unnamed.row.rid])
            return self._not_covered(q, facts, None)
        if not blocked and q.intent == "how_many" and not any(j.counts for j in answering):
            # "How many full members does the SCO have?": no figure counts them, but a fact lists them.
            lists = await self._lists(q, judged, known)
            answering = lists + [j for j in answering if j not in lists]
        if (
            answering
            and q.answer_type == "date"
            and not any(j.row.date for j in answering)
            and (earliest := self._earliest(q, judged)) is not None
        ):
            # Only a decade ("the early 2000s") said in words, and a dated fact about the thing itself: the date.
            return await self._origin_answer(q, earliest)
        if not answering and not blocked and (earliest := self._earliest(q, judged)) is not None:
            return await self._origin_answer(q, earliest)
        if not answering and not blocked and (founding := self._founding_reason(q, judged)) is not None:
            answering = [founding]
        if (
            (not answering or all(j.matched == 0 for j in answering))
            and not blocked
            and (dated := self._dated_otherwise(q, rows, bm25, known)) is not None
            and (not answering or dated.matched == len(known))
        ):
            # (A fact pinned only by the things and the year named, saying nothing asked — "relations friendly
            # since 1991" — does not settle "did they establish relations in 1991?"; the establishing does.)
            return await self._other_date_answer(q, dated)
        if (
            not answering
            and not blocked
            and (other := self._done_by_another(q, rows, bm25, known)) is not None
        ):
            return await self._another_doer_answer(q, *other)
        if (
            not answering
            and not blocked
            and (listed := self._listed_without(q, rows, bm25, known)) is not None
        ):
            return await self._listed_without_answer(q, *listed)
        if not answering:
            if q.unknown and not q.entities:
                return self._not_covered(q, [], None)  # facts sharing a word would be about something else
            # Related: facts about the things named (or, when nothing is named, saying what was asked about).
            related = [j for j in judged if j.listed] if q.entities else [j for j in judged if j.concepts > 0]
            related.sort(key=lambda j: (-j.listed, -j.concepts, -j.score, j.row.id))
            related = related[:MAX_RELATED]
            facts = await self.store.facts_by_rids([j.row.rid for j in related])
            return self._not_covered(q, facts, None)
        runners: list[Judged] = []
        if q.intent == "compare" and (unmet := _years_unmet(q, answering)):
            # "How did the SCO's GDP in 2020 compare with 2015?": nothing for 2020, nothing to compare.
            facts = await self.store.facts_by_rids([j.row.rid for j in answering[:MAX_RELATED]])
            return self._not_covered(q, facts, f"The sources give nothing for {unmet[0]} to compare.")
        if q.intent == "compare" and len(q.entities) >= 2:
            compared = [e for e in q.entities if e.type == "country" and e.id not in q.descriptors]
            bare = self._unmet_countries(compared, answering)
            if len(bare) >= 2:
                # "Compare Chinese financing to Uzbekistan and Tajikistan": only totals for the whole region name them.
                facts = await self.store.facts_by_rids([j.row.rid for j in answering[:MAX_RELATED]])
                return self._not_covered(q, facts, None)
            if bare and len(compared) >= 2 and not q.polar:
                # "How does Uzbekistan's share compare with Turkmenistan's?": Turkmenistan's $9 billion and the
                # region's totals leave Uzbekistan's side empty. (A yes/no question is settled by its best fact:
                # "do fewer than one in ten Kazakhs view Moscow unfavourably" by Russia's single digit.)
                name = next(e.name for e in compared if e.id in bare)
                # Related: what the other side has, before facts about the whole region.
                own = [j for j in answering if self._countries_among(j.row.entity_ids) <= len(compared) + 1]
                facts = await self.store.facts_by_rids([j.row.rid for j in (own or answering)[:MAX_RELATED]])
                return self._not_covered(q, facts, f"The sources give nothing for {name} to compare.")
            if len(q.stated) >= 2:
                # "Do the two reports agree — 'more than a quarter' versus 26%?": the two figures are what is
                # compared, so the facts giving figures in their units come first, not each named thing's.
                units = {s.unit for s in q.stated}
                answering = sorted(answering, key=lambda j: j.row.figure_unit not in units)
            else:
                answering = _side_by_side(q, answering)
        else:
            # The relevance cut-off: only the facts that say as much of what was asked as the best ones do.
            # A figure counting what was asked ("how many guards": personnel) outranks one of the same fact
            # that counts something else (companies).
            # For "who", a fact naming a person (or a claim's holder) outranks one that says more of the
            # question's words but names nobody ("Which Chinese official announced Xi's trip?").
            # ("Who is Samantha Custer?" asks what she is: a fact need name no other person.)
            person = q.answer_type == "person" and not _defining(q)
            # For "why", a fact giving a reason ("which is one reason it wants …") outranks one saying as much of
            # the question that only restates what is asked about, whatever else it names.
            # (Read only for "why": at scale thousands of facts answer, and no other question ranks by it.)
            reasoned = (
                {j.row.rid for j in answering if any(f" {w} " in j.row.words for w in REASON_WORDS)}
                if q.intent == "why"
                else set()
            )
            top = max(
                (person and j.fits, j.names_kind, j.matched, j.row.rid in reasoned, j.entities, j.counts)
                for j in answering
            )
            if q.spanned:
                # Each step of a history between two points says other things: every step found, in date order.
                top = (False, False, 0, False, 0, False)
            # A count from a list stays whatever else it matched.
            kept: list[Judged] = []
            # The cut-off ranks by how many of the question's words a fact says, and a common word ("started",
            # "building") can put one fact alone above it: a few more that answer as well by every other test
            # are shown after it. (One pass: at scale thousands of facts answer.)
            others_top = (top[0], top[1], top[4], top[5])
            for j in answering:
                if (
                    person and j.fits,
                    j.names_kind,
                    j.matched,
                    j.row.rid in reasoned,
                    j.entities,
                    j.counts,
                ) >= top or j.row.id in q.listed:
                    kept.append(j)
                elif (
                    len(runners) < FEW_SHOWN
                    and (person and j.fits, j.names_kind, j.entities, j.counts) >= others_top
                ):
                    runners.append(j)
            runners = runners[: max(0, FEW_SHOWN - len(kept))]
            answering = kept + runners
        if q.spanned and q.ends and (q.period is None or q.period[1] is None):
            # "… from 2008 to the launch of the BRI": the history ends with the end's own step (the launch, 2013);
            # the protests of 2016 and 2019 come after it.
            last = max(
                (y for j in answering if self._at_end(q, j.row) and (y := _year_of(j.row.date))), default=None
            )
            if last is not None:
                answering = [j for j in answering if (_year_of(j.row.date) or 0) <= last]
        if q.intent == "timeline":
            answering.sort(key=lambda j: (j.row.date or "9999", -j.score, j.row.id))
        defining = _defining(q)
        window = answering[: LOOKUP_WINDOW if defining else MAX_SHOWN]
        by_rid = {f.rid: f for f in await self.store.facts_by_rids([j.row.rid for j in window])}
        if defining:
            # "What is AidData?": a fact whose statement says what the description does ("a research lab at
            # William & Mary") says what it is, ahead of one that only quotes its figures. (Its quotes do not
            # count: they often hold the description beside any figure.)
            read = [f for j in window if (f := by_rid.get(j.row.rid)) is not None]
            statements = {f.rid: set(statement_stems(f.statement)) for f in read}
            telling = self._telling_words(q.entities[0], list(statements.values()))
            told = {rid: len(telling & said) / len(telling) for rid, said in statements.items() if telling}
            window.sort(key=lambda j: -(j.score + DESCRIBED_WEIGHT * told.get(j.row.rid, 0.0)))
            window = window[:MAX_SHOWN]
        if q.intent not in {"timeline", "compare"} and q.concepts and not q.listed and not q.holders:
            # A fact whose own statement says what was asked is more about it than one whose quote only
            # contains the words ("the SCO's observers were …", quoted from a sentence that lists the full
            # members too): among the best answers, those come first.
            said = {j.row.rid: self._said_in_statement(q, by_rid.get(j.row.rid)) for j in window}
            ranked = {j.row.rid: _ranked_below(q, by_rid.get(j.row.rid)) for j in window}
            window.sort(
                key=lambda j: (
                    any(j is r for r in runners),  # after the facts the cut-off kept, whatever they say
                    ranked[j.row.rid],
                    -(j.score + STATEMENT_WEIGHT * said[j.row.rid]),
                )
            )
        shown = window[:MAX_SHOWN]
        facts = [by_rid[j.row.rid] for j in shown if j.row.rid in by_rid]
        if q.exact and q.answer_type == "figure":
            # "Exactly what percentage": a bound or an estimate ("single-digit", "more than 25%") is not it.
            exact = [f for f in facts if f.figure and not f.figure.get("qualifier")]
            if not exact:
                return self._not_covered(q, facts[:MAX_RELATED], "The sources give no exact figure for this.")
            exact_rids = {f.rid for f in exact}
            shown = [j for j in shown if j.row.rid in exact_rids]
            facts = exact
        if q.located and q.answer_type == "place":
            # "Where did Xi and Rahmon announce the community?": a fact placing something ("in Xi'an", "at the
            # Xian meeting"), not one linked to the countries whose community it is.
            placed = [f for f in facts if (self._seats(q, f) if q.seated else self._places_in_words(f))]
            if not placed and q.seated and len(answering) > len(facts):
                # Where a thing is based is seldom among its best facts (its figures come first): read on.
                more = [j.row.rid for j in answering[:LOOKUP_WINDOW] if j.row.rid not in by_rid]
                placed = [f for f in await self.store.facts_by_rids(more) if self._seats(q, f)]
                by_rid.update((f.rid, f) for f in placed)
            if not placed:
                return self._not_covered(q, facts[:MAX_RELATED], None)
            placed_rids = {f.rid for f in placed}
            kept = [j for j in shown if j.row.rid in placed_rids]
            shown = (kept + [j for j in answering if j.row.rid in placed_rids and j not in kept])[:MAX_SHOWN]
            facts = [by_rid[j.row.rid] for j in shown]
        if (
            q.polar
            and q.stated
            and not any(f.figure and f.figure.get("unit") in {s.unit for s in q.stated} for f in facts[:3])
        ):
            # "Did China give Central Asia $50 billion?": facts about China and Central Asia that give no amount
            # neither confirm nor correct it.
            return self._not_covered(
                q, facts[:MAX_RELATED], "The sources give no figure to check this against."
            )
        result = Answer(q, True, None, facts, total=len(answering))
        result.lead = [] if topic_only else self._lead(q, shown, by_rid)
        result.answer = answer_line(result)
        if result.answer is None and q.polar and q.stated:
            result.answer = _stated_checked(q, shown[0], facts, len(known))
        if result.answer is None and self._checks_a_date(q, known) and _year_of(facts[0].date) in q.years:
            # "Was the charter signed in 2002?": the date that answers it, as when another year is asked.
            value = format_date(facts[0].date or "")
            result.answer = (
                f"Yes, {value} — {facts[0].statement.rstrip('.')} {citation_marks(facts, facts[0])}"
            )
        return result

    # ------------------------------------------------------------------ a document described by its subject

    async def _described_documents(self, q: Question, filters: list[list[str]]) -> None:
        """ "Per the report on the Shaanxi talks": the source documents most of whose facts are about what the
        description says. Found, they stand for the description: its words and the things it names are no
        longer what a fact must say, but a fact must come from one of them. Not found (or nothing else asked),
        the question is read as it was."""
        kept = [c for c in q.concepts if not c.topic]
        others = [e for e in q.entities if e.id not in q.topic_entities]
        if not kept and not others:
            return  # "what does the report on the Xian meeting say?": its subject is what is asked
        found: set[str] = set()
        reports: list[EntityRecord] = []
        for topic in q.document_topics:
            about = self.understand(topic)
            if not about.entities and not about.concepts:
                continue
            rows, _, bm25 = await self._candidates(about, filters, None, None)
            counts: dict[str, int] = {}
            cited: set[str] = set()  # the documents the relevant facts are about (a report a source relays)
            for row in rows:
                if row.source and self._judge(about, row, bm25.get(row.rid, 0.0)).relevant:
                    counts[row.source] = counts.get(row.source, 0) + 1
                    cited.update(row.entity_ids)
            if not counts:
                continue
            # A title saying more of the description than any other names the document ("the paper on Beijing's
            # diplomacy toward Astana": "Chinese Institutional Diplomacy toward Kazakhstan"); else the document
            # with the most facts about it.
            titled = {
                sid: self._title_says(about, src.title)
                for sid, src in (await self.store.cached_sources_by_id(counts)).items()
            }
            best = max(titled.values(), default=0)
            # "The W&M lab's study of Beijing's toolkit in South and Central Asia" is a report the sources tell of
            # ("Silk Road Diplomacy: Deconstructing Beijing's toolkit …"), not one of the sources: when a report's
            # title says more of the description than any source's, the report is a thing asked about.
            said = {
                e.id: (max(self._title_says(about, n) for n in (e.name, *e.aliases)), e)
                for i in sorted(cited)
                if (e := self.entities.by_id.get(i)) is not None and e.type == "document"
            }
            most_said = max((n for n, _ in said.values()), default=0)
            fitting = [e for n, e in said.values() if n == most_said]
            if most_said >= 2 and most_said > best and len(fitting) == 1:
                reports.append(fitting[0])
                continue
            if best >= 2 and sum(1 for n in titled.values() if n == best) == 1:
                found.update(sid for sid, n in titled.items() if n == best)
                continue
            most = max(counts.values())
            found.update(source for source, n in counts.items() if n == most)
        if reports or found:
            q.concepts, q.entities = kept, [*others, *(r for r in reports if r not in others)]
        if found:
            q.documents = found

    def _title_says(self, about: Question, title: str) -> int:
        """How many of the things and words a description gives a document's title says."""
        stems = set(stems_of(title))
        line = f" {' '.join(stems)} "
        return sum(1 for c in about.concepts if c.said_in(stems)) + sum(
            1 for e in about.entities if self._named_in(e, line)
        )

    # ------------------------------------------------------------------ the time between two events

    async def _in_parts(self, q: Question, text: str, country: EntityRecord | None) -> Answer | None:
        """A question about several things at once, answered part by part (see `pairs`): None when it is not one,
        or its parts name nothing the sources answer (it is then read as a whole)."""
        if (events := two_events(text)) is not None and (found := await self._between(q, events, country)):
            return found
        if (several := events_in_order(text)) is not None and (
            found := await self._in_order(q, several, country)
        ):
            return found
        if (views := two_views(text)) is not None and (found := await self._two_views(q, views, country)):
            return found
        if (amounts := two_amounts(text)) is not None:
            return await self._two_figures(q, amounts, country)
        return None

    async def _between(self, q: Question, events: TwoEvents, country: EntityRecord | None) -> Answer | None:
        """ "How many years between A and B?", "Was A before or after B?": each event dated as "when" would date
        it, then the difference or the order from the two cited dates. None when either part names nothing
        (the question is then read as a whole)."""
        dated: list[tuple[str, FactRecord] | None] = []
        for part, other in ((events.first, events.second), (events.second, events.first)):
            names, found = await self._date_event(part, other, country)
            if not names:
                return None
            dated.append(found)
        first, second = dated
        shown = [d[1] for d in dated if d is not None]
        if (
            first is not None
            and second is not None
            and first[1].id == second[1].id
            and (said := _interval_said([first[1]], q.text)) is not None
        ):
            # One fact tells of both, and how far apart they were: "attended the forum a month after resigning".
            phrase, fact = said
            line = f"{phrase[:1].upper()}{phrase[1:]} — {fact.statement.rstrip('.')} {citation_marks([fact], fact)}"
            return Answer(q, True, line, [fact], total=1, lead=[(phrase, fact)])
        if (first is None) != (second is None):
            # One event dated by a fact that measures it from the other ("resigned about a month before the 2019
            # Belt and Road Forum", asked of "his appearance at Beijing's big summit"): how far apart they were.
            found, told, untold = (
                (second, events.second, events.first)
                if first is None
                else (first, events.first, events.second)
            )
            measured = found[1] if found is not None else None
            if measured is not None and (apart := self._measured_from(untold, measured)) is not None:
                head = f"{apart[:1].upper()}{apart[1:]}"
                if events.which:
                    # "What came first, A or B?": the event the fact tells of is "a month before" the other.
                    earlier = echo_event(told if apart.split()[-1] in {"before", "earlier"} else untold)
                    head = f"{earlier[:1].upper()}{earlier[1:]} came first ({apart})"
                line = f"{head} — {measured.statement.rstrip('.')} {citation_marks([measured], measured)}"
                return Answer(q, True, line, [measured], total=1, lead=[(apart, measured)])
        if first is None or second is None or first[1].id == second[1].id:
            missing = events.first if first is None else events.second
            result = Answer(
                q, False, None, shown[:1], notice=f"The sources do not date {echo_event(missing)}."
            )
            return result
        if events.same is not None:
            return self._same_period(q, events.same, first, second)
        facts = [first[1], second[1]]
        a, b = (first[1].date or ""), (second[1].date or "")
        common = min(len(a), len(b))
        if a[:common] == b[:common] and (said := _interval_said(facts, q.text)) is not None:
            # Dated alike, but a source says how far apart they were ("a month after resigning"): its words.
            phrase, fact = said
            shown = [fact, *(f for f in facts if f.id != fact.id)]
            line = f"{phrase[:1].upper()}{phrase[1:]} — {fact.statement.rstrip('.')} {citation_marks(shown, fact)}"
            return Answer(q, True, line, shown, total=len(shown), lead=[(phrase, fact)])
        if a[:common] == b[:common]:
            notice = (
                f"The sources date both only to {format_date(a[:common])}: not precisely enough to tell which "
                "came first."
            )
            return Answer(q, False, None, facts, notice=notice)
        result = Answer(q, True, None, facts, total=2, lead=[first, second])
        parts = [
            f"{value}: {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
            for value, fact in (first, second)
        ]
        if events.unit is None and events.which:
            earlier = echo_event(events.first if a < b else events.second)
            head = f"{earlier[:1].upper()}{earlier[1:]} came first"
        elif events.unit is None:
            head = "Before" if a < b else "After"
        else:
            earlier, later = sorted((a, b))
            head = interval(earlier, later, events.unit)
        result.answer = f"{head} — " + "; ".join(parts)
        return result

    def _same_period(
        self, q: Question, period: str, first: tuple[str, FactRecord], second: tuple[str, FactRecord]
    ) -> Answer:
        """ "Were A and B in the same year?": yes or no from the two cited dates, or said plainly when one of
        them is not dated precisely enough to tell."""
        facts = [first[1], second[1]]
        length = DATE_LENGTH.get(period, 4)
        a, b = (first[1].date or "")[:length], (second[1].date or "")[:length]
        parts = "; ".join(
            f"{value}: {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
            for value, fact in (first, second)
        )
        if len(a) < length or len(b) < length:
            common = min(len(a), len(b))
            if a[:common] != b[:common]:  # "2001" and "2006-06": different years, so not the same month
                return Answer(q, True, f"No — {parts}", facts, total=2, lead=[first, second])
            notice = f"The sources do not date both to the {period}: not precisely enough to tell."
            return Answer(q, False, None, facts, notice=notice)
        head = f"Yes, both in {format_date(a)}" if a == b else "No"
        return Answer(q, True, f"{head} — {parts}", facts, total=2, lead=[first, second])

    async def _date_event(
        self, part: str, other: str, country: EntityRecord | None
    ) -> tuple[bool, tuple[str, FactRecord] | None]:
        """An event in the asker's words dated as "when" would date it: (whether the words name anything, the date
        and its fact, or None when the sources do not date it). `other`: another event of the same question."""
        read = self.understand(part)
        ask = part if AUXILIARY.match(part) else f"was {part}"
        if read.entities and not read.concepts and any(e.type in _FOUNDED_TYPES for e in read.entities):
            # a body named alone ("between the Shanghai Five and the SCO") dates from its start; an event or a
            # document named alone, from when it happened or was signed
            ask += " set up"
        # "after independence did Kazakhstan …": an event naming nothing is the other event's country's.
        scope = country
        if scope is None and not read.entities:
            scope = next((e for e in self.understand(other).entities if e.type == "country"), None)
        answer = await self.answer(f"When {ask}?", country=scope)
        if not answer.covered and ask != part:
            # "the five republics broke free of the USSR": an event told with its own verb
            answer = await self.answer(f"When {part}?", country=scope)
        if not answer.question.entities and not answer.question.concepts:
            return False, None
        return True, next(((v, f) for v, f in answer.lead if f.date), None) if answer.covered else None

    async def _in_order(self, q: Question, events: list[str], country: EntityRecord | None) -> Answer | None:
        """ "Timeline: A, B, C", "in what order did A, B and C happen": each event dated as "when" would date it,
        then the events in the order of their cited dates; those the sources do not date are said so. None when
        an event names nothing (the question is then read as a whole) or fewer than two are dated."""
        dated: list[tuple[str, tuple[str, FactRecord]]] = []
        undated: list[str] = []
        for k, part in enumerate(events):
            names, found = await self._date_event(part, events[k - 1] if k else events[-1], country)
            if not names:
                return None
            if found is None or any(f.id == found[1].id for _, (_, f) in dated):
                undated.append(part)
            else:
                dated.append((part, found))
        if len(dated) < 2:
            return None
        dated.sort(key=lambda d: d[1][1].date or "")
        facts = [f for _, (_, f) in dated]
        line = " → ".join(
            f"{value}: {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
            for _, (value, fact) in dated
        )
        if undated:
            line += ". The sources do not date " + ", ".join(echo_event(u) for u in undated) + "."
        return Answer(q, True, line, facts, total=len(facts), lead=[d for _, d in dated])

    # ------------------------------------------------------------------ two amounts side by side

    async def _two_figures(
        self, q: Question, amounts: TwoAmounts, country: EntityRecord | None
    ) -> Answer | None:
        """ "Compare A with B", "which was larger: A or B": each amount found as "how much" would find it, shown
        side by side, with the difference when both are in one unit. None unless the sources give both (the
        question is then answered as a whole)."""
        found: list[tuple[str, FactRecord]] = []
        for part in (amounts.first, amounts.second):
            answer = await self.answer(f"How much {part} {amounts.context}".strip() + "?", country=country)
            lead = next(((v, f) for v, f in answer.lead if f.figure), None) if answer.covered else None
            if lead is None or any(f.id == lead[1].id for _, f in found):
                return None
            found.append(lead)
        facts = [f for _, f in found]
        parts = [
            f"{value}: {fact.statement.rstrip('.')} {citation_marks(facts, fact)}" for value, fact in found
        ]
        line = "; ".join(parts)
        a, b = (f.figure or {} for f in facts)
        whole = not SUMMED.search(
            f"{amounts.first} {amounts.second}"
        )  # "the two credits put together": a sum
        if whole and a.get("unit") and a.get("unit") == b.get("unit") and a.get("value") and b.get("value"):
            gap = abs(float(a["value"]) - float(b["value"]))
            rough = "about " if a.get("qualifier") or b.get("qualifier") else ""
            line = f"A difference of {rough}{format_amount(gap, str(a['unit']))} — {line}"
        result = Answer(q, True, line, facts, total=2, lead=found)
        return result

    # ------------------------------------------------------------------ two sources' views side by side

    async def _two_views(self, q: Question, views: TwoViews, country: EntityRecord | None) -> Answer | None:
        """ "Do A and B agree that …", "how do A and B differ on …": what each source says of the thing, found as
        "according to A, …" would find it, side by side. No fact holds both views (each document has its own
        author), so the question read as a whole finds neither. Whether they agree is the reader's to judge from
        the two cited views. None unless both sides are sources and the sources give at least one view."""
        sides = []
        for side in (views.first, views.second):
            read = self.understand(side)
            if not views.named and not (
                read.descriptors or read.described or any(e.type in SOURCE_TYPES for e in read.entities)
            ):
                return None  # "do China and Kazakhstan agree …": states, not sources; read as a whole
            answer = await self.answer(f"According to {side}, {views.topic}?", country=country)
            sides.append(answer.facts[:VIEWS_PER_SIDE] if answer.covered else [])
        first, second = sides
        second = [f for f in second if f.id not in {g.id for g in first}]
        if not first and not second:
            return None
        facts = first + second  # each side's views together, so the answer line cites them in order
        parts = []
        lead: list[tuple[str, FactRecord]] = []
        for side, found in ((views.first, first), (views.second, second)):
            name = echo_event(side)
            if found:
                said = " ".join(f"{f.statement.rstrip('.')} {citation_marks(facts, f)}." for f in found)
                parts.append(f"{name[:1].upper()}{name[1:]}: {said}")
                lead.extend((name, f) for f in found)
            else:
                parts.append(f"The sources give no view of {name} on this.")
        return Answer(q, True, " ".join(parts), facts, total=len(facts), lead=lead)

    # ------------------------------------------------------------------ two questions in one line

    async def _two_questions(
        self, q: Question, parts: tuple[str, str], country: EntityRecord | None
    ) -> Answer | None:
        """ "What is the China Power Project, and how is it linked to the report?": each part answered on its own
        (the second with the things the first names, which "it" and "they" stand for), the answers one after the
        other, and a part the sources do not answer said so. None unless the sources answer a part."""
        first_text, second_text = parts
        first = await self.answer(first_text, country=country)
        if not first.question.entities and not first.question.concepts:
            return None
        second_read = self.understand(second_text)
        unknown_names = [c for c in first.question.concepts if c.named and c.text in first.question.unknown]
        if not second_read.entities and unknown_names and not first.question.entities:
            # "Who is Muddassir Iqbal and what did he allege …": "he" is someone the sources do not name.
            return None
        if not second_read.entities:
            second_text = f"{second_text.rstrip('?')} {' '.join(e.name for e in first.question.entities)}?"
        second = await self.answer(second_text, country=country)
        if not first.covered and not second.covered:
            return None
        facts: list[FactRecord] = []
        for part in (first, second):
            if part.covered:
                facts.extend(f for f in part.facts[:TWO_QUESTIONS_SHOWN] if f.id not in {g.id for g in facts})
        lines = []
        for typed, part in ((first_text, first), (parts[1], second)):
            if not part.covered:
                lines.append(f"The sources do not answer: {echo_event(typed)}.")
            elif part.answer:
                line = _renumbered(part.answer, part.facts, facts)
                lines.append(line if line.endswith((".", "?", "!")) else f"{line}.")
        shown = {f.id for f in facts}
        lead = [(v, f) for part in (first, second) if part.covered for v, f in part.lead if f.id in shown]
        return Answer(q, True, " ".join(lines) or None, facts, total=len(facts), lead=lead)

    # ------------------------------------------------------------------ slips of the keyboard

    async def _slips(self, q: Question) -> dict[str, str]:
        """The words found nowhere that are slips of the keyboard ("abraod", "vacines"), each with the word the
        sources or the thesaurus use one swapped, dropped or doubled letter away."""
        typed = [
            c.text
            for c in q.concepts
            if c.text in q.unknown
            and (len(c.text) >= RESPELL_SHORTEST or c.text[:1] in "whm")
            and not c.named
            and stem_key(c.text) not in self.thesaurus.synonyms_by_stem
            and stem_key(c.text) not in self.thesaurus.measures_by_stem
            and not is_english(c.text)
        ]
        fixes: dict[str, str] = {}
        for word in typed:
            # A question word first: "waht", "hwo", "mcuh" (the shortest are read only as one).
            found = [(0, t) for t in ASKING_WORDS if one_slip(word, t)]
            if not found and len(word) >= RESPELL_SHORTEST:
                # Every word one slip away, looked up at once: a few hundred exact keys, whatever the base's size.
                near = slips_undone(word)
                indexed = await self.store.term_docs(near, cap=1, probe=())
                found = [(n, t) for t, n in indexed.items() if n] + [
                    (0, t) for t in near if t in self.thesaurus.synonyms or t in self.thesaurus.measures
                ]
            if found:
                fixes[word] = min(found, key=lambda f: (-f[0], f[1]))[1]
        # A name typed with a slip ("Kazahkstan"): the one-word name of an entity one slip away.
        for c in q.concepts:
            word = c.text
            if not (c.named and word in q.unknown and len(word) >= RESPELL_SHORTEST) or is_english(word):
                continue
            names = {fold(m.matched) for m in self.entities.suggest(word, limit=3, cutoff=80)}
            near = sorted(n for n in names if " " not in n and one_slip(word, n))
            if len(near) == 1:
                fixes[word] = near[0]
        return fixes

    # ------------------------------------------------------------------ candidates

    async def _candidates(
        self, q: Question, filters: list[list[str]], country: EntityRecord | None, kind: str | None
    ) -> tuple[list[SearchRow], dict[str, int], dict[int, float]]:
        tokens = [alt for c in q.concepts for alt in c.alternatives][: MAX_TERMS * 3]
        tokens += [fold(e.name) for e in q.entities[:MAX_TERMS]]
        tokens += [str(y) for y in q.years]
        tokens = list(dict.fromkeys(t for t in tokens if t))
        tags = [tag for group in filters for tag in group]
        # One query: the question's own words may be inflections the table lacks ("financings") and are probed;
        # a thesaurus phrase counts as often as its rarest word (an upper bound, enough to rank and to cost).
        words = {w for t in tokens for w in t.split()}
        asked = {w for c in q.concepts for w in c.text.split()}
        # The index's own stemmer parts some forms the question's does not ("lies" from "lie"): the asked words'
        # plain inflections are looked up too (never probed), so a word the facts use is not taken for unknown.
        # (The asked words themselves too: a long question's last concepts lose their alternatives to the cap
        # above, and a word not looked up would be taken for one found nowhere.)
        forms = {f for w in asked for f in (w, *inflections(w))} - words
        docs = await self.store.term_docs([*words, *tags, *forms], cap=4_001, probe=asked & words)
        for token in tokens:
            if " " in token:
                docs[token] = min(docs.get(w, 0) for w in token.split())
        present = [t for t in tokens if docs.get(t)]
        favoured = [[fts_entity_tag(e.rid) for e in q.entities[:MAX_TERMS]]] if q.entities else []
        alike = [list(c.alternatives) for c in q.concepts]
        scores = (
            await self.searcher.candidates(present, docs, filters, favoured, 40, alike) if present else {}
        )
        ranked = sorted(scores, key=lambda rid: -scores[rid])[:RANKED]
        seen = set(ranked)
        for value in q.numbers:
            for rid in await self.store.facts_with_value(value, entity_rid=country.rid if country else None):
                q.valued.add(rid)
                if rid not in seen:
                    seen.add(rid)
                    ranked.append(rid)
        # Facts about the named entities, whatever their words: "When was the SCO founded?" is answered by "The
        # SCO was established in 2001" even before the thesaurus is consulted. Rarest entity first: its facts
        # are the most specific.
        described = [
            e for group in q.described for i in group if (e := self.entities.by_id.get(i)) is not None
        ]
        for entity in [*sorted(q.entities, key=lambda e: e.fact_count)[:3], *described]:
            for rid in await self.store.fact_rids_for_entity(entity.rid, ENTITY_CANDIDATES):
                if rid not in seen:
                    seen.add(rid)
                    ranked.append(rid)
        rows = await self.store.search_rows(ranked)
        out = []
        for rid in ranked:
            row = rows.get(rid)
            if row is None:
                continue
            if country is not None and country.id not in row.entity_ids:
                continue
            if kind is not None and row.kind != kind:
                continue
            out.append(row)
        return out, docs, scores

    # ------------------------------------------------------------------ judging one fact

    def _total_for_several(self, q: Question, row: SearchRow) -> bool:
        """Whether a figure is a total over the things asked about and others of their kind (see `TOTALLING`)."""
        if not any(f" {w} " in row.words for w in TOTALLING):
            return False
        kinds = {e.type for i in q.destinations if (e := self.entities.by_id.get(i)) is not None}
        asked = {e.id for e in q.entities} | q.destinations
        others = [
            e
            for i in row.entity_ids
            if i not in asked and (e := self.entities.by_id.get(i)) is not None and e.type in kinds
        ]
        # ("… the highway, the Ozodi Tunnel, the North-South line and the Zarafshan plant?": a total for what was
        # asked, each thing named, if not all by its full name)
        said = set(stems_of(q.text))
        unasked = [e for e in others if len(self._name_stems(e) & said) * 2 < len(self._name_stems(e))]
        return len(unasked) >= 2

    def _stands_in(self, q: Question, row: SearchRow, names: list[bool]) -> bool:
        """Whether a fact leaving out a country the question names concerns another country instead: the US's
        ratings are not answered by Russia's, however much else the two facts share."""
        missing = [e for e, met in zip(q.entities, names, strict=True) if not met and e.type == "country"]
        if not missing:
            return False
        named = {e.id for e in q.entities}
        return any(
            (e := self.entities.by_id.get(i)) is not None and e.type == "country" and i not in named
            for i in row.entity_ids
        )

    def _names_any(self, q: Question, group: tuple[str, ...], row: SearchRow) -> bool:
        return any(
            (e := self.entities.by_id.get(i)) is not None
            and self._names_entity(e, row, published=i not in q.sources)
            for i in group
        )

    def _said_by_name(self, entity: EntityRecord, row: SearchRow) -> bool:
        return any(n and all(f" {s} " in row.stems for s in n) for n in self._name_stems_of(entity))

    def _names_entity(
        self,
        entity: EntityRecord,
        row: SearchRow,
        descriptor: bool = False,
        *,
        published: bool = True,
        person: bool = False,
    ) -> bool:
        """Whether the fact names the entity asked about. `descriptor`: the entity only says where a source is
        from ("the Georgian analyst"); `person`: that source is a person."""
        if entity.id in row.entity_ids and not person:
            # (A country describing a person, "the Kazakh scholar", is not met by a fact about Kazakhstan: her
            # country describes an institution as often as it is the place it studies.)
            return True
        if descriptor:
            # "the Georgian analyst": a fact quoting an analyst from Georgia (a fact that only mentions Georgia in
            # passing quotes nobody from there).
            # A document's countries are those it covers, not where it is from: only people and organisations.
            return any(
                entity.id in (countries := self._countries_of(e))
                and len(countries) <= 2  # a body of many members (the SCO) is from none of them
                and (source := self.entities.by_id.get(e)) is not None
                and source.type in SOURCE_TYPES
                for e in row.entity_ids
            ) or any(
                # The document's author from there, when the fact gives her words ("Serikkaliyeva argues …"),
                # not everything her article reports.
                entity.id in self._countries_of(e)
                and (author := self.entities.by_id.get(e)) is not None
                and self._said_by_name(author, row)
                for e in self._authors_of(row.source)
            )
        if entity.type == "group" and any(
            (place := self.entities.by_id.get(e)) is not None
            and place.type == "place"
            and self._part_of(entity.id, place)
            for e in row.entity_ids
        ):
            # "Beijing's Uyghur policies": a fact on its policies in Xinjiang, where they are native
            return True
        if entity.type in {"organisation", "place"} and any(self._part_of(e, entity) for e in row.entity_ids):
            # "What does The Diplomat say …": a fact citing its editor; "the Shaanxi gathering": a fact about
            # Xi'an, the capital of Shaanxi.
            return True
        if published and entity.type in SOURCE_TYPES and row.source and self._from_source(entity, row.source):
            return True  # "… does the Himalaya article count?": a fact from that outlet's document
        if (
            not published
            and (not row.attributed or row.attributed_to == entity.id)
            and entity.id in self._authors_of(row.source)
        ):
            # "Which countries were SCO observers according to Serikkaliyeva?": her article's own statements are
            # hers, and so are those the curators attribute to her; the views it reports of others are not.
            return True
        return self._said_by_name(entity, row)

    async def _load_source_stems(self, source_ids: set[str]) -> None:
        missing = [s for s in source_ids if s not in self._source_stems]
        if not missing:
            return
        loaded = await self.store.cached_sources_by_id(missing)
        for sid, source in loaded.items():
            text = " ".join([source.outlet, *source.authors])
            self._source_stems[sid] = frozenset(stem(w) for w in fold(text).split())
        # Their authors as entities, resolved together (see `_authors_of`).
        found = self.entities.resolve_many(
            {a for source in loaded.values() for a in source.authors}, SOURCE_TYPES
        )
        for sid, source in loaded.items():
            self._source_authors[sid] = (
                frozenset(
                    m.entity.id
                    for a in source.authors
                    if (m := found.get(a)) is not None and m.how != "prefix"
                )
                or _NO_STEMS
            )

    def _authors_of(self, source_id: str | None) -> frozenset[str]:
        """Who wrote a document, as entities: "per the Kazakh scholar" is met by her article's facts, which quote
        her without being linked to her. Resolved when the question's candidates' documents are read (see
        `_load_source_stems`), once per document; none for a document not read."""
        return self._source_authors.get(source_id, frozenset()) if source_id else frozenset()

    def _from_source(self, entity: EntityRecord, source_id: str) -> bool:
        """Whether the document a fact quotes was published by the entity or written by them."""
        published = self._source_stems.get(source_id, frozenset())
        return bool(published) and any(n and published.issuperset(n) for n in self._name_stems_of(entity))

    def _countries_of(self, entity_id: str) -> frozenset[str]:
        """The countries an entity is from, decoded once (a descriptor is checked against every candidate)."""
        countries = self._entity_countries.get(entity_id)
        if countries is None:
            entity = self.entities.by_id.get(entity_id)
            countries = frozenset(entity.countries) if entity is not None else frozenset()
            self._entity_countries.put(entity_id, countries)
        return countries

    def _part_of(self, member_id: str, whole: EntityRecord) -> bool:
        """Whether a person's role names the organisation they work for ("Managing Editor of The Diplomat"), or a
        place's or country's description the place it lies in ("Capital of Shaanxi province", "Country in Eastern
        Europe")."""
        role = self._part(member_id)
        return bool(role) and any(n and role.issuperset(n) for n in self._name_stems_of(whole))

    def _part(self, member_id: str) -> frozenset[str]:
        """The stems of a person's role, or of what a place, group, country or organisation is (see `_part_of`),
        once per entity."""
        role = self._part_stems.get(member_id)
        if role is None:
            member = self.entities.by_id.get(member_id)
            text = ""
            if member is not None and member.type == "person":
                text = member.role or ""
            elif member is not None and member.type in {"place", "group", "country"}:
                # (a group's: where it is native to; a country's: the region it lies in)
                text = member.description or ""
            elif member is not None and member.type == "organisation":
                # What it is, not what else it is to others: "Research lab at William & Mary" makes the lab part
                # of the university ("the William & Mary lab's study"); "…; forerunner of the SCO" does not.
                text = (member.description or "").split(";")[0]
            role = frozenset(stem(w) for w in fold(text).split()) or _NO_STEMS
            self._part_stems.put(member_id, role)
        return role

    def _roles_asked(self, q: Question) -> None:
        """For "what is Custer's role at AidData?": the roles the entities give the people named ("director of
        policy analysis at AidData"), which a fact says in the sources' words (see `_judge`). Read once per
        question, and only when a concept asks for a role."""
        if any(c.own and c.own <= ROLE_ASKED for c in q.concepts):
            q.roles = [
                r for e in q.entities if e.type == "person" and (r := self._part(e.id) - STOPWORD_STEMS)
            ]

    def _type_fits(self, q: Question, row: SearchRow) -> bool:
        if q.answer_type == "date":
            if not q.announced and any(f" {w} " in row.words for w in FUTURE_WORDS):
                # "Mao Ning said Xi would soon visit": the date of the announcement, not of the visit (unless the
                # announcement is what is asked about, in any of its words: "made public", "revealed"; or the
                # plan: "when was Xi due to visit?").
                return False
            # An undated fact whose words give only a decade ("introduced in the early 2000s") dates it as
            # closely as the sources do, for a question that wants no more than a year.
            return _precise_enough(q, row.date) or (
                row.date is None
                and q.precision is None
                and (
                    _DECADE_SAID.search(row.words) is not None
                    or (
                        q.spanning
                        and any(f" {w} " in row.words for w in _SPAN_BACK)
                        and any(f" {w} " in row.words for w in _SPAN_UNITS)
                    )
                )
            )
        if q.answer_type == "figure":
            wholes = [s for s in q.stated if s.whole]
            portion = bool(wholes) and any(f" {w} " in row.words for w in PORTION_WORDS)
            if row.figure_value is None:
                # "How often has China joined exercises in the region?": "many times" is what the sources say.
                # "For how long has Beijing …?": "over the past two decades". "How much of the $127 billion went
                # to Central Asia?": "most of it", in a fact giving the whole.
                return (
                    (q.often and any(all(f" {w} " in row.words for w in p.split()) for p in FREQUENCY_WORDS))
                    or (q.lasting and any(f" {w} " in row.words for w in SPAN_WORDS))
                    or (
                        portion
                        and any(f" {w.raw:g} " in row.words for s in wholes for w in numbers_in(s.written))
                    )
                )
            unit = fold(row.figure_unit or "")
            if q.amount and _counts_things(unit):
                return False  # "how much financing" is not answered by "12 countries"
            if q.intent == "how_many" and not q.units:
                if not (_counts_things(unit) or unit in TIME_UNITS):
                    return False  # nor "how many nationals" by "$1.7 billion" or "30 per cent"
                counted = [c for c in q.concepts if c.counted]
                if counted and unit and not _unit_counts(counted, unit):
                    return False  # "how many countries" is not answered by "30 years"
            if self._group_figure(q, row):
                return False  # Uzbekistan's share is not the five countries' total
            if wholes and not portion:
                # "How much of the $1 billion went to the tunnel" is not answered by the $1 billion, nor by a
                # figure in another unit (a poll's 30%) unless a share is asked for.
                value = row.figure_value
                if any(
                    s.unit == row.figure_unit and math.isclose(s.value, value, rel_tol=0.01) for s in wholes
                ):
                    return False
                if not q.units and all(s.unit != row.figure_unit for s in wholes):
                    return False
            return not q.units or unit in q.units
        if q.cause:
            return any(f" {w} " in row.words for w in CAUSE_WORDS)
        if q.intent == "why" and row.kind not in ARGUING_KINDS:
            return any(f" {w} " in row.words for w in REASON_WORDS)
        if q.answer_type not in {"person", "place", "entities"}:
            return True  # any fact may say what something is or why: no entity of the fact need be looked up
        named = {e.id for e in q.entities} | q.set_aside
        others = [self.entities.by_id.get(e) for e in row.entity_ids if e not in named]
        if q.answer_type == "person":
            person = any(e is not None and e.type in PERSON_TYPES for e in others)
            # "Who is the president of …" asks for a person the sources name; "who said …", for a claim's holder.
            if q.whose:  # "whose idea was X": a person the fact names in its words, not only quotes
                return any(
                    e is not None and e.type in PERSON_TYPES and self._said_by_name(e, row) for e in others
                )
            if q.actor:
                return any(e is not None and e.type in ACTOR_TYPES for e in others)
            if q.descriptors and (q.intent == "who_is" or q.one_person):
                # "Which Kazakh official …": a person from Kazakhstan, not any person a fact about it names.
                return any(
                    e is not None
                    and e.type in PERSON_TYPES
                    and not q.descriptors.isdisjoint(self._countries_of(e.id))
                    for e in others
                )
            return person if q.intent == "who_is" or q.one_person else row.attributed or person
        if q.answer_type == "place":
            if q.within:
                # "Where in Tajikistan is the base?": a place in Tajikistan; "in different Central Asian
                # countries" does not say where in it.
                return any(
                    e is not None
                    and e.type in PLACE_TYPES
                    and not q.within.isdisjoint(self._countries_of(e.id))
                    for e in others
                )
            types = ORGANISATION_TYPES if q.affiliation else PLACE_TYPES | {"country"}
            return any(e is not None and e.type in types for e in others)
        if q.kind_word is not None:
            # "which universities": an organisation whose own name or description says it is one.
            return any(
                e is not None
                and e.type == q.wanted
                and q.kind_word in fold(f"{e.name} {e.description or ''} {e.role or ''}").split()
                for e in others
            )
        if q.wanted is not None and self._counts_unnamed(q, row):
            # "List the 12 countries the report covers": "examined 12 South and Central Asian countries" counts
            # them and names one at most (in the sentence it quotes): it does not say which they are.
            return False
        if q.wanted_count is not None and self._named_of_wanted(q, row) < q.wanted_count:
            return False  # "which 12 countries did the report examine": not the one a fact names
        if q.wanted is not None and not self._says_wanted(q, row):
            # "which company built the tunnel": a fact naming no company does not say. Named in its words: a
            # fact linked to the five countries because it counts "12 South and Central Asian countries" does not
            # say which they are.
            return False
        if q.wanted is not None:
            return True  # "which SCO documents entrenched …": "The SCO Charter … entrenched" names one
        return row.kind in LIST_KINDS or len(others) >= 2  # "entities"

    def _counts_unnamed(self, q: Question, row: SearchRow) -> bool:
        """Whether the fact's figure counts things of the kind asked for ("12 countries") and it names fewer of
        them than it counts."""
        unit = fold(row.figure_unit or "").split()
        if row.figure_value is None or not unit or ENTITY_TYPE_NOUNS.get(unit[-1]) != q.wanted:
            return False
        return self._named_of_wanted(q, row, besides_asked=False) < row.figure_value

    def _named_of_wanted(self, q: Question, row: SearchRow, *, besides_asked: bool = True) -> int:
        """How many things of the kind "which <kind>" asks for the fact names in its words (by default besides
        those asked about)."""
        asked = {e.id for e in q.entities} | q.set_aside if besides_asked else set()
        regional = q.wanted == "country" and q.regional  # one of the five, not Russia named beside them
        return sum(
            1
            for i in row.entity_ids
            if i not in asked
            and (e := self.entities.by_id.get(i)) is not None
            and e.type == q.wanted
            and (e.central_asia or not regional)
            and self._said_by_name(e, row)
        )

    def _says_wanted(self, q: Question, row: SearchRow) -> bool:
        """Whether the fact's words name a thing of the kind "which <kind>" asks for, beyond those asked about."""
        return self._named_of_wanted(q, row) > 0

    def _group_figure(self, q: Question, row: SearchRow) -> bool:
        """A figure for several countries when the question asks about one (or some) of them."""
        named = {e.id for e in q.entities if e.type == "country"}
        countries = [
            i for i in row.entity_ids if (e := self.entities.by_id.get(i)) is not None and e.type == "country"
        ]
        # A country asked about that the fact lists after its subject, beside two or more not asked about, is
        # one member of the group the figure is for ("China provided $127 billion to the five countries").
        members = [i for i in countries[1:] if i in named]
        if members and sum(1 for i in countries if i not in named) >= 2:
            return True
        # The other way round: a region asked about that the fact only mentions, beside the one country it is
        # about ("Kazakhstan absorbed 26% of China's financing to Central and South Asia" is not South Asia's share).
        regions = [e for e in q.entities if e.type == "place" and e.id not in row.entity_ids]
        others = [i for i in countries if i not in named]
        return bool(regions) and len(others) == 1

    def _judge(self, q: Question, row: SearchRow, bm25: float) -> Judged:
        weights: list[float] = []
        if q.concepts:
            stems = set(row.stems.split())
            # The entities' stems (often the longer text) are split only for a concept the fact's own text does not
            # say: `concept_weight` does not look at them otherwise. A fact's kind is part of what it is about: "Is
            # Turkey part of the SCO?" asks about a membership.
            about: set[str] | None = None
            for c in q.concepts:
                if about is None and not c.said_in(stems):
                    about = {*row.about.split(), KIND_STEMS.get(row.kind, "")}
                weights.append(concept_weight(c, stems, about or set(), row.figure_unit))
            if q.roles and any(2 * len(role & stems) > len(role) for role in q.roles):
                # "What's her role / job / position at AidData?": the role the sources give her, in their words.
                for k, c in enumerate(q.concepts):
                    if not weights[k] and c.own and c.own <= ROLE_ASKED:
                        weights[k] = 1.0
            if q.lasting and " since " in row.words:
                # "For how many decades have ties been friendly?": "friendly since 1991" tells the span, short of
                # a figure counting its years.
                weights = [
                    0.5 if c.counted and not w and c.text in _SPAN_COUNTS else w
                    for c, w in zip(q.concepts, weights, strict=True)
                ]
            if any(_opposite(c, stems) for c, w in zip(q.concepts, weights, strict=True) if not w):
                # "favourably" asked, "unfavourably" said: the fact tells the opposite of what was asked.
                weights = [0.0] * len(weights)
        in_text = sum(1 for w in weights if w >= 0.9)
        matched = sum(1 for w in weights if w > 0)
        share = sum(weights) / len(weights) if weights else 1.0
        # Whoever the question says the answer is according to must be cited by the fact itself: the author of
        # the document reports others' views too.
        names = [
            self._names_entity(
                e,
                row,
                e.id in q.descriptors,
                published=e.id not in q.sources,
                person=e.id in q.describes_people,
            )
            for e in q.entities
        ]
        entities = sum(names)
        listed = sum(1 for e in q.entities if e.id in row.entity_ids)
        # (A step of a history between two points is dated by when it happened, not by when it was said.)
        years = {y for y in (_year_of(row.date), None if q.spanned else _year_of(row.as_of)) if y is not None}
        year_ok = (
            not q.years or bool(years.intersection(q.years)) or any(f" {y} " in row.words for y in q.years)
        )
        # "The early-2000s doctrine": a fact giving no year at all may be about it (it earns nothing for the year).
        undated = q.period_describes and not years and not _years_said(row.words)
        year_ok = year_ok and (
            q.period is None
            or undated
            # "Why did relations develop rapidly after 1997?": "… have developed rapidly since 1997" covers it
            or _in_period(
                q.period, years or _years_said(row.words), since=" since " in row.words and not q.spanned
            )
        )
        fits = self._type_fits(q, row)
        counted = [c for c in q.concepts if c.counted]
        counts = bool(counted and row.figure_unit) and any(
            c.said_in({stem(w) for w in fold(row.figure_unit or "").split()}) for c in counted
        )
        # Concepts: at least MIN_SHARE of them. Entities: all of one or two, all but one of three or more.
        counted_ok = all(w > 0 for c, w in zip(q.concepts, weights, strict=True) if c.counted or c.required)
        if q.deed:
            # "Who organised the protests?": a fact that does not say the deed (in any of its words) names no one
            # who did it ("AidData's report refers to the protests").
            counted_ok = counted_ok and all(
                w >= 0.9 for c, w in zip(q.concepts, weights, strict=True) if c.text == q.deed
            )
        if q.answer_type == "place":
            # "In which capital …": the fact must name the city, not just be linked to a country whose
            # description does.
            counted_ok = counted_ok and all(
                w >= 0.9 for c, w in zip(q.concepts, weights, strict=True) if c.head
            )
        concepts_ok = (
            counted_ok
            # (A step of a history between two points need not say the ends: "from recognition up to the 2002
            # treaty" names them, and the steps between say neither.)
            and (
                matched >= math.ceil(len(weights) * MIN_SHARE)
                or (
                    q.spanned
                    and (core := [w for c, w in zip(q.concepts, weights, strict=True) if not c.end])
                    and sum(1 for w in core if w > 0) >= math.ceil(len(core) * MIN_SHARE)
                )
            )
            # Something asked must be said in the fact's own words; the names and descriptions of the things it
            # is linked to can carry one concept, not the whole of a question asking about two or more.
            and (
                not weights
                or in_text >= 1
                or (bool(q.entities) and (len(weights) < 2 or q.intent == "timeline"))
            )
        )
        # A fact about everything the question names, dated in the year it names, is what a question wanting an
        # account asks about, in whatever words ("How did the SCO react to the 2010 unrest in Kyrgyzstan?": "The
        # SCO was paralysed during the July 2010 crisis in Kyrgyzstan"), unless it asks for a thing the fact does
        # not say ("what interest rate").
        pinned = (
            q.answer_type == "text"
            and all(w > 0 for c, w in zip(q.concepts, weights, strict=True) if c.head)
            and len(q.entities) >= 2
            and listed == len(q.entities)
            and bool(q.years)
            and bool(years.intersection(q.years))
        )
        # A figure the question quotes ("does the 26% square with $33 billion …") pins the facts giving it.
        # So does "which Kazakh export did Beijing agree to buy for about $8 billion?": the thing worth it.
        quoted = q.answer_type in {"text", "entities", "date"} and row.rid in q.valued and listed >= 1
        concepts_ok = concepts_ok or pinned or quoted
        # A figure is about the countries its fact is linked to: a quote comparing China's rating with Russia's
        # ("single-digit for Russia") does not make 30% a figure about Russia. (A source's author named in the
        # question, "according to Serikkaliyeva", still counts where the text names her.)
        concerned = (
            sum(
                1
                for e, named in zip(q.entities, names, strict=True)
                if e.id in row.entity_ids or ((e.type != "country" or e.id in q.descriptors) and named)
            )
            if q.answer_type == "figure"
            else entities
        )
        required = len(q.entities) - sum(1 for e in q.entities if e.id in q.owners)
        if required == 2 and ((q.intent == "compare" and not q.polar) or q.sides):
            # "How does the Himalaya article's figure compare with AidData's?", "does it square with AidData's
            # total?": each side has its own facts.
            required = 1
        if q.ends:
            # "Loans to Kazakhstan from 2008 to the launch of the BRI": a step names Kazakhstan, not the BRI, and
            # an end is a step too ("China launched the BRI in 2013"); "from the Soviet breakup to ties with
            # Beijing": a step names one end or the other.
            core = [met for e, met in zip(q.entities, names, strict=True) if e.id not in q.ends]
            at_end = any(met for e, met in zip(q.entities, names, strict=True) if e.id in q.ends) and (
                not core or any(w > 0 for c, w in zip(q.concepts, weights, strict=True) if c.end)
            )
            # (with nothing named but the ends, a step names one of them: an empty `core` is not met by nothing)
            concerned, required = (1 if (core and all(core)) or at_end else 0), 1
        entities_ok = concerned >= required - (1 if required >= 3 else 0) and all(
            met
            for e, met in zip(q.entities, names, strict=True)
            if e.id in q.descriptors or e.id in q.sources
        )  # the source asked about ("the Ankara think tank", "according to Putz") is never the one left out
        if entities_ok and q.answer_type == "figure" and concerned < required:
            # "What share of Kazakhs see Russia unfavourably, according to the Central Asia Barometer?": a figure
            # is about the countries it is for; China's 30 per cent leaves out the one asked about.
            entities_ok = all(
                e.id in row.entity_ids
                for e in q.entities
                if e.type == "country" and e.id not in q.descriptors and e.id not in q.owners
            )
        if entities_ok and concerned < required and self._stands_in(q, row, names):
            entities_ok = False
        if q.counted_entity is not None and q.counted_entity not in row.entity_ids:
            # "How many Confucius Institutes …": a count that names none of them counts something else.
            entities_ok = False
        # A source described, not named ("the Shanghai academic"): any one of those it fits.
        described = sum(1 for group in q.described if self._names_any(q, group, row))
        entities_ok = entities_ok and described == len(q.described)
        if q.speakers and not row.attributed and not any(f" {w} " in row.words for w in SPEAKING_WORDS):
            entities_ok = False  # "what did Nazarbayev say at the forum": not that he attended it
        if (
            q.ordinal is not None
            and f" {q.ordinal} " not in row.words
            and _other_ordinal(q.ordinal, row.words)
        ):
            # "Where was the first China + Central Asia meeting held?": not the second one, in Xian.
            entities_ok = False
        if q.ranked and q.ordinal is not None and f" {q.ordinal} " not in row.words:
            # "Which country ranks third for Chinese money?": a fact giving that rank, not Kazakhstan's 26%.
            entities_ok = (
                entities_ok and q.ordinal == "first" and any(f" {w} " in row.words for w in TOP_WORDS)
            )
        if q.answer_type == "place" and q.entities and not listed:
            # "Where was the China + Central Asia meeting held?": a fact about its members, linked to none of the
            # things asked about, does not place it ("Russia … has traditionally held strong influence").
            entities_ok = False
        if q.destinations and not q.destinations.issubset(row.entity_ids):
            entities_ok = False  # "how much of the financing went into the gas pipeline": a figure for it
        elif q.destinations and row.figure_value is not None and self._total_for_several(q, row):
            # "How much went into the Ozodi Tunnel?": a total for the tunnel, a highway and two more projects
            # does not say how much the tunnel got (it is shown as related).
            entities_ok = False
        if q.documents and row.source not in q.documents:
            entities_ok = False  # "per the report on the Shaanxi talks": another document does not say
        if entities_ok and q.instance is not None and not self._names_instance(q, q.instance, row):
            # "Which pipeline is China building in Tajikistan?": a thing of that kind by its name, not "China
            # invests in pipelines there" (which is what the sources say, shown as related, not as the answer).
            entities_ok = False
        if (
            q.later_than
            and row.source
            and any(e.id in q.later_than and self._from_source(e, row.source) for e in q.entities)
        ):
            entities_ok = False  # "… since Serikkaliyeva's article was written": her article cannot tell
        strict = (
            q.answer_type in {"date", "figure"}
            or q.located
            or bool(q.within)
            or q.whose
            or q.one_person
            or q.cause
            or q.intent == "why"
            or (q.intent == "who_is" and bool(q.concepts))
            or q.wanted is not None
            # "Who first put forward X?": someone the fact names (or whose claim it is), not a fact about X
            # that names no one. ("Which ministers attended …" may be answered by the countries they are of.)
            or (
                q.answer_type == "person"
                and bool(q.concepts)
                and not q.actor  # "who signed the treaty": the countries that did may be the answer
                and q.asks_doer
            )
        )
        relevant = concepts_ok and entities_ok and year_ok
        answers = relevant and (fits or not strict)
        if (
            answers
            and q.intent in {"what_is", "other"}
            and not q.polar
            and " refers " in row.words
            and not any(e.type in SOURCE_TYPES and e.id in row.entity_ids for e in q.entities)
        ):
            # "AidData's report refers to the 2016 land code protests": that they happened, and when, but not
            # what they were about, what anyone wanted of them or how anyone answered them ("what does AidData say
            # about the protests" is answered by what its report refers to).
            answers = False
        lookup = not q.concepts and bool(q.entities) and q.answer_type == "text"
        score = (
            4.0 * share
            + 0.5 * in_text
            + (1.5 * (entities + listed) / len(q.entities) if q.entities else 0.0)
            + (1.5 * described / len(q.described) if q.described else 0.0)
            + (2.0 if fits else 0.0)
            + (1.0 if counts else 0.0)
            + (0.5 if q.money and row.figure_unit == "USD" else 0.0)
            + (1.5 if (q.years or q.period) and year_ok and not undated else 0.0)
            # "How much of the $127 billion …": a fact giving the amount the question names is about it.
            + (2.0 if row.rid in q.valued else 0.0)
            + 1.0 * math.tanh(max(bm25, 0.0) / 10)
            + 0.02 * row.salience
            # A fact about fewer other things is more about the things asked about.
            - 0.1 * (len(row.entity_ids) - listed)
            # A look-up ("What is the Corridors of Power report?"): a fact that names the thing in its text is
            # about it, more than one merely linked to it ("AidData's report" found 26%).
            + (1.0 * sum(self._said_by_name(e, row) for e in q.entities) / len(q.entities) if lookup else 0.0)
            # "What time span does the study cover?": a fact giving a span ("since 2000").
            + (2.0 if q.spanning and any(f" {w} " in row.words for w in SPAN_WORDS) else 0.0)
            # "Why …" is answered by a fact that gives a reason ("because", "a counterweight to", "due to").
            + (0.5 if q.intent == "why" and any(f" {w} " in row.words for w in REASON_WORDS) else 0.0)
            # "Which countries are SCO members?" is best answered by a fact that lists them.
            + (1.0 if q.answer_type == "entities" and row.kind in LIST_KINDS else 0.0)
        )
        # "Which AidData reports …": a fact naming a report in its words, not only linked to one.
        names_kind = q.wanted is not None and fits and self._says_wanted(q, row)
        return Judged(
            row,
            score,
            share,
            in_text,
            entities,
            listed,
            answers,
            matched,
            tuple(weights),
            counts,
            relevant,
            fits,
            names_kind,
        )

    def _said_in_statement(self, q: Question, fact: FactRecord | None) -> int:
        """How many of the question's concepts and named things the fact's own statement says (not only its
        quotes or entity list)."""
        if fact is None:
            return 0
        stems = set(statement_stems(fact.statement))
        line = f" {' '.join(stems)} "
        return sum(1 for c in q.concepts if c.said_in(stems)) + sum(
            1 for e in q.entities if self._named_in(e, line)
        )

    def _unmet_countries(self, compared: Sequence[EntityRecord], answering: Sequence[Judged]) -> set[str]:
        """The countries compared that have no answering fact of their own: each is named only by facts about
        more countries than those compared (and one more, the common ground), or by none."""
        bare = {e.id for e in compared}
        most = len(bare) + 1
        # One pass, looking up the countries only of a fact naming one still bare (at scale thousands answer).
        for j in answering:
            if not bare:
                break
            named = bare.intersection(j.row.entity_ids)
            if named and self._countries_among(j.row.entity_ids) <= most:
                bare -= named
        return bare

    def _places_in_words(self, fact: FactRecord) -> bool:
        """Whether the fact's statement puts something in or at a place or country. (One the question names
        too: "Kyrgyz" names the country, "in Bishkek" places the press conference.)"""
        said = statement_stems(fact.statement)
        for entity_id in fact.entity_ids:
            entity = self.entities.by_id.get(entity_id)
            if entity is None or entity.type not in PLACE_TYPES | {"country"}:
                continue
            for name in self._name_stems_of(entity):
                size = len(name)
                # "in Bishkek", "at the Xian meeting"
                if size and any(
                    said[k : k + size] == name
                    and (
                        said[k - 1] in _PLACING
                        or (said[k - 1] == "the" and k >= 2 and said[k - 2] in _PLACING)
                    )
                    for k in range(1, len(said) - size + 1)
                ):
                    return True
        return False

    def _seats(self, q: Question, fact: FactRecord) -> list[str]:
        """Where the statement says a thing asked about is, in words describing it where it names it: "AidData (a
        research lab at the College of William and Mary in Virginia)", "ANKASAM, a think tank in Ankara". The
        places in that description, whether or not the entity base holds them; not a place the thing is merely
        mentioned with ("the SCO was paralysed by the crisis in Kyrgyzstan")."""
        statement = fact.statement
        found: list[str] = []
        for entity in q.entities:
            for name in (entity.name, *entity.aliases):
                for mention in re.finditer(rf"\b{re.escape(name)}\b", statement):
                    described = _DESCRIBING.match(statement, mention.end())
                    if described is None:
                        continue
                    for place in _IN_NAME.finditer(described.group(0)):
                        seat = self._seat_name(place.group(1))
                        if seat is not None and seat not in found:
                            found.append(seat)
        return found

    def _seat_name(self, name: str) -> str | None:
        """A name a description puts a thing in, as a place: a place or country of the entity base by its own
        name, or a name the base does not hold at all (not a month, nor the start of a longer name: "South" of
        "South and Central Asia")."""
        if name.casefold() in MONTH_NAMES:
            return None
        match = self.entities.resolve(name)
        if match is not None:
            return match.entity.name if match.entity.type in PLACE_TYPES | {"country"} else None
        return None if self.entities.complete(name, limit=1) else name

    @staticmethod
    def _at_end(q: Question, row: SearchRow) -> bool:
        """Whether a fact tells of an end of a history asked between two points: it names a thing an end names and
        says a word the end says ("China launched the BRI" for "to the launch of the BRI")."""
        stems = set(row.stems.split())
        return not q.ends.isdisjoint(row.entity_ids) and any(c.end and c.said_in(stems) for c in q.concepts)

    def _telling_words(self, entity: EntityRecord, statements: Sequence[set[str]]) -> set[str]:
        """The stems of an entity's description that at most half of these statements (as stems) say: what tells a
        fact saying what the thing is from its other facts (the Corridors of Power report is "on Chinese
        financing in Central and South Asia", which its every figure says too; that Samantha Custer released it,
        one fact does)."""
        described = self._described_stems.get(entity.id)
        if described is None:
            described = frozenset(
                s for s in stems_of(entity.description or "") if s not in STOPWORDS and not s.isdigit()
            ) - set(stems_of(entity.name))
            self._described_stems.put(entity.id, described)
        return {s for s in described if 2 * sum(s in st for st in statements) <= len(statements)}

    def _countries_among(self, entity_ids: Sequence[str]) -> int:
        return sum(
            1 for i in entity_ids if (e := self.entities.by_id.get(i)) is not None and e.type == "country"
        )

    def _named_in(self, entity: EntityRecord, line: str) -> bool:
        """Whether a text, as its stems between spaces (" s1 s2 … "), names the entity by a name or an alias."""
        return any(n and all(f" {s} " in line for s in n) for n in self._name_stems_of(entity))

    def _names_instance(self, q: Question, instance: Concept, row: SearchRow) -> bool:
        """Whether the fact is linked to a thing of the kind asked for, by a name saying the kind ("Ozodi
        Tunnel", "China–Central Asia gas pipeline"), other than the things the question names."""
        asked = {e.id for e in q.entities}
        return any(
            e not in asked
            and (entity := self.entities.by_id.get(e)) is not None
            and any(instance.said_in(set(name)) for name in self._name_stems_of(entity))
            for e in row.entity_ids
        )

    def _measured_from(self, part: str, fact: FactRecord) -> str | None:
        """The interval a fact gives ("about a month before"), when what follows it is the event the asker's words
        tell of: a word of theirs is in it, or in the name or description of a thing it names ("the 2019 Belt and
        Road Forum", an international summit held in Beijing, for "Beijing's big infrastructure summit")."""
        if (m := _INTERVAL_SAID.search(fact.statement)) is None:
            return None
        rest = fact.statement[m.end() :]
        told = set(stems_of(rest))
        line = f" {' '.join(told)} "
        for entity_id in fact.entity_ids:
            entity = self.entities.by_id.get(entity_id)
            if entity is not None and self._named_in(entity, line):
                told.update(stems_of(f"{entity.name} {entity.description or ''}"))
        asked = {s for s in stems_of(part) if s not in STOPWORDS and not s.isdigit()}
        return m.group(1) if asked & told else None

    def _name_stems_of(self, entity: EntityRecord) -> tuple[tuple[str, ...], ...]:
        names = self._entity_stems.get(entity.id)
        if names is None:
            names = tuple(
                tuple(stem(w) for w in fold(name).split()) for name in (entity.name, *entity.aliases)
            )
            self._entity_stems.put(entity.id, names)
        return names

    # ------------------------------------------------------------------ who holds a role

    async def _role_holders(self, q: Question, answering: list[Judged]) -> list[Judged]:
        """For "Who is the president of X?": the facts in which a person is named next to the role ("President
        Tokayev", "spokesperson Mao Ning"), not any fact naming a person and, somewhere, leaders."""
        considered = answering[:ROLE_CANDIDATES]
        facts = {f.rid: f for f in await self.store.facts_by_rids([j.row.rid for j in considered])}
        named = {e.id for e in q.entities}
        # The role is what "who is the …" names first; the rest is context ("… at the Xian meeting"), and a person
        # named next to "met" holds no role.
        role = q.concepts[:1]
        singles = frozenset().union(*(c.singles for c in role))
        phrases = [s for c in role for s in c.stems if len(s) > 1]  # "head of state", in order
        role_words = singles.union(*phrases)
        # "Kazakh President Tokayev" beside "Chinese President Xi": the role next to a thing named is its own.
        anchors = set().union(*(self._name_stems(e) for e in q.entities)) - role_words
        # "Kazakhstan's foreign minister", "the Kazakh FM": a holder of another country's role is not one.
        owners = self._role_owners(q, singles, phrases)
        kept = []
        former: set[int] = set()
        for judged in considered:
            fact = facts.get(judged.row.rid)
            if fact is None:
                continue
            holder_types = ACTOR_TYPES if q.actor else PERSON_TYPES
            people = [
                e
                for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in named)
                if e is not None
                and e.type in holder_types
                and not (owners and e.countries and owners.isdisjoint(e.countries))
            ]
            texts = [stems_of(t) for t in (fact.statement, *(c.quote for c in fact.citations))]
            roles = [_positions(t, singles, phrases) for t in texts]
            # The holders are the ones named next to the role, not every person the fact names ("spokesperson
            # Mao Ning said Xi would visit President Tokayev": the president is Tokayev).
            names = {e.name: self._name_stems(e) - role_words for e in people}
            holders = _holders(texts, roles, names, anchors)
            if holders:
                kept.append(judged)
                q.holders[fact.id] = holders
                if any(_near(t, r, FORMER) for t, r in zip(texts, roles, strict=True)):
                    former.add(judged.row.rid)
        if q.current:
            # "Who is the president": a holder the sources do not call former first, the latest date first.
            kept.sort(key=lambda j: (j.row.rid in former, -_year_or_zero(j.row.date)))
        return kept

    def _role_owners(
        self, q: Question, singles: frozenset[str], phrases: Sequence[tuple[str, ...]]
    ) -> set[str]:
        """The countries the question says the role is of: named just before it ("Kazakhstan's", "Kazakh") or
        after it ("… of Kazakhstan")."""
        tokens = stems_of(q.text)
        at_role = _positions(tokens, singles, phrases)
        owners = set()
        for entity in q.entities:
            if entity.type != "country":
                continue
            names = self._name_stems(entity)
            for i in at_role:
                before = [t for t in tokens[max(0, i - 2) : i] if t != "s"][-1:]
                after = tokens[i + 1 : i + 5]
                if (before and before[0] in names) or any(
                    a in {"of", "for"} and b in names for a, b in itertools.pairwise(after)
                ):
                    owners.add(entity.id)
        return owners

    def _name_stems(self, entity: EntityRecord) -> frozenset[str]:
        """The stems of the words of an entity's names, once per entity (role checks ask for them per fact)."""
        found = self._name_stem_sets.get(entity.id)
        if found is None:
            found = frozenset(
                stem(w)
                for n in (entity.name, *entity.aliases)
                for w in fold(n).split()
                if len(w) > 1 and w not in STOPWORDS
            )
            self._name_stem_sets.put(entity.id, found)
        return found

    # ------------------------------------------------------------------ how many, counted in a list

    async def _lists(self, q: Question, judged: Sequence[Judged], known: list[Concept]) -> list[Judged]:
        """For "how many <things>" that no figure counts: the facts whose statement lists those things by name
        ("the SCO's full members were China, Kazakhstan, … and Pakistan"), each with the number it lists.
        `known`: the concepts the facts were judged on (their `weights` follow it)."""
        counted = next((c for c in known if c.counted), None)
        if counted is None or q.amount or q.units:
            return []  # "how many km of frontier" asks for a measure, not a count of names
        at = known.index(counted)
        candidates = [j for j in judged if j.relevant and j.weights and j.weights[at] >= 0.9]
        candidates = candidates[:LIST_CANDIDATES]
        facts = {f.rid: f for f in await self.store.facts_by_rids([j.row.rid for j in candidates])}
        found = []
        for candidate in candidates:
            fact = facts.get(candidate.row.rid)
            n = listed_after(fact.statement, counted, examples=q.names_counted) if fact else 0
            if fact and n >= 2:
                q.listed[fact.id] = n
                found.append(candidate)
        if found:
            return found
        # Else a number the statement puts before the thing counted, where the fact says all else asked: "the
        # five Central Asian countries gained independence" for "how many … gained independence?".
        for candidate in candidates:
            fact = facts.get(candidate.row.rid)
            if (
                fact
                # a fact whose figure counts the thing answers with it; one counting something else ("30 years of
                # relations with the five Central Asian countries") does not
                and not candidate.counts
                and all(candidate.weights)
                and (said := number_before(fact.statement, counted))
            ):
                q.listed[fact.id] = said
                found.append(candidate)
        if found:
            return found
        # Else the things of the kind counted that the statement names, besides those the question names: "China
        # clashed at the United Nations with the US, Germany and Britain" for "how many countries clashed with
        # China at the UN?".
        kind = ENTITY_TYPE_NOUNS.get(counted.text)
        asked = {e.id for e in q.entities}
        for candidate in candidates if kind else []:
            fact = facts.get(candidate.row.rid)
            if fact is None or candidate.counts or not all(candidate.weights):
                continue
            line = f" {' '.join(statement_stems(fact.statement))} "
            things = [
                e
                for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in asked)
                if e is not None and e.type == kind and self._named_in(e, line)
            ]
            if len(things) >= 2:
                q.listed[fact.id] = len(things)
                found.append(candidate)
        return found

    # ------------------------------------------------------------------ when something began

    def _dated_otherwise(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], known: list[Concept]
    ) -> Judged | None:
        """ "Was the treaty signed in 2001?": the fact that answers it but for the year, dated another year.
        Only for a one-off thing (a document, an event, a founding): that a visit is dated 2024 says nothing of
        one in 2019."""
        if not self._checks_a_date(q, known):
            return None
        free = replace(q, years=[], concepts=known)
        judged = [self._judge(free, row, bm25.get(row.rid, 0.0)) for row in rows if row.date]
        answering = [
            j
            for j in judged
            if j.answers and j.listed == len(q.entities) and _year_of(j.row.date) not in q.years
        ]
        return min(answering, key=lambda j: (-j.score, j.row.id), default=None)

    def _full_answers_without(
        self,
        q: Question,
        left_out: EntityRecord,
        rows: Sequence[SearchRow],
        bm25: dict[int, float],
        known: list[Concept],
    ) -> Iterator[Judged]:
        """The facts that say all else asked in full, judged with `left_out` set aside: linked to every other
        thing named and saying every concept in their own words ("did Jiang Zemin propose the New Development
        Approach": the proposal, whoever made it). For a yes/no question whose premise may name the wrong one."""
        others = [e for e in q.entities if e.id != left_out.id]
        free = replace(q, entities=others, concepts=known)
        for row in rows:
            j = self._judge(free, row, bm25.get(row.rid, 0.0))
            if j.answers and j.listed == len(others) and all(w >= 0.9 for w in j.weights):
                yield j

    def _done_by_another(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], known: list[Concept]
    ) -> tuple[Judged, EntityRecord, EntityRecord] | None:
        """ "Is it true that Jiang Zemin proposed the New Development Approach?": the fact that says all else
        asked, done by another person the fact names ("Hu Jintao proposed …"), with the person asked about and
        the one the fact names. Only for a yes/no question naming one person beside what was done."""
        people = [e for e in q.entities if e.type == "person"]
        if not q.polar or q.answer_type != "text" or len(people) != 1 or not known:
            return None
        person = people[0]
        if person.id in q.speakers or person.id in q.sources or person.id in q.owners:
            return None  # whose words or whose thing, not who did it
        if len(q.entities) < 2:
            return None
        found = []
        for j in self._full_answers_without(q, person, rows, bm25, known):
            row = j.row
            doers = [
                e
                for i in row.entity_ids
                if i != person.id
                and (e := self.entities.by_id.get(i)) is not None
                and e.type == "person"
                and self._said_by_name(e, row)
            ]
            if doers:
                found.append((j, doers[0]))
        if not found:
            return None
        best, doer = min(found, key=lambda f: (-f[0].score, f[0].row.id))
        return best, person, doer

    def _listed_without(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], known: list[Concept]
    ) -> tuple[Judged, EntityRecord, list[EntityRecord]] | None:
        """ "Does Xinjiang border Uzbekistan?": the fact that says all else asked of a list of countries that leaves
        out the one asked about ("Xinjiang borders Kazakhstan, Kyrgyzstan and Tajikistan"), with that country and
        the ones listed. Only for a yes/no question naming one country beside what it asks of it, and only a list
        of two or more of the five Central Asian states, and a country of the five asked about: a list of the
        region's states is what the sources would name it in; one of other states ("Is Japan part of the SCO?")
        says nothing of a country the sources never place beside them."""
        countries = [e for e in q.entities if e.type == "country"]
        if not q.polar or q.answer_type != "text" or len(countries) != 1 or not known:
            return None
        country = countries[0]
        if not country.central_asia:
            return None
        if country.id in q.descriptors or country.id in q.sources or country.id in q.owners:
            return None
        others = [e for e in q.entities if e.id != country.id]
        if not others:
            return None
        # Not the country the things asked about belong to: China, for "Xinjiang borders …".
        theirs = {o.id for o in others} | {c for o in others for c in self._countries_of(o.id)}
        unlinked = [row for row in rows if country.id not in row.entity_ids]
        found = []
        for j in self._full_answers_without(q, country, unlinked, bm25, known):
            row = j.row
            listed = [
                e
                for i in row.entity_ids
                if (e := self.entities.by_id.get(i)) is not None
                and e.type == "country"
                and e.id not in theirs
                and self._said_by_name(e, row)
            ]
            if sum(1 for e in listed if e.central_asia) >= 2:
                found.append((j, listed))
        if not found:
            return None
        best, listed = min(found, key=lambda f: (-f[0].score, f[0].row.id))
        return best, country, listed

    async def _listed_without_answer(
        self, q: Question, judged: Judged, asked: EntityRecord, listed: list[EntityRecord]
    ) -> Answer:
        facts = await self.store.facts_by_rids([judged.row.rid])
        fact = facts[0]
        names = [e.name for e in listed]
        named = ", ".join(names[:-1]) + f" and {names[-1]}"
        result = Answer(q, True, None, facts, total=1, lead=[(named, fact)])
        result.answer = f"The sources name {named}, not {asked.name} — {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        return result

    async def _another_doer_answer(
        self, q: Question, done: Judged, asked: EntityRecord, doer: EntityRecord
    ) -> Answer:
        facts = await self.store.facts_by_rids([done.row.rid])
        fact = facts[0]
        result = Answer(q, True, None, facts, total=1, lead=[(doer.name, fact)])
        result.answer = (
            # (of whom they say it, not that nobody else did: several may attend a forum)
            f"The sources say this of {doer.name}, not of {asked.name} — {fact.statement.rstrip('.')} "
            f"{citation_marks(facts, fact)}"
        )
        return result

    @staticmethod
    def _checks_a_date(q: Question, known: list[Concept]) -> bool:
        """A yes/no question giving the year of a one-off thing (a document, an event, a founding)."""
        return (
            q.polar
            and bool(q.years)
            and q.period is None
            and q.answer_type == "text"
            and (
                any(e.type in ONE_OFF_TYPES for e in q.entities)
                or any(c.origin for c in known)
                # an announcement is made once ("was the community announced in 2022?"), as a signing is
                or q.announced
                or any(c.said_in(SIGNING_STEMS) for c in known)
                # so is a proposal ("did Hu propose the New Development Approach in 2006?")
                or any(c.said_in(PROPOSING_STEMS) for c in known)
                # a document named by its kind ("the China-Kazakhstan treaty on good-neighborliness")
                or any(ENTITY_TYPE_NOUNS.get(c.text) in ONE_OFF_TYPES for c in known)
            )
        )

    async def _other_date_answer(self, q: Question, dated: Judged) -> Answer:
        facts = await self.store.facts_by_rids([dated.row.rid])
        fact = facts[0]
        asked = " or ".join(str(y) for y in q.years)
        value = format_date(fact.date or "")
        result = Answer(q, True, None, facts, total=1, lead=[(value, fact)])
        result.answer = f"The sources give {value}, not {asked} — {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        return result

    def _earliest(self, q: Question, judged: Sequence[Judged]) -> Judged | None:
        """For "when was X founded/set up/launched" that no fact answers in those words: the earliest dated fact
        about X that says everything else asked. The sources' first date for a thing is what a researcher
        wants next, shown as exactly that, never as the founding date."""
        if q.intent != "when" or not q.entities or not any(c.origin for c in q.concepts):
            return None
        need = len(q.entities) - (1 if len(q.entities) >= 3 else 0)
        dated = [
            j
            for j in judged
            if _precise_enough(q, j.row.date)
            and j.listed >= 1
            and j.entities >= need
            and all(w > 0 for c, w in zip(q.concepts, j.weights, strict=True) if not c.origin)
            and (not q.years or any(str(y) == (j.row.date or "")[:4] for y in q.years))
        ]
        return min(dated, key=lambda j: (j.row.date or "", -j.score, j.row.id), default=None)

    def _founding_reason(self, q: Question, judged: Sequence[Judged]) -> Judged | None:
        """ "Why was the Shanghai Five set up in 1996?" that no fact answers in those words: the earliest dated fact
        about the thing itself, when it gives a reason ("Beijing encouraged the Shanghai Five Mechanism in 1996 to
        resolve border issues"). Its beginning, in whatever words the sources tell it, and why."""
        if (
            q.intent != "why"
            or len(q.entities) != 1
            or not q.concepts
            or not all(c.origin for c in q.concepts)
        ):
            return None
        subject = q.entities[0].id
        dated = [
            j
            for j in judged
            if j.row.date
            and j.row.entity_ids[:1] == [subject]
            and (not q.years or any(str(y) == j.row.date[:4] for y in q.years))
        ]
        first = min(dated, key=lambda j: (j.row.date or "", -j.score, j.row.id), default=None)
        return first if first is not None and first.fits else None

    async def _origin_answer(self, q: Question, earliest: Judged) -> Answer:
        facts = await self.store.facts_by_rids([earliest.row.rid])
        if not facts:
            return self._not_covered(q, [], None)
        fact = facts[0]
        # The thing asked about, not whose it is ("Jiang Zemin's Shanghai Spirit" began with the Spirit).
        things = [e for e in q.entities if e.id not in q.owners] or q.entities
        subject = min(
            (e for e in things if e.id in fact.entity_ids),
            key=lambda e: e.fact_count,
            default=things[0],
        )
        # Covered only when the fact is about the thing itself (curators list a fact's subject first): "Beijing
        # encouraged the Shanghai Five in 1996" dates the Shanghai Five; a 2011 loan to a fund does not date the fund.
        about_it = fact.entity_ids[:1] == (subject.id,)
        result = Answer(q, about_it, None, facts, total=1)
        result.lead = [(self._value(q, fact) or "", fact)]
        line = answer_line(result)
        if about_it:
            result.answer = f"{line} — the earliest date the sources give for {subject.name}"
        else:
            first = f"The sources do not say when {subject.name} began; the earliest date they give for it: {line}"
            result.lead = []
            result.notice = first
        return result

    # ------------------------------------------------------------------ the answer line

    def _lead(
        self, q: Question, shown: Sequence[Judged], by_rid: dict[int, FactRecord]
    ) -> list[tuple[str, FactRecord]]:
        """The value(s) a direct answer line gives: the best fact's, and those of facts that answer the same
        question as fully but differ (each source's figure or date, side by side)."""
        if q.answer_type not in {"date", "figure", "person", "place"} or not shown or q.intent == "timeline":
            return []  # a timeline's dates are its facts, in order: no one of them is the answer
        if q.answer_type == "person" and not q.concepts and not q.whose:
            return []  # "Who is Mao Ning?" is a look-up: the facts about her are the answer ("Where is X?" is not)
        best = shown[0]
        counted = best.row.id in q.listed  # a count from a list stands beside other lists' counts only
        out: list[tuple[str, FactRecord]] = []
        values: set[str] = set()
        for judged in shown[:4]:
            fact = by_rid.get(judged.row.rid)
            if fact is None:
                continue
            # Another value is shown beside the best one only when the curators linked the two facts (they
            # report the same thing) and it answers as fully: "where sources differ, both".
            if judged is not best and (
                # Judged without the words the sources never use, facts alike on the rest may differ in just
                # those ("refining and chemicals"): the best one's value alone.
                q.unknown
                or judged.concepts < best.concepts
                or judged.concepts_in_text < best.concepts_in_text
                or judged.listed < best.listed
                or not _linked(by_rid.get(best.row.rid), fact)
                or counted != (fact.id in q.listed)
            ):
                continue
            if q.answer_type == "figure" and fact.figure and fact.figure.get("value") in q.numbers:
                continue  # the amount the question starts from ("how much of the $127 billion") is no answer
            value = self._value(q, fact)
            if value is None or value in values:
                continue
            values.add(value)
            out.append((value, fact))
            if q.answer_type in {"person", "place"}:
                break
        return out

    def _value(self, q: Question, fact: FactRecord) -> str | None:
        if q.answer_type == "date":
            if not fact.date:
                # As closely as the sources date it: "the early 2000s".
                phrase = _DECADE_PHRASE.search(fact.statement) or (
                    _SPAN_PHRASE.search(fact.statement) if q.spanning else None
                )
                return phrase.group(0)[0].upper() + phrase.group(0)[1:] if phrase else None
            first = format_date(fact.date)
            if fact.date_end:
                return f"{first}–{format_date(fact.date_end)}"
            # "What time span does the study cover?": "Since 2000", as the statement bounds it.
            return f"Since {first}" if q.spanning and f"since {first}" in fact.statement.casefold() else first
        if fact.id in q.listed:  # "how many", counted in the fact's own list or said before the thing counted
            n = q.listed[fact.id]
            if not isinstance(n, int):
                return n
            return f"{n} named" if q.names_counted else f"{n} (counted in the list)"
        if q.answer_type == "figure":
            if fact.figure:
                return str(fact.figure["as_written"])
            # "Most" of the whole the question names, as the fact puts it.
            words = f" {fold(fact.statement)} "
            portion = next((w for w in PORTION_WORDS if f" {w} " in words), None)
            return portion.capitalize() if portion and any(s.whole for s in q.stated) else None
        if fact.id in q.holders:  # who holds the role asked about, as `_role_holders` found them
            holders = q.holders[fact.id]
            return ", ".join(holders if q.actor else holders[:1])
        if q.whose:
            # "Whose idea was X?": the person the statement names with it ("Hu Jintao's Harmonious World"), not
            # whoever the fact quotes saying so.
            named_ids = {e.id for e in q.entities}
            stated = set(statement_stems(fact.statement))
            people = [
                e.name
                for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in named_ids)
                if e is not None
                and e.type in PERSON_TYPES
                and any(n and set(n) <= stated for n in self._name_stems_of(e))
            ]
            return people[0] if people else None
        if q.answer_type == "person" and not q.actor and fact.attribution and fact.attribution.get("who"):
            return str(fact.attribution["who"])
        if q.answer_type == "person":
            types = ACTOR_TYPES if q.actor else PERSON_TYPES
        else:
            types = ORGANISATION_TYPES if q.affiliation else PLACE_TYPES
        named = {e.id for e in q.entities}
        others = [
            e.name
            for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in named)
            if e is not None and e.type in types
        ]
        if q.actor and len(others) != 1:
            return None  # "China, Tajikistan": which of them financed it is for the reader to see in the fact
        if q.answer_type == "place" and not others and not q.affiliation:
            # A country is where a thing asked about is when the statement says so: "the Ozodi Tunnel in
            # Tajikistan" (the thing's name, "in", the country's name).
            said = f" {fold(fact.statement)} "
            things = [fold(n) for e in q.entities for n in (e.name, *e.aliases)]
            others = [
                e.name
                for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in named)
                if e is not None
                and e.type == "country"
                and any(f" {t} in {fold(e.name)} " in said for t in things)
            ]
        if q.answer_type == "place" and not others and q.located:
            others = self._seats(q, fact)  # "AidData (a research lab … in Virginia)": where it is
        # The first person a fact names is the one it is about; places may be several ("in Xi'an and Beijing").
        return ", ".join(others[: 1 if q.answer_type == "person" else 3]) or None

    # ------------------------------------------------------------------ not covered

    def _not_covered(self, q: Question, related: list[FactRecord], reason: str | None) -> Answer:
        return Answer(q, False, None, related, notice=reason or not_covered_line(q))


def _phrase_docs(docs: dict[str, int], phrase: str) -> int:
    """How many facts a phrase the search did not look up as one can match: as many as its rarest word."""
    words = phrase.split()
    return min((docs.get(w, 0) for w in words), default=0) if len(words) > 1 else 0


def _defining(q: Question) -> bool:
    """Whether the question asks what one thing is and nothing more: "What is AidData?", "Who is Samantha
    Custer?"."""
    return (
        not q.concepts
        and len(q.entities) == 1
        and (q.answer_type == "text" or (q.answer_type == "person" and q.entities[0].type == "person"))
        and q.intent != "timeline"
    )


def _years_unmet(q: Question, answering: Sequence[Judged]) -> list[int]:
    """The years a comparison between years asks about that no answering fact is dated in or says."""
    if len(set(q.years)) < 2:
        return []
    return [
        y
        for y in q.years
        if not any(
            y in (_year_of(j.row.date), _year_of(j.row.as_of)) or f" {y} " in j.row.words for j in answering
        )
    ]


def _side_by_side(q: Question, answering: list[Judged]) -> list[Judged]:
    """A comparison's answer: the best fact about each thing compared, in turn, before facts about several.

    Which named things are compared is read from the facts: "Chinese financing of Kazakhstan and Turkmenistan"
    has facts about each country (with China) but none about China without them, so the countries are compared
    and China is common ground. A regional total naming them all says nothing about how they differ: it comes
    after."""
    top = max(j.matched for j in answering)
    kept = [j for j in answering if j.matched >= top]
    named = [e.id for e in q.entities]

    def own_facts(compared: list[str]) -> list[list[Judged]]:
        sides = [
            [
                j
                for j in answering
                if e in j.row.entity_ids and not any(o in j.row.entity_ids for o in compared if o != e)
            ]
            for e in compared
        ]
        # Each side by its own best: the figure a document gives ("hundreds of billions") says more of the
        # question's words than the figures it is compared with (AidData's) do.
        return [[j for j in side if j.matched >= max(o.matched for o in side)] for side in sides]

    choices = [named] + [[e for e in named if e != common] for common in named]
    best = max(
        (c for c in choices if len(c) >= 2), key=lambda c: sum(1 for own in own_facts(c) if own), default=None
    )
    if best is None:
        return kept
    own = own_facts(best)
    if sum(1 for facts in own if facts) < 2:
        return kept
    ordered = [j for turn in itertools.zip_longest(*own) for j in turn if j is not None]
    seen = {j.row.rid for j in ordered}
    return ordered + [j for j in kept if j.row.rid not in seen]


# A name in a list: capitalised words, with the lower-case joins names have ("Bosnia and Herzegovina" aside).
_LIST_TOKENS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")
# "Members include Russia, India and Pakistan" names some of them: no count of all.
PARTIAL = frozenset(stem(w) for w in ("include", "including", "such", "among", "notably", "like", "e", "eg"))
LIST_LEAD = 4  # words between the thing counted and its list: "full members were", "foreign ministers of"


def listed_after(statement: str, concept: Concept, *, examples: bool = False) -> int:
    """How many names the statement lists right after saying `concept`: "the foreign ministers of Kazakhstan,
    Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan" lists 5. 0 when no such list follows.
    `examples`: names given as examples count too ("experts, such as A, B and C": 3), for "how many does it name"."""
    tokens = _LIST_TOKENS.findall(statement)
    stems = [stem(fold(t)) if t[:1].isalnum() else t for t in tokens]
    for i in range(len(tokens)):
        if tokens[i][:1].isupper() or (
            not concept.said_in({stems[i]})
            and not any(p <= set(stems[max(0, i - len(p) + 1) : i + 1]) for p in concept.phrases)
        ):
            continue  # the thing counted is a common noun: "National" in "National Welfare Fund" is a name's
        j = i + 1
        while j < len(tokens) and j - i <= LIST_LEAD and not tokens[j][:1].isupper():
            if examples and (tokens[j] == "," or stems[j] in PARTIAL):
                j += 1
                continue
            if not tokens[j][:1].isalpha() or stems[j] in PARTIAL:
                break  # the list must follow in the same clause, and be the whole of it
            j += 1
        items, in_name, closed = 0, False, False
        while j < len(tokens):
            token = tokens[j]
            if token[:1].isupper():
                items += 0 if in_name else 1
                in_name = True
            elif token in {",", "and"}:
                in_name = False
                closed = closed or token == "and"
            else:
                break
            j += 1
        # An enumeration ends "… and <name>"; "the National Welfare Fund, Samruk-Kazyna" is one thing twice.
        if items >= 2 and closed and in_name:
            return items
    return 0


COUNT_LEAD = 3  # words between a number and the thing it counts: "five Central Asian countries"


def number_before(statement: str, concept: Concept) -> str | None:
    """The number, as written, that a statement puts just before saying `concept`: "the five Central Asian
    countries" -> "five". Not a year ("In 2003 the SCO member states"), not a share or an ordinal."""
    tokens = _LIST_TOKENS.findall(statement)
    stems = [stem(fold(t)) if t[:1].isalnum() else t for t in tokens]
    for i in range(len(tokens)):
        ends = [len(p) for p in concept.phrases if p <= set(stems[max(0, i - len(p) + 1) : i + 1])]
        if not ends and not concept.said_in({stems[i]}):
            continue
        start = i - (max(ends) - 1 if ends else 0)
        for k in range(start - 1, max(start - 1 - COUNT_LEAD, -1), -1):
            token = tokens[k].casefold()
            if token in NUMBER_WORDS or (token.isdigit() and len(token) < 4):
                before = [t.casefold() for t in tokens[max(k - 3, 0) : k]]
                if "of" in before:
                    return (
                        None  # "Four of the five Central Asian countries": five is the whole, not the count
                    )
                if before[-1:] in (["-"], [","], ["."]):
                    return None  # part of a name ("Covid-19 vaccines") or of a larger number ("5,000")
                return tokens[k]
            if not tokens[k][:1].isalpha() or token in {"of", "in", "and", "or", "to", "than", "per"}:
                break  # "four of the five": the number counts something else
    return None


NEGATIONS = ("un", "dis", "non")


@lru_cache(maxsize=8_192)
def statement_stems(statement: str) -> tuple[str, ...]:
    """A statement's stems in order; the same few statements are ordered again and again between builds."""
    return tuple(stems_of(statement))


# How far apart two things were, as a source words it: "a month after resigning", "two years later".
_INTERVAL_SAID = re.compile(
    r"\b((?:(?:about|around|some|nearly|almost|roughly|just|only|barely|less than|more than|over) )?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+) "
    r"(?:day|week|month|year|decade)s? (?:after|before|later|earlier))\b",
    re.IGNORECASE,
)


def _interval_said(facts: Sequence[FactRecord], asked: str) -> tuple[str, FactRecord] | None:
    """The first such wording among the two facts that is measured from the other's event ("resigned about a
    month before the 2019 Belt and Road Forum" and "attended the 2019 Belt and Road Forum"): two words of what
    follows it are in the other fact. One in the question's direction first ("how long after …": "a month
    after", rather than the other fact's "a month before")."""
    said = []
    for fact, other in ((facts[0], facts[-1]), (facts[-1], facts[0])):
        if (m := _INTERVAL_SAID.search(fact.statement)) is None:
            continue
        after = {s for s in stems_of(fact.statement[m.end() :]) if s not in STOPWORDS and not s.isdigit()}
        if fact.id != other.id and len(after.intersection(stems_of(other.statement))) < 2:
            continue  # measured from something else ("a month before the forum", asked about a press conference)
        said.append((m.group(1), fact))
    words = set(fold(asked).split())
    said.sort(key=lambda s: s[0].rsplit(" ", 1)[-1].casefold() not in words)
    return said[0] if said else None


def _said_without_a_name(judged: Sequence[Judged], answering: Sequence[Judged]) -> Judged | None:
    """For "which official said …": a view saying all that was asked, held by no one it names ("Kazakhstani
    officials"), when every fact naming someone says less of it."""
    best = next(
        (
            j
            for j in judged
            if j.relevant and not j.fits and j.row.attributed and j.weights and j.matched == len(j.weights)
        ),
        None,
    )
    return best if best is not None and all(j.matched < best.matched for j in answering) else None


def _stated_checked(q: Question, best: Judged, facts: Sequence[FactRecord], known: int) -> str | None:
    """ "Did China lend Samruk-Kazyna $2 billion?": the figure the sources give for it, beside the one stated.
    "Yes" when a fact shown gives the amount stated; the best fact's own amount otherwise, but only when it says
    all that was asked (a total for the region is no answer to a claim about one country)."""
    for stated in q.stated:
        figures = [(f, f.figure) for f in facts if f.figure and f.figure.get("unit") == stated.unit]
        if stated.bound is not None:
            # "Do fewer than a third of Kazakhs view China unfavourably?": the best fact's own figure against the
            # bound, when it says all that was asked.
            if not (
                figures
                and figures[0][0] is facts[0]
                and best.matched == known
                and best.entities == len(q.entities)  # named, if not linked: "Central and South Asia"
            ):
                continue
            fact, figure = figures[0]
            value = float(figure["value"])
            within = value < stated.value if stated.bound == "below" else value > stated.value
            verdict = "Yes" if within else "No"
            side = "below" if value < stated.value else "above" if value > stated.value else "exactly"
            return (
                f"{verdict}, {figure['as_written']} ({side} {stated.written}) — {fact.statement.rstrip('.')} "
                f"{citation_marks(facts, fact)}"
            )
        for fact, figure in figures:
            if math.isclose(float(figure["value"]), stated.value, rel_tol=1e-6):
                return f"Yes, {figure['as_written']} — {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        if figures and figures[0][0] is facts[0] and best.matched == known and best.listed == len(q.entities):
            fact, figure = figures[0]
            return (
                f"The sources give {figure['as_written']}, not {stated.written} — "
                f"{fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
            )
    return None


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


def _positions(
    tokens: Sequence[str], singles: frozenset[str], phrases: Sequence[tuple[str, ...]]
) -> list[int]:
    """Where a role stands in a text: one of its words, or one of its phrases in order ("head of state")."""
    found = [i for i, t in enumerate(tokens) if t in singles]
    for phrase in phrases:
        size = len(phrase)
        found += [i for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size]) == phrase]
    return found


def _holders(
    texts: Sequence[Sequence[str]],
    roles: Sequence[list[int]],
    names: dict[str, frozenset[str]],
    anchors: set[str],
) -> list[str]:
    """The names standing within ROLE_WINDOW words of the role (at `roles` in each text), nearest first. Where
    the role stands next to one of the `anchors` (the things the question names: "Kazakh President …"), only
    those mentions count."""
    anchored = [
        [i for i in found if any(t in anchors for t in tokens[max(0, i - 2) : i + 3])]
        for tokens, found in zip(texts, roles, strict=True)
    ]
    if any(anchored):
        roles = anchored
    distance: dict[str, int] = {}
    for tokens, at_role in zip(texts, roles, strict=True):
        for name, stems in names.items():
            at_name = [i for i, t in enumerate(tokens) if t in stems]
            gaps = [abs(i - j) for i in at_role for j in at_name]
            if gaps and min(gaps) <= ROLE_WINDOW:
                distance[name] = min(distance.get(name, ROLE_WINDOW), min(gaps))
    return sorted(distance, key=lambda n: distance[n])


def _near(tokens: Sequence[str], at_role: list[int], names: set[str] | frozenset[str]) -> bool:
    """Whether a word of a name stands within ROLE_WINDOW words of the role."""
    at_name = [i for i, t in enumerate(tokens) if t in names]
    return any(abs(i - j) <= ROLE_WINDOW for i in at_role for j in at_name)


def _linked(a: FactRecord | None, b: FactRecord, relation: str | None = None) -> bool:
    if a is None:
        return False
    return any(
        link.fact_id == other.id and relation in (None, link.relation)
        for one, other in ((a, b), (b, a))
        for link in one.links
    )


def _renumbered(line: str, was: Sequence[FactRecord], now: Sequence[FactRecord]) -> str:
    """An answer line whose citation numbers counted `was`, renumbered for the facts shown, `now`."""
    shown = {f.id for f in now}
    marks = {citation_marks(was, f): citation_marks(now, f) for f in was if f.id in shown}
    return re.sub(r"(?:\[\d+\])+", lambda m: marks.get(m.group(0), m.group(0)), line)


def citation_marks(facts: Sequence[FactRecord], fact: FactRecord) -> str:
    """The citation numbers a fact gets when the shown facts are cited in order (as the brief numbers them)."""
    n = 1
    for shown in facts:
        if shown.id == fact.id:
            return "".join(f"[{n + k}]" for k in range(len(shown.citations)))
        n += len(shown.citations)
    return ""


def answer_line(result: Answer) -> str | None:
    """ "1,700 km — Kazakhstan and China share a border of 1,700 km [1]"; where sources differ, each value with
    its own fact and citation."""
    if not result.lead:
        return None
    parts = [
        f"{value} — {fact.statement.rstrip('.')} {citation_marks(result.facts, fact)}".rstrip()
        for value, fact in result.lead
    ]
    if len(parts) == 1:
        return parts[0]
    best = result.lead[0][1]
    differ = any(_linked(best, fact, "differs") for _, fact in result.lead[1:])
    return ("The sources differ: " if differ else "") + "; ".join(parts)


_NEED = {
    "date": "say when",
    "figure": "give that figure",
    "person": "say who",
    "place": "say where",
}


def not_covered_line(q: Question) -> str:
    """The plain first line of an answer the sources do not give."""
    need = (
        f"give the {q.measure}"
        if q.measure and q.measure_noun
        else f"give the {q.precision}"
        if q.answer_type == "date" and q.precision
        else "say why"
        if q.intent == "why"
        else "give what " + " or ".join(e.name for e in q.entities if e.id in q.speakers) + " said"
        if q.speakers
        else _NEED.get(q.answer_type, "answer this")
    )
    about = ", ".join(e.name for e in q.entities[:3])
    line = f"The sources do not {need}" + (f" (asked about {about})" if about else "") + "."
    if q.unknown:
        line += " Not mentioned anywhere: " + ", ".join(q.unknown[:5]) + "."
    return line
