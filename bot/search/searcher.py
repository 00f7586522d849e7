"""Full-text search over the compiled fact base: candidates from FTS5, rescored by matched words, entities and
figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.factbase.compile import FTS_FIGURE_TAG, fts_entity_tag, fts_kind_tag
from bot.factbase.models import FactKind
from bot.factbase.store import EntityRecord, FactRecord, FactStore, SearchRow
from bot.factbase.text import fold, number_token
from bot.search.entities import EntityIndex
from bot.search.query import MAX_TERMS, QUANTITY_QUESTION, ParsedQuery, fts_all_of, fts_or, parse_query


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
# Before bm25 scores its first row, FTS5 counts every fact that has each of the MATCH's words and phrases (and
# filter tags) for their IDF, however few rows are then scanned: ~0.02 µs a posting for a word, several times that
# for a phrase, whose word positions are compared in every fact holding all its words ("central asia": 140,000
# facts and 14 ms at 1,000x the curated size). A MATCH that would make it read more postings than this takes its
# first rows in rowid order unranked (score 0), like the rest of a sample; at 1,000x only queries made of the
# most common words and phrases do ("Central Asian countries", ranked in 35-70 ms otherwise). The curated base
# never comes near it (219 facts).
BM25_BUDGET = 500_000
PHRASE_COST = 3  # a phrase's postings cost this many times a word's (positions compared)
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
        wants_figure = bool(QUANTITY_QUESTION.search(fold(text)))
        mentioned = self.entities.mentioned_in(text)
        if parsed.empty:
            return SearchResult(text, [], False, [], mentioned, 0)
        tokens = parsed.terms + parsed.numbers
        filters = filter_groups(country, kinds, with_figure)
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
            scores = await self.candidates(present, docs, filters, favoured, limit)
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

    async def candidates(
        self,
        present: list[str],
        docs: dict[str, int],
        filters: list[list[str]],
        favoured: list[list[str]],
        want: int,
        alike: list[list[str]] | None = None,
    ) -> dict[int, float]:
        """rid -> -bm25 of the best FTS matches for the words in `present`, within `filters`.

        At the curated size every fact containing any word is ranked, as ever. When that would mean ranking
        more than SCAN facts, the facts containing every word come first (a cheap, selective AND); if even
        those are too many to rank, the `favoured` ones among them (tag groups, as `filters`) are ranked first,
        so the sample cannot drop what the bonuses would put on top. Only if fewer than `want` facts have every
        word are facts with some of them added: those with the rarer words (ranked whole, they are few), then
        a bounded sample of those with any word.

        `alike`: groups of words that say one thing (a concept's thesaurus alternatives); "every word" then
        means one of each group. No fact says all of "Central Asia", "the five republics" and "the stans": an
        AND of them found nothing, at the cost of reading each one's postings.
        """
        if not present:
            return {}
        kept = set(present)
        grouped = [[t for t in group if t in kept] for group in alike] if alike is not None else []
        grouped = [group for group in grouped if group]
        grouped += [[t] for t in present if not any(t in group for group in grouped)]
        within = _tag_filter(filters)
        narrowest = min((sum(docs.get(tag, 0) for tag in group) for group in filters), default=None)

        def cost(facts: int) -> int:
            return facts if narrowest is None else min(facts, narrowest)

        found: dict[int, float] = {}
        filter_cost = sum(_postings(tag, docs) for group in filters for tag in group)

        async def add(
            groups: list[list[str]], join: str, scan: int = SCAN, also: list[list[str]] | None = None
        ) -> None:
            words = [t for group in groups for t in group]
            match = fts_or(words) if join == "OR" else fts_all_of(groups)
            if not match:
                return
            also = also or []
            # Parenthesised: in FTS5, AND binds tighter than OR.
            query = f"({match}){within}{_tag_filter(also)}"
            postings = filter_cost + sum(_postings(t, docs) for t in [*words, *(t for g in also for t in g)])
            if postings > BM25_BUDGET:
                for rid in await self.store.search_unranked(query, min(scan, CANDIDATES)):
                    found[rid] = max(found.get(rid, -math.inf), 0.0)
                return
            for rid, bm25 in await self.store.search(query, CANDIDATES, scan=scan):
                found[rid] = max(found.get(rid, -math.inf), -bm25)

        if cost(sum(docs[t] for t in present)) <= SCAN:
            await add([present], "OR")
            return found
        if len(grouped) == 1 and not any(" " in t for t in grouped[0]):
            # One concept in single words ("world", "global"): the facts saying it in more than one of them are
            # few and cheap to find, a selective start at scale. (Its phrases, "central asian states", cost their
            # positions and seldom meet in one fact: those go straight to the sample below.)
            grouped = [[t] for t in grouped[0]]
        if len(grouped) > 1 or len(present) == 1:
            if favoured and cost(min(sum(docs[t] for t in group) for group in grouped)) > SCAN:
                await add(grouped, "AND", also=favoured)
            await add(grouped, "AND")
            if len(found) >= want or len(present) == 1:
                return found
        rare: list[str] = []
        for term in sorted(present, key=lambda t: docs[t]):
            if sum(docs[t] for t in rare) + docs[term] > RARE:
                break
            rare.append(term)
        if rare:
            await add([rare], "OR", RARE)
        if len(found) < want:
            await add([present], "OR", FILL)
        return found


def filter_groups(
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


def _postings(token: str, docs: dict[str, int]) -> int:
    """What FTS5 reads to count the facts with `token` for bm25's IDF: its postings, or for a phrase those of each
    of its words (their positions compared), as far as `docs` knows them."""
    if " " not in token:
        return docs.get(token, 0)
    return PHRASE_COST * sum(docs.get(word, docs.get(token, 0)) for word in token.split())


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
