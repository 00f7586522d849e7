"""`BootLock`: which process made a claim, and whether that process is still alive.

Every process that posts digests (the bot, a `briefbot digest run` from a shell or cron) gets a boot id and
holds an exclusive `flock` on `<state db>.boots/<boot id>.lock` for as long as it runs. Its claims in the
delivery log carry that id. Liveness is then a question the kernel answers exactly: a lock that another
process can take belongs to a dead boot, because the kernel drops a process's locks when it exits for any
reason, SIGKILL and power loss included; a lock that cannot be taken belongs to a live process.

Why a lock rather than the alternatives: a pid can be reused by an unrelated process after a restart (a
container restarts with the same pids), a heartbeat needs timing and writes, and "older than N minutes" is
what lost digests before (a live slow post and a dead one look the same). `flock` is local to one machine;
so is the state database (SQLite's WAL mode needs every process on one host), so this is no new limit.
Where `fcntl` does not exist (Windows), liveness is unknown and callers fall back to the claim's age.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["BootLock", "boots_dir"]

log = logging.getLogger(__name__)

_BOOT_ID = re.compile(r"^[0-9]{1,10}-[0-9a-f]{12}$")


def boots_dir(state_db: Path) -> Path:
    """Where the lock files of the processes using `state_db` live: beside it, so they share its disk."""
    return state_db.with_name(f"{state_db.name}.boots")


class BootLock:
    """This process's boot id, locked for its lifetime; `is_dead` tells about other boots."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.id = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._fd: int | None = None
        if fcntl is None:
            return
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path(self.id), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, f"pid {os.getpid()}\n".encode())
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _path(self, boot: str) -> Path:
        return self.directory / f"{boot}.lock"

    def is_dead(self, boot: str) -> bool | None:
        """True if the process of `boot` has ended, False if it runs, None if that cannot be told."""
        if boot == self.id:
            return False
        if fcntl is None or not _BOOT_ID.match(boot):
            return None
        try:
            fd = os.open(self._path(boot), os.O_RDWR)
        except FileNotFoundError:
            return True  # a live boot keeps its file until it closes, and it claims nothing after that
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:
            return None
        finally:
            os.close(fd)  # also releases the lock if we took it
        return True

    def forget(self, boot: str) -> None:
        """Remove the lock file of a dead boot whose claims have all been dealt with."""
        if self.is_dead(boot):
            with contextlib.suppress(OSError):
                self._path(boot).unlink()

    def dead_boots(self) -> list[str]:
        """Boots with a lock file left behind by a process that has ended."""
        if fcntl is None or not self.directory.is_dir():
            return []
        names = (p.stem for p in self.directory.glob("*.lock"))
        return [b for b in names if _BOOT_ID.match(b) and self.is_dead(b)]

    def close(self) -> None:
        """Give up the boot (clean shutdown). Its file goes first, so nobody sees it unlocked and present."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self._path(self.id).unlink()
        os.close(self._fd)
        self._fd = None

    def __del__(self) -> None:
        # Normally closed explicitly; without this a forgotten instance would keep its lock until exit.
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
