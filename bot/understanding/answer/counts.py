"""Counts and lists: whether a figure's unit counts what "how many" asks, and the things a statement lists
where no figure counts them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.factbase.stems import stem, stems_of
from bot.factbase.store import FactRecord
from bot.factbase.text import NUMBER_WORDS, fold
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.results import Judged
from bot.understanding.answer.statements import counted_in_years, facts_linked, statement_stems
from bot.understanding.question.kinds import ENTITY_TYPE_NOUNS
from bot.understanding.question.model import Concept, Question

LIST_CANDIDATES = 20  # facts read for a list of the things "how many" counts


TIME_UNITS = frozenset({"years", "months", "days", "weeks", "decades", "hours"})


def _counts_things(unit: str) -> bool:
    """A unit that counts things ("countries", "companies", "people"), which "how much" never asks for."""
    last = unit.rsplit(" ", 1)[-1]
    return last in {"people", "personnel", "staff"} or (last.endswith("s") and last not in TIME_UNITS)


GENERAL_COUNTS = frozenset({"people", "persons", "times", "items"})


# "How many of the …", "how many of its …": those of a group that do what is asked.
_OF_THE = re.compile(r"\bhow many of (?:the|its|their|china's|beijing's)\b", re.I)


def _regional(concept: Concept) -> bool:
    """Whether a concept names the Central Asian states ("the stans", "the five republics", "the region's")."""
    return any(a.startswith("central asia") for a in concept.alternatives)


def _unit_counts(counted: list[Concept], unit: str) -> bool:
    """Whether a figure's unit is what "how many" counts (in the question's words or the thesaurus's; a phrase
    by its last word: "private security companies" in "companies"), or a count as general as "people"."""
    heads = {alternative[-1] for c in counted for alternative in c.stems if alternative}
    return (
        not heads.isdisjoint(stem(w) for w in unit.split())
        or unit.rsplit(" ", 1)[-1] in GENERAL_COUNTS
        or any(counted_in_years(c, unit) for c in counted)
    )


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


# Words between a number and the thing it counts: "five Central Asian countries", "12 South and Central Asian
# countries".
COUNT_LEAD = 5
# Words for a part of a whole counted after "of": "most of the five", "all of the 12".
PARTS_OF = frozenset({"most", "all", "some", "many", "few", "none", "each", "both", "half", "majority"})


def number_before(statement: str, concept: Concept, asked: Sequence[Concept] = ()) -> str | None:
    """The number, as written, that a statement puts just before saying `concept`: "the five Central Asian
    countries" -> "five". Not a year ("In 2003 the SCO member states"), not a share or an ordinal. `asked`: the
    question's concepts; "the 12 South and Central Asian countries" counts countries, but not Central Asian ones."""
    tokens = _LIST_TOKENS.findall(statement)
    stems = [stem(fold(t)) if t[:1].isalnum() else t for t in tokens]
    for i in range(len(tokens)):
        ends = [len(p) for p in concept.phrases if p <= set(stems[max(0, i - len(p) + 1) : i + 1])]
        if not ends and not concept.said_in({stems[i]}):
            continue
        start = i - (max(ends) - 1 if ends else 0)
        if tokens[i + 1 : i + 2] == ["and"] and tokens[i + 2 : i + 3] and tokens[i + 2][:1].isupper():
            # "the five Central Asian countries and South Asia": five counts only a part of what is named
            return None
        for k in range(start - 1, max(start - 1 - COUNT_LEAD, -1), -1):
            token = tokens[k].casefold()
            if token in NUMBER_WORDS or (token.isdigit() and len(token) < 4):
                before = [t.casefold() for t in tokens[max(k - 3, 0) : k]]
                if "of" in before and any(
                    t in NUMBER_WORDS or t.isdigit() or t in PARTS_OF for t in before[: before.index("of")]
                ):
                    # "Four of the five Central Asian countries", "most of the five": five is the whole, not the
                    # count. ("The greatest volume of the 12 countries it examined": it examined 12.)
                    return None
                if before[-1:] in (["-"], [","], ["."]):
                    return None  # part of a name ("Covid-19 vaccines") or of a larger number ("5,000")
                if (before[-1:] and before[-1] in _MONEY_SIGNS) or tokens[k + 1].casefold() in _AMOUNT_SCALES:
                    return None  # an amount, not a count: "a $5 billion loan" is one loan
                return tokens[k]
            if token == "and" and tokens[k - 1][:1].isupper() and tokens[k + 1][:1].isupper():
                # Inside a name: "the 12 South and Central Asian countries" (which are not 12 Central Asian ones:
                # not when what is counted, or another thing asked, is said after the "and")
                if start == k + 1 or any(
                    c.said_in(set(stems[k + 1 : start])) for c in asked if c is not concept
                ):
                    break
                continue
            if not tokens[k][:1].isalpha() or token in {"of", "in", "and", "or", "to", "than", "per"}:
                break  # "four of the five": the number counts something else
    return None


