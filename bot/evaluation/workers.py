"""Asking the benchmark's questions in several processes at once.

Answering is pure Python and bound to one core, and the whole benchmark asks tens of thousands of questions (every
question, then the wrapped ones), so a second process roughly halves the run. Each worker opens the compiled fact
base read-only, as the bot does; answers come back in the order the questions were asked, so a run with any number
of workers prints what a run in one process prints.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.util
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from bot.core import Core, open_core
from bot.evaluation.system import AskMany, Shown, shown_answer

# Questions go out in pieces several times smaller than a worker's share, so a worker that draws slow questions
# does not keep the other waiting at the end.
PIECES_PER_WORKER = 8

# One worker process's own fact base and event loop, opened once by `_open` and used by every piece it answers.
_worker: tuple[asyncio.AbstractEventLoop, Core] | None = None


def _open(seeds_dir: Path, curated_dir: Path, compiled: Path) -> None:
    global _worker
    loop = asyncio.new_event_loop()
    _worker = (loop, loop.run_until_complete(open_core(seeds_dir, curated_dir, compiled)))
    # Closed as the worker exits, before it waits for its threads: the fact base's connection thread would
    # otherwise keep the worker, and the pool shutting down, waiting for ever.
    multiprocessing.util.Finalize(None, _close, exitpriority=10)


def _close() -> None:
    global _worker
    if _worker is not None:
        loop, core = _worker
        _worker = None
        loop.run_until_complete(core.close())
        loop.close()


def _answer(texts: Sequence[str]) -> list[Shown]:
    assert _worker is not None, "the worker's fact base is opened before any question reaches it"
    loop, core = _worker
    return loop.run_until_complete(_answer_each(core, texts))


async def _answer_each(core: Core, texts: Sequence[str]) -> list[Shown]:
    return [await shown_answer(core, text) for text in texts]


def _pieces(texts: Sequence[str], workers: int) -> list[Sequence[str]]:
    size = max(1, -(-len(texts) // (workers * PIECES_PER_WORKER)))
    return [texts[i : i + size] for i in range(0, len(texts), size)]


@asynccontextmanager
async def pooled(seeds_dir: Path, curated_dir: Path, compiled: Path, workers: int) -> AsyncIterator[AskMany]:
    """`workers` processes answering from the fact base at `compiled` (built already: they only open it)."""
    # "spawn", not "fork": a forked child would inherit this process's event loop and SQLite threads mid-use.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open, initargs=(seeds_dir, curated_dir, compiled)
    ) as pool:
        loop = asyncio.get_running_loop()

        async def ask_many(texts: Sequence[str]) -> list[Shown]:
            answered = await asyncio.gather(
                *(loop.run_in_executor(pool, _answer, piece) for piece in _pieces(texts, workers))
            )
            return [shown for piece in answered for shown in piece]

        yield ask_many
