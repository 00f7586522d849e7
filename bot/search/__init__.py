"""Search: a user's words as safe FTS5 tokens (`query`), names to entities (`entities`), and full-text search
over the compiled fact base (`searcher`). Question understanding (`bot.understanding`) builds on these."""

from bot.search.entities import EntityIndex, EntityLookup, EntityMatch
from bot.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    STOPWORDS,
    ParsedQuery,
    fts_all_of,
    fts_and,
    fts_or,
    parse_query,
)
from bot.search.searcher import Searcher, SearchHit, SearchResult, filter_groups

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "STOPWORDS",
    "EntityIndex",
    "EntityLookup",
    "EntityMatch",
    "ParsedQuery",
    "SearchHit",
    "SearchResult",
    "Searcher",
    "filter_groups",
    "fts_all_of",
    "fts_and",
    "fts_or",
    "parse_query",
]
