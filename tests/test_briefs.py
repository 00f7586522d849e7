"""Briefs: every statement shown carries citation numbers, every number leads to a verbatim quote."""

from __future__ import annotations

import re

import pytest

from bot.briefs import Brief, NotFound, UserError
from bot.commands import run_command, search_brief
from bot.core import Core

CENTRAL_ASIA = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def referenced_numbers(brief: Brief) -> set[int]:
    numbers: set[int] = set()
    for section in brief.sections:
        for item in section.items:
            numbers |= set(item.cites)
            numbers |= {int(n) for note in item.notes for n in re.findall(r"\[(\d+)\]", note)}
        numbers |= {int(n) for n in re.findall(r"\[(\d+)\]", section.text or "")}
    return numbers


async def assert_well_cited(core: Core, brief: Brief) -> None:
    """Numbered 1..n, each item cites existing numbers, each citation is a verbatim slice of its source."""
    assert [c.n for c in brief.citations] == list(range(1, len(brief.citations) + 1))
    numbers = {c.n for c in brief.citations}
    items = [item for section in brief.sections for item in section.items]
    for item in items:
        assert item.cites, f"uncited item {item.fact_id}: {item.text}"
        assert set(item.cites) <= numbers, item
        assert {c.fact_id for c in brief.citations if c.n in item.cites} == {item.fact_id}
    for cite in brief.citations:
        text = await core.store.source_text(cite.source_id)
        assert text is not None and text[cite.start : cite.end] == cite.quote, cite
    assert {s.id for s in brief.sources} == {c.source_id for c in brief.citations}
    # No dangling citation: every number in the list is shown next to some statement or note.
    assert referenced_numbers(brief) >= numbers, sorted(numbers - referenced_numbers(brief))


@pytest.mark.parametrize("country", CENTRAL_ASIA)
async def test_country_lookup_cites_every_figure(core: Core, country: str) -> None:
    brief = await core.briefs.country(country)
    assert brief.found and brief.title == country
    await assert_well_cited(core, brief)
    items = [item for section in brief.sections for item in section.items]
    assert items
    facts = {f.id: f for f in await core.store.facts_by_ids([i.fact_id for i in items])}
    for item in items:
        fact = facts[item.fact_id]
        assert country.lower() in fact.entity_ids
        if fact.figure is not None:
            quotes = [c.quote for c in brief.citations if c.n in item.cites]
            assert any(fact.figure["as_written"] in q for q in quotes), (
                item.fact_id,
                fact.figure["as_written"],
            )


async def test_kazakhstan_brief_shows_its_financing_share_and_border_with_citations(core: Core) -> None:
    brief = await core.briefs.country("Kazakhstan")
    items = [item for section in brief.sections for item in section.items]
    quote_of = {c.n: c.quote for c in brief.citations}

    share = [i for i in items if "26%" in i.text]
    assert share, "the 26% share is not in the Kazakhstan brief"
    assert any("26% ($33 billion)" in quote_of[n] for n in share[0].cites)

    dollars = [n for n, q in quote_of.items() if "$33 billion" in q]
    assert dollars and set(dollars) & referenced_numbers(brief)

    border = [i for i in items if "1,700 km" in i.text]
    assert border, "the 1,700 km border is not in the Kazakhstan brief"
    assert any("1,700 km" in quote_of[n] for n in border[0].cites)


async def test_misspelt_or_partial_country_says_what_was_shown(core: Core) -> None:
    brief = await core.briefs.country("Kyrgzystan")
    assert brief.title == "Kyrgyzstan"
    assert "you typed Kyrgzystan" in (brief.description or "")
    assert (await core.briefs.country("Astana")).title == "Kazakhstan"


async def test_unknown_country_suggests_the_closest_name(core: Core) -> None:
    with pytest.raises(NotFound, match="did you mean Kazakhstan"):
        await core.briefs.country("Kazakstan")


@pytest.mark.parametrize("name", ["", "   ", "\u200b"])
async def test_empty_country_name_is_a_user_error(core: Core, name: str) -> None:
    with pytest.raises(UserError):
        await core.briefs.country(name)


async def test_compare_shows_both_countries_cited(core: Core) -> None:
    brief = await core.briefs.compare("Kazakhstan", "Kyrgyzstan")
    titles = [s.title for s in brief.sections]
    assert any(t.startswith("Kazakhstan") for t in titles) and any(t.startswith("Kyrgyzstan") for t in titles)
    await assert_well_cited(core, brief)
    with pytest.raises(UserError, match="two different countries"):
        await core.briefs.compare("Kazakhstan", "Astana")


