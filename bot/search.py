"""Entity resolution and full-text search over the compiled fact base.

User text never reaches FTS5 syntax directly: queries are cut into word and number tokens, each quoted, so
operators, quotes, brackets and very long strings are just words.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.factbase.compile import FTS_FIGURE_TAG, FTS_TAG_SHAPE, fts_entity_tag, fts_kind_tag
from bot.factbase.models import FactKind
from bot.factbase.names import NameHit, NameTable
from bot.factbase.store import LRU, EntityRecord, FactRecord, FactStore, SearchRow
from bot.factbase.text import clean, fold, number_token, numbers_in

MAX_QUERY_CHARS = 300
MAX_TERMS = 24

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "tell",
        "show",
        "give",
        "list",
        "find",
        "many",
        "much",
        "say",
        "says",
        "said",
        "know",
        "any",
        "anything",
        "something",
        "please",
        "did",
        "does",
        "fact",
        "facts",
    ]
)


@dataclass(frozen=True, slots=True)
class EntityMatch:
    entity: EntityRecord
    how: str  # exact, alias, misspelling, prefix, fuzzy
    matched: str
    score: float


_RESOLVED_AS = ("exact", "alias", "misspelling")  # by NameHit.how


class EntityLookup:
    """Entity records by id or by rid, read from the compiled file as they are asked for, the recent ones kept."""

    CACHE_SIZE = 16_384  # ~250 bytes a record: ~4 MB when full, the curated base's entities many times over

    def __init__(self, names: NameTable, column: str) -> None:
        self._names = names
        self._column = column
        self._cache: LRU[EntityRecord] = LRU(self.CACHE_SIZE)
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
        self._buckets: LRU[tuple[list[str], list[int]]] = LRU(self.BUCKETS)

    @classmethod
    def open(cls, path: Path) -> EntityIndex:
        return cls(NameTable(path))

    def close(self) -> None:
        self._names.close()

    def __len__(self) -> int:
        return len(self.by_id)

    def _exact(self, key: str) -> list[NameHit]:
        return self._names.exact([key]).get(key, [])

    def _pick(self, hits: Iterable[NameHit], types: set[str] | None) -> NameHit | None:
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

    def resolve(self, text: str, types: set[str] | None = None) -> EntityMatch | None:
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

    def _popular(self, types: set[str] | None) -> list[EntityRecord]:
        group = frozenset(types) if types is not None else None
        ranked = self._ranked.get(group)
        if ranked is None:
            ranked = self._names.popular(types, 100)
            self._ranked[group] = ranked
        return ranked

    def complete(self, text: str, types: set[str] | None = None, limit: int = 25) -> list[EntityMatch]:
        """Prefix matches on any name, best known first; empty input lists the most cited entities."""
        key = fold(text)[:100]
        if not key:
            return [EntityMatch(e, "popular", e.name, 0.0) for e in self._popular(types)[:limit]]
        ordered = self._names.best_prefixed(key, types, self.SCAN_LIMIT, limit)
        records = self.by_rid.many(h.rid for h in ordered)
        return [EntityMatch(records[h.rid], "prefix", h.display, 95.0) for h in ordered if h.rid in records]

    def _bucket(self, letter: str) -> tuple[list[str], list[int]]:
        """Distinct names starting with `letter`, by length; read on first use, then kept while used."""
        bucket = self._buckets.get(letter)
        if bucket is None:
            names = self._names.starting_with(letter)
            bucket = (names, [len(n) for n in names])
            self._buckets.put(letter, bucket)
        return bucket

    def suggest(
        self, text: str, types: set[str] | None = None, limit: int = 3, cutoff: float = 70
    ) -> list[EntityMatch]:
        """Did-you-mean candidates for a miss, among names of similar length that start with the same letter."""
        key = fold(text)[:100]
        if not key:
            return []
        names, lengths = self._bucket(key[0])
        # fuzz.ratio >= cutoff is impossible outside this length range, so nothing findable is skipped.
        shortest = int(len(key) * cutoff / (200 - cutoff))
        longest = int(len(key) * (200 - cutoff) / cutoff) + 1
        candidates = names[bisect.bisect_left(lengths, shortest) : bisect.bisect_right(lengths, longest)]
        results = process.extract(key, candidates, scorer=fuzz.ratio, limit=limit * 6, score_cutoff=cutoff)
        exact = self._names.exact(name_key for name_key, _score, _ in results)
        out: dict[int, EntityMatch] = {}
        for name_key, score, _ in results:
            hit = self._pick(exact.get(name_key, []), types)
            if hit is not None and hit.rid not in out:
                out[hit.rid] = self._match(hit, "fuzzy", score)
        return sorted(out.values(), key=lambda m: (-m.score, m.entity.name))[:limit]

    def mention_spans(
        self, words: Sequence[str], written: Sequence[str], longest: int = 8
    ) -> list[tuple[int, int, EntityRecord]]:
        """Non-overlapping (start, end, entity) of entity names among folded `words`, longest names first.

        `written` holds the same words as typed: a name of three letters or fewer ("US", "UN", "Xi") counts only
        when not typed all in lower case, so "tell us" names no country."""
        sizes = range(min(longest, len(words)), 0, -1)
        # Every phrase that could be a name, looked up in one query rather than one each.
        exact = self._names.exact(
            " ".join(words[i : i + size]) for size in sizes for i in range(len(words) - size + 1)
        )
        taken = [False] * len(words)
        found: list[tuple[int, int, NameHit]] = []
        for size in sizes:
            for i in range(len(words) - size + 1):
                if any(taken[i : i + size]):
                    continue
                phrase = " ".join(words[i : i + size])
                if size == 1 and len(phrase) <= 3 and written[i].islower():
                    continue
                hit = self._pick(exact.get(phrase, []), None)
                if hit is None:
                    continue
                found.append((i, i + size, hit))
                for k in range(i, i + size):
                    taken[k] = True
        records = self.by_rid.many(hit.rid for _, _, hit in found)
        return sorted(((i, end, records[hit.rid]) for i, end, hit in found), key=lambda f: f[0])

    def mentioned_in(self, text: str, types: set[str] | None = None) -> list[EntityRecord]:
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


@dataclass(slots=True)
class ParsedQuery:
    terms: list[str]  # folded words, stopwords removed
    numbers: list[str]  # number tokens
    raw_values: list[float]
    proper_nouns: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.numbers


# "How long is the border?" asks for a quantity: "long" is the question, not a topic word.
_QUANTITY_QUESTION = re.compile(
    r"\b(how (long|much|many|big|large|far)|what (share|percentage|proportion|amount))\b"
)
_QUANTITY_WORDS = {"long", "big", "large", "far", "share", "percentage", "proportion", "amount"}


def parse_query(text: str) -> ParsedQuery:
    text = clean(text)[:MAX_QUERY_CHARS]
    numbers: list[str] = []
    values: list[float] = []
    for mention in numbers_in(text):
        for value in (mention.value, mention.raw) if mention.value != mention.raw else (mention.value,):
            token = number_token(value)
            if token not in numbers:
                numbers.append(token)
        values.append(mention.value)
    without_numbers = re.sub(r"\d[\d,.]*", " ", text)
    terms: list[str] = []
    proper: set[str] = set()
    quantity = bool(_QUANTITY_QUESTION.search(fold(text)))
    for word in re.findall(r"[^\W_]+", without_numbers):
        folded = fold(word)
        if not folded or folded in STOPWORDS or len(folded) < 2 or folded in terms:
            continue
        if quantity and folded in _QUANTITY_WORDS:
            continue
        if FTS_TAG_SHAPE.fullmatch(folded):
            continue  # "zze¹²" folds to a filter tag's shape; it is no word of any source either
        if folded in {"bn", "mn", "per", "cent", "percent", "billion", "million", "trillion", "usd", "us"}:
            continue
        terms.append(folded)
        if word[0].isupper():
            proper.add(folded)
    return ParsedQuery(terms[:MAX_TERMS], numbers[:8], values[:8], proper)


# Letters and digits, or several such words separated by single spaces (a phrase: fold() splits "½" into "1 2").
_SAFE_TOKEN = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _quoted(tokens: Iterable[str]) -> list[str]:
    # Every token is quoted, and only letters, digits and single spaces are kept, so no user text can form FTS5
    # syntax; tag-shaped words are dropped, so no user text can select facts by a filter tag either.
    return [
        f'"{t}"'
        for t in tokens
        if _SAFE_TOKEN.fullmatch(t) and not any(FTS_TAG_SHAPE.fullmatch(w) for w in t.split())
    ]


def fts_or(tokens: Iterable[str]) -> str:
    """A MATCH for facts containing any of `tokens` ("" when there is none)."""
    return " OR ".join(_quoted(tokens))


def fts_and(tokens: Iterable[str]) -> str:
    """A MATCH for facts containing every one of `tokens` ("" when there is none)."""
    return " AND ".join(_quoted(tokens))


@dataclass(slots=True)
class SearchHit:
    fact: FactRecord
    score: float
    matched_terms: int


@dataclass(slots=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    covered: bool
    unknown_terms: list[str]
    entities: list[EntityRecord]
    total_candidates: int


KNOWN_KINDS = frozenset(kind.value for kind in FactKind)
# bm25 costs ~1 µs per matching fact. An FTS query ranks at most SCAN matching facts, which bounds its cost at any
# size (~2 ms, plus ~1.5 ms for each word in 50,000+ facts: bm25 counts every fact with the word for its IDF);
# a query matching more is ranked over the first SCAN of them (rowid order). When too few facts have every word,
# those with the rarer words (RARE facts at most) are ranked whole, and FILL facts with any word fill the rest.
SCAN = 2_000
RARE = 5_000
FILL = 500
CANDIDATES = 400  # best FTS matches kept per query
RESCORED = 200  # best candidates (bm25 and figure value) rescored by matched words, entities and figures


@dataclass(frozen=True, slots=True)
class _Scored:
    row: SearchRow
    score: float
    matched: int


class Searcher:
    def __init__(self, store: FactStore, entities: EntityIndex) -> None:
        self.store = store
        self.entities = entities

    async def search(
        self,
        text: str,
        *,
        country: EntityRecord | None = None,
        kinds: Sequence[str] | None = None,
        with_figure: bool = False,
        limit: int = 10,
    ) -> SearchResult:
        """The facts best matching `text`, optionally only those concerning `country`, of `kinds`, stating a
        figure. Every filter is part of the FTS MATCH, so it applies before the LIMIT, not to its leftovers."""
        parsed = parse_query(text)
        wants_figure = bool(_QUANTITY_QUESTION.search(fold(text)))
        mentioned = self.entities.mentioned_in(text)
        if parsed.empty:
            return SearchResult(text, [], False, [], mentioned, 0)
        tokens = parsed.terms + parsed.numbers
        filters = _filter_groups(country, kinds, with_figure)
        tags = [tag for group in filters or [] for tag in group]
        docs = await self.store.term_docs([*tokens, *tags], cap=SCAN + 1)
        unknown = [t for t in parsed.terms if not docs.get(t)]
        scores: dict[int, float] = {}
        if filters is not None:
            present = [
                t for t in tokens if docs.get(t)
            ]  # a word in no fact cannot match; leaving it out is free
            # What the bonuses below favour: facts naming an entity the question names, and figures for "how much".
            favoured = [[fts_entity_tag(e.rid) for e in mentioned[:MAX_TERMS]]] if mentioned else []
            if wants_figure:
                favoured.append([FTS_FIGURE_TAG])
            scores = await self._candidates(present, docs, filters, favoured, limit)
            valid_kinds = [k for k in kinds if k in KNOWN_KINDS] if kinds else None
            for value in parsed.raw_values:
                for rid in await self.store.facts_with_value(
                    value, entity_rid=country.rid if country else None, kinds=valid_kinds
                ):
                    scores[rid] = scores.get(rid, 0.0) + 8.0
        if not scores:
            return SearchResult(text, [], False, unknown, mentioned, 0)
        ranked = sorted(scores, key=lambda rid: -scores[rid])[:RESCORED]
        rows = await self.store.search_rows(ranked)
        wanted_entities = {e.id for e in mentioned}
        scored: list[_Scored] = []
        for rid in ranked:
            row = rows.get(rid)
            if row is None:
                continue
            matched = _matched_terms(parsed, row)
            bonus = 2.0 * len(wanted_entities.intersection(row.entity_ids))
            if wants_figure and row.figure_value is not None:
                bonus += 3.0
            scored.append(_Scored(row, scores[rid] + bonus + matched, matched))
        scored.sort(key=lambda h: (-h.score, h.row.id))
        informative = len(parsed.terms) + len(parsed.numbers)
        best = max((h.matched for h in scored), default=0)
        covered = bool(scored) and best >= max(1, math.ceil(informative * 0.5))
        if any(t in parsed.proper_nouns for t in unknown):
            covered = False  # a name the sources never mention: anything found would be about something else
        if covered:
            floor = max(1, math.ceil(informative * 0.4))
            scored = [h for h in scored if h.matched >= floor]
        shown = scored[:limit] if covered else []
        # Only what is shown is hydrated (statement, citations, links): the rest was ranked from SearchRow alone.
        facts = {f.rid: f for f in await self.store.facts_by_rids([h.row.rid for h in shown])}
        hits = [SearchHit(facts[h.row.rid], h.score, h.matched) for h in shown if h.row.rid in facts]
        return SearchResult(text, hits, covered, unknown, mentioned, len(scored))

    async def _candidates(
        self,
        present: list[str],
        docs: dict[str, int],
        filters: list[list[str]],
        favoured: list[list[str]],
        want: int,
    ) -> dict[int, float]:
        """rid -> -bm25 of the best FTS matches for the words in `present`, within `filters`.

        At the curated size every fact containing any word is ranked, as ever. When that would mean ranking
        more than SCAN facts, the facts containing every word come first (a cheap, selective AND); if even
        those are too many to rank, the `favoured` ones among them (tag groups, as `filters`) are ranked first,
        so the sample cannot drop what the bonuses would put on top. Only if fewer than `want` facts have every
        word are facts with some of them added: those with the rarer words (ranked whole, they are few), then
        a bounded sample of those with any word.
        """
        if not present:
            return {}
        within = _tag_filter(filters)
        narrowest = min((sum(docs.get(tag, 0) for tag in group) for group in filters), default=None)

        def cost(facts: int) -> int:
            return facts if narrowest is None else min(facts, narrowest)

        found: dict[int, float] = {}

        async def add(match: str, scan: int = SCAN, also: str = "") -> None:
            if not match:
                return
            # Parenthesised: in FTS5, AND binds tighter than OR.
            for rid, bm25 in await self.store.search(f"({match}){within}{also}", CANDIDATES, scan=scan):
                found[rid] = max(found.get(rid, -math.inf), -bm25)

        if cost(sum(docs[t] for t in present)) <= SCAN:
            await add(fts_or(present))
            return found
        if favoured and cost(min(docs[t] for t in present)) > SCAN:
            await add(fts_and(present), also=_tag_filter(favoured))
        await add(fts_and(present))
        if len(found) >= want or len(present) == 1:
            return found
        rare: list[str] = []
        for term in sorted(present, key=lambda t: docs[t]):
            if sum(docs[t] for t in rare) + docs[term] > RARE:
                break
            rare.append(term)
        if rare:
            await add(fts_or(rare), RARE)
        if len(found) < want:
            await add(fts_or(present), FILL)
        return found


def _filter_groups(
    country: EntityRecord | None, kinds: Sequence[str] | None, with_figure: bool
) -> list[list[str]] | None:
    """The tag tokens a fact must have, as groups of alternatives (all groups, any tag of each); None when
    no fact can pass (only unknown kinds asked for)."""
    groups: list[list[str]] = []
    if country is not None:
        groups.append([fts_entity_tag(country.rid)])
    if kinds:
        valid = [k for k in dict.fromkeys(kinds) if k in KNOWN_KINDS]
        if not valid:
            return None
        groups.append([fts_kind_tag(k, with_figure=with_figure) for k in valid])
    elif with_figure:
        groups.append([FTS_FIGURE_TAG])
    return groups


def _tag_filter(groups: list[list[str]]) -> str:
    """' AND tags: ("a" OR "b") AND …' for appending to a MATCH (tags are compile-made letters and digits)."""
    return "".join(" AND tags: (" + " OR ".join(f'"{tag}"' for tag in group) + ")" for group in groups)


def _matched_terms(parsed: ParsedQuery, row: SearchRow) -> int:
    """How many query words the fact's statement and quotes contain (a word of 5+ letters also counts when a
    word there shares its first five: "financing" / "finance"), plus query numbers equal to its figure."""
    words = row.words  # " w1 w2 … ", so " w " is a whole word and " pref" a word's start
    matched = sum(1 for t in parsed.terms if f" {t} " in words or (len(t) >= 5 and f" {t[:5]}" in words))
    if row.figure_value is not None:
        figure = number_token(row.figure_value)
        matched += sum(1 for n in parsed.numbers if n == figure)
    return matched
