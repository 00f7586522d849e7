"""Load the curated text files, validate them, and resolve every quote to offsets in its source.

All problems are collected and reported together, each naming the file, the fact (or entity/source) id and the
field, so that one `briefbot check` run shows a curator everything to fix.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml_rs
from pydantic import ValidationError

from bot.factbase.models import (
    Citation,
    Entity,
    EntityFile,
    Fact,
    FactFile,
    FactLink,
    Relation,
    SourceMeta,
    SpanKind,
)
from bot.factbase.thesaurus import Thesaurus, ThesaurusFile


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.item:
            where += f": {self.item}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    start: int
    end: int
    reason: str
    publication: str | None = None


@dataclass(slots=True)
class Source:
    meta: SourceMeta
    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    def excluded_at(self, start: int, end: int) -> Span | None:
        for span in self.spans:
            if span.kind is not SpanKind.EXCERPT and start < span.end and end > span.start:
                return span
        return None

    def excerpt_at(self, start: int, end: int) -> Span | None:
        for span in self.spans:
            if span.kind is SpanKind.EXCERPT and span.start <= start and end <= span.end:
                return span
        return None


@dataclass(frozen=True, slots=True)
class ResolvedCitation:
    source: str
    quote: str
    start: int
    end: int
    excerpt_of: str | None = None


@dataclass(slots=True)
class ResolvedFact:
    fact: Fact
    citations: list[ResolvedCitation]
    added: date
    caveats: list[str]
    links: list[FactLink]
    file: str

    @property
    def id(self) -> str:
        return self.fact.id


@dataclass(slots=True)
class FactBase:
    sources: dict[str, Source]
    entities: dict[str, Entity]
    facts: dict[str, ResolvedFact]
    input_hash: str
    thesaurus: Thesaurus = field(default_factory=Thesaurus)


class FactBaseInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the fact base")


@dataclass(frozen=True, slots=True)
class Inputs:
    seeds_dir: Path
    data_dir: Path

    def _listing(self) -> list[tuple[Path, list[str]]]:
        """Each input folder with the names of its inputs, sorted: the order of `files`.

        Read with os.scandir and compared as strings, not as Path objects: at 1,000x the curated size there are
        19,000 inputs, and the start-up check that none changed took seconds through pathlib."""
        return [
            (self.seeds_dir, _names(self.seeds_dir, "*.txt")),
            (self.seeds_dir, _names(self.seeds_dir, "*.yaml")),
            (self.data_dir / "entities", _names(self.data_dir / "entities", "*.yaml")),
            (self.data_dir / "facts", _names(self.data_dir / "facts", "*.yaml")),
            (self.data_dir, _names(self.data_dir, "thesaurus*.yaml")),
        ]

    def entries(self) -> list[tuple[str, str]]:
        """(key, path) of every input in `files` order; the key is the name relative to its folder's parent
        ("facts/x.yaml", as Path.relative_to spells it), the path a string: no Path object per input."""
        out = []
        for folder, names in self._listing():
            above = str((folder / "_").relative_to(folder.parent))[:-1]
            where = str(folder)
            out += [(above + name, os.path.join(where, name)) for name in names]
        return out

    def files(self) -> list[Path]:
        return [folder / name for folder, names in self._listing() for name in names]

    def stat_fingerprint(self) -> str:
        """Names, sizes and modification times of every input: cheap to take, changes whenever a file does."""
        digest = hashlib.sha256()
        for key, path in self.entries():
            st = os.stat(path)
            digest.update(f"{key}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        return digest.hexdigest()

    def content_hash(self, known: dict[str, list[Any]] | None = None) -> str:
        """Hash of every input's name and bytes: the compiled store is rebuilt only when this changes.

        `known`: [size, mtime_ns, sha256] of inputs by key, as the last build recorded them: a file whose size
        and mtime are unchanged is not read again (at 1,000x the curated size that is 300 MB)."""
        return hash_of_digests(self.digests(known))

    def digests(self, known: dict[str, list[Any]] | None = None) -> dict[str, list[Any]]:
        """[size, mtime_ns, sha256] of every input by key, in `entries` order (as a build's manifest records
        them); from `known` where a file's size and mtime are unchanged, else read and hashed."""
        out: dict[str, list[Any]] = {}
        for key, path in self.entries():
            st = os.stat(path)
            seen = (known or {}).get(key)
            if seen is None or [st.st_size, st.st_mtime_ns] != seen[:2]:
                seen = [st.st_size, st.st_mtime_ns, file_digest(path)]
            out[key] = list(seen[:3])
        return out


