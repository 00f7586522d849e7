"""The last step of adding a document: the running bot (against the local Discord stand-in) swaps to the new
build on /reload and answers from the new document with its citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from bot.factbase.runtime import build
from bot.ingest.pipeline import ingest
from bot.ingest.review import open_session
from tests.faults.conftest import (  # noqa: F401 - fixtures used by name
    StartBot,
    clock,
    inputs,
    sleep,
    start_bot,
    text_of,
)
from tests.ingest.conftest import TEXT_DOC

TITLE = "Kyrgyzstan and Uzbekistan sign railway deal with China"


async def test_reload_swaps_to_the_build_with_the_new_document(start_bot: StartBot) -> None:  # noqa: F811
    async with start_bot() as run:
        seeds, data = run.inputs.seeds_dir, run.inputs.curated_dir
        query = {"query": "Kashgar Andijan railway"}
        assert "523 km" not in text_of(await run.slash("search", query))

        result = ingest(TEXT_DOC, seeds, data)
        answers: Iterator[str] = iter(["a", "q"])
        open_session(
            seeds, data, result.source_id, lambda _p: next(answers), lambda _l: None, dt.date(2026, 12, 4)
        ).run()
        # Not yet built: the bot still answers from the build it has, and candidates were never shown.
        assert "523 km" not in text_of(await run.slash("search", query))

        report = build(seeds, data, run.inputs.factbase_db)  # `briefbot build`, outside the bot
        assert report.rebuilt and not report.problems
        reloaded = await run.slash("reload", user="olga")
        assert "problem" not in text_of(reloaded)
        after = text_of(await run.slash("search", query))
        assert "523 km" in after and TITLE in after
