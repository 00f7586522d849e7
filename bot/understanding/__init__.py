"""Question understanding: from a researcher's question to the facts that answer it (no Discord here).

`/search`, the console, `briefbot ask` and the digests' topic focus all come through `answer_question`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.factbase.text import fold
from bot.factbase.thesaurus import Thesaurus
from bot.search import EntityIndex, fts_or
from bot.understanding.answer import Answer, Answerer
from bot.understanding.question import Question, understand

if TYPE_CHECKING:
    from bot.briefs import Briefs

__all__ = ["Answer", "Answerer", "Question", "answer_question", "topic_match", "understand"]


class Answering(Protocol):
    """The parts of the opened core that answer questions (`bot.core.Core` has them)."""

    @property
    def briefs(self) -> Briefs: ...

    @property
    def answerer(self) -> Answerer: ...


async def answer_question(
    core: Answering, text: str, *, country: str | None = None, kind: str | None = None
) -> Answer:
    """Answer `text`, optionally only from facts about `country` (a name, alias or id) or of `kind`.

    An unknown country raises `UserError` with a did-you-mean, as every command does."""
    entity = core.briefs.resolve(country, {"country"}, "country").entity if country else None
    return await core.answerer.answer(text, country=entity, kind=kind)


def topic_match(entities: EntityIndex, thesaurus: Thesaurus, topic: str) -> str | None:
    """The full-text MATCH for a digest's topic focus: any word of the topic read as a question reads it (the
    thesaurus's alternatives included) or any entity it names; None when it names nothing to match."""
    q = understand(topic, entities, thesaurus)
    tokens = [alt for c in q.concepts for alt in c.alternatives]
    tokens += [fold(e.name) for e in q.entities] + [str(y) for y in q.years]
    match = fts_or(dict.fromkeys(t for t in tokens if t))
    return match or None
