"""Latency figures are computed from the samples by nearest rank, in milliseconds."""

from __future__ import annotations

import pytest

from bot.bench.stats import latency_stats


def test_percentiles_by_nearest_rank_in_milliseconds() -> None:
    samples = [i * 1_000_000 for i in range(1, 101)]  # 1 ms … 100 ms, shuffled order must not matter
    stats = latency_stats(list(reversed(samples)))
    assert stats == {"p50": 50.0, "p99": 99.0, "max": 100.0}


def test_one_sample_is_every_percentile() -> None:
    assert latency_stats([2_500_000]) == {"p50": 2.5, "p99": 2.5, "max": 2.5}


def test_no_samples_is_refused() -> None:
    with pytest.raises(ValueError, match="no samples"):
        latency_stats([])
