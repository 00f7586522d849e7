"""What a worker process measures on one synthetic base: cold compile, or warm start plus interaction latency.

Each runs in a fresh interpreter (see `bot.bench.runner`), so its peak RSS is its own.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from bot.bench.generate import Layout
from bot.bench.queries import COMMANDS
from bot.bench.stats import LatencyStats, latency_stats

MAX_CHARTS = 50  # charts kept per kind for timing their drawing


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (0.0 where the platform does not report it).

    On Linux from the kernel's high-water mark of this process's own memory (VmHWM). `getrusage` is no use
    there: across fork and exec it carries over the parent's peak, so every worker of the benchmark would
    report at least the runner's memory at the moment it was started (210 MB at 1,000x)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # in kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def count_facts(compiled: Path) -> int:
    db = sqlite3.connect(f"file:{compiled}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM facts").fetchone()[0])
    finally:
        db.close()


# What an interaction came to: an answer, a "not covered / no figure" brief, or an error message.
ANSWERED, NOT_FOUND, ERROR = "answered", "not_found", "error"


async def time_each(
    items: Sequence[Any], fn: Callable[[Any], Awaitable[str]]
) -> tuple[list[int], dict[str, int]]:
    """Run `fn` on every item, timing each; returns (nanoseconds per item, how many of each outcome)."""
    samples: list[int] = []
    outcomes = {ANSWERED: 0, NOT_FOUND: 0, ERROR: 0}
    for item in items:
        started = time.perf_counter_ns()
        outcome = await fn(item)
        samples.append(time.perf_counter_ns() - started)
        outcomes[outcome] += 1
    return samples, outcomes


async def compile_worker(layout: Layout) -> dict[str, Any]:
    """Cold build into an empty directory, as `briefbot build` (and the child the bot starts) does it: in this
    process, so the peak RSS measured here is the compile's."""
    from bot.factbase.runtime import build

    if layout.compiled.exists():
        layout.compiled.unlink()
    started, cpu = time.perf_counter(), time.process_time()
    report = build(layout.seeds, layout.data, layout.compiled)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not report.rebuilt:
        raise RuntimeError("the cold build did not rebuild")
    return {
        "compile_s": round(seconds, 3),
        # On a shared machine the wall time also counts waiting for a core; this is the build's own work.
        "compile_cpu_s": round(cpu, 3),
        "compile_rss_mb": round(peak_rss_mb(), 1),
        "facts": count_facts(layout.compiled),
    }


async def serve_worker(
    layout: Layout, queries: dict[str, list[Any]], digests: int = 10_000
) -> dict[str, Any]:
    """Warm start (inputs unchanged: hash, open, load the entity index), then every interaction of the mix."""
    from bot.adapters.cli.console import reply_payloads
    from bot.bench.charts import chart_specs
    from bot.bench.digests import time_digests
    from bot.commands import run_command
    from bot.core import open_core

    started = time.perf_counter()
    core = await open_core(layout.seeds, layout.data, layout.compiled)
    warm = time.perf_counter() - started
    try:
        if core.build.rebuilt:
            raise RuntimeError("the warm start rebuilt the fact base; inputs changed since the cold build")
        rss_after_start = peak_rss_mb()
        latency: dict[str, LatencyStats] = {}
        outcomes: dict[str, dict[str, int]] = {}
        specs: dict[str, list[Any]] = {}  # the charts the answers would carry, drawn and timed at the end
        for command in COMMANDS:

            async def answer(options: dict[str, Any], command: str = command) -> str:
                reply = await run_command(core, command, options, draw=False)
                reply_payloads(reply)
                if reply.chart is not None and len(specs.setdefault(reply.chart.kind, [])) < MAX_CHARTS:
                    specs[reply.chart.kind].append(reply.chart.spec)
                if not reply.ok:
                    return ERROR
                return ANSWERED if reply.brief is None or reply.brief.found else NOT_FOUND

            await answer(
                queries[command][0]
            )  # first use of each path (imports, statement cache) is not timed
            samples, outcomes[command] = await time_each(queries[command], answer)
            latency[command] = latency_stats(samples)

        async def complete(prefix: str) -> str:
            matches = core.entities.complete(prefix[:100], types={"country"}, limit=25)
            choices = [
                {
                    "name": (
                        m.entity.name if m.matched == m.entity.name else f"{m.entity.name} ({m.matched})"
                    )[:100],
                    "value": m.entity.id[:100],
                }
                for m in matches
            ]
            return ANSWERED if choices else NOT_FOUND

        samples, outcomes["autocomplete"] = await time_each(queries["autocomplete"], complete)
        latency["autocomplete"] = latency_stats(samples)
        timing = await time_digests(core, digests)
        for kind, more in (await chart_specs(core)).items():
            specs.setdefault(kind, []).extend(more)
        charts = await _time_charts_apart(specs)
        scale_up = 10_000 / digests
        note = timing.note
        if timing.cold_s is not None and digests != 10_000:
            note = f"digests_10k_s is scaled up from composing {digests:,} digests"
        return {
            "warm_start_s": round(warm, 3),
            "rss_mb": round(peak_rss_mb(), 1),
            "rss_after_start_mb": round(rss_after_start, 1),
            "latency_ms": latency,
            "chart_ms": charts,
            "outcomes": outcomes,
            "digests_10k_s": None if timing.cold_s is None else round(timing.cold_s * scale_up, 3),
            "digests_10k_warm_s": None if timing.warm_s is None else round(timing.warm_s * scale_up, 3),
            "digests_note": note,
        }
    finally:
        await core.close()


