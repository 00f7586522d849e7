"""The ingest check: the seed documents ingested as if new, against an empty fact base (entities kept, so names
can be linked), compared with what was curated by hand. Writes only into a scratch directory."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bot.factbase.loader import FactBase, FactBaseInvalid, load_factbase
from bot.factbase.models import SpanKind
from bot.factbase.text import fold
from bot.ingest.pipeline import IngestResult, ingest, source_meta_dict

META_FIELDS = ("title", "outlet", "authors", "published", "doc_type", "language")
TARGETS = {"recall": 0.95, "furniture_found": 0.90, "candidates_in_furniture": 0, "candidates_per_fact": 2.0}


def _unknown(value: str | None) -> bool:
    return value is None or "not stated" in value.casefold() or "untitled" in value.casefold()


def _agrees(field: str, drafted: Any, curated: Any) -> bool:
    if field in ("title", "outlet"):
        if _unknown(drafted) or _unknown(curated):
            return _unknown(drafted) and _unknown(curated)
        a, b = fold(drafted), fold(curated)
        return a == b or a in b or b in a
    if field == "authors":
        return sorted(fold(a) for a in drafted) == sorted(fold(a) for a in curated)
    return drafted == curated


def _compare(result: IngestResult, fb: FactBase, source_id: str) -> dict[str, Any]:
    source = fb.sources[source_id]
    cands = result.analysis.candidates
    cites = [
        (c.start, c.end, rf.id) for rf in fb.facts.values() for c in rf.citations if c.source == source_id
    ]
    facts = sorted({fid for _, _, fid in cites})
    covered = {fid for s, e, fid in cites if any(c.start < e and c.end > s for c in cands)}
    figure_or_date = [fid for fid in facts if fb.facts[fid].fact.figure or fb.facts[fid].fact.date]
    matching = [c for c in cands if any(c.start < e and c.end > s for s, e, _ in cites)]
    excluded = [s for s in source.spans if s.kind is not SpanKind.EXCERPT]
    found_spans = [
        s
        for s in excluded
        if any(
            d.start < s.end and d.end > s.start and d.kind is not SpanKind.EXCERPT
            for d in result.analysis.spans
        )
    ]
    inside = [c for c in cands if any(c.start < s.end and c.end > s.start for s in excluded)]
    # The draft as it is written to the metadata file (placeholders included) against the curated file.
    draft = source_meta_dict(result.source_id, result.seed_file, result.analysis.meta, [])
    curated_meta = source.meta.model_dump(mode="json")
    drafted = {f: draft[f] for f in META_FIELDS}
    curated = {f: curated_meta[f] for f in META_FIELDS}
    drafted["published"] = drafted["published"] and drafted["published"].isoformat()
    agree = [f for f in META_FIELDS if _agrees(f, drafted[f], curated[f])]
    return {
        "source": source_id,
        "curated_facts": len(facts),
        "covered": len(covered),
        "missed": [f for f in facts if f not in covered],
        "figure_or_date_facts": len(figure_or_date),
        "figure_or_date_covered": len([f for f in figure_or_date if f in covered]),
        "candidates": len(cands),
        "candidates_matching": len(matching),
        "curated_spans": len(excluded),
        "spans_found": len(found_spans),
        "candidates_in_furniture": len(inside),
        "metadata_agree": agree,
        "metadata_disagree": {f: [str(drafted[f]), str(curated[f])] for f in META_FIELDS if f not in agree},
    }


def measure(seeds_dir: Path, data_dir: Path, workdir: Path | None = None) -> dict[str, Any]:
    from bot.ingest.review import keystrokes_to_accept

    fb = load_factbase(seeds_dir, data_dir)
    scratch = Path(tempfile.mkdtemp(prefix="briefbot-ingest-check-")) if workdir is None else workdir
    try:
        per_source = []
        for source in fb.sources.values():
            case = scratch / source.id
            if case.exists():
                shutil.rmtree(case)
            (case / "seeds").mkdir(parents=True)
            (case / "data" / "facts").mkdir(parents=True)
            shutil.copytree(data_dir / "entities", case / "data" / "entities")
            doc = case / "incoming" / source.meta.file
            doc.parent.mkdir()
            shutil.copyfile(seeds_dir / source.meta.file, doc)
            result = ingest(doc, case / "seeds", case / "data")
            row = _compare(result, fb, source.id)
            cites = [
                (c.start, c.end) for rf in fb.facts.values() for c in rf.citations if c.source == source.id
            ]
            row["review"] = keystrokes_to_accept(
                case / "seeds",
                case / "data",
                result.source_id,
                5,
                lambda c, cites=cites: any(c["start"] < e and c["end"] > s for s, e in cites),  # type: ignore[misc]
            )
            try:
                checked = load_factbase(case / "seeds", case / "data")
                row["review"]["check"] = f"OK: {len(checked.facts)} facts, every quote verified"
            except FactBaseInvalid as exc:
                row["review"]["check"] = f"{len(exc.problems)} problem(s): {exc.problems[0]}"
            per_source.append(row)
    finally:
        if workdir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    total = {
        k: sum(r[k] for r in per_source)
        for k in (
            "curated_facts",
            "covered",
            "figure_or_date_facts",
            "figure_or_date_covered",
            "candidates",
            "candidates_matching",
            "curated_spans",
            "spans_found",
            "candidates_in_furniture",
        )
    }
    meta_total = len(per_source) * len(META_FIELDS)
    return {
        "per_source": per_source,
        "recall": total["covered"] / max(1, total["curated_facts"]),
        "recall_figure_or_date": total["figure_or_date_covered"] / max(1, total["figure_or_date_facts"]),
        "candidates_per_fact": total["candidates"] / max(1, total["curated_facts"]),
        "candidates_matching_share": total["candidates_matching"] / max(1, total["candidates"]),
        "candidates_in_furniture": total["candidates_in_furniture"],
        "furniture_found": total["spans_found"] / max(1, total["curated_spans"]),
        "metadata_agreement": sum(len(r["metadata_agree"]) for r in per_source) / max(1, meta_total),
        "review": {r["source"]: r["review"] for r in per_source},
        "totals": total,
        "targets": TARGETS,
    }


def format_report(report: dict[str, Any]) -> str:
    t = report["totals"]
    ok = {
        "recall": report["recall"] >= TARGETS["recall"],
        "furniture": report["furniture_found"] >= TARGETS["furniture_found"],
        "inside": report["candidates_in_furniture"] == 0,
        "per_fact": report["candidates_per_fact"] <= TARGETS["candidates_per_fact"],
    }
    mark = {True: "met", False: "MISSED"}
    lines = [
        "Ingest check: the seed documents ingested as if new, against the hand curation",
        f"  recall (curated facts whose quote a candidate overlaps): {t['covered']}/{t['curated_facts']} "
        f"= {report['recall']:.1%}  (target >= 95%: {mark[ok['recall']]})",
        f"    facts with a figure or a date: {t['figure_or_date_covered']}/{t['figure_or_date_facts']} "
        f"= {report['recall_figure_or_date']:.1%}",
        f"  candidates per curated fact: {t['candidates']}/{t['curated_facts']} = {report['candidates_per_fact']:.2f}"
        f"  (target <= 2: {mark[ok['per_fact']]})",
        f"  candidates matching a curated fact: {t['candidates_matching']}/{t['candidates']} "
        f"= {report['candidates_matching_share']:.1%} (the rest a reviewer rejects)",
        f"  candidates inside curated furniture/off-subject spans: {t['candidates_in_furniture']}"
        f"  (target 0: {mark[ok['inside']]})",
        f"  furniture/off-subject spans found: {t['spans_found']}/{t['curated_spans']} "
        f"= {report['furniture_found']:.1%}  (target >= 90%: {mark[ok['furniture']]})",
        f"  metadata fields agreeing (title, outlet, authors, date, type, language): "
        f"{report['metadata_agreement']:.1%}",
        "  keystrokes from ingest to five accepted facts (a reviewer accepting true candidates as offered):",
        *(
            f"    {source}: {r['keystrokes']} keys, {r['candidates_shown']} candidates shown, "
            f"{r['accepted']} accepted; briefbot check: {r['check']}"
            for source, r in report["review"].items()
        ),
        "",
        "Per source:",
    ]
    for r in report["per_source"]:
        lines.append(
            f"  {r['source']}: {r['covered']}/{r['curated_facts']} facts, {r['candidates']} candidates "
            f"({r['candidates_matching']} matching), spans {r['spans_found']}/{r['curated_spans']}, "
            f"in furniture {r['candidates_in_furniture']}, metadata {len(r['metadata_agree'])}/{len(META_FIELDS)}"
        )
        for field, (drafted, curated) in r["metadata_disagree"].items():
            lines.append(f"      {field}: drafted {drafted!r}, curated {curated!r}")
        if r["missed"]:
            lines.append(f"      missed: {', '.join(r['missed'])}")
    return "\n".join(lines)
