"""The curated fact base's schema.

Everything a curator writes in `seeds/*.yaml` and `data/**/*.yaml` passes through these models, so a typo
fails the build with the file and field named instead of surfacing later as a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Partial ISO dates: a year, a month or a day, because sources often say only "in 2015".
PartialDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- sources


class DocType(StrEnum):
    NEWS_REPORT = "news report"
    NEWS_ANALYSIS = "news analysis"
    ANALYSIS = "analysis"
    ACADEMIC_EXCERPT = "academic article excerpt"
    ADVOCACY = "advocacy outlet"
    REPORT = "report"


class SpanKind(StrEnum):
    FURNITURE = "furniture"  # cookie banners, subscription ads, navigation, stray lines from other sites
    OFF_SUBJECT = "off-subject"  # e.g. an unrelated "popular posts" sidebar story
    EXCERPT = "excerpt"  # on-subject text from another publication: citable, but labelled as such


class SpanSpec(Strict):
    """A region of a source document, located by verbatim anchors rather than offsets so it survives review."""

    kind: SpanKind
    reason: NonEmpty
    start: NonEmpty = Field(description="verbatim text where the span begins")
    end: str | None = Field(
        default=None,
        description="verbatim text where the span ends (inclusive); "
        "omit to end the span at the end of `start`",
    )
    to_end_of_document: bool = False
    publication: str | None = Field(default=None, description="for excerpts: the publication quoted")


class SourceMeta(Strict):
    id: Slug
    file: NonEmpty
    title: NonEmpty
    outlet: NonEmpty
    authors: list[NonEmpty] = Field(default_factory=list)
    translators: list[NonEmpty] = Field(default_factory=list)
    published: dt.date | None = None
    date_note: str | None = Field(
        default=None, description="why the date is unknown, and what the text suggests"
    )
    doc_type: DocType
    url: str | None = None
    language: str = "en"
    reliability: list[NonEmpty] = Field(default_factory=list)
    fact_caveat: str | None = Field(
        default=None, description="caveat shown with every fact cited only from this source"
    )
    spans: list[SpanSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _undated_needs_reason(self) -> SourceMeta:
        if self.published is None and not self.date_note:
            raise ValueError("an undated source needs `date_note` saying why and what the text suggests")
        return self


# --------------------------------------------------------------------------- entities


# The constant party of this field, China: nearly every fact is about its dealings, so a fact often leaves it
# unsaid, and a chart lane named after it would hold nearly every fact and separate nothing.
IMPLICIT_PARTY = "china"


class EntityType(StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    INITIATIVE = "initiative"
    PROJECT = "project"
    PERSON = "person"
    PLACE = "place"
    GROUP = "group"  # ethnic or social groups, e.g. Uyghurs
    DOCUMENT = "document"  # treaties, reports, declarations
    EVENT = "event"  # protests, summits, forums


class Entity(Strict):
    id: Slug
    name: NonEmpty
    type: EntityType
    aliases: list[NonEmpty] = Field(default_factory=list)
    misspellings: list[NonEmpty] = Field(default_factory=list, description="spellings seen in sources")
    role: str | None = Field(default=None, description="for people: their role as the sources give it")
    description: str | None = None
    countries: list[Slug] = Field(
        default_factory=list, description="countries this entity belongs to or concerns"
    )
    central_asia: bool = Field(default=False, description="one of the five Central Asian states")

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases, *self.misspellings]


class EntityFile(Strict):
    entities: list[Entity]


# --------------------------------------------------------------------------- facts


class FactKind(StrEnum):
    FIGURE = "figure"
    EVENT = "event"
    PROJECT = "project"
    RELATION = "relation"
    MEMBERSHIP = "membership"
    CLAIM = "claim"
    OPINION = "opinion"
    POLL = "poll"
    BACKGROUND = "background"


FACT_KINDS: tuple[str, ...] = tuple(k.value for k in FactKind)


SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


class Figure(Strict):
    amount: float = Field(description="the number as written, before scale: 33 for '$33 billion'")
    scale: Literal["thousand", "million", "billion", "trillion"] | None = None
    unit: NonEmpty = Field(description="what is counted: USD, percent, km, people, states, years, ...")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    qualifier: str | None = Field(
        default=None, description="'more than', 'almost', 'up to', 'about', 'over' ..."
    )
    as_written: NonEmpty = Field(description="the figure exactly as a citation quote writes it")
    # Charts put figures side by side only when a curator has said they measure the same thing: a shared unit
    # is not enough (26% of Chinese financing and 30% of respondents are both "percent").
    measure: str | None = Field(
        default=None,
        description="what the figure measures, worded identically on every figure it may be compared with",
    )
    subject: str | None = Field(
        default=None, description="what this figure is of within its measure (a chart bar's label)"
    )

    @model_validator(mode="after")
    def _measure_has_subject(self) -> Figure:
        if (self.measure is None) != (self.subject is None):
            raise ValueError("`measure` and `subject` go together: give both or neither")
        return self

    @property
    def value(self) -> float:
        return self.amount * SCALES.get(self.scale or "", 1)


class Attribution(Strict):
    who: NonEmpty = Field(description="who holds or makes the claim, as the source describes them")
    entity: Slug | None = None


class Citation(Strict):
    source: Slug
    quote: NonEmpty
    occurrence: int = Field(
        default=1, ge=1, description="which occurrence of the quote, if it appears more than once"
    )


class Relation(StrEnum):
    CORROBORATES = "corroborates"
    DIFFERS = "differs"
    ELABORATES = "elaborates"


class FactLink(Strict):
    fact: Slug
    relation: Relation
    note: str | None = None


class Fact(Strict):
    id: Slug
    statement: NonEmpty
    kind: FactKind
    entities: list[Slug] = Field(min_length=1)
    figure: Figure | None = None
    date: PartialDate | None = Field(
        default=None, description="when it happened: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    date_end: PartialDate | None = None
    as_of: PartialDate | Literal["source"] | None = Field(
        default=None,
        description="reference date of a point-in-time statement; 'source' = as of the source's date",
    )
    attribution: Attribution | None = None
    caveats: list[NonEmpty] = Field(default_factory=list)
    citations: list[Citation] = Field(min_length=1)
    links: list[FactLink] = Field(default_factory=list)
    topics: list[Slug] = Field(
        default_factory=list, description="free topic tags: energy, security, education ..."
    )
    added: dt.date | None = None

    @field_validator("statement")
    @classmethod
    def _statement_is_a_sentence(cls, v: str) -> str:
        if len(v) > 400:
            raise ValueError(
                "a statement is a short sentence (at most 400 characters); put detail in the quote"
            )
        return v

    @model_validator(mode="after")
    def _figure_kind(self) -> Fact:
        if self.kind in (FactKind.FIGURE, FactKind.POLL) and self.figure is None:
            raise ValueError(f"a {self.kind.value} fact needs a `figure`")
        if len(set(self.entities)) != len(self.entities):
            raise ValueError("`entities` lists an entity twice")
        return self


class FactFile(Strict):
    added: dt.date = Field(description="default date the facts in this file entered the fact base")
    facts: list[Fact]


def normalise_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
