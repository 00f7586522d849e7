"""The compiled store is rebuilt only when the curated inputs change, and a broken edit never takes it down."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.commands import run_command
from bot.core import open_core
from bot.factbase.compile import SCHEMA_VERSION, compile_factbase, compiled_hash
from bot.factbase.loader import FactBaseInvalid, Inputs
from bot.factbase.runtime import build_if_needed
from bot.factbase.store import FactStore
from tests.conftest import RealBase, TinyBase


def fact_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM facts")}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


async def test_second_build_with_unchanged_inputs_is_not_rebuilt(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "out" / "factbase.db"
    first = await build_if_needed(base.seeds_dir, base.curated_dir, db)
    assert first.rebuilt and not first.stale
    assert fact_ids(db) == {"tiny-pipeline", "tiny-border", "tiny-treaty"}
    second = await build_if_needed(base.seeds_dir, base.curated_dir, db)
    assert not second.rebuilt and not second.stale


async def test_touching_a_file_without_changing_it_does_not_rebuild(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    await build_if_needed(base.seeds_dir, base.curated_dir, db)
    later = base.facts_file.stat().st_mtime + 3600
    os.utime(base.facts_file, (later, later))
    assert not (await build_if_needed(base.seeds_dir, base.curated_dir, db)).rebuilt


async def test_changing_a_fact_file_triggers_a_rebuild(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    await build_if_needed(base.seeds_dir, base.curated_dir, db)
    before = compiled_hash(db)
    with base.facts_file.open("a", encoding="utf-8") as f:
        f.write("# a curator's comment\n")
    report = await build_if_needed(base.seeds_dir, base.curated_dir, db)
    assert report.rebuilt
    assert compiled_hash(db) != before
    assert compiled_hash(db) == Inputs(base.seeds_dir, base.curated_dir).content_hash()


async def test_a_new_fact_is_served_after_the_rebuild(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    await build_if_needed(base.seeds_dir, base.curated_dir, db)
    base.facts.append(
        {
            "id": "tiny-treaty-again",
            "statement": "They signed a treaty.",
            "kind": "event",
            "entities": ["kazakhstan"],
            "citations": [{"source": "tiny-source", "quote": "signed a treaty"}],
        }
    )
    base.write()
    assert (await build_if_needed(base.seeds_dir, base.curated_dir, db)).rebuilt
    assert "tiny-treaty-again" in fact_ids(db)


async def test_broken_edit_keeps_serving_the_previous_build(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    await build_if_needed(base.seeds_dir, base.curated_dir, db)
    good_hash = compiled_hash(db)
    base.fact("tiny-border")["citations"][0]["quote"] = "a border of 1700 km"
    base.write()

    report = await build_if_needed(base.seeds_dir, base.curated_dir, db)
    assert report.stale and not report.rebuilt
    assert [(p.file, p.item, p.field) for p in report.problems] == [
        ("data/facts/x.yaml", "tiny-border", "citations[0].quote")
    ]
    assert compiled_hash(db) == good_hash
    assert fact_ids(db) == {"tiny-pipeline", "tiny-border", "tiny-treaty"}

    core = await open_core(base.seeds_dir, base.curated_dir, db)
    try:
        assert core.build.stale
        border = await core.store.fact("tiny-border")
        assert (
            border is not None
            and border.citations[0].quote == "Kazakhstan and China share a border of 1,700 km."
        )
        about = await run_command(core, "about", {})
        assert about.brief is not None and "1 problem(s)" in (about.brief.description or "")
    finally:
        await core.close()

    # Fixing the file rebuilds and clears the stale state.
    base.fact("tiny-border")["citations"][0]["quote"] = "a border of 1,700 km"
    base.write()
    fixed = await build_if_needed(base.seeds_dir, base.curated_dir, db)
    assert fixed.rebuilt and not fixed.stale


async def test_broken_inputs_without_a_previous_build_fail_loudly(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["entities"] = ["atlantis"]
    base.write()
    with pytest.raises(FactBaseInvalid) as info:
        await open_core(base.seeds_dir, base.curated_dir, tmp_path / "factbase.db")
    assert [(p.item, p.field) for p in info.value.problems] == [("tiny-treaty", "entities[0]")]
    assert not (tmp_path / "factbase.db").exists()


async def test_a_foreign_or_corrupt_file_is_replaced_by_a_fresh_build(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    db.write_bytes(b"not a database at all")
    assert compiled_hash(db) is None
    assert (await build_if_needed(base.seeds_dir, base.curated_dir, db)).rebuilt
    assert compiled_hash(db) is not None
    assert temp_files(tmp_path) == []


async def test_compiled_store_is_read_only_with_the_current_schema(
    make_tiny_base: Callable[..., TinyBase], tmp_path: Path
) -> None:
    base = make_tiny_base()
    db = tmp_path / "factbase.db"
    await build_if_needed(base.seeds_dir, base.curated_dir, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store = await FactStore.open(db)
    try:
        with pytest.raises(Exception, match=r"readonly|read-only|query_only"):
            await store._db.execute("DELETE FROM facts")
    finally:
        await store.close()
    assert len(fact_ids(db)) == 3


async def test_session_build_of_the_real_data_is_reused(real_base: RealBase) -> None:
    report = await build_if_needed(real_base.seeds_dir, real_base.curated_dir, real_base.db_path)
    assert not report.rebuilt and not report.stale


def table_contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in key order, the full-text index as its every term instance, build times left out."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'facts_fts%'"
            )
        ]
        contents = {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in tables
            if table != "meta"
        }
        contents["meta"] = conn.execute(
            "SELECT * FROM meta WHERE key NOT IN ('built_at', 'input_stat') ORDER BY key"
        ).fetchall()
        conn.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, facts_fts, instance)")
        contents["facts_fts"] = conn.execute("SELECT * FROM temp.instances").fetchall()
        contents["facts_fts_docsize"] = conn.execute("SELECT * FROM facts_fts_docsize ORDER BY id").fetchall()
        contents["facts_fts_config"] = conn.execute("SELECT * FROM facts_fts_config ORDER BY k").fetchall()
        contents["indexes"] = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()
    return contents


def test_the_index_filled_apart_makes_the_same_file(real_base: RealBase, tmp_path: Path) -> None:
    """A large cold build fills the full-text index in a child process: the compiled content is the same."""
    apart = tmp_path / "apart" / "factbase.db"
    compile_factbase(real_base.factbase, apart, apart=True)
    together = tmp_path / "together" / "factbase.db"
    compile_factbase(real_base.factbase, together, apart=False)
    assert table_contents(apart) == table_contents(together)
    assert temp_files(apart.parent) == [] and temp_files(together.parent) == []
    with sqlite3.connect(apart) as conn:
        assert conn.execute("INSERT INTO facts_fts (facts_fts, rank) VALUES ('integrity-check', 1)")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
