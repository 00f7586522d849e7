"""Whether a country belongs to a body, checked against the facts that list its members: "Was Uzbekistan one of
the Shanghai Five?" is answered by the fact naming the five ("… among China, Russia, Kazakhstan, Kyrgyzstan and
Tajikistan"), though it never says "member".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.factbase.records import FactRecord
from bot.factbase.stems import stem, stems_of
from bot.factbase.store import EntityRecord, SearchRow
from bot.factbase.text import fold
from bot.understanding.answer.claims import ClaimsMixin
from bot.understanding.answer.lines import citation_marks, joined_names
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.answer.statements import statement_stems
from bot.understanding.question.model import Concept, Question

# The words a question asks membership in (as typed, stemmed): "member", "part of", "belong to", "one of",
# "among the founders", "have a seat in", "join", "include". ("in" alone is no concept: "was Turkmenistan in
# the Shanghai Five?" asks nothing else.)
MEMBERSHIP_STEMS = frozenset(
    stem(w)
    for w in (
        "member",
        "members",
        "membership",
        "full",
        "part",
        "belong",
        "belonged",
        "one",
        "among",
        "founding",
        "founder",
        "founders",
        "founded",
        "seat",
        "join",
        "joined",
        "include",
        "included",
        "includes",
    )
)
# What a list of members says it is a list of, as asked: membership ("the SCO's full members were …"), or
# founding ("founded by …"; the full members of today need not be the founders). A body with one list only (the
# Shanghai Five: the five it was set up among) is answered by it whatever it calls them.
_MEMBER_STEMS = frozenset(stem(w) for w in ("member", "members", "membership", "full", "belong"))
_FOUNDING_STEMS = frozenset(stem(w) for w in ("founding", "founder", "founders", "founded", "established"))
# The small words of a membership phrase ("part of", "belong to", "a seat in").
_LINKING = frozenset({"of", "to", "in", "a", "an", "the", "with", "as"})
# Words that make a list of members a sample, not the whole ("members include Russia, India and Pakistan"): it
# says who is in, never who is not.
_PARTIAL = frozenset(stem(w) for w in ("include", "including", "such", "like"))
# What a body with member states is called in its description ("Regional security bloc", "Grouping of 1996 of
# …", "Multilateral meeting mechanism"): a think tank's or a lab's facts naming countries list what it studies.
_GROUPING_STEMS = frozenset(
    stem(w)
    for w in (
        "bloc",
        "grouping",
        "alliance",
        "union",
        "mechanism",
        "organisation",
        "organization",
        "format",
        "pact",
    )
)
# A question about members ("members", "part of", "belonged to", "roster", "membership").
_MEMBERSHIP_ASKED = re.compile(r" (?:members?|membership|part of|belong(?:s|ed)? to|roster) ")
# … asking what sets two lists apart: those of one not in the other, or (compared) how the two differ, both ways.
_COMPARING = r"differ|differs|differed|difference|differences|compare|compared|comparison|versus|vs"
_SET_APART = re.compile(
    rf" (?:not|never|no longer|beyond|besides|apart from|other than|new|newer|added|joined since|grown|{_COMPARING}) "
)
_BOTH_WAYS = re.compile(rf" (?:{_COMPARING}) ")
_OF_THE_REGION = re.compile(r" central asian (?:republics?|states?|countries|country|members?) ")
# What the members of a body are, as a question may name them ("which countries were its members?").
_MEMBER_KINDS = frozenset(stem(w) for w in ("country", "countries", "state", "states", "nation", "nations"))
# Besides the membership words, at most this many concepts: a question about more is not a membership check.
_MAX_REST = 3
# A list of members: at least this many countries named in the fact's words.
_MIN_LISTED = 3
# Beside the list, facts naming the country asked about with the body (Iran as an observer, beside the list of
# full members that leaves it out).
_ALSO_SHOWN = 2


def _has_members(body: EntityRecord) -> bool:
    """Whether the body's description calls it one with member states (a bloc, a grouping, a mechanism …)."""
    return not _GROUPING_STEMS.isdisjoint(stems_of(body.description or ""))


@dataclass(slots=True)
class Roster:
    """A fact listing a body's member countries, judged against a question asking whether one belongs."""

    judged: Judged
    listed: list[EntityRecord]  # the countries it names, in the order of their entities


