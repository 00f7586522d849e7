"""Fault 4: a curated file is broken before /reload.

The owner gets an ephemeral list of the problems (file, fact id, field) and the previous fact base keeps
answering; once the file is fixed, the next /reload picks the change up.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import EPHEMERAL, Running, StartBot, remove_db_files, text_of

FACT_ID = "him-kazakhstan-26-percent"
QUOTE = "quote: The report shows that Kazakhstan alone has absorbed 26%"
STATEMENT = "statement: According to AidData's report as relayed by Himalaya, Kazakhstan alone absorbed 26%"


def facts_file(run: Running) -> Path:
    return run.inputs.curated_dir / "facts" / "himalaya_ccp_central_asia.yaml"


def edit_fact(path: Path, old: str, new: str) -> None:
    """Replace `old` inside the block of FACT_ID only."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {FACT_ID}\n")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


async def assert_old_base_answers(run: Running) -> None:
    answer = await run.slash("country", {"name": "Kazakhstan"}, user="alice")
    assert "26%" in text_of(answer) and "1,700 km" in text_of(answer)


async def test_broken_curated_file_reload_lists_the_problems_and_the_old_fact_base_keeps_answering(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        path = facts_file(run)
        original = path.read_text(encoding="utf-8")
        edit_fact(path, QUOTE, QUOTE.replace("26%", "62%"))  # no longer verbatim in the source

        refused = await run.slash("reload", user="alice")  # not the owner
        assert refused.flags & EPHEMERAL and "Only the bot's owner" in refused.content

        report = await run.slash("reload", user="olga")
        shown = text_of(report)
        assert report.flags & EPHEMERAL
        assert "problem(s)" in shown and "previous fact base keeps answering" in shown
        assert "data/facts/himalaya_ccp_central_asia.yaml" in shown and FACT_ID in shown
        assert "citations[0].quote" in shown and "not found verbatim" in shown
        await assert_old_base_answers(run)
        served = await run.bot.core.store.fact(FACT_ID)
        assert served is not None and "absorbed 26% ($33 billion)" in served.citations[0].quote

        # Fixed, with a real edit this time: the next /reload rebuilds and serves it.
        path.write_text(original, encoding="utf-8")
        edit_fact(path, STATEMENT, STATEMENT + " (revised)")
        fixed = await run.slash("reload", user="olga")
        assert "Rebuilt" in text_of(fixed) and "problem" not in text_of(fixed)
        fact = await run.slash("fact", {"id": FACT_ID}, user="alice")
        assert "absorbed 26% (revised)" in text_of(fact)
        await assert_old_base_answers(run)


async def test_broken_curated_file_with_the_compiled_file_gone_still_reports_and_keeps_answering(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        edit_fact(facts_file(run), QUOTE, QUOTE.replace("26%", "62%"))
        remove_db_files(run.inputs.factbase_db)  # nothing to fall back on but the open connection

        report = await run.slash("reload", user="olga")
        assert report.flags & EPHEMERAL
        assert "problem(s)" in text_of(report) and FACT_ID in text_of(report)
        await assert_old_base_answers(run)
