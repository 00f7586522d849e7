"""What a question asks: its intent, the entities it names, what it asks about them, and the answer it expects.

Everything here is plain text processing over the entity index and the curated thesaurus: no guessing from
capital letters (a question's first word is capitalised whatever it is), no model.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord
from bot.factbase.text import MONTH_NAMES, NUMBER_WORDS, clean, fold, number_spans, numbers_in
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.search import STOPWORDS, EntityIndex
from bot.understanding.spelling import ASKING_WORDS

MAX_QUESTION_CHARS = 300

# Intent -> the answer it expects. Checked in this order; the first pattern that matches the folded question wins.
ANSWER_TYPES = {
    "compare": "text",
    "timeline": "date",
    "when": "date",
    "how_many": "figure",
    "how_much": "figure",
    "who": "person",
    "who_is": "person",
    "where": "place",
    "why": "text",
    "list": "entities",
    "what_is": "text",
    "other": "text",
}
# "What triggered the crisis?", "the causes of the protests": a why question that wants the cause stated.
_CAUSE = re.compile(
    r"^what (?P<verb>triggered|caused|sparked|prompted|provoked|drove|lay behind|lies behind)\b"
    r"|\b(?P<noun>causes?|triggers?|roots?) of\b"
)

# A share or an amount asked as a bound ("fewer than a third", "over $5 billion"): the words that say so.
_BOUND_WORDS = frozenset(
    {"fewer", "less", "than", "under", "below", "more", "over", "above", "greater", "least", "upwards"}
    | {"third", "thirds", "quarter", "quarters", "half", "fifth"}
)
_BOUNDS_BELOW = ("fewer than", "less than", "under", "below", "at most", "no more than")
_BOUNDS_ABOVE = ("more than", "over", "above", "greater than", "at least", "upwards of")
_FRACTION = re.compile(
    r"\b(a third|one third|two thirds|a quarter|one quarter|three quarters|half|a half|one half|a fifth|one fifth)\b",
    re.IGNORECASE,
)
_FRACTIONS = {
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
}


# "How much of the (almost) $1 billion …", "what share of the ~$33bn …": the amount is the whole.
# Approximations before an amount ("almost $1bn", "about 26%"): the amount's wording, not a thing asked about.
_APPROXIMATIONS = frozenset({"almost", "about", "around", "roughly", "nearly", "approximately", "some"})
_WHOLE_BEFORE = re.compile(
    rf"\bof(?: (?:the|this|that|those))?(?: (?:{'|'.join(sorted(_APPROXIMATIONS))}))?(?: ?~)?$"
)
# An amount written as one word with its scale ("$1bn", "33bn"): read as a number below, not a word asked about.
_SCALED = re.compile(r"^\d+(?:\.\d+)?(?:bn|mn|mln|tn|trn|k|m|b)$")


def _bound_before(text: str) -> str | None:
    """Whether the words just before an amount make it a bound: "fewer than 35%" is below, "over $5 billion" above."""
    tail = " ".join(text.casefold().split()[-3:])
    if any(tail.endswith(b) for b in _BOUNDS_BELOW):
        return "below"
    if any(tail.endswith(b) for b in _BOUNDS_ABOVE):
        return "above"
    return None


# A history asked between two points: "from 2008 to the launch of the BRI".
_SPAN_ENDS = frozenset({"to", "until", "till", "through"})
_FROM_TO = re.compile(r"\bfrom\b.+\b(?:to|until|till|through)\b")
# "The Shanghai Five becoming the SCO", "how the forum turned into a bloc": a history from one thing to another.
_BECOMING = frozenset({"becoming", "became", "become", "becomes"})
_GROWING = frozenset(
    {
        "turned",
        "turning",
        "turn",
        "grew",
        "growing",
        "grow",
        "evolved",
        "evolving",
        "evolve",
        "transformed",
        "transforming",
        "transform",
    }
)
_GROWN_INTO = frozenset(f"{verb} into" for verb in _GROWING)  # a verb and its particle may be one word here
# A history asked for: "step by step", "key moments over the years" (not "how has X changed", which a fact telling
# of the change answers). It makes a timeline, and frames one.
_HISTORY_ASKED = (
    r"\bstep by step\b|\bover the (?:years|decades)\b|\bkey (?:moments|dates|events|milestones|years|steps|stages)\b"
    r"|\bmilestones\b"
)
# The words that ask for a history rather than say what it is of.
_TIMELINE_FRAME = re.compile(
    _HISTORY_ASKED + r"|\b(?:evolved?|changed?|turn(?:ed)? into|becoming|became|grew into|grown into)\b"
    r"|\bin (?:chronological |date )?order\b|\bsequence of events\b"
    r"|\bunfold(?:ed|s|ing)?\b|\bplay(?:ed|s)? out\b|\b(?:early|first|formative|initial) years\b"
)
# "What was the (original) point of X?" asks for its purpose.
_POINT_OF = re.compile(r"\bwhat (?:is|was|s) the (?:\w+ )?point of\b")

# Nouns for people: "which Kazakh officials …" and "what is the name of the spokesperson" ask who.
_PERSON_NOUNS = (
    r"(person|official|officials|expert|experts|analyst|analysts|scholar|scholars|"
    r"minister|ministers|leader|leaders|president|diplomat|diplomats|spokesperson|spokesman|spokeswoman|"
    r"researcher|researchers|author|authors|academic|academics|lecturer|professor|commentator|"
    r"commentators|economist|economists|journalist|journalists|writer|writers)"
)
_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "compare",
        re.compile(r"\b(compare|comparison|compared|versus|vs|differences? between|stacks? up|stacked up)\b"),
    ),
    (
        "timeline",
        re.compile(
            r"\b(timeline|chronology|chronological|sequence of events)\b|"
            + _HISTORY_ASKED
            # "how did that unfold", "how have ties played out": the course of events
            + r"|\bhow (did|has|have|had)\b.{0,120}\b(unfold(ed)?|play(ed)? out)\b"
        ),
    ),
    (
        "when",
        re.compile(
            r"^when\b|\bwhen (was|were|did|does|do|is|had|has|will)\b|\b(what|which) (years?|dates?|months?|days?)\b"
            # "what were the exact dates of the visit"
            r"|\bwhat (is|was|were|are) the (exact |precise |specific )?(years?|dates?|months?|days?) (of|when)\b"
            r"|\bsince when\b|^(year|date|month) (of|in|when)\b|\bdates? of\b|\bin what year\b"
            r"|\bhow far back\b"  # "how far back does the data go": since when
            # "how long ago did Beijing set up ties", "how many years ago was the SCO set up": when, counted back
            r"|\bhow (long|many (years|decades|months)) ago\b"
            r"|\bwhat (time span|timespan|time frame|timeframe|time period|period of time)\b"
            # "over what period did Beijing pour $127bn …": when, as a span
            r"|\b(over|during|across|within|in) (what|which) (period|span|stretch|years)\b"
            # a keyword query ending on what it wants: "SCO founding year", "BRI launch date"
            r"|^(?!.*\b(how|what|which|who|why|where)\b).*\b(year|date)$"
            # ... or on what it wants of a thing: "founding year of the SCO", "kz china treaty date?"
            r"|^(?!.*\b(how|what|which|who|why|where)\b).*\b(year|date) (of|when)\b"
        ),
    ),
    ("how_many", re.compile(r"\bhow (many|often)\b|^(number|count) of\b|\bwhat (is|was) the number of\b")),
    (
        "how_much",
        re.compile(
            r"\bhow (much|long|big|large|far|high|great|wide|extensive)\b"
            r"|\bwhat (exact |precise |approximate |rough )?(share|percentage|proportion|amount|sum|value|size|"
            r"portion|fraction|total|figure)\b"
            # "what is the actual number", "what was the total" (a "number of" things counts: "how many")
            r"|\bwhat (is|was|are|were) the (exact |precise |approximate |rough |actual |real )?(share|percentage|"
            r"proportion|amount|sum|size|total|figure|number)\b(?! of\b)"
            r"|^(size|amount|value|sum|share|percentage|proportion|length|population|cost|figure)\b"
            r"|\b(dollar|money|cash) (amount|figure|value|total|sum)\b"
            # a keyword query naming the measure it wants of a thing: "kyrgyzstan's share of chinese financing"
            r"|^(?!(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)"
            # (not a claim to check, ending on the amount it states: "SCO's 2015 share of world GDP a third?")
            r"(?!.*\b(how|what|which|who|why|where|when)\b)(?!.*\b(a third|a quarter|a half|half|a fifth|a tenth|"
            r"\d+(\s\d+)?\s?(bn|mn|percent|per cent|billion|million|km))$)"
            r".*\b(share|percentage|proportion|amount|sum|size|length|population|cost|total) of\b"
            # a keyword query that asks for figures: "Kazakhstan GDP figure", "SCO population statistics" (not a
            # yes/no question about one: "is the $8 billion figure exact?")
            r"|^(?!(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)"
            r"(?!.*\b(how|what|which|who|why|where|when)\b).*\b(figures?|statistics?|stats)\b"
        ),
    ),
    # "Who is the president of X?", "Who is X's president?" (the possessive's s is a word of its own here).
    # "What was the name of Uzbekistan's foreign minister?" asks the same.
    (
        "who_is",
        re.compile(
            r"^who (is|was|are|were) ((the|a|an)\b|\w+ s \w)"
            rf"|^what (is|was|s|are|were) the names? of ((the|a|an) )?(\w+ ){{0,4}}{_PERSON_NOUNS}\b"
        ),
    ),
    (
        "who",
        re.compile(
            # ("… who said …" after a noun is a relative clause: "the analyst who wrote about X" asks about her)
            r"^(who|whom|whose)\b|(?:^|[,;:?!—–(]\s*|\s-\s*|\b(?:and|but|so|then|exactly|precisely|actually)\s+)who "
            r"(said|says|say|claims?|claimed|argues?|argued|holds?|held|thinks?|"
            r"believes?|judges?|wrote|writes|described|suggests?|noted|asserts?|called)\b|\baccording to whom\b"
            r"|\b(under|by|from|with) (whom|whose)\b"
            # (the words between qualify the person noun: "which alliances have analysts …" asks for alliances)
            r"|\bwhich ((?!(?:have|has|had|did|do|does|are|were|is|was|will|would|can|could)\b)\w+ ){0,3}"
            rf"{_PERSON_NOUNS}\b"
        ),
    ),
    (
        "where",
        re.compile(
            r"^where\b|\bwhere (is|was|did|do|does|are|were|will)\b|\b(in|at) which (city|country|place|region|"
            r"town|capital|province)\b|\bwhich (city|place|region|town|capital|province)\b|\b(what|which) "
            r"(city|location)\b"
        ),
    ),
    (
        "why",
        re.compile(
            r"^why\b|\bwhy (is|was|did|do|does|are|were|has|have)\b|\bfor what reason\b|\breasons? (for|why)\b"
            r"|\b(purpose|rationale|motive|motives|motivation|motivations)\b"
            r"|" + _POINT_OF.pattern + "|" + _CAUSE.pattern
        ),
    ),
    (
        "list",
        re.compile(
            r"^(list|name|enumerate)\b|\blist of\b|\blist( please)?$|^(every|each) \w+ (that|which|who|whose|with|in)\b|^which\b|^(in|at|on|to|from|for|by|with|under) which\b|\bwhich (countries|states|members|projects|organisations|"
            r"organizations|nations|groups|companies)\b|\bwhat (countries|states|projects|organisations|organizations)\b"
        ),
    ),
    ("what_is", re.compile(r"^(what|who) (is|was|are|were)\b|^(tell me about|describe|explain|define)\b")),
)

# Words that shape the question rather than name its subject.
QUESTION_WORDS = frozenset(
    [
        "whether",
        "re",  # "re China" (regarding)
        "notable",
        "noteworthy",
        "happening",
        "when",
        "how",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "why",
        "year",
        "years",
        "date",
        "dates",
        "month",
        "day",
        "week",
        "weeks",
        "much",
        "many",
        "number",
        "count",
        "according",
        "sources",
        "source",
        "documents",
        "document",
        "article",
        "articles",
        "piece",  # "the Diplomat piece": an article
        "pieces",
        "teaser",  # "per the MERICS teaser": the summary a source quotes
        "text",
        "texts",
        "mention",
        "mentions",
        "mentioned",
        "chapter",  # "for my KZ chapter: …"
        "thesis",
        "dissertation",
        "record",  # "what do the sources record"
        "records",
        "recorded",
        "discuss",  # "does the piece discuss the SCO": whether a fact from it says anything of the SCO
        "discusses",
        "discussed",
        "state",
        "states",
        "stated",
        "say",
        "says",
        "said",
        "tell",
        "describe",
        "explain",
        "define",
        "list",
        "name",
        "enumerate",
        "happen",
        "happened",
        "occur",
        "occurred",
        "take",
        "took",
        "place",
        "give",
        "given",
        "kind",
        "type",
        "sort",
        "exactly",
        "approximately",
        "roughly",
        "around",
        "about",
        "per",
        "annual",
        "annually",
        "total",
        "overall",
        "ever",
        "first",
        "anything",
        "anyone",
        "something",
        "someone",
        "everything",  # "list everything on the agenda": all of what follows
        "every",  # "give me every country that …"
        "everyone",
        "compare",
        "comparison",
        "versus",
        "vs",
        "difference",
        "differences",
        "timeline",
        "chronology",
        "chronological",
        "sequence",
        "events",
        "reason",
        "reasons",
        "long",
        "big",
        "large",
        "far",
        "high",
        "great",
        "wide",
        "extensive",
        "size",
        "amount",
        "value",
        "sum",
        "figure",
        "figures",
        "use",
        "used",
        "uses",
        "using",
        "have",
        "had",
        "get",
        "make",
        "makes",
        "made",
        "involve",
        "involved",
        "regarding",
        "concerning",
        "related",
        "relating",
        "known",
        "called",
        "officially",
        "formally",
        "actually",
        "currently",
        "merely",
        "simply",
        # "the bulk of", "sector-wise": how much of it and how it is looked at, not a thing asked about
        "bulk",
        "wise",
        # "what time span / timeframe does it cover": a "when" question's frame
        "span",
        "timespan",
        "timeframe",
        "exact",
        "precise",
        # prepositions the search stopwords leave in: relations between things, never a thing asked about
        "toward",
        "towards",
        "within",
        "inside",
        "among",
        "amongst",
        "via",
        "upon",
        "onto",
        "throughout",
        "despite",
        "amid",
        "amidst",
        # what a keyword query wants, not what it is about: "Shanghai Five 1996 purpose", "NSC principles"
        "purpose",
        "rationale",
        "motive",
        "motives",
        "motivation",
        "motivations",
        "principles",
        "details",
        "information",
        "info",
        "overview",
        "background",
        # months: when, not what ("his July 2024 visit"); the year is read as the time asked about
        *MONTH_NAMES,
        # and seasons: "in the summer of 2010"; "ago" counts back to the date asked for
        "spring",
        "summer",
        "winter",
        "ago",
        # "how does A stack up against B": the comparison's frame
        "stack",
        "stacks",
        "stacked",
        # how often, as the asker hedges it ("why do Kazakhs sometimes resent …")
        "sometimes",
        "usually",
        "occasionally",
        "frequently",
        "typically",
        "always",
        # modal verbs: how sure the asker is, not what is asked ("why might China …")
        "might",
        "may",
        "must",
        "should",
        "would",
        "shall",
        "ought",
        # common verbs that carry no topic: "went to", "come to play", "sees", "take"
        "times",
        "occasions",
        "often",
        "since",
        "go",
        "goes",
        "went",
        "gone",
        "going",
        "come",
        "comes",
        "came",
        "play",
        "plays",
        "played",
        "see",
        "sees",
        "saw",
        "seen",
        "pass",
        "passes",
        "passed",
        "get",
        "gets",
        "got",
        "take",
        "takes",
        "hold",
        "holds",
        "put",
        "puts",
        "let",
        "lets",
        "sit",
        "sits",
        "sat",
        "stand",
        "stands",
        "stood",
        # hedges, discourse adverbs and courtesy: how a researcher phrases a question, never what it is about
        # ("please", "could", "you", "know", "find" are search stopwords already)
        "reportedly",
        "allegedly",
        "supposedly",
        "apparently",
        "famously",
        "notably",
        "historically",
        "originally",
        "original",
        "initially",
        "eventually",
        "ultimately",
        "basically",
        "essentially",
        "generally",
        "broadly",
        "specifically",
        "particularly",
        "precisely",
        "really",
        "indeed",
        "speaking",
        "briefly",
        "kindly",
        "us",
        "wonder",
        "curious",
        "remind",
        "recall",
        "summarise",
        "summarize",
        # when, relative to the asker, rather than what: "the later study", "recent talks", "still in force"
        "later",
        "earlier",
        "latest",
        "recent",
        "recently",
        "newly",
        "still",
        "already",
        # "where was the plant supposed to go": what was planned, as the asker puts it
        "supposed",
        "today",
        "nowadays",
        "presently",
        # the frame of "in what ways / which aspects": the answer's shape, not its subject
        "way",
        "ways",
        "aspect",
        "aspects",
        "element",
        "elements",
        "component",
        "components",
        "facet",
        "facets",
        "dimension",
        "dimensions",
        "thing",
        "things",
        "kinds",
        "types",
        "sorts",
        # "what topics did they discuss", "what else happened", "which track did it favour", "what year marked
        # the jump": the answer's shape too
        "track",
        "marked",
        "topic",
        "topics",
        "theme",
        "themes",
        "else",
    ]
)
# Question words that qualify the noun "which" asks for ("which big Chinese bank", "which recent loans").
_FRAMING_ADJECTIVES = frozenset(
    {
        "big",
        "large",
        "great",
        "high",
        "wide",
        "extensive",
        "notable",
        "noteworthy",
        "recent",
        "latest",
        "original",
    }
)
COUNT_WORDS = frozenset({"times", "occasions", "often"})  # "how many times": a count of anything
# Type nouns that say which kind of entity answers: "which company built it" is not answered by a country.
# Kinds narrower than an entity type: "which universities" wants an organisation that is one, by its own name or
# description ("University in Bishkek, Kyrgyzstan"), not any organisation.
NARROW_KINDS = {"university": "university", "universities": "university", "bank": "bank", "banks": "bank"}
ENTITY_TYPE_NOUNS = {
    "company": "organisation",
    "companies": "organisation",
    "firm": "organisation",
    "firms": "organisation",
    "bank": "organisation",
    "banks": "organisation",
    "organisation": "organisation",
    "organisations": "organisation",
    "organization": "organisation",
    "organizations": "organisation",
    "institution": "organisation",
    "institutions": "organisation",
    "university": "organisation",
    "universities": "organisation",
    "alliance": "organisation",  # "which military alliances …": NATO, the Warsaw Pact
    "alliances": "organisation",
    "country": "country",
    "countries": "country",
    "nation": "country",
    "nations": "country",
    "state": "country",
    "states": "country",
    # "Which AidData reports …": documents the sources name (a report, a treaty, a declaration).
    "report": "document",
    "reports": "document",
    "document": "document",
    "documents": "document",
    "treaty": "document",
    "treaties": "document",
    "declaration": "document",
    "declarations": "document",
    # "Which projects …": projects the sources name (a railway, a dam), not facts about investment at large.
    "project": "project",
    "projects": "project",
    # "Which cities …": cities the sources name as places (Xi'an), not countries.
    "city": "place",
    "cities": "place",
}
# Nouns naming the kind of answer after "which"/"what"/"how many": they ask for entities of a type, not a topic.
TYPE_NOUNS = frozenset(ENTITY_TYPE_NOUNS) | {
    "people",
    "persons",
    "person",
    "officials",
    "official",
    "venue",
    "places",
    "place",
    "members",
    "member",
    "groups",
    "group",
    "leaders",
    "leader",
}
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# "1990s", and the short "90s" (also "'90s", "mid-90s"): a two-digit decade from 30 on is of the 1900s.
_DECADE = re.compile(r"^(1[89]\d0|20\d0|\d0)s$")
_DECADE_WORDS = {"seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000, "twenties": 2020}
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 7), "late": (7, 9)}  # years into the decade


# ("Early" and "late" stay words to match: the sources write "in early 2011".)
_PART_OF_YEAR = frozenset(
    {
        ("mid",),
        ("spring",),
        ("summer",),
        ("autumn",),
        ("fall",),
        ("winter",),
        ("end", "of"),
        ("start", "of"),
        ("beginning", "of"),
        ("middle", "of"),
        ("half", "of"),
    }
)


def _decade(word: str) -> int | None:
    """The first year of a decade written "1990s" or "nineties"."""
    if (found := _DECADE.match(word)) is not None:
        year = int(found.group(1))
        return year if year >= 100 else year + (1900 if year >= 30 else 2000)
    return _DECADE_WORDS.get(word)


# A year after one of these bounds the period asked about instead of naming it: "before 2024" is any year up to
# 2023, "since 1997" 1997 on. (The shift is added to the year: before is exclusive, since inclusive.)
_BOUNDS: dict[tuple[str, ...], tuple[str, int]] = {
    ("before",): ("to", -1),
    ("prior", "to"): ("to", -1),
    ("until",): ("to", 0),
    ("till",): ("to", 0),
    ("up", "to"): ("to", 0),
    ("after",): ("from", 1),
    ("since",): ("from", 0),
    ("from",): ("from", 0),
}


@dataclass(frozen=True, slots=True)
class Stated:
    """An amount or share a question writes out with its unit: "$2 billion" is (2e9, "USD", "$2 billion")."""

    value: float
    unit: str  # as the facts' figures give it: "USD" or "percent"
    written: str
    # "below" or "above" when asked as a bound ("fewer than a third", "over $5 billion")
    bound: str | None = None
    # The whole a part of which is asked for ("how much of the $1 billion went to the tunnel"): the figure the
    # asker already has, so a fact giving only it does not answer.
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing asked about, with the words that say it: a word or phrase and its thesaurus alternatives."""

    text: str  # as asked (folded)
    alternatives: tuple[str, ...]  # folded words or phrases, the asked one first
    stems: tuple[tuple[str, ...], ...]  # each alternative's word stems
    counted: bool = False  # the noun of "how many …": also met by a figure in that unit
    head: bool = False  # the noun after "which"/"what": the thing asked for, not a detail
    singles: frozenset[str] = frozenset()  # the stems of its one-word alternatives (one set test for all)
    phrases: tuple[frozenset[str], ...] = ()  # the stems of each of its phrases
    own: frozenset[str] = frozenset()  # the stems of the words as asked
    origin: bool = False  # asks when something began ("founded", "set up")
    required: bool = False  # every answering fact must say it (a measure word such as "cost")
    named: bool = False  # written with a capital inside the question: a name ("Rogun", "Senkaku")
    # Says what a source document is about ("the report on the Shaanxi talks"), not what is asked of it.
    topic: bool = False
    end: bool = False  # names an end of a history asked between two points (see `Question.ends`)

    def said_in(self, stems: AbstractSet[str]) -> bool:
        """Whether any alternative is said in a text with these stems (a phrase: all its words)."""
        return not self.singles.isdisjoint(stems) or any(p <= stems for p in self.phrases)


