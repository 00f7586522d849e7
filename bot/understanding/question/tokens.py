"""From the text typed to the words read: shorthand, contractions and amounts written out as the sources
write them, the words a question sets aside, and phrasal verbs put back together.
"""

from __future__ import annotations

import re
import unicodedata

from bot.factbase.text import clean
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.search import STOPWORDS

MAX_QUESTION_CHARS = 300


# Contractions spelled out, so "What's the population…" reads as "what is" and "didn't" as "did not"; a
# possessive ("China's") is left alone: only a question word or pronoun before 's is a contracted "is".
_CONTRACTIONS = (
    (re.compile(r"\b(what|who|where|when|how|which|that|there|it|here)['’]s\b", re.I), r"\1 is"),
    (re.compile(r"\b(can)['’]t\b", re.I), r"\1 not"),
    (re.compile(r"\b(won)['’]t\b", re.I), "will not"),
    (re.compile(r"n['’]t\b", re.I), " not"),
    (re.compile(r"['’]re\b", re.I), " are"),
    (re.compile(r"['’]ve\b", re.I), " have"),
    (re.compile(r"['’]ll\b", re.I), " will"),
    # … and typed without the apostrophe ("isnt", "didnt", "whats"), as chat is: no English word is spelled so.
    (
        re.compile(r"\b(is|are|was|were|does|do|did|has|have|had|could|would|should|must)nt\b", re.I),
        r"\1 not",
    ),
    (re.compile(r"\bcant\b", re.I), "can not"),
    (re.compile(r"\b(what|who|where|how)s\b", re.I), r"\1 is"),
)


# Chat shorthand ("what yr", "the US govt", "list pls"), read as the words it stands for: left as typed, each
# would be a word found nowhere in the sources. Only forms with one reading ("mil" is military or million).
_SHORTHAND = {
    "yr": "year",
    "yrs": "years",
    "govt": "government",
    "gov't": "government",
    "gov’t": "government",
    "govts": "governments",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "approx": "approximately",
    "amt": "amount",
    "pct": "percent",
    "intl": "international",
    "incl": "including",
    "excl": "excluding",
    "esp": "especially",
    "mln": "million",
    "bln": "billion",
    "abt": "about",
    "info": "information",
    "thx": "thanks",
    "thru": "through",
    "b/c": "because",
    "w/o": "without",
    "w/": "with ",
    "btw": "",  # asides, not what is asked
    "fyi": "",
}
_SHORTHAND_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True)) + r")(?!\w)", re.I
)


def _unabbreviated(text: str) -> str:
    return _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(1).casefold()], text)


# "In terms of Chinese people and companies": about them (a figure of speech, not terms anyone set). So is "the
# make-up of" a thing: the thing ("how is the make-up of their trade changing": how their trade is changing).
_IN_TERMS_OF = (re.compile(r"\bin terms of\b|\b(?:the )?make-?up of\b", re.I), "regarding")

# "What % of Uzbeks …" asks for a percentage (the sign is no word).
_PERCENT_ASKED = (
    re.compile(r"\b(what|which|how many|exact|precise|approximate|rough)\s*%", re.I),
    r"\1 percentage",
)
# A keyword query opening on the sign: "% of kazakhs unfavourable to russia".
_PERCENT_OPENS = (re.compile(r"^\s*%\s*(?=of\b)", re.I), "percentage ")
# "How many out of every hundred people …", "how many in a hundred": a share, asked in whole people.
_PER_HUNDRED = (
    re.compile(r"\bhow many (?:\w+ )?(?:out of|in|of) (?:every|each|a|one) (?:hundred|100)\b", re.I),
    "what percentage",
)

# "Operate outside China": abroad, which the sources say as "international services" or "overseas" (the country
# would otherwise be read as a thing asked about, and "outside" is found nowhere).
_OUTSIDE_CHINA = (re.compile(r"\boutside (?:of )?(?:china|the prc|mainland china)\b", re.I), "abroad")

# "Where did most of the money end up?", "could end up sidelined": where it went, what it became; the phrase itself
# is no word a fact says.
_ENDED_UP = (re.compile(r"\b(?:end|ends|ended|ending) up\b", re.I), "")

