"""The custom ids our buttons carry (`bb:…`): built, matched and recognised from this one definition.

A button's state lives in its id (the answer's handle, the page, the asker for paging), so buttons keep
working after a restart: whatever reads an id must agree with what wrote it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

QUOTES = "bb:q:"  # Show quotes: bb:q:<handle>:<page>
PAGE = "bb:p:"  # Previous / Next: bb:p:<handle>:<page>:<asker's user id, 0 = anyone>
COUNTER = "bb:n:"  # the disabled "2/5" between them: bb:n:<handle>:<page>
HANDLE_CHARS = 16
_HANDLE = rf"(?P<handle>[0-9a-f]{{{HANDLE_CHARS}}})"

# discord.py DynamicItem templates; a page can be one short of the first (a stale Previous button).
QUOTES_TEMPLATE = rf"{QUOTES}{_HANDLE}:(?P<page>\d{{1,4}})"
PAGE_TEMPLATE = rf"{PAGE}{_HANDLE}:(?P<page>-?\d{{1,4}}):(?P<user>\d{{1,20}})"


def key_hash(key: dict[str, Any]) -> str:
    """A short stable handle for a brief's command and options, carried in button custom ids."""
    blob = json.dumps(key, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:HANDLE_CHARS]


def quotes_custom_id(handle: str, page: int) -> str:
    return f"{QUOTES}{handle}:{page}"


def page_custom_id(handle: str, page: int, user_id: int | None) -> str:
    return f"{PAGE}{handle}:{page}:{user_id or 0}"


def counter_custom_id(handle: str, page: int) -> str:
    return f"{COUNTER}{handle}:{page}"


def is_page_turn(custom_id: str) -> bool:
    return custom_id.startswith(PAGE)
