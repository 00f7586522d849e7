"""The benchmark's question files (`data/eval/*.yaml`): their model, validation and location.

Each answerable question names the fact ids any of which counts as its answer; each unanswerable one says why the
sources do not answer it. Questions are split once, at random with a fixed seed, into a development half to tune
against and a held-out half run only to check that tuning generalises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

EVAL_DIRNAME = "eval"
Split = Literal["dev", "heldout"]
SPLITS: tuple[Split, ...] = get_args(Split)
SPLIT_FILES: dict[Split, str] = {"dev": "dev.yaml", "heldout": "heldout.yaml"}

Intent = Literal[
    "when", "how much", "how many", "who", "where", "which", "why", "what is", "list", "timeline", "compare"
]
# What the question is about, in the fact base's terms ("attribution" = who said or holds a view).
Subject = Literal[
    "figure",
    "attribution",
    "project",
    "relation",
    "membership",
    "poll",
    "event",
    "concept",
    "claim",
    "document",
]
# Why the sources do not answer a question.
Absence = Literal[
    "near-miss",  # a covered subject, but not this detail (another year, a capacity nobody states)
    "furniture",  # only the page furniture mentions it (bylines, photo credits, adverts, notices)
    "off-subject",  # only an unrelated sidebar of a captured page mentions it
    "caveat-only",  # only a curator's note from outside knowledge mentions it
    "out-of-scope",  # nothing in the sources touches it
]
Group = Literal["plain", "paraphrase", "not covered"]
GROUPS: tuple[Group, ...] = get_args(Group)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID.pattern)
    text: str = Field(min_length=8)
    intent: Intent
    subject: Subject
    paraphrase: bool = False
    answers: tuple[str, ...] = ()
    unanswerable: Absence | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _answer_or_reason(self) -> Question:
        if bool(self.answers) == (self.unanswerable is not None):
            raise ValueError("give either answers (fact ids) or unanswerable (why the sources do not answer)")
        if self.unanswerable is not None and not self.note:
            raise ValueError("an unanswerable question needs a note saying what the sources lack")
        if len(set(self.answers)) != len(self.answers):
            raise ValueError("answers lists a fact id twice")
        return self

    @property
    def answerable(self) -> bool:
        return self.unanswerable is None

    @property
    def group(self) -> Group:
        if not self.answerable:
            return "not covered"
        return "paraphrase" if self.paraphrase else "plain"


class QuestionFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    split: Split
    seed: int = Field(description="seed of the random split that put these questions in this file")
    questions: list[Question] = Field(min_length=1)


class QuestionsInvalid(Exception):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the question files")
        self.problems = list(problems)


def eval_dir(curated_dir: Path) -> Path:
    """Question files live with the other curated data, so an installed package finds them the same way."""
    return curated_dir / EVAL_DIRNAME


def split_paths(curated_dir: Path, split: Split | Literal["all"]) -> list[Path]:
    wanted = SPLITS if split == "all" else (split,)
    return [eval_dir(curated_dir) / SPLIT_FILES[s] for s in wanted]


def load_questions(paths: Iterable[Path]) -> list[Question]:
    """Every question of the files, in order; all problems are collected and raised together."""
    problems: list[str] = []
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror or exc})")
            continue
        except yaml.YAMLError as exc:
            problems.append(f"{path}: not valid YAML ({exc})")
            continue
        try:
            parsed = QuestionFile.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_describe(path, raw, exc))
            continue
        for q in parsed.questions:
            if q.id in seen:
                problems.append(f"{path}: {q.id}: id already used in {seen[q.id]}")
                continue
            seen[q.id] = path.name
            questions.append(q)
    if problems:
        raise QuestionsInvalid(problems)
    return questions


def _describe(path: Path, raw: object, exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors(include_input=False):
        loc = list(error["loc"])
        where = ".".join(map(str, loc))
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int) and isinstance(raw, dict):
            items = raw.get("questions") or []
            item = items[loc[1]] if loc[1] < len(items) else None
            if isinstance(item, dict) and item.get("id"):
                where = f"{item['id']}" + ("." + ".".join(map(str, loc[2:])) if loc[2:] else "")
        out.append(f"{path}: {where}: {error['msg']}")
    return out


def unknown_fact_ids(questions: Iterable[Question], known: set[str]) -> list[str]:
    """One problem line per expected answer that names no fact of the fact base."""
    return [
        f"{q.id}: expected fact {fact_id!r} is not in the fact base"
        for q in questions
        for fact_id in q.answers
        if fact_id not in known
    ]
