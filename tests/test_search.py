"""Entity resolution and full-text search: names as people type them, numbers as sources write them, and
hostile input that must never break anything."""

from __future__ import annotations

import contextlib
import io
import sqlite3

import pytest

from bot.adapters.cli.console import ask, reply_payloads
from bot.briefs import Brief, NotFound, UserError
from bot.commands import COMMANDS, CommandError, Reply, parse_slash, run_command, search_brief
from bot.core import Core
from bot.factbase.compile import FTS_TAG_SHAPE
from bot.factbase.store import FactRecord
from bot.render.discord import NO_MENTIONS, render_pages
from bot.search import SearchResult, fts_all_of, fts_and, fts_or, parse_query

KZ_FINANCING_QUOTE = "Kazakhstan alone has absorbed 26% ($33 billion)"


def is_kz_financing(fact: FactRecord) -> bool:
    return "kazakhstan" in fact.entity_ids and any(KZ_FINANCING_QUOTE in c.quote for c in fact.citations)


def is_border(fact: FactRecord) -> bool:
    return bool(fact.figure) and fact.figure["as_written"] == "1,700 km" and "kazakhstan" in fact.entity_ids  # type: ignore[index]


# --------------------------------------------------------------------------- entity resolution


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Astana", "Kazakhstan"),
        ("Nur-Sultan", "Kazakhstan"),
        ("Republic of Kazakhstan", "Kazakhstan"),
        ("Bishkek", "Kyrgyzstan"),
        ("BRI", "Belt and Road Initiative"),
        ("One Belt One Road", "Belt and Road Initiative"),
        ("One Belt, One Road", "Belt and Road Initiative"),
        ("belt and road", "Belt and Road Initiative"),
        ("SCO", "Shanghai Cooperation Organisation"),
        ("Shanghai Cooperation Organization", "Shanghai Cooperation Organisation"),
        ("PRC", "China"),
    ],
)
def test_aliases_resolve_to_the_canonical_entity(core: Core, text: str, name: str) -> None:
    match = core.entities.resolve(text)
    assert match is not None and match.entity.name == name


@pytest.mark.parametrize("text", ["Xi’an", "Xian", "xi'an", "XI'AN", "Xi an", "  xi’an  "])
def test_case_diacritics_and_curly_quotes_reach_the_same_place(core: Core, text: str) -> None:
    match = core.entities.resolve(text)
    assert match is not None
    assert match.entity.type == "place" and match.entity.name == "Xi'an"


@pytest.mark.parametrize("text", ["TÜRKIYE", "Türkiye", "turkiye", "Turkey"])
def test_turkiye_in_any_case_or_accent_is_turkey(core: Core, text: str) -> None:
    match = core.entities.resolve(text)
    assert match is not None and match.entity.id == "turkey"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kyrgzystan", "Kyrgyzstan"),
        ("Imamali Rahman", "Emomali Rahmon"),
        ("Hu Jingtao", "Hu Jintao"),
        ("Jinping Xi", "Xi Jinping"),
    ],
)
def test_misspellings_seen_in_the_sources_resolve(core: Core, text: str, name: str) -> None:
    match = core.entities.resolve(text)
    assert match is not None and match.entity.name == name
    assert match.how == "misspelling"


@pytest.mark.parametrize(
    ("text", "types", "name"),
    [
        ("Turkmenis", None, "Turkmenistan"),
        ("Uzbekist", None, "Uzbekistan"),
        ("Kazakhst", {"country"}, "Kazakhstan"),
        ("Ozodi", None, "Ozodi Tunnel"),
    ],
)
def test_unique_prefix_resolves(core: Core, text: str, types: set[str] | None, name: str) -> None:
    match = core.entities.resolve(text, types=types)
    assert match is not None and match.entity.name == name and match.how == "prefix"


def test_ambiguous_prefix_is_not_guessed(core: Core) -> None:
    assert core.entities.resolve("Shanghai") is None  # Shanghai Five or Shanghai Cooperation Organisation


