"""Judging a fact against a question: the entities it concerns, the concepts it says, the years it falls in
and the answer it carries, as one score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.factbase.models import IMPLICIT_PARTY
from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord, FactRecord, SearchRow
from bot.factbase.text import fold
from bot.understanding.answer.dates import (
    _SPAN_COUNTS,
    SPAN_WORDS,
    _in_period,
    _other_ordinal,
    _year_of,
    _years_said,
)
from bot.understanding.answer.expected import ExpectedMixin
from bot.understanding.answer.kinds import KIND_STEMS, LIST_KINDS
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.results import Judged
from bot.understanding.answer.roles import ROLE_ASKED
from bot.understanding.answer.statements import (
    DESCRIBING_STEMS,
    LARGER_PART_WORDS,
    RANKING_WORDS,
    REASON_WORDS,
    SPEAKING_WORDS,
    TOP_WORDS,
    _opposite,
    concept_weight,
    statement_stems,
)
from bot.understanding.question.model import Question
from bot.understanding.question.sources import SOURCE_TYPES
from bot.understanding.spelling import is_manner

# Words that give a question's time frame ("over the past decade", "in recent years"), not what it asks about.
TIME_FRAME = frozenset({"past", "last", "recent", "recently", "decade", "decades", "year", "years", "lately"})
# The share of a question's concepts a fact must say: a paraphrase's extra words ("pursued", "soon") are not
# its focus, and the entities, years and expected answer checked beside it keep unanswered questions out.
MIN_SHARE = 0.34
# … fewer of a long question's (six concepts or more): more of its words are the asker's way of putting it ("what
# lies at the root of Beijing's failure to connect with ordinary Kazakhs even as it wins over the political class").
MIN_SHARE_LONG = 0.28
LONG_QUESTION = 6


def _in_unit_quoted(q: Question, row: SearchRow) -> bool:
    """Whether a fact's figure is in the unit the question writes the same number in (a number written bare
    agrees with any)."""
    same = [s for s in q.stated if row.figure_value is not None and math.isclose(s.value, row.figure_value)]
    return not same or any(fold(s.unit) == fold(row.figure_unit or "") for s in same)


def _joined_at(q: Question) -> int | None:
    """Where the second of two things joined starts among the concepts judged (see `Question.joined_from`)."""
    if q.joined_from is None:
        return None
    return next((k for k, c in enumerate(q.concepts) if c.text == q.joined_from), None)


# Countries listed in a timeline's question that a step need name only one of (see `_judge`).
_ALTERNATIVE_COUNTRIES = 3


def _needed(concepts: int) -> int:
    """How many of a question's concepts a fact must say."""
    return math.ceil(concepts * (MIN_SHARE if concepts < LONG_QUESTION else MIN_SHARE_LONG))


# The kind of place a name says beside the name itself: "the Zarafshan" is the Zarafshan River.
_PLACE_NOUNS = frozenset({"river", "lake", "sea", "citi", "provinc", "region", "valley"})


