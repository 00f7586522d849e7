"""The compiled fact base's rows as plain records (facts, citations, links, sources, entities), the row
converters that build them, and the small LRU cache the store keeps them in."""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar


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
    countries_json: str  # decoded on use: few callers need these lists
    central_asia: bool
    aliases_json: str
    fact_count: int

    @property
    def countries(self) -> list[str]:
        return list(json.loads(self.countries_json))

    @property
    def aliases(self) -> list[str]:
        return list(json.loads(self.aliases_json))


FACT_COLS = (
    "rid, id, statement, kind, date, date_end, as_of, attribution, caveats, figure, topics, added, "
    "salience, entity_ids"
)
SOURCE_COLS = "id, file, title, outlet, authors, published, date_note, doc_type, url, reliability, fact_caveat, fact_count"
ENTITY_COLS = "rid, id, name, type, role, description, countries, central_asia, aliases, fact_count"


def source_record(row: Sequence[Any]) -> SourceRecord:
    return SourceRecord(
        row[0],
        row[1],
        row[2],
        row[3],
        json.loads(row[4]),
        row[5],
        row[6],
        row[7],
        row[8],
        json.loads(row[9]),
        row[10],
        row[11],
    )


def entity_record(row: Sequence[Any]) -> EntityRecord:
    """An entity row (`ENTITY_COLS`) as a record."""
    return EntityRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), row[8], row[9])


# A fact's citations and links as JSON arrays, so that a fact comes back whole in one row and a batch of facts in
# one round trip: every aiosqlite call is a hop to its thread and back, and those hops dominated digests.
FACT_EXTRAS = (
    '(SELECT json_group_array(json_array(c.n, c.source_id, c.quote, c.start, c."end", c.excerpt_of)) '
    "FROM citations c WHERE c.fact_rid = f.rid), "
    "(SELECT json_group_array(json_array(o.id, l.relation, l.note)) "
    "FROM fact_links l JOIN facts o ON o.rid = l.other_rid WHERE l.fact_rid = f.rid)"
)
FACT_COLS_F = ", ".join(f"f.{col.strip()}" for col in FACT_COLS.split(","))
N_FACT_COLS = FACT_COLS.count(",") + 1
CHUNK = 900  # bound parameters per statement, well under SQLite's limit


def fact_record(row: Sequence[Any], cites_json: str, links_json: str) -> FactRecord:
    """A fact row (`FACT_COLS`) with its `FACT_EXTRAS`."""
    # json_group_array promises no order: sort as the separate queries used to (citations by n, links by the
    # linked fact's id; Python's code-point order is SQLite's BINARY order on UTF-8).
    cites = sorted(json.loads(cites_json), key=lambda c: c[0])
    links = sorted(json.loads(links_json), key=lambda k: k[0])
    return FactRecord(
        rid=row[0],
        id=row[1],
        statement=row[2],
        kind=row[3],
        date=row[4],
        date_end=row[5],
        as_of=row[6],
        attribution=json.loads(row[7]) if row[7] else None,
        caveats=json.loads(row[8]),
        figure=json.loads(row[9]) if row[9] else None,
        topics=json.loads(row[10]),
        added=dt.date.fromisoformat(row[11]),
        salience=row[12],
        entity_ids=json.loads(row[13]),
        citations=[CitationRecord(c[1], c[2], c[3], c[4], c[5]) for c in cites],
        links=[LinkRecord(k[1], k[0], k[2]) for k in links],
    )


_V = TypeVar("_V")


class LRU(Generic[_V]):
    """A bounded least-recently-used map. The compiled base is read-only while a store is open (a reload opens a
    new store, with empty caches), so a hit is always current; the bound keeps a large base out of memory."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Any, _V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Any) -> _V | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: Any, item: _V) -> _V | None:
        """Store `item`; returns the entry this evicted, if any."""
        self._items[key] = item
        self._items.move_to_end(key)
        if len(self._items) > self.capacity:
            return self._items.popitem(last=False)[1]
        return None


@dataclass(frozen=True, slots=True)
class SearchRow:
    """The little a search needs to rank a candidate fact before deciding whether to hydrate it."""

    rid: int
    id: str
    entity_ids: list[str]
    figure_value: float | None
    words: str  # " w1 w2 … ": the distinct folded words of its statement and quotes
    stems: str = " "  # " s1 s2 … ": their stems
    about: str = " "  # the stems of its entities' names, types and descriptions
    kind: str = ""
    date: str | None = None
    as_of: str | None = None
    figure_unit: str | None = None
    attributed: bool = False
    salience: int = 0
    source: str | None = None  # the document its first citation quotes
