"""Entity resolution and full-text search over the compiled fact base.

User text never reaches FTS5 syntax directly: queries are cut into word and number tokens, each quoted, so
operators, quotes, brackets and very long strings are just words.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.factbase.store import EntityRecord, FactRecord, FactStore
from bot.factbase.text import clean, fold, number_token, numbers_in

MAX_QUERY_CHARS = 300
MAX_TERMS = 24

STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "tell", "show", "give", "list", "find", "many", "much", "say", "says", "said", "know", "any", "anything", "something", "please", "did", "does", "fact", "facts"]
)


@dataclass(frozen=True, slots=True)
class EntityMatch:
    entity: EntityRecord
    how: str  # exact, alias, misspelling, prefix, fuzzy
    matched: str
    score: float


_HOW = ("name", "alias", "misspelling")
_HOW_CODE = {how: code for code, how in enumerate(_HOW)}
_RESOLVED_AS = ("exact", "alias", "misspelling")
Hit = tuple[int, str, int]  # (entity rid, the name as written, index into _HOW)


class EntityIndex:
    """All entity names in memory: resolution and autocomplete never touch the disk.

    Built to start fast and stay small at hundreds of thousands of names: parallel arrays sorted by folded
    name (exact look-up and prefix scans are both a bisection, no per-name dict or tuple), the spaceless
    spellings only where they differ, and did-you-mean candidates bucketed by first letter and length, so a
    typo is compared with a few thousand names rather than all of them.
    """

    # Autocomplete looks at no more than this many names after the typed prefix: enough to cover every match
    # of a 3-letter prefix at 1,000x the curated size, and a bound on the time a 1-letter prefix can take.
    SCAN_LIMIT = 1500

    def __init__(self, entities: Sequence[EntityRecord], names: Iterable[tuple[str, str, str, int, str]],
                 spaceless: Sequence[tuple[str, str]] | None = None) -> None:
        self.by_rid = {e.rid: e for e in entities}
        self.by_id = {e.id: e for e in entities}
        rows = list(names)
        if any(rows[i][0] > rows[i + 1][0] for i in range(len(rows) - 1)):
            rows.sort(key=lambda r: r[0])
        self._keys: list[str] = [r[0] for r in rows]
        self._rids = array("q", (r[3] for r in rows))
        self._displays: list[str] = [r[2] for r in rows]
        self._hows = bytes(_HOW_CODE[r[4]] for r in rows)
        if spaceless is None:
            spaceless = sorted({(r[1], r[0]) for r in rows if r[1] != r[0]})
        self._compact_keys = [c for c, _ in spaceless]
        self._compact_targets = [k for _, k in spaceless]
        # Ranked by how often an entity is cited, so autocomplete offers the useful "Kazakhstan" before rare names.
        self._popularity = {e.rid: e.fact_count for e in entities}
        self._ranked: dict[frozenset[str] | None, list[EntityRecord]] = {}
        self._buckets: dict[str, tuple[list[str], list[int]]] = {}

    def __len__(self) -> int:
        return len(self.by_id)

    def _exact(self, key: str) -> list[Hit]:
        lo = bisect.bisect_left(self._keys, key)
        hi = bisect.bisect_right(self._keys, key, lo)
        return [(self._rids[i], self._displays[i], self._hows[i]) for i in range(lo, hi)]

    def _pick(self, hits: Iterable[Hit], types: set[str] | None) -> Hit | None:
        allowed = [h for h in hits if types is None or self.by_rid[h[0]].type in types]
        if not allowed:
            return None
        return max(allowed, key=lambda h: (h[2] == 0, self._popularity.get(h[0], 0)))

    def _hits(self, key: str) -> list[Hit]:
        hits = self._exact(key)
        if not hits:
            compact = key.replace(" ", "")
            at = bisect.bisect_left(self._compact_keys, compact)
            if at < len(self._compact_keys) and self._compact_keys[at] == compact:
                hits = self._exact(self._compact_targets[at])
            elif compact != key:
                hits = self._exact(compact)
        return hits

    def resolve(self, text: str, types: set[str] | None = None) -> EntityMatch | None:
        """Exact name, alias or curated misspelling, then a unique prefix."""
        key = fold(text)[:MAX_QUERY_CHARS]
        if not key:
            return None
        if text.strip() in self.by_id and (types is None or self.by_id[text.strip()].type in types):
            entity = self.by_id[text.strip()]
            return EntityMatch(entity, "exact", entity.name, 100.0)
        hits = self._hits(key)
        hit = self._pick(hits, types)
        if hit is not None:
            return EntityMatch(self.by_rid[hit[0]], _RESOLVED_AS[hit[2]], hit[1], 100.0)
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
            ranked = sorted((e for e in self.by_rid.values() if types is None or e.type in types),
                            key=lambda e: (-e.fact_count, e.name))[:100]
            self._ranked[group] = ranked
        return ranked

    def complete(self, text: str, types: set[str] | None = None, limit: int = 25) -> list[EntityMatch]:
        """Prefix matches on any name, best known first; empty input lists the most cited entities."""
        key = fold(text)[:100]
        if not key:
            return [EntityMatch(e, "popular", e.name, 0.0) for e in self._popular(types)[:limit]]
        chosen: dict[int, EntityMatch] = {}
        keys = self._keys
        first = bisect.bisect_left(keys, key)
        for index in range(first, min(len(keys), first + self.SCAN_LIMIT)):
            if not keys[index].startswith(key):
                break
            rid = self._rids[index]
            if rid in chosen:
                continue
            entity = self.by_rid[rid]
            if types is None or entity.type in types:
                chosen[rid] = EntityMatch(entity, "prefix", self._displays[index], 95.0)
        ordered = sorted(chosen.values(), key=lambda m: (-self._popularity.get(m.entity.rid, 0), m.entity.name))
        return ordered[:limit]

    def _bucket(self, letter: str) -> tuple[list[str], list[int]]:
        """Distinct names starting with `letter`, by length; built on first use, then kept."""
        bucket = self._buckets.get(letter)
        if bucket is None:
            lo = bisect.bisect_left(self._keys, letter)
            hi = bisect.bisect_left(self._keys, chr(ord(letter) + 1), lo)
            names = sorted(dict.fromkeys(self._keys[lo:hi]), key=len)
            bucket = (names, [len(n) for n in names])
            self._buckets[letter] = bucket
        return bucket

    def suggest(self, text: str, types: set[str] | None = None, limit: int = 3, cutoff: float = 70) -> list[EntityMatch]:
        """Did-you-mean candidates for a miss, among names of similar length that start with the same letter."""
        key = fold(text)[:100]
        if not key:
            return []
        names, lengths = self._bucket(key[0])
        # fuzz.ratio >= cutoff is impossible outside this length range, so nothing findable is skipped.
        shortest = int(len(key) * cutoff / (200 - cutoff))
        longest = int(len(key) * (200 - cutoff) / cutoff) + 1
        candidates = names[bisect.bisect_left(lengths, shortest):bisect.bisect_right(lengths, longest)]
        results = process.extract(key, candidates, scorer=fuzz.ratio, limit=limit * 6, score_cutoff=cutoff)
        out: dict[int, EntityMatch] = {}
        for name_key, score, _ in results:
            hit = self._pick(self._exact(name_key), types)
            if hit is not None and hit[0] not in out:
                out[hit[0]] = EntityMatch(self.by_rid[hit[0]], "fuzzy", hit[1], score)
        return sorted(out.values(), key=lambda m: (-m.score, m.entity.name))[:limit]

    def mentioned_in(self, text: str, types: set[str] | None = None) -> list[EntityRecord]:
        """Entities named anywhere in free text ("How long is the China–Kazakhstan border?")."""
        words = fold(text).split()[:MAX_TERMS * 2]
        found: dict[int, EntityRecord] = {}
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i:i + size])
                for rid, _display, _how in self._exact(phrase):
                    entity = self.by_rid[rid]
                    if types is None or entity.type in types:
                        found.setdefault(rid, entity)
        return list(found.values())


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
_QUANTITY_QUESTION = re.compile(r"\b(how (long|much|many|big|large|far)|what (share|percentage|proportion|amount))\b")
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
        if folded in {"bn", "mn", "per", "cent", "percent", "billion", "million", "trillion", "usd", "us"}:
            continue
        terms.append(folded)
        if word[0].isupper():
            proper.add(folded)
    return ParsedQuery(terms[:MAX_TERMS], numbers[:8], values[:8], proper)


def fts_or(tokens: Iterable[str]) -> str:
    # Every token is quoted, and tokens are only letters/digits, so no user text can form FTS5 syntax.
    return " OR ".join(f'"{t}"' for t in tokens)


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


class Searcher:
    def __init__(self, store: FactStore, entities: EntityIndex) -> None:
        self.store = store
        self.entities = entities

    async def search(self, text: str, *, country: EntityRecord | None = None, kinds: Sequence[str] | None = None,
                     limit: int = 10) -> SearchResult:
        parsed = parse_query(text)
        wants_figure = bool(_QUANTITY_QUESTION.search(fold(text)))
        mentioned = self.entities.mentioned_in(text)
        if parsed.empty:
            return SearchResult(text, [], False, [], mentioned, 0)
        tokens = parsed.terms + parsed.numbers
        candidates = await self.store.search(fts_or(tokens), limit=400)
        scores: dict[int, float] = {rid: -score for rid, score in candidates}
        for value in parsed.raw_values:
            for rid in await self.store.facts_with_value(value):
                scores[rid] = scores.get(rid, 0.0) + 8.0
        if not scores:
            unknown = [t for t in parsed.terms]
            return SearchResult(text, [], False, unknown, mentioned, 0)
        ranked = sorted(scores, key=lambda rid: -scores[rid])[:200]
        facts = await self.store.facts_by_rids(ranked)
        wanted_entities = {e.id for e in mentioned}
        hits: list[SearchHit] = []
        for fact in facts:
            if country is not None and country.id not in fact.entity_ids:
                continue
            if kinds and fact.kind not in kinds:
                continue
            haystack = fold(" ".join([fact.statement, *(c.quote for c in fact.citations)]))
            stems = set(haystack.split())
            matched = sum(1 for t in parsed.terms if t in stems or any(s.startswith(t[:5]) for s in stems if len(t) >= 5))
            matched += sum(1 for n in parsed.numbers if fact.figure and number_token(fact.figure["value"]) == n)
            bonus = 2.0 * len(wanted_entities.intersection(fact.entity_ids))
            if wants_figure and fact.figure is not None:
                bonus += 3.0
            hits.append(SearchHit(fact, scores[fact.rid] + bonus + matched, matched))
        hits.sort(key=lambda h: (-h.score, h.fact.id))
        vocab = await self.store.vocabulary_has(parsed.terms)
        unknown = [t for t, present in vocab.items() if not present]
        informative = len(parsed.terms) + len(parsed.numbers)
        best = max((h.matched_terms for h in hits), default=0)
        covered = bool(hits) and best >= max(1, math.ceil(informative * 0.5))
        if any(t in parsed.proper_nouns for t in unknown):
            covered = False  # a name the sources never mention: anything found would be about something else
        if covered:
            floor = max(1, math.ceil(informative * 0.4))
            hits = [h for h in hits if h.matched_terms >= floor]
        return SearchResult(text, hits[:limit] if covered else [], covered, unknown, mentioned, len(hits))
