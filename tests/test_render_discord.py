"""Discord payloads: within every per-message limit, paginated rather than truncated, and never pinging."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.adapters.cli.console import reply_payloads
from bot.briefs import Brief, Cite, Item, Section, SourceRef
from bot.commands import Reply, run_command
from bot.core import Core
from bot.render.discord import (
    NO_MENTIONS,
    page_citations,
    render_error,
    render_notice,
    render_pages,
    render_quotes,
)

BRIEF_COMMANDS: list[tuple[str, dict[str, str]]] = [
    *[
        ("country", {"name": c})
        for c in ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    ],
    ("compare", {"a": "Kazakhstan", "b": "Tajikistan"}),
    ("compare", {"a": "Kyrgyzstan", "b": "Uzbekistan"}),
    ("timeline", {}),
    ("timeline", {"about": "Kazakhstan"}),
    ("search", {"query": "How long is the China–Kazakhstan border?"}),
    ("search", {"query": "SCO members"}),
    ("search", {"query": "What is the population of Mars?"}),
    ("figure", {"query": "billion"}),
    ("figure", {"query": "financing", "country": "Kazakhstan"}),
    ("project", {"name": "Belt and Road Initiative"}),
    ("project", {"name": "Ozodi Tunnel"}),
    ("source", {"name": "Diplomat"}),
    ("source", {"name": "ANKASAM"}),
    ("help", {}),
    ("about", {}),
]


def embed_total(embed: dict[str, Any]) -> int:
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += len(embed.get("footer", {}).get("text", "")) + len(embed.get("author", {}).get("name", ""))
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return total


def assert_within_discord_limits(payload: dict[str, Any]) -> None:
    assert payload["allowed_mentions"] == NO_MENTIONS
    assert payload["allowed_mentions"]["parse"] == []
    assert payload.get("content") is None or len(payload["content"]) <= 2000
    assert len(payload["embeds"]) <= 10
    for embed in payload["embeds"]:
        assert len(embed.get("title", "")) <= 256
        assert len(embed.get("description", "")) <= 4096
        assert len(embed.get("fields", [])) <= 25
        for field in embed.get("fields", []):
            assert 0 < len(field["name"]) <= 256
            assert 0 < len(field["value"]) <= 1024
        assert len(embed.get("footer", {}).get("text", "")) <= 2048
    assert sum(embed_total(e) for e in payload["embeds"]) <= 6000
    assert len(payload["components"]) <= 5
    for row in payload["components"]:
        assert row["type"] == 1 and len(row["components"]) <= 5
        for button in row["components"]:
            assert len(button["custom_id"]) <= 100
            assert len(button["label"]) <= 80


def shown_numbers(payloads: list[dict[str, Any]]) -> set[int]:
    return {
        int(n)
        for p in payloads
        for n in re.findall(r"\[(\d+)\]", json.dumps(p["embeds"], ensure_ascii=False))
    }


async def brief_for(core: Core, command: str, options: dict[str, str]) -> Brief:
    reply = await run_command(core, command, options)
    assert reply.error is None and reply.brief is not None, reply.error
    return reply.brief


@pytest.mark.parametrize(
    ("command", "options"), BRIEF_COMMANDS, ids=[" ".join([c, *o.values()]) for c, o in BRIEF_COMMANDS]
)
async def test_every_page_of_every_brief_respects_discord_limits(
    core: Core, command: str, options: dict[str, str]
) -> None:
    brief = await brief_for(core, command, options)
    pages = render_pages(brief, user_id=2**63 - 1, footer_note="Requested by someone with a long name " * 3)
    assert pages
    for payload in pages:
        assert_within_discord_limits(payload)
    # Every citation number appears on some page, so its quote can be shown.
    assert shown_numbers(pages) >= {c.n for c in brief.citations}
    for page in range(len(pages)):
        for quote_payload in render_quotes(brief, page_citations(brief, page)):
            assert_within_discord_limits(quote_payload)


async def test_multi_page_briefs_number_their_pages_and_buttons(core: Core) -> None:
    brief = await brief_for(core, "country", {"name": "Kazakhstan"})
    pages = render_pages(brief, user_id=123456789012345678)
    assert len(pages) > 1
    for n, payload in enumerate(pages, start=1):
        assert payload["embeds"][0]["title"].endswith(f"({n}/{len(pages)})")
        labels = [b["label"] for row in payload["components"] for b in row["components"]]
        assert "Show quotes" in labels and f"{n}/{len(pages)}" in labels
    assert "description" in pages[0]["embeds"][0] and "description" not in pages[1]["embeds"][0]


async def test_quotes_of_a_page_are_the_citations_it_shows(core: Core) -> None:
    brief = await brief_for(core, "country", {"name": "Kazakhstan"})
    pages = render_pages(brief)
    all_cites = [c for page in range(len(pages)) for c in page_citations(brief, page)]
    assert {c.n for c in all_cites} == {c.n for c in brief.citations}
    quotes = render_quotes(brief, page_citations(brief, 0))
    text = json.dumps(quotes, ensure_ascii=False)
    assert "1,700 km" in text or "26%" in text
    assert all(p["flags"] == 64 for p in quotes)  # ephemeral


def huge_brief(items: int = 300) -> Brief:
    sources = [
        SourceRef(
            f"src-{k}", f"Source title {k} " + "t" * 80, f"Outlet {k}", "2020-01-01", "report", f"00{k}.txt"
        )
        for k in range(5)
    ]
    citations: list[Cite] = []
    section_items: list[Item] = []
    for i in range(items):
        n1, n2 = 2 * i + 1, 2 * i + 2
        citations += [
            Cite(n1, f"fact-{i}", f"src-{i % 5}", "quoted text " * 30, 0, 360),
            Cite(n2, f"fact-{i}", f"src-{(i + 1) % 5}", "another quote " * 20, 0, 280),
        ]
        notes = [
            f"Caveat {i}: " + "a long caveat about the figure and its base year " * 8,
            f"Corroborated by [{n2}]: " + "a long note explaining the relation between the two " * 6,
        ]
        section_items.append(
            Item(
                f"Statement {i} with a figure of {i}% " + "and a lot of detail " * 15,
                f"fact-{i}",
                [n1],
                notes=notes,
            )
        )
    return Brief(
        kind="search",
        title="A very long title " * 30,
        description="Described at length. " * 150,
        sections=[
            Section("First section " * 30, section_items[:120], more="180 more: /search …"),
            Section("Second", section_items[120:], text="Intro [1] line\n" * 5),
        ],
        citations=citations,
        sources=sources,
        footer="Footer text " * 100,
        key={"command": "search", "query": "q" * 400},
    )


def test_huge_brief_paginates_within_limits_and_keeps_every_citation_visible() -> None:
    brief = huge_brief()
    pages = render_pages(brief, user_id=2**63 - 1, footer_note="Note " * 300)
    assert len(pages) > 10
    for payload in pages:
        assert_within_discord_limits(payload)
    assert shown_numbers(pages) >= {c.n for c in brief.citations}
    handles = {b["custom_id"] for p in pages for row in p["components"] for b in row["components"]}
    assert len(handles) == len(
        {b["custom_id"] for p in pages for row in p["components"] for b in row["components"]}
    )


def test_every_payload_disables_mentions() -> None:
    brief = huge_brief(5)
    payloads = [
        *render_pages(brief),
        *render_quotes(brief, brief.citations),
        render_error("x"),
        render_notice("y"),
        render_notice("z", ephemeral=True),
    ]
    for payload in payloads:
        assert payload["allowed_mentions"] == {"parse": [], "users": [], "roles": [], "replied_user": False}


@pytest.mark.parametrize("text", ["@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>"])
def test_render_error_neutralises_mentions(text: str) -> None:
    content = render_error(f"Unknown country {text} — try again")["content"]
    assert text not in content
    assert "\u200b" in content


def test_render_error_neutralises_markdown() -> None:
    payload = render_error(
        "Not found: **bold** __under__ `code` ~~gone~~ ||spoiler|| > quote [link](http://x)"
    )
    content = payload["content"]
    assert "**bold**" not in content and "`code`" not in content and "||spoiler||" not in content
    assert "](" not in content.replace("\\]", "")
    assert payload["flags"] == 64 and payload["embeds"] == []


def test_render_error_of_huge_text_is_clipped() -> None:
    assert len(render_error("@everyone " * 1000)["content"]) <= 2000


async def test_error_reply_echoing_user_text_is_neutralised(core: Core) -> None:
    reply = await run_command(core, "country", {"name": "@everyone <@123> **bold**"})
    assert reply.error is not None
    (payload,) = reply_payloads(reply)
    assert "@everyone" not in payload["content"] and "<@123>" not in payload["content"]
    assert "**bold**" not in payload["content"]


async def test_brief_quoting_user_text_cannot_ping(core: Core) -> None:
    reply = await run_command(core, "search", {"query": "@everyone <@123> gas pipeline"})
    assert reply.brief is not None
    for payload in reply_payloads(reply):
        text = json.dumps(payload["embeds"], ensure_ascii=False)
        assert "@everyone" not in text and "<@123>" not in text


async def test_export_reply_is_a_notice_with_an_attachment(core: Core) -> None:
    reply = await run_command(core, "export", {"country": "Tajikistan", "format": "json"})
    assert isinstance(reply, Reply) and reply.attachment is not None
    (payload,) = reply_payloads(reply)
    assert_within_discord_limits(payload)
    assert payload["attachments"][0]["filename"] == "briefbot-tajikistan.json"
    rows = json.loads(reply.attachment.data)
    assert rows and all("tajikistan" in r["entities"] for r in rows)
