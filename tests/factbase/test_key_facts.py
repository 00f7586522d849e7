"""Key facts the sources state are in the compiled store, with figures and verbatim citations that show them.

Facts are found by figure value, date or quote text, never by id: curators are still adding and renaming facts.
"""

from __future__ import annotations

from bot.core import Core
from bot.factbase.store import FactRecord
from tests.conftest import RealBase


async def with_value(core: Core, value: float) -> list[FactRecord]:
    return await core.store.facts_by_rids(await core.store.facts_with_value(value, limit=50))


def quoting(facts: list[FactRecord], text: str) -> list[FactRecord]:
    return [f for f in facts if any(text in c.quote for c in f.citations)]


async def source_slice(core: Core, source_id: str, start: int, end: int) -> str:
    return (await core.store.source_text(source_id) or "")[start:end]


async def assert_verbatim(core: Core, fact: FactRecord) -> None:
    for c in fact.citations:
        assert await source_slice(core, c.source_id, c.start, c.end) == c.quote, fact.id


async def test_kazakhstan_share_of_chinese_financing_is_26_percent(core: Core) -> None:
    facts = [
        f
        for f in quoting(await with_value(core, 26), "26%")
        if "kazakhstan" in f.entity_ids and f.figure and f.figure["unit"] == "percent"
    ]
    assert facts, "no cited 26% fact about Kazakhstan"
    for fact in facts:
        assert fact.figure is not None and fact.figure["as_written"] == "26%"
        assert any("Kazakhstan alone has absorbed 26% ($33 billion)" in c.quote for c in fact.citations)
        await assert_verbatim(core, fact)


async def test_kazakhstan_received_33_billion_dollars_of_chinese_financing(core: Core) -> None:
    facts = [f for f in quoting(await with_value(core, 33e9), "$33 billion") if "kazakhstan" in f.entity_ids]
    assert facts, "no cited $33 billion fact about Kazakhstan"
    for fact in facts:
        assert fact.figure is not None
        assert (fact.figure["amount"], fact.figure["scale"], fact.figure["currency"]) == (
            33,
            "billion",
            "USD",
        )
        assert "china" in fact.entity_ids
        await assert_verbatim(core, fact)


async def test_china_kazakhstan_border_is_1700_km(core: Core) -> None:
    facts = [
        f for f in quoting(await with_value(core, 1700), "1,700 km") if f.figure and f.figure["unit"] == "km"
    ]
    assert facts, "no cited 1,700 km border fact"
    fact = facts[0]
    assert {"kazakhstan", "china"} <= set(fact.entity_ids)
    assert "border" in fact.statement.lower()
    assert any("share a border of 1,700 km" in c.quote for c in fact.citations)
    await assert_verbatim(core, fact)


async def test_diplomatic_relations_established_on_3_january_1992(core: Core) -> None:
    facts = [f for f in await core.store.facts_on_month_day("01-03") if f.date == "1992-01-03"]
    facts = [
        f
        for f in facts
        if {"kazakhstan", "china"} <= set(f.entity_ids) and "diplomatic relations" in f.statement
    ]
    assert facts, "no fact dated 1992-01-03 on China–Kazakhstan diplomatic relations"
    fact = facts[0]
    assert any("January 3, 1992" in c.quote for c in fact.citations)
    await assert_verbatim(core, fact)


async def test_unfavourable_views_of_china_are_30_percent_in_kazakhstan_and_35_in_kyrgyzstan(
    core: Core,
) -> None:
    for value, country, written in (
        (30, "kazakhstan", "30 per cent in Kazakhstan"),
        (35, "kyrgyzstan", "35 per cent in Kyrgyzstan"),
    ):
        facts = [
            f
            for f in quoting(await with_value(core, value), written)
            if country in f.entity_ids and f.kind == "poll" and "unfavourabl" in f.statement
        ]
        assert facts, f"no cited poll: {written} unfavourable"
        for fact in facts:
            assert fact.figure is not None and fact.figure["unit"] == "percent"
            assert any("viewing China unfavourably" in c.quote for c in fact.citations)
            await assert_verbatim(core, fact)


async def test_tajikistan_road_tunnel_and_power_line_financing_almost_1_billion(core: Core) -> None:
    facts = [
        f for f in quoting(await with_value(core, 1e9), "almost $1 billion") if "tajikistan" in f.entity_ids
    ]
    assert facts, "no cited 'almost $1 billion' fact about Tajikistan"
    fact = facts[0]
    assert fact.figure is not None and fact.figure["qualifier"] == "almost"
    names = {e.name for e in (await core.store.entities(fact.entity_ids)).values()}
    for project in ("highway", "Tunnel", "Transmission Line"):
        assert any(project in name for name in names), (project, names)
    await assert_verbatim(core, fact)
    # The quote says "these projects": the text just before it names the road, the tunnel and the power line.
    c = next(c for c in fact.citations if "almost $1 billion" in c.quote)
    before = await source_slice(core, c.source_id, max(0, c.start - 600), c.start)
    for named in ("Tajikistan-China highway", "Ozodi Tunnel", "North-South Electricity Transmission Line"):
        assert named in before


async def test_sco_full_members_are_stated_as_the_source_lists_them(core: Core) -> None:
    sco = core.entities.by_id["sco"]
    memberships = await core.store.facts_for_entity(sco.rid, ["membership"], limit=50)
    full = quoting(memberships, "India and Pakistan as its full members")
    full = [f for f in full if "full members" in f.statement]
    assert full, "no membership fact quoting the SCO's full members"
    fact = full[0]
    members = {"china", "kazakhstan", "kyrgyzstan", "russia", "tajikistan", "uzbekistan", "india", "pakistan"}
    assert members | {"sco"} <= set(fact.entity_ids)
    for name in (
        "China",
        "Kazakhstan",
        "Kyrgyzstan",
        "Russia",
        "Tajikistan",
        "Uzbekistan",
        "India",
        "Pakistan",
    ):
        assert name in fact.statement
    # Observers are not listed as members.
    assert not {"afghanistan", "belarus", "iran", "mongolia"} & set(fact.entity_ids)
    await assert_verbatim(core, fact)


async def test_store_counts_match_the_loaded_fact_base(core: Core, real_base: RealBase) -> None:
    counts = await core.store.counts()
    assert counts["facts"] == len(real_base.factbase.facts)
    assert counts["entities"] == len(real_base.factbase.entities)
    assert counts["sources"] == len(real_base.factbase.sources)
    every = await core.store.all_facts(batch=50)
    assert len(every) == counts["facts"]
    assert all(f.citations for f in every)