class JudgingMixin(ExpectedMixin, NamingMixin):
    """A fact judged against a question."""

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
            if q.spanning and " since " in row.words:
                # "From which year does the study's coverage start?": the start of the span it covers, "since 2000".
                weights = [1.0 if c.origin and not w else w for c, w in zip(q.concepts, weights, strict=True)]
            if (
                q.entities
                and any(
                    not w and stem(c.text) in DESCRIBING_STEMS
                    for c, w in zip(q.concepts, weights, strict=True)
                )
                and (row.attributed or any(f" {w} " in row.words for w in SPEAKING_WORDS))
            ):
                # "How does Yu Jianhua characterise the SCO?": his words on it ("holds that the SCO is …").
                # (less than the verb said in the fact's words: "Mao Ning described Kazakhstan as …" first)
                weights = [
                    0.5 if not w and stem(c.text) in DESCRIBING_STEMS else w
                    for c, w in zip(q.concepts, weights, strict=True)
                ]
            if any(w and c.text in TIME_FRAME for c, w in zip(q.concepts, weights, strict=True)) and not any(
                w for c, w in zip(q.concepts, weights, strict=True) if c.text not in TIME_FRAME
            ):
                # "How has China–Uzbekistan trade developed over the past decade?": a fact saying only "over the
                # past two decades" shares the asker's time frame, not what was asked about.
                weights = [
                    0.0 if c.text in TIME_FRAME else w for c, w in zip(q.concepts, weights, strict=True)
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
                published=q.by_publication(e.id),
                person=e.id in q.describes_people,
                figure_asked=q.answer_type == "figure",
            )
            for e in q.entities
        ]
        # (The one a ranking starts from, "second after Kazakhstan", is no plus for a fact naming it: a fact about
        # Kazakhstan is seldom about the one ranked after it.)
        entities = sum(
            met
            for e, met in zip(q.entities, names, strict=True)
            if not (e.id in q.owners and (q.ranked or e.id in q.measured_against))
        )
        listed = sum(1 for e in q.entities if e.id in row.entity_ids)
        # (A step of a history between two points is dated by when it happened, not by when it was said.)
        years = {y for y in (_year_of(row.date), None if q.spanned else _year_of(row.as_of)) if y is not None}
        said = _years_said(row.words)
        # (an undated fact is dated by the years other facts date its projects in)
        by_things = q.things_dated.get(row.id, frozenset()) if not years and not said else frozenset()
        year_ok = (
            not q.years
            or bool(years.intersection(q.years))
            or any(f" {y} " in row.words for y in q.years)
            or bool(by_things.intersection(q.years))
            # "… its 2011 loans compared with its money for Tajikistan's 2006 projects": each side's year says
            # which of its things is meant, and a fact giving no year at all may be about one of them.
            or (q.intent == "compare" and not years and not said)
        )
        if q.year_set_aside is not None and years == {q.year_set_aside}:
            year_ok = False  # "besides 2016, when were there protests": not the 2016 ones
        # "The early-2000s doctrine": a fact giving no year at all may be about it (it earns nothing for the year).
        undated = q.period_describes and not years and not said and not by_things
        year_ok = year_ok and (
            q.period is None
            or undated
            # "Why did relations develop rapidly after 1997?": "… have developed rapidly since 1997" covers it
            or _in_period(
                q.period, years or said or set(by_things), since=" since " in row.words and not q.spanned
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
                matched >= _needed(len(weights))
                or (
                    q.spanned
                    and (core := [w for c, w in zip(q.concepts, weights, strict=True) if not c.end])
                    and sum(1 for w in core if w > 0) >= math.ceil(len(core) * MIN_SHARE)
                )
                # (every word asked describes an end, "till the declaration on its fifth anniversary": a step
                # between need say none of them)
                # ("from recognition up to the 2002 treaty": the ends may be things named in words, not entities)
                or (q.spanned and q.intent == "timeline" and all(c.end for c in q.concepts))
                # (a history of two things joined, "agreements and top-level contacts": a step is one of them)
                or (
                    (joined := _joined_at(q)) is not None
                    and any(
                        sum(1 for w in part if w > 0) >= _needed(len(part))
                        for part in (weights[:joined], weights[joined:])
                        if part
                    )
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
            # (not a yes/no claim of a deed in several words the fact says none of: "did they sign a visa-free
            # travel agreement in 2023?" is not settled by their meeting twice that year)
            # (how it was done, "effectively", is not part of the deed)
            and not (q.polar and not matched and sum(1 for c in q.concepts if not is_manner(c.text)) >= 3)
        )
        # A figure the question quotes ("does the 26% square with $33 billion …") pins the facts giving it.
        # So does "which Kazakh export did Beijing agree to buy for about $8 billion?": the thing worth it.
        # (in the unit the question gives it: "the poll showing 30 per cent" is not "30 years of relations")
        valued = row.rid in q.valued and _in_unit_quoted(q, row)
        quoted = q.answer_type in {"text", "entities", "date"} and valued and listed >= 1
        concepts_ok = concepts_ok or pinned or quoted
        # A figure is about the countries its fact is linked to: a quote comparing China's rating with Russia's
        # ("single-digit for Russia") does not make 30% a figure about Russia. (A source's author named in the
        # question, "according to Serikkaliyeva", still counts where the text names her.)
        concerned = (
            sum(
                1
                for e, named in zip(q.entities, names, strict=True)
                # (whose reports they are, "in AidData reports", is not one of the things the figure is for)
                if e.id not in q.owners
                and (e.id in row.entity_ids or ((e.type != "country" or e.id in q.descriptors) and named))
            )
            if q.answer_type == "figure"
            else entities
        )
        required = len(q.entities) - sum(1 for e in q.entities if e.id in q.owners)
        if (
            len(q.entities) >= 2
            and q.intent != "compare"
            and not q.sides
            and any(
                e.id == IMPLICIT_PARTY and not met and e.id not in q.owners
                for e, met in zip(q.entities, names, strict=True)
            )
            # (a thing asked about, not only whose it is: "the grouping that preceded the SCO" is not the SCO)
            and any(
                met and e.id != IMPLICIT_PARTY and e.id not in q.owners
                for e, met in zip(q.entities, names, strict=True)
            )
        ):
            # China is the constant party of the field: a fact about the other things named often leaves it unsaid
            # ("the Central Asian recipient countries share abundant oil" answers what the recipients of Chinese
            # money have in common). Compared, China may be a side of its own.
            required -= 1
        if required == 2 and ((q.intent == "compare" and not q.polar) or q.sides):
            # "How does the Himalaya article's figure compare with AidData's?", "does it square with AidData's
            # total?": each side has its own facts.
            required = 1
        if q.intent == "timeline" and not q.ends and q.answer_type != "figure":
            # "Xi's contacts with the presidents of Kyrgyzstan, Kazakhstan and Tajikistan": a step is with one of
            # the countries listed (three or more besides China), not all of them at once.
            listed_countries = [
                k
                for k, e in enumerate(q.entities)
                if e.type == "country" and e.id != IMPLICIT_PARTY and e.id not in q.owners
            ]
            if len(listed_countries) >= _ALTERNATIVE_COUNTRIES:
                others = [
                    met
                    for k, (e, met) in enumerate(zip(q.entities, names, strict=True))
                    if k not in listed_countries and e.id not in q.owners
                ]
                concerned = sum(others) + any(names[k] for k in listed_countries)
                required = len(others) + 1
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
        # The source asked about ("the Ankara think tank", "according to Putz") is never the one left out, unless
        # it is one side of a comparison: "how do Chinese analysts and Western interpretations explain the SCO"
        # has a side whose facts cite no Chinese analyst.
        compared = q.intent == "compare" and not q.polar
        entities_ok = concerned >= required - (1 if required >= 3 else 0) and all(
            met
            for e, met in zip(q.entities, names, strict=True)
            if e.id in q.sources or (e.id in q.descriptors and not compared)
        )
        if entities_ok and q.answer_type == "figure" and concerned < required and q.intent != "compare":
            # "What share of Kazakhs see Russia unfavourably, according to the Central Asia Barometer?": a figure
            # is about the countries it is for; China's 30 per cent leaves out the one asked about. (Compared, each
            # country has a figure of its own.)
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
            and not q.polar
            and f" {q.ordinal} " not in row.words
            and _other_ordinal(q.ordinal, row.words)
        ):
            # "Where was the first China + Central Asia meeting held?": not the second one, in Xian. (Asked "was
            # the Xian meeting the first?", the fact saying it was the second is the answer.)
            entities_ok = False
        if q.ranked and q.ordinal is not None and f" {q.ordinal} " not in row.words:
            # "Which country ranks third for Chinese money?": a fact giving that rank, not Kazakhstan's 26%.
            entities_ok = (
                entities_ok and q.ordinal == "first" and any(f" {w} " in row.words for w in TOP_WORDS)
            )
        elif q.ranked and q.ordinal != "first" and not any(f" {w} " in row.words for w in RANKING_WORDS):
            # … a rank, "the second-largest recipient", not "the second meeting".
            entities_ok = False
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
        # "Which AidData reports …": a fact naming a report in its words, not only linked to one.
        names_kind = q.wanted is not None and fits and self._says_wanted(q, row)
        lookup = not q.concepts and bool(q.entities) and q.answer_type == "text"
        heads = [k for k, c in enumerate(q.concepts) if c.head]
        score = (
            4.0 * share
            + 0.5 * in_text
            + (1.5 * (entities + listed) / len(q.entities) if q.entities else 0.0)
            + (1.5 * described / len(q.described) if q.described else 0.0)
            + (2.0 if fits else 0.0)
            + (1.0 if counts else 0.0)
            + (0.5 if q.money and row.figure_unit == "USD" else 0.0)
            + (1.5 if (q.years or q.period) and year_ok and not undated and not by_things else 0.0)
            # "How much of the $127 billion …": a fact giving the amount the question names is about it. (Not where
            # the larger part of it is asked, "where did most of the $127 billion go": the whole tells no part.)
            + (2.0 if valued and not q.portion else 0.0)
            + 1.0 * math.tanh(max(bm25, 0.0) / 10)
            + 0.02 * row.salience
            # A fact about fewer other things is more about the things asked about. (The things of the kind "which
            # <kind>" asks for are the answer, not other things: "which countries run formats like China's". Nor is
            # a place the question names in its words, "the plant on the Zarafshan".)
            - 0.1
            * (
                len(row.entity_ids)
                - listed
                - (self._named_of_wanted(q, row) if names_kind else 0)
                - self._places_said(q, row)
            )
            # A look-up ("What is the Corridors of Power report?"): a fact that names the thing in its text is
            # about it, more than one merely linked to it ("AidData's report" found 26%).
            + (1.0 * sum(self._said_by_name(e, row) for e in q.entities) / len(q.entities) if lookup else 0.0)
            # "What time span does the study cover?": a fact giving a span ("since 2000").
            + (2.0 if q.spanning and any(f" {w} " in row.words for w in SPAN_WORDS) else 0.0)
            # "Why …" is answered by a fact that gives a reason ("because", "a counterweight to", "due to").
            + (0.5 if q.intent == "why" and any(f" {w} " in row.words for w in REASON_WORDS) else 0.0)
            # "Besides the 2016 land code protests, which year's protests …": a fact about the thing set aside is not
            # what is asked (a country set aside, "apart from China", is in nearly every fact: no weight).
            - (2.0 if self._about_set_aside(q, row) else 0.0)
            # "Where did the bulk of the money go?": a fact saying where most of it went, before one giving the whole.
            + (1.0 if q.portion and any(f" {w} " in row.words for w in LARGER_PART_WORDS) else 0.0)
            # "Which countries are SCO members?" is best answered by a fact that lists them.
            + (1.0 if q.answer_type == "entities" and row.kind in LIST_KINDS else 0.0)
            # "Which sectors soak up most of the money?": a fact that says the sectors, before one on the money.
            + (1.0 if q.intent == "list" and heads and all(weights[k] > 0 for k in heads) else 0.0)
        )
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

    def _about_set_aside(self, q: Question, row: SearchRow) -> bool:
        return bool(q.set_aside) and any(
            e in q.set_aside
            and (entity := self.entities.by_id.get(e)) is not None
            and entity.type != "country"
            for e in row.entity_ids
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

    def _places_said(self, q: Question, row: SearchRow) -> int:
        """How many of a fact's places the question names in its words, though not as an entity ("the power plant
        on the Zarafshan"): where what it asks about stands, not another thing the fact is about."""
        if " place " not in row.about:
            return 0  # (most facts are linked to no place: no entity is looked up)
        said = {s for c in q.concepts for s in c.own}
        return sum(
            1
            for i in row.entity_ids
            if (e := self.entities.by_id.get(i)) is not None
            and e.type == "place"
            and any((core := set(name) - _PLACE_NOUNS) and core <= said for name in self._name_stems_of(e))
        )

    def _unmet_countries(self, compared: Sequence[EntityRecord], answering: Sequence[Judged]) -> set[str]:
        """The countries compared that have no answering fact of their own: each is named only by facts about
        more countries than those compared (and one more, the common ground), or by none."""
        ids = {e.id for e in compared}
        bare = set(ids)
        # One pass, looking up the countries only of a fact naming one still bare (at scale thousands answer).
        for j in answering:
            if not bare:
                break
            named = bare.intersection(j.row.entity_ids)
            # (a fact naming every country compared compares them itself, over a little more common ground:
            # "Russia's ratings in Kazakhstan and Kyrgyzstan were in single digits, well below China's")
            common = 2 if ids <= set(j.row.entity_ids) else 1
            if named and self._countries_among(j.row.entity_ids) <= len(ids) + common:
                bare -= named
        return bare

    @staticmethod
    def _at_end(q: Question, row: SearchRow) -> bool:
        """Whether a fact tells of an end of a history asked between two points: it names a thing an end names and
        says a word the end says ("China launched the BRI" for "to the launch of the BRI")."""
        stems = set(row.stems.split())
        return not q.ends.isdisjoint(row.entity_ids) and any(c.end and c.said_in(stems) for c in q.concepts)
