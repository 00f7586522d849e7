"""Compile a validated `FactBase` into a read-only SQLite file with an FTS5 index.

The compiled file is derived data: it is rebuilt when the inputs' content hash changes and swapped in with an
atomic `os.replace`, so a reader never sees a half-written fact base.
"""

from __future__ import annotations

import bisect
import itertools
import json
import multiprocessing
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import Any

from bot.factbase.loader import FactBase, ResolvedFact
from bot.factbase.models import Entity, FactKind
from bot.factbase.stems import stem, stems_of
from bot.factbase.text import compact_folded, fold, number_tokens

# 7: stems fold -ise into -ize before stemming; 8: irregular forms stem as their lemma; 9: name_buckets;
# 10: a few words Snowball would join with another meaning keep their own stem; 11: entity_words; 13: countries'
# descriptions in entity_words; 14: "fund" keeps a stem apart from "funding"
SCHEMA_VERSION = 14
# The entities a question may describe instead of naming: who writes, publishes or is quoted, and countries ("the
# steppe country", "the doubly landlocked republic").
DESCRIBED_TYPES = frozenset({"person", "organisation", "country"})

# Every table but the full-text index and its term counts (FTS_SCHEMA).
TABLES_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, outlet TEXT NOT NULL, authors TEXT NOT NULL,
    published TEXT, date_note TEXT, doc_type TEXT NOT NULL, url TEXT, reliability TEXT NOT NULL,
    fact_caveat TEXT, text TEXT NOT NULL, fact_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entities (
    rid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, role TEXT,
    description TEXT, countries TEXT NOT NULL, central_asia INTEGER NOT NULL, aliases TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0, misspellings TEXT NOT NULL
);
-- The entity index reads names from here, nothing is loaded at start: the key is the table's order (exact
-- look-up and prefix scan in name order), and type, fact_count and name are copied from the entity so that
-- ranking a page of names needs no join.
CREATE TABLE entity_names (key TEXT NOT NULL, entity_rid INTEGER NOT NULL, how TEXT NOT NULL,
    display TEXT NOT NULL, compact TEXT NOT NULL, type TEXT NOT NULL, fact_count INTEGER NOT NULL,
    name TEXT NOT NULL, PRIMARY KEY (key, entity_rid)) WITHOUT ROWID;
-- Did-you-mean's buckets: the distinct folded names starting with each letter, shortest first, then in name
-- order, as one text (a line feed between names); `starts` is a JSON list whose item n is how many of them are
-- shorter than n characters. One row read and split instead of tens of thousands of index entries (30 ms for a
-- common letter at 1,000x the curated size) the first time a letter is asked for.
-- The word stems of what describes each person and organisation (its role and description): a question may
-- describe a source instead of naming it ("the Virginia lab"), and each of its words is one key range here.
CREATE TABLE entity_words (stem TEXT NOT NULL, entity_rid INTEGER NOT NULL, PRIMARY KEY (stem, entity_rid))
    WITHOUT ROWID;
