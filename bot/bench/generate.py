"""Synthetic fact bases N times the curated one, derived from it so that the real loader accepts them.

Copy 0 is the curated base itself, byte for byte. Copy k >= 1 renames every entity (a pronounceable synthetic
name per name, alias and misspelling), scales every written number by a per-copy factor (years stay), suffixes
every id with `-c<k>`, and rewrites the source texts the same way. Quotes, span anchors and `figure.as_written`
are not rewritten independently: they are cut out of the rewritten source text at the mapped offsets, so they
occur there verbatim by construction, and `figure.amount` is the scaled number `as_written` now shows.

Files are written as JSON (which YAML reads) one fact per line, a file per curated file per copy.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.rewrite import CopyTable, Cutter, NameMaker, Rendered
from bot.factbase.loader import FactBase, Inputs, ResolvedFact, Source, load_factbase, parse_curated_yaml
from bot.factbase.models import Entity, Fact
from bot.factbase.text import fold

_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
STATEMENT_MAX = 400


def _find_all(text: str, needle: str) -> list[int]:
    """Every start of `needle` in `text`, overlapping ones included (as the loader counts occurrences)."""
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


class GenerationError(Exception):
    """The rewrite could not keep a verbatim string unique or verbatim (a bug, not a user error)."""


def to_yaml(obj: Any) -> str:
    """JSON that YAML reads back identically: characters YAML would fold or reject are escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where one synthetic fact base lives: inputs, the compiled file, and the query mix."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def compiled(self) -> Path:
        return self.root / "build" / "factbase.db"

    @property
    def queries(self) -> Path:
        return self.root / "queries.json"

    def input_hash(self) -> str:
        return Inputs(self.seeds, self.data).content_hash()


@dataclass(slots=True)
class Curated:
    """The curated base, loaded once, with what the rewrite needs beyond the validated models."""

    fb: FactBase
    seeds_dir: Path
    data_dir: Path
    entity_files: dict[str, list[str]]  # file stem -> entity ids in file order
    fact_files: dict[str, tuple[str, list[str]]]  # file stem -> (file-level `added`, fact ids in order)

    @classmethod
    def load(cls, seeds_dir: Path, data_dir: Path) -> Curated:
        fb = load_factbase(seeds_dir, data_dir)
        entity_files: dict[str, list[str]] = {}
        for path in sorted((data_dir / "entities").glob("*.yaml")):
            raw = parse_curated_yaml(path.read_text(encoding="utf-8"))
            entity_files[path.stem] = [str(e["id"]) for e in raw["entities"]]
        fact_files: dict[str, tuple[str, list[str]]] = {}
        for path in sorted((data_dir / "facts").glob("*.yaml")):
            raw = parse_curated_yaml(path.read_text(encoding="utf-8"))
            fact_files[path.stem] = (str(raw["added"]), [str(f["id"]) for f in raw["facts"]])
        return cls(fb, seeds_dir, data_dir, entity_files, fact_files)


@dataclass(slots=True)
class CopyNames:
    """What the query mix needs to know about one copy."""

    table: CopyTable
    entity_ids: dict[str, str]  # curated entity id -> this copy's id

    def name(self, phrase: str) -> str:
        return self.table.phrases.get(phrase, phrase)

    def fact_id(self, fact_id: str) -> str:
        return fact_id if self.table.copy == 0 else f"{fact_id}-c{self.table.copy}"

    def source_id(self, source_id: str) -> str:
        return source_id if self.table.copy == 0 else f"{source_id}-c{self.table.copy}"


@dataclass(slots=True)
class Generated:
    layout: Layout
    scale: int
    facts: int
    entities: int
    sources: int
    seconds: float


def _slug(text: str, limit: int = 50) -> str:
    return "-".join(fold(text).split())[:limit].strip("-") or "x"


