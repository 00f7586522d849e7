"""The async state database (aiosqlite) and its migration runner.

* One connection per process, in autocommit mode; every write goes through `StateDB.transaction()`, which
  takes an asyncio lock and issues BEGIN IMMEDIATE. The lock matters: aiosqlite shares one connection among
  all coroutines, so without it a statement of task B could land inside task A's transaction and vanish with
  A's rollback. BEGIN IMMEDIATE takes SQLite's write lock up front, so a second process (the CLI) waits on
  `busy_timeout` instead of failing half-way through.
* WAL so readers never block the writer; synchronous=FULL because a claim row that a power cut rolls back
  after the message went out would allow a second post, and the write volume here is tiny.
* Migrations are `NNNN_name.sql` files read through importlib.resources (they ship as package data), applied
  in order, one transaction each, with the version in `PRAGMA user_version`. Before committing, the runner
  checks foreign keys and that no pre-existing table lost rows or disappeared, so a migration cannot silently
  drop user data. A database newer than the code is refused rather than guessed at.
* The file deleted (or moved away) under a running bot: SQLite would keep writing to the unlinked inode and
  everything since would vanish at the next restart. Before each write transaction (one `os.stat`) the file at
  the path is compared with the one opened; if it is gone or another file took its place, the live database
  is written back to the path with SQLite's backup API and the connection reopened on it, with a loud error
  in the log. A file found in its place is kept, renamed `state.db.replaced-<time>`, never overwritten.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import aiosqlite

from .errors import MigrationError, StateDBError, StateDBWriteError

__all__ = [
    "Migration",
    "StateDB",
    "Transaction",
    "default_migrations",
    "load_migrations",
    "open_state_db",
    "split_sql",
]

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")
Params = Sequence[Any] | dict[str, Any]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def default_migrations() -> Traversable:
    # `migrations/` is not a Python package; its .sql files ship as package data of `bot`
    # (pyproject: [tool.setuptools.package-data] bot = ["**/*.sql"]), so resolve them from `bot.state`.
    return files("bot.state") / "migrations"


def load_migrations(source: Traversable | Path | None = None) -> list[Migration]:
    """Read `NNNN_name.sql` files, sorted; versions must run 1, 2, 3 … without gaps or duplicates."""
    folder = default_migrations() if source is None else source
    if not folder.is_dir():
        raise MigrationError(f"Migrations folder not found: {folder}")
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match is None:
            continue  # __init__.py, README, editor backups …
        version = int(match[1])
        if version in found:
            raise MigrationError(
                f"Two migrations claim version {version}: {found[version].name}, {entry.name}"
            )
        found[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    migrations = [found[v] for v in sorted(found)]
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise MigrationError(f"Migration {expected:04d} is missing (next found: {migration.name})")
    return migrations


def split_sql(script: str) -> list[str]:
    """Split a script into statements with SQLite's own completeness test (handles triggers and literals).

    `executescript` cannot be used: it COMMITs any open transaction first, which would break the
    one-transaction-per-migration guarantee.
    """
    statements: list[str] = []
    buffer = ""
    pieces = script.split(";")
    for piece in pieces[:-1]:
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _has_code(buffer):
                statements.append(buffer.strip())
            buffer = ""
    buffer += pieces[-1]
    if _has_code(buffer):
        if not sqlite3.complete_statement(buffer + ";"):  # unterminated trigger body or string literal
            raise MigrationError(f"Incomplete SQL statement at end of migration: {buffer.strip()[:80]!r}")
        statements.append(buffer.strip() + ";")
    return statements


def _has_code(sql: str) -> bool:
    lines = (line.split("--", 1)[0] for line in sql.splitlines())
    return any(line.strip(" \t;") for line in lines)


class Transaction:
    """Statements inside one `StateDB.transaction()`; only valid inside its `async with` block."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows changed."""
        async with self._conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        async with self._conn.executemany(sql, rows) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; returns the new rowid."""
        async with self._conn.execute(sql, params) as cursor:
            if cursor.lastrowid is None:
                raise StateDBError("INSERT did not produce a row id")
            return cursor.lastrowid

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())


class StateDB:
    """An open state database. Create with `open_state_db`; close with `close()` (or `async with`)."""

    def __init__(self, conn: aiosqlite.Connection, path: Path, *, busy_timeout: float = 5.0) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()
        self._closed = False
        self._busy_timeout = busy_timeout
        # Which files this connection uses (database, -wal, -shm); see `_ensure_file`.
        self._identity, self._journal = _identities(path)
        self.restored = 0  # how often the file had to be written back

    @property
    def connection(self) -> aiosqlite.Connection:
        """The raw connection, for tests and maintenance tools; normal code uses the methods below."""
        return self._conn

    async def __aenter__(self) -> StateDB:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """BEGIN IMMEDIATE … COMMIT, serialised with every other use of this connection.

        Any SQLite failure (disk full, read-only file, lock timeout, constraint) rolls back and surfaces as
        `StateDBWriteError` naming the file; other exceptions roll back and propagate unchanged.
        """
        async with self._lock:
            self._check_open()
            await self._ensure_file()
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._write_error(exc) from exc
            try:
                yield Transaction(self._conn)
                await self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                await self._rollback_quietly()
                raise self._write_error(exc) from exc
            except BaseException:
                await self._rollback_quietly()
                raise

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._lock:
            self._check_open()
            try:
                return await Transaction(self._conn).fetchone(sql, params)
            except sqlite3.Error as exc:
                raise StateDBError(f"Could not read the state database {self.path}: {exc}") from exc

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._lock:
            self._check_open()
            try:
                return await Transaction(self._conn).fetchall(sql, params)
            except sqlite3.Error as exc:
                raise StateDBError(f"Could not read the state database {self.path}: {exc}") from exc

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row is not None else 0

    async def close(self) -> None:
        async with self._lock:  # never close under a running transaction
            if not self._closed:
                # The last writes may have gone to a file deleted since: put it back before letting go.
                with contextlib.suppress(StateDBError):  # already logged loudly
                    await self._ensure_file()
                self._closed = True
                await self._conn.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StateDBError(f"The state database {self.path} is closed")

    def _write_error(self, exc: sqlite3.Error) -> StateDBWriteError:
        return StateDBWriteError(f"Could not write to the state database {self.path}: {exc}")

    async def _ensure_file(self) -> None:
        """Make sure `self.path` is still the file this connection writes to; write it back if not.

        Called with the lock held, before every write transaction and at close."""
        if self._identity is None:
            return
        try:
            found = _identity_of(self.path)
        except OSError:
            return  # cannot tell (e.g. no permission to look): carry on as before
        if found == self._identity:
            return
        await self._restore_file(found)

    async def _restore_file(self, found: tuple[int, int] | None) -> None:
        what = "deleted" if found is None else "replaced by another file"
        log.critical(
            "The state database %s was %s while the bot was running. Writing the live database back to "
            "that path so that no subscription or delivery record is lost at the next restart.",
            self.path,
            what,
        )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        tmp = self.path.with_name(f".{self.path.name}.restore-{os.getpid()}.tmp")
        try:
            _clear(tmp)
            target = sqlite3.connect(tmp, check_same_thread=False)  # the backup runs in aiosqlite's thread
            try:
                await self._conn.backup(target)
            finally:
                target.close()
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                _clear(tmp)
            # Refuse the write rather than let it land in a file that no longer exists; retried next time.
            raise StateDBWriteError(
                f"The state database {self.path} was {what} and could not be written back ({exc}); "
                "nothing was changed"
            ) from exc
        try:
            await self._conn.close()
        except sqlite3.Error:
            log.exception("Closing the connection to the orphaned state database failed")
        try:
            _swap_in(tmp, self.path, stamp, self._journal)
            opened = self.path
        except OSError:
            log.exception("Could not move the restored state database into place; using %s", tmp)
            opened = tmp
        try:
            self._conn = await _connect(opened, self._busy_timeout)
        except (OSError, sqlite3.Error) as exc:
            log.critical("Could not reopen the restored state database %s", opened, exc_info=True)
            raise StateDBWriteError(f"Could not reopen the restored state database {opened}: {exc}") from exc
        self._identity, self._journal = _identities(opened)
        self.restored += 1
        log.critical("State database restored at %s; the bot keeps running on it", opened)

    async def _rollback_quietly(self) -> None:
        # SQLite rolls back by itself after some errors (SQLITE_FULL, I/O); a second ROLLBACK would then fail
        # and mask the real cause, so only roll back what is still open.
        if self._conn.in_transaction:
            try:
                await self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                log.exception("ROLLBACK failed on %s", self.path)


async def open_state_db(
    path: str | Path,
    *,
    migrations: Traversable | Path | None = None,
    backup_before_upgrade: bool = True,
    busy_timeout: float = 5.0,
) -> StateDB:
    """Open (creating if needed) the state DB at `path` and bring its schema up to date.

    `migrations` defaults to the packaged `bot/state/migrations`; tests pass a temporary folder.
    Before upgrading an existing database, a copy is written next to it (`state.db-v<N>-<time>.bak`).
    """
    db_path = Path(path)
    loaded = load_migrations(migrations)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(db_path, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StateDBError(f"Could not open the state database {db_path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        await _configure(conn, db_path, busy_timeout)
        await _migrate(conn, db_path, loaded, backup=backup_before_upgrade)
        await conn.execute("PRAGMA foreign_keys = ON")
        if int(await _pragma(conn, "PRAGMA foreign_keys")) != 1:
            raise StateDBError("This SQLite build cannot enforce foreign keys")
    except BaseException as exc:
        await conn.close()
        if isinstance(exc, sqlite3.Error):
            raise StateDBError(f"Could not prepare the state database {db_path}: {exc}") from exc
        raise
    return StateDB(conn, db_path, busy_timeout=busy_timeout)


async def _configure(conn: aiosqlite.Connection, path: Path, busy_timeout: float) -> None:
    await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    mode = await _pragma(conn, "PRAGMA journal_mode = WAL")
    if str(mode).lower() != "wal":
        log.warning("State DB %s is in %s journal mode, not WAL (network filesystem?)", path, mode)
    await conn.execute("PRAGMA synchronous = FULL")


async def _connect(path: Path, busy_timeout: float) -> aiosqlite.Connection:
    """Reopen an existing, migrated state database (after a restore), configured like `open_state_db`."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        await _configure(conn, path, busy_timeout)
        await conn.execute("PRAGMA foreign_keys = ON")
        await _pragma(conn, "SELECT count(*) FROM sqlite_master")  # a first read creates the -wal and -shm
    except BaseException:
        await conn.close()
        raise
    return conn


