"""BootLock: a process's claims are recognised as abandoned exactly when that process has ended."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from bot.digests.boots import BootLock

HOLD = """
import sys
from pathlib import Path
from bot.digests.boots import BootLock
boot = BootLock(Path(sys.argv[1]))
print(boot.id, flush=True)
sys.stdin.read()
"""


def test_a_boot_is_alive_while_its_process_runs_and_dead_once_it_is_killed(tmp_path: Path) -> None:
    me = BootLock(tmp_path)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None
        boot = other.stdout.readline().strip()
        assert me.is_dead(boot) is False
        assert me.dead_boots() == []
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()
    assert me.is_dead(boot) is True  # the kernel dropped the lock with the process
    assert me.dead_boots() == [boot]
    me.forget(boot)
    assert not (tmp_path / f"{boot}.lock").exists() and me.is_dead(boot) is True
    assert me.is_dead(me.id) is False
    me.close()


def test_a_clean_close_leaves_nothing_behind_and_odd_ids_are_never_trusted(tmp_path: Path) -> None:
    first, second = BootLock(tmp_path), BootLock(tmp_path)
    assert first.id != second.id and first.is_dead(second.id) is False
    second.close()
    assert first.is_dead(second.id) is True and sorted(tmp_path.iterdir()) == [tmp_path / f"{first.id}.lock"]
    assert first.is_dead("../../etc/passwd") is None and first.is_dead("") is None
    first.close()
    assert list(tmp_path.iterdir()) == []
