"""Run the benchmark: generate each size, measure it in fresh worker processes, and summarise.

Per size, three workers run one after another (never side by side, so they do not share the two cores):
`compile` (cold build), `serve` (warm start, every interaction, digests) and `baseline` (straight scan).
Then one burst: the real bot against the local Discord stand-in on the curated base, many interactions at once,
for the event loop's lag and the acknowledgement latency Discord's 3 s deadline is about. The stand-in is a
development tool (`devtools/`, not in the wheel), so the burst runs only from a source checkout; an installed
briefbot says so and measures the rest.
"""

from __future__ import annotations

import asyncio
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

from bot.bench.generate import Curated, Generator, Layout
from bot.bench.queries import MIX_NOTE, QueryMix
from bot.bench.report import machine_info

# The burst's worker, run from the checkout that holds it (see `devtools_checkout`).
BURST_MODULE = "devtools.bench.looplag"
NO_STANDIN = (
    "the local Discord stand-in is a development tool (devtools/ in the source checkout) that the installed "
    "package does not include; run `briefbot bench` from a checkout (pip install -e .) to measure the burst"
)


class BenchError(Exception):
    pass


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def devtools_checkout() -> Path | None:
    """The source checkout briefbot runs from, when it holds the development tools (`devtools/`); else None."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "devtools" / "bench" / "looplag.py").is_file() else None


def run_worker(kind: str, root: Path) -> dict[str, Any]:
    """One measurement in a fresh interpreter, which reports its own peak RSS. The kernel's account of the
    child's peak (`os_peak_rss_mb`) is kept in the raw result but not used: on Linux it includes this
    process's memory at the moment the child was started."""
    out = root / f"{kind}.result.json"
    cmd = [sys.executable, "-m", "bot", "bench", "--worker", kind, "--dir", str(root), "--out", str(out)]
    return _run_measurement(kind, cmd, root, out)


def _run_measurement(
    kind: str, cmd: list[str], root: Path, out: Path, cwd: Path | None = None
) -> dict[str, Any]:
    out.unlink(missing_ok=True)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd=cwd)
    code, peak_rss = _wait_with_peak_rss(proc)
    if code != 0 or not out.is_file():
        raise BenchError(f"the {kind} worker failed (exit {code}) on {root}")
    result: dict[str, Any] = json.loads(out.read_text())
    result["os_peak_rss_mb"] = round(peak_rss / 2**20, 1)
    return result


def _wait_with_peak_rss(proc: subprocess.Popen[bytes]) -> tuple[int, int]:
    """(exit code, peak RSS in bytes; 0 where the platform does not report it) once the process has ended."""
    if not hasattr(os, "wait4"):  # Windows: no per-child resource usage
        return proc.wait(), 0
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    return proc.returncode, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)


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
    elif kind == "add":
        result = asyncio.run(measure.add_worker(layout))
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
    log(f"[{scale}×] adding one document…")
    added = run_worker("add", root)
    size = {
        "scale": scale,
        "facts": compiled["facts"],
        "compile_s": compiled["compile_s"],
        "warm_start_s": served["warm_start_s"],
        "rss_mb": served["rss_mb"],
        "latency_ms": served["latency_ms"],
        "chart_ms": served["chart_ms"],
        "baseline_latency_ms": base["baseline_latency_ms"],
        "digests_10k_s": served["digests_10k_s"],
        "add_one_s": added["add_document_s"],
    }
    details = {
        "scale": scale,
        "entities": generated.entities,
        "sources": generated.sources,
        "generate_s": round(generated.seconds, 2),
        "queries_per_command": per_command,
        "compile_rss_mb": compiled["compile_rss_mb"],
        "compile_cpu_s": compiled["compile_cpu_s"],
        "rss_after_start_mb": served["rss_after_start_mb"],
        "outcomes": served["outcomes"],
        "digests_10k_warm_s": served["digests_10k_warm_s"],
        "baseline_load_s": base["baseline_load_s"],
        "baseline_rss_mb": base["baseline_rss_mb"],
        "baseline_outcomes": base["baseline_outcomes"],
        "digests_note": served["digests_note"],
        "add_document_s": added["add_document_s"],
        "add_document_cpu_s": added["add_document_cpu_s"],
        "add_document_rss_mb": added["add_document_rss_mb"],
        "add_document_incremental": added["added_only"],
    }
    return size, details