def _clear(tmp: Path) -> None:
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)


def _swap_in(restored: Path, path: Path, stamp: str, journal: dict[str, tuple[int, int] | None]) -> None:
    """Move `restored` to `path`.

    SQLite does not checkpoint a moved database on close, so the old connection's -wal/-shm (`journal`) may
    still be there: everything in them is in the backup, and they must go, or the restored file would adopt a
    journal not its own. Whatever else sits there (a file put in our place, its -wal/-shm) is not ours: it is
    kept aside as `<name>.replaced-<stamp>[-wal|-shm]`, never overwritten or adopted."""
    for suffix, identity in journal.items():
        ours = Path(f"{path}{suffix}")
        if identity is not None and _identity_of(ours) == identity:
            ours.unlink()
    for suffix in ("", "-wal", "-shm"):
        stray = Path(f"{path}{suffix}")
        if stray.exists():
            aside = stray.with_name(f"{path.name}.replaced-{stamp}{suffix}")
            os.replace(stray, aside)
            log.critical("Kept the file found at %s as %s", stray, aside)
    os.replace(restored, path)


def _identities(path: Path) -> tuple[tuple[int, int] | None, dict[str, tuple[int, int] | None]]:
    """The database file's (device, inode), and its -wal's and -shm's; None where it cannot be told."""
    found: dict[str, tuple[int, int] | None] = {}
    for suffix in ("", "-wal", "-shm"):
        try:
            found[suffix] = _identity_of(Path(f"{path}{suffix}"))
        except OSError:
            found[suffix] = None
    main = found.pop("")
    return main, found


