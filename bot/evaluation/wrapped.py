"""The same questions, wrapped as an analyst may type them: with a greeting, a request, the scope, a note, a list
number or quotation marks around them. A right answer should stay right whatever wraps the question; this counts
how many do, wrapper by wrapper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.evaluation.metrics import Outcome
from bot.evaluation.system import AskMany


def _lowered(text: str) -> str:
    """The question's first letter in lower case, unless it starts a name or an abbreviation ("SCO", "AidData")."""
    head = text[:2]
    return text if head.isupper() or (len(text) > 1 and text[1].isupper()) else text[:1].lower() + text[1:]


def _opening(words: str) -> Callable[[str], str]:
    return lambda text: words + _lowered(text)


def _closing(words: str) -> Callable[[str], str]:
    return lambda text: text.rstrip() + words


@dataclass(frozen=True, slots=True)
class Wrapper:
    name: str
    wrap: Callable[[str], str]


# Declared once: what `briefbot eval --wrapped` asks, and what the README's table lists.
WRAPPERS: tuple[Wrapper, ...] = (
    Wrapper("greeting", _opening("Hi, ")),
    Wrapper("request", _opening("Can you tell me ")),
    Wrapper("purpose", _opening("For my report, I need to know: ")),
    Wrapper("scope", _opening("According to the sources, ")),
    Wrapper("carrying on", _opening("OK so ")),
    Wrapper("citations asked", _closing(" Please cite the source.")),
    Wrapper("brevity asked", _closing(" (briefly)")),
    Wrapper("list number", lambda text: "3. " + text),
    Wrapper("quoted", lambda text: f"“{text}”"),
    Wrapper("lower case, no mark", lambda text: text.lower().rstrip("? ")),
)


@dataclass(frozen=True, slots=True)
class WrappedScore:
    name: str
    right: int  # right answers to the questions as written
    kept: int  # of those, still right when wrapped

    @property
    def share_kept(self) -> float | None:
        return self.kept / self.right if self.right else None


async def run_wrapped(ask: AskMany, outcomes: Sequence[Outcome], every: int) -> list[WrappedScore]:
    """Every `every`th question answered rightly, asked again in each wrapper."""
    right = [o for o in outcomes[::every] if o.correct]
    # All wrappers' questions asked at once, so that several workers share them.
    shown = await ask([wrapper.wrap(o.question.text) for wrapper in WRAPPERS for o in right])
    scores = []
    for k, wrapper in enumerate(WRAPPERS):
        answers = shown[k * len(right) : (k + 1) * len(right)]
        kept = sum(Outcome(o.question, s).correct for o, s in zip(right, answers, strict=True))
        scores.append(WrappedScore(wrapper.name, len(right), kept))
    return scores


def share_kept(scores: Sequence[WrappedScore]) -> float | None:
    """Over all wrappers: the share of right answers still right when wrapped."""
    right = sum(s.right for s in scores)
    return sum(s.kept for s in scores) / right if right else None


def render_wrapped(scores: Sequence[WrappedScore], every: int) -> str:
    lines = [
        f"Wrapped questions (of every {every}th question, those answered rightly, asked again in each wrapper):"
    ]
    lines.append(f"{'wrapper':<24}{'right':>7}{'kept':>7}{'kept %':>9}")
    for s in scores:
        share = s.share_kept
        lines.append(
            f"{s.name:<24}{s.right:>7}{s.kept:>7}{(f'{100 * share:.1f}%' if share is not None else '—'):>9}"
        )
    overall = share_kept(scores)
    lines.append(
        f"{'all wrappers':<24}{'':>7}{'':>7}{(f'{100 * overall:.1f}%' if overall is not None else '—'):>9}"
    )
    return "\n".join(lines) + "\n"