def measure_burst(
    seeds_dir: Path,
    curated_dir: Path,
    root: Path,
    interactions: int,
    log: Callable[[str], None] = _log,
    checkout: Path | None = None,
) -> dict[str, Any] | None:
    """The loop-lag measurement (devtools.bench.looplag) in a fresh worker process, run from `checkout` (by
    default the one briefbot runs from); None, said plainly, where there is no checkout with the stand-in."""
    checkout = checkout or devtools_checkout()
    if checkout is None:
        log(f"[burst] skipped: {NO_STANDIN}")
        return None
    root.mkdir(parents=True, exist_ok=True)
    log(f"[burst] the real bot against the local Discord stand-in, {interactions} interactions at once…")
    out = root / "burst.result.json"
    cmd = [sys.executable, "-m", BURST_MODULE, "--interactions", str(interactions)]
    cmd += ["--seeds", str(seeds_dir), "--curated", str(curated_dir), "--out", str(out)]
    result = _run_measurement("burst", cmd, root, out, cwd=checkout)
    log(f"[burst] event loop lag at most {result['max_lag_ms']:.1f} ms")
    return result


def working_folder(workdir: Path | None) -> Path:
    """A new folder for the generated bases inside `workdir` (made, with its parents, if missing) or else the
    system's temporary directory; `BenchError` saying why when it cannot be made."""
    where = workdir if workdir is not None else Path(tempfile.gettempdir())
    try:
        if workdir is not None:
            workdir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="briefbot-bench-", dir=workdir))
    except OSError as exc:
        raise BenchError(f"cannot make a working folder in {where}: {exc.strerror or exc}") from None


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
    burst: int = 200,
) -> dict[str, Any]:
    started = time.perf_counter()
    base_dir = working_folder(workdir)
    sizes: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    try:
        gen = Generator(Curated.load(seeds_dir, curated_dir), seed)
        for scale in scales:
            root = base_dir / f"x{scale}"
            size, detail = measure_size(gen, root, scale, per_command, seed, digests, log)
            sizes.append(size)
            details.append(detail)
            if not keep:
                shutil.rmtree(root, ignore_errors=True)
        burst_result = (
            measure_burst(seeds_dir, curated_dir, base_dir / "burst", burst, log) if burst > 0 else None
        )
    finally:
        if keep:
            log(f"generated bases kept in {base_dir}")
        else:
            shutil.rmtree(base_dir, ignore_errors=True)
    notes = [
        MIX_NOTE,
        "rss_mb is the peak RSS of the serving process (warm start, every interaction, digests); the cold "
        "build's own peak is details[].compile_rss_mb",
        "compile_s is a cold `briefbot build` into an empty directory (hash, load and verify, compile); "
        "add_one_s the build after one new document and its two reviewed facts, added to the built base; "
        "(cpu): the same builds' CPU time, which leaves out waiting for a core on a shared machine",
        "digests_10k_s: 10,000 daily subscriptions due at 08:00 UTC, yesterday's digest sent, nothing added "
        "since; a fresh composer (pools built); details[].digests_10k_warm_s repeats it with pools cached",
        "chart_ms: commands are timed deciding their chart but not drawing it; each chart the mix produced is "
        "then drawn again, uncached, in a process of its own, as the bot draws in its chart worker (so the "
        "plotting library is not in the serving process's rss_mb)",
        "outcomes: answered / not_found (a brief saying the sources do not cover it) / error (a message such "
        "as an unknown name); the ratio columns compare latencies only",
    ]
    notes += sorted({d["digests_note"] for d in details if d["digests_note"]})
    if burst > 0 and burst_result is None:
        notes.append(f"burst: not measured: {NO_STANDIN}")
    if burst_result is not None:
        notes.append(
            "burst: the real bot against the local Discord stand-in on the curated base, all interactions "
            "fired at once; lag is how late a 5 ms sleep on the bot's event loop wakes up, ack is dispatch to "
            "the bot's first callback (Discord allows 3 s)"
        )
    return {
        "machine": machine_info(),
        "sizes": sizes,
        "burst": burst_result,
        "notes": notes,
        "details": details,
        "total_s": round(time.perf_counter() - started, 1),
    }
