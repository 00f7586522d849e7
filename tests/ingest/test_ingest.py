"""`briefbot ingest` on text, HTML and PDF documents: what it writes, what it sets aside and what it proposes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.factbase.loader import load_factbase
from bot.main import main
from tests.ingest.conftest import HTML_DOC, TEXT_DOC, Workspace, make_pdf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ingest_json(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict:
    code, out, err = run(capsys, "ingest", str(path), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_text_document_writes_seed_draft_metadata_and_review_file(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    before = set(workspace.seeds.iterdir())
    result = ingest_json(capsys, TEXT_DOC)
    source = result["source"]
    seed = workspace.seeds / source["file"]
    assert seed.read_text(encoding="utf-8") == TEXT_DOC.read_text(encoding="utf-8")
    assert {p.name for p in set(workspace.seeds.iterdir()) - before} == {
        source["file"],
        source["file"].replace(".txt", ".yaml"),
    }
    assert (workspace.data / "review" / f"{source['id']}.yaml").is_file()
    # The draft metadata is valid as it stands: the source joins the base (with no facts yet).
    fb = load_factbase(workspace.seeds, workspace.data)
    assert source["id"] in fb.sources
    assert not any(c.source == source["id"] for rf in fb.facts.values() for c in rf.citations)


def test_text_metadata_is_taken_from_the_text_and_never_invented(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ingest_json(capsys, TEXT_DOC, "--dry-run")["source"]
    assert source["title"] == "Kyrgyzstan and Uzbekistan sign railway deal with China"
    assert source["outlet"] == "Steppe Rail Review"
    assert source["authors"] == ["Aida Bekova"]
    assert source["published"] is None
    assert "2024-06-06" in source["notes"]["published"]  # what the text suggests, as a note
    assert source["language"] == "en"


def test_furniture_and_off_subject_spans_carry_reasons_and_hold_no_candidate(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    result = ingest_json(capsys, TEXT_DOC, "--dry-run")
    text = TEXT_DOC.read_text(encoding="utf-8")
    spans = result["source"]["spans"]
    covered = {
        needle: next((s for s in spans if s["start"] <= text.index(needle) < s["end"]), None)
        for needle in ("Enjoying this article?", "We use cookies", "Share", "Local football club")
    }
    assert covered["Enjoying this article?"]["reason"] == "subscription advertisement"
    assert "cookie notice" in covered["We use cookies"]["reason"]
    assert "navigation" in covered["Share"]["reason"]
    assert covered["Local football club"]["kind"] == "off-subject"
    for c in result["candidates"]:
        assert text[c["start"] : c["end"]] == c["quote"]
        assert not any(
            s["start"] < c["end"] and c["start"] < s["end"] for s in spans if s["kind"] != "excerpt"
        )


def test_candidates_have_normalised_figures_dates_entities_and_proposed_names(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    candidates = ingest_json(capsys, TEXT_DOC, "--dry-run")["candidates"]
    by_start = {c["quote"].split()[0] + " " + c["quote"].split()[1]: c for c in candidates}
    deal = by_start["China, Kyrgyzstan"]
    assert deal["date"] == "2024-06-06"
    assert deal["figure"]["as_written"] == "523 km" or deal["figure"]["unit"] == "km"
    assert {"china", "kyrgyzstan", "uzbekistan"} <= set(deal["entities"])
    cost = by_start["The railway"]
    assert cost["figure"]["value"] == 4.7e9 and cost["figure"]["currency"] == "USD"
    assert "attributed claim" in cost["signals"]
    sco = by_start["Kyrgyzstan and"]
    assert sco["kind"] == "membership" and "sco" in sco["entities"]
    poll = by_start["A 2023"]
    assert poll["kind"] == "poll" and poll["figure"]["unit"] == "percent" and poll["figure"]["amount"] == 41
    names = {e["name"]: e["type"] for c in candidates for e in c["new_entities"]}
    assert "Kashgar" not in names  # one capitalised word is not proposed
    assert all(
        t in {"organisation", "person", "place", "project", "initiative", "document", "event"}
        for t in names.values()
    )


def test_dry_run_writes_nothing(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p for p in workspace.seeds.parent.rglob("*") if p.is_file())
    ingest_json(capsys, TEXT_DOC, "--dry-run")
    assert sorted(p for p in workspace.seeds.parent.rglob("*") if p.is_file()) == before


def test_html_page_main_text_and_metadata(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    result = ingest_json(capsys, HTML_DOC)
    source = result["source"]
    assert source["title"] == "Kazakhstan expands Caspian port capacity"
    assert source["outlet"] == "Caspian Ledger"
    assert source["authors"] == ["Daniyar Seitkali"]
    assert source["published"] == "2024-03-12"
    stored = (workspace.seeds / source["file"]).read_text(encoding="utf-8")
    assert "Ten recipes" not in stored and "uses cookies" not in stored  # page chrome left out by extraction
    assert (
        workspace.seeds / "originals" / source["file"].replace(".txt", ".html")
    ).read_bytes() == HTML_DOC.read_bytes()
    freight = next(c for c in result["candidates"] if "65 percent" in c["quote"])
    assert freight["figure"]["unit"] == "percent" and freight["date"] == "2023"


def test_pdf_document(workspace: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = ingest_json(capsys, make_pdf(tmp_path / "hydro.pdf"))
    source = result["source"]
    assert source["title"] == "Tajikistan and China hydropower cooperation"
    assert source["authors"] == ["Rustam Nazarov"]
    quotes = [c["quote"] for c in result["candidates"]]
    # The printed line break inside the first sentence is gone: the quote is one sentence of the stored text.
    assert any(q.startswith("China Eximbank lent Tajikistan $331 million in 2019") for q in quotes)
    assert any("founding member in 2015" in q for q in quotes)
    loan = next(c for c in result["candidates"] if "$331 million" in c["quote"])
    assert loan["figure"]["value"] == 331e6


def test_the_same_text_twice_is_refused(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    ingest_json(capsys, TEXT_DOC)
    code, _, err = run(capsys, "ingest", str(TEXT_DOC))
    assert code == 1 and "already in the fact base" in err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.docx", b"PK", "only .txt, .html, .htm, .pdf"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
        ("latin1.txt", "Caf\xe9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_documents_get_a_clear_answer(
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "ingest", str(path))
    assert code == 1 and expected in err and "Traceback" not in err + out


def test_missing_file(workspace: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "ingest", str(tmp_path / "nowhere.txt"))
    assert code == 1 and "cannot be read" in err


def test_draft_span_anchors_resolve_to_the_detected_offsets(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    result = ingest_json(capsys, TEXT_DOC)
    meta = yaml.safe_load((workspace.seeds / result["source"]["file"].replace(".txt", ".yaml")).read_text())
    fb = load_factbase(workspace.seeds, workspace.data)
    resolved = [(s.kind.value, s.start, s.end) for s in fb.sources[meta["id"]].spans]
    detected = [(s["kind"], s["start"], s["end"]) for s in result["source"]["spans"]]
    text_end = len(TEXT_DOC.read_text(encoding="utf-8"))
    assert [(k, s, min(e, text_end)) for k, s, e in resolved] == [
        (k, s, text_end if e >= len(TEXT_DOC.read_text(encoding="utf-8").rstrip()) else e)
        for k, s, e in detected
    ]


def test_a_current_build_answers_for_the_curated_files_and_a_stale_one_does_not(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.ingest import pipeline

    # A new report repeating sentences the curated facts quote: its candidates get link suggestions.
    quotes = [
        c["quote"]
        for f in yaml.safe_load((workspace.data / "facts" / "china_vaccines_central_asia.yaml").read_text())[
            "facts"
        ]
        for c in f["citations"]
    ]
    doc = tmp_path / "repeat.txt"
    doc.write_text(
        "Vaccines and China in Central Asia\n\n" + "\n\n".join(quotes[:6]) + "\n", encoding="utf-8"
    )
    assert main(["ingest", str(doc), "--json", "--dry-run"]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert any(c["links"] for c in from_files["candidates"])
    assert main(["build"]) == 0
    capsys.readouterr()
    read_curated = pipeline._read_curated

    def not_the_curated_files(*_args: object) -> object:
        raise AssertionError("the curated files were read although the build is current")

    monkeypatch.setattr(pipeline, "_read_curated", not_the_curated_files)
    assert main(["ingest", str(doc), "--json", "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out) == from_files
    # A curated file touched since the build: the build may be behind it, so the files are read again.
    facts = sorted((workspace.data / "facts").glob("*.yaml"))[0]
    facts.write_text(facts.read_text() + "\n")
    calls: list[object] = []
    monkeypatch.setattr(pipeline, "_read_curated", lambda *a: calls.append(a) or read_curated(*a))
    assert main(["ingest", str(doc), "--json", "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out) == from_files and calls
