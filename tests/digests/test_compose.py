"""DigestComposer over the real curated fact base and over small synthetic ones: focus, anniversaries, new
facts, rotation, empty focus and Discord's limits. No state DB: the rotation state is fed back by hand exactly
as `SubscriptionStore.finish` keeps it (a reset clears the shown facts before recording the new digest)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core import Core, open_core
from bot.digests.compose import DigestComposer
from bot.digests.models import ComposedDigest, Subscription
from bot.digests.schedule import slot_on
from devtools.standin import validate_message
from tests.conftest import TINY_TEXT, TinyBase

CREATED = datetime(2026, 1, 1, tzinfo=UTC)
SLOT = datetime(2026, 6, 3, 8, tzinfo=UTC)
DIPLOMATIC_RELATIONS = "ser-kz-china-diplomatic-relations-1992"  # dated 1992-01-03


def subscription(**overrides: Any) -> Subscription:
    values: dict[str, Any] = {
        "id": 1,
        "guild_id": 11,
        "channel_id": 22,
        "created_by": 33,
        "frequency": "daily",
        "time": "08:00",
        "timezone": "UTC",
        "created_at": CREATED,
        "updated_at": CREATED,
    }
    values.update(overrides)
    return Subscription(**values)


def embed_chars(payload: dict[str, Any]) -> int:
    """What Discord counts towards its 6,000-character limit per message."""
    total = 0
    for embed in payload.get("embeds", []):
        total += len(embed.get("title", "")) + len(embed.get("description", ""))
        total += len(embed.get("footer", {}).get("text", "")) + len(embed.get("author", {}).get("name", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return total


def quote_buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        b
        for row in payload.get("components", [])
        for b in row["components"]
        if b["custom_id"].startswith("bb:q:")
    ]


def assert_one_valid_message(digest: ComposedDigest) -> None:
    payload = digest.payload
    assert validate_message(payload) == []
    assert len(payload["embeds"]) == 1
    assert embed_chars(payload) <= 6000
    assert len(quote_buttons(payload)) == 1 and quote_buttons(payload)[0]["label"] == "Show quotes"
    # One message, not a page of several: no paging buttons.
    assert not any(
        b["custom_id"].startswith(("bb:p:", "bb:n:"))
        for row in payload["components"]
        for b in row["components"]
    )


async def rotate(
    composer: DigestComposer, sub: Subscription, days: int, start: datetime = SLOT
) -> list[ComposedDigest]:
    """`days` consecutive daily digests, feeding back what was shown as the store would."""
    shown: set[str] = set()
    previous: datetime | None = None
    digests = []
    for n in range(days):
        slot = start + timedelta(days=n)
        digest = await composer.compose(sub, slot, set(shown), previous)
        digests.append(digest)
        if digest.empty:
            continue
        if digest.rotation_reset:
            shown.clear()
        shown |= set(digest.fact_ids)
        previous = slot + timedelta(seconds=5)
    return digests


# --------------------------------------------------------------------------- synthetic fact bases

SYN_TEXT = (
    "Skip to main content | Menu\n"
    "China’s gas pipeline to Kazakhstan opened in 2009.\n"
    "Kazakhstan and China share a border of 1,700 km.\n"
    "Subscribe now: just $5 a month.\n"
    "China and Kazakhstan signed a treaty.\n"
    "Kyrgyzstan and China established diplomatic relations on 5 January 1992.\n"
    "A railway from China to Kyrgyzstan was agreed in 2024.\n"
    "A Chinese company financed a solar energy plant in Kazakhstan.\n"
    "Thousands of students from Kazakhstan study in China.\n"
    "Trade between China and Kyrgyzstan grew in 2023.\n"
)


def _fact(
    fact_id: str, statement: str, quote: str, entities: list[str], kind: str = "event", **extra: Any
) -> dict[str, Any]:
    return {
        "id": fact_id,
        "statement": statement,
        "kind": kind,
        "entities": entities,
        "citations": [{"source": "tiny-source", "quote": quote}],
        **extra,
    }


def synthetic_facts() -> list[dict[str, Any]]:
    """Eight facts; two were added on 2024-06-10, the rest with the file's 2024-01-01."""
    return [
        _fact(
            "syn-pipeline",
            "China's gas pipeline to Kazakhstan opened in 2009.",
            "China’s gas pipeline to Kazakhstan opened in 2009.",
            ["china", "kazakhstan"],
            date="2009",
        ),
        _fact(
            "syn-border",
            "Kazakhstan and China share a 1,700 km border.",
            "Kazakhstan and China share a border of 1,700 km.",
            ["kazakhstan", "china"],
            kind="figure",
            figure={"amount": 1700, "unit": "km", "as_written": "1,700 km"},
        ),
        _fact(
            "syn-treaty",
            "China and Kazakhstan signed a treaty.",
            "China and Kazakhstan signed a treaty.",
            ["china", "kazakhstan"],
            kind="relation",
        ),
        _fact(
            "syn-kg-relations",
            "Kyrgyzstan and China established diplomatic relations on 5 January 1992.",
            "Kyrgyzstan and China established diplomatic relations on 5 January 1992.",
            ["kyrgyzstan", "china"],
            date="1992-01-05",
        ),
        _fact(
            "syn-railway",
            "A railway from China to Kyrgyzstan was agreed in 2024.",
            "A railway from China to Kyrgyzstan was agreed in 2024.",
            ["china", "kyrgyzstan"],
            date="2024",
            added="2024-06-10",
        ),
        _fact(
            "syn-solar",
            "A Chinese company financed a solar energy plant in Kazakhstan.",
            "A Chinese company financed a solar energy plant in Kazakhstan.",
            ["china", "kazakhstan"],
            kind="project",
            added="2024-06-10",
        ),
        _fact(
            "syn-students",
            "Thousands of students from Kazakhstan study in China.",
            "Thousands of students from Kazakhstan study in China.",
            ["kazakhstan", "china"],
        ),
        _fact(
            "syn-trade",
            "Trade between China and Kyrgyzstan grew in 2023.",
            "Trade between China and Kyrgyzstan grew in 2023.",
            ["china", "kyrgyzstan"],
            date="2023",
        ),
    ]


