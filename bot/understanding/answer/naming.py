"""Whether a fact names the things a question names: by a name, a part or a source, with what is worked out
per entity kept (name stems, countries, roles, a document's authors).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.factbase.stems import stem, stems_of
from bot.factbase.store import EntityRecord, SearchRow
from bot.factbase.text import NUMBER_WORDS, fold
from bot.search.query import STOPWORDS
from bot.understanding.answer.base import AnswererBase
from bot.understanding.question.model import Concept, Question
from bot.understanding.question.sources import SOURCE_TYPES

REGION = "central asia"  # the region whose states carry `central_asia`, as a concept's alternative names it

# Words that make a figure a sum over the things a fact lists ("… and the plant totalled almost $1 billion").
TOTALLING = ("total", "totalled", "totaled", "totalling", "totaling", "combined", "altogether", "together")
# The one empty set the per-entity caches keep: most entities have no role or authors to stem, and thousands of
# empty sets of their own would each be an object for every full garbage collection to walk.
_NO_STEMS: frozenset[str] = frozenset()


class NamingMixin(AnswererBase):
    """Whether a fact names an entity, and what is kept per entity to tell."""

    # ------------------------------------------------------------------ judging one fact

    def _total_for_several(self, q: Question, row: SearchRow) -> bool:
        """Whether a figure is a total over the things asked about and others of their kind (see `TOTALLING`)."""
        if not any(f" {w} " in row.words for w in TOTALLING):
            return False
        kinds = {e.type for i in q.destinations if (e := self.entities.by_id.get(i)) is not None}
        asked = {e.id for e in q.entities} | q.destinations
        others = [
            e
            for i in row.entity_ids
            if i not in asked and (e := self.entities.by_id.get(i)) is not None and e.type in kinds
        ]
        # ("… the highway, the Ozodi Tunnel, the North-South line and the Zarafshan plant?": a total for what was
        # asked, each thing named, if not all by its full name)
        said = set(stems_of(q.text))
        unasked = [e for e in others if len(self._name_stems(e) & said) * 2 < len(self._name_stems(e))]
        return len(unasked) >= 2

    def _stands_in(self, q: Question, row: SearchRow, names: list[bool]) -> bool:
        """Whether a fact leaving out a country the question names concerns another country instead: the US's
        ratings are not answered by Russia's, however much else the two facts share."""
        missing = [e for e, met in zip(q.entities, names, strict=True) if not met and e.type == "country"]
        if not missing:
            return False
        named = {e.id for e in q.entities}
        return any(
            (e := self.entities.by_id.get(i)) is not None and e.type == "country" and i not in named
            for i in row.entity_ids
        )

    def _names_any(self, q: Question, group: tuple[str, ...], row: SearchRow) -> bool:
        return any(
            (e := self.entities.by_id.get(i)) is not None
            and self._names_entity(e, row, published=q.by_publication(i))
            for i in group
        )

    def _said_by_name(self, entity: EntityRecord, row: SearchRow) -> bool:
        return any(
            n and all(f" {s} " in row.stems for s in n) and not self._part_of_other_name(entity, n, row)
            for n in self._name_stems_of(entity)
        )

    def _part_of_other_name(self, entity: EntityRecord, name: tuple[str, ...], row: SearchRow) -> bool:
        """Whether a name made of another thing's name and a number is found in a fact only because the fact is
        about that other thing and says the number for another reason: "Four of the five are members of the
        Shanghai Cooperation Organisation" does not name the Shanghai Five (a fact's words are a set, not a
        phrase). Other words than numbers are seldom in a fact by chance."""
        if len(name) < 2:
            return False
        words = set(name)
        for other_id in row.entity_ids:
            if other_id == entity.id or (other := self.entities.by_id.get(other_id)) is None:
                continue
            for other_name in self._name_stems_of(other):
                shared = words.intersection(other_name)
                if shared and all(w in NUMBER_WORDS or (w.isdigit() and len(w) == 1) for w in words - shared):
                    return True
        return False

    def _names_entity(
        self,
        entity: EntityRecord,
        row: SearchRow,
        descriptor: bool = False,
        *,
        published: bool = True,
        person: bool = False,
        figure_asked: bool = False,
    ) -> bool:
        """Whether the fact names the entity asked about. `descriptor`: the entity only says where a source is
        from ("the Georgian analyst"); `person`: that source is a person; `figure_asked`: the question wants a
        figure."""
        if entity.id in row.entity_ids and not person:
            # (A country describing a person, "the Kazakh scholar", is not met by a fact about Kazakhstan: her
            # country describes an institution as often as it is the place it studies.)
            return True
        if descriptor:
            # "the Georgian analyst": a fact quoting an analyst from Georgia (a fact that only mentions Georgia in
            # passing quotes nobody from there).
            # A document's countries are those it covers, not where it is from: only people and organisations.
            return any(
                entity.id in (countries := self._countries_of(e))
                and len(countries) <= 2  # a body of many members (the SCO) is from none of them
                and (source := self.entities.by_id.get(e)) is not None
                and source.type in SOURCE_TYPES
                for e in row.entity_ids
            ) or any(
                # The document's author from there, when the fact gives her words ("Serikkaliyeva argues …") or
                # is her article's own statement, attributed to no one else; not the views it reports of others.
                entity.id in self._countries_of(e)
                and (author := self.entities.by_id.get(e)) is not None
                and (self._said_by_name(author, row) or not row.attributed or row.attributed_to == e)
                for e in self._authors_of(row.source)
            )
        if entity.type == "group" and any(
            (place := self.entities.by_id.get(e)) is not None
            and place.type == "place"
            and self._part_of(entity.id, place)
            for e in row.entity_ids
        ):
            # "Beijing's Uyghur policies": a fact on its policies in Xinjiang, where they are native
            return True
        if entity.type in {"organisation", "place"} and any(self._part_of(e, entity) for e in row.entity_ids):
            # "What does The Diplomat say …": a fact citing its editor; "the Shaanxi gathering": a fact about
            # Xi'an, the capital of Shaanxi.
            return True
        if published and entity.type in SOURCE_TYPES and row.source and self._from_source(entity, row.source):
            return True  # "… does the Himalaya article count?": a fact from that outlet's document
        if (
            not published
            and (not row.attributed or row.attributed_to == entity.id)
            and entity.id in self._authors_of(row.source)
        ):
            # "Which countries were SCO observers according to Serikkaliyeva?": her article's own statements are
            # hers, and so are those the curators attribute to her; the views it reports of others are not.
            return True
        if (
            not published
            and entity.type == "organisation"
            # (a figure it reports is its account too, when a figure is asked: "how many countries did the report
            # examine, according to The Diplomat?"; a view it reports is the holder's)
            and (not row.attributed or (figure_asked and row.figure_value is not None))
            and row.source
            and self._from_source(entity, row.source)
        ):
            # "How many years since Xi's last visit, according to ANKASAM?": the think tank's own document, in its
            # own statements (the views it reports of others are theirs).
            return True
        return self._said_by_name(entity, row)

    async def _load_source_stems(self, source_ids: set[str]) -> None:
        missing = [s for s in source_ids if s not in self._source_stems]
        if not missing:
            return
        loaded = await self.store.cached_sources_by_id(missing)
        for sid, source in loaded.items():
            text = " ".join([source.outlet, *source.authors])
            self._source_stems[sid] = frozenset(stem(w) for w in fold(text).split())
        # Their authors as entities, resolved together (see `_authors_of`).
        found = self.entities.resolve_many(
            {a for source in loaded.values() for a in source.authors}, SOURCE_TYPES
        )
        for sid, source in loaded.items():
            self._source_authors[sid] = (
                frozenset(
                    m.entity.id
                    for a in source.authors
                    if (m := found.get(a)) is not None and m.how != "prefix"
                )
                or _NO_STEMS
            )

    def _authors_of(self, source_id: str | None) -> frozenset[str]:
        """Who wrote a document, as entities: "per the Kazakh scholar" is met by her article's facts, which quote
        her without being linked to her. Resolved when the question's candidates' documents are read (see
        `_load_source_stems`), once per document; none for a document not read."""
        return self._source_authors.get(source_id, frozenset()) if source_id else frozenset()

    def _from_source(self, entity: EntityRecord, source_id: str) -> bool:
        """Whether the document a fact quotes was published by the entity or written by them."""
        published = self._source_stems.get(source_id, frozenset())
        return bool(published) and any(n and published.issuperset(n) for n in self._name_stems_of(entity))

    def _person_of(self, q: Question, people: Sequence[EntityRecord]) -> EntityRecord | None:
        """The person of the country asked for ("which Kazakh minister proposed …"): the first person a fact names
        when of that country; else a later one of it named in the role asked ("which Tajik president was Xi due
        to visit": the second president of the announcement, Kazakhstan's named first). None when there is none."""
        if people and not q.person_of.isdisjoint(self._countries_of(people[0].id)):
            return people[0]
        asked = {stem(w) for c in q.concepts if c.head for w in c.text.split()}
        return next(
            (
                e
                for e in people[1:]
                if not q.person_of.isdisjoint(self._countries_of(e.id))
                and not asked.isdisjoint(stem(w) for w in fold(e.role or "").split())
            ),
            None,
        )

    def _countries_of(self, entity_id: str) -> frozenset[str]:
        """The countries an entity is from, decoded once (a descriptor is checked against every candidate)."""
        countries = self._entity_countries.get(entity_id)
        if countries is None:
            entity = self.entities.by_id.get(entity_id)
            countries = frozenset(entity.countries) if entity is not None else frozenset()
            self._entity_countries.put(entity_id, countries)
        return countries

    def _part_of(self, member_id: str, whole: EntityRecord) -> bool:
        """Whether a person's role names the organisation they work for ("Managing Editor of The Diplomat"), or a
        place's or country's description the place it lies in ("Capital of Shaanxi province", "Country in Eastern
        Europe")."""
        role = self._part(member_id)
        return bool(role) and any(n and role.issuperset(n) for n in self._name_stems_of(whole))

    def _part(self, member_id: str) -> frozenset[str]:
        """The stems of a person's role, or of what a place, group, country or organisation is (see `_part_of`),
        once per entity."""
        role = self._part_stems.get(member_id)
        if role is None:
            member = self.entities.by_id.get(member_id)
            text = ""
            if member is not None and member.type == "person":
                text = member.role or ""
            elif member is not None and member.type in {"place", "group", "country"}:
                # (a group's: where it is native to; a country's: the region it lies in)
                text = member.description or ""
            elif member is not None and member.type == "organisation":
                # What it is, not what else it is to others: "Research lab at William & Mary" makes the lab part
                # of the university ("the William & Mary lab's study"); "…; forerunner of the SCO" does not.
                text = (member.description or "").split(";")[0]
            role = frozenset(stem(w) for w in fold(text).split()) or _NO_STEMS
            self._part_stems.put(member_id, role)
        return role

    def _telling_words(self, entity: EntityRecord, statements: Sequence[set[str]]) -> set[str]:
        """The stems of an entity's description that at most half of these statements (as stems) say: what tells a
        fact saying what the thing is from its other facts (the Corridors of Power report is "on Chinese
        financing in Central and South Asia", which its every figure says too; that Samantha Custer released it,
        one fact does)."""
        described = self._described_stems.get(entity.id)
        if described is None:
            described = frozenset(
                s for s in stems_of(entity.description or "") if s not in STOPWORDS and not s.isdigit()
            ) - set(stems_of(entity.name))
            self._described_stems.put(entity.id, described)
        return {s for s in described if 2 * sum(s in st for st in statements) <= len(statements)}

    def _others_named(self, q: Question, row: SearchRow) -> int:
        """How many things of the kind the question names first (a country for "is Beijing the only …") a fact
        names that the question does not name, nor describe as the region's states ("with the Central Asian
        states": those are the partners, not others)."""
        if not q.entities:
            return 0
        kind = q.entities[0].type
        named = {e.id for e in q.entities}
        regional = q.regional or any(REGION in c.alternatives for c in q.concepts)
        return sum(
            1
            for i in row.entity_ids
            if i not in named
            and (e := self.entities.by_id.get(i)) is not None
            and e.type == kind
            and not (regional and e.central_asia)
        )

    def _countries_among(self, entity_ids: Sequence[str]) -> int:
        return sum(
            1 for i in entity_ids if (e := self.entities.by_id.get(i)) is not None and e.type == "country"
        )

    def _named_in(self, entity: EntityRecord, line: str) -> bool:
        """Whether a text, as its stems between spaces (" s1 s2 … "), names the entity by a name or an alias."""
        return any(n and all(f" {s} " in line for s in n) for n in self._name_stems_of(entity))

    def _names_instance(self, q: Question, instance: Concept, row: SearchRow) -> bool:
        """Whether the fact is linked to a thing of the kind asked for, by a name saying the kind ("Ozodi
        Tunnel", "China–Central Asia gas pipeline"), other than the things the question names."""
        asked = {e.id for e in q.entities}
        return any(
            e not in asked
            and (entity := self.entities.by_id.get(e)) is not None
            and any(instance.said_in(set(name)) for name in self._name_stems_of(entity))
            for e in row.entity_ids
        )

    def _name_stems_of(self, entity: EntityRecord) -> tuple[tuple[str, ...], ...]:
        names = self._entity_stems.get(entity.id)
        if names is None:
            names = tuple(
                tuple(stem(w) for w in fold(name).split()) for name in (entity.name, *entity.aliases)
            )
            self._entity_stems.put(entity.id, names)
        return names

    def _name_stems(self, entity: EntityRecord) -> frozenset[str]:
        """The stems of the words of an entity's names, once per entity (role checks ask for them per fact)."""
        found = self._name_stem_sets.get(entity.id)
        if found is None:
            found = frozenset(
                stem(w)
                for n in (entity.name, *entity.aliases)
                for w in fold(n).split()
                if len(w) > 1 and w not in STOPWORDS
            )
            self._name_stem_sets.put(entity.id, found)
        return found
