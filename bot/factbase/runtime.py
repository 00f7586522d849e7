"""Bring the compiled fact base up to date at start-up (or on reload) and open it.

If the curated files are broken, an existing compiled fact base keeps answering and the problems are returned
so the owner can be told; only when there is nothing to fall back on does start-up fail.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.factbase.compile import compile_factbase, compiled_hash, compiled_meta
from bot.factbase.loader import FactBaseInvalid, Inputs, Problem, load_factbase

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildReport:
    rebuilt: bool
    seconds: float
    problems: list[Problem] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        """True when the curated files are broken and the previous build is still serving."""
        return bool(self.problems)


def _build_if_needed(seeds_dir: Path, curated_dir: Path, target: Path) -> BuildReport:
    started = time.perf_counter()
    inputs = Inputs(seeds_dir, curated_dir)
    stat = inputs.stat_fingerprint()
    # Untouched inputs (same names, sizes, mtimes) need not be read at all; touched ones are compared by content.
    if compiled_meta(target, "input_stat") == stat or compiled_hash(target) == inputs.content_hash():
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started)
    try:
        fb = load_factbase(seeds_dir, curated_dir)
    except FactBaseInvalid as exc:
        if compiled_hash(target) is None:
            raise
        log.error("Curated fact base has %d problem(s); still serving the previous build", len(exc.problems))
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started, problems=exc.problems)
    compile_factbase(fb, target, stat_fingerprint=stat)
    log.info("Compiled fact base: %d facts from %d sources", len(fb.facts), len(fb.sources))
    return BuildReport(rebuilt=True, seconds=time.perf_counter() - started)


async def build_if_needed(seeds_dir: Path, curated_dir: Path, target: Path) -> BuildReport:
    # Compilation is CPU-bound and synchronous; a thread keeps the event loop (and Discord's heartbeat) alive.
    return await asyncio.to_thread(_build_if_needed, seeds_dir, curated_dir, target)
