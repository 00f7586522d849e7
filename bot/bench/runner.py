"""Run the benchmark: generate each size, measure it in fresh worker processes, and summarise.

Per size, three workers run one after another (never side by side, so they do not share the two cores):
`compile` (cold build), `serve` (warm start, every interaction, digests) and `baseline` (straight scan).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bot.bench.generate import Curated, Generator, Layout
from bot.bench.queries import MIX_NOTE, QueryMix
from bot.bench.report import machine_info

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
WORKERS = ("compile", "serve", "baseline")


class BenchError(Exception):
    pass


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_worker(kind: str, root: Path) -> dict[str, Any]:
    """One measurement in a fresh interpreter; its RSS is also sampled from here as a cross-check."""
    out = root / f"{kind}.result.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
    cmd = [sys.executable, "-m", "bot", "bench", "--worker", kind, "--dir", str(root), "--out", str(out)]
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    sampled = 0
    try:
        watched = psutil.Process(proc.pid)
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                sampled = max(sampled, watched.memory_info().rss)
            time.sleep(0.05)
    except psutil.Error:
        pass
    if proc.wait() != 0 or not out.is_file():
        raise BenchError(f"the {kind} worker failed (exit {proc.returncode}) on {root}")
    result: dict[str, Any] = json.loads(out.read_text())
    result["sampled_rss_mb"] = round(sampled / 2**20, 1)
    return result


def worker_main(kind: str, root: Path, out: Path) -> int:
    from bot.bench import measure

    layout = Layout(root)
    plan = json.loads(layout.queries.read_text()) if layout.queries.is_file() else {}
    if kind == "compile":
        result = asyncio.run(measure.compile_worker(layout))
    elif kind == "serve":
        result = asyncio.run(measure.serve_worker(layout, plan["queries"], plan["digests"]))
    elif kind == "baseline":
        result = asyncio.run(measure.baseline_worker(layout, plan["queries"]))
    else:
        raise BenchError(f"unknown worker {kind!r}")
    out.write_text(json.dumps(result))
    return 0


def measure_size(
    gen: Generator,
    root: Path,
    scale: int,
    per_command: int,
    seed: int,
    digests: int = 10_000,
    log: Callable[[str], None] = _log,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the summary entry of one size, its details)."""
    log(f"[{scale}×] generating…")
    generated = gen.generate(root, scale)
    queries = QueryMix(gen, scale, seed).build(per_command)
    generated.layout.queries.write_text(json.dumps({"queries": queries, "digests": digests}))
    log(
        f"[{scale}×] {generated.facts:,} facts, {generated.entities:,} entities, {generated.sources:,} sources "
        f"generated in {generated.seconds:.1f} s; cold compile…"
    )
    compiled = run_worker("compile", root)
    log(
        f"[{scale}×] compiled in {compiled['compile_s']:.2f} s; warm start and {per_command} interactions per kind…"
    )
    served = run_worker("serve", root)
    log(f"[{scale}×] warm start {served['warm_start_s']:.3f} s; baseline…")
    base = run_worker("baseline", root)
    size = {
        "scale": scale,
        "facts": compiled["facts"],
        "compile_s": compiled["compile_s"],
        "warm_start_s": served["warm_start_s"],
        "rss_mb": max(served["rss_mb"], served["sampled_rss_mb"]),
        "latency_ms": served["latency_ms"],
        "baseline_latency_ms": base["baseline_latency_ms"],
        "digests_10k_s": served["digests_10k_s"],
    }
    details = {
        "scale": scale,
        "entities": generated.entities,
        "sources": generated.sources,
        "generate_s": round(generated.seconds, 2),
        "queries_per_command": per_command,
        "compile_rss_mb": max(compiled["compile_rss_mb"], compiled["sampled_rss_mb"]),
        "rss_after_start_mb": served["rss_after_start_mb"],
        "outcomes": served["outcomes"],
        "digests_10k_warm_s": served["digests_10k_warm_s"],
        "baseline_load_s": base["baseline_load_s"],
        "baseline_rss_mb": base["baseline_rss_mb"],
        "baseline_outcomes": base["baseline_outcomes"],
        "digests_note": served["digests_note"],
    }
    return size, details


def run_bench(
    seeds_dir: Path,
    curated_dir: Path,
    scales: list[int],
    per_command: int = 300,
    seed: int = 20261125,
    workdir: Path | None = None,
    keep: bool = False,
    digests: int = 10_000,
    log: Callable[[str], None] = _log,
) -> dict[str, Any]:
    started = time.perf_counter()
    gen = Generator(Curated.load(seeds_dir, curated_dir), seed)
    base_dir = Path(tempfile.mkdtemp(prefix="briefbot-bench-", dir=workdir))
    sizes: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    try:
        for scale in scales:
            root = base_dir / f"x{scale}"
            size, detail = measure_size(gen, root, scale, per_command, seed, digests, log)
            sizes.append(size)
            details.append(detail)
            if not keep:
                shutil.rmtree(root, ignore_errors=True)
    finally:
        if keep:
            log(f"generated bases kept in {base_dir}")
        else:
            shutil.rmtree(base_dir, ignore_errors=True)
    notes = [
        MIX_NOTE,
        "rss_mb is the peak RSS of the serving process (warm start, every interaction, digests); the cold "
        "build's own peak is details[].compile_rss_mb",
        "compile_s is a cold `build_if_needed` into an empty directory (hash, load and verify, compile)",
        "digests_10k_s: 10,000 daily subscriptions due at 08:00 UTC, yesterday's digest sent, nothing added "
        "since; a fresh composer (pools built); details[].digests_10k_warm_s repeats it with pools cached",
        "outcomes: answered / not_found (a brief saying the sources do not cover it) / error (a message such "
        "as an unknown name); the ratio columns compare latencies only",
    ]
    notes += sorted({d["digests_note"] for d in details if d["digests_note"]})
    return {
        "machine": machine_info(),
        "sizes": sizes,
        "notes": notes,
        "details": details,
        "total_s": round(time.perf_counter() - started, 1),
    }
