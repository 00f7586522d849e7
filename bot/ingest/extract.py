"""Read a new document into the text that will be cited, plus whatever metadata the file itself carries."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = (".txt", ".html", ".htm", ".pdf")


class UnsupportedDocument(Exception):
    """The file cannot be read as a document; the message says why, for the person who ran the command."""


@dataclass(slots=True)
class Extracted:
    text: str
    format: str  # "txt", "html" or "pdf"
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: dt.date | None = None
    date_origin: str | None = None  # where `published` came from, for the date note
    url: str | None = None


def extract(path: Path) -> Extracted:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedDocument(f"{path.name}: only {', '.join(FORMATS)} files can be ingested")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnsupportedDocument(f"{path}: cannot be read ({exc.strerror})") from exc
    if suffix == ".pdf":
        return _pdf(data, path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedDocument(f"{path.name}: not UTF-8 text") from exc
    if suffix == ".txt":
        return Extracted(text=text, format="txt")
    return _html(text, path.name)


def _html(html: str, name: str) -> Extracted:
    import trafilatura
    from trafilatura.settings import Document

    # No extensive date search: a date guessed from stray numbers in the page would be an invented date.
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise UnsupportedDocument(f"{name}: no article text found in the page")
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    return Extracted(
        text="\n\n".join(paragraphs) + "\n",
        format="html",
        title=doc.title or None,
        authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()],
        outlet=doc.sitename or None,
        published=published,
        date_origin="the page's metadata" if published else None,
        url=doc.url or None,
    )


def _pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnsupportedDocument(f"{name}: not a readable PDF ({exc})") from exc
    text = "\n\n".join(_reflow(p) for p in pages if p.strip())
    if not text:
        raise UnsupportedDocument(f"{name}: the PDF has no extractable text (a scan needs OCR first)")
    title = (info.title or "").strip() if info else ""
    author = (info.author or "").strip() if info else ""
    return Extracted(
        text=text + "\n",
        format="pdf",
        title=title or None,
        authors=[a.strip() for a in author.replace(";", ",").split(",") if a.strip()] if author else [],
    )


_PARAGRAPH_END = (".", "!", "?", ":", "”", '"', "’")


def _reflow(page: str) -> str:
    """PDF text comes as printed lines: join the lines of one paragraph, so sentences are not cut at line ends.

    A line that ends a sentence ends a paragraph; a heading (a short line without a final stop) stands alone."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in page.splitlines():
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if line.endswith(_PARAGRAPH_END) or (len(current) == 1 and len(line.split()) <= 8):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
