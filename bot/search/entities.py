"""Entity resolution: names, aliases and misspellings to entities, from the compiled name table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.factbase.names import NameHit, NameTable
from bot.factbase.records import LRU, RecordCache
from bot.factbase.stems import stems_of
from bot.factbase.store import EntityRecord
from bot.factbase.text import fold
from bot.search.query import MAX_QUERY_CHARS, MAX_TERMS, STOPWORDS

# Short names that are also ordinary words or units when typed in lower case ("tell us", "10 kg"). Other short
# names count however they are typed: analysts type "sco", "bri", "prc" and "xi" in lower case.
LOWER_CASE_WORDS = STOPWORDS | {"us", "kg", "tm", "km", "cm", "mm"}


@dataclass(frozen=True, slots=True)
class EntityMatch:
    entity: EntityRecord
    how: str  # exact, alias, misspelling, prefix, fuzzy
    matched: str
    score: float


_RESOLVED_AS = ("exact", "alias", "misspelling")  # by NameHit.how
# Names are looked for in runs of up to this many words: a report's full title typed out names the report, not the
# places and words inside it ("Silk Road Diplomacy: Deconstructing Beijing's toolkit to influence South and
# Central Asia" is thirteen). Each run is one key of one indexed lookup: sixteen cost ~0.1 ms more than eight on
# a long question at 1,000x the curated size.
LONGEST_NAME = 16
_POSSESSORS = {"country", "person"}  # whose possessive may lose its apostrophe in a hurried question
# Where the words saying what an entity is end: "Research lab | at William & Mary", "Senior lecturer | at …".
_LEAD_END = re.compile(r"[;,(]| (?:at|in|of|on|for|from|based|with|and|whose|that|who) ", re.I)


class EntityLookup:
    """Entity records by id or by rid, read from the compiled file as they are asked for, the recent ones kept."""

    CACHE_SIZE = 16_384  # ~250 bytes a record: ~4 MB when full, the curated base's entities many times over

    def __init__(self, names: NameTable, column: str) -> None:
        self._names = names
        self._column = column
        self._cache = RecordCache(self.CACHE_SIZE, EntityRecord._make)
        self._misses: LRU[bool] = LRU(1024)  # user text is looked up by id too; most of it names nothing

    def _key(self, entity: EntityRecord) -> str | int:
        return entity.id if self._column == "id" else entity.rid

    def many(self, keys: Iterable[str | int]) -> dict[str | int, EntityRecord]:
        """The records of `keys` that exist, in one query for those not cached."""
        found: dict[str | int, EntityRecord] = {}
        missing = []
        for key in dict.fromkeys(keys):
            cached = self._cache.get(key)
            if cached is not None:
                found[key] = cached
            elif self._misses.get(key) is None:
                missing.append(key)
        if missing:
            for entity in self._names.entities_by(self._column, missing):
                self._cache.put(self._key(entity), entity)
                found[self._key(entity)] = entity
            for key in missing:
                if key not in found:
                    self._misses.put(key, True)
        return found

    def prefetch(self, keys: Iterable[str | int]) -> None:
        """Read the records of `keys` not cached yet, in one query, for the look-ups that follow. (As `many`, but
        the cached ones are only touched, not made records: judging a figure question prefetches the entities of
        some hundred candidates, most of them cached, and making each a record again cost more than the query.)"""
        missing = [
            key for key in dict.fromkeys(keys) if not self._cache.touch(key) and self._misses.get(key) is None
        ]
        if missing:
            self.many(missing)

    def get(self, key: str | int, default: EntityRecord | None = None) -> EntityRecord | None:
        cached = self._cache.get(key)  # the common case, and a hot one: ranking asks for hundreds of entities
        if cached is not None:
            return cached
        return self.many([key]).get(key, default)

    def __getitem__(self, key: str | int) -> EntityRecord:
        entity = self.get(key)
        if entity is None:
            raise KeyError(key)
        return entity

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | int) and self.get(key) is not None

    def __len__(self) -> int:
        return self._names.count()

    def values(self) -> Iterator[EntityRecord]:
        """Every entity, read as it is consumed (not cached: at 1,000x that is 124,000 records)."""
        return self._names.all_entities()


class EntityIndex:
    """Entity names: resolution, autocomplete and did-you-mean, answered from the compiled file's name table.

    Nothing is loaded at start: the table (folded name, entity) is the primary key of a WITHOUT ROWID table, so
    an exact look-up is one B-tree search and a prefix scan one range read in name order; spaceless spellings
    and did-you-mean buckets (names by first letter and length) have indexes of their own. Only the entities
    recently asked for and a few did-you-mean buckets are kept in memory.
    """

    # Autocomplete looks at no more than this many names after the typed prefix: enough to cover every match
    # of a 3-letter prefix at 1,000x the curated size, and a bound on the time a 1-letter prefix can take.
    SCAN_LIMIT = 1500
    # Did-you-mean compares a miss with every name starting with its letter (~30,000 at 1,000x); a bucket is
    # read once and kept, and only this many are kept at a time (a few MB each at that size).
    BUCKETS = 8

    def __init__(self, names: NameTable) -> None:
        self._names = names
        self.by_rid = EntityLookup(names, "rid")
        self.by_id = EntityLookup(names, "id")
        self._ranked: dict[frozenset[str] | None, list[EntityRecord]] = {}
        self._buckets: LRU[tuple[tuple[str, ...], tuple[int, ...]]] = LRU(self.BUCKETS)
        self._region: list[EntityRecord] | None = None

    @classmethod
    def open(cls, path: Path) -> EntityIndex:
        return cls(NameTable(path))

    def close(self) -> None:
        self._names.close()

    def __len__(self) -> int:
        return len(self.by_id)

    def region_states(self) -> list[EntityRecord]:
        """The five Central Asian states, by name: read once (a scan of the table), then kept."""
        if self._region is None:
            self._region = self._names.region_states()
        return self._region

    def _exact(self, key: str) -> list[NameHit]:
        return self._names.exact([key]).get(key, [])

    def _pick(self, hits: Iterable[NameHit], types: AbstractSet[str] | None) -> NameHit | None:
        allowed = [h for h in hits if types is None or h.type in types]
        if not allowed:
            return None
        return max(allowed, key=lambda h: (h.how == 0, h.fact_count))

    def _match(self, hit: NameHit, how: str, score: float) -> EntityMatch:
        return EntityMatch(self.by_rid[hit.rid], how, hit.display, score)

    def _hits(self, key: str) -> list[NameHit]:
        hits = self._exact(key)
        if not hits:
            compact = key.replace(" ", "")
            target = self._names.spaceless(compact)
            if target is not None:
                hits = self._exact(target)
            elif compact != key:
                hits = self._exact(compact)
        return hits

    def resolve(self, text: str, types: AbstractSet[str] | None = None) -> EntityMatch | None:
        """Exact name, alias or curated misspelling, then a unique prefix."""
        key = fold(text)[:MAX_QUERY_CHARS]
        if not key:
            return None
        entity = self.by_id.get(text.strip())
        if entity is not None and (types is None or entity.type in types):
            return EntityMatch(entity, "exact", entity.name, 100.0)
        hits = self._hits(key)
        hit = self._pick(hits, types)
        if hit is not None:
            return self._match(hit, _RESOLVED_AS[hit.how], 100.0)
        if hits:
            return None  # the exact name of an entity of another type ("BRI"), not a prefix of "Britain"
        # A unique prefix is what the user meant; a mere look-alike is offered as "did you mean", never assumed.
        prefixed = self.complete(text, types=types, limit=2)
        if len(key) >= 3 and len({m.entity.rid for m in prefixed}) == 1:
            return EntityMatch(prefixed[0].entity, "prefix", prefixed[0].matched, 90.0)
        return None

    def resolve_many(
        self, texts: Iterable[str], types: AbstractSet[str] | None = None
    ) -> dict[str, EntityMatch | None]:
        """`resolve` of each of `texts`, the exact names in one query: a question describing a source reads the
        authors of every document its candidates quote (hundreds at scale), and one query each was most of it."""
        wanted = list(dict.fromkeys(texts))
        by_id = self.by_id.many(t.strip() for t in wanted)
        keys = {t: fold(t)[:MAX_QUERY_CHARS] for t in wanted}
        exact = self._names.exact(k for k in keys.values() if k)
        self.by_rid.many(h.rid for hits in exact.values() for h in hits)  # what `_match` reads, read at once
        out: dict[str, EntityMatch | None] = {}
        for text in wanted:
            entity = by_id.get(text.strip())
            hits = exact.get(keys[text], [])
            if entity is not None and (types is None or entity.type in types):
                out[text] = EntityMatch(entity, "exact", entity.name, 100.0)
            elif not hits:
                # Spaceless spellings and prefixes, as `resolve` tries them.
                out[text] = self.resolve(text, types)
            elif (hit := self._pick(hits, types)) is not None:
                out[text] = self._match(hit, _RESOLVED_AS[hit.how], 100.0)
            else:
                out[text] = None
        return out

    # Entities read for one describing word: a description fitting more than a few entities names none of them.
    DESCRIBED_LIMIT = 24

    def described(self, words: Sequence[str], types: set[str], head: str | None = None) -> list[EntityRecord]:
        """The entities of `types` that every one of `words` describes (in their role or description, by stem):
        "Virginia" for AidData, "Research lab at William & Mary (…, Virginia)". Where
        some of them also say `head` (the noun described: "lab"), only those: William & Mary is in Virginia too."""
        wanted = sorted(set(stems_of(" ".join(words))))
        noun = set(stems_of(head or ""))
        found = []
        for entity in self._names.described_by(wanted, self.DESCRIBED_LIMIT):
            if entity.type in types:
                # What an entity is, its description or role says first ("Research lab at …"); a lab named
                # further on is another thing ("University in Virginia; home of the AidData research lab").
                lead = _LEAD_END.split(entity.description or entity.role or "", maxsplit=1)[0]
                found.append((entity, bool(noun) and noun <= set(stems_of(lead))))
        if any(fits for _, fits in found):
            found = [(e, fits) for e, fits in found if fits]
        return [e for e, _ in found]

    def _popular(self, types: AbstractSet[str] | None) -> list[EntityRecord]:
        group = frozenset(types) if types is not None else None
        ranked = self._ranked.get(group)
        if ranked is None:
            ranked = self._names.popular(types, 100)
            self._ranked[group] = ranked
        return ranked

    def complete(
        self, text: str, types: AbstractSet[str] | None = None, limit: int = 25
    ) -> list[EntityMatch]:
        """Prefix matches on any name, best known first; empty input lists the most cited entities."""
        key = fold(text)[:100]
        if not key:
            return [EntityMatch(e, "popular", e.name, 0.0) for e in self._popular(types)[:limit]]
        ordered = self._names.best_prefixed(key, types, self.SCAN_LIMIT, limit)
        records = self.by_rid.many(h.rid for h in ordered)
        return [EntityMatch(records[h.rid], "prefix", h.display, 95.0) for h in ordered if h.rid in records]

    def _bucket(self, letter: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """Distinct names starting with `letter` by length, and where each length starts among them (see
        `NameTable.starting_with`); read on first use, then kept while used."""
        bucket = self._buckets.get(letter)
        if bucket is None:
            bucket = self._names.starting_with(letter)
            self._buckets.put(letter, bucket)
        return bucket

    def suggest(
        self, text: str, types: AbstractSet[str] | None = None, limit: int = 3, cutoff: float = 70
    ) -> list[EntityMatch]:
        """Did-you-mean candidates for a miss, among names of similar length that start with the same letter."""
        key = fold(text)[:100]
        if not key:
            return []
        names, starts = self._bucket(key[0])
        # fuzz.ratio >= cutoff is impossible outside this length range, so nothing findable is skipped.
        shortest = int(len(key) * cutoff / (200 - cutoff))
        longest = int(len(key) * (200 - cutoff) / cutoff) + 1
        last = len(starts) - 1  # starts[last]: every name
        candidates = names[starts[min(shortest, last)] : starts[min(longest + 1, last)]]
        results = process.extract(key, candidates, scorer=fuzz.ratio, limit=limit * 6, score_cutoff=cutoff)
        exact = self._names.exact(name_key for name_key, _score, _ in results)
        out: dict[int, EntityMatch] = {}
        for name_key, score, _ in results:
            hit = self._pick(exact.get(name_key, []), types)
            if hit is not None and hit.rid not in out:
                out[hit.rid] = self._match(hit, "fuzzy", score)
        return sorted(out.values(), key=lambda m: (-m.score, m.entity.name))[:limit]

    def mention_spans(
        self, words: Sequence[str], written: Sequence[str], longest: int = LONGEST_NAME
    ) -> list[tuple[int, int, EntityRecord]]:
        """Non-overlapping (start, end, entity) of entity names among folded `words`, longest names first.

        `written` holds the same words as typed: a name of three letters or fewer that is also an ordinary word
        ("US", "KG") counts only when not typed all in lower case or after "the", so "tell us" names no country."""
        sizes = range(min(longest, len(words)), 0, -1)
        # "Central and South Asia" names Central Asia too: the word before "and"/"or" with the rest of the name
        # after it. Those phrases go into the same one query as every phrase that could be a name.
        shared = {
            (i, size): " ".join([words[i], *words[i + 3 : i + 3 + size]])
            for i in range(len(words) - 3)
            if words[i + 1] in {"and", "or"} and not written[i].islower()
            for size in range(1, min(longest, len(words) - i - 3) + 1)
        }
        # A possessive typed without its apostrophe ("beijings lending", "kazakhstans share") names the country or
        # person all the same.
        bare = {i: w[:-1] for i, w in enumerate(words) if len(w) >= 5 and w.endswith("s")}
        exact = self._names.exact(
            [
                *(" ".join(words[i : i + size]) for size in sizes for i in range(len(words) - size + 1)),
                *shared.values(),
                *bare.values(),
            ]
        )
        taken = [False] * len(words)
        found: list[tuple[int, int, NameHit]] = []
        for size in sizes:
            for i in range(len(words) - size + 1):
                if any(taken[i : i + size]):
                    continue
                phrase = " ".join(words[i : i + size])
                if (
                    size == 1
                    and len(phrase) <= 3
                    and written[i].islower()
                    and phrase in LOWER_CASE_WORDS
                    # (after "the" no such word stands as itself: "the us government" is the US's)
                    and words[i - 1 : i] != ["the"]
                ):
                    continue
                hit = self._pick(exact.get(phrase, []), None)
                if hit is None and size == 1 and i in bare:
                    hit = self._pick(exact.get(bare[i], []), _POSSESSORS)
                if hit is None:
                    continue
                found.append((i, i + size, hit))
                for k in range(i, i + size):
                    taken[k] = True
        for i, end, _ in list(found):
            first = i - 2
            shared_name = shared.get((first, end - i - 1))
            if end - i >= 2 and shared_name is not None and not taken[first]:
                hit = self._pick(exact.get(shared_name, []), None)
                if hit is not None:
                    found.append((first, first + 1, hit))
                    taken[first] = True
        records = self.by_rid.many(hit.rid for _, _, hit in found)
        return sorted(((i, end, records[hit.rid]) for i, end, hit in found), key=lambda f: f[0])

    def mentioned_in(self, text: str, types: AbstractSet[str] | None = None) -> list[EntityRecord]:
        """Entities named anywhere in free text ("How long is the China–Kazakhstan border?")."""
        words = fold(text).split()[: MAX_TERMS * 2]
        phrases = [
            " ".join(words[i : i + size]) for size in (4, 3, 2, 1) for i in range(len(words) - size + 1)
        ]
        exact = self._names.exact(phrases)
        rids: dict[int, None] = {}
        for phrase in phrases:
            for hit in exact.get(phrase, []):
                if types is None or hit.type in types:
                    rids.setdefault(hit.rid)
        records = self.by_rid.many(rids)
        return [records[rid] for rid in rids if rid in records]
