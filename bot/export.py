"""Export facts with their figures, entities and verbatim citations as JSON Lines, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from bot.factbase.store import FactRecord, FactStore


async def fact_rows(store: FactStore, facts: Sequence[FactRecord]) -> list[dict[str, Any]]:
    entity_ids = {e for f in facts for e in f.entity_ids}
    entities = await store.entities(entity_ids)
    sources = {s.id: s for s in await store.sources()}
    rows = []
    for f in facts:
        fig = f.figure
        rows.append(
            {
                "id": f.id,
                "statement": f.statement,
                "kind": f.kind,
                "entities": f.entity_ids,
                "countries": [
                    entities[e].name for e in f.entity_ids if e in entities and entities[e].type == "country"
                ],
                "figure": None
                if fig is None
                else {
                    k: fig[k]
                    for k in ("value", "unit", "currency", "qualifier", "as_written", "scale", "amount")
                },
                "date": f.date,
                "date_end": f.date_end,
                "as_of": f.as_of,
                "attribution": f.attribution,
                "caveats": f.caveats,
                "topics": f.topics,
                "added": f.added.isoformat(),
                "links": [{"fact": link.fact_id, "relation": link.relation} for link in f.links],
                "citations": [
                    {
                        "source": sources[c.source_id].file if c.source_id in sources else c.source_id,
                        "source_id": c.source_id,
                        "quote": c.quote,
                        "start": c.start,
                        "end": c.end,
                        "excerpt_of": c.excerpt_of,
                    }
                    for c in f.citations
                ],
            }
        )
    return rows


def to_jsonl(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """One row per citation, so every quote and its offsets stay in a cell of their own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "statement",
            "kind",
            "entities",
            "countries",
            "figure_value",
            "figure_unit",
            "figure_currency",
            "figure_qualifier",
            "figure_as_written",
            "date",
            "attribution",
            "caveats",
            "source",
            "quote",
            "start",
            "end",
        ]
    )
    for r in rows:
        fig = r["figure"] or {}
        for c in r["citations"]:
            writer.writerow(
                [
                    r["id"],
                    r["statement"],
                    r["kind"],
                    ";".join(r["entities"]),
                    ";".join(r["countries"]),
                    fig.get("value", ""),
                    fig.get("unit", ""),
                    fig.get("currency") or "",
                    fig.get("qualifier") or "",
                    fig.get("as_written", ""),
                    r["date"] or "",
                    (r["attribution"] or {}).get("who", ""),
                    " | ".join(r["caveats"]),
                    c["source"],
                    c["quote"],
                    c["start"],
                    c["end"],
                ]
            )
    return out.getvalue()


FORMATS = {"jsonl": to_jsonl, "json": to_json, "csv": to_csv}
