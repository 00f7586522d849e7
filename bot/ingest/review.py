"""`briefbot review`: a person walks the candidate facts of an ingested document and decides each one.

Every decision is saved to the review file at once, so a review can stop anywhere and continue later. Only
accepted facts reach the curated files (and so the bot); the review file is never read by the build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.factbase.models import Entity, EntityType, Fact, FactKind, SpanKind
from bot.factbase.text import fold
from bot.ingest import curated_write
from bot.ingest.entities import EntityLinker
from bot.ingest.furniture import FoundSpan
from bot.ingest.pipeline import REVIEW_DIR, Curated, anchor_spec
from bot.ingest.yamlio import atomic_write, dump_yaml

Ask = Callable[[str], str]
Say = Callable[[str], None]

ACTIONS = "a=accept  e=edit, then accept  m=merge into a fact  r=reject  f=furniture  s=skip  q=quit"
PENDING = "pending"
_ID_STOP = {
    "the",
    "and",
    "for",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "that",
    "this",
    "from",
    "its",
    "their",
}


class ReviewError(Exception):
    """A review cannot start; the message says what to do."""


def review_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / REVIEW_DIR).glob("*.yaml"))


def _pending(review: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in review["candidates"] if c.get("status") == PENDING]


@dataclass
class Session:
    seeds_dir: Path
    data_dir: Path
    review_path: Path
    review: dict[str, Any]
    curated: Curated
    ask: Ask
    say: Say
    today: dt.date

    @property
    def source_id(self) -> str:
        return str(self.review["source"])

    def save(self) -> None:
        atomic_write(self.review_path, dump_yaml(self.review).encode("utf-8"))

    # ----------------------------------------------------------------------------------- presenting

    def show(self, c: dict[str, Any], n: int, total: int) -> None:
        self.say("")
        self.say(f"[{c['id']}  {n}/{total}]  {c['kind']}  ·  {', '.join(c['signals'])}")
        self.say(f"  “{c['quote']}”")
        details = []
        if c.get("entities"):
            details.append("entities: " + ", ".join(c["entities"]))
        if c.get("figure"):
            details.append(f"figure: {c['figure']['as_written']} ({c['figure']['unit']})")
        if c.get("date"):
            details.append(f"date: {c['date']}")
        if details:
            self.say("  " + "  ·  ".join(details))
        if c.get("new_entities"):
            self.say("  new names: " + ", ".join(f"{e['name']} ({e['type']})" for e in c["new_entities"]))
        for link in c.get("links") or []:
            self.say(f"  {link['relation']} {link['fact']} ({link['why']})")

    # ----------------------------------------------------------------------------------- decisions

    def _fact_ids(self) -> set[str]:
        return {str(f.get("id")) for f in self.curated.facts}

    def _new_fact_id(self, statement: str) -> str:
        prefix = self.source_id.split("-")[0][:6]
        words = [w for w in re.findall(r"[a-z0-9]+", fold(statement)) if len(w) > 2 and w not in _ID_STOP][:5]
        base = "-".join([prefix, *words])[:60].strip("-")
        taken, fact_id, n = self._fact_ids(), base, 2
        while fact_id in taken:
            fact_id, n = f"{base}-{n}", n + 1
        return fact_id

    def _figure(self, c: dict[str, Any]) -> dict[str, Any] | None:
        fig = c.get("figure")
        if not fig:
            return None
        return {k: v for k, v in fig.items() if k != "value" and v is not None}

    def _entities_for(
        self, names: list[str], proposals: list[dict[str, Any]]
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Entity ids for the names typed (or proposed); names the base does not know become new entities."""
        linker = EntityLinker(self.curated.entities)
        types = {fold(p["name"]): p["type"] for p in proposals}
        ids: list[str] = []
        created: list[dict[str, Any]] = []
        known = {e.id for e in self.curated.entities}
        for name in names:
            name = name.strip()
            if not name:
                continue
            if name in known:
                ids.append(name)
                continue
            linked = linker.link(name)
            if linked and fold(name) in {
                fold(n) for e in self.curated.entities if e.id == linked[0] for n in e.all_names
            }:
                ids.append(linked[0])
                continue
            entity_id = "-".join(re.findall(r"[a-z0-9]+", fold(name)))[:64] or "entity"
            entity_type = types.get(fold(name), EntityType.ORGANISATION.value)
            answer = self.ask(f"  new entity {name!r}: type [{entity_type}] ").strip()
            if answer:
                entity_type = answer
            created.append({"id": entity_id, "name": name, "type": entity_type})
            ids.append(entity_id)
        return list(dict.fromkeys(ids)), created

    def accept(self, c: dict[str, Any], *, edit: bool) -> bool:
        statement = c["quote"] if len(c["quote"]) <= 400 else c["quote"][:397].rsplit(" ", 1)[0] + "…"
        kind = c["kind"]
        date = c.get("date")
        names = list(c.get("entities") or []) or [e["name"] for e in c.get("new_entities") or []]
        if edit:
            statement = self.ask("  statement [the quote]: ").strip() or statement
            kind = self.ask(f"  kind [{kind}]: ").strip() or kind
            answer = self.ask(f"  entities, comma-separated [{', '.join(names)}]: ").strip()
            if answer:
                names = [n.strip() for n in answer.split(",")]
            answer = self.ask(f"  date (YYYY, YYYY-MM, YYYY-MM-DD; - for none) [{date or 'none'}]: ").strip()
            if answer:
                date = None if answer == "-" else answer
        if not names:
            answer = self.ask("  entities, comma-separated (the quote names none the base knows): ").strip()
            names = [n.strip() for n in answer.split(",") if n.strip()]
        ids, created = self._entities_for(names, c.get("new_entities") or [])
        fact: dict[str, Any] = {
            "id": self._new_fact_id(statement),
            "statement": statement,
            "kind": kind,
            "entities": ids,
        }
        figure = self._figure(c)
        if figure and kind in (FactKind.FIGURE.value, FactKind.POLL.value):
            fact["figure"] = figure
        if date:
            fact["date"] = date
        fact["citations"] = [self._citation(c)]
        try:
            for entity in created:
                Entity.model_validate(entity)
            Fact.model_validate(fact)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            self.say(f"  Not accepted: {problems}. Choose e to edit, or another action.")
            return False
        if created:
            curated_write.add_entities(self.data_dir, self.source_id, created)
            self.curated.entities.extend(Entity.model_validate(e) for e in created)
        curated_write.add_fact(self.data_dir, self.source_id, fact, self.today)
        self.curated.facts.append(fact)
        c["status"], c["fact"] = "accepted", fact["id"]
        self.say(f"  Accepted as {fact['id']}.")
        return True

    def _citation(self, c: dict[str, Any]) -> dict[str, Any]:
        citation: dict[str, Any] = {"source": self.source_id, "quote": c["quote"]}
        text = (self.seeds_dir / self.review["file"]).read_text(encoding="utf-8")
        occurrence = text[: c["start"]].count(c["quote"]) + 1
        if occurrence > 1:
            citation["occurrence"] = occurrence
        return citation

    def merge(self, c: dict[str, Any]) -> bool:
        default = (c.get("links") or [{}])[0].get("fact", "")
        fact_id = self.ask(f"  merge into fact id [{default}]: ").strip() or default
        fact_file = self._fact_file(fact_id)
        if fact_file is None:
            self.say(f"  No fact {fact_id!r} in the curated files.")
            return False
        curated_write.add_citation(fact_file, fact_id, self._citation(c))
        c["status"], c["fact"] = "merged", fact_id
        self.say(f"  Added as a further citation of {fact_id}.")
        return True

    def _fact_file(self, fact_id: str) -> Path | None:
        if not fact_id:
            return None
        for path in sorted((self.data_dir / "facts").glob("*.yaml")):
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if any(isinstance(f, dict) and f.get("id") == fact_id for f in raw.get("facts") or []):
                return path
        return None

    def furniture(self, c: dict[str, Any]) -> bool:
        reason = (
            self.ask("  reason [marked as furniture in review]: ").strip() or "marked as furniture in review"
        )
        text = (self.seeds_dir / self.review["file"]).read_text(encoding="utf-8")
        spec = anchor_spec(text, FoundSpan(SpanKind.FURNITURE, c["start"], c["end"], reason))
        if spec is None:
            self.say("  This sentence cannot be anchored uniquely; edit the metadata file by hand.")
            return False
        meta_file = self.seeds_dir / (Path(self.review["file"]).stem + ".yaml")
        curated_write.add_span(meta_file, spec)
        for other in _pending(self.review):
            if c["start"] <= other["start"] and other["end"] <= c["end"]:
                other["status"] = "furniture"
        c["status"] = "furniture"
        self.say("  Marked as furniture in the source's metadata.")
        return True

    def _decide(self, action: str, c: dict[str, Any]) -> bool:
        """Carry out an action on a candidate; False when it was not decided (unknown key, refused edit)."""
        if action == "a":
            return self.accept(c, edit=False)
        if action == "e":
            return self.accept(c, edit=True)
        if action == "m":
            return self.merge(c)
        if action == "f":
            return self.furniture(c)
        self.say(f"  {ACTIONS}")
        return False

    def run(self) -> int:
        pending = _pending(self.review)
        total = len(self.review["candidates"])
        done = total - len(pending)
        self.say(f"Reviewing {self.source_id}: {len(pending)} of {total} candidates to decide ({done} done).")
        self.say(ACTIONS)
        for c in pending:
            if c["status"] != PENDING:
                continue  # decided along with another (a furniture span covering it)
            self.show(c, self.review["candidates"].index(c) + 1, total)
            while True:
                action = self.ask("> ").strip().lower()[:1]
                if action == "q":
                    self.say("Stopped; decisions so far are saved. Run `briefbot review` again to continue.")
                    return 0
                if action == "s":
                    break
                if action == "r":
                    c["status"] = "rejected"
                elif not self._decide(action, c):
                    continue
                self.save()
                break
        left = len(_pending(self.review))
        accepted = sum(1 for c in self.review["candidates"] if c["status"] in ("accepted", "merged"))
        self.say(
            f"\n{accepted} fact(s) accepted or merged; {left} candidate(s) left. Next: briefbot check, then briefbot build."
        )
        return 0


