"""How a name stands in a question when it is not what is asked about: the subject of a clause describing
another thing, the description of what went before or after it, where a ranking starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from bot.factbase.stems import stems_of
from bot.factbase.store import EntityRecord
from bot.factbase.text import NUMBER_WORDS, fold
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.search import STOPWORDS, EntityIndex
from bot.understanding.question.dates import _YEAR
from bot.understanding.question.kinds import ENTITY_TYPE_NOUNS, INSTANCE_KINDS
from bot.understanding.question.words import QUESTION_WORDS

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


# Words before a name or description that say the thing is of the past ("the old border club", "the erstwhile
# Shanghai Five"): the question's description of it, not a word its facts must say, nor a noun a clause describes.
_BYGONE = frozenset({"old", "erstwhile", "defunct", "bygone", "onetime"})


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
    if (
        noun in STOPWORDS
        or noun == "s"  # "when was the SCO's RATS founded": the thing owned is the subject, not a clause's
        or noun in _NOT_DESCRIBED
        or noun in _BYGONE
        or noun.endswith(("ed", "ing"))
        or noun.isdigit()
    ):
        return False
    if that and noun in _TOLD_THAT:
        return False  # "is it true that Jiang proposed …", "the claim that Beijing funded …": what is told
    k = end
    while k < len(words) and words[k] in _ADVERBS_BEFORE_VERB:
        k += 1
    return k < len(words) and (words[k].endswith("ed") or words[k] in _PAST_FORMS)


# Nouns for a body that a year before them dates ("the 2001 bloc", "the 1996 grouping"): the one whose description
# gives that year.
_DATED_BODY_NOUNS = frozenset(
    {"bloc", "grouping", "group", "organisation", "organization", "club", "body", "alliance", "outfit"}
)
# How many words may describe such a body between its year and its noun ("the 2001 Eurasian security club").
_DESCRIBING_BEFORE_NOUN = 2


def dated_bodies(
    words: Sequence[str], used: Sequence[bool], entities: EntityIndex
) -> list[tuple[int, int, EntityRecord]]:
    """Bodies named by the year they date from ("the 2001 bloc" is the SCO, as is "the 2001 Eurasian security
    organisation"): each as (where its year stands, where its noun stands, the one body whose description gives
    that year). The year then names the body; it asks for no facts of that year. Up to two words may describe the
    body between the two; they are still read, as what the asker says it is."""
    out = []
    for k in range(len(words) - 1):
        if used[k] or not _YEAR.match(words[k]):
            continue
        last = min(k + 2 + _DESCRIBING_BEFORE_NOUN, len(words))
        noun = next((n for n in range(k + 1, last) if words[n] in _DATED_BODY_NOUNS), None)
        if noun is None or any(
            used[n] or not words[n].isalpha() or words[n] in STOPWORDS for n in range(k + 1, noun + 1)
        ):
            continue
        found = entities.described([words[k]], {"organisation"}, head=words[noun])
        if len(found) == 1:
            out.append((k, noun, found[0]))
    return out


# Nouns a country is described by ("the steppe country", "the Pamir republic", "the desert Caspian state").
_COUNTRY_NOUNS = frozenset({"country", "republic", "state", "nation"})
# … and a body ("the Eurasian security grouping").
_DESCRIBED_BODY_NOUNS = frozenset(
    {"bloc", "grouping", "group", "organisation", "organization", "club", "alliance"}
)
_KIND_NOUN_STEMS = frozenset(stems_of(" ".join(_COUNTRY_NOUNS | _DESCRIBED_BODY_NOUNS)))
# How many words before such a noun may describe the thing.
_DESCRIBED_BY = 3


# Words relating a country to another rather than describing it ("the post-Soviet state", "its eastern
# neighbour").
_RELATING = frozenset(
    {"post", "former", "ex", "neighbouring", "neighboring", "partner", "member", "host", "client"}
)


def _lead_stems(thing: EntityRecord, lead_end: str) -> set[str]:
    """The stems of the lead of a thing's description: what it is, up to `lead_end`."""
    return set(stems_of(re.split(lead_end, thing.description or "", maxsplit=1)[0]))


