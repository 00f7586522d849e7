"""The benchmark's generator feeds the real loader, deterministically, and `bench --json` has its shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.bench import runner
from bot.bench.generate import Curated, Generator, Layout
from bot.bench.report import format_table
from bot.bench.rewrite import perturb_number
from bot.config import PACKAGE_ROOT
from bot.factbase.loader import load_factbase
from bot.main import main
from tests.bench.reported import assert_reported

SEEDS = PACKAGE_ROOT / "seeds"
DATA = PACKAGE_ROOT / "data"


@pytest.fixture(scope="module")
def curated() -> Curated:
    return Curated.load(SEEDS, DATA)


def test_generated_base_passes_the_real_loader(curated: Curated, tmp_path: Path) -> None:
    generated = Generator(curated, seed=7).generate(tmp_path / "x2", 2)
    fb = load_factbase(generated.layout.seeds, generated.layout.data)  # raises on any unverified quote
    n = len(curated.fb.facts)
    assert len(fb.facts) == generated.facts == 2 * n
    assert len(fb.entities) == 2 * len(curated.fb.entities) and len(fb.sources) == 2 * len(curated.fb.sources)
    synthetic = [rf for rf in fb.facts.values() if rf.id.endswith("-c1")]
    assert len(synthetic) == n
    for rf in fb.facts.values():
        assert rf.citations, rf.id
        for cite in rf.citations:
            assert fb.sources[cite.source].text[cite.start : cite.end] == cite.quote
    # Copy 1 really is renamed and renumbered: no curated country name left in its entities.
    curated_names = {e.name for e in curated.fb.entities.values() if e.type.value == "country"}
    copy_names = {e.name for e in fb.entities.values() if e.id.endswith("-c1") and e.type.value == "country"}
    assert copy_names and not copy_names & curated_names
    for rf in synthetic:
        fig = rf.fact.figure
        if fig is not None and re.search(r"\d", fig.as_written):
            written = f"{fig.amount:g}" if fig.amount < 1000 else f"{fig.amount:,.0f}"
            assert written in fig.as_written, (rf.id, fig.amount, fig.as_written)


def test_generation_is_deterministic(curated: Curated, tmp_path: Path) -> None:
    first = Generator(curated, seed=11).generate(tmp_path / "a", 2).layout.input_hash()
    again = Generator(curated, seed=11).generate(tmp_path / "b", 2).layout.input_hash()
    other = Generator(curated, seed=12).generate(tmp_path / "c", 2).layout.input_hash()
    assert first == again
    assert first != other


def test_copy_zero_is_the_curated_base(curated: Curated, tmp_path: Path) -> None:
    layout = Generator(curated).generate(tmp_path / "x1", 1).layout
    from bot.factbase.loader import Inputs

    assert layout.input_hash() == Inputs(SEEDS, DATA).content_hash()
    assert isinstance(layout, Layout)


@pytest.mark.parametrize(
    ("token", "factor", "expected"),
    [
        ("33", 1.5, "50"),
        ("1,700", 1.5, "2,550"),
        ("27.1", 2.0, "54.2"),
        ("2019", 1.5, "2019"),
        ("05", 1.2, "06"),
        ("33", 1.0, "33"),
    ],
)
def test_numbers_scale_in_their_own_style(token: str, factor: float, expected: str) -> None:
    assert perturb_number(token, factor) == expected


def test_json_summary_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(
        [
            *("bench", "--scales", "1", "--queries", "3", "--digests", "20", "--burst", "20"),
            *("--json", "--workdir", str(tmp_path)),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    summary = json.loads(captured.out)
    assert {"cpu", "cores", "python", "platform", "sqlite"} <= set(summary["machine"])
    (size,) = summary["sizes"]
    assert set(size) == {
        "scale",
        "facts",
        "compile_s",
        "warm_start_s",
        "rss_mb",
        "latency_ms",
        "chart_ms",
        "baseline_latency_ms",
        "digests_10k_s",
        "add_one_s",
    }
    assert size["scale"] == 1 and size["facts"] > 0
    kinds = {"country", "project", "figure", "search", "fact", "autocomplete"}
    for key in ("latency_ms", "baseline_latency_ms"):
        assert set(size[key]) == kinds
        for stats in size[key].values():
            assert_reported(stats, {"p50", "p99", "max"})
    assert size["digests_10k_s"] is None or size["digests_10k_s"] > 0
    charts = size["chart_ms"]
    assert {"timeline", "figures"} <= set(charts) and 0 < charts["max_bytes"] <= 1_000_000
    for kind in ("timeline", "figures"):
        assert charts[kind]["charts"] >= 1
        assert_reported(charts[kind], {"p50", "p99", "max"})
    assert "targets at 1×" in captured.err and "chart p99" in captured.err
    burst = summary["burst"]
    # Whether all were answered within Discord's 3 s depends on the machine's load: reported, not asserted.
    assert burst["interactions"] == 20 and isinstance(burst["all_answered"], bool), burst
    assert_reported(burst, {"p99_lag_ms", "max_lag_ms"})
    assert_reported(burst["latency_ms"], {"p50", "max"})
    # Reported with its targets, whatever this machine measures.
    assert "burst of 20 interactions" in captured.err and "loop lag max" in captured.err
    assert not list(tmp_path.iterdir())  # generated bases are removed unless --keep


def test_the_burst_runs_from_the_checkout_that_holds_the_stand_in() -> None:
    assert runner.devtools_checkout() == PACKAGE_ROOT


def test_without_the_stand_in_the_burst_is_skipped_and_said_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As in an installed wheel, which holds bot/ and cogs/ but not devtools/.
    monkeypatch.setattr(runner, "devtools_checkout", lambda: None)
    said: list[str] = []
    summary = runner.run_bench(SEEDS, DATA, [], workdir=tmp_path, log=said.append, burst=20)
    assert summary["burst"] is None
    assert said == [f"[burst] skipped: {runner.NO_STANDIN}"]
    assert f"note: burst: not measured: {runner.NO_STANDIN}" in format_table(summary)
    assert "devtools/" in runner.NO_STANDIN and "briefbot bench" in runner.NO_STANDIN


def test_a_missing_workdir_is_made(tmp_path: Path) -> None:
    workdir = tmp_path / "does" / "not" / "exist"
    runner.run_bench(SEEDS, DATA, [], workdir=workdir, burst=0)
    assert workdir.is_dir() and not list(workdir.iterdir())  # made; the generated bases removed as ever


def test_a_workdir_that_cannot_be_made_is_said_plainly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["bench", "--scales", "1", "--burst", "0", "--workdir", str(blocker / "sub")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"bench failed: cannot make a working folder in {blocker / 'sub'}: Not a directory" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("option", ["--digests", "--queries"])
def test_zero_digests_or_queries_is_refused_not_read_as_the_default(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bench", "--scales", "1", "--burst", "0", option, "0"]) == 2
    assert "must be at least 1" in capsys.readouterr().err
