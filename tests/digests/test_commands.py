"""DigestCommands, the operations behind /digest and `briefbot digest`: validation messages, the happy paths,
guild isolation and soft removal. Real SQLite in tmp_path, the real fact base, a fake clock and sender."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.briefs import UserError
from bot.core import Core
from bot.digests.commands import DigestAnswer, DigestCommands
from bot.digests.compose import DigestComposer
from bot.digests.delivery import DigestService
from bot.digests.store import SubscriptionStore
from bot.render.discord import discord_line
from bot.render.text import plain_line
from bot.state.db import StateDB
from devtools.standin import validate_message

from .conftest import GUILD, MOD, OTHER_GUILD, FakeClock, FakeSender, FakeSleep

CHANNEL = 4242
SLOT = datetime(2024, 6, 3, 8, tzinfo=UTC)  # the clock starts at 06:00 UTC on Monday 3 June 2024


@pytest.fixture
def commands(
    core: Core, store: SubscriptionStore, sender: FakeSender, clock: FakeClock, sleep: FakeSleep
) -> DigestCommands:
    composer = DigestComposer(core.briefs)
    service = DigestService(store, composer.compose, sender, clock, sleep)
    return DigestCommands(store, service, composer, core.briefs)


async def subscribe(commands: DigestCommands, guild: int = GUILD, **options: object) -> DigestAnswer:
    values: dict[str, object] = {
        "guild_id": guild,
        "channel_id": CHANNEL,
        "user_id": MOD,
        "time": "08:00",
        "timezone": "UTC",
    }
    values.update(options)
    return await commands.subscribe(**values)  # type: ignore[arg-type]


async def refused(work: object) -> str:
    with pytest.raises(UserError) as info:
        await work  # type: ignore[misc]
    return str(info.value)


def lines(answer: DigestAnswer) -> list[str]:
    """The answer's lines as a terminal shows them."""
    return [plain_line(line) for line in answer.lines]


def text(answer: DigestAnswer) -> str:
    return "\n".join([answer.title, *lines(answer)])


# --------------------------------------------------------------------------- subscribe: validation


async def test_subscribe_explains_a_bad_time(commands: DigestCommands) -> None:
    for bad in ("25:00", "8 am", "08:61"):
        message = await refused(subscribe(commands, time=bad))
        assert message == f"Time must be HH:MM on a 24-hour clock, e.g. 08:30 (got '{bad}')."


async def test_subscribe_suggests_a_timezone(commands: DigestCommands) -> None:
    message = await refused(subscribe(commands, timezone="Europe/Londn"))
    assert message == "Unknown timezone 'Europe/Londn' — did you mean Europe/London?"
    message = await refused(subscribe(commands, timezone="Mars/Olympus_Mons"))
    assert message.startswith("Unknown timezone 'Mars/Olympus_Mons'") and "IANA" in message
    # Case and spaces are forgiven, and the canonical name is stored.
    made = await subscribe(commands, timezone="asia/almaty")
    assert "08:00 Asia/Almaty" in text(made)


async def test_subscribe_weekly_needs_a_day_and_daily_takes_none(commands: DigestCommands) -> None:
    assert (
        await refused(subscribe(commands, frequency="weekly"))
        == "A weekly digest needs a day, e.g. day:monday."
    )
    message = await refused(subscribe(commands, day="monday"))
    assert message.startswith("A daily digest posts every day; leave out day")
    weekly = await subscribe(commands, frequency="weekly", day="wednesday")
    assert "weekly on Wednesday at 08:00 UTC" in text(weekly)
    assert "First digest: 2024-06-05 08:00 UTC" in text(weekly)  # the first Wednesday after Monday 06:00


async def test_subscribe_suggests_a_country(commands: DigestCommands) -> None:
    message = await refused(subscribe(commands, country="Kazakstan"))
    assert message == "Kazakstan is not in the fact base — did you mean Kazakhstan?"
    message = await refused(subscribe(commands, country="Belt and Road Initiative"))
    assert "not a country" in message


