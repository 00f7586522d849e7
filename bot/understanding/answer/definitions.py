"""What a thing is, asked as a definition ("how does Serikkaliyeva define the Beijing Consensus", "what is meant by
the Shanghai Spirit"): a fact that only mentions the thing ("China is using the SCO to implement the 'Beijing
Consensus'") does not say what it is. One that names it and goes on to say what it is, or what it holds, does.
"""

from __future__ import annotations

import re

from bot.factbase.store import EntityRecord
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.results import Judged
from bot.understanding.question.model import Question

# What follows a thing's name where a statement says what it is: "X (…)", "X: …", "X, a …", "X is …", "X holds …".
_DEFINING_AFTER = (
    r"\W{0,3}\s*(?:\(|:|[—–]|,\s+(?:a|an|the|which|that|whose)\b|\s(?:is|are|was|were|means|meant|refers|stands"
    r"|consists|comprises|comprised|includes|included|calls|called|emphasi[sz]es|emphasi[sz]ed|stresses|stressed"
    r"|holds|held|advocates|advocated|rests|rested|centres|centers|combines|envisages|envisions|aims|aimed|seeks"
    r"|sought|promotes|promoted|rejects|rejected|puts|put|embodies|embodied|entails|involves|covers)\b)"
)


_TERM_DEFINING_AFTER = (
    r"\W{0,3}\s*(?:\(|:|[—–]|,?\s+(?:such as|including|namely|that is)\b|\s(?:means|meant|refers|stands for|consists"
    r"|comprises|comprised|encompasses|covers|is defined|denotes)\b)"
)


class DefinitionsMixin(NamingMixin):
    """The facts that say what a thing asked to be defined is."""

    async def _defining(self, q: Question, answering: list[Judged]) -> list[Judged]:
        if q.defined:
            things = [e for e in q.entities if e.id in q.defined]
            return await self._saying(answering, [_defined_in(e) for e in things])
        # A term, not a thing the sources name: the facts saying what it holds, where any does.
        term = next((c for c in q.concepts if c.text == q.defined_term), None)
        if term is None or not any(" " in a for a in term.alternatives):
            return answering
        return await self._saying(answering, [_term_defined_in(term.alternatives)]) or answering

    async def _saying(self, answering: list[Judged], patterns: list[re.Pattern[str]]) -> list[Judged]:
        """The facts whose statement or a quote matches one of the patterns."""
        facts = {f.rid: f for f in await self.store.facts_by_rids([j.row.rid for j in answering])}
        return [
            j
            for j in answering
            if (fact := facts.get(j.row.rid)) is not None
            and any(
                p.search(text)
                for p in patterns
                for text in (fact.statement, *(c.quote for c in fact.citations))
            )
        ]


def _term_defined_in(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """A term followed by what it holds: "financial diplomacy — infrastructure projects, budget support …",
    "X (…)", "X: …", "X, such as …", "X means …" (not "X is …": "financial diplomacy is associated with …" says
    something of it, not what it is)."""
    names = "|".join(re.escape(a) for a in sorted(alternatives, key=len, reverse=True) if " " in a)
    return re.compile(rf"\b(?:{names}){_TERM_DEFINING_AFTER}", re.IGNORECASE)


def _defined_in(entity: EntityRecord) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted({entity.name, *entity.aliases}, key=len, reverse=True) if n)
    return re.compile(rf"\b(?:{names}){_DEFINING_AFTER}", re.IGNORECASE)
