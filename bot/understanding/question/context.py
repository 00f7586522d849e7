"""The asker's own context before a question ("I'm writing about the pipeline deals - who paid for …?", "I
assumed the SCO dates from the 1990s, but when was it actually set up?"): what they are doing or believe, not
what they ask. Only the question after it is read, with the things it refers back to put in place. So is a guess
at the answer tagged on after the question ("…, Tashkent?"): the asker's, to be checked, not asked about.
"""

from __future__ import annotations

import re

from bot.factbase.text import clean
from bot.understanding.question.tokens import _WORD

# Where the question proper starts: an asking word, perhaps after a preposition or a hedge ("from about what year").
_QUESTION = (
    r"(?P<question>(?:(?:in|on|at|from|by|to|for|of|during|until|with)\s+)?"
    r"(?:about\s+|roughly\s+|exactly\s+|precisely\s+|approximately\s+|so\s+|and\s+|but\s+|then\s+)?"
    r"(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|did|does|do|can|could|has|have|had|will"
    r"|would|should)\b.*)$"
)
# The asker speaking of themselves, then a break and a question: a dash, a colon or semicolon, a full stop, or ",
# but" / ", so". (A first part that is itself a question ends in "?" and is never matched: two questions.)
_CONTEXT = re.compile(
    r"^(?P<context>(?:i|i'm|im|i've|ive|i'd|i'll|we|we're|we've|my|our|for my|for our)\b[^?]*?)"
    r"(?:\s+[-–—]+\s+|\s*[:;]\s+|[.!]\s+|,\s+(?:but|so)\s+)" + _QUESTION,
    re.IGNORECASE | re.DOTALL,
)
# A reason given first ("Since Kazakhstan is called the largest economy in Central Asia, what is its GDP?"): a
# clause with a verb of its own, so not a time ("since 2015, how much …").
_GROUNDS = re.compile(
    r"^(?P<context>(?:since|given that|now that|because|as)\s+[^,?]*?\b(?:is|are|was|were|has|have|had|says|said"
    r"|calls|called|seems|seemed)\b[^,?]*?),\s+" + _QUESTION,
    re.IGNORECASE | re.DOTALL,
)
# What the answer is for, said first ("For a panel on Russia–China rivalry: which …", "Writing on Beijing's lending,
# which sectors …", "Given the gap between elites and the public, how do …"): the asker's purpose or premise, not
# what is asked. (A purpose is one of the things written or given: "for Kazakhstan, how much …" names the subject.)
_PURPOSES = (
    r"slides?|deck|panel|piece|story|article|brief|briefing|backgrounder|primer|timeline|chronology|map|note|notes"
    r"|memo|session|module|profile|section|sidebar|report|paper|seminar|class|course|chapter|lecture|talk|podcast"
    r"|newsletter|presentation|comparison|essay|thesis|dissertation|review|footnote|draft|book|op-ed|column"
    r"|caption|graphic|chart|table|explainer|factsheet|fact sheet|summary|overview|handout|workshop|conference"
)
# A purpose said anywhere ("a quick timeline for a sidebar: …"): what the answer is for, not what it is about.
_FOR_A_PURPOSE = r"\s+(?:a|an|the|my|our|this|that|some)\s+(?:[\w'’–-]+\s+){0,4}?(?:" + _PURPOSES + r")\b"
# (and where that goes: "for a sidebar in our report")
PURPOSE_SAID = re.compile(
    r"\bfor" + _FOR_A_PURPOSE + r"(?:\s+(?:in|of|on|for)" + _FOR_A_PURPOSE + r")?", re.IGNORECASE
)
_FRAMING = re.compile(
    r"^(?P<context>(?:for\s+(?:a|an|the|my|our|this|that|some)\s+(?:[\w'’–-]+\s+){0,4}?(?:"
    + _PURPOSES
    + r")\b|for\s+(?:some\s+)?(?:context|background)\b|(?:as|by way of)\s+background\b|given\b|in\s+light\s+of\b"
    r"|(?:writing|working|assessing|budgeting|charting|tracking|tracing|studying|researching|drafting|preparing"
    r"|comparing|mapping|looking)\s+(?:on|about|up|into|at|through|over|for)\b)[^?]*?)"
    r"(?:\s+[-–—]+\s+|\s*[:;]\s+|[.!]\s+|,\s+)" + _QUESTION,
    re.IGNORECASE | re.DOTALL,
)
# A fact the asker states, then ", but" and the question ("Uzbekistan belongs to the SCO, but how many of the five
# are members?"): the premise, not what is asked. (Only a statement: a first part that asks ends in "?".)
_PREMISE = re.compile(r"^(?P<context>[^?]{12,}?),\s+but\s+" + _QUESTION, re.IGNORECASE | re.DOTALL)
# A claim stated, then a question pointing back to all of it ("A Bishkek lecturer thinks the SCO may take a back seat.
# Who said that?"): the line is read whole, asking what the question asks. (A question pointing back to a thing by a
# pronoun, "What does he say?", is read with the thing in place only after the asker's own context, above.)
_STATED = re.compile(
    r"^(?P<context>[^?]{12,}?)[.!]\s+(?P<question>(?:what|which|who|whom|whose|when|where|why|how)\b.*)$",
    re.IGNORECASE | re.DOTALL,
)
# The ways a line may open with the asker's context, tried in this order.
_OPENINGS = (_CONTEXT, _GROUNDS, _FRAMING, _PREMISE)
# Words of the question that stand for something named in the context ("when did they open ties?").
_PRONOUN = re.compile(r"\b(?:(it|they|them|he|she|him)|(its|their|his|her))\b", re.IGNORECASE)
# "… what did it find on that?": a thing of the context no name can stand in for; the whole line is read. So is
# one pointed back to ("in which city was that summit held?", "when were the two countries admitted?"). The bare
# pointers are shared with `_BARE` below.
_BARE_POINTERS = (
    r"\b(?:this|that|these|those)\s*(?:[?.!]|$)|\b(?:the two|both of the|the latter|the former)\b"
)
_DEMONSTRATIVE = re.compile(
    _BARE_POINTERS
    + r"|(?:^|\b(?:in|at|of|on|for|from|with|to|by|was|is|were|are|did|does|do)\s)(?:that|this|these|those)\s+"
    r"(?!(?:is|was|are|were)\b)\w",
    re.IGNORECASE,
)


