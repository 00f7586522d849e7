"""The kind of thing a question asks for: "which company", "which universities", "which pipeline", and the
words that end the run naming it.
"""

from __future__ import annotations

from bot.factbase.text import NUMBER_WORDS
from bot.search import STOPWORDS
from bot.understanding.question.amounts import _ELIDED_AFTER_HOW_MANY, _counted_follows, _verb_after_plural
from bot.understanding.question.model import Concept
from bot.understanding.question.tokens import _PARTICLES, _SPELLED
from bot.understanding.question.words import _FRAMING_ADJECTIVES, _VERBS, QUESTION_WORDS

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
    "powers": "country",  # "which other powers run such formats": states (and unions of them)
    "state": "country",
    # "how many Western governments confronted Beijing": the states it names (not the singular: "which
    # government department" asks for a department)
    "governments": "country",
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
    "exercise",  # "which military exercises": one the sources name ("Peace Mission 2007"), not "many times"
    "drill",
    "vaccine",  # "which vaccines": one by its name, not "vaccine cooperation"
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
    # (the kind may end a phrase: "which military exercises")
    return next((c for c in concepts[head : head + 3] if c.text.split()[-1] in INSTANCE_KINDS), None)


def _compound_head(words: list[str], used: list[bool], at: int) -> bool:
    """Whether the word at `at`, just after the noun "which"/"what" asks for, is the last word of that noun
    ("which policy bank put up …"), not the verb after it ("which country signed …")."""
    return (
        at + 1 < len(words)
        and not used[at]
        and words[at] not in STOPWORDS | QUESTION_WORDS
        and not words[at].endswith(("ed", "ing"))
        and words[at] not in _VERBS
        and words[at + 1] not in _PARTICLES  # "which sectors soak up …": a phrasal verb
    )


# Prepositions the stop words leave out: "how many countries across South and Central Asia" counts countries.
_PREPOSITIONS = frozenset(
    {
        "across",
        "throughout",
        "among",
        "amongst",
        "within",
        "beyond",
        "around",
        "inside",
        "outside",
        "along",
        "amid",
    }
)
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
_LISTING_VERBS = frozenset({"list", "name", "enumerate"})


# Words after "how many" that say each thing is counted once: no fact needs to say them.
_EACH_APART = frozenset({"separate", "distinct", "different", "individual"})

# What may follow a "how many" that ends a keyword query: nothing counted there ("… - how many and which?").
_TRAILING_COUNT = frozenset({"and", "which", "what"})
# A part of a whole ("a tiny fraction of the firms"): not itself what is counted.
_PART_OF = frozenset(
    {"fraction", "share", "part", "portion", "handful", "majority", "minority", "proportion"}
)


def _leading_run_end(words: list[str], used: list[bool]) -> int | None:
    """The last word of the run of content words a question opens with ("full members" of "full members of the
    SCO - how many?"), or None when it opens with no such run."""
    start = next((k for k, w in enumerate(words) if w not in STOPWORDS and not used[k]), None)
    if start is None or words[start] in QUESTION_WORDS:
        return None
    end = start
    while end + 1 < len(words) and not used[end + 1] and words[end + 1] not in STOPWORDS | _PREPOSITIONS:
        end += 1
    # ("a tiny fraction of China's security firms work abroad - how many?": a part, not what is counted; the
    # sentence says what, and nothing is taken as counted)
    return None if words[end] in _PART_OF else end


def _kind_asked(
    words: list[str], written: list[str], used: list[bool], intent: str, described_ends: set[int]
) -> tuple[int | None, int | None, str | None, int | None, str | None]:
    """Where "how many" and "which"/"what" say what kind of answer is wanted, as (counted_at, head_at, wanted,
    wanted_count, kind_word); marks the words read as used."""
    # The noun after "how many"/"which"/"what" names the kind of answer: for "how many" it is what is counted
    # (a concept a figure's unit can meet); after "which"/"what" a type noun only says entities are wanted.
    counted_at: int | None = None
    head_at: int | None = None
    wanted: str | None = None
    wanted_count: int | None = None
    kind_word: str | None = None
    if (
        intent == "how_many"
        and len(words) >= 2
        and words[-1] == "count"
        and words[-2] not in STOPWORDS
        and "many" not in words
        and "of" not in words[-3:-1]
    ):
        # "sco full members count": the noun before "count" is what is counted
        counted_at = len(words) - 2
        used[len(words) - 1] = True
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) == ("how", "many") and _TRAILING_COUNT.issuperset(words[i + 2 :]):
            # "full members of the Shanghai club - how many (and which)?": a keyword query names what it counts
            # first, the run of words it opens with.
            counted_at = _leading_run_end(words, used)
            continue
        if (
            (words[i], words[i + 1]) == ("how", "many")
            # "number of new scholarships for Central Asia", "what is the number of …": counted as "how many"
            or ((words[i], words[i + 1]) in (("number", "of"), ("count", "of")) and intent == "how_many")
        ) and i + 2 < len(words):
            counted_at = i + 2
            if words[counted_at : counted_at + 1] and words[counted_at] in _EACH_APART:
                used[counted_at] = True  # "how many separate schemes": each counted once, as any count does
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
            while True:
                # (past a name used as an adjective inside the run: "how many registered Chinese private security
                # companies")
                after = counted_at + 1
                while (
                    words[counted_at] not in STOPWORDS
                    and after + 1 < len(words)
                    and used[after]
                    and words[after + 1] != "s"  # "Kazakhstan's": a name that owns, not one that qualifies
                ):
                    after += 1
                if (
                    after < len(words)
                    and not used[after]
                    and words[after] not in STOPWORDS | QUESTION_WORDS | _PREPOSITIONS
                    and not _verb_after_plural(words[after - 1], words[after])
                ):
                    counted_at = after
                else:
                    break
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
                    or words[j] == "other"  # "which other countries": countries still
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
            elif words[j] == "capital" and j == i + 1 and not used[j]:
                # "In which capital …": a city the sources name (Bishkek, Dushanbe), not the word "capital". (Not
                # "which Central Asian capital", where the region must be met too, nor "which capitals run …",
                # the governments.)
                used[j] = True
                wanted = "place"
            elif words[j] in TYPE_NOUNS and not used[j]:
                used[j] = True
                wanted = ENTITY_TYPE_NOUNS.get(words[j], wanted)
                wanted_count = count
                if words[j] in NARROW_KINDS:
                    kind_word = NARROW_KINDS[words[j]]
            elif not used[j] and words[j] not in STOPWORDS | QUESTION_WORDS:
                head_at = j
    return counted_at, head_at, wanted, wanted_count, kind_word
