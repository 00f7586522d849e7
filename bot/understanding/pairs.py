"""Questions about two things at once: the time between two events or their order ("how many years between A
and B", "which came first"), two amounts side by side ("compare A with B", "by how many points does A exceed
B"), and two sources' views of one thing ("do A and B agree that …", "how do A and B differ on …"). Reading them
and writing the interval or the difference; the answering is `Answerer._between`, `Answerer._two_figures` and
`Answerer._two_views`."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.factbase.text import clean


@dataclass(frozen=True, slots=True)
class TwoEvents:
    """A question about the time between two events, or their order: each event in the asker's words."""

    first: str
    second: str
    unit: str | None  # "years", "months", …: how long between them; None: which came first
    ordered: bool = False  # "how many years after A did B": A is the earlier one, as the asker says
    which: bool = False  # "which came first, A or B": the answer names one of them
    same: str | None = None  # "in the same year": "year", "month" or "day", whether both fall in one
    done: str | None = None  # "which joined the SCO first, A or B": what each did ("joined the SCO")
    year: str | None = None  # "which came first in 2023, A or B": the year both fall in, which dates each

    def dated_in_year(self, event: str) -> str:
        """An event as it is looked up: with the year set for both, where it does not say one itself."""
        return event if not self.year or self.year in event else f"{event} in {self.year}"