@dataclass(slots=True)
class Question:
    text: str
    intent: str
    answer_type: str  # date, figure, person, place, entities, text
    entities: list[EntityRecord]
    concepts: list[Concept]
    years: list[int]
    numbers: list[float]
    # Countries named only to say where a source is from ("the Georgian analyst", "the Ankara think tank"): met
    # by a fact whose analyst or think tank is from there, not only by a fact about the country.
    descriptors: set[str] = field(default_factory=set)
    describes_people: set[str] = field(
        default_factory=set
    )  # of those, the ones describing a person ("scholar")
    # Whoever the question says the answer is according to ("according to Catherine Putz", "per Serikkaliyeva",
    # "in Umarov's view"): a fact that does not cite them does not answer.
    sources: set[str] = field(default_factory=set)
    # Authors of a document the question asks what came after ("which countries joined since Serikkaliyeva's
    # article was written?"): their document cannot tell.
    later_than: set[str] = field(default_factory=set)
    # Of those, whoever the question asks what they said ("what did Nazarbayev say at the forum?"): a fact telling
    # what they did, not what they said, does not answer.
    speakers: set[str] = field(default_factory=set)
    # Sources described, not named, that fit several entities ("the Shanghai academic": Yu Jianhua or Zhao Long):
    # each group is met by a fact naming any one of them.
    described: list[tuple[str, ...]] = field(default_factory=list)
    # People named only as whose a thing is ("Xi's connectivity programme"): a fact may leave them out.
    owners: set[str] = field(default_factory=set)
    # Documents described by what they are about ("per the report on the Shaanxi talks"): each description's
    # words, and the things it names (those describe the document, not what is asked of it).
    document_topics: list[str] = field(default_factory=list)
    topic_entities: set[str] = field(default_factory=set)
    # The source documents those descriptions fit, once looked up: a fact from another does not answer.
    documents: set[str] = field(default_factory=set)
    affiliation: bool = False  # "where does X work": the organisation, not a place
    wanted: str | None = None  # the kind of thing "which company" asks for (an entity type), if it says
    wanted_count: int | None = None  # how many of them "which two countries" asks for
    kind_word: str | None = (
        None  # a narrower kind than the type ("which universities"): its name or description says it
    )
    # The years asked about as a range ("before 2024": (None, 2023), "since 1997": (1997, None)); either end open.
    period: tuple[int | None, int | None] | None = None
    # The period describes a thing asked about ("the early-2000s doctrine"): a fact that gives no year at all may
    # still be about it.
    period_describes: bool = False
    # "Who first put forward X?": who did something (not "who is", "which ministers")
    asks_doer: bool = False
    units: tuple[str, ...] = ()  # figure units the question asks for (folded), from a measure word
    measure: str | None = None  # the measure word as asked ("length", "annual capacity")
    measure_noun: bool = False  # the measure word names the quantity ("length"), unlike "how long"
    actor: bool = False  # "who financed …": whoever did it (a person, organisation or country), not a speaker
    deed: str | None = None  # what the actor did, as asked ("financed")
    current: bool = False  # "who is the president": the holder now, not a former one
    whose: bool = False  # "whose idea was X": who came up with it (a look-up that still wants a name)
    one_person: bool = False  # "which official said …": a person the fact names, not a group it quotes
    cause: bool = False  # "what triggered X": a fact must state a cause, not only tell of X
    # "Where is X headquartered/held/based?": a place the sources name, not a description ("in border regions").
    located: bool = False
    # "Where is AidData based / located?": where the thing itself is, as a fact describing it says.
    seated: bool = False
    # Things the question sets aside ("apart from Tajikistan, which country …"): not an answer to it.
    set_aside: set[str] = field(default_factory=set)
    regional: bool = False  # "which Central Asian country …": one of the five
    # Countries a place question puts the thing in ("where exactly in Tajikistan is the base?"): answered by a
    # place within one of them, not by another country nor the region around it.
    within: set[str] = field(default_factory=set)
    precision: str | None = None  # "day", "month" or "year": "which month" wants more than a year
    amount: bool = False  # "how much": an amount (money, a share, a length), never a count of things
    exact: bool = False  # "exactly how many": an estimate or a bound does not answer
    money: bool = False  # a bare "how much" (no measure, no "of"): a sum of money is the likelier answer
    polar: bool = False  # a yes/no question ("Did the SCO act …?"): what the sources say about it answers
    # "Does the Himalaya piece's figure square with the AidData total?": two things held up against each other,
    # each told by facts of its own.
    sides: bool = False
    # "Which pipeline …": a kind of thing the sources name one by one, asked for by its name (see `INSTANCE_KINDS`).
    instance: Concept | None = None
    # Asks about an announcement or a plan ("when did Beijing reveal …", "when was Xi due to visit?"): a fact
    # telling that something would happen dates it.
    announced: bool = False
    # "The first meeting": a fact telling of another one ("the second meeting") is not about it.
    ordinal: str | None = None
    ranked: bool = False  # the ordinal is a rank ("ranks third"): a fact must give that rank
    # Where a figure asked for went ("… went into the gas pipeline"): a fact must be linked to it.
    destinations: set[str] = field(default_factory=set)
    # A history between two points ("loans to Kazakhstan from 2008 to the launch of the BRI"): the things named
    # at the ends. A step between them need not name them, only what the history is of.
    ends: set[str] = field(default_factory=set)
    spanned: bool = False
    often: bool = False  # "how often", "how many times": a frequency in words ("many times") answers too
    # "How many Confucius Institutes …": the thing counted is an entity, which a fact must name (a count of years
    # of relations between the countries named counts something else).
    counted_entity: str | None = None
    lasting: bool = False  # "for how long has …": a span in words ("over the past two decades") answers too
    spanning: bool = False  # "what time span does it cover": a fact giving a span ("since 2000") answers best
    access: bool = (
        False  # asks for a document itself ("the original link", "where can I read the full report")
    )
    holders: dict[str, list[str]] = field(default_factory=dict)  # fact id -> who holds the role asked about
    # "What's her role at AidData?": the stems of the roles the people named hold (set when answering)
    roles: list[frozenset[str]] = field(default_factory=list)
    # fact id -> how many things it lists ("how many"), or the number it says before them, as written ("five")
    listed: dict[str, int | str] = field(default_factory=dict)
    # "How many experts does she name …": the names a statement gives count, even as examples ("experts such as
    # A, B and C"), which otherwise are some of the things, not all.
    names_counted: bool = False
    valued: set[int] = field(default_factory=set)  # rids of facts giving an amount the question names
    stated: list[Stated] = field(default_factory=list)  # amounts and shares written with their unit
    unknown: list[str] = field(default_factory=list)  # concept words found nowhere in the sources
    respelled: list[tuple[str, str]] = field(default_factory=list)  # (as typed, as read): slips undone

    @property
    def focus(self) -> str:
        """What is asked about the entities, in the question's own words."""
        return " ".join(c.text for c in self.concepts)


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
    "abt": "about",
    "info": "information",
    "thx": "thanks",
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


