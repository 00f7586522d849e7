"""Render a `Brief` as Discord message payloads (plain dicts in Discord's API shape), within Discord's limits.

The payloads are the single rendering path: the cogs send them, and `briefbot ask --json` prints them.
Long briefs become several pages instead of an error; user text is escaped so it cannot ping or format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Protocol

from bot.briefs import Brief, Cite, Item
from bot.render.custom_ids import counter_custom_id, key_hash, page_custom_id, quotes_custom_id
from bot.render.lines import Channel, Line, Moment, Strong, Text, utc_text

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
CUSTOM_ID_MAX = 100
ALT_TEXT_MAX = 1024
# Leave headroom under 6,000 so counting differences (e.g. Discord counting UTF-16 units) never tip a page over.
PAGE_BUDGET = 5600
NOTE_MAX = 300

COLOUR = 0x2B6CB0
COLOUR_MISS = 0x718096
NO_MENTIONS: dict[str, Any] = {"parse": [], "users": [], "roles": [], "replied_user": False}
EPHEMERAL = 1 << 6

_MARKDOWN = re.compile(r"([\\*_`~|>#\[\]<])")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>", re.IGNORECASE)
_DATA_MARKUP = re.compile(r"([*_`~|\\]|^>|^#)", re.MULTILINE)
# Every character either pattern of `_data` needs: text without any of them (most of it) is returned as it is.
_DATA_SPECIAL = re.compile(r"[*_`~|\\>#@<]")
_CITE_NUMBER = re.compile(r"\[(\d+)\]")


class Picture(Protocol):
    """An image sent with an answer (a chart): its file name and a caption naming its sources."""

    @property
    def filename(self) -> str: ...

    @property
    def caption(self) -> str: ...


def escape(text: str) -> str:
    """Neutralise markdown and mentions in text we did not write (user input, and source text)."""
    text = _MENTION.sub(
        lambda m: "@\u200b" + m.group(1) if m.group(1) else f"<\u200b{m.group(2)}{m.group(3)}>", text
    )
    return _MARKDOWN.sub(r"\\\1", text)


def discord_line(line: Line) -> str:
    """A line for Discord: channel mentions, timestamps each reader sees in their own timezone (with UTC beside
    the absolute ones), outside text escaped so it cannot ping anyone or turn into markup."""
    out = []
    for part in line:
        match part:
            case str():
                out.append(part)
            case Text():
                out.append(escape(part.value))
            case Strong():
                out.append(f"**{escape(part.value)}**")
            case Channel():
                out.append(f"<#{part.id}>")
            case Moment(at, "R"):
                out.append(f"<t:{int(at.timestamp())}:R>")
            case Moment(at, style):
                out.append(f"<t:{int(at.timestamp())}:{style}> ({utc_text(at)})")
    return "".join(out)


def _data(text: str) -> str:
    """Curated and source text: keep it readable, but no accidental markdown or pings."""
    if _DATA_SPECIAL.search(text) is None:
        return text  # one scan instead of two substitutions: rendering runs this on every line of every brief
    text = _MENTION.sub(
        lambda m: "@\u200b" + m.group(1) if m.group(1) else f"<\u200b{m.group(2)}{m.group(3)}>", text
    )
    return _DATA_MARKUP.sub(r"\\\1", text)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _item_line(item: Item) -> str:
    marks = "".join(f"[{n}]" for n in item.cites)
    new = "🆕 " if item.new else ""
    line = f"• {new}{_data(item.text)} **{marks}**"
    for note in item.notes:
        line += f"\n  ↳ *{_data(clip(note, NOTE_MAX))}*"
    return line


def _chunks(lines: Iterable[str], limit: int = FIELD_VALUE_MAX) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def _section_fields(brief: Brief) -> list[tuple[str, str, set[int]]]:
    """(name, value, citation numbers used) for every section, split to fit the field limit."""
    fields: list[tuple[str, str, set[int]]] = []
    for section in brief.sections:
        lines: list[tuple[str, set[int]]] = []
        if section.text:
            lines += [
                (_data(line), {int(n) for n in _CITE_NUMBER.findall(line)})
                for line in section.text.split("\n")
            ]
        for item in section.items:
            lines.append((_item_line(item), set(item.cites) | _note_cites(item)))
        if section.more:
            lines.append((f"*… {_data(section.more)}*", set()))
        name = clip(_data(section.title), FIELD_NAME_MAX - 10)
        groups: list[list[tuple[str, set[int]]]] = [[]]
        group_chars = 0  # of the last group, a newline counted after each line
        for text, cites in lines:
            text = clip(text, FIELD_VALUE_MAX)
            if groups[-1] and group_chars + len(text) > FIELD_VALUE_MAX:
                groups.append([])
                group_chars = 0
            groups[-1].append((text, cites))
            group_chars += len(text) + 1
        for part, group in enumerate(g for g in groups if g):
            label = name if part == 0 else f"{name} (cont.)"
            fields.append((label, "\n".join(t for t, _ in group), set().union(*(c for _, c in group))))
    return fields


def _note_cites(item: Item) -> set[int]:
    return {int(n) for note in item.notes for n in _CITE_NUMBER.findall(note)}


def _embed_size(embed: dict[str, Any]) -> int:
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += len(embed.get("footer", {}).get("text", ""))
    size += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return size


class _SourcesFields:
    """The "Sources" fields for the citations a page shows, remembered per set of citation numbers: paginating
    asks for the same sets again (each trial page, then the page kept), and each label is escaped only once."""

    def __init__(self, brief: Brief) -> None:
        self._citations = [(c.n, c.source_id) for c in brief.citations]
        self._refs = {s.id: s for s in brief.sources}
        self._labels: dict[str, str] = {}
        self._known: dict[frozenset[int], tuple[list[dict[str, Any]], int]] = {}

    def _label(self, source_id: str) -> str:
        label = self._labels.get(source_id)
        if label is None:
            s = self._refs.get(source_id)
            label = f"*{_data(s.title)}* — {_data(s.outlet)}, {s.date_label}" if s else _data(source_id)
            self._labels[source_id] = label
        return label

    def get(self, numbers: set[int]) -> tuple[list[dict[str, Any]], int]:
        """The fields (shared: copy before handing them out) and the characters they count towards a page."""
        key = frozenset(numbers)
        known = self._known.get(key)
        if known is None:
            by_source: dict[str, list[int]] = {}
            for n, source_id in self._citations:
                if n in key:
                    by_source.setdefault(source_id, []).append(n)
            lines = [
                f"**{''.join(f'[{n}]' for n in ns)}** {self._label(source_id)}"
                for source_id, ns in by_source.items()
            ]
            fields: list[dict[str, Any]] = [
                {"name": "Sources" if n == 0 else "Sources (cont.)", "value": chunk, "inline": False}
                for n, chunk in enumerate(_chunks(lines))
            ]
            known = self._known[key] = (fields, sum(len(f["name"]) + len(f["value"]) for f in fields))
        return known


def render_pages(
    brief: Brief,
    *,
    user_id: int | None = None,
    footer_note: str | None = None,
    chart: Picture | None = None,
) -> list[dict[str, Any]]:
    """Every page of a brief as a message payload; each is within Discord's per-message limits.

    `chart` is a file sent with the first page; every page shows it, so turning pages keeps the picture, and
    its caption joins the footer.
    """
    handle = key_hash(brief.key)
    caption = chart.caption if chart else None
    footer = clip(" · ".join(p for p in (brief.footer, footer_note, caption) if p), FOOTER_MAX)
    # Title, footer and description share the first page's budget with the fields.
    room = min(DESCRIPTION_MAX, PAGE_BUDGET - TITLE_MAX - len(footer))
    description = clip(_data(brief.description), room) if brief.description else None
    fields = _section_fields(brief)
    sources = _SourcesFields(brief)
    pages: list[tuple[list[tuple[str, str, set[int]]], bool]] = []
    # Greedy: each field joins the current page if the page, with the sources it cites, still fits. The page's
    # field characters and citation numbers are kept as running totals rather than summed again per field.
    current: list[tuple[str, str, set[int]]] = []
    current_chars = 0
    current_used: set[int] = set()
    for field in fields:
        field_chars = len(field[0]) + len(field[1])
        used = current_used | field[2]
        source_fields, source_chars = sources.get(used)
        size = current_chars + field_chars + source_chars
        size += len(brief.title) + 120 + len(footer) + (len(description) if description and not pages else 0)
        too_many = len(current) + 1 + len(source_fields) > FIELDS_MAX
        if (current or (description and not pages)) and (size > PAGE_BUDGET or too_many):
            pages.append((current, not pages))
            current, current_chars, current_used = [field], field_chars, set(field[2])
        else:
            current = [*current, field]
            current_chars += field_chars
            current_used = used
    pages.append((current, not pages))

    payloads = []
    total = len(pages)
    for index, (page_fields, first) in enumerate(pages):
        used = set().union(*(f[2] for f in page_fields)) if page_fields else set()
        title = clip(_data(brief.title), TITLE_MAX - 12) + (f" ({index + 1}/{total})" if total > 1 else "")
        embed: dict[str, Any] = {
            "title": title,
            "color": COLOUR if brief.found else COLOUR_MISS,
            "type": "rich",
        }
        if first and description:
            embed["description"] = description
        if chart:
            embed["image"] = {"url": f"attachment://{chart.filename}"}
        embed["fields"] = [{"name": n, "value": v, "inline": False} for n, v, _ in page_fields]
        embed["fields"] += [dict(f) for f in sources.get(used)[0]]
        if footer:
            embed["footer"] = {"text": footer}
        payload: dict[str, Any] = {
            "content": None,
            "embeds": [embed],
            "allowed_mentions": NO_MENTIONS,
            "components": _components(handle, index, total, user_id, bool(used)),
        }
        payloads.append(payload)
    return payloads


def attachment_entry(index: int, filename: str, size: int, description: str | None = None) -> dict[str, Any]:
    """A payload's `attachments` entry for a file uploaded with it (`description` is the alt text)."""
    entry: dict[str, Any] = {"id": index, "filename": filename, "size": size}
    if description:
        entry["description"] = clip(description, ALT_TEXT_MAX)
    return entry


