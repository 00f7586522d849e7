"""Reading a question: `understand` puts the other modules' readings together into a `Question`.

Everything here is plain text processing over the entity index and the curated thesaurus: no guessing from
capital letters (a question's first word is capitalised whatever it is), no model.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Sequence

from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord
from bot.factbase.text import NUMBER_WORDS, clean, fold, number_spans
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.ingest.dates import dates_in
from bot.search import STOPWORDS, EntityIndex
from bot.understanding.question.amounts import (
    _AMOUNT,
    _BOUND_WORDS,
    _CHANGE_WORDS,
    _CHANGES,
    _COMPARATIVES,
    _DESTINATION_ASKED,
    _EXACT,
    _FRACTION,
    _HOW_MUCH_MORE,
    _INTO,
    _KINDS_INCLUDED,
    _MONEY,
    _PORTION_ASKED,
    _RANK_ASKED,
    _RANKING_WORDS,
    _SUM_ASKED,
    _UP_OR_DOWN,
    _WENT,
    COUNT_WORDS,
    TRANSACTION_NOUNS,
    _measure_size,
    _stated,
    in_every_words,
    kinds_set_against,
)
from bot.understanding.question.context import (
    PURPOSE_SAID,
    asker_frame,
    guess_at,
    names_in_place,
    refers_back,
    split_context,
)
from bot.understanding.question.courtesy import _asked, _courtesy, checks_a_claim_by_tag, unwrap
from bot.understanding.question.dates import (
    _ANNOUNCING,
    _FROM_TO,
    _JOINING,
    _LASTING,
    _LATER,
    _OFFERED,
    _OFTEN,
    _ORDINAL,
    _PLANNED,
    _SAYING,
    _SPAN_ENDS,
    _SPANNING,
    _YEAR,
    MADE_KNOWN,
    SECOND_TO,
    SPAN_END_ASKED,
    _becomes_named,
    _precision,
    _transition_ends,
    _years_asked,
    stated_date,
)
from bot.understanding.question.frames import read_frames
from bot.understanding.question.intents import (
    _CLAIM_CHECK,
    _CONDITION,
    _POLAR,
    _POLAR_AFTER_SOURCE,
    ANSWER_TYPES,
    DESCRIBING_ASKED,
    EXCLUSIVE,
    WH_ASKED,
    YEAR_MODIFIERS,
    detect_intent,
    many_for_much,
    name_one_as_which,
    topic_first,
)
from bot.understanding.question.kinds import (
    _NAMING_VERBS,
    ENTITY_TYPE_NOUNS,
    _compound_head,
    _instance_asked,
    _kind_asked,
)
from bot.understanding.question.model import Concept, Question, _concept
from bot.understanding.question.names import (
    _BYGONE,
    _FORERUNNER_WORDS,
    _STATES,
    _SUCCESSOR_WORDS,
    _describing_frame,
    _in_relative_clause,
    bodies_dated_after,
    dated_bodies,
    described_noun,
    described_things,
    forerunner_asked,
    forerunner_of,
    in_description,
    named_by_noun_of,
    origins_naming_after,
    proper_names,
    successor_asked,
    successor_of,
    titles_before,
    went_after,
    went_before,
    years_naming,
    years_naming_after,
)
from bot.understanding.question.people import (
    _ACTOR,
    _CURRENT,
    _DEEDS,
    _LOCATED,
    _ONE_PERSON,
    _PEOPLE_ASKED,
    _PLURAL,
    _SECTORS,
    _WHAT_DID,
    _WHO_DID,
    _WORKED_WITH,
    deed_asked,
)
from bot.understanding.question.sources import (
    _ACCESS,
    _DOCUMENT_KINDS,
    _DOCUMENT_NOUNS,
    _RECKONING,
    _SAYING_NOUNS,
    _SCHOLARS,
    _SOURCE_NOUNS,
    _SPEAKING,
    _TANKERS,
    _WORK_DONE,
    SOURCE_TYPES,
    _after_work,
    _cites,
    _compound_topics,
    _described_sources,
    _describes_source,
    _document_topics,
    _mentioned_by,
    _source_before,
    _speaks,
    _staff_after,
    time_of_writing,
)
from bot.understanding.question.tokens import (
    _LEADING_ASIDE,
    _WORD,
    MAX_QUESTION_CHARS,
    _amounts_written,
    _rejoin_particles,
    _set_aside_before,
    _tokens,
    _words_in,
)
from bot.understanding.question.words import (
    _ADJECTIVE,
    _AFTER_PLACE,
    _ASKING,
    _DEFINITION_ASKED,
    _MENTION_PHRASES,
    _RELATION_WORDS,
    _VERBS,
    COMPOSING,
    CONCERNING,
    COUNTS_AS,
    DONE_BEFORE,
    NEVER_WORDS,
    QUESTION_WORDS,
)

# Measure words that ask for a figure only after "how": elsewhere they describe ("the far west").
_HOW_MEASURES = frozenset({"far", "long"})
# Words that rank the two things of "which …, A or B?" against each other ("which got more", "which is older"):
# then each side needs facts of its own.
_RANKS_THE_TWO = (
    _COMPARATIVES
    | _RANKING_WORDS
    | frozenset(
        {
            "older",
            "newer",
            "earlier",
            "later",
            "sooner",
            "last",
            "least",
            "better",
            "worse",
            "best",
            "worst",
            "closer",
            "stronger",
            "weaker",
            "richer",
            "poorer",
            "warmer",
            "cooler",
            "wider",
            "cheaper",
            "costlier",
            "biggest",
            "largest",
            "smallest",
            "highest",
            "lowest",
            "oldest",
            "earliest",
            "latest",
            "warmest",
            "coolest",
            "rather",
        }
    )
)


_RELATED_BY = frozenset(
    {"funded", "backed", "led", "sponsored", "financed", "owned", "dominated", "brokered", "run", "driven"}
)
_PART_OF = tuple([noun, "of"] for noun in ("place", "part", "region", "city", "area", "province", "town"))
_SPEAKING_FOR = (["represented"], ["represents"], ["represent"], ["representing"])


def _person_of(
    words: list[str], spans: Sequence[tuple[int, int, EntityRecord]], entities: EntityIndex
) -> frozenset[str]:
    """The countries "which <country> <person>" says the one person asked for is of: "which Kazakh minister",
    "which Chinese foreign ministry official", "which Central Asian leader" (any of the five)."""
    # "Who represented Kazakhstan at the meeting?": someone of Kazakhstan, not whoever met its delegates.
    represented = {
        e.id for start, _, e in spans if e.type == "country" and words[start - 1 : start] in _SPEAKING_FOR
    }
    if represented and words[:1] == ["who"]:
        return frozenset(represented)
    found = _ONE_PERSON.search(" ".join(words))
    if found is None:
        return frozenset()
    at = _words_in(words, found)
    first, noun = at[1] if len(at) > 1 else at[-1], at[-1]
    countries = {e.id for start, end, e in spans if e.type == "country" and first <= start and end <= noun}
    if any(words[k : k + 2] == ["central", "asian"] for k in range(first, noun)):
        countries.update(e.id for e in entities.region_states())
    return frozenset(countries)


def _defined(words: list[str], folded: str, spans: Sequence[tuple[int, int, EntityRecord]]) -> frozenset[str]:
    """The thing a definition is asked of: named after "define / mean by / a definition of", or before "defined /
    consist of / mean" ("how is the Shanghai Spirit defined"). Never a country or a person ("what does Putz mean by …"
    asks of her phrase)."""
    found = _DEFINITION_ASKED.search(folded)
    if found is None:
        return frozenset()
    at = [len(words) - 1] if found.group("mean") else _words_in(words, found)
    things = sorted(
        ((start, end, e) for start, end, e in spans if e.type not in {"country", "person"}),
        key=lambda s: s[0],
    )
    if found.group("mean"):
        return frozenset([e.id for _, _, e in things][:1])  # "what does X (that China pushes …) mean"
    if words[at[0]] in {"defined", "consist", "consists"}:
        return frozenset([e.id for _, end, e in things if end <= at[0]][-1:])
    return frozenset([e.id for start, _, e in things if start > at[-1]][:1])


def _defined_term(folded: str, concepts: Sequence[Concept]) -> str | None:
    """The concept a definition is asked of where no entity is named after the asking words: "what counts as
    financial diplomacy", "what does Putz mean by chequebook diplomacy" (the first concept said after them)."""
    found = _DEFINITION_ASKED.search(folded)
    if found is not None and found.group("mean"):
        return None
    found = found or COUNTS_AS.search(folded)
    if found is None:
        return None
    after = folded[found.end() :]
    at = {c.text: after.find(c.text) for c in concepts if " " in c.text or c.text.isalpha()}
    said = sorted((k, text) for text, k in at.items() if k >= 0)
    return said[0][1] if said else None


