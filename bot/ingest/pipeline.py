"""`briefbot ingest`: a document in, its citable text, draft metadata and a review file of candidates out."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.factbase.compile import compiled_meta
from bot.factbase.loader import YAML_ERRORS, Inputs, parse_curated_yaml
from bot.factbase.models import Entity, EntityFile
from bot.factbase.names import CURATED_ENTITY_COLS, curated_entity
from bot.ingest.candidates import Candidate, ExistingFacts, find_candidates
from bot.ingest.entities import EntityLinker
from bot.ingest.extract import Extracted, UnsupportedDocument, extract
from bot.ingest.furniture import FoundSpan, find_spans
from bot.ingest.metadata import UNKNOWN_OUTLET, UNTITLED, DraftMeta, draft_metadata
from bot.ingest.yamlio import atomic_write, dump_yaml

REVIEW_DIR = "review"


@dataclass(slots=True)
class Analysis:
    text: str
    meta: DraftMeta
    spans: list[FoundSpan]
    candidates: list[Candidate]


@dataclass(slots=True)
class Curated:
    """What the curated base already holds, read leniently: ingest must work while the base has problems."""

    entities: list[Entity]
    facts: list[dict[str, Any]]
    source_ids: set[str]
    seed_hashes: dict[str, str]  # content hash -> seed file

    @classmethod
    def read(
        cls, seeds_dir: Path, data_dir: Path, *, with_facts: bool = True, compiled: Path | None = None
    ) -> Curated:
        """`compiled`: the built fact base; read instead of the curated files when it was built from them as
        they are now (the curated files of a large base take minutes to parse, the build seconds to read)."""
        built = _read_build(compiled, seeds_dir, data_dir, with_facts) if compiled is not None else None
        if built is not None:
            entities, facts, source_ids = built
        else:
            entities, facts = _read_curated(data_dir, with_facts)
            source_ids = set()
            for path in seeds_dir.glob("*.yaml"):
                raw = _load(path)
                if isinstance(raw, dict) and raw.get("id"):
                    source_ids.add(str(raw["id"]))
        hashes = {content_hash(p.read_bytes()): p.name for p in seeds_dir.glob("*.txt")}
        return cls(entities, facts, source_ids, hashes)


def _read_curated(data_dir: Path, with_facts: bool) -> tuple[list[Entity], list[dict[str, Any]]]:
    entities: list[Entity] = []
    for path in sorted((data_dir / "entities").glob("*.yaml")):
        raw = _load(path)
        if isinstance(raw, dict):
            try:
                entities.extend(EntityFile.model_validate(raw).entities)
            except ValueError:
                continue  # `briefbot check` reports it; linking works with the valid files
    facts: list[dict[str, Any]] = []
    for path in sorted((data_dir / "facts").glob("*.yaml")) if with_facts else []:
        raw = _load(path)
        if isinstance(raw, dict) and isinstance(raw.get("facts"), list):
            facts.extend(f for f in raw["facts"] if isinstance(f, dict))
    return entities, facts


def _read_build(
    compiled: Path, seeds_dir: Path, data_dir: Path, with_facts: bool
) -> tuple[list[Entity], list[dict[str, Any]], set[str]] | None:
    """The entities, the facts as far as link suggestions use them, and the source ids, from a build of the
    current inputs;
    None when there is none (a file touched since, or no build): then the curated files are read."""
    if compiled_meta(compiled, "input_stat") != Inputs(seeds_dir, data_dir).stat_fingerprint():
        return None
    db = sqlite3.connect(f"file:{compiled}?mode=ro", uri=True)
    try:
        entities = [
            Entity.model_validate(curated_entity(row))
            for row in db.execute(f"SELECT {CURATED_ENTITY_COLS} FROM entities ORDER BY rid")
        ]
        facts = [
            {
                "id": row[0],
                "statement": row[1],
                "entities": json.loads(row[2]),
                "citations": [{"quote": quote} for quote in json.loads(row[3])],
                **({"figure": json.loads(row[4])} if row[4] else {}),
            }
            for row in db.execute(
                "SELECT f.id, f.statement, f.entity_ids, (SELECT json_group_array(c.quote) FROM "
                "(SELECT quote FROM citations WHERE fact_rid = f.rid ORDER BY n) AS c), f.figure "
                "FROM facts f ORDER BY f.rid"
            )
            if with_facts
        ]
        source_ids = {row[0] for row in db.execute("SELECT id FROM sources")}
    finally:
        db.close()
    return entities, facts, source_ids


def _load(path: Path) -> Any:
    # The build's own parser: the same file must read the same here (YAML 1.2, dates as strings).
    try:
        return parse_curated_yaml(path.read_text(encoding="utf-8"))
    except YAML_ERRORS:
        return None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def subject_entities(entities: Iterable[Entity]) -> set[str]:
    """The field's own subject: the Central Asian states and what concerns them (BRI, SCO, the C+C5 format)."""
    ca = {e.id for e in entities if e.central_asia}
    return (
        ca
        | {e.id for e in entities if e.type.value in {"organisation", "initiative"} and set(e.countries) & ca}
        | {e.id for e in entities if e.id in {"bri", "sco", "central-asia", "south-and-central-asia"}}
    )


def analyse(extracted: Extracted, curated: Curated) -> Analysis:
    linker = EntityLinker(curated.entities)
    subject = subject_entities(curated.entities)
    from bot.ingest.furniture import language_of

    language, _ = language_of(extracted.text)
    spans = find_spans(
        extracted.text, language=language, on_subject=lambda t: bool(set(linker.link(t)) & subject)
    )
    meta = draft_metadata(extracted, spans)
    existing = ExistingFacts(curated.facts) if curated.facts else None
    candidates = find_candidates(extracted.text, spans, linker, existing)
    return Analysis(extracted.text, meta, spans, candidates)