def _is_described(thing: EntityRecord, describing: Sequence[str], lead_end: str) -> bool:
    """Whether the words describe the thing as what it is, the lead of its description ("Steppe country on the
    Caspian Sea", "Eurasian regional security bloc of 2001"), not what is said of it after ("Dissolved in 1991; the
    five Central Asian states gained independence from it" does not make "the Central Asian country" the Soviet
    Union), and are none of its own names' words ("the Soviet state" names the Soviet Union, as a name is read)."""
    said = set(stems_of(" ".join(describing)))
    lead = _lead_stems(thing, lead_end)
    if not said <= lead or lead.isdisjoint(_KIND_NOUN_STEMS):
        # (and the lead says what kind of thing it is, as the question's noun does: a bloc, a grouping, a
        # country; "Political and economic union" is no "economic club")
        return False
    return not any(said & set(stems_of(name)) for name in (thing.name, *thing.aliases))


# What ends the lead of a description: a country's runs to the first semicolon ("Mountainous country in the Tian
# Shan"); a body's to where it says where or when it is from ("Eurasian regional security bloc | of 2001").
_COUNTRY_LEAD_END = r";"
_BODY_LEAD_END = r"[;,(]| (?:of|in|at|on|for|from|based|with|whose|that) "


def described_things(
    words: Sequence[str], used: Sequence[bool], entities: EntityIndex
) -> list[tuple[int, int, EntityRecord]]:
    """Countries and bodies described instead of named, by words their own description says: "the doubly
    landlocked republic" is Uzbekistan ("Doubly landlocked country"), "the Tian Shan republic" Kyrgyzstan
    ("Mountainous country in the Tian Shan"), "the Eurasian security grouping" the SCO ("Eurasian regional security
    bloc of 2001"). Each as (where the describing words start, where the noun ends, the thing): the most words just
    before the noun that fit exactly one thing of its kind ("the gas-rich desert Caspian state": "desert Caspian");
    words before those are still read. Words fitting two or more ("the Caspian state") name none."""
    out = []
    for at, noun in enumerate(words):
        if used[at]:
            continue
        if noun in _COUNTRY_NOUNS:
            kind, lead_end = "country", _COUNTRY_LEAD_END
        elif noun in _DESCRIBED_BODY_NOUNS:
            kind, lead_end = "organisation", _BODY_LEAD_END
        else:
            continue
        start = at
        while (
            start > 0
            and at - start < _DESCRIBED_BY
            and not used[start - 1]
            and words[start - 1].isalpha()
            and words[start - 1] not in STOPWORDS
            and words[start - 1] not in QUESTION_WORDS
            # ("five-nation format": how many, not which; "post-Soviet state": a relation to the Soviet Union, not
            # it; "Beijing's state": whose)
            and words[start - 1] not in NUMBER_WORDS
            and words[start - 1] not in _RELATING
            and words[start - 1] != "s"
        ):
            start -= 1
        # (a body by all the words describing it: "the Eurasian security organisation" is not a "security
        # organisation" described as Eurasian besides; a country by the words nearest its noun)
        for first in range(start, at if kind == "country" else start + 1):
            found = entities.described(words[first:at], {kind}, head=noun if kind != "country" else None)
            if len(found) == 1 and _is_described(found[0], words[first:at], lead_end):
                out.append((first, at + 1, found[0]))
                break
    return out


def in_description(named: EntityRecord, thing: EntityRecord) -> bool:
    """Whether a name of `named` is said in the lead of `thing`'s description (before it says where, when or what
    for)."""
    lead = _lead_stems(thing, _BODY_LEAD_END)
    return any((said := set(stems_of(n))) and said <= lead for n in (named.name, *named.aliases) if n)


def titles_before(words: Sequence[str], spans: Sequence[tuple[int, int, EntityRecord]]) -> set[int]:
    """The words of a title just before a person's name, said in their own role or description ("Chinese Foreign
    Ministry spokesperson Mao Ning", "AidData policy director Samantha Custer"): who the person is, not things
    asked about (the ministry, China)."""
    out: set[int] = set()
    for start, _, person in spans:
        if person.type != "person":
            continue
        told = set(stems_of(f"{person.role or ''} {person.description or ''}"))
        at = start
        while at > 0 and (words[at - 1] == "s" or (told & set(stems_of(words[at - 1])))):
            at -= 1
        if words[at : at + 1] == ["s"]:
            at += 1  # (a possessive opens no title)
        if start - at >= 2:  # a title, not one word of a name's own ("President")
            out.update(range(at, start))
    return out


