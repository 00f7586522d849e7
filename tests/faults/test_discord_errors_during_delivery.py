"""Fault 6: Discord answers 429 and 5xx in bursts (and 403/404) while digests are posted.

Driven through the real client: the Digest cog's composer and a DiscordSender over discord.py, against the
stand-in's channel message route, with DigestService.run_due on a controlled clock. The retry budget has two
layers: discord.py retries a 429 after its Retry-After and a 500/502/504 five times per call (a 503 not at
all); the service then retries a transient error `RetryPolicy.max_attempts` (3) times with 1 s, 2 s backoff,
and waits out up to 5 rate limits. discord.py's own 1/3/5/7/9 s waits are recorded, not slept (see
`discord_retry_sleeps`); the service's waits go to the fake clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.config import Settings, SettingsError
from bot.digests.delivery import DigestService

from .conftest import DAY, MESSAGES_PATH, PAST_MONDAY, SLOT, FakeClock, FakeSleep, Running, StartBot, text_of

MINUTE = timedelta(minutes=1)


async def run_at(
    run: Running, service: DigestService, clock: FakeClock, when: datetime
) -> list[tuple[int, str]]:
    clock.set(when)
    return [(o.subscription_id, o.status) for o in await service.run_due(clock.now)]


def fault(run: Running, status: int, channel: str, times: int | None, **options: float) -> None:
    run.standin.inject_fault(
        status, path=MESSAGES_PATH, method="POST", channel_id=channel, times=times, **options
    )


async def test_5xx_bursts_shorter_than_the_retry_budget_post_each_digest_exactly_once(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep, discord_retry_sleeps: list[float]
) -> None:
    async with start_bot() as run:
        sub = await run.subscribe(clock, "briefings")
        service = run.digests

        fault(run, 500, "briefings", times=4)  # absorbed by discord.py's own retries
        assert await run_at(run, service, clock, SLOT + MINUTE) == [(sub.id, "sent")]
        assert run.post_attempts("briefings") == 5 and discord_retry_sleeps == [1, 3, 5, 7]
        assert sleep.calls == []

        fault(run, 503, "briefings", times=2)  # not retried by discord.py: the service backs off
        assert await run_at(run, service, clock, SLOT + DAY + MINUTE) == [(sub.id, "sent")]
        assert run.post_attempts("briefings") == 5 + 3 and sleep.calls == [1.0, 2.0]

        fault(run, 502, "briefings", times=7)  # more than one discord.py call's worth: both layers
        assert await run_at(run, service, clock, SLOT + 2 * DAY + MINUTE) == [(sub.id, "sent")]
        assert run.post_attempts("briefings") == 8 + 8 and sleep.calls == [1.0, 2.0, 1.0]

        assert await service.run_due(clock.now) == []
        history = await service.store.history(sub.id, guild_id=None)
        assert [(d.status, d.attempts) for d in history] == [("sent", 2), ("sent", 3), ("sent", 1)]
        posts = run.posts("briefings")
        assert len(posts) == 3 == run.post_attempts("briefings", status=200)
        assert sorted(d.message_id for d in history) == sorted(p.id for p in posts)  # type: ignore[type-var]


@pytest.mark.parametrize(("status", "requests"), [(503, 3), (500, 15)])
async def test_5xx_longer_than_the_retry_budget_is_logged_failed_with_the_reason_and_never_reposted(
    start_bot: StartBot,
    clock: FakeClock,
    sleep: FakeSleep,
    discord_retry_sleeps: list[float],
    status: int,
    requests: int,
) -> None:
    async with start_bot() as run:
        sub = await run.subscribe(clock, "briefings")
        service = run.digests
        fault(run, status, "briefings", times=None)
        clock.set(SLOT + MINUTE)
        [outcome] = await service.run_due(clock.now)
        assert outcome.status == "failed"
        assert outcome.reason == f"Discord error after 3 attempts: Discord error {status}"
        assert run.post_attempts("briefings") == requests and run.posts("briefings") == []

        history = await run.digest("history", {"id": sub.id})
        assert "**failed**" in text_of(history) and f"Discord error {status}" in text_of(history)
        listing = await run.digest("list")
        assert "PAUSED" not in text_of(listing)  # a Discord outage is not the channel's fault

        run.standin.clear_faults()  # Discord is back: the failed slot is not tried again
        clock.set(SLOT + 10 * MINUTE)
        assert await service.run_due(clock.now) == []
        assert (await service.deliver(sub, SLOT)).status == "duplicate"
        assert run.posts("briefings") == [] and run.post_attempts("briefings") == requests

        assert await run_at(run, service, clock, SLOT + DAY + MINUTE) == [(sub.id, "sent")]
        assert len(run.posts("briefings")) == 1


async def test_429_bursts_are_waited_out_and_every_due_digest_posts_exactly_once(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        subs = [await run.subscribe(clock, "briefings", size=size) for size in (3, 4, 5)]
        service = run.digests
        # Three 429s that discord.py was not warned of (no rate-limit headers before): counted, not timed.
        fault(run, 429, "briefings", times=3, retry_after=0.01)
        outcomes = await run_at(run, service, clock, SLOT + MINUTE)
        assert sorted(outcomes) == [(s.id, "sent") for s in subs]
        assert run.post_attempts("briefings", status=429) == 3
        assert len(run.posts("briefings")) == 3 == run.post_attempts("briefings", status=200)
        assert run.post_attempts("briefings") == 6 and sleep.calls == []  # discord.py waited them out
        ids = {(await service.store.get_delivery(s.id, SLOT)).message_id for s in subs}  # type: ignore[union-attr]
        assert ids == {p.id for p in run.posts("briefings")}
        assert await service.run_due(clock.now) == []


async def test_5xx_after_discord_created_the_message_still_leaves_exactly_one_post(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep, discord_retry_sleeps: list[float]
) -> None:
    async with start_bot() as run:
        subs = [await run.subscribe(clock, channel) for channel in ("briefings", "news")]
        service = run.digests
        # Each request is stored, then answered 500: more than one discord.py call (5 tries) can absorb, so
        # our RetryPolicy sends again too - with the same nonce, which Discord answers with the first copy.
        for channel in ("briefings", "news"):
            fault(run, 500, channel, times=7, after_handling=True)
        outcomes = await run_at(run, service, clock, SLOT + MINUTE)
        assert sorted(outcomes) == [(s.id, "sent") for s in subs]
        for sub, channel in zip(subs, ("briefings", "news"), strict=True):
            assert run.post_attempts(channel) == 8 and len(run.posts(channel)) == 1
            history = await service.store.history(sub.id, guild_id=None)
            assert [(d.status, d.attempts, d.message_id) for d in history] == [
                ("sent", 2, run.posts(channel)[0].id)
            ]
        nonces = {
            r.json["nonce"]
            for r in run.standin.find_records(method="POST", route="/channels/{channel_id}/messages")
        }
        assert len(nonces) == 2 and all(
            r.json["enforce_nonce"]
            for r in run.standin.find_records(method="POST", route="/channels/{channel_id}/messages")
        )
        assert sleep.calls == [1.0, 1.0]


async def test_after_the_nonce_window_a_retry_finds_the_first_copy_instead_of_posting_again(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep, discord_retry_sleeps: list[float]
) -> None:
    # The search reads message ids as times, so this test runs in the past rather than in 2099 (whose
    # snowflakes would not fit in 64 bits); no job or sweep of the bot's own scheduler fires within it.
    clock.set(PAST_MONDAY)
    # Our backoff (1 s on the test clock) outlasts the nonce window we assume: no blind second request.
    async with start_bot(BRIEFBOT_DIGEST_NONCE_WINDOW_SECONDS="0.5") as run:
        sub = await run.subscribe(clock, "briefings")
        run.standin.set_clock(clock)
        service = run.digests
        assert service.nonce_window == timedelta(seconds=0.5)
        fault(run, 500, "briefings", times=5, after_handling=True)  # one discord.py call's worth
        assert await run_at(run, service, clock, PAST_MONDAY.replace(hour=8, minute=1)) == [(sub.id, "sent")]
        assert run.post_attempts("briefings") == 5 and len(run.posts("briefings")) == 1
        [row] = await service.store.history(sub.id, guild_id=None)
        assert row.message_id == run.posts("briefings")[0].id
        assert row.reason == "An earlier request had posted it (found in the channel); not posted again"
        assert len(run.standin.find_records(method="GET", route="/channels/{channel_id}/messages")) == 1


async def test_the_configured_concurrency_bounds_the_bots_digest_service_and_zero_is_refused(
    start_bot: StartBot,
) -> None:
    # Discord's rate limits are per bot: the operator sets how many digests are in flight at once.
    async with start_bot(BRIEFBOT_DIGEST_CONCURRENCY="2") as run:
        assert run.digests.max_concurrency == 2
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env_file=None, environ={"BRIEFBOT_DIGEST_CONCURRENCY": "0"})
    assert str(caught.value) == (
        "Invalid configuration:\n  BRIEFBOT_DIGEST_CONCURRENCY: Input should be greater than or equal to 1"
    )
