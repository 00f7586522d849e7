"""The layout's promise, checked: the core never imports Discord or an adapter, and no packages import each
other in a loop (the contracts live in pyproject.toml's [tool.importlinter])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# In a child process: import-linter reconfigures logging, which other tests' log captures rely on.
CHECK = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"


def test_import_contracts_are_kept() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
