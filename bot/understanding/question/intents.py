"""The intent a question is asked with (when, how much, who, why, a list …), the answer it expects, and the
words that frame it: a yes/no question, a claim to check, a condition before it, a thing put first.
"""

from __future__ import annotations

import re

from bot.understanding.question.courtesy import IS_IT_TRUE_BARE, IS_IT_TRUE_THAT, _asked, _courtesy
from bot.understanding.question.tokens import _WORD

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
# A history asked for: "step by step", "key moments over the years" (not "how has X changed", which a fact telling
# of the change answers). It makes a timeline, and frames one.
_OVER_THE_YEARS = r"\bover the (?:years|decades)\b"
_MILESTONES_ASKED = (
    r"\bstep by step\b"
    r"|\b(?:key|main|major|important|significant|notable|big) (?:moments|dates|events|milestones|years|steps|stages)\b"
    r"|\bmilestones\b"
)
_HISTORY_ASKED = _MILESTONES_ASKED + "|" + _OVER_THE_YEARS
# The words that ask for a history rather than say what it is of.
_TIMELINE_FRAME = re.compile(
    _HISTORY_ASKED + r"|\b(?:evolved?|changed?|turn(?:ed)? into|becoming|became|grew into|grown into)\b"
    # "how the SCO grew out of the Shanghai Five", "how it developed into a full organisation"
    r"|\b(?:gr[eo]wn? out of|emerged? from|develop(?:ed)? (?:into|out of)|transform(?:ed)? into)\b"
    r"|\bin (?:chronological |date )?order\b|\bsequence of events\b"
    r"|\bunfold(?:ed|s|ing)?\b|\bplay(?:ed|s)? out\b|\b(?:early|first|formative|initial) years\b"
    # "put in order the episodes in Beijing-Bishkek relations": the steps of the history, whatever they were
    r"|\b(?:moments|turning points|developments)\b"
    # "a short history of the bloc": its length, not a word a step must say
    r"|\b(?:short|brief|potted)(?= (?:history|timeline|chronology)\b)"
)
# "How did Mao Ning describe Kazakhstan?", "what status label did the spokeswoman give the ties": the words a source
# puts on a thing, which a fact saying how it "described" or "called" it gives.
_DESCRIBING_VERBS = (
    r"describe[sd]?|characteri[sz]e[sd]?|portray(?:s|ed)?|label(?:s|led|ed)?|depict(?:s|ed)?|term(?:s|ed)?"
    r"|dub(?:s|bed)?|call(?:s|ed)?|refer(?:s|red)? to"
)
DESCRIBING_ASKED = re.compile(
    r"\bhow (?:do|does|did|has|have|had|would|is|was) .{1,80}?\b(?P<verb>" + _DESCRIBING_VERBS + r")\b"
    r"|\bwhat (?:\w+ ){0,2}?(?P<noun>label|labels|term|terms|epithet|status label|description)\b"
    r" (?:did|does|do|has|have|had|was|were|is|are)\b"
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
# The last word of a keyword query that asks where: where a thing is ("aiddata headquarters"), and where an event
# was held ("xian meeting venue").
_SEAT_ASKED = ("location", "headquarters", "hq", "whereabouts")
_PLACE_ASKED = (*_SEAT_ASKED, "venue")
# Which end of a span a when-question asks for ("from what starting year"): part of how it asks, not a thing
# asked about.
YEAR_MODIFIERS = frozenset(
    {"starting", "start", "opening", "earliest", "final", "latest", "closing", "end", "cutoff", "calendar"}
)
# "What was the SCO really set up for", "for what was it created": the purpose it was made for, asked as "why".
_MADE_FOR = re.compile(
    r"\b(?:set up|created|founded|established|formed) (?:really )?for$|\bfor what\b.*?\b(?:set up|created|founded|"
    r"established|formed)\b"
)
# "To what end does Beijing deploy it?", "for what ends": its purpose, asked as "why" ("to what extent" is how
# much).
_TO_WHAT_END = re.compile(r"\b(?:to|for) what (?:ultimate )?ends?\b")
_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "compare",
        re.compile(
            r"\b(compare|comparison|compared|versus|vs|differences? between|stacks? up|stacked up)\b"
            # ("contrast the two takes"; not "in contrast to Russia")
            r"|\bcontrast(?:ed|ing)?\b(?! to\b)"
        ),
    ),
    (
        "timeline",
        re.compile(
            r"\b(timeline|chronology|chronological|sequence of events)\b|"
            # "the history of the SCO", "SCO history?": its steps (not "a history of protests", asked as "when")
            r"^(?:(?:what is|what's|give me|tell me|outline|summarise|summarize|sketch) )?(?:the |a |its |a brief |a short )?"
            r"(?:brief |short )?history of\b|^[^?]{0,60}\bhistory\W*$|"
            # "walk me through the sequence from the Shanghai Five to the Charter", "the steps from X to Y"
            r"\b(the )?(sequence|succession|order of events|steps|milestones) (from|between|leading)\b|"
            + _MILESTONES_ASKED
            # ("over the years, what role has the SCO come to play": what it is, as it stands)
            + r"|^(?!.*\b(?:what|which|who|whom|why|where)\b).*"
            + _OVER_THE_YEARS
            # "… what do the sources record, in order?" (not "in order to")
            + r"|\bin (?:chronological |date |time )?order\b(?! to\b)"
            # "how did that unfold", "how have ties played out": the course of events
            + r"|\bhow (did|has|have|had)\b.{0,120}\b(unfold(ed)?|play(ed)? out)\b"
            # "how did the grouping go from the 1996 border talks to a fully fledged organisation", "grow out of
            # border talks into …": the steps between the two
            + r"|\bhow\b(?: (?:did|has|have|had|does|do)\b.{0,80}\b(?:go|grow|evolve|develop|move|turn|progress|transform"
            r"|get)|.{0,80}\b(?:went|gone|grew|grown|evolved|developed|moved|turned|progressed|transformed|got))"
            r" (?:out of|from)\b.{0,120}\b(?:to|into)\b"
        ),
    ),
    (
        "when",
        re.compile(
            r"^when\b|\bwhen (was|were|did|does|do|is|had|has|will)\b"
            # "in what later year", "which other year": the year is still what is asked
            # ("from what starting year does the study draw its data", "in which calendar year")
            r"|\b(what|which) ((exact|precise|specific|later|earlier|other|following|previous|preceding|next|"
            + "|".join(sorted(YEAR_MODIFIERS))
            + r") )?(years?|dates?|months?|days?)\b"
            # "what were the exact dates of the visit"
            r"|\bwhat (is|was|were|are) the (exact |precise |specific )?(years?|dates?|months?|days?) (of|when)\b"
            # "what was the exact day Nazarbayev resigned"
            r"|\bwhat (is|was|were|are) the (exact|precise|specific) (years?|dates?|months?|days?)\b"
            r"|\bsince when\b|^(year|date|month) (of|in|when)\b|\bdates? of\b|\bin what year\b"
            r"|\bhow far back\b"  # "how far back does the data go": since when
            # "how long ago did Beijing set up ties", "how many years ago was the SCO set up": when, counted back
            r"|\bhow (long|many (years|decades|months)) ago\b"
            r"|\bwhat (time span|timespan|time frame|timeframe|time period|period of time)\b"
            # "over what period did Beijing pour $127bn …": when, as a span
            r"|\b(over|during|across|within|in) (what|which) (period|span|stretch|years)\b"
            # a keyword query ending on what it wants: "SCO founding year", "BRI launch date"
            r"|^(?!.*\b(how|what|which|who|why|where)\b).*\b(year|dates?)$"
            # ... or on what it wants of a thing: "founding year of the SCO", "kz china treaty date?"
            r"|^(?!.*\b(how|what|which|who|why|where)\b).*\b(year|date) (of|when)\b"
            # ... or opening on it: "exact date Nazarbayev resigned"
            r"|^(?!.*\b(how|what|which|who|why|where)\b)((the )?(exact|precise|specific) )?(year|date|day|month)\b"
            # ... or on it after the things it is about: "kazakhstan + prc: date formal ties began", "ozodi deal -
            # signed when" (not a yes/no question; nor "to date"; nor a time said, "… when Wang Yi sat down")
            r"|^(?!(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)"
            r"(?!.*\b(how|what|which|who|why|where)\b).*(\bwhen$|(?<!\bto )\bdate\b)"
        ),
    ),
    (
        "how_many",
        # ("sco full members count": a search-box count)
        re.compile(r"\bhow (many|often)\b|^(number|count) of\b|\bwhat (is|was) the number of\b|\bcount\W*$"),
    ),
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
            # "what was the total of the two loans", "what did Beijing put up altogether for the projects"
            r"|\bwhat (is|was|are|were) the (total|sum) of\b"
            # "what was the value of bilateral trade", "what per cent of people …"
            r"|\bwhat (is|was|are|were) the (exact |precise |approximate |rough |actual |real )?(value|worth|cost) of\b"
            r"|\bwhat (per ?cent|pct)\b"
            r"|^what (did|does|do|has|have|had) .*\b(in total|altogether|all together|in all|combined)\b"
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
            # … or a total, wherever it stands: "uzbekistan chinese financing total aiddata" (not "amount": a claim
            # to check says it, "on the receiving end of the largest amount")
            r"|^(?!(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)"
            r"(?!.*\b(how|what|which|who|why|where|when)\b).*\b(total|totals)\b"
            # … or ending on the measure it wants: "central asia barometer kyrgyzstan unfavourable view percent"
            r"|^(?!(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b)"
            # (not a claim to check, ending on the amount it states: "the SCO's share of world population 45 percent?")
            r"(?!.*\b(how|what|which|who|why|where|when)\b)(?!.*\d\s?(percent|per cent|pct)$)"
            r".*\b(percent|per cent|percentage|pct|share)$"
        ),
    ),
    # "Who is the president of X?", "Who is X's president?" (the possessive's s is a word of its own here).
    # "What was the name of Uzbekistan's foreign minister?" asks the same.
    (
        "who_is",
        re.compile(
            # (not "who is the source of / behind the claim": whose claim it is; nor "who is the analyst who said
            # …", which asks whose words they are)
            r"^who (is|was|are|were) (?!(the|a|an) (source|sources|author|authors|origin|one|person|people) "
            r"(of|for|behind)\b)(?!.* (who|that) (said|says|claimed|claims|argued|argues|wrote|writes|stated|states"
            r"|described|describes|called|calls|suggested|suggests|noted|notes|judged|judges|asserted|asserts)\b)"
            r"((the|a|an)\b|\w+ s \w)"
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
            # "in which part of the world": a region of it
            r"|\b(in|to) (which|what) (part|parts|corner|area|region) of the (world|globe|planet)\b"
            rf"|\bwhat (is|was|are|were) the ({'|'.join(_PLACE_ASKED)}) of\b|^(the )?({'|'.join(_PLACE_ASKED)}) of\b"
            # a keyword query ending on the place it wants: "aiddata headquarters", "xian meeting venue"
            rf"|^(?!.*\b(how|what|which|who|why|where|when)\b).*\b({'|'.join(_PLACE_ASKED)})$"
        ),
    ),
    (
        "why",
        re.compile(
            r"^why\b|\bwhy (is|was|did|do|does|are|were|has|have)\b|\bfor what reason\b|\breasons? (for|why)\b"
            # "how do Western scholars explain why the SCO was formed": the reason they give
            r"|\b(explain|explains|explained|account for|accounts for) why\b"
            r"|\b(purpose|rationale|motive|motives|motivation|motivations)\b"
            r"|"
            + _MADE_FOR.pattern
            + r"|"
            + _POINT_OF.pattern
            + "|"
            + _CAUSE.pattern
            + "|"
            + _TO_WHAT_END.pattern
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
# "Why does Beijing care about …", "why does the unrest matter": why a thing counts is what a why question asks.
_WHY_FRAME = frozenset({"care", "cares", "cared", "matter", "matters", "mattered"})
# "Does A square with / fit with / agree with B": two things held up against each other.
_HELD_AGAINST = re.compile(
    r"\b(?:squares?|tall(?:y|ies)|consistent|in line|in keeping|match(?:es)?|fits?|agrees?|accords?) with\b"
)
# A yes/no question: it opens with its verb.
_POLAR_VERBS = r"did|does|do|is|was|are|were|has|have|had|can|could|will|would|should"
_POLAR = re.compile(rf"^({_POLAR_VERBS})\b")
# A question that opens with what it asks for ("which states were in …", "name the …"), its verb not straight
# after ("where was X founded in 1996?" asks of the founding).
WH_ASKED = re.compile(r"^(?:which|what|who|whom|whose|where|how|name|list)\b(?! (?:was|were|is|are|did)\b)")
# Whose account a yes/no question goes by, said first: "According to ANKASAM, does Kazakhstan or …?"
_POLAR_AFTER_SOURCE = re.compile(
    rf"^\s*(?:according to|per|going by|in the view of|in)\s+[^,?]{{1,80}}?,\s*(?:{_POLAR_VERBS})\b",
    re.IGNORECASE,
)
# A claim to check is a yes/no question too, whatever follows ("is it true that China lent $2 billion …").
_CLAIM_CHECK = re.compile(
    rf"\b({IS_IT_TRUE_THAT}|^{IS_IT_TRUE_BARE}|true or false|fact check|"
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


# Things counted one by one. "How much guards are employed …", "how much SCA countries were examined": a count
# asked with "much", as a second-language writer may put it (money, shares and lengths keep "how much").
_COUNTED_NOUNS = frozenset(
    {"countries", "states", "nations", "republics", "members", "observers", "partners", "companies", "firms"}
    | {"guards", "people", "personnel", "staff", "workers", "employees", "students", "troops", "soldiers"}
    | {"institutes", "universities", "projects", "agreements", "deals", "documents", "reports", "cities"}
    | {"ministers", "officials", "leaders", "meetings", "visits", "summits", "exercises", "experts", "times"}
)
# (Only names and describing words between: "how much money did China lend to countries" asks for money.)
_NOT_BETWEEN = r"(?!(?:money|funding|financing|of|did|does|do|was|were|is|are|has|have|had|share|per)\b)"
_MUCH_COUNTED = re.compile(
    rf"\bhow much((?:\s+{_NOT_BETWEEN}[\w'’-]+){{0,3}}?\s+(?:{'|'.join(sorted(_COUNTED_NOUNS))}))\b",
    re.IGNORECASE,
)


# "Where does Astana stand on Taiwan?": a stance, as "what is its stance on" asks it, not a place or a rank.
_WHERE_STANDS = re.compile(
    r"\bwhere (do|does|did) ((?:[\w'’-]+\s+){1,6}?)stands? (?=on|over|regarding|towards?|with regard to|vis)\b",
    re.I,
)
# "How far does the frontier run?": its length, as "how far is the frontier" asks it (the verb is how a length
# is put, found in no fact).
_HOW_FAR_RUNS = re.compile(
    r"\bhow (far|long) (does|do|did) ((?:\S+\s+){1,8}?)(?:run|stretch|extend|reach)\b", re.IGNORECASE
)
# "Where does Kazakhstan rank among …": a rank, asked as "how high" asks it, not a place.
_WHERE_RANKED = re.compile(
    r"\bwhere (do|does|did) (?=(?:[\w'’-]+\s+){1,6}?(?:rank|ranks|ranked|place|stand)\b)", re.I
)


# A claim that one thing alone does something: "is Beijing the only outside power …", "is China alone in …".
EXCLUSIVE = re.compile(
    r"\b(?:the only|the sole|the one and only|alone in|uniquely|nobody else|no one else)\b"
)


# "Where are attitudes warmest: among the elite or among ordinary people?": which of the groups named, not a place.
_WHERE_AMONG = re.compile(r"\bwhere (?=[^?]*\bamong\b[^?]*\bor\b)", re.IGNORECASE)


# "Over what span of time has Beijing been courting …", "for what period have they been …": a thing still going
# on, asked how long it has lasted (a span of a thing in the past, "over what period did Beijing lend", asks when).
_SPAN_ONGOING = re.compile(
    r"\b(?:over|during|across|for|within) (?:what|which) (?:span|period|stretch|length)(?: of time)? "
    r"(?=(?:has|have)\b(?:\s+[\w'’-]+){0,6}?\s+been\b)",
    re.IGNORECASE,
)


# "How many billions did Ashgabat get?": an amount counted in a scale's units, asked as "how much" (not a count of
# things, "2 (counted in the list)").
_MANY_OF_A_SCALE = re.compile(r"\bhow many(?= (?:billions?|millions?|trillions?|bn|mn)\b)", re.IGNORECASE)


# "What relationship will the two sides pursue?": the two things named, as "both" says (no source calls them sides).
_BOTH_SIDES = re.compile(r"\b(?:the two|both) sides\b", re.IGNORECASE)


# "Apart from Kazakhstan, which republic took the most Chinese money?": the one ranked after it, as "after
# Kazakhstan, which …" asks (a superlative with the top one set aside; without one, "apart from" only sets aside).
_SET_ASIDE_TOP = re.compile(
    r"^(?:apart from|besides|other than|excluding|except for|aside from|leaving aside) (?P<top>[^,?]{2,40}), "
    r"(?=(?:which|what|who)\b[^?]*\b(?:the most|the largest|the biggest|the greatest|the highest)\b)",
    re.IGNORECASE,
)


# "Name the Turkmen foreign minister who …": one person asked for by name, as "which … minister" asks (a plural,
# "name the ministers", asks for a list).
_NAME_ONE = re.compile(
    r"^(?:please )?name (?:the|a|an) ((?:[\w'’-]+ ){0,3}(?:person|official|expert|analyst|scholar|minister|leader|"
    r"president|diplomat|spokesperson|spokesman|spokeswoman|researcher|author|academic|lecturer|professor|"
    r"commentator|economist|journalist|writer|ambassador|envoy|translator|editor))\b(?! (?:and|or)\b)",
    re.IGNORECASE,
)


def name_one_as_which(text: str) -> str:
    """ "Name the X who …" read as "Which X …": one person, who the sources may not name."""
    return _NAME_ONE.sub(r"Which \1", text)


def many_for_much(text: str) -> str:
    """ "How much" before things counted one by one read as "how many"; "where does X rank" as "how high" (and
    "where does X stand on" as "what is the stance of X on"; "where …: among A or among B" as "in which group");
    "over what span has X been …" as "how long"; "how many billions" as "how much"; "the two sides" as "both";
    "apart from X, which … the most" as "after X, which …"."""
    text = _SPAN_ONGOING.sub("how long ", text)
    text = _MANY_OF_A_SCALE.sub("how much", text)
    text = _BOTH_SIDES.sub("both", text)
    text = _SET_ASIDE_TOP.sub(r"After \g<top>, ", text)
    text = _HOW_FAR_RUNS.sub(
        lambda m: f"how {m.group(1)} {'was' if m.group(2) == 'did' else 'is'} {m.group(3).strip()}", text
    )
    text = _WHERE_STANDS.sub(
        lambda m: f"what {'was' if m.group(1) == 'did' else 'is'} the stance of {m.group(2)}", text
    )
    text = _WHERE_RANKED.sub(lambda m: f"how high {m.group(1)} ", text)
    text = _WHERE_AMONG.sub("in which group ", text)
    return _MUCH_COUNTED.sub(lambda m: f"how many{m.group(1)}", text)
