"""What the delivery log could not take when it happened (disk full, read-only database), kept in memory.

* `UnrecordedOutcomes`: outcomes of claimed slots whose log write failed. The claim row stays 'claimed',
  which already blocks a second post; the outcome is written, marked as recorded late, as soon as the
  database takes writes again. If the process stops first, recovery finds the post in the channel.
* `UnclaimedSlots`: scheduled slots whose claim could not be written, so nothing was sent, with the cause.
  If such a slot is still unposted when its grace window ends, it is logged 'missed' with that cause
  instead of "the bot was not running".

Both are bounded (`MAX_REMEMBERED`), so a database that stays broken cannot grow memory without limit.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.state.errors import StateDBError

from .sending import SendResult
from .store import SubscriptionStore, slot_key

__all__ = ["MAX_REMEMBERED", "UnclaimedSlots", "UnrecordedOutcomes"]

log = logging.getLogger(__name__)

MAX_REMEMBERED = 1000  # bounds each of the in-memory notes about writes that failed


def _cause(exc: StateDBError) -> str:
    """The SQLite reason alone ("database or disk is full"), without the file path, for moderators."""
    return str(exc.__cause__ or exc)


def _remember(notes: dict[Any, Any], key: Any, value: Any) -> None:
    notes.pop(key, None)
    notes[key] = value
    while len(notes) > MAX_REMEMBERED:
        notes.pop(next(iter(notes)))


@dataclass
class _Unrecorded:
    sub_id: int
    slot: datetime
    manual: bool
    result: SendResult
    fact_ids: list[str]
    rotation_reset: bool
    cause: str


class UnrecordedOutcomes:
    """Outcomes whose log write failed, by slot key; written as soon as the database takes writes again."""

    def __init__(self, store: SubscriptionStore) -> None:
        self._store = store
        self._items: dict[tuple[int, str], _Unrecorded] = {}
        self._lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def add(
        self,
        sub_id: int,
        slot: datetime,
        manual: bool,
        result: SendResult,
        *,
        fact_ids: list[str],
        rotation_reset: bool,
        error: StateDBError,
    ) -> None:
        key = (sub_id, slot_key(slot, manual=manual))
        _remember(
            self._items,
            key,
            _Unrecorded(sub_id, slot, manual, result, fact_ids, rotation_reset, _cause(error)),
        )

    async def record(self) -> int:
        """Write the outcomes whose log write failed earlier; returns how many still wait.

        Never raises for a storage failure: those stay queued for the next try."""
        if not self._items:
            return 0
        async with self._lock:
            for key, item in list(self._items.items()):
                sent = item.result.status == "sent"
                note = f"recorded late: the delivery log could not be written at the time ({item.cause})"
                if item.result.reason:
                    reason = f"{item.result.reason}; {note}"
                else:
                    reason = f"Posted; {note}" if sent else note[0].upper() + note[1:]
                try:
                    await self._store.finish(
                        item.sub_id,
                        item.slot,
                        manual=item.manual,
                        status=item.result.status,
                        reason=reason,
                        message_id=item.result.message_id,
                        attempts=item.result.attempts,
                        fact_ids=item.fact_ids,
                        rotation_reset=item.rotation_reset,
                    )
                except StateDBError as exc:
                    log.warning(
                        "Delivery log still not writable (%d outcome(s) waiting): %s",
                        len(self._items),
                        exc,
                    )
                    break
                except LookupError:  # the claim row is gone (restored from a backup?): nothing to update
                    log.error(
                        "Digest %d: no claim row left for %s; outcome not recorded", item.sub_id, key[1]
                    )
                del self._items[key]
                log.warning(
                    "Digest %d: outcome %s for %s recorded late", item.sub_id, item.result.status, key[1]
                )
            return len(self._items)


class UnclaimedSlots:
    """Scheduled slots whose claim could not be written, with the cause: the reason if they end up missed."""

    def __init__(self) -> None:
        self._causes: dict[tuple[int, datetime], str] = {}

    def note(self, sub_id: int, slot: datetime, error: StateDBError) -> None:
        _remember(self._causes, (sub_id, slot), _cause(error))

    def cause_of(self, sub_id: int, slot: datetime) -> str | None:
        return self._causes.get((sub_id, slot))

    def forget(self, sub_id: int, slot: datetime) -> None:
        """The slot has a row now (claimed, or logged 'missed'): no longer at risk of a wrong 'missed'."""
        self._causes.pop((sub_id, slot), None)