# "an investment agreement was signed on …", "a $1.7 billion loan": a fact about one of the things counted.
_ONE = frozenset({"a", "an", "one"})
_MONEY_SIGNS = frozenset({"$", "€", "£", "¥"})
_AMOUNT_SCALES = frozenset(
    {"thousand", "million", "mn", "mln", "billion", "bn", "trillion", "tn", "percent", "%"}
)
ONE_LEAD = 3  # words between "a" and the thing: "a new investment agreement"
ONE_EACH_MOST = 8  # facts, each about one thing, counted as a count (more is a topic, not a tally)


def says_one(statement: str, concept: Concept) -> bool:
    """Whether a statement says `concept` as one thing ("an investment agreement", "a loan"), not as many or as
    a kind ("investment agreements", "the agreement's terms")."""
    tokens = _LIST_TOKENS.findall(statement)
    stems = [stem(fold(t)) if t[:1].isalnum() else t for t in tokens]
    for i in range(len(tokens)):
        if tokens[i][:1].isupper() or not concept.said_in({stems[i]}) or tokens[i].casefold().endswith("s"):
            continue
        words = 0
        for k in range(i - 1, -1, -1):
            token = tokens[k].casefold()
            if token in _ONE:
                return True
            if token.isdigit() or token in _MONEY_SIGNS or token in {".", ","} or token in _AMOUNT_SCALES:
                continue  # the amount of the one thing: "a $1.7 billion loan"
            words += 1
            if (
                words > ONE_LEAD
                or not token[:1].isalpha()
                or token in {"of", "the", "and", "or", "its", "their"}
            ):
                break
    return False


NAMED_SHARE = 0.75  # of the question's concepts a fact counting the things it names as a list must say
ENUMERATION_GAP = 4  # words between two things of a list: ", the", "and Tajikistan's President"


def _enumerated(statement: str, names: Sequence[Sequence[Sequence[str]]]) -> bool:
    """Whether a statement names the things one after another, as a list ("with the US, Germany and Britain"), not
    each in a clause of its own ("Turkmenistan is the second-largest recipient of Chinese financing" names two
    countries and counts none). `names`: each thing's names, as stems."""
    tokens = [t for t in _LIST_TOKENS.findall(statement) if t[:1].isalnum() or t == ","]
    stems = [t if t == "," else stem(w) for t in tokens for w in (fold(t).split() or [t])]
    spans: list[tuple[int, int]] = []
    for alternatives in names:
        found = [
            (i, i + len(name))
            for name in alternatives
            if name
            for i in range(len(stems) - len(name) + 1)
            if tuple(stems[i : i + len(name)]) == tuple(name)
        ]
        if not found:
            return False  # named only in a way the words do not show in order
        spans.append(min(found))
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        between = stems[end:start]
        if len(between) > ENUMERATION_GAP or not ("," in between or "and" in between):
            return False
    return True


# Names given as examples of more: "such as", "including", "for example", "among others".
_EXAMPLES = re.compile(
    r"\b(?:such as|including|for example|for instance|e\.g\.|among others|among them)\b", re.I
)


# A list of kinds in brackets after a count: "18 states (full members, observers and dialogue partners)".
_BRACKETED = re.compile(r"\(([^()]*(?:,| and | or )[^()]*)\)")