def hash_of_digests(digests: dict[str, list[Any]]) -> str:
    """`Inputs.content_hash` from the inputs' `Inputs.digests`."""
    digest = hashlib.sha256()
    for key, (_size, _mtime, sha) in digests.items():
        digest.update(f"{key}\0{sha}\0".encode())
    return digest.hexdigest()


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _names(folder: Path, pattern: str) -> list[str]:
    """The sorted names in `folder` matching `pattern`, as Path.glob matches them (case-sensitive here)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if fnmatch.fnmatchcase(e.name, pattern))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# The errors `parse_curated_yaml` raises for a file that is not valid YAML (or not UTF-8).
YAML_ERRORS = (yaml_rs.YAMLDecodeError, UnicodeDecodeError)


def parse_curated_yaml(text: str) -> Any:
    """One curated YAML document as plain Python data (dicts, lists, strings, numbers, None).

    yaml-rs (saphyr, in Rust) builds the Python objects itself, where PyYAML's constructor runs in Python even
    with libyaml: five times faster, and at 1,000x the curated size the parse was a third of the cold compile.
    It reads YAML 1.2: dates stay strings (the models parse them), `yes`/`no` are strings (lax booleans accept
    them), and a key repeated in one mapping is an error rather than a silently lost value."""
    return yaml_rs.loads(text, parse_datetime=False)


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    try:
        return parse_curated_yaml(path.read_text(encoding="utf-8"))
    except YAML_ERRORS as exc:
        problems.append(Problem(_rel(path, root), None, None, f"not valid YAML: {exc}"))
        return None


def _validation_problems(
    file: str, exc: ValidationError, items: list[Any] | None, key: str
) -> Iterable[Problem]:
    for err in exc.errors():
        loc = list(err["loc"])
        item = None
        if items is not None and len(loc) >= 2 and loc[0] == key and isinstance(loc[1], int):
            raw = items[loc[1]] if loc[1] < len(items) else None
            item = raw.get("id") if isinstance(raw, dict) else None
            item = str(item) if item else f"{key}[{loc[1]}]"
            loc = loc[2:]
        field_path = ".".join(str(part) for part in loc) or None
        yield Problem(file, item, field_path, err["msg"])


def _find_all(text: str, needle: str) -> list[int]:
    positions, i = [], text.find(needle)
    while i != -1:
        positions.append(i)
        i = text.find(needle, i + 1)
    return positions


def _resolve_spans(meta: SourceMeta, text: str, file: str, problems: list[Problem]) -> list[Span]:
    spans: list[Span] = []
    for n, spec in enumerate(meta.spans):
        starts = _find_all(text, spec.start)
        if len(starts) != 1:
            what = "not found" if not starts else f"found {len(starts)} times; make it longer to be unique"
            problems.append(Problem(file, meta.id, f"spans[{n}].start", f"anchor {spec.start!r} {what}"))
            continue
        begin = starts[0]
        if spec.to_end_of_document:
            end = len(text)
        elif spec.end is None:
            end = begin + len(spec.start)
        else:
            end_at = text.find(spec.end, begin)
            if end_at == -1:
                problems.append(
                    Problem(file, meta.id, f"spans[{n}].end", f"anchor {spec.end!r} not found after start")
                )
                continue
            end = end_at + len(spec.end)
        spans.append(Span(spec.kind, begin, end, spec.reason, spec.publication))
    return spans


def _load_sources(inputs: Inputs, root: Path, problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    texts = {p.name: p for p in inputs.seeds_dir.glob("*.txt")}
    described: set[str] = set()
    for path in sorted(inputs.seeds_dir.glob("*.yaml")):
        file = _rel(path, root)
        raw = _read_yaml(path, root, problems)
        if raw is None:
            continue
        if isinstance(raw, dict) and isinstance(raw.get("file"), str):
            described.add(
                raw["file"]
            )  # broken metadata is reported as such, not as a document without metadata
        try:
            meta = SourceMeta.model_validate(raw)
        except ValidationError as exc:
            source_id = str(raw["id"]) if isinstance(raw, dict) and raw.get("id") else None
            problems.extend(
                replace(p, item=p.item or source_id) for p in _validation_problems(file, exc, None, "")
            )
            continue
        if meta.id in sources:
            problems.append(Problem(file, meta.id, "id", "duplicate source id"))
            continue
        text_path = texts.get(meta.file)
        if text_path is None:
            problems.append(Problem(file, meta.id, "file", f"no document {meta.file!r} in seeds/"))
            continue
        described.add(meta.file)
        text = text_path.read_text(encoding="utf-8")
        sources[meta.id] = Source(meta, text, _resolve_spans(meta, text, file, problems))
    for name in sorted(set(texts) - described):
        problems.append(
            Problem(_rel(texts[name], root), None, None, "document has no metadata file (seeds/*.yaml)")
        )
    return sources


def _load_entities(inputs: Inputs, root: Path, problems: list[Problem]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    origin: dict[str, str] = {}
    for path in sorted((inputs.data_dir / "entities").glob("*.yaml")):
        file = _rel(path, root)
        raw = _read_yaml(path, root, problems)
        if raw is None:
            continue
        try:
            parsed = EntityFile.model_validate(raw)
        except ValidationError as exc:
            items = raw.get("entities") if isinstance(raw, dict) else None
            problems.extend(
                _validation_problems(file, exc, items if isinstance(items, list) else None, "entities")
            )
            continue
        for entity in parsed.entities:
            if entity.id in entities:
                problems.append(
                    Problem(file, entity.id, "id", f"duplicate entity id (also in {origin[entity.id]})")
                )
                continue
            entities[entity.id] = entity
            origin[entity.id] = file
    for entity in entities.values():
        for n, country in enumerate(entity.countries):
            if country not in entities:
                problems.append(
                    Problem(origin[entity.id], entity.id, f"countries[{n}]", f"unknown entity id {country!r}")
                )
    return entities


def _load_thesaurus(
    inputs: Inputs, root: Path, entities: dict[str, Entity], problems: list[Problem]
) -> Thesaurus:
    files: list[ThesaurusFile] = []
    for path in sorted(inputs.data_dir.glob("thesaurus*.yaml")):
        file = _rel(path, root)
        raw = _read_yaml(path, root, problems)
        if raw is None:
            continue
        try:
            parsed = ThesaurusFile.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_validation_problems(file, exc, None, "synonyms"))
            continue
        for n, names in enumerate(parsed.entity_words):
            if names.entity not in entities:
                problems.append(
                    Problem(
                        file, names.entity, f"entity_words[{n}].entity", f"unknown entity id {names.entity!r}"
                    )
                )
        files.append(parsed)
    return Thesaurus.from_files(files)


def _resolve_citation(
    cite: Citation, sources: dict[str, Source], file: str, fact_id: str, where: str, problems: list[Problem]
) -> ResolvedCitation | None:
    source = sources.get(cite.source)
    if source is None:
        problems.append(Problem(file, fact_id, f"{where}.source", f"unknown source id {cite.source!r}"))
        return None
    hits = _find_all(source.text, cite.quote)
    if not hits:
        problems.append(
            Problem(file, fact_id, f"{where}.quote", f"quote not found verbatim in {source.meta.file}")
        )
        return None
    if cite.occurrence > len(hits):
        problems.append(
            Problem(
                file,
                fact_id,
                f"{where}.occurrence",
                f"quote occurs {len(hits)} time(s), not {cite.occurrence}",
            )
        )
        return None
    start = hits[cite.occurrence - 1]
    end = start + len(cite.quote)
    excluded = source.excluded_at(start, end)
    if excluded is not None:
        problems.append(
            Problem(
                file,
                fact_id,
                f"{where}.quote",
                f"quote lies in an excluded {excluded.kind.value} span ({excluded.reason})",
            )
        )
        return None
    excerpt = source.excerpt_at(start, end)
    return ResolvedCitation(cite.source, cite.quote, start, end, excerpt.publication if excerpt else None)


def _check_fact_refs(fact: Fact, entities: dict[str, Entity], file: str, problems: list[Problem]) -> None:
    for n, entity_id in enumerate(fact.entities):
        if entity_id not in entities:
            problems.append(Problem(file, fact.id, f"entities[{n}]", f"unknown entity id {entity_id!r}"))
    if fact.attribution and fact.attribution.entity and fact.attribution.entity not in entities:
        problems.append(
            Problem(file, fact.id, "attribution.entity", f"unknown entity id {fact.attribution.entity!r}")
        )


def _load_facts(
    inputs: Inputs,
    root: Path,
    sources: dict[str, Source],
    entities: dict[str, Entity],
    problems: list[Problem],
) -> dict[str, ResolvedFact]:
    facts: dict[str, ResolvedFact] = {}
    for path in sorted((inputs.data_dir / "facts").glob("*.yaml")):
        file = _rel(path, root)
        raw = _read_yaml(path, root, problems)
        if raw is None:
            continue
        try:
            parsed = FactFile.model_validate(raw)
        except ValidationError as exc:
            items = raw.get("facts") if isinstance(raw, dict) else None
            problems.extend(
                _validation_problems(file, exc, items if isinstance(items, list) else None, "facts")
            )
            # Still check the facts that are valid on their own, so one run reports every problem in the file.
            parsed = FactFile.model_construct(added=date.min, facts=_valid_facts(items))
        for fact in parsed.facts:
            if fact.id in facts:
                problems.append(
                    Problem(file, fact.id, "id", f"duplicate fact id (also in {facts[fact.id].file})")
                )
                continue
            _check_fact_refs(fact, entities, file, problems)
            resolved = [
                _resolve_citation(c, sources, file, fact.id, f"citations[{n}]", problems)
                for n, c in enumerate(fact.citations)
            ]
            citations = [c for c in resolved if c is not None]
            if (
                fact.figure is not None
                and citations
                and not any(fact.figure.as_written in c.quote for c in citations)
            ):
                problems.append(
                    Problem(
                        file,
                        fact.id,
                        "figure.as_written",
                        f"{fact.figure.as_written!r} is not in any citation quote",
                    )
                )
            facts[fact.id] = ResolvedFact(
                fact=fact,
                citations=citations,
                added=fact.added or parsed.added,
                caveats=_effective_caveats(fact, sources),
                links=list(fact.links),
                file=file,
            )
    _link_facts(facts, problems)
    for rf in facts.values():
        if not rf.citations and not any(p.item == rf.id for p in problems):
            problems.append(Problem(rf.file, rf.id, "citations", "no valid citation"))
    return facts


def _valid_facts(items: Any) -> list[Fact]:
    valid = []
    for item in items if isinstance(items, list) else []:
        with suppress(ValidationError):  # an invalid fact is already reported with the file's problems
            valid.append(Fact.model_validate(item))
    return valid


def _effective_caveats(fact: Fact, sources: dict[str, Source]) -> list[str]:
    """A source-level caveat (e.g. an advocacy outlet) applies to facts that rest on that source alone."""
    caveats = list(fact.caveats)
    cited = {c.source for c in fact.citations}
    if len(cited) == 1:
        source = sources.get(next(iter(cited)))
        if source and source.meta.fact_caveat and source.meta.fact_caveat not in caveats:
            caveats.append(source.meta.fact_caveat)
    return caveats


def _link_facts(facts: dict[str, ResolvedFact], problems: list[Problem]) -> None:
    """Links are written once by the curator and made symmetric here."""
    for rf in list(facts.values()):
        for n, link in enumerate(rf.fact.links):
            other = facts.get(link.fact)
            if other is None:
                problems.append(Problem(rf.file, rf.id, f"links[{n}].fact", f"unknown fact id {link.fact!r}"))
                continue
            if link.fact == rf.id:
                problems.append(Problem(rf.file, rf.id, f"links[{n}].fact", "a fact cannot link to itself"))
                continue
            if not any(back.fact == rf.id for back in other.links):
                relation = link.relation if link.relation is not Relation.ELABORATES else Relation.ELABORATES
                other.links.append(FactLink(fact=rf.id, relation=relation, note=link.note))


def load_factbase(seeds_dir: Path, data_dir: Path, *, known: dict[str, list[Any]] | None = None) -> FactBase:
    """Load and validate everything; raise FactBaseInvalid listing every problem found. `known`: the inputs'
    digests the caller has just taken (`Inputs.digests`), so that the input hash reads no file again."""
    inputs = Inputs(seeds_dir, data_dir)
    root = seeds_dir.parent
    problems: list[Problem] = []
    sources = _load_sources(inputs, root, problems)
    entities = _load_entities(inputs, root, problems)
    facts = _load_facts(inputs, root, sources, entities, problems)
    thesaurus = _load_thesaurus(inputs, root, entities, problems)
    if problems:
        raise FactBaseInvalid(problems)
    return FactBase(
        sources=sources,
        entities=entities,
        facts=facts,
        input_hash=inputs.content_hash(known),
        thesaurus=thesaurus,
    )
