"""Entity resolution and full-text search over the compiled fact base.

User text never reaches FTS5 syntax directly: queries are cut into word and number tokens, each quoted, so
operators, quotes, brackets and very long strings are just words.
"""

from __future__ import annotations

import math
import re
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


class EntityIndex:
    """All entity names in memory: resolution and autocomplete never touch the disk."""

    def __init__(self, entities: Sequence[EntityRecord], names: Iterable[tuple[str, str, str, int, str]]) -> None:
        self.by_rid = {e.rid: e for e in entities}
        self.by_id = {e.id: e for e in entities}
        self._by_key: dict[str, list[tuple[int, str, str]]] = {}
        self._by_compact: dict[str, list[tuple[int, str, str]]] = {}
        for key, compact, display, rid, how in names:
            self._by_key.setdefault(key, []).append((rid, display, how))
            self._by_compact.setdefault(compact, []).append((rid, display, how))
        self._keys = sorted(self._by_key)
        # Ranked by how often an entity is cited, so autocomplete offers the useful "Kazakhstan" before rare names.
        self._popularity = {e.rid: e.fact_count for e in entities}

    def __len__(self) -> int:
        return len(self.by_id)

    def _pick(self, hits: list[tuple[int, str, str]], types: set[str] | None) -> tuple[int, str, str] | None:
        allowed = [h for h in hits if types is None or self.by_rid[h[0]].type in types]
        if not allowed:
            return None
        return max(allowed, key=lambda h: (h[2] == "name", self._popularity.get(h[0], 0)))

    def resolve(self, text: str, types: set[str] | None = None) -> EntityMatch | None:
        """Exact name, alias or curated misspelling, then a unique prefix."""
        key = fold(text)[:MAX_QUERY_CHARS]
        if not key:
            return None
        if text.strip() in self.by_id and (types is None or self.by_id[text.strip()].type in types):
            entity = self.by_id[text.strip()]
            return EntityMatch(entity, "exact", entity.name, 100.0)
        named_elsewhere = False
        for index, probe in ((self._by_key, key), (self._by_compact, key.replace(" ", ""))):
            hit = self._pick(index.get(probe, []), types)
            if hit is not None:
                how = {"name": "exact", "alias": "alias", "misspelling": "misspelling"}[hit[2]]
                return EntityMatch(self.by_rid[hit[0]], how, hit[1], 100.0)
            named_elsewhere = named_elsewhere or bool(index.get(probe))
        if named_elsewhere:
            return None  # the exact name of an entity of another type ("BRI"), not a prefix of "Britain"
        # A unique prefix is what the user meant; a mere look-alike is offered as "did you mean", never assumed.
        prefixed = self.complete(text, types=types, limit=2)
        if len(key) >= 3 and len({m.entity.rid for m in prefixed}) == 1:
            return EntityMatch(prefixed[0].entity, "prefix", prefixed[0].matched, 90.0)
        return None

    def complete(self, text: str, types: set[str] | None = None, limit: int = 25) -> list[EntityMatch]:
        """Prefix matches on any name word, best known first; empty input lists the most cited entities."""
        key = fold(text)[:100]
        chosen: dict[int, EntityMatch] = {}
        if not key:
            ranked = sorted(self.by_rid.values(), key=lambda e: (-e.fact_count, e.name))
            return [EntityMatch(e, "popular", e.name, 0.0) for e in ranked if types is None or e.type in types][:limit]
        import bisect

        start = bisect.bisect_left(self._keys, key)
        for name_key in self._keys[start:]:
            if not name_key.startswith(key):
                break
            for rid, display, _how in self._by_key[name_key]:
                entity = self.by_rid[rid]
                if (types is None or entity.type in types) and rid not in chosen:
                    chosen[rid] = EntityMatch(entity, "prefix", display, 95.0)
            if len(chosen) >= limit * 4:
                break
        ordered = sorted(chosen.values(), key=lambda m: (-self._popularity.get(m.entity.rid, 0), m.entity.name))
        return ordered[:limit]

    def suggest(self, text: str, types: set[str] | None = None, limit: int = 3, cutoff: float = 70) -> list[EntityMatch]:
        """Did-you-mean candidates for a miss."""
        key = fold(text)[:100]
        if not key:
            return []
        results = process.extract(key, self._keys, scorer=fuzz.ratio, limit=limit * 6, score_cutoff=cutoff)
        out: dict[int, EntityMatch] = {}
        for name_key, score, _ in results:
            hit = self._pick(self._by_key[name_key], types)
            if hit is not None and hit[0] not in out:
                out[hit[0]] = EntityMatch(self.by_rid[hit[0]], "fuzzy", hit[1], score)
        return sorted(out.values(), key=lambda m: -m.score)[:limit]

    def mentioned_in(self, text: str, types: set[str] | None = None) -> list[EntityRecord]:
        """Entities named anywhere in free text ("How long is the China–Kazakhstan border?")."""
        words = fold(text).split()[:MAX_TERMS * 2]
        found: dict[int, EntityRecord] = {}
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i:i + size])
                for rid, _display, _how in self._by_key.get(phrase, []):
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