# "Which of the 5 stans …": the five, as the thesaurus and the sources write them (a figure is never "5 stans").
_FIVE_IN_DIGITS = (
    re.compile(
        r"\b5(?= (?:ex|former|post|central asian|stans|republics|states|countries|nations|capitals)\b)", re.I
    ),
    "five",
)


# "The five ex-Soviet republics", "the five former Soviet states": the Central Asian republics, as "the five republics"
# names them (what they were is no thing asked about).
_FIVE_EX_SOVIET = (
    re.compile(
        r"\bfive (?:ex|former|post)[- ]soviet (?:central asian )?(?:republics|states|countries)\b", re.I
    ),
    "five republics",
)

# A currency written with its country's letters ("US$127 billion") names a currency, not the country.
_CURRENCY_PREFIX = (re.compile(r"\b(?:US|A|C|NZ|HK|S) ?\$(?=\s?\d)|\b(?:US|A|C|NZ|HK|S)\$"), "$")
# … and so do "US dollars" ("in billions of US dollars": a unit, not the United States).
_CURRENCY_NAME = (re.compile(r"\b(?:US|U\.S\.|American) (dollars?)\b", re.IGNORECASE), r"\1")

# "Who leads Tajikistan?" asks who holds a role, as "Who is the leader of Tajikistan?" does (and "lead" alone
# would meet "would lead to consequences").
_ROLE_VERBS = (
    # (A body is headed by its head, a director or a chief: "who heads the institute"; a country by its leader.)
    (re.compile(r"^(\W*)who (heads) (?=the )", re.I), r"\1who is the head of "),
    (re.compile(r"^(\W*)who (headed) (?=the )", re.I), r"\1who was the head of "),
    (re.compile(r"^(\W*)who (leads|heads|rules|governs) ", re.I), r"\1who is the leader of "),
    (re.compile(r"^(\W*)who (led|headed|ruled|governed) ", re.I), r"\1who was the leader of "),
    # An institute or a fund is run by its head (a director, a chief).
    (re.compile(r"^(\W*)who (runs|directs|manages) ", re.I), r"\1who is the head of "),
    (re.compile(r"^(\W*)who (ran|directed|managed) ", re.I), r"\1who was the head of "),
)