def test_fuzzy_typo_is_a_miss_with_a_did_you_mean(core: Core) -> None:
    assert core.entities.resolve("Kazakstan") is None
    assert core.entities.suggest("Kazakstan")[0].entity.name == "Kazakhstan"
    with pytest.raises(NotFound) as info:
        core.briefs.resolve("Kazakstan", {"country"}, "country")
    assert "did you mean Kazakhstan" in str(info.value)
    assert info.value.suggestions[0] == "Kazakhstan"


@pytest.mark.parametrize(
    "text",
    [
        "Kaza\u200bkhstan",
        "Kazakh\u200dstan",
        "\ufeffKazakhstan",
        "\u202aKazakhstan\u202c",
        "Kazakhstan\u2060",
        "\u200eKazakhstan\u200f",
    ],
)
def test_zero_width_and_bidi_characters_inside_a_name_still_resolve(core: Core, text: str) -> None:
    match = core.entities.resolve(text)
    assert match is not None and match.entity.id == "kazakhstan"


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("BRI", "Belt and Road Initiative"),
        ("SCO", "Shanghai Cooperation Organisation"),
        ("Xi Jinping", "Xi Jinping"),
    ],
)
def test_exact_name_of_another_kind_is_explained_not_guessed_as_a_country(
    core: Core, text: str, other: str
) -> None:
    """`/country BRI` must say what the BRI is, not answer with a country whose name merely starts with "bri"."""
    assert core.entities.resolve(text, types={"country"}) is None
    with pytest.raises(NotFound) as info:
        core.briefs.resolve(text, {"country"}, "country")
    assert other in str(info.value) and "not a country" in str(info.value)


@pytest.mark.parametrize("types", [None, {"person", "organisation"}, {"country"}])
def test_resolving_many_names_at_once_gives_what_resolving_each_gives(
    core: Core, types: set[str] | None
) -> None:
    names = [n for e in core.entities.by_id.values() for n in (e.id, e.name, *e.aliases)]
    texts = [
        *names,
        "Kazakstan",  # a curated misspelling
        "xian",  # a spaceless spelling
        "Shanghai",  # an ambiguous prefix
        "Samantha",  # a unique prefix
        "Nobody Atall",
        "",
        "  ",
    ]
    expected = {text: core.entities.resolve(text, types) for text in texts}
    assert core.entities.resolve_many(texts, types) == expected
    assert sum(m is not None for m in expected.values()) > 50  # the check compares real matches


def test_entities_named_in_a_question_are_found(core: Core) -> None:
    found = {e.id for e in core.entities.mentioned_in("How long is the China–Kazakhstan border?")}
    assert {"china", "kazakhstan"} <= found


def test_autocomplete_offers_kazakhstan_first_and_lists_popular_names_for_empty_input(core: Core) -> None:
    assert core.entities.complete("Kaz", types={"country"})[0].entity.name == "Kazakhstan"
    popular = core.entities.complete("", types={"country"}, limit=5)
    assert len(popular) == 5 and all(m.entity.type == "country" for m in popular)


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    "query",
    ["33 billion", "$33bn", "$33 billion", "US$33 billion", "33bn", "26%", "26 percent", "26 per cent"],
)
async def test_number_queries_find_the_kazakhstan_financing_fact(core: Core, query: str) -> None:
    result = await core.searcher.search(query)
    assert result.covered
    assert result.hits and is_kz_financing(result.hits[0].fact), [h.fact.id for h in result.hits]


@pytest.mark.parametrize("query", ["1,700 km", "1700 km", "border 1,700"])
async def test_border_length_query_finds_the_border_fact(core: Core, query: str) -> None:
    result = await core.searcher.search(query)
    assert result.covered and is_border(result.hits[0].fact), [h.fact.id for h in result.hits]


@pytest.mark.parametrize(
    "question",
    [
        "How long is the China–Kazakhstan border?",
        "How long is the China-Kazakhstan border",
        "how long is the border between China and Kazakhstan?",
    ],
)
async def test_border_question_ranks_the_border_fact_first(core: Core, question: str) -> None:
    result = await core.searcher.search(question)
    assert result.covered
    assert is_border(result.hits[0].fact), [h.fact.id for h in result.hits]


