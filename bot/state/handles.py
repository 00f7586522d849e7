"""Answer handles: the short ids that button custom ids carry instead of a whole command.

A brief's command and options (its `key`) can be longer than Discord's 100-character custom id, so buttons
carry a hash and the key is kept in the state database. Because the key lives on disk, "Show quotes" and
page buttons keep working after the bot restarts.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.render.custom_ids import key_hash
from bot.state.db import StateDB


class HandleStore:
    def __init__(self, db: StateDB) -> None:
        self._db = db
        self._cache: dict[str, dict[str, Any]] = {}

    async def remember(self, key: dict[str, Any]) -> str:
        handle = key_hash(key)
        if handle not in self._cache:
            async with self._db.transaction() as tx:
                await tx.execute(
                    "INSERT OR IGNORE INTO answer_handles (handle, key_json, created_at) VALUES (?, ?, ?)",
                    (
                        handle,
                        json.dumps(key, sort_keys=True, ensure_ascii=False),
                        datetime.now(UTC).isoformat(),
                    ),
                )
            self._cache[handle] = key
        return handle

    async def recall(self, handle: str) -> dict[str, Any] | None:
        if handle in self._cache:
            return self._cache[handle]
        row = await self._db.fetchone("SELECT key_json FROM answer_handles WHERE handle = ?", (handle,))
        if row is None:
            return None
        key: dict[str, Any] = json.loads(row[0])
        self._cache[handle] = key
        return key
