"""The curated vocabulary (`data/thesaurus*.yaml`): how researchers' words meet the sources' words.

Reviewed in diffs like facts and validated with them (`briefbot check`), then carried into the compiled store, so
a reload swaps vocabulary and facts together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, model_validator

from bot.factbase.models import NonEmpty, Slug, Strict
from bot.factbase.stems import stem
from bot.factbase.text import fold


def stem_key(phrase: str) -> str:
    """A folded phrase by its words' stems: "founding" and "founded" share the key "found"."""
    return " ".join(stem(w) for w in phrase.split())


class SynonymGroup(Strict):
    """Words and phrases that mean the same thing in questions about these sources."""

    terms: list[NonEmpty] = Field(min_length=2)
    note: str | None = None
    # "origin": the words ask when something began (founded, set up). Where no fact says so, the earliest
    # dated fact about the thing is shown, labelled as such.
    role: Literal["origin"] | None = None
    # Words a question may use for the group's thing that the group's terms do not stand for in the facts: an
    # analyst's "the region" means Central Asia, but a fact's "the region" need not answer a question about
    # Central Asia by name.
    asked_as: list[NonEmpty] = Field(default_factory=list)
    # A term of a broader group: a question in this group's words is also met by a fact in the broader one's ("how
    # much did China lend" by "$33 billion of Chinese financing": lending is financing), never the other way
    # round (a fact about a loan does not answer every question about financing any more than it did).
    within: NonEmpty | None = None


class EntityWords(Strict):
    """Words that name an entity inside a question without being a name of it ("Sino-" for China)."""

    entity: Slug
    words: list[NonEmpty] = Field(min_length=1)


class Measure(Strict):
    """Words that ask for a figure in certain units ("length", "how long" -> km)."""

    words: list[NonEmpty] = Field(min_length=1)
    units: list[NonEmpty] = Field(min_length=1, description="figure units as the facts write them")
    # A figure in these units can mean many things (dollars: a loan, a cost, trade): the fact must also say one
    # of these words, or "the pipeline's cost" would be answered by a loan for it.
    said: bool = False
    # Words a question asks for the measure by that are no name of it ("how much does Tajikistan owe?"): a notice
    # names the measure by its first word ("the debt").
    asked_as: list[NonEmpty] = Field(default_factory=list)


class ThesaurusFile(Strict):
    synonyms: list[SynonymGroup] = Field(default_factory=list)
    entity_words: list[EntityWords] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _each_term_once(self) -> ThesaurusFile:
        # Matching is by stem, so two groups sharing a stem would silently become one ("transit" would bring
        # "transition"'s group, "public" the group of "publication"): a stem belongs to one group too.
        seen: dict[str, tuple[int, str]] = {}
        for n, group in enumerate(self.synonyms):
            for term in [*group.terms, *group.asked_as]:
                folded = fold(term)
                if not folded:
                    raise ValueError(f"synonyms[{n}]: {term!r} has no letters or digits")
                if " " in folded and all(w.isdigit() or len(w) == 1 for w in folded.split()):
                    # A phrase is met by its words anywhere in a fact: "5+1" by any fact giving a 5 and a 1.
                    raise ValueError(f"synonyms[{n}]: {term!r} is only numbers and letters; say it in words")
                key = stem_key(folded)
                first, other = seen.get(key, (n, term))
                if first != n:
                    same = "" if fold(other) == folded else f" (as {other!r}, the same stem)"
                    raise ValueError(
                        f"synonyms[{n}]: {term!r} is already in synonyms[{first}]{same}; a term belongs to one group"
                    )
                seen.setdefault(key, (n, term))
        for n, group in enumerate(self.synonyms):
            if group.within is not None and seen.get(stem_key(fold(group.within)), (n, ""))[0] == n:
                raise ValueError(f"synonyms[{n}]: within {group.within!r} is a term of no other group")
        return self


@dataclass(slots=True)
class Thesaurus:
    """Folded look-up tables built from every thesaurus file."""

    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # term -> its group's terms
    entity_words: dict[str, str] = field(default_factory=dict)  # word -> entity id
    measures: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> units (folded)
    origins: frozenset[str] = frozenset()  # the terms of groups whose role is "origin" (folded)
    said_measures: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> its group's words
    measure_names: dict[str, str] = field(default_factory=dict)  # a word asking for a measure -> its name
    # The same tables keyed by stems, so any inflection of a listed word finds its group.
    synonyms_by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)
    measures_by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        self.synonyms_by_stem = {}
        for term, group in self.synonyms.items():
            key = stem_key(term)
            self.synonyms_by_stem[key] = tuple(dict.fromkeys([*self.synonyms_by_stem.get(key, ()), *group]))
        self.measures_by_stem = {stem_key(w): units for w, units in self.measures.items()}
        self.origins_by_stem = frozenset(stem_key(t) for t in self.origins)
        self.said_measures_by_stem = {stem_key(w): words for w, words in self.said_measures.items()}
        keys = [*self.synonyms, *self.entity_words, *self.measures]
        self.longest = max((len(k.split()) for k in keys), default=1)

    origins_by_stem: frozenset[str] = frozenset()
    said_measures_by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)
    longest: int = 1  # words in the longest phrase: a question is scanned only for phrases that can exist

    @classmethod
    def from_files(cls, files: list[ThesaurusFile]) -> Thesaurus:
        out = cls()
        narrower: list[tuple[tuple[str, ...], str]] = []
        for file in files:
            for group in file.synonyms:
                terms = tuple(dict.fromkeys(fold(t) for t in group.terms))
                if group.within is not None:
                    narrower.append((terms, fold(group.within)))
                for term in terms:
                    out.synonyms[term] = tuple(dict.fromkeys([*out.synonyms.get(term, ()), *terms]))
                for word in dict.fromkeys(fold(w) for w in group.asked_as):
                    out.synonyms[word] = (word, *terms)  # one way: the terms do not take the word
                if group.role == "origin":
                    out.origins = out.origins | set(terms)
            for names in file.entity_words:
                for word in names.words:
                    out.entity_words[fold(word)] = names.entity
            for measure in file.measures:
                units = tuple(fold(u) for u in measure.units)
                words = tuple(fold(w) for w in measure.words)
                for word in (*words, *(fold(w) for w in measure.asked_as)):
                    out.measures[word] = units
                    if measure.said:
                        out.said_measures[word] = words
                out.measure_names.update((fold(w), words[0]) for w in measure.asked_as)
        for terms, broader in narrower:
            wider = [t for t in out.synonyms.get(broader, ()) if t not in terms]
            for term in terms:  # one way: the broader group's terms do not take these
                out.synonyms[term] = tuple(dict.fromkeys([*out.synonyms[term], *wider]))
        out.index()
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "synonyms": self.synonyms,
                "entity_words": self.entity_words,
                "measures": self.measures,
                "origins": sorted(self.origins),
                "said_measures": self.said_measures,
                "measure_names": self.measure_names,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> Thesaurus:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(
            {k: tuple(v) for k, v in data.get("synonyms", {}).items()},
            dict(data.get("entity_words", {})),
            {k: tuple(v) for k, v in data.get("measures", {}).items()},
            frozenset(data.get("origins", ())),
            {k: tuple(v) for k, v in data.get("said_measures", {}).items()},
            dict(data.get("measure_names", {})),
        )