_SEP = r"\s*[?.!]*\s*$"
# "Roughly how long after …": how precisely the asker wants it, before the question proper.
_HEDGE = re.compile(r"^(?:roughly|approximately|about|around|exactly|precisely|ballpark)\b,?\s+", re.I)
# "…, and how far apart were they?" after which came first: the line giving the order gives how far apart too.
_HOW_FAR_TOO = (
    r"(?:,? and how (?:far apart|long apart|much time apart|long between them|much time between them)[^?]*)?"
)
_TWO_EVENTS = (
    # "How many years passed between the Shanghai Five and the founding of the SCO?", "how much time was there
    # between …"
    re.compile(
        r"^how (?:many (?P<unit>years|yrs|months|decades|days)|long(?: a time)?|much time)(?: (?:had |have )?(?:passed|"
        r"elapsed|went by|were there|was there|was it))? between (?P<a>.+?) and (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "How far apart were the resignation and the forum?", "how many years apart were A and B?"
    re.compile(
        r"^how (?:far|many (?P<unit>years|yrs|months|decades|days)|long|much time) apart (?:in time )?"
        r"(?:were|was|are|is) (?P<a>.+?) and (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "How many years separated the forum's creation and Jiang's speech?", "… lay between A and B?"
    re.compile(
        r"^how (?:many (?P<unit>years|yrs|months|decades|days)|long(?: a time)?|much time) (?:separated|separates|separate|lay between|"
        r"lies between|divided|divides) (?P<a>.+?) (?:and|from) (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "How many years after independence did Kazakhstan establish relations with China?"
    re.compile(
        r"^how (?:many (?P<unit>years|yrs|months|decades|days)|long|soon) (?P<rel>after|before) (?P<a>.+?) "
        r"(?P<b>(?:did|was|were|had|has|have|does|do) .+?)" + _SEP,
        re.I,
    ),
    # "Nazarbayev stepped down - how long before he turned up at the forum?": the event said first, then how long
    # until the one asked.
    re.compile(
        r"^(?P<a>[^?]+?)\s*(?:[-—–;:]|,? so)\s*how (?:many (?P<unit>years|yrs|months|decades|days)|long|soon) "
        r"(?P<rel>before|until|till|after) (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "Was the SCO Charter signed before or after the 2002 treaty?"
    re.compile(
        r"^(?:was|were|did|is|are|does|do|came|come) (?P<a>.+?) (?:come |happen |take place )?"
        r"(?:before or after|after or before|earlier or later than|earlier than or after) (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "Which came first: the Charter or the treaty?", "Which is older, A or B?"
    re.compile(
        r"^(?:which|what) (?:came|happened|was|is|one is|one was) (?:first|earlier|older|the older|the earlier)"
        r"(?: in (?:(?P<year>\d{4})|that year))?[,:]? (?:the )?(?P<a>.+?),? or (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "The Charter vs the treaty - which came first?" (", and how far apart were they?": the order says it too)
    re.compile(
        r"^(?P<a>.+?),? (?:vs\.?|versus|or) (?P<b>.+?)\s*[-—–:,]\s*(?:which|what) (?:came|happened|was|is|one is"
        r"|one was) (?:first|earlier|older|the older|the earlier)" + _HOW_FAR_TOO + _SEP,
        re.I,
    ),
)
# "Which joined the SCO first, India or Pakistan?": each named thing doing what the question says.
_WHICH_DID_FIRST = re.compile(
    r"^(?:which|who) (?!(?:came|happened|one)\b)(?!(?:was|is|were) (?:first|earlier|older)\b)(?P<done>\w+(?: [\w-]+){0,6}?) first[,:]? "
    r"(?P<a>[^,]+?),? or (?P<b>[^,]+?)" + _SEP,
    re.I,
)
_WHICH_FIRST = _TWO_EVENTS[-2:]  # these name the earlier one
_ORDER_WORD = re.compile(r"\b(?:before|after|earlier|later)\b", re.I)
_DONE = r"signed|held|founded|set up|established|launched|adopted|made|announced|issued|agreed|created|formed"
# The verb after the event(s): `done` ("signed", "held") is kept with the events it dates.
_HAPPENED = r"(?: (?P<done>" + _DONE + r")| (?:happen|take place|come|occur|fall))?"
_SAME_PERIOD = r" (?:in|during|on|within) the same (?P<same>year|month|day)"
_SAME = (
    # "Were the declaration and the highway agreement signed in the same year?"
    re.compile(
        r"^(?:was|were|did|are|is) (?P<a>.+?) and (?P<b>.+?)"
        + _HAPPENED
        + r"(?: both)?"
        + _SAME_PERIOD
        + _SEP,
        re.I,
    ),
    # "Was the Charter signed in the same year as the treaty?"
    re.compile(
        r"^(?:was|were|did|is|are) (?P<a>.+?)" + _HAPPENED + _SAME_PERIOD + r" as (?P<b>.+?)" + _SEP, re.I
    ),
)


# "… was it put forward", "… did they sign it": a question's own clause about the event told before it.
_REFERS_BACK = re.compile(
    r"\s+(?:was|were|did|had|has|is|are|does|do) (?:it|they|he|she|this|that)\b(?P<deed>.*)$", re.I
)


# "How many years had Astana and Beijing had formal ties when they signed their friendship pact?": from the start of
# the one to the other.
_HAD_WHEN = re.compile(
    r"^how (?:many (?P<unit>years|yrs|months|decades|days)|long) (?:had|have|has) (?P<a>.+?) when (?P<b>.+?)"
    + _SEP,
    re.I,
)


def _unit(written: str) -> str:
    """A unit of time as asked ("yrs"), as the interval is written ("years")."""
    return {"yrs": "years"}.get(written.casefold(), written.casefold())


def span_until(text: str) -> TwoEvents | None:
    """ "How long had A when B?": the time from A's start to B, if the question asks that (answered only where the
    sources date both: "how long had China been reforming when she wrote" is a span some fact may give whole)."""
    found = _HAD_WHEN.match(_HEDGE.sub("", clean(text).strip()))
    if found is None:
        return None
    return TwoEvents(
        found["a"].strip(" ,"), found["b"].strip(" ,"), _unit(found["unit"] or "years"), ordered=True
    )


# "In 2023, did A come before or after B?": the year both events fall in, said before the question proper.
_IN_YEAR_FIRST = re.compile(r"^in (?P<year>\d{4}),\s+", re.I)


def _in_year(events: TwoEvents, year: str | None) -> TwoEvents:
    """Both events of a question that sets them in one year ("which came first in 2023, A or B?")."""
    return dataclasses.replace(events, year=year) if year else events


def two_events(text: str) -> TwoEvents | None:
    """The two events a question asks the time between (or the order of), if it asks that."""
    line = _HEDGE.sub("", clean(text).strip())
    year = None
    if (set_in := _IN_YEAR_FIRST.match(line)) is not None:
        year, line = set_in["year"], line[set_in.end() :]
    found_events = _two_events_in(line)
    return None if found_events is None else _in_year(found_events, year)


def _two_events_in(line: str) -> TwoEvents | None:
    for pattern in _SAME:
        found = pattern.match(line)
        # "before or on the same day as" asks for an order
        if found is not None and not _ORDER_WORD.search(found["a"]):
            done = f" {found['done']}" if found["done"] else ""
            first, second = found["a"].strip(" ,"), found["b"].strip(" ,")
            if pattern is _SAME[0]:
                second += done  # "A and B signed in the same year": said once for both
            return TwoEvents(f"{first}{done}", second, None, same=found["same"].casefold())
    if (did := _WHICH_DID_FIRST.match(line)) is not None:
        done = did["done"]
        return TwoEvents(f"{did['a']} {done}", f"{did['b']} {done}", None, which=True, done=done)
    for pattern in _TWO_EVENTS:
        found = pattern.match(line)
        if found is None:
            continue
        parts = found.groupdict()
        unit = parts.get("unit") or ("years" if "unit" in parts else None)
        first, second = parts["a"].strip(" ,"), parts["b"].strip(" ,")
        # ("A - how long before B": A is told first, and is the earlier.)
        told_first = "rel" in parts and found.start("a") == 0
        if told_first and (back := _REFERS_BACK.search(second)) is not None:
            # "Hu's doctrine - how many years after the SCO's founding was it put forward?": "it" is the event
            # told first, and what it did is part of that event.
            first, second = f"{first} {back['deed']}".strip(), second[: back.start()].strip(" ,")
        if "rel" in parts and not told_first:
            first, second = _past_the_passive(first, second)
        if parts.get("rel", "").casefold() == "before" and not told_first:
            first, second = second, first
        which = pattern in _WHICH_FIRST
        unit = _unit(unit) if unit else None
        return _in_year(
            TwoEvents(first, second, unit, ordered="rel" in parts, which=which), parts.get("year")
        )
    return None


# "was launched", "were held": an auxiliary followed by a participle belongs to the event before it
_PARTICIPLE = re.compile(
    r"\w+(?:ed|en|wn)|set|held|built|made|begun|won|put|led|met|struck|hit|cut|set up", re.I
)
_AUXILIARY_AT = re.compile(r"\s(?=(?:did|was|were|had|has|have|does|do)\s)", re.I)


def _past_the_passive(first: str, second: str) -> tuple[str, str]:
    """ "How many years after the BRI was launched did Nazarbayev attend …": the first event runs to the
    auxiliary that starts a question ("did Nazarbayev"), not to one inside a passive ("was launched")."""
    words = second.split(maxsplit=2)
    while len(words) == 3 and _PARTICIPLE.fullmatch(words[1]):
        later = _AUXILIARY_AT.search(second, len(words[0]) + 1)
        if later is None:
            break
        first, second = f"{first} {second[: later.start()]}", second[later.end() :]
        words = second.split(maxsplit=2)
    return first, second


_IN_ORDER = (
    # "Timeline: the Shanghai Five, the Shanghai Spirit, the founding of the SCO", "Timeline of China-Kazakhstan
    # relations: diplomatic ties, the treaty and the 2011 loans" (each one of the topic's)
    re.compile(
        r"^(?:a |the )?(?:timeline|chronology|sequence|order)"
        r"(?:(?: of)?\s*[:\-—–]|(?: of)? (?P<topic>[^:—–]{3,80}?)\s*(?::|\s[-—–]\s))\s*(?P<list>.+?)" + _SEP,
        re.I,
    ),
    # "In what order did A, B and C happen?", "Put A, B and C in order"
    re.compile(
        r"^in (?:what|which) order (?:did|were|was|do|are) (?P<list>.+?) (?:happen|take place|come|occur|"
        r"signed|held|founded|set up|established)(?: in)?(?P<ctx> (?:during|in|at|on|over) .+?)?" + _SEP,
        re.I,
    ),
    re.compile(
        r"^(?:please )?(?:put|place|sort|rank|order) (?P<list>.+?) in (?:chronological )?order" + _SEP, re.I
    ),
    # "In what order did the SCO adopt its Charter, its trade programme and its anniversary declaration?": what
    # one actor did, each thing "its"
    re.compile(
        r"^in (?:what|which) order (?:did|do|does) (?P<subj>.+?) (?:adopt|sign|launch|issue|publish|announce|"
        r"found|create|set up|establish|hold|approve|introduce|propose|unveil|release) (?P<list>.+?)" + _SEP,
        re.I,
    ),
    # "Put in order: A, B and C", "Sort chronologically - A, B, C"
    re.compile(
        r"^(?:please )?(?:put|place|sort|rank|list|order)(?: these| the following)?(?: events)?"
        r" (?:in (?:chronological |date )?order|chronologically|by date)\s*[:\-—–]\s*(?P<list>.+?)" + _SEP,
        re.I,
    ),
)


# A timeline's topic that names nothing of its own: "order of events: A, B and C".
_NO_TOPIC = re.compile(r"^(?:the |key |main |major )?(?:events?|things|steps|developments|milestones)$", re.I)


def timeline_topic(text: str) -> str | None:
    """What the events of a timeline belong to, said before them: "China-Kazakhstan relations" of "Timeline of
    China-Kazakhstan relations: diplomatic ties, the treaty and the 2011 loans" (an event naming nothing of its own
    is one of the topic's)."""
    found = _IN_ORDER[0].match(clean(text).strip())
    topic = (found.group("topic") or "").strip() if found is not None else ""
    return topic if topic and not _NO_TOPIC.match(topic) else None


# Names with "and" inside them, kept whole when a list is split at its "and".
_NAMED_WITH_AND = re.compile(r"\bbelt and road\b", re.I)

_ASKED_AFTER_LIST = re.compile(r"\s+[-—–]\s+(?:which|what|when|in which|dates?|years?)\b.*$", re.I)


def events_in_order(text: str) -> list[str] | None:
    """The events a question asks to put in order, as typed ("Timeline: A, B, C"); None unless it names three
    or more, or two with "in what order" (two with "which came first" are `two_events`)."""
    line = clean(text).strip()
    for pattern in _IN_ORDER:
        found = pattern.match(line)
        if found is None:
            continue
        # (what is asked of each, said after them: "… and the Charter - which years?")
        listed = _ASKED_AFTER_LIST.sub("", found.group("list"))
        # With a comma before the last "and" ("A, B and C, and D"), "and" without one is inside an item ("its
        # programme of trade and economic cooperation").
        separators = (
            r",\s*(?:and |then )?"
            if re.search(r",\s*(?:and|then)\s", listed)
            else r",\s*(?:and |then )?|\s+(?:and|then)\s+"
        )
        # (nor is the "and" of a name: "the 2019 Belt and Road Forum", its spaces held while the list is split)
        held = _NAMED_WITH_AND.sub(lambda m: m.group(0).replace(" ", "\0"), listed)
        items = [i.strip(" ,").replace("\0", " ") for i in re.split(separators, held)]
        if subject := found.groupdict().get("subj"):
            # "its Charter" is the actor's: "the SCO's Charter"
            items = [re.sub(r"^(?:its|their)\s+", f"{subject}'s ", i, flags=re.I) for i in items]
        context = (found.groupdict().get("ctx") or "").rstrip()
        items = [
            f"{i}{context}" for i in items if i
        ]  # "… happen during the week in Shaanxi": each one's when
        if len(items) >= (2 if pattern is not _IN_ORDER[0] else 3):
            return items
    return None


@dataclass(frozen=True, slots=True)
class TwoAmounts:
    """A question setting two amounts side by side ("compare A with B", "which was larger: A or B", "by how many
    points does A exceed B"): each amount in the asker's words, with what both share ("in the 2011 package")."""

    first: str
    second: str
    context: str = ""
    ratio: bool = False  # "how many times more …": the one over the other, not the difference


# "(Roughly) how many times more Chinese funding did Kazakhstan get than Turkmenistan?"
_TIMES_MORE = re.compile(
    r"^(?:roughly |about |approximately |around )?how many times (?:more|larger|bigger|greater|higher|as much)"
    r"(?P<ctx>(?: [\w'’$-]+)*?) (?P<aux>did|does|do|has|have|had|was|is|were|are) (?P<a>.+?)(?: (?P<verb>\w+))? "
    r"(?:than|as) (?P<b>.+?)" + _SEP,
    re.I,
)

_TWO_AMOUNTS = (
    re.compile(r"^(?:please )?compare (?P<a>.+?) (?:with|to|against|versus|vs\.?) (?P<b>.+?)" + _SEP, re.I),
    re.compile(
        r"^(?:which|what) (?:was|is|were|are|loomed|looms|came out) (?:larger|bigger|greater|higher|more|smaller|"
        r"lower|less)(?P<ctx>[^:,]*)[:,] (?P<a>.+?),? or (?P<b>.+?)" + _SEP,
        re.I,
    ),
    # "The uranium deal vs Turkmenistan's financing - which is bigger?"
    re.compile(
        r"^(?P<a>.+?),? (?:vs\.?|versus|or) (?P<b>.+?)\s*[-—–:,]\s*(?:which|what) (?:was|is|one is|one was) "
        r"(?:the )?(?:larger|bigger|greater|higher|more|smaller|lower|less)" + _SEP,
        re.I,
    ),
    re.compile(
        r"^by how (?:many (?:percentage )?points|much|many per ?cent) (?:does|did|do|is|was|are|were) (?P<a>.+?) "
        r"(?:exceed|outstrip|top|surpass|trail|lag behind|fall short of) (?P<b>.+?)" + _SEP,
        re.I,
    ),
)


def two_amounts(text: str) -> TwoAmounts | None:
    """The two amounts a question sets side by side, if it does."""
    line = clean(text).strip()
    if (times := _TIMES_MORE.match(line)) is not None:
        # each amount asked as "how much Chinese funding did Kazakhstan get"
        first, second = (
            " ".join(
                w
                for w in (times["ctx"].strip(" ,"), times["aux"], times[side].strip(" ,"), times["verb"])
                if w
            )
            for side in ("a", "b")
        )
        return TwoAmounts(first, second, ratio=True)
    for pattern in _TWO_AMOUNTS:
        found = pattern.match(line)
        if found is not None:
            parts = found.groupdict()
            return TwoAmounts(
                parts["a"].strip(" ,"), parts["b"].strip(" ,"), (parts.get("ctx") or "").strip(" ,")
            )
    return None


@dataclass(frozen=True, slots=True)
class TwoViews:
    """A question setting two sources' views of one thing side by side: each source and the thing, in the asker's
    words ("Do the Turkish think tank and the Australian academic agree that the region matters for its gas?")."""

    first: str
    second: str
    topic: str
    # The question names the views themselves ("Western interpretations of the SCO"), not only whose they are:
    # each side is found as a view, whether or not it is a source the sources know.
    named: bool = False


_VIEW_VERBS = (
    r"(?:see|view|regard|think|say|describe|consider|call|believe|argue|expect|treat|portray|frame|point to|cite"
    r"|stress|highlight|emphasi[sz]e|mention)"
)
_TWO_VIEWS = (
    # "Do A and B agree that …", "Would A and B both agree on …", "Do A and B see eye to eye over …"
    re.compile(
        r"^(?:do|does|did|would|will) (?P<a>.+?) and (?P<b>.+?) (?:both |each |also )?(?:agree|concur|"
        r"disagree|see eye to eye)(?: with (?:each other|one another))?,? (?:on|that|about|over|regarding|as to|"
        r"whether|in) (?P<topic>.+?)" + _SEP,
        re.I,
    ),
    # "How do A and B differ on …", "Where do A and B part ways over …"
    re.compile(
        r"^(?:how|where|in what ways?) (?:do|does|did) (?P<a>.+?) and (?P<b>.+?) (?:differ|disagree|diverge|"
        r"part ways|contrast)(?: in their (?:views?|takes?|readings?|accounts?))?,? (?:on|about|over|regarding|"
        r"as to|of|in) (?P<topic>.+?)" + _SEP,
        re.I,
    ),
    # "Do A and B both see the bloc as a channel …", "What do A and B each say about …"
    re.compile(
        r"^(?:do|does|did) (?P<a>.+?) and (?P<b>.+?) both " + _VIEW_VERBS + r" (?P<topic>.+?)" + _SEP, re.I
    ),
    re.compile(
        r"^what (?:do|did) (?P<a>.+?) and (?P<b>.+?) (?:each |both |respectively )?"
        + _VIEW_VERBS
        + r" (?:about|on|of|regarding) (?P<topic>.+?)"
        + _SEP,
        re.I,
    ),
)


# "How do Western interpretations of the SCO differ from Chinese analysts' views?": two views, named as views.
_VIEW_NOUNS = (
    r"(?:views?|interpretations?|readings?|takes?|perspectives?|assessments?|understandings?|verdicts?)"
)
_VIEWS_DIFFER = re.compile(
    r"^(?:how )?(?:do|does|did) (?P<a>(?:.+? )?"
    + _VIEW_NOUNS
    + r") (?:of|on|about) (?P<topic>.+?) (?:differ|diverge)"
    r" (?:from|with) (?:(?:those|that) of )?(?P<b>.+?)" + _SEP,
    re.I,
)


# "How do Yu Jianhua's view of the SCO and Western interpretations of it differ?": the two views named one after
# the other, then "differ". (Not "Chinese and Western readings of the SCO": "according to Chinese readings" finds
# the Western ones by their noun.)
_VIEWS_THEN_DIFFER = re.compile(
    r"^how (?:do|does|did) (?P<a>.+? " + _VIEW_NOUNS + r") (?:of|on|about) (?P<topic>.+?) and "
    r"(?P<b>(?:.+? )?" + _VIEW_NOUNS + r")(?: (?:of|on|about) (?:it|them|this|that|the same))? "
    r"(?:differ|diverge)" + _SEP,
    re.I,
)


# "How do Chinese analysts' and Western readings of the SCO differ?": both sides before the one view noun (the
# first side named by more than an adjective: "Chinese and Western readings" is read as a whole, above).
_SIDES_THEN_VIEWS_DIFFER = re.compile(
    r"^how (?:do|does|did) (?P<a>\S+ .+?|\S+['’]) and (?P<b>(?:\S+ ){1,3}?"
    + _VIEW_NOUNS
    + r") (?:of|on|about) "
    r"(?P<topic>.+?) (?:differ|diverge)" + _SEP,
    re.I,
)
_VIEW_NOUN = re.compile(r"\b" + _VIEW_NOUNS + r"\b", re.I)


def two_views(text: str) -> TwoViews | None:
    """The two sources and the one thing a question asks both views of, if it does. Whether each side is a
    source the sources know is for the answering to tell."""
    line = clean(text).strip()
    if (found := _VIEWS_DIFFER.match(line)) is not None:
        a, b, topic = (found.group(k).strip(" ,") for k in ("a", "b", "topic"))
        if re.fullmatch(_VIEW_NOUNS, a, re.I) and " from " in topic:
            # "readings of the bloc from the West": whose readings come after the thing read
            topic, whose = topic.split(" from ", 1)
            a = f"{a} from {whose}"
        # "the perspective of Chinese experts": whose it is
        b = re.sub(r"^(?:the )?" + _VIEW_NOUNS + r" (?:of|from|by) ", "", b, flags=re.I)
        if a.casefold() != b.casefold():
            return TwoViews(a, b, topic, named=True)
    for named in (_VIEWS_THEN_DIFFER, _SIDES_THEN_VIEWS_DIFFER):
        if (found := named.match(line)) is not None:
            a, b, topic = (found.group(k).strip(" ,") for k in ("a", "b", "topic"))
            if a.casefold() != b.casefold():
                return TwoViews(a, b, topic, named=True)
    for pattern in _TWO_VIEWS:
        found = pattern.match(line)
        if found is not None:
            a, b, topic = (found.group(k).strip(" ,") for k in ("a", "b", "topic"))
            if a and b and topic and a.casefold() != b.casefold():
                # ("… and Western interpretations differ on …": a side named as a view is found as one)
                return TwoViews(a, b, topic, named=any(_VIEW_NOUN.search(side) for side in (a, b)))
    return None


_ASKING = (
    r"(?:how|what|why|when|where|who|whom|whose|which|is|are|was|were|do|does|did|has|have|had|can|could)"
)
# "What is the China Power Project, and how is it linked to the report?": a second question joined to the first.
_SECOND_QUESTION = re.compile(r"(?:,|\s[-—–])?\s+and\s+(?=" + _ASKING + r"\b)", re.I)
_QUESTION_START = re.compile(
    r"^(?:(?:in|on|at|by|for|from|to|with|under) (?:which|what|whom|how)\b|" + _ASKING + r"\b)", re.I
)


def two_questions(text: str) -> tuple[str, str] | None:
    """The two questions of one line that asks two ("Where did it show first, and why there?"), each as typed;
    None unless both parts are questions of their own."""
    line = clean(text).strip()
    if not _QUESTION_START.match(line):
        return None
    found = _SECOND_QUESTION.search(line)
    if found is None:
        return None
    first, second = line[: found.start()].strip(" ,"), line[found.end() :].strip(" ,")
    if len(first.split()) < 3 or len(second.split()) < 2:
        return None
    return first.rstrip("?") + "?", second


AUXILIARY = re.compile(r"(?:did|was|were|had|has|have|does|do|is|are) ", re.I)


_PASSIVE_ASKED = re.compile(r"^(?P<aux>was|were|is|are|had|has|have) (?P<rest>.+)$", re.I)


def as_statement(event: str) -> str | None:
    """An event told as a question's clause, "were India and Pakistan admitted to the SCO", as a statement ("India
    and Pakistan were admitted to the SCO"): the auxiliary before the first participle. None for any other event."""
    found = _PASSIVE_ASKED.match(event.strip())
    if found is None:
        return None
    words = found["rest"].split()
    at = next((k for k in range(1, len(words)) if _PARTICIPLE.fullmatch(words[k])), None)
    if at is None:
        return None
    return " ".join([*words[:at], found["aux"].casefold(), *words[at:]])


def echo_event(words: str) -> str:
    """An event as the asker named it, safe to repeat: letters, digits and plain punctuation only."""
    return " ".join(re.sub(r"[^\w\s'’,.-]|_", "", words).split())[:80] or "that event"


def interval(earlier: str, later: str, unit: str) -> str:
    """The time between two ISO dates (either a year, a month or a day) in the unit asked, as plainly as the
    dates allow: "5 years", "about 13 months"."""
    years = int(later[:4]) - int(earlier[:4])
    if unit == "months" and len(earlier) >= 7 and len(later) >= 7:
        months = years * 12 + int(later[5:7]) - int(earlier[5:7])
        return f"{months} month{'s' if months != 1 else ''}"
    if unit == "decades":
        return f"about {years / 10:g} decades" if years % 10 else f"{years // 10} decades"
    # Two years only give the difference give or take one: 1991-12 to 1992-01 is a month, not a year.
    precise = len(earlier) >= 7 and len(later) >= 7
    n = years - (1 if precise and later[5:] < earlier[5:] else 0)
    return f"{'' if precise else 'about '}{n} year{'s' if n != 1 else ''}"


SUMMED = re.compile(r"\b(?:together|combined|total|totals|sum|both|all)\b", re.I)


def format_amount(value: float, unit: str) -> str:
    """A difference of two figures, written as the figures are: "$700 million", "5 percentage points"."""
    if unit == "USD":
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if value >= size:
                return f"${value / size:,.3g} {word}"
        return f"${value:,.0f}"
    if unit == "percent":
        return f"{value:.3g} percentage point{'s' if value != 1 else ''}"
    return f"{value:,.3g} {unit}"