def split_context(text: str) -> tuple[str, str] | None:
    """(the asker's context, the question after it), or None when the line does not open with the asker's
    context."""
    line = text.strip()
    found = next((m for form in _OPENINGS if (m := form.match(line)) is not None), None)
    if (
        found is None
        and (stated := _STATED.match(line)) is not None
        and _BARE.search(stated.group("question"))
    ):
        found = stated
    if found is None:
        return None
    return found.group("context").strip(), found.group("question").strip()


def has_pronoun(text: str) -> bool:
    """Whether the text refers back to a thing or person by a pronoun ("who operates it?", "their GDP")."""
    return _PRONOUN.search(text) is not None


def refers_back(question: str) -> bool:
    """Whether the question leans on its context with a pronoun ("when did they …", "its GDP")."""
    return has_pronoun(question) or _DEMONSTRATIVE.search(question) is not None


# "Those visits", "that summit": a thing the context told of, by its kind.
_POINTED = re.compile(r"\b(?:this|that|these|those)\s+(?=(?!(?:is|was|are|were)\b)[a-z])", re.IGNORECASE)
_BARE = re.compile(
    _BARE_POINTERS
    # ("those two meetings": the count is the context's, which the question alone would take for what is asked)
    + r"|\b(?:these|those)\s+(?:two|three|four|five|\d+)\b",
    re.IGNORECASE,
)


