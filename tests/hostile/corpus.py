"""A corpus of hostile inputs for every command option, grouped into explicit, readable categories.

Each category is a plain tuple of strings; a few are generated (every control character, every zero-width and
bidi code point), but all of them are listed here so a reader can see exactly what the bot is fed. `ENTRIES`
is the de-duplicated union (an input listed in two categories keeps the first), `NON_STRING_VALUES` are values
of the wrong Python type (what a buggy adapter or a forged payload could hand `run_command`), and
`FORGED_CUSTOM_IDS` are button custom ids nobody should be able to produce by clicking.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# ----------------------------------------------------------------------------------------------- FTS5 syntax

FTS5_SYNTAX: tuple[str, ...] = (
    "NEAR(a b)",
    "NEAR(China Kazakhstan, 2)",
    "NEAR(",
    "a AND OR NOT b",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NOT Kazakhstan",
    "Kazakhstan NOT",
    '"unbalanced',
    'China "Kazakhstan',
    '"" ""',
    "col:term",
    "statement:China",
    "facts_fts:gas",
    "{statement quote}: pipeline",
    "- statement : loan",
    "*",
    "**",
    "China*",
    "*China",
    "^start",
    "^China",
    "a + b",
    "China + Kazakhstan",
    "(((",
    ")))",
    "(China OR Kazakhstan) AND",
    "{x y}",
    "{",
    "}",
    "c*:*",
    "rank:1",
    "bm25(facts_fts)",
    "MATCH 'x'",
)

# ----------------------------------------------------------------------------------------------- quotes and brackets

UNBALANCED: tuple[str, ...] = (
    '"',
    "'",
    "`",
    '"Kazakhstan',
    "Kazakhstan'",
    "(Kazakhstan",
    "Kazakhstan]",
    "[[",
    "]]",
    "{{",
    "}}",
    "<",
    ">",
    "<<>>",
    "“China",
    "«Kazakhstan",
    "「中国",
    '"\'"\'"',
    "(" * 50,
    ")" * 50 + "(" * 50,
)

# ----------------------------------------------------------------------------------------------- sizes

LONG_STRINGS: tuple[str, ...] = (
    "a" * 6000,
    ("Kazakhstan China pipeline " * 231)[:6000],
    "x" * 100_000,
    ("word " * 20_000),
    "Kazakhstan " * 600,
    '"' * 6000,
    "(" * 6000,
    "NEAR(" * 1200,
    "OR " * 2000,
    "@everyone " * 600,
    "<@123>" * 1000,
    "\n" * 6000,
    "Kazakhstan" + " " * 5990,
    "é" * 6000,
    "🇰🇿" * 3000,
    "k" * 101,
    "k" * 300,
    "k" * 301,
)

LONG_TOKENS: tuple[str, ...] = (
    "A" * 300,
    "Kazakhstan" * 30,
    "ab" * 3000,
    "-" * 100,
    "ser-kz-" + "x" * 200,
    "http://" + "a" * 1000 + ".example",
    "字" * 2000,
    "\U0001f600" * 300,
    "z" * 99,
    "q" * 100,
    "Kazakhstan" + "stan" * 500,
)

# ----------------------------------------------------------------------------------------------- invisible characters

CONTROL_CHARS: tuple[str, ...] = (
    *(chr(c) for c in range(0x00, 0x20)),
    "\x7f",
    "Kazakh\x00stan",
    "\x00" * 100,
    "\x00Kazakhstan",
    "Kazakhstan\x00",
    "\x1b[31mred\x1b[0m",
    "\x08\x08\x08Kazakhstan",
    "China\r\nKazakhstan",
    "\x85",  # NEL, a C1 control
    "\x9b31m",  # CSI, a C1 control
)

ZERO_WIDTH: tuple[str, ...] = (
    *(chr(c) for c in range(0x200B, 0x2010)),
    "\u2060",
    "\ufeff",
    "Kaz\u200bakh\u200cstan",
    "Kazakh\u200dstan",
    "\u200eKazakhstan\u200f",
    "\u2060Kazakhstan\u2060",
    "\ufeffKazakhstan",
    "\u200b" * 300,
    "@\u200beveryone",
    "\u00ad",  # soft hyphen
    "Kaz\u00adakhstan",
    "\u034f",  # combining grapheme joiner
)

BIDI: tuple[str, ...] = (
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u202eKazakhstan",
    "Kazakhstan\u202e",
    "\u202enatshkazaK",
    "\u2067Kazakhstan\u2069",
    "\u202dChina\u202c",
    "\u202e@everyone",
    "الصين وكازاخستان",
    "كازاخستان",
    "סין וקזחסטן",
    "קזחסטן",
    "China الصين Kazakhstan",
    "\u061c",  # Arabic letter mark
)

# ----------------------------------------------------------------------------------------------- emoji and combining marks

EMOJI: tuple[str, ...] = (
    "😀",
    "🇰🇿",
    "🇨🇳🇰🇿",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "🤷🏽‍♀️",
    "🧑‍🚀",
    "1️⃣",
    "Kazakhstan 🇰🇿",
    "😀" * 1000,
    "👨‍👩‍👧‍👦" * 50,
    "\u200d" * 20 + "😀",
    "🫠🫡🫥",
)

COMBINING: tuple[str, ...] = (
    "Kaza\u0301khstan",
    "Z\u0334\u0321\u0322a\u0337l\u0338g\u0335o\u0336",
    "e" + "\u0301" * 500,
    "\u0301",
    "\u0301Kazakhstan",
    "K\u0336a\u0336z\u0336a\u0336k\u0336h\u0336s\u0336t\u0336a\u0336n\u0336",
    "Kаzаkhstаn",  # Cyrillic а
    "Казахстан",
    "Ｋａｚａｋｈｓｔａｎ",  # fullwidth
    "ﬁnancing",  # ligature
    "İstanbul",
    "KAZAKHSTAN",
    "ǅ",
    "\u1160" * 10,  # Hangul filler
    "\u3164",  # Hangul filler lookalike of a space
)

# ----------------------------------------------------------------------------------------------- Discord markup

MENTIONS: tuple[str, ...] = (
    "@everyone",
    "@here",
    "<@123>",
    "<@!123>",
    "<@&456>",
    "<#789>",
    "@everyone Kazakhstan",
    "Kazakhstan @here",
    "<@123456789012345678>",
    "<@!999999999999999999999>",
    "<@&0>",
    "</help:123>",
    "<t:0:R>",
    "<:pepe:123>",
    "<a:pepe:123>",
    "@EVERYONE",
    "＠everyone",
    "@@everyone",
    "@every\u200done",
    "<@ 123>",
    "@everyone@here<@1><@&2>",
)

MARKDOWN: tuple[str, ...] = (
    "```",
    "```py\nprint(1)\n```",
    "``` @everyone ```",
    "**",
    "**bold**",
    "__",
    "__underline__",
    "||spoiler||",
    "||",
    "> quote",
    ">>> block quote",
    "# heading",
    "-# subtext",
    "[link](http://x)",
    "[Kazakhstan](https://evil.example/@everyone)",
    "~~strike~~",
    "`code`",
    "* list",
    "\\",
    "\\\\",
    "***",
    "<https://x.example>",
    "[@everyone](http://x)",
)

# ----------------------------------------------------------------------------------------------- injection attempts

SQL: tuple[str, ...] = (
    "'; DROP TABLE facts; --",
    "1 OR 1=1",
    "' OR '1'='1",
    '" OR ""="',
    "UNION SELECT * FROM sqlite_master",
    "x' UNION SELECT id, statement FROM facts --",
    '"; DELETE FROM facts; --',
    "1; ATTACH DATABASE '/tmp/x.db' AS x; --",
    "PRAGMA writable_schema = 1",
    "facts_fts MATCH '*'",
    "') OR 1=1 --",
    "%",
    "_",
    "%%",
    "ser-%",
    "ser_kz%",
    "--",
    "/* comment */",
    "'",
    "';",
    "\\'",
    "1' AND SLEEP(5) --",
    "randomblob(1000000000)",
)

PATH_TRAVERSAL: tuple[str, ...] = (
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "file:///etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "~/.ssh/id_rsa",
    "data/facts/x.yaml",
    "seeds/000_79bd4435c0f0e9a8.txt",
    "000_79bd4435c0f0e9a8.txt",
    "\\\\server\\share",
    "C:\\Windows",
    "/dev/zero",
    "NUL",
    "CON",
    "../data/factbase.db",
)

FORMAT_STRINGS: tuple[str, ...] = (
    "{0}",
    "{}",
    "{{}}",
    "{name}",
    "{0.__class__}",
    "{message}",
    "%s",
    "%d",
    "%(name)s",
    "%n",
    "%x%x%x%x",
    "${jndi:ldap://127.0.0.1/x}",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "\\N{BULLET}",
    "%s%s%s%s%s%s%s%s%s%s",
)

# ----------------------------------------------------------------------------------------------- numbers and ids

NUMBERS: tuple[str, ...] = (
    "-1",
    "0",
    "-0",
    "99999999999999999999999",
    "1e308",
    "1e309",
    "-1e308",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "0x7fffffff",
    "9" * 300,
    "1," * 100 + "000",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1.7976931348623157e+308",
    "4.9e-324",
    "1_000",
    "٣",
    "²",
    "½",
    "Ⅻ",
    "1/0",
    "26%",
    "$33 billion",
    "0.0000000000000000001",
    # Times of day (the /digest time option): valid, out of range, and in non-ASCII digits.
    "08:00",
    " 8:00",
    "24:00",
    "23:60",
    "-1:00",
    "08.00",
    "0800",
    "08:٣٠",
    "٠٨:٠٠",
    "０８:３０",
    "²:00",
)

UNKNOWN_IDS: tuple[str, ...] = (
    "ser-kz-china-border-length-x",
    "ser-kz-china-border-length ",
    " ser-kz-china-border-length",
    "SER-KZ-CHINA-BORDER-LENGTH",
    "zzzz",
    "does-not-exist",
    "00000000",
    "ser-",
    "-",
    "a" * 64,
    "kazakhstan",
    "china",
    "united-states",
    "belt-and-road-initiative",
    "ankasam-china-kazakhstan-tajikistan",
    "Atlantis",
    "Narnia",
    "Kazakstan",
    "Kaz",
    "Ka",
    "Sta",
    "BRI",
)

# Values that are not one of the offered autocomplete choices, or are "types" smuggled in as text.
NOT_OFFERED: tuple[str, ...] = (
    "",
    " ",
    "   ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u3000",
    "\u2028",
    "\u2029",
    "\u1680",
    "\u2003",
    " Kazakhstan ",
    "null",
    "None",
    "undefined",
    "true",
    "false",
    "[]",
    "{}",
    "[object Object]",
    "Kazakhstan (Astana)",
    "Kazakhstan, Kyrgyzstan",
    "china|kazakhstan",
    "kind:claim",
    "figure ",
    "CSV",
    "xml",
    "jsonl",
    "json ",
)

CATEGORIES: dict[str, tuple[str, ...]] = {
    "fts5_syntax": FTS5_SYNTAX,
    "unbalanced": UNBALANCED,
    "long_strings": LONG_STRINGS,
    "long_tokens": LONG_TOKENS,
    "control_chars": CONTROL_CHARS,
    "zero_width": ZERO_WIDTH,
    "bidi": BIDI,
    "emoji": EMOJI,
    "combining": COMBINING,
    "mentions": MENTIONS,
    "markdown": MARKDOWN,
    "sql": SQL,
    "path_traversal": PATH_TRAVERSAL,
    "format_strings": FORMAT_STRINGS,
    "numbers": NUMBERS,
    "unknown_ids": UNKNOWN_IDS,
    "not_offered": NOT_OFFERED,
}


@dataclass(frozen=True, slots=True)
class Entry:
    category: str
    index: int
    value: str

    @property
    def id(self) -> str:
        return f"{self.category}-{self.index}"

    def __repr__(self) -> str:
        shown = self.value if len(self.value) <= 40 else f"{self.value[:37]}…({len(self.value)} chars)"
        return f"<{self.id} {shown!r}>"


def _entries() -> tuple[Entry, ...]:
    seen: set[str] = set()
    out: list[Entry] = []
    for category, values in CATEGORIES.items():
        for index, value in enumerate(values):
            if value in seen:
                continue
            seen.add(value)
            out.append(Entry(category, index, value))
    return tuple(out)


ENTRIES: tuple[Entry, ...] = _entries()
BY_CATEGORY: dict[str, tuple[Entry, ...]] = {
    c: tuple(e for e in ENTRIES if e.category == c) for c in CATEGORIES
}

# Values of the wrong type for a text option (what a buggy adapter or a hand-made payload could pass).
NON_STRING_VALUES: tuple[tuple[str, Any], ...] = (
    ("int", 123),
    ("negative-int", -1),
    ("zero", 0),
    ("huge-int", 10**30),
    ("float", 1.5),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("true", True),
    ("false", False),
    ("list", ["Kazakhstan"]),
    ("empty-list", []),
    ("dict", {"name": "Kazakhstan"}),
    ("bytes", b"Kazakhstan"),
    ("tuple", ("a", "b")),
)

# Button custom ids that no rendered answer contains (bad handles, out-of-range pages, other users, junk).
FORGED_CUSTOM_IDS: tuple[str, ...] = (
    "bb:q:zzzz:0",
    "bb:q:0000000000000000:0",
    "bb:q:0000000000000000:9999",
    "bb:q:0123456789abcdef:99999",
    "bb:q:0123456789ABCDEF:0",
    "bb:q:../../etc/passwd:0",
    "bb:q::",
    "bb:q:0000000000000000:-1",
    "bb:p:0000000000000000:99:1",
    "bb:p:0000000000000000:-9999:0",
    "bb:p:0000000000000000:0:99999999999999999999",
    "bb:p:zzzz:0:0",
    "bb:n:0000000000000000:0",
    "bb:x:anything",
    "bb:",
    "x",
    "'; DROP TABLE answer_handles; --",
    "@everyone",
    "{0}%s",
    "\u202e" + "q" * 98,
)


def sample(count: int, *, seed: int = 20240601, entries: Sequence[Entry] = ENTRIES) -> list[Entry]:
    """A deterministic subset with at least one entry of every category (for secondary options)."""
    rng = random.Random(seed)
    firsts = [BY_CATEGORY[c][0] for c in CATEGORIES if BY_CATEGORY[c]]
    rest = [e for e in entries if e not in firsts]
    extra = rng.sample(rest, max(0, min(len(rest), count - len(firsts))))
    return sorted({*firsts, *extra}, key=ENTRIES.index)
