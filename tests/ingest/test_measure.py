"""The ingest check on the five seed documents: it runs in a scratch directory and its hard rule holds."""

from __future__ import annotations

from pathlib import Path

from bot.ingest.measure import format_report, measure
from tests.conftest import RealBase


def test_ingest_check_compares_with_the_hand_curation_in_a_scratch_dir(
    real_base: RealBase, tmp_path: Path
) -> None:
    before = sorted(p.name for p in real_base.seeds_dir.iterdir())
    report = measure(real_base.seeds_dir, real_base.curated_dir, tmp_path / "scratch")
    assert sorted(p.name for p in real_base.seeds_dir.iterdir()) == before  # nothing written beside the seeds
    assert report["totals"]["curated_facts"] == len(real_base.factbase.facts)
    # Never a candidate inside a region the curators set aside as furniture or off-subject.
    assert report["candidates_in_furniture"] == 0
    # The scripted reviewer's accepted facts pass the same verification as hand-written ones.
    assert all(r["check"].startswith("OK") and r["accepted"] == 5 for r in report["review"].values())
    text = format_report(report)
    assert "recall" in text and "keystrokes" in text