def open_session(
    seeds_dir: Path,
    data_dir: Path,
    source: str | None,
    ask: Ask,
    say: Say,
    today: dt.date | None = None,
    compiled: Path | None = None,
) -> Session:
    files = review_files(data_dir)
    if source is not None:
        path = data_dir / REVIEW_DIR / f"{source}.yaml"
        if not path.is_file():
            known = ", ".join(p.stem for p in files) or "none"
            raise ReviewError(f"No review file for {source!r}. Documents with reviews: {known}.")
    else:
        with_work = [p for p in files if _pending(yaml.safe_load(p.read_text(encoding="utf-8")))]
        if not with_work:
            raise ReviewError(
                "Nothing to review: every ingested document's candidates are decided. Add one with `briefbot ingest PATH`."
            )
        path = with_work[0]
    review = yaml.safe_load(path.read_text(encoding="utf-8"))
    curated = Curated.read(seeds_dir, data_dir, compiled=compiled)
    return Session(
        seeds_dir, data_dir, path, review, curated, ask, say, today or dt.datetime.now(dt.UTC).date()
    )


def run_review(
    seeds_dir: Path,
    data_dir: Path,
    source: str | None,
    *,
    input_fn: Ask,
    out: Say,
    compiled: Path | None = None,
) -> int:
    """`compiled`: the built fact base, read for entities and existing facts when it is current."""
    return open_session(seeds_dir, data_dir, source, input_fn, out, compiled=compiled).run()