@pytest.mark.parametrize("question", ["What is the population of Mars?", "What is the capital of Narnia?"])
async def test_question_the_sources_do_not_cover_returns_nothing(core: Core, question: str) -> None:
    result = await core.searcher.search(question)
    assert not result.covered and result.hits == []
    brief = await search_brief(core, question)
    assert not brief.found and brief.sections == [] and brief.citations == []
    assert (brief.description or "").startswith("The sources do not")


async def test_search_restricted_to_a_country_only_returns_its_facts(core: Core) -> None:
    turkmenistan = core.entities.by_id["turkmenistan"]
    result = await core.searcher.search("gas pipeline", country=turkmenistan)
    assert result.hits
    assert all("turkmenistan" in h.fact.entity_ids for h in result.hits)


async def test_search_restricted_to_a_kind_only_returns_that_kind(core: Core) -> None:
    result = await core.searcher.search("unfavourable views of China", kinds=["poll"])
    assert result.hits and all(h.fact.kind == "poll" for h in result.hits)


async def test_country_kind_and_figure_filters_combine(core: Core) -> None:
    kazakhstan = core.entities.by_id["kazakhstan"]
    result = await core.searcher.search(
        "China", country=kazakhstan, kinds=["figure", "poll"], with_figure=True, limit=50
    )
    assert result.hits
    assert all(
        "kazakhstan" in h.fact.entity_ids and h.fact.kind in ("figure", "poll") and h.fact.figure is not None
        for h in result.hits
    )


async def test_unknown_kind_finds_nothing(core: Core) -> None:
    assert (await core.searcher.search("gas pipeline", kinds=["no-such-kind"])).hits == []


@pytest.fixture
def large_base_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Budgets so small that the curated base takes the paths of a base 1,000 times its size: AND first, then
    the rarer words, then a sample."""
    import bot.search.searcher

    monkeypatch.setattr(bot.search.searcher, "SCAN", 3)
    monkeypatch.setattr(bot.search.searcher, "RARE", 6)
    monkeypatch.setattr(bot.search.searcher, "FILL", 3)


@pytest.mark.usefixtures("large_base_paths")
@pytest.mark.parametrize("question", ["How long is the China–Kazakhstan border?", "border 1,700"])
async def test_and_first_search_still_ranks_the_border_fact_first(core: Core, question: str) -> None:
    result = await core.searcher.search(question)
    assert result.covered and is_border(result.hits[0].fact), [h.fact.id for h in result.hits]


@pytest.mark.usefixtures("large_base_paths")
async def test_when_no_fact_has_every_word_facts_with_some_are_found(core: Core) -> None:
    result = await core.searcher.search("kazakhstan pipeline unfavourable")
    assert result.covered and result.hits
    assert all(h.matched_terms >= 2 for h in result.hits)


@pytest.mark.usefixtures("large_base_paths")
async def test_words_that_say_one_thing_need_only_one_of_them_said(core: Core) -> None:
    """ "Share" and "long" stand for one thing asked ("how long a border do they share"): a fact must say one of
    them and "border", not all three, to be among the first candidates."""
    present = ["share", "long", "border"]
    docs = await core.store.term_docs(present)
    assert all(docs.get(t) for t in present)
    found = await core.searcher.candidates(present, docs, [], [], 1, [["share", "long"]])
    rows = (await core.store.search_rows(list(found))).values()
    assert any(r.figure_value == 1700 for r in rows), [r.id for r in rows]
    assert all(" border " in r.words for r in rows)


@pytest.mark.usefixtures("large_base_paths")
async def test_one_thing_in_single_words_is_first_looked_for_said_both_ways_but_phrases_are_not(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale, facts saying one concept in two of its words are a cheap, selective start; an AND of its phrases
    ("central asian states" …) costs their positions and seldom meets in one fact, so it is not tried."""
    asked: list[str] = []
    search, unranked = core.store.search, core.store.search_unranked

    async def recording_search(match: str, limit: int, *, scan: int | None = None) -> list[tuple[int, float]]:
        asked.append(match)
        return await search(match, limit, scan=scan)

    async def recording_unranked(match: str, limit: int) -> list[int]:
        asked.append(match)
        return await unranked(match, limit)

    monkeypatch.setattr(core.store, "search", recording_search)
    monkeypatch.setattr(core.store, "search_unranked", recording_unranked)
    words = ["kazakhstan", "tajikistan"]
    docs = await core.store.term_docs(words)
    await core.searcher.candidates(words, docs, [], [], 1, [words])
    assert asked[0] == '("kazakhstan" AND "tajikistan")'
    asked.clear()
    phrases = ["central asia", "central asian"]
    docs = await core.store.term_docs(phrases)
    await core.searcher.candidates(phrases, docs, [], [], 1, [phrases])
    assert asked and not any(" AND " in match for match in asked)


