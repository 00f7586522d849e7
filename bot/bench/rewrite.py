"""Consistent rewriting of curated text for one synthetic copy: entity names and numbers are swapped for
per-copy substitutes, and every verbatim string (quotes, span anchors, `as_written`) is re-derived from the
rewritten source text by offsets, so it still occurs there verbatim.

A string is cut once into a `Template` (literal pieces and the names/numbers between them); a copy renders it
with its own `CopyTable`. Cutting is the slow part and is shared by every copy.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.factbase.text import fold

# Standalone numbers as they are written: 33, 1,700, 27.1 (not "G20", not "5th", not inside 1.2.3).
NUMBER_PATTERN = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,]\d)"

# Words a synthetic name keeps, so "Shanghai Cooperation Organisation" becomes "Vokari Tesunal Organisation".
KEPT_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "on",
        "for",
        "in",
        "to",
        "a",
        "an",
        "with",
        "among",
        "de",
        "&",
        "Initiative",
        "Organisation",
        "Organization",
        "Bank",
        "University",
        "Institute",
        "Forum",
        "Declaration",
        "Treaty",
        "Charter",
        "Programme",
        "Program",
        "Project",
        "Pipeline",
        "Ministry",
        "Department",
        "Party",
        "Committee",
        "Council",
        "Agency",
        "Fund",
        "Company",
        "Corporation",
        "Group",
        "Report",
        "Summit",
        "Republic",
        "Union",
        "Association",
        "Centre",
        "Center",
        "pipeline",
        "protests",
        "loan",
        "railway",
        "road",
        "tunnel",
    ]
)
_ONSETS = (
    "b",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "kr",
    "st",
    "tr",
    "sh",
    "zh",
    "ch",
    "y",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia")
_CODAS = ("", "", "", "n", "r", "s", "l", "k", "v")


@dataclass(frozen=True, slots=True)
class Template:
    """A string cut at the names and numbers a copy replaces; `keys` are 'p:<phrase>' or 'n:<number>'."""

    literals: tuple[str, ...]  # one more than keys: text before each key, and the tail
    keys: tuple[str, ...]
    starts: tuple[int, ...]  # offsets of each key in the original string
    ends: tuple[int, ...]


@dataclass(slots=True)
class Rendered:
    """A template rendered for one copy, with the offset map from the original string to the new one."""

    text: str
    template: Template
    new_starts: list[int]
    new_ends: list[int]

    def map_pos(self, pos: int, *, is_end: bool) -> int:
        """Where an original boundary lands; one inside a replaced name widens to the whole replacement."""
        t = self.template
        i = bisect.bisect_right(t.starts, pos) - 1
        if i >= 0 and t.starts[i] < pos < t.ends[i]:
            return self.new_ends[i] if is_end else self.new_starts[i]
        if i >= 0 and pos >= t.ends[i]:
            return pos + self.new_ends[i] - t.ends[i]
        j = i - 1  # pos == starts[i] (or before every key): shifted like the end of the key before
        return pos + (self.new_ends[j] - t.ends[j] if j >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.map_pos(start, is_end=False), self.map_pos(end, is_end=True)


class Cutter:
    """Cuts strings at entity names (longest first, whole words) and standalone numbers."""

    def __init__(self, phrases: Iterable[str]) -> None:
        ordered = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
        names = "|".join(re.escape(p) for p in ordered) or r"(?!x)x"
        self._pattern = re.compile(rf"(?P<p>(?<!\w)(?:{names})(?!\w))|(?P<n>{NUMBER_PATTERN})")
        self._cache: dict[str, Template] = {}

    def cut(self, text: str) -> Template:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        literals: list[str] = []
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in self._pattern.finditer(text):
            literals.append(text[pos : m.start()])
            keys.append(("p:" if m.lastgroup == "p" else "n:") + m.group())
            starts.append(m.start())
            ends.append(m.end())
            pos = m.end()
        literals.append(text[pos:])
        template = Template(tuple(literals), tuple(keys), tuple(starts), tuple(ends))
        self._cache[text] = template
        return template


def perturb_number(token: str, factor: float) -> str:
    """Scale a written number, keeping its style (thousands commas, decimals, zero padding); years stay."""
    plain = token.replace(",", "")
    whole, _, frac = plain.partition(".")
    if factor == 1.0 or (not frac and len(whole) == 4 and "," not in token and 1900 <= int(whole) <= 2099):
        return token
    new = round(float(plain) * factor, len(frac))
    if frac:
        new_whole, _, new_frac = f"{new:.{len(frac)}f}".partition(".")
    else:
        new_whole, new_frac = str(int(new)), ""
    if "," in token:
        new_whole = f"{int(new_whole):,}"
    elif whole.startswith("0") and len(whole) > 1:
        new_whole = new_whole.zfill(len(whole))
    return f"{new_whole}.{new_frac}" if frac else new_whole


@dataclass(slots=True)
class CopyTable:
    """Copy k's substitutes: phrase -> synthetic phrase, and a number scaling factor (copy 0 is the identity)."""

    copy: int
    phrases: dict[str, str]
    factor: float
    _numbers: dict[str, str] = field(default_factory=dict)

    def value(self, key: str) -> str:
        text = key[2:]
        if key[0] == "p":
            return self.phrases.get(text, text)
        out = self._numbers.get(text)
        if out is None:
            out = self._numbers[text] = perturb_number(text, self.factor)
        return out

    def render(self, template: Template) -> str:
        lits, keys = template.literals, template.keys
        if not keys:
            return lits[0]
        parts = [lits[0]]
        for key, lit in zip(keys, lits[1:], strict=True):
            parts.append(self.value(key))
            parts.append(lit)
        return "".join(parts)

    def render_offsets(self, template: Template) -> Rendered:
        parts: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for lit, key in zip(template.literals, template.keys, strict=False):
            parts.append(lit)
            pos += len(lit)
            value = self.value(key)
            new_starts.append(pos)
            parts.append(value)
            pos += len(value)
            new_ends.append(pos)
        parts.append(template.literals[-1])
        return Rendered("".join(parts), template, new_starts, new_ends)


