"""The chart-drawing worker process never outlives the bot that started it, however the bot ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]

# A stand-in bot: starts the drawing worker, reports the worker's pid, then waits to be killed.
_BOT = """
import os, sys
from bot.render import charts
print(charts._submit(os.getpid).result(timeout=120), flush=True)
sys.stdin.read()
"""


def _gone(pid: int) -> bool:
    try:
        return (
            psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        )  # exited, not yet reaped by its new parent
    except psutil.NoSuchProcess:
        return True


def test_the_worker_exits_when_the_bot_is_killed() -> None:
    bot = subprocess.Popen(
        [sys.executable, "-c", _BOT], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    worker = 0
    try:
        assert bot.stdout is not None
        worker = int(bot.stdout.readline())
        assert worker != bot.pid and not _gone(worker)
        bot.send_signal(signal.SIGKILL)  # no clean-up code of the bot's runs
        bot.wait()
        # Liveness, not speed: the worker notices within about a second; the bound only stops a broken build
        # from hanging the suite.
        deadline = time.monotonic() + 60
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(worker), "the chart worker outlived the killed bot"
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
        if worker and not _gone(worker):
            os.kill(worker, signal.SIGKILL)
