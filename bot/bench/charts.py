"""Chart drawing time for the benchmark: every chart the interaction mix produced, drawn again uncached.

Commands are timed without drawing (`run_command(draw=False)`: the chart is decided but not drawn), so their
latency stays comparable with the straight-scan baseline; the drawing, which the bot does in its worker process
before sending, is timed here per chart kind, in this process, with the plotting library already loaded.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from typing import Any

from bot.bench.stats import latency_stats
from bot.commands import run_command
from bot.core import Core
from bot.render.charts import Spec

# The most cited countries: a timeline of each, and comparisons of neighbours in that order.
COUNTRIES = 12
# Per kind: the mix may yield few distinct charts; each is drawn again until there are this many samples.
MIN_DRAWS = 30
TARGET_P99_MS = 150.0  # per chart, at the curated size


async def chart_specs(core: Core) -> dict[str, list[Spec]]:
    """The charts of /timeline (all, and per country) and /compare, which the interaction mix does not ask."""
    countries = [m.entity.id for m in core.entities.complete("", types={"country"}, limit=COUNTRIES)]
    asks: list[tuple[str, dict[str, Any]]] = [("timeline", {})] + [
        ("timeline", {"about": c}) for c in countries
    ]
    asks += [("compare", {"a": a, "b": b}) for a, b in itertools.pairwise(countries)]
    specs: dict[str, list[Spec]] = {}
    for command, options in asks:
        reply = await run_command(core, command, options, draw=False)
        if reply.chart is not None:
            specs.setdefault(reply.chart.kind, []).append(reply.chart.spec)
    return specs


def time_charts(specs: Mapping[str, Sequence[Spec]]) -> dict[str, Any]:
    """{"import_s", "max_bytes", kind: {p50, p99, max, charts}} for the specs collected per chart kind."""
    started = time.perf_counter()
    from bot.render.charts_draw import draw

    result: dict[str, Any] = {"import_s": round(time.perf_counter() - started, 3), "max_bytes": 0}
    for kind, found in specs.items():
        if not found:
            continue
        draw(found[0])  # the first drawing of a kind loads fonts and caches: not timed, as for commands
        samples: list[int] = []
        while len(samples) < max(MIN_DRAWS, len(found)):
            spec = found[len(samples) % len(found)]
            begun = time.perf_counter_ns()
            data = draw(spec)
            samples.append(time.perf_counter_ns() - begun)
            result["max_bytes"] = max(result["max_bytes"], len(data))
        result[kind] = {**latency_stats(samples), "charts": len(found)}
    return result
