"""Yes/no questions and claims checked (a year, a doer, an amount, a list), and what answers when no fact
answers in the words asked (the earliest fact for a founding, a view held by no one named).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import replace

from bot.factbase.models import IMPLICIT_PARTY
from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord, FactRecord, SearchRow
from bot.understanding.answer.dates import DATE_LENGTH, _precise_enough, _year_of, format_date
from bot.understanding.answer.judging import JudgingMixin
from bot.understanding.answer.kinds import ONE_OFF_TYPES
from bot.understanding.answer.lines import LinesMixin, answer_line, citation_marks, joined_names
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.question.kinds import ENTITY_TYPE_NOUNS
from bot.understanding.question.model import Concept, Question

# Beside a list that leaves the country asked about out, the facts that had answered without naming it ("four of
# the five Central Asian countries are members"): the two best.
_ALSO_SHOWN = 2

SIGNING_STEMS = frozenset(stem(w) for w in ("signed", "sign", "signing"))
PROPOSING_STEMS = frozenset(stem(w) for w in ("proposed", "propose", "proposal"))
# Events that happen once, named by their kind ("were the demonstrations over land legislation in 2018?").
# (Not meetings: "was the Xian meeting held in 2021?" is not settled by another meeting in Xi'an in 2023.)
EVENT_STEMS = frozenset(stem(w) for w in ("protests", "protest", "demonstrations", "rallies", "crisis"))


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


def _besides_beijing(q: Question) -> list[EntityRecord]:
    """The things a question names, China aside when it names one other: Beijing as the one who set a thing up
    ("why did Beijing set up the five-nation mechanism?", "did China set it up in 1994?") asks about the thing, the
    field's constant party being whose doing its founding fact tells."""
    return [e for e in q.entities if e.id != IMPLICIT_PARTY] if len(q.entities) == 2 else q.entities


FIRST_IN_WINDOW = 12  # the best facts read for one saying an occasion was the first in some years

# Backing a thing ("why did Beijing back / sponsor / champion it?"), as the thesaurus's support group stems them.
_BACKING = frozenset(stem(w) for w in ("support", "back", "sponsor", "champion", "encourage", "promote"))


# How far a share put in rounding words ("one in three", 33.3%) may be from the figure that bears it out (30%).
ROUNDED_SHARE = 0.15


# A figure's qualifier that makes it an end of the range it stands for: "less than 10" lies below 10.
_UPPER_ENDS = ("less than", "fewer than", "under", "below", "up to", "almost", "nearly")
_LOWER_ENDS = ("more than", "over", "above", "at least")


def _side_of_its_end(qualifier: str) -> str | None:
    """Which side of its own value a figure qualified as an end of a range lies ("below" for "less than")."""
    if qualifier.startswith(_UPPER_ENDS):
        return "below"
    if qualifier.startswith(_LOWER_ENDS):
        return "above"
    return None


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
            side = "below" if value < stated.value else "above" if value > stated.value else "exactly"
            if side == "exactly":
                # "single-digit" is recorded as less than 10: below 10, not exactly it.
                side = _side_of_its_end(figure.get("qualifier") or "") or side
            verdict = "Yes" if side == ("below" if stated.bound == "below" else "above") else "No"
            return (
                f"{verdict}, {figure['as_written']} ({side} {stated.written}) — {fact.statement.rstrip('.')} "
                f"{citation_marks(facts, fact)}"
            )
        for fact, figure in figures:
            if math.isclose(float(figure["value"]), stated.value, rel_tol=1e-6):
                return f"Yes, {figure['as_written']} — {fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        if figures and figures[0][0] is facts[0] and best.matched == known and best.listed == len(q.entities):
            fact, figure = figures[0]
            if stated.rounded and math.isclose(float(figure["value"]), stated.value, rel_tol=ROUNDED_SHARE):
                # "Do nearly one in three Kazakhs view China unfavourably?": 30 per cent is about one in three.
                return (
                    f"Yes, {figure['as_written']} (about {stated.written}) — {fact.statement.rstrip('.')} "
                    f"{citation_marks(facts, fact)}"
                )
            return (
                f"The sources give {figure['as_written']}, not {stated.written} — "
                f"{fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
            )
    return None