async def test_subscribe_refuses_a_long_topic_and_a_bad_size(commands: DigestCommands) -> None:
    assert "under 100 characters" in await refused(subscribe(commands, topic="energy " * 20))
    assert await refused(subscribe(commands, size=11)) == "Size must be between 1 and 10 facts (got 11)."


async def test_refused_subscriptions_save_nothing(commands: DigestCommands, store: SubscriptionStore) -> None:
    for bad in (
        {"time": "24:00"},
        {"timezone": "Nowhere/Atlantis"},
        {"frequency": "weekly"},
        {"country": "Narnia"},
        {"size": 0},
    ):
        await refused(subscribe(commands, **bad))
    assert await store.list_for_guild(GUILD) == []
    assert lines(await commands.list(GUILD)) == ["None yet. A moderator can add one with /digest subscribe."]


async def test_subscribe_beyond_the_servers_limit_is_a_readable_refusal(
    core: Core, db: StateDB, clock: FakeClock, sender: FakeSender, sleep: FakeSleep
) -> None:
    store = SubscriptionStore(db, clock=clock, max_per_guild=2)
    composer = DigestComposer(core.briefs)
    commands = DigestCommands(
        store, DigestService(store, composer.compose, sender, clock, sleep), composer, core.briefs
    )
    await subscribe(commands)
    await subscribe(commands, time="09:00")
    message = await refused(subscribe(commands, time="10:00"))
    assert message == "This server already has 2 digest subscriptions (the limit is 2)."
    await subscribe(commands, guild=OTHER_GUILD)  # the limit is per server


# --------------------------------------------------------------------------- happy paths


async def test_subscribe_then_list_describes_the_subscription(commands: DigestCommands) -> None:
    made = await subscribe(commands, timezone="Asia/Almaty", country="kazakhstan", topic="gas", size=3)
    assert made.title == "Digest subscribed" and made.ok and made.payload is None
    described = "daily at 08:00 Asia/Almaty, 3 facts on Kazakhstan · “gas” · active"
    assert lines(made)[0] == f"#1 → #{CHANNEL}: {described}"
    assert discord_line(made.lines[0]) == f"#1 → <#{CHANNEL}>: {described}"
    first = datetime(2024, 6, 4, 3, tzinfo=UTC)  # 06:00 UTC is 11:00 in Almaty (UTC+5): tomorrow 08:00
    assert lines(made)[1] == "First digest: 2024-06-04 03:00 UTC"
    assert (
        discord_line(made.lines[1]) == f"First digest: <t:{int(first.timestamp())}:F> (2024-06-04 03:00 UTC)"
    )
    listed = await commands.list(GUILD)
    assert listed.title == "Digest subscriptions" and len(listed.lines) == 1
    assert lines(listed)[0] == f"#1 → #{CHANNEL}: {described} · next 2024-06-04 03:00 UTC"
    assert discord_line(listed.lines[0]).endswith(f"active · next <t:{int(first.timestamp())}:R>")


async def test_a_topic_is_shown_as_typed_in_a_terminal_and_escaped_on_discord(
    commands: DigestCommands,
) -> None:
    made = await subscribe(commands, topic="gas > oil <#1> @everyone *x*")
    typed = "“gas > oil <#1> @everyone *x*”"
    assert lines(made)[0] == f"#1 → #{CHANNEL}: daily at 08:00 UTC, 5 facts on {typed} · active"
    on_discord = discord_line(made.lines[0])
    # Our channel is a mention; the topic's look-alike mention, ping and markdown are inert text.
    assert on_discord.startswith(f"#1 → <#{CHANNEL}>: ")
    assert "<#1>" not in on_discord and "@everyone" not in on_discord and "*x*" not in on_discord
    assert r"\> oil" in on_discord and r"\*x\*" in on_discord


