"""How benchmark tests check a measured duration: that it is reported, never how long it was.

Durations depend on the machine and its load; the benchmark prints them against their targets. The ordering of
percentiles is a property of `latency_stats`, tested on fixed samples in `test_stats.py`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def assert_reported(figures: Mapping[str, Any], keys: set[str]) -> None:
    missing = keys - set(figures)
    assert not missing, f"not reported: {sorted(missing)}"
    for key in keys:
        value = figures[key]
        assert isinstance(value, int | float) and math.isfinite(value), f"{key} is not a number: {value!r}"