def test_a_match_of_groups_quotes_every_word_and_drops_what_could_be_syntax() -> None:
    assert fts_all_of([["border", "frontier"], ["kazakhstan"], ['x" OR "y'], []]) == (
        '("border" OR "frontier") AND "kazakhstan"'
    )


@pytest.mark.usefixtures("large_base_paths")
async def test_small_budgets_keep_filters(core: Core) -> None:
    turkmenistan = core.entities.by_id["turkmenistan"]
    result = await core.searcher.search("gas pipeline", country=turkmenistan)
    assert result.hits and all("turkmenistan" in h.fact.entity_ids for h in result.hits)


@pytest.fixture
def unranked(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a base where every MATCH would cost bm25 more than its budget: candidates come unranked."""
    import bot.search.searcher

    monkeypatch.setattr(bot.search.searcher, "BM25_BUDGET", 0)


@pytest.mark.usefixtures("large_base_paths", "unranked")
async def test_unranked_candidates_are_still_rescored_and_filtered(core: Core) -> None:
    result = await core.searcher.search("How long is the China–Kazakhstan border?")
    assert result.covered and is_border(result.hits[0].fact), [h.fact.id for h in result.hits]
    turkmenistan = core.entities.by_id["turkmenistan"]
    result = await core.searcher.search("gas pipeline", country=turkmenistan)
    assert result.hits and all("turkmenistan" in h.fact.entity_ids for h in result.hits)


@pytest.mark.usefixtures("unranked")
async def test_unranked_candidates_still_answer_questions(core: Core) -> None:
    answer = await core.answerer.answer("How long is the frontier between Kazakhstan and the PRC?")
    assert answer.covered and answer.answer and answer.answer.startswith("1,700 km")


async def test_vocabulary_counts_agree_with_fts(core: Core) -> None:
    words = ["kazakhstan", "countries", "financing", "financings", "pipeline", "n33000000000", "narnia"]
    docs = await core.store.term_docs(words)
    with sqlite3.connect(core.store.path) as conn:
        for word in words:
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM facts_fts WHERE facts_fts MATCH ?", (f'"{word}"',)
            ).fetchone()
            assert docs[word] == count, word
    assert docs["narnia"] == 0 and docs["financings"] > 0  # stemmed to a word the sources use
    assert await core.store.vocabulary_has(["pipeline", "narnia"]) == {"pipeline": True, "narnia": False}


@pytest.mark.parametrize("text", ["½ china", "½", "zze¹² zzkfigure0", "ﬁnance", "x" * 400, "NEAR(a b)"])
async def test_a_match_built_from_any_query_is_valid_fts(core: Core, text: str) -> None:
    parsed = parse_query(text)
    tokens = parsed.terms + parsed.numbers
    with sqlite3.connect(core.store.path) as conn:
        for match in (fts_or(tokens), fts_and(tokens)):
            if match:  # "" only when no token survives; callers then skip the MATCH
                conn.execute("SELECT COUNT(*) FROM facts_fts WHERE facts_fts MATCH ?", (match,)).fetchone()


def test_words_shaped_like_filter_tags_are_not_query_terms() -> None:
    # "zze¹²" folds to "zze12", the shape of an entity tag; it must not select that entity's facts.
    terms = parse_query("zze¹² zzkfigure0 china").terms
    assert "china" in terms and not any(FTS_TAG_SHAPE.fullmatch(t) for t in terms)


def test_parsed_query_keeps_numbers_as_tokens_and_drops_stopwords() -> None:
    parsed = parse_query("What is the $33 billion share of Kazakhstan?")
    assert "n33000000000" in parsed.numbers
    assert "kazakhstan" in parsed.terms and "the" not in parsed.terms and "what" not in parsed.terms


# --------------------------------------------------------------------------- hostile input

HOSTILE = [
    "NEAR(",
    "NEAR(china kazakhstan, 5)",
    "china AND OR NOT kazakhstan",
    "AND",
    "OR",
    "NOT",
    '"unbalanced',
    'unbalanced" quote',
    "'single",
    "col:term",
    "statement:china",
    "{statement quotes}: china",
    "*",
    "chin*",
    "^",
    "^china",
    "-china",
    "+",
    "(",
    ")",
    "((((china",
    "[",
    "]",
    "{}",
    "<>",
    "x" * 6000,
    "Kazakhstan " * 600,
    "\x00",
    "Kaz\x00akhstan",
    "\x01\x02\x1b[31m\x7f",
    "\t\n\r",
    "🇰🇿🐼🔥",
    "😀" * 2000,
    "'; DROP TABLE facts; --",
    "1; DELETE FROM facts WHERE 1=1",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "\u202eKazakhstan\u202c",
    "Kaz\u200bakh\u200dstan",
    "\u200b\u200c\u200d\ufeff",
    "\u200f\u200e",
    "كازاخستان",
    "中国 哈萨克斯坦",
    "",
    "   ",
    "@everyone",
    "<@123>",
    "**bold** __x__",
    "9" * 400,
    "1e308 billion",
    "$",
    "/country Kazakhstan",
    "name:Kazakhstan",
]
VALID_OPTIONS: dict[str, dict[str, str]] = {
    "country": {"name": "Kazakhstan"},
    "project": {"name": "Ozodi Tunnel"},
    "figure": {"query": "gas"},
    "search": {"query": "gas"},
    "fact": {"id": "no-such-fact"},
    "source": {"name": "Diplomat"},
    "timeline": {},
    "compare": {"a": "Kazakhstan", "b": "Kyrgyzstan"},
    "export": {},
    "help": {},
    "about": {},
}


def _no_control_chars(text: str) -> bool:
    return not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)


async def _fact_count(core: Core) -> int:
    return (await core.store.counts())["facts"]


async def _figure_brief(core: Core, query: str, country: str | None = None) -> Brief:
    options = {"query": query, "country": country} if country is not None else {"query": query}
    reply = await run_command(core, "figure", options)
    if reply.brief is None:
        raise UserError(reply.error or "")  # the polite answer the command gave instead of a brief
    return reply.brief


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: ascii(t[:20]))
async def test_hostile_input_never_raises_and_leaves_the_store_intact(core: Core, text: str) -> None:
    before = await _fact_count(core)

    assert isinstance(await core.searcher.search(text), SearchResult)
    calls = [
        lambda: search_brief(core, text),
        lambda: _figure_brief(core, text),
        lambda: _figure_brief(core, "billion", country=text),
        lambda: core.briefs.country(text),
        lambda: core.briefs.project(text),
        lambda: core.briefs.fact(text),
        lambda: core.briefs.source(text),
        lambda: core.briefs.compare(text, "Kazakhstan"),
    ]
    for call in calls:
        try:
            brief = await call()
        except UserError as exc:  # a plain-text answer (unknown name, empty query), never a crash
            assert _no_control_chars(str(exc))
        else:
            assert isinstance(brief, Brief)
            assert render_pages(brief)

    replies: list[Reply] = [await run_command(core, text, {}), await run_command(core, "help", {text: "x"})]
    for command in COMMANDS:
        for option in command.options:
            options = dict(VALID_OPTIONS[command.name], **{option.name: text})
            replies.append(await run_command(core, command.name, options))
    for reply in replies:
        assert isinstance(reply, Reply)
        assert reply.brief is not None or reply.error is not None or reply.attachment is not None
        if reply.error is not None:
            assert _no_control_chars(reply.error) and len(reply.error) < 2000
        for payload in reply_payloads(reply):
            assert payload["allowed_mentions"] == NO_MENTIONS

    with contextlib.suppress(CommandError):
        parse_slash(f"/search {text}")
    out, err = io.StringIO(), io.StringIO()
    assert await ask(core, f"/search query:{text}", out=out, err=err) in (0, 1)

    assert await _fact_count(core) == before
    with sqlite3.connect(core.store.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == before
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