# Verbs of founding between a body's noun and the year after it ("the grouping founded in 2001").
_FOUNDED = frozenset({"founded", "established", "created", "formed", "launched", "started", "born"})


def bodies_dated_after(
    words: Sequence[str], used: Sequence[bool], entities: EntityIndex
) -> list[tuple[int, int, EntityRecord]]:
    """Bodies named by the year after their noun: "the border grouping of 1996" is the Shanghai Five ("Grouping of
    1996 of China, …"), as "the 1996 grouping" is (see `dated_bodies`); so are "the club founded in 2001" and "the
    alliance founded in Shanghai in 2001". Each as (where its noun stands, where its year ends, the body). The year
    then names the body, not a year asked about; words describing it before its noun are still read."""
    out = []
    for k in range(2, len(words)):
        if used[k] or not _YEAR.match(words[k]):
            continue
        place: list[str] = []  # "founded in Shanghai in 2001": where, which its description says too
        if words[k - 1] == "of":
            noun = k - 2
        elif words[k - 1] == "in" and words[k - 2] in _FOUNDED:
            noun = k - 3
        elif words[k - 1] == "in" and words[k - 3 : k - 1] == ["set", "up"]:
            noun = k - 4
        elif k >= 5 and words[k - 1] == "in" and words[k - 3] == "in" and words[k - 4] in _FOUNDED:
            noun, place = k - 5, [words[k - 2]]
        else:
            continue
        if noun < 0 or used[noun] or words[noun] not in _DATED_BODY_NOUNS:
            continue
        found = entities.described([*place, words[k]], {"organisation"}, head=words[noun])
        if len(found) == 1:
            out.append((noun, k + 1, found[0]))
    return out


def named_by_noun_of(
    words: Sequence[str],
    used: Sequence[bool],
    named: Mapping[str, EntityRecord],
    named_at: set[int],
    ends: dict[int, str],
    entities: EntityIndex,
    thesaurus: Thesaurus,
) -> list[tuple[int, int, str, EntityRecord]]:
    """Things named by a noun and a word of a named thing's name: "the guiding spirit of the Shanghai grouping",
    "the founding ethos of the SCO" are the Shanghai Spirit (the noun, or a one-word synonym, after a word of the
    SCO's name). Each as (where the noun stands, where the named thing's name ends, the named thing's id, the thing
    meant), in place of the named thing. `named`: the things named so far; `named_at`: where names start; `ends`:
    where each ends, and what it names."""
    out = []
    free_from = 0  # (past a thing found, whose words are then read)
    for k in range(len(words) - 2):
        if k < free_from or used[k] or words[k + 1] != "of":
            continue
        at = k + 2 + (words[k + 2 : k + 3] == ["the"])
        if at not in named_at:
            continue
        owner_end = min((e for e in ends if e > at), default=None)
        owner = named.get(ends[owner_end]) if owner_end is not None else None
        if owner_end is None or owner is None:
            continue
        nouns = {
            words[k],
            *(t for t in thesaurus.synonyms_by_stem.get(stem_key(words[k]), ()) if " " not in t),
        }
        meant = next(
            (
                m.entity
                for word in dict.fromkeys(fold(owner.name).split())
                if word not in STOPWORDS
                for noun in sorted(nouns)
                if (m := entities.resolve(f"{word} {noun}")) is not None
                and m.how == "exact"
                and m.entity.id != owner.id
            ),
            None,
        )
        if meant is not None:
            out.append((k, owner_end, owner.id, meant))
            free_from = owner_end
    return out


# How many words a lasting thing's name or description may take after the year that dates it ("the 2001 Eurasian
# security club").
_DATED_NAME_WORDS = 3


