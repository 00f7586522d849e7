"""Render a `Brief` for a terminal: the same sections and numbered citations as on Discord."""

from __future__ import annotations

import textwrap

from bot.briefs import Brief
from bot.render.lines import Channel, Line, Moment, Strong, Text, utc_text

WIDTH = 100


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    out = []
    for n, para in enumerate(text.split("\n")):
        lead = first if (first is not None and n == 0) else indent
        out.append(textwrap.fill(para, WIDTH, initial_indent=lead, subsequent_indent=indent) if para else "")
    return "\n".join(out)


def render_brief(brief: Brief, *, quotes: bool = False) -> str:
    lines = [brief.title, "=" * min(len(brief.title), WIDTH)]
    if brief.description:
        lines += [_wrap(brief.description), ""]
    for section in brief.sections:
        lines.append(f"## {section.title}")
        if section.text:
            lines.append(_wrap(section.text, "  ", "  "))
        for item in section.items:
            marks = "".join(f"[{n}]" for n in item.cites)
            new = "NEW " if item.new else ""
            lines.append(_wrap(f"{new}{item.text} {marks}", "    ", "  • "))
            for note in item.notes:
                lines.append(_wrap(note, "      ", "    ↳ "))
        if section.more:
            lines.append(f"  … {section.more}")
        lines.append("")
    if brief.citations:
        titles = {s.id: s for s in brief.sources}
        lines.append("## Citations")
        for c in brief.citations:
            s = titles.get(c.source_id)
            where = f"{s.title} — {s.outlet}, {s.date_label}" if s else c.source_id
            excerpt = f" (excerpt of {c.excerpt_of})" if c.excerpt_of else ""
            lines.append(_wrap(f"[{c.n}] {where}{excerpt} · fact {c.fact_id}", "      ", "  "))
            if quotes:
                lines.append(
                    _wrap(
                        f"“{c.quote}” ({s.file if s else c.source_id}, chars {c.start}–{c.end})",
                        "      ",
                        "      ",
                    )
                )
        lines.append("")
    if brief.footer:
        lines.append(brief.footer)
    return "\n".join(lines).rstrip() + "\n"


def plain_line(line: Line) -> str:
    """A line for a terminal: channels by id, moments in UTC, outside text exactly as it was given."""
    out = []
    for part in line:
        match part:
            case str():
                out.append(part)
            case Text() | Strong():
                out.append(part.value)
            case Channel():
                out.append(f"#{part.id}")
            case Moment():
                out.append(utc_text(part.at))
    return "".join(out)