def keystrokes_to_accept(
    seeds_dir: Path, data_dir: Path, source_id: str, wanted: int, keep: Callable[[dict[str, Any]], bool]
) -> dict[str, int]:
    """A scripted reviewer: accepts the candidates `keep` approves and rejects the rest until `wanted` are
    accepted, counting every key pressed (answers plus Enter). Defaults are taken as offered."""
    pressed = 0
    accepted = 0
    shown = 0
    current: dict[str, Any] = {}

    def ask(prompt: str) -> str:
        nonlocal pressed, accepted
        if prompt.startswith(">"):
            answer = "q" if accepted >= wanted else "a" if keep(current) else "r"
        elif "(the quote names none" in prompt:
            answer = "china"  # the scripted reviewer names the obvious entity
        else:
            answer = ""
        pressed += len(answer) + 1
        return answer

    session = open_session(seeds_dir, data_dir, source_id, ask, lambda _line: None)
    original_show = session.show

    def show(c: dict[str, Any], n: int, total: int) -> None:
        nonlocal shown
        shown += 1
        current.clear()
        current.update(c)
        original_show(c, n, total)

    session.show = show  # type: ignore[method-assign]
    original_accept = session.accept

    def accept(c: dict[str, Any], *, edit: bool) -> bool:
        nonlocal accepted
        ok = original_accept(c, edit=edit)
        accepted += ok
        return ok

    session.accept = accept  # type: ignore[method-assign]
    session.run()
    return {"keystrokes": pressed, "accepted": accepted, "candidates_shown": shown}