async def test_pause_and_resume(commands: DigestCommands, sender: FakeSender, clock: FakeClock) -> None:
    await subscribe(commands)
    paused = await commands.pause(GUILD, 1)
    assert paused.title == "Digest #1 paused" and "PAUSED — Paused by a moderator" in lines(paused)[0]
    assert "PAUSED" in text(await commands.list(GUILD)) and "next" not in text(await commands.list(GUILD))
    clock.set(SLOT)
    assert lines(await commands.run_due(SLOT)) == ["Nothing was due."]
    assert sender.sent == []
    resumed = await commands.resume(GUILD, 1)
    assert resumed.title == "Digest #1 resumed" and lines(resumed)[0].endswith("· active")
    # Resuming never catches up on the slot that passed while paused; the next one posts.
    assert lines(await commands.run_due(SLOT + timedelta(minutes=5))) == ["Nothing was due."]
    tomorrow = SLOT + timedelta(days=1)
    clock.set(tomorrow)
    ran = await commands.run_due(tomorrow)
    assert lines(ran) == ["#1 2024-06-04 08:00 UTC: sent"]
    assert len(sender.sent) == 1 and sender.sent[0][0] == CHANNEL


async def test_preview_shows_the_next_digest_without_sending_or_recording(
    commands: DigestCommands, store: SubscriptionStore, sender: FakeSender
) -> None:
    await subscribe(commands, country="tajikistan")
    answer = await commands.preview(GUILD, None)
    assert answer.title == "Preview of digest #1"
    assert lines(answer)[1] == "Would be posted 2024-06-03 08:00 UTC"
    assert discord_line(answer.lines[1]).startswith("Would be posted <t:")
    assert answer.payload is not None and validate_message(answer.payload) == []
    assert answer.payload["embeds"][0]["title"] == "Digest — Tajikistan — 2024-06-03"
    assert any(
        b["custom_id"].startswith("bb:q:") for row in answer.payload["components"] for b in row["components"]
    )
    assert await commands.preview(GUILD, 1) == answer
    later = await commands.preview(GUILD, 1, at=SLOT + timedelta(hours=1))
    assert lines(later)[1] == "Would be posted 2024-06-04 08:00 UTC"
    assert sender.sent == [] and await store.history(1, guild_id=GUILD) == []
    assert await store.shown_fact_ids(1) == set()


async def test_preview_of_an_empty_focus_says_why(commands: DigestCommands) -> None:
    await subscribe(commands, topic="zzyzx quokka")
    answer = await commands.preview(GUILD, 1)
    assert answer.payload is None
    assert (
        lines(answer)[-1]
        == "Nothing would be posted: No facts match this subscription's focus (topic “zzyzx quokka”)"
    )


async def test_preview_without_subscriptions_is_refused(commands: DigestCommands) -> None:
    assert "no digest subscriptions here yet" in await refused(commands.preview(GUILD, None))


async def test_send_now_posts_and_history_lists_every_delivery(
    commands: DigestCommands, store: SubscriptionStore, sender: FakeSender, clock: FakeClock
) -> None:
    await subscribe(commands, size=4)
    assert lines(await commands.history(GUILD, 1)) == ["No deliveries yet."]
    clock.set(SLOT - timedelta(hours=1))
    sent = await commands.send_now(GUILD, 1)
    assert (sent.title, sent.ok, lines(sent)) == ("Digest #1 sent now", True, ["Status: sent"])
    assert len(sender.sent) == 1
    # A manual send does not use up the scheduled slot, and the two show different facts.
    clock.set(SLOT)
    assert lines(await commands.run_due(SLOT)) == ["#1 2024-06-03 08:00 UTC: sent"]
    assert len(sender.sent) == 2
    manual, scheduled = (await store.history(1, guild_id=GUILD))[::-1]
    assert not set(manual.fact_ids) & set(scheduled.fact_ids)
    history = await commands.history(GUILD, 1)
    assert history.title == "History of digest #1"
    assert len(history.lines) == 2
    assert lines(history) == [
        "2024-06-03 08:00 UTC · scheduled · sent · 4 facts",
        "2024-06-03 07:00 UTC · manual · sent · 4 facts",
    ]
    assert discord_line(history.lines[0]).endswith("(2024-06-03 08:00 UTC) · scheduled · **sent** · 4 facts")


