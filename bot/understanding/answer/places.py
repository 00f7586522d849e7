"""Places and seats: whether a fact puts something in a place, and where it says a thing asked about is."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.factbase.store import EntityRecord, FactRecord
from bot.factbase.text import MONTH_NAMES, fold
from bot.understanding.answer.kinds import PLACE_TYPES
from bot.understanding.answer.naming import REGION, NamingMixin
from bot.understanding.answer.statements import statement_stems
from bot.understanding.question.model import Concept, Question

_PLACING = frozenset({"in", "at", "near"})  # the stems before a place a fact puts something in
# The stems before an example: "such as", "like", "including".
_EXAMPLE_LEADS = frozenset({"as", "like", "includ"})
# Before a place a question puts what it asks about in: "deployed in Central Asia", "across the five republics".
_PUT_IN = ("in", "in the", "across", "across the", "within", "inside")
# A name a statement puts something in or at, capitalised word by word: "in Virginia", "at the College of …".
_IN_NAME = re.compile(r"\b(?:in|at) (?:the )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)")
# What describes a thing just named: "AidData (a research lab at …)", "ANKASAM, a think tank in Ankara,".
_DESCRIBING = re.compile(r" \((?:a|an|the) [^)]*\)|, (?:a|an|the) [^,.;]*")


class PlacesMixin(NamingMixin):
    """Where a fact puts things."""

    def _places_in_words(self, fact: FactRecord) -> bool:
        """Whether the fact's statement puts something in or at a place or country. (One the question names
        too: "Kyrgyz" names the country, "in Bishkek" places the press conference.)"""
        return bool(self._placed_in_words(fact, stop_at_first=True))

    def _places_asked(self, q: Question) -> tuple[set[str], list[Concept]]:
        """The places and countries the question puts what it asks about in ("deployed in Kazakhstan"), and the
        regions it names as concepts there ("spent in Central Asia")."""
        said = f" {fold(q.text)} "

        def put_in(names: Sequence[str]) -> bool:
            return any(f" {lead} {fold(n)} " in said for n in names for lead in _PUT_IN)

        places = [e for e in q.entities if e.type in PLACE_TYPES | {"country"}]
        ids = {e.id for e in places if put_in([e.name, *e.aliases])}
        if ids:
            # "… higher in Kazakhstan or Kyrgyzstan?": the place joined to one put in is put in too
            ids |= {
                e.id
                for e in places
                if any(
                    f" {joint} {fold(n)} " in said for n in [e.name, *e.aliases] for joint in ("or", "and")
                )
            }
        regions = [c for c in q.concepts if REGION in c.alternatives and put_in([c.text])]
        return ids, regions

    def _elsewhere(self, fact: FactRecord, ids: set[str], regions: Sequence[Concept]) -> bool:
        """Whether a fact puts what it tells of only in places other than those asked: "in countries such as Iraq,
        Sudan and Pakistan" for a figure asked in Central Asia."""
        if ids.intersection(fact.entity_ids):
            return False
        said = set(statement_stems(fact.statement))
        if any(c.said_in(said) for c in regions):
            return False
        placed = self._placed_in_words(fact)
        return bool(placed) and not any(e.id in ids or (regions and e.central_asia) for e in placed)

    def _placed_in_words(self, fact: FactRecord, *, stop_at_first: bool = False) -> list[EntityRecord]:
        """The places and countries the fact's statement puts something in or at, in the order it names them."""
        said = statement_stems(fact.statement)
        mentions: list[tuple[int, int, EntityRecord]] = []  # where a name starts and ends, and whose it is
        for entity_id in fact.entity_ids:
            entity = self.entities.by_id.get(entity_id)
            if entity is None or entity.type not in PLACE_TYPES | {"country"}:
                continue
            for name in self._name_stems_of(entity):
                size = len(name)
                mentions.extend(
                    (k, k + size, entity)
                    for k in range(1, len(said) - size + 1)
                    if size and said[k : k + size] == name
                )
        placed: list[EntityRecord] = []
        ends: set[int] = set()  # where a placed name ends: the next in its list is placed too
        for start, end, entity in sorted(mentions, key=lambda m: m[0]):
            before = said[start - 1]
            if (
                before in _PLACING  # "in Bishkek"
                or (before == "the" and start >= 2 and said[start - 2] in _PLACING)  # "at the Xian meeting"
                # "in countries such as Iraq", "in places like Xinjiang"
                or (before in _EXAMPLE_LEADS and _PLACING.intersection(said[max(0, start - 5) : start - 1]))
                # "… Iraq, Sudan and Pakistan": the rest of a list of places
                or start in ends
                or (before in {"and", "or"} and start - 1 in ends)
            ):
                ends.add(end)
                if entity not in placed:
                    placed.append(entity)
                    if stop_at_first:
                        break
        return placed

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