# --------------------------------------------------------------------------- anchors for the draft's spans


def _occurrences(text: str, piece: str) -> int:
    """Overlapping occurrences, as the metadata loader counts them when it resolves an anchor."""
    count, at = 0, text.find(piece)
    while at != -1 and count < 2:
        count, at = count + 1, text.find(piece, at + 1)
    return count


def anchor_spec(text: str, span: FoundSpan) -> dict[str, Any] | None:
    """A span as the verbatim anchors the metadata format uses, checked to resolve back to the same offsets."""
    start, end = span.start, span.end
    anchor = None
    for size in (24, 40, 64, 100, 160, 260, 400):
        piece = text[start : start + size]
        if _occurrences(text, piece) == 1:
            anchor = piece
            break
    if anchor is None or text.find(anchor) != start:
        return None
    spec: dict[str, Any] = {"kind": span.kind.value, "reason": span.reason, "start": anchor}
    if end >= len(text.rstrip()):
        spec["to_end_of_document"] = True
        return spec
    if start + len(anchor) == end:
        return spec
    for size in (16, 32, 64, 128, 256):
        tail = text[max(start, end - size) : end]
        if text.find(tail, start) == end - len(tail):
            spec["end"] = tail
            return spec
    return None


_SLUG_STOP = {"a", "an", "and", "the", "of", "with", "in", "on", "to", "for", "by", "as", "at", "its"}


def _slug(title: str | None, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", (title or "document").lower().replace("’", "").replace("'", ""))
    words = [w for w in words if w not in _SLUG_STOP] or words
    base = "-".join(words[:5])[:56].strip("-") or "document"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def source_meta_dict(
    source_id: str, file: str, meta: DraftMeta, spans: list[dict[str, Any]]
) -> dict[str, Any]:
    """The draft in the curated metadata format (placeholders where the document gives nothing)."""
    out: dict[str, Any] = {
        "id": source_id,
        "file": file,
        "title": meta.title or UNTITLED,
        "outlet": meta.outlet or UNKNOWN_OUTLET,
        "authors": meta.authors,
        "published": meta.published,
        "doc_type": meta.doc_type.value,
        "url": meta.url,
        "language": meta.language,
        "spans": spans,
    }
    if meta.published is None:
        out["date_note"] = meta.notes.get("published", "The document states no publication date.")
    return out


@dataclass(slots=True)
class IngestResult:
    source_id: str
    seed_file: str
    analysis: Analysis
    span_specs: list[dict[str, Any]]
    written: list[Path]

    def to_json(self) -> dict[str, Any]:
        source = {"id": self.source_id, "file": self.seed_file, **self.analysis.meta.to_json()}
        source["spans"] = [
            {"kind": s.kind.value, "start": s.start, "end": s.end, "reason": s.reason}
            for s in self.analysis.spans
        ]
        return {"source": source, "candidates": [c.to_dict() for c in self.analysis.candidates]}


class AlreadyIngested(UnsupportedDocument):
    pass


def ingest(
    path: Path, seeds_dir: Path, data_dir: Path, *, dry_run: bool = False, compiled: Path | None = None
) -> IngestResult:
    """`compiled`: the built fact base, read for entities and link suggestions when it is current."""
    extracted = extract(path)
    curated = Curated.read(seeds_dir, data_dir, compiled=compiled)
    digest = content_hash(extracted.text.encode("utf-8"))
    if digest in curated.seed_hashes:
        raise AlreadyIngested(
            f"{path.name}: this text is already in the fact base as seeds/{curated.seed_hashes[digest]}"
        )
    analysis = analyse(extracted, curated)
    numbers = [int(m.group(1)) for p in seeds_dir.glob("*.txt") if (m := re.match(r"(\d+)_", p.name))]
    stem = f"{max(numbers, default=-1) + 1:03d}_{digest}"
    source_id = _slug(analysis.meta.title, curated.source_ids)
    specs = [spec for s in analysis.spans if (spec := anchor_spec(analysis.text, s)) is not None]
    result = IngestResult(source_id, f"{stem}.txt", analysis, specs, [])
    if dry_run:
        return result
    seeds_dir.mkdir(parents=True, exist_ok=True)
    text_path = seeds_dir / f"{stem}.txt"
    atomic_write(text_path, analysis.text.encode("utf-8"))
    result.written.append(text_path)
    if extracted.format != "txt":  # provenance: the file the text was extracted from, never cited
        original = seeds_dir / "originals" / f"{stem}{path.suffix.lower()}"
        original.parent.mkdir(exist_ok=True)
        atomic_write(original, path.read_bytes())
        result.written.append(original)
    meta_path = seeds_dir / f"{stem}.yaml"
    header = (
        f"# Draft metadata written by `briefbot ingest` from {path.name}: check every field, the spans and their\n"
        "# reasons, and add `reliability` notes. `briefbot review` adds the spans you mark as furniture.\n"
    )
    atomic_write(
        meta_path,
        (header + dump_yaml(source_meta_dict(source_id, text_path.name, analysis.meta, specs))).encode(),
    )
    result.written.append(meta_path)
    review_path = data_dir / REVIEW_DIR / f"{source_id}.yaml"
    review_path.parent.mkdir(parents=True, exist_ok=True)
    review = {
        "source": source_id,
        "file": text_path.name,
        "candidates": [{**c.to_dict(), "status": "pending"} for c in analysis.candidates],
    }
    atomic_write(review_path, dump_yaml(review).encode())
    result.written.append(review_path)
    return result