def years_naming(
    words: Sequence[str], used: Sequence[bool], ends: dict[int, str], entities: EntityIndex
) -> list[int]:
    """Where a year stands just before the name or description of a lasting thing whose own description dates it
    to that year: "the 2001 Eurasian security club" is the SCO ("Regional security bloc of 2001"). The year says
    which thing is meant, as in "the 2001 bloc", and asks for no facts of that year; "the 2023 SCO declaration"
    still asks about 2023."""
    out = []
    for k, word in enumerate(words[:-1]):
        if used[k] or not _YEAR.match(word):
            continue
        for end in range(k + 2, min(k + 2 + _DATED_NAME_WORDS, len(words) + 1)):
            thing = entities.by_id.get(ends[end]) if end in ends else None
            between = words[k + 1 : end]
            # (the name or the words describing it follow the year at once: "of 2001 was the SCO" does not)
            if (
                thing is None
                or thing.type == "event"
                or not all(w.isalpha() and w not in STOPWORDS for w in between)
            ):
                continue
            if any(e.id == thing.id for e in entities.described([word], {thing.type})):
                out.append(k)
            break
    return out


# "… the bloc that grew out of the 1996 frontier talks?": where a body came from, told to say which body is meant.
# (two of them also say a body came after another, `_WENT_AFTER`, where they ask rather than describe)
_GREW_FROM = frozenset({("grew", "out", "of"), ("emerged", "from")})
_CAME_FROM = _GREW_FROM | {
    ("grown", "out", "of"),
    ("evolved", "from"),
    ("evolved", "out", "of"),
    ("came", "out", "of"),
    ("sprang", "from"),
    ("was", "born", "of"),
}


def origins_naming_after(
    words: Sequence[str], used: Sequence[bool], ends: dict[int, str], entities: EntityIndex
) -> list[range]:
    """The words after a body's description that tell where it came from, to the end of the question: "the
    regional security bloc that grew out of the 1996 frontier talks" names the SCO by its forerunner, and asks
    nothing of the talks."""
    out = []
    for end, thing_id in ends.items():
        thing = entities.by_id.get(thing_id)
        if thing is None or thing.type == "event" or words[end - 1] not in _DATED_BODY_NOUNS:
            continue
        start = end + 1 if words[end : end + 1] in (["that"], ["which"]) else end
        said = next((p for p in _CAME_FROM if tuple(words[start : start + len(p)]) == p), None)
        # (with what it came from after it: "the organisation that the Shanghai bloc grew out of" asks for that)
        told = len(words) - start - (len(said) if said else 0)
        if said is not None and 1 <= told <= 6 and not any(used[end:]):
            out.append(range(end, len(words)))
    return out


def years_naming_after(
    words: Sequence[str],
    used: Sequence[bool],
    ends: dict[int, str],
    entities: EntityIndex,
    asked_first: bool = False,
) -> list[range]:
    """The words after the description of a lasting body that date it as its own description does: "the Eurasian
    security club set up in 2001", "the bloc founded in 2001" (as "the 2001 bloc", see `years_naming`). Each as the
    words from the verb to the year. With what is asked said first (`asked_first`: "which states were in the
    Shanghai Five set up in 1996?"), a name is dated so too."""
    out = []
    for end, thing_id in ends.items():
        thing = entities.by_id.get(thing_id)
        # (a description ending on a body's noun, or a name the question asks something of: "the SCO founded in
        # 2001?" asks whether it was)
        if (
            thing is None
            or thing.type == "event"
            or (words[end - 1] not in _DATED_BODY_NOUNS and not asked_first)
        ):
            continue
        after = list(words[end : end + 4])
        for size, fits in (
            (2, after[:1] == ["of"]),
            (3, after[:1] and after[0] in _FOUNDED and after[1:2] == ["in"]),
            (4, after[:3] == ["set", "up", "in"]),
        ):
            if (
                not fits
                or len(after) < size
                or not _YEAR.match(after[size - 1])
                or any(used[end : end + size])
            ):
                continue
            if any(e.id == thing.id for e in entities.described([after[size - 1]], {thing.type})):
                out.append(range(end, end + size))
            break
    return out