# Amounts written out ("eight billion dollars", "2bn US dollars", "forty percent") read as the facts write them
# ("$8 billion", "40 percent"), so a yes/no question stating one is checked against the sources' own figure.
_SPELLED = {
    **dict(
        zip(
            ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
            range(1, 11),
            strict=True,
        )
    ),
    "a": 1,
    "an": 1,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SPELLED_AMOUNT = re.compile(
    rf"\b({'|'.join(_SPELLED)})\s+(hundred|thousand|million|billion|trillion|percent|per cent)\b",
    re.IGNORECASE,
)
_DOLLARS = re.compile(
    r"(?<![\w$.,])(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn)?\s+"
    r"(?:(?:US|U\.S\.|American)\s+)?dollars?\b",
    re.IGNORECASE,
)


# A span put as a part or a multiple of a longer one: "half a decade" is five years, as the sources would write it.
_SPANS_IN_WORDS = (
    (re.compile(r"\bhalf a decade\b", re.IGNORECASE), "five years"),
    (re.compile(r"\ba decade and a half\b", re.IGNORECASE), "fifteen years"),
    (re.compile(r"\bhalf a century\b", re.IGNORECASE), "fifty years"),
    (re.compile(r"\ba quarter(?: of a|-| )century\b", re.IGNORECASE), "25 years"),
)


def _amounts_written(text: str) -> str:
    def spelled(m: re.Match[str]) -> str:
        n, word = _SPELLED[m.group(1).casefold()], m.group(2)
        return str(n * 100) if word.casefold() == "hundred" else f"{n} {word}"

    for span, years in _SPANS_IN_WORDS:
        text = span.sub(years, text)
    text = _SPELLED_AMOUNT.sub(spelled, text)
    return _DOLLARS.sub(lambda m: f"${m.group(1)}" + (f" {m.group(2)}" if m.group(2) else ""), text)


# "New-style diplomacy", "old-style geopolitics": the new or old kind of the thing, as the sources name it ("the New
# Diplomacy"); "style" is the asker's word.
_OF_A_STYLE = (re.compile(r"\b(new|old)-style\b", re.IGNORECASE), r"\1")

# "Formats like China's", "a mechanism like Beijing's", "'plus five' style formats": ones similar to its, as the
# sources say it ("like China" alone is as often "such as China").
_LIKE_ITS = (
    re.compile(
        r"\blike (?=(?:china|beijing|the prc|russia|moscow)['’]s\b)|(?<=['’\"] )style\b", re.IGNORECASE
    ),
    "similar to ",
)


# "What led up to the SCO? Walk me through the steps": a request to go through something, in a later sentence as
# at the start (where the courtesy before a question reads it), is no word of what is asked.
_WALK_THROUGH = (
    re.compile(r"(?<=[.?!;:—–-] )(?:please )?(?:walk|talk|take|run) (?:me|us) through\b", re.I),
    "list",
)


def _expanded(text: str) -> str:
    text = _unabbreviated(text)
    for pattern, replacement in (
        *_CONTRACTIONS,
        *_ROLE_VERBS,
        _CURRENCY_PREFIX,
        _CURRENCY_NAME,
        _PER_HUNDRED,
        _PERCENT_ASKED,
        _PERCENT_OPENS,
        _IN_TERMS_OF,
        _OUTSIDE_CHINA,
        _ENDED_UP,
        _FIVE_IN_DIGITS,
        _FIVE_EX_SOVIET,
        _OF_A_STYLE,
        _LIKE_ITS,
        _WALK_THROUGH,
    ):
        text = pattern.sub(replacement, text)
    return text


# What the question sets aside ("Apart from soldiers and politics, which areas…", "Protests aside, in what
# ways…", "… as onlookers without full membership?"): the words up to the comma (after "without", also to the
# end of the question) are what is *not* asked about, so they are neither concept nor entity.
_ASIDE_WORDS = (
    r"(?:apart from|aside from|besides|other than|except for|except|excluding|not counting|not including"
    r"|leaving aside|leaving out|setting aside|beyond|without)"
)
_RANK_AFTER = r"(?:after|behind|next after)"
# To a comma, or to the end of the question after one ("…in early 2011, not counting the uranium purchase?").
# (An aside names things, it says nothing of them: "besides China have similar formats with …, according to X"
# sets aside China, not the clause up to the comma.)
_NO_VERB = r"(?!\b(?:is|are|was|were|do|does|did|has|have|had|can|will)\b)"
_SET_ASIDE = re.compile(
    rf"\b{_ASIDE_WORDS}\s+((?:{_NO_VERB}[^,;:?!.])+?)\s*[,;:]|\bwithout\s+([^,;:?!.]{{1,40}}?)\s*[?!.]?\s*$"
    rf"|[,;]\s*{_ASIDE_WORDS}\s+([^,;:?!.]{{1,60}}?)\s*[?!.]?\s*$"
    # at the end with no comma: "… SCO members besides the Central Asian ones?" (not "beyond", a place asked; nor
    # an aside the question goes on after: "which countries other than China are SCO members?")
    r"|\b(?:besides|other than|apart from|aside from|except for|except|excluding|not counting|not including)\s+"
    rf"((?:{_NO_VERB}[^,;:?!.]){{1,40}}?)\s*[?!.]?\s*$"
    r"|^\s*([^,;:?!.]{1,60}?)\s+aside\s*[,;:]",
    re.IGNORECASE,
)
# A question opened by what it sets aside, or by where a ranking starts: "Apart from Tajikistan, <the question>",
# "After Kazakhstan, which …" (the one ranked above is the ranking's start, see `names._describing_frame`).
_LEADING_ASIDE = re.compile(
    rf"^\s*(?:{_ASIDE_WORDS}|{_RANK_AFTER}(?=[^,;:?!.]+?,\s*(?:which|what|who)\b))\s+[^,;:?!.]+?\s*[,;:]\s*(.+)$",
    re.IGNORECASE,
)
# The same just before a name, with no comma to end it: "which countries other than China are members?"
_SET_ASIDE_BEFORE = (
    frozenset({"other than", "apart from", "aside from", "except for", "not counting"}),
    frozenset({"excluding", "besides", "except"}),
)


def _set_aside_before(words: list[str], start: int) -> int:
    """How many words just before `start` set aside the name there (0 if none)."""
    pairs, singles = _SET_ASIDE_BEFORE
    if start >= 2 and f"{words[start - 2]} {words[start - 1]}" in pairs:
        return 2
    return 1 if start >= 1 and words[start - 1] in singles else 0


_WORD = re.compile(r"[^\W_]+")


def _tokens(text: str) -> tuple[list[str], list[str], set[int]]:
    """(as written, folded) word tokens, aligned, and the indexes of the words the question sets aside."""
    decomposed = unicodedata.normalize("NFKD", _expanded(clean(text)[:MAX_QUESTION_CHARS]))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    found = list(_WORD.finditer(stripped))
    spans = [m.span(0) for m in _SET_ASIDE.finditer(stripped)]
    aside = {k for k, w in enumerate(found) if any(a <= w.start() < b for a, b in spans)}
    written = [w.group(0) for w in found]
    return written, [w.casefold() for w in written], aside


_PARTICLES = frozenset({"back", "off", "up", "out", "down", "away", "over"})
# Particles that take the noun after them into the phrase: "put … into practice", "take … in hand".
_PHRASE_PARTICLES = frozenset({"into", "in"})
# Nouns that make an idiom with the verb before them, which the particle after does not join: "did the protests
# take place in Almaty" is no "take … in", nor "has China taken part in in Central Asia".
_IDIOM_NOUNS = frozenset({"place", "part"})


def _rejoin_particles(
    written: list[str], words: list[str], aside: set[int], thesaurus: Thesaurus
) -> tuple[list[str], list[str], set[int]]:
    """A phrasal verb split by its object ("what's holding China back", "wrote the SCO off") put back together
    where the thesaurus knows the verb and particle as a phrase ("holding back"), so the object stays a name and
    the phrase finds its synonyms. At most three words between them."""
    for j, particle in enumerate(words):
        if (particle not in _PARTICLES and particle not in _PHRASE_PARTICLES) or j in aside:
            continue
        # "putting its new diplomacy into practice": the particle may take a noun of the phrase with it ("pour
        # $127bn into Central Asia" takes none: "pour into").
        tails = (
            (2, 1) if particle in _PHRASE_PARTICLES and j + 1 < len(words) and j + 1 not in aside else (1,)
        )
        if j and any(
            stem_key(" ".join([words[j - 1], *words[j : j + tail]])) in thesaurus.synonyms_by_stem
            for tail in tails
        ):
            continue  # a phrase already ("set up to sort out": "sort out", not "set … out")
        for i in range(j - 2, max(-1, j - 5), -1):
            if i in aside or words[i] in STOPWORDS:
                continue
            tail = next(
                (
                    t
                    for t in tails
                    if stem_key(" ".join([words[i], *words[j : j + t]])) in thesaurus.synonyms_by_stem
                ),
                0,
            )
            if tail and (
                stem_key(" ".join(words[i:j])) in thesaurus.synonyms_by_stem or words[i + 1] in _IDIOM_NOUNS
            ):
                break  # the verb and its object are a phrase already: "take part in" is not "take … in"
            if tail:
                order = [*range(i + 1), *range(j, j + tail), *range(i + 1, j), *range(j + tail, len(words))]
                # (words set aside all lie outside the span moved: a phrase is not rejoined across them)
                if any(k in aside for k in range(i, j + 1)):
                    break
                return [written[k] for k in order], [words[k] for k in order], aside
    return written, words, aside


def _words_in(words: list[str], found: re.Match[str]) -> list[int]:
    """The indexes of the words a match in the words joined by single spaces starts within."""
    out, at = [], 0
    for k, word in enumerate(words):
        if found.start() <= at < found.end():
            out.append(k)
        at += len(word) + 1
    return out
