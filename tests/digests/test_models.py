"""Model validation messages and timezone search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from bot.digests.models import (
    ComposedDigest,
    Delivery,
    Subscription,
    SubscriptionSettings,
    format_validation_error,
    search_timezones,
    validate_timezone,
)
from bot.digests.timezones import UnknownTimezone

NOW = datetime(2024, 6, 3, 6, tzinfo=UTC)


def settings(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"channel_id": 1, "frequency": "daily", "time": "08:00", "timezone": "UTC"}
    values.update(overrides)
    return values


def errors(**overrides: Any) -> list[str]:
    with pytest.raises(ValidationError) as info:
        SubscriptionSettings.model_validate(settings(**overrides))
    return format_validation_error(info.value)


def test_timezone_typo_suggests_the_right_zone() -> None:
    assert errors(timezone="Europe/Londn") == [
        "Unknown timezone 'Europe/Londn' — did you mean Europe/London?"
    ]
    assert errors(timezone="Almaty") == ["Unknown timezone 'Almaty' — did you mean Asia/Almaty?"]
    assert errors(timezone="Nowhere/Atall")[0].startswith(
        "Unknown timezone 'Nowhere/Atall'. Use an IANA name"
    )
    with pytest.raises(UnknownTimezone, match="did you mean Europe/Berlin"):
        validate_timezone("Europe/Berln")


def test_timezone_case_and_spaces_are_forgiven() -> None:
    assert SubscriptionSettings.model_validate(settings(timezone="europe/london")).timezone == "Europe/London"
    assert (
        SubscriptionSettings.model_validate(settings(timezone=" America/New York ")).timezone
        == "America/New_York"
    )


@pytest.mark.parametrize("bad", ["25:00", "8", "08:60", "noon", "-1:00"])
def test_time_must_be_hh_mm(bad: str) -> None:
    assert errors(time=bad) == [f"Time must be HH:MM on a 24-hour clock, e.g. 08:30 (got '{bad}')."]


def test_time_is_normalised() -> None:
    assert SubscriptionSettings.model_validate(settings(time="7:05")).time == "07:05"


def test_weekday_rules() -> None:
    assert errors(frequency="weekly") == ["Weekly digests need a weekday (Monday … Sunday)."]
    assert errors(weekday=2) == ["A weekday only applies to weekly digests; leave it empty for daily ones."]
    assert errors(frequency="weekly", weekday=7) == ["Weekday must be 0 (Monday) … 6 (Sunday) (got 7)."]
    weekly = SubscriptionSettings.model_validate(settings(frequency="Weekly", weekday="fri"))
    assert (weekly.frequency, weekly.weekday) == ("weekly", 4)
    assert weekly.describe_schedule() == "every Friday at 08:00 (UTC)"


def test_size_topic_country() -> None:
    assert errors(size=11) == ["Size must be between 1 and 10 facts (got 11)."]
    assert errors(size=0) == ["Size must be between 1 and 10 facts (got 0)."]
    assert errors(topic="x" * 201) == ["Topic is too long (max 200 characters)."]
    ok = SubscriptionSettings.model_validate(settings(topic="  belt   and road ", country=" "))
    assert (ok.topic, ok.country, ok.size) == ("belt and road", None, 5)


def test_several_problems_are_all_reported() -> None:
    lines = errors(time="99:99", timezone="Mars/Olympus", frequency="hourly")
    assert len(lines) == 3
    assert any(line.startswith("Frequency must be 'daily' or 'weekly'") for line in lines)


def subscription(**overrides: Any) -> dict[str, Any]:
    values = settings(id=1, guild_id=2, created_by=3, created_at=NOW, updated_at=NOW)
    values.update(overrides)
    return values


def test_datetimes_must_be_aware_and_are_stored_as_utc() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Subscription.model_validate(subscription(created_at=datetime(2024, 1, 1)))
    plus5 = datetime(2024, 6, 3, 11, tzinfo=timezone(timedelta(hours=5)))
    sub = Subscription.model_validate(subscription(created_at=plus5, last_slot=plus5))
    assert sub.created_at == NOW and sub.created_at.tzinfo == UTC
    with pytest.raises(ValidationError):
        Delivery.model_validate(
            {
                "id": 1,
                "subscription_id": 1,
                "slot": datetime(2024, 1, 1),
                "slot_key": "k",
                "kind": "scheduled",
                "status": "sent",
                "created_at": NOW,
            }
        )


def test_status_literals_and_pause_reason() -> None:
    with pytest.raises(ValidationError):
        Subscription.model_validate(subscription(status="deleted"))
    with pytest.raises(ValidationError, match="pause reason"):
        Subscription.model_validate(subscription(status="active", paused_reason="x"))
    paused = Subscription.model_validate(subscription(status="paused", paused_reason="Missing permission"))
    assert paused.paused_reason == "Missing permission"


def test_composed_digest_defaults() -> None:
    digest = ComposedDigest(payload={"content": "hi"})
    assert (digest.fact_ids, digest.rotation_reset, digest.empty) == ([], False, False)


def test_search_timezones_prefix_city_and_limit() -> None:
    assert search_timezones("europe/ber") == ["Europe/Berlin"]
    assert search_timezones("Asia/Al")[:1] == ["Asia/Almaty"]
    assert "Europe/London" in search_timezones("lond")
    assert search_timezones("new york") == ["America/New_York"]
    assert len(search_timezones("")) == 25
    assert len(search_timezones("a", limit=5)) == 5
    assert search_timezones("zzzz") == []
    assert "Factory" not in search_timezones("fac")


def test_timezone_search_reads_the_zone_list_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Autocomplete runs on every keystroke: walking the tzdata package each time is what made it slow.
    from bot.digests import timezones

    walks: list[int] = []
    available = timezones.zoneinfo.available_timezones

    def counted() -> set[str]:
        walks.append(1)
        return available()

    monkeypatch.setattr(timezones.zoneinfo, "available_timezones", counted)
    timezones._index.cache_clear()
    try:
        for prefix in ("e", "eu", "europe/", "lon", "almaty", "x"):
            assert search_timezones(prefix) == search_timezones(prefix.upper())
        assert validate_timezone("asia/almaty") == "Asia/Almaty"
    finally:
        timezones._index.cache_clear()
    assert len(walks) == 1