async def _time_charts_apart(specs: dict[str, list[Any]]) -> dict[str, Any]:
    """`time_charts` in a process of its own, as the bot draws in its chart worker: the plotting library's
    memory is then not counted in the serving process's peak RSS."""
    import asyncio
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from bot.bench.charts import time_charts

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as drawer:
        result: dict[str, Any] = await asyncio.wrap_future(drawer.submit(time_charts, specs))
    return result


async def baseline_worker(layout: Layout, queries: dict[str, list[Any]]) -> dict[str, Any]:
    """The same interactions answered by a straight scan over every fact held in Python."""
    from bot.bench.baseline import Baseline

    started = time.perf_counter()
    base = Baseline.load(layout.compiled)
    load_s = time.perf_counter() - started
    latency: dict[str, LatencyStats] = {}
    outcomes: dict[str, dict[str, int]] = {}
    for command in COMMANDS:

        async def answer(options: dict[str, Any], command: str = command) -> str:
            return base.answer(command, options)

        await answer(queries[command][0])
        samples, outcomes[command] = await time_each(queries[command], answer)
        latency[command] = latency_stats(samples)

    async def complete(prefix: str) -> str:
        return ANSWERED if base.complete(prefix) else NOT_FOUND

    samples, outcomes["autocomplete"] = await time_each(queries["autocomplete"], complete)
    latency["autocomplete"] = latency_stats(samples)
    return {
        "baseline_load_s": round(load_s, 3),
        "baseline_rss_mb": round(peak_rss_mb(), 1),
        "baseline_latency_ms": latency,
        "baseline_outcomes": outcomes,
    }


# One more document and the facts a reviewer accepted from it, as `briefbot ingest` and `review` write them.
ADDED_TEXT = (
    "Kazakhstan and China opened a second rail crossing at Bakhty in 2024, officials said.\n\n"
    "Freight through the crossing is planned to reach 20 million tonnes a year.\n"
)
ADDED_FACTS = [
    ("Kazakhstan and China opened a second rail crossing at Bakhty in 2024", "event", None),
    ("Freight through the crossing is planned to reach 20 million tonnes a year.", "figure", "20 million"),
]


async def add_worker(layout: Layout) -> dict[str, Any]:
    """Adding one document to a built base: the build after `ingest` and `review`, with its peak RSS."""
    from bot.factbase.runtime import build

    (layout.seeds / "999_bench_added.txt").write_text(ADDED_TEXT, encoding="utf-8")
    meta = {
        "id": "bench-added-document",
        "file": "999_bench_added.txt",
        "title": "Bench: an added document",
        "outlet": "Unknown outlet (not stated in the document)",
        "published": None,
        "date_note": "A benchmark document.",
        "doc_type": "news report",
    }
    (layout.seeds / "999_bench_added.yaml").write_text(json.dumps(meta), encoding="utf-8")
    facts = []
    for n, (quote, kind, figure) in enumerate(ADDED_FACTS):
        fact: dict[str, Any] = {
            "id": f"bench-added-{n}",
            "statement": quote,
            "kind": kind,
            "entities": ["kazakhstan", "china"],
            "citations": [{"source": "bench-added-document", "quote": quote}],
        }
        if figure:
            fact["figure"] = {"amount": 20, "scale": "million", "unit": "tonnes", "as_written": figure}
        facts.append(fact)
    (layout.data / "facts" / "zz_bench_added.json.yaml").write_text(
        json.dumps({"added": "2026-12-04", "facts": facts}), encoding="utf-8"
    )
    started, cpu = time.perf_counter(), time.process_time()
    report = build(layout.seeds, layout.data, layout.compiled)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "add_document_s": round(seconds, 3),
        "add_document_cpu_s": round(cpu, 3),
        "add_document_rss_mb": round(peak_rss_mb(), 1),
        "added_only": report.added_only,
        "facts_after": count_facts(layout.compiled),
    }
