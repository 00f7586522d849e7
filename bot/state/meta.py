"""Small keyed values the bot keeps between runs (table `bot_meta`)."""

from __future__ import annotations

from bot.state.db import StateDB

COMMAND_SIGNATURE = "command_signature"


async def synced_command_signature(db: StateDB) -> str | None:
    """The signature of the command set last synced to Discord, if any."""
    row = await db.fetchone("SELECT value FROM bot_meta WHERE key = ?", (COMMAND_SIGNATURE,))
    return None if row is None else str(row[0])


async def remember_command_signature(db: StateDB, signature: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT OR REPLACE INTO bot_meta (key, value) VALUES (?, ?)", (COMMAND_SIGNATURE, signature)
        )
