"""Dates written in running text, normalised to the fact base's partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.factbase.text import MONTH_NAMES

# Each month's name, and the abbreviations text uses for it, to its number.
_ABBREVIATIONS = {"may": (), "june": ("jun",), "september": ("sep", "sept")}
MONTHS = {
    name: n
    for n, month in enumerate(MONTH_NAMES, start=1)
    for name in (month, *_ABBREVIATIONS.get(month, (month[:3],)))
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # January 3, 1992
    # 3 January 1992; the 3rd of January 1992; 2–3 July 2024 (its first day)
    re.compile(
        rf"\b{_DAY}(?:\s*[–-]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE
    ),
    re.compile(rf"\b{_YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b"),  # 2024-07-01
    re.compile(rf"\b(?P<dd>[0-3]\d)\.(?P<mm>[01]\d)\.{_YEAR}\b"),  # 01.07.2024
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # January 1992
    re.compile(rf"(?<![\d,.$])\b{_YEAR}\b(?!\d|,\d|\s?(?:%|percent|km|people))"),  # in 2013
]


@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    start: int
    end: int


def dates_in(text: str) -> list[DateMention]:
    """Every date in `text`, the most precise reading of each region first found, in text order."""
    found: list[DateMention] = []
    for form in _FORMS:
        for m in form.finditer(text):
            if any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() for d in found):
                continue
            iso = _iso(m)
            if iso is not None:
                found.append(DateMention(iso, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = groups["year"]
    month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups.get("mm") or 0)
    day = int(groups.get("day") or groups.get("dd") or 0)
    if not month:
        return year
    if not 1 <= month <= 12 or day > 31:
        return None
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
