"""Entity names as the compiled file holds them, read synchronously for the entity index.

Name look-ups sit in synchronous code (question understanding, autocomplete, resolving an option), and each is
an indexed read of a few pages already in SQLite's cache: tens of microseconds, less than a hop to an async
connection's thread and back would cost. So they use a plain read-only `sqlite3` connection of their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from bot.factbase.store import ENTITY_COLS, EntityRecord, entity_record

HOWS = ("name", "alias", "misspelling")  # how a name belongs to its entity, best first
_HOW_CODE = {how: code for code, how in enumerate(HOWS)}
_CHUNK = 900  # bound parameters per statement, well under SQLite's limit


class NameHit(NamedTuple):
    """One name of one entity, with what ranking and type filters need of the entity (no record built)."""

    key: str  # the folded name
    rid: int
    display: str  # the name as curated
    how: int  # index into HOWS
    type: str
    fact_count: int
    name: str  # the entity's main name


_HIT_COLS = "key, entity_rid, display, how, type, fact_count, name"


def _hit(row: Sequence[Any]) -> NameHit:
    return NameHit(row[0], row[1], row[2], _HOW_CODE[row[3]], row[4], row[5], row[6])


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _after_prefix(prefix: str) -> str | None:
    """The least string greater than every string starting with `prefix` (code-point order, which is also
    SQLite's BINARY order on UTF-8); None when there is none."""
    last = ord(prefix[-1])
    return None if last >= 0x10FFFF else prefix[:-1] + chr(last + 1)


class NameTable:
    """One read-only connection to a compiled file's `entities` and `entity_names` tables."""

    def __init__(self, path: Path) -> None:
        # Not bound to the opening thread: the bot opens a build in one thread and answers from another.
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self._db.close()

    def exact(self, keys: Iterable[str]) -> dict[str, list[NameHit]]:
        """Every name equal to each of `keys` (folded), in entity order; keys with none are left out."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, list[NameHit]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for row in self._db.execute(
                f"SELECT {_HIT_COLS} FROM entity_names WHERE key IN ({_marks(len(chunk))}) "
                "ORDER BY key, entity_rid",
                chunk,
            ):
                hit = _hit(row)
                found.setdefault(hit.key, []).append(hit)
        return found

    def spaceless(self, compact: str) -> str | None:
        """The first (folded) name whose spaceless spelling is `compact` and differs from it: "xian" -> "xi an"."""
        row = self._db.execute(
            "SELECT min(key) FROM entity_names WHERE compact = ? AND compact != key", (compact,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def best_prefixed(self, prefix: str, types: Iterable[str] | None, scan: int, limit: int) -> list[NameHit]:
        """Entities (of `types`) with a name starting with `prefix` (folded, not empty) among the first `scan`
        such names in name order: each entity once, with its first name in name order, the most cited first,
        then by name, then in the order first met. Chosen in SQL: a 1-letter prefix scans 1,500 names at
        1,000x the curated size, and only the page of 25 shown is worth a Python object."""
        after = _after_prefix(prefix)
        where, params = ("key >= ?", [prefix]) if after is None else ("key >= ? AND key < ?", [prefix, after])
        kinds = sorted(set(types)) if types is not None else None
        typed = "" if kinds is None else f"WHERE type IN ({_marks(len(kinds))}) "
        # min(key) makes SQLite take the other bare columns from the row holding it: the first name met.
        rows = self._db.execute(
            f"SELECT min(key), entity_rid, display, how, type, fact_count, name FROM "
            f"(SELECT {_HIT_COLS} FROM entity_names WHERE {where} ORDER BY key, entity_rid LIMIT ?) "
            f"{typed}GROUP BY entity_rid ORDER BY fact_count DESC, name, min(key), entity_rid LIMIT ?",
            [*params, scan, *(kinds or []), limit],
        )
        return [_hit(r) for r in rows]

    def starting_with(self, letter: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The distinct names starting with `letter`, shortest first, then in name order; and for each length n
        (up to one past the longest) how many of them are shorter than n. Compiled into one row per letter.

        Tuples, not lists: a bucket is kept (tens of thousands of names at 1,000x) and a tuple of strings is one
        object the garbage collector stops tracking, where a list's every name is walked by each full collection."""
        row = self._db.execute(
            "SELECT names, starts FROM name_buckets WHERE letter = ?", (letter,)
        ).fetchone()
        if row is None:
            return (), (0,)
        return tuple(row[0].split("\n")), tuple(json.loads(row[1]))

    def entities_by(self, column: str, keys: Sequence[object]) -> list[EntityRecord]:
        """Entity records whose `column` ("rid" or "id") is in `keys`, in no particular order."""
        if column not in ("rid", "id"):
            raise ValueError(column)
        out: list[EntityRecord] = []
        for start in range(0, len(keys), _CHUNK):
            chunk = list(keys[start : start + _CHUNK])
            rows = self._db.execute(
                f"SELECT {ENTITY_COLS} FROM entities WHERE {column} IN ({_marks(len(chunk))})", chunk
            )
            out.extend(map(entity_record, rows))
        return out

    def popular(self, types: Iterable[str] | None, limit: int) -> list[EntityRecord]:
        """The most cited entities (of `types`), then by name."""
        kinds = sorted(set(types)) if types is not None else None
        where = "" if kinds is None else f"WHERE type IN ({_marks(len(kinds))}) "
        rows = self._db.execute(
            f"SELECT {ENTITY_COLS} FROM entities {where}ORDER BY fact_count DESC, name, rid LIMIT ?",
            [*(kinds or []), limit],
        )
        return [entity_record(r) for r in rows]

    def described_by(self, stems: Sequence[str], limit: int) -> list[EntityRecord]:
        """The people and organisations whose role or description holds every one of `stems` (see
        `entity_words`), in no particular order: at most `limit`."""
        if not stems:
            return []
        sql = " INTERSECT ".join(["SELECT entity_rid FROM entity_words WHERE stem = ?"] * len(stems))
        rids = [row[0] for row in self._db.execute(f"{sql} LIMIT ?", [*stems, limit])]
        return self.entities_by("rid", rids)

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def region_states(self) -> list[EntityRecord]:
        """The five Central Asian states, by name."""
        rows = self._db.execute(
            f"SELECT {ENTITY_COLS} FROM entities WHERE central_asia = 1 AND type = 'country' ORDER BY name"
        )
        return [entity_record(r) for r in rows]

    def all_entities(self) -> Iterator[EntityRecord]:
        """Every entity, in rid order, read as it is consumed."""
        return map(entity_record, self._db.execute(f"SELECT {ENTITY_COLS} FROM entities ORDER BY rid"))


# An entity row as a curated file writes the entity (for tools that read the build instead of those files).
CURATED_ENTITY_COLS = "id, name, type, aliases, misspellings, role, description, central_asia, countries"


def curated_entity(row: Sequence[Any]) -> dict[str, Any]:
    """A `CURATED_ENTITY_COLS` row as a curated-file entry."""
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "aliases": json.loads(row[3]),
        "misspellings": json.loads(row[4]),
        "role": row[5],
        "description": row[6],
        "central_asia": bool(row[7]),
        "countries": json.loads(row[8]),
    }
