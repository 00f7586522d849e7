"""What changed since an earlier run of the same questions: answers gained and lost, and answer lines rewritten.

The table scores the facts shown, not the line above them, so a change can keep every score and still make an
answer line wrong ("12" where five was right, because the right fact stayed among the first three). Comparing
each question's line with the last run's is how such a change is caught before it lands.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation.metrics import Outcome


class EarlierRunInvalid(Exception):
    """The file given as the earlier run cannot be read as `briefbot eval --json` output."""


@dataclass(frozen=True, slots=True)
class Earlier:
    """One question as an earlier run answered it."""

    correct: bool
    line: str | None


@dataclass(frozen=True, slots=True)
class LineChange:
    outcome: Outcome
    was: str | None


@dataclass(frozen=True, slots=True)
class Changes:
    gained: list[Outcome]
    lost: list[Outcome]
    lines: list[LineChange]  # the answer line differs, whether or not the score moved
    compared: int  # questions found in both runs
    new: int  # questions the earlier run did not ask


def load_earlier(path: Path) -> dict[str, Earlier]:
    """Each question's outcome in an earlier `--json` run, by id."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EarlierRunInvalid(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise EarlierRunInvalid(f"{path}: not JSON ({exc})") from None
    questions = raw.get("questions") if isinstance(raw, dict) else None
    if not isinstance(questions, list):
        raise EarlierRunInvalid(f"{path}: not the output of `briefbot eval --json` (no list of questions)")
    earlier: dict[str, Earlier] = {}
    for entry in questions:
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and "correct" in entry):
            raise EarlierRunInvalid(f"{path}: a question without an id and an outcome: {str(entry)[:80]}")
        line = entry.get("line")
        earlier[entry["id"]] = Earlier(bool(entry["correct"]), line if isinstance(line, str) else None)
    return earlier


def compare(earlier: Mapping[str, Earlier], outcomes: Sequence[Outcome]) -> Changes:
    gained, lost, lines = [], [], []
    compared = 0
    for o in outcomes:
        before = earlier.get(o.question.id)
        if before is None:
            continue
        compared += 1
        if o.correct and not before.correct:
            gained.append(o)
        elif before.correct and not o.correct:
            lost.append(o)
        if o.shown.line != before.line:
            lines.append(LineChange(o, before.line))
    return Changes(gained, lost, lines, compared, len(outcomes) - compared)


def render_changes(changes: Changes, source: str) -> str:
    out = [
        f"Against {source}: {changes.compared} questions compared"
        + (f" ({changes.new} not in it)" if changes.new else "")
        + f"; {len(changes.gained)} answers gained, {len(changes.lost)} lost, "
        f"{len(changes.lines)} answer lines changed"
    ]
    for label, group in (("gained", changes.gained), ("lost", changes.lost)):
        out += [f"  {label}: {o.question.id} [{o.question.group}] {o.question.text}" for o in group]
    for change in changes.lines:
        q = change.outcome.question
        out += [
            f"  line: {q.id} [{q.group}] {q.text}",
            f"      was: {change.was or '(none)'}",
            f"      now: {change.outcome.shown.line or '(none)'}",
        ]
    return "\n".join(out) + "\n"


def changes_json(changes: Changes) -> dict[str, object]:
    return {
        "compared": changes.compared,
        "new": changes.new,
        "gained": [o.question.id for o in changes.gained],
        "lost": [o.question.id for o in changes.lost],
        "lines": [
            {"id": c.outcome.question.id, "was": c.was, "now": c.outcome.shown.line} for c in changes.lines
        ],
    }
