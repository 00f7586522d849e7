"""Roles and office holders: "who is the president of X?" answered by the person a fact names next to the
role, now rather than formerly; the roles the people named hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bot.factbase.stems import stem, stems_of
from bot.factbase.text import fold
from bot.search.query import STOPWORDS
from bot.understanding.answer.dates import _year_or_zero
from bot.understanding.answer.kinds import ACTOR_TYPES, PERSON_TYPES
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.results import Judged
from bot.understanding.question.model import Concept, Question

ROLE_CANDIDATES = 40  # answering facts checked for a person named next to the role asked about
ROLE_WINDOW = 5  # words: "Nursultan Nazarbayev resigned from the Kazakh presidency"
_LIST_JOINS = frozenset({"and", "or"})  # the words that may join a list's last name to the one before
# Words asking what a person's role is ("her role at AidData", "his job", "what position does she hold").
ROLE_ASKED = frozenset(
    stem(w)
    for w in ("role", "job", "position", "post", "title", "rank", "office", "occupation", "profession")
)
STOPWORD_STEMS = frozenset(stem(w) for w in STOPWORDS)
# Words that make a role holder a past one ("resigned from the presidency", "former president").
FORMER = frozenset(stem(w) for w in ("former", "resigned", "ex", "previous", "outgoing", "late", "erstwhile"))


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
        at: dict[str, list[int]] = {}
        for name, stems in names.items():
            at_name = at[name] = [i for i, t in enumerate(tokens) if t in stems]
            gaps = [abs(i - j) for i in at_role for j in at_name]
            if gaps and min(gaps) <= ROLE_WINDOW:
                distance[name] = min(distance.get(name, ROLE_WINDOW), min(gaps))
        for name, place in _listed_on(tokens, at, set(distance)):
            distance.setdefault(name, ROLE_WINDOW + 1 + place)
    return sorted(distance, key=lambda n: distance[n])


def _listed_on(tokens: Sequence[str], at: dict[str, list[int]], held: set[str]) -> list[tuple[str, int]]:
    """The names a list goes on with past the role's window, each with its place in the text: "the SCO's full
    members were China, Kazakhstan, Kyrgyzstan, Russia, …, India and Pakistan" holds all eight, not the three
    nearest the role. A name joins when it stands right after one held (a comma or "and" between, nothing
    else: "… Tokayev met Xi" is no list)."""
    taken = {i for name in held for i in at.get(name, [])}
    found: list[tuple[str, int]] = []
    grown = True
    while grown:
        grown = False
        for name, places in at.items():
            if name in held or not places:
                continue
            start = min(places)
            if start - 1 in taken or (start - 2 in taken and tokens[start - 1] in _LIST_JOINS):
                held.add(name)
                taken.update(places)
                found.append((name, start))
                grown = True
    return found


def _near(tokens: Sequence[str], at_role: list[int], names: set[str] | frozenset[str]) -> bool:
    """Whether a word of a name stands within ROLE_WINDOW words of the role."""
    at_name = [i for i, t in enumerate(tokens) if t in names]
    return any(abs(i - j) <= ROLE_WINDOW for i in at_role for j in at_name)


# The words between a role and the body it is the head of: "head of the Secretariat", "heads the institute".
_OF_BODY = frozenset(
    {"of", "the", "heads", "head", "headed", "runs", "ran", "leads", "led", "directs", "chairs"}
)


def _role_body(q: Question) -> Concept | None:
    """The concept right after the role a who question asks about when only "of (the)" or the verb of heading
    stands between ("the head of the Secretariat", "who heads the Secretariat"): the body whose post it is."""
    if len(q.concepts) < 2:
        return None
    words = fold(q.text).split()
    following = q.concepts[1].text.split()
    for k in range(1, len(words) - len(following) + 1):
        if words[k : k + len(following)] == following:
            before = words[max(0, k - 2) : k]
            return q.concepts[1] if before and all(w in _OF_BODY for w in before) else None
    return None


class RolesMixin(NamingMixin):
    """Who holds the role asked about, and the roles of the people named."""

    def _roles_asked(self, q: Question) -> None:
        """For "what is Custer's role at AidData?": the roles the entities give the people named ("director of
        policy analysis at AidData"), which a fact says in the sources' words (see `_judge`). Read once per
        question, and only when a concept asks for a role."""
        if any(c.own and c.own <= ROLE_ASKED for c in q.concepts):
            q.roles = [
                r for e in q.entities if e.type == "person" and (r := self._part(e.id) - STOPWORD_STEMS)
            ]

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
        # "Who heads the Secretariat?", "the director of the institute": the body whose head is asked must be
        # said beside the holder (a director of another institute holds another post).
        body = _role_body(q)
        kept = []
        former: set[int] = set()
        quoted: set[int] = set()
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
            if body is not None and not any(body.said_in(set(t)) for t in texts):
                continue
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
                if not _holders(texts[:1], roles[:1], names, anchors):
                    # Named next to the role only in a quote, which often says more than the fact is about: "the
                    # SCO's observers were …", quoted from a sentence listing its full members too.
                    quoted.add(judged.row.rid)
        if q.current:
            # "Who is the president": a holder the sources do not call former first, the latest date first.
            kept.sort(key=lambda j: (j.row.rid in former, -_year_or_zero(j.row.date), j.row.rid in quoted))
        else:
            kept.sort(key=lambda j: j.row.rid in quoted)
        return kept

    def _role_owners(
        self, q: Question, singles: frozenset[str], phrases: Sequence[tuple[str, ...]]
    ) -> set[str]:
        """The countries the question says the role is of: named just before it ("Kazakhstan's", "Kazakh") or
        after it ("… of Kazakhstan", "… in Dushanbe")."""
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
                    # ("the head of state in Dushanbe": the office there)
                    a in {"of", "for", "in"} and b in names
                    for a, b in itertools.pairwise(after)
                ):
                    owners.add(entity.id)
        return owners
