"""A process dies mid-post: the next one finishes the slot through the real Discord adapter.

The dead process is simulated in-process (its boot given up, as the kernel does for a killed one; the
subprocess version with real SIGKILLs is tests/crash). Runs on a past date, because the channel search reads
message ids as times (see `DiscordStandin.set_clock`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import discord
import pytest

from bot.adapters.discord.digest_sender import DiscordSender
from bot.digests.delivery import DigestService
from bot.digests.errors import DeliveryCheckImpossible
from bot.digests.keys import DeliveryKey
from bot.digests.models import DeliveryOutcome

from .conftest import (
    GUILD,
    USERS,
    FakeClock,
    FakeSleep,
    Running,
    StartBot,
    running_standin,
    startup_catch_up,
    text_of,
)

MONDAY = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)
SLOT = MONDAY.replace(hour=8)
STOPPED = "The bot stopped while posting this digest"


@asynccontextmanager
async def in_the_past(start_bot: StartBot, clock: FakeClock) -> AsyncIterator[Running]:
    """The bot, its start-up catch-up done, with the stand-in dating messages by the test clock, at SLOT."""
    clock.set(MONDAY)
    async with start_bot() as run:
        await startup_catch_up(run)
        run.standin.set_clock(clock)
        clock.set(SLOT)
        yield run


async def recover_later(run: Running, clock: FakeClock) -> DeliveryOutcome:
    """The bot, ten minutes later (long past the nonce window), recovers the one claim the dead process left."""
    clock.advance(minutes=10)
    [outcome] = await run.digests.recover_interrupted()
    return outcome


async def die_mid_post(
    run: Running, clock: FakeClock, sleep: FakeSleep, channel: str, *, posted: bool
) -> int:
    """Claim SLOT, record that sending began, post it (if `posted`) with the real adapter, then die."""
    sub = await run.subscribe(clock, channel)
    dead: DigestService = run.other_process(clock, sleep)
    store = dead.store
    assert await store.claim(sub.id, SLOT, channel_id=sub.channel_id, boot=dead.boot.id)
    row = await store.get_delivery(sub.id, SLOT)
    assert row is not None
    await store.mark_sending(row.id, dead.boot.id)
    if posted:
        cog = run.bot.get_cog("Digest")
        digest = await cog.compose(sub, SLOT, set(), None)  # type: ignore[union-attr]
        await DiscordSender(run.bot).send(sub.channel_id, digest.payload, DeliveryKey(sub.id, SLOT))
    dead.close()
    return sub.id


@pytest.mark.parametrize(
    ("channel", "posted", "status", "reason"),
    [
        # Discord had it: recognised by the marker at the end of its footer, recorded, not posted again.
        ("briefings", True, "sent", f"{STOPPED}; it had been posted (found in the channel on recovery)"),
        # It never reached Discord: the search finds nothing, so it is posted now (within grace).
        ("news", False, "sent", f"{STOPPED}; it was not in the channel; posted on recovery"),
        # The bot cannot read the channel back (Discord would list no messages at all): never guess.
        (
            "sealed",
            True,
            "failed",
            f"{STOPPED}, and the channel could not be checked for it (the bot lacks Read Message History in "
            "the channel); not posted again, to avoid a double post",
        ),
    ],
)
async def test_a_slot_whose_process_died_mid_post_ends_with_one_post_or_a_reason(
    start_bot: StartBot,
    clock: FakeClock,
    sleep: FakeSleep,
    channel: str,
    posted: bool,
    status: str,
    reason: str,
) -> None:
    async with in_the_past(start_bot, clock) as run:
        sub_id = await die_mid_post(run, clock, sleep, channel, posted=posted)
        if posted:
            [post] = run.posts(channel)
            assert post.embeds[0]["footer"]["text"].endswith(DeliveryKey(sub_id, SLOT).marker)
        outcome = await recover_later(run, clock)
        assert (outcome.subscription_id, outcome.status, outcome.reason) == (sub_id, status, reason)
        assert run.post_attempts(channel) == 1 and len(run.posts(channel)) == 1
        if status == "sent":
            assert outcome.message_id == run.posts(channel)[0].id
        searches = run.standin.find_records(method="GET", route="/channels/{channel_id}/messages")
        assert len(searches) == (0 if channel == "sealed" else 1)  # the permission is known beforehand
        history = text_of(await run.digest("history", {"id": sub_id}))
        assert f"**{status}**" in history and reason[-40:] in history


async def test_over_rest_alone_an_empty_answer_is_not_taken_for_absence() -> None:
    """`briefbot digest run` has no gateway, so no permissions to consult: only a non-empty list is trusted."""
    async with running_standin(guilds=(GUILD,), users=USERS) as discord_:
        client = discord.Client(intents=discord.Intents.none())
        with discord_.patched():
            await client.login(discord_.token)
            try:
                sender = DiscordSender(client, gateway=False)
                ours, other = DeliveryKey(7, SLOT), DeliveryKey(8, SLOT)
                readable, sealed = discord_.channel_id("briefings"), discord_.channel_id("sealed")
                with pytest.raises(DeliveryCheckImpossible, match="cannot tell an empty channel"):
                    await sender.find(readable, ours, None)  # nothing posted yet
                posted = await sender.send(readable, {"embeds": [{"title": "Digest"}]}, ours)
                assert await sender.find(readable, ours, None) == posted
                assert await sender.find(readable, other, None) is None  # messages listed, none of its own
                await sender.send(sealed, {"embeds": [{"title": "Digest"}]}, ours)
                with pytest.raises(DeliveryCheckImpossible):
                    await sender.find(sealed, ours, None)
            finally:
                await client.close()
