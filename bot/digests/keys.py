"""`DeliveryKey`: the identity of one (subscription, slot) delivery, as the database, Discord and people see it.

* `slot_key` is the database's idempotency key (one row, hence at most one claim, per key);
* `nonce` goes with every send request for the slot - the first, every retry and every re-send after a
  restart. Discord keeps a nonce sent with `enforce_nonce` for a few minutes and answers a second message
  with the same nonce by returning the first one, so a repeat inside that window cannot post twice;
* `marker` is written into the digest itself (the adapter appends it to the embed footer), so that after
  the window the bot can still recognise its own digest for the slot in the channel's recent messages.

All three are derived from (subscription id, slot key) alone: a restarted process computes the same ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from .schedule import as_utc
from .store import slot_key

__all__ = ["NONCE_MAX", "DeliveryKey"]

NONCE_MAX = 25  # Discord accepts an integer or a string of at most 25 characters


@dataclass(frozen=True, slots=True)
class DeliveryKey:
    subscription_id: int
    slot: datetime
    manual: bool = False

    @property
    def slot_key(self) -> str:
        return slot_key(self.slot, manual=self.manual)

    @property
    def _digest(self) -> str:
        return hashlib.sha256(f"{self.subscription_id}|{self.slot_key}".encode()).hexdigest()

    @property
    def nonce(self) -> str:
        # "bb" + 23 hex digits (92 bits): fixed length, never all digits, unique per key for practical purposes.
        return ("bb" + self._digest)[:NONCE_MAX]

    @property
    def marker(self) -> str:
        """E.g. 'digest #12 · 2026-12-03 08:00 UTC · ref 3f9a01c2' (a send-now shows seconds and 'on request').

        The ref tells apart two send-nows of one subscription within the same second."""
        instant = as_utc(self.slot)
        when = (
            f"{instant:%Y-%m-%d %H:%M:%S} UTC on request" if self.manual else f"{instant:%Y-%m-%d %H:%M} UTC"
        )
        return f"digest #{self.subscription_id} · {when} · ref {self._digest[:8]}"
