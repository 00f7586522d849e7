"""The `briefbot ingest` and `briefbot review` sub-commands: argument parsing and printing only."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings

if TYPE_CHECKING:
    from bot.ingest.pipeline import IngestResult


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest", help="add a document (.txt, .html, .pdf): draft metadata and candidate facts"
    )
    p.add_argument("path", help="the document to add")
    p.add_argument("--json", action="store_true", help="print the metadata, spans and candidates as JSON")
    p.add_argument("--dry-run", action="store_true", help="analyse only; write nothing")
    r = sub.add_parser("review", help="accept, merge or reject candidate facts from ingested documents")
    r.add_argument("source", nargs="?", help="the source id to review (default: the first with pending work)")
    m = sub.add_parser(
        "ingest-check", help="ingest the seed documents as if new and compare with their hand curation"
    )
    m.add_argument("--json", action="store_true")
    m.add_argument("--workdir", help="scratch directory (default: a temporary one, removed afterwards)")


def _shown(path: Path) -> str:
    """A path relative to the working directory when it is under it (as a curator would type it)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _summary(result: IngestResult, dry_run: bool) -> str:
    a = result.analysis
    meta = a.meta
    lines = [
        f"{'Would add' if dry_run else 'Added'} seeds/{result.seed_file} as source {result.source_id!r}",
        f"  title:     {meta.title or '(none)'}  [{meta.notes.get('title', '')}]",
        f"  outlet:    {meta.outlet or '(none)'}  [{meta.notes.get('outlet', '')}]",
        f"  authors:   {', '.join(meta.authors) or '(none)'}  [{meta.notes.get('authors', '')}]",
        f"  published: {meta.published or 'unknown'}  [{meta.notes.get('published', '')}]",
        f"  type:      {meta.doc_type.value}; language: {meta.language}",
        f"  {len(a.spans)} span(s) set aside:",
    ]
    for span in a.spans:
        snippet = a.text[span.start : span.end].replace("\n", " ⏎ ")
        snippet = snippet if len(snippet) <= 60 else snippet[:57] + "…"
        lines.append(f"    {span.kind.value:<11} {span.start:>6}-{span.end:<6} {snippet!r}: {span.reason}")
    by_kind: dict[str, int] = {}
    for c in a.candidates:
        by_kind[c.kind.value] = by_kind.get(c.kind.value, 0) + 1
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1]))
    lines.append(f"  {len(a.candidates)} candidate fact(s): {kinds or 'none'}")
    if result.written:
        lines.append("Wrote:")
        lines += [f"  {_shown(p)}" for p in result.written]
        lines.append(f"Next: briefbot review {result.source_id}")
    return "\n".join(lines)


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    # Imported here: every `briefbot` start (and the build child the bot runs) builds this parser.
    from bot.ingest.extract import UnsupportedDocument
    from bot.ingest.pipeline import ingest

    try:
        result = ingest(
            Path(args.path),
            settings.seeds_dir,
            settings.curated_dir,
            dry_run=args.dry_run,
            compiled=settings.factbase_db_path,
        )
    except UnsupportedDocument as exc:
        print(f"Cannot ingest: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_summary(result, args.dry_run))
    return 0


def cmd_review(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ingest.review import ReviewError, run_review

    try:
        return run_review(
            settings.seeds_dir,
            settings.curated_dir,
            args.source,
            input_fn=input,
            out=print,
            compiled=settings.factbase_db_path,
        )
    except ReviewError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nStopped; every decision so far is saved. Run `briefbot review` again to continue.")
        return 0


def cmd_ingest_check(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ingest.measure import format_report, measure

    report = measure(settings.seeds_dir, settings.curated_dir, Path(args.workdir) if args.workdir else None)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