# Words that, joined to a measure word by a hyphen, make an amount one adjective: "billion-dollar", "1,700-km".
_AMOUNT_WORDS = NUMBER_WORDS | {"multi", "hundred", "thousand", "million", "billion", "trillion"}


def _stated_amount(words: list[str], at: int, line: str) -> bool:
    """Whether the measure word at `at` ends an amount written as one adjective ("the billion-dollar package", "a
    1,700-km frontier"): what the thing is worth or measures, said to name it, not the unit asked for ("how many
    ventures did the billion-dollar package cover?" counts ventures)."""
    before = words[at - 1] if at else ""
    return (before in _AMOUNT_WORDS or before.isdigit()) and f"{before}-{words[at]}" in line


def _shared_verb(words: list[str], at: int) -> bool:
    """Whether "share" at `at` is a verb ("how much frontier do Kazakhstan and China share?", "they share a
    border"), not the noun a measure asks for ("Kazakhstan's share of …")."""
    return (
        words[at] in {"share", "shares", "shared"}
        and at > 0
        and words[at - 1] not in {"the", "a", "its", "their", "s", "what", "which", "how"}
        and words[at + 1 : at + 2] not in (["of"], ["in"])
        # "… do they share?", or a statement put to check: "Kazakhstan and China share a long border, right?"
        and (not {"do", "does", "did"}.isdisjoint(words[:at]) or words[at + 1 : at + 2] in (["a"], ["an"]))
    )


def _after_context(
    context: str, question: str, entities: EntityIndex, thesaurus: Thesaurus, figures: bool
) -> Question | None:
    """The question read without the asker's context before it, the things it refers back to put in place; None
    when it cannot stand alone (it names and asks about nothing, or leans on what no name can stand in for)."""
    named = understand(context, entities, thesaurus).entities
    if refers_back(question) and named:
        # (A context naming nothing leaves the pronoun to the question itself: "how many countries did the team
        # look at when they measured …".)
        question = names_in_place(question, [e.name for e in named]) or ""
        if not question:
            return None
    read = understand(question, entities, thesaurus, figures=figures)
    if (
        named
        and not read.entities
        and not read.years
        and all(c.text in thesaurus.measures for c in read.concepts)
    ):
        # "I vaguely recall Beijing lent its sovereign wealth fund about $1.5 billion. What was the exact sum?":
        # a question naming nothing but a measure measures what the context tells of.
        return None
    return read if read.entities or read.concepts else None


def _states_after(words: list[str], end: int) -> bool:
    """Whether the states' noun follows a name ending before `end`, past their region ("ex-Soviet republics",
    "the five ex-Soviet Central Asian republics"; not "former Chinese head of state")."""
    at = end + 2 if words[end : end + 2] == ["central", "asian"] else end
    return at < len(words) and words[at] in _STATES


# Words after a pair of names that make them the two sides of a relation: "China–Central Asia relations".
_BETWEEN = frozenset(
    {"relations", "relationship", "ties", "trade", "links", "dealings", "contacts", "exchanges", "diplomatic"}
)


def _between_two(
    spans: list[tuple[int, int, EntityRecord]], words: list[str], written: list[str], entities: EntityIndex
) -> list[tuple[int, int, EntityRecord]]:
    """A body named after its members, read as the members when a relation between them follows: "China–Central
    Asia relations" are China's with Central Asia, not the China + Central Asia format's."""
    out: list[tuple[int, int, EntityRecord]] = []
    for start, end, entity in spans:
        if (
            entity.type == "organisation"
            and end - start >= 2
            and words[end : end + 1]
            and words[end] in _BETWEEN
        ):
            inner = entities.mention_spans(words[start:end], written[start:end], longest=end - start - 1)
            if inner:
                out += [(start + a, start + b, e) for a, b, e in inner]
                continue
        out.append((start, end, entity))
    return out


_ALONE = frozenset({"alone", "only", "solely", "itself", "just"})  # "the tunnel alone": that thing by itself
# The one before this, in "how long since the previous one", after one of `_WHOSE`.
_BEFORE_THIS = frozenset({"last", "previous", "prior"})
_WHOSE = (["the"], ["his"], ["her"], ["their"], ["s"])
# The words that may follow a measure word a "what is" question asks for: "the share of …", "the GDP in 2015",
# "the population that …", or the end of the question.
_AFTER_MEASURE = frozenset(
    {"of", "in", "on", "for", "per", "at", "that", "which", "is", "was", "are", "were", "now", "today"}
    # "what was Kazakhstan's GDP when ANKASAM called it …": the time of the measure asked
    | {"when", "before", "after", "during", "according"}
)


# What a number of members counts, in "the five-party grouping", "the six-nation meeting".
_MEMBERS_COUNTED = frozenset(
    {"party", "parties", "nation", "nations", "country", "countries", "member", "members", "state", "states"}
)


