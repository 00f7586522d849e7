"""The compiled fact base's rows as plain records (facts, citations, links, sources, entities), the row
converters that build them, and the small LRU cache the store keeps them in.

The records are named tuples whose fields are strings, numbers and tuples of those (the two small dicts aside), so
that a cache can keep each as a plain tuple (`RecordCache`): the store and the entity index keep tens of thousands
of records cached while serving, and CPython stops tracking a plain tuple of such atoms. Kept as objects the
collector tracks, they were most of what every full collection walked: pauses of 40-80 ms at 1,000x, which set
the commands' p99."""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Generic, NamedTuple, TypeVar


class CitationRecord(NamedTuple):
    source_id: str
    quote: str
    start: int
    end: int
    excerpt_of: str | None


class LinkRecord(NamedTuple):
    relation: str
    fact_id: str
    note: str | None


class FactRecord(NamedTuple):
    rid: int
    id: str
    statement: str
    kind: str
    date: str | None
    date_end: str | None
    as_of: str | None
    attribution: dict[str, Any] | None
    caveats: tuple[str, ...]
    figure: dict[str, Any] | None
    topics: tuple[str, ...]
    added: dt.date
    salience: int
    entity_ids: tuple[str, ...]
    citations: tuple[CitationRecord, ...]
    links: tuple[LinkRecord, ...]


class SourceRecord(NamedTuple):
    id: str
    file: str
    title: str
    outlet: str
    authors: tuple[str, ...]
    published: str | None
    date_note: str | None
    doc_type: str
    url: str | None
    reliability: tuple[str, ...]
    fact_caveat: str | None
    fact_count: int


class EntityRecord(NamedTuple):
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
        tuple(json.loads(row[4])),
        row[5],
        row[6],
        row[7],
        row[8],
        tuple(json.loads(row[9])),
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
        caveats=tuple(json.loads(row[8])),
        figure=json.loads(row[9]) if row[9] else None,
        topics=tuple(json.loads(row[10])),
        added=dt.date.fromisoformat(row[11]),
        salience=row[12],
        entity_ids=tuple(json.loads(row[13])),
        citations=tuple(CitationRecord(c[1], c[2], c[3], c[4], c[5]) for c in cites),
        links=tuple(LinkRecord(k[1], k[0], k[2]) for k in links),
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


def _flat(pairs: Iterable[Iterable[Any]]) -> tuple[Any, ...]:
    return tuple(chain.from_iterable(pairs))


def pack_fact(fact: FactRecord) -> tuple[Any, ...]:
    """A fact as a plain tuple (see `RecordCache`) holding only atoms and flat tuples of atoms: its citations and
    links one after another, its two small dicts as keys and values in turn.

    Flat, because a collection untracks a tuple only once what it holds is untracked, and it may meet the outer
    tuple first: two levels are untracked by a young collection and the next, before they reach the oldest."""
    attribution, figure = fact.attribution, fact.figure
    return (
        *fact[:7],
        None if attribution is None else _flat(attribution.items()),
        fact.caveats,
        None if figure is None else _flat(figure.items()),
        *fact[10:14],
        _flat(fact.citations),
        _flat(fact.links),
    )


def _dict(flat: tuple[Any, ...] | None) -> dict[str, Any] | None:
    return None if flat is None else dict(zip(flat[::2], flat[1::2], strict=True))


_CITATION_FIELDS = len(CitationRecord._fields)
_LINK_FIELDS = len(LinkRecord._fields)


def unpack_fact(packed: tuple[Any, ...]) -> FactRecord:
    cites, links = packed[14], packed[15]
    return FactRecord._make(
        (
            *packed[:7],
            _dict(packed[7]),
            packed[8],
            _dict(packed[9]),
            *packed[10:14],
            tuple(
                CitationRecord._make(cites[n : n + _CITATION_FIELDS])
                for n in range(0, len(cites), _CITATION_FIELDS)
            ),
            tuple(LinkRecord._make(links[n : n + _LINK_FIELDS]) for n in range(0, len(links), _LINK_FIELDS)),
        )
    )


class Memo(dict[Any, _V]):
    """Values that are cheap to work out again, kept up to `capacity` and then all dropped: bounded like `LRU`,
    and read at a plain dict's speed (judging one question reads these thousands of times)."""

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def put(self, key: Any, value: _V) -> None:
        if len(self) >= self.capacity:
            self.clear()
        self[key] = value


_R = TypeVar("_R")


class RecordCache(Generic[_R]):
    """An LRU of records kept as plain tuples of strings and numbers, made records again when read.

    CPython stops tracking such a tuple at its first collection, so a full cache costs the garbage collector
    nothing, and entries replacing evicted ones never age into the oldest generation. Records kept as themselves
    (a named tuple is not a plain tuple) were tracked: tens of thousands of them, walked by every full collection,
    and new ones kept promoting, which brought the next full collection nearer."""

    def __init__(
        self,
        capacity: int,
        unpack: Callable[[tuple[Any, ...]], _R],
        pack: Callable[[_R], tuple[Any, ...]] = tuple,  # type: ignore[assignment]  # a named tuple's fields
    ) -> None:
        self.capacity = capacity
        self._lru: LRU[tuple[Any, ...]] = LRU(capacity)
        self._pack = pack
        self._unpack = unpack

    def __len__(self) -> int:
        return len(self._lru)

    def get(self, key: Any) -> _R | None:
        packed = self._lru.get(key)
        return None if packed is None else self._unpack(packed)

    def touch(self, key: Any) -> bool:
        """Whether `key` is cached (marked as just used), without making its record."""
        return self._lru.get(key) is not None

    def put(self, key: Any, record: _R) -> tuple[Any, ...] | None:
        """Store `record`; returns the entry this evicted, if any, as kept (packed): once the cache is full every
        put evicts one, and most callers never look at it, so it is not made a record again."""
        return self._lru.put(key, self._pack(record))


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
    attributed_to: str | None = None  # the entity whose claim or view it is, where the curators named one
