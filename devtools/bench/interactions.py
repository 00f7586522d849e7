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

from bot.adapters.discord.client import create_bot
from bot.config import Settings
from devtools.standin import connected_bot, running_standin

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
        async with running_standin() as standin:
            settings = Settings.from_env(
                env_file=None,
                environ={
                    "BRIEFBOT_DATA_DIR": str(Path(tmp)),
                    "DISCORD_DEV_GUILD_ID": str(standin.guild_id()),
                },
            )
            bot = create_bot(settings, guild_ready_timeout=0.05)
            async with connected_bot(bot, standin):
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
