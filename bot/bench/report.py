"""The benchmark's summary: the machine, a table per size with ratios to the straight-scan baseline, targets."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from bot.bench.charts import TARGET_P99_MS as CHART_TARGET_P99_MS
from bot.bench.queries import KINDS

# Targets at the largest size; checked against `sizes[-1]`.
TARGETS: dict[str, float] = {
    "autocomplete_p99_ms": 5.0,
    "command_p99_ms": 20.0,
    "warm_start_s": 1.0,
    "rss_mb": 300.0,
    "digests_10k_s": 5.0,
    "compile_s": 60.0,
    "add_one_s": 5.0,  # adding one document (with its facts) to the built base
}
# Targets of the burst (the curated base, the real bot against the local Discord stand-in).
BURST_TARGETS: dict[str, float] = {
    "max_lag_ms": 50.0,  # no callback holds the event loop long enough to be felt
    "ack_max_ms": 3000.0,  # Discord's deadline for the first response
}


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gb: float | None = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows) or the name is unknown
        memory_gb = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "commit": _commit(),
    }


def _commit() -> str | None:
    """The checkout's HEAD, read-only; None outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _num(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{digits}f}"


def ratio(ours: float | None, base: float | None) -> float | None:
    if ours is None or base is None or base <= 0 or math.isnan(ours) or math.isnan(base):
        return None
    return ours / base


