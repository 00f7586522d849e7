"""Answer lines: the value a direct answer gives, its citation numbers, and the plain line saying the sources
do not answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord, FactRecord
from bot.factbase.text import fold
from bot.understanding.answer.dates import _DECADE_PHRASE, _SPAN_PHRASE, format_date
from bot.understanding.answer.expected import seat_names
from bot.understanding.answer.kinds import ACTOR_TYPES, ORGANISATION_TYPES, PERSON_TYPES, PLACE_TYPES
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.places import PlacesMixin
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.answer.statements import (
    PORTION_WORDS,
    facts_linked,
    says_larger_part,
    statement_stems,
)
from bot.understanding.question.model import Question


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


def joined_names(names: Sequence[str]) -> str:
    """Names as a line lists them: "China, Russia and Kazakhstan"; one alone as it is."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


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
    differ = any(facts_linked(best, fact, {"differs"}) for _, fact in result.lead[1:])
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


class LinesMixin(PlacesMixin, NamingMixin):
    """The values a direct answer line gives, and the answer the sources do not give."""

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
                or not facts_linked(by_rid.get(best.row.rid), fact)
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
        if q.answer_type == "place" and q.portion and not says_larger_part(fact.statement):
            # "Where did most of the $127 billion go?": not the places of the whole ("to Central Asia and South
            # Asia"), only where a fact says the larger part went.
            return None
        if q.answer_type == "person":
            types = ACTOR_TYPES if q.actor else PERSON_TYPES
        else:
            types = ORGANISATION_TYPES if q.affiliation else PLACE_TYPES
        named = {e.id for e in q.entities}
        found = [
            e
            for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in named)
            if e is not None
        ]
        if (
            q.answer_type == "person"
            and q.person_of
            and (one := self._person_of(q, [e for e in found if e.type in PERSON_TYPES])) is not None
        ):
            return one.name  # "which Tajik president …": the one of that country, wherever the fact names him
        others = [e.name for e in found if e.type in types]
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
            if not others and not q.seated:
                # "Where are the staff deployed?": the countries the fact puts them in ("in countries such as Iraq").
                others = [self._place_name(e, fact) for e in self._placed_in_words(fact) if e.id not in named]
        # The first person a fact names is the one it is about; places may be several ("in Xi'an and Beijing").
        return ", ".join(others[: 1 if q.answer_type == "person" else 3]) or None

    def _place_name(self, place: EntityRecord, fact: FactRecord) -> str:
        """A place as the answer names it: a country the statement puts something in by its capital or seat
        ("the summit in Dushanbe") is named by that city, then the country: "Dushanbe (Tajikistan)"."""
        if place.type != "country":
            return place.name
        said = set(statement_stems(fact.statement))
        seat = next((n for n in seat_names(place) if stem(fold(n)) in said), None)
        return f"{seat} ({place.name})" if seat else place.name

    # ------------------------------------------------------------------ not covered

    def _not_covered(self, q: Question, related: list[FactRecord], reason: str | None) -> Answer:
        return Answer(q, False, None, related, notice=reason or not_covered_line(q))
