"""Candidate facts: sentences outside excluded spans that carry a figure, a date, a membership or relation
between known entities, a poll or an attributed claim, each with what a reviewer needs to accept it quickly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.factbase.models import SCALES, FactKind, SpanKind
from bot.factbase.text import fold, number_spans
from bot.ingest.dates import dates_in
from bot.ingest.entities import EntityLinker, NewEntity
from bot.ingest.furniture import FoundSpan, lines_of

_POLL = re.compile(r"\b(poll|polls|survey|surveyed|respondents|barometer)\b", re.IGNORECASE)
_CLAIM = re.compile(
    r"\b(said|says|say|told|tells|according to|argues?|argued|noted|notes|pointed out|points out|believes?|"
    r"claims?|claimed|stated|states that|warned|stressed|insisted|suggests?|suggested|wrote|writes|considers?|"
    r"agree|agrees|estimated?s?|reported|reports that)\b",
    re.IGNORECASE,
)
_MEMBERSHIP = re.compile(
    r"\b(members?|membership|joined|joins|observer|founding|founded|founder|dialogue partner)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(signed|met|meets|visited|visits|launched|held|hosted|opened|agreed|pledged|offered|announced|invested|"
    r"built|provided|discussed|established|set up|set|became|attended|protests?|loans?|granted|completed)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_OPINION = re.compile(
    r"\b(perhaps|appears?|seems?|likely|should|arguably|in (my|our) view|we believe|suggests?)\b",
    re.IGNORECASE,
)
_FOOTNOTE_MARK = re.compile(r"\(\d{1,3}\)|\[\d{1,3}\]")
_REFERENCE_LINE = re.compile(r"^\s*\[\d{1,3}\]")
_QUALIFIERS = re.compile(
    r"(more than|less than|fewer than|almost|nearly|up to|about|around|over|some|at least|roughly|approximately)"
    r"\s*$",
    re.IGNORECASE,
)
_UNIT_WORD = re.compile(r"\s*(?:of\s+)?([A-Za-z][A-Za-z-]*)")
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "USD": "USD"}
MAX_LINKS = 3
_MEASURES = {
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "tonnes",
    "tons",
    "barrels",
    "mw",
    "gw",
    "kwh",
    "bcm",
    "hectares",
}


@dataclass(slots=True)
class Candidate:
    id: str
    quote: str
    start: int
    end: int
    kind: FactKind
    signals: list[str]
    entities: list[str]
    new_entities: list[NewEntity] = field(default_factory=list)
    figure: dict[str, Any] | None = None
    date: str | None = None
    links: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "signals": self.signals,
            "entities": self.entities,
            "new_entities": [{"name": e.name, "type": e.type.value, "why": e.why} for e in self.new_entities],
            "figure": self.figure,
            "date": self.date,
            "links": self.links,
        }


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within text[start:end], by pysbd's rules (abbreviations, decimals, quotations)."""
    out = []
    for span in _segmenter().segment(text[start:end]):
        s, e = start + span.start, start + span.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _trim(start: int, end: int, excluded: list[FoundSpan], text: str) -> tuple[int, int] | None:
    """Cut an excluded region off either end of a sentence; a sentence with one inside is dropped."""
    for span in excluded:
        if span.end <= start or span.start >= end:
            continue
        if span.start <= start and span.end >= end:
            return None
        if span.start <= start:
            start = span.end
        elif span.end >= end:
            end = span.start
        else:
            return None
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return (start, end) if end - start >= 20 else None


def figure_of(sentence: str) -> dict[str, Any] | None:
    """The first quantity in a sentence that is not a year, a date or a footnote mark, shaped like `Figure`."""
    blocked = [(d.start, d.end) for d in dates_in(sentence)]
    blocked += [(m.start(), m.end()) for m in _FOOTNOTE_MARK.finditer(sentence)]
    for start, end, mention in number_spans(sentence):
        if any(s <= start < e for s, e in blocked):
            continue
        if start >= 2 and sentence[start - 1] == "-" and sentence[start - 2].isalpha():
            continue  # part of a name: "Covid-19", "G-20"
        as_written = sentence[start:end].strip()
        before = sentence[:start]
        qualifier = _QUALIFIERS.search(before)
        currency = "USD" if mention.currency else None
        scale = next((w for w in SCALES if as_written.lower().endswith(w)), None)
        if mention.percent:
            unit = "percent"
        elif currency:
            unit = "USD"
        else:
            word = _UNIT_WORD.match(sentence[end:])
            unit = word.group(1).lower() if word else "count"
            if word and unit in _MEASURES and not word.group(0).lstrip().startswith("of"):
                as_written = sentence[start : end + word.end()].strip()  # "523 km": the unit belongs to it
        return {
            "amount": mention.raw,
            "scale": scale,
            "unit": unit,
            "currency": currency,
            "qualifier": qualifier.group(1).lower() if qualifier else None,
            "as_written": as_written,
            "value": mention.value,
        }
    return None


def _signals(
    sentence: str, entities: list[str], figure: dict[str, Any] | None, date: str | None
) -> list[str]:
    signals = []
    if figure is not None:
        signals.append("figure")
    if date is not None:
        signals.append("date")
    if _POLL.search(sentence):
        signals.append("poll")
    if _CLAIM.search(sentence):
        signals.append("attributed claim")
    if entities and _MEMBERSHIP.search(sentence):
        signals.append("membership")
    if len(entities) >= 2:
        signals.append("relation between known entities")
    if entities and _EVENT.search(sentence):
        signals.append("event")
    if _QUOTED.search(sentence):
        signals.append("quotation")
    if _OPINION.search(sentence):
        signals.append("opinion")
    if entities and not signals:
        signals.append("statement about a known entity")
    return signals


