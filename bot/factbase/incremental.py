"""Adding documents to a built fact base without rebuilding it.

When the only change since the last build is new files — a document with its metadata, its facts, the
entities they need — and the new facts cite only the new documents and link only to each other, the new
part is validated on its own (with the existing entities it names, read back from the compiled file) and
its rows are added to a copy of the compiled file, which then replaces it atomically. Anything else (a file
edited or removed, a new fact citing an old document, an id that collides) falls back to the full build,
which also reports problems the way a curator expects.

A manifest beside the compiled file records each input's size, mtime and hash at the last build.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.factbase.compile import (
    FTS_TOKENIZER,
    SCHEMA_VERSION,
    _insert_entities,
    _insert_facts,
    _insert_sources,
    entity_text,
    fill_name_buckets,
)
from bot.factbase.loader import (
    YAML_ERRORS,
    FactBase,
    FactBaseInvalid,
    Inputs,
    file_digest,
    load_factbase,
    parse_curated_yaml,
)
from bot.factbase.names import CURATED_ENTITY_COLS, curated_entity
from bot.factbase.text import fold

log = logging.getLogger(__name__)


def manifest_path(target: Path) -> Path:
    return target.with_name(target.name + ".inputs.json")


def write_manifest(
    inputs: Inputs, target: Path, input_hash: str, previous: dict[str, Any] | None = None
) -> None:
    """Record every input as built into `target`; hashes of unchanged files are carried over from `previous`."""
    old = (previous or {}).get("files", {})
    files: dict[str, list[Any]] = {}
    for key, path in inputs.entries():
        st = os.stat(path)
        known = old.get(key)
        same = known is not None and known[0] == st.st_size and known[1] == st.st_mtime_ns
        files[key] = [st.st_size, st.st_mtime_ns, known[2] if same else file_digest(path)]
    data = json.dumps({"input_hash": input_hash, "files": files})
    tmp = manifest_path(target).with_name(f".{manifest_path(target).name}.{os.getpid()}.tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, manifest_path(target))


def read_manifest(target: Path, built_hash: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("input_hash") == built_hash else None


def added_files(inputs: Inputs, manifest: dict[str, Any]) -> list[Path] | None:
    """The inputs that are new since the manifest, or None if any input was edited or removed."""
    known: dict[str, list[Any]] = manifest["files"]
    current = dict(inputs.entries())
    if set(known) - set(current):
        return None
    added = []
    for key, path in current.items():
        if key not in known:
            added.append(Path(path))
            continue
        st = os.stat(path)
        size, mtime, digest = known[key]
        if (st.st_size, st.st_mtime_ns) != (size, mtime) and file_digest(path) != digest:
            return None
    return added


def _load(path: Path) -> Any:
    try:
        return parse_curated_yaml(path.read_text(encoding="utf-8"))
    except (*YAML_ERRORS, OSError):
        return None


def _existing_entities(db: sqlite3.Connection, ids: set[str]) -> list[dict[str, Any]]:
    """Entities already built, as curated-file entries (enough to validate and index facts that name them)."""
    out = []
    for chunk in _chunks(sorted(ids)):
        rows = db.execute(
            f"SELECT {CURATED_ENTITY_COLS} FROM entities WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        )
        # Unknown ids are left out: the loader reports them against the fact that names them. Everything the
        # fact index takes from an entity (its names and what it is), but not its countries: the view holds
        # only the entities the new facts name, and the countries of a built entity were checked when built.
        out += [{k: v for k, v in curated_entity(row).items() if k != "countries"} for row in rows]
    return out


def _plan(added: list[Path], inputs: Inputs, db: sqlite3.Connection, view: Path) -> bool:
    """Lay the new files out in `view` as a small fact base of their own; False if they cannot stand alone."""
    seeds, entities_dir, facts_dir = view / "seeds", view / "data" / "entities", view / "data" / "facts"
    for folder in (seeds, entities_dir, facts_dir):
        folder.mkdir(parents=True)
    new_sources, new_entities, new_facts = set(), set(), set()
    named: set[str] = set()
    cited: set[str] = set()
    linked: set[str] = set()
    for path in added:
        if path.parent == inputs.seeds_dir:
            shutil.copy2(path, seeds / path.name)
            raw = _load(path) if path.suffix == ".yaml" else None
            if isinstance(raw, dict) and raw.get("id"):
                new_sources.add(str(raw["id"]))
        elif path.parent.name == "entities":
            shutil.copy2(path, entities_dir / path.name)
            raw = _load(path)
            for e in raw.get("entities") or [] if isinstance(raw, dict) else []:
                if isinstance(e, dict):
                    new_entities.add(str(e.get("id")))
                    named.update(str(c) for c in e.get("countries") or [])
        elif path.parent.name != "facts":
            return False  # a new thesaurus file: every fact's matching text may change
        else:
            shutil.copy2(path, facts_dir / path.name)
            raw = _load(path)
            for f in raw.get("facts") or [] if isinstance(raw, dict) else []:
                if not isinstance(f, dict):
                    continue
                new_facts.add(str(f.get("id")))
                named.update(str(e) for e in f.get("entities") or [])
                if isinstance(f.get("attribution"), dict) and f["attribution"].get("entity"):
                    named.add(str(f["attribution"]["entity"]))
                cited.update(str(c.get("source")) for c in f.get("citations") or [] if isinstance(c, dict))
                linked.update(str(k.get("fact")) for k in f.get("links") or [] if isinstance(k, dict))
    if not linked <= new_facts:
        return False  # an old fact gains a link: its rows (and salience) change too
    for source_id in sorted(cited - new_sources):
        # A document built earlier (ingested, built, then reviewed) gains facts: its text resolves their quotes.
        row = db.execute("SELECT file FROM sources WHERE id = ?", (source_id,)).fetchone()
        meta = inputs.seeds_dir / (Path(row[0]).stem + ".yaml") if row else None
        if meta is None or not meta.is_file() or (_load(meta) or {}).get("id") != source_id:
            return False
        shutil.copy2(inputs.seeds_dir / row[0], seeds / row[0])
        shutil.copy2(meta, seeds / meta.name)
    for table, ids in (("sources", new_sources), ("entities", new_entities), ("facts", new_facts)):
        for chunk in _chunks(sorted(ids)):
            marks = ",".join("?" * len(chunk))
            if db.execute(f"SELECT 1 FROM {table} WHERE id IN ({marks}) LIMIT 1", chunk).fetchone():
                return False  # a duplicate id: the full build reports it with both files
    existing = _existing_entities(db, named - new_entities)
    (entities_dir / "_built.yaml").write_text(yaml.safe_dump({"entities": existing}), encoding="utf-8")
    return True


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _add(db: sqlite3.Connection, fb: FactBase, built_ids: set[str]) -> None:
    built_sources = {
        s.id
        for s in fb.sources.values()
        if db.execute("SELECT 1 FROM sources WHERE id = ?", (s.id,)).fetchone()
    }
    first_entity = db.execute("SELECT COALESCE(max(rid), 0) + 1 FROM entities").fetchone()[0]
    first_fact = db.execute("SELECT COALESCE(max(rid), 0) + 1 FROM facts").fetchone()[0]
    known = {
        row[0]: row[1]
        for chunk in _chunks(sorted(built_ids))
        for row in db.execute(
            f"SELECT id, rid FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
    }
    new_sources = {k: v for k, v in fb.sources.items() if k not in built_sources}
    _insert_sources(db, FactBase(new_sources, fb.entities, fb.facts, fb.input_hash))
    for source_id in built_sources:
        n = sum(1 for rf in fb.facts.values() if any(c.source == source_id for c in rf.citations))
        db.execute("UPDATE sources SET fact_count = fact_count + ? WHERE id = ?", (n, source_id))
    rids = _insert_entities(db, fb, known=known, first_rid=first_entity)
    fill_name_buckets(
        db,
        {
            row[0]
            for row in db.execute(
                "SELECT DISTINCT substr(key, 1, 1) FROM entity_names WHERE entity_rid >= ?", (first_entity,)
            )
        },
    )
    counts: dict[str, int] = {}
    for rf in fb.facts.values():
        for entity_id in rf.fact.entities:
            if entity_id in known:
                counts[entity_id] = counts.get(entity_id, 0) + 1
    db.executemany(
        "UPDATE entities SET fact_count = fact_count + ? WHERE id = ?", [(n, e) for e, n in counts.items()]
    )
    db.executemany(
        "UPDATE entity_names SET fact_count = fact_count + ? WHERE entity_rid = ?",
        [(n, known[e]) for e, n in counts.items()],
    )
    # Words already indexed that share a stem with the new facts' text: their match counts change as well.
    # The porter stemmer only ever rewrites a word's last letter (happy -> happi), so every word of a stem starts
    # with the stem less its last letter: a range scan finds them all.
    indexed = " ".join(
        " ".join(
            [
                rf.fact.statement,
                *(c.quote for c in rf.citations),
                *(n for e in rf.fact.entities for n in fb.entities[e].all_names),
                *(entity_text(fb.entities[e]).described for e in rf.fact.entities),
            ]
        )
        for rf in fb.facts.values()
    )
    also: set[str] = set()
    for stem in _stems(db, set(fold(indexed).split())):
        prefix = stem[:-1] if len(stem) >= 3 else stem
        also.update(
            r[0]
            for r in db.execute(
                "SELECT term FROM fts_terms WHERE term >= ? AND term < ?", (prefix, prefix + "\uffff")
            )
        )
    _insert_facts(db, fb, rids, first_rid=first_fact, also=also)


def _stems(db: sqlite3.Connection, words: set[str]) -> set[str]:
    """The stems FTS5 itself makes of `words` (never a re-implementation that could disagree with it)."""
    db.execute(f"CREATE VIRTUAL TABLE temp.add_probe USING fts5 (w, tokenize = '{FTS_TOKENIZER}')")
    db.executemany("INSERT INTO temp.add_probe (w) VALUES (?)", [(w,) for w in words])
    db.execute("CREATE VIRTUAL TABLE temp.add_probe_v USING fts5vocab(temp, add_probe, row)")
    stems = {r[0] for r in db.execute("SELECT term FROM temp.add_probe_v")}
    db.execute("DROP TABLE temp.add_probe_v")
    db.execute("DROP TABLE temp.add_probe")
    return stems


def try_incremental(
    seeds_dir: Path, curated_dir: Path, target: Path, built_hash: str | None, input_hash: str
) -> float | None:
    """Add the new inputs to `target` in place of a full build; the seconds it took, or None to build in full.

    `built_hash` is the input hash `target` was built from, `input_hash` that of the inputs now."""
    started = time.perf_counter()
    inputs = Inputs(seeds_dir, curated_dir)
    manifest = read_manifest(target, built_hash)
    if manifest is None:
        return None
    added = added_files(inputs, manifest)
    if not added:
        return None
    with tempfile.TemporaryDirectory(prefix="briefbot-add-") as scratch:
        view = Path(scratch)
        db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            if not _plan(added, inputs, db, view):
                return None
        finally:
            db.close()
        try:
            part = load_factbase(view / "seeds", view / "data")
        except FactBaseInvalid:
            return None  # the full build reports the problems against the real files
        built_ids = {
            str(e["id"])
            for e in parse_curated_yaml((view / "data" / "entities" / "_built.yaml").read_text())["entities"]
        }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.add.tmp")
    shutil.copyfile(target, tmp)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA synchronous = OFF")
            with db:
                _add(db, part, built_ids)
                db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?,?)",
                    [
                        ("input_hash", input_hash),
                        ("built_at", datetime.now(UTC).isoformat(timespec="seconds")),
                        ("input_stat", inputs.stat_fingerprint()),
                    ],
                )
        finally:
            db.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    write_manifest(inputs, target, input_hash, manifest)
    log.info(
        "Added %d facts from %d new document(s) to the built fact base", len(part.facts), len(part.sources)
    )
    return time.perf_counter() - started
