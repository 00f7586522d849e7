"""Answer a question from the fact base: the facts that answer it, a direct answer line, or an honest "no".

A fact answers a question when it concerns the entities named, says what is asked about them (each concept, in
the sources' words or the thesaurus's), falls in the years asked for, and carries the kind of answer expected:
a date for "when", a figure (in the asked-for units) for "how much/many". Only such facts are shown as the
answer, best first, and no list is padded; when none exists the first line says so, and at most a few facts
about the same things follow, labelled as related.

The `Answerer` here is composed of the parts in the modules beside this one (see the package's docstring).
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import re
from collections.abc import Sequence

from bot.factbase.models import IMPLICIT_PARTY
from bot.factbase.store import EntityRecord
from bot.factbase.text import NUMBER_WORDS, fold
from bot.search import filter_groups, fts_or
from bot.understanding.answer.candidates import QUOTED, CandidatesMixin, _phrase_docs, quotation
from bot.understanding.answer.claims import ClaimsMixin, _said_without_a_name, _stated_checked
from bot.understanding.answer.counts import CountsMixin
from bot.understanding.answer.dates import (
    DATE_LENGTH,
    _dated_too_coarsely,
    _other_ordinal,
    _year_of,
    _years_said,
    format_date,
)
from bot.understanding.answer.definitions import DefinitionsMixin
from bot.understanding.answer.expected import ExpectedMixin
from bot.understanding.answer.judging import JudgingMixin
from bot.understanding.answer.kinds import ONE_OFF_TYPES
from bot.understanding.answer.lines import LinesMixin, answer_line, citation_marks, joined_names
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.parts import PartsMixin, _side_by_side
from bot.understanding.answer.places import PlacesMixin
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.answer.roles import ROLE_ASKED, RolesMixin
from bot.understanding.answer.rosters import RostersMixin
from bot.understanding.answer.statements import (
    DESCRIBED_WORDS,
    LARGER_PART_WORDS,
    REASON_WORDS,
    STATED_REASON_WORDS,
    _ranked_below,
    inflections,
    says_larger_part,
    statement_stems,
)
from bot.understanding.answer.sums import SumsMixin
from bot.understanding.pairs import two_questions
from bot.understanding.question.courtesy import unwrap
from bot.understanding.question.dates import MEASURED_FROM
from bot.understanding.question.intents import topic_first
from bot.understanding.question.model import Concept, Question
from bot.understanding.question.names import PICKED_OUT_KINDS, named_before_kind
from bot.understanding.question.sources import SOURCE_TYPES
from bot.understanding.question.words import NEVER_WORDS
from bot.understanding.spelling import WORD_RE, could_be_english, is_degree, is_manner

# The deeds of a document's author: "who wrote / authored / penned the piece?".
AUTHORING = frozenset({"wrote", "write", "writes", "written", "authored", "penned"})
MAX_SHOWN = 8  # answering facts shown at most (the rest are counted)
LOOKUP_WINDOW = 32  # a look-up's best facts read for those that say what the thing is
# The answering facts read for others doing what a claim says one alone does (they say less of the question).
OTHERS_WINDOW = 128
DESCRIBED_WEIGHT = 3.0  # what a look-up's description says, in a statement: worth up to this much of a score
MAX_RELATED = 3  # related facts shown under a "not covered" line
JUDGE_SLICE = 64  # candidates judged between two yields to the event loop
# Concepts the sources do say that must remain when a question's other words are found nowhere in them.
MIN_KNOWN = 2
# The answer types for which a word found nowhere in the sources means the sources do not answer: a date or a
# place (the word is the event: "where did she take her undergraduate degree"). Not figures: what a figure
# measures is checked on its own (a measure word must be met by the units or said), so another unknown word of a
# figure question is the asker's wording ("refining and chemicals" for "petrochemical"). Not people: "Which
# Canberra academic said the region *matters* to Beijing …" names the role and the claim; the verb is the asker's.
UNKNOWN_BLOCKS = frozenset({"date", "place"})
FEW_SHOWN = 3  # answering facts shown at least, when that many answer (the relevance cut-off may keep fewer)
STATEMENT_WEIGHT = 1.0  # per concept a fact's statement says, when ordering the answers shown


def _respelled(typed: str, fixes: dict[str, str]) -> str:
    """A word typed with a slip, undone; a capital kept, so that a name stays one ("Developmnet")."""
    fixed = fixes.get(fold(typed))
    if fixed is None:
        return typed
    return fixed[:1].upper() + fixed[1:] if typed[:1].isupper() else fixed


# A short term in quotation marks ("'police service stations'", "“eastern NATO”"); a title is longer.
_QUOTED_TERM = quotation(3, 60)


def _quoted_unknown(q: Question) -> bool:
    """Whether a term the question quotes has a word found nowhere in the sources."""
    unknown = set(q.unknown)
    return any(
        not unknown.isdisjoint(fold(found.group("quoted")).split()) for found in _QUOTED_TERM.finditer(q.text)
    )


def _in_document_topic(q: Question, concept: Concept) -> bool:
    """Whether the concept is in what a document asked about is about ("the study on Chinese tourism"), not only a
    word before its noun ("the translated article")."""
    return concept.topic and any(concept.text in fold(topic).split() for topic in q.document_topics)


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
    # Two things compared, each with its year ("Kazakhstan's 2011 loans and Tajikistan's 2006 projects"): a fact
    # giving no year may be about either (not two years of one thing: "the SCO's GDP in 2020 and 2015").
    sides = sum(1 for e in q.entities if e.id != IMPLICIT_PARTY) >= 2
    return [
        y
        for y in q.years
        if not any(
            y in (_year_of(j.row.date), _year_of(j.row.as_of))
            or f" {y} " in j.row.words
            or (sides and not j.row.date and not j.row.as_of and not _years_said(j.row.words))
            for j in answering
        )
    ]


class Answerer(
    PartsMixin,
    DefinitionsMixin,
    CandidatesMixin,
    RostersMixin,
    ClaimsMixin,
    CountsMixin,
    RolesMixin,
    JudgingMixin,
    ExpectedMixin,
    SumsMixin,
    LinesMixin,
    PlacesMixin,
    NamingMixin,
):
    """Question understanding and ranking over one opened fact base."""

    async def answer(
        self,
        text: str,
        *,
        country: EntityRecord | None = None,
        kind: str | None = None,
        figures_only: bool = False,
    ) -> Answer:
        """`figures_only`: a command that wants figures whatever the wording (`/figure`)."""
        text = unwrap(text)  # "Hi, …", "According to the sources, …", "… Please cite the source."
        result = await self._answer(
            text, self.understand(text, figures=figures_only), country, kind, figures_only
        )
        if (
            not result.covered
            and not figures_only
            and kind is None
            and (parts := two_questions(topic_first(text)))
        ):
            # Two questions in one line: read as a whole, no fact says all of both; each part may be answered.
            # (The thing both are about may be named first: "the grouping before the SCO - when was it set up and
            # who were its members?")
            both = await self._two_questions(result.question, parts, country)
            if both is not None:
                return both
        # A word found nowhere may be a slip of the keyboard: read again with it undone (only then a second pass).
        fixes = await self._slips(result.question)
        if not fixes:
            return result
        respelled = WORD_RE.sub(lambda m: _respelled(m.group(0), fixes), text)
        q = self.understand(respelled, figures=figures_only)
        q.text = text
        q.respelled = list(fixes.items())
        return await self._answer(respelled, q, country, kind, figures_only)

    def _timeline_steps(self, q: Question, answering: list[Judged]) -> list[Judged]:
        """The steps of a history in date order: those that answer best first (the earliest eight of a long
        history would end it decades early), then the rest, counted."""
        countries = [e for e in q.entities if e.type == "country"]
        if any(e.central_asia for e in countries) and not q.regional:
            # "A timeline of China-Tajikistan relations": the steps between the two, not the region's (ties with
            # all five in 1992, the Shanghai Five), when the sources give a few of their own.
            sides = len({e.id for e in countries} | {IMPLICIT_PARTY})
            own = [j for j in answering if self._countries_among(j.row.entity_ids) <= sides]
            if len(own) >= FEW_SHOWN:
                answering = own
        # (A history between two points starts at the first: its earliest steps.)
        best = len(answering) if q.spanned else MAX_SHOWN
        return _in_date_order(answering[:best]) + _in_date_order(answering[best:])

    def _of_the_one_numbered(
        self, q: Question, judged: Sequence[Judged], answering: list[Judged]
    ) -> list[Judged]:
        """For "the first meeting": not the facts about the one the sources number otherwise. "Wang Yi met the
        ministers in Xian, the second such meeting" makes "at the Xian meeting" a fact about the second one."""
        asked = {e.id for e in q.entities}
        others = {
            i
            for j in judged
            if j.listed and _other_ordinal(q.ordinal or "", j.row.words)
            for i in j.row.entity_ids
            if i not in asked
            and (e := self.entities.by_id.get(i)) is not None
            and e.type in {"place", "event"}
        }
        if not others:
            return answering
        return [
            j for j in answering if f" {q.ordinal} " in j.row.words or others.isdisjoint(j.row.entity_ids)
        ]

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
        if not q.documents and QUOTED.search(q.text):
            await self._quoted_title(q)
        if (q.document_topics or q.titled_topics) and not q.documents:
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
            # (a unit the asker names, "kilometres", is what a figure is in, not a word it must say)
            and c.text not in self.thesaurus.measures
            # (nor "what post does Mao Ning hold": the role her description gives, in the sources' words)
            and not (q.roles and c.own and c.own <= ROLE_ASKED)
        ]
        # "how tightly knit": an adverb of manner found nowhere is the asker's way of putting it, neither a thing
        # the sources lack nor a word a fact must say.
        # So is a number in words ("the first in ten years?"): the figure a yes/no question checks, read as one in
        # digits is, not a word a fact must say.
        manner = {w for w in found_nowhere if is_manner(w) or is_degree(w) or w in NUMBER_WORDS}
        q.unknown = [w for w in found_nowhere if w not in manner]
        # A name no fact says ("the Organization of Turkic States"), though each of its words may be somewhere.
        names_nowhere = [
            n for n in q.proper_names if not await self.store.search_unranked(fts_or([fold(n)]), 1)
        ]
        # … and a word no dictionary knows, found nowhere, where a name stands ("the rogun dam", typed in lower
        # case): a name the sources do not give.
        if q.unknown:
            words = WORD_RE.findall(fold(q.text))
            names_nowhere += [
                w
                for w in q.unknown
                if not could_be_english(w) and named_before_kind(w, words) and w not in manner
            ]
            # … and two such words running into the kind of thing they qualify ("Astana's light rail transit
            # project"): which one is meant, in words no source uses, however English they are.
            names_nowhere += [
                w
                for w, after in itertools.pairwise(words)
                if w in q.unknown
                and after in q.unknown
                and named_before_kind(after, words, PICKED_OUT_KINDS)
                and not {w, after} & manner
                and w not in names_nowhere
            ]
        q.unknown += [n for n in names_nowhere if n not in q.unknown]
        # A word found nowhere in the sources is what they lack when it is the thing asked for ("which journal",
        # "how many tonnes"), a name ("the Rogun dam"), or any word of a question wanting a date or a place. Elsewhere it may be the asker's wording ("at heart a security outfit or an economic club"):
        # the facts are judged on the words the sources do use — at least two of them, so that what is left
        # still says what was asked ("the title of her graduation thesis" is not a question about titles).
        known = [c for c in q.concepts if c.text not in q.unknown and c.text not in manner]
        # (words describing an end of a history, "from the 1996 border talks to a fully fledged organisation", are
        # the asker's: the steps between need say none of them)
        ends_only = (
            q.spanned
            and q.intent == "timeline"
            and not names_nowhere
            and all(c.end for c in q.concepts if c.text in q.unknown)
        )
        blocked = (
            bool(q.unknown)
            and not ends_only
            and (
                q.answer_type in UNKNOWN_BLOCKS
                # (unless a yes/no question pins what it asks about by the things and the year it names: "Did the SCO
                # act during the 2010 Kyrgyz upheaval?"; "China–Kazakhstan trade turnover in 2023?" asks for a thing)
                or (
                    len(known) < MIN_KNOWN
                    and not (q.polar and len(q.entities) >= 2 and (q.years or q.valued))
                )
                # (… or what a document asked about is about: "the study on Chinese tourism" is none the sources tell
                # of)
                or any(
                    c.text in q.unknown and (c.head or c.counted or c.named or _in_document_topic(q, c))
                    for c in q.concepts
                )
                # "Has China opened 'police service stations' …?": a term quoted as the asker met it, a word of it
                # found nowhere, is one the sources never use
                or _quoted_unknown(q)
                # "the most Chinese tourists": what the extreme is of, found nowhere, ranks nothing the sources give
                or not q.extreme_of.isdisjoint(q.unknown)
                # "Who translated the article?": a deed the sources never tell of is done by no one they name
                or (q.deed is not None and q.deed in q.unknown)
                or bool(names_nowhere)
                # "which country has never …": who did not is told only in words of not doing, found nowhere here
                or (q.answer_type in {"entities", "person"} and not NEVER_WORDS.isdisjoint(q.unknown))
            )
        )
        asked, q.concepts = q.concepts, known
        if (
            q.answer_type in {"figure", "person", "place", "entities"}
            or q.descriptors
            or any(e.type in {"organisation", "place", "group"} for e in q.entities)
        ):
            # Judging these looks up the entities of every candidate: one query for those not cached, not one each.
            self.entities.by_id.prefetch(e for row in rows for e in row.entity_ids)
        if q.descriptors or any(e.type in SOURCE_TYPES for e in q.entities):
            await self._load_source_stems({row.source for row in rows if row.source})
        if q.years or q.period:
            await self._date_things(q, rows)
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
        if q.left_out and not blocked and (left := self._left_out_of_list(q, rows, bm25, known)) is not None:
            return await self._left_out_answer(q, *left)
        if (
            # (judged on every concept but manner words: one found nowhere blocks unless it asks membership)
            found := self._rosters(q, rows, bm25, [c for c in asked if c.text not in manner])
        ) is not None and (checked := await self._roster_answer(q, *found, judged)) is not None:
            return checked
        if not blocked and (apart := await self._roster_difference(q, rows, bm25)) is not None:
            return apart  # "which SCO members were not part of the Shanghai Five?"
        answering = [] if blocked else [j for j in judged if j.answers]
        if answering and q.ordinal is not None and not q.polar and not q.ranked:
            answering = self._of_the_one_numbered(q, judged, answering)
        if q.often and any(j.row.figure_value is not None for j in answering):
            # "How often": a frequency in words ("many times") only where no fact counts the occasions.
            answering = [j for j in answering if j.row.figure_value is not None]
        if answering and (q.defined or q.defined_term):
            answering = await self._defining(q, answering)  # "how does she define X": not a fact naming X
        if q.documents and q.answer_type == "person" and q.deed in AUTHORING:
            # "Who wrote The Diplomat's article on Kazakhstan?": its author, in the facts giving her own words.
            await self._load_source_stems(q.documents)
            authors = set().union(*(self._authors_of(d) for d in q.documents))
            own = [j for j in judged if j.row.source in q.documents and j.row.attributed_to in authors]
            if own:
                # (those naming her first: "Catherine Putz writes that …" says who wrote it)
                named = [e for a in sorted(authors) if (e := self.entities.by_id.get(a)) is not None]
                answering = sorted(own, key=lambda j: not any(self._said_by_name(e, j.row) for e in named))
                for j in answering:
                    q.holders[j.row.id] = [e.name for e in named if e.id == j.row.attributed_to]
        # "Who is the Georgian analyst …": the role is the source its country describes, met already.
        if answering and q.intent == "who_is" and q.concepts and not q.descriptors:
            answering = await self._role_holders(q, answering)
        if (
            (not answering or all(j.concepts_in_text == 0 or not _of_the_one_off(q, j) for j in answering))
            and not blocked
            and (dated := self._dated_otherwise(q, rows, bm25, known)) is not None
            and (not answering or dated.concepts_in_text == len(known))
        ):
            # (A fact pinned only by the things and the year named, saying nothing asked in its own words —
            # or telling of another document, "the declaration signed in 2006, like the charter" —
            # "relations friendly since 1991", "the SCO Charter, signed in 2002" — does not settle "did they
            # establish relations in 1991?" or "was the SCO founded in 2002?"; the establishing does.)
            return await self._other_date_answer(q, dated)
        if (
            not answering
            and not blocked
            and (first := self._first_dated_otherwise(q, rows, bm25, known)) is not None
        ):
            return await self._first_date_answer(q, first)
        if (
            not blocked
            and q.answer_type == "date"
            and _LAST_TIME.search(fold(q.text))
            and (interval := self._first_in_years(q, judged)) is not None
        ):
            # "When had Xi last been to Tajikistan before the 2024 trip?": "his first there in five years" dates the
            # one before, about five years earlier.
            return await self._last_time_answer(q, interval)
        if (
            answering
            and q.answer_type == "date"
            and q.precision in DATE_LENGTH  # a month or a day
            and (coarse := _dated_too_coarsely(judged, answering))
        ):
            facts = await self.store.facts_by_rids([coarse.row.rid])
            return self._not_covered(q, facts, None)
        if q.one_person and (unnamed := _said_without_a_name(judged, answering)):
            # "Which Kazakh official said relations with China are the top priority?": the fact saying it quotes
            # unnamed officials; a fact naming a Kazakh but saying half of it (if any) names no one who said it.
            facts = await self.store.facts_by_rids([unnamed.row.rid])
            return self._not_covered(q, facts, None)
        union: dict[int, Concept] = {}  # a count of several kinds, and the one of them asked about
        if not blocked and q.intent == "how_many":
            union = await self._counts_of_several(q, answering, known)
        part = next(iter(union.values()), None)
        # (a count that never says the kind asked, "four of the five Central Asian countries are members", is none
        # of it)
        at_part = known.index(part) if part is not None else None
        if (
            not blocked
            and q.intent == "how_many"
            and not any(
                j.counts
                for j in answering
                if j.row.rid not in union and (at_part is None or j.weights[at_part] > 0)
            )
        ):
            # "How many full members does the SCO have?": no figure counts them, but a fact lists them (the kind
            # a count of several was asked about is what is listed: "the SCO's observers were …").
            as_listed = [dataclasses.replace(c, counted=c is part) for c in known] if part else known
            lists = await self._lists(q, judged, as_listed)
            answering = lists + [
                j
                for j in answering
                if j not in lists
                and not (lists and (j.row.rid in union or (at_part is not None and j.counts)))
            ]
        if (
            answering
            and q.answer_type == "date"
            and not any(j.row.date for j in answering)
            and (earliest := self._earliest(q, judged)) is not None
        ):
            # Only a decade ("the early 2000s") said in words, and a dated fact about the thing itself: the date.
            return await self._origin_answer(q, earliest)
        if not answering and not blocked and q.wanted_count and q.answer_type == "entities":
            # "Which two Cold War alliances has the SCO been likened to?": each named by a fact of its own ("the
            # NATO of the East", "a New Warsaw Pact"), as many between them as were asked for.
            parts = [
                (j, ids)
                for j in judged[:LOOKUP_WINDOW]
                if j.relevant and (ids := self._wanted_named(q, j.row))
            ]
            if len({i for _, ids in parts for i in ids}) == q.wanted_count:
                answering = [j for j, _ in parts]
        if not answering and not blocked and (roster := await self._members_listed(q, rows, bm25, known)):
            # "Who were the members of the Shanghai Five?": the five it was set up among, though no fact says
            # "members".
            q.listed[roster.judged.row.id] = (
                len(roster.listed)
                if q.intent == "how_many"
                else joined_names([e.name for e in roster.listed])
            )
            answering = [roster.judged]
        if not answering and not blocked and (earliest := self._earliest(q, judged)) is not None:
            return await self._origin_answer(q, earliest)
        if not answering and not blocked and (founding := self._founding_reason(q, judged)) is not None:
            answering = [founding]
        if (
            not answering
            and not blocked
            and (other := self._done_by_another(q, rows, bm25, known)) is not None
        ):
            return await self._another_doer_answer(q, *other)
        if not blocked and (listed := self._listed_without(q, rows, bm25, known, answering)) is not None:
            return await self._listed_without_answer(q, *listed, also=answering)
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
        # Facts the cut-off puts before all others, whatever their words, in their order.
        shown_first: dict[int, int] = {}
        if q.intent == "compare" and (unmet := _years_unmet(q, answering)):
            # "How did the SCO's GDP in 2020 compare with 2015?": nothing for 2020, nothing to compare.
            facts = await self.store.facts_by_rids([j.row.rid for j in answering[:MAX_RELATED]])
            return self._not_covered(q, facts, f"The sources give nothing for {unmet[0]} to compare.")
        if q.intent == "compare" and len(q.entities) >= 2:
            compared = [e for e in q.entities if e.type == "country" and e.id not in q.descriptors]
            if sum(1 for e in q.entities if e.type == "person") >= 2:
                # "Compare what Umarov and Avdaliani say about Russia's position": the sides are the people; the
                # countries are what both speak of.
                compared = []
            bare = self._unmet_countries(compared, answering)
            if len(bare) >= 2:
                # "Compare Chinese financing to Uzbekistan and Tajikistan": only totals for the whole region name them.
                facts = await self.store.facts_by_rids([j.row.rid for j in answering[:MAX_RELATED]])
                return self._not_covered(q, facts, None)
            if bare and len(compared) >= 2 and not q.polar and not q.choice:
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
            # So, for "how did Mao Ning describe Kazakhstan?", does one saying how she "described" it.
            # (Read only for those two: at scale thousands of facts answer, and no other question ranks by it.)
            giving: tuple[str, ...] = (
                REASON_WORDS if q.intent == "why" else DESCRIBED_WORDS if q.describing else ()
            )
            reasoned = (
                {j.row.rid for j in answering if any(f" {w} " in j.row.words for w in giving)}
                if giving
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
                    q.portion
                    and j.matched >= top[2] - 1
                    and (person and j.fits, j.names_kind) >= top[:2]
                    and any(f" {w} " in j.row.words for w in LARGER_PART_WORDS)
                ):
                    # "Which sectors soak up most of the money?": the fact saying where most of it is concentrated,
                    # in words of its own ("concentrated in energy"), is what was asked, not one more word said.
                    kept.append(j)
                elif (
                    q.intent == "why"
                    and not top[3]  # (none of those saying the most gives a reason)
                    and any(f" {w} " in j.row.words for w in STATED_REASON_WORDS)
                    and j.matched >= top[2] - 1
                    and (person and j.fits, j.names_kind) >= top[:2]
                ):
                    # "Why does Kazakhstan want more than transit fees from China's outreach to Europe?": the fact
                    # giving the reason ("which is one reason it wants …") says one word less of the question than
                    # the one restating it, and is what was asked.
                    kept.append(j)
                elif (
                    len(runners) < FEW_SHOWN
                    and (person and j.fits, j.names_kind, j.entities, j.counts) >= others_top
                ):
                    runners.append(j)
            runners = runners[: max(0, FEW_SHOWN - len(kept))]
            if q.exclusive and q.polar:
                # "Is Beijing the only outside power running such a format?": a fact naming others who do it
                # answers it, though it says less of the question (not "outside", nor China's own format).
                # (It must say the deed, all asked but the kind of doer ("the only outside power") and at most one
                # word more: a fact naming other powers and the region without the format is about something else.)
                deed = [c.text != q.exclusive_doer for c in known]
                named_others = {
                    j.row.rid: n
                    for j in answering[:OTHERS_WINDOW]
                    if sum(1 for d, w in zip(deed, j.weights, strict=True) if d and w == 0) <= 1
                    and any(w > 0 for d, w in zip(deed, j.weights, strict=True) if d)
                    and (n := self._others_named(q, j.row)) >= 2
                }
                # (the one naming most others first: "Japan, South Korea, the EU, the US, India and Russia")
                others = sorted(
                    (j for j in answering[:OTHERS_WINDOW] if j.row.rid in named_others),
                    key=lambda j: -named_others[j.row.rid],
                )
                kept = others + [j for j in kept if j not in others]
                runners = [j for j in runners if j not in others]
                shown_first.update((j.row.rid, k) for k, j in enumerate(others))
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
            answering = self._timeline_steps(q, answering)
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
            if q.portion:
                # "Where did the bulk of the money go?": the fact saying where most of it went ahead of the one
                # giving the whole, whose quote goes on to say it.
                for j in window:
                    if (f := by_rid.get(j.row.rid)) is not None and says_larger_part(f.statement):
                        said[j.row.rid] += 1
            ranked = {j.row.rid: _ranked_below(q, by_rid.get(j.row.rid)) for j in window}
            window.sort(
                key=lambda j: (
                    shown_first.get(j.row.rid, len(shown_first)),
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
        asked_ids, asked_regions = self._places_asked(q) if q.answer_type == "figure" else (set(), [])
        if asked_ids or asked_regions:
            # "How many guards are deployed in Central Asia?": a figure the fact puts in other places ("in countries
            # such as Iraq, Sudan and Pakistan") is for elsewhere.
            here = [f for f in facts if not self._elsewhere(f, asked_ids, asked_regions)]
            if not here:
                return self._not_covered(q, facts[:MAX_RELATED], None)
            if len(here) < len(facts):
                kept_rids = {f.rid for f in here}
                shown = [j for j in shown if j.row.rid in kept_rids]
                facts = here
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
        if q.summed and result.lead and q.answer_type == "figure":
            await self._sum_of_parts(q, result, judged)
        # (Not a claim about where the larger part of a stated amount went: "did most of the $127 billion go to
        # South Asia?" is not confirmed by a fact giving the $127 billion.)
        if result.answer is None and q.polar and q.stated and not q.portion:
            result.answer = _stated_checked(q, shown[0], facts, len(known))
        if (
            result.answer is None
            and self._checks_a_date(q, known)
            and _year_of(facts[0].date) in q.years
            # (a fact of that year about the same countries that says little of the claim, "they set out new plans"
            # for "did they launch a joint lunar programme in 2023?", does not bear it out)
            and 2 * shown[0].matched >= len(known)
            and (not known or shown[0].concepts_in_text > 0)
            and _of_the_one_off(q, shown[0])
            # (not a year that only dates what the claim is measured from: "did funding only start growing after
            # the BRI was launched in 2013?" is not borne out by the BRI's launch in 2013)
            and _RELATIVE_TO.search(fold(q.text)) is None
        ):
            # "Was the charter signed in 2002?": the date that answers it, as when another year is asked. (Not
            # from a fact saying nothing asked in its own words: the charter's year is not the SCO's founding.)
            result.answer = (
                f"{_date_verdict(q.dated, facts[0].date or '')} — {facts[0].statement.rstrip('.')} "
                f"{citation_marks(facts, facts[0])}"
            )
        return result


# A when question about the time before ("when had Xi last visited", "his previous trip", "first since when?").
_LAST_TIME = re.compile(r"\b(?:last|previous|previously|prior|first since when|since when)\b")


# Words placing a claim's deed against another event or time, which the year then dates ("after the BRI was
# launched in 2013").
_RELATIVE_TO = re.compile(rf"\b(?:{'|'.join(sorted(MEASURED_FROM))}|prior to|by the time)\b")


def _date_verdict(claimed: str | None, given: str) -> str:
    """What the date the sources give says of the date a claim gives, both ISO partial dates of the same year:
    "Yes, 3 January 1992"; "The sources give 3 January 1992, not 5 January 1992" where the day differs; "The
    sources give only 2001" where they do not date it as closely as the claim."""
    value = format_date(given)
    if claimed is None or given[: len(claimed)] == claimed:
        return f"Yes, {value}"
    if claimed[: len(given)] == given:
        return f"The sources give only {value}, not the {'day' if len(claimed) > 7 else 'month'}"
    return f"The sources give {value}, not {format_date(claimed)}"


def _of_the_one_off(q: Question, judged: Judged) -> bool:
    """Whether a fact is linked to the one-off things a date is checked for ("was the charter signed in 2006?":
    the charter), not only naming them in a quote about another ("… as well as the declaration of 2006")."""
    return all(e.id in judged.row.entity_ids for e in q.entities if e.type in ONE_OFF_TYPES)


def _in_date_order(steps: list[Judged]) -> list[Judged]:
    return sorted(steps, key=lambda j: (j.row.date or "9999", -j.score, j.row.id))
