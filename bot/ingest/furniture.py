"""Find page furniture and off-subject text in a document, each span with the reason it was set aside.

Rules are small and named so a reviewer can see why a region was excluded; a wrongly excluded region is put
back by editing the draft metadata, a missed one is marked in review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.factbase.models import SpanKind

# (pattern, reason): matched anywhere with re.MULTILINE; a pattern that starts with ^ and ends with $ covers a line.
_PATTERNS: list[tuple[str, str]] = [
    (r"^.*\bcookies?\b.*\b(accept|policy|consent|browsing)\b.*$", "cookie notice"),
    (r"^.*\b(accept|consent)\b.*\bcookies?\b.*$", "cookie notice"),
    (
        r"^\s*(To continue reading|Request (your|a) (free )?trial|Already a subscriber|Subscribe now|Sign in to read).*$",
        "paywall notice",
    ),
    (
        r"^.*(Enjoying this article\?|Click here to subscribe|subscribe for full access|Just \$\d+ a month).*$",
        "subscription advertisement",
    ),
    (
        r"^\s*(Skip to (main )?content|Menu|Home|Search|Share|Tweet|Print|Email|Share this( article| post)?|"
        r"Follow us.*|Back to top)\s*$",
        "share or navigation line",
    ),
    (r"^\s*This (post|article|page) is also available in:?.*$", "links to other language versions"),
    (r"^\s*(Credit|Photo|Image|Photo credit|Source: Getty Images)\s*:.*$", "photo credit"),
    (r"\((Photo|Image|Picture) (from|by|courtesy of|via)[^)\n]{1,80}\)", "photo credit"),
    (
        r"^\s*(Popular posts from this blog|Similar Posts|Related (Posts|Articles|Stories)|You may also like|"
        r"Read (also|more|next)|More from .{1,40}|Most read|Comments?|Leave a (comment|reply)|\d+ comments?)\s*:?\s*$",
        "related-posts or comments block heading",
    ),
    (r"^\s*(Check out|Read|Download|Click here for) the full (report|article|study).*$", "link to elsewhere"),
    (r"^\s*(Reference Link|Source Link|Original Link)\s*:\s*$", "empty link field"),
    (r"^\s*(Edited|Posted|Edited & Posted|Compiled) by\s*:.*$", "posting credit"),
    (r"^\s*(Author|By|Translator|Translated by|Position)\s*:?\s*\S.{0,80}$", "byline or catalogue metadata"),
    (r"^\s*【[^】]{1,60}】.*$", "outlet label and byline"),
]
_COMPILED = [(re.compile(p, re.MULTILINE | re.IGNORECASE), reason) for p, reason in _PATTERNS]
# Headings that open the blocks after an article: what follows them is judged item by item.
_SIDEBAR = re.compile(
    r"^\s*(Popular posts from this blog|Similar Posts|Related (Posts|Articles|Stories)|You may also like|"
    r"Most read|More from .{1,40})\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_BIO_CUES = re.compile(
    r"\b(graduated (from|in)|PhD|doctoral|thesis|is currently (pursuing|working)|serves as|"
    r"research fellow|specialist at|speaks fluent|holds a (BA|MA|degree))\b",
    re.IGNORECASE,
)
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class FoundSpan:
    kind: SpanKind
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def prose(self) -> bool:
        """A line of running text rather than a label, heading or byline."""
        return self.words >= 15 and self.text.rstrip()[-1:] in '.!?”"…:)'


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return out


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """ISO 639-1 code and its probability, from a model shipped inside the package (no download)."""
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def _foreign(segment: str, language: str) -> str | None:
    """The other language a segment is written in, if it plainly is one; short lines are judged by script."""
    letters = [ch for ch in segment if ch.isalpha()]
    if not letters:
        return None
    latin_doc = language in {"en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "id"}
    if latin_doc and sum(bool(_LATIN.match(ch)) for ch in letters) < len(letters) / 2:
        return language_of(segment)[0]
    if len(_WORD.findall(segment)) < 4:
        return None
    # Short pieces spread probability over many languages: ask for a clear winner *and* a near-zero chance of
    # the document's own language, so a name-heavy English line is never taken for Javanese.
    scores = dict(_identifier().rank(segment))
    lang = max(scores, key=lambda k: scores[k])
    if lang != language and scores[lang] >= 0.2 and scores.get(language, 0.0) < 0.01:
        return str(lang)
    return None


def is_furniture_line(line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern, _ in _COMPILED)


def _pattern_spans(text: str) -> Iterator[FoundSpan]:
    for pattern, reason in _COMPILED:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                yield FoundSpan(SpanKind.FURNITURE, start, end, reason)


def _header_spans(lines: list[Line]) -> Iterator[FoundSpan]:
    """Short lines before the first line of running text: title, outlet, labels and bylines."""
    for line in lines:
        if line.prose:
            return
        if line.words <= 12:
            yield FoundSpan(
                SpanKind.FURNITURE, line.start, line.end, "page header: title, outlet, label or byline"
            )


def _repeated_spans(lines: list[Line]) -> Iterator[FoundSpan]:
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text.casefold()] = counts.get(line.text.casefold(), 0) + 1
    for line in lines:
        if counts[line.text.casefold()] > 1 and not line.prose and line.words <= 15:
            yield FoundSpan(
                SpanKind.FURNITURE, line.start, line.end, "repeated heading or byline (printed twice)"
            )


def _bio_spans(lines: list[Line]) -> Iterator[FoundSpan]:
    for line in lines:
        if len({m.group(0).casefold() for m in _BIO_CUES.finditer(line.text)}) >= 2:
            yield FoundSpan(SpanKind.FURNITURE, line.start, line.end, "author biography")


def _sidebar_spans(text: str, lines: list[Line], on_subject: Callable[[str], bool]) -> Iterator[FoundSpan]:
    """After a "popular posts"-style heading, each item (a heading and its text) is judged on its own."""
    first = _SIDEBAR.search(text)
    if first is None:
        return
    items: list[list[Line]] = []
    for line in lines:
        if line.start < first.end():
            continue
        if not line.prose and line.words <= 12:
            items.append([line])
        elif items:
            items[-1].append(line)
        else:
            items.append([line])
    for item in items:
        body = " ".join(line.text for line in item)
        start, end = item[0].start, item[-1].end
        if len(item) == 1 and not item[0].prose:
            continue  # a lone heading: the item it heads decides
        if on_subject(body):
            yield FoundSpan(
                SpanKind.EXCERPT,
                start,
                end,
                "item in a block after the article (likely another publication's text); on-subject, "
                "so citable as a labelled excerpt",
            )
        else:
            yield FoundSpan(
                SpanKind.OFF_SUBJECT,
                start,
                end,
                "item in a block after the article that names none of the subject's states or initiatives",
            )


# Pieces between sentence-ending punctuation: finer than a sentence splitter, which (rightly, for citing) keeps
# a stray line glued to the sentence before it when no capital letter starts it.
_PIECE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)", re.MULTILINE)


def _language_spans(text: str, lines: list[Line], language: str) -> Iterator[FoundSpan]:
    for line in lines:
        whole = _foreign(line.text, language)
        if whole is not None:
            yield FoundSpan(SpanKind.FURNITURE, line.start, line.end, f"text in another language ({whole})")
            continue
        for m in _PIECE.finditer(text, line.start, line.end):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            lang = _foreign(text[start:end], language)
            if lang is not None:
                yield FoundSpan(SpanKind.FURNITURE, start, end, f"text in another language ({lang})")


def merge(spans: Iterable[FoundSpan], text: str) -> list[FoundSpan]:
    """One span per run of touching regions of one kind (separated by whitespace only), reasons combined."""
    merged: list[FoundSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged:
            last = merged[-1]
            if last.kind is span.kind and (span.start <= last.end or not text[last.end : span.start].strip()):
                reasons = last.reason.split("; ")
                if span.reason not in reasons:
                    reasons.append(span.reason)
                merged[-1] = FoundSpan(last.kind, last.start, max(last.end, span.end), "; ".join(reasons))
                continue
            if span.start < last.end and span.kind is not SpanKind.EXCERPT and last.kind is SpanKind.EXCERPT:
                # An excluded region inside a citable excerpt: the exclusion wins, the excerpt ends before it.
                merged[-1] = FoundSpan(last.kind, last.start, span.start, last.reason)
        merged.append(span)
    return [s for s in merged if s.end > s.start]


def find_spans(
    text: str,
    *,
    language: str,
    on_subject: Callable[[str], bool],
) -> list[FoundSpan]:
    lines = lines_of(text)
    found = [
        *_pattern_spans(text),
        *_header_spans(lines),
        *_repeated_spans(lines),
        *_bio_spans(lines),
        *_sidebar_spans(text, lines, on_subject),
        *_language_spans(text, lines, language),
    ]
    # The tail after the last sidebar heading's items or a paywall notice is dropped whole by the rules above.
    paywall = next((s for s in found if s.reason == "paywall notice"), None)
    if paywall is not None:
        found.append(FoundSpan(SpanKind.FURNITURE, paywall.start, len(text.rstrip()), "paywall notice"))
    return merge(found, text)
