"""IANA timezone validation with "did you mean" suggestions, and a fast prefix search for autocomplete.

The zone list is computed once (on first use) and kept sorted, so autocomplete on every keystroke is a
bisect plus a short scan over ~600 names, not a walk of the tzdata package.
"""

from __future__ import annotations

import bisect
import difflib
import zoneinfo
from dataclasses import dataclass
from functools import cache

# Keys that exist in tzdata but mean nothing to a person picking a timezone.
_HIDDEN = frozenset({"Factory", "posixrules", "localtime"})


class UnknownTimezone(ValueError):
    """The name is not an IANA timezone; the message includes suggestions when there are close ones."""


@dataclass(frozen=True)
class _ZoneIndex:
    names: tuple[str, ...]  # canonical spelling, sorted case-insensitively
    lowered: tuple[str, ...]  # same order, lower-cased: the bisect key
    by_lower: dict[str, str]  # lower-cased/normalised spelling -> canonical
    cities: dict[str, list[str]]  # lower-cased last component ("london") -> canonical names


def _normalise(text: str) -> str:
    # People type "new york" or "america/new york"; tzdata spells it America/New_York.
    return "_".join(text.strip().split()).lower()


@cache
def _index() -> _ZoneIndex:
    names = sorted((z for z in zoneinfo.available_timezones() if z not in _HIDDEN), key=str.lower)
    cities: dict[str, list[str]] = {}
    for name in names:
        cities.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
    return _ZoneIndex(
        names=tuple(names),
        lowered=tuple(n.lower() for n in names),
        by_lower={n.lower(): n for n in names},
        cities=cities,
    )


def all_timezones() -> tuple[str, ...]:
    """Every selectable IANA timezone name, sorted."""
    return _index().names


def suggest_timezones(text: str, limit: int = 3) -> list[str]:
    """Close matches for a misspelt timezone, best first (full names and bare city names are both tried).

    Only suggestions about as good as the best one are returned, so a near-miss such as "Europe/Londn"
    yields just Europe/London rather than a list of every European capital.
    """
    idx = _index()
    key = _normalise(text)
    city_key = key.rsplit("/", 1)[-1]
    scores: dict[str, float] = {}
    for match in difflib.get_close_matches(key, idx.lowered, n=limit * 3, cutoff=0.6):
        scores[idx.by_lower[match]] = difflib.SequenceMatcher(None, key, match).ratio()
    # "Londn" is far from "europe/london" as a whole string but close to its city part.
    for city in difflib.get_close_matches(city_key, list(idx.cities), n=limit * 3, cutoff=0.7):
        ratio = difflib.SequenceMatcher(None, city_key, city).ratio()
        for name in idx.cities[city]:
            scores[name] = max(scores.get(name, 0.0), ratio)
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best = ranked[0][1]
    return [name for name, score in ranked if score >= best - 0.05][:limit]


def validate_timezone(name: str) -> str:
    """Return the canonical IANA name for `name` (case and spaces forgiven) or raise `UnknownTimezone`."""
    if not isinstance(name, str) or not name.strip():
        raise UnknownTimezone("A timezone is required, e.g. Europe/London or Asia/Almaty.")
    idx = _index()
    canonical = idx.by_lower.get(_normalise(name))
    if canonical is not None:
        zoneinfo.ZoneInfo(canonical)  # proves tzdata can actually load it
        return canonical
    shown = name.strip()
    suggestions = suggest_timezones(shown)
    if not suggestions:
        raise UnknownTimezone(
            f"Unknown timezone '{shown}'. Use an IANA name such as Europe/London or Asia/Almaty."
        )
    hint = suggestions[0] if len(suggestions) == 1 else ", ".join(suggestions[:-1]) + " or " + suggestions[-1]
    raise UnknownTimezone(f"Unknown timezone '{shown}' — did you mean {hint}?")


def search_timezones(prefix: str, limit: int = 25) -> list[str]:
    """Autocomplete: names starting with `prefix`, then names whose city starts with it, then substrings.

    An empty prefix returns the first `limit` names. Discord caps autocomplete at 25 choices, hence the default.
    """
    if limit <= 0:
        return []
    idx = _index()
    key = _normalise(prefix)
    if not key:
        return list(idx.names[:limit])
    results: list[str] = []
    start = bisect.bisect_left(idx.lowered, key)
    for i in range(start, len(idx.lowered)):
        if not idx.lowered[i].startswith(key) or len(results) >= limit:
            break
        results.append(idx.names[i])
    if len(results) < limit:
        seen = set(results)
        city_hits = [
            n
            for n, low in zip(idx.names, idx.lowered, strict=True)
            if n not in seen and low.rsplit("/", 1)[-1].startswith(key)
        ]
        results.extend(city_hits[: limit - len(results)])
    if len(results) < limit:
        seen = set(results)
        inner = [n for n, low in zip(idx.names, idx.lowered, strict=True) if n not in seen and key in low]
        results.extend(inner[: limit - len(results)])
    return results