def check_targets(size: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(what, measured vs target, met) for one size."""
    lat = size["latency_ms"]
    rows: list[tuple[str, str, bool | None]] = []
    p99 = lat["autocomplete"]["p99"]
    rows.append(
        (
            "autocomplete p99",
            f"{_num(p99)} ms < {TARGETS['autocomplete_p99_ms']:g} ms",
            p99 < TARGETS["autocomplete_p99_ms"],
        )
    )
    for kind in KINDS:
        if kind != "autocomplete":
            p99 = lat[kind]["p99"]
            rows.append(
                (
                    f"/{kind} p99",
                    f"{_num(p99)} ms < {TARGETS['command_p99_ms']:g} ms",
                    p99 < TARGETS["command_p99_ms"],
                )
            )
    rows.append(
        (
            "warm start",
            f"{_num(size['warm_start_s'])} s < {TARGETS['warm_start_s']:g} s",
            size["warm_start_s"] < TARGETS["warm_start_s"],
        )
    )
    rows.append(
        (
            "cold compile",
            f"{_num(size['compile_s'])} s < {TARGETS['compile_s']:g} s",
            size["compile_s"] < TARGETS["compile_s"],
        )
    )
    add_one = size.get("add_one_s")
    rows.append(
        (
            "add one document",
            f"{_num(add_one)} s < {TARGETS['add_one_s']:g} s",
            None if add_one is None else add_one < TARGETS["add_one_s"],
        )
    )
    rows.append(
        (
            "peak RSS",
            f"{_num(size['rss_mb'], 0)} MB < {TARGETS['rss_mb']:g} MB",
            size["rss_mb"] < TARGETS["rss_mb"],
        )
    )
    digests = size["digests_10k_s"]
    rows.append(
        (
            "10,000 digests",
            f"{_num(digests)} s < {TARGETS['digests_10k_s']:g} s",
            None if digests is None else digests < TARGETS["digests_10k_s"],
        )
    )
    return rows


def check_burst(burst: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(what, measured vs target, met) for the burst."""
    lag, ack = burst["max_lag_ms"], burst["latency_ms"]["max"]
    lag_target, ack_target = BURST_TARGETS["max_lag_ms"], BURST_TARGETS["ack_max_ms"]
    return [
        ("loop lag max", f"{_num(lag, 1)} ms < {lag_target:g} ms", lag < lag_target),
        ("ack max", f"{_num(ack, 0)} ms < {ack_target:,.0f} ms", ack < ack_target),
        ("all answered", f"{burst['interactions']} interactions", bool(burst["all_answered"])),
    ]


def format_burst(burst: dict[str, Any]) -> list[str]:
    lat = burst["latency_ms"]
    out = [
        "",
        f"burst of {burst['interactions']} interactions at once (real bot, local Discord stand-in, curated base):",
        f"  event loop lag: p99 {_num(burst['p99_lag_ms'], 1)} ms, max {_num(burst['max_lag_ms'], 1)} ms "
        f"over {burst['samples']} samples; longest callback {_num(burst['longest_callback_ms'], 1)} ms",
        f"  acknowledgement: p50 {_num(lat['p50'], 0)} ms, p99 {_num(lat['p99'], 0)} ms, "
        f"max {_num(lat['max'], 0)} ms",
    ]
    out += [
        f"  slow callback {c['ms']:.1f} ms: {c['callback']}" for c in burst.get("slowest_callbacks", [])[:3]
    ]
    out += [f"  problem: {problem}" for problem in burst.get("problems", [])[:5]]
    for what, detail, met in check_burst(burst):
        out.append(f"  {what:<18} {detail:<28} {'met' if met else 'MISSED'}")
    return out


def _chart_rows(sizes: list[dict[str, Any]]) -> list[str]:
    """Drawing time per chart kind and size, and the per-chart target at the curated (1×) size."""
    rows = ["", "charts — drawing time in ms per chart (uncached), largest PNG"]
    rows.append(f"{'':<13}{'kind':<10}{'charts':>7}{'p50':>9}{'p99':>9}{'max':>9}{'max kB':>9}")
    for s in sizes:
        charts = s.get("chart_ms") or {}
        for kind in ("timeline", "figures"):
            if kind in charts:
                c = charts[kind]
                rows.append(
                    f"{s['scale']:>5}×{'':<7}{kind:<10}{c['charts']:>7}{_num(c['p50']):>9}{_num(c['p99']):>9}"
                    f"{_num(c['max']):>9}{_num(charts['max_bytes'] / 1000, 0):>9}"
                )
    curated = next((s for s in sizes if s["scale"] == 1), None)
    if curated and curated.get("chart_ms"):
        for kind in ("timeline", "figures"):
            if kind in curated["chart_ms"]:
                p99 = curated["chart_ms"][kind]["p99"]
                verdict = "met" if p99 < CHART_TARGET_P99_MS else "MISSED"
                rows.append(
                    f"  target at 1×: {kind} chart p99 {_num(p99)} ms < {CHART_TARGET_P99_MS:g} ms {verdict}"
                )
    return rows


def _outcomes(counts: dict[str, int] | None) -> str:
    if not counts:
        return ""
    return f"{counts.get('answered', 0)}/{counts.get('not_found', 0)}/{counts.get('error', 0)}"


def format_table(summary: dict[str, Any]) -> str:
    m = summary["machine"]
    out = [
        f"briefbot bench — {m['cpu']}, {m['cores']} cores, {m.get('memory_gb')} GB, Python {m['python']}, "
        f"SQLite {m['sqlite']}, {m['platform']}",
        "",
    ]
    out.append(
        f"{'scale':>6} {'facts':>9} {'compile_s':>10} {'(cpu)':>8} {'warm_start_s':>13} {'rss_mb':>7} "
        f"{'add_one_s':>10} {'(cpu)':>8} {'digests_10k_s':>14} {'(pools cached)':>15} {'compile_rss_mb':>15} "
        f"{'baseline_load_s':>16}"
    )
    details = {d["scale"]: d for d in summary.get("details", [])}
    for s in summary["sizes"]:
        d = details.get(s["scale"], {})
        out.append(
            f"{s['scale']:>5}× {s['facts']:>9,} {_num(s['compile_s']):>10} {_num(d.get('compile_cpu_s')):>8} "
            f"{_num(s['warm_start_s'], 3):>13} {_num(s['rss_mb'], 0):>7} {_num(s.get('add_one_s')):>10} "
            f"{_num(d.get('add_document_cpu_s')):>8} {_num(s['digests_10k_s']):>14} "
            f"{_num(d.get('digests_10k_warm_s')):>15} {_num(d.get('compile_rss_mb'), 0):>15} "
            f"{_num(d.get('baseline_load_s')):>16}"
        )
    adds = [
        f"{d['scale']}×: {_num(d['add_document_s'])} s, peak {_num(d['add_document_rss_mb'], 0)} MB"
        + ("" if d.get("add_document_incremental") else " (full rebuild)")
        for d in summary.get("details", [])
        if d.get("add_document_s") is not None
    ]
    if adds:
        out += ["", "Adding one document (the build after ingest and review): " + "; ".join(adds)]
    for s in summary["sizes"]:
        d = details.get(s["scale"], {})
        out += [
            "",
            f"{s['scale']}× — latency in ms, interaction data -> message payloads "
            f"({d.get('queries_per_command', '?')} per command); ratio = ours ÷ baseline",
        ]
        out.append(
            f"{'':<13}{'p50':>9}{'p99':>9}{'max':>9}  {'base p50':>9}{'base p99':>9}{'base max':>9}"
            f"  {'p50 ×':>7}{'p99 ×':>7}{'max ×':>7}  {'ok/not found/error':>19} {'(baseline)':>13}"
        )
        for kind in KINDS:
            ours, base = s["latency_ms"][kind], s["baseline_latency_ms"][kind]
            ratios = [ratio(ours[q], base[q]) for q in ("p50", "p99", "max")]
            out.append(
                f"{kind:<13}"
                + "".join(f"{_num(ours[q]):>9}" for q in ("p50", "p99", "max"))
                + "  "
                + "".join(f"{_num(base[q]):>9}" for q in ("p50", "p99", "max"))
                + "  "
                + "".join(f"{_num(r, 3):>7}" for r in ratios)
                + f"  {_outcomes(d.get('outcomes', {}).get(kind)):>19} "
                + f"{_outcomes(d.get('baseline_outcomes', {}).get(kind)):>13}"
            )
    out += _chart_rows(summary["sizes"])
    if summary["sizes"]:
        largest = summary["sizes"][-1]
        out += ["", f"targets at {largest['scale']}×:"]
        for what, detail, met in check_targets(largest):
            verdict = "n/a" if met is None else ("met" if met else "MISSED")
            out.append(f"  {what:<18} {detail:<28} {verdict}")
    if summary.get("burst"):
        out += format_burst(summary["burst"])
    out.append("")
    out += [f"note: {note}" for note in summary.get("notes", [])]
    return "\n".join(out)
