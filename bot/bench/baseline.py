"""The yardstick: the same interactions answered by a straight scan over every fact held in Python.

Facts are loaded once into a list of dicts (with their folded word sets); each question then scans the whole
list — no index, no SQL — and the answer goes through the same `Brief` dataclasses and Discord renderer.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.briefs import Brief, Cite, Item, NotFound, Section, SourceRef, UserError, echo
from bot.factbase.text import fold
from bot.render.discord import render_error, render_pages
from bot.search import parse_query

SECTION_LIMIT = 8
COUNTRY = {"country"}
PROJECT = {"project", "initiative"}
COUNTRY_PLAN = (
    ("Key figures", ("figure",)),
    ("Projects", ("project",)),
    ("Relations and memberships", ("relation", "membership")),
    ("Public opinion", ("poll",)),
    ("Claims and assessments", ("claim", "opinion")),
)
FIGURE_KINDS = ("figure", "poll", "project", "event", "claim", "membership", "relation")

Row = dict[str, Any]


class _Builder:
    def __init__(self, base: Baseline, kind: str, title: str, key: dict[str, Any]) -> None:
        self.base = base
        self.brief = Brief(kind=kind, title=title, key=key)

    def item(self, fact: Row) -> Item:
        numbers = []
        for c in fact["citations"]:
            n = len(self.brief.citations) + 1
            self.brief.citations.append(
                Cite(n, fact["id"], c["source"], c["quote"], c["start"], c["end"], c["excerpt_of"])
            )
            numbers.append(n)
        text = fact["statement"] + (
            f" ({fact['date']})" if fact["date"] and fact["date"] not in fact["statement"] else ""
        )
        notes = list(fact["caveats"])
        who = (fact["attribution"] or {}).get("who")
        if who and who not in fact["statement"]:
            notes.insert(0, f"According to {who}.")
        return Item(text, fact["id"], numbers, notes)

    def section(self, title: str, facts: list[Row], total: int | None = None) -> None:
        if facts:
            section = Section(title, [self.item(f) for f in facts])
            if total is not None and total > len(facts):
                section.more = f"{total - len(facts)} more"
            self.brief.sections.append(section)

    def finish(self) -> Brief:
        ids = list(dict.fromkeys(c.source_id for c in self.brief.citations))
        self.brief.sources = [
            SourceRef(i, s["title"], s["outlet"], s["published"] or "undated", s["doc_type"], s["file"])
            for i in ids
            if (s := self.base.sources.get(i))
        ]
        return self.brief


@dataclass(slots=True)
class Baseline:
    facts: list[Row]
    entities: list[Row]
    sources: dict[str, Row]

    @classmethod
    def load(cls, compiled: Path) -> Baseline:
        db = sqlite3.connect(f"file:{compiled}?mode=ro", uri=True)
        try:
            cites: dict[int, list[Row]] = defaultdict(list)
            for rid, source, quote, start, end, excerpt in db.execute(
                'SELECT fact_rid, source_id, quote, start, "end", excerpt_of FROM citations ORDER BY fact_rid, n'
            ):
                cites[rid].append(
                    {"source": source, "quote": quote, "start": start, "end": end, "excerpt_of": excerpt}
                )
            facts = []
            for (
                rid,
                fid,
                statement,
                kind,
                date,
                attribution,
                caveats,
                figure,
                salience,
                entity_ids,
            ) in db.execute(
                "SELECT rid, id, statement, kind, date, attribution, caveats, figure, salience, entity_ids "
                "FROM facts ORDER BY rid"
            ):
                quotes = " ".join(c["quote"] for c in cites[rid])
                facts.append(
                    {
                        "rid": rid,
                        "id": fid,
                        "statement": statement,
                        "kind": kind,
                        "date": date,
                        "attribution": json.loads(attribution) if attribution else None,
                        "caveats": json.loads(caveats),
                        "figure": json.loads(figure) if figure else None,
                        "salience": salience,
                        "entity_ids": json.loads(entity_ids),
                        "citations": cites[rid],
                        "tokens": frozenset(fold(f"{statement} {quotes}").split()),
                    }
                )
            keys: dict[int, list[str]] = defaultdict(list)
            for key, rid in db.execute("SELECT key, entity_rid FROM entity_names"):
                keys[rid].append(key)
            entities = [
                {
                    "rid": rid,
                    "id": eid,
                    "name": name,
                    "type": etype,
                    "fact_count": count,
                    "description": description,
                    "countries": json.loads(countries),
                    "keys": keys[rid],
                }
                for rid, eid, name, etype, count, description, countries in db.execute(
                    "SELECT rid, id, name, type, fact_count, description, countries FROM entities ORDER BY rid"
                )
            ]
            sources = {
                sid: {
                    "title": title,
                    "outlet": outlet,
                    "published": published,
                    "doc_type": doc_type,
                    "file": file,
                    "text": text,
                }
                for sid, title, outlet, published, doc_type, file, text in db.execute(
                    "SELECT id, title, outlet, published, doc_type, file, text FROM sources"
                )
            }
        finally:
            db.close()
        return cls(facts, entities, sources)

    # ------------------------------------------------------------------ answering

    def answer(self, command: str, options: dict[str, Any]) -> str:
        """Answer one interaction down to its message payloads: 'answered', 'not_found' or 'error'."""
        try:
            brief = getattr(self, f"_{command}")(**options)
        except UserError as exc:
            render_error(str(exc))
            return "error"
        render_pages(brief)
        return "answered" if brief.found else "not_found"

    def complete(self, prefix: str, types: set[str] = COUNTRY, limit: int = 25) -> list[dict[str, str]]:
        key = fold(prefix)
        hits = [
            (e, next((k for k in e["keys"] if k.startswith(key)), None))
            for e in self.entities
            if e["type"] in types
        ]
        ranked = sorted(
            ((e, k) for e, k in hits if k is not None), key=lambda ek: (-ek[0]["fact_count"], ek[0]["name"])
        )
        return [{"name": e["name"][:100], "value": e["id"][:100]} for e, _ in ranked[:limit]]

    def _resolve(self, text: str, types: set[str], what: str) -> Row:
        key = fold(text)
        if not key:
            raise UserError(f"Please give a {what} name.")
        best: Row | None = None
        for e in self.entities:
            if (
                e["type"] in types
                and (e["id"] == text.strip() or key in e["keys"])
                and (best is None or e["fact_count"] > best["fact_count"])
            ):
                best = e
        if best is not None:
            return best
        prefixed = [
            e for e in self.entities if e["type"] in types and any(k.startswith(key) for k in e["keys"])
        ]
        if len(key) >= 3 and len(prefixed) == 1:
            return prefixed[0]
        raise NotFound(f"{echo(text)} is not in the fact base.")

    def _about(self, entity_id: str) -> list[Row]:
        return sorted(
            (f for f in self.facts if entity_id in f["entity_ids"]), key=lambda f: (-f["salience"], f["rid"])
        )

    def _country(self, name: str) -> Brief:
        entity = self._resolve(name, COUNTRY, "country")
        facts = self._about(entity["id"])
        b = _Builder(self, "country", entity["name"], {"command": "country", "name": entity["id"]})
        b.brief.description = f"{len(facts)} cited facts in the fact base."
        for title, kinds in COUNTRY_PLAN:
            chosen = [f for f in facts if f["kind"] in kinds]
            b.section(title, chosen[:SECTION_LIMIT], len(chosen))
        events = [f for f in facts if f["kind"] == "event"]
        b.section(
            "Timeline",
            sorted(events[:SECTION_LIMIT], key=lambda f: (f["date"] or "9999", f["id"])),
            len(events),
        )
        caveats: dict[str, list[int]] = {}
        for section in b.brief.sections:
            for item in section.items:
                for note in item.notes:
                    caveats.setdefault(note, []).extend(item.cites[:1])
        if caveats:
            ordered = sorted(caveats.items(), key=lambda kv: -len(kv[1]))[:6]
            b.brief.sections.append(
                Section("Caveats", text="\n".join(f"• {c} [{ns[0]}]" for c, ns in ordered))
            )
        return b.finish()

    def _project(self, name: str) -> Brief:
        entity = self._resolve(name, PROJECT, "project")
        facts = self._about(entity["id"])
        b = _Builder(self, "project", entity["name"], {"command": "project", "name": entity["id"]})
        b.brief.description = entity["description"]
        shown = sorted(
            facts[: SECTION_LIMIT * 2], key=lambda f: (f["date"] or "9999", -f["salience"], f["id"])
        )
        b.section("What the sources say", shown, len(facts))
        return b.finish()

    def _scan(
        self, query: str, country: str | None, kinds: tuple[str, ...] | None, figures: bool
    ) -> list[Row]:
        terms = set(parse_query(query).terms)
        entity = self._resolve(country, COUNTRY, "country") if country else None
        scored = []
        for f in self.facts:
            if (figures and f["figure"] is None) or (kinds and f["kind"] not in kinds):
                continue
            if entity is not None and entity["id"] not in f["entity_ids"]:
                continue
            overlap = len(terms & f["tokens"])
            if overlap:
                scored.append((-overlap, -f["salience"], f["rid"], f))
        scored.sort(key=lambda t: t[:3])
        return [t[3] for t in scored[: SECTION_LIMIT * 2]]

    def _figure(self, query: str, country: str | None = None) -> Brief:
        facts = self._scan(query, country, FIGURE_KINDS, figures=True)
        b = _Builder(
            self,
            "figure",
            f"Figures: {echo(query)}",
            {"command": "figure", "query": query, "country": country},
        )
        if not facts:
            b.brief.found = False
            b.brief.description = "The sources give no figure for that."
        b.section("Figures", facts)
        return b.finish()

    def _search(self, query: str, country: str | None = None, kind: str | None = None) -> Brief:
        facts = self._scan(query, country, (kind,) if kind else None, figures=False)
        b = _Builder(self, "search", f"Search: {echo(query)}", {"command": "search", "query": query})
        if not facts:
            b.brief.found = False
            b.brief.description = "The sources in the fact base do not cover this."
        b.section("Best-matching facts", facts)
        return b.finish()

    def _fact(self, id: str) -> Brief:
        wanted = fold(id).replace(" ", "-")
        fact = next((f for f in self.facts if f["id"] == wanted), None)
        if fact is None:
            raise NotFound(f"There is no fact with id {echo(id)}.")
        b = _Builder(self, "fact", fact["id"], {"command": "fact", "id": fact["id"]})
        item = b.item(fact)
        names = {e["id"]: e["name"] for e in self.entities if e["id"] in fact["entity_ids"]}
        details = [
            f"Kind: {fact['kind']}",
            "Concerns: " + ", ".join(names.get(e, e) for e in fact["entity_ids"]),
        ]
        if fact["figure"]:
            details.insert(1, f"Figure: {fact['figure']['as_written']}")
        b.brief.description = item.text
        b.brief.sections.append(Section("Details", text="\n".join(details)))
        contexts = [f"[{c.n}] {self._context(c)}" for c in b.brief.citations]
        b.brief.sections.append(Section("In context", text="\n\n".join(contexts)))
        return b.finish()

    def _context(self, cite: Cite) -> str:
        text = self.sources[cite.source_id]["text"]
        before, after = text[: cite.start], text[cite.end :]
        cuts = [m.end() for m in re.finditer(r"[.!?…]\s+|\n\s*\n", before)]
        begin = cuts[-2] if len(cuts) > 1 else 0
        stops = [m.end() for m in re.finditer(r"[.!?…](\s+|$)|\n\s*\n", after)]
        stop = stops[1] if len(stops) > 1 else len(after)
        return f"…{' '.join(before[begin:].split())} »{text[cite.start : cite.end]}« {' '.join(after[:stop].split())}…"