# What a thing's description calls the one that went before it ("forerunner of the Shanghai Cooperation Organisation").
_FORERUNNER_WORDS = frozenset({"forerunner", "predecessor", "precursor"})
_FORERUNNER_ORDER = frozenset({"earliest", "first", "original", "immediate", "direct", "earlier"})
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
    ("evolved", "into"),
    ("developed", "into"),
    ("became",),
    ("grew", "out", "of"),
    ("emerged", "from"),
)
# Words of time between "that" and the relation: "the grouping that later grew into the SCO".
_THEN = frozenset({"later", "eventually", "subsequently", "then", "ultimately", "in", "time"})


# Of those, the relations saying the thing asked about went before the one named: it is that one's forerunner.
_WENT_BEFORE = frozenset(
    {("came", "before"), ("come", "before"), ("preceded",)}
    # "the grouping that (later) grew into the SCO" went before it, as its forerunner
    | {("grew", "into"), ("turned", "into"), ("evolved", "into"), ("developed", "into"), ("became",)}
)


# … and those saying it came after the one named: it is that one's successor ("the body which replaced the
# Shanghai Five", "what succeeded the Shanghai Five").
_WENT_AFTER = _GREW_FROM | {("succeeded",), ("replaced",)}
_SUCCESSOR_WORDS = frozenset({"successor", "successors"})


def went_after(words: list[str], frame: list[int]) -> bool:
    """Whether a describing frame says the thing asked about came after the one named ("the body which replaced
    the Shanghai Five")."""
    return tuple(words[k] for k in frame if words[k] not in _THEN | {"that", "which"}) in _WENT_AFTER


def successor_asked(words: Sequence[str], start: int) -> range | None:
    """The words saying the name at `start` follows "successor to/of (the)": "the successor to the Shanghai Five"
    asks about the one that came after it."""
    at = _noun_before_name(words, start, _SUCCESSOR_WORDS, (["of"], ["of", "the"], ["to"], ["to", "the"]))
    return None if at is None else range(at, at + 1)


def successor_of(owner: EntityRecord, entities: EntityIndex) -> EntityRecord | None:
    """The one thing `owner`'s description says it went before ("forerunner of the Shanghai Cooperation
    Organisation"), if it names one."""
    text = fold(owner.description or "")
    for noun in sorted(_FORERUNNER_WORDS):
        at = text.find(f"{noun} of ")
        if at < 0:
            continue
        words = text[at + len(noun) + 4 :].split()
        spans = entities.mention_spans(words, words)
        if spans and spans[0][0] <= 1 and spans[0][2].id != owner.id:
            return spans[0][2]
    return None


def went_before(words: list[str], frame: list[int]) -> bool:
    """Whether a describing frame says the thing asked about went before the one named ("the grouping that
    preceded the SCO")."""
    return tuple(words[k] for k in frame[1:] if words[k] not in _THEN) in _WENT_BEFORE


def _noun_before_name(
    words: Sequence[str], start: int, nouns: frozenset[str], joins: tuple[list[str], ...]
) -> int | None:
    """Where one of `nouns` stands before the name at `start`, joined to it by one of `joins` ("forerunner of the
    SCO", "successor to the Shanghai Five")."""
    for back in (2, 3):
        at = start - back
        if (
            at >= 0
            and words[at] in nouns
            and list(words[at + 1 : start]) in joins
            and not _claimed_of(words, at)
        ):
            return at
    return None


_YES_NO_OPENINGS = frozenset({"is", "was", "are", "were", "isn", "wasn"})


def _claimed_of(words: Sequence[str], at: int) -> bool:
    """Whether the noun at `at` is what a yes/no question asks a thing to be ("is the SCO the successor of the
    Shanghai Five?"): then both things are asked about, and the relation is the claim, not a description."""
    return (
        at >= 3
        and words[0] in _YES_NO_OPENINGS
        and words[at - 1] in {"the", "a", "an"}
        and words[at - 2] not in STOPWORDS
    )


def forerunner_asked(words: Sequence[str], start: int) -> range | None:
    """The words saying the name at `start` follows "forerunner of (the)": "the forerunner of the SCO" asks about
    the one that went before the SCO, as "the SCO's forerunner" does. An order the forerunner is given in ("the
    earliest forerunner", "its original predecessor") is part of them: a forerunner is already the earlier one."""
    at = _noun_before_name(words, start, _FORERUNNER_WORDS, (["of"], ["of", "the"]))
    if at is None:
        return None
    first = at - 1 if at >= 1 and words[at - 1] in _FORERUNNER_ORDER else at
    return range(first, at + 1)


