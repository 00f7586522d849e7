"""The real bot, SIGKILLed at seeded moments while it posts digests, restarted on the same data directory.

Each round subscribes fresh channels to a digest that is due now, starts the bot in a subprocess against the
local Discord stand-in (kept running across restarts, as Discord is), and kills it when the stand-in receives,
or has just handled but not yet answered, the k-th message post (k and the phase drawn from a seeded RNG).
The bot is restarted until every slot of the round has a final status, then each slot is checked against what
is really in the channels: one post (and the log names it) or a reason - never two posts, never a silent gap.

Rounds: "nonce" (restarts inside the nonce window: re-sends with the same nonce), "search" (nonce window 0, so
every recovery searches the channel, one channel without Read Message History), "5xx" (Discord stores posts
and then answers 500, more times than discord.py retries, while kills continue).

Nothing depends on timing: kills happen at stand-in events, and the test waits for states (process exit,
final rows in the state DB), with generous timeouts only against hangs. CI runs a bounded set; a soak is
`BRIEFBOT_CRASH_SOAK=<rounds> pytest tests/crash -s` (optionally BRIEFBOT_CRASH_SEED, BRIEFBOT_CRASH_CHANNELS,
BRIEFBOT_CRASH_KILLS), which prints the figures and writes them to BRIEFBOT_CRASH_REPORT if set.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.digests.keys import DeliveryKey
from bot.digests.schedule import previous_slot
from bot.digests.store import SubscriptionStore, to_db_time
from bot.state.db import open_state_db
from devtools.harness import bot_environ
from devtools.standin import (
    DEFAULT_TOKEN,
    ChannelSpec,
    DiscordStandin,
    GuildSpec,
    Perm,
    Record,
    StoredMessage,
    UserSpec,
    running_standin,
)
from tests.conftest import REPO_ROOT, RealBase

MESSAGES = "/channels/{channel_id}/messages"
FINAL = ("sent", "failed", "missed", "skipped")
HANG_GUARD = 90.0  # seconds; only ever reached if something hangs

SOAK = int(os.environ.get("BRIEFBOT_CRASH_SOAK", "0"))
SEED = int(os.environ.get("BRIEFBOT_CRASH_SEED", "20261203"))
CHANNELS = int(os.environ.get("BRIEFBOT_CRASH_CHANNELS", "25" if SOAK else "8"))
KILLS = int(os.environ.get("BRIEFBOT_CRASH_KILLS", "5" if SOAK else "2"))

GUILD = GuildSpec(
    id=1_200_000_000_000_000_001,
    channels=(
        *(ChannelSpec(f"digest-{n:02d}", id=1_200_000_000_000_001_000 + n) for n in range(CHANNELS)),
        ChannelSpec("sealed", id=1_200_000_000_000_002_000, bot_deny=Perm.READ_MESSAGE_HISTORY),
    ),
)


@dataclass
class Figures:
    rounds: int = 0
    starts: int = 0
    kills: int = 0
    kills_after_create: int = 0  # killed with the post stored but not yet answered
    kills_in_search: int = 0  # killed while searching a channel for an interrupted digest
    slots: int = 0
    posted_once: int = 0
    duplicates: int = 0
    lost: int = 0  # no post and no explanation, or a 'sent' without its post
    explained: int = 0  # not posted (or not verifiable), with the reason in the history
    explained_but_posted: int = 0  # of those, the channel does hold one copy (e.g. posted, then unverifiable)
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.statuses.update(other.statuses)
        self.reasons.update(other.reasons)


@dataclass(frozen=True)
class Slot:
    subscription_id: int
    channel_id: int
    at: datetime

    @property
    def key(self) -> DeliveryKey:
        return DeliveryKey(self.subscription_id, self.at)


class BotProcess:
    """Starts, kills and restarts the bot process; reads its state DB and the stand-in's channels."""

    def __init__(self, standin: DiscordStandin, data_dir: Path, real_base: RealBase, logs: Path) -> None:
        self.standin = standin
        self.data_dir = data_dir
        self.real_base = real_base
        self.logs = logs
        self.figures = Figures()
        self.proc: asyncio.subprocess.Process | None = None

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    async def subscribe(self, channels: list[int]) -> list[Slot]:
        """Subscriptions created two hours ago whose daily time passed three minutes ago: due now."""
        now = datetime.now(UTC)
        due = (now - timedelta(minutes=3)).strftime("%H:%M")
        db = await open_state_db(self.state_db)
        try:
            store = SubscriptionStore(db, clock=lambda: now - timedelta(hours=2), max_per_guild=1000)
            slots = []
            for channel_id in channels:
                sub = await store.create(
                    guild_id=self.standin.guild_id(),
                    channel_id=channel_id,
                    created_by=self.standin.user_id("bob"),
                    frequency="daily",
                    time=due,
                    timezone="UTC",
                    size=3,
                )
                slots.append(Slot(sub.id, channel_id, previous_slot(sub, now)))
            return slots
        finally:
            await db.close()

    async def start(self, environ: dict[str, str]) -> asyncio.subprocess.Process:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))},
            "PYTHONPATH": str(REPO_ROOT),
            "DISCORD_TOKEN": DEFAULT_TOKEN,
            # Configured as the in-process tests configure the bot (global commands, like a production run).
            **bot_environ(
                self.standin,
                self.data_dir,
                seeds_dir=self.real_base.seeds_dir,
                curated_dir=self.real_base.curated_dir,
                dev_guild=False,
            ),
            "BRIEFBOT_LOG_LEVEL": "INFO",
            "CRASH_API_URL": self.standin.api_url,
            "CRASH_GATEWAY_URL": self.standin.gateway_url,
            "CRASH_RETRY_SLEEP_SCALE": "0.01",
            **environ,
        }
        self.figures.starts += 1
        log = (self.logs / f"bot-{self.figures.starts:03d}.log").open("wb")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.crash.standin_bot", env=env, cwd=REPO_ROOT, stdout=log, stderr=log
        )
        log.close()
        return self.proc

    def arm(self, proc: asyncio.subprocess.Process, target: int, phase: str, method: str = "POST") -> None:
        """SIGKILL `proc` when the stand-in is at `phase` of the `target`-th request of this process to the
        channel messages route: a post (POST), or a search of the channel (GET)."""
        seen = 0

        def hook(record: Record, at: str) -> None:
            nonlocal seen
            if record.method != method or record.route != MESSAGES or at != phase:
                return
            seen += 1
            if seen == target and proc.returncode is None:
                os.kill(proc.pid, signal.SIGKILL)  # synchronous: the answer to this request never arrives
                self.figures.kills += 1
                self.figures.kills_after_create += (
                    method == "POST" and at == "handled" and record.message_id is not None
                )
                self.figures.kills_in_search += method == "GET"
                self.standin.request_hooks.remove(hook)

        self.standin.request_hooks.append(hook)

    def statuses(self, slots: list[Slot]) -> dict[Slot, tuple[str, str | None, int | None]]:
        conn = sqlite3.connect(self.state_db)
        try:
            found = {}
            for slot in slots:
                row = conn.execute(
                    "SELECT status, reason, message_id FROM deliveries WHERE subscription_id = ? AND slot = ?",
                    (slot.subscription_id, to_db_time(slot.at)),
                ).fetchone()
                if row is not None:
                    found[slot] = (row[0], row[1], row[2])
            return found
        finally:
            conn.close()

    def unfinished(self, slots: list[Slot]) -> int:
        done = self.statuses(slots)
        return sum(1 for s in slots if s not in done or done[s][0] not in FINAL)

    async def run_until_final(
        self, slots: list[Slot], rng: random.Random, kills: int, env: dict[str, str]
    ) -> None:
        loop = asyncio.get_running_loop()
        first_kill_done = False
        while True:
            left = self.unfinished(slots)
            proc = await self.start(env)
            if kills > 0 and left > 0:
                # The first kill of a round always fires (every fresh slot is posted); later ones may also
                # hit a channel search, when the round has them.
                searches = first_kill_done and env.get("BRIEFBOT_DIGEST_NONCE_WINDOW_SECONDS") == "0"
                if searches and rng.random() < 1 / 3:
                    self.arm(proc, 1, "received", "GET")
                else:
                    self.arm(proc, rng.randint(1, left), rng.choice(("received", "handled")))
                kills -= 1
                first_kill_done = True
            deadline = loop.time() + HANG_GUARD
            while proc.returncode is None and self.unfinished(slots) > 0:
                if loop.time() > deadline:
                    raise AssertionError(f"hang: slots still open after {HANG_GUARD}s\n{self.log_tail()}")
                with contextlib.suppress(TimeoutError):  # wake on its exit, or look at the state DB again
                    await asyncio.wait_for(asyncio.shield(proc.wait()), 0.05)
            self.standin.request_hooks.clear()
            if proc.returncode is None:  # everything final: stop it (nothing is in flight any more)
                proc.kill()
                await asyncio.wait_for(proc.wait(), HANG_GUARD)
                return
            if proc.returncode != -signal.SIGKILL:
                raise AssertionError(f"the bot exited by itself ({proc.returncode})\n{self.log_tail()}")

    def log_tail(self) -> str:
        path = self.logs / f"bot-{self.figures.starts:03d}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def posts_of(self, slot: Slot) -> list[StoredMessage]:
        marker = slot.key.marker
        return [
            m
            for m in self.standin.channel_messages(slot.channel_id)
            if any(marker in (e.get("footer") or {}).get("text", "") for e in m.embeds)
        ]

    def check(self, slots: list[Slot]) -> Figures:
        """Every slot: one post recorded as sent, or a reason; never two posts."""
        figures = Figures(rounds=1, slots=len(slots))
        final = self.statuses(slots)
        problems = []
        for slot in slots:
            status, reason, message_id = final[slot]
            posts = self.posts_of(slot)
            figures.statuses[status] += 1
            if len(posts) > 1:
                figures.duplicates += 1
                problems.append(f"{slot}: {len(posts)} posts")
            if status == "sent":
                if len(posts) == 1 and posts[0].id == message_id:
                    figures.posted_once += 1
                else:
                    figures.lost += 1
                    problems.append(f"{slot}: sent as {message_id}, channel has {[p.id for p in posts]}")
            elif reason:
                figures.explained += 1
                figures.explained_but_posted += len(posts) == 1
            else:
                figures.lost += 1
                problems.append(f"{slot}: {status} without a reason")
            if reason:
                figures.reasons[f"{status}: {reason}"] += 1
        assert not problems, "\n".join(problems)
        return figures