class RostersMixin(ClaimsMixin):
    """Membership checked against the list of a body's members."""

    def _rosters(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], concepts: list[Concept]
    ) -> tuple[EntityRecord, EntityRecord, list[Concept], list[Roster]] | None:
        """For a yes/no question asking whether one country belongs to one organisation (and asking nothing
        else but words the list may say, "the 1996 border grouping"), the facts linked to the organisation that
        name three or more countries and say the rest of what was asked, best first; with the country, the
        organisation and the membership words asked. None where the question is not of that shape or no fact
        lists members."""
        if not q.polar or q.answer_type != "text" or len(q.entities) != 2:
            return None
        countries = [e for e in q.entities if e.type == "country"]
        bodies = [e for e in q.entities if e.type == "organisation"]
        if len(countries) != 1 or len(bodies) != 1:
            return None
        country, body = countries[0], bodies[0]
        if {country.id, body.id} & (q.sources | q.owners | q.descriptors):
            return None
        if not _has_members(body):
            return None
        asked = [c for c in concepts if (said := c.own - _LINKING) and said <= MEMBERSHIP_STEMS]
        rest = [c for c in concepts if c not in asked]
        if any(c.text in q.unknown for c in rest):
            return None  # (a membership word found nowhere, "among the founders", is still asked plainly)
        if (concepts and not asked) or len(rest) > _MAX_REST:
            return None  # "is Iran an SCO observer?": a standing the ranking finds in the facts' words
        rosters = self._member_lists(q, body, rest, rows, bm25)
        return (country, body, asked, rosters) if rosters else None

    def _member_lists(
        self,
        q: Question,
        body: EntityRecord,
        rest: list[Concept],
        rows: Sequence[SearchRow],
        bm25: dict[int, float],
    ) -> list[Roster]:
        """The facts linked to the body that name three or more countries and say the rest of what was asked, best
        first."""
        free = replace(q, entities=[body], concepts=rest, polar=False)
        rosters: list[Roster] = []
        for row in rows:
            if body.id not in row.entity_ids:
                continue
            listed = [
                e
                for i in row.entity_ids
                if i != body.id
                and (e := self.entities.by_id.get(i)) is not None
                and e.type == "country"
                and self._said_by_name(e, row)
            ]
            if len(listed) < _MIN_LISTED:
                continue
            judged = self._judge(free, row, bm25.get(row.rid, 0.0))
            if (rest or q.years) and not judged.answers:
                continue
            rosters.append(Roster(judged, listed))
        rosters.sort(key=lambda r: (-r.judged.score, r.judged.row.id))
        return rosters

    async def _roster_of(
        self,
        q: Question,
        body: EntityRecord,
        rows: Sequence[SearchRow],
        bm25: dict[int, float],
        marks: frozenset[str] = _MEMBER_STEMS,
    ) -> tuple[Roster, FactRecord] | None:
        """A body's list of members: the one whose statement says it lists members (`marks`: or founders), or its
        only list; never a sample ("members include Russia, India and Pakistan")."""
        rosters = self._member_lists(q, body, [], rows, bm25)
        facts = await self.store.facts_by_rids([r.judged.row.rid for r in rosters])
        said = [statement_stems(f.statement) for f in facts]
        whole = [(r, f, s) for r, f, s in zip(rosters, facts, said, strict=True) if _PARTIAL.isdisjoint(s)]
        saying = [(r, f) for r, f, s in whole if not marks.isdisjoint(s)]
        if saying:
            return saying[0]
        return (whole[0][0], whole[0][1]) if len(rosters) == 1 and whole else None

    async def _roster_difference(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float]
    ) -> Answer | None:
        """ "Which SCO full members were not part of the Shanghai Five?", "how did the Shanghai Five's members differ
        from the SCO's?": the countries one body's list of members names and the other's does not, with both lists
        (each side's where the two are compared). None unless the question names two bodies with member lists and
        asks what sets their members apart."""
        bodies = [e for e in q.entities if e.type == "organisation" and _has_members(e)]
        folded = f" {fold(q.text)} "
        if (
            q.polar  # "was Turkey in the SCO but not the Shanghai Five?": the lists checked for one country
            or len(bodies) != 2
            or not _MEMBERSHIP_ASKED.search(folded)
            or not _SET_APART.search(folded)
        ):
            return None
        first_list = await self._roster_of(q, bodies[0], rows, bm25)
        second_list = await self._roster_of(q, bodies[1], rows, bm25)
        if first_list is None or second_list is None or first_list[1].id == second_list[1].id:
            return None
        found = [first_list, second_list]
        lists = [{e.id: e for e in roster.listed} for roster, _ in found]
        regional = _OF_THE_REGION.search(folded) is not None  # "the only Central Asian republic …"
        both_ways = q.intent == "compare" or _BOTH_WAYS.search(folded) is not None
        parts = []
        for first, second in ((0, 1), (1, 0)) if both_ways else ((0, 1),):
            only = [
                e
                for i, e in lists[first].items()
                if i not in lists[second] and (e.central_asia or not regional)
            ]
            names = joined_names([e.name for e in only]) if only else "none"
            parts.append(f"{bodies[first].name}, not {bodies[second].name}: {names}")
        facts = [fact for _, fact in found]
        sides = "; ".join(f"{fact.statement.rstrip('.')} {citation_marks(facts, fact)}" for fact in facts)
        result = Answer(q, True, None, facts, total=len(facts), lead=[(parts[0], facts[0])])
        result.answer = f"{'; '.join(parts)} — {sides}"
        return result

    async def _members_listed(
        self, q: Question, rows: Sequence[SearchRow], bm25: dict[int, float], concepts: list[Concept]
    ) -> Roster | None:
        """ "Who were the members of the Shanghai Five?", "how many members did it have?": the list of the one
        body's members that no fact calls members ("… among China, Russia, Kazakhstan, Kyrgyzstan and
        Tajikistan"), where it is the body's only list or the only one saying it lists members. None where the
        question asks anything else, or which of several lists is meant is not said."""
        if q.polar or len(q.entities) != 1 or q.entities[0].type != "organisation":
            return None
        if q.answer_type not in {"entities", "person"} and q.intent != "how_many":
            return None
        body = q.entities[0]
        if not _has_members(body):
            return None
        members = [c for c in concepts if c.own & (_MEMBER_STEMS | _FOUNDING_STEMS)]
        if not members or any(c not in members and not c.own <= _MEMBER_KINDS for c in concepts):
            return None
        marks = _FOUNDING_STEMS if any(c.own & _FOUNDING_STEMS for c in members) else _MEMBER_STEMS
        found = await self._roster_of(q, body, rows, bm25, marks)
        return found[0] if found is not None else None

    async def _roster_answer(
        self,
        q: Question,
        country: EntityRecord,
        body: EntityRecord,
        asked: list[Concept],
        rosters: list[Roster],
        judged: Sequence[Judged],
    ) -> Answer | None:
        """ "Yes — <the list naming the country>"; "The sources name A, B and C, not X — <the whole list>", with
        the facts naming the country with the body beside it. Only lists whose statements say what was asked
        (members, or founders; see `_MEMBER_STEMS`), or a body's only list: "is Iran a member of the SCO?" is
        settled by the list of full members, not the list of observers that names Iran. None, too, where the
        only lists leaving the country out are samples ("members include …"), which say nothing of who is not
        in."""
        facts = await self.store.facts_by_rids([r.judged.row.rid for r in rosters])
        said = {f.id: frozenset(statement_stems(f.statement)) for f in facts}
        founding = any(c.own & _FOUNDING_STEMS for c in asked)
        marks = _FOUNDING_STEMS if founding else _MEMBER_STEMS
        saying = [r for r in rosters if not marks.isdisjoint(said.get(r.judged.row.id, ()))]
        if not saying and len(rosters) > 1:
            return None  # which list it would be is not said: full members, observers, partners
        if founding or any(c.own & _MEMBER_STEMS for c in asked):
            # (the country in another of the body's lists, "Belarus among the observers": shown beside the members)
            elsewhere = [r for r in rosters if country in r.listed and r not in saying]
            rosters = saying or rosters
        else:
            # "Is Turkey part of the SCO?", "does Minsk have a seat in it?": any standing is a place in it; the
            # members' list, where none names the country.
            elsewhere = []
            if not any(country in r.listed for r in rosters):
                rosters = saying or rosters
        naming = [r for r in rosters if country in r.listed]
        if naming:
            shown = await self.store.facts_by_rids([r.judged.row.rid for r in naming[: 1 + _ALSO_SHOWN]])
            fact = shown[0]
            result = Answer(q, True, None, shown, total=len(shown), lead=[(country.name, fact)])
            result.answer = f"Yes — {fact.statement.rstrip('.')} {citation_marks(shown, fact)}"
            return result
        if not country.central_asia and not any(
            body.id in j.row.entity_ids for j in judged if country.id in j.row.entity_ids
        ):
            # "Is Japan a full member of the SCO?": the lists are of the region's states and the body's partners;
            # a country the sources never place beside the body is not said to be out of it.
            return None
        whole = [
            r
            for r in rosters
            if country.id not in r.judged.row.entity_ids
            and _PARTIAL.isdisjoint(said.get(r.judged.row.id, ()))
        ]
        if not whole:
            return None
        best = whole[0]
        # (the list naming the country under another standing first, then the facts naming the two together)
        beside = {
            j.row.rid: j
            for j in [
                *(r.judged for r in elsewhere[:1]),
                *(j for j in judged if country.id in j.row.entity_ids and body.id in j.row.entity_ids),
            ]
            if j.row.rid != best.judged.row.rid
        }
        result = await self._listed_without_answer(
            q, best.judged, country, best.listed, list(beside.values())
        )
        if elsewhere and result.answer is not None:
            other = result.facts[1]
            result.answer += f"; {other.statement.rstrip('.')} {citation_marks(result.facts, other)}"
        return result
