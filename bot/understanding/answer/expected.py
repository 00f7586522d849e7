"""Whether a fact carries the kind of answer a question expects: a date for "when", a figure in the units
asked for, a person, a place, a thing of the kind "which <kind>" asks for.
"""

from __future__ import annotations

import functools
import math

from bot.factbase.records import EntityRecord
from bot.factbase.stems import stem
from bot.factbase.store import SearchRow
from bot.factbase.text import fold, numbers_in
from bot.understanding.answer.counts import TIME_UNITS, _counts_things, _unit_counts
from bot.understanding.answer.dates import (
    _DECADE_SAID,
    _SPAN_BACK,
    _SPAN_UNITS,
    FREQUENCY_WORDS,
    FUTURE_WORDS,
    SPAN_WORDS,
    _precise_enough,
)
from bot.understanding.answer.kinds import (
    ACTOR_TYPES,
    ARGUING_KINDS,
    LIST_KINDS,
    ORGANISATION_TYPES,
    PERSON_TYPES,
    PLACE_TYPES,
)
from bot.understanding.answer.naming import NamingMixin
from bot.understanding.answer.statements import CAUSE_WORDS, LARGER_PART_WORDS, PORTION_WORDS, REASON_WORDS
from bot.understanding.question.kinds import ENTITY_TYPE_NOUNS
from bot.understanding.question.model import Question

# Who a poll counts ("how many people / respondents …"): it gives them as a share of those asked.
POLLED = frozenset(
    {"people", "respondents", "citizens", "residents", "kazakhs", "kyrgyz", "uzbeks", "tajiks"}
)
ATTITUDES = frozenset(
    {
        "negatively",
        "positively",
        "favourably",
        "favorably",
        "unfavourably",
        "unfavorably",
        "negative",
        "positive",
        "favourable",
        "favorable",
        "unfavourable",
        "unfavorable",
        "dislike",
        "distrust",
        "mistrust",
        "trust",
    }
)


_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "stan", "ia", "is", "i", "ic", "z")


@functools.lru_cache(maxsize=512)
def seat_names(country: EntityRecord) -> tuple[str, ...]:
    """The names of a country that are a place in it, its capital or seat of government ("Beijing", "Astana",
    "Moscow"): a one-word name, no acronym, neither a spelling of the country's name ("Qazaqstan", "Tadjikistan",
    "Kirghisia": they begin alike or end as names of states do) nor a word for its people ("Kazakh", "Chinese",
    "Americans")."""
    name = fold(country.name)
    return tuple(
        alias
        for alias in country.aliases
        if alias.isalpha()
        and not alias.isupper()
        and not (folded := fold(alias)).endswith(_DEMONYM_ENDINGS)
        and not folded.startswith(name[:2])
    )


@functools.lru_cache(maxsize=512)
def _seats(country: EntityRecord) -> tuple[str, ...]:
    """The stems of `seat_names`."""
    return tuple(stem(fold(alias)) for alias in seat_names(country))


# Nouns for money whose "how much" asks for a sum, never a share.
_SUMS_OF_MONEY = frozenset(
    {"funding", "money", "cash", "grant", "grants", "loan", "loans", "donation", "donations"}
)


# Publishing a document, as the thesaurus groups it ("put out", "released", "published"): done by someone named.
# (Not "issued": "issues" shares its stem.)
PUBLISHING_STEMS = frozenset(stem(w) for w in ("published", "released"))


