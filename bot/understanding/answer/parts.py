"""Questions about several things at once, answered part by part (see `pairs`): two events dated and set
apart, a series put in order, two figures or two views side by side, two questions in one line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from bot.factbase.stems import stems_of
from bot.factbase.store import EntityRecord, FactRecord
from bot.factbase.text import fold
from bot.search.query import STOPWORDS
from bot.understanding.answer.dates import DATE_LENGTH, _years_said, format_date
from bot.understanding.answer.lines import _renumbered, citation_marks
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.pairs import (
    AUXILIARY,
    SUMMED,
    TwoAmounts,
    TwoEvents,
    TwoViews,
    as_statement,
    echo_event,
    events_in_order,
    format_amount,
    interval,
    span_until,
    timeline_topic,
    two_amounts,
    two_events,
    two_views,
)
from bot.understanding.question.context import has_pronoun
from bot.understanding.question.model import Question
from bot.understanding.question.sources import SOURCE_TYPES

TWO_QUESTIONS_SHOWN = 3  # "what is X, and how is it linked to Y": each part's best facts, at most this many
VIEWS_PER_SIDE = 2  # "do A and B agree …": each source's best facts on the thing, at most this many
# What dates from its founding when named alone in "between A and B". Not an initiative or a concept: one is
# proposed or announced, and is dated as "when was the New Development Approach" dates it.
_FOUNDED_TYPES = frozenset({"organisation", "project", "group"})
# "… or their meeting in Beijing": an event told as belonging to those the other event names.
_OWNER_TYPES = frozenset({"person", "country", "organisation", "group"})
_POSSESSIVE = re.compile(r"^(their|his|her|its)\s+", re.I)


# An event typed as its own question ("… : when did lending jump, when did the BRI launch?"): whole as it is.
_ASKED_ITEM = re.compile(r"^(?:when|what|which|who|whom|where|how|why)\b")


_COMPARED_IN_WORDS = ("below", "above", "than", "compared", "higher", "lower")


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
    people = [e.id for e in q.entities if e.type == "person"]
    if len(people) >= 2:
        choices.insert(0, people)  # "what Umarov and Avdaliani say about Russia": the people are the sides
    best = max(
        (c for c in choices if len(c) >= 2), key=lambda c: sum(1 for own in own_facts(c) if own), default=None
    )
    if best is None or (best is named and len({e.type for e in q.entities}) == len(named) > 1):
        # Things of different kinds are no two sides: in "compare Chinese and Western readings of the SCO's
        # purpose" China is whose reading, the SCO what is read (the sides are the readings).
        return kept
    own = own_facts(best)
    if sum(1 for facts in own if facts) < 2:
        return kept
    # Like with like: where every side has a figure in one unit ("$33 billion" and "$9 billion"), those come
    # first on each side, before a figure the other side has nothing to set against ("26 per cent").
    units = [{j.row.figure_unit for j in side if j.row.figure_unit} for side in own if side]
    common = set.intersection(*units) if units else set()
    if common:
        own = [sorted(side, key=lambda j: j.row.figure_unit not in common) for side in own]
    ordered = [j for turn in itertools.zip_longest(*own) for j in turn if j is not None]
    # A fact naming every thing compared that itself compares them ("Russia's ratings … well below China's")
    # answers before the sides told one by one.
    direct = [
        j
        for j in kept
        if all(e in j.row.entity_ids for e in named)
        # (about them, not a survey of many that happens to name them all)
        and len(j.row.entity_ids) <= len(named) + 1
        and any(f" {w} " in j.row.words for w in _COMPARED_IN_WORDS)
    ]
    ordered = direct + [j for j in ordered if j not in direct]
    seen = {j.row.rid for j in ordered}
    return ordered + [j for j in kept if j.row.rid not in seen]


# A person the second of two questions refers back to: "… and what has he said?".
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)

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


def _interval_head(phrase: str, told: str, untold: str, which: bool, done: str | None = None) -> str:
    """The head of a line giving how far apart two events were, in a source's words ("About a month before"). For
    "which came first?", the earlier event by name with them: the fact tells of `told` as "a month before" (or
    after) `untold`."""
    if not which:
        return f"{phrase[:1].upper()}{phrase[1:]}"
    earlier = told if phrase.split()[-1] in {"before", "earlier"} else untold
    return f"{_first_of(earlier, done)} ({phrase})"


def _undated(event: str, done: str | None) -> str:
    """Said of an event no fact dates: "The sources do not date the treaty", or, asked what each did, "The sources
    do not say when Iran became a full SCO member"."""
    if done and event.endswith(f" {done}"):
        return f"The sources do not say when {echo_event(event)}."
    if (told := as_statement(event)) is not None:
        return f"The sources do not say when {echo_event(told)}."  # "… when India and Pakistan were admitted"
    return f"The sources do not date {echo_event(event)}."


