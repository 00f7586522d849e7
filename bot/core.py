"""The core service object: the opened fact base and everything that answers from it.

Adapters (the Discord cogs, the console, `ask`) hold one `Core` and call into it; they never query SQLite
themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot.briefs import Briefs
from bot.factbase.runtime import BuildReport, build_if_needed
from bot.factbase.store import FactStore
from bot.search import EntityIndex, Searcher
from bot.understanding.answer import Answerer

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Core:
    store: FactStore
    entities: EntityIndex
    searcher: Searcher
    briefs: Briefs
    build: BuildReport
    answerer: Answerer  # question understanding: /search, `ask`, digests' topic focus

    @property
    def input_hash(self) -> str:
        return self.store.meta.get("input_hash", "")

    @property
    def built_at(self) -> str:
        return self.store.meta.get("built_at", "unknown")

    async def close(self) -> None:
        self.entities.close()
        await self.store.close()


async def open_core(seeds_dir: Path, curated_dir: Path, compiled: Path) -> Core:
    """Compile if the inputs changed, then open the store and the entity index (both read from the file)."""
    report = await build_if_needed(seeds_dir, curated_dir, compiled)
    store = await FactStore.open(compiled)
    entities = EntityIndex.open(compiled)
    searcher = Searcher(store, entities)
    answerer = Answerer(store, entities, searcher, store.thesaurus)
    return Core(store, entities, searcher, Briefs(store, entities, searcher), report, answerer)
