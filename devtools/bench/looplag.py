"""Event-loop responsiveness under a burst: the real bot against the local Discord stand-in, 200 interactions at once.

A sampler task sleeps 5 ms at a time and records how late it wakes up: that overshoot is how long something held
the event loop (the gateway heartbeat, every other interaction and Discord's 3 s deadline all wait on it). Every
callback the loop runs is also timed (a cheap wrapper around `asyncio.Handle._run`, no asyncio debug mode, which
would slow everything down), so a lag comes with the names of the callbacks that caused it.

Run: `python -m devtools.bench.looplag` (prints JSON). Loopback only (127.0.0.1); the fact base is compiled into a
temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from devtools.bench.final_answer import final_answer
from devtools.harness import bot_settings, running_bot
from devtools.standin import DiscordStandin, InteractionFailed, running_standin
from devtools.standin.base import DISCORD_DEADLINE_S, NO_DEADLINE_S

SAMPLE_INTERVAL_S = 0.005
SLOW_CALLBACK_S = 0.010  # callbacks at least this long are reported with their name
DEADLINE_S = DISCORD_DEADLINE_S

# (kind, command, options, focused option for autocomplete): a realistic mix of what people ask.
MIX: list[tuple[str, str, dict[str, Any], str | None]] = [
    ("slash", "country", {"name": "Kazakhstan"}, None),
    ("slash", "country", {"name": "Tajikistan"}, None),
    ("slash", "country", {"name": "Kazakstan"}, None),  # a miss with a suggestion
    ("slash", "project", {"name": "Ozodi Tunnel"}, None),
    ("slash", "project", {"name": "Belt and Road Initiative"}, None),
    ("slash", "figure", {"query": "financing"}, None),
    ("slash", "figure", {"query": "gas pipeline", "country": "Kazakhstan"}, None),
    ("slash", "search", {"query": "How long is the China–Kazakhstan border?"}, None),
    ("slash", "search", {"query": "vaccines", "country": "Kyrgyzstan"}, None),
    ("slash", "search", {"query": 'NEAR(a b) AND OR "unbalanced'}, None),
    ("slash", "fact", {"id": "ser-kz-china-border-length"}, None),
    ("slash", "timeline", {}, None),
    ("slash", "timeline", {"about": "Tajikistan"}, None),
    ("slash", "compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"}, None),
    ("slash", "source", {"name": "Diplomat"}, None),
    ("autocomplete", "country", {"name": "Ka"}, "name"),
    ("autocomplete", "project", {"name": "o"}, "name"),
    ("autocomplete", "fact", {"id": "ser-"}, "id"),
    ("autocomplete", "source", {"name": "the"}, "name"),
    ("autocomplete", "compare", {"b": "Ky"}, "b"),
]


class CallbackTimer:
    """Times every callback the event loop runs while installed; keeps the slowest ones with their names."""

    def __init__(self, threshold: float = SLOW_CALLBACK_S) -> None:
        self.threshold = threshold
        self.slow: list[tuple[float, str]] = []
        self.longest = 0.0

    @contextlib.contextmanager
    def installed(self) -> Iterator[CallbackTimer]:
        original = asyncio.Handle._run
        timer = self

        # Named `self` like the method it replaces, so the two signatures are the same to a type checker.
        def timed_run(self: asyncio.Handle) -> None:
            started = time.perf_counter()
            try:
                original(self)
            finally:
                took = time.perf_counter() - started
                if took > timer.longest:
                    timer.longest = took
                if took >= timer.threshold:
                    timer.slow.append((took, _describe(self)))

        asyncio.Handle._run = timed_run  # type: ignore[method-assign]
        try:
            yield self
        finally:
            asyncio.Handle._run = original  # type: ignore[method-assign]

    def top(self, n: int = 5) -> list[dict[str, Any]]:
        return [
            {"ms": round(took * 1000, 2), "callback": what}
            for took, what in sorted(self.slow, reverse=True)[:n]
        ]


def _describe(handle: asyncio.Handle) -> str:
    callback = getattr(handle, "_callback", None)
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        # Where the step ended: our own coroutines the task is now suspended in, outermost first (the step ran
        # the code just before each of these lines; nothing once the task finished).
        chain: list[str] = []
        inner: Any = coro
        while inner is not None and getattr(inner, "cr_frame", None) is not None:
            code = inner.cr_frame.f_code
            if "site-packages" not in code.co_filename:
                chain.append(f"{inner.__qualname__}:{inner.cr_frame.f_lineno}")
            inner = getattr(inner, "cr_await", None)
        where = f", suspended in {' > '.join(chain[1:])}" if len(chain) > 1 else ""
        return f"task {task.get_name()} ({getattr(coro, '__qualname__', coro)}){where}"
    return repr(handle)[:200]


class LagSampler:
    """Sleeps `interval` at a time and records how late each wake-up was (seconds)."""

    def __init__(self, interval: float = SAMPLE_INTERVAL_S) -> None:
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            expected = loop.time() + self.interval
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, loop.time() - expected))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="looplag-sampler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _ms(value: float) -> float:
    return round(value * 1000, 2)


Mix = Sequence[tuple[str, str, dict[str, Any], str | None]]


async def burst(
    standin: DiscordStandin, n: int, mix: Mix = MIX, deadline: float | None = DEADLINE_S
) -> tuple[bool, list[str]]:
    """Fire `n` interactions of the mix at once; whether every one was answered (within `deadline` seconds
    unless None), and what went wrong."""
    channel = standin.channel_id("general")
    problems: list[str] = []

    async def one(index: int) -> None:
        kind, command, options, focused = mix[index % len(mix)]
        user = "alice" if index % 2 else "bob"
        try:
            if kind == "autocomplete":
                assert focused is not None
                await standin.dispatch_autocomplete(
                    command, options, focused=focused, channel_id=channel, user=user, timeout=DEADLINE_S + 5
                )
                return
            handle = await standin.dispatch_slash(command, options, channel_id=channel, user=user)
            await handle.response(timeout=DEADLINE_S + 5)
            await final_answer(standin, handle, timeout=DEADLINE_S + 10)
            late = deadline is not None and (handle.latency or 0) > deadline
            if not handle.acknowledged or late:
                problems.append(f"/{command} {options}: acknowledged after {handle.latency} s")
        except InteractionFailed as exc:
            problems.append(f"{kind} /{command} {options}: {exc}")

    await asyncio.gather(*(one(i) for i in range(n)))
    problems += [str(v) for v in standin.violations]
    return not problems, problems


async def measure_loop_lag(
    n_interactions: int = 200,
    *,
    seeds_dir: Path | None = None,
    curated_dir: Path | None = None,
    deadline: float | None = DEADLINE_S,
) -> dict[str, Any]:
    """Start the real bot against the stand-in, fire `n_interactions` at once and measure the event loop's lag.

    With `deadline` None, a late acknowledgement is neither rejected (as Discord would) nor counted as a problem.

    Returns {"interactions", "max_lag_ms", "p99_lag_ms", "all_answered", "latency_ms": {"p50", "p99", "max"},
    "samples", "slowest_callbacks", "problems"}.
    """
    with tempfile.TemporaryDirectory(prefix="briefbot-looplag-") as tmp:
        async with running_standin(interaction_deadline=deadline or NO_DEADLINE_S) as standin:
            settings = bot_settings(standin, Path(tmp), seeds_dir=seeds_dir, curated_dir=curated_dir)
            async with running_bot(standin, settings, timeout=60):
                # One warm-up answer, so first-use costs (imports, caches) are not counted as lag under load.
                warm = await standin.dispatch_slash("country", {"name": "Kazakhstan"}, user="alice")
                await final_answer(standin, warm, timeout=10)
                already = len(standin.interaction_latencies())
                sampler = LagSampler()
                timer = CallbackTimer()
                with timer.installed():
                    sampler.start()
                    await asyncio.sleep(SAMPLE_INTERVAL_S * 4)  # a few idle samples first
                    try:
                        answered, problems = await burst(standin, n_interactions, deadline=deadline)
                    finally:
                        await sampler.stop()
                latencies = standin.interaction_latencies()[already:]
    lags = sampler.lags
    return {
        "interactions": n_interactions,
        "max_lag_ms": _ms(max(lags, default=0.0)),
        "p99_lag_ms": _ms(_percentile(lags, 0.99)),
        "all_answered": answered and len(latencies) == n_interactions,
        "latency_ms": {
            "p50": _ms(statistics.median(latencies)) if latencies else None,
            "p99": _ms(_percentile(latencies, 0.99)),
            "max": _ms(max(latencies, default=0.0)),
        },
        "samples": len(lags),
        "longest_callback_ms": _ms(timer.longest),
        "slowest_callbacks": timer.top(),
        "problems": problems[:20],
    }


def run(coro_factory: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    async def main() -> dict[str, Any]:
        return await coro_factory()

    return asyncio.run(main())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.bench.looplag", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--interactions", type=int, default=200, help="interactions at once (default 200)")
    parser.add_argument("--seeds", type=Path, help="seeds directory (default: the configured one)")
    parser.add_argument("--curated", type=Path, help="curated data directory (default: the configured one)")
    parser.add_argument(
        "--out", type=Path, help="write the JSON here (`briefbot bench` does) instead of printing it"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = run(lambda: measure_loop_lag(args.interactions, seeds_dir=args.seeds, curated_dir=args.curated))
    if args.out is not None:
        args.out.write_text(json.dumps(result))
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
