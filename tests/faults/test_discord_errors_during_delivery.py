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

from bot.digests.delivery import DigestService

from .conftest import DAY, MESSAGES_PATH, SLOT, FakeClock, FakeSleep, Running, StartBot, text_of

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
        service = run.service(clock, sleep)

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
        service = run.service(clock, sleep)
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
        service = run.service(clock, sleep)
        # One post per 0.25 s in this channel, and discord.py is not told in advance: it meets real 429s.
        limit = run.standin.rate_limit_channel("briefings", limit=1, window=0.25, advertise=False)
        outcomes = await run_at(run, service, clock, SLOT + MINUTE)
        assert sorted(outcomes) == [(s.id, "sent") for s in subs]
        assert limit.rejected >= 2
        assert len(run.posts("briefings")) == 3 == run.post_attempts("briefings", status=200)
        assert run.post_attempts("briefings", status=429) == limit.rejected
        ids = {(await service.store.get_delivery(s.id, SLOT)).message_id for s in subs}  # type: ignore[union-attr]
        assert ids == {p.id for p in run.posts("briefings")}
        assert await service.run_due(clock.now) == []


async def test_429_longer_than_the_retry_budget_fails_the_slot_without_pausing_or_double_posting(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        sub = await run.subscribe(clock, "briefings")
        service = run.service(clock, sleep)
        fault(
            run, 429, "briefings", times=None, retry_after=0.01
        )  # discord.py waits 0.01 s, five times a call
        clock.set(SLOT + MINUTE)
        [outcome] = await service.run_due(clock.now)
        assert outcome.status == "failed" and outcome.reason == "Rate limited by Discord 6 times; gave up"
        assert sleep.calls == [1.0] * 5  # the service honoured Retry-After between calls
        assert run.post_attempts("briefings") == 6 * 5 and run.posts("briefings") == []

        listing = await run.digest("list")
        assert "PAUSED" not in text_of(listing)
        assert (await service.store.get_any(sub.id)).status == "active"  # type: ignore[union-attr]

        run.standin.clear_faults()
        assert (await service.deliver(sub, SLOT)).status == "duplicate"
        assert await run_at(run, service, clock, SLOT + DAY + MINUTE) == [(sub.id, "sent")]
        assert len(run.posts("briefings")) == 1


async def test_403_and_404_pause_the_subscription_with_a_reason_in_digest_list_and_delete_nothing(
    start_bot: StartBot, clock: FakeClock, sleep: FakeSleep
) -> None:
    async with start_bot() as run:
        forbidden = await run.subscribe(clock, "briefings")
        gone = await run.subscribe(clock, "news")
        fine = await run.subscribe(clock, "archive")
        service = run.service(clock, sleep)
        fault(run, 403, "briefings", times=None)
        fault(run, 404, "news", times=None)

        outcomes = await run_at(run, service, clock, SLOT + MINUTE)
        assert sorted(outcomes) == [(forbidden.id, "failed"), (gone.id, "failed"), (fine.id, "sent")]
        assert run.post_attempts("briefings") == 1 and run.post_attempts("news") == 1  # never retried

        listing = text_of(await run.digest("list"))
        assert f"#{forbidden.id}" in listing and f"#{gone.id}" in listing and f"#{fine.id}" in listing
        assert "PAUSED — Missing permission to post in" in listing
        assert "PAUSED — Channel no longer exists" in listing
        history = text_of(await run.digest("history", {"id": gone.id}))
        assert "**failed**" in history and "Channel no longer exists" in history

        # Later runs leave the paused ones alone; nothing was deleted.
        assert await run_at(run, service, clock, SLOT + DAY + MINUTE) == [(fine.id, "sent")]
        assert run.post_attempts("briefings") == 1 and run.post_attempts("news") == 1
        for sub in (forbidden, gone):
            kept = await service.store.get_any(sub.id)
            assert kept is not None and kept.status == "paused" and kept.removed_at is None
            assert [d.status for d in await service.store.history(sub.id, guild_id=None)] == ["failed"]

        # The permission is fixed and a moderator resumes (on the test clock): the next digest goes out once.
        run.standin.clear_faults()
        clock.set(SLOT + DAY + 2 * 60 * MINUTE)
        await service.store.resume(run.standin.guild_id(), forbidden.id)
        assert "PAUSED — Missing" not in text_of(await run.digest("list"))
        assert sorted(await run_at(run, service, clock, SLOT + 2 * DAY + MINUTE)) == [
            (forbidden.id, "sent"),
            (fine.id, "sent"),
        ]
        assert len(run.posts("briefings")) == 1 and run.posts("news") == []