# Superlatives that rank things by what follows them ("the largest number of Chinese tourists", "the most money"),
# and the words between them and that thing ("number of", "amount of").
_EXTREMES = frozenset(
    {
        "most",
        "largest",
        "biggest",
        "highest",
        "greatest",
        "longest",
        "richest",
        "fewest",
        "least",
        "lowest",
        "smallest",
        "widest",
        "deepest",
        "tallest",
        "busiest",
        "heaviest",
        "costliest",
        "priciest",
    }
)
_EXTREME_OF = frozenset({"number", "numbers", "amount", "amounts", "volume", "quantity", "of", "the"})


def _ranked_by(
    words: list[str], starts: dict[int, int], concepts: list[Concept], used: list[bool]
) -> set[str]:
    """The concepts a superlative ranks by: the run of words after it, up to the first word that is neither a
    concept, a name ("Chinese") nor a word of measure ("number of")."""
    ranked: set[str] = set()
    for i, word in enumerate(words):
        if word not in _EXTREMES:
            continue
        k = i + 1
        while k < len(words) and words[k] in _EXTREME_OF:
            k += 1
        while k < len(words):
            if k in starts:
                concept = concepts[starts[k]]
                ranked.add(concept.text)
                k += len(concept.text.split())
            elif used[k]:
                k += 1  # a name ("Chinese tourists")
            else:
                break
    return ranked


def _joined_from(words: list[str], starts: dict[int, int], concepts: list[Concept]) -> str | None:
    """The concept just after an "and" that joins two concepts ("agreements and top-level contacts"), if one
    does."""
    ends = {k + len(concepts[at].text.split()) for k, at in starts.items()}
    for k, word in enumerate(words):
        if word == "and" and k in ends and k + 1 in starts:
            return concepts[starts[k + 1]].text
    return None


# The words that may stand between "how many" and its unit: a scale ("how many billions of dollars").
_SCALE_WORDS = frozenset(
    {"thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions", "of"}
)


def _after_how_many(words: list[str], i: int) -> bool:
    """Whether the word at `i` is what "how many" or "how much" asks for ("how many km", "how many billion
    dollars")."""
    k = i - 1
    while k >= 2 and words[k] in _SCALE_WORDS:
        k -= 1
    return k >= 1 and words[k - 1] == "how" and words[k] in {"many", "much"}


def _measure_asked(words: list[str], i: int, size: int) -> bool:
    """Whether the measure word at `i` is what a "what is" question asks for."""
    return (
        i + size >= len(words)
        or words[i + size] in _AFTER_MEASURE
        or words[i - 1 : i] in (["what"], ["which"])
    )


_TIME_UNITS = frozenset({"year", "years", "date", "dates", "month", "months", "day", "days"})


_IDEA_NOUNS = [["idea"], ["brainchild"], ["proposal"], ["invention"], ["own", "idea"], ["own", "brainchild"]]
_PORTION_NOUNS = frozenset({"majority", "bulk", "lion", "s", "share"})  # "the lion's share of"


# What a bare "when was X?" asks the founding of: a body (an initiative is launched or proposed, an event held, a
# document signed).
_FOUNDED = frozenset({"organisation", "group"})
# Nouns for a source's document that would otherwise be read as things asked about ("the ANKASAM analysis").
_WRITTEN_AS = frozenset({"analysis", "paper", "essay"})
# What has a forerunner whose steps begin its history (a body, an initiative), not a country or a person.
_FORERUNNER_OF_TYPES = frozenset({"organisation", "group", "initiative", "project"})


def _title_start(start: int, titles: set[int]) -> int:
    """Where the title before a name starting at `start` starts ("what did *foreign ministry spokesperson* Mao Ning
    say"), or `start`."""
    while start - 1 in titles:
        start -= 1
    return start


def _is_person(entities: EntityIndex, entity_id: str | None) -> bool:
    return entity_id is not None and (e := entities.by_id.get(entity_id)) is not None and e.type == "person"


def _announced_in_clause(words: Sequence[str]) -> bool:
    """Whether every word of saying or announcing is in a relative clause describing the thing asked about ("the
    visits that Mao Ning announced in July 2024"), so the announcement is not what is asked."""
    said = [k for k, w in enumerate(words) if w in _SAYING or stem(w) in _ANNOUNCING]
    return bool(said) and all(
        any(words[j] in {"that", "which"} and j > 1 for j in range(max(0, k - 4), k)) for k in said
    )


def _read_frame(
    words: list[str],
    used: list[bool],
    frame: list[int],
    entity_id: str,
    owners: set[str],
    preceded: list[str],
    followed: list[str],
) -> bool:
    """A name read inside a frame describing another thing ("the ethos behind the SCO", "the body that came before
    the SCO"): the name only says whose the thing is, and when the frame says the thing went before the one named,
    that one's forerunner is asked about (the noun saying what kind of thing it is, "what was the body …", read
    past). The frame's words are read. Whether it went before or came after."""
    owners.add(entity_id)
    earlier = went_before(words, frame)
    later = went_after(
        words, frame
    )  # "the body which replaced the Shanghai Five": its successor is asked about
    if earlier:
        preceded.append(entity_id)
    if later:
        followed.append(entity_id)
    if (earlier or later) and (noun := described_noun(words, frame)) is not None:
        used[noun] = True
    for k in frame:
        used[k] = True
    return earlier or later


def _measured_before_clause(asked: str, thesaurus: Thesaurus) -> bool:
    """Whether a measure word comes before a clause saying where money went ("what is the annual throughput of the
    pipeline that most of the financing went to?"): the clause says which thing is measured, not what is asked."""
    head, relative, _ = asked.partition(" that ")
    if not relative:
        head, relative, _ = asked.partition(" which ")
    return bool(relative) and any(stem_key(w) in thesaurus.measures_by_stem for w in head.split())


