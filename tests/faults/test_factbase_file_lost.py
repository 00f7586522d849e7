"""Fault 3: data/factbase.db deleted, made unreadable or clobbered while the bot runs.

The fact store holds an open read-only connection: a deleted or chmod-ed file keeps answering from it (the open
descriptor does not care, whoever runs the bot). A file overwritten in place is the root-proof way to make it
truly unreadable: answers then get a polite ephemeral error, and /reload rebuilds the file from the curated inputs.
"""

from __future__ import annotations

from pathlib import Path

from bot.commands import run_command
from bot.render.text import render_brief

from .conftest import EPHEMERAL, Running, StartBot, remove_db_files, text_of


async def country_via_run_command(run: Running) -> str:
    reply = await run_command(run.bot.core, "country", {"name": "Kazakhstan"})
    assert reply.error is None and reply.brief is not None
    return render_brief(reply.brief)


async def assert_country_answers(run: Running) -> None:
    answer = await run.slash("country", {"name": "Kazakhstan"}, user="alice")
    assert not answer.flags & EPHEMERAL
    assert "26%" in text_of(answer) and "1,700 km" in text_of(answer)
    assert "26%" in await country_via_run_command(run)


def clobber(path: Path) -> None:
    with path.open("r+b") as handle:  # same inode, contents gone: what the open connection reads next
        handle.truncate(0)


async def test_answers_keep_coming_from_the_open_fact_base_after_its_file_is_deleted_and_reload_rebuilds_it(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        remove_db_files(run.inputs.factbase_db)
        await assert_country_answers(run)
        fact = await run.slash("fact", {"id": "him-kazakhstan-26-percent"}, user="alice")
        assert "In context" in text_of(fact)

        rebuilt = await run.slash("reload", user="olga")
        assert rebuilt.flags & EPHEMERAL and "Rebuilt" in text_of(rebuilt)
        assert run.inputs.factbase_db.is_file()
        await assert_country_answers(run)


async def test_an_unreadable_fact_base_file_keeps_answering_and_reload_still_works(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        run.inputs.factbase_db.chmod(0)
        await assert_country_answers(run)
        reloaded = await run.slash("reload", user="olga")
        # Rebuilt when the bot's user cannot read the file (compiled hash unknown); as root it can: Unchanged.
        assert reloaded.flags & EPHEMERAL
        assert "Rebuilt" in text_of(reloaded) or "Unchanged" in text_of(reloaded)
        await assert_country_answers(run)


async def test_a_fact_base_clobbered_in_place_gets_a_polite_error_and_reload_heals_it(
    start_bot: StartBot,
) -> None:
    async with start_bot() as run:
        clobber(run.inputs.factbase_db)
        handle = await run.standin.dispatch_slash(
            "country", {"name": "Kazakhstan"}, user="alice", channel_id=run.channel("general")
        )
        answer = await handle.original()  # answered: no "The application did not respond"
        assert answer.flags & EPHEMERAL
        assert "fact base cannot be read right now" in answer.content and "Traceback" not in answer.content
        assert handle.latency is not None and handle.latency < 3.0

        rebuilt = await run.slash("reload", user="olga")
        assert "Rebuilt" in text_of(rebuilt)
        await assert_country_answers(run)