def forerunner_of(owner: EntityRecord, entities: EntityIndex) -> EntityRecord | None:
    """The one thing whose description says it went before `owner` ("forerunner of the Shanghai Cooperation
    Organisation"), if exactly one does."""
    for noun in sorted(_FORERUNNER_WORDS):
        found = entities.described([noun, *fold(owner.name).split()], _FORERUNNER_TYPES)
        if len(found) == 1 and found[0].id != owner.id:
            return found[0]
    return None


# The nouns of states a country once held ("former Soviet republics").
_STATES = frozenset(
    {w for w, kind in ENTITY_TYPE_NOUNS.items() if kind == "country"}
    | {"republic", "republics", "members", "stans"}
)
# A ranking counted from a thing: "second after Kazakhstan", "next behind", "below".
_RANKED_FROM = frozenset({"after", "behind", "below", "beneath"})
_RANK_WORDS = frozenset(
    {"second", "third", "fourth", "next", "runner", "rank", "ranks", "ranked", "ranking", "most"}
    # "just behind Kazakhstan", "behind only Kazakhstan": the one ranked above
    | {"just", "only", "immediately", "directly", "closely", "right"}
)
_CLOSELY = (["just"], ["right"], ["immediately"], ["directly"], ["closely"])


def _describing_frame(words: list[str], start: int) -> list[int]:
    """The words just before the name at `start` that make it the description of another thing: "the ethos behind
    the Shanghai bloc", "the club that came before the SCO". The thing asked about is that other one, and a fact
    about it need not name what describes it. Empty when there are none. ("Who is behind X" asks who: not this.)"""
    at = start - (words[start - 1 : start] == ["the"])
    if at >= 2 and words[at - 1] == "behind" and words[at - 2] not in STOPWORDS | QUESTION_WORDS:
        return [at - 1]
    if (
        at >= 1
        and (
            words[at - 1] in _RANKED_FROM
            # "behind only Kazakhstan", "the runner-up to Kazakhstan", "second only to"
            or (at >= 2 and words[at - 1] == "only" and words[at - 2] in _RANKED_FROM | {"to"})
            or (at >= 2 and words[at - 1] == "to" and words[at - 2] in {"up", "second", "only"})
        )
        and any(w in _RANK_WORDS or w.endswith("est") for w in words)
    ):
        # "the second-largest recipient after Kazakhstan", "ranks behind Kazakhstan": the one ranked above is
        # where the ranking starts; a fact giving the rank need not name it.
        if words[at - 1] == "only" or (words[at - 1] in _RANKED_FROM and words[at - 2 : at - 1] in _CLOSELY):
            return [at - 2, at - 1]  # "behind only", "right after": how closely is no word a fact must say
        return [at - 1]
    for relation in _DESCRIBING_RELATIONS:
        for then in (0, 1, 2):  # "that grew into", "that later grew into", "which in time grew into"
            first = at - len(relation) - 1 - then
            if (
                first >= 0
                and all(w in _THEN for w in words[first + 1 : first + 1 + then])
                and tuple(words[first + 1 + then : at]) == relation
                and (
                    words[first] in {"that", "which"}
                    # "what replaced the Shanghai Five?": the thing that came after it is asked about
                    or (first == 0 and words[first] in {"what", "which"} and relation in _WENT_AFTER)
                    # "which body came before the SCO?": the kind of thing asked about, then the relation (one
                    # saying it went before; "what organisation grew out of the Shanghai Five" asks what it became)
                    or (
                        first >= 1
                        and words[first] in _DATED_BODY_NOUNS
                        and words[first - 1] in {"which", "what"}
                        and relation in _WENT_BEFORE
                    )
                )
            ):
                return list(range(first + (words[first] in {"what", "which"} and first == 0), at))
    return []


