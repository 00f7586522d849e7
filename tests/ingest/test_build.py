"""`briefbot build` compiles outside the bot; the bot's own start-up and /reload hand the compile to a child."""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path

import pytest

from bot.factbase import runtime
from bot.factbase.compile import compiled_hash
from bot.factbase.loader import FactBaseInvalid
from bot.ingest.review import open_session
from bot.main import main
from bot.search import EntityIndex
from tests.ingest.conftest import TEXT_DOC, Workspace


def test_build_compiles_then_reports_up_to_date(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    assert "Built" in capsys.readouterr().out and compiled_hash(db) is not None
    assert main(["build"]) == 0
    assert "Up to date" in capsys.readouterr().out


def test_a_cold_build_hashes_each_input_once(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.factbase import incremental, loader

    hashed: list[str] = []
    real = loader.file_digest

    def counted(path: str | Path) -> str:
        hashed.append(str(path))
        return real(path)

    monkeypatch.setattr(loader, "file_digest", counted)
    monkeypatch.setattr(incremental, "file_digest", counted)
    db = workspace.state / "factbase.db"
    assert runtime.build(workspace.seeds, workspace.data, db).rebuilt
    inputs = loader.Inputs(workspace.seeds, workspace.data)
    assert sorted(hashed) == sorted(path for _key, path in inputs.entries())
    # The same hash and manifest as hashing every file afresh.
    assert compiled_hash(db) == inputs.content_hash()
    manifest = json.loads(incremental.manifest_path(db).read_text())
    assert manifest["files"] == inputs.digests()
    assert not runtime.build(workspace.seeds, workspace.data, db).rebuilt


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


def test_a_build_leaves_the_garbage_collector_as_it_found_it(workspace: Workspace) -> None:
    """The build pauses the cyclic collector for its own allocations only, also when the files are broken."""
    db = workspace.state / "factbase.db"
    assert gc.isenabled()
    assert runtime.build(workspace.seeds, workspace.data, db).rebuilt
    assert gc.isenabled()
    (workspace.data / "facts" / "broken.yaml").write_text("added: 2026-12-04\nfacts:\n  - id: Not A Slug\n")
    db.unlink()
    with pytest.raises(FactBaseInvalid):
        runtime.build(workspace.seeds, workspace.data, db)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(FactBaseInvalid):
            runtime.build(workspace.seeds, workspace.data, db)
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()


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


def _snapshot(db_path: Path) -> dict[str, object]:
    """Everything a reader of the compiled file sees, keyed by ids rather than rids."""
    db = sqlite3.connect(db_path)
    try:
        q = lambda sql: sorted(db.execute(sql).fetchall())  # noqa: E731
        word_columns = [r[1] for r in db.execute("PRAGMA table_info(fact_words)") if r[1] != "rid"]
        matches = {
            word: q(
                "SELECT f.id FROM facts_fts JOIN facts f ON f.rid = facts_fts.rowid "
                f"WHERE facts_fts MATCH '\"{word}\"'"
            )
            for word in ("railway", "railways", "kyrgyzstan", "n523", "survey", "zzkfigure0")
        }
        return {
            "facts": q(
                "SELECT id, statement, kind, date, figure, salience, entity_ids, added, caveats FROM facts"
            ),
            "citations": q(
                'SELECT f.id, c.n, c.source_id, c.quote, c.start, c."end" FROM citations c '
                "JOIN facts f ON f.rid = c.fact_rid"
            ),
            "fact_entities": q(
                "SELECT f.id, e.id, fe.kind, fe.salience FROM fact_entities fe "
                "JOIN facts f ON f.rid = fe.fact_rid JOIN entities e ON e.rid = fe.entity_rid"
            ),
            "sources": q("SELECT id, title, fact_count, text FROM sources"),
            "entities": q("SELECT id, name, type, aliases, fact_count FROM entities"),
            "names": q(
                "SELECT n.key, n.compact, n.display, e.id, n.how FROM entity_names n "
                "JOIN entities e ON e.rid = n.entity_rid"
            ),
            "fts_terms": q("SELECT term, docs FROM fts_terms"),
            "name_buckets": q("SELECT letter, names, starts FROM name_buckets"),
            # Every column but the row id (which a full build numbers differently), whatever columns it has.
            "words": q(
                "SELECT f.id, "
                + ", ".join(f"w.{c}" for c in word_columns)
                + " FROM fact_words w JOIN facts f ON f.rid = w.rid"
            ),
            "matches": matches,
            "meta": q("SELECT key, value FROM meta WHERE key NOT IN ('built_at', 'input_stat')"),
        }
    finally:
        db.close()


def test_adding_a_document_updates_the_build_as_a_full_build_would(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(TEXT_DOC), "--json"]) == 0
    source = json.loads(capsys.readouterr().out)["source"]["id"]
    assert runtime.build(workspace.seeds, workspace.data, db).added_only  # the document, no facts yet
    answers = iter(
        ["a", "a", "e", "", "", "Kyrgyzstan, Uzbekistan, SCO, Kashgar-Andijan railway", "", "project", "q"]
    )
    open_session(workspace.seeds, workspace.data, source, lambda _p: next(answers), lambda _l: None).run()
    report = runtime.build(workspace.seeds, workspace.data, db)
    assert report.rebuilt and report.added_only  # its facts and a new entity
    full = tmp_path / "full.db"
    assert not runtime.build(workspace.seeds, workspace.data, full).added_only
    added, rebuilt = _snapshot(db), _snapshot(full)
    for key in rebuilt:
        if added[key] != rebuilt[key]:
            a, b = set(added[key]), set(rebuilt[key])  # type: ignore[call-overload]
            print(key, "only added:", sorted(a - b)[:20], "only full:", sorted(b - a)[:20])
    assert added == rebuilt
    # The entity index reads names in the table's order: after the add it is a full build's, so autocomplete,
    # look-ups and did-you-mean answer the same (the new entity's names sorted in among the others).
    assert _names_answers(db) == _names_answers(full)
    assert any(match[0] == "kashgar-andijan-railway" for match in _names_answers(db)["complete k"])


def _names_answers(db_path: Path) -> dict[str, list[tuple[str, str, str]]]:
    index = EntityIndex.open(db_path)
    try:
        out = {}
        for prefix in ("k", "ka", "kashgar", "u", "s", "c"):
            out[f"complete {prefix}"] = [(m.entity.id, m.how, m.matched) for m in index.complete(prefix)]
        for text in ("Kashgar-Andijan railway", "Kyrgyzstan", "Kashgar Andijan rail", "Kirgizstan"):
            found = index.resolve(text)
            out[f"resolve {text}"] = [(found.entity.id, found.how, found.matched)] if found else []
            out[f"suggest {text}"] = [(m.entity.id, m.how, m.matched) for m in index.suggest(text)]
        return out
    finally:
        index.close()


def test_an_edited_file_means_a_full_build(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    facts = workspace.data / "facts" / "china_vaccines_central_asia.yaml"
    facts.write_text(
        facts.read_text().replace("Wang Yi met the foreign", "Wang Yi met the foreign", 1) + "\n"
    )
    assert main(["ingest", str(TEXT_DOC)]) == 0
    report = runtime.build(workspace.seeds, workspace.data, db)
    assert report.rebuilt and not report.added_only


def test_a_new_fact_linking_an_old_one_means_a_full_build(workspace: Workspace) -> None:
    db = workspace.state / "factbase.db"
    assert main(["build"]) == 0
    quote = "Kazakhstan on China’s Diplomatic Silk Road"
    text = (workspace.seeds / "000_79bd4435c0f0e9a8.txt").read_text()
    assert quote in text
    (workspace.data / "facts" / "extra.yaml").write_text(
        "added: 2026-12-04\nfacts:\n"
        "  - id: extra-linked\n    statement: A linked fact.\n    kind: background\n    entities: [kazakhstan]\n"
        "    citations:\n      - source: diplomat-kazakhstan-silk-road\n"
        "        quote: A new report highlights Kazakhstan\n"
        "    links:\n      - fact: dip-bri-launched-2013\n        relation: elaborates\n"
    )
    report = runtime.build(workspace.seeds, workspace.data, db)
    assert report.rebuilt and not report.added_only and not report.problems