class ClaimsMixin(JudgingMixin, LinesMixin):
    """Claims checked, and answers found when none is in the words asked."""

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
            if j.answers
            and j.listed == len(q.entities)
            and _year_of(j.row.date) not in q.years
            # (a founding asked is said in the fact's words or the fact is about the thing founded: the Shanghai
            # Spirit announced at a Shanghai Five summit in 2000 does not date "was the five-nation grouping formed
            # in 1991?")
            and (
                all(w >= 0.9 for c, w in zip(known, j.weights, strict=True) if c.origin)
                or any(e.id in j.row.entity_ids[:2] for e in q.entities)
            )
        ]
        return min(answering, key=lambda j: (-j.score, j.row.id), default=None)

    def _first_dated_otherwise(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], known: list[Concept]
    ) -> Judged | None:
        """ "Was the Shanghai Five set up in 1994?" that no fact answers in its words (the sources say Beijing
        "encouraged" it in 1996): the earliest dated fact about the thing itself, when it is of another year. It is
        shown as the first date the sources give, never as the founding date (see `_first_date_answer`)."""
        things = _besides_beijing(q)
        if (
            not q.polar
            or len(things) != 1
            or not known
            or not all(c.origin for c in known)
            or not self._checks_a_date(q, known)
        ):
            return None
        subject = things[0].id
        free = replace(q, years=[], concepts=[])
        dated = [
            j
            for row in rows
            if row.date and row.entity_ids[:1] == [subject]
            for j in (self._judge(free, row, bm25.get(row.rid, 0.0)),)
            if j.listed >= 1
        ]
        return min(dated, key=lambda j: (j.row.date or "", -j.score, j.row.id), default=None)

    async def _first_date_answer(self, q: Question, first: Judged) -> Answer:
        facts = await self.store.facts_by_rids([first.row.rid])
        fact = facts[0]
        asked = " or ".join(str(y) for y in q.years)
        value = format_date(fact.date or "")
        subject = next((e.name for e in q.entities if e.id == first.row.entity_ids[0]), q.entities[0].name)
        result = Answer(q, True, None, facts, total=1, lead=[(value, fact)])
        # (the year asked or another: neither says that is when it was founded, only when the sources first date it)
        verdict = "the year asked" if _year_of(fact.date) in q.years else f"not {asked}"
        result.answer = (
            f"The earliest date the sources give for {subject} is {value}, {verdict} — "
            f"{fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        )
        return result

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
        self,
        q: Question,
        rows: Sequence[SearchRow],
        bm25: dict[int, float],
        known: list[Concept],
        answering: Sequence[Judged] = (),
    ) -> tuple[Judged, EntityRecord, list[EntityRecord]] | None:
        """ "Does Xinjiang border Uzbekistan?": the fact that says all else asked of a list of countries that leaves
        out the one asked about ("Xinjiang borders Kazakhstan, Kyrgyzstan and Tajikistan"), with that country and
        the ones listed. Only for a yes/no question naming one country beside what it asks of it, and only a list
        of two or more of the five Central Asian states, and a country of the five asked about: a list of the
        region's states is what the sources would name it in; one of other states ("Is Japan part of the SCO?")
        says nothing of a country the sources never place beside them. None, too, where a fact that answers
        (`answering`) names the country in its words; one naming only a group it is in does not say ("Is
        Turkmenistan an SCO member?": "four of the five Central Asian countries are members")."""
        countries = [e for e in q.entities if e.type == "country"]
        if not q.polar or q.answer_type != "text" or len(countries) != 1 or not known:
            return None
        country = countries[0]
        if not country.central_asia:
            return None
        if country.id in q.descriptors or country.id in q.sources or country.id in q.owners:
            return None
        if any(self._said_by_name(country, j.row) for j in answering):
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

    def _left_out_of_list(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], known: list[Concept]
    ) -> tuple[Judged, list[EntityRecord]] | None:
        """ "Which Central Asian republic is not a full SCO member?": the fact that says all else asked of a list
        of the region's states (three or more of the five, by name: "the SCO's full members were China,
        Kazakhstan, …"), with the states of the five it leaves out. None where no such list is linked to every
        other thing named, or it leaves out a different number than asked for ("which two …")."""
        others = [e for e in q.entities if not (e.type == "country" and e.central_asia)]
        if not others:
            return None
        found = self._left_out_by(q, rows, bm25, known, others)
        if found is None and (unplaced := [e for e in others if e.type != "place"]) and unplaced != others:
            # A place no list names may put the states somewhere ("the five at the Xian meeting"): it says which
            # five, not what lists them.
            found = self._left_out_by(q, rows, bm25, known, unplaced)
        return found

    def _left_out_by(
        self,
        q: Question,
        rows: Sequence[SearchRow],
        bm25: dict[int, float],
        known: list[Concept],
        others: list[EntityRecord],
    ) -> tuple[Judged, list[EntityRecord]] | None:
        """The best list of three or more of the region's states linked to every one of `others` and saying all
        else asked, with the states it leaves out (see `_left_out_of_list`)."""
        region = self.entities.region_states()
        # (not the noun saying what kind of thing is asked for: "which republic" is answered by states' names)
        free = replace(
            q, entities=others, concepts=[c for c in known if not c.head], left_out=False, wanted_count=None
        )
        found: list[tuple[Judged, list[EntityRecord]]] = []
        for row in rows:
            listed = [e for e in region if e.id in row.entity_ids and self._said_by_name(e, row)]
            if not 3 <= len(listed) < len(region):
                continue
            j = self._judge(free, row, bm25.get(row.rid, 0.0))
            if j.answers and j.listed == len(others):
                missing = [e for e in region if e not in listed]
                # ("which two of the five" may be read as asking for five: the whole they are of)
                if q.wanted_count in {None, len(missing), len(region)}:
                    found.append((j, missing))
        return min(found, key=lambda f: (-f[0].score, f[0].row.id), default=None)

    async def _left_out_answer(self, q: Question, judged: Judged, missing: list[EntityRecord]) -> Answer:
        facts = await self.store.facts_by_rids([judged.row.rid])
        fact = facts[0]
        names = [e.name for e in missing]
        named = joined_names(names)
        which = "the only one" if len(names) == 1 else "the ones"
        result = Answer(q, True, None, facts, total=1, lead=[(named, fact)])
        result.answer = (
            f"{named} — of the five Central Asian states, {which} the sources leave out here: "
            f"{fact.statement.rstrip('.')} {citation_marks(facts, fact)}"
        )
        return result

    async def _listed_without_answer(
        self,
        q: Question,
        judged: Judged,
        asked: EntityRecord,
        listed: list[EntityRecord],
        also: Sequence[Judged] = (),
    ) -> Answer:
        """The list leaving the country out first, then the facts that answered without naming it."""
        facts = await self.store.facts_by_rids(
            [judged.row.rid, *(j.row.rid for j in also if j.row.rid != judged.row.rid)][: 1 + _ALSO_SHOWN]
        )
        fact = facts[0]
        named = joined_names([e.name for e in listed])
        result = Answer(q, True, None, facts, total=len(facts), lead=[(named, fact)])
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
        """A yes/no question giving the year of a one-off thing (a document, an event, a founding), or a "when"
        question that gives one ("when in 2015 was the BRI launched?": the year is the asker's premise)."""
        return (
            ((q.polar and q.answer_type == "text") or (q.intent == "when" and q.answer_type == "date"))
            and bool(q.years)
            and q.period is None
            and (
                any(e.type in ONE_OFF_TYPES for e in q.entities)
                or any(c.origin for c in known)
                # an announcement is made once ("was the community announced in 2022?"), as a signing is
                or q.announced
                or any(c.said_in(SIGNING_STEMS) for c in known)
                # so is a proposal ("did Hu propose the New Development Approach in 2006?")
                or any(c.said_in(PROPOSING_STEMS) for c in known)
                # and an event named by its kind
                or any(c.said_in(EVENT_STEMS) for c in known)
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
        things = _besides_beijing(q)
        if (
            q.intent != "why"
            or len(things) != 1
            or not q.concepts
            # (backing the thing it set up, "why did Beijing back the Shanghai Five?", is setting it up)
            or not all(
                c.origin or (things != q.entities and not c.singles.isdisjoint(_BACKING)) for c in q.concepts
            )
        ):
            return None
        subject = things[0].id
        dated = [
            j
            for j in judged
            if j.row.date
            and j.row.entity_ids[:1] == [subject]
            and (not q.years or any(str(y) == j.row.date[:4] for y in q.years))
        ]
        first = min(dated, key=lambda j: (j.row.date or "", -j.score, j.row.id), default=None)
        return first if first is not None and first.fits else None

    def _first_in_years(self, q: Question, judged: Sequence[Judged]) -> Judged | None:
        """A dated fact about every thing asked saying an occasion was the first in a number of years ("his first
        there in five years"): it dates the one before, for "when had he last been there?"."""
        for j in judged[:FIRST_IN_WINDOW]:
            row = j.row
            if (
                j.relevant
                and j.listed == len(q.entities)
                and row.figure_unit == "years"
                and row.figure_value is not None
                and (row.as_of or row.date)
                and " first " in row.words
            ):
                return j
        return None

    async def _last_time_answer(self, q: Question, interval: Judged) -> Answer:
        facts = await self.store.facts_by_rids([interval.row.rid])
        if not facts:
            return self._not_covered(q, [], None)
        fact = facts[0]
        when = _year_of(fact.as_of or fact.date)
        years = interval.row.figure_value  # (read as a "first in" fact: never None)
        if when is None or years is None or q.precision in DATE_LENGTH:
            # (nor a month or a day: "in which month was his previous visit?")
            return self._not_covered(q, facts, None)
        value = f"about {when - round(years)}"
        result = Answer(q, True, None, facts, total=1, lead=[(value, fact)])
        result.answer = (
            f"{value} — {fact.statement.rstrip('.')} {citation_marks(facts, fact)} (the sources give no date for the "
            f"earlier occasion: {round(years)} years before {when})"
        )
        return result

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