def understand(text: str, entities: EntityIndex, thesaurus: Thesaurus, *, figures: bool = False) -> Question:
    """Read a question (or a few keywords) into intent, entities, concepts, time and expected answer.
    `figures`: asked by a command that wants figures whatever the wording (`/figure gas pipeline capacity`)."""
    text = unwrap(text)
    if (parts := split_context(text)) is not None and (
        read := _after_context(*parts, entities, thesaurus, figures)
    ) is not None:
        read.text = text
        return read
    original, text = text, _amounts_written(many_for_much(name_one_as_which(topic_first(text))))
    written, words, aside = _rejoin_particles(*_tokens(text), thesaurus)
    folded = " ".join(words)
    asked = _asked(folded)
    intent = detect_intent(folded)
    cleaned = clean(text)
    if (clause := _CONDITION.match(cleaned) or _LEADING_ASIDE.match(cleaned)) is not None:
        # "When peaceful demonstrations break out, can the SCO's leaders agree …?", "Apart from Tajikistan, which
        # country …?": what follows the comma is the question.
        intent = detect_intent(" ".join(_WORD.findall(clause.group(1).casefold())))
    elif parts is not None:
        # "I know he met Tokayev twice in 2023. Where did those two meetings take place?", read whole: what is
        # asked is the question's, not the context's ("twice").
        intent = detect_intent(" ".join(_WORD.findall(parts[1].casefold())))
    spent_on = _DESTINATION_ASKED.search(asked) is not None and not _measured_before_clause(asked, thesaurus)
    if spent_on and intent == "how_much" and not asked.startswith("how"):
        # "what was the share of the money used for?": the thing it paid for, not the share
        intent = "what_is"
    answer_type = ANSWER_TYPES[intent]
    if intent == "compare" and asked.split()[:2] in (["how", "many"], ["how", "much"]):
        # "How many Chinese migrants live in Kazakhstan compared with Kyrgyzstan?": figures, set side by side.
        answer_type = "figure"
    if (intent == "how_much" and _RANK_ASKED.search(folded)) or (
        intent == "where" and not _SECTORS.isdisjoint(words)
    ):
        answer_type = "text"  # a priority, not a figure; the sectors money goes to, not a place
    used = [k in aside for k in range(len(words))]
    opening, closing = _courtesy(folded)
    for k in asker_frame(words):
        used[k] = True
    if intent == "when":
        # "from what starting year", "in which calendar year": which end of a span is asked, not a thing asked about
        for k in range(1, len(words) - 1):
            if (
                words[k - 1] in {"what", "which"}
                and words[k] in YEAR_MODIFIERS
                and words[k + 1] in _TIME_UNITS
            ):
                used[k] = True
    for k in [*range(opening), *range(len(words) - closing, len(words))]:
        used[k] = True

    describing = DESCRIBING_ASKED.search(folded)
    framing = read_frames(words, used, folded, asked, intent)
    found, regional, seated, squared = framing.affiliated, framing.regional, framing.seated, framing.squared
    left_out = framing.left_out
    affiliation, cause, whose = found is not None, framing.cause, framing.whose
    named: dict[str, EntityRecord] = {}
    ends: dict[int, str] = {}  # where a name ends (the index after it) -> its entity
    named_at: set[int] = set()  # where a name starts
    descriptors: set[str] = set()
    describes_people: set[str] = set()
    owners: set[str] = set()
    measured_against: set[str] = set()
    preceded: list[str] = []  # things named as what the thing asked about went before
    followed: list[str] = []  # … and as what it came after
    sources: set[str] = set()
    outlets: set[str] = set()
    speakers: set[str] = set()
    later_than: set[str] = set()
    spans = _between_two(entities.mention_spans(words, written), words, written, entities)
    if (guessed := guess_at(text, words, intent)) is not None:
        # "Where was the press conference, Tashkent?": the asker's guess at the answer, checked against what the
        # sources say, not a thing a fact must name or say.
        for k in range(guessed, len(words)):
            used[k] = True
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
    # "according to the vaccines report": a document described by the word before its noun, if a title says it
    titled = _compound_topics(words, used, spans)
    in_topic.update(k for at in titled for k in (at - 1, at))
    topic_entities = {entity.id for start, _, entity in spans if start in in_topic}
    choice = False
    alternatives = [
        (a, b)
        for a, b in itertools.pairwise(sorted(spans, key=lambda s: s[0]))
        if (
            # ("… higher in Kazakhstan or in Kyrgyzstan?": the preposition said again)
            words[a[1] : b[0]] in (["or"], ["or", "in"], ["or", "to"], ["or", "for"])
            and (words[a[1] + 1 : b[0]] == [] or words[a[0] - 1 : a[0]] == words[a[1] + 1 : b[0]])
            # "Who got more Chinese money, Kazakhstan or Turkmenistan?": a choice between the two it ends with.
            and (
                intent in {"other", "list", "what_is"}
                or (intent in {"who", "which"} and b[1] == len(words))
                # "was the share higher in Kazakhstan or in Kyrgyzstan?": the two figures side by side
                or (intent in {"how_much", "how_many"} and not _COMPARATIVES.isdisjoint(words))
            )
        )
    ]
    if alternatives:
        # "Do Kyrgyz respondents see Moscow or Beijing in a worse light?": the one against the other.
        # ("With which country did China announce a community of shared future, Kazakhstan or Tajikistan?" ranks
        # neither: it asks which of the two did it, and one side alone answers.)
        choice = (
            intent in {"who", "which", "list", "other"}
            and alternatives[-1][1][1] == len(words)
            and _RANKS_THE_TWO.isdisjoint(words)
        )
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
    writers = {k for start, end, e in spans if e.type in SOURCE_TYPES for k in range(start, end)}
    for k in time_of_writing(words, writers):
        used[k] = True
    set_aside: set[str] = set()
    person_titles = titles_before(words, spans)
    for k in person_titles:
        used[k] = True
    for start, end, entity in spans:
        if start in person_titles:
            continue  # "Chinese Foreign Ministry spokesperson Mao Ning": the ministry is her title, not asked about
        named_at.add(start)
        marker = 0 if any(used[start:end]) else _set_aside_before(words, start)
        if marker or any(used[start:end]):
            for k in range(start - marker, end):
                used[k] = True
            if marker or any(k in aside for k in range(start, end)):
                set_aside.add(entity.id)
            continue  # set aside: "Apart from China, which countries…", "which countries other than China"
        if (
            words[start - 1 : start] == ["anti"]
            and end < len(words)
            and (words[end] in _SOURCE_NOUNS or words[end] in _DOCUMENT_NOUNS)
        ):
            # "the anti-CCP outlet": what a source is against describes it; the party is not asked about.
            for k in range(start - 1, end):
                used[k] = True
            continue
        if entity.type == "country" and (
            words[start - 1 : start] == ["post"]
            or (words[start - 1 : start] in (["former"], ["ex"]) and _states_after(words, end))
        ):
            # "the post-Soviet republics", "two former Soviet republics": what the states were, not a thing asked
            # about (the Soviet Union is not what a fact about them names).
            for k in range(start - 1, end):
                used[k] = True
            continue
        if _cites(words, start, end):
            sources.add(entity.id)
            if words[end : end + 1] and words[end] in _DOCUMENT_NOUNS:
                outlets.add(entity.id)
                if entity.type in {"country", "place"}:
                    # "according to the Turkish analysis": where the document is from (a Turkish think tank's),
                    # which no fact need name.
                    descriptors.add(entity.id)
            for k in range(end, end + _staff_after(words, end)):
                used[k] = True
        elif _mentioned_by(words, start, end):
            sources.add(entity.id)
            used[end] = True
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
        elif entity.type == "person" and _speaks(words, _title_start(start, person_titles), end):
            # A person's words, not an organisation's: what AidData "says" is anything its report gives.
            sources.add(entity.id)
            speakers.add(entity.id)
            used[end] = True
        elif words[start - 2 : start] == ["the", "way"] or words[end : end + 1] == ["style"]:
            # "bound to defend each other the way NATO allies are", "NATO-style": what the thing asked about is
            # measured against, which a fact about it need not name.
            owners.add(entity.id)
            measured_against.add(entity.id)
            if words[end : end + 1] == ["style"]:
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
            entity.type in SOURCE_TYPES
            and end < len(words)
            and words[end] in _WRITTEN_AS
            and words[start - 1 : start] not in (["which"], ["what"])
            and words[end + 1 : end + 2] not in (["s"], ["of"])
        ):
            # "in the ANKASAM analysis", "the Serikkaliyeva paper": the document of whoever wrote it, a word for
            # the document rather than a thing asked about (as "the Diplomat article" is; "report" and "study"
            # are read with the documents they describe).
            used[end] = True
        if (
            entity.type == "document"
            and start >= 1
            and ENTITY_TYPE_NOUNS.get(words[start - 1]) == "document"
            and words[start - 2 : start - 1] not in (["which"], ["what"])
        ):
            # "AidData's report 'Silk Road Diplomacy'": the noun before a title names its kind, as "the Silk Road
            # Diplomacy report" does after it; neither is a word a fact must say.
            used[start - 1] = True
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
            and words[end + 1 :] in _IDEA_NOUNS
            and _POLAR.match(" ".join(words))
        ):
            # "Was the New Development Approach Xi Jinping's idea?": whether he proposed it (the sources say who
            # proposed or put forward a thing, seldom whose idea it was). (The noun becomes the verb in place, so
            # that the concepts read below hold it: "his own idea" is "proposed".)
            words[-1] = "proposed"
            for k in range(end, len(words) - 1):
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
        elif (
            words[end : end + 1]
            and words[end] in _RELATED_BY
            and words[start - 1 : start] in (["the"], ["a"])
        ):
            # "the US-funded study", "the Beijing-led bloc": the thing is described by its tie to the entity; a
            # fact about the thing need not name who funds or leads it.
            owners.add(entity.id)
            used[end] = True
        elif frame := _describing_frame(words, start):
            _read_frame(words, used, frame, entity.id, owners, preceded, followed)
        elif (forerunner := forerunner_asked(words, start)) is not None:
            used[forerunner.start : forerunner.stop] = [True] * len(forerunner)
            preceded.append(entity.id)
        elif (successor := successor_asked(words, start)) is not None:
            used[successor.start : successor.stop] = [True] * len(successor)
            followed.append(entity.id)
        elif _in_relative_clause(words, start, end):
            # "the forum Beijing sponsored", "the spirit the SCO grew out of": the thing is described by what
            # the entity did; a fact about the thing need not name it.
            owners.add(entity.id)
        named.setdefault(entity.id, entity)
        ends[end] = entity.id
        for k in range(start, end):
            used[k] = True
    # The words the thesaurus points to an entity by ("the Middle Kingdom"): a name known, not one the sources lack.
    worded: set[int] = set()
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
                # ("the body that came before the 2001 security bloc": the year that dates the name stands between)
                dated = i - 1 if i >= 1 and _YEAR.match(words[i - 1]) else i
                if frame := _describing_frame(words, i) or _describing_frame(words, dated):
                    _read_frame(words, used, frame, entity_id, owners, preceded, followed)
                elif (forerunner := forerunner_asked(words, i)) is not None:
                    # "the forerunner of the Shanghai bloc": the one that went before it, as with a name
                    used[forerunner.start : forerunner.stop] = [True] * len(forerunner)
                    preceded.append(entity_id)
                elif (successor := successor_asked(words, i)) is not None:
                    used[successor.start : successor.stop] = [True] * len(successor)
                    followed.append(entity_id)
                if i in in_topic:
                    topic_entities.add(entity_id)
                named_at.add(i)
                ends[i + span] = entity_id
                for k in range(i, i + span):
                    used[k] = True
                    worded.add(k)
    for k in named_at:
        if k and words[k - 1] in _BYGONE:
            used[k - 1] = True  # "the old border club": a thing of the past, as its description says
    for k in ends:
        if words[k : k + 1] == ["era"]:
            used[k] = True  # "Hu Jintao-era doctrine": the time of the one named, not a word its facts say
    # "The SCO's forerunner", "the SCO's 1990s predecessor": the thing whose description says it went before.
    # (and "the Shanghai Five's successor": the one whose forerunner it was)
    for k, word in enumerate(words):
        if (word not in _FORERUNNER_WORDS and word not in _SUCCESSOR_WORDS) or used[k]:
            continue
        back = k - 1
        while back > 0 and k - back <= 2 and not used[back] and words[back] != "s":
            back -= 1  # past a modifier or two ("1990s", "original")
        owner_id = ends.get(back) if back > 0 and words[back] == "s" else None
        if owner_id is None or owner_id not in named:
            continue
        related = (forerunner_of if word in _FORERUNNER_WORDS else successor_of)(named[owner_id], entities)
        if related is not None:
            del named[owner_id]
            named.setdefault(related.id, related)
            used[k] = True
    naming_years: set[int] = set()
    for k, noun, body in dated_bodies(words, used, entities):
        named.setdefault(body.id, body)
        named_at.add(k)
        naming_years.add(k)
        ends[noun + 1] = body.id
        used[k] = used[noun] = True
        # "the 1996 five-party grouping", "the 1996 grouping of five": how many it brought together, part of its
        # name
        for f in range(k + 1, noun):
            if words[f] in NUMBER_WORDS or words[f] in _MEMBERS_COUNTED:
                used[f] = True
        if (
            words[noun + 1 : noun + 2] == ["of"]
            and words[noun + 2 : noun + 3]
            and words[noun + 2] in NUMBER_WORDS
        ):
            used[noun + 1] = used[noun + 2] = True
        if (forerunner := forerunner_asked(words, k)) is not None:
            used[forerunner.start : forerunner.stop] = [True] * len(forerunner)
            preceded.append(body.id)
        elif (successor := successor_asked(words, k)) is not None:
            # "the successor to the five-country frontier forum": the one that came after it
            used[successor.start : successor.stop] = [True] * len(successor)
            followed.append(body.id)
        elif (frame := _describing_frame(words, k)) and (
            _read_frame(words, used, frame, body.id, owners, preceded, followed)
        ):
            # "the grouping that later grew into the 2001 Eurasian security body": its forerunner, as with a name;
            # the words describing the later body describe neither the forerunner nor what is asked of it
            for f in range(k, noun):
                used[f] = True

    def read_as_named(start: int, end: int, entity: EntityRecord) -> None:
        """The words from `start` to `end` name `entity`, as a name would."""
        named.setdefault(entity.id, entity)
        named_at.add(start)
        ends[end] = entity.id
        for k in range(start, end):
            used[k] = True

    for start, end, body in bodies_dated_after(words, used, entities):
        # "The border grouping of 1996", "the club founded in 2001": the one body of that year.
        read_as_named(start, end, body)
        naming_years.add(end - 1)
    for start, end, found_thing in described_things(words, used, entities):
        # "The doubly landlocked republic", "the Eurasian security grouping": the one whose description says so.
        # (Not one named already: "who described the SCO as a regional organisation of …" says what it was
        # called.)
        if found_thing.id not in named:
            # "The Uyghur militant group": a name just before that the body's own description says ("Uyghur
            # separatist militant group …") describes the body, not another thing asked about.
            before = ends.get(start)
            if (
                before is not None
                and (other := named.get(before)) is not None
                and in_description(other, found_thing)
            ):
                del named[before]
            read_as_named(start, end, found_thing)
            if frame := _describing_frame(words, start):
                # "After the steppe republic, which state …": where a ranking starts, as with a name
                _read_frame(words, used, frame, found_thing.id, owners, preceded, followed)
    # "The guiding spirit of the Shanghai grouping", "the founding ethos of the SCO": the Shanghai Spirit.
    for start, end, owner_id, meant in named_by_noun_of(
        words, used, named, named_at, ends, entities, thesaurus
    ):
        if owner_id not in named:
            continue
        del named[owner_id]
        named.setdefault(meant.id, meant)
        named_at.add(start)
        for k in range(start, end):
            used[k] = True
    # "The grouping that preceded the SCO", "the club that came before it": the SCO's forerunner is asked about,
    # as "the SCO's forerunner" and "the forerunner of the SCO" are, not the SCO.
    # … and "the successor to the Shanghai Five", "what replaced it": the SCO.
    for owners_of, relate in ((preceded, forerunner_of), (followed, successor_of)):
        for owner_id in owners_of:
            if owner_id in named and (in_time := relate(named[owner_id], entities)) is not None:
                del named[owner_id]
                owners.discard(owner_id)
                named.setdefault(in_time.id, in_time)
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
            and (
                words[k + 1] in _RECKONING
                or not thesaurus.synonyms_by_stem.get(stem_key(words[k + 1]))
                or (words[k + 1] in _DOCUMENT_NOUNS and _is_person(entities, ends.get(k)))
            )
        ):
            # "in the Kazakh academic's judgement": whose words, not what they are about (a saying noun the
            # thesaurus knows, "view", still finds the facts that say what someone argues). A person's paper is
            # the source she wrote: its facts say what it holds, not that it is a paper ("in Serikkaliyeva's
            # paper, what is the 27.1 percent?"); an organisation's report is often named in them ("AidData's
            # report finds …").
            used[k + 1] = True
    if affiliation and found is not None and found.group(3) == "based":
        # "Where is Michael Clarke based?" asks for his institution; "where is the Secretariat based?", a place.
        affiliation = any(e.type == "person" for e in named.values())
    lasting_ends = frozenset(
        k for k, i in ends.items() if (e := entities.by_id.get(i)) is not None and e.type != "event"
    )
    for k in years_naming(words, used, ends, entities):
        used[k] = True
        naming_years.add(k)
    # (not in a claim to check: "was the bloc founded in 2001?" asks whether it was)
    for dating in (
        []
        if _POLAR.match(asked)
        else years_naming_after(words, used, ends, entities, bool(WH_ASKED.match(asked)))
    ):
        used[dating.start : dating.stop] = [True] * len(dating)
        naming_years.add(dating.stop - 1)
    for told_origin in [] if _POLAR.match(asked) else origins_naming_after(words, used, ends, entities):
        used[told_origin.start : told_origin.stop] = [True] * len(told_origin)
        naming_years.update(k for k in told_origin if _YEAR.match(words[k]))
    years, period, period_describes, year_set_aside = _years_asked(
        words, used, named_at, lasting_ends, frozenset(naming_years)
    )
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
    stated = _stated(line)
    # (A bound is no amount the facts should give: "fewer than 35%" is not about a fact giving 35%.)
    bounded = [s.value for s in stated if s.bound]
    if bounded:
        # "fewer than a third": the check's words, not things asked about
        for k, word in enumerate(words):
            if word in _BOUND_WORDS:
                used[k] = True
    for k, word in enumerate(words):
        # "the majority of the $127 billion": how much of it is asked, not a word a fact must say. ("Most" and
        # "largest" stay: the thesaurus reads "the most" as "the greatest", which a fact may say.) (A word here
        # may be a phrase of several, "set up": the phrase is looked for around each word, not by position.)
        if word in _PORTION_NOUNS and _PORTION_ASKED.search(" ".join(words[max(0, k - 3) : k + 2])):
            used[k] = True
    if any(s.rounded for s in stated):
        for k in in_every_words(words):
            used[k] = True  # "nearly one in three Kazakhs": the share checked, not words a fact must say
    said_numbers = number_spans(line)
    # (the day of a date is no number asked about: "Mao Ning's statement of July 1, 2024"; dates are looked for
    # only in a line with a number)
    days = [(d.start, d.end) for d in dates_in(line) if len(d.iso) > len("YYYY-MM")] if said_numbers else []
    numbers = [
        m.value
        for start, _, m in said_numbers
        if (not _YEAR.match(f"{m.raw:g}") or m.currency)
        and not any(math.isclose(m.value, v) for v in bounded)
        and not any(a <= start < b for a, b in days)
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
    # (Read from "what is" alone, the measure word must be what is asked: "what is the population of …", "what
    # was Kazakhstan's share?"; in "what are local populations sceptical about?" it is whose view is asked.)
    only_what_is = not figures and answer_type != "figure"
    # The unit after "how many/much" first: "share how many km" asks for kilometres, not a share.
    # ("How many billion dollars": the scale between.)
    after_how = [i for i in content if _after_how_many(words, i)]
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
    if spent_on:
        # "What was the bulk of Kazakhstan's share spent on?": what the money went to, not the share. (Still, "how
        # long is the pipeline the money went into?" asks for its length.)
        anywhere, leading = False, [i for i in content[:1] if words[i - 1 : i] == ["how"]]
    lowered = line.casefold()
    for i in content:
        if words[i] == "proportion" and (
            words[i - 2 : i] == ["out", "of"] or words[i - 3 : i] == ["out", "of", "all"]
        ):
            used[i] = True  # "courted out of (all) proportion": beyond due measure, no share asked for
    for i in content:
        if _stated_amount(words, i, lowered) and stem_key(words[i]) in thesaurus.measures_by_stem:
            # "the (multi-)billion-dollar package": what names the package, neither asked nor a concept
            used[i] = True
            if i >= 2 and words[i - 2] == "multi" and f"multi-{words[i - 1]}" in lowered:
                used[i - 2] = True
    # "How many" counts: a measure word elsewhere is the asker's setting, not the unit ("only a tiny fraction of
    # the firms work abroad - how many exactly?"), unless it is what is counted ("how many percent").
    measurable = [*after_how, *content] if anywhere and intent != "how_many" else after_how
    for i in measurable if anywhere else [*how_measured, *leading]:
        for size in range(longest, 0, -1):
            phrase = " ".join(words[i : i + size])
            key = stem_key(phrase)
            if (
                i + size <= len(words)
                and key in thesaurus.measures_by_stem
                and not any(used[i : i + size])
                # Opening the question, only the measure word as listed: "Shared worries" is no share.
                and (anywhere or i in after_how or phrase in thesaurus.measures)
                # "how far", "how long": a measure after "how" only ("far-western region", "long-standing ties")
                and (phrase not in _HOW_MEASURES or words[i - 1 : i] == ["how"])
                and not _shared_verb(words, i)
                and not (only_what_is and i not in after_how and not _measure_asked(words, i, size))
            ):
                units, measure = thesaurus.measures_by_stem[key], phrase
                # Echoed as written when it is an acronym ("the GDP"), so a notice reads right.
                measure_shown = thesaurus.measure_names.get(phrase) or " ".join(
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
            asked_in = "in" in words[max(0, i - 3) : i]
            if not used[i] and set(own) & set(units):
                used[i] = True
                if asked_in and set(own) < set(units):
                    units = tuple(u for u in units if u in own)  # "GDP … in dollars": that unit, not a share
            elif not used[i] and own and asked_in:
                # "Kazakhstan's slice of the money, in dollars": the amount its share is, in the unit asked.
                used[i] = True
                units = own

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
    counted_at, head_at, wanted, wanted_count, kind_word = _kind_asked(
        words, written, used, intent, described_ends
    )
    if answer_type == "person":
        for k in range(1, len(words)):
            if words[k] in _SPEAKING and (used[k - 1] or words[k - 1] in _SCHOLARS):
                # "Which Australian academic warns of …": whose words are asked for; the verb frames the
                # question (a fact says it as "sees", "judges", "argues").
                used[k] = True
                head_at = None if head_at == k else head_at
    for k in range(len(words) - 1):
        if (words[k], words[k + 1]) in _MENTION_PHRASES:
            used[k] = used[k + 1] = True  # "does the piece bring up the SCO": whether it says anything of it
    for k in range(len(words) - 1):
        if words[k] == "last" and (words[k + 1] == "time" or DONE_BEFORE.search(words[k + 1])):
            # "since Xi last went there", "the last time they met": when it happened before, not a thing a fact
            # must call "last" ("his first visit there in five years")
            used[k] = True
        if words[k] in _BEFORE_THIS and words[k - 1 : k] in _WHOSE and _LASTING.search(folded):
            # "how long since the previous one", "… since his last trip": the span back to it, as "his first visit
            # in five years" gives it
            used[k] = True
            if words[k + 1] == "one":
                used[k + 1] = True
        if words[k] in CONCERNING and k + 1 in named_at:
            # "the doctrine covering Taiwan and Tibet": what the thing is about, named after it
            used[k] = True
    members = False
    if wanted is not None and named:
        for k, word in enumerate(words):
            if word in COMPOSING or (
                word in {"bring", "brings", "brought"} and words[k + 1 : k + 2] == ["together"]
            ):
                # "which countries did the Shanghai Five bring together / does the SCO include": the members
                # asked for are the things of that kind a fact names with it, in whatever words it puts them
                used[k] = True
                members = True
                if word in {"bring", "brings", "brought"}:
                    used[k + 1] = True
    if len(named) >= 2:
        # "How is the Harmonious World concept linked to the SCO?": a fact about both says how; the link itself is
        # the question's frame, seldom the fact's word. So is one thing becoming the other: "how did the Shanghai
        # Five turn into the SCO?" ("the SCO is the successor of the Shanghai Five").
        for k, word in enumerate(words):
            if word in _RELATION_WORDS or _becomes_named(words, k, named_at):
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
    extreme_of = _ranked_by(words, starts, concepts, used)
    exclusive_doer: str | None = None
    if (exclusive := EXCLUSIVE.search(folded)) is not None and (
        (after := len(folded[: exclusive.end()].split())) in starts
    ):
        exclusive_doer = concepts[starts[after]].text
    joined_from = _joined_from(words, starts, concepts) if intent == "timeline" else None
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
    # (Compared, each side has a figure of its own: "how much went to Kazakhstan compared with Turkmenistan?")
    if answer_type == "figure" and intent != "compare":
        # "What percentage of China's financing to Kazakhstan went into the gas pipeline?": a figure for where it
        # went, which its fact must name; Kazakhstan's 26% of the region's financing is not the pipeline's share.
        for k in range(len(words) - 2):
            if words[k] in _WENT and words[k + 1] in _INTO:
                destination = k + 2 + (words[k + 2 : k + 3] == ["the"])
                break
        alone = not _ALONE.isdisjoint(words) or any(
            words[k : k + 2] in (["its", "own"], ["their", "own"]) and words[k - 1 : k] == ["on"]
            for k in range(1, len(words))
        )
        if destination is None and alone:
            # "How much did China invest in the Ozodi Tunnel alone?": a figure for that project by itself, not a
            # total over it and others.
            destination = next((start for start, _, e in sorted(spans) if e.type == "project"), None)
    if (
        destination is not None
        and (at := starts.get(destination)) is not None
        # ("went to the top recipient", "the largest": a description the figure's fact need not use)
        and words[destination] not in _RANKING_WORDS
        and not words[destination].endswith("est")
    ):
        concepts[at] = dataclasses.replace(concepts[at], required=True)
    origin_at = next((k for k, at in sorted(starts.items()) if concepts[at].origin), None)
    if intent == "when" and answer_type == "date" and origin_at is not None:
        # "When did China found the SCO?": the thing founded is what is dated; a fact dating the SCO's founding
        # need not name each founder, and a fact naming only the founder (China's ties with Kazakhstan, set up
        # in 1992) dates something else: the founder is not asked about.
        founders = {e.id for start, _, e in spans if start < origin_at}
        objects = [e for start, _, e in spans if start > origin_at and e.id not in owners]
        founded = any(e.type not in {"country", "person", "place"} for e in objects)
        if founders and founded and founders.isdisjoint(e.id for e in objects):
            for founder in founders:
                named.pop(founder, None)
    if answer_type == "date" and len(concepts) == 2 and concepts[0].origin != concepts[1].origin:
        # "When did China set up its military base in Tajikistan?", "when was the base set up?": the thing set up
        # is what is dated; a fact that China established relations there dates something else.
        dated = 0 if concepts[1].origin else 1
        concepts[dated] = dataclasses.replace(concepts[dated], required=True)
    if measured_from is not None:
        # "What share of world trade …": a figure measures the thing after "of", which its fact must say (a share
        # of the world's GDP is no share of world trade). The thing is the last word of the run that names it.
        run = []
        names = {start: end for start, end, _ in spans}
        k = measured_from
        while k < min(len(words), measured_from + 6):
            if k in starts:
                run.append(starts[k])
            elif k in names and run and words[names[k] : names[k] + 1] != ["s"]:
                # "the value of the uranium deal China agreed": a name after the thing, not China's, starts a
                # clause about it
                break
            elif words[k] not in {"the", "s", "a", "an"} and (
                words[k] in STOPWORDS or words[k] in QUESTION_WORDS
            ):
                break  # past the run: a name ("China's") or a phrase's inner word goes on, a verb or "to" ends it
            k += 1
        light = [at for at in run if concepts[at].text in TRANSACTION_NOUNS]
        if light and len(run) > len(light):
            run = [at for at in run if at not in light]
            concepts = [c for k, c in enumerate(concepts) if k not in light]
            run = [at - sum(1 for k in light if k < at) for at in run]
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
    if ordinal and _OFFERED.search(folded):
        ordinal = None  # "was it the first, second or third?": the place in the series is what is asked
    second = "second" if ordinal is None and SECOND_TO.search(folded) and named else None
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
    if intent == "when" and not concepts and len(named) == 1 and next(iter(named.values())).type in _FOUNDED:
        # "When was the SCO?", "what replaced the Shanghai Five, and in which year?": when the body came into being
        # (not the latest year a fact about it gives).
        concepts.append(
            _concept("founded", thesaurus.synonyms_by_stem.get(stem_key("founded"), ()), origin=True)
        )
    if intent == "timeline" and not transition and not concepts and len(named) == 1:
        # "The history of the SCO": from its forerunner on (the Shanghai Five's steps are the SCO's first), each step
        # naming one or the other.
        (only,) = named.values()
        if only.type in _FORERUNNER_OF_TYPES and (earlier := forerunner_of(only, entities)) is not None:
            named = {earlier.id: earlier, only.id: only}
            transition = {earlier.id, only.id}
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
        measured_against=measured_against,
        describing=describing is not None,
        document_topics=[" ".join(written[a:b]) for a, b in topics],
        titled_topics=[written[at - 1] for at in titled],
        topic_entities=topic_entities & set(named),
        wanted=wanted if answer_type == "entities" else None,
        wanted_count=wanted_count if answer_type == "entities" else None,
        members=members,
        kind_word=kind_word if answer_type == "entities" else None,
        sources=sources,
        outlets=outlets,
        later_than=later_than,
        speakers=speakers,
        affiliation=affiliation,
        period=(period.get("from"), period.get("to")) if period else None,
        year_set_aside=year_set_aside,
        period_describes=period_describes and bool(period),
        asks_doer=_WHO_DID.match(fold(original)) is not None,
        numbers=numbers[:4],
        stated=stated[:4],
        dated=stated_date(cleaned),
        units=units,
        measure=measure_shown,
        measure_noun=measure_noun,
        # "Who are the SCO's dialogue partners?" asks for whoever holds the role: countries as much as people.
        actor=answer_type == "person"
        and (
            bool(_ACTOR.match(asked) or _WORKED_WITH.match(asked))
            or (intent == "who_is" and bool(_PLURAL.match(asked)))
        )
        and not _PEOPLE_ASKED.match(asked),
        deed=deed_asked(asked) if answer_type == "person" else None,
        current=intent == "who_is" and bool(_CURRENT.match(asked)),
        whose=whose is not None,
        one_person=answer_type == "person" and bool(_ONE_PERSON.search(asked)),
        person_of=_person_of(words, spans, entities) if answer_type == "person" else frozenset(),
        cause=cause is not None,
        names_counted=names_counted,
        summed=_SUM_ASKED.search(folded) is not None,
        portion=_PORTION_ASKED.search(folded) is not None,
        located=answer_type == "place" and not affiliation and bool(_LOCATED.search(folded)),
        seated=seated and not affiliation and answer_type == "place",
        set_aside=set_aside,
        regional=regional,
        left_out=left_out,
        defined=(defined := _defined(words, folded, spans) & set(named)),
        defined_term=None if defined else _defined_term(folded, concepts),
        proper_names=proper_names(
            written, words, [k in worded or any(a <= k < b for a, b, _ in spans) for k in range(len(words))]
        ),
        within={
            entity.id
            for start, end, entity in spans
            if answer_type == "place"
            and entity.type == "country"
            # "where in Tajikistan", "in which place / part of Tajikistan"
            and (words[start - 1 : start] == ["in"] or words[start - 2 : start] in _PART_OF)
            # (the place itself, not a word it qualifies: "in Chinese financial assistance" is the money)
            and (end == len(words) or words[end] in _AFTER_PLACE)
        }
        & set(named),
        precision=_precision(folded) if answer_type == "date" else None,
        amount=bool(_AMOUNT.search(folded)),
        money=not units and bool(_MONEY.search(folded)),
        polar=bool(
            _POLAR.match(asked)
            or _POLAR_AFTER_SOURCE.match(cleaned)
            or _CLAIM_CHECK.search(folded)
            or checks_a_claim_by_tag(folded)
        ),
        sides=squared,
        choice=choice,
        instance=_instance_asked(intent, concepts),
        # ("when did the ministry say Xi would go": "say" frames the question, and is what it asks the date of)
        announced=(
            any(c.said_in(_ANNOUNCING) for c in concepts)
            or not _PLANNED.isdisjoint(words)
            or MADE_KNOWN.search(folded) is not None
            or (answer_type == "date" and not _SAYING.isdisjoint(words))
        )
        # ("when did Xi make the visits that Mao Ning announced": the announcement only says which visits)
        and not (answer_type == "date" and _announced_in_clause(words)),
        future=answer_type == "date" and "will" in words and _SAYING.isdisjoint(words),
        # ("… for a sidebar": where the answer will go, not the page's sidebar asked about)
        access=bool(_ACCESS.search(PURPOSE_SAID.sub(" ", folded))),
        exact=bool(_EXACT.search(folded)),
        ordinal=(ordinal.group(1) or ordinal.group(2) or ordinal.group(3)) if ordinal else second,
        ranked=(ordinal is not None and ordinal.group(1) is None) or second is not None,
        extreme_of=extreme_of,
        exclusive=exclusive is not None,
        exclusive_doer=exclusive_doer,
        whole_counted=_SUM_ASKED.search(folded) is not None or _KINDS_INCLUDED.search(folded) is not None,
        kinds_set_against=kinds_set_against(folded, concepts) if intent == "how_many" else set(),
        joined_from=joined_from,
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
                for a, b, e in spans
                if e.type not in {"country", "person"}
                and a >= 2
                and words[a - 2 : a] in (["how", "many"], ["number", "of"], ["count", "of"])
                and e.id in named
                # ("how many SCO observers": the observers are counted, the SCO only says whose; not so "how many
                # Confucius Institutes operate …", where a verb follows)
                and (
                    b == len(words)
                    or not any(
                        c.counted and c.text.split()[0] == words[b] and c.text.endswith("s") for c in concepts
                    )
                )
            ),
            None,
        ),
        lasting=bool(_LASTING.search(folded)),
        spanning=intent == "when" and bool(_SPANNING.search(folded)),
        span_end=intent == "when" and bool(SPAN_END_ASKED.search(folded)),
    )
