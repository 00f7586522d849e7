"""How many digest subscriptions one bot can serve: N digests due at the same minute, composed and delivered
through the real Discord adapter to the local stand-in, with Discord's per-channel message rate limit modelled.

Run: `python -m devtools.bench.delivery [N ...]` (prints JSON). Each subscription posts to one of `channels`
channels, so several digests share a channel and meet its limit (5 messages per 5 s, as Discord applies).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.digests.schedule import next_slot
from bot.digests.store import SubscriptionStore
from devtools.harness import bot_settings, running_bot
from devtools.standin import ChannelSpec, GuildSpec, running_standin

CHANNEL_LIMIT = 5
CHANNEL_WINDOW_S = 5.0


async def measure(subscriptions: int, channels: int = 200, concurrency: int = 16) -> dict[str, Any]:
    guild = GuildSpec(channels=tuple(ChannelSpec(f"digest-{n}") for n in range(channels)))
    with tempfile.TemporaryDirectory() as tmp:
        async with running_standin(guilds=(guild,)) as standin:
            for n in range(channels):
                standin.rate_limit_channel(f"digest-{n}", CHANNEL_LIMIT, CHANNEL_WINDOW_S)
            settings = bot_settings(standin, Path(tmp), BRIEFBOT_DIGEST_CONCURRENCY=str(concurrency))
            async with running_bot(standin, settings) as run:
                bot, service = run.bot, run.digests
                countries = ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", None]
                now = dt.datetime.now(dt.UTC)
                local = (now + dt.timedelta(hours=2)).strftime("%H:%M")
                # One server holding every subscription: lift the per-server cap for the measurement only.
                store = SubscriptionStore(bot.state_db, max_per_guild=subscriptions)
                subs = []
                for n in range(subscriptions):
                    subs.append(
                        await store.create(
                            guild_id=standin.guild_id(),
                            channel_id=standin.channel_id(f"digest-{n % channels}"),
                            created_by=1,
                            frequency="daily",
                            time=local,
                            timezone="UTC",
                            country=countries[n % len(countries)],
                        )
                    )
                slot = next_slot(subs[0], now)
                started = time.perf_counter()
                outcomes = await service.run_due(slot + dt.timedelta(seconds=1))
                elapsed = time.perf_counter() - started
                posted = sum(len(standin.channel_messages(f"digest-{n}")) for n in range(channels))
                rejected = len(standin.find_records(status=429))
                statuses: dict[str, int] = {}
                for outcome in outcomes:
                    statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
                standin.assert_no_violations()
    return {
        "subscriptions": subscriptions,
        "channels": channels,
        "concurrency": service.max_concurrency,
        "channel_limit": f"{CHANNEL_LIMIT} messages / {CHANNEL_WINDOW_S:g} s",
        "seconds": round(elapsed, 2),
        "digests_per_s": round(subscriptions / elapsed, 1),
        "posted": posted,
        "statuses": statuses,
        "http_429": rejected,
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [100, 1000]
    print(json.dumps([asyncio.run(measure(n)) for n in sizes], indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
