"""Bring the compiled fact base up to date at start-up (or on reload) and open it.

If the curated files are broken, an existing compiled fact base keeps answering and the problems are returned
so the owner can be told; only when there is nothing to fall back on does start-up fail.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bot.factbase.compile import compile_factbase, compiled_hash, compiled_meta
from bot.factbase.incremental import read_manifest, try_incremental, write_manifest
from bot.factbase.loader import FactBaseInvalid, Inputs, Problem, hash_of_digests, load_factbase

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildReport:
    rebuilt: bool
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    added_only: bool = False  # new documents were added to the previous build instead of a full build

    @property
    def stale(self) -> bool:
        """True when the curated files are broken and the previous build is still serving."""
        return bool(self.problems)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a build loads and compiles the inputs.

    A build allocates millions of objects that live until it ends and form no cycles (parsed YAML, validated
    models, rows), so reference counting frees them all; every full collection on the way would only rescan
    the growing heap. At 100x the curated size that was a third of the cold compile, and more the larger it is.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(seeds_dir: Path, curated_dir: Path, target: Path) -> BuildReport:
    """Compile `target` if the inputs changed (in this process: `briefbot build`, or the child the bot starts)."""
    with cyclic_gc_paused():
        return _build(seeds_dir, curated_dir, target)


def _build(seeds_dir: Path, curated_dir: Path, target: Path) -> BuildReport:
    started = time.perf_counter()
    inputs = Inputs(seeds_dir, curated_dir)
    stat = inputs.stat_fingerprint()
    # Untouched inputs (same names, sizes, mtimes) need not be read at all; touched ones are compared by content.
    if compiled_meta(target, "input_stat") == stat:
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started)
    built = compiled_hash(target)
    manifest = read_manifest(target, built)
    # Each input is read and hashed once per build: its digest is reused for the loaded base's hash and the
    # manifest (at 1,000x the curated size that is 300 MB, hashed three times before).
    digests = inputs.digests(manifest["files"] if manifest else None)
    content = hash_of_digests(digests)
    if built == content:
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started)
    added = try_incremental(seeds_dir, curated_dir, target, built, content)
    if added is not None:
        return BuildReport(rebuilt=True, seconds=time.perf_counter() - started, added_only=True)
    try:
        fb = load_factbase(seeds_dir, curated_dir, known=digests)
    except FactBaseInvalid as exc:
        if compiled_hash(target) is None:
            raise
        log.error("Curated fact base has %d problem(s); still serving the previous build", len(exc.problems))
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started, problems=exc.problems)
    compile_factbase(fb, target, stat_fingerprint=stat)
    write_manifest(inputs, target, fb.input_hash, {"files": digests})
    log.info("Compiled fact base: %d facts from %d sources", len(fb.facts), len(fb.sources))
    return BuildReport(rebuilt=True, seconds=time.perf_counter() - started)


def report_json(report: BuildReport | None, problems: list[Problem] | None = None) -> str:
    """What `briefbot build --json` prints: the parent process reads it back with `report_from_json`."""
    return json.dumps(
        {
            "rebuilt": report.rebuilt if report else False,
            "seconds": report.seconds if report else 0.0,
            "problems": [asdict(p) for p in (report.problems if report else problems or [])],
            "fallback": report is not None,
            "added_only": report.added_only if report else False,
        }
    )


class BuildFailed(Exception):
    """The build process failed for a reason other than the curated files (a crash, a full disk)."""


async def build_if_needed(seeds_dir: Path, curated_dir: Path, target: Path) -> BuildReport:
    """Compile in a child process (`briefbot build`), so the compile's memory peak never lands in the bot,
    then report as if it had run here. Broken curated files with no previous build raise FactBaseInvalid."""
    started = time.perf_counter()
    # Nothing changed is answered here, with no child: from names, sizes and mtimes when nothing was touched,
    # else from the contents (copied or checked-out files keep their bytes but not their mtimes).
    inputs = Inputs(seeds_dir, curated_dir)
    if compiled_meta(target, "input_stat") == inputs.stat_fingerprint():
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started)
    built = compiled_hash(target)
    manifest = read_manifest(target, built)
    known = manifest["files"] if manifest else None
    if built is not None and built == await asyncio.to_thread(inputs.content_hash, known):
        return BuildReport(rebuilt=False, seconds=time.perf_counter() - started)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "build",
        "--json",
        "--seeds",
        str(seeds_dir),
        "--data",
        str(curated_dir),
        "--target",
        str(target),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    try:
        data = json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise BuildFailed(
            f"the build process exited with {proc.returncode}: {err.decode('utf-8', 'replace')[-500:]}"
        ) from None
    problems = [Problem(**p) for p in data["problems"]]
    if problems and not data["fallback"]:
        raise FactBaseInvalid(problems)
    return BuildReport(
        rebuilt=data["rebuilt"], seconds=data["seconds"], problems=problems, added_only=data["added_only"]
    )
