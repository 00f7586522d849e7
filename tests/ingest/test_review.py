"""`briefbot review` with scripted answers: each decision, resuming, and the path to a cited answer in the bot."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.adapters.cli.console import ask
from bot.core import open_core
from bot.factbase.loader import load_factbase
from bot.ingest.review import ReviewError, open_session
from bot.main import main
from tests.ingest.conftest import TEXT_DOC, Workspace


def ingest(workspace: Workspace, capsys: pytest.CaptureFixture[str], path: Path = TEXT_DOC) -> dict:
    assert main(["ingest", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def review(workspace: Workspace, source: str | None, answers: list[str]) -> list[str]:
    said: list[str] = []
    feed: Iterator[str] = iter(answers)
    session = open_session(
        workspace.seeds, workspace.data, source, lambda _prompt: next(feed), said.append, dt.date(2026, 12, 4)
    )
    session.run()
    return said


def statuses(workspace: Workspace, source: str) -> list[str]:
    data = yaml.safe_load((workspace.data / "review" / f"{source}.yaml").read_text())
    return [c["status"] for c in data["candidates"]]


def facts_of(workspace: Workspace, source: str) -> list[dict]:
    path = workspace.data / "facts" / f"{source.replace('-', '_')}.yaml"
    return yaml.safe_load(path.read_text())["facts"] if path.exists() else []


def test_accept_writes_a_fact_that_passes_check(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    review(workspace, source, ["a", "q"])
    [fact] = facts_of(workspace, source)
    assert fact["kind"] == "figure" and fact["figure"]["as_written"] in fact["citations"][0]["quote"]
    fb = load_factbase(workspace.seeds, workspace.data)
    assert fb.facts[fact["id"]].citations[0].source == source
    assert statuses(workspace, source)[0] == "accepted"


def test_edit_sets_statement_kind_and_entities_and_creates_new_ones(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    review(
        workspace,
        source,
        [
            "e",
            "China, Kyrgyzstan and Uzbekistan agreed to build a railway.",
            "event",
            "China, Kyrgyzstan, Uzbekistan, Kashgar-Andijan railway",
            "2024-06-06",
            "project",
            "q",
        ],
    )
    [fact] = facts_of(workspace, source)
    assert fact["statement"] == "China, Kyrgyzstan and Uzbekistan agreed to build a railway."
    assert fact["kind"] == "event" and fact["date"] == "2024-06-06" and "figure" not in fact
    assert fact["entities"] == ["china", "kyrgyzstan", "uzbekistan", "kashgar-andijan-railway"]
    fb = load_factbase(workspace.seeds, workspace.data)
    assert fb.entities["kashgar-andijan-railway"].type.value == "project"


def test_an_invalid_edit_is_refused_and_asked_again(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    said = review(workspace, source, ["e", "", "gossip", "", "", "r", "q"])
    assert any("Not accepted" in line and "kind" in line for line in said)
    assert facts_of(workspace, source) == [] and statuses(workspace, source)[0] == "rejected"


def test_merge_adds_a_citation_to_an_existing_fact_keeping_its_file_intact(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    target = workspace.data / "facts" / "china_vaccines_central_asia.yaml"
    before = target.read_text()
    fact_id = "vac-cc5-second-meeting-xian"
    review(workspace, source, ["m", fact_id, "q"])
    after = target.read_text()
    assert after.startswith(before.split(f"- id: {fact_id}")[0])  # comments and earlier facts untouched
    fb = load_factbase(workspace.seeds, workspace.data)
    assert [c.source for c in fb.facts[fact_id].citations][-1] == source
    assert statuses(workspace, source)[0] == "merged"


def test_furniture_marks_the_span_in_the_metadata_and_check_then_refuses_quotes_there(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    result = ingest(workspace, capsys)
    source = result["source"]["id"]
    review(workspace, source, ["f", "press-release boilerplate", "q"])
    fb = load_factbase(workspace.seeds, workspace.data)
    first = result["candidates"][0]
    assert any(
        s.start == first["start"] and s.reason == "press-release boilerplate"
        for s in fb.sources[source].spans
    )
    assert statuses(workspace, source)[0] == "furniture"


def test_review_resumes_where_it_stopped(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    review(workspace, source, ["r", "q"])
    said = review(workspace, None, ["a", "q"])  # no source named: the first with pending work
    assert any(f"Reviewing {source}" in line and "(1 done)" in line for line in said)
    assert statuses(workspace, source)[:2] == ["rejected", "accepted"]


def test_unknown_actions_show_the_choices(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    source = ingest(workspace, capsys)["source"]["id"]
    said = review(workspace, source, ["x", "q"])
    assert any("a=accept" in line for line in said[2:])


def test_nothing_to_review_is_explained(workspace: Workspace) -> None:
    with pytest.raises(ReviewError, match="Nothing to review"):
        open_session(workspace.seeds, workspace.data, None, input, print)
    with pytest.raises(ReviewError, match="No review file"):
        open_session(workspace.seeds, workspace.data, "no-such-source", input, print)


def test_candidates_are_not_answered_before_acceptance_and_are_after_build(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """ingest -> review -> build -> the bot's own answer path cites the new document."""
    db = workspace.state / "factbase.db"
    source = ingest(workspace, capsys)["source"]["id"]
    assert main(["build"]) == 0
    capsys.readouterr()

    async def answer(line: str) -> str:
        core = await open_core(workspace.seeds, workspace.data, db)
        try:
            out = io.StringIO()
            await ask(core, line, quotes=True, out=out, err=out)
            return out.getvalue()
        finally:
            await core.close()

    import asyncio

    before = asyncio.run(answer("/search Kashgar Andijan railway"))
    assert "523 km" not in before
    review(workspace, source, ["a", "q"])
    assert main(["build"]) == 0
    assert "Added the new documents" in capsys.readouterr().out
    after = asyncio.run(answer("/search Kashgar Andijan railway"))
    assert "523 km" in after
    assert (
        "Kyrgyzstan and Uzbekistan sign railway deal with China" in after
    )  # cited by the new source's title
