"""An `Answer` as a `Brief`: the answer line or the "not covered" line first, then the facts shown."""

from __future__ import annotations

from typing import Any

from bot.briefs import Brief, BriefBuilder, echo
from bot.factbase.store import FactStore
from bot.understanding.answer import Answer

ANSWER_SECTION = "What the sources say"
RELATED_SECTION = "Related facts (they do not answer the question)"


async def answer_brief(
    store: FactStore, answer: Answer, key: dict[str, Any], *, title: str | None = None
) -> Brief:
    b = BriefBuilder(store, "search", title or f"Search: {echo(answer.question.text)}", key)
    for fact in answer.facts:
        b.cite(fact)  # numbered in the order shown, as the answer line cites them
    if answer.covered:
        b.brief.description = answer.answer
        await b.section(ANSWER_SECTION, answer.facts, answer.total)
    else:
        b.brief.found = False
        b.brief.description = answer.notice
        await b.section(RELATED_SECTION, answer.facts)
    return await b.finish()
