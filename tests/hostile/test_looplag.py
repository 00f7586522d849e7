"""The event loop stays responsive while the real bot answers a burst of 200 interactions (bot.bench.looplag)."""

from __future__ import annotations

import json

from bot.bench.looplag import measure_loop_lag
from tests.conftest import RealBase

MAX_LAG_MS = 50.0


async def test_a_burst_of_200_interactions_never_stalls_the_loop(real_base: RealBase) -> None:
    result = await measure_loop_lag(200, seeds_dir=real_base.seeds_dir, curated_dir=real_base.curated_dir)
    shown = json.dumps(result, indent=2, ensure_ascii=False)
    assert result["interactions"] == 200
    assert result["all_answered"], shown
    assert result["latency_ms"]["max"] < 3000, shown
    assert result["samples"] > 20, shown  # the sampler really ran through the burst
    assert result["max_lag_ms"] < MAX_LAG_MS, shown
