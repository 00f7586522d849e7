"""Read access to the compiled fact base (aiosqlite), returning plain records that know nothing of Discord."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite


@dataclass(frozen=True, slots=True)
class CitationRecord:
    source_id: str
    quote: str
    start: int
    end: int
    excerpt_of: str | None


@dataclass(frozen=True, slots=True)
class LinkRecord:
    relation: str
    fact_id: str
    note: str | None


@dataclass(frozen=True, slots=True)
class FactRecord:
    rid: int
    id: str
    statement: str
    kind: str
    date: str | None
    date_end: str | None
    as_of: str | None
    attribution: dict[str, Any] | None
    caveats: list[str]
    figure: dict[str, Any] | None
    topics: list[str]
    added: dt.date
    salience: int
    entity_ids: list[str]
    citations: list[CitationRecord]
    links: list[LinkRecord]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: str
    file: str
    title: str
    outlet: str
    authors: list[str]
    published: str | None
    date_note: str | None
    doc_type: str
    url: str | None
    reliability: list[str]
    fact_caveat: str | None
    fact_count: int


@dataclass(frozen=True, slots=True)
class EntityRecord:
    rid: int
    id: str
    name: str
    type: str
    role: str | None
    description: str | None
    countries_json: str  # decoded on use: start-up loads every entity, few ever need these lists
    central_asia: bool
    aliases_json: str
    fact_count: int

    @property
    def countries(self) -> list[str]:
        return list(json.loads(self.countries_json))

    @property
    def aliases(self) -> list[str]:
        return list(json.loads(self.aliases_json))


_FACT_COLS = ("rid, id, statement, kind, date, date_end, as_of, attribution, caveats, figure, topics, added, "
              "salience, entity_ids")
_SOURCE_COLS = "id, file, title, outlet, authors, published, date_note, doc_type, url, reliability, fact_caveat, fact_count"
_ENTITY_COLS = "rid, id, name, type, role, description, countries, central_asia, aliases, fact_count"


def _source(row: Sequence[Any]) -> SourceRecord:
    return SourceRecord(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6], row[7], row[8],
                        json.loads(row[9]), row[10], row[11])


def _entity(row: Sequence[Any]) -> EntityRecord:
    return EntityRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), row[8], row[9])


class FactStore:
    """One read-only connection to a compiled fact base file."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self.meta: dict[str, str] = {}

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
        async with self._db.execute(sql, tuple(params)) as cur:
            return list(await cur.fetchall())

    # ------------------------------------------------------------------ counts

    async def counts(self) -> dict[str, Any]:
        by_kind = dict(await self._all("SELECT kind, COUNT(*) FROM facts GROUP BY kind ORDER BY kind"))
        by_source = dict(await self._all("SELECT id, fact_count FROM sources ORDER BY id"))
        (entities,) = (await self._all("SELECT COUNT(*) FROM entities"))[0]
        return {"facts": sum(by_kind.values()), "by_kind": by_kind, "by_source": by_source, "entities": entities,
                "sources": len(by_source)}

    # ------------------------------------------------------------------ entities and sources

    async def entity_rows(self) -> list[EntityRecord]:
        return [_entity(r) for r in await self._all(f"SELECT {_ENTITY_COLS} FROM entities ORDER BY rid")]

    async def entity_name_rows(self) -> list[tuple[str, str, str, int, str]]:
        # The compiler writes this table in key order, so rowid order is key order and the read is sequential.
        rows = await self._all("SELECT key, compact, display, entity_rid, how FROM entity_names ORDER BY rowid")
        return [tuple(r) for r in rows]  # type: ignore[misc]

    async def entity_spaceless_rows(self) -> list[tuple[str, str]]:
        """(spaceless spelling, folded name) where they differ, sorted: "xian" finds "xi an"."""
        rows = await self._all("SELECT DISTINCT compact, key FROM entity_names WHERE compact != key ORDER BY compact, key")
        return [(r[0], r[1]) for r in rows]

    async def entity(self, entity_id: str) -> EntityRecord | None:
        rows = await self._all(f"SELECT {_ENTITY_COLS} FROM entities WHERE id = ?", (entity_id,))
        return _entity(rows[0]) if rows else None

    async def entities(self, entity_ids: Iterable[str]) -> dict[str, EntityRecord]:
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            return {}
        rows = await self._all(f"SELECT {_ENTITY_COLS} FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r.id: r for r in map(_entity, rows)}

    async def sources(self) -> list[SourceRecord]:
        return [_source(r) for r in await self._all(f"SELECT {_SOURCE_COLS} FROM sources ORDER BY id")]

    async def source(self, source_id: str) -> SourceRecord | None:
        rows = await self._all(f"SELECT {_SOURCE_COLS} FROM sources WHERE id = ?", (source_id,))
        return _source(rows[0]) if rows else None

    async def sources_by_id(self, source_ids: Iterable[str]) -> dict[str, SourceRecord]:
        ids = list(dict.fromkeys(source_ids))
        if not ids:
            return {}
        rows = await self._all(f"SELECT {_SOURCE_COLS} FROM sources WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r.id: r for r in map(_source, rows)}

    async def source_text(self, source_id: str) -> str | None:
        rows = await self._all("SELECT text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    # ------------------------------------------------------------------ facts

    async def _hydrate(self, rows: list[Sequence[Any]]) -> list[FactRecord]:
        if not rows:
            return []
        rids = [r[0] for r in rows]
        marks = ",".join("?" * len(rids))
        cites: dict[int, list[CitationRecord]] = {rid: [] for rid in rids}
        for fact_rid, source_id, quote, start, end, excerpt_of in await self._all(
            f'SELECT fact_rid, source_id, quote, start, "end", excerpt_of FROM citations '
            f"WHERE fact_rid IN ({marks}) ORDER BY fact_rid, n", rids
        ):
            cites[fact_rid].append(CitationRecord(source_id, quote, start, end, excerpt_of))
        links: dict[int, list[LinkRecord]] = {rid: [] for rid in rids}
        for fact_rid, relation, other_id, note in await self._all(
            f"SELECT l.fact_rid, l.relation, f.id, l.note FROM fact_links l JOIN facts f ON f.rid = l.other_rid "
            f"WHERE l.fact_rid IN ({marks}) ORDER BY l.fact_rid, f.id", rids
        ):
            links[fact_rid].append(LinkRecord(relation, other_id, note))
        return [
            FactRecord(
                rid=r[0], id=r[1], statement=r[2], kind=r[3], date=r[4], date_end=r[5], as_of=r[6],
                attribution=json.loads(r[7]) if r[7] else None, caveats=json.loads(r[8]),
                figure=json.loads(r[9]) if r[9] else None, topics=json.loads(r[10]),
                added=dt.date.fromisoformat(r[11]), salience=r[12], entity_ids=json.loads(r[13]),
                citations=cites[r[0]], links=links[r[0]],
            )
            for r in rows
        ]

    async def facts_by_rids(self, rids: Sequence[int]) -> list[FactRecord]:
        """Facts in the order of `rids`."""
        if not rids:
            return []
        rows = await self._all(f"SELECT {_FACT_COLS} FROM facts WHERE rid IN ({','.join('?' * len(rids))})", rids)
        order = {rid: n for n, rid in enumerate(rids)}
        rows.sort(key=lambda r: order[r[0]])
        return await self._hydrate(rows)

    async def facts_by_ids(self, fact_ids: Sequence[str]) -> list[FactRecord]:
        """Facts in the order of `fact_ids`; unknown ids are left out."""
        if not fact_ids:
            return []
        rows = await self._all(f"SELECT {_FACT_COLS} FROM facts WHERE id IN ({','.join('?' * len(fact_ids))})",
                               fact_ids)
        order = {fid: n for n, fid in enumerate(fact_ids)}
        rows.sort(key=lambda r: order[r[1]])
        return await self._hydrate(rows)

    async def fact(self, fact_id: str) -> FactRecord | None:
        found = await self.facts_by_ids([fact_id])
        return found[0] if found else None

    async def fact_ids_like(self, prefix: str, limit: int = 25) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = await self._all("SELECT id FROM facts WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                               (f"{escaped}%", limit))
        return [r[0] for r in rows]

    async def facts_for_entity(self, entity_rid: int, kinds: Sequence[str] | None = None, limit: int = 10,
                               offset: int = 0) -> list[FactRecord]:
        if kinds:
            sql = (f"SELECT fact_rid FROM fact_entities WHERE entity_rid = ? AND kind IN ({','.join('?' * len(kinds))}) "
                   "ORDER BY salience DESC, fact_rid LIMIT ? OFFSET ?")
            params: list[Any] = [entity_rid, *kinds, limit, offset]
        else:
            sql = ("SELECT fact_rid FROM fact_entities WHERE entity_rid = ? ORDER BY salience DESC, fact_rid "
                   "LIMIT ? OFFSET ?")
            params = [entity_rid, limit, offset]
        return await self.facts_by_rids([r[0] for r in await self._all(sql, params)])

    async def count_for_entity(self, entity_rid: int, kinds: Sequence[str] | None = None) -> int:
        if kinds:
            sql = f"SELECT COUNT(*) FROM fact_entities WHERE entity_rid = ? AND kind IN ({','.join('?' * len(kinds))})"
            params: list[Any] = [entity_rid, *kinds]
        else:
            sql, params = "SELECT COUNT(*) FROM fact_entities WHERE entity_rid = ?", [entity_rid]
        return (await self._all(sql, params))[0][0]

    async def timeline(self, entity_rid: int | None, limit: int, offset: int = 0) -> tuple[list[FactRecord], int]:
        """Dated facts, oldest first."""
        if entity_rid is None:
            where, params = "date IS NOT NULL", []
            base = "FROM facts WHERE date IS NOT NULL"
        else:
            where = "date IS NOT NULL AND rid IN (SELECT fact_rid FROM fact_entities WHERE entity_rid = ?)"
            params = [entity_rid]
            base = f"FROM facts WHERE {where}"
        total = (await self._all(f"SELECT COUNT(*) {base}", params))[0][0]
        rows = await self._all(f"SELECT {_FACT_COLS} {base} ORDER BY date, id LIMIT ? OFFSET ?", [*params, limit, offset])
        return await self._hydrate(rows), total

    async def facts_on_month_day(self, month_day: str, limit: int = 50) -> list[FactRecord]:
        rows = await self._all(f"SELECT {_FACT_COLS} FROM facts WHERE month_day = ? ORDER BY date, id LIMIT ?",
                               (month_day, limit))
        return await self._hydrate(rows)

    async def facts_for_source(self, source_id: str, limit: int) -> list[FactRecord]:
        rows = await self._all(
            "SELECT DISTINCT fact_rid FROM citations WHERE source_id = ? ORDER BY fact_rid LIMIT ?", (source_id, limit)
        )
        return await self.facts_by_rids([r[0] for r in rows])

    async def facts_with_value(self, value: float, limit: int = 20) -> list[int]:
        tolerance = abs(value) * 1e-9
        rows = await self._all(
            "SELECT rid FROM facts WHERE figure_value BETWEEN ? AND ? ORDER BY salience DESC LIMIT ?",
            (value - tolerance, value + tolerance, limit),
        )
        return [r[0] for r in rows]

    async def search(self, match: str, limit: int) -> list[tuple[int, float]]:
        """FTS5 MATCH over a query already built from safe, quoted terms; (rid, bm25) best first."""
        rows = await self._all(
            "SELECT rowid, bm25(facts_fts, 4.0, 2.0, 1.5, 6.0) AS score FROM facts_fts WHERE facts_fts MATCH ? "
            "ORDER BY score LIMIT ?",
            (match, limit),
        )
        return [(r[0], r[1]) for r in rows]

    async def vocabulary_has(self, terms: Iterable[str]) -> dict[str, bool]:
        """Whether each (already stemmed-compatible) term occurs anywhere, via a cheap FTS probe."""
        found: dict[str, bool] = {}
        for term in terms:
            rows = await self._all("SELECT 1 FROM facts_fts WHERE facts_fts MATCH ? LIMIT 1", (f'"{term}"',))
            found[term] = bool(rows)
        return found

    async def fact_rids_matching(self, match: str) -> set[int]:
        return {r[0] for r in await self._all("SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?", (match,))}

    async def fact_ids_for_focus(self, entity_rid: int | None, topic_match: str | None) -> list[tuple[str, int, str]]:
        """(fact id, rid, added) for a digest focus, in a stable order."""
        clauses, params = [], []
        if entity_rid is not None:
            clauses.append("rid IN (SELECT fact_rid FROM fact_entities WHERE entity_rid = ?)")
            params.append(entity_rid)
        if topic_match is not None:
            clauses.append("rid IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)")
            params.append(topic_match)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = await self._all(f"SELECT id, rid, added FROM facts {where} ORDER BY salience DESC, rid", params)
        return [(r[0], r[1], r[2]) for r in rows]

    async def full_dates(self, rids: Sequence[int]) -> list[tuple[str, str]]:
        """(fact id, YYYY-MM-DD) for those of `rids` dated to the day: the candidates for "on this day"."""
        out: list[tuple[str, str]] = []
        for start in range(0, len(rids), 900):  # stay under SQLite's bound-parameter limit
            chunk = rids[start:start + 900]
            rows = await self._all(
                f"SELECT id, date FROM facts WHERE month_day IS NOT NULL AND rid IN ({','.join('?' * len(chunk))})",
                chunk)
            out.extend((r[0], r[1]) for r in rows)
        return out

    async def all_facts(self, batch: int = 2000) -> list[FactRecord]:
        out: list[FactRecord] = []
        last = 0
        while True:
            rows = await self._all(f"SELECT {_FACT_COLS} FROM facts WHERE rid > ? ORDER BY rid LIMIT ?", (last, batch))
            if not rows:
                return out
            out.extend(await self._hydrate(rows))
            last = rows[-1][0]