@pytest.fixture
async def bot_process(tmp_path: Path, real_base: RealBase) -> AsyncIterator[BotProcess]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(real_base.db_path, data / "factbase.db")
    logs = tmp_path / "logs"
    logs.mkdir()
    async with running_standin(guilds=(GUILD,), users=(UserSpec("bob"),)) as standin:
        h = BotProcess(standin, data, real_base, logs)
        try:
            yield h
        finally:
            if h.proc is not None and h.proc.returncode is None:
                h.proc.kill()
                await h.proc.wait()


async def _round(h: BotProcess, rng: random.Random, kind: str) -> Figures:
    names = [f"digest-{n:02d}" for n in range(CHANNELS)]
    channels = [h.standin.channel_id(name) for name in names]
    env: dict[str, str] = {}
    if kind == "search":
        env["BRIEFBOT_DIGEST_NONCE_WINDOW_SECONDS"] = "0"
        channels.append(h.standin.channel_id("sealed"))
    if kind == "5xx":
        for name in rng.sample(names, k=max(1, CHANNELS // 2)):
            h.standin.inject_fault(
                500,
                path=r"^/channels/\d+/messages$",
                method="POST",
                channel_id=name,
                times=7,
                after_handling=True,
            )
    channels += channels[:2]  # two channels carry two subscriptions: posts queue behind each other
    slots = await h.subscribe(channels)
    await h.run_until_final(slots, rng, KILLS, env)
    h.standin.clear_faults()
    return h.check(slots)


def _report(figures: Figures) -> None:
    data = {k: (dict(v) if isinstance(v, Counter) else v) for k, v in vars(figures).items()}
    print("\ncrash test figures:", json.dumps(data, indent=2, ensure_ascii=False))
    target = os.environ.get("BRIEFBOT_CRASH_REPORT")
    if target:
        Path(target).write_text(json.dumps(data, indent=2, ensure_ascii=False))


@pytest.mark.timeout(0 if SOAK else 300)  # a hang guard (it takes ~25 s); a soak runs as long as asked
async def test_sigkill_during_delivery_never_loses_or_doubles_a_digest(bot_process: BotProcess) -> None:
    kinds = ["nonce", "search", "5xx"] * max(1, SOAK)
    for number, kind in enumerate(kinds):
        rng = random.Random(f"{SEED}-{number}-{kind}")
        bot_process.figures.add(await _round(bot_process, rng, kind))
    figures = bot_process.figures
    _report(figures)
    assert figures.kills >= len(kinds)  # every round really was interrupted
    assert figures.duplicates == 0 and figures.lost == 0
    assert figures.posted_once + figures.explained == figures.slots
    bot_process.standin.assert_no_violations()