def _button(
    label: str, custom_id: str, style: int = 2, disabled: bool = False, emoji: str | None = None
) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": 2,
        "style": style,
        "label": label,
        "custom_id": custom_id[:CUSTOM_ID_MAX],
        "disabled": disabled,
    }
    if emoji:
        button["emoji"] = {"name": emoji}
    return button


def _components(
    handle: str, page: int, total: int, user_id: int | None, has_quotes: bool
) -> list[dict[str, Any]]:
    buttons = []
    if has_quotes:
        buttons.append(_button("Show quotes", quotes_custom_id(handle, page), style=1, emoji="📜"))
    if total > 1:
        buttons.append(
            _button("Previous", page_custom_id(handle, page - 1, user_id), disabled=page == 0, emoji="◀️")
        )
        buttons.append(_button(f"{page + 1}/{total}", counter_custom_id(handle, page), disabled=True))
        buttons.append(
            _button("Next", page_custom_id(handle, page + 1, user_id), disabled=page >= total - 1, emoji="▶️")
        )
    return [{"type": 1, "components": buttons}] if buttons else []


def page_citations(brief: Brief, page: int) -> list[Cite]:
    """The citations shown on one rendered page (for its Show quotes button)."""
    pages = render_pages(brief)
    if not 0 <= page < len(pages):
        return []
    text = json.dumps(pages[page]["embeds"], ensure_ascii=False)
    shown = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    return [c for c in brief.citations if c.n in shown]