# "What % of Uzbeks …" asks for a percentage (the sign is no word).
_PERCENT_ASKED = (re.compile(r"\b(what|which|how many)\s*%", re.I), r"\1 percentage")

# "Operate outside China": abroad, which the sources say as "international services" or "overseas" (the country
# would otherwise be read as a thing asked about, and "outside" is found nowhere).
_OUTSIDE_CHINA = (re.compile(r"\boutside (?:of )?(?:china|the prc|mainland china)\b", re.I), "abroad")

# A currency written with its country's letters ("US$127 billion") names a currency, not the country.
_CURRENCY_PREFIX = (re.compile(r"\b(?:US|A|C|NZ|HK|S)\$"), "$")
# … and so do "US dollars" ("in billions of US dollars": a unit, not the United States).
_CURRENCY_NAME = (re.compile(r"\b(?:US|U\.S\.|American) (dollars?)\b", re.IGNORECASE), r"\1")

# "Who leads Tajikistan?" asks who holds a role, as "Who is the leader of Tajikistan?" does (and "lead" alone
# would meet "would lead to consequences").
_ROLE_VERBS = (
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


def _amounts_written(text: str) -> str:
    def spelled(m: re.Match[str]) -> str:
        n, word = _SPELLED[m.group(1).casefold()], m.group(2)
        return str(n * 100) if word.casefold() == "hundred" else f"{n} {word}"

    text = _SPELLED_AMOUNT.sub(spelled, text)
    return _DOLLARS.sub(lambda m: f"${m.group(1)}" + (f" {m.group(2)}" if m.group(2) else ""), text)


def _expanded(text: str) -> str:
    text = _unabbreviated(text)
    for pattern, replacement in (
        *_CONTRACTIONS,
        *_ROLE_VERBS,
        _CURRENCY_PREFIX,
        _CURRENCY_NAME,
        _PERCENT_ASKED,
        _OUTSIDE_CHINA,
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
# To a comma, or to the end of the question after one ("…in early 2011, not counting the uranium purchase?").
_SET_ASIDE = re.compile(
    rf"\b{_ASIDE_WORDS}\s+([^,;:?!.]+?)\s*[,;:]|\bwithout\s+([^,;:?!.]{{1,40}}?)\s*[?!.]?\s*$"
    rf"|[,;]\s*{_ASIDE_WORDS}\s+([^,;:?!.]{{1,60}}?)\s*[?!.]?\s*$"
    r"|^\s*([^,;:?!.]{1,60}?)\s+aside\s*[,;:]",
    re.IGNORECASE,
)
# "Which Central Asian country / states …": the kind asked for is one of the five.
_REGIONAL = re.compile(r"\b(which|what)( other)? central asian (countr|states?\b|republics?\b|nations?\b)")
NEVER_WORDS = frozenset({"never"})
# A question opened by what it sets aside: "Apart from Tajikistan, <the question>".
_LEADING_ASIDE = re.compile(rf"^\s*{_ASIDE_WORDS}\s+[^,;:?!.]+?\s*[,;:]\s*(.+)$", re.IGNORECASE)
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
            if tail:
                order = [*range(i + 1), *range(j, j + tail), *range(i + 1, j), *range(j + tail, len(words))]
                # (words set aside all lie outside the span moved: a phrase is not rejoined across them)
                if any(k in aside for k in range(i, j + 1)):
                    break
                return [written[k] for k in order], [words[k] for k in order], aside
    return written, words, aside


def _concept(
    text: str,
    alternatives: tuple[str, ...],
    counted: bool = False,
    head: bool = False,
    origin: bool = False,
    required: bool = False,
    named: bool = False,
) -> Concept:
    alts = tuple(dict.fromkeys((text, *alternatives)))
    stems = tuple(tuple(stem(w) for w in a.split()) for a in alts)
    singles = frozenset(s[0] for s in stems if len(s) == 1)
    return Concept(
        text,
        alts,
        stems,
        counted,
        head,
        singles,
        tuple(frozenset(s) for s in stems if len(s) > 1),
        frozenset(stems[0]),
        origin,
        required,
        named,
    )


# "Who financed / built / signed …" asks for whoever did it — a government, a bank or a person — not for whoever
# is quoted in a fact about it.
_ACTOR = re.compile(
    r"^(?:who|whom|which(?: \w+){1,3}?) (financed|funded|finances|funds|built|builds|constructed|paid|pays|lent|"
    r"lends|loaned|"
    r"signed|founded|established|created|launched|initiated|owns|owned|operates|operated|runs|ran|invested|"
    r"invests|bought|buys|sold|sells|supplied|supplies|donated|provided|provides|hosted|hosts|organised|"
    r"organized|backed|sponsored|supported|supports|controls|controlled|wrote|authored|published|released|"
    r"issued|drafted|commissioned|produced|prepared|conducted|succeeded|replaced)\b"
)

_DAY = re.compile(r"\b(what|which) (exact |precise )?(date|dates|day)\b|\b(exact|precise) (date|day)\b")
_MONTH = re.compile(r"\b(what|which) month\b|\b(exact|precise) month\b")
_WHO_DID = re.compile(r"^who (?:first |originally |actually |really )?(?!is\b|are\b|was\b|were\b|s\b)\w+")
_WHICH_YEAR = re.compile(r"\b(what|which) year\b|\b(exact|precise) year\b|\byear exactly\b")


_PERIOD_PREPOSITIONS = frozenset(
    {
        "in",
        "during",
        "from",
        "since",
        "before",
        "after",
        "until",
        "till",
        "to",
        "by",
        "throughout",
        "over",
        "of",
        "between",
        "around",
        "through",
        "across",
        "within",
    }
)


# What a decade before it describes rather than dates: ideas are stated without a year.
_IDEA_NOUNS = frozenset(
    {
        "doctrine",
        "doctrines",
        "concept",
        "concepts",
        "thinking",
        "policy",
        "policies",
        "approach",
        "outlook",
        "vision",
        "strategy",
        "diplomacy",
        "idea",
        "ideas",
        "ideology",
        "principles",
        "framework",
    }
)


def _precision(folded: str) -> str | None:
    """How precise a date the question asks for: "on what date" a day, "in which month" a month, "in which
    year" a year (not the decade a source may give instead)."""
    if _DAY.search(folded):
        return "day"
    if _MONTH.search(folded):
        return "month"
    return "year" if _WHICH_YEAR.search(folded) else None


_AMOUNT = re.compile(r"\bhow much\b")
# "How much did China spend" asks for money; "how much of its financing" for a part of something, in any unit.
_MONEY = re.compile(r"\bhow much\b(?! of\b)")
_EXACT = re.compile(r"\b(exact|exactly|precise|precisely)\b")
_PLURAL = re.compile(r"^who (are|were)\b")
_CURRENT = re.compile(r"^(who (is|are)|what (is|s|are) the names? of)\b")

# Courtesy before the question ("Could you tell me when…", "I wonder how many…"): the intent is read after it.
_PREAMBLE = re.compile(
    r"^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(tell|show|remind|give|let) (me|us)"
    r"( know)?( please)? |^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(walk|talk|take) (me|us)"
    r" through |^(please |kindly )?(do|does) (you|anyone) (happen to )?know |^(please |kindly )"
    r"|^i (would|d) (like|love) to know |^i (want|need) to know |^i (wonder|am wondering|was wondering)"
    r"( if you could tell me)? |^i (am|m) (trying|keen|curious) to (remember|recall|find out|know|understand) "
    # A claim to check ("is it true that …"): what the sources say of it is the answer, read like the claim.
    r"|^(is it (really )?(true|correct|right|accurate|the case|so) that |(am i|are we) (right|correct) (in thinking|to"
    r" (think|say)) that |(can|could) (you|anyone) (confirm|check|verify) (that |whether |if )?|(true or false|fact"
    r" check|check|confirm|verify)( that)? )"
)


# A claim put with a tag asking to check it ("40% of Kazakhs unfavourable toward China, true?"): courtesy after
# the question, and a yes/no question.
_CHECK_TAGS = r"true|correct|true or false|right or wrong|yes or no"
_CHECK_TAG = re.compile(rf" ({_CHECK_TAGS})$")
# Courtesy after it ("…, can you list them?"): not what the question is about.
_CODA = re.compile(
    r" ((can|could|would|will) (you|anyone) (please )?(list|name|tell|give|remind|show)( them| it| me| us)?"
    rf"( please)?|please|thanks|thank you|{_CHECK_TAGS})$"
)


# Greetings and apologies before a question ("Hi, sorry if this is basic - what exactly is AidData?").
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening))(?: there| all| everyone| team| folks)?"
    r"|(?:sorry|apologies)(?: if (?:this|it) (?:is|s) (?:a |an )?(?:basic|silly|stupid|dumb|obvious|naive|newbie)"
    r"(?: question| one)?| to (?:bother|trouble|disturb|pester) you)?|quick (?:question|check|one)|one more "
    r"(?:question|thing)|quick q"
    # what the answer is for ("for my memo:", "for a footnote -"): the asker's purpose, not the question's subject
    r"|for (?:my|a|the|our|this) (?:memo|footnote|note|notes|brief|briefing|draft|slides|deck|thesis))(?: |$)"
)


def _lead(folded: str, *, please: bool = True) -> int:
    """How many characters of courtesy open the question: greetings and apologies, then a request ("could you
    tell me"); 0 when none. `please`: whether a bare "please" counts."""
    at = 0
    while (greeting := _GREETING.match(folded[at:])) is not None:
        at += greeting.end()
    lead = _PREAMBLE.match(folded[at:])
    if lead and (please or lead.group(0).strip() != "please"):
        at += lead.end()
    return at


def _courtesy(folded: str) -> tuple[int, int]:
    """How many words of courtesy open and close the question (none are what it asks about)."""
    opening = len(folded[: _lead(folded, please=False)].split())
    coda = _CODA.search(folded)
    return opening, len(coda.group(0).split()) if coda else 0


# Things the sources name one by one ("the Ozodi Tunnel"): "which <kind>" asks for one by its name.
_INSTANCE_KINDS = (
    "pipeline",
    "plant",
    "tunnel",
    "railway",
    "highway",
    "dam",
    "refinery",
    "factory",
    "mine",
    "port",
)
INSTANCE_KINDS = frozenset(
    {
        *_INSTANCE_KINDS,
        *(k[:-1] + "ies" if k.endswith("y") and k[-2] not in "aeiou" else k + "s" for k in _INSTANCE_KINDS),
    }
)


def _instance_asked(intent: str, concepts: list[Concept]) -> Concept | None:
    """The kind of thing a which-question asks for, when it is a kind the sources name one by one."""
    if intent != "list":
        return None
    head = next((k for k, c in enumerate(concepts) if c.head), None)
    if head is None:
        return None
    # The kind may follow the head read from a coordination: "which oil or gas pipelines" asks for pipelines.
    return next((c for c in concepts[head : head + 3] if c.text in INSTANCE_KINDS), None)


def _transition_ends(words: list[str], ends: dict[int, str], intent: str) -> set[str]:
    """The two things a timeline goes between when one became the other ("a timeline of the Shanghai Five
    becoming the SCO"): each step of it names one or the other."""
    if intent != "timeline":
        return set()
    at = next(
        (
            k
            for k, w in enumerate(words)
            if w in _BECOMING or w in _GROWN_INTO or (w in _GROWING and words[k + 1 : k + 2] == ["into"])
        ),
        None,
    )
    # (`ends`: where each name ends, the index after it, and what it names)
    named = sorted(ends.items())
    if at is None:
        # "How did the Shanghai grouping go from a border-settling club to a full organisation?": from one to the
        # other, or from the one named first to the other.
        start = words.index("from") if "from" in words else None
        stop = (
            next((k for k in range(start + 1, len(words)) if words[k] in _SPAN_ENDS), None) if start else None
        )
        if start is None or stop is None:
            return set()
        inside = [entity for end, entity in named if start < end <= stop]
        beyond = [entity for end, entity in named if end > stop + 1] or [
            e for end, e in named if end <= start
        ]
        if not inside or not beyond or inside[0] == beyond[0]:
            return set()
        return {inside[0], beyond[0]}
    before = [entity for end, entity in named if end <= at]
    after = [entity for end, entity in named if end > at + 1]
    if not before or not after:
        return set()
    return {before[-1], after[0]}


