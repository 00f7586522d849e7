"""Text normalisation shared by the compiler and the search side, so both see the same words and numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)
# Zero-width and bidi controls are invisible but would make "Kazakhstan" with a ZWJ miss.
_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean(text: str) -> str:
    """Strip invisible/control characters and straighten curly quotes and dashes."""
    if text.isascii():
        # Every quote and dash straightened is outside ASCII, and printable text holds no control character: most
        # text is left as it is, without a pass of either (a build cleans millions of strings).
        return text if text.isprintable() else _INVISIBLE.sub("", text)
    return _INVISIBLE.sub("", text).translate(_QUOTES)


def fold(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: "Xi’an" -> "xi an", "Türkiye" -> "turkiye"."""
    cleaned = clean(text)
    if cleaned.isascii():  # most text once quotes and dashes are straight: NFKD changes nothing, no accents
        # In ASCII the words are the runs of letters and digits: one word is only lowered, and longer text is
        # split at every other character by a C translate rather than matched word by word (a third faster).
        if cleaned.isalnum():
            return cleaned.lower()
        return " ".join(cleaned.translate(_ASCII_GAPS).lower().split())
    decomposed = unicodedata.normalize("NFKD", cleaned)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(stripped.casefold()))


_WORD = re.compile(r"[^\W_]+")
# Every ASCII character that is not a letter or a digit (what _WORD leaves out there) as a space.
_ASCII_GAPS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def fold_compact(text: str) -> str:
    """`fold` without spaces and apostrophes, so "Xian", "Xi'an" and "Xi an" meet."""
    return compact_folded(fold(text))


def compact_folded(folded: str) -> str:
    """`fold_compact` of a text whose `fold` is `folded` (already folded: not folded again)."""
    return folded.replace(" ", "")


# The months as text writes them, January first: dates are read and written with these.
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Numbers written as words ("the five Central Asian countries", "which two questions").
NUMBER_WORDS = frozenset(
    {
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    }
)

_SCALE_WORDS = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>(?:US)?\$|USD\s?)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|mln|bn|tn|trn|[kmb])(?![a-z]))?"
    r"(?:\s?(?P<pct>%|percent|per cent))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    raw: float  # the number as written
    value: float  # after scale words ("33 billion" -> 33e9)
    percent: bool
    currency: bool


_DIGIT = re.compile(r"\d")


def number_spans(text: str) -> list[tuple[int, int, NumberMention]]:
    """Each number in `text` with its offsets (quotes and dashes straightened, which keeps lengths)."""
    if not _DIGIT.search(
        text
    ):  # every number has a digit; most statements have none, so skip the long pattern
        return []
    found = []
    for m in _NUMBER.finditer(text.translate(_QUOTES)):
        raw = float(m["num"].replace(",", "") + (m["frac"] or ""))
        scale = _SCALE_WORDS.get((m["scale"] or "").lower(), 1)
        # A bare single letter ("5 m") is ambiguous with metres; only read it as a scale after a currency sign.
        if m["scale"] and len(m["scale"]) == 1 and not m["cur"]:
            scale = 1
        found.append((m.start(), m.end(), NumberMention(raw, raw * scale, bool(m["pct"]), bool(m["cur"]))))
    return found


def numbers_in(text: str) -> list[NumberMention]:
    if not _DIGIT.search(text):
        return []  # removing invisible characters adds no digit
    return [mention for _, _, mention in number_spans(_INVISIBLE.sub("", text))]


def number_token(value: float) -> str:
    """An FTS-safe token for a number: 33e9 -> n33000000000, 27.1 -> n27p1."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "n" + text.replace(".", "p").replace("-", "m")


def number_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for mention in numbers_in(text):
        for value in {mention.raw, mention.value}:
            token = number_token(value)
            if token not in tokens:
                tokens.append(token)
    return tokens