def union_part(
    statement: str, asked: Sequence[Concept], against: AbstractSet[str] = frozenset()
) -> Concept | None:
    """The word asked that a statement says only as one of the kinds its count is made of: "18 states (full
    members, observers and dialogue partners)" counts all three, not the observers a question asks about. None
    when it says none so."""
    inside = [set(stems_of(m.group(1))) for m in _BRACKETED.finditer(statement)]
    if not inside:
        return None
    outside = set(stems_of(_BRACKETED.sub(" ", statement)))
    parts = [
        c
        for c in asked
        if not c.counted
        and c.text not in against
        and any(c.said_in(part) for part in inside)
        and not c.said_in(outside)
    ]
    # ("counting observers and dialogue partners": two of the kinds asked, the whole is)
    return parts[0] if len(parts) == 1 else None


# Links saying two facts report one thing (one source confirming another, or giving it otherwise); "elaborates"
# links things of a piece ("the same early-2011 package": two loans).
_SAME_THING = frozenset({"corroborates", "differs"})


class CountsMixin(NamingMixin):
    """The things a statement lists, for "how many"."""

    # ------------------------------------------------------------------ how many, counted in a list

    async def _counts_of_several(
        self, q: Question, answering: Sequence[Judged], known: list[Concept]
    ) -> dict[int, Concept]:
        """ "How many countries were SCO observers?": the answering facts whose figure counts several kinds ("18
        states (full members, observers and dialogue partners)"), more than was asked, each with the one kind of them
        asked about; the list of that kind counts it. None where the question asks for the whole."""
        counting = [j for j in answering if j.counts]
        if q.whole_counted or not counting:
            return {}
        read = await self.store.facts_by_rids([j.row.rid for j in counting[:LIST_CANDIDATES]])
        return {
            f.rid: part
            for f in read
            if (part := union_part(f.statement, known, q.kinds_set_against)) is not None
        }

    async def _lists(self, q: Question, judged: Sequence[Judged], known: list[Concept]) -> list[Judged]:
        """For "how many <things>" that no figure counts: the facts whose statement lists those things by name
        ("the SCO's full members were China, Kazakhstan, … and Pakistan"), each with the number it lists.
        `known`: the concepts the facts were judged on (their `weights` follow it)."""
        counted = next((c for c in known if c.counted), None)
        # (only where no fact answers already: "four of the five Central Asian countries are members" says it)
        of_the_region = (
            counted is None and _OF_THE.search(q.text) is not None and not any(j.answers for j in judged)
        )
        if of_the_region:
            # "How many of the five republics border Xinjiang?": the region's states a fact names (the region's
            # words are no noun a figure's unit could count, and "the five" is the whole, not the count).
            counted = next((c for c in known if _regional(c)), None)
        if counted is None or q.amount or q.units or q.counted_entity is not None:
            # "how many km of frontier" asks for a measure, not a count of names; "how many Confucius Institutes"
            # for a count of a thing the sources name as one (a list naming it, "Confucius Institutes and
            # Mandarin test centres", does not count it).
            return []
        at = known.index(counted)
        candidates = [j for j in judged if j.relevant and j.weights and j.weights[at] >= 0.9]
        candidates = candidates[:LIST_CANDIDATES]
        facts = {f.rid: f for f in await self.store.facts_by_rids([j.row.rid for j in candidates])}
        found = []
        for candidate in [] if of_the_region else candidates:
            fact = facts.get(candidate.row.rid)
            n = listed_after(fact.statement, counted, examples=q.names_counted) if fact else 0
            if fact and n >= 2:
                q.listed[fact.id] = n
                found.append(candidate)
        if found:
            return found
        # Else a number the statement puts before the thing counted, where the fact says all else asked: "the
        # five Central Asian countries gained independence" for "how many … gained independence?".
        for candidate in [] if of_the_region else candidates:
            fact = facts.get(candidate.row.rid)
            if (
                fact
                # a fact whose figure counts the thing answers with it; one counting something else ("30 years of
                # relations with the five Central Asian countries") does not
                and not candidate.counts
                and all(candidate.weights)
                and (said := number_before(fact.statement, counted, known))
            ):
                q.listed[fact.id] = said
                found.append(candidate)
        if found:
            return found
        # Else the things of the kind counted that the statement names, besides those the question names: "China
        # clashed at the United Nations with the US, Germany and Britain" for "how many countries clashed with
        # China at the UN?".
        # … or the people it names whose role is the thing counted: "Xi would visit Kazakhstan's President Tokayev
        # and Tajikistan's President Rahmon" for "how many presidents would Xi visit?".
        # (the kind in any of the counted word's synonyms: "schemes" and "ventures" are projects)
        # ("how many of the stans": the region's own states, not China beside them)
        regional = _regional(counted)
        kind = (
            ENTITY_TYPE_NOUNS.get(counted.text)
            or next(
                (type_ for noun, type_ in ENTITY_TYPE_NOUNS.items() if counted.said_in({stem(noun)})), None
            )
            or ("country" if regional else None)
        )
        if kind is not None:
            # (a fact naming the things need not call them by the kind counted: "the US, Germany and Britain"
            # are the governments that confronted Beijing)
            candidates = [j for j in judged if j.relevant and j.weights][:LIST_CANDIDATES]
            missing = [j.row.rid for j in candidates if j.row.rid not in facts]
            facts.update({f.rid: f for f in await self.store.facts_by_rids(missing)} if missing else {})
        asked = {e.id for e in q.entities}
        for candidate in candidates:
            fact = facts.get(candidate.row.rid)
            # (nearly all else asked said: the list is of the things asked about, named as a list)
            if fact is None or candidate.counts or candidate.matched < NAMED_SHARE * len(candidate.weights):
                continue
            line = f" {' '.join(statement_stems(fact.statement))} "
            things = [
                e
                for e in (self.entities.by_id.get(i) for i in fact.entity_ids if i not in asked)
                if e is not None
                and (
                    (e.type == kind and (e.central_asia or not regional))
                    or (
                        kind is None
                        and e.type == "person"
                        and not counted.singles.isdisjoint(self._part(e.id))
                        # ("most Chinese experts, such as …": examples, not all of them)
                        and _EXAMPLES.search(fact.statement) is None
                    )
                )
                and self._named_in(e, line)
            ]
            if len(things) >= 2 and _enumerated(fact.statement, [self._name_stems_of(e) for e in things]):
                q.listed[fact.id] = len(things)
                found.append(candidate)
        if found or of_the_region or q.unknown:
            return found
        return self._one_each(q, candidates, facts, counted, at)

    def _one_each(
        self,
        q: Question,
        candidates: Sequence[Judged],
        facts: dict[int, FactRecord],
        counted: Concept,
        at: int,
    ) -> list[Judged]:
        """Else the facts each saying one of the things counted, and all else asked: "In 2006 an investment
        agreement was signed on …", three times over, for "how many investment agreements were signed in 2006?".
        A word describing the things ("on Tajik infrastructure") may be missed by one fact if another says it;
        facts the curators linked as reports of one thing count once."""
        years = {str(y) for y in q.years}
        group: list[tuple[Judged, FactRecord]] = []
        for candidate in candidates:
            fact = facts.get(candidate.row.rid)
            if (
                fact is None
                or candidate.counts
                or candidate.entities < len(q.entities)
                or (years and (candidate.row.date or "")[:4] not in years)
                or sum(w < 0.9 for i, w in enumerate(candidate.weights) if i != at) > 1
                or not says_one(fact.statement, counted)
                or any(facts_linked(fact, other, _SAME_THING) for _, other in group)
            ):
                continue
            group.append((candidate, fact))
        if not 2 <= len(group) <= ONE_EACH_MOST:
            return []
        if not all(any(j.weights[i] >= 0.5 for j, _ in group) for i in range(len(group[0][0].weights))):
            return []  # a word describing the things that none of them says
        for _, fact in group:
            q.listed[fact.id] = f"{len(group)} (one in each fact shown)"
        return [j for j, _ in group]
