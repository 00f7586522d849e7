"""What every part of the answerer shares: the opened fact base, the caches kept per entity, and reading a
question.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.factbase.records import Memo
from bot.factbase.store import FactStore
from bot.factbase.thesaurus import Thesaurus
from bot.search import EntityIndex, EntityLookup, Searcher
from bot.understanding.answer.results import Answer
from bot.understanding.question.model import Question
from bot.understanding.question.reading import understand


class AnswererBase:
    """The opened fact base and what is worked out per entity, shared by every part of the answerer."""

    def __init__(
        self, store: FactStore, entities: EntityIndex, searcher: Searcher, thesaurus: Thesaurus
    ) -> None:
        self.store = store
        self.entities = entities
        self.searcher = searcher
        self.thesaurus = thesaurus
        # What is worked out per entity, kept for as many entities as the entity look-up keeps: one entry each for
        # every entity judging ever met would grow with the base (126,000 entities at 1,000x) over a long run.
        per_entity = EntityLookup.CACHE_SIZE
        self._entity_stems: Memo[tuple[tuple[str, ...], ...]] = Memo(per_entity)
        self._name_stem_sets: Memo[frozenset[str]] = Memo(per_entity)
        self._entity_countries: Memo[frozenset[str]] = Memo(per_entity)
        self._part_stems: Memo[frozenset[str]] = Memo(per_entity)  # a person's role or a place's description
        # an entity's description, as stems (no stopwords)
        self._described_stems: Memo[frozenset[str]] = Memo(per_entity)
        self._source_stems: dict[str, frozenset[str]] = {}  # a document's outlet and authors, as stems
        # Those of a document's authors the entities name, looked up once (see `_authors_of`).
        self._source_authors: dict[str, frozenset[str]] = {}

    def understand(self, text: str, *, figures: bool = False) -> Question:
        return understand(text, self.entities, self.thesaurus, figures=figures)

    if TYPE_CHECKING:
        # Defined by `Answerer`, which the parts compose; a question in parts asks it of each part (`PartsMixin`).
        # (Declared by its type alone, so the signature is written once, where it is defined.)
        answer: Callable[..., Awaitable[Answer]]