def _identity_of(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, or None if there is none."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # gone, or its folder gone and a file in its place
        return None
    return (st.st_dev, st.st_ino)


async def _pragma(conn: aiosqlite.Connection, sql: str) -> Any:
    async with conn.execute(sql) as cursor:
        row = await cursor.fetchone()
    return row[0] if row is not None else None


async def _migrate(
    conn: aiosqlite.Connection, path: Path, migrations: list[Migration], *, backup: bool
) -> None:
    current = int(await _pragma(conn, "PRAGMA user_version"))
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise MigrationError(
            f"The state database {path} is at schema version {current}, but this briefbot only knows up to "
            f"{latest}. Upgrade briefbot, or restore a backup; refusing to touch it."
        )
    pending = [m for m in migrations if m.version > current]
    if not pending:
        return
    if backup and current > 0:
        await _backup(conn, path, current)
    # Foreign keys off while migrating, so a table rebuild (create new, copy, drop old, rename) is possible;
    # `foreign_key_check` below restores the guarantee before each commit. The pragma is a no-op inside a
    # transaction, hence here.
    await conn.execute("PRAGMA foreign_keys = OFF")
    for migration in pending:
        await _apply(conn, path, migration)
        log.info("State DB %s migrated to version %d (%s)", path, migration.version, migration.name)


async def _apply(conn: aiosqlite.Connection, path: Path, migration: Migration) -> None:
    statements = split_sql(migration.sql)
    try:
        await conn.execute("BEGIN IMMEDIATE")
        # Re-read inside the write lock: another process may have applied it while we waited.
        if int(await _pragma(conn, "PRAGMA user_version")) >= migration.version:
            await conn.execute("ROLLBACK")
            return
        before = await _row_counts(conn)
        for statement in statements:
            await conn.execute(statement)
        violations = await conn.execute_fetchall("PRAGMA foreign_key_check")
        if violations:
            raise MigrationError(f"{migration.name} leaves {len(list(violations))} foreign key violation(s)")
        after = await _row_counts(conn)
        for table, count in before.items():
            if table not in after:
                raise MigrationError(f"{migration.name} would drop table {table!r} and its {count} row(s)")
            if after[table] < count:
                raise MigrationError(
                    f"{migration.name} would delete {count - after[table]} row(s) from table {table!r}"
                )
        await conn.execute(f"PRAGMA user_version = {migration.version:d}")
        await conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        if isinstance(exc, MigrationError):
            raise MigrationError(f"{exc}; rolled back, {path} is unchanged") from exc
        if isinstance(exc, sqlite3.Error):
            raise MigrationError(f"Migration {migration.name} failed on {path}: {exc}; rolled back") from exc
        raise


async def _row_counts(conn: aiosqlite.Connection) -> dict[str, int]:
    tables = await conn.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    counts: dict[str, int] = {}
    for (name,) in tables:
        counts[name] = int(await _pragma(conn, f'SELECT count(*) FROM "{name}"'))
    return counts


async def _backup(conn: aiosqlite.Connection, path: Path, version: int) -> None:
    # The wall clock only names the file; `*.db-*` is already git-ignored under data/.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}-v{version}-{stamp}.bak")
    try:
        await conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise MigrationError(f"Could not back up {path} to {target} before upgrading: {exc}") from exc
    log.info("Backed up state DB %s (version %d) to %s", path, version, target)