def render_quotes(brief: Brief, cites: list[Cite], *, note: str | None = None) -> list[dict[str, Any]]:
    """The verbatim quotes behind citations, as ephemeral payloads (several if they are long)."""
    refs = {s.id: s for s in brief.sources}
    lines = []
    for c in cites:
        s = refs.get(c.source_id)
        where = (
            f"*{_data(s.title)}* — {_data(s.outlet)}, {s.date_label}; `{s.file}` chars {c.start}–{c.end}"
            if s
            else f"`{c.source_id}` chars {c.start}–{c.end}"
        )
        excerpt = f" (excerpt of {_data(c.excerpt_of)})" if c.excerpt_of else ""
        lines.append(f"**[{c.n}]** “{_data(clip(c.quote, 1500))}”\n— {where}{excerpt} · fact `{c.fact_id}`")
    chunks = _chunks(lines, DESCRIPTION_MAX - 200) or ["No citations on this page."]
    payloads: list[dict[str, Any]] = []
    embeds: list[dict[str, Any]] = []
    for n, chunk in enumerate(chunks):
        embed = {
            "title": clip(f"Quotes — {_data(brief.title)}", TITLE_MAX - 10)
            + (f" ({n + 1})" if len(chunks) > 1 else ""),
            "description": chunk,
            "color": COLOUR,
            "type": "rich",
        }
        if note and n == 0:
            embed["footer"] = {"text": clip(note, FOOTER_MAX)}
        if embeds and sum(map(_embed_size, embeds)) + _embed_size(embed) > PAGE_BUDGET:
            payloads.append(_ephemeral(embeds))
            embeds = []
        embeds.append(embed)
    payloads.append(_ephemeral(embeds))
    return payloads


def _ephemeral(embeds: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "content": None,
        "embeds": embeds,
        "allowed_mentions": NO_MENTIONS,
        "components": [],
        "flags": EPHEMERAL,
    }


def render_error(message: str) -> dict[str, Any]:
    return {
        "content": clip(escape(message), CONTENT_MAX),
        "embeds": [],
        "allowed_mentions": NO_MENTIONS,
        "components": [],
        "flags": EPHEMERAL,
    }


def render_notice(message: str, ephemeral: bool = False) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "content": clip(message, CONTENT_MAX),
        "embeds": [],
        "allowed_mentions": NO_MENTIONS,
        "components": [],
    }
    if ephemeral:
        payload["flags"] = EPHEMERAL
    return payload
