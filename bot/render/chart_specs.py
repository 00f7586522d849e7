"""What a chart shows, as plain data: the specs that `charts` builds from a brief and `charts_draw` draws."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """One dated fact on the time axis; `precision` says how much of the date the source gives."""

    fact_id: str
    cites: tuple[int, ...]
    lane: str
    start: dt.date
    end: dt.date  # last day the date could mean: the year's 31 December for "2011"
    precision: str  # "day", "month", "year" or "range"
    label: str  # the date as the sources give it, e.g. "2011" or "1992-01"
    text: str


@dataclass(frozen=True, slots=True)
class Unplaced:
    fact_id: str
    cites: tuple[int, ...]
    reason: str  # "undated", "as of the source", "as of 2024-07-01"
    text: str


@dataclass(slots=True)
class TimelineSpec:
    title: str
    lanes: list[str]
    marks: list[Mark]
    unplaced: list[Unplaced] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Bar:
    fact_id: str
    cites: tuple[int, ...]
    subject: str
    value: float
    as_written: str
    qualifier: str | None
    source: str  # the outlet(s) of the citations, as the embed's sources list names them
    differs: bool  # another source gives this same quantity differently


@dataclass(slots=True)
class FigureSpec:
    title: str  # the curated measure
    unit: str
    currency: str | None
    bars: list[Bar]


Spec = TimelineSpec | FigureSpec


@dataclass(frozen=True, slots=True)
class Chart:
    """A drawn chart: PNG bytes with its screen-reader text and a caption naming the sources."""

    filename: str
    data: bytes  # empty until drawn
    alt_text: str
    caption: str
    kind: str  # "timeline" or "figures"
    spec: Spec = field(repr=False, compare=False)