def _first_of(event: str, done: str | None) -> str:
    """The earlier of two events named as the answer: "The Shanghai Five came first", or, asked what each did
    ("which was set up first"), "The Shanghai Five was set up first"."""
    said = echo_event(event)
    said = f"{said[:1].upper()}{said[1:]}"
    return f"{said} first" if done and event.endswith(f" {done}") else f"{said} came first"


class PartsMixin(NamingMixin):
    """A question about several things at once, answered part by part."""

    # ------------------------------------------------------------------ the time between two events

    async def _in_parts(self, q: Question, text: str, country: EntityRecord | None) -> Answer | None:
        """A question about several things at once, answered part by part (see `pairs`): None when it is not one,
        or its parts name nothing the sources answer (it is then read as a whole)."""
        if (events := two_events(text)) is not None and (found := await self._between(q, events, country)):
            return found
        if (
            (span := span_until(text)) is not None
            and (found := await self._between(q, span, country)) is not None
            and found.covered
        ):
            return found
        if (several := events_in_order(text)) is not None:
            if found := await self._in_order(q, several, country, timeline_topic(text)):
                return found
            if (
                len(several) == 2
                and (
                    found := await self._between(
                        q, TwoEvents(several[0], several[1], None, which=True), country
                    )
                )
                and found.covered
            ):
                return found  # "put in order: A and B": which came first, as when one fact tells of both
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
        first_told = events.dated_in_year(events.first)
        second_told = events.dated_in_year(self._owners_named(events.second, events.first))
        for part, other in ((first_told, second_told), (second_told, first_told)):
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
            # (the event named after the phrase is the one the other is measured from)
            tail = set(stems_of(fact.statement.split(phrase, 1)[-1]))
            measured_from, other = sorted(
                (events.first, events.second), key=lambda e: -len(tail.intersection(stems_of(e)))
            )
            head = _interval_head(
                phrase, other, measured_from, events.which and events.unit is None, events.done
            )
            line = f"{head} — {fact.statement.rstrip('.')} {citation_marks([fact], fact)}"
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
                head = _interval_head(apart, told, untold, events.which, events.done)
                line = f"{head} — {measured.statement.rstrip('.')} {citation_marks([measured], measured)}"
                return Answer(q, True, line, [measured], total=1, lead=[(apart, measured)])
        if (
            first is not None
            and second is not None
            and first[1].id == second[1].id
            and first[1].date
            and len(_years_said(f" {fold(first[1].statement)} ")) < 2
        ):
            # "In 2023 Xi and Tokayev met twice, in Xi'an and in Beijing": one fact tells of both, dated once.
            how = "which came first" if events.unit is None else "how far apart they were"
            notice = (
                f"The sources tell of both in one fact, dated only to {format_date(first[1].date)}: not precisely "
                f"enough to tell {how}."
            )
            return Answer(q, False, None, [first[1]], notice=notice)
        if first is None or second is None or first[1].id == second[1].id:
            missing = events.first if first is None else events.second
            result = Answer(q, False, None, shown[:1], notice=_undated(missing, events.done))
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
            told, untold = (
                (events.first, events.second) if fact.id == first[1].id else (events.second, events.first)
            )
            head = _interval_head(phrase, told, untold, events.which and events.unit is None, events.done)
            line = f"{head} — {fact.statement.rstrip('.')} {citation_marks(shown, fact)}"
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
            head = _first_of(events.first if a < b else events.second, events.done)
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

    def _owners_named(self, part: str, other: str) -> str:
        """ "… or their meeting in Beijing": the event told with the names the other event gives for "their",
        "his", "her" or "its" ("Xi Jinping and Kassym-Jomart Tokayev's meeting in Beijing"), so that it is dated as
        theirs, not as any meeting in Beijing."""
        found = _POSSESSIVE.match(part)
        if found is None:
            return part
        owners = [e.name for e in self.understand(other).entities if e.type in _OWNER_TYPES]
        plural = found.group(1).casefold() == "their"
        if (plural and len(owners) < 2) or (not plural and len(owners) != 1):
            return part
        return f"{' and '.join(owners)}'s {part[found.end() :]}"

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
        # "… in Dushanbe and the founding of the organisation itself": the SCO's founding, not Tajikistan's part
        # in it (the other event's country is only a guess at whose event it is)
        if (
            not answer.covered
            and scope is not None
            and scope is not country
            and read.concepts  # (a bare "2015" names nothing of its own to date)
            and (unscoped := await self.answer(f"When {ask}?")).covered
        ):
            answer = unscoped
        if not answer.question.entities and not answer.question.concepts:
            return False, None
        return True, next(((v, f) for v, f in answer.lead if f.date), None) if answer.covered else None

    async def _in_order(
        self, q: Question, events: list[str], country: EntityRecord | None, topic: str | None = None
    ) -> Answer | None:
        """ "Timeline: A, B, C", "in what order did A, B and C happen": each event dated as "when" would date it,
        then the events in the order of their cited dates; those the sources do not date are said so. None when
        an event names nothing (the question is then read as a whole) or fewer than two are dated. An event that
        names nothing of its own is one of the timeline's `topic` ("diplomatic relations" of "Timeline of
        China-Kazakhstan relations: …")."""
        dated: list[tuple[str, tuple[str, FactRecord]]] = []
        undated: list[str] = []
        for k, part in enumerate(events):
            asked = part
            if topic and not self.understand(part).entities and not _ASKED_ITEM.match(fold(part)):
                asked = f"{part} of {topic}"
            names, found = await self._date_event(asked, events[k - 1] if k else events[-1], country)
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
            rough = "about " if a.get("qualifier") or b.get("qualifier") else ""
            if amounts.ratio:
                times = float(a["value"]) / float(b["value"])
                line = f"{(rough or 'about ').capitalize()}{times:.1f} times — {line}"
            else:
                gap = abs(float(a["value"]) - float(b["value"]))
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
        unknown_names = [
            c.text for c in first.question.concepts if c.named and c.text in first.question.unknown
        ]
        # (and a name of several words found nowhere: "the Organization of Turkic States")
        unknown_names += [n for n in first.question.proper_names if n in first.question.unknown]
        if not second_read.entities and unknown_names and not first.question.entities:
            # "Who is Muddassir Iqbal and what did he allege …": "he" is someone the sources do not name.
            return None
        if unknown_names and not second_read.entities and has_pronoun(second_text):
            # "What is the Khorgos Gateway dry port on the Kazakh-Chinese border, and who operates it?": "it" is
            # the thing the sources never name, so nothing they say of the border's countries is about it.
            return None
        if (
            not first.covered
            and first.question.answer_type == "person"
            and _PERSON_PRONOUN.search(second_text)
        ):
            # "Who is China's ambassador to Kyrgyzstan, and what has he said about the projects?": "he" is the
            # person the sources do not name, so nothing they say about the projects is his.
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