class Generator:
    def __init__(self, curated: Curated, seed: int = 20261125) -> None:
        self.cur = curated
        self.seed = seed
        fb = curated.fb
        self.phrases = sorted({name for e in fb.entities.values() for name in e.all_names})
        self.cutter = Cutter(self.phrases)
        self.texts = {sid: self.cutter.cut(src.text) for sid, src in fb.sources.items()}
        self.names = NameMaker(self.phrases)
        self.copies: list[CopyNames] = []

    # ------------------------------------------------------------------ per-copy tables

    def table(self, k: int) -> CopyNames:
        """Copy k's names and numbers (tables are made in order, so names stay unique across copies)."""
        while len(self.copies) <= k:
            n = len(self.copies)
            self.copies.append(self._make_table(n))
        return self.copies[k]

    def _make_table(self, k: int) -> CopyNames:
        if k == 0:
            return CopyNames(CopyTable(0, {}, 1.0), {e: e for e in self.cur.fb.entities})
        rng = random.Random(self.seed * 1_000_003 + k)
        factor = 1.0 + rng.randrange(5, 96) / 100
        phrases: dict[str, str] = {}
        ids: dict[str, str] = {}
        taken: set[str] = set()
        for entity in self.cur.fb.entities.values():
            if entity.name not in phrases:
                phrases[entity.name] = self.names.phrase(rng, entity.name)
            for alias in entity.aliases:
                if alias not in phrases:
                    base = alias.removesuffix("'s").removesuffix("’s")
                    if base != alias and base in phrases:
                        phrases[alias] = phrases[base] + alias[len(base) :]
                    else:
                        phrases[alias] = self.names.phrase(rng, alias)
            for wrong in entity.misspellings:
                if wrong not in phrases:
                    phrases[wrong] = self.names.misspell(rng, phrases[entity.name])
            slug = _slug(phrases[entity.name])
            candidate, n = slug, 1
            while candidate in taken:
                n += 1
                candidate = f"{slug[:46]}-{n}"
            taken.add(candidate)
            ids[entity.id] = f"{candidate}-c{k}"
        for phrase in self.phrases:  # names used only inside other entities' names still need a substitute
            phrases.setdefault(phrase, self.names.phrase(rng, phrase))
        return CopyNames(CopyTable(k, phrases, factor), ids)

    # ------------------------------------------------------------------ one copy

    def _render(self, names: CopyNames, text: str | None) -> str | None:
        if text is None:
            return None
        return names.table.render(self.cutter.cut(text))

    def _source(self, names: CopyNames, src: Source, rendered: Rendered, file: str) -> dict[str, Any]:
        meta = src.meta
        r = self._render
        spans = []
        for spec in meta.spans:
            begin = src.text.find(spec.start)
            new_begin, new_stop = rendered.span(begin, begin + len(spec.start))
            new_begin, new_start = self._unique_anchor(rendered.text, new_begin, new_stop, meta.id)
            span: dict[str, Any] = {
                "kind": spec.kind.value,
                "reason": r(names, spec.reason),
                "start": new_start,
            }
            if spec.end is not None:
                end_at = src.text.find(spec.end, begin)
                e0, e1 = rendered.span(end_at, end_at + len(spec.end))
                span["end"] = self._first_after(rendered.text, e0, e1, new_begin, meta.id)
            if spec.to_end_of_document:
                span["to_end_of_document"] = True
            if spec.publication is not None:
                span["publication"] = r(names, spec.publication)
            spans.append(span)
        return {
            "id": names.source_id(meta.id),
            "file": file,
            "title": r(names, meta.title),
            "outlet": r(names, meta.outlet),
            "authors": [r(names, a) for a in meta.authors],
            "translators": [r(names, t) for t in meta.translators],
            "published": meta.published.isoformat() if meta.published else None,
            "date_note": r(names, meta.date_note),
            "doc_type": meta.doc_type.value,
            "url": meta.url,
            "language": meta.language,
            "reliability": [r(names, x) for x in meta.reliability],
            "fact_caveat": r(names, meta.fact_caveat),
            "spans": spans,
        }

    @staticmethod
    def _unique_anchor(text: str, start: int, stop: int, where: str) -> tuple[int, str]:
        while stop <= len(text):
            anchor = text[start:stop]
            if len(_find_all(text, anchor)) == 1:
                return start, anchor
            stop += 1
        raise GenerationError(f"{where}: span anchor {text[start:stop]!r} cannot be made unique")

    @staticmethod
    def _first_after(text: str, start: int, stop: int, begin: int, where: str) -> str:
        while start >= begin:
            anchor = text[start:stop]
            if text.find(anchor, begin) == start:
                return anchor
            start -= 1
        raise GenerationError(f"{where}: span end anchor cannot be made first after its start")

    def _entity(self, names: CopyNames, e: Entity) -> dict[str, Any]:
        out: dict[str, Any] = {"id": names.entity_ids[e.id], "name": names.name(e.name), "type": e.type.value}
        if e.aliases:
            out["aliases"] = [names.name(a) for a in e.aliases]
        if e.misspellings:
            out["misspellings"] = [names.name(m) for m in e.misspellings]
        if e.role is not None:
            out["role"] = self._render(names, e.role)
        if e.description is not None:
            out["description"] = self._render(names, e.description)
        if e.countries:
            out["countries"] = [names.entity_ids[c] for c in e.countries]
        if e.central_asia:
            out["central_asia"] = True
        return out

    def _fact(self, names: CopyNames, rf: ResolvedFact, texts: dict[str, Rendered]) -> dict[str, Any]:
        fact: Fact = rf.fact
        r = self._render
        statement = r(names, fact.statement) or fact.statement
        if len(statement) > STATEMENT_MAX:
            statement = statement[:STATEMENT_MAX].rsplit(" ", 1)[0]
        out: dict[str, Any] = {
            "id": names.fact_id(fact.id),
            "statement": statement,
            "kind": fact.kind.value,
            "entities": [names.entity_ids[e] for e in fact.entities],
        }
        citations = []
        for cite in rf.citations:
            rendered = texts[cite.source]
            a, b = rendered.span(cite.start, cite.end)
            quote = rendered.text[a:b]
            occurrence = _find_all(rendered.text, quote).index(a) + 1
            entry: dict[str, Any] = {"source": names.source_id(cite.source), "quote": quote}
            if occurrence != 1:
                entry["occurrence"] = occurrence
            citations.append(entry)
        if fact.figure is not None:
            out["figure"] = self._figure(names, rf, texts)
        for key in ("date", "date_end", "as_of"):
            if getattr(fact, key) is not None:
                out[key] = getattr(fact, key)
        if fact.attribution is not None:
            who: dict[str, Any] = {"who": r(names, fact.attribution.who)}
            if fact.attribution.entity is not None:
                who["entity"] = names.entity_ids[fact.attribution.entity]
            out["attribution"] = who
        if fact.caveats:
            out["caveats"] = [r(names, c) for c in fact.caveats]
        out["citations"] = citations
        if fact.links:
            out["links"] = [
                {"fact": names.fact_id(link.fact), "relation": link.relation.value}
                | ({"note": r(names, link.note)} if link.note is not None else {})
                for link in fact.links
            ]
        if fact.topics:
            out["topics"] = list(fact.topics)
        if fact.added is not None:
            out["added"] = fact.added.isoformat()
        return out

    def _figure(self, names: CopyNames, rf: ResolvedFact, texts: dict[str, Rendered]) -> dict[str, Any]:
        fig = rf.fact.figure
        assert fig is not None
        out: dict[str, Any] = {"amount": fig.amount}
        if fig.scale is not None:
            out["scale"] = fig.scale
        out["unit"] = fig.unit
        if fig.currency is not None:
            out["currency"] = fig.currency
        if fig.qualifier is not None:
            out["qualifier"] = self._render(names, fig.qualifier)
        cite = next(c for c in rf.citations if fig.as_written in c.quote)
        rendered = texts[cite.source]
        at = cite.start + cite.quote.index(fig.as_written)
        a, b = rendered.span(at, at + len(fig.as_written))
        out["as_written"] = rendered.text[a:b]
        t = rendered.template
        for key, s, e in zip(t.keys, t.starts, t.ends, strict=True):
            if (
                s >= at
                and e <= at + len(fig.as_written)
                and key[0] == "n"
                and float(key[2:].replace(",", "")) == fig.amount
            ):
                out["amount"] = float(names.table.value(key).replace(",", ""))
                break
        return out

    # ------------------------------------------------------------------ files

    def _write_copy(self, layout: Layout, k: int) -> tuple[int, int, int]:
        fb = self.cur.fb
        if k == 0:
            for path in [*self.cur.seeds_dir.glob("*.txt"), *self.cur.seeds_dir.glob("*.yaml")]:
                shutil.copyfile(path, layout.seeds / path.name)
            for stem in self.cur.entity_files:
                shutil.copyfile(
                    self.cur.data_dir / "entities" / f"{stem}.yaml", layout.data / "entities" / f"{stem}.yaml"
                )
            for stem in self.cur.fact_files:
                shutil.copyfile(
                    self.cur.data_dir / "facts" / f"{stem}.yaml", layout.data / "facts" / f"{stem}.yaml"
                )
            for path in self.cur.data_dir.glob("thesaurus*.yaml"):  # the vocabulary is the same at any size
                shutil.copyfile(path, layout.data / path.name)
            return len(fb.facts), len(fb.entities), len(fb.sources)
        names = self.table(k)
        texts: dict[str, Rendered] = {}
        for sid, src in fb.sources.items():
            rendered = names.table.render_offsets(self.texts[sid])
            texts[sid] = rendered
            stem = f"c{k:04d}_{Path(src.meta.file).stem}"
            (layout.seeds / f"{stem}.txt").write_text(rendered.text, encoding="utf-8")
            meta = self._source(names, src, rendered, f"{stem}.txt")
            (layout.seeds / f"{stem}.yaml").write_text(to_yaml(meta) + "\n", encoding="utf-8")
        for stem, ids in self.cur.entity_files.items():
            lines = ",\n".join(to_yaml(self._entity(names, fb.entities[i])) for i in ids)
            (layout.data / "entities" / f"{stem}-c{k:04d}.yaml").write_text(
                '{"entities": [\n' + lines + "\n]}\n", encoding="utf-8"
            )
        for stem, (added, ids) in self.cur.fact_files.items():
            lines = ",\n".join(to_yaml(self._fact(names, fb.facts[i], texts)) for i in ids)
            (layout.data / "facts" / f"{stem}-c{k:04d}.yaml").write_text(
                f'{{"added": "{added}", "facts": [\n' + lines + "\n]}\n", encoding="utf-8"
            )
        return len(fb.facts), len(fb.entities), len(fb.sources)

    def generate(self, root: Path, scale: int) -> Generated:
        """Write a base of `scale` copies under `root` (emptied first)."""
        started = time.perf_counter()
        if scale < 1:
            raise ValueError("scale must be at least 1")
        layout = Layout(root)
        if root.exists():
            shutil.rmtree(root)
        for d in (layout.seeds, layout.data / "entities", layout.data / "facts", layout.compiled.parent):
            d.mkdir(parents=True)
        totals: Counter[str] = Counter()
        for k in range(scale):
            facts, entities, sources = self._write_copy(layout, k)
            totals.update(facts=facts, entities=entities, sources=sources)
        return Generated(
            layout,
            scale,
            totals["facts"],
            totals["entities"],
            totals["sources"],
            time.perf_counter() - started,
        )
