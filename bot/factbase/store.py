"""Read access to the compiled fact base (aiosqlite), returning plain records that know nothing of Discord."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import aiosqlite

from bot.factbase.compile import FTS_TOPIC_COLUMNS
from bot.factbase.records import (  # re-exported: the store's callers import its records from here
    CHUNK,
    ENTITY_COLS,
    FACT_COLS,
    FACT_COLS_F,
    FACT_EXTRAS,
    N_FACT_COLS,
    SOURCE_COLS,
    EntityRecord,
    FactRecord,
    RecordCache,
    SearchRow,
    SourceRecord,
    entity_record,
    fact_record,
    pack_fact,
    source_record,
    unpack_fact,
)
from bot.factbase.thesaurus import Thesaurus

ROWS_PER_CHUNK = 4096  # rows fetched at a time from a query read in chunks

# What may be quoted into an FTS5 query: letters and digits, or such words separated by single spaces (a phrase).
_SAFE_TOKEN = re.compile(r"[^\W_]+(?: [^\W_]+)*")


class FactStore:
    """One read-only connection to a compiled fact base file."""

    # Hydrated facts kept in memory, ~2.8 KB each (~23 MB when full): the curated base many times over. At 1,000
    # times its size a minute's 10,000 digests touch ~14,000 facts, mostly once (each digest is hydrated in one
    # round trip either way), so a larger cache would mostly hold facts that are not asked for again.
    # Sources are few, small and cited again and again.
    FACT_CACHE_SIZE = 8_192
    SOURCE_CACHE_SIZE = 10_000

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self.meta: dict[str, str] = {}
        self._facts = RecordCache(self.FACT_CACHE_SIZE, unpack_fact, pack_fact)  # by fact id
        self._fact_id_of_rid: dict[int, str] = {}  # the cached facts' rids, for lookups by rid
        self._sources = RecordCache(self.SOURCE_CACHE_SIZE, SourceRecord._make)
        self._sources_all: bool | None = None  # every source is cached (None: not tried yet)
        self._thesaurus: Thesaurus | None = None

    @property
    def thesaurus(self) -> Thesaurus:
        """The curated vocabulary compiled into this build (parsed once)."""
        if self._thesaurus is None:
            self._thesaurus = Thesaurus.from_json(self.meta.get("thesaurus"))
        return self._thesaurus

    @classmethod
    async def open(cls, path: Path) -> FactStore:
        db = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True)
        await db.execute("PRAGMA query_only = ON")
        await db.execute("PRAGMA cache_size = -20000")
        store = cls(db, path)
        async with db.execute("SELECT key, value FROM meta") as cur:
            store.meta = {k: v async for k, v in cur}
        return store

    async def close(self) -> None:
        await self._db.close()

    async def _all(self, sql: str, params: Iterable[Any] = ()) -> list[Sequence[Any]]:
        # One trip to the connection's thread, not three (execute, fetch, close): each trip is a hand-over
        # between threads and a wake-up of the event loop, which at 1,000x cost more than most queries.
        return list(await self._db.execute_fetchall(sql, tuple(params)))

    # ------------------------------------------------------------------ counts

    async def counts(self) -> dict[str, Any]:
        by_kind: dict[str, int] = {
            kind: n
            for kind, n in await self._all("SELECT kind, COUNT(*) FROM facts GROUP BY kind ORDER BY kind")
        }
        by_source: dict[str, int] = {
            sid: n for sid, n in await self._all("SELECT id, fact_count FROM sources ORDER BY id")
        }
        (entities,) = (await self._all("SELECT COUNT(*) FROM entities"))[0]
        return {
            "facts": sum(by_kind.values()),
            "by_kind": by_kind,
            "by_source": by_source,
            "entities": entities,
            "sources": len(by_source),
        }

    # ------------------------------------------------------------------ entities and sources

    async def entity(self, entity_id: str) -> EntityRecord | None:
        rows = await self._all(f"SELECT {ENTITY_COLS} FROM entities WHERE id = ?", (entity_id,))
        return entity_record(rows[0]) if rows else None

    async def entities(self, entity_ids: Iterable[str]) -> dict[str, EntityRecord]:
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            return {}
        rows = await self._all(
            f"SELECT {ENTITY_COLS} FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        return {r.id: r for r in map(entity_record, rows)}

    async def sources(self) -> list[SourceRecord]:
        return [source_record(r) for r in await self._all(f"SELECT {SOURCE_COLS} FROM sources ORDER BY id")]

    async def source(self, source_id: str) -> SourceRecord | None:
        rows = await self._all(f"SELECT {SOURCE_COLS} FROM sources WHERE id = ?", (source_id,))
        return source_record(rows[0]) if rows else None

    async def source_text(self, source_id: str) -> str | None:
        rows = await self._all("SELECT text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    async def cached_sources_by_id(self, source_ids: Iterable[str]) -> dict[str, SourceRecord]:
        """Sources by id, answered from memory: every brief ends by looking up its sources. Sources are few (one
        per document), so the first call loads them all, in one query rather than one per brief; only if there
        are more than the cache holds are they loaded as they are asked for."""
        ids = list(dict.fromkeys(source_ids))
        found = {sid: s for sid in ids if (s := self._sources.get(sid)) is not None}
        missing = [sid for sid in ids if sid not in found]
        if missing and self._sources_all is None:
            first = list(
                await self._db.execute_fetchall(
                    f"SELECT {SOURCE_COLS} FROM sources LIMIT ?", (self._sources.capacity + 1,)
                )
            )
            self._sources_all = len(first) <= self._sources.capacity
            if self._sources_all:
                for source in map(source_record, first):
                    self._sources.put(source.id, source)
                found.update((sid, s) for sid in missing if (s := self._sources.get(sid)) is not None)
        if self._sources_all:
            missing = []  # what is not cached does not exist
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            rows = await self._db.execute_fetchall(
                f"SELECT {SOURCE_COLS} FROM sources WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            for source in map(source_record, rows):
                self._sources.put(source.id, source)
                found[source.id] = source
        return {sid: found[sid] for sid in ids if sid in found}  # in the order asked

    # ------------------------------------------------------------------ facts

    def _remember(self, fact: FactRecord) -> None:
        self._fact_id_of_rid[fact.rid] = fact.id
        evicted = self._facts.put(fact.id, fact)
        if evicted is not None:
            del self._fact_id_of_rid[evicted[0]]  # a packed fact begins with its rid, as a record does

    def _cached_by_rid(self, rid: int) -> FactRecord | None:
        fact_id = self._fact_id_of_rid.get(rid)
        return None if fact_id is None else self._facts.get(fact_id)

    async def _hydrate(self, rows: list[Sequence[Any]]) -> list[FactRecord]:
        """Records for fact rows (`FACT_COLS`): cached ones reused, the rest completed with their citations and
        links in one round trip per 900 rows, and cached."""
        facts: dict[int, FactRecord] = {}
        missing: dict[int, Sequence[Any]] = {}
        for row in rows:
            cached = self._facts.get(row[1])
            if cached is not None:
                facts[row[0]] = cached
            else:
                missing[row[0]] = row
        rids = list(missing)
        for start in range(0, len(rids), CHUNK):
            chunk = rids[start : start + CHUNK]
            for rid, cites, links in await self._db.execute_fetchall(
                f"SELECT f.rid, {FACT_EXTRAS} FROM facts f WHERE f.rid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                fact = fact_record(missing[rid], cites, links)
                self._remember(fact)
                facts[rid] = fact
        return [facts[row[0]] for row in rows]

    async def _facts_where(
        self, column: str, keys: Sequence[Any], linked: bool, read: dict[str, FactRecord] | None = None
    ) -> list[FactRecord]:
        """Facts whose `column` ("id" or "rid") is in `keys`, in the order of `keys` (a repeated key keeps its
        last place); unknown keys are left out. Cached facts cost no query; the rest come whole, one round trip
        per 900 keys. `linked` also caches the facts they link to, in the same round trip; `read`, if given,
        receives every fact the round trips brought, by id."""
        if not keys:
            return []
        order = {key: n for n, key in enumerate(keys)}
        lookup = self._facts.get if column == "id" else self._cached_by_rid
        found: dict[Any, FactRecord] = {}
        missing = []
        for key in order:
            cached = lookup(key)
            if cached is None:
                missing.append(key)
            else:
                found[key] = cached
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            where, params = f"f.{column} IN ({marks})", list(chunk)
            if linked:
                where += (
                    f" OR f.rid IN (SELECT l.other_rid FROM fact_links l JOIN facts w ON w.rid = l.fact_rid "
                    f"WHERE w.{column} IN ({marks}))"
                )
                params += chunk
            rows = await self._db.execute_fetchall(
                f"SELECT {FACT_COLS_F}, {FACT_EXTRAS} FROM facts f WHERE {where}", params
            )
            for row in rows:
                fact = self._facts.get(row[1])  # a linked fact may be cached already: skip decoding it again
                if fact is None:
                    fact = fact_record(row, row[N_FACT_COLS], row[N_FACT_COLS + 1])
                    self._remember(fact)
                key = fact.id if column == "id" else fact.rid
                if key in order:
                    found[key] = fact
                if read is not None:
                    read[fact.id] = fact
        return sorted(found.values(), key=lambda f: order[f.id if column == "id" else f.rid])

    async def facts_by_rids(self, rids: Sequence[int], *, linked: bool = False) -> list[FactRecord]:
        """Facts in the order of `rids`; `linked` also loads the facts they link to into the cache."""
        return await self._facts_where("rid", rids, linked)

    async def facts_by_ids(
        self, fact_ids: Sequence[str], *, linked: bool = False, read: dict[str, FactRecord] | None = None
    ) -> list[FactRecord]:
        """Facts in the order of `fact_ids`; unknown ids are left out. `linked` also loads the facts they link to
        into the cache, in the same round trip: a brief cites those too. `read` receives every fact the round
        trips brought (not those found in the cache), the linked ones included."""
        return await self._facts_where("id", fact_ids, linked, read)

    async def fact(self, fact_id: str) -> FactRecord | None:
        found = await self.facts_by_ids([fact_id])
        return found[0] if found else None

    async def fact_ids_like(self, prefix: str, limit: int = 25) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = await self._all(
            "SELECT id FROM facts WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?", (f"{escaped}%", limit)
        )
        return [r[0] for r in rows]

    async def facts_for_entity(
        self, entity_rid: int, kinds: Sequence[str] | None = None, limit: int = 10, offset: int = 0
    ) -> list[FactRecord]:
        if kinds:
            sql = (
                f"SELECT fact_rid FROM fact_entities WHERE entity_rid = ? AND kind IN ({','.join('?' * len(kinds))}) "
                "ORDER BY salience DESC, fact_rid LIMIT ? OFFSET ?"
            )
            params: list[Any] = [entity_rid, *kinds, limit, offset]
        else:
            sql = (
                "SELECT fact_rid FROM fact_entities WHERE entity_rid = ? ORDER BY salience DESC, fact_rid "
                "LIMIT ? OFFSET ?"
            )
            params = [entity_rid, limit, offset]
        return await self.facts_by_rids([r[0] for r in await self._all(sql, params)])

    async def fact_rids_for_entity(self, entity_rid: int, limit: int) -> list[int]:
        """Rids of the facts concerning an entity, most salient first, without hydrating them."""
        rows = await self._all(
            "SELECT fact_rid FROM fact_entities WHERE entity_rid = ? ORDER BY salience DESC, fact_rid LIMIT ?",
            (entity_rid, limit),
        )
        return [r[0] for r in rows]

    async def years_of_entities(self, entity_rids: Sequence[int]) -> dict[int, set[int]]:
        """The years of the dated facts about each entity."""
        out: dict[int, set[int]] = {}
        for start in range(0, len(entity_rids), 900):  # stay under SQLite's bound-parameter limit
            chunk = entity_rids[start : start + 900]
            for entity_rid, year in await self._all(
                "SELECT DISTINCT fe.entity_rid, CAST(substr(COALESCE(f.date, f.date_end), 1, 4) AS INTEGER) "
                "FROM fact_entities fe JOIN facts f ON f.rid = fe.fact_rid "
                f"WHERE fe.entity_rid IN ({','.join('?' * len(chunk))}) AND COALESCE(f.date, f.date_end) IS NOT NULL",
                chunk,
            ):
                out.setdefault(entity_rid, set()).add(year)
        return out

    async def count_for_entity(self, entity_rid: int, kinds: Sequence[str] | None = None) -> int:
        if kinds:
            sql = f"SELECT COUNT(*) FROM fact_entities WHERE entity_rid = ? AND kind IN ({','.join('?' * len(kinds))})"
            params: list[Any] = [entity_rid, *kinds]
        else:
            sql, params = "SELECT COUNT(*) FROM fact_entities WHERE entity_rid = ?", [entity_rid]
        return (await self._all(sql, params))[0][0]

    async def timeline(
        self, entity_rid: int | None, limit: int, offset: int = 0
    ) -> tuple[list[FactRecord], int]:
        """Dated facts, oldest first."""
        if entity_rid is None:
            where, params = "date IS NOT NULL", []
            base = "FROM facts WHERE date IS NOT NULL"
        else:
            where = "date IS NOT NULL AND rid IN (SELECT fact_rid FROM fact_entities WHERE entity_rid = ?)"
            params = [entity_rid]
            base = f"FROM facts WHERE {where}"
        total = (await self._all(f"SELECT COUNT(*) {base}", params))[0][0]
        rows = await self._all(
            f"SELECT {FACT_COLS} {base} ORDER BY date, id LIMIT ? OFFSET ?", [*params, limit, offset]
        )
        return await self._hydrate(rows), total

    async def facts_on_month_day(self, month_day: str, limit: int = 50) -> list[FactRecord]:
        rows = await self._all(
            f"SELECT {FACT_COLS} FROM facts WHERE month_day = ? ORDER BY date, id LIMIT ?",
            (month_day, limit),
        )
        return await self._hydrate(rows)

    async def facts_for_source(self, source_id: str, limit: int) -> list[FactRecord]:
        rows = await self._all(
            "SELECT DISTINCT fact_rid FROM citations WHERE source_id = ? ORDER BY fact_rid LIMIT ?",
            (source_id, limit),
        )
        return await self.facts_by_rids([r[0] for r in rows])

    async def facts_with_value(
        self,
        value: float,
        limit: int = 20,
        *,
        entity_rid: int | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[int]:
        """Rids of facts whose figure has this value, most salient first; optionally only those concerning
        `entity_rid` and of `kinds`, filtered here so the LIMIT counts only facts the caller can use."""
        tolerance = abs(value) * 1e-9
        sql = "SELECT rid FROM facts WHERE figure_value BETWEEN ? AND ?"
        params: list[Any] = [value - tolerance, value + tolerance]
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            params += kinds
        if entity_rid is not None:
            sql += " AND rid IN (SELECT fact_rid FROM fact_entities WHERE entity_rid = ?)"
            params.append(entity_rid)
        rows = await self._all(f"{sql} ORDER BY salience DESC LIMIT ?", [*params, limit])
        return [r[0] for r in rows]

    # Column weights, in FTS_COLUMNS order: statement, quotes, names, described, numbers, tags. Tags are filter
    # tokens and must not rank.
    _BM25 = "bm25(facts_fts, 4.0, 2.0, 1.5, 1.5, 6.0, 0.0)"

    async def search(self, match: str, limit: int, *, scan: int | None = None) -> list[tuple[int, float]]:
        """FTS5 MATCH over a query already built from safe, quoted terms; (rid, bm25) best first.

        bm25 costs about 1 µs for every matching row, so ranking all 60,000 facts that contain a common word
        takes ~50 ms. With `scan`, only the first `scan` matches (rowid order) are scored and ranked: exact
        whenever the query matches at most `scan` facts, a bounded sample of them otherwise.
        """
        if scan is None:
            sql = f"SELECT rowid, {self._BM25} AS score FROM facts_fts WHERE facts_fts MATCH ? ORDER BY score LIMIT ?"
            params: tuple[Any, ...] = (match, limit)
        else:
            sql = (
                f"SELECT rid, score FROM (SELECT rowid AS rid, {self._BM25} AS score FROM facts_fts "
                "WHERE facts_fts MATCH ? LIMIT ?) ORDER BY score LIMIT ?"
            )
            params = (match, scan, limit)
        return [(r[0], r[1]) for r in await self._all(sql, params)]

    async def search_unranked(self, match: str, limit: int) -> list[int]:
        """The first `limit` rids matching `match` (rowid order), without bm25: nothing is counted for its IDF."""
        rows = await self._all("SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? LIMIT ?", (match, limit))
        return [r[0] for r in rows]

    async def search_rows(self, rids: Sequence[int]) -> dict[int, SearchRow]:
        """What ranking needs of each candidate, without hydrating it: id, entity ids, figure value, words."""
        out: dict[int, SearchRow] = {}
        for start in range(0, len(rids), 900):  # stay under SQLite's bound-parameter limit
            chunk = rids[start : start + 900]
            for row in await self._all(
                "SELECT f.rid, f.id, f.entity_ids, f.figure_value, w.words, w.stems, w.about, f.kind, "
                "COALESCE(f.date, f.date_end), f.as_of, f.figure_unit, f.attribution IS NOT NULL, f.salience, "
                "(SELECT c.source_id FROM citations c WHERE c.fact_rid = f.rid ORDER BY c.n LIMIT 1), "
                "json_extract(f.attribution, '$.entity') FROM facts f "
                f"JOIN fact_words w ON w.rid = f.rid WHERE f.rid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[row[0]] = SearchRow(
                    rid=row[0],
                    id=row[1],
                    entity_ids=json.loads(row[2]),
                    figure_value=row[3],
                    words=row[4],
                    stems=row[5],
                    about=row[6],
                    kind=row[7],
                    date=row[8],
                    as_of=row[9],
                    figure_unit=row[10],
                    attributed=bool(row[11]),
                    salience=row[12],
                    source=row[13],
                    attributed_to=row[14],
                )
        return out

    async def term_docs(
        self, terms: Iterable[str], cap: int = 10_000, *, probe: Iterable[str] | None = None
    ) -> dict[str, int]:
        """How many facts each term (a folded word or number token, or a phrase of them) matches in facts_fts.

        One look-up in the compile-time `fts_terms` table; a word missing there (never written that way, though
        its stem may be indexed: "financings") is counted with a MATCH probe that stops at `cap`. With `probe`,
        only those terms are probed; the others missing from the table count as 0 (one query in all).
        """
        terms = list(terms)
        wanted = [t for t in dict.fromkeys(terms) if _SAFE_TOKEN.fullmatch(t)]
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 900):  # stay under SQLite's bound-parameter limit
            chunk = wanted[start : start + 900]
            rows = await self._all(
                f"SELECT term, docs FROM fts_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((r[0], r[1]) for r in rows)
        probed = set(wanted) if probe is None else set(probe)
        for term in wanted:
            if term not in found and term in probed:
                rows = await self._all(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM facts_fts WHERE facts_fts MATCH ? LIMIT ?)",
                    (f'"{term}"', cap),
                )
                found[term] = rows[0][0]
        return {
            t: found.get(t, 0) for t in dict.fromkeys(terms)
        }  # a token that cannot be quoted matches nothing

    async def vocabulary_has(self, terms: Iterable[str]) -> dict[str, bool]:
        """Whether each folded query word occurs anywhere in the indexed text (after stemming)."""
        return {t: docs > 0 for t, docs in (await self.term_docs(terms, cap=1)).items()}

    async def fact_ids_for_focus(
        self, entity_rid: int | None, topic_match: str | None, *, at_most: int | None = None
    ) -> AsyncIterator[list[tuple[str, int, str, str | None]]]:
        """(fact id, rid, added, month_day) for a digest focus, in salience order (the rotation order), in one
        query read in chunks; month_day ("MM-DD") is set for the facts dated to the day, the candidates for "on
        this day". In chunks, because the whole base's focus is 219,000 rows at 1,000x the curated size: fetched
        at once they took ~60 MB for the moment the pool was built, and the memory stayed with the process.

        `at_most`, a bound on the rows the caller knows (an entity's fact count): a focus that fits in one chunk
        is read in one round trip, not through a cursor (execute, fetch, fetch again, close). A minute's digests
        read thousands of country foci at 1,000x, and there the trips cost more than the queries."""
        clauses: list[str] = []
        params: list[int | str] = []
        if entity_rid is not None:
            clauses.append("rid IN (SELECT fact_rid FROM fact_entities WHERE entity_rid = ?)")
            params.append(entity_rid)
        if topic_match is not None:
            clauses.append("rid IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)")
            params.append(_in_topic_columns(topic_match))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT id, rid, added, month_day FROM facts {where} ORDER BY salience DESC, rid"
        if at_most is not None and at_most <= ROWS_PER_CHUNK:
            if rows := await self._all(sql, params):
                yield cast(list[tuple[str, int, str, str | None]], rows)
            return
        async for chunk in self._chunks(sql, params):
            yield cast(list[tuple[str, int, str, str | None]], chunk)

    async def fact_rids_by_entity_matching(
        self, topic_match: str
    ) -> AsyncIterator[Iterator[tuple[int, Iterator[int]]]]:
        """(entity rid, the rids of its facts matching `topic_match`) for each entity such facts concern, in
        ascending entity rid order, in chunks: a topic's facts by country in one query, so that no
        country-and-topic digest focus needs a query of its own. Grouped by SQLite, a row per entity: a row per
        (fact, entity) pair was 171,000 rows for one topic at 1,000x the curated size. Each entity's rids are read
        as they are consumed, so a chunk holds no object per entity for the garbage collector to promote."""
        async for chunk in self._chunks(
            "SELECT entity_rid, group_concat(fact_rid) FROM fact_entities "
            "WHERE fact_rid IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?) "
            "GROUP BY entity_rid ORDER BY entity_rid",
            (_in_topic_columns(topic_match),),
        ):
            yield ((entity_rid, map(int, fact_rids.split(","))) for entity_rid, fact_rids in chunk)

    async def _chunks(
        self, sql: str, params: Iterable[Any], size: int = ROWS_PER_CHUNK
    ) -> AsyncIterator[list[Any]]:
        """The rows of `sql`, `size` at a time (plain tuples: the connection has no row factory)."""
        async with self._db.execute(sql, tuple(params)) as cur:
            while rows := await cur.fetchmany(size):
                yield list(rows)

    async def all_facts(self, batch: int = 2000) -> list[FactRecord]:
        out: list[FactRecord] = []
        last = 0
        while True:
            rows = await self._all(
                f"SELECT {FACT_COLS} FROM facts WHERE rid > ? ORDER BY rid LIMIT ?", (last, batch)
            )
            if not rows:
                return out
            out.extend(await self._hydrate(rows))
            last = rows[-1][0]


def _in_topic_columns(match: str) -> str:
    """A digest topic's MATCH, in the columns that say what a fact is about: not what its entities are described
    as, nor its filter tags."""
    return f"{{{' '.join(FTS_TOPIC_COLUMNS)}}} : ({match})"
