"""Draft a document's metadata from the file's own metadata and its text. Nothing is invented: a field the
document does not give is null, with the reason (and, for the date, what the text suggests)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from bot.factbase.models import DocType, SpanKind
from bot.factbase.text import fold
from bot.ingest.dates import dates_in
from bot.ingest.extract import Extracted
from bot.ingest.furniture import FoundSpan, Line, is_furniture_line, language_of, lines_of

UNTITLED = "Untitled (no title found in the document)"
UNKNOWN_OUTLET = "Unknown outlet (not stated in the document)"
_LABELS = {"analysis", "news", "opinion", "commentary", "introduction", "abstract", "editorial", "feature"}
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_PERSON_LINE = re.compile(rf"^{_NAME}(?:\s+{_NAME}){{1,2}}$")
_AUTHOR = re.compile(
    r"(?:^|\s)(?:Author|By)\s*:?\s*(?P<name>[^\n,]{2,60}?(?:,\s*[^\n,\s]{2,30})?)(?:\s{2,}|\s*$|\s+Translator)",
    re.MULTILINE,
)
_OUTLET_LABEL = re.compile(r"【(?P<name>[^】]{2,60})】")
_COOKIE_SITE = re.compile(r"^(?P<name>[A-Za-z][\w.-]{1,30}) uses (?:login )?cookies", re.MULTILINE)
_PUBLISHED = re.compile(
    r"^\s*(Published|Posted|Updated|Date)\s*:?\s*(?P<rest>.{4,60})$", re.MULTILINE | re.IGNORECASE
)


@dataclass(slots=True)
class DraftMeta:
    title: str | None
    outlet: str | None
    authors: list[str]
    published: dt.date | None
    doc_type: DocType
    language: str
    url: str | None
    notes: dict[str, str] = field(default_factory=dict)  # field -> why it is null or how it was found

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "authors": self.authors,
            "published": self.published.isoformat() if self.published else None,
            "doc_type": self.doc_type.value,
            "language": self.language,
            "url": self.url,
            "notes": self.notes,
        }


def _is_person_line(text: str) -> bool:
    """Two or three capitalised words that are not an article-led name ("The Diplomat") or a section label."""
    first = text.split()[0] if text.split() else ""
    return bool(_PERSON_LINE.match(text)) and first not in {"The", "A", "An"} and fold(text) not in _LABELS


def _header(lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        if line.prose:
            break
        out.append(line)
    return out


def _title(extracted: Extracted, lines: list[Line], notes: dict[str, str]) -> str | None:
    if extracted.title:
        notes["title"] = f"from the {extracted.format.upper()} file's metadata"
        return extracted.title
    header = [
        line for line in _header(lines) if len(line.text.split()) >= 4 and not is_furniture_line(line.text)
    ]
    texts = [line.text.casefold() for line in lines]
    repeated = [line for line in header if texts.count(line.text.casefold()) > 1]
    pick = (repeated or header)[0] if repeated or header else None
    if pick is None:
        notes["title"] = "the document has no title line before its first paragraph"
        return None
    notes["title"] = "a heading line at the top of the text" + (" (printed twice)" if repeated else "")
    return pick.text.rstrip(".")


def _authors(
    extracted: Extracted, text: str, lines: list[Line], title: str | None, notes: dict[str, str]
) -> list[str]:
    if extracted.authors:
        notes["authors"] = f"from the {extracted.format.upper()} file's metadata"
        return extracted.authors
    m = _AUTHOR.search(text[:2000])
    if m:
        name = m.group("name").strip()
        if "," in name:  # catalogue order: "Surname, Given"
            surname, given = (part.strip() for part in name.split(",", 1))
            name = f"{given} {surname}"
        notes["authors"] = "an author line in the text"
        return [name]
    texts = [line.text.casefold() for line in lines]
    for line in lines:
        if line.prose or (title and fold(line.text) == fold(title)):
            continue
        # A bare name line that is printed twice or sits right under the header is a byline.
        if _is_person_line(line.text) and (texts.count(line.text.casefold()) > 1 or line.start < 1500):
            notes["authors"] = "a name line (byline) in the text"
            return [" ".join(w if not w.isupper() else w.capitalize() for w in line.text.split())]
    notes["authors"] = "no author is named in the document"
    return []


def _outlet(
    extracted: Extracted,
    text: str,
    lines: list[Line],
    title: str | None,
    authors: list[str],
    notes: dict[str, str],
) -> str | None:
    if extracted.outlet:
        notes["outlet"] = "the page's site name"
        return extracted.outlet
    m = _OUTLET_LABEL.search(text[:500])
    if m:
        notes["outlet"] = "the outlet label at the top of the text"
        return m.group("name").strip()
    skip = {fold(title or "")} | {fold(a) for a in authors}
    for line in _header(lines):
        words = line.text.split()
        if (
            1 <= len(words) <= 4
            and fold(line.text) not in skip | _LABELS
            and not is_furniture_line(line.text)
        ):
            notes["outlet"] = "a short name line in the page header"
            return line.text
    m = _COOKIE_SITE.search(text)
    if m:
        notes["outlet"] = (
            "the site named in the page's cookie notice (the host, not necessarily the publisher)"
        )
        return m.group("name")
    notes["outlet"] = "the document does not name its outlet"
    return None


def _published(
    extracted: Extracted, text: str, spans: list[FoundSpan], notes: dict[str, str]
) -> dt.date | None:
    if extracted.published:
        notes["published"] = f"from {extracted.date_origin}"
        return extracted.published
    for m in _PUBLISHED.finditer(text[:3000]):
        found = [d for d in dates_in(m.group("rest")) if len(d.iso) == 10]
        if found:
            notes["published"] = f"the line {m.group(0).strip()!r}"
            return dt.date.fromisoformat(found[0].iso)
    excluded = [s for s in spans if s.kind is not SpanKind.EXCERPT]
    mentioned = [d.iso for d in dates_in(text) if not any(s.start <= d.start < s.end for s in excluded)]
    why = "The document states no publication date and the file carries none."
    if mentioned:
        why += f" The latest date the text mentions is {max(mentioned)}, so it was written then or later."
    notes["published"] = why
    return None


def _doc_type(text: str, lines: list[Line], outlet: str | None) -> DocType:
    head = " ".join(line.text.casefold() for line in lines[:8] if not line.prose)
    if re.search(r"^\s*(abstract|introduction)\s*$", text[:3000], re.MULTILINE | re.IGNORECASE) and re.search(
        r"\(\d{1,3}\)", text
    ):
        return DocType.ACADEMIC_EXCERPT
    if re.search(r"\b(analysis|commentary|opinion)\b", head) or re.search(r"^\s*\[\d+\]", text, re.MULTILINE):
        return DocType.ANALYSIS
    if re.search(r"\b(I|my)\b", text[:4000]) and re.search(r"\breport\b", text[:4000], re.IGNORECASE):
        return DocType.NEWS_ANALYSIS
    return DocType.NEWS_REPORT


def draft_metadata(extracted: Extracted, spans: list[FoundSpan]) -> DraftMeta:
    text = extracted.text
    lines = lines_of(text)
    notes: dict[str, str] = {}
    title = _title(extracted, lines, notes)
    authors = _authors(extracted, text, lines, title, notes)
    outlet = _outlet(extracted, text, lines, title, authors, notes)
    published = _published(extracted, text, spans, notes)
    language, _ = language_of(text)
    return DraftMeta(
        title=title,
        outlet=outlet,
        authors=authors,
        published=published,
        doc_type=_doc_type(text, lines, outlet),
        language=language,
        url=extracted.url,
        notes=notes,
    )
