"""An `Answer` as a `Brief`: the answer line or the "not covered" line first, then the facts shown."""

from __future__ import annotations

from typing import Any

from bot.briefs import Brief, BriefBuilder, echo, figures_title
from bot.factbase.store import EntityRecord, FactStore
from bot.understanding.answer import Answer, Answerer

ANSWER_SECTION = "What the sources say"
FIGURES_SECTION = "Figures"
RELATED_SECTION = "Related facts (they do not answer the question)"


async def answer_brief(
    store: FactStore,
    answer: Answer,
    key: dict[str, Any],
    *,
    title: str | None = None,
    kind: str = "search",
    section: str = ANSWER_SECTION,
) -> Brief:
    b = BriefBuilder(store, kind, title or f"Search: {echo(answer.question.text)}", key)
    for fact in answer.facts:
        b.cite(fact)  # numbered in the order shown, as the answer line cites them
    if answer.covered:
        b.brief.description = answer.answer
        await b.section(section, answer.facts, answer.total)
    else:
        b.brief.found = False
        b.brief.description = answer.notice
        await b.section(RELATED_SECTION, answer.facts)
    if answer.question.respelled:
        # Say how the question was read, so a word taken for a slip that was meant can be asked again.
        read = ", ".join(
            f"{echo(typed, 30)} as {echo(word, 30)}" for typed, word in answer.question.respelled
        )
        b.brief.description = " ".join(filter(None, [f"(Read {read}.)", b.brief.description]))
    return await b.finish()


async def figure_brief(
    store: FactStore, answerer: Answerer, query: str, country: EntityRecord | None
) -> Brief:
    """/figure with a query: the figures that answer it read as a question ("gas pipeline capacity" asks for a
    capacity, and is told plainly when the sources give none), not every figure sharing a word with it."""
    answer = await answerer.answer(query, country=country, figures_only=True)
    key = {"command": "figure", "query": query, "country": country.id if country else None}
    title = figures_title(query, country)
    return await answer_brief(store, answer, key, title=title, kind="figure", section=FIGURES_SECTION)
