"""Link names in a sentence to the curated entities, and propose the names the base does not know yet."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.factbase.models import Entity, EntityType
from bot.factbase.text import MONTH_NAMES, NUMBER_WORDS, fold

_MAX_WORDS = 7
# Names of three letters or fewer ("US", "Xi", "TM") collide with ordinary words once folded: matched by case.
_SHORT = 3
_TOKEN = re.compile(r"[^\W_]+")
# A run of capitalised words, allowing lower-case joiners inside ("Bank of China", "Belt and Road").
_PROPER = re.compile(
    r"\b(?:[A-Z][\w’'&.-]*[\w]|[A-Z])(?:\s+(?:(?:of|and|for|the|de|on|in)\s+)?(?:[A-Z][\w’'&.-]*[\w]|[A-Z]))*"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_NOT_NAMES = {
    *[
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "as",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "our",
        "there",
        "here",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "with",
        "by",
        "from",
        "to",
        "if",
        "however",
        "although",
        "though",
        "also",
        "both",
        "some",
        "many",
        "most",
        "more",
        "several",
        "other",
        "such",
        "each",
        "every",
        "one",
        *NUMBER_WORDS,
        "last",
        "next",
        "first",
        "second",
        "new",
        "mr",
        "mrs",
        "ms",
        "dr",
    ],
    *MONTH_NAMES,
    *["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
_TYPE_CUES: list[tuple[EntityType, re.Pattern[str]]] = [
    (
        EntityType.ORGANISATION,
        re.compile(
            r"\b(Organi[sz]ation|Council|Ministry|Bank|University|Institute|Lab|Agency|Company|Corporation|Party|"
            r"Fund|Association|Commission|Committee|Group|Center|Centre|Forum|Office|Army|Secretariat|Union)\b"
        ),
    ),
    (EntityType.INITIATIVE, re.compile(r"\b(Initiative|Program(me)?|Strategy|Belt|Road|Corridor|Plan)\b")),
    (EntityType.PROJECT, re.compile(r"\b(Pipeline|Railway|Highway|Dam|Plant|Port|Park|Zone|Project)\b")),
    (
        EntityType.PLACE,
        re.compile(r"\b(Province|Region|City|Valley|Oblast|County|River|Sea|Lake|Mountains)\b"),
    ),
    (
        EntityType.DOCUMENT,
        re.compile(r"\b(Treaty|Report|Agreement|Declaration|Charter|Law|Code|Memorandum)\b"),
    ),
    (EntityType.EVENT, re.compile(r"\b(Summit|Protests?|Conference|Meeting|Games|Expo|War|Crisis)\b")),
]
_PERSON_CONTEXT = re.compile(
    r"\b(said|says|told|argued|noted|pointed out|wrote|believes|director|minister|president|professor|"
    r"spokesperson|spokesman|analyst|researcher|ambassador|Mr|Ms|Dr)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NewEntity:
    name: str
    type: EntityType
    why: str


class EntityLinker:
    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self._by_key: dict[str, str] = {}
        self._short: dict[str, str] = {}
        for entity in self.entities.values():
            for name in (*entity.all_names, entity.id.replace("-", " ")):
                if len(name) <= _SHORT:
                    self._short.setdefault(name, entity.id)
                else:
                    self._by_key.setdefault(fold(name), entity.id)
        self._longest = max((len(k.split()) for k in self._by_key), default=1)

    def known(self, name: str) -> bool:
        return fold(name) in self._by_key or name in self._short

    def link(self, text: str) -> list[str]:
        """Entity ids mentioned in `text`, in order of first mention, longest names first."""
        raw = _TOKEN.findall(text)
        words = [fold(w) for w in raw]
        found: list[tuple[int, str]] = []
        taken = [False] * len(words)
        for size in range(min(_MAX_WORDS, self._longest), 0, -1):
            for i in range(len(words) - size + 1):
                if any(taken[i : i + size]):
                    continue
                entity_id = self._by_key.get(" ".join(words[i : i + size]))
                if entity_id is None and size == 1:
                    entity_id = self._short.get(raw[i])
                if entity_id is not None:
                    found.append((i, entity_id))
                    taken[i : i + size] = [True] * size
        return list(dict.fromkeys(entity_id for _, entity_id in sorted(found)))

    def propose(self, text: str) -> list[NewEntity]:
        """Names in `text` that no curated entity carries, each with a guess at its type."""
        proposals: dict[str, NewEntity] = {}
        for m in [*_PROPER.finditer(text), *_ACRONYM.finditer(text)]:
            name = m.group(0).strip(" .’'")
            words = name.split()
            while words and words[0].casefold() in _NOT_NAMES:
                words = words[1:]
            name = " ".join(words)
            if not name or (len(words) == 1 and not _ACRONYM.fullmatch(name)):
                continue  # one capitalised word is mostly a sentence start or an adjective
            if self.known(name) or all(self.known(w) or w.casefold() in _NOT_NAMES for w in words):
                continue
            proposals.setdefault(fold(name), _guess(name, text))
        return list(proposals.values())


def _guess(name: str, context: str) -> NewEntity:
    for entity_type, cue in _TYPE_CUES:
        if cue.search(name):
            return NewEntity(name, entity_type, f"the name contains {cue.search(name).group(0)!r}")  # type: ignore[union-attr]
    if _ACRONYM.fullmatch(name):
        return NewEntity(name, EntityType.ORGANISATION, "an acronym")
    if 2 <= len(name.split()) <= 3 and _PERSON_CONTEXT.search(context):
        return NewEntity(
            name, EntityType.PERSON, "two or three capitalised words beside a speech verb or title"
        )
    return NewEntity(name, EntityType.ORGANISATION, "no cue in the name; check the type")
