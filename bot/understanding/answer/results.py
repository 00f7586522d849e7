"""What judging and answering produce: a fact judged against a question (`Judged`) and the answer
(`Answer`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.factbase.store import FactRecord, SearchRow
from bot.understanding.question.model import Question


@dataclass(slots=True)
class Judged:
    row: SearchRow
    score: float
    concepts: float  # share of the concepts the fact says (0..1)
    concepts_in_text: int  # concepts it says in its own statement or quotes
    entities: int  # named entities it concerns (or names in its text)
    listed: int  # named entities in its entity list
    answers: bool
    matched: int = 0  # concepts it says at all
    weights: tuple[float, ...] = ()  # how fully it says each concept (as `concept_weight`)
    counts: bool = False  # its figure's unit is what "how many" counts ("personnel", not "companies")
    relevant: bool = False  # it would answer but for the kind of answer expected (a list, where a figure is)
    fits: bool = False  # it holds the kind of answer expected (a person for "who", a place for "where")
    names_kind: bool = False  # its words name a thing of the kind "which <kind>" asks for


@dataclass(slots=True)
class Answer:
    """What `/search`, the console, `briefbot ask` and scripts get for a question."""

    question: Question
    covered: bool
    answer: str | None  # the direct answer line, with citation numbers as shown
    facts: list[FactRecord]  # in the order shown
    notice: str | None = None  # the first line when the sources do not answer
    total: int = 0  # answering facts found (facts holds at most MAX_SHOWN of them)
    lead: list[tuple[str, FactRecord]] = field(default_factory=list)  # (answer value, fact) behind `answer`

    @property
    def fact_ids(self) -> list[str]:
        return [f.id for f in self.facts]

    def to_json(self) -> dict[str, Any]:
        return {
            "covered": self.covered,
            "answer": self.answer,
            "facts": [
                {
                    "id": f.id,
                    "statement": f.statement,
                    "citations": [
                        {"source": c.source_id, "quote": c.quote, "start": c.start, "end": c.end}
                        for c in f.citations
                    ],
                }
                for f in self.facts
            ],
        }