class NameMaker:
    """Pronounceable synthetic names, unique (after folding) across every copy of one generation."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self._used = {fold(r) for r in reserved}

    @staticmethod
    def _word(rng: random.Random, like: str) -> str:
        if like.isupper() and len(like) <= 6 and like.isalpha():
            return "".join(rng.choice("ABCDEFGHJKLMNPRSTVWZ") for _ in range(len(like) + 2))
        syllables = max(2, min(5, round(len(like) / 3)))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(
            _CODAS
        )
        return word.capitalize() if like[:1].isupper() else word

    def phrase(self, rng: random.Random, original: str) -> str:
        words = original.split()
        for _ in range(1000):
            out = []
            replaced = False
            for n, word in enumerate(words):
                keep = word in KEPT_WORDS or word.isdigit()
                if keep and not (n == len(words) - 1 and not replaced):
                    out.append(word)
                else:
                    out.append(self._word(rng, word))
                    replaced = True
            candidate = " ".join(out)
            key = fold(candidate)
            if key and key not in self._used:
                self._used.add(key)
                return candidate
        raise RuntimeError(f"could not make a unique synthetic name for {original!r}")

    def misspell(self, rng: random.Random, correct: str) -> str:
        """A curated-style misspelling of a synthetic name: two letters swapped or one doubled."""
        for _ in range(100):
            chars = list(correct)
            i = rng.randrange(1, max(2, len(chars) - 1))
            if rng.random() < 0.5 and i + 1 < len(chars):
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            else:
                chars.insert(i, chars[i])
            candidate = "".join(chars)
            key = fold(candidate)
            if key and key not in self._used:
                self._used.add(key)
                return candidate
        return self.phrase(rng, correct)
