"""Edits to the curated files made by review: new facts, a further citation on an existing fact, new entities,
and furniture spans. Hand-written files are edited round-trip (comments, quoting and layout kept), so a
reviewer's change shows in `git diff` as the lines it added and nothing else."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.ingest.yamlio import atomic_write

_STYLES = [(2, 4, 2), (2, 2, 0)]
_WIDTHS = [4096, 110, 120, 100, 80]


def _yaml_for(src: str) -> YAML:
    """The round-trip settings under which this file is written back unchanged (its own indentation and width)."""
    for width in _WIDTHS:
        for mapping, sequence, offset in _STYLES:
            y = _yaml(mapping, sequence, offset, width)
            out = io.StringIO()
            y.dump(y.load(src), out)
            if out.getvalue() == src:
                return y
    return _yaml(2, 4, 2, 4096)


def _yaml(mapping: int, sequence: int, offset: int, width: int) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = width
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _edit(path: Path, change: Any, new: dict[str, Any]) -> None:
    if path.exists():
        src = path.read_text(encoding="utf-8")
        y = _yaml_for(src)
        data = y.load(src)
    else:
        y, data = _yaml(2, 4, 2, 110), new
    change(data)
    out = io.StringIO()
    y.dump(data, out)
    atomic_write(path, out.getvalue().encode("utf-8"))


def add_fact(data_dir: Path, source_id: str, fact: dict[str, Any], today: dt.date) -> Path:
    path = data_dir / "facts" / f"{source_id.replace('-', '_')}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    _edit(path, lambda d: d["facts"].append(fact), {"added": today, "facts": []})
    return path


def add_entities(data_dir: Path, source_id: str, entities: list[dict[str, Any]]) -> Path:
    path = data_dir / "entities" / f"ingest_{source_id.replace('-', '_')}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    _edit(path, lambda d: d["entities"].extend(entities), {"entities": []})
    return path


def add_citation(fact_file: Path, fact_id: str, citation: dict[str, Any]) -> None:
    def change(data: Any) -> None:
        for fact in data["facts"]:
            if fact.get("id") == fact_id:
                fact["citations"].append(citation)
                return
        raise KeyError(fact_id)

    _edit(fact_file, change, {})


def add_span(meta_file: Path, span: dict[str, Any]) -> None:
    def change(data: Any) -> None:
        if data.get("spans") is None:
            data["spans"] = []
        data["spans"].append(span)

    _edit(meta_file, change, {})
