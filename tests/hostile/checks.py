"""Shared checks for the hostile-input tests: replies, rendered payloads, and fingerprints of stored data."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.cli.console import reply_payloads
from bot.briefs import echo
from bot.commands import Reply, run_command
from bot.core import Core
from bot.render.discord import CONTENT_MAX, render_error
from devtools.standin import compute_pings, validate_message

# Words that only appear in an answer when an exception or internal detail leaked into it.
_LEAK = re.compile(
    r"Traceback|File \"|\bline \d+, in\b|\b[A-Z][A-Za-z]*(Error|Exception)\b|\bsqlite3?\b|\baiosqlite\b|"
    r"\bfts5\b|object at 0x|\bNoneType\b|<bot\.|<discord\."
)
# A live mass mention or user/role mention; escaped forms carry a zero-width space after "@" or "<".
_LIVE_MENTION = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>")


def _without_echo(text: str, value: Any) -> str:
    """The answer minus the user's own words (echoing "ValueError" back is not a leak)."""
    if isinstance(value, str):
        for limit in (30, 32, 80, 300):
            text = text.replace(echo(value, limit), " ")
        text = text.replace(value, " ")
    else:
        text = text.replace(repr(value), " ").replace(str(value), " ")
    return text


def error_problems(error: str, value: Any = None) -> list[str]:
    problems = []
    if not isinstance(error, str) or not error.strip():
        return [f"empty error {error!r}"]
    leaked = _LEAK.search(_without_echo(error, value))
    if leaked:
        problems.append(f"error leaks internals ({leaked.group(0)!r}): {error[:200]!r}")
    if not error.rstrip().endswith((".", "?", "!", ")")):
        problems.append(f"error is not a finished sentence: {error[:200]!r}")
    content = render_error(error)["content"]
    if len(content) > CONTENT_MAX:
        problems.append(f"rendered error is {len(content)} chars")
    return problems


def payload_problems(payload: dict[str, Any]) -> list[str]:
    """Discord's limits, no mentions allowed, and no live mention text anywhere in the payload."""
    problems = [f"limit: {e}" for e in validate_message(payload)]
    allowed = payload.get("allowed_mentions")
    if not isinstance(allowed, dict) or allowed.get("parse") != []:
        problems.append(f"allowed_mentions is {allowed!r}, expected parse []")
    pings = compute_pings(payload.get("content") or "", allowed)
    if pings.everyone or pings.user_ids or pings.role_ids:
        problems.append(f"payload would ping: {pings}")
    text = json.dumps([payload.get("content"), payload.get("embeds")], ensure_ascii=False)
    live = _LIVE_MENTION.search(text)
    if live:
        problems.append(f"unescaped mention {live.group(0)!r} in the rendered text")
    return problems


def reply_problems(reply: Any, value: Any = None) -> list[str]:
    if not isinstance(reply, Reply):
        return [f"run_command returned {type(reply).__name__}, not a Reply"]
    kinds = [k for k in ("error", "brief", "attachment") if getattr(reply, k) is not None]
    if len(kinds) != 1:
        return [f"reply has {kinds or 'nothing'}; expected exactly one of error, brief or attachment"]
    problems = error_problems(reply.error, value) if reply.error is not None else []
    try:
        payloads = reply_payloads(reply)
    except Exception as exc:  # the renderer must cope with whatever the core returned
        return [*problems, f"rendering raised {type(exc).__name__}: {exc}"]
    if not payloads:
        problems.append("no payloads rendered")
    for payload in payloads:
        problems += payload_problems(payload)
    return problems


async def run_and_check(core: Core, name: str, options: dict[str, Any], value: Any = None) -> list[str]:
    try:
        reply = await run_command(core, name, options)
    except Exception as exc:
        return [f"raised {type(exc).__name__}: {exc}"]
    return reply_problems(reply, value)


# ------------------------------------------------------------------------------------------ stored data


@dataclass(frozen=True, slots=True)
class StoreFingerprint:
    facts: int
    counts: str
    export_sha256: str


async def store_fingerprint(core: Core) -> StoreFingerprint:
    counts = await core.store.counts()
    reply = await run_command(core, "export", {"format": "json"})
    assert reply.attachment is not None, reply.error
    return StoreFingerprint(
        counts["facts"], json.dumps(counts, sort_keys=True), hashlib.sha256(reply.attachment.data).hexdigest()
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_fingerprint(roots: Iterable[Path]) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every file under the roots, keyed by path."""
    out: dict[str, tuple[int, str]] = {}
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            out[str(path)] = (len(data), hashlib.sha256(data).hexdigest())
    return out


def describe_tree_change(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    return f"added {added}, removed {removed}, changed {changed}"
