"""A deterministic mix of interactions drawn from a synthetic base's own names, ids and statements.

The mix is meant to look like real use, misses included: a Discord user mostly picks a country from
autocomplete (so the option carries an entity id) or types its name, sometimes an alias, sometimes a typo; and
an autocomplete request starts empty when the option is focused.
"""

from __future__ import annotations

import random
import re
from typing import Any

from bot.bench.generate import CopyNames, Generator
from bot.factbase.loader import ResolvedFact
from bot.factbase.models import Entity
from bot.search import STOPWORDS

COMMANDS = ("country", "project", "figure", "search", "fact")
KINDS = (*COMMANDS, "autocomplete")
MIX_NOTE = (
    "query mix per command: /country 40% entity id (picked from autocomplete), 35% name, 10% alias, "
    "5% lower-case name, 5% curated misspelling, 5% typo; /project 45% id, 40% name, 10% alias, 5% typo; "
    "/figure 1-3 words of a figure fact's statement, 40% with a country; /search 70% 2-4 words of a statement, "
    "15% a question naming an entity, 15% words plus a number; /fact 95% a real id, 5% a mistyped one; "
    "autocomplete 5% empty, else a 1-6 character prefix of a country's name or alias"
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text + "x"
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :]


def _pick(rng: random.Random, mix: list[tuple[str, float]]) -> str:
    """One label of a weighted mix (weights summing to 1)."""
    r = rng.random()
    for label, share in mix:
        if r < share:
            return label
        r -= share
    return mix[-1][0]


def _content_words(statement: str) -> list[str]:
    return [w for w in _WORD.findall(statement) if w.lower() not in STOPWORDS and len(w) >= 3]


class QueryMix:
    def __init__(self, gen: Generator, scale: int, seed: int) -> None:
        self.gen = gen
        self.scale = scale
        self.rng = random.Random(seed * 7919 + scale)
        fb = gen.cur.fb
        self.countries = [e for e in fb.entities.values() if e.type.value == "country"]
        self.projects = [e for e in fb.entities.values() if e.type.value in ("project", "initiative")]
        self.facts = list(fb.facts.values())
        self.figures = [rf for rf in self.facts if rf.fact.figure is not None]

    def _copy(self) -> CopyNames:
        return self.gen.table(self.rng.randrange(self.scale))

    def _statement(self, names: CopyNames, rf: ResolvedFact) -> str:
        return names.table.render(self.gen.cutter.cut(rf.fact.statement))

    def _entity_text(self, names: CopyNames, e: Entity, mix: list[tuple[str, float]]) -> str:
        how = _pick(self.rng, mix)
        if how == "id":
            return names.entity_ids[e.id]
        if how == "alias" and e.aliases:
            return names.name(self.rng.choice(e.aliases))
        if how == "misspelling" and e.misspellings:
            return names.name(self.rng.choice(e.misspellings))
        if how == "lower":
            return names.name(e.name).lower()
        if how == "typo":
            return _typo(self.rng, names.name(e.name))
        return names.name(e.name)

    def country(self) -> dict[str, Any]:
        e = self.rng.choice(self.countries)
        mix = [
            ("id", 0.40),
            ("name", 0.35),
            ("alias", 0.10),
            ("lower", 0.05),
            ("misspelling", 0.05),
            ("typo", 0.05),
        ]
        return {"name": self._entity_text(self._copy(), e, mix)}

    def project(self) -> dict[str, Any]:
        e = self.rng.choice(self.projects)
        return {
            "name": self._entity_text(
                self._copy(), e, [("id", 0.45), ("name", 0.40), ("alias", 0.10), ("typo", 0.05)]
            )
        }

    def _country_of(self, names: CopyNames, rf: ResolvedFact) -> str | None:
        ids = [e for e in rf.fact.entities if self.gen.cur.fb.entities[e].type.value == "country"]
        return names.name(self.gen.cur.fb.entities[self.rng.choice(ids)].name) if ids else None

    def figure(self) -> dict[str, Any]:
        names, rf = self._copy(), self.rng.choice(self.figures)
        words = _content_words(self._statement(names, rf)) or ["figure"]
        n = self.rng.randint(1, min(3, len(words)))
        i = self.rng.randrange(len(words) - n + 1)
        options: dict[str, Any] = {"query": " ".join(words[i : i + n])}
        country = self._country_of(names, rf) if self.rng.random() < 0.4 else None
        if country:
            options["country"] = country
        return options

    def search(self) -> dict[str, Any]:
        names, rf = self._copy(), self.rng.choice(self.facts)
        statement = self._statement(names, rf)
        words = _content_words(statement) or ["diplomacy"]
        r = self.rng.random()
        if r < 0.15:
            entity = self.gen.cur.fb.entities[self.rng.choice(rf.fact.entities)]
            query = f"What did {names.name(entity.name)} say about {self.rng.choice(words).lower()}?"
        else:
            n = self.rng.randint(2, min(4, max(2, len(words))))
            i = self.rng.randrange(max(1, len(words) - n + 1))
            query = " ".join(words[i : i + n])
            numbers = _NUMBER.findall(statement)
            if r > 0.85 and numbers:
                query += " " + self.rng.choice(numbers)
        return {"query": query}

    def fact(self) -> dict[str, Any]:
        fact_id = self._copy().fact_id(self.rng.choice(self.facts).id)
        if self.rng.random() < 0.05:
            fact_id = _typo(self.rng, fact_id)
        return {"id": fact_id}

    def autocomplete(self) -> str:
        if self.rng.random() < 0.05:
            return ""
        names, e = self._copy(), self.rng.choice(self.countries)
        text = names.name(self.rng.choice([e.name, e.name, *e.aliases]))
        return text[: self.rng.randint(1, 6)]

    def build(self, per_command: int) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for kind in KINDS:
            make = getattr(self, kind)
            out[kind] = [make() for _ in range(per_command)]
        return out
