"""The benchmark table as terminal text or JSON, the floors CI holds it to, and the list of misses."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.evaluation.metrics import Outcome, Score, Table


@dataclass(frozen=True, slots=True)
class Floor:
    option: str  # the command-line option, e.g. "--min-at3"
    label: str
    measure: Callable[[Table], float | None]

    @property
    def dest(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")


def _paraphrase_at3(table: Table) -> float | None:
    row = table.row("group", "paraphrase")
    return row.accuracy_at3 if row else None


FLOORS: tuple[Floor, ...] = (
    Floor("--min-at1", "accuracy@1 overall", lambda t: t.overall.accuracy_at1),
    Floor("--min-at3", "accuracy@3 overall", lambda t: t.overall.accuracy_at3),
    Floor("--min-paraphrase-at3", "accuracy@3 on paraphrases", _paraphrase_at3),
    Floor("--min-negatives", '"not covered" recall', lambda t: t.overall.not_covered_recall),
    Floor("--min-precision", '"not covered" precision', lambda t: t.overall.not_covered_precision),
)


def missed_floors(table: Table, floors: Mapping[str, float | None]) -> list[str]:
    """One line per floor (in percent) the table falls below; a floor on something unmeasurable is missed."""
    out = []
    for floor in FLOORS:
        wanted = floors.get(floor.dest)
        if wanted is None:
            continue
        got = floor.measure(table)
        if got is None:
            out.append(f"{floor.label}: cannot be measured on these questions (floor {wanted:g}%)")
        elif got * 100 < wanted:
            out.append(f"{floor.label}: {pct(got)} is below the floor of {wanted:g}%")
    return out


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


_HEADER = f"{'':<24}{'n':>5}{'@1':>9}{'@3':>9}{'unansw.':>9}{'NC recall':>11}{'NC prec.':>10}"


def _line(label: str, s: Score) -> str:
    return (
        f"{label:<24}{s.questions:>5}{pct(s.accuracy_at1):>9}{pct(s.accuracy_at3):>9}"
        f"{s.unanswerable:>9}{pct(s.not_covered_recall):>11}{pct(s.not_covered_precision):>10}"
    )


def render_table(title: str, table: Table) -> str:
    lines = [
        title,
        "@1/@3: an expected fact among the first 1/3 shown (answerable questions); NC recall: unanswerable",
        'questions answered "not covered"; NC prec.: of the "not covered" answers, the share really unanswerable.',
        "",
        _HEADER,
        _line("overall", table.overall),
    ]
    for heading, scores in table.sections:
        lines.append(f"by {heading}")
        lines.extend(_line(f"  {s.name}", s) for s in scores)
    return "\n".join(lines) + "\n"


def render_markdown(columns: Sequence[tuple[str, Table]]) -> str:
    """Markdown for the README: one block of columns per named table (e.g. dev and held-out side by side)."""
    head = "| category |" + "".join(f" {name} n | @1 | @3 | NC recall | NC prec. |" for name, _ in columns)
    lines = [head, "|---|" + "---|" * 5 * len(columns)]
    rows: dict[str, list[Score | None]] = {}
    for i, (_, table) in enumerate(columns):
        named = [("**overall**", table.overall)]
        named += [
            (f"{heading}: {s.name}", s)
            for heading, scores in table.sections
            if heading != "file"  # the files are the columns here
            for s in scores
        ]
        for label, score in named:
            rows.setdefault(label, [None] * len(columns))[i] = score
    for label, scores in rows.items():
        cells = []
        for sc in scores:
            if sc is None:
                cells += ["0", "—", "—", "—", "—"]
            else:
                cells += [str(sc.questions), pct(sc.accuracy_at1), pct(sc.accuracy_at3)]
                cells += [pct(sc.not_covered_recall), pct(sc.not_covered_precision)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def describe_miss(outcome: Outcome) -> str | None:
    q, shown = outcome.question, outcome.shown
    if outcome.correct:
        return None
    if q.answerable:
        got = (
            "said not covered"
            if not shown.covered
            else "showed " + (", ".join(shown.fact_ids[:3]) or "nothing")
        )
        return f"{q.id} [{q.group}, {q.intent}] {q.text}\n    expected {' or '.join(q.answers)}; {got}"
    return (
        f"{q.id} [not covered: {q.unanswerable}] {q.text}\n    answered with {len(shown.fact_ids)} fact(s): "
        + ", ".join(shown.fact_ids[:3])
    )


def render_misses(outcomes: Sequence[Outcome]) -> str:
    lines = [line for o in outcomes if (line := describe_miss(o))]
    return ("Misses:\n" + "\n".join(lines) + "\n") if lines else "No misses.\n"


def as_json(
    split: str, table: Table, outcomes: Sequence[Outcome], missed: Sequence[str]
) -> dict[str, object]:
    return {
        "split": split,
        "overall": table.overall.as_dict(),
        "breakdowns": {heading: [s.as_dict() for s in scores] for heading, scores in table.sections},
        "floors_missed": list(missed),
        "questions": [
            {
                "id": o.question.id,
                "group": o.question.group,
                "covered": o.shown.covered,
                "shown": list(o.shown.fact_ids),
                "line": o.shown.line,
                "at1": o.hit_at(1),
                "at3": o.hit_at(3),
                "correct": o.correct,
            }
            for o in outcomes
        ],
    }