async def test_timeline_is_in_date_order_and_cited(core: Core) -> None:
    brief = await core.briefs.timeline()
    await assert_well_cited(core, brief)
    facts = await core.store.facts_by_ids([i.fact_id for s in brief.sections for i in s.items])
    dates = [f.date or "" for f in facts]
    assert dates == sorted(dates) and all(dates)
    assert [s.title for s in brief.sections] == sorted({d[:4] for d in dates})


async def test_country_timeline_includes_the_1992_relations(core: Core) -> None:
    brief = await core.briefs.timeline(core.entities.by_id["kazakhstan"], limit=100)
    await assert_well_cited(core, brief)
    texts = [i.text for s in brief.sections if s.title == "1992" for i in s.items]
    assert any("diplomatic relations" in t for t in texts)


async def test_project_brief_for_the_ozodi_tunnel(core: Core) -> None:
    brief = await core.briefs.project("Ozodi Tunnel")
    assert brief.found and brief.title == "Ozodi Tunnel"
    assert "Tajikistan" in (brief.description or "")
    await assert_well_cited(core, brief)
    # A country named to /project gets its country brief rather than a refusal.
    assert (await core.briefs.project("Kazakhstan")).kind == "country"


async def test_figures_for_a_query_only_show_facts_with_figures(core: Core) -> None:
    brief = (await run_command(core, "figure", {"query": "financing", "country": "Kazakhstan"})).brief
    assert brief is not None and brief.found
    await assert_well_cited(core, brief)
    facts = await core.store.facts_by_ids([i.fact_id for s in brief.sections for i in s.items])
    assert facts and all(f.figure is not None and "kazakhstan" in f.entity_ids for f in facts)
    assert any(f.figure and f.figure["as_written"] == "$33 billion" for f in facts)
    # A topic asks for its figures, not for one value: no direct answer line picks one of them.
    assert brief.description is None


async def test_figure_query_is_read_as_a_question(core: Core) -> None:
    # The sources give the pipeline's length and cost but no capacity: said plainly, no figure passed off.
    brief = (await run_command(core, "figure", {"query": "gas pipeline capacity"})).brief
    assert brief is not None and not brief.found
    assert "do not give" in (brief.description or "") and "capacity" in (brief.description or "")
    assert not any(s.title == "Figures" for s in brief.sections)
    # A measure alone ("population") is what is asked about: figures in that measure, with the answer line.
    brief = (await run_command(core, "figure", {"query": "population"})).brief
    assert brief is not None and brief.found
    facts = await core.store.facts_by_ids([i.fact_id for s in brief.sections for i in s.items])
    assert facts and all(f.figure is not None and f.figure["unit"] == "people" for f in facts)
    assert (brief.description or "").startswith(str(facts[0].figure["as_written"]))  # type: ignore[index]


async def test_figures_of_a_country_for_its_chart(core: Core) -> None:
    brief = await core.briefs.figures("Kazakhstan")
    assert brief.found and brief.title == "Figures — Kazakhstan"
    await assert_well_cited(core, brief)
    with pytest.raises(UserError):
        await core.briefs.figures(None)


async def test_search_brief_answers_the_border_question_first(core: Core) -> None:
    brief = await search_brief(core, "How long is the China–Kazakhstan border?")
    await assert_well_cited(core, brief)
    first = brief.sections[0].items[0]
    assert "1,700 km" in first.text


async def test_fact_brief_shows_the_quote_in_context(core: Core) -> None:
    result = await core.searcher.search("1,700 km")
    fact = result.hits[0].fact
    brief = await core.briefs.fact(fact.id.upper())  # ids are matched case-insensitively
    assert brief.title == fact.id
    context = next(s.text for s in brief.sections if s.title == "In context") or ""
    assert f"»{fact.citations[0].quote}«" in context
    details = next(s.text for s in brief.sections if s.title == "Details") or ""
    assert "1,700 km" in details and "Kazakhstan" in details


async def test_unknown_fact_id_suggests_close_ids(core: Core) -> None:
    fact = (await core.searcher.search("1,700 km")).hits[0].fact
    with pytest.raises(NotFound) as info:
        await core.briefs.fact(fact.id[:6] + "-nope")
    assert info.value.suggestions and all(s.startswith(fact.id[:6]) for s in info.value.suggestions)


async def test_source_brief_describes_the_document(core: Core) -> None:
    brief = await core.briefs.source("Diplomat")
    assert "Kazakhstan on China" in brief.title
    assert "undated" in (brief.description or "")
    await assert_well_cited(core, brief)
    with pytest.raises(NotFound):
        await core.briefs.source("Nowhere Times")


async def test_uncovered_search_brief_has_no_statements(core: Core) -> None:
    brief = await search_brief(core, "What is the population of Mars?")
    assert not brief.found and not brief.citations and not brief.sections