def _kind(signals: list[str], figure: dict[str, Any] | None) -> FactKind:
    if "poll" in signals and figure is not None:
        return FactKind.POLL
    if figure is not None:
        return FactKind.FIGURE
    for signal, kind in (
        ("attributed claim", FactKind.CLAIM),
        ("quotation", FactKind.CLAIM),
        ("opinion", FactKind.OPINION),
        ("membership", FactKind.MEMBERSHIP),
        ("relation between known entities", FactKind.RELATION),
    ):
        if signal in signals:
            return kind
    return FactKind.EVENT if {"event", "date"} & set(signals) else FactKind.BACKGROUND


def find_candidates(
    text: str,
    spans: list[FoundSpan],
    linker: EntityLinker,
    existing: ExistingFacts | None = None,
) -> list[Candidate]:
    excluded = [s for s in spans if s.kind is not SpanKind.EXCERPT]
    found: list[Candidate] = []
    for line in lines_of(text):
        if _REFERENCE_LINE.match(line.text):
            continue  # a reference-list entry cites a work; it states no fact of its own
        if any(s.start <= line.start and line.end <= s.end for s in excluded):
            continue
        for s, e in sentences(text, line.start, line.end):
            trimmed = _trim(s, e, excluded, text)
            if trimmed is None:
                continue
            s, e = trimmed
            quote = text[s:e]
            entities = linker.link(quote)
            figure = figure_of(quote)
            dates = dates_in(quote)
            date = dates[0].iso if dates else None
            signals = _signals(quote, entities, figure, date)
            if not signals:
                continue
            candidate = Candidate(
                id=f"c{len(found) + 1:03d}",
                quote=quote,
                start=s,
                end=e,
                kind=_kind(signals, figure),
                signals=signals,
                entities=entities,
                new_entities=linker.propose(quote),
                figure=figure,
                date=date,
            )
            if existing is not None:
                candidate.links = existing.links_for(candidate)
            found.append(candidate)
    return found


# --------------------------------------------------------------------------- links to facts already curated

_STOP = set(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "it",
        "its",
        "their",
        "his",
        "her",
        "has",
        "have",
        "had",
        "which",
        "who",
        "will",
        "would",
        "can",
        "could",
        "also",
        "than",
        "more",
        "most",
        "into",
        "over",
        "about",
        "after",
        "before",
    ]
)


def content_words(text: str) -> set[str]:
    return {w for w in fold(text).split() if w not in _STOP and len(w) > 2}


@dataclass(slots=True)
class _Known:
    id: str
    entities: set[str]
    words: set[str]
    value: float | None
    unit: str | None


class ExistingFacts:
    """The curated facts, indexed by their rarer words and by figure value, for "same or differs" suggestions."""

    def __init__(self, facts: Iterable[dict[str, Any]]) -> None:
        self.facts: list[_Known] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_value: dict[float, list[int]] = {}
        for raw in facts:
            figure = raw.get("figure") or {}
            quotes = " ".join(str(c.get("quote", "")) for c in raw.get("citations") or [])
            value = None
            if figure:
                value = float(figure.get("amount", 0)) * SCALES.get(figure.get("scale") or "", 1)
            known = _Known(
                str(raw.get("id")),
                set(raw.get("entities") or []),
                content_words(f"{raw.get('statement', '')} {quotes}"),
                value,
                figure.get("unit") if figure else None,
            )
            n = len(self.facts)
            self.facts.append(known)
            for word in known.words:
                self._by_word.setdefault(word, []).append(n)
            if value is not None:
                self._by_value.setdefault(value, []).append(n)

    def links_for(self, candidate: Candidate) -> list[dict[str, str]]:
        words = content_words(candidate.quote)
        shared: dict[int, int] = {}
        for word in words:
            posting = self._by_word.get(word, [])
            if len(posting) > 2000:
                continue  # a word in that many facts says nothing about sameness
            for n in posting:
                shared[n] = shared.get(n, 0) + 1
        value = candidate.figure["value"] if candidate.figure else None
        for n in self._by_value.get(value, []) if value is not None else []:
            shared.setdefault(n, 0)
        links: list[tuple[float, dict[str, str]]] = []
        for n, count in shared.items():
            known = self.facts[n]
            overlap = count / max(1, len(words | known.words))
            common = known.entities & set(candidate.entities)
            if value is not None and known.value == value and common:
                links.append(
                    (2 + overlap, {"fact": known.id, "relation": "corroborates", "why": "same figure"})
                )
            elif (
                value is not None
                and known.value is not None
                and candidate.figure is not None
                and known.unit == candidate.figure["unit"]
                and len(common) >= 2
                and overlap >= 0.25
            ):
                why = "same subject and unit, a different figure"
                links.append((1 + overlap, {"fact": known.id, "relation": "differs", "why": why}))
            elif overlap >= 0.5:
                links.append((overlap, {"fact": known.id, "relation": "corroborates", "why": "same wording"}))
        links.sort(key=lambda pair: -pair[0])
        return [link for _, link in links[:MAX_LINKS]]
