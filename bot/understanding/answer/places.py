"""Places and seats: whether a fact puts something in a place, and where it says a thing asked about is."""

from __future__ import annotations

import re

from bot.factbase.store import FactRecord
from bot.factbase.text import MONTH_NAMES
from bot.understanding.answer.kinds import PLACE_TYPES
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.statements import statement_stems
from bot.understanding.question.model import Question

_PLACING = frozenset({"in", "at", "near"})  # the stems before a place a fact puts something in
# A name a statement puts something in or at, capitalised word by word: "in Virginia", "at the College of …".
_IN_NAME = re.compile(r"\b(?:in|at) (?:the )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)")
# What describes a thing just named: "AidData (a research lab at …)", "ANKASAM, a think tank in Ankara,".
_DESCRIBING = re.compile(r" \((?:a|an|the) [^)]*\)|, (?:a|an|the) [^,.;]*")


class PlacesMixin(NamingMixin):
    """Where a fact puts things."""

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