async def test_send_now_that_fails_says_so(commands: DigestCommands, sender: FakeSender) -> None:
    from bot.digests.errors import DeliveryForbidden

    await subscribe(commands)
    sender.fail_next(CHANNEL, DeliveryForbidden("no"))
    answer = await commands.send_now(GUILD, 1)
    assert (answer.title, answer.ok) == ("Digest #1 was not sent", False)
    assert lines(answer) == ["Status: failed — Missing permission to post in its channel"]
    assert "PAUSED — Missing permission to post in its channel" in text(await commands.list(GUILD))


async def test_remove_stops_the_digest_and_keeps_its_history(
    commands: DigestCommands, store: SubscriptionStore, sender: FakeSender, clock: FakeClock
) -> None:
    await subscribe(commands)
    clock.set(SLOT)
    await commands.run_due(SLOT)
    removed = await commands.remove(GUILD, 1)
    assert removed.title == "Digest #1 removed (its history is kept)" and removed.lines == []
    assert lines(await commands.list(GUILD)) == ["None yet. A moderator can add one with /digest subscribe."]
    tomorrow = SLOT + timedelta(days=1)
    clock.set(tomorrow)
    assert lines(await commands.run_due(tomorrow)) == ["Nothing was due."]
    assert len(sender.sent) == 1
    history = await commands.history(GUILD, 1)
    assert history.title == "History of digest #1" and len(history.lines) == 1
    assert "scheduled · sent · 5 facts" in lines(history)[0]
    assert len(await store.history(1, guild_id=None)) == 1
    gone = "There is no digest subscription #1 in this server. See /digest list."
    for action in (commands.pause, commands.resume, commands.remove, commands.send_now):
        assert await refused(action(GUILD, 1)) == gone
    assert await refused(commands.preview(GUILD, 1)) == gone


# --------------------------------------------------------------------------- guild isolation


async def test_another_servers_subscription_behaves_like_a_missing_one(
    commands: DigestCommands, store: SubscriptionStore, sender: FakeSender
) -> None:
    await subscribe(commands)
    await subscribe(commands, guild=OTHER_GUILD, channel_id=777, time="09:00")
    assert len((await commands.list(GUILD)).lines) == 1 and "#1 →" in text(await commands.list(GUILD))
    assert len((await commands.list(OTHER_GUILD)).lines) == 1 and "#2 → #777" in text(
        await commands.list(OTHER_GUILD)
    )

    def not_found(sub_id: int) -> str:
        return f"There is no digest subscription #{sub_id} in this server. See /digest list."

    for sub_id in (2, 99):  # another server's id reads exactly like an id that does not exist
        for action in (commands.pause, commands.resume, commands.remove, commands.history, commands.send_now):
            assert await refused(action(GUILD, sub_id)) == not_found(sub_id)
        assert await refused(commands.preview(GUILD, sub_id)) == not_found(sub_id)
    assert sender.sent == []
    other = await store.get(OTHER_GUILD, 2)
    assert other is not None and other.status == "active" and not other.removed
    # Removed in its own server, its history is still that server's only.
    await commands.remove(OTHER_GUILD, 2)
    assert await refused(commands.history(GUILD, 2)) == not_found(2)
    assert lines(await commands.history(OTHER_GUILD, 2)) == ["No deliveries yet."]


async def test_run_due_reports_every_server(
    commands: DigestCommands, sender: FakeSender, clock: FakeClock
) -> None:
    await subscribe(commands)
    await subscribe(commands, guild=OTHER_GUILD, channel_id=777)
    clock.set(SLOT)
    ran = await commands.run_due(SLOT)
    assert sorted(lines(ran)) == ["#1 2024-06-03 08:00 UTC: sent", "#2 2024-06-03 08:00 UTC: sent"]
    assert sorted(channel for channel, _ in sender.sent) == [777, CHANNEL]
    again = await commands.run_due(SLOT)
    assert lines(again) == ["Nothing was due."] and len(sender.sent) == 2
    assert re.fullmatch(r"Digests due at 2024-06-03T08:00:00\+00:00", again.title)
