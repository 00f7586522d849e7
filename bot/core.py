"""The core service object: the opened fact base and everything that answers from it.

Adapters (the Discord cogs, the console, `ask`) hold one `Core` and call into it; they never query SQLite
themselves.
"""

from __future__ import annotations

import gc
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
        await self.store.close()


async def open_core(seeds_dir: Path, curated_dir: Path, compiled: Path) -> Core:
    """Compile if the inputs changed, then open the store and load the entity index into memory."""
    report = await build_if_needed(seeds_dir, curated_dir, compiled)
    store = await FactStore.open(compiled)
    entities = EntityIndex(
        await store.entity_rows(), await store.entity_name_rows(), await store.entity_spaceless_rows()
    )
    searcher = Searcher(store, entities)
    # The index is built once and lives as long as the process: move it out of the collector's way, or every
    # full collection walks hundreds of thousands of long-lived objects and stalls an answer (~200 ms at 1,000x).
    gc.collect()
    gc.freeze()
    answerer = Answerer(store, entities, searcher, store.thesaurus)
    return Core(store, entities, searcher, Briefs(store, entities, searcher), report, answerer)