CREATE TABLE name_buckets (letter TEXT PRIMARY KEY, names TEXT NOT NULL, starts TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE facts (
    rid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, statement TEXT NOT NULL, kind TEXT NOT NULL,
    date TEXT, date_end TEXT, as_of TEXT, month_day TEXT, attribution TEXT, caveats TEXT NOT NULL,
    figure TEXT, figure_value REAL, figure_unit TEXT, topics TEXT NOT NULL, added TEXT NOT NULL,
    salience INTEGER NOT NULL, entity_ids TEXT NOT NULL
);
-- Denormalised kind and salience let every brief section be one index range scan with a LIMIT.
CREATE TABLE fact_entities (entity_rid INTEGER NOT NULL, kind TEXT NOT NULL, salience INTEGER NOT NULL,
    fact_rid INTEGER NOT NULL, PRIMARY KEY (entity_rid, kind, salience, fact_rid)) WITHOUT ROWID;
CREATE TABLE citations (fact_rid INTEGER NOT NULL, n INTEGER NOT NULL, source_id TEXT NOT NULL, quote TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, excerpt_of TEXT, PRIMARY KEY (fact_rid, n)) WITHOUT ROWID;
CREATE TABLE fact_links (fact_rid INTEGER NOT NULL, other_rid INTEGER NOT NULL, relation TEXT NOT NULL, note TEXT,
    PRIMARY KEY (fact_rid, other_rid)) WITHOUT ROWID;
-- The distinct folded words of each fact's statement and quotes, as " w1 w2 … ": search counts the query
-- words a candidate contains with substring tests instead of folding its text at query time.
-- `stems`: the same text's distinct word stems; `about`: the stems of the names, types and descriptions of the
-- entities the fact concerns. Question understanding matches a question's concepts against these.
CREATE TABLE fact_words (rid INTEGER PRIMARY KEY, words TEXT NOT NULL, stems TEXT NOT NULL, about TEXT NOT NULL);
"""

# The full-text index and its term counts: in a file of their own while a cold build fills them in a child process
# (see `compile_factbase`), then copied into the compiled file.
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
# Column weights for bm25 are in `FactStore._BM25`, in this order.
FTS_COLUMNS = ("statement", "quotes", "names", "described", "numbers", "tags")
# The columns a digest's topic is matched in: all but `described` (see below) and the filter tags.
FTS_TOPIC_COLUMNS = ("statement", "quotes", "names", "numbers")
FTS_SCHEMA = f"""
-- `tags` holds filter tokens (see fts_entity_tag / fts_kind_tag), so a country or kind filter is part of the
-- MATCH and is applied before ORDER BY ... LIMIT instead of after it. No query word can be a tag: search
-- drops words of their shape (FTS_TAG_SHAPE), which is cheaper than a column filter on every query.
-- `described`: what the fact's entities are ("sovereign wealth fund", "think tank"), apart from their `names`
-- so that a digest's topic can leave it out: a fact is not about security because the SCO is described as a
-- security organisation.
CREATE VIRTUAL TABLE facts_fts USING fts5 (
    {", ".join(FTS_COLUMNS)}, content='',
    tokenize = '{FTS_TOKENIZER}'
);
-- How many facts each indexed word (as the user would type it, folded) matches in facts_fts after stemming:
-- one look-up answers "is this word in the sources at all" and "how costly is a MATCH on it".
CREATE TABLE fts_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
"""

SCHEMA = TABLES_SCHEMA + FTS_SCHEMA


# Secondary indexes, created once the tables are full: one sort per index instead of a B-tree insert per row.
INDEXES = """
CREATE INDEX entity_names_compact ON entity_names (compact, key) WHERE compact != key;
CREATE INDEX entity_names_by_entity ON entity_names (entity_rid);
-- Did-you-mean reads the names starting with one letter, shortest first.
CREATE INDEX entity_names_by_letter ON entity_names (substr(key, 1, 1), length(key), key);
CREATE INDEX entities_popular ON entities (fact_count DESC, name);
CREATE INDEX facts_month_day ON facts (month_day) WHERE month_day IS NOT NULL;
CREATE INDEX facts_figure_value ON facts (figure_value) WHERE figure_value IS NOT NULL;
CREATE INDEX facts_added ON facts (added);
CREATE INDEX fact_entities_by_salience ON fact_entities (entity_rid, salience, fact_rid);
CREATE INDEX fact_entities_by_fact ON fact_entities (fact_rid);
CREATE INDEX citations_by_source ON citations (source_id, fact_rid);
"""


# Filter tokens for the `tags` column. They are letters and digits only, so unicode61 keeps each whole, and end
# in a digit, so the porter stemmer (which only strips letter suffixes) leaves them as written. Entity tags use
# the compiled rid: slugs may contain "-", which unicode61 would split on.
def fts_entity_tag(entity_rid: int) -> str:
    """The tag of every fact that concerns the entity with this rid."""
    return f"zze{entity_rid:d}"


def fts_kind_tag(kind: str, *, with_figure: bool = False) -> str:
    """The tag of every fact of `kind`; `with_figure` narrows it to those that state a figure (for /figure)."""
    return f"zz{'f' if with_figure else 'k'}{kind}0"


FTS_FIGURE_TAG = "zzfigure0"  # every fact with a figure, of any kind
# The shape of every tag. Search drops query words of this shape, so user text can never select by tag.
FTS_TAG_SHAPE = re.compile(r"zz[a-z]+[0-9]+")


def _salience(rf: ResolvedFact) -> int:
    """Higher first: corroborated, linked, quantified facts lead a brief."""
    fact = rf.fact
    score = 10 * len({c.source for c in rf.citations}) + 3 * len(rf.links)
    if fact.figure is not None:
        score += 5
    if fact.kind in (FactKind.FIGURE, FactKind.POLL, FactKind.PROJECT):
        score += 3
    if fact.kind is FactKind.BACKGROUND:
        score -= 5
    score -= len(fact.entities)  # a fact about fewer things is more about each of them
    return score


def _json_strings(items: list[str]) -> str:
    """`json.dumps(items)` of a list of strings, to the byte, without the encoder's set-up on every call: a build
    writes a million such lists (3.5 s of `json.dumps` at 1,000x the curated size, 1 s this way)."""
    return f"[{', '.join(map(encode_basestring_ascii, items))}]"


def _month_day(date: str | None) -> str | None:
    return date[5:10] if date and len(date) == 10 else None


def _figure_json(rf: ResolvedFact) -> str | None:
    fig = rf.fact.figure
    if fig is None:
        return None
    return json.dumps(
        {
            "value": fig.value,
            "amount": fig.amount,
            "scale": fig.scale,
            "unit": fig.unit,
            "currency": fig.currency,
            "qualifier": fig.qualifier,
            "as_written": fig.as_written,
            "measure": fig.measure,
            "subject": fig.subject,
        }
    )


def _insert_sources(db: sqlite3.Connection, fb: FactBase) -> None:
    counts: dict[str, int] = {}
    for rf in fb.facts.values():
        for source_id in {c.source for c in rf.citations}:
            counts[source_id] = counts.get(source_id, 0) + 1
    db.executemany(
        "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                s.id,
                s.meta.file,
                s.meta.title,
                s.meta.outlet,
                _json_strings(s.meta.authors),
                s.meta.published.isoformat() if s.meta.published else None,
                s.meta.date_note,
                s.meta.doc_type.value,
                s.meta.url,
                _json_strings(s.meta.reliability),
                s.meta.fact_caveat,
                s.text,
                counts.get(s.id, 0),
            )
            for s in fb.sources.values()
        ],
    )


def _folded(label: str, folds: dict[str, str]) -> str:
    """`fold(label)`, remembered in `folds`: a build folds each of half a million entity names more than once."""
    key = folds.get(label)
    if key is None:
        key = folds[label] = fold(label)
    return key


def _insert_entities(
    db: sqlite3.Connection,
    fb: FactBase,
    *,
    known: dict[str, int] | None = None,
    first_rid: int = 1,
    folds: dict[str, str] | None = None,
) -> dict[str, int]:
    """Insert `fb`'s entities with rids from `first_rid`, except those `known` (already in the file, by rid).
    `folds`: labels already folded, shared with `_insert_facts`."""
    folds = {} if folds is None else folds
    rids: dict[str, int] = dict(known or {})
    counts: dict[str, int] = {}
    for rf in fb.facts.values():
        for entity_id in rf.fact.entities:
            counts[entity_id] = counts.get(entity_id, 0) + 1
    rows = []
    names = []
    described: list[tuple[str, int]] = []
    profiles: dict[str, tuple[str, ...]] = {}
    new = [e for e in fb.entities.values() if e.id not in rids]
    for rid, entity in enumerate(new, start=first_rid):
        rids[entity.id] = rid
        count = counts.get(entity.id, 0)
        rows.append(
            (
                rid,
                entity.id,
                entity.name,
                entity.type.value,
                entity.role,
                entity.description,
                _json_strings(entity.countries),
                int(entity.central_asia),
                _json_strings(entity.aliases),
                count,
                _json_strings(entity.misspellings),
            )
        )
        seen: set[str] = set()
        for how, labels in (
            ("name", [entity.name, entity.id.replace("-", " ")]),
            ("alias", entity.aliases),
            ("misspelling", entity.misspellings),
        ):
            for label in labels:
                key = _folded(label, folds)
                if key and key not in seen:
                    seen.add(key)
                    names.append(
                        (key, rid, how, label, compact_folded(key), entity.type.value, count, entity.name)
                    )
        if entity.type.value in DESCRIBED_TYPES and (entity.role or entity.description):
            # What describes it, not its names (the name table has those): copies of one description, common in
            # a large base, are stemmed once.
            profile = f"{entity.role or ''} {entity.description or ''}"
            stems = profiles.get(profile)
            if stems is None:
                stems = profiles[profile] = tuple(set(stems_of(profile)))
            described.extend((s, rid) for s in stems)
    db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    described.sort()
    db.executemany("INSERT INTO entity_words VALUES (?,?)", described)
    # In the table's key order: appending to a B-tree is cheaper than inserting all over it.
    names.sort(key=lambda row: (row[0], row[1]))
    db.executemany("INSERT INTO entity_names VALUES (?,?,?,?,?,?,?,?)", names)
    return rids


def fill_name_buckets(db: sqlite3.Connection, letters: Iterable[str] | None = None) -> None:
    """(Re)write `name_buckets` from `entity_names`: every letter, or only `letters` (names were added)."""
    sql = "SELECT DISTINCT substr(key, 1, 1), key FROM entity_names {} ORDER BY substr(key, 1, 1), length(key), key"
    if letters is None:
        groups = [db.execute(sql.format(""))]
    else:
        groups = [
            db.execute(sql.format("WHERE substr(key, 1, 1) = ?"), (letter,)) for letter in sorted(letters)
        ]
    rows: list[tuple[str, str, str]] = []
    for cursor in groups:
        for letter, named in itertools.groupby(cursor, key=lambda row: row[0]):
            names = [row[1] for row in named]
            lengths = [len(name) for name in names]
            starts = [bisect.bisect_left(lengths, n) for n in range(lengths[-1] + 2)]
            rows.append((letter, "\n".join(names), json.dumps(starts)))
    db.executemany("INSERT OR REPLACE INTO name_buckets VALUES (?,?,?)", rows)


@dataclass(frozen=True, slots=True)
class EntityText:
    """What the fact index takes from an entity, worked out once per entity rather than once per fact."""

    names: str  # every name, as FTS5 indexes them
    described: str  # what it is, as matching text: "sovereign wealth fund" finds Samruk-Kazyna's loan
    stems: frozenset[str]  # the stems of both
    words: tuple[str, ...]  # the folded words of `described`


def entity_text(
    entity: Entity,
    folds: dict[str, str] | None = None,
    stems: dict[str, str] | None = None,
    *,
    stemmed: bool = True,
) -> EntityText:
    """`folds` (label -> fold) and `stems` (word -> stem): what the build has worked out already. Not `stemmed`:
    `EntityText.stems` is left empty (filling the full-text index alone needs none)."""
    folds = {} if folds is None else folds
    stems = {} if stems is None else stems
    names = " ".join(entity.all_names)
    described = f"{entity.type.value} {entity.description or ''} {entity.role or ''}" + (
        " Central Asia" if entity.central_asia else ""
    )
    described_words = fold(described).split()
    # Folding and stemming go word by word: these are the stems of f"{names} {described}", and the stems of a
    # fact's entity text are the union of its entities'.
    words = [w for label in entity.all_names for w in _folded(label, folds).split()] + described_words
    return EntityText(
        names,
        described,
        frozenset([stems[w] if w in stems else _stem_of(w, stems) for w in words])
        if stemmed
        else frozenset(),
        tuple(described_words),
    )


def _stem_of(word: str, stems: dict[str, str]) -> str:
    """`stem(word)`, remembered in `stems` for the whole build: at 1,000x the curated size the words outnumber
    the shared stem cache many times over, and most would find none of theirs there."""
    found = stems.get(word)
    if found is None:
        found = stems[word] = stem(word)
    return found


def _stem_line(stems: Iterable[str]) -> str:
    """`stem_line` of a text whose stems are `stems`."""
    return f" {' '.join(sorted(set(stems)))} "


_ABOUT_LINES = 20_000  # `about` lines remembered at a time while facts are inserted
_BATCH = 5_000  # facts per executemany: bounds the rows held in memory at 1,000x the curated size


def _insert_facts(
    db: sqlite3.Connection,
    fb: FactBase,
    entity_rids: dict[str, int],
    *,
    first_rid: int = 1,
    also: frozenset[str] | set[str] = frozenset(),
    folds: dict[str, str] | None = None,
    rows: bool = True,
    index: bool = True,
) -> None:
    """Insert `fb`'s facts with rids from `first_rid`; `also` are indexed words whose counts may change too.
    `folds`: labels already folded (by `_insert_entities`). `rows`: fill the fact tables; `index`: facts_fts and
    fts_terms (a cold build fills the two in two processes, see `compile_factbase`)."""
    folds = {} if folds is None else folds
    fact_rids = {fact_id: rid for rid, fact_id in enumerate(fb.facts, start=first_rid)}
    # Every word facts_fts indexes, as a folded query word would spell it (for fts_terms).
    vocabulary = (
        {w for e in fb.entities.values() for name in e.all_names for w in _folded(name, folds).split()}
        if index
        else set()
    )
    texts: dict[str, EntityText] = {}
    stems: dict[str, str] = {}  # see `_stem_of`
    about_lines: dict[tuple[str, ...], str] = {}  # the `about` stem line of a fact's entities
    added: list[tuple[Any, ...]] = []  # the facts_fts rows, when adding to a built file
    tables: dict[str, list[tuple[Any, ...]]] = {sql: [] for sql in _FACT_INSERTS}

    def flush() -> None:
        for sql, batch in tables.items():
            if batch:
                db.executemany(sql, batch)
                batch.clear()

    facts, fact_entities, citations, links, fts, fact_words = tables.values()
    for done, (fact_id, rid) in enumerate(fact_rids.items(), start=1):
        rf = fb.facts[fact_id]
        fact = rf.fact
        fig = fact.figure
        kind = fact.kind.value
        about = []
        for entity_id in fact.entities:
            text = texts.get(entity_id)
            if text is None:
                text = texts[entity_id] = entity_text(fb.entities[entity_id], folds, stems, stemmed=rows)
                if index:
                    vocabulary.update(text.words)
            about.append(text)
        quotes = " ".join(c.quote for c in rf.citations)
        # The same text the search side used to fold per candidate: statement and quotes, not names.
        words = sorted(set(fold(f"{fact.statement} {quotes}").split()))
        if rows:
            salience = _salience(rf)
            facts.append(
                (
                    rid,
                    fact.id,
                    fact.statement,
                    kind,
                    fact.date,
                    fact.date_end,
                    fact.as_of,
                    _month_day(fact.date),
                    fact.attribution.model_dump_json() if fact.attribution else None,
                    _json_strings(rf.caveats),
                    _figure_json(rf),
                    fig.value if fig else None,
                    fig.unit if fig else None,
                    _json_strings(fact.topics),
                    rf.added.isoformat(),
                    salience,
                    _json_strings(fact.entities),
                )
            )
            fact_entities.extend((entity_rids[e], kind, salience, rid) for e in fact.entities)
            citations.extend(
                (rid, n, c.source, c.quote, c.start, c.end, c.excerpt_of) for n, c in enumerate(rf.citations)
            )
            links.extend(
                (rid, fact_rids[link.fact], link.relation.value, link.note)
                for link in rf.links
                if link.fact in fact_rids
            )
            # The same entities make the same line: facts about one project or country share it (made once).
            entities_key = tuple(fact.entities)
            about_line = about_lines.get(entities_key)
            if about_line is None:
                if len(about_lines) >= _ABOUT_LINES:
                    about_lines.clear()  # bounds its memory; facts about the same things mostly come together
                about_line = _stem_line(frozenset().union(*(t.stems for t in about)))
                about_lines[entities_key] = about_line
            fact_words.append(
                (
                    rid,
                    f" {' '.join(words)} ",
                    _stem_line([stems[w] if w in stems else _stem_of(w, stems) for w in words]),
                    about_line,
                )
            )
        if index:
            names = " ".join(t.names for t in about)
            described = " ".join(t.described for t in about)
            numbers = " ".join(
                number_tokens(f"{fact.statement} {quotes}") + (number_tokens(fig.as_written) if fig else [])
            )
            tags = [fts_entity_tag(entity_rids[e]) for e in dict.fromkeys(fact.entities)]
            tags.append(fts_kind_tag(kind))
            if fig is not None:
                tags += [fts_kind_tag(kind, with_figure=True), FTS_FIGURE_TAG]
            fts.append((rid, fact.statement, quotes, names, described, numbers, " ".join(tags)))
            if first_rid > 1:
                added.append(fts[-1])
            vocabulary.update(words, numbers.split(), tags)
        if done % _BATCH == 0:
            flush()
    flush()
    if index:
        _insert_fts_terms(db, vocabulary | also, added=added if first_rid > 1 else None)


# The tables `_insert_facts` fills, in the order of its row lists.
_FACT_INSERTS = (
    "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO fact_entities VALUES (?,?,?,?)",
    "INSERT INTO citations VALUES (?,?,?,?,?,?,?)",
    "INSERT OR IGNORE INTO fact_links VALUES (?,?,?,?)",
    f"INSERT INTO facts_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{',?' * len(FTS_COLUMNS)})",
    "INSERT INTO fact_words VALUES (?,?,?,?)",
)


def _insert_fts_terms(
    db: sqlite3.Connection, words: set[str], *, added: list[tuple[Any, ...]] | None = None
) -> None:
    """Fill `fts_terms`: for each of `words` (folded, as a query would carry it), how many facts match it.

    A user's word reaches FTS5 as a quoted phrase and is stemmed there, so the mapping word -> stem is taken
    from FTS5 itself (a scratch table with one word per row, read back through fts5vocab), never from a
    re-implementation of the stemmer that could disagree with it.

    `added`: the facts_fts rows just added to a built file, whose `fts_terms` still counts the facts before
    them. Then only `words` are counted, and a stem that a word already in `fts_terms` has is counted as that
    word's count plus its count among the added rows: counting it in the whole index means reading its every
    posting (100,000 facts name Kazakhstan at 1,000x the curated size). Adding only ever adds facts.
    """
    db.execute(f"CREATE VIRTUAL TABLE temp.stem_probe USING fts5 (w, tokenize = '{FTS_TOKENIZER}')")
    # In code-point order (SQLite's BINARY order): the rowids, then stem_of's rows below, come in its key's
    # order, appended rather than inserted all over its B-tree (1 s less for 760,000 words at 1,000x).
    db.executemany("INSERT INTO temp.stem_probe (rowid, w) VALUES (?,?)", enumerate(sorted(words)))
    db.execute("CREATE VIRTUAL TABLE temp.stem_probe_v USING fts5vocab(temp, stem_probe, instance)")
    # A word FTS5 splits into several tokens is a phrase, not a term: it is left to the query-time probe.
    db.execute("CREATE TEMP TABLE stem_of (w TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
    db.execute(
        "INSERT INTO temp.stem_of SELECT p.w, s.stem FROM "
        "(SELECT doc, min(term) AS stem FROM temp.stem_probe_v GROUP BY doc HAVING count(*) = 1) AS s "
        "JOIN temp.stem_probe AS p ON p.rowid = s.doc"
    )
    db.execute("CREATE VIRTUAL TABLE temp.facts_fts_v USING fts5vocab(main, facts_fts, row)")
    # Joined in SQL rather than in dicts: at 1,000x the curated size these are half a million rows each.
    db.execute("CREATE TEMP TABLE fts_docs (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID")
    scratch = ["fts_docs", "facts_fts_v", "stem_of", "stem_probe_v", "stem_probe"]
    if added is None:
        db.execute("INSERT INTO temp.fts_docs SELECT term, doc FROM temp.facts_fts_v")
    else:
        db.execute(
            "CREATE VIRTUAL TABLE temp.added_fts USING fts5 "
            f"({', '.join(FTS_COLUMNS)}, content='', tokenize = '{FTS_TOKENIZER}')"
        )
        db.executemany(
            f"INSERT INTO temp.added_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{',?' * len(FTS_COLUMNS)})",
            added,
        )
        db.execute("CREATE VIRTUAL TABLE temp.added_fts_v USING fts5vocab(temp, added_fts, row)")
        scratch = ["added_fts_v", "added_fts", *scratch]
        db.execute(
            "INSERT OR IGNORE INTO temp.fts_docs SELECT s.stem, t.docs + COALESCE(a.doc, 0) "
            "FROM temp.stem_of AS s JOIN main.fts_terms AS t ON t.term = s.w "
            "LEFT JOIN temp.added_fts_v AS a ON a.term = s.stem"
        )
        # Stems no word in fts_terms had yet: new ones, or ones only other spellings carried. Rare, so cheap.
        db.execute(
            "INSERT OR IGNORE INTO temp.fts_docs SELECT term, doc FROM temp.facts_fts_v WHERE term IN "
            "(SELECT stem FROM temp.stem_of WHERE stem NOT IN (SELECT term FROM temp.fts_docs))"
        )
    db.execute(
        "INSERT OR REPLACE INTO fts_terms (term, docs) SELECT s.w, COALESCE(d.docs, 0) "
        "FROM temp.stem_of AS s LEFT JOIN temp.fts_docs AS d ON d.term = s.stem ORDER BY s.w"
    )
    for table in scratch:
        db.execute(f"DROP TABLE temp.{table}")


def _statements(script: str) -> list[str]:
    """The statements of a script of plain DDL (no ";" inside a statement), comments dropped."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


# FTS5's settings while a build fills facts_fts, and its defaults, which the finished file keeps for adding to it.
# FTS5 holds new postings in memory up to `hashsize` bytes (1 MB by default) and writes a segment each time,
# merging segments as it goes (`automerge`). A build ends with 'optimize', which merges them all into one
# anyway: 64 MB and no merging on the way makes fewer, larger segments and merges once (2 s less at 1,000x the
# curated size). The index holds the same postings either way.
_FTS_BULK = {"hashsize": 64 * 2**20, "automerge": 0}
_FTS_DEFAULTS = {"hashsize": 2**20, "automerge": 4}


def _fts_bulk_settings(db: sqlite3.Connection, *, bulk: bool) -> None:
    for key, value in (_FTS_BULK if bulk else _FTS_DEFAULTS).items():
        db.execute("INSERT INTO facts_fts (facts_fts, rank) VALUES (?, ?)", (key, value))


def _finish_fts(db: sqlite3.Connection) -> None:
    """Merge facts_fts into one segment and give it back FTS5's defaults for adding to it."""
    db.execute("INSERT INTO facts_fts (facts_fts) VALUES ('optimize')")
    _fts_bulk_settings(db, bulk=False)
    db.commit()


# A cold build of this many facts or more fills facts_fts and fts_terms in a child process while this one fills
# every other table: the two halves take about as long as each other, and the machine has another core. At
# 1,000x the curated size that is ~15 s of a minute's build. Forked, so the child reads the loaded base without
# copying it, and only where forking is safe: not on Windows, and not from a process with other threads.
_APART_FACTS = 20_000
# The tables the child fills (a contentless FTS5 table's shadow tables, and fts_terms), copied back whole.
_APART_TABLES = ("facts_fts_data", "facts_fts_idx", "facts_fts_docsize", "facts_fts_config", "fts_terms")


def _index_apart(fb: FactBase) -> bool:
    return (
        len(fb.facts) >= _APART_FACTS
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _fill_index_file(fb: FactBase, path: Path) -> None:
    """In the child process: `fb`'s facts_fts and fts_terms, in a file of their own at `path`."""
    # The rids `_insert_entities` gives a cold build's entities: their order in the base, from 1.
    rids = {entity_id: rid for rid, entity_id in enumerate(fb.entities, start=1)}
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(FTS_SCHEMA)
        _fts_bulk_settings(db, bulk=True)
        with db:
            _insert_facts(db, fb, rids, rows=False)
        _finish_fts(db)
    finally:
        db.close()


def _copy_index(db: sqlite3.Connection, path: Path) -> None:
    """Replace `db`'s facts_fts and fts_terms with those the child wrote to `path` (FTS5 keeps a table's whole
    index in its shadow tables, so copying them copies the index). The tables are emptied first, so SQLite copies
    the records as they are, without decoding them."""
    db.execute("ATTACH DATABASE ? AS apart", (str(path),))
    try:
        with db:
            for table in _APART_TABLES:
                db.execute(f"DELETE FROM main.{table}")
                db.execute(f"INSERT INTO main.{table} SELECT * FROM apart.{table}")
    finally:
        db.execute("DETACH DATABASE apart")


def compile_factbase(
    fb: FactBase, target: Path, *, stat_fingerprint: str | None = None, apart: bool | None = None
) -> float:
    """Write the compiled store to `target` atomically; returns the seconds it took.

    `stat_fingerprint` (names, sizes and mtimes of the inputs) lets the next start skip reading every input
    when nothing was touched. `apart`: fill the full-text index in a child process (None: if `_index_apart`)."""
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    index_tmp = target.with_name(f".{target.name}.{os.getpid()}.index.tmp")
    index_tmp.unlink(missing_ok=True)
    child = None
    if _index_apart(fb) if apart is None else apart:
        child = multiprocessing.get_context("fork").Process(
            target=_fill_index_file, args=(fb, index_tmp), name="briefbot-index", daemon=True
        )
        child.start()
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        if child is None:
            _fts_bulk_settings(db, bulk=True)
        with db:
            _insert_sources(db, fb)
            folds: dict[str, str] = {}
            rids = _insert_entities(db, fb, folds=folds)
            _insert_facts(db, fb, rids, folds=folds, index=child is None)
            for statement in _statements(INDEXES):
                db.execute(statement)
            fill_name_buckets(db)
            built_at = datetime.now(UTC).isoformat(timespec="seconds")
            db.executemany(
                "INSERT INTO meta VALUES (?,?)",
                [
                    ("input_hash", fb.input_hash),
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("built_at", built_at),
                    ("input_stat", stat_fingerprint or ""),
                    ("thesaurus", fb.thesaurus.to_json()),
                ],
            )
        if child is None:
            _finish_fts(db)
        else:
            child.join()
            if child.exitcode != 0:
                raise RuntimeError(
                    f"filling the full-text index failed (the child exited with {child.exitcode})"
                )
            _copy_index(db, index_tmp)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        db.commit()
    finally:
        db.close()
        if child is not None and child.is_alive():
            child.kill()
            child.join()
        index_tmp.unlink(missing_ok=True)
    os.replace(tmp, target)
    return time.perf_counter() - started


def compiled_meta(target: Path, key: str) -> str | None:
    """A meta value of a compiled file, or None if the file is missing, foreign or of another schema."""
    if not target.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return row[0] if row and row[0] else None
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None


def compiled_hash(target: Path) -> str | None:
    """The input hash a compiled file was built from, or None if it is missing, foreign or outdated."""
    return compiled_meta(target, "input_hash")
