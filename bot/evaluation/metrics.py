"""Scoring: accuracy@1 and @3 on answerable questions, recall and precision of "not covered", by category."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.evaluation.questions import Question
from bot.evaluation.system import AskMany, Shown


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    shown: Shown

    def hit_at(self, k: int) -> bool:
        """An expected fact is among the first k facts of an answer that claims to cover the question."""
        return self.shown.covered and any(f in self.question.answers for f in self.shown.fact_ids[:k])

    @property
    def said_not_covered(self) -> bool:
        return not self.shown.covered

    @property
    def correct(self) -> bool:
        """At @3 for an answerable question; "not covered" for one the sources do not answer."""
        return self.hit_at(3) if self.question.answerable else self.said_not_covered


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class Score:
    """One row of the table. Rates are None where the row has nothing to measure them on."""

    name: str
    questions: int
    answerable: int
    at1: int
    at3: int
    unanswerable: int
    unanswerable_said: int  # unanswerable questions answered "not covered"
    said_not_covered: int  # all questions of the row answered "not covered"

    @property
    def accuracy_at1(self) -> float | None:
        return _share(self.at1, self.answerable)

    @property
    def accuracy_at3(self) -> float | None:
        return _share(self.at3, self.answerable)

    @property
    def not_covered_recall(self) -> float | None:
        return _share(self.unanswerable_said, self.unanswerable)

    @property
    def not_covered_precision(self) -> float | None:
        return _share(self.unanswerable_said, self.said_not_covered)

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.name,
            "questions": self.questions,
            "answerable": self.answerable,
            "at1": self.accuracy_at1,
            "at3": self.accuracy_at3,
            "unanswerable": self.unanswerable,
            "not_covered_recall": self.not_covered_recall,
            "not_covered_precision": self.not_covered_precision,
        }


def score(name: str, outcomes: Iterable[Outcome]) -> Score:
    rows = list(outcomes)
    answerable = [o for o in rows if o.question.answerable]
    unanswerable = [o for o in rows if not o.question.answerable]
    return Score(
        name=name,
        questions=len(rows),
        answerable=len(answerable),
        at1=sum(o.hit_at(1) for o in answerable),
        at3=sum(o.hit_at(3) for o in answerable),
        unanswerable=len(unanswerable),
        unanswerable_said=sum(o.said_not_covered for o in unanswerable),
        said_not_covered=sum(o.said_not_covered for o in rows),
    )


# The breakdowns of the table: a heading and how a question is filed under it.
BREAKDOWNS: tuple[tuple[str, Callable[[Question], str]], ...] = (
    ("group", lambda q: q.group),
    ("intent", lambda q: q.intent),
    ("subject", lambda q: q.subject),
    ("why not covered", lambda q: q.unanswerable or ""),
)


@dataclass(frozen=True, slots=True)
class Table:
    overall: Score
    sections: tuple[tuple[str, tuple[Score, ...]], ...]

    def row(self, section: str, name: str) -> Score | None:
        for heading, scores in self.sections:
            if heading == section:
                return next((s for s in scores if s.name == name), None)
        return None


def tabulate(outcomes: Sequence[Outcome], files: Mapping[str, str] | None = None) -> Table:
    """The table; `files` (question id -> file name) adds a row per question file when there are several."""
    sections = []
    if files and len(set(files.values())) > 1:
        by_file: dict[str, list[Outcome]] = {}
        for o in outcomes:
            by_file.setdefault(files[o.question.id], []).append(o)
        sections.append(("file", tuple(score(name, rows) for name, rows in by_file.items())))
    for heading, key in BREAKDOWNS:
        buckets: dict[str, list[Outcome]] = {}
        for o in outcomes:
            if name := key(o.question):
                buckets.setdefault(name, []).append(o)
        sections.append((heading, tuple(score(name, rows) for name, rows in sorted(buckets.items()))))
    return Table(score("overall", outcomes), tuple(sections))


async def run_questions(ask: AskMany, questions: Iterable[Question]) -> list[Outcome]:
    asked = list(questions)
    return [Outcome(q, shown) for q, shown in zip(asked, await ask([q.text for q in asked]), strict=True)]
