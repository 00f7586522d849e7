"""Lines that mix our own words with things each medium shows its own way.

The core says what a line holds (a channel, a moment, text from outside, an emphasis); `render.discord`
turns that into mentions, timestamps and escaped markdown, `render.text` into plain words. So no core module
writes Discord markup, and no adapter has to strip it out again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Text:
    """Text we did not write (user input, names, stored reasons): shown exactly, never as markup."""

    value: str


@dataclass(frozen=True, slots=True)
class Channel:
    id: int


@dataclass(frozen=True, slots=True)
class Moment:
    at: dt.datetime
    style: Literal["F", "f", "R"] = "F"  # long date and time, short date and time, relative ("in 3 hours")


@dataclass(frozen=True, slots=True)
class Strong:
    value: str


# A plain `str` part is our own wording: safe as it is in every medium.
Part = str | Text | Channel | Moment | Strong
Line = tuple[Part, ...]


def utc_text(at: dt.datetime) -> str:
    return f"{at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