# Past forms a relative clause's verb may take besides "-ed" ("the forum Beijing set up", "the body it grew into").
_PAST_FORMS = frozenset(
    {
        "grew",
        "built",
        "gave",
        "led",
        "made",
        "took",
        "won",
        "set",
        "held",
        "began",
        "wrote",
        "sent",
        "paid",
        "lent",
        "put",
        "brought",
        "sought",
        "struck",
        "drew",
        "spent",
        "chose",
        "became",
        "went",
        "saw",
        "met",
        "got",
        "left",
    }
)
_ADVERBS_BEFORE_VERB = frozenset(
    {"later", "first", "once", "then", "had", "has", "have", "jointly", "formally"}
)
# Words before a name that are no noun its clause describes: a verb of saying or thinking ("say Kazakhstan joined"),
# a time ("the year Kazakhstan joined" dates what is asked), an ordinal ("the first China + Central Asia meeting held").
_NOT_DESCRIBED = frozenset(
    {
        "think",
        "thinks",
        "believe",
        "believes",
        "argue",
        "argues",
        "claim",
        "claims",
        "report",
        "reports",
        "note",
        "notes",
        "mean",
        "means",
        "suggest",
        "suggests",
        "confirm",
        "confirms",
        "deny",
        "denies",
        "after",
        "before",
        "since",
        "when",
        "year",
        "time",
        "day",
        "month",
        "first",
        "second",
        "third",
        "last",
        "next",
        "latest",
        "new",
    }
)


# Words a "that" clause completes rather than describes: it is what is claimed or checked.
_TOLD_THAT = frozenset(
    {
        "true",
        "correct",
        "right",
        "accurate",
        "case",
        "so",
        "fact",
        "clear",
        "sure",
        "likely",
        "possible",
        "evidence",
        "claim",
        "claims",
        "view",
        "idea",
        "notion",
        "belief",
        "argument",
        "assertion",
        "suggestion",
        "report",
        "reports",
        "news",
        "sign",
        "signs",
        "proof",
        "chance",
        "hope",
        "fear",
        "fears",
        "concern",
        "concerns",
    }
)


def _in_relative_clause(words: list[str], start: int, end: int) -> bool:
    """Whether the entity at words[start:end] is the subject of a clause describing the noun before it, "that" or
    not: "the forum (that) Beijing sponsored", "the spirit the SCO later grew out of"."""
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    that = at >= 1 and words[at - 1] in {"that", "which"}
    if that:
        at -= 1
    if at < 2:  # a noun, and something before it ("what body …"), or it is no clause
        return False
    noun = words[at - 1]
    if noun in STOPWORDS or noun in _NOT_DESCRIBED or noun.endswith(("ed", "ing")) or noun.isdigit():
        return False
    if that and noun in _TOLD_THAT:
        return False  # "is it true that Jiang proposed …", "the claim that Beijing funded …": what is told
    k = end
    while k < len(words) and words[k] in _ADVERBS_BEFORE_VERB:
        k += 1
    return k < len(words) and (words[k].endswith("ed") or words[k] in _PAST_FORMS)


def _words_in(words: list[str], found: re.Match[str]) -> list[int]:
    """The indexes of the words a match in the words joined by single spaces starts within."""
    out, at = [], 0
    for k, word in enumerate(words):
        if found.start() <= at < found.end():
            out.append(k)
        at += len(word) + 1
    return out


def _asked(folded: str) -> str:
    """The question after any courtesy before it."""
    at = _lead(folded)
    if at and not folded[at:].startswith("about "):  # "tell me about X" is itself the question
        return folded[at:]
    return folded


# People who write or are quoted as experts: a country or a description before them says which source is meant
# ("the Georgian analyst", "the Virginia researchers").
_SCHOLARS = frozenset(
    {
        "analyst",
        "analysts",
        "academic",
        "academics",
        "lecturer",
        "professor",
        "researcher",
        "researchers",
        "scholar",
        "scholars",
        "expert",
        "experts",
        "commentator",
        "commentators",
        "historian",
        "economist",
        "pundit",
        "guy",  # "the Carnegie Moscow guy", "the Carnegie man"
        "man",
        "woman",
    }
)
# "think-tanker": one of a think tank's people.
_TANKERS = frozenset({"tanker", "tankers"})
# Who or what a country's name can describe rather than be asked about: "the Georgian analyst", "an
# Ankara-based think tank", "the Canberra academic".
_SOURCE_NOUNS = _SCHOLARS | {
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "think",  # "think tank", "think-tank"
    "institute",
    "university",
    "outlet",
    "newspaper",
    "magazine",
    "journal",
    "website",
}


# Words asking how much something changed, not how much it is.
_CHANGE_WORDS = (
    "increase",
    "grow",
    "growth",
    "rise",
    "rose",
    "grew",
    "decline",
    "decrease",
    "drop",
    "fall",
    "fell",
    "shrink",
    "double",
    "triple",
    "halve",
    "jump",
    "surge",
    "change",
    "changed",
)
_CHANGES = frozenset(stem(w) for w in _CHANGE_WORDS)
# Becoming a member, asked about as what happened later than something (see `understand`).
_JOINING = frozenset(stem(w) for w in ("become", "became", "join", "joined", "admitted", "accede", "acceded"))
_WENT = frozenset(
    {"went", "go", "goes", "gone", "going", "flowed", "spent", "channelled", "channeled", "directed"}
)
_INTO = frozenset({"to", "into", "on", "towards", "toward"})
_CREDIT = frozenset({"credit", "credits", "credited", "crediting"})
_RANKING_WORDS = frozenset(
    {"top", "main", "leading", "chief", "principal", "most", "first", "second", "third"}
)
_LATER = frozenset({"since", "later", "subsequently", "recently", "newly", "afterwards"})
# "Did the share go up or down since the last survey?": a change asked for in words that are no concept.
_UP_OR_DOWN = re.compile(
    # ("A power station going up on the river" is being built.)
    r"\b(?:up or down|down or up)\b|\b(?:gone|went) (?:up|down)\b"
    r"|\bgo (?:up|down)(?= (?:or|since|after|before|between|from|over|by)\b|\s*$)"
)

# The nouns of a source described instead of named, by the kind of entity they describe.
_DESCRIBED_PEOPLE = _SCHOLARS | {"specialist", "fellow"}
_DESCRIBED_ORGANISATIONS = frozenset(
    {
        "lab",
        "laboratory",
        "tank",
        "institute",
        "university",
        "outlet",
        "magazine",
        "newspaper",
        "centre",
        "center",
        "team",  # "the Williamsburg team": the lab
        "study",  # "the Williamsburg study": the lab's
    }
)
_DESCRIBED_MOST = 4  # a description fitting more entities than this is too loose to stand for them
_MODIFIERS_MOST = 3


def _described_sources(
    words: list[str], used: list[bool], entities: EntityIndex
) -> list[tuple[int, int, list[EntityRecord]]]:
    """Sources described by words the question uses for them ("the Virginia lab", "the Virginia research lab",
    "Shanghai academic"): each described noun with the words before it that are no name already, as (start,
    end, the entities that every one of those words describes). Nouns no entity fits are left as they are."""
    out = []
    for at, noun in enumerate(words):
        if used[at]:
            continue
        if noun in _DESCRIBED_PEOPLE or (noun in _TANKERS and words[at - 1 : at] == ["think"]):
            types = {"person"}
        elif noun in _DESCRIBED_ORGANISATIONS and not (noun == "tank" and words[at - 1 : at] != ["think"]):
            types = {"organisation"}
        else:
            continue
        first = at - 1 if noun == "tank" or noun in _TANKERS else at
        start = first
        while (
            start > 0
            and first - start < _MODIFIERS_MOST
            and not used[start - 1]
            and words[start - 1] not in STOPWORDS
            and words[start - 1] not in QUESTION_WORDS
            and not words[start - 1].isdigit()
        ):
            start -= 1
        modifiers = [w for w in words[start:first] if w != "based"]
        if not modifiers:
            continue
        found = entities.described(modifiers, types, head=" ".join(words[first : at + 1]))
        if 0 < len(found) <= _DESCRIBED_MOST:
            out.append((start, at + 1, found))
    return out


# "Serikkaliyeva's view", "Putz's article": whose words they are, which a fact must attribute to her.
# "By the lab's reckoning": whose figures, whatever else the word means in the thesaurus ("reckon" = argue).
_RECKONING = frozenset(
    {"reckoning", "estimate", "estimates", "estimation", "tally", "calculation", "calculations"}
)
_SAYING_NOUNS = frozenset(
    {
        "view",
        "views",
        "opinion",
        "article",
        "paper",
        "report",
        "study",
        "analysis",
        "words",
        "account",
        "argument",
        "assessment",
        "claim",
        "claims",
        "book",
        "piece",
        "essay",
        "remarks",
        "comments",
        "judgement",
        "judgment",
        "reading",  # "per Himalaya's reading of AidData"
        "interpretation",
        "verdict",
        "take",
        *_RECKONING,
    }
)


# "What did Nazarbayev say at the forum?", "what does Clarke argue about Xinjiang?": the name before one of these
# verbs is the speaker, whose words the fact must give (the verb frames the question: "said" answers "argue").
_SAYING_VERBS = frozenset(
    {
        "say",
        "said",
        "argue",
        "argued",
        "think",
        "thought",
        "believe",
        "claim",
        "claimed",
        "contend",
        "write",
        "wrote",
        "stress",
        "stressed",
        "suggest",
        "suggested",
        "warn",
        "warned",
        "note",
        "noted",
        "make",  # "what does Putz make of …"
    }
)


# "The report on the Shaanxi talks", "AidData's study of Beijing's public outreach": a document named by what it
# is about. The description runs to the next verb or question word (at most a few words).
_DOCUMENT_NOUNS = frozenset({"report", "article", "paper", "piece", "study", "analysis", "story", "essay"})
_ABOUT = frozenset({"on", "about", "of", "covering", "into", "regarding"})
_TOPIC_ENDS = frozenset(
    {
        "that",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "how",
        "when",
        "where",
        "why",
        "is",
        "was",
        "are",
        "were",
        "does",
        "did",
        "do",
        "has",
        "have",
        "had",
        "say",
        "says",
        "said",
        "cover",
        "covers",
        "describe",
        "describes",
        "published",
        "available",
        "mention",
        "mentions",
        "name",
        "names",
        "per",
        "according",
    }
)
_TOPIC_MOST = 8
_TOPICS_MOST = 2


# The kind of document, before its noun: "the news report on …", "the research paper on …".
_DOCUMENT_KINDS = frozenset(
    {"news", "newspaper", "press", "magazine", "journal", "research", "policy", "blog", "wire"}
)


