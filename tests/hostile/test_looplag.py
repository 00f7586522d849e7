"""The loop-lag benchmark (devtools.bench.looplag) runs to the end and counts every answer, errors included.

How long the loop stalls is a number for `briefbot bench` (reported against its target), not a test: it depends on
the machine and on whatever else runs on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.discord import discord_io
from devtools.bench.looplag import burst, measure_loop_lag
from tests.bench.reported import assert_reported
from tests.conftest import RealBase
from tests.hostile.session import one_guild_bot


async def test_a_burst_is_measured_to_the_end_with_every_interaction_answered(real_base: RealBase) -> None:
    # No wall-clock rule (deadline=None): a loaded machine may answer late; the benchmark reports lateness.
    result = await measure_loop_lag(
        40, seeds_dir=real_base.seeds_dir, curated_dir=real_base.curated_dir, deadline=None
    )
    shown = json.dumps(result, indent=2, ensure_ascii=False)
    assert result["interactions"] == 40
    assert result["all_answered"] and not result["problems"], shown
    assert result["samples"] >= 1, shown  # the sampler ran
    assert_reported(result, {"p99_lag_ms", "max_lag_ms"})
    assert_reported(result["latency_ms"], {"p50", "p99", "max"})


async def test_errors_after_a_public_defer_count_as_answered(
    real_base: RealBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every answer defers publicly; an error then withdraws the "thinking…" message and follows up privately.
    # The burst used to wait for that withdrawn message to finish loading, until its timeout ran out.
    monkeypatch.setattr(discord_io, "DIRECT_ANSWER_BUDGET_S", 0.0)
    mix = [
        ("slash", "fact", {"id": "no-such-fact"}, None),
        ("slash", "country", {"name": "Kazakhstan"}, None),
    ]
    async with one_guild_bot(real_base, tmp_path) as standin:
        answered, problems = await burst(standin, 6, mix, deadline=None)
    assert answered, problems
    withdrawn = [m for m in standin.messages.values() if m.deleted]
    assert len(withdrawn) == 3  # the burst really went through the error-after-defer path
