"""The system under test: one question in, (covered?, fact ids in the order shown, first line) out.

Only this module knows how the answering code is called, so the benchmark follows it to a new entry point by
changing `shown_answer` alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.briefs import UserError
from bot.core import Core
from bot.understanding import answer_question


@dataclass(frozen=True, slots=True)
class Shown:
    """What an answer shows, as far as the benchmark is concerned."""

    covered: bool
    fact_ids: tuple[str, ...]
    # The answer line, or the notice saying what the sources do not give: not scored, but compared between runs
    # (`briefbot eval --against`), because a right fact under a wrong line is still a wrong answer.
    line: str | None = None


AnswerFn = Callable[[str], Awaitable[Shown]]
# Many questions in, their answers out in the same order: how the benchmark asks (in one process or several).
AskMany = Callable[[Sequence[str]], Awaitable[list[Shown]]]


async def shown_answer(core: Core, text: str) -> Shown:
    """Asks the question as free text, as a researcher would type it in /search."""
    try:
        answer = await answer_question(core, text)
    except UserError as exc:
        return Shown(False, (), str(exc))  # a polite refusal shows no fact
    # Facts shown under a "not covered" line are related material, never an answer: `covered` says which.
    return Shown(answer.covered, tuple(answer.fact_ids), answer.answer or answer.notice)


def answer_fn(core: Core) -> AnswerFn:
    async def ask(text: str) -> Shown:
        return await shown_answer(core, text)

    return ask


def in_turn(ask: AnswerFn) -> AskMany:
    """Many questions asked one after the other, in this process."""

    async def ask_many(texts: Sequence[str]) -> list[Shown]:
        return [await ask(text) for text in texts]

    return ask_many