def described_noun(words: Sequence[str], frame: Sequence[int]) -> int | None:
    """Where the noun stands that a describing frame says went before another thing, when it only says what kind
    of thing that is: "the body that came before the SCO" is the Shanghai Five, and "body" is no word its facts
    must say."""
    noun = frame[0] - 1 if words[frame[0]] in {"that", "which"} else frame[0]
    if noun < 0 or words[noun] not in _DATED_BODY_NOUNS:
        return None
    # Only where the thing itself is asked for ("what was the body …", "which grouping …"): elsewhere the noun is
    # still what the asker calls it ("when did Beijing set up the grouping that preceded the SCO?").
    before = [w for w in words[max(0, noun - 3) : noun] if w != "the"]
    return (
        noun
        if before[-1:] in (["which"], ["what"]) or before[-2:] in (["what", "was"], ["what", "is"])
        else None
    )


# Verbs a question puts after the thing it asks about ("how does the Eurasian Economic Union compare with …"): the
# name's end, not a noun it qualifies.
_VERBS_AFTER_A_NAME = frozenset(
    {
        "compare",
        "differ",
        "fit",
        "fits",
        "stack",
        "stacks",
        "rank",
        "ranks",
        "relate",
        "relates",
        "fare",
        "fares",
    }
    | {"mean", "means", "matter", "matters", "stand", "stands", "overlap", "overlaps", "compete", "competes"}
    | {"work", "works", "fall", "falls", "differs", "say", "says", "see", "sees", "view", "views"}
)
# Small words a name may hold between its capitalised words ("Organization of Turkic States").
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "de"})


def proper_names(written: Sequence[str], words: Sequence[str], taken: Sequence[bool]) -> list[str]:
    """Runs of two or more capitalised words inside the question (never its first word, which is capitalised
    whatever it is), as written, outside any entity's name (`taken`): "Organization of Turkic States". None in a
    question written in title case (its small words capitalised too), where capitals say nothing."""
    if any(written[k][:1].isupper() and words[k] in STOPWORDS for k in range(1, len(written))):
        return []  # "What Is The Capital Of …": title case
    found: list[str] = []
    run: list[int] = []
    for k in [*range(1, len(written)), len(written)]:
        if k < len(written) and not taken[k] and written[k][:1].isupper() and words[k] not in STOPWORDS:
            run.append(k)
            continue
        if run and k < len(written) and words[k] in _NAME_JOINERS and not taken[k]:
            run.append(k)
            continue
        while run and words[run[-1]] in _NAME_JOINERS:
            run.pop()
        # (words qualifying a noun after them describe it, "Turkic Muslim minority", "East Asian states": no name)
        # (a verb after the name is no noun it qualifies: "is the Eurasian Economic Union mentioned")
        qualifies = (
            k < len(written)
            and words[k] not in STOPWORDS
            and words[k] not in _NAME_JOINERS
            and words[k] not in _VERBS_AFTER_A_NAME
            and not words[k].endswith(("ed", "ing"))
        )
        if sum(1 for i in run if written[i][:1].isupper()) >= 2 and not qualifies:
            found.append(" ".join(written[i] for i in run))
        run = []
    return found


# Kinds of thing a name goes before: "the Rogun dam", "the At-Bashi logistics centre", "the Kambarata plant".
_NAMED_KINDS = INSTANCE_KINDS | {
    "river",
    "lake",
    "field",
    "city",
    "town",
    "province",
    "region",
    "valley",
    "centre",
    "center",
    "corridor",
    "airport",
    "station",
    "hub",
    "zone",
    "park",
    # places far from the sources' subject, named the same way: "the senkaku islands", "the spratly islands"
    "island",
    "islands",
    "sea",
    "strait",
    "peninsula",
    "mountains",
    "desert",
}


# … and the kinds that words before them pick one thing out of ("the light rail transit project").
PICKED_OUT_KINDS = _NAMED_KINDS | {"project", "projects", "scheme", "line", "road", "bridge"}


def named_before_kind(word: str, words: Sequence[str], kinds: AbstractSet[str] = _NAMED_KINDS) -> bool:
    """Whether `word` stands where a name does, just before the kind of thing it names (one word may come between:
    "the rogun dam", "the at-bashi logistics centre"), so that it is a name however it is typed."""
    return any(words[k] == word and any(w in kinds for w in words[k + 1 : k + 3]) for k in range(len(words)))
