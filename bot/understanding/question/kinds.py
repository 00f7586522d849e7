"""The kind of thing a question asks for: "which company", "which universities", "which pipeline", and the
words that end the run naming it.
"""

from __future__ import annotations

from bot.search import STOPWORDS
from bot.understanding.question.model import Concept
from bot.understanding.question.words import _VERBS, QUESTION_WORDS

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
