"""Interaction → response latency per command, through the real bot and the local Discord stand-in.

Measured from the moment the stand-in sends INTERACTION_CREATE over the gateway to the moment it receives the
bot's first callback (the response the user sees, or the defer), which is what Discord's 3 s rule is about.
Run: `python -m devtools.bench.interactions` (prints JSON).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from devtools.harness import bot_in_standin

CASES: dict[str, list[dict[str, Any]]] = {
    "country": [
        {"name": n} for n in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan")
    ],
    "project": [
        {"name": n} for n in ("Ozodi Tunnel", "Belt and Road Initiative", "China–Central Asia gas pipeline")
    ],
    "figure": [{"query": q} for q in ("financing", "border", "gas pipeline", "unfavourable", "loan")],
    "search": [
        {"query": q} for q in ("How long is the China–Kazakhstan border?", "SCO members", "26%", "vaccines")
    ],
    "fact": [{"id": "ser-kz-china-border-length"}],
    "source": [{"name": n} for n in ("Diplomat", "ANKASAM", "vLex")],
    "timeline": [{}, {"about": "Tajikistan"}],
    "compare": [{"a": "Kazakhstan", "b": "Kyrgyzstan"}],
    "help": [{}],
    "about": [{}],
}


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p99": round(p99 * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


async def measure(rounds: int = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        async with bot_in_standin(Path(tmp)) as run:
            standin = run.standin
            channel = standin.channel_id("general")
            results: dict[str, Any] = {}
            for name, variants in CASES.items():
                latencies = []
                for n in range(rounds):
                    handle = await standin.dispatch_slash(
                        name, variants[n % len(variants)], channel_id=channel, user="alice"
                    )
                    await handle.response()
                    assert handle.latency is not None
                    latencies.append(handle.latency)
                results[name] = _summary(latencies)
            latencies = []
            for n in range(rounds):
                started = asyncio.get_running_loop().time()
                await standin.dispatch_autocomplete(
                    "country", {"name": "Kazakh"[: 1 + n % 6]}, focused="name"
                )
                latencies.append(asyncio.get_running_loop().time() - started)
            results["autocomplete (round trip)"] = _summary(latencies)
            standin.assert_no_violations()
    return {"unit": "ms, gateway dispatch to first callback received", "rounds": rounds, "commands": results}


def main() -> None:
    print(json.dumps(asyncio.run(measure()), indent=2))


if __name__ == "__main__":
    main()
