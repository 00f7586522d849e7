"""`briefbot run` when Discord cannot be reached, rejects the token, or comes back: never a traceback.

Waits between attempts go through an injected `sleep` that only records them, so nothing here waits on a clock.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.adapters.discord.client import Briefbot, Reconnect, create_bot, run_bot, serve
from bot.config import Settings
from devtools.standin import DEFAULT_TOKEN, patch_discord, running_standin
from tests.conftest import RealBase

FEW = Reconnect(attempts=3, first=5, longest=8)


@pytest.fixture
def unreachable() -> Iterator[None]:
    """discord.py pointed at a local port that refuses every connection (bound, never listening)."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        with patch_discord(f"http://127.0.0.1:{port}/api/v10", f"ws://127.0.0.1:{port}/"):
            yield


@pytest.fixture
def settings(tmp_path: Path, real_base: RealBase) -> Settings:
    shutil.copy2(real_base.db_path, tmp_path / "factbase.db")
    environ = {
        "DISCORD_TOKEN": DEFAULT_TOKEN,
        "BRIEFBOT_DATA_DIR": str(tmp_path),
        "BRIEFBOT_SEEDS_DIR": str(real_base.seeds_dir),
        "BRIEFBOT_CURATED_DIR": str(real_base.curated_dir),
    }
    return Settings.from_env(env_file=None, environ=environ)


class Waits:
    def __init__(self) -> None:
        self.seen: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seen.append(seconds)


def test_waits_double_up_to_the_longest_and_stop_after_the_last_attempt() -> None:
    assert list(Reconnect(attempts=6, first=5, longest=30).waits()) == [5, 10, 20, 30, 30]
    assert list(Reconnect(attempts=1).waits()) == []


@pytest.mark.usefixtures("unreachable")
async def test_unreachable_discord_is_retried_then_given_up_with_a_clear_message(
    settings: Settings, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    waits = Waits()
    with caplog.at_level(logging.WARNING, logger="bot"):
        assert await serve(settings, reconnect=FEW, sleep=waits) == 1
    assert waits.seen == [5, 8]
    retries = [r.getMessage() for r in caplog.records if r.name == "bot.adapters.discord.client"]
    assert len(retries) == 2 and "attempt 1 of 3 failed, trying again in 5 s" in retries[0], retries
    assert all(r.exc_info is None for r in caplog.records)  # logged as a line, not a traceback
    err = capsys.readouterr().err
    assert err.startswith("Could not reach Discord after 3 attempts (last: Cannot connect to host 127.0.0.1")
    assert "Traceback" not in err


async def test_a_rejected_token_is_one_clear_message_and_no_retry(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    waits = Waits()
    async with running_standin() as standin:
        wrong = settings.model_copy(update={"discord_token": SecretStr("not-the-token")})
        with standin.patched():
            assert await serve(wrong, reconnect=FEW, sleep=waits) == 1
        logins = standin.find_records(method="GET", route="/users/@me")
    assert waits.seen == [] and len(logins) == 1
    assert capsys.readouterr().err.startswith("Discord rejected the token in DISCORD_TOKEN.")


async def test_the_bot_connects_once_discord_is_back(settings: Settings, unreachable: None) -> None:
    started: list[Briefbot] = []
    second = asyncio.Event()

    def make_bot(settings: Settings) -> Briefbot:
        started.append(create_bot(settings, guild_ready_timeout=0.05))
        if len(started) == 2:
            second.set()
        return started[-1]

    async with running_standin() as standin:
        back = standin.patched()

        async def discord_returns(seconds: float) -> None:
            back.__enter__()  # the next attempt finds the stand-in

        running = asyncio.create_task(
            serve(settings, reconnect=FEW, sleep=discord_returns, make_bot=make_bot)
        )
        try:
            await second.wait()
            await started[-1].wait_until_ready()
            await started[-1].close()
            assert await running == 0
        finally:
            back.__exit__(None, None, None)
    assert started[0].is_closed()  # the failed attempt's client was closed, not left half open


@pytest.fixture
def ctrl_c_reaches_python() -> Iterator[None]:
    """Ctrl-C as in a terminal, however the tests were started: a shell starts a background job (`cmd &`) with
    SIGINT ignored, and a process never undoes that for itself, so the run would not see the signal at all."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "docker-stop"])
def test_a_stop_signal_while_waiting_to_retry_ends_the_run_cleanly(
    settings: Settings,
    unreachable: None,
    ctrl_c_reaches_python: None,
    stop: signal.Signals,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def stopped_while_waiting(seconds: float) -> None:
        os.kill(os.getpid(), stop)
        await asyncio.Event().wait()  # only the signal ends this wait

    assert run_bot(settings, reconnect=FEW, sleep=stopped_while_waiting) == 0
    assert "Traceback" not in capsys.readouterr().err
