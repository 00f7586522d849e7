"""State DB: pragmas, packaged migrations, upgrades that keep data, refusal of unsafe migrations."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.state.db import StateDB, default_migrations, load_migrations, open_state_db, split_sql
from bot.state.errors import MigrationError, StateDBError, StateDBWriteError

V1 = "0001_initial.sql"


def migrations_dir(tmp_path: Path, **extra: str) -> Path:
    """A temporary migrations folder: the real 0001 plus `extra` files (name -> SQL)."""
    folder = tmp_path / "migrations"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(str(default_migrations() / V1)), folder / V1)
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


async def seed_v1(db: StateDB) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO subscriptions (id, guild_id, channel_id, created_by, frequency, time, timezone, created_at,"
            " updated_at) VALUES (1, 10, 20, 30, 'daily', '08:00', 'UTC', 't', 't')"
        )
        await tx.execute(
            "INSERT INTO deliveries (subscription_id, slot, slot_at, kind, status, created_at)"
            " VALUES (1, 'k1', 'k1', 'scheduled', 'sent', 't')"
        )
        await tx.execute("INSERT INTO shown_facts VALUES (1, 'fact-a', 'k1')")


async def test_fresh_database_is_migrated_with_wal_and_foreign_keys(db_path: Path) -> None:
    db = await open_state_db(db_path)
    try:
        assert db.path == db_path
        assert await db.schema_version() == len(load_migrations())
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
        tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"subscriptions", "deliveries", "shown_facts"} <= tables
    finally:
        await db.close()
    # Reopening is a no-op: same version, no backup (nothing was pending).
    db = await open_state_db(db_path)
    await db.close()
    assert not list(db_path.parent.glob("*.bak"))


def test_packaged_migrations_load_via_importlib_resources() -> None:
    folder = default_migrations()
    assert folder.is_dir()
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == V1


def test_shipped_migrations_never_drop_or_delete() -> None:
    for migration in load_migrations():
        sql = re.sub(r"--[^\n]*", "", migration.sql).upper()
        for forbidden in ("DROP TABLE", "DROP COLUMN", "DELETE FROM", "DROP INDEX"):
            assert forbidden not in sql, f"{migration.name} contains {forbidden}"


async def test_upgrade_from_v1_keeps_rows(tmp_path: Path, db_path: Path) -> None:
    v1_only = migrations_dir(tmp_path / "a")
    db = await open_state_db(db_path, migrations=v1_only)
    assert await db.schema_version() == 1
    await seed_v1(db)
    await db.close()

    v2 = migrations_dir(
        tmp_path / "b",
        **{
            "0002_add_note.sql": """
                ALTER TABLE subscriptions ADD COLUMN note TEXT;
                CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
                CREATE TRIGGER subscriptions_audit AFTER UPDATE ON subscriptions BEGIN
                    INSERT INTO audit (what) VALUES ('updated; ' || NEW.id);
                END;
            """,
            "README.txt": "not a migration",
        },
    )
    db = await open_state_db(db_path, migrations=v2)
    try:
        assert await db.schema_version() == 2
        row = await db.fetchone("SELECT guild_id, note FROM subscriptions WHERE id = 1")
        assert row is not None and tuple(row) == (10, None)
        assert (await db.fetchone("SELECT count(*) FROM deliveries"))[0] == 1  # type: ignore[index]
        assert (await db.fetchone("SELECT count(*) FROM shown_facts"))[0] == 1  # type: ignore[index]
        async with db.transaction() as tx:
            await tx.execute("UPDATE subscriptions SET note = 'x' WHERE id = 1")
        assert (await db.fetchone("SELECT what FROM audit"))[0] == "updated; 1"  # type: ignore[index]
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    finally:
        await db.close()
    backups = list(db_path.parent.glob("state.db-v1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 1


async def test_table_rebuild_migration_is_allowed(tmp_path: Path, db_path: Path) -> None:
    """The SQLite 12-step rebuild (new table, copy, drop, rename) keeps every row, so the guard allows it."""
    db = await open_state_db(db_path, migrations=migrations_dir(tmp_path / "a"))
    await seed_v1(db)
    await db.close()
    rebuild = """
        CREATE TABLE shown_facts_new (subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
            fact_id TEXT NOT NULL, slot TEXT NOT NULL, cycle INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (subscription_id, fact_id));
        INSERT INTO shown_facts_new (subscription_id, fact_id, slot) SELECT subscription_id, fact_id, slot FROM shown_facts;
        DROP TABLE shown_facts;
        ALTER TABLE shown_facts_new RENAME TO shown_facts;
    """
    db = await open_state_db(
        db_path, migrations=migrations_dir(tmp_path / "b", **{"0002_rebuild.sql": rebuild})
    )
    try:
        assert await db.schema_version() == 2
        row = await db.fetchone("SELECT fact_id, cycle FROM shown_facts")
        assert row is not None and tuple(row) == ("fact-a", 0)
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("DELETE FROM deliveries;", "would delete 1 row"),
        ("DROP TABLE shown_facts;", "would drop table 'shown_facts'"),
        ("ALTER TABLE subscriptions ADD COLUMN x TEXT; SELECT * FROM no_such_table;", "no such table"),
        ("UPDATE deliveries SET subscription_id = 99;", "foreign key"),
    ],
)
async def test_unsafe_or_broken_migration_rolls_back_completely(
    tmp_path: Path, db_path: Path, sql: str, message: str
) -> None:
    db = await open_state_db(db_path, migrations=migrations_dir(tmp_path / "a"))
    await seed_v1(db)
    await db.close()
    with pytest.raises(MigrationError, match=message):
        await open_state_db(db_path, migrations=migrations_dir(tmp_path / "b", **{"0002_bad.sql": sql}))
    db = await open_state_db(db_path, migrations=migrations_dir(tmp_path / "a"))
    try:
        assert await db.schema_version() == 1
        columns = {r[1] for r in await db.fetchall("PRAGMA table_info(subscriptions)")}
        assert "x" not in columns
        assert (await db.fetchone("SELECT subscription_id FROM deliveries"))[0] == 1  # type: ignore[index]
        assert (await db.fetchone("SELECT count(*) FROM shown_facts"))[0] == 1  # type: ignore[index]
    finally:
        await db.close()


async def test_database_newer_than_code_is_refused(tmp_path: Path, db_path: Path) -> None:
    db = await open_state_db(
        db_path, migrations=migrations_dir(tmp_path / "b", **{"0002_x.sql": "CREATE TABLE x (a);"})
    )
    await db.close()
    with pytest.raises(MigrationError, match="schema version 2, but this briefbot only knows up to 1"):
        await open_state_db(db_path, migrations=migrations_dir(tmp_path / "a"))


def test_migration_numbering_must_be_contiguous(tmp_path: Path) -> None:
    folder = migrations_dir(tmp_path, **{"0003_late.sql": "SELECT 1;"})
    with pytest.raises(MigrationError, match="0002 is missing"):
        load_migrations(folder)
    (folder / "0003_late.sql").unlink()
    (folder / "0001_again.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="Two migrations claim version 1"):
        load_migrations(folder)


def test_split_sql_keeps_triggers_and_literals_whole() -> None:
    script = """
        -- comment; with a semicolon
        CREATE TABLE a (x TEXT DEFAULT ';');
        CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;
        -- trailing comment
    """
    statements = split_sql(script)
    assert len(statements) == 2
    assert statements[1].endswith("END;")
    with pytest.raises(MigrationError, match="Incomplete"):
        split_sql("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;")
    assert split_sql("SELECT 1; SELECT 2") == ["SELECT 1;", "SELECT 2;"]


async def test_disk_full_rolls_back_and_names_the_file(db: StateDB) -> None:
    async with db.transaction() as tx:
        await tx.execute("CREATE TABLE blob_store (data BLOB)")
        await tx.execute("INSERT INTO blob_store VALUES (zeroblob(100))")
    pages = (await db.fetchone("PRAGMA page_count"))[0]  # type: ignore[index]
    await db.connection.execute(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL from here on
    with pytest.raises(StateDBWriteError, match=r"state\.db: database or disk is full") as info:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO blob_store VALUES (zeroblob(1000000))")
    assert isinstance(info.value.__cause__, sqlite3.OperationalError)
    assert (await db.fetchone("SELECT count(*) FROM blob_store"))[0] == 1  # type: ignore[index]
    assert not db.connection.in_transaction
    # The connection stays usable once space is available again.
    await db.connection.execute("PRAGMA max_page_count = 1073741823")
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO blob_store VALUES (zeroblob(10))")


async def test_read_only_database_gives_a_clear_error(db: StateDB) -> None:
    await db.connection.execute("PRAGMA query_only = ON")
    with pytest.raises(StateDBWriteError, match="attempt to write a readonly database"):
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO shown_facts VALUES (1, 'f', 's')")


async def test_closed_database_refuses_use(db_path: Path) -> None:
    db = await open_state_db(db_path)
    await db.close()
    with pytest.raises(StateDBError, match="closed"):
        await db.fetchone("SELECT 1")


async def test_unopenable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StateDBError, match="Could not open the state database"):
        await open_state_db(blocker / "state.db")
