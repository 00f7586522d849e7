"""The words that shape a question rather than name its subject: question words, verbs, words of relation and
mention.
"""

from __future__ import annotations

import re

from bot.factbase.text import MONTH_NAMES
from bot.understanding.spelling import ASKING_WORDS

# Words that shape the question rather than name its subject.
QUESTION_WORDS = frozenset(
    [
        "whether",
        "re",  # "re China" (regarding)
        "notable",
        "noteworthy",
        "happening",
        "left",  # "the upheaval that left the SCO unable to act": what it did to the SCO is the rest
        "afterwards",  # "how soon afterwards": when, as the dates say
        "afterward",
        "nutshell",  # "in a nutshell": briefly
        "leave",
        "run",  # "how many permanent bodies does the SCO run": what it has
        "runs",
        "steps",  # "the steps / milestones / sequence from X to Y": a timeline's frame
        "milestones",
        "succession",
        "tend",  # "what tends to follow the money": what follows it
        "tends",
        "tended",
        "try",  # "how does Beijing try to attract students": what it does to, not that it tries
        "tries",
        "trying",
        "onward",  # "from what year onward": since when
        "onwards",
        "dating",  # "schemes dating from the mid-2000s": when they are from, which the period says
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
        "trace",  # "trace the growth of …": its history, told by the dated facts
        "outline",
        "recount",
        "recap",
        "define",
        # "RATS acronym", "what is the abbreviation RATS": what the letters stand for, which the name says
        "acronym",
        "acronyms",
        "abbreviation",
        "abbreviations",
        "abbreviated",
        "meaning",  # "RATS meaning", "the meaning of the Shanghai Spirit": what it is
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
        "contrast",
        "versus",
        "vs",
        "difference",
        "differences",
        "timeline",
        "chronology",
        "chronological",
        "sequence",
        "events",
        "episode",  # "which episode showed the bloc frozen": the event, whatever it was
        "episodes",
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
        # "in the Corridors of Power numbers": the report's figures, as "figures" is
        "numbers",
        "stats",
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
        # and holidays: "just before Christmas 2002" dates by the year, as a month does
        "christmas",
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
        # and where, as the asker does not know it ("they met somewhere in China - which city?")
        "somewhere",
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
        "brief",  # "a brief history of …": the answer's length, not its subject
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
        "meant",
        # "what the SCO's founding represented for …", "who represented Beijing": what it was, or who was there,
        # in the asker's verb (no fact says "represent")
        "represent",
        "represents",
        "represented",
        "representing",
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
        "trait",
        "traits",
        "characteristics",
        "tier",
        "tiers",
        # "what happens to the number of migrants where …": what the sources say of it
        "happens",
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
NEVER_WORDS = frozenset({"never"})

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


# The endings of adjectives that describe rather than name ("theoretical", "sensitive", "strategic", "famous"),
# and the commonest that have none ("outside institutes", "key partners").
_ADJECTIVE = re.compile(
    r"..(?:al|ive|ic|ous)$|^(?:outside|external|foreign|other|main|key|major|chief|leading|partner)$"
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
        # what a whole holds: "how many schemes did the package cover?" asks what it has
        "cover",
        "include",
        "comprise",
        "contain",
        "encompass",
    }
)


_ASKING = re.compile(rf"\b({'|'.join(w for w in ASKING_WORDS if w not in {'many', 'much'})})\b")

# Words that say what a thing is about, the thing named after them ("the doctrine covering Taiwan").
CONCERNING = frozenset({"covering", "concerning", "regarding", "involving", "touching", "respecting"})


# A verb in the past, after "last": "since he last visited", "they last met".
DONE_BEFORE = re.compile(
    r"^(?:\w+ed|went|met|came|saw|was|were|held|spoke|made|took|gave|had|did|sat|set|won)$"
)

# What may follow a place named as where something is ("where in Tajikistan is …", "… based in Tajikistan?"): a
# verb, a preposition or a joining word, not a noun the name qualifies ("in Chinese financing").
_AFTER_PLACE = frozenset(
    {"is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can", "could", "will", "would"}
    | {
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "where",
        "when",
        "to",
        "for",
        "from",
        "by",
        "with",
        "on",
        "at",
    }
    | {"in", "near", "per", "according", "s"}
)

# Verbs saying what a group is made of ("which countries does the SCO comprise / include / unite").
COMPOSING = frozenset(
    {"comprise", "comprises", "comprised", "include", "includes", "included", "unite", "unites", "united"}
    | {"gather", "gathers", "gathered", "involve", "involves", "involved", "encompass", "encompasses"}
)

# "What counts as financial diplomacy?", "which kinds of spending count as …" (not "does Kazakhstan count as a
# member": whether it is one).
COUNTS_AS = re.compile(r"^(?:what|which)\b.*?\b(?:counts?|counted) as\b")


# A definition asked for: "how does she define X", "what is meant by X", "what does X consist of / mean".
_DEFINITION_ASKED = re.compile(
    # (not what a thing is "meant to define": what it sets out)
    r"(?<!\bto )\b(?:define|defines|defined|definition of|mean by|means by|meant by|consist of|consists of)\b"
    r"|^what (?:does|do|did) .*\b(?P<mean>mean)$"  # "what does the 'Beijing Consensus' actually mean?"
)
