"""Pydantic models of the digest core: subscriptions, the delivery log, and what `compose` hands back.

Every datetime is timezone-aware and normalised to UTC on the way in; local times exist only as the
subscriber's 'HH:MM' + IANA zone and are turned into instants by `bot.digests.schedule`.
Validation messages are written for moderators (see `format_validation_error`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from datetime import time as dtime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .timezones import UnknownTimezone, search_timezones, validate_timezone

__all__ = [
    "ComposedDigest",
    "Delivery",
    "DeliveryKind",
    "DeliveryOutcome",
    "DeliveryStatus",
    "Frequency",
    "Subscription",
    "SubscriptionSettings",
    "SubscriptionStatus",
    "UTCDatetime",
    "format_validation_error",
    "search_timezones",
    "validate_timezone",
]

Frequency = Literal["daily", "weekly"]
SubscriptionStatus = Literal["active", "paused"]
DeliveryStatus = Literal["claimed", "sent", "failed", "missed", "skipped"]
DeliveryKind = Literal["scheduled", "manual"]


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# AwareDatetime rejects naive input; the validator then pins it to UTC so comparisons and DB keys agree.
UTCDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]

_TIME_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TOPIC_MAX = 200
_COUNTRY_MAX = 64


def _fail(kind: str, message: str) -> PydanticCustomError:
    # The message goes through the context so braces in user input cannot break the template.
    return PydanticCustomError(kind, "{message}", {"message": message})


class SubscriptionSettings(BaseModel):
    """The fields a moderator chooses; `Subscription` adds identity and state."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel_id: int
    frequency: Frequency
    time: str  # local 'HH:MM', 24-hour
    timezone: str  # canonical IANA name
    weekday: int | None = None  # 0 = Monday … 6 = Sunday; weekly only
    country: str | None = None  # entity id from the fact base
    topic: str | None = None  # free keywords
    size: int = 5

    @field_validator("frequency", mode="before")
    @classmethod
    def _frequency(cls, value: object) -> object:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered not in ("daily", "weekly"):
                raise _fail("frequency", f"Frequency must be 'daily' or 'weekly' (got '{value}').")
            return lowered
        return value

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: object) -> str:
        text = value.strftime("%H:%M") if isinstance(value, dtime) else str(value)
        match = _TIME_RE.match(text)
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            raise _fail("time", f"Time must be HH:MM on a 24-hour clock, e.g. 08:30 (got '{text}').")
        # int() reads digits of any script ("٠٨:٣٠", "０８:３０"); store ASCII, as the schema's CHECK requires.
        return f"{int(match[1]):02d}:{int(match[2]):02d}"

    @field_validator("timezone", mode="before")
    @classmethod
    def _timezone(cls, value: object) -> str:
        try:
            return validate_timezone(str(value) if value is not None else "")
        except UnknownTimezone as exc:
            raise _fail("timezone", str(exc)) from exc

    @field_validator("weekday", mode="before")
    @classmethod
    def _weekday(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().lower()
            if text.isdigit():
                value = int(text)
            else:
                for index, day in enumerate(WEEKDAYS):
                    if len(text) >= 3 and day.startswith(text):
                        return index
                raise _fail("weekday", f"Unknown weekday '{value}'; use Monday … Sunday or 0 … 6.")
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 6:
            raise _fail("weekday", f"Weekday must be 0 (Monday) … 6 (Sunday) (got {value}).")
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip() or None
            if value is not None and len(value) > _COUNTRY_MAX:
                raise _fail("country", f"Country id is too long (max {_COUNTRY_MAX} characters).")
        return value

    @field_validator("topic", mode="before")
    @classmethod
    def _topic(cls, value: object) -> object:
        if isinstance(value, str):
            value = " ".join(value.split()) or None
            if value is not None and len(value) > _TOPIC_MAX:
                raise _fail("topic", f"Topic is too long (max {_TOPIC_MAX} characters).")
        return value

    @field_validator("size", mode="before")
    @classmethod
    def _size(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= 10:
            raise _fail("size", f"Size must be between 1 and 10 facts (got {value}).")
        return value

    @model_validator(mode="after")
    def _weekday_matches_frequency(self) -> SubscriptionSettings:
        if self.frequency == "weekly" and self.weekday is None:
            raise _fail("weekday", "Weekly digests need a weekday (Monday … Sunday).")
        if self.frequency == "daily" and self.weekday is not None:
            raise _fail("weekday", "A weekday only applies to weekly digests; leave it empty for daily ones.")
        return self

    @property
    def local_time(self) -> dtime:
        hour, minute = self.time.split(":")
        return dtime(int(hour), int(minute))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def describe_schedule(self) -> str:
        """E.g. 'daily at 08:00 (Europe/Berlin)' or 'every Monday at 08:00 (Asia/Almaty)'."""
        if self.frequency == "weekly" and self.weekday is not None:
            return f"every {WEEKDAYS[self.weekday].title()} at {self.time} ({self.timezone})"
        return f"daily at {self.time} ({self.timezone})"


class Subscription(SubscriptionSettings):
    """A channel's digest subscription as stored in the state DB."""

    id: int
    guild_id: int
    created_by: int
    status: SubscriptionStatus = "active"
    paused_reason: str | None = None
    created_at: UTCDatetime
    updated_at: UTCDatetime
    # Watermark of the schedule: every slot at or before this instant has been dealt with (delivered,
    # failed, skipped or logged missed), or predates creation/resume/a schedule change. `run_due` only
    # looks at slots after it, which is what makes restarts safe and catch-up bounded.
    last_slot: UTCDatetime | None = None
    removed_at: UTCDatetime | None = None  # soft delete: history stays, the schedule stops

    @model_validator(mode="after")
    def _reason_only_when_paused(self) -> Subscription:
        if self.status == "active" and self.paused_reason is not None:
            raise _fail("paused_reason", "An active subscription cannot carry a pause reason.")
        return self

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


class Delivery(BaseModel):
    """One row of the delivery log: what happened to one (subscription, slot)."""

    model_config = ConfigDict(frozen=True)

    id: int
    subscription_id: int
    slot: UTCDatetime  # the scheduled instant (or the request time of a manual send)
    slot_key: str  # the idempotency key: ISO instant, or 'manual:<ISO instant>'
    kind: DeliveryKind
    channel_id: int | None = None
    status: DeliveryStatus
    reason: str | None = None
    message_id: int | None = None
    attempts: int = 0
    fact_ids: list[str] = Field(default_factory=list)
    created_at: UTCDatetime
    finished_at: UTCDatetime | None = None
    boot: str | None = None  # the process that claimed it (None: a claim made before boots were recorded)
    sending_at: UTCDatetime | None = None  # when the first send request began; None: nothing was sent


class ComposedDigest(BaseModel):
    """What the injected `compose` callable returns; `payload` is opaque to the digest core."""

    model_config = ConfigDict(frozen=True)

    payload: dict[str, Any] = Field(default_factory=dict)
    # The same digest as data (a `Brief`), for renderers other than Discord's (the terminal's preview).
    brief: Any = None
    fact_ids: list[str] = Field(default_factory=list)
    rotation_reset: bool = False  # the focus was exhausted and rotation restarted with this digest
    empty: bool = False  # nothing to post: the slot is logged 'skipped'
    reason: str | None = None  # why it is empty (shown in the history); optional


class DeliveryOutcome(BaseModel):
    """What `DigestService` did with one slot. Besides the log statuses it has three of its own:

    'duplicate' - the slot was already claimed (by another task, process or an earlier run): nothing sent;
    'inactive'  - the subscription is paused or removed: nothing claimed, nothing sent;
    'error'     - the state DB refused the claim: nothing sent, the slot stays open for a later run.
    """

    model_config = ConfigDict(frozen=True)

    subscription_id: int
    slot: UTCDatetime
    kind: DeliveryKind = "scheduled"
    status: Literal["sent", "failed", "skipped", "missed", "duplicate", "inactive", "error"]
    reason: str | None = None
    message_id: int | None = None
    attempts: int = 0
    paused: bool = False  # the subscription was paused because of this outcome (403/404)


def format_validation_error(exc: ValidationError) -> list[str]:
    """One readable line per problem: our own messages verbatim, pydantic's prefixed with the field name."""
    lines: list[str] = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error.get("loc", ()))
        message = error.get("msg", "invalid value")
        if error.get("type") in _OWN_ERROR_TYPES or not field:
            lines.append(message)
        else:
            lines.append(f"{field}: {message}")
    return lines


_OWN_ERROR_TYPES = frozenset(
    {"frequency", "time", "timezone", "weekday", "country", "topic", "size", "paused_reason"}
)