def names_in_place(question: str, names: list[str]) -> str | None:
    """The question with its pronouns replaced by the things the context names ("what is its GDP" -> "what is
    Kazakhstan's GDP"), and a thing pointed back to by its kind made theirs ("when did those visits take place?" ->
    "when did Xi Jinping's visits take place?"); None when it cannot be (nothing named, or a bare "that" or a
    count, "those two meetings", to stand in for)."""
    if not names or _BARE.search(question) is not None:
        return None
    joined = " and ".join(names)
    if _POINTED.search(question) is not None:
        question = _POINTED.sub(f"{joined}'s ", question)
    return _PRONOUN.sub(lambda m: joined if m.group(1) else f"{joined}'s", question)


# The asker's own frame inside a line that needs its context ("I had assumed X took off with the BRI, but … from
# about what year?"): "I had assumed" says what the asker believed, never what a fact must say.
_ASKERS = frozenset({"i", "we"})
_ASKER_AUX = frozenset(
    {
        "m",
        "am",
        "re",
        "are",
        "was",
        "were",
        "have",
        "had",
        "d",
        "would",
        "do",
        "did",
        "ll",
        "will",
        "just",
        "always",
    }
    | {"already", "originally", "also", "really", "still", "once", "vaguely", "probably", "honestly"}
)
_ASKER_VERBS = frozenset(
    {
        "think",
        "thought",
        "assume",
        "assumed",
        "believe",
        "believed",
        "know",
        "knew",
        "read",
        "heard",
        "remember",
    }
    | {"recall", "recalled", "understand", "understood", "gather", "guess", "suppose", "supposed", "imagine"}
    | {"imagined", "expect", "expected", "writing", "drafting", "preparing", "researching", "reading", "saw"}
    | {"seen", "noticed", "learned", "learnt", "told"}
)
_CLAUSE_OPENERS = frozenset({"but", "and", "so", "because", "since", "as"})


def asker_frame(words: list[str]) -> list[int]:
    """The indexes of the words saying what the asker thinks or does ("i had assumed", "we know that")."""
    frame: list[int] = []
    for k, word in enumerate(words):
        if word not in _ASKERS or (k and words[k - 1] not in _CLAUSE_OPENERS):
            continue
        at = k + 1
        while at < len(words) and words[at] in _ASKER_AUX:
            at += 1
        if at < len(words) and words[at] in _ASKER_VERBS:
            end = at + 1 + (words[at + 1 : at + 2] in (["that"], ["about"]))
            frame.extend(range(k, end))
    return frame


# A guess at the answer tagged on after a comma: "Which organisation is Avdaliani with, AidData?"
# (… or put as a question of its own, "…, was it Anzob?", or with its article, "…, the Vakhsh?")
_GUESS = re.compile(
    r"(?:,|\s[-–—]+)\s*(?P<tail>(?:or\s+|maybe\s+|perhaps\s+|(?P<asked>(?:was|is|were|are)\s+(?:it|they|that)\s+))?"
    r"(?:the\s+)?(?P<guess>[^,;:?!–—-]{1,40}?))\s*\?\s*$",
    re.IGNORECASE,
)


def guess_at(text: str, words: list[str], intent: str) -> int | None:
    """Where the asker's guess at the answer starts (a word index), or None: a name after the last comma of a
    wh-question that asks for a name or a place (the words after the comma are all the guess)."""
    found = _GUESS.search(clean(text))
    # (a keyword query asks for a name too: "second biggest recipient of Chinese money - was it uzbekistan?")
    asked = found is not None and found.group("asked") is not None
    if found is None or (
        intent not in {"who", "which", "list", "where", "who_is"} and not (asked and intent == "other")
    ):
        return None
    guess = _WORD.findall(found.group("guess").casefold())
    # (choices offered, "…, Kyrgyzstan or Kazakhstan?", are the sides of a comparison: not one guess; a name in
    # lower case is one only when asked as a guess, "was it uzbekistan?")
    if not guess or len(guess) > 4 or not (found.group("guess")[:1].isupper() or asked) or "or" in guess:
        return None
    return len(words) - len(_WORD.findall(found.group("tail").casefold()))
