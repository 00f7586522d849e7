"""`briefbot build` compiles outside the bot; the bot's own start-up and /reload hand the compile to a child."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.factbase import runtime
from bot.factbase.compile import compiled_hash
from bot.factbase.loader import FactBaseInvalid
from tests.ingest.conftest import TEXT_DOC, Workspace


def test_build_compiles_then_reports_up_to_date(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    assert "Built" in capsys.readouterr().out and compiled_hash(db) is not None
    assert main(["build"]) == 0
    assert "Up to date" in capsys.readouterr().out


def test_broken_files_keep_the_previous_build(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    built = compiled_hash(db)
    capsys.readouterr()
    (workspace.data / "facts" / "broken.yaml").write_text("added: 2026-12-04\nfacts:\n  - id: Not A Slug\n")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "previous build keeps answering" in err
    assert compiled_hash(db) == built


def test_broken_files_and_no_build_fail_with_the_problems(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace.data / "facts" / "broken.yaml").write_text("added: 2026-12-04\nfacts:\n  - id: Not A Slug\n")
    assert main(["build"]) == 1
    assert "Not built" in capsys.readouterr().err


async def test_the_bots_build_runs_in_a_child_process(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_compiling_here(*_args: object, **_kwargs: object) -> float:
        raise AssertionError("compiled inside the bot's process")

    monkeypatch.setattr(runtime, "compile_factbase", no_compiling_here)
    db = workspace.state / "factbase.db"
    report = await runtime.build_if_needed(workspace.seeds, workspace.data, db)
    assert report.rebuilt and compiled_hash(db) is not None
    # A new document touches the inputs: the child rebuilds, the parent only reads its report.
    assert main(["ingest", str(TEXT_DOC)]) == 0
    assert (await runtime.build_if_needed(workspace.seeds, workspace.data, db)).rebuilt
    assert not (await runtime.build_if_needed(workspace.seeds, workspace.data, db)).rebuilt


async def test_the_childs_problems_reach_the_bot(workspace: Workspace) -> None:
    (workspace.data / "facts" / "broken.yaml").write_text("added: 2026-12-04\nfacts:\n  - id: Not A Slug\n")
    db = workspace.state / "factbase.db"
    with pytest.raises(FactBaseInvalid) as caught:
        await runtime.build_if_needed(workspace.seeds, workspace.data, db)
    assert any(p.file.endswith("broken.yaml") for p in caught.value.problems)