def synthetic_base(root: Path) -> TinyBase:
    base = TinyBase(root, text=SYN_TEXT, facts=synthetic_facts())
    base.entities.append({"id": "kyrgyzstan", "name": "Kyrgyzstan", "type": "country", "central_asia": True})
    return base.write()


@pytest.fixture
async def open_base(tmp_path: Path) -> AsyncIterator[Callable[[TinyBase], Any]]:
    opened: list[Core] = []

    async def open_(base: TinyBase) -> Core:
        core = await open_core(base.seeds_dir, base.curated_dir, base.root / "compiled" / "factbase.db")
        opened.append(core)
        return core

    yield open_
    for core in opened:
        await core.close()


@pytest.fixture
async def syn(tmp_path: Path, open_base: Callable[[TinyBase], Any]) -> Core:
    return await open_base(synthetic_base(tmp_path / "syn"))


# --------------------------------------------------------------------------- real fact base


async def test_the_same_subscription_slot_and_state_compose_the_same_digest(core: Core) -> None:
    sub = subscription(country="kazakhstan")
    shown = {"ser-kz-china-border-length"}
    previous = SLOT - timedelta(days=1)
    first = await DigestComposer(core.briefs).compose(sub, SLOT, set(shown), previous)
    again = await DigestComposer(core.briefs).compose(sub, SLOT, set(shown), previous)  # fresh caches
    cached = DigestComposer(core.briefs)
    await cached.compose(sub, SLOT + timedelta(days=3), set(), None)  # other work in between
    third = await cached.compose(sub, SLOT, set(shown), previous)
    assert first == again == third
    assert json.dumps(first.payload, sort_keys=True) == json.dumps(third.payload, sort_keys=True)
    assert "ser-kz-china-border-length" not in first.fact_ids


