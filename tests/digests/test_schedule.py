"""Pure schedule arithmetic: DST gaps and overlaps, zones without DST, weekly days, interval edges."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digests.schedule import next_slot, previous_slot, slots_between
from bot.digests.scheduler import SlotTrigger


@dataclass(frozen=True)
class Spec:
    time: str
    timezone: str
    frequency: str = "daily"
    weekday: int | None = None


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(spec: Spec, slot: datetime) -> str:
    return slot.astimezone(ZoneInfo(spec.timezone)).strftime("%Y-%m-%d %H:%M %Z")


def test_berlin_spring_forward_nonexistent_time_fires_once_shifted() -> None:
    spec = Spec("02:30", "Europe/Berlin")
    slots = slots_between(spec, utc(2024, 3, 29, 12), utc(2024, 4, 2, 12))
    assert [local(spec, s) for s in slots] == [
        "2024-03-30 02:30 CET",
        "2024-03-31 03:30 CEST",  # 02:30 does not exist that night: shifted by the gap, once
        "2024-04-01 02:30 CEST",
        "2024-04-02 02:30 CEST",
    ]
    assert slots[1] == utc(2024, 3, 31, 1, 30)


def test_berlin_fall_back_ambiguous_time_fires_once_at_first_occurrence() -> None:
    spec = Spec("02:30", "Europe/Berlin")
    slots = slots_between(spec, utc(2024, 10, 26, 12), utc(2024, 10, 28, 12))
    assert slots == [utc(2024, 10, 27, 0, 30), utc(2024, 10, 28, 1, 30)]
    assert local(spec, slots[0]) == "2024-10-27 02:30 CEST"  # the first of the two 02:30s


def test_new_york_dst_days() -> None:
    spring = Spec("02:30", "America/New_York")
    assert slots_between(spring, utc(2024, 3, 10), utc(2024, 3, 11)) == [utc(2024, 3, 10, 7, 30)]
    assert local(spring, utc(2024, 3, 10, 7, 30)) == "2024-03-10 03:30 EDT"
    fall = Spec("01:30", "America/New_York")
    assert slots_between(fall, utc(2024, 11, 3), utc(2024, 11, 4)) == [utc(2024, 11, 3, 5, 30)]  # EDT, first
    # Ordinary times keep their local wall time across the change (UTC hour moves instead).
    morning = Spec("08:00", "America/New_York")
    days = slots_between(morning, utc(2024, 3, 9), utc(2024, 3, 12))
    assert [s.hour for s in days] == [13, 12, 12]


def test_daily_slots_are_one_per_day_across_a_whole_dst_year() -> None:
    spec = Spec("02:30", "Europe/Berlin")
    slots = slots_between(spec, utc(2024, 1, 1), utc(2025, 1, 1))
    assert len(slots) == 366  # leap year, one slot per local day, none doubled or lost
    assert len(set(slots)) == len(slots)
    assert all(b - a >= timedelta(hours=23) for a, b in itertools.pairwise(slots))


def test_almaty_has_no_dst() -> None:
    spec = Spec("08:00", "Asia/Almaty")
    slots = slots_between(spec, utc(2025, 1, 1), utc(2026, 1, 1))
    assert len(slots) == 365
    assert {(s.hour, s.minute) for s in slots} == {(3, 0)}  # UTC+5 all year


def test_almaty_2024_offset_change_repeated_hour_fires_once() -> None:
    # Kazakhstan moved from UTC+6 to UTC+5 at 2024-03-01 00:00, repeating 23:00-24:00 on 29 February.
    spec = Spec("23:30", "Asia/Almaty")
    slots = slots_between(spec, utc(2024, 2, 28), utc(2024, 3, 2))
    assert slots == [utc(2024, 2, 28, 17, 30), utc(2024, 2, 29, 17, 30), utc(2024, 3, 1, 18, 30)]


def test_skipped_calendar_day_does_not_double_fire() -> None:
    # Samoa skipped 2011-12-30 entirely: 08:00 on the 30th and the 31st are the same instant.
    spec = Spec("08:00", "Pacific/Apia")
    slots = slots_between(spec, utc(2011, 12, 28), utc(2012, 1, 2))
    # Six local dates (28th … 2nd) in range, but the 30th and 31st share an instant: five slots.
    assert slots == [utc(2011, 12, d, 18) for d in (28, 29, 30, 31)] + [utc(2012, 1, 1, 18)]


def test_weekly_only_on_its_weekday() -> None:
    spec = Spec("09:15", "Europe/Berlin", "weekly", weekday=4)  # Friday
    slots = slots_between(spec, utc(2024, 6, 1), utc(2024, 7, 1))
    assert [s.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %d %H:%M") for s in slots] == [
        "Fri 07 09:15",
        "Fri 14 09:15",
        "Fri 21 09:15",
        "Fri 28 09:15",
    ]


def test_weekly_weekday_is_the_local_day_not_the_utc_day() -> None:
    # Monday 06:00 in Tokyo is Sunday 21:00 UTC.
    spec = Spec("06:00", "Asia/Tokyo", "weekly", weekday=0)
    slot = next_slot(spec, utc(2024, 6, 1))
    assert slot == utc(2024, 6, 2, 21)
    assert slot.astimezone(ZoneInfo("Asia/Tokyo")).weekday() == 0


def test_interval_is_half_open() -> None:
    spec = Spec("08:00", "UTC")
    at = utc(2024, 6, 3, 8)
    assert slots_between(spec, at, at + timedelta(days=1)) == [at + timedelta(days=1)]
    assert slots_between(spec, at - timedelta(seconds=1), at) == [at]
    assert slots_between(spec, at, at) == []
    assert slots_between(spec, at, at - timedelta(days=3)) == []


def test_next_and_previous_slot() -> None:
    spec = Spec("08:00", "Europe/Berlin", "weekly", weekday=0)
    monday = utc(2024, 6, 3, 6)
    assert next_slot(spec, monday - timedelta(seconds=1)) == monday
    assert next_slot(spec, monday) == monday + timedelta(days=7)
    assert previous_slot(spec, monday) == monday
    assert previous_slot(spec, monday + timedelta(seconds=7)) == monday  # a job firing late
    assert previous_slot(spec, monday - timedelta(seconds=1)) == monday - timedelta(days=7)


def test_naive_datetimes_are_refused() -> None:
    spec = Spec("08:00", "UTC")
    with pytest.raises(ValueError, match="naive"):
        slots_between(spec, datetime(2024, 1, 1), utc(2024, 1, 2))
    with pytest.raises(ValueError, match="naive"):
        next_slot(spec, datetime(2024, 1, 1))


@pytest.mark.parametrize(
    ("spec", "start"),
    [
        (Spec("02:30", "Europe/Berlin"), utc(2024, 3, 25)),
        (Spec("02:30", "Europe/Berlin"), utc(2024, 10, 20)),
        (Spec("01:30", "America/New_York"), utc(2024, 11, 1)),
        (Spec("08:00", "Asia/Almaty", "weekly", 2), utc(2024, 1, 1)),
    ],
)
def test_the_job_trigger_fires_exactly_at_the_slots(spec: Spec, start: datetime) -> None:
    """The scheduler's trigger and the slot arithmetic are one computation: every firing is a slot, every slot
    fires once, across DST changes (a 02:30 slot on the spring-forward night, the repeated hour in autumn)."""
    trigger = SlotTrigger(spec)
    fires: list[datetime] = []
    previous = None
    now = start
    while len(fires) < 40:
        fire = trigger.get_next_fire_time(previous, now)
        fires.append(fire.astimezone(UTC))
        previous, now = fire, fire
    assert fires == slots_between(spec, start - timedelta(microseconds=1), fires[-1])
    assert len(set(fires)) == len(fires)
    # A job added at the very instant of a slot still fires for it.
    assert trigger.get_next_fire_time(None, fires[3]) == fires[3]
