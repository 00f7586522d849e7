"""`briefbot bench`: compile time, warm start, memory and answer latency on synthetic fact bases 1×, 100× and
1,000× the curated one, each figure also as a ratio to a straight-scan baseline.

Modules: `rewrite` and `generate` (synthetic bases that pass the real loader), `queries` (the interaction mix),
`measure` (what a worker process times), `baseline` (the straight scan), `digests` (the digest composer's
timing), `report` (table, JSON, targets) and `runner` (generation and the worker processes). The burst (the
event loop under many interactions at once) needs the local Discord stand-in, a development tool: `runner` runs
`devtools.bench.looplag` from the source checkout, and skips it, saying so, where there is none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

WORKERS = ("compile", "serve", "baseline", "add")
QUICK_SCALES = [1, 100]
FULL_SCALES = [1, 100, 1000]
QUICK_QUERIES = 50
QUICK_DIGESTS = 500


def parse_scales(text: str) -> list[int]:
    try:
        scales = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise ValueError(
            f"--scales takes whole numbers separated by commas, e.g. 1,100 (got {text!r})"
        ) from None
    if not scales or any(s < 1 for s in scales):
        raise ValueError("--scales: every scale must be at least 1")
    return scales


def run(settings: Any, args: argparse.Namespace) -> int:
    """The `bench` subcommand (and its internal `--worker` entry)."""
    from bot.bench.report import format_table
    from bot.bench.runner import BenchError, run_bench, worker_main

    if args.worker:
        if not args.dir or not args.out:
            print("--worker needs --dir and --out", file=sys.stderr)
            return 2
        return worker_main(args.worker, Path(args.dir), Path(args.out))
    try:
        scales = parse_scales(args.scales) if args.scales else (QUICK_SCALES if args.quick else FULL_SCALES)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    # 0 is a value given, not "use the default": it is refused below rather than read as 300 or 10,000.
    per_command = args.queries if args.queries is not None else (QUICK_QUERIES if args.quick else 300)
    digests = args.digests if args.digests is not None else (QUICK_DIGESTS if args.quick else 10_000)
    if per_command < 1 or digests < 1:
        print("--queries and --digests must be at least 1", file=sys.stderr)
        return 2
    if args.burst < 0:
        print("--burst must be 0 (skip it) or more", file=sys.stderr)
        return 2
    try:
        summary = run_bench(
            settings.seeds_dir,
            settings.curated_dir,
            scales,
            per_command,
            args.seed,
            Path(args.workdir) if args.workdir else None,
            args.keep,
            digests,
            burst=args.burst,
        )
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    table = format_table(summary)
    if args.json:
        print(table, file=sys.stderr)
        print(json.dumps(summary, indent=2))
    else:
        print(table)
    print(f"bench took {summary['total_s']:.1f} s", file=sys.stderr)
    return 0
