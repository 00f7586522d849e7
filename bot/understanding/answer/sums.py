"""Sums the sources never give: a total asked for over figures the curators measured alike, added up from its
parts and marked as added, or said to be missing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.factbase.store import FactRecord
from bot.factbase.text import fold
from bot.understanding.answer.candidates import RANKED
from bot.understanding.answer.lines import LinesMixin, citation_marks
from bot.understanding.answer.naming import TOTALLING
from bot.understanding.answer.results import Answer, Judged
from bot.understanding.answer.statements import statement_stems
from bot.understanding.pairs import SUMMED, format_amount
from bot.understanding.question.model import Question


class SumsMixin(LinesMixin):
    """The answer line of a question asking for a total, when the sources give only its parts."""

    async def _sum_of_parts(self, q: Question, result: Answer, judged: Sequence[Judged]) -> None:
        """ "How much did the two loans come to in total?": when the best figure is not itself a total but one of
        several the curators measured alike (each a different thing's, `Figure.measure`), the answer line says the
        sources give no total. The parts whose statements say all the best one's says of the question are added
        up, marked as added here, when they are amounts that add (money or a count, never shares); the facts
        holding them come first."""
        best = result.lead[0][1]
        figure = best.figure or {}
        measure, unit = figure.get("measure"), figure.get("unit")
        if not measure or any(f" {w} " in f" {fold(best.statement)} " for w in TOTALLING):
            return  # a figure no other is measured alike with, or one the source gives as a total
        window = [j.row.rid for j in judged[:RANKED] if j.row.figure_unit == unit]
        alike = [
            f for f in await self.store.facts_by_rids(window) if (f.figure or {}).get("measure") == measure
        ]
        if all((f.figure or {}).get("subject") == figure.get("subject") for f in alike):
            return  # nothing else is measured alike: the figure is the whole the sources give
        # What the best fact's statement says of the question, but for the words asking for a sum ("combined").
        said = set(statement_stems(best.statement))
        asked = [c for c in q.concepts if c.said_in(said) and not SUMMED.search(c.text)]
        parts: list[FactRecord] = []
        for fact in [best, *alike]:
            stems = set(statement_stems(fact.statement))
            subjects = {(p.figure or {}).get("subject") for p in parts}
            if all(c.said_in(stems) for c in asked) and (fact.figure or {}).get("subject") not in subjects:
                parts.append(fact)
        facts = parts + [f for f in result.facts if f not in parts]
        lines = "; ".join(
            f"{(p.figure or {})['as_written']}: {p.statement.rstrip('.')} {citation_marks(facts, p)}"
            for p in parts
        )
        if unit != "percent" and len(parts) >= 2 and all((p.figure or {}).get("value") for p in parts):
            rough = "about " if any((p.figure or {}).get("qualifier") for p in parts) else ""
            total = format_amount(sum(float((p.figure or {})["value"]) for p in parts), str(unit))
            result.answer = (
                f"The sources give no total; the {len(parts)} parts add up to {rough}{total} — {lines}"
            )
        else:
            kind = "its parts" if len(parts) >= 2 else "one part"
            result.answer = f"The sources give no total, only {kind} — {lines}"
        result.facts = facts[: max(len(result.facts), len(parts))]
        result.lead = [(str((p.figure or {})["as_written"]), p) for p in parts]