class ExpectedMixin(NamingMixin):
    """Whether a fact holds the kind of answer expected."""

    def _type_fits(self, q: Question, row: SearchRow) -> bool:
        if q.answer_type == "date":
            if q.future and not q.announced:
                return False
            if q.span_end and " since " in row.words:
                return False  # "up to which year does the data run?": "since 2000" is where it starts
            if not q.announced and any(f" {w} " in row.words for w in FUTURE_WORDS):
                # "Mao Ning said Xi would soon visit": the date of the announcement, not of the visit (unless the
                # announcement is what is asked about, in any of its words: "made public", "revealed"; or the
                # plan: "when was Xi due to visit?").
                return False
            # An undated fact whose words give only a decade ("introduced in the early 2000s") dates it as
            # closely as the sources do, for a question that wants no more than a year.
            return _precise_enough(q, row.date) or (
                row.date is None
                and q.precision is None
                and (
                    _DECADE_SAID.search(row.words) is not None
                    or (
                        q.spanning
                        and any(f" {w} " in row.words for w in _SPAN_BACK)
                        and any(f" {w} " in row.words for w in _SPAN_UNITS)
                    )
                )
            )
        if q.answer_type == "figure":
            wholes = [s for s in q.stated if s.whole]
            portion = bool(wholes) and any(f" {w} " in row.words for w in PORTION_WORDS)
            if row.figure_value is None:
                # "How often has China joined exercises in the region?": "many times" is what the sources say.
                # "For how long has Beijing …?": "over the past two decades". "How much of the $127 billion went
                # to Central Asia?": "most of it", in a fact giving the whole.
                return (
                    (q.often and any(all(f" {w} " in row.words for w in p.split()) for p in FREQUENCY_WORDS))
                    or (q.lasting and any(f" {w} " in row.words for w in SPAN_WORDS))
                    or (
                        portion
                        and any(f" {w.raw:g} " in row.words for s in wholes for w in numbers_in(s.written))
                    )
                )
            unit = fold(row.figure_unit or "")
            if q.amount and _counts_things(unit):
                return False  # "how much financing" is not answered by "12 countries"
            if q.money and unit == "percent" and any(c.text in _SUMS_OF_MONEY for c in q.concepts):
                # "how much funding did AidData get" is a sum, not "more than a quarter" of another
                return False
            if (
                q.intent == "how_many"
                and row.kind == "poll"
                and unit == "percent"
                and any(c.counted and c.text in POLLED for c in q.concepts)
                # (how they see something, not how many were asked: "how many people were surveyed" wants the
                # sample, which a share does not give)
                and any(c.text in ATTITUDES for c in q.concepts)
            ):
                return True  # "how many people in Kazakhstan see China negatively?": a poll counts them in shares
            if q.intent == "how_many" and not q.units:
                if not (_counts_things(unit) or unit in TIME_UNITS):
                    return False  # nor "how many nationals" by "$1.7 billion" or "30 per cent"
                if q.often and unit in TIME_UNITS:
                    return False  # "how many times did they meet" is not answered by "first in five years"
                counted = [c for c in q.concepts if c.counted]
                if counted and unit and not _unit_counts(counted, unit):
                    return False  # "how many countries" is not answered by "30 years"
            if self._group_figure(q, row):
                return False  # Uzbekistan's share is not the five countries' total
            if wholes and not portion:
                # "How much of the $1 billion went to the tunnel" is not answered by the $1 billion, nor by a
                # figure in another unit (a poll's 30%) unless a share is asked for.
                value = row.figure_value
                if any(
                    s.unit == row.figure_unit and math.isclose(s.value, value, rel_tol=0.01) for s in wholes
                ):
                    return False
                if not q.units and all(s.unit != row.figure_unit for s in wholes):
                    return False
            return not q.units or unit in q.units
        if q.cause:
            return any(f" {w} " in row.words for w in CAUSE_WORDS)
        if q.intent == "why" and row.kind not in ARGUING_KINDS:
            return any(f" {w} " in row.words for w in REASON_WORDS)
        if q.answer_type not in {"person", "place", "entities"}:
            return True  # any fact may say what something is or why: no entity of the fact need be looked up
        named = {e.id for e in q.entities} | q.set_aside
        others = [self.entities.by_id.get(e) for e in row.entity_ids if e not in named]
        if q.answer_type == "person":
            person = any(e is not None and e.type in PERSON_TYPES for e in others)
            # "Who is the president of …" asks for a person the sources name; "who said …", for a claim's holder.
            if q.whose:  # "whose idea was X": a person the fact names in its words, not only quotes
                return any(
                    e is not None and e.type in PERSON_TYPES and self._said_by_name(e, row) for e in others
                )
            if q.actor:
                return any(e is not None and e.type in ACTOR_TYPES for e in others)
            if q.person_of:
                # "Which Kazakh minister proposed …": the person the fact is about (the first it names, as the
                # answer line reads it) is of Kazakhstan; "spokesperson Mao Ning said Xi would visit President
                # Tokayev" is Mao Ning's announcement, whoever else it names.
                people = [e for e in others if e is not None and e.type in PERSON_TYPES]
                return self._person_of(q, people) is not None
            if q.descriptors and (q.intent == "who_is" or q.one_person):
                # "Which Kazakh official …": a person from Kazakhstan, not any person a fact about it names.
                return any(
                    e is not None
                    and e.type in PERSON_TYPES
                    and not q.descriptors.isdisjoint(self._countries_of(e.id))
                    for e in others
                )
            if any(c.said_in(PUBLISHING_STEMS) for c in q.concepts):
                # "Who put out the study?": whoever released it, named; not a report's findings relayed.
                return person
            return person if q.intent == "who_is" or q.one_person else row.attributed or person
        if q.answer_type == "place":
            if q.within:
                # "Where in Tajikistan is the base?": a place in Tajikistan; "in different Central Asian
                # countries" does not say where in it.
                return any(
                    e is not None
                    and e.type in PLACE_TYPES
                    and not q.within.isdisjoint(self._countries_of(e.id))
                    for e in others
                )
            types = ORGANISATION_TYPES if q.affiliation else PLACE_TYPES | {"country"}
            if q.portion:
                # "Where did most of Beijing's money for Kazakhstan go?": to a project as much as to a place, or
                # where a fact says the larger part went ("mainly used for the gas pipeline").
                if any(f" {w} " in row.words for w in LARGER_PART_WORDS):
                    return True
                types = types | {"project"}
            return any(e is not None and e.type in types for e in others)
        if q.kind_word is not None:
            # "which universities": an organisation whose own name or description says it is one.
            return any(
                e is not None
                and e.type == q.wanted
                and q.kind_word in fold(f"{e.name} {e.description or ''} {e.role or ''}").split()
                for e in others
            )
        if q.wanted is not None and self._counts_unnamed(q, row):
            # "List the 12 countries the report covers": "examined 12 South and Central Asian countries" counts
            # them and names one at most (in the sentence it quotes): it does not say which they are.
            return False
        if q.wanted_count is not None and self._count_of_wanted(q, row) < q.wanted_count:
            return False  # "which 12 countries did the report examine": not the one a fact names
        if q.wanted is not None and not self._says_wanted(q, row):
            # "which company built the tunnel": a fact naming no company does not say. Named in its words: a
            # fact linked to the five countries because it counts "12 South and Central Asian countries" does not
            # say which they are.
            return False
        if q.wanted is not None:
            return True  # "which SCO documents entrenched …": "The SCO Charter … entrenched" names one
        return row.kind in LIST_KINDS or len(others) >= 2  # "entities"

    def _counts_unnamed(self, q: Question, row: SearchRow) -> bool:
        """Whether the fact's figure counts things of the kind asked for ("12 countries") and it names fewer of
        them than it counts."""
        unit = fold(row.figure_unit or "").split()
        if row.figure_value is None or not unit or ENTITY_TYPE_NOUNS.get(unit[-1]) != q.wanted:
            return False
        return self._named_of_wanted(q, row, besides_asked=False) < row.figure_value

    def _named_of_wanted(self, q: Question, row: SearchRow, *, besides_asked: bool = True) -> int:
        """How many things of the kind "which <kind>" asks for the fact names in its words (by default besides
        those asked about)."""
        return len(self._wanted_named(q, row, besides_asked=besides_asked))

    def _wanted_named(self, q: Question, row: SearchRow, *, besides_asked: bool = True) -> list[str]:
        """The things of the kind "which <kind>" asks for that the fact names in its words, by id."""
        asked = {e.id for e in q.entities} | q.set_aside if besides_asked else set()
        regional = q.wanted == "country" and q.regional  # one of the five, not Russia named beside them
        return [
            i
            for i in row.entity_ids
            if i not in asked
            and (e := self.entities.by_id.get(i)) is not None
            and e.type == q.wanted
            and (e.central_asia or not regional)
            and self._said_by_name(e, row)
        ]

    def _count_of_wanted(self, q: Question, row: SearchRow) -> int:
        """How many things of the kind "which two <kind>" asks for the fact names. A city the sources write for
        its government ("met in Xi'an and in Beijing") is a country in the entity base: one of the cities all the
        same."""
        # (a group's members may include what the question names it by: "Beijing's grouping" had China in it)
        count = self._named_of_wanted(q, row, besides_asked=not q.members)
        if q.wanted in PLACE_TYPES:
            asked = {e.id for e in q.entities} | q.set_aside
            count += sum(
                1
                for i in row.entity_ids
                if (e := self.entities.by_id.get(i)) is not None
                and e.type == "country"
                and (
                    (i not in asked and self._said_by_name(e, row))
                    # "In which two cities did the Chinese and Kazakh leaders meet?": "in Xi'an and in Beijing",
                    # the capital of a country asked about being one of the cities
                    or (i in asked and any(f" {s} " in row.stems for s in _seats(e)))
                )
            )
        return count

    def _says_wanted(self, q: Question, row: SearchRow) -> bool:
        """Whether the fact's words name a thing of the kind "which <kind>" asks for, beyond those asked about."""
        return self._named_of_wanted(q, row) > 0 or (q.wanted in PLACE_TYPES and self._says_the_seat(q, row))

    def _says_the_seat(self, q: Question, row: SearchRow) -> bool:
        """Whether the fact names the city the entity base keeps as a name of the one country asked about, its
        capital or seat: "which Tajik city hosted the summit" is answered by "the summit in Dushanbe". (Of two
        countries asked about, "Beijing" is as often China's government as the city.)"""
        countries = [e for e in q.entities if e.type == "country"]
        return (
            len(countries) == 1
            and countries[0].id in row.entity_ids
            and any(f" {s} " in row.stems for s in _seats(countries[0]))
        )

    def _group_figure(self, q: Question, row: SearchRow) -> bool:
        """A figure for several countries when the question asks about one (or some) of them."""
        named = {e.id for e in q.entities if e.type == "country"}
        countries = [
            i for i in row.entity_ids if (e := self.entities.by_id.get(i)) is not None and e.type == "country"
        ]
        # A country asked about that the fact lists after its subject, beside two or more not asked about, is
        # one member of the group the figure is for ("China provided $127 billion to the five countries").
        members = [i for i in countries[1:] if i in named]
        if members and sum(1 for i in countries if i not in named) >= 2:
            return True
        # The other way round: a region asked about that the fact only mentions, beside the one country it is
        # about ("Kazakhstan absorbed 26% of China's financing to Central and South Asia" is not South Asia's share).
        regions = [e for e in q.entities if e.type == "place" and e.id not in row.entity_ids]
        others = [i for i in countries if i not in named]
        return bool(regions) and len(others) == 1
