"""`briefbot eval`: run a question file through the system under test and print the table."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import AsyncIterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.core import Core
from bot.evaluation.changes import (
    Earlier,
    EarlierRunInvalid,
    changes_json,
    compare,
    load_earlier,
    render_changes,
)
from bot.evaluation.metrics import run_questions, tabulate
from bot.evaluation.questions import (
    SPLITS,
    Question,
    QuestionsInvalid,
    load_questions,
    split_paths,
    unknown_fact_ids,
)
from bot.evaluation.report import (
    FLOORS,
    as_json,
    missed_floors,
    pct,
    render_markdown,
    render_misses,
    render_table,
)
from bot.evaluation.system import AskMany, answer_fn, in_turn
from bot.evaluation.workers import pooled
from bot.evaluation.wrapped import render_wrapped, run_wrapped, share_kept


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("give a percentage between 0 and 100")
    return value


def _every(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give a whole number of 1 or more")
    return value


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "eval", help="run the question benchmark: accuracy@1/@3 and 'not covered' recall/precision"
    )
    p.add_argument(
        "--split", choices=(*SPLITS, "all"), default="dev", help="which question file (default dev)"
    )
    p.add_argument("--questions", metavar="FILE", action="append", help="a question file instead of --split")
    p.add_argument("--json", action="store_true", help="print the table and every outcome as JSON")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--misses", action="store_true", help="list every question answered wrongly")
    for floor in FLOORS:
        p.add_argument(
            floor.option, type=_percent, metavar="PCT", help=f"exit 1 if {floor.label} is below PCT percent"
        )
    p.add_argument(
        "--against",
        metavar="FILE",
        help="compare with an earlier --json run of the same questions: list the answers gained and lost and "
        "every answer line that changed",
    )
    p.add_argument(
        "--wrapped",
        type=_every,
        metavar="N",
        help="also ask every Nth question answered rightly again, wrapped as an analyst may type it (a greeting, "
        "a request, a note, a list number …), and count the answers that stay right",
    )
    p.add_argument(
        "--jobs",
        type=_every,
        default=1,
        metavar="N",
        help="answer in N processes at once (default 1); the answers and the table are the same for any N",
    )
    p.add_argument(
        "--min-wrapped",
        type=_percent,
        metavar="PCT",
        help="exit 1 if fewer than PCT percent of those answers stay right (needs --wrapped)",
    )


@dataclass(frozen=True, slots=True)
class QuestionSet:
    questions: list[Question]
    files: list[tuple[Path, set[str]]]  # each file and the ids of its questions
    earlier: dict[str, Earlier] | None = None  # an earlier run to compare with (--against)


def load(settings: Settings, args: argparse.Namespace) -> QuestionSet | None:
    """The questions asked for, or None after printing every problem (checked before any fact base is opened)."""
    paths = (
        [Path(p) for p in args.questions] if args.questions else split_paths(settings.curated_dir, args.split)
    )
    try:
        questions = load_questions(paths)
        earlier = load_earlier(Path(args.against)) if args.against else None
        return QuestionSet(questions, [(p, {q.id for q in load_questions([p])}) for p in paths], earlier)
    except QuestionsInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    except EarlierRunInvalid as exc:
        print(exc, file=sys.stderr)
        return None


@asynccontextmanager
async def _asker(settings: Settings, core: Core, jobs: int) -> AsyncIterator[AskMany]:
    """The questions asked in this process, or shared between `jobs` worker processes."""
    if jobs == 1:
        yield in_turn(answer_fn(core))
        return
    async with pooled(settings.seeds_dir, settings.curated_dir, settings.factbase_db_path, jobs) as ask:
        yield ask


async def run(settings: Settings, core: Core, qset: QuestionSet, args: argparse.Namespace) -> int:
    questions = qset.questions
    expected = sorted({f for q in questions for f in q.answers})
    known = {f.id for f in await core.store.facts_by_ids(expected)}
    if problems := unknown_fact_ids(questions, known):
        print("\n".join(problems), file=sys.stderr)
        return 1
    async with _asker(settings, core, args.jobs) as ask:
        try:
            outcomes = await run_questions(ask, questions)
            wrapped = await run_wrapped(ask, outcomes, args.wrapped) if args.wrapped else []
        except BrokenProcessPool:
            print(
                "A worker answering questions stopped unexpectedly; run again with --jobs 1.", file=sys.stderr
            )
            return 1
    table = tabulate(outcomes, {qid: path.stem for path, ids in qset.files for qid in ids})
    missed = missed_floors(table, {f.dest: getattr(args, f.dest) for f in FLOORS})
    kept = share_kept(wrapped)
    if args.min_wrapped is not None and kept is None:
        missed.append(
            f"answers kept when wrapped: not measured, give --wrapped N (floor {args.min_wrapped:g}%)"
        )
    elif args.min_wrapped is not None and kept is not None and kept * 100 < args.min_wrapped:
        missed.append(f"answers kept when wrapped: {pct(kept)} is below the floor of {args.min_wrapped:g}%")
    split = "custom" if args.questions else args.split
    changes = compare(qset.earlier, outcomes) if qset.earlier is not None else None
    if args.json:
        report = as_json(split, table, outcomes, missed)
        if wrapped:
            report["wrapped"] = [{"wrapper": w.name, "right": w.right, "kept": w.kept} for w in wrapped]
        if changes is not None:
            report["against"] = changes_json(changes)
        print(json.dumps(report, indent=2))
    elif args.markdown:
        columns = [(split, table)]
        if len(qset.files) > 1:  # each file beside the others, then all together
            columns = [
                (p.stem, tabulate([o for o in outcomes if o.question.id in ids])) for p, ids in qset.files
            ]
            columns.append(("all", table))
        sys.stdout.write(render_markdown(columns))
    else:
        answerable = table.overall.answerable
        title = (
            f"Question benchmark, {split}: {len(questions)} questions "
            f"({answerable} answerable, {len(questions) - answerable} not answered by the sources)"
        )
        sys.stdout.write(render_table(title, table))
        if args.misses:
            sys.stdout.write("\n" + render_misses(outcomes))
        if wrapped:
            sys.stdout.write("\n" + render_wrapped(wrapped, args.wrapped))
        if changes is not None:
            sys.stdout.write("\n" + render_changes(changes, args.against))
    for line in missed:
        print(f"Floor missed: {line}", file=sys.stderr)
    return 1 if missed else 0
