"""Timelines of two things joined: each step of the history is one of them."""

from __future__ import annotations

from bot.core import Core
from bot.understanding import answer_question


def _ids(answer: object) -> list[str]:
    return [f.id for f in answer.facts]  # type: ignore[attr-defined]


async def test_a_timeline_of_two_things_joined_takes_steps_of_either(core: Core) -> None:
    # The 2006 road, tunnel and power-line accords are agreements and say nothing of high-level contacts.
    answer = await answer_question(
        core, "Chronology of Beijing's accords and high-level contacts with Dushanbe"
    )
    assert answer.covered, answer.notice
    assert {"ank-ozodi-tunnel-agreement-2006", "ank-tj-china-highway-agreement-2006"} <= set(_ids(answer))


def test_only_a_timeline_reads_two_things_joined_as_either(core: Core) -> None:
    assert core.answerer.understand(
        "Timeline of Chinese loans and investments in Kazakhstan"
    ).joined_from == ("investments")
    assert (
        core.answerer.understand("Why did China sign loans and investments with Kazakhstan?").joined_from
        is None
    )