def _document_topics(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each description of a document by its subject; the words from two before `start` (its
    noun and preposition, and a word for its kind before those) describe it too."""
    out = []
    for at in range(len(words) - 2):
        if words[at] not in _DOCUMENT_NOUNS or words[at + 1] not in _ABOUT:
            continue
        # "the study on how Beijing tries to win over …": a question word opening the subject is part of it
        end = at + 3 if words[at + 2] in {"how", "why", "what", "whether", "when", "where"} else at + 2
        while (
            end < len(words)
            and end - at - 2 < _TOPIC_MOST
            and words[end] not in _TOPIC_ENDS
            and words[end] not in _DOCUMENT_NOUNS  # "… and the report on …": another document
        ):
            end += 1
        if any(w not in STOPWORDS for w in words[at + 2 : end]):
            out.append((at + 2, end))
    return out[
        :_TOPICS_MOST
    ]  # each is looked up among the sources: a long line of them costs no more than two


def _speaks(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] is the speaker of "what did X say …" (a question asking what, not
    who: "who did Xi say …" is not about Xi's words)."""
    return (
        end < len(words)
        and words[end] in _SAYING_VERBS
        and words[end + 1 : end + 2] not in (["tank"], ["tanks"], ["tanker"])  # "the Ankara think tank"
        and words[start - 1 : start] in (["did"], ["does"], ["do"], ["the"])
        and words[0] in {"what", "how"}
    )


def _cites(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] is who the question asks the answer according to."""
    # (past an article: "per the Corridors of Power report", "according to the Central Asia Barometer")
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    before = words[max(at - 2, 0) : at]
    after = words[end : end + 3]
    return (
        before == ["according", "to"]
        or before[-1:] == ["per"]
        or (
            after[:1] == ["s"]
            and not _SAYING_NOUNS.isdisjoint(after[1:])
            and not _after_work(words, start, end)
        )
    )


def _staff_after(words: list[str], end: int) -> int:
    """How many words after a source's name are its possessive and the role of someone of it ("'s policy
    chief"), if they are; else 0."""
    if words[end : end + 1] != ["s"]:
        return 0
    size = 0
    for k in range(end + 1, min(end + 4, len(words))):
        if words[k] in _STAFF_NOUNS:
            size = k + 1 - end
        elif words[k] not in _STAFF_QUALIFIERS:
            break
    return size


def _after_work(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] dates what is asked as later than its work: "since Serikkaliyeva's
    article was written", "after Putz's piece"."""
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    return words[at - 1 : at] in (["since"], ["after"]) and words[end : end + 1] == ["s"]


SOURCE_TYPES = frozenset({"organisation", "person"})  # who can publish or write a source document
# Someone of a source cited by its possessive: "according to The Diplomat's writer", "per AidData's policy chief".
# The role says whose words are meant, not what they are about. (A run of these ending in a noun of them.)
_STAFF_NOUNS = _SCHOLARS | {
    "writer",
    "writers",
    "author",
    "authors",
    "reporter",
    "reporters",
    "correspondent",
    "journalist",
    "columnist",
    "editor",
    "editors",
    "staffer",
    "staffers",
    "chief",
    "head",
    "director",
    "boss",
    "people",
    "team",
}
_STAFF_QUALIFIERS = frozenset(
    {"policy", "research", "lead", "senior", "chief", "own", "top", "managing", "staff"}
)
_WORK_DONE = frozenset({"written", "wrote", "published", "appeared", "released", "came", "out"})

_MENTION_PHRASES = frozenset(
    (verb, particle)
    for verbs, particle in (
        (("bring", "brings", "brought", "bringing"), "up"),
        (("touch", "touches", "touched"), "on"),
        (("talk", "talks", "talked"), "about"),
        (("refer", "refers", "referred"), "to"),
    )
    for verb in verbs
)
_RELATION_WORDS = frozenset(
    {
        "link",
        "links",
        "linked",
        "linking",
        "connected",
        "connection",
        "connections",
        "connect",
        "connects",
        "tied",
    }
)


# The endings of adjectives that describe rather than name ("theoretical", "sensitive", "strategic", "famous").
_ADJECTIVE = re.compile(r"..(?:al|ive|ic|ous)$")


def _compound_head(words: list[str], used: list[bool], at: int) -> bool:
    """Whether the word at `at`, just after the noun "which"/"what" asks for, is the last word of that noun
    ("which policy bank put up …"), not the verb after it ("which country signed …")."""
    return (
        at + 1 < len(words)
        and not used[at]
        and words[at] not in STOPWORDS | QUESTION_WORDS
        and not words[at].endswith(("ed", "ing"))
        and words[at] not in _VERBS
    )


_VERBS = frozenset(
    {
        "live",
        "work",
        "receive",
        "join",
        "sign",
        "attend",
        "visit",
        "gain",
        "become",
        "became",
        "hold",
        "have",
        "sell",
        "provide",
        "offer",
        "operate",
        "employ",
        "run",
        "own",
        "use",
        "send",
        "supply",
        "export",
        "import",
        "deploy",
        "take",
        "took",
        "get",
        "got",
        "make",
        "made",
        "belong",
    }
)


SERIES_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
# "The first meeting", "its second summit": which one of a series is asked about. Only after a determiner: "what
# came first" and "first president" name no place in a series of events.
_ORDINAL = re.compile(
    rf"\b(?:the|its|their|his|her)\s+({'|'.join(SERIES_ORDINALS)})\b"
    # a rank: "which country ranks third" (not "which came first", an order of two things)
    rf"|\b(?:ranks?|ranked|ranking|placed)\s+({'|'.join(SERIES_ORDINALS)})\b"
)

_SPANNING = re.compile(
    r"\b(?:time span|timespan|time frame|timeframe|time period|period)\b|\bcover(?:s|ed)?\b"
)
_OFTEN = re.compile(r"\bhow (?:often|many times|frequently)\b")
_LASTING = re.compile(
    r"\bfor how long\b|\bhow long (?:has|have|had)\b"
    # "for how many decades have ties been friendly": a span, "since 1991" in words
    r"|\bhow many (?:years|decades) (?:has|have|had)\b"
)

# Words right after "how many" that leave what is counted unsaid ("… how many are there", "how many does it have").
_ELIDED_AFTER_HOW_MANY = frozenset({"are", "were", "is", "was", "do", "does", "did", "has", "had"})


def _counted_follows(words: list[str], used: list[bool], at: int) -> bool:
    """Whether a noun saying what is counted starts at `at`, after a verb ("how many are full members") rather
    than the verb's subject or a place ("how many does the SCO have", "how many are in the SCO")."""
    return at < len(words) and not used[at] and words[at] not in STOPWORDS | QUESTION_WORDS | {"there"}


def _verb_after_plural(noun: str, following: str) -> bool:
    """Whether `following` is the verb of a plural subject ("countries gained", "people live"), which ends
    the run of words naming what "how many" counts."""
    plural = noun.endswith("s") or noun in {"people", "personnel", "staff"}
    return plural and (following.endswith("ed") or following in _VERBS)


def _describes_source(words: list[str], end: int) -> int:
    """How many words after a name ending before `end` make it an adjective of a source ("Georgian analyst":
    1, "Ankara think tank": 2, "Ankara-based think tank": 3); 0 when it is not one."""
    at = end + 1 if words[end : end + 1] == ["based"] else end
    # "Georgian think-tank analyst": every source noun of the run.
    while at < len(words) and words[at] in _SOURCE_NOUNS:
        if words[at] == "think":
            if words[at + 1 : at + 2] not in (["tank"], ["tanker"], ["tankers"]):
                break  # "Georgian analysts think …": the verb
            at += 1
        at += 1
    return at - end


def _source_before(words: list[str], start: int) -> int | None:
    """Where the source noun is that a place after it says where the source is ("the Carnegie man in Moscow",
    "an analyst from Kazakhstan", "the scholar based in Almaty"), if one is."""
    at = start - 1 - (words[start - 2 : start] in (["based", "in"], ["based", "at"]))
    if at < 1 or words[start - 1] not in {"in", "from", "at"}:
        return None
    return at - 1 if words[at - 1] in _SOURCE_NOUNS and words[at - 1] != "think" else None


# "How many experts does Serikkaliyeva name …": a count of the names given.
_NAMING_VERBS = frozenset(
    [
        "name",
        "names",
        "named",
        "naming",
        "mention",
        "mentions",
        "mentioned",
        "cite",
        "cites",
        "cited",
        "list",
        "lists",
        "listed",
        "identify",
        "identifies",
        "identified",
    ]
)
# Words after "which …" that end the run of words naming the kind of thing wanted: a verb, or the sources.
_PAST_THE_NOUN = _VERBS | _NAMING_VERBS | {"source", "sources"}

_LOCATED = re.compile(
    r"\b(headquartered|headquarters|based|located|situated|seated|housed|hosted|held|host|hold|convened|sited"
    # where a one-off thing was done: "where was the 2003 program signed?"
    r"|signed|founded|established|announced|proclaimed|launched|unveiled|adopted"
    r"|sign|found|establish|announce|proclaim|launch|unveil|adopt)\b"
)
_WHOSE = re.compile(
    r"^whose (idea|ideas|brainchild|initiative|proposal|concept|plan|vision|invention|doing|notion) (was|is|were|are)\b"
)
# "Which Kazakh official said …" (one, by name): a claim the sources put to "Kazakhstani officials" names nobody.
_PEOPLE = (
    r"(person|official|expert|analyst|scholar|minister|leader|president|diplomat|spokesperson|spokesman|spokeswoman|"
    r"researcher|author|academic|lecturer|professor|commentator|economist|journalist|writer)"
)
_ONE_PERSON = re.compile(rf"\bwhich (\w+ ){{0,3}}{_PEOPLE}\b")
# "Which AidData researchers wrote …", "which ministers signed …": whoever did it, but people, not a government.
_PEOPLE_ASKED = re.compile(rf"^which (\w+ ){{0,3}}{_PEOPLE}s?\b")
# "How high do Kazakh officials rank relations with China?" asks for a priority, not a figure.
_RANK_ASKED = re.compile(
    r"^how (?:high|low|highly) (?:do|does|did|is|are|was|were)\b.*\b(?:rank|ranks|ranked|rate|rates|rated|prioriti[sz]e)"
)
# "Where does the bulk of the financing go, by sector?" asks for sectors.
_SECTORS = frozenset({"sector", "sectors", "industry", "industries"})
# "What time span does the study cover?", "from what year does the data run?": when, and over what period, is the
# frame.
_SPAN_FRAME = frozenset({"cover", "covers", "covered", "run", "runs"})
# "Why does Beijing care about …", "why does the unrest matter": why a thing counts is what a why question asks.
_WHY_FRAME = frozenset({"care", "cares", "cared", "matter", "matters", "mattered"})
_WHERE_FRAME = frozenset({"located", "situated", "headquartered", "based"})
_COMPARING = frozenset({"compared", "comparing", "compares"})
_CITING = frozenset({"cites", "cite", "cited", "quotes", "quote", "quoted"})
_CITING_WHO = frozenset({"it", "they", "she", "he"})
# "Where does Zhao Long work?" asks for the institution, not a place.
_AFFILIATION = re.compile(
    r"^where (does|did|do|is|was) (.+ )?(work|works|worked|teach|teaches|taught|employed|study|studies|studied"
    r"|based)\b"
)


# Asking for a document itself (a link, the full text, where to read it): no fact holds that.
# Or for the page around it (a byline, an advert, the cookie notice): page furniture never becomes a fact.
_ACCESS = re.compile(
    r"\b(source link|original link|link to (the|this|that)|url|web address|download|pdf|full text|"
    r"full (report|article|paper|study)|read the (whole|full|rest|remainder)|"
    r"(rest|remainder) of (the|her|his|their|this|that) (\w+ )?(article|report|paper|piece|text|study|document)|"
    r"where can i (read|find|get|access|download)|how (can|do) i (read|get|access|download)|job title|"
    r"research interests|contact details|email address|biography|bio|"
    r"subscribe|subscription|paywall|bylines?|photo credits?|adverts?|advertisements?|cookies?|newsletters?|"
    r"sidebar|breadcrumbs?|comment section|comments section|share buttons?|section label|login|photographer|"
    # who took or supplied a picture: its credit line
    r"(took|take|taken|shot|supplied|supply|provided|credited|credit for) (the |that |this )?"
    r"(photo|photograph|picture|image|pic)s?)\b"
)
# "Does A square with / fit with / agree with B": two things held up against each other.
_HELD_AGAINST = re.compile(
    r"\b(?:squares?|tall(?:y|ies)|consistent|in line|in keeping|match(?:es)?|fits?|agrees?|accords?) with\b"
)
# A yes/no question: it opens with its verb.
_POLAR = re.compile(r"^(did|does|do|is|was|are|were|has|have|had|can|could|will|would|should)\b")
# Words for announcing, and for a plan rather than the deed ("when was Xi due / expected / set to visit?").
_ANNOUNCING = frozenset(
    stem(w)
    for w in ("announce", "announcement", "say", "said", "declare", "state", "statement", "confirm", "reveal")
)
_PLANNED = frozenset(
    {"due", "expected", "scheduled", "planned", "planning", "plan", "plans", "set", "would", "will"}
)
# A claim to check is a yes/no question too, whatever follows ("is it true that China lent $2 billion …").
_CLAIM_CHECK = re.compile(
    r"\b(is it (really )?(true|correct|right|accurate|the case|so) that|true or false|fact check|"
    r"(can|could) (you|anyone) (confirm|check|verify)|(am i|are we) (right|correct) (in thinking|to (think|say)))\b"
)
# A question opened by a condition: "When/If <not a question's verb> …, <the question>".
_AUXILIARIES = r"did|does|do|is|was|are|were|will|would|has|have|had|can|could|should|shall|might|may|must"
_CONDITION = re.compile(
    rf"^\s*(?:when|if|once|whenever|while)\s+(?!(?:{_AUXILIARIES})\b)[^,?]+,\s*"
    rf"((?:{_AUXILIARIES}|what|how|who|which|why|where)\b.*)$",
    re.IGNORECASE | re.DOTALL,
)


# "Which alliances have analysts compared the SCO to?": what it was likened to, the object put first; no two
# things are set side by side.
_LIKENED_TO = re.compile(r"^(?:which|what)\b.*\b(?:compared?|likened)\b.*\b(?:to|with)\W*$")


_ASKING = re.compile(rf"\b({'|'.join(w for w in ASKING_WORDS if w not in {'many', 'much'})})\b")


def _measure_size(words: list[str], at: int, thesaurus: Thesaurus) -> int:
    """How many words of a measure as listed ("exchange rate") start at `at` (0 if none)."""
    return next(
        (
            size
            for size in range(thesaurus.longest, 0, -1)
            if at + size <= len(words) and " ".join(words[at : at + size]) in thesaurus.measures
        ),
        0,
    )


def detect_intent(folded: str) -> str:
    folded = _asked(folded)
    for intent, pattern in _INTENTS:
        if intent == "compare" and _LIKENED_TO.search(folded):
            continue
        if pattern.search(folded):
            return intent
    return "other"


# "The big Chinese bank behind the loan - which one was it?": the thing asked about, put first, then the question
# about it, which refers back to it.
_TOPIC_FIRST = re.compile(
    r"^(?P<topic>.+?)(?:\s+[-–—]|\s*:)\s+(?P<question>(?:which|who|whom|when|where|what|how|in which|in what)\b.*)$",
    re.IGNORECASE,
)
_BACK = re.compile(r"\b(it|this|that|them|these|those|they|he|she)\b(?!\s+(?:is|was|the|a)\b)", re.IGNORECASE)
_WHICH_ONE = re.compile(r"^which one (?:was|is) (?:it|that)\b", re.IGNORECASE)


# "What did X agree / sign / decide …": the thing done is what the question asks for.
_WHAT_DID = re.compile(r"^what (did|does|do|has|have|will|would)\b")
_DEEDS = frozenset(
    stem(w)
    for w in (
        "agree",
        "sign",
        "decide",
        "propose",
        "offer",
        "announce",
        "pledge",
        "promise",
        "adopt",
        "approve",
        "launch",
        "demand",
        "request",
        "recommend",
    )
)
_LISTING_VERBS = frozenset({"list", "name", "enumerate"})
_HOW_MUCH_MORE = re.compile(r"\bhow (much|many) (more|less|fewer|bigger|larger|smaller|higher|lower)\b")
_COMPARATIVES = frozenset(
    {
        "more",
        "less",
        "bigger",
        "larger",
        "greater",
        "smaller",
        "higher",
        "lower",
        "longer",
        "shorter",
        "fewer",
    }
)


# What a thing's description calls the one that went before it ("forerunner of the Shanghai Cooperation Organisation").
_FORERUNNER_WORDS = frozenset({"forerunner", "predecessor", "precursor"})
_FORERUNNER_TYPES = {"group", "organisation", "initiative", "project", "document", "concept", "event"}


# "the club that came before the SCO", "the body which replaced the Shanghai Five": a relation that describes the
# thing asked about by another thing.
_DESCRIBING_RELATIONS = (
    ("came", "before"),
    ("come", "before"),
    ("preceded",),
    ("succeeded",),
    ("replaced",),
    ("grew", "into"),
    ("turned", "into"),
    ("became",),
)


# The nouns of states a country once held ("former Soviet republics").
_STATES = frozenset(
    {w for w, kind in ENTITY_TYPE_NOUNS.items() if kind == "country"}
    | {"republic", "republics", "members", "stans"}
)
# A ranking counted from a thing: "second after Kazakhstan", "next behind", "below".
_RANKED_FROM = frozenset({"after", "behind", "below", "beneath"})
_RANK_WORDS = frozenset(
    {"second", "third", "fourth", "next", "runner", "rank", "ranks", "ranked", "ranking", "most"}
)


def _describing_frame(words: list[str], start: int) -> list[int]:
    """The words just before the name at `start` that make it the description of another thing: "the ethos behind
    the Shanghai bloc", "the club that came before the SCO". The thing asked about is that other one, and a fact
    about it need not name what describes it. Empty when there are none. ("Who is behind X" asks who: not this.)"""
    at = start - (words[start - 1 : start] == ["the"])
    if at >= 2 and words[at - 1] == "behind" and words[at - 2] not in STOPWORDS | QUESTION_WORDS:
        return [at - 1]
    if (
        at >= 1
        and words[at - 1] in _RANKED_FROM
        and any(w in _RANK_WORDS or w.endswith("est") for w in words)
    ):
        # "the second-largest recipient after Kazakhstan", "ranks behind Kazakhstan": the one ranked above is
        # where the ranking starts; a fact giving the rank need not name it.
        return [at - 1]
    for relation in _DESCRIBING_RELATIONS:
        first = at - len(relation) - 1
        if first >= 1 and words[first] in {"that", "which"} and tuple(words[first + 1 : at]) == relation:
            return list(range(first, at))
    return []


def topic_first(text: str) -> str:
    """The question with the thing it refers back to in place: "the tunnel in the Tajik mountains — when was the
    deal for it signed?" is "when was the deal for the tunnel in the Tajik mountains signed?". Unchanged when the
    first part is itself a question or the second does not refer back to it."""
    found = _TOPIC_FIRST.match(text.strip())
    if found is None:
        return text
    topic, question = found.group("topic").strip(), found.group("question")
    if detect_intent(topic.casefold()) != "other" or topic.endswith("?"):
        return text  # "what is Beijing after in Astana — is it just about money?": two questions
    topic_words = _WORD.findall(topic.casefold())
    # (Courtesy is read with a word after it, as in a question: "quick one" alone ends nothing.)
    if len(topic_words) < 2 or _courtesy(" ".join([*topic_words, "x"]))[0] >= len(topic_words) - 1:
        return text  # "Quick one: how does …", "Question: …": courtesy, not a thing asked about
    if (which_one := _WHICH_ONE.match(question)) is not None:
        # "… - which one was it?": which <the thing described>.
        bare = re.sub(r"^(the|a|an)\s+", "", topic, flags=re.IGNORECASE)
        return f"which {bare}{question[which_one.end() :]}"
    backs = list(_BACK.finditer(question))
    if not backs:
        return text
    last = backs[-1]
    return f"{question[: last.start()]}{topic}{question[last.end() :]}"


def understand(text: str, entities: EntityIndex, thesaurus: Thesaurus, *, figures: bool = False) -> Question:
    """Read a question (or a few keywords) into intent, entities, concepts, time and expected answer.
    `figures`: asked by a command that wants figures whatever the wording (`/figure gas pipeline capacity`)."""
    original, text = text, _amounts_written(topic_first(text))
    written, words, aside = _rejoin_particles(*_tokens(text), thesaurus)
    folded = " ".join(words)
    asked = _asked(folded)
    intent = detect_intent(folded)
    if (clause := _CONDITION.match(clean(text)) or _LEADING_ASIDE.match(clean(text))) is not None:
        # "When peaceful demonstrations break out, can the SCO's leaders agree …?", "Apart from Tajikistan, which
        # country …?": what follows the comma is the question.
        intent = detect_intent(" ".join(_WORD.findall(clause.group(1).casefold())))
    answer_type = ANSWER_TYPES[intent]
    if (intent == "how_much" and _RANK_ASKED.search(folded)) or (
        intent == "where" and not _SECTORS.isdisjoint(words)
    ):
        answer_type = "text"  # a priority, not a figure; the sectors money goes to, not a place
    used = [k in aside for k in range(len(words))]
    opening, closing = _courtesy(folded)
    for k in [*range(opening), *range(len(words) - closing, len(words))]:
        used[k] = True

    affiliation = intent == "where" and (found := _AFFILIATION.match(asked)) is not None
    if affiliation and found is not None:
        verb = found.group(3)
        for k, word in enumerate(words):
            if word == verb:
                used[k] = True  # the question's frame, not a topic a fact must say
    regional = _REGIONAL.search(asked) is not None
    if regional:
        # "which Central Asian state": the kind asked for, checked on the things a fact names, not a word to say
        region_at = next(k for k in range(len(words) - 1) if words[k : k + 2] == ["central", "asian"])
        used[region_at] = used[region_at + 1] = True
    seated = intent == "where" and any(w in _WHERE_FRAME for w in words)
    if seated:
        for k, word in enumerate(words):
            if word in _WHERE_FRAME:
                used[k] = True  # "where is AidData located": where the thing is, the question's frame
    if intent == "why":
        for k, word in enumerate(words):
            if word in _WHY_FRAME:
                # "why does Beijing care about the region", "why does the article say the unrest matters": what
                # makes it count, the frame of the question
                used[k] = True
    if intent == "when":
        for k, word in enumerate(words):
            if (
                word in _SPAN_FRAME
                or (word == "time" and words[k + 1 : k + 2] in (["span"], ["frame"], ["period"]))
                # "over what period did …": the frame
                or (word in {"period", "stretch"} and k and words[k - 1] in {"what", "which"})
                # "how many years ago": when, counted back
                or (word in {"years", "decades", "months", "ago"} and "ago" in words[k : k + 2])
            ):
                used[k] = True
    for k, word in enumerate(words):
        if (word in _CREDIT and "with" in words[k + 1 : k + 8]) or word in {"credited", "crediting"}:
            # "Which leaders does she credit with the Shanghai Spirit?", "who is credited for the photo?": whose
            # idea or work it was; crediting frames it (a credit line of a loan stays a word asked about).
            used[k] = True
    squared = False
    if (
        _POLAR.match(asked)
        and (held := _HELD_AGAINST.search(folded)) is not None
        # (two amounts stated side by side are checked against the facts giving them: `two_amounts`)
        and not any(ch.isdigit() for ch in folded)
    ):
        # "does A square with B": the question's frame; each side is told by facts of its own
        squared = True
        for k in _words_in(words, held):
            used[k] = True
    if intent == "compare":
        for k, word in enumerate(words):
            if word in _COMPARING:
                # "how does A's share compared to B's": the comparison's frame ("compared to" is also how a fact
                # says what something was called, which a comparison does not ask).
                used[k] = True
                if words[k + 1 : k + 2] in (["to"], ["with"]):
                    used[k + 1] = True
    for k in range(1, len(words)):
        if words[k] in _CITING and words[k - 1] in _CITING_WHO:
            # "the AidData figure it cites": which figure, in the document's words; citing is not the topic.
            used[k] = True
    cause = _CAUSE.search(asked) if intent == "why" else None
    if cause is not None:
        # "What triggered the crisis?": the verb frames the question; the fact must give a cause (see `cause`).
        frame = cause.group("verb") or cause.group("noun")
        for k, word in enumerate(words):
            if word == frame.split()[0]:
                used[k] = True
                break
    if intent == "timeline":
        # "… step by step", "key moments … over the years", "how has X evolved": the history is what is asked;
        # those words frame it.
        for frame in _TIMELINE_FRAME.finditer(folded):
            for k in _words_in(words, frame):
                used[k] = True
    if intent == "why" and (point := _POINT_OF.search(asked)) is not None:
        # "What was the original point of the Shanghai Five?": its purpose; "point" frames the question.
        for k, word in enumerate(words):
            if word == "point" and point.group(0).endswith("point of"):
                used[k] = True
                break
    for k in range(2, len(words)):
        if words[k] in {"capacity", "role", "status", "standing", "capacities", "roles"} and words[
            k - 2 : k
        ] in (
            ["in", "what"],
            ["with", "what"],
        ):
            # "… and in what capacity / with what standing?": asks for the standing a fact gives (observer,
            # partner), not a capacity.
            used[k] = True
    if (whose := _WHOSE.match(asked)) is not None:
        # "Whose idea was the Harmonious World?" asks who came up with it: the noun frames the question.
        for k, word in enumerate(words):
            if word == whose.group(1):
                used[k] = True
                break
    named: dict[str, EntityRecord] = {}
    ends: dict[int, str] = {}  # where a name ends (the index after it) -> its entity
    named_at: set[int] = set()  # where a name starts
    descriptors: set[str] = set()
    describes_people: set[str] = set()
    owners: set[str] = set()
    sources: set[str] = set()
    speakers: set[str] = set()
    later_than: set[str] = set()
    spans = entities.mention_spans(words, written)
    # A phrase the thesaurus points to an entity outranks a name inside it: "the Uyghur homeland" is Xinjiang,
    # not the Uyghurs.
    phrases = [
        (i, i + size)
        for size in range(min(thesaurus.longest, len(words)), 1, -1)
        for i in range(len(words) - size + 1)
        if thesaurus.entity_words.get(" ".join(words[i : i + size])) in entities.by_id
    ]
    if phrases:
        spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in phrases)]
    topics = _document_topics(words)
    # (The document's noun and preposition describe it too: "report" is not asked about.)
    in_topic = {
        k for a, b in topics for k in range(a - 3 if a >= 3 and words[a - 3] in _DOCUMENT_KINDS else a - 2, b)
    }
    topic_entities = {entity.id for start, _, entity in spans if start in in_topic}
    if any(
        a[1] + 1 == b[0]
        and words[a[1]] == "or"
        # "Who got more Chinese money, Kazakhstan or Turkmenistan?": a choice between the two it ends with.
        and (intent in {"other", "list", "what_is"} or (intent in {"who", "which"} and b[1] == len(words)))
        for a, b in itertools.pairwise(sorted(spans, key=lambda s: s[0]))
    ):
        # "Do Kyrgyz respondents see Moscow or Beijing in a worse light?": the one against the other.
        intent, answer_type = "compare", ANSWER_TYPES["compare"]
    elif (
        (
            (intent == "other" and _POLAR.match(asked))
            # "How much more Chinese cash went to Kazakhstan than to Turkmenistan?": the two figures side by side
            or (intent in {"how_much", "how_many"} and _HOW_MUCH_MORE.search(folded) is not None)
        )
        and "than" in words
        and not _COMPARATIVES.isdisjoint(words)
        and sum(1 for _, _, e in spans if e.type == "country") >= 2
    ):
        # "Did Kyrgyzstan get more Chinese financing than Tajikistan?": each country's own figure, side by side.
        intent, answer_type = "compare", ANSWER_TYPES["compare"]
    set_aside: set[str] = set()
    for start, end, entity in spans:
        named_at.add(start)
        marker = 0 if any(used[start:end]) else _set_aside_before(words, start)
        if marker or any(used[start:end]):
            for k in range(start - marker, end):
                used[k] = True
            if marker or any(k in aside for k in range(start, end)):
                set_aside.add(entity.id)
            continue  # set aside: "Apart from China, which countries…", "which countries other than China"
        if entity.type == "country" and (
            words[start - 1 : start] == ["post"]
            or (
                words[start - 1 : start] in (["former"], ["ex"])
                and words[end : end + 1]
                and words[end] in _STATES
            )
        ):
            # "the post-Soviet republics", "two former Soviet republics": what the states were, not a thing asked
            # about (the Soviet Union is not what a fact about them names).
            for k in range(start - 1, end):
                used[k] = True
            continue
        if _cites(words, start, end):
            sources.add(entity.id)
            for k in range(end, end + _staff_after(words, end)):
                used[k] = True
        elif (
            entity.type in SOURCE_TYPES
            and words[start - 1 : start] in (["when"], ["as"], ["while"])
            and words[end : end + 1] in (["was"], ["were"])
            and words[end + 1 : end + 2] in (["writing"], ["written"])
        ):
            # "when Serikkaliyeva was writing": the time of her article, which "at the time of the article"
            # says; neither she nor her writing is asked about.
            for k in range(start - 1, end + 2):
                used[k] = True
            continue
        elif entity.type in SOURCE_TYPES and _after_work(words, start, end):
            later_than.add(entity.id)
            # "… was written", "… came out": when the work appeared frames the question.
            for k in range(end, min(end + 5, len(words))):
                if words[k] in _WORK_DONE:
                    used[k] = True
        elif entity.type == "person" and _speaks(words, start, end):
            # A person's words, not an organisation's: what AidData "says" is anything its report gives.
            sources.add(entity.id)
            speakers.add(entity.id)
            used[end] = True
        lead = start
        if (
            entity.type == "country"
            and start >= 3
            and words[start - 3] == "the"
            and words[start - 1] == "rich"
        ):
            # "the gas-rich Turkmen republic": an epithet of the country, not a thing the question asks about.
            used[start - 2] = used[start - 1] = True
            lead = start - 2
        if (
            entity.type == "country"
            and words[lead - 1 : lead] == ["the"]
            and words[end : end + 1] in (["capital"], ["republic"])
            and words[end + 1 : end + 2] != ["s"]
        ):
            # "The Kazakh capital" is Astana, which is the country's name in the sources as much as its own
            # ("Chinese capital went to …" is money); "the Kazakh republic" is the country.
            used[end] = True
        if (
            entity.type in {"country", "place"}
            and words[max(0, start - 2) : start] != ["how", "many"]  # "how many Chinese experts": counted
            and (described := _describes_source(words, end))
        ):
            descriptors.add(entity.id)
            if any(w in _SCHOLARS or w in _TANKERS for w in words[end : end + described]):
                describes_people.add(entity.id)
            # The source's noun goes with its country: "the Ankara think tank" is met by a fact quoting a think
            # tank from Turkey, whatever the fact calls it ("the ANKASAM analysis").
            for k in range(end, end + described):
                used[k] = True
        elif entity.type in {"country", "place"} and (noun := _source_before(words, start)) is not None:
            # "the Carnegie man in Moscow", "an analyst from Kazakhstan": where the source is, after it.
            descriptors.add(entity.id)
            if words[noun] in _SCHOLARS:
                describes_people.add(entity.id)
            for k in range(noun, start):
                used[k] = True
        elif (
            entity.type == "person"
            and words[end : end + 1] == ["s"]
            and end + 1 < len(words)
            and _SAYING_NOUNS.isdisjoint(words[end + 1 : end + 3])  # "Serikkaliyeva's full article"
        ):
            # "Xi's connectivity programme", "Hu's doctrine on development": the person names whose the thing
            # is; a fact about the thing need not name them.
            owners.add(entity.id)
        elif frame := _describing_frame(words, start):
            owners.add(entity.id)
            for k in frame:
                used[k] = True
        elif _in_relative_clause(words, start, end):
            # "the forum Beijing sponsored", "the spirit the SCO grew out of": the thing is described by what
            # the entity did; a fact about the thing need not name it.
            owners.add(entity.id)
        named.setdefault(entity.id, entity)
        ends[end] = entity.id
        for k in range(start, end):
            used[k] = True
    for size in range(min(thesaurus.longest, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if any(used[i : i + size]):
                continue
            span = size
            entity_id = thesaurus.entity_words.get(" ".join(words[i : i + size]))
            if (
                entity_id is None
                and size >= 2
                and i + size < len(words)
                and not used[i + size]
                and words[i + size - 1] not in STOPWORDS
            ):
                # "the five-nation border mechanism": a word qualifying the phrase's noun, before it
                entity_id = thesaurus.entity_words.get(" ".join([*words[i : i + size - 1], words[i + size]]))
                span = size + 1
            if entity_id and entity_id in entities.by_id:
                named.setdefault(entity_id, entities.by_id[entity_id])
                if frame := _describing_frame(words, i):
                    owners.add(entity_id)
                    for k in frame:
                        used[k] = True
                if i in in_topic:
                    topic_entities.add(entity_id)
                named_at.add(i)
                ends[i + span] = entity_id
                for k in range(i, i + span):
                    used[k] = True
    # "The SCO's forerunner", "the SCO's 1990s predecessor": the thing whose description says it went before.
    for k, word in enumerate(words):
        if word not in _FORERUNNER_WORDS or used[k]:
            continue
        back = k - 1
        while back > 0 and k - back <= 2 and not used[back] and words[back] != "s":
            back -= 1  # past a modifier or two ("1990s", "original")
        owner_id = ends.get(back) if back > 0 and words[back] == "s" else None
        if owner_id is None or owner_id not in named:
            continue
        owner = named[owner_id]
        earlier = next(
            (
                went_before[0]
                for noun in sorted(_FORERUNNER_WORDS)
                if len(
                    went_before := entities.described([noun, *fold(owner.name).split()], _FORERUNNER_TYPES)
                )
                == 1
            ),
            None,
        )
        if earlier is not None and earlier.id != owner_id:
            del named[owner_id]
            named.setdefault(earlier.id, earlier)
            used[k] = True
    groups: list[tuple[str, ...]] = []
    described_ends: set[int] = set()
    for start, end, fitting in _described_sources(words, used, entities):
        described_ends.add(end)
        # "The Virginia lab", "which Shanghai academic": a source described instead of named is the one (or one
        # of the few) whose own description says so.
        if _cites(words, start - (words[start - 1 : start] == ["the"]), end):
            sources.update(e.id for e in fitting)
        if len(fitting) == 1:
            named.setdefault(fitting[0].id, fitting[0])
        else:
            groups.append(tuple(e.id for e in fitting))
        for k in range(start, end):
            used[k] = True

    for k in range(1, len(words) - 1):
        if (
            words[k] == "s"
            and used[k - 1]
            and words[k + 1] in _SAYING_NOUNS
            and (words[k + 1] in _RECKONING or not thesaurus.synonyms_by_stem.get(stem_key(words[k + 1])))
        ):
            # "in the Kazakh academic's judgement": whose words, not what they are about (a saying noun the
            # thesaurus knows, "view", still finds the facts that say what someone argues).
            used[k + 1] = True
    if affiliation and found is not None and found.group(3) == "based":
        # "Where is Michael Clarke based?" asks for his institution; "where is the Secretariat based?", a place.
        affiliation = any(e.type == "person" for e in named.values())
    years: list[int] = []
    period: dict[str, int] = {}
    period_describes = False
    for i, word in enumerate(words):
        if _YEAR.match(word):
            bound = next((b for n in (2, 1) if (b := _BOUNDS.get(tuple(words[max(i - n, 0) : i])))), None)
            if bound is not None and i and not (words[i - 1] == "from" and "to" in words[i + 1 : i + 2]):
                period[bound[0]] = int(word) + bound[1]
            else:
                years.append(int(word))
            used[i] = True
            # "In early 2011", "by mid-2024", "at the end of 2019": a part of the year is still that year (the
            # facts date most things to a year or a month).
            for n in (2, 1):
                if tuple(words[max(i - n, 0) : i]) in _PART_OF_YEAR:
                    for k in range(i - n, i):
                        used[k] = True
                    break
        elif (decade := _decade(word)) is not None and not period:
            # "the 1990s", "in the mid-nineties": the years of the decade (or of its part) bound those asked about.
            part = _DECADE_PARTS.get(words[i - 1]) if i else None
            first, last = (decade + part[0], decade + part[1]) if part else (decade, decade + 9)
            # The word before it: "from the early 2000s", "before the 1990s".
            around = set(words[i - 2 - bool(part) : i - bool(part)])
            if around & {"before"}:
                period["to"] = first - 1
            elif around & {"after"}:
                period["from"] = last + 1
            elif around & {"from", "since"}:
                period["from"] = first
            elif around & {"until", "till", "to", "through"}:
                period["to"] = last
            else:
                period.update({"from": first, "to": last})
                # "Beijing's early-2000s security doctrine": the decade describes an idea (when it dates from), it
                # does not ask what happened then ("the 1990s border talks" are dated then).
                before = [w for w in words[max(0, i - 3 - bool(part)) : i - bool(part)] if w != "the"][-1:]
                period_describes = (
                    not set(before) & _PERIOD_PREPOSITIONS
                    and not _IDEA_NOUNS.isdisjoint(words[i + 1 : i + 3])
                ) or i + 1 in named_at  # "the 1990s five-nation grouping": when the thing named after it was
            used[i] = True
            if part:
                used[i - 1] = True
        elif (
            word.isdigit()
            or word in {"bn", "mn", "billion", "million", "trillion", "percent", "cent"}
            or _SCALED.match(word)
        ):
            used[i] = True  # numbers are read from the text below, with their scale
            if i and words[i - 1] in _APPROXIMATIONS:
                used[i - 1] = True
    # "Key dates from recognition up to the big 2002 treaty", "from 2008 to the launch of the BRI": a history
    # between two points.
    from_at = words.index("from") if intent == "timeline" and _FROM_TO.search(folded) else None
    if from_at is not None and years:
        # A year at an end bounds the history.
        start = from_at
        end = next((k for k in range(start + 1, len(words)) if words[k] in _SPAN_ENDS), len(words))
        for k in range(start + 1, len(words)):
            if _YEAR.match(words[k]) and int(words[k]) in years:
                period["to" if k > end else "from"] = int(words[k])
                years.remove(int(words[k]))
    # An amount or a share written with its unit ("$2 billion", "40%"): a yes/no question states it to check,
    # perhaps as a bound ("fewer than 35%", "more than a quarter").
    line = text[:MAX_QUESTION_CHARS]
    stated = [
        Stated(
            m.value,
            "USD" if m.currency else "percent",
            line[a:b].strip(),
            _bound_before(line[:a]),
            whole=_WHOLE_BEFORE.search(" ".join(line[:a].casefold().split())) is not None,
        )
        for a, b, m in number_spans(line)
        if m.currency or m.percent
    ]
    for found in _FRACTION.finditer(line):
        if (limit := _bound_before(line[: found.start()])) is not None:
            stated.append(Stated(_FRACTIONS[found.group(1).casefold()], "percent", found.group(1), limit))
    # (A bound is no amount the facts should give: "fewer than 35%" is not about a fact giving 35%.)
    bounded = [s.value for s in stated if s.bound]
    if bounded:
        # "fewer than a third": the check's words, not things asked about
        for k, word in enumerate(words):
            if word in _BOUND_WORDS:
                used[k] = True
    numbers = [
        m.value
        for m in numbers_in(line)
        if (not _YEAR.match(f"{m.raw:g}") or m.currency)
        and not any(math.isclose(m.value, v) for v in bounded)
    ]

    # A measure word asks for a figure in its units when the question asks for a figure or what something is,
    # or opens with it ("Length in kilometres of …"); elsewhere it is an ordinary word ("Which countries share
    # a border?").
    units: tuple[str, ...] = ()
    measure: str | None = None
    measure_shown: str | None = None
    measure_noun = False
    measured_from: int | None = None  # where "<measure> of …" names what is measured ("share of world trade")
    content = [i for i, w in enumerate(words) if not used[i] and w not in STOPWORDS]
    longest = thesaurus.longest
    # "What is the Kazakhstan–China border length?" asks for a figure too: a "what is" question is about its
    # measure word wherever it stands.
    anywhere = figures or answer_type == "figure" or intent == "what_is"
    # The unit after "how many/much" first: "share how many km" asks for kilometres, not a share.
    after_how = [i for i in content if i >= 2 and words[i - 2] == "how" and words[i - 1] in {"many", "much"}]
    # Opening the question means its first word ("Length in kilometres of …", "The share of …") or a noun
    # ("Kazakhstan share of Chinese financing"), not a verb after the names ("Does Beijing share media content").
    leading = [
        i
        for i in content[:1]
        if i == 0
        or (i == 1 and words[0] in {"the", "a", "an"})
        or words[i + 1 : i + 2] in (["of"], ["in"])
        # "What interest rate did China charge …": the measure is the thing "what" asks for
        or words[i - 1 : i] in (["what"], ["which"])
    ]
    # ("How long is China's frontier with Kyrgyzstan compared with Tajikistan's?": a comparison of figures.)
    how_measured = [i for i in content if i >= 1 and words[i - 1] == "how"] if intent == "compare" else []
    # A few keywords with no asking word ("tenge to usd exchange rate today?") ask for what their measure names,
    # wherever it stands, as a "what is" question does; the longest measure first.
    # (Not a claim to check: "SCO's 2015 share of world GDP a third?" states the figure.)
    if (
        intent == "other"
        and not _POLAR.match(asked)
        and _ASKING.search(asked) is None
        and not stated
        and _FRACTION.search(line) is None
    ):
        leading = sorted(content, key=lambda i: -_measure_size(words, i, thesaurus))[:1]
    for i in [*after_how, *content] if anywhere else [*how_measured, *leading]:
        for size in range(longest, 0, -1):
            phrase = " ".join(words[i : i + size])
            key = stem_key(phrase)
            if (
                i + size <= len(words)
                and key in thesaurus.measures_by_stem
                and not any(used[i : i + size])
                # Opening the question, only the measure word as listed: "Shared worries" is no share.
                and (anywhere or i in after_how or phrase in thesaurus.measures)
            ):
                units, measure = thesaurus.measures_by_stem[key], phrase
                # Echoed as written when it is an acronym ("the GDP"), so a notice reads right.
                measure_shown = " ".join(
                    w if w.isupper() and len(w) > 1 else w.casefold() for w in written[i : i + size]
                )
                if words[i + size : i + size + 1] == ["of"]:
                    measured_from = i + size + 1
                measure_noun = not (i > 0 and words[i - 1] == "how")  # "how long" names no quantity
                for k in range(i, i + size):
                    used[k] = True
                answer_type = "figure"
                if intent not in {"how_much", "how_many", "compare"}:
                    intent = "how_much"
                break
        if measure:
            break
    if measure:
        # "Length in kilometres": the other words of the same measure say the same thing again.
        for i in content:
            own = thesaurus.measures_by_stem.get(stem(words[i]), ())
            if not used[i] and set(own) & set(units):
                used[i] = True
                if "in" in words[max(0, i - 3) : i] and set(own) < set(units):
                    units = tuple(u for u in units if u in own)  # "GDP … in dollars": that unit, not a share

    names_counted = intent == "how_many" and not _NAMING_VERBS.isdisjoint(words)
    if names_counted:
        for k, word in enumerate(words):
            if word in _NAMING_VERBS:
                used[k] = True  # the question's frame: the fact names them, whatever verb it uses
    if len(words) >= 3 and words[-2] in {"work", "works", "worked"} and words[-1] in {"for", "at"}:
        # "Which Georgian think tank does Emil Avdaliani work for?": the organisation is what is asked for; that
        # he works there is the question's frame, which the fact says as "Avdaliani of Geocase".
        used[len(words) - 2] = True
    if intent == "how_many" and words[-1:] and words[-1] in _VERBS and {"do", "does", "did"} & set(words):
        # "How many permanent bodies does the SCO run?": the closing verb only says the SCO has them.
        used[len(words) - 1] = True
    # The noun after "how many"/"which"/"what" names the kind of answer: for "how many" it is what is counted
    # (a concept a figure's unit can meet); after "which"/"what" a type noun only says entities are wanted.
    counted_at: int | None = None
    head_at: int | None = None
    wanted: str | None = None
    wanted_count: int | None = None
    kind_word: str | None = None
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) == ("how", "many") and i + 2 < len(words):
            counted_at = i + 2
            # What is counted is the noun, past names used as adjectives ("how many Central Asian ministers") and
            # the words that qualify it: the last word of the run before the verb ("how many registered private
            # security companies does …").
            while counted_at + 1 < len(words) and (used[counted_at] or written[counted_at][:1].isupper()):
                counted_at += 1
            if words[counted_at] in _ELIDED_AFTER_HOW_MANY and _counted_follows(words, used, counted_at + 1):
                counted_at += 1  # "how many are full members": the noun after the verb
            elif words[counted_at] in _VERBS or words[counted_at] in _ELIDED_AFTER_HOW_MANY:
                # "Of all the Chinese security outfits, how many operate abroad?": what is counted was said
                # before, the nearest noun ahead of "how many"; with none, nothing is counted.
                counted_at = next(
                    (
                        k
                        for k in range(i - 1, -1, -1)
                        if not used[k] and words[k] not in STOPWORDS | QUESTION_WORDS
                    ),
                    None,
                )
                continue
            while (
                counted_at + 1 < len(words)
                and not used[counted_at + 1]
                and words[counted_at + 1] not in STOPWORDS | QUESTION_WORDS
                and not _verb_after_plural(words[counted_at], words[counted_at + 1])
            ):
                counted_at += 1
        elif (
            words[i] in {"which", "what"}
            or (i == 0 and words[i] in _LISTING_VERBS)
            # "(give me) every country that …" asks for countries as "which countries" does
            or (words[i] in {"every", "each"} and intent == "list")
        ):
            # The noun may follow a named thing used as an adjective: "which Chinese bank".
            j = i + 1
            if words[i] in _LISTING_VERBS:
                # "List (all) the Central Asian cities that …" asks for cities as "which cities" does.
                while j < len(words) - 1 and words[j] in {"the", "all", "of"}:
                    j += 1
            # Past names used as adjectives ("which Chinese bank", "which Kazakh and Kyrgyz cities", however
            # many words each name takes) and a number ("which two questions"). Also past a framing adjective:
            # "which big Chinese bank", "which recent loans".
            passed = 0
            count: int | None = None
            while j < len(words) - 1 and passed < 2:
                if words[j].isdigit() or words[j] in NUMBER_WORDS:
                    count = int(words[j]) if words[j].isdigit() else _SPELLED.get(words[j])
                    if words[j] in NUMBER_WORDS:
                        # "Which two sensitive questions": how many answers are wanted, seldom a word the fact
                        # uses ("Taiwan and Tibet"). (Digits stay: "which 12 countries" may quote a figure.)
                        used[j] = True
                    j += 1
                    passed += 1
                elif used[j]:
                    j += 1
                elif (
                    words[j].isdigit()
                    or words[j] in NUMBER_WORDS
                    or words[j] in _FRAMING_ADJECTIVES
                    or (words[j] in {"and", "or"} and used[j - 1] and used[j + 1])
                ):
                    j += 1
                    passed += 1
                else:
                    break
            # A type noun after a few qualifying words still says what kind of thing is wanted: "which big
            # Chinese projects", "which New Silk Road projects".
            qualifying = 0
            for k in range(j, len(words)):
                if words[k] in TYPE_NOUNS and not used[k]:
                    j = k
                    break
                if not used[k] and (words[k] in STOPWORDS or words[k] in _PAST_THE_NOUN):
                    break  # past the noun: "which sources mention sister-city agreements"
                qualifying += 0 if used[k] else 1
                if qualifying >= 4:
                    break
            if (
                words[j] in TYPE_NOUNS
                and not used[j]
                and j + 1 < len(words)
                and not used[j + 1]
                and words[j + 1] in ENTITY_TYPE_NOUNS
                and words[j] not in ENTITY_TYPE_NOUNS
            ):
                # "which member states": the second noun says what kind of thing is wanted (countries).
                used[j] = True
                j += 1
            if j in described_ends:
                pass  # "which Shanghai academic calls …": the source described is what is asked for
            elif words[j] in TYPE_NOUNS and not used[j]:
                used[j] = True
                wanted = ENTITY_TYPE_NOUNS.get(words[j], wanted)
                wanted_count = count
                if words[j] in NARROW_KINDS:
                    kind_word = NARROW_KINDS[words[j]]
            elif not used[j] and words[j] not in STOPWORDS | QUESTION_WORDS:
                head_at = j
    for k in range(len(words) - 1):
        if (words[k], words[k + 1]) in _MENTION_PHRASES:
            used[k] = used[k + 1] = True  # "does the piece bring up the SCO": whether it says anything of it
    if len(named) >= 2:
        # "How is the Harmonious World concept linked to the SCO?": a fact about both says how; the link itself is
        # the question's frame, seldom the fact's word.
        for k, word in enumerate(words):
            if word in _RELATION_WORDS:
                used[k] = True
    if answer_type == "entities" and wanted is None and head_at is not None and intent == "list":
        # "Which legal labels has Washington pinned …", "which commodities": a thing the fact says, not a list of
        # named entities.
        answer_type = "text"
    heads = {head_at}
    if head_at is not None and _compound_head(words, used, head_at + 1):
        heads.add(head_at + 1)  # "which policy bank put up …": the noun is "bank", "policy" qualifies it
        if _ADJECTIVE.search(words[head_at]):
            # "which theoretical lens", "which legal labels": an adjective describes the thing asked for; the
            # sources may describe it otherwise, so a word of the asker's there does not say they lack it.
            heads.discard(head_at)
    # "The China–Kyrgyzstan–Uzbekistan railway": countries named one after another qualify the noun after them,
    # which is the thing asked about (a word for it found nowhere means the sources lack it).
    ordered = sorted((a, b) for a, b, e in spans if e.type == "country")
    for (_, end), (start, after) in itertools.pairwise(ordered):
        if end == start and after < len(words) and words[after] not in STOPWORDS | QUESTION_WORDS:
            heads.add(after)
    concepts: list[Concept] = []
    starts: dict[int, int] = {}  # word index -> the concept that starts there
    i = 0
    while i < len(words):
        skip = used[i] or words[i] in STOPWORDS or words[i] in QUESTION_WORDS or len(words[i]) < 2
        skip = skip and not (i == counted_at and not used[i] and words[i] not in STOPWORDS | COUNT_WORDS)
        # A thesaurus phrase counts even when it starts with a filler word ("come into being", "take part").
        for size in range(min(longest, len(words) - i), 0 if not skip else 1, -1):
            if any(used[i : i + size]):
                continue
            phrase = " ".join(words[i : i + size])
            group = thesaurus.synonyms_by_stem.get(stem_key(phrase), ())
            if size > 1 and not group:
                continue
            origin = stem_key(phrase) in thesaurus.origins_by_stem
            # A capital inside the question marks a name; the first word is capitalised whatever it is.
            capital = any(k > 0 and written[k][:1].isupper() for k in range(i, i + size))
            starts[i] = len(concepts)
            concepts.append(
                _concept(
                    phrase,
                    group,
                    counted=counted_at is not None and i <= counted_at < i + size,
                    head=i in heads,
                    origin=origin,
                    named=capital,
                )
            )
            for k in range(i, i + size):
                used[k] = True
            i += size
            break
        else:
            i += 1
    for k, index in starts.items():
        if k in in_topic:
            concepts[index] = dataclasses.replace(concepts[index], topic=True)
        elif from_at is not None and k > from_at:
            concepts[index] = dataclasses.replace(concepts[index], end=True)
    for i in range(len(words) - 2):
        if (
            (words[i], words[i + 1]) == ("how", "much")
            and (at := starts.get(i + 2)) is not None
            and words[i + 2] not in _COMPARATIVES  # "how much bigger was A than B": a difference, not a thing
        ):
            # "How much debt relief has China granted?": what is measured must be said; a fact with another amount
            # ("$9 billion of financing") does not answer.
            concepts[at] = dataclasses.replace(concepts[at], required=True)
    if _WHAT_DID.match(asked):
        # "What did Wang Yi and the Uzbek minister agree?": the deed is what is asked; a fact on their talks that
        # says no agreement does not answer.
        concepts = [
            dataclasses.replace(c, required=True) if not c.own.isdisjoint(_DEEDS) else c for c in concepts
        ]
    if not _LATER.isdisjoint(words):
        # "Which countries have become full members since India and Pakistan joined?", "which observers later
        # became members": the change is what is asked; a list of the members at one time does not say it.
        concepts = [
            dataclasses.replace(c, required=True) if not c.own.isdisjoint(_JOINING) else c for c in concepts
        ]
    if answer_type in {"entities", "person", "place"}:
        # "Which Central Asian country has never seen protests?": who or what did not is what is asked; facts
        # telling of those who did are no answer unless they say who never did.
        concepts = [dataclasses.replace(c, required=True) if c.own & NEVER_WORDS else c for c in concepts]
    destination: int | None = None
    if answer_type == "figure":
        # "What percentage of China's financing to Kazakhstan went into the gas pipeline?": a figure for where it
        # went, which its fact must name; Kazakhstan's 26% of the region's financing is not the pipeline's share.
        for k in range(len(words) - 2):
            if words[k] in _WENT and words[k + 1] in _INTO:
                destination = k + 2 + (words[k + 2 : k + 3] == ["the"])
                break
    if (
        destination is not None
        and (at := starts.get(destination)) is not None
        # ("went to the top recipient", "the largest": a description the figure's fact need not use)
        and words[destination] not in _RANKING_WORDS
        and not words[destination].endswith("est")
    ):
        concepts[at] = dataclasses.replace(concepts[at], required=True)
    if measured_from is not None:
        # "What share of world trade …": a figure measures the thing after "of", which its fact must say (a share
        # of the world's GDP is no share of world trade). The thing is the last word of the run that names it.
        run = []
        for k in range(measured_from, min(len(words), measured_from + 6)):
            if k in starts:
                run.append(starts[k])
            elif words[k] not in {"the", "s", "a", "an"} and (
                words[k] in STOPWORDS or words[k] in QUESTION_WORDS
            ):
                break  # past the run: a name ("China's") or a phrase's inner word goes on, a verb or "to" ends it
        thing = run[-1] if run else None
        if thing is not None:
            concepts[thing] = dataclasses.replace(concepts[thing], required=True)
    if answer_type == "figure":
        # "How much did the members' GDP grow between 2001 and 2015?" asks for a change: a figure for one year
        # is not it, so the fact must say the change.
        concepts = [
            dataclasses.replace(c, required=True) if not c.own.isdisjoint(_CHANGES) else c for c in concepts
        ]
    if _UP_OR_DOWN.search(folded) and all(c.own.isdisjoint(_CHANGES) for c in concepts):
        # "Has the SCO's share gone up?" asks for a change, however the question is put.
        concepts.append(_concept("change", _CHANGE_WORDS, required=True))
    if measure and (said := thesaurus.said_measures_by_stem.get(stem_key(measure))):
        concepts.append(
            _concept(measure, said, required=True)
        )  # "cost": a figure in dollars is not yet a cost
    elif measure and not concepts and not named:
        # "population" alone: the measure is all that is asked about, so the facts must say it.
        concepts.append(_concept(measure, thesaurus.synonyms_by_stem.get(stem_key(measure), ())))
    ordinal = _ORDINAL.search(folded)  # "the first meeting"; "ranks third" (group 2)
    # One concept per meaning: "founded … established" asks one thing twice.
    unique: dict[tuple[str, ...], Concept] = {}
    for concept in concepts:
        meaning = tuple(sorted(concept.alternatives))
        kept = unique.setdefault(meaning, concept)
        if concept.counted and not kept.counted:
            # "how many vaccine doses": the word counted stands for both, and keeps its role.
            unique[meaning] = concept
    concepts = list(unique.values())[:12]
    transition = _transition_ends(words, ends, intent)
    return Question(
        text=original,
        intent=intent,
        answer_type=answer_type,
        entities=list(named.values()),
        concepts=concepts,
        years=years[:4],
        descriptors=descriptors,
        describes_people=describes_people,
        described=groups,
        owners=owners,
        document_topics=[" ".join(written[a:b]) for a, b in topics],
        topic_entities=topic_entities & set(named),
        wanted=wanted if answer_type == "entities" else None,
        wanted_count=wanted_count if answer_type == "entities" else None,
        kind_word=kind_word if answer_type == "entities" else None,
        sources=sources,
        later_than=later_than,
        speakers=speakers,
        affiliation=affiliation,
        period=(period.get("from"), period.get("to")) if period else None,
        period_describes=period_describes and bool(period),
        asks_doer=_WHO_DID.match(fold(original)) is not None,
        numbers=numbers[:4],
        stated=stated[:4],
        units=units,
        measure=measure_shown,
        measure_noun=measure_noun,
        # "Who are the SCO's dialogue partners?" asks for whoever holds the role: countries as much as people.
        actor=answer_type == "person"
        and (bool(_ACTOR.match(asked)) or (intent == "who_is" and bool(_PLURAL.match(asked))))
        and not _PEOPLE_ASKED.match(asked),
        deed=deed.group(1) if answer_type == "person" and (deed := _ACTOR.match(asked)) else None,
        current=intent == "who_is" and bool(_CURRENT.match(asked)),
        whose=whose is not None,
        one_person=answer_type == "person" and bool(_ONE_PERSON.search(asked)),
        cause=cause is not None,
        names_counted=names_counted,
        located=answer_type == "place" and not affiliation and bool(_LOCATED.search(folded)),
        seated=seated and not affiliation and answer_type == "place",
        set_aside=set_aside,
        regional=regional,
        within={
            entity.id
            for start, _, entity in spans
            if answer_type == "place" and entity.type == "country" and words[start - 1 : start] == ["in"]
        }
        & set(named),
        precision=_precision(folded) if answer_type == "date" else None,
        amount=bool(_AMOUNT.search(folded)),
        money=not units and bool(_MONEY.search(folded)),
        polar=bool(_POLAR.match(asked) or _CLAIM_CHECK.search(folded) or _CHECK_TAG.search(folded)),
        sides=squared,
        instance=_instance_asked(intent, concepts),
        announced=any(c.said_in(_ANNOUNCING) for c in concepts) or not _PLANNED.isdisjoint(words),
        access=bool(_ACCESS.search(folded)),
        exact=bool(_EXACT.search(folded)),
        ordinal=(ordinal.group(1) or ordinal.group(2)) if ordinal else None,
        ranked=ordinal is not None and ordinal.group(2) is not None,
        spanned=from_at is not None or bool(transition),
        destinations={entity.id for start, _, entity in spans if start == destination} & set(named),
        ends=(
            {entity.id for start, _, entity in spans if from_at is not None and start > from_at} | transition
        )
        & set(named),
        often=bool(_OFTEN.search(folded)),
        counted_entity=next(
            (
                e.id
                for a, _, e in spans
                if e.type not in {"country", "person"}
                and a >= 2
                and words[a - 2 : a] == ["how", "many"]
                and e.id in named
            ),
            None,
        ),
        lasting=bool(_LASTING.search(folded)),
        spanning=intent == "when" and bool(_SPANNING.search(folded)),
    )
