"""Latency figures as the benchmark reports them (shared by every kind of measurement)."""

from __future__ import annotations

import math
from collections.abc import Sequence

LatencyStats = dict[str, float]


def latency_stats(samples_ns: Sequence[int]) -> LatencyStats:
    """p50 / p99 (nearest rank) / max in milliseconds."""
    if not samples_ns:
        raise ValueError("no samples: every kind of interaction needs at least one query")
    ordered = sorted(samples_ns)

    def rank(q: float) -> float:
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] / 1e6

    return {"p50": round(rank(0.50), 3), "p99": round(rank(0.99), 3), "max": round(ordered[-1] / 1e6, 3)}
