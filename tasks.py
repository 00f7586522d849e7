#!/usr/bin/env python3
"""Quick start without any set-up: `python3 tasks.py run` and `python3 tasks.py test`.

Creates `.venv` on first use and (re)installs the project whenever pyproject.toml changes, then runs:
  run   the Discord bot when DISCORD_TOKEN is configured, otherwise the offline console
  test  the whole test suite (what CI runs)
  any other words are passed to the `briefbot` command, e.g. `python3 tasks.py ask "/country Kazakhstan"`
Only the standard library is used here, so it works on a fresh machine with Python >= 3.11.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".install-stamp"


def ensure_env() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must explain itself on an older Python
        sys.exit(f"briefbot needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing briefbot and its dependencies into .venv …", file=sys.stderr)
        pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        for step in ([*pip, "--upgrade", "pip"], [*pip, "-e", f"{ROOT}[dev]"]):
            # Quiet unless it fails: build back-end chatter would bury the first answer a newcomer sees.
            done = subprocess.run(step, capture_output=True, text=True)
            if done.returncode != 0:
                sys.stderr.write(done.stdout + done.stderr)
                sys.exit(f"Installing failed (exit {done.returncode}); see the output above.")
        STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    ensure_env()
    os.chdir(ROOT)
    if not argv or argv[0] == "run":
        return subprocess.call([str(PYTHON), "-m", "bot", "start", *argv[1:]])
    if argv[0] == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", *argv[1:]])
    return subprocess.call([str(PYTHON), "-m", "bot", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
