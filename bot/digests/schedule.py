"""Pure schedule arithmetic: when is a subscription due? No wall clock, no I/O.

A *slot* is the UTC instant of one scheduled digest. It is computed from the subscriber's local 'HH:MM', the
IANA zone and (for weekly digests) the weekday, one candidate per local calendar date:

* nonexistent local time (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of March): the slot
  fires once, at the instant that the pre-transition offset gives - which reads 03:30 on the new clock.
  This is PEP 495's `fold=0` rule;
* ambiguous local time (fall back, 02:30 happens twice): the slot fires once, at the first occurrence
  (`fold=0`); a second wake-up in the repeated hour would map back to the same slot key via
  `previous_slot`, and the delivery claim would turn it into a no-op.
* zones that skip a whole calendar day (Pacific/Apia, 2011-12-30) can map two local dates to one instant;
  slots are de-duplicated, so that instant fires once.

The scheduler's jobs fire at these slots (`scheduler.SlotTrigger`): this module is the one place that says
when a digest is due.

Intervals are half-open, `(start, end]`: a slot exactly at `start` was already handled by whoever advanced
the watermark to `start`, and a slot exactly at `end` ("now") is due.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Protocol
from zoneinfo import ZoneInfo

__all__ = ["ScheduleLike", "as_utc", "next_slot", "previous_slot", "slot_on", "slots_between"]

# A local date's slot can land on a neighbouring UTC date (offsets reach +/-14h, and gap days shift it),
# so candidate local dates are taken with this margin on both sides and filtered by instant afterwards.
_MARGIN = timedelta(days=2)
# Longest search for the next/previous slot: one week plus room for a skipped calendar day.
_SEARCH_DAYS = 9


class ScheduleLike(Protocol):
    """What the schedule needs from a subscription (a `Subscription` satisfies it)."""

    @property
    def frequency(self) -> str: ...

    @property
    def time(self) -> str: ...

    @property
    def timezone(self) -> str: ...

    @property
    def weekday(self) -> int | None: ...


def as_utc(value: datetime) -> datetime:
    """`value` as UTC; naive datetimes are refused rather than guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: pass a timezone-aware datetime")
    return value.astimezone(UTC)


def _local_time(sub: ScheduleLike) -> dtime:
    hour, minute = sub.time.split(":")
    return dtime(int(hour), int(minute))


def _runs_on(sub: ScheduleLike, day: date) -> bool:
    if sub.frequency == "daily":
        return True
    if sub.frequency == "weekly":
        return sub.weekday is not None and day.weekday() == sub.weekday
    raise ValueError(f"unknown frequency {sub.frequency!r}")


def slot_on(sub: ScheduleLike, day: date) -> datetime:
    """The UTC instant of `sub`'s local HH:MM on local date `day` (whether or not it runs that day)."""
    # fold=0 picks the first occurrence of an ambiguous time and, for a nonexistent time, the offset in force
    # before the transition - i.e. the wall time shifted forward by the size of the gap.
    local = datetime.combine(day, _local_time(sub), tzinfo=ZoneInfo(sub.timezone)).replace(fold=0)
    return local.astimezone(UTC)


def _slots_for_dates(sub: ScheduleLike, first: date, last: date) -> list[datetime]:
    found: set[datetime] = set()
    day = first
    while day <= last:
        if _runs_on(sub, day):
            found.add(slot_on(sub, day))
        day += timedelta(days=1)
    return sorted(found)


def _local_date(instant: datetime, sub: ScheduleLike) -> date:
    return instant.astimezone(ZoneInfo(sub.timezone)).date()


def slots_between(sub: ScheduleLike, start_utc: datetime, end_utc: datetime) -> list[datetime]:
    """All slots `s` with `start_utc < s <= end_utc`, ascending, each instant once."""
    start, end = as_utc(start_utc), as_utc(end_utc)
    if end <= start:
        return []
    first = _local_date(start, sub) - _MARGIN
    last = _local_date(end, sub) + _MARGIN
    return [s for s in _slots_for_dates(sub, first, last) if start < s <= end]


def next_slot(sub: ScheduleLike, after_utc: datetime) -> datetime:
    """The first slot strictly after `after_utc`."""
    after = as_utc(after_utc)
    first = _local_date(after, sub) - _MARGIN
    for s in _slots_for_dates(sub, first, first + timedelta(days=_SEARCH_DAYS + 4)):
        if s > after:
            return s
    raise ValueError(f"no slot found after {after.isoformat()} for {sub.frequency} {sub.time} {sub.timezone}")


def previous_slot(sub: ScheduleLike, at_or_before_utc: datetime) -> datetime:
    """The latest slot at or before `at_or_before_utc` (the scheduled instant a late-firing job belongs to)."""
    at = as_utc(at_or_before_utc)
    last = _local_date(at, sub) + _MARGIN
    for s in reversed(_slots_for_dates(sub, last - timedelta(days=_SEARCH_DAYS + 4), last)):
        if s <= at:
            return s
    raise ValueError(f"no slot found before {at.isoformat()} for {sub.frequency} {sub.time} {sub.timezone}")
