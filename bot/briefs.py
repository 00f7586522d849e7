"""Turn facts into `Brief`s: titled sections of cited statements with a numbered citation list.

Nothing here knows about Discord or terminals. Every item shown comes from a stored fact row and carries the
numbers of its verbatim citations, so no answer can show an uncited statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.factbase.store import EntityRecord, FactRecord, FactStore, SourceRecord
from bot.factbase.text import clean, fold
from bot.search import EntityIndex, EntityMatch, Searcher

SECTION_LIMIT = 8
COUNTRY_TYPES = {"country"}
PROJECT_TYPES = {"project", "initiative"}
# /project shows what the sources say about any named thing, not only projects (a country gets /country's brief).
LOOKUP_TYPES = {
    "project",
    "initiative",
    "organisation",
    "document",
    "event",
    "person",
    "place",
    "group",
    "country",
}
# The kinds /figure answers from (every kind but opinion and background).


class UserError(Exception):
    """A plain-text answer for a request we cannot serve (unknown name, bad id); never a crash."""


class NotFound(UserError):
    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


def with_article(noun: str) -> str:
    """ "an organisation", "a country": the indefinite article the noun takes."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def echo(text: str, limit: int = 80) -> str:
    """User text as it may be repeated back: visible characters only, bounded length."""
    shown = " ".join(clean(text).split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Cite:
    n: int
    fact_id: str
    source_id: str
    quote: str
    start: int
    end: int
    excerpt_of: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    title: str
    outlet: str
    date_label: str
    doc_type: str
    file: str


@dataclass(slots=True)
class Item:
    text: str
    fact_id: str
    cites: list[int]
    notes: list[str] = field(default_factory=list)
    new: bool = False


@dataclass(slots=True)
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    more: str | None = None
    text: str | None = None  # prose for sections that are not fact lists (source profiles)


@dataclass(slots=True)
class Brief:
    kind: str
    title: str
    description: str | None = None
    sections: list[Section] = field(default_factory=list)
    citations: list[Cite] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    footer: str | None = None
    found: bool = True
    key: dict[str, Any] = field(default_factory=dict)  # the command and options that rebuild this brief

    @property
    def fact_ids(self) -> list[str]:
        return list(dict.fromkeys(c.fact_id for c in self.citations))


def source_date_label(source: SourceRecord) -> str:
    return source.published or "undated"


def figures_title(query: str, country: EntityRecord | None) -> str:
    return (
        "Figures" + (f": {echo(query)}" if query.strip() else "") + (f" — {country.name}" if country else "")
    )


def figure_label(fact: FactRecord) -> str | None:
    fig = fact.figure
    return fig["as_written"] if fig else None


def when_label(fact: FactRecord) -> str | None:
    if fact.date and fact.date_end:
        return f"{fact.date}–{fact.date_end}"
    if fact.date:
        return fact.date
    if fact.as_of == "source":
        return "as of the source"
    if fact.as_of:
        return f"as of {fact.as_of}"
    return None


class BriefBuilder:
    """Collects citations while items are added, numbering each (fact, quote) once."""

    def __init__(self, store: FactStore, kind: str, title: str, key: dict[str, Any]) -> None:
        self.store = store
        self.brief = Brief(kind=kind, title=title, key=key)
        self._cite_numbers: dict[tuple[str, int], int] = {}
        self._facts: dict[str, FactRecord] = {}
        self._linked: dict[str, FactRecord] = {}

    def cite(self, fact: FactRecord) -> list[int]:
        numbers = []
        for index, citation in enumerate(fact.citations):
            k = (fact.id, index)
            if k not in self._cite_numbers:
                n = len(self.brief.citations) + 1
                self._cite_numbers[k] = n
                self.brief.citations.append(
                    Cite(
                        n,
                        fact.id,
                        citation.source_id,
                        citation.quote,
                        citation.start,
                        citation.end,
                        citation.excerpt_of,
                    )
                )
            numbers.append(self._cite_numbers[k])
        self._facts[fact.id] = fact
        return numbers

    async def item(self, fact: FactRecord, *, with_when: bool = True, new: bool = False) -> Item:
        text = fact.statement
        when = when_label(fact) if with_when else None
        if when and when not in text:
            text = f"{text} ({when})"
        notes: list[str] = []
        if fact.attribution and fact.attribution.get("who") and fact.attribution["who"] not in fact.statement:
            notes.append(f"According to {fact.attribution['who']}.")
        # Curators' caveats may carry knowledge from outside the sources: they are the editor's, never the answer.
        notes.extend(f"Editor's note: {caveat}" for caveat in fact.caveats)
        cites = self.cite(fact)
        missing = [link.fact_id for link in fact.links if link.fact_id not in self._linked]
        if missing:
            for fetched in await self.store.facts_by_ids(missing):
                self._linked[fetched.id] = fetched
        by_id = self._linked
        for link in fact.links:
            other = by_id.get(link.fact_id)
            if other is None or not other.citations:
                continue
            if link.relation == "elaborates" and not link.note:
                continue  # a bare "see also" adds a citation without telling the reader anything
            numbers = self.cite(other)
            verb = {
                "corroborates": "Corroborated by",
                "differs": "Differs from",
                "elaborates": "See also",
            }.get(link.relation, "See also")
            note = f"{verb} {''.join(f'[{n}]' for n in numbers)}" + (f": {link.note}" if link.note else "")
            notes.append(note)
        return Item(text=text, fact_id=fact.id, cites=cites, notes=notes, new=new)

    async def section(
        self,
        title: str,
        facts: Iterable[FactRecord],
        total: int | None = None,
        more_hint: str | None = None,
        with_when: bool = True,
        new_ids: set[str] | None = None,
    ) -> Section | None:
        facts = list(facts)
        # One query for every linked fact of the section, instead of one per item.
        wanted = [link.fact_id for f in facts for link in f.links if link.fact_id not in self._linked]
        if wanted:
            for other in await self.store.facts_by_ids(list(dict.fromkeys(wanted))):
                self._linked[other.id] = other
        items = [
            await self.item(f, with_when=with_when, new=bool(new_ids and f.id in new_ids)) for f in facts
        ]
        if not items:
            return None
        section = Section(title, items)
        if total is not None and total > len(items):
            section.more = f"{total - len(items)} more" + (f": {more_hint}" if more_hint else "")
        self.brief.sections.append(section)
        return section

    async def finish(self) -> Brief:
        ids = list(dict.fromkeys(c.source_id for c in self.brief.citations))
        sources = await self.store.cached_sources_by_id(ids)  # the same few sources end brief after brief
        self.brief.sources = [
            SourceRef(s.id, s.title, s.outlet, source_date_label(s), s.doc_type, s.file)
            for s in (sources[i] for i in ids if i in sources)
        ]
        return self.brief


class Briefs:
    """The answers behind every command; adapters only render what these return."""

    def __init__(self, store: FactStore, entities: EntityIndex, searcher: Searcher) -> None:
        self.store = store
        self.entities = entities
        self.searcher = searcher

    # ------------------------------------------------------------------ resolution

    def resolve(self, text: str, types: set[str], what: str) -> EntityMatch:
        if not clean(text).strip():
            raise UserError(f"Please give a {what} name.")
        match = self.entities.resolve(text, types=types)
        if match is not None:
            return match
        other = self.entities.resolve(text)
        if other is not None and other.how != "fuzzy":
            hint = {"country": "/country", "project": "/project", "initiative": "/project"}.get(
                other.entity.type
            )
            extra = f" Try {hint} {other.entity.name}." if hint else " Try /search."
            raise NotFound(
                f"{other.entity.name} is {with_article(other.entity.type)}, not {with_article(what)}.{extra}"
            )
        near = self.entities.suggest(text, types=types)
        suggestions = [m.entity.name for m in near if m.score >= near[0].score - 5]
        message = f"{echo(text)} is not in the fact base"
        message += f" — did you mean {' or '.join(suggestions[:2])}?" if suggestions else "."
        raise NotFound(message, suggestions)

    # ------------------------------------------------------------------ country

    async def country(self, name: str) -> Brief:
        match = self.resolve(name, COUNTRY_TYPES, "country")
        entity = match.entity
        b = BriefBuilder(self.store, "country", entity.name, {"command": "country", "name": entity.id})
        total = await self.store.count_for_entity(entity.rid)
        b.brief.description = f"{total} cited fact{'s' if total != 1 else ''} in the fact base."
        if match.how in {"misspelling", "fuzzy", "prefix"}:
            b.brief.description = f"Showing {entity.name} (you typed {echo(name)}). " + b.brief.description
        plan = [
            ("Key figures", ["figure"], f"/figure country:{entity.name}"),
            ("Projects", ["project"], f"/search query:project country:{entity.name}"),
            ("Relations and memberships", ["relation", "membership"], None),
            ("Public opinion", ["poll"], None),
            (
                "Claims and assessments",
                ["claim", "opinion"],
                f"/search query:… country:{entity.name} kind:claim",
            ),
        ]
        for title, kinds, hint in plan:
            facts = await self.store.facts_for_entity(entity.rid, kinds, limit=SECTION_LIMIT)
            count = await self.store.count_for_entity(entity.rid, kinds)
            await b.section(title, facts, count, hint)
        events = await self.store.facts_for_entity(entity.rid, ["event"], limit=SECTION_LIMIT)
        events.sort(key=lambda f: (f.date or "9999", f.id))
        await b.section(
            "Timeline",
            events,
            await self.store.count_for_entity(entity.rid, ["event"]),
            f"/timeline country:{entity.name}",
        )
        self._caveat_section(b)
        if not b.brief.sections:
            b.brief.found = False
            b.brief.description = f"The sources name {entity.name} but state no fact about it."
        return await b.finish()

    def _caveat_section(self, b: BriefBuilder) -> None:
        caveats: dict[str, list[int]] = {}
        for section in b.brief.sections:
            for item in section.items:
                fact = b._facts[item.fact_id]
                for caveat in fact.caveats:
                    caveats.setdefault(caveat, []).extend(item.cites[:1])
        if caveats:
            ordered = sorted(caveats.items(), key=lambda kv: -len(kv[1]))[:6]
            text = "\n".join(f"• {c} {''.join(f'[{n}]' for n in sorted(set(ns))[:6])}" for c, ns in ordered)
            b.brief.sections.append(Section("Caveats", text=text))

    # ------------------------------------------------------------------ project

    async def project(self, name: str) -> Brief:
        """What the sources say about a project, initiative, organisation, document, person or event; a country
        gets its country brief."""
        match = self.resolve(name, LOOKUP_TYPES, "project")
        entity = match.entity
        if entity.type in COUNTRY_TYPES:
            return await self.country(entity.id)
        b = BriefBuilder(self.store, "project", entity.name, {"command": "project", "name": entity.id})
        countries = await self.store.entities(entity.countries)
        lines = [entity.description or ""]
        if countries:
            lines.append(
                "Countries: " + ", ".join(countries[c].name for c in entity.countries if c in countries)
            )
        b.brief.description = "\n".join(line for line in lines if line) or None
        facts = await self.store.facts_for_entity(entity.rid, limit=SECTION_LIMIT * 2)
        facts.sort(key=lambda f: (f.date or "9999", -f.salience, f.id))
        await b.section(
            "What the sources say",
            facts,
            await self.store.count_for_entity(entity.rid),
            f"/search query:{entity.name}",
        )
        self._caveat_section(b)
        if len(b.brief.sections) == 0:
            b.brief.found = False
        return await b.finish()

    # ------------------------------------------------------------------ figures and search

    async def figures(self, country: str | None) -> Brief:
        """Every figure about a country (the figures chart of a country; `/figure`'s query is answered as a
        question, in `bot.understanding.brief.figure_brief`)."""
        if not country:
            raise UserError("Give a query (e.g. gas pipeline) or a country.")
        entity = self.resolve(country, COUNTRY_TYPES, "country").entity
        b = BriefBuilder(
            self.store,
            "figure",
            figures_title("", entity),
            {"command": "figure", "query": "", "country": entity.id},
        )
        facts = await self.store.facts_for_entity(entity.rid, ["figure", "poll"], limit=SECTION_LIMIT * 2)
        if not facts:
            b.brief.found = False
            b.brief.description = f"The sources give no figure in {entity.name}."
            return await b.finish()
        await b.section("Figures", facts)
        return await b.finish()

    # ------------------------------------------------------------------ one fact

    async def fact(self, fact_id: str) -> Brief:
        wanted = fold(fact_id).replace(" ", "-")
        fact = await self.store.fact(wanted) if wanted else None
        if fact is None:
            close = await self.store.fact_ids_like(wanted[:6], limit=3) if len(wanted) >= 3 else []
            message = f"There is no fact with id {echo(fact_id)}."
            raise NotFound(message + (f" Did you mean {' or '.join(close[:2])}?" if close else ""), close)
        b = BriefBuilder(self.store, "fact", fact.id, {"command": "fact", "id": fact.id})
        item = await b.item(fact)
        details = [f"Kind: {fact.kind}"]
        if figure_label(fact):
            fig = fact.figure or {}
            details.append(f"Figure: {fig['as_written']} (value {fig['value']:,.10g} {fig['unit']})")
        if when := when_label(fact):
            details.append(f"When: {when}")
        entities = await self.store.entities(fact.entity_ids)
        details.append("Concerns: " + ", ".join(entities[e].name for e in fact.entity_ids if e in entities))
        b.brief.description = item.text
        b.brief.sections.append(Section("Details", text="\n".join(details)))
        if item.notes:
            b.brief.sections.append(Section("Notes", text="\n".join(f"• {n}" for n in item.notes)))
        contexts = []
        for cite in b.brief.citations:
            if cite.fact_id != fact.id:
                continue
            context = await self.quote_context(cite.source_id, cite.start, cite.end)
            contexts.append(f"[{cite.n}] {context}")
        b.brief.sections.append(Section("In context", text="\n\n".join(contexts)))
        return await b.finish()

    async def quote_context(self, source_id: str, start: int, end: int, sentences: int = 1) -> str:
        """The quote with the sentence before and after it, quote marked in bold-safe guillemets."""
        text = await self.store.source_text(source_id) or ""
        before = text[:start]
        after = text[end:]
        cut_before = [m.end() for m in re.finditer(r"[.!?…]\s+|\n\s*\n", before)]
        begin = cut_before[-(sentences + 1)] if len(cut_before) > sentences else 0
        cut_after = [m.end() for m in re.finditer(r"[.!?…](\s+|$)|\n\s*\n", after)]
        stop = cut_after[sentences] if len(cut_after) > sentences else len(after)
        return f"…{' '.join(before[begin:].split())} »{text[start:end]}« {' '.join(after[:stop].split())}…"

    # ------------------------------------------------------------------ sources

    async def find_source(self, name: str) -> SourceRecord:
        sources = await self.store.sources()
        key = fold(name)
        if not key:
            raise UserError("Please give a source name.")
        for s in sources:
            if key in {fold(s.id), fold(s.file), fold(s.file.removesuffix(".txt")), fold(s.title)}:
                return s
        partial = [s for s in sources if key in fold(f"{s.title} {s.outlet} {' '.join(s.authors)} {s.id}")]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            names = "; ".join(s.title for s in partial[:3])
            raise NotFound(
                f"{echo(name)} matches several sources: {names}. Please be more specific.",
                [s.title for s in partial],
            )
        raise NotFound(f"{echo(name)} is not one of the sources. Use /about to list them.")

    async def source(self, name: str) -> Brief:
        s = await self.find_source(name)
        b = BriefBuilder(self.store, "source", s.title, {"command": "source", "name": s.id})
        lines = [f"Outlet: {s.outlet}", f"Type: {s.doc_type}"]
        if s.authors:
            lines.append("By: " + ", ".join(s.authors))
        lines.append(f"Published: {s.published}" if s.published else f"Date: undated — {s.date_note}")
        lines.append(f"Document: {s.file} ({s.fact_count} facts cite it)")
        b.brief.description = "\n".join(lines)
        if s.reliability:
            b.brief.sections.append(
                Section("Reliability notes", text="\n".join(f"• {r}" for r in s.reliability))
            )
        facts = await self.store.facts_for_source(s.id, limit=SECTION_LIMIT)
        facts.sort(key=lambda f: (-f.salience, f.id))
        await b.section(
            "Facts drawn from it", facts, s.fact_count, f"/search with words from “{s.title[:40]}”"
        )
        return await b.finish()

    async def source_choices(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        key = fold(text)
        out = []
        for s in await self.store.sources():
            label = f"{s.title} — {s.outlet}"
            if not key or key in fold(f"{label} {s.id} {' '.join(s.authors)}"):
                out.append((label, s.id))
        return out[:limit]

    async def facts_brief(
        self,
        fact_ids: Sequence[str],
        title: str,
        key: dict[str, Any],
        new_ids: set[str] | None = None,
        section_title: str = "Facts",
    ) -> Brief:
        """A brief of given facts in the given order (digests and their quote buttons)."""
        return await self.facts_sections(title, key, [(section_title, fact_ids)], new_ids=new_ids)

    async def facts_sections(
        self,
        title: str,
        key: dict[str, Any],
        sections: Sequence[tuple[str, Sequence[str]]],
        new_ids: set[str] | None = None,
        read: dict[str, FactRecord] | None = None,
    ) -> Brief:
        """A brief of given facts grouped into titled sections; empty sections are left out.

        `read`: facts already read, by id (for a brief of some of the same facts again), taken from it rather
        than from the store; the facts this brief reads, those it cites for their links included, are added."""
        b = BriefBuilder(self.store, "facts", title, key)
        known: dict[str, FactRecord] = {} if read is None else read
        wanted = [fid for _, ids in sections for fid in ids]
        # `linked`: the facts these link to arrive in the same round trip. Given to the builder with the rest of
        # what is known, `section` cites them without taking each from the cache again.
        unknown = [fid for fid in wanted if fid not in known]
        for fact in await self.store.facts_by_ids(unknown, linked=True, read=known):
            known[fact.id] = fact
        by_id = {fid: known[fid] for fid in wanted if fid in known}
        b._linked.update(known)
        for section_title, ids in sections:
            await b.section(section_title, [by_id[i] for i in ids if i in by_id], new_ids=new_ids)
        b.brief.found = bool(by_id)
        known.update(b._linked)
        return await b.finish()

    # ------------------------------------------------------------------ timeline and comparison

    async def timeline(self, entity: EntityRecord | None = None, limit: int = 24) -> Brief:
        """Dated facts in order: all of them, or those concerning one entity (a country, the SCO, the BRI…)."""
        title = "Timeline" + (f" — {entity.name}" if entity else "")
        b = BriefBuilder(
            self.store, "timeline", title, {"command": "timeline", "about": entity.id if entity else None}
        )
        facts, total = await self.store.timeline(entity.rid if entity else None, limit)
        if not facts:
            b.brief.found = False
            b.brief.description = "No dated facts" + (f" about {entity.name}." if entity else ".")
            return await b.finish()
        await self._by_year(b, facts)
        if total > len(facts):
            b.brief.footer = f"Showing the {len(facts)} earliest of {total} dated facts."
        return await b.finish()

    async def timeline_of(self, topic: str, facts: Sequence[FactRecord]) -> Brief:
        """A timeline of given facts (those a topic search found), oldest first."""
        b = BriefBuilder(
            self.store, "timeline", f"Timeline — {echo(topic)}", {"command": "timeline", "about": topic}
        )
        await self._by_year(b, sorted((f for f in facts if f.date), key=lambda f: (f.date or "", f.id)))
        return await b.finish()

    async def _by_year(self, b: BriefBuilder, facts: Sequence[FactRecord]) -> None:
        by_year: dict[str, list[FactRecord]] = {}
        for f in facts:
            by_year.setdefault((f.date or "")[:4], []).append(f)
        for year, group in by_year.items():
            await b.section(year, group)

    async def compare(self, a: str, b_name: str) -> Brief:
        first = self.resolve(a, COUNTRY_TYPES, "country").entity
        second = self.resolve(b_name, COUNTRY_TYPES, "country").entity
        if first.id == second.id:
            raise UserError("Please name two different countries to compare.")
        b = BriefBuilder(
            self.store,
            "compare",
            f"{first.name} and {second.name}",
            {"command": "compare", "a": first.id, "b": second.id},
        )
        for entity in (first, second):
            facts = await self.store.facts_for_entity(entity.rid, ["figure", "poll"], limit=6)
            total = await self.store.count_for_entity(entity.rid, ["figure", "poll"])
            await b.section(f"{entity.name}: key figures", facts, total, f"/figure country:{entity.name}")
        shared_rows = await self.store.facts_for_entity(first.rid, limit=400)
        shared = [f for f in shared_rows if second.id in f.entity_ids][:SECTION_LIMIT]
        await b.section("Facts that concern both", shared)
        if not b.brief.sections:
            b.brief.found = False
            b.brief.description = "The sources state nothing to compare for these two."
        return await b.finish()
