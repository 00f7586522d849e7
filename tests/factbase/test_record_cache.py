"""Records come back from the caches exactly as they were read, caches far smaller than the base change no
answer, and a full cache gives the garbage collector nothing more to walk: at 1,000x the curated size, full collections over tracked cached records were pauses of
40-80 ms, and they set the commands' p99."""

from __future__ import annotations

import gc

import pytest

from bot.core import Core, open_core
from bot.factbase.records import RecordCache, pack_fact, unpack_fact
from bot.factbase.store import EntityRecord, SourceRecord
from bot.search import EntityLookup
from bot.understanding import answer_question
from tests.conftest import RealBase


def tracked_objects() -> int:
    """After the two collections a new cached record meets in a serving process (a young one, then the next
    generation's) before it could reach the oldest."""
    gc.collect()
    gc.collect()
    return len(gc.get_objects())


async def test_a_cached_fact_comes_back_as_it_was_read(core: Core) -> None:
    facts = await core.store.all_facts()
    cache = RecordCache(len(facts), unpack_fact, pack_fact)
    for fact in facts:
        cache.put(fact.id, fact)
    # Every shape a fact takes: attributed, with a figure, several citations, linked to other facts.
    assert any(f.attribution for f in facts) and any(f.figure for f in facts)
    assert any(len(f.citations) > 1 for f in facts) and any(f.links for f in facts)
    for fact in facts:
        cached = cache.get(fact.id)
        assert cached == fact
        assert cached is not None and [c.quote for c in cached.citations] == [c.quote for c in fact.citations]
        assert [k.fact_id for k in cached.links] == [k.fact_id for k in fact.links]


async def test_an_entity_and_a_source_come_back_as_they_were_read(core: Core) -> None:
    entities = list(core.entities.by_id.values())
    sources = await core.store.sources()
    by_id = RecordCache(len(entities), EntityRecord._make)
    by_source = RecordCache(len(sources), SourceRecord._make)
    for entity in entities:
        by_id.put(entity.id, entity)
    for source in sources:
        by_source.put(source.id, source)
    for entity in entities:
        cached = by_id.get(entity.id)
        assert cached == entity and cached is not None and cached.aliases == entity.aliases
    assert all(by_source.get(s.id) == s for s in sources)


async def test_a_full_cache_of_facts_leaves_nothing_for_the_garbage_collector_to_walk(core: Core) -> None:
    cache = RecordCache(1000, unpack_fact, pack_fact)
    before = tracked_objects()
    for fact in await core.store.all_facts():
        cache.put(fact.id, fact)
    del fact
    # Each fact kept as itself would be several tracked objects (the record, its citations and links).
    assert len(cache) > 200 and tracked_objects() - before < len(cache) // 10


async def test_reading_every_entity_leaves_nothing_for_the_garbage_collector_to_walk(core: Core) -> None:
    ids, rids = zip(*((e.id, e.rid) for e in core.entities.by_id.values()), strict=True)
    before = tracked_objects()
    # Now cached, by id and by rid (each read in one query: SQLite keeps a weak reference to every cursor).
    assert len(core.entities.by_id.many(ids)) == len(core.entities.by_rid.many(rids)) == len(ids)
    assert tracked_objects() - before < len(ids) // 10


QUESTIONS = (
    "Who is Samantha Custer?",
    "What does The Diplomat say about Chinese private security companies?",
    "Which countries are SCO observers according to Serikkaliyeva?",
    "what did the Georgian analyst say about China's military base in Tajikistan?",
    "How long is the border between China and Kazakhstan?",
    "Where did Wang Yi meet the Central Asian foreign ministers?",
)


async def test_caches_far_smaller_than_the_base_give_the_same_answers_and_stay_bounded(
    real_base: RealBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def answers() -> tuple[list[tuple[bool, list[str]]], Core]:
        core = await open_core(real_base.seeds_dir, real_base.curated_dir, real_base.db_path)
        shown = []
        for text in QUESTIONS:
            answer = await answer_question(core, text)
            shown.append((answer.covered, list(answer.fact_ids)))
        return shown, core

    expected, core = await answers()
    await core.close()
    monkeypatch.setattr(EntityLookup, "CACHE_SIZE", 4)  # what is kept per entity, by the answerer too
    got, core = await answers()
    try:
        assert got == expected
        answerer = core.answerer
        kept = [
            answerer._part_stems,
            answerer._entity_stems,
            answerer._name_stem_sets,
            answerer._described_stems,
        ]
        assert all(len(cache) <= 4 for cache in kept) and any(cache for cache in kept)
    finally:
        await core.close()


async def test_prefetching_entities_reads_only_those_not_cached_and_makes_none_again(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Judging a figure question prefetches the entities of every candidate: those already cached are not read
    again, and only the missing ones are read, in one query; a key naming nothing is remembered as a miss."""
    lookup = EntityLookup(core.entities.by_id._names, "id")
    ids = sorted(e.id for e in core.entities.by_id.values())[:6]
    lookup.many(ids[:3])
    reads: list[list[object]] = []
    made: list[tuple[object, ...]] = []
    entities_by = lookup._names.entities_by
    unpack = lookup._cache._unpack

    def counting_read(column: str, keys: list[object]) -> list[EntityRecord]:
        reads.append(list(keys))
        return entities_by(column, keys)

    def counting_unpack(packed: tuple[object, ...]) -> EntityRecord:
        made.append(packed)
        return unpack(packed)

    monkeypatch.setattr(lookup._names, "entities_by", counting_read)
    monkeypatch.setattr(lookup._cache, "_unpack", counting_unpack)
    lookup.prefetch([*ids, ids[0], "no-such-entity"])
    assert reads == [[*ids[3:], "no-such-entity"]]
    assert made == []  # the three cached records were only touched
    lookup.prefetch([*ids, "no-such-entity"])
    assert len(reads) == 1  # all cached now, the miss remembered
    assert [lookup.get(i) for i in ids] == [core.entities.by_id.get(i) for i in ids]
