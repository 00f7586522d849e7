"""`SubscriptionStore`: subscriptions, the delivery log and rotation state over a `StateDB`.

Guild scoping: the moderator-facing methods take `guild_id` first and only ever see that guild's
subscriptions; another guild's subscription id behaves exactly like a missing one (`None` from `get`,
`SubscriptionNotFound` from the mutators). Methods without a guild (`get_any`, `list_active`, `pause_any`,
the delivery log) are for the delivery service and admin tooling (CLI), never for user input.

Removal is a soft delete: `removed_at` is set, the schedule stops, and the subscription disappears from
every listing, but its row, delivery history and shown facts stay (the schema forbids hard deletes with
ON DELETE RESTRICT). A 403/404 while posting only *pauses* a subscription; nothing in this package deletes
one because a channel became unreachable.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from bot.state.db import StateDB, Transaction
from bot.state.errors import StateDBError

from .errors import InvalidSubscription, SubscriptionLimitReached, SubscriptionNotFound
from .models import Delivery, DeliveryStatus, Subscription, SubscriptionSettings, format_validation_error
from .schedule import as_utc, slots_between

__all__ = ["Clock", "SubscriptionStore", "from_db_time", "slot_key", "to_db_time", "utc_now"]

Clock = Callable[[], datetime]

log = logging.getLogger(__name__)

PAUSED_SLOTS_LOGGED = 50  # after a long pause, only the latest slots are logged (like missed ones)

_SCHEDULE_FIELDS = frozenset({"frequency", "time", "timezone", "weekday"})
_EDITABLE_FIELDS = frozenset(SubscriptionSettings.model_fields)
_SUB_COLUMNS = (
    "id, guild_id, channel_id, created_by, frequency, time, timezone, weekday, country, topic, size, "
    "status, paused_reason, created_at, updated_at, last_slot, removed_at"
)
_DELIVERY_COLUMNS = (
    "id, subscription_id, slot, slot_at, kind, channel_id, status, reason, message_id, attempts, fact_ids, "
    "created_at, finished_at, boot, sending_at"
)


def utc_now() -> datetime:
    """The production clock; tests inject their own."""
    return datetime.now(UTC)


def to_db_time(value: datetime) -> str:
    # Fixed width (always microseconds, always +00:00) so TEXT order equals time order in SQL.
    return as_utc(value).isoformat(timespec="microseconds")


def from_db_time(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def slot_key(slot: datetime, *, manual: bool = False) -> str:
    """The idempotency key of a slot. Manual sends get their own namespace so they never use up the key
    of a scheduled slot, even if they happen at the very same instant."""
    instant = to_db_time(slot)
    return f"manual:{instant}" if manual else instant


def _max_time(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b > a else a


def _subscription(row: sqlite3.Row) -> Subscription:
    data: dict[str, Any] = dict(row)
    try:
        for column in ("created_at", "updated_at", "last_slot", "removed_at"):
            if data[column] is not None:
                data[column] = from_db_time(data[column])
        return Subscription.model_validate(data)
    except (ValueError, ValidationError) as exc:  # e.g. a timezone that a tzdata update no longer knows
        raise StateDBError(f"Subscription #{data.get('id')} in the state DB is invalid: {exc}") from exc


def _subscriptions(rows: Iterable[sqlite3.Row]) -> list[Subscription]:
    # One unreadable row must not stop every other guild's digests: skip it loudly.
    subs: list[Subscription] = []
    for row in rows:
        try:
            subs.append(_subscription(row))
        except StateDBError:
            log.exception("Skipping an unreadable subscription row")
    return subs


def _delivery(row: sqlite3.Row) -> Delivery:
    data: dict[str, Any] = dict(row)
    data["slot_key"] = data.pop("slot")
    data["slot"] = from_db_time(data.pop("slot_at"))
    data["fact_ids"] = json.loads(data["fact_ids"] or "[]")
    for column in ("created_at", "finished_at", "sending_at"):
        if data[column] is not None:
            data[column] = from_db_time(data[column])
    return Delivery.model_validate(data)


def _settings(values: dict[str, Any]) -> SubscriptionSettings:
    try:
        return SubscriptionSettings.model_validate(values)
    except ValidationError as exc:
        raise InvalidSubscription(format_validation_error(exc)) from exc


class SubscriptionStore:
    def __init__(self, db: StateDB, *, clock: Clock = utc_now, max_per_guild: int = 25) -> None:
        self.db = db
        self._clock = clock
        self.max_per_guild = max_per_guild

    def _now(self) -> datetime:
        return as_utc(self._clock())

    # --- subscriptions: moderator-facing, scoped by guild ---------------------------------------------

    async def create(
        self,
        *,
        guild_id: int,
        channel_id: int,
        created_by: int,
        frequency: str,
        time: str,
        timezone: str,
        weekday: int | str | None = None,
        country: str | None = None,
        topic: str | None = None,
        size: int = 5,
    ) -> Subscription:
        """Validate and save a new active subscription (raises `InvalidSubscription` with readable lines).

        Its watermark starts at creation time, so a slot earlier today is not "caught up" on.
        """
        settings = _settings(
            {
                "channel_id": channel_id,
                "frequency": frequency,
                "time": time,
                "timezone": timezone,
                "weekday": weekday,
                "country": country,
                "topic": topic,
                "size": size,
            }
        )
        now = to_db_time(self._now())
        async with self.db.transaction() as tx:
            row = await tx.fetchone(
                "SELECT count(*) FROM subscriptions WHERE guild_id = ? AND removed_at IS NULL", (guild_id,)
            )
            if row is not None and row[0] >= self.max_per_guild:
                raise SubscriptionLimitReached(
                    f"This server already has {row[0]} digest subscriptions (the limit is {self.max_per_guild})."
                )
            new_id = await tx.insert(
                "INSERT INTO subscriptions (guild_id, channel_id, created_by, frequency, time, timezone, weekday,"
                " country, topic, size, status, created_at, updated_at, last_slot)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                (
                    guild_id,
                    settings.channel_id,
                    created_by,
                    settings.frequency,
                    settings.time,
                    settings.timezone,
                    settings.weekday,
                    settings.country,
                    settings.topic,
                    settings.size,
                    now,
                    now,
                    now,
                ),
            )
            created = await tx.fetchone(f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ?", (new_id,))
        assert created is not None
        return _subscription(created)

    async def get(self, guild_id: int, sub_id: int) -> Subscription | None:
        """The guild's subscription, or None (also for another guild's id and for removed ones)."""
        row = await self.db.fetchone(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ? AND guild_id = ? AND removed_at IS NULL",
            (sub_id, guild_id),
        )
        return _subscription(row) if row is not None else None

    async def list_for_guild(self, guild_id: int) -> list[Subscription]:
        rows = await self.db.fetchall(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE guild_id = ? AND removed_at IS NULL ORDER BY id",
            (guild_id,),
        )
        return _subscriptions(rows)

    async def update(self, guild_id: int, sub_id: int, /, **changes: Any) -> Subscription:
        """Change settings (channel_id, frequency, time, timezone, weekday, country, topic, size).

        Switching to daily drops the weekday automatically. A schedule change moves the watermark to now:
        the new schedule applies to future slots only, so moving 08:00 to 07:00 at 07:30 posts nothing today.
        """
        unknown = set(changes) - _EDITABLE_FIELDS
        if unknown:
            raise InvalidSubscription([f"Unknown setting(s): {', '.join(sorted(unknown))}"])
        async with self.db.transaction() as tx:
            current = await self._locked_get(tx, guild_id, sub_id)
            merged = current.model_dump(include=set(_EDITABLE_FIELDS)) | changes
            if changes.get("frequency") == "daily" and "weekday" not in changes:
                merged["weekday"] = None
            settings = _settings(merged)
            now = self._now()
            last_slot = current.last_slot
            schedule_changed = any(getattr(settings, f) != getattr(current, f) for f in _SCHEDULE_FIELDS)
            if schedule_changed:
                last_slot = _max_time(last_slot, now)
            await tx.execute(
                "UPDATE subscriptions SET channel_id = ?, frequency = ?, time = ?, timezone = ?, weekday = ?,"
                " country = ?, topic = ?, size = ?, updated_at = ?, last_slot = ? WHERE id = ?",
                (
                    settings.channel_id,
                    settings.frequency,
                    settings.time,
                    settings.timezone,
                    settings.weekday,
                    settings.country,
                    settings.topic,
                    settings.size,
                    to_db_time(now),
                    to_db_time(last_slot) if last_slot else None,
                    sub_id,
                ),
            )
            return await self._locked_get(tx, guild_id, sub_id)

    async def pause(self, guild_id: int, sub_id: int, reason: str = "Paused by a moderator") -> Subscription:
        async with self.db.transaction() as tx:
            await self._locked_get(tx, guild_id, sub_id)
            await self._set_paused(tx, sub_id, reason)
            return await self._locked_get(tx, guild_id, sub_id)

    async def resume(self, guild_id: int, sub_id: int) -> Subscription:
        """Reactivate. Slots that passed while paused are not posted: the watermark moves to now, so resuming
        never triggers a catch-up post. They are logged 'skipped' with the pause reason (the latest
        `PAUSED_SLOTS_LOGGED` of them), so the history explains the gap."""
        async with self.db.transaction() as tx:
            current = await self._locked_get(tx, guild_id, sub_id)
            now = self._now()
            if current.status == "paused" and current.last_slot is not None:
                try:
                    passed = slots_between(current, current.last_slot, now)[-PAUSED_SLOTS_LOGGED:]
                except Exception:  # e.g. tzdata lost the zone: resuming must still work
                    log.exception("Digest %d: cannot list the slots that passed while paused", sub_id)
                    passed = []
                reason = f"Not posted: the subscription was paused ({current.paused_reason or 'Paused'})"
                await self._log_unposted(tx, sub_id, passed, "skipped", reason)
            await tx.execute(
                "UPDATE subscriptions SET status = 'active', paused_reason = NULL, updated_at = ?, last_slot = ?"
                " WHERE id = ?",
                (to_db_time(now), to_db_time(_max_time(current.last_slot, now)), sub_id),
            )
            return await self._locked_get(tx, guild_id, sub_id)

    async def remove(self, guild_id: int, sub_id: int) -> Subscription:
        """Soft delete: the subscription stops and vanishes from listings; its history is kept."""
        async with self.db.transaction() as tx:
            current = await self._locked_get(tx, guild_id, sub_id)
            now = to_db_time(self._now())
            await tx.execute(
                "UPDATE subscriptions SET removed_at = ?, updated_at = ? WHERE id = ?", (now, now, sub_id)
            )
        return current.model_copy(update={"removed_at": from_db_time(now), "updated_at": from_db_time(now)})

    async def history(self, sub_id: int, limit: int = 20, *, guild_id: int | None) -> list[Delivery]:
        """Latest deliveries first. `guild_id` is required on purpose: pass the caller's guild for anything
        user-facing (removed subscriptions included, so their history stays viewable), or None for admin
        tooling that may look at any subscription."""
        if guild_id is not None:
            owner = await self.db.fetchone(
                "SELECT 1 FROM subscriptions WHERE id = ? AND guild_id = ?", (sub_id, guild_id)
            )
            if owner is None:
                raise SubscriptionNotFound(sub_id)
        rows = await self.db.fetchall(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = ?"
            " ORDER BY slot_at DESC, id DESC LIMIT ?",
            (sub_id, limit),
        )
        return [_delivery(r) for r in rows]

    # --- subscriptions: service/admin, unscoped --------------------------------------------------------

    async def get_any(self, sub_id: int, *, include_removed: bool = False) -> Subscription | None:
        """Any guild's subscription by id (service and admin use only)."""
        row = await self.db.fetchone(f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ?", (sub_id,))
        if row is None:
            return None
        sub = _subscription(row)
        return sub if include_removed or not sub.removed else None

    async def list_active(self) -> list[Subscription]:
        rows = await self.db.fetchall(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE status = 'active' AND removed_at IS NULL ORDER BY id"
        )
        return _subscriptions(rows)

    async def pause_any(self, sub_id: int, reason: str) -> None:
        """Pause on behalf of the bot (lost permission, deleted channel). Never deletes anything."""
        async with self.db.transaction() as tx:
            await self._set_paused(tx, sub_id, reason)

    async def advance_last_slot(self, sub_id: int, slot: datetime) -> None:
        """Move the watermark forward to `slot` (never backwards)."""
        value = to_db_time(slot)
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE subscriptions SET last_slot = ? WHERE id = ? AND (last_slot IS NULL OR last_slot < ?)",
                (value, sub_id, value),
            )

    # --- delivery log ------------------------------------------------------------------------------------

    async def claim(
        self,
        sub_id: int,
        slot: datetime,
        *,
        manual: bool = False,
        channel_id: int | None = None,
        boot: str | None = None,
    ) -> bool:
        """Insert the 'claimed' row for (subscription, slot), owned by `boot`; False if any row for that key
        already exists.

        This is the idempotency gate: whoever inserts the row is the only one allowed to post (or whoever
        later takes the claim over from a dead boot, see `take_over`). ON CONFLICT names the unique key so
        that any other constraint failure still raises.
        """
        now = to_db_time(self._now())
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "INSERT INTO deliveries (subscription_id, slot, slot_at, kind, channel_id, status, created_at,"
                " boot) VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?) ON CONFLICT (subscription_id, slot) DO NOTHING",
                (
                    sub_id,
                    slot_key(slot, manual=manual),
                    to_db_time(slot),
                    "manual" if manual else "scheduled",
                    channel_id,
                    now,
                    boot,
                ),
            )
        return changed == 1

    async def mark_sending(self, delivery_id: int, boot: str | None) -> datetime:
        """Record that the first send request for a claimed slot begins now (before it is made: a crash
        afterwards must let recovery know that Discord may hold the digest). Returns the recorded instant."""
        now = self._now()
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE deliveries SET sending_at = coalesce(sending_at, ?)"
                " WHERE id = ? AND status = 'claimed' AND boot IS ?",
                (to_db_time(now), delivery_id, boot),
            )
            if changed != 1:
                raise LookupError(f"delivery {delivery_id} is not claimed by this process")
            row = await tx.fetchone("SELECT sending_at FROM deliveries WHERE id = ?", (delivery_id,))
        assert row is not None
        return from_db_time(row[0])

    async def claims(self) -> list[Delivery]:
        """Every row still 'claimed' (posts in flight, or left by a process that died), oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE status = 'claimed' ORDER BY created_at, id"
        )
        return [_delivery(r) for r in rows]

    async def take_over(self, delivery_id: int, dead_boot: str | None, boot: str | None) -> bool:
        """Make `boot` the owner of a claim left by `dead_boot`. Atomic: of several processes recovering
        the same claim at once, exactly one gets True."""
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE deliveries SET boot = ? WHERE id = ? AND status = 'claimed' AND boot IS ?",
                (boot, delivery_id, dead_boot),
            )
        return changed == 1

    async def finish(
        self,
        sub_id: int,
        slot: datetime,
        *,
        status: DeliveryStatus,
        manual: bool = False,
        reason: str | None = None,
        message_id: int | None = None,
        attempts: int = 0,
        fact_ids: Iterable[str] = (),
        rotation_reset: bool = False,
    ) -> None:
        """Record the outcome of a claimed slot. For 'sent', the shown facts are recorded in the same
        transaction (after clearing them first when `rotation_reset`), so history and rotation agree."""
        if status == "claimed":
            raise ValueError("finish() needs a final status")
        key = slot_key(slot, manual=manual)
        ids = list(dict.fromkeys(fact_ids))
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE deliveries SET status = ?, reason = ?, message_id = ?, attempts = ?, fact_ids = ?,"
                " finished_at = ? WHERE subscription_id = ? AND slot = ?",
                (status, reason, message_id, attempts, json.dumps(ids), to_db_time(self._now()), sub_id, key),
            )
            if changed != 1:
                raise LookupError(f"no claimed delivery for subscription {sub_id} at {key}")
            if status == "sent":
                if rotation_reset:
                    await tx.execute("DELETE FROM shown_facts WHERE subscription_id = ?", (sub_id,))
                await tx.executemany(
                    "INSERT INTO shown_facts (subscription_id, fact_id, slot) VALUES (?, ?, ?)"
                    " ON CONFLICT (subscription_id, fact_id) DO UPDATE SET slot = excluded.slot",
                    [(sub_id, fact_id, key) for fact_id in ids],
                )

    async def mark_missed(self, sub_id: int, slots: Iterable[datetime], reason: str) -> list[datetime]:
        """Log scheduled slots as 'missed'; slots that already have a row are left alone.
        Returns the slots actually logged."""
        async with self.db.transaction() as tx:
            return await self._log_unposted(tx, sub_id, slots, "missed", reason)

    async def _log_unposted(
        self, tx: Transaction, sub_id: int, slots: Iterable[datetime], status: DeliveryStatus, reason: str
    ) -> list[datetime]:
        now = to_db_time(self._now())
        logged: list[datetime] = []
        for slot in slots:
            changed = await tx.execute(
                "INSERT INTO deliveries (subscription_id, slot, slot_at, kind, status, reason, created_at,"
                " finished_at) VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?)"
                " ON CONFLICT (subscription_id, slot) DO NOTHING",
                (sub_id, slot_key(slot), to_db_time(slot), status, reason, now, now),
            )
            if changed == 1:
                logged.append(slot)
        return logged

    async def get_delivery(self, sub_id: int, slot: datetime, *, manual: bool = False) -> Delivery | None:
        row = await self.db.fetchone(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = ? AND slot = ?",
            (sub_id, slot_key(slot, manual=manual)),
        )
        return _delivery(row) if row is not None else None

    async def last_sent(self, sub_id: int) -> Delivery | None:
        row = await self.db.fetchone(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = ? AND status = 'sent'"
            " ORDER BY finished_at DESC, id DESC LIMIT 1",
            (sub_id,),
        )
        return _delivery(row) if row is not None else None

    # --- rotation ------------------------------------------------------------------------------------------

    async def shown_fact_ids(self, sub_id: int) -> set[str]:
        rows = await self.db.fetchall("SELECT fact_id FROM shown_facts WHERE subscription_id = ?", (sub_id,))
        return {r[0] for r in rows}

    async def reset_rotation(self, sub_id: int) -> None:
        async with self.db.transaction() as tx:
            await tx.execute("DELETE FROM shown_facts WHERE subscription_id = ?", (sub_id,))

    # --- helpers -------------------------------------------------------------------------------------------

    async def _locked_get(self, tx: Transaction, guild_id: int, sub_id: int) -> Subscription:
        row = await tx.fetchone(
            f"SELECT {_SUB_COLUMNS} FROM subscriptions WHERE id = ? AND guild_id = ? AND removed_at IS NULL",
            (sub_id, guild_id),
        )
        if row is None:
            raise SubscriptionNotFound(sub_id)
        return _subscription(row)

    async def _set_paused(self, tx: Transaction, sub_id: int, reason: str) -> None:
        await tx.execute(
            "UPDATE subscriptions SET status = 'paused', paused_reason = ?, updated_at = ? WHERE id = ?",
            (reason.strip() or "Paused", to_db_time(self._now()), sub_id),
        )