async def test_kept_focus_pools_stay_within_their_budget_and_compose_the_same_digests(core: Core) -> None:
    foci = [
        {"country": c, "topic": t}
        for c in (None, "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "turkmenistan")
        for t in (None, "gas pipeline", "vaccines")
    ]
    subs = [subscription(id=n + 1, **focus) for n, focus in enumerate(foci)]
    unbounded = DigestComposer(core.briefs)
    bounded = DigestComposer(core.briefs)
    bounded.POOL_BUDGET = len((await unbounded.pool(None, None)).ordered)  # the whole base's pool, no more
    for _ in range(2):  # the second pass meets pools dropped in the first
        for sub in subs:
            assert await bounded.compose(sub, SLOT, set(), None) == await unbounded.compose(
                sub, SLOT, set(), None
            )
            kept = sum(len(pool.ordered) for pool in bounded._pools.values())
            assert kept <= bounded.POOL_BUDGET or len(bounded._pools) == 1
    assert len(bounded._pools) < len(unbounded._pools)


async def test_a_topic_is_read_once_for_every_country_subscribed_to_it_and_again_after_a_reload(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.digests.compose as compose_module

    read: list[str] = []
    real = compose_module.topic_match

    def counting(entities: Any, thesaurus: Any, topic: str) -> str | None:
        read.append(topic)
        return real(entities, thesaurus, topic)

    monkeypatch.setattr(compose_module, "topic_match", counting)
    composer = DigestComposer(core.briefs)
    countries = ("kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")
    digests = [
        await composer.compose(subscription(country=c, topic="Gas Pipeline "), SLOT, set(), None)
        for c in countries
    ]
    assert read == ["gas pipeline"]  # folded, and read once for the four countries
    read.clear()
    # The same digests as a fresh composer's for each country, which reads the topic for it alone.
    for country, digest in zip(countries, digests, strict=True):
        fresh = DigestComposer(core.briefs)
        assert (
            await fresh.compose(subscription(country=country, topic="Gas Pipeline "), SLOT, set(), None)
            == digest
        )
    read.clear()
    composer.rebind(core.briefs)  # a reload may bring a new thesaurus: the topic is read again
    await composer.compose(subscription(country="kazakhstan", topic="gas pipeline"), SLOT, set(), None)
    assert read == ["gas pipeline"]


async def test_default_digest_is_five_facts_each_cited_verbatim(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    sub = subscription()
    assert sub.size == 5
    brief, selection, pool_size = await composer.compose_brief(sub, SLOT, set(), None)
    digest = await composer.compose(sub, SLOT, set(), None)
    assert len(digest.fact_ids) == 5 and digest.fact_ids == selection.fact_ids
    assert pool_size > 5  # no focus: the whole base
    numbers = {c.n: c for c in brief.citations}
    items = [item for section in brief.sections for item in section.items]
    assert [item.fact_id for item in items] == digest.fact_ids
    for item in items:
        assert item.cites, f"{item.fact_id} is not cited"
        for n in item.cites:
            assert n in numbers and numbers[n].fact_id == item.fact_id
    text = json.dumps(digest.payload["embeds"], ensure_ascii=False)
    for cite in brief.citations:
        source = await core.store.source_text(cite.source_id)
        assert source is not None and cite.quote in source
        assert source[cite.start : cite.end] == cite.quote
        assert f"[{cite.n}]" in text
    assert {s.id for s in brief.sources} == {c.source_id for c in brief.citations}
    assert "Sources" in text


@pytest.mark.parametrize("country", ["kazakhstan", "tajikistan", "uzbekistan"])
async def test_a_country_focus_only_shows_facts_about_that_country(core: Core, country: str) -> None:
    composer = DigestComposer(core.briefs)
    sub = subscription(country=country, size=10)
    digests = await rotate(composer, sub, 4)
    ids = [fid for d in digests for fid in d.fact_ids]
    assert all(d.fact_ids for d in digests) and len(ids) == len(set(ids))
    facts = await core.store.facts_by_ids(ids)
    assert len(facts) == len(set(ids))
    assert all(country in f.entity_ids for f in facts), [f.id for f in facts if country not in f.entity_ids]
    pool = await composer.pool(country, None)
    everything = await core.store.facts_by_ids(pool.ordered)
    assert all(country in f.entity_ids for f in everything)
    name = core.entities.by_id[country].name
    assert all(d.payload["embeds"][0]["title"].startswith(f"Digest — {name} — ") for d in digests)


async def test_a_topic_focus_only_shows_facts_matching_its_keywords(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    digests = await rotate(composer, subscription(topic="Vaccines", size=3), 3)
    ids = {fid for d in digests for fid in d.fact_ids}
    assert ids
    for fact in await core.store.facts_by_ids(list(ids)):
        words = " ".join([fact.statement, *(c.quote for c in fact.citations)]).lower()
        assert "vaccin" in words, fact.id
    # Country and topic together: both must hold.
    both = await composer.compose(subscription(country="kyrgyzstan", topic="gas pipeline"), SLOT, set(), None)
    assert not both.empty
    for fact in await core.store.facts_by_ids(both.fact_ids):
        words = " ".join([fact.statement, *(c.quote for c in fact.citations)]).lower()
        assert "kyrgyzstan" in fact.entity_ids and ("gas" in words or "pipeline" in words), fact.id
    assert "Kyrgyzstan · “gas pipeline”" in both.payload["embeds"][0]["title"]


async def test_a_topic_is_matched_in_what_facts_say_not_in_how_entities_are_described(core: Core) -> None:
    # The SCO is described as a security organisation, so search finds its facts for "security organisation";
    # but its GDP or its membership is not a "security" digest's subject.
    composer = DigestComposer(core.briefs)
    security = await composer.pool(None, "security")
    facts = await core.store.facts_by_ids(security.ordered)
    assert facts
    for fact in facts:
        words = " ".join([fact.statement, *(c.quote for c in fact.citations)]).lower()
        assert "secur" in words or "safe" in words, fact.id  # the words stemmed, as they are matched
    assert "ser-sco-gdp-2015" not in security.ordered
    # Names still count: a topic naming the SCO gets the facts about it, whatever words they use.
    sco = await composer.pool(None, "SCO")
    assert "ser-sco-gdp-2015" in sco.ordered


async def test_on_this_day_anniversaries_come_first(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    sub = subscription(country="kazakhstan", timezone="Asia/Almaty")
    slot = slot_on(sub, date(2027, 1, 3))
    brief, selection, _ = await composer.compose_brief(sub, slot, set(), None)
    digest = await composer.compose(sub, slot, set(), None)
    assert digest.fact_ids[0] == DIPLOMATIC_RELATIONS
    assert selection.anniversaries == {DIPLOMATIC_RELATIONS}
    assert [s.title for s in brief.sections] == ["On this day", "Briefing"]
    assert [i.fact_id for i in brief.sections[0].items] == [DIPLOMATIC_RELATIONS]
    fields = digest.payload["embeds"][0]["fields"]
    assert fields[0]["name"] == "On this day" and "January 3, 1992" in fields[0]["value"]
    assert "2027-01-03" in digest.payload["embeds"][0]["title"]
    # The day before, it is just one fact among many, not first.
    before = await composer.compose(sub, slot_on(sub, date(2027, 1, 2)), set(), None)
    assert before.fact_ids[0] != DIPLOMATIC_RELATIONS
    assert "On this day" not in json.dumps(before.payload)
    # Already shown in this rotation: not repeated just because it is its day.
    again = await composer.compose(sub, slot, {DIPLOMATIC_RELATIONS}, None)
    assert DIPLOMATIC_RELATIONS not in again.fact_ids


async def test_the_subscribers_timezone_decides_the_day_near_midnight(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    almaty = subscription(country="kazakhstan", timezone="Asia/Almaty", time="00:30")
    slot = slot_on(almaty, date(2027, 1, 3))
    assert slot.date() == date(2027, 1, 2)  # still 2 January in UTC
    utc = subscription(country="kazakhstan", timezone="UTC", time="19:30")
    assert (await composer.compose(almaty, slot, set(), None)).fact_ids[0] == DIPLOMATIC_RELATIONS
    assert DIPLOMATIC_RELATIONS not in (await composer.compose(utc, slot, set(), None)).fact_ids
    # West of UTC: late on 3 January in New York is already 4 January in UTC.
    new_york = subscription(country="kazakhstan", timezone="America/New_York", time="22:30")
    late = slot_on(new_york, date(2027, 1, 3))
    assert late.date() == date(2027, 1, 4)
    assert (await composer.compose(new_york, late, set(), None)).fact_ids[0] == DIPLOMATIC_RELATIONS
    assert DIPLOMATIC_RELATIONS not in (await composer.compose(utc, late, set(), None)).fact_ids


async def test_rotation_over_a_real_focus_repeats_nothing_until_exhausted(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    sub = subscription(country="uzbekistan", size=10)
    pool = (await composer.pool("uzbekistan", None)).ordered
    digests = await rotate(composer, sub, 40)
    resets = [n for n, d in enumerate(digests) if d.rotation_reset]
    assert len(resets) >= 2, "the focus should be exhausted at least twice in 40 digests"
    first_round = [fid for d in digests[: resets[0]] for fid in d.fact_ids]
    assert len(first_round) == len(set(first_round))  # no fact twice ...
    assert set(first_round) == set(pool)  # ... until every fact of the focus has been shown
    wrap = digests[resets[0]]
    assert wrap.fact_ids == pool[: len(wrap.fact_ids)]  # then it starts over from the top
    assert "rotation starts again" in wrap.payload["embeds"][0]["footer"]["text"]
    second_round = [fid for d in digests[resets[0] : resets[1]] for fid in d.fact_ids]
    assert len(second_round) == len(set(second_round)) and set(second_round) == set(pool)
    assert_fair_rotation(digests, pool)


def assert_fair_rotation(digests: list[ComposedDigest], pool: list[str]) -> None:
    """Between two showings of any fact, every fact of the focus is shown (the digests at both ends count)."""
    seen_at: dict[str, int] = {}
    for n, digest in enumerate(digests):
        assert len(digest.fact_ids) == len(set(digest.fact_ids)), f"digest {n} repeats a fact"
        for fid in digest.fact_ids:
            if fid in seen_at:
                between = {f for d in digests[seen_at[fid] : n + 1] for f in d.fact_ids}
                assert between == set(pool), (
                    f"{fid} shown again in digest {n} (last in {seen_at[fid]}) before {sorted(set(pool) - between)}"
                )
            seen_at[fid] = n


async def test_an_empty_focus_gives_an_empty_digest_with_a_reason(core: Core) -> None:
    composer = DigestComposer(core.briefs)
    digest = await composer.compose(subscription(topic="zzyzx quokka"), SLOT, set(), None)
    assert digest.empty and digest.fact_ids == [] and digest.payload == {}
    assert digest.reason is not None and "zzyzx quokka" in digest.reason
    assert "No facts match" in digest.reason
    gone = await composer.compose(subscription(country="atlantis"), SLOT, set(), None)
    assert gone.empty and gone.reason and "No facts match" in gone.reason


@pytest.mark.parametrize(
    "focus",
    [
        {},
        {"country": "kazakhstan"},
        {"country": "tajikistan"},
        {"topic": "belt and road"},
        {"country": "kyrgyzstan", "topic": "China"},
    ],
)
async def test_size_ten_digests_fit_one_discord_message(core: Core, focus: dict[str, str]) -> None:
    composer = DigestComposer(core.briefs)
    sub = subscription(size=10, timezone="Asia/Almaty", **focus)
    for digest in await rotate(composer, sub, 6, start=slot_on(sub, date(2026, 12, 30))):
        assert not digest.empty
        assert 1 <= len(digest.fact_ids) <= 10
        assert_one_valid_message(digest)


# --------------------------------------------------------------------------- synthetic fact bases


async def test_synthetic_digest_cites_every_fact_verbatim(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    sub = subscription(size=8)
    brief, _, pool_size = await composer.compose_brief(sub, SLOT, set(), None)
    assert pool_size == 8
    digest = await composer.compose(sub, SLOT, set(), None)
    assert sorted(digest.fact_ids) == sorted(f["id"] for f in synthetic_facts())
    source = await syn.store.source_text("tiny-source")
    assert source is not None
    for cite in brief.citations:
        assert source[cite.start : cite.end] == cite.quote
    assert all(item.cites for section in brief.sections for item in section.items)
    assert "Subscribe now" not in json.dumps(digest.payload)  # furniture is never quoted
    assert_one_valid_message(digest)


async def test_synthetic_country_and_topic_focus(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    kyrgyz = await composer.compose(subscription(country="kyrgyzstan"), SLOT, set(), None)
    assert sorted(kyrgyz.fact_ids) == ["syn-kg-relations", "syn-railway", "syn-trade"]
    energy = await composer.compose(subscription(topic="energy"), SLOT, set(), None)
    assert energy.fact_ids == ["syn-solar"]
    both = await composer.compose(subscription(country="kyrgyzstan", topic="energy"), SLOT, set(), None)
    assert both.empty and both.reason is not None and "energy" in both.reason


async def test_synthetic_anniversary_follows_the_local_day(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    tokyo = subscription(timezone="Asia/Tokyo", time="07:00", size=3)
    slot = slot_on(tokyo, date(2025, 1, 5))  # 4 January 22:00 UTC
    assert slot == datetime(2025, 1, 4, 22, tzinfo=UTC)
    assert (await composer.compose(tokyo, slot, set(), None)).fact_ids[0] == "syn-kg-relations"
    london = subscription(timezone="Europe/London", time="22:00", size=3)
    assert "syn-kg-relations" not in (await composer.compose(london, slot, set(), None)).fact_ids


async def test_facts_added_since_the_previous_digest_are_marked_new(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    sub = subscription(size=3)
    already = {"syn-pipeline", "syn-border"}
    # The previous digest went out before the 2024-06-10 additions.
    brief, selection, _ = await composer.compose_brief(
        sub, SLOT, set(already), datetime(2024, 6, 5, 8, tzinfo=UTC)
    )
    digest = await composer.compose(sub, SLOT, set(already), datetime(2024, 6, 5, 8, tzinfo=UTC))
    assert set(digest.fact_ids[:2]) == {"syn-railway", "syn-solar"}  # new facts lead
    assert selection.new == {"syn-railway", "syn-solar"}
    items = {i.fact_id: i for s in brief.sections for i in s.items}
    assert {fid for fid, item in items.items() if item.new} == {"syn-railway", "syn-solar"}
    text = json.dumps(digest.payload, ensure_ascii=False)
    assert text.count("🆕") == 3  # two items and the footer
    assert "🆕 2 new since the last digest" in digest.payload["embeds"][0]["footer"]["text"]
    for statement in ("A railway from China to Kyrgyzstan", "A Chinese company financed a solar"):
        line = next(
            ln for ln in digest.payload["embeds"][0]["fields"][0]["value"].split("\n") if statement in ln
        )
        assert line.startswith("• 🆕 ")
    # Previous digest after the additions, or no previous digest at all: nothing is new.
    for previous in (datetime(2024, 6, 11, 8, tzinfo=UTC), None):
        later = await composer.compose(sub, SLOT, set(already), previous)
        assert "🆕" not in json.dumps(later.payload, ensure_ascii=False)
    # A new fact that was already shown is not shown again as new.
    shown_new = await composer.compose(sub, SLOT, already | {"syn-railway"}, datetime(2024, 6, 5, tzinfo=UTC))
    assert "syn-railway" not in shown_new.fact_ids and shown_new.fact_ids[0] == "syn-solar"


async def test_new_marks_follow_the_fact_files_added_dates(
    tmp_path: Path, open_base: Callable[[TinyBase], Any]
) -> None:
    base = synthetic_base(tmp_path / "dated")
    for fact in base.facts:
        fact.pop("added", None)
    base.write()
    core = await open_base(base)
    digest = await DigestComposer(core.briefs).compose(
        subscription(size=8), SLOT, set(), datetime(2023, 12, 31, tzinfo=UTC)
    )
    # Every fact came with the file's `added: 2024-01-01`, after the previous digest: all new.
    assert len(digest.fact_ids) == 8
    assert "🆕 8 new since the last digest" in digest.payload["embeds"][0]["footer"]["text"]


async def test_synthetic_rotation_repeats_nothing_until_exhausted_then_starts_over(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    pool = (await composer.pool(None, None)).ordered
    assert len(pool) == 8
    digests = await rotate(composer, subscription(size=3), 9)
    assert [d.fact_ids for d in digests[:3]] == [pool[0:3], pool[3:6], pool[6:8]]  # the last one is short
    assert [d.rotation_reset for d in digests] == [
        False,
        False,
        False,
        True,
        False,
        False,
        True,
        False,
        False,
    ]
    assert [d.fact_ids for d in digests[3:6]] == [pool[0:3], pool[3:6], pool[6:8]]  # the same order again
    assert "rotation starts again" in digests[3].payload["embeds"][0]["footer"]["text"]
    assert "rotation starts again" not in digests[2].payload["embeds"][0]["footer"]["text"]
    assert_fair_rotation(digests, pool)
    # A focus smaller than the digest: every digest shows the whole focus, after the first as a reset.
    small = await rotate(composer, subscription(country="kyrgyzstan", size=5), 3)
    assert [sorted(d.fact_ids) for d in small] == [["syn-kg-relations", "syn-railway", "syn-trade"]] * 3
    assert [d.rotation_reset for d in small] == [False, True, True]


async def test_a_rotation_that_starts_over_still_puts_the_anniversary_first(syn: Core) -> None:
    composer = DigestComposer(syn.briefs)
    sub = subscription(size=3)
    pool = (await composer.pool(None, None)).ordered
    slot = slot_on(sub, date(2025, 1, 5))
    digest = await composer.compose(sub, slot, set(pool), None)  # everything shown
    assert digest.rotation_reset and digest.fact_ids[0] == "syn-kg-relations"
    assert digest.payload["embeds"][0]["fields"][0]["name"] == "On this day"


async def test_a_digest_too_big_for_one_message_drops_its_least_salient_facts(
    tmp_path: Path, open_base: Callable[[TinyBase], Any]
) -> None:
    sentences = [f"Report {n} says that China and Kazakhstan met again." for n in range(10)]
    base = TinyBase(tmp_path / "long", text=TINY_TEXT + "\n".join(sentences) + "\n")
    filler = " and they discussed trade, transport, energy, water, security and education at length"
    base.facts = [
        _fact(
            f"long-{n}",
            f"Report {n}: China and Kazakhstan met{filler * 4}.",
            sentences[n],
            ["china", "kazakhstan"],
            caveats=[f"Caveat {n}:{filler * 3}.", f"Second caveat {n}:{filler * 3}."],
        )
        for n in range(10)
    ]
    base.write()
    core = await open_base(base)
    composer = DigestComposer(core.briefs)
    sub = subscription(size=10)
    wanted, _, _ = await composer.compose_brief(sub, SLOT, set(), None)
    assert len(wanted.fact_ids) == 10
    digest = await composer.compose(sub, SLOT, set(), None)
    assert_one_valid_message(digest)
    assert 1 <= len(digest.fact_ids) < 10
    assert digest.fact_ids == wanted.fact_ids[: len(digest.fact_ids)]  # the least salient go first
    text = json.dumps(digest.payload, ensure_ascii=False)
    for n in range(10):
        shown = f"long-{n}" in digest.fact_ids
        assert (f"Report {n}: China" in text) is shown
    # The rotation only records what was shown: the dropped facts lead the next digest.
    following = await composer.compose(sub, SLOT + timedelta(days=1), set(digest.fact_ids), None)
    assert following.fact_ids[0] == wanted.fact_ids[len(digest.fact_ids)]
    assert re.search(r"\b10 facts in this focus", digest.payload["embeds"][0]["footer"]["text"])
