"""The `briefbot` command line: the offline console, one-shot questions, checks, exports and the bot itself."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings, SettingsError
from bot.factbase.loader import FactBaseInvalid, load_factbase

if TYPE_CHECKING:
    from bot.core import Core

log = logging.getLogger("bot")

NO_TOKEN = (
    "No Discord token is configured.\n"
    "Set DISCORD_TOKEN in the environment or in a .env file (copy .env.example to .env and fill it in);\n"
    "see README.md, 'Discord setup'. To use briefbot without Discord, run: briefbot console"
)


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s"
    )
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def _cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    try:
        fb = load_factbase(settings.seeds_dir, settings.curated_dir)
    except FactBaseInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(exc.problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(
        f"OK: {len(fb.sources)} sources, {len(fb.entities)} entities, {len(fb.facts)} facts, "
        f"{len(set(fb.thesaurus.synonyms.values()))} thesaurus groups; every quote verified."
    )
    return 0


async def _with_core(settings: Settings, fn: Callable[[Core], Awaitable[int]]) -> int:
    from bot.core import open_core

    try:
        core = await open_core(settings.seeds_dir, settings.curated_dir, settings.factbase_db_path)
    except FactBaseInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"\nThe fact base cannot be built: {len(exc.problems)} problem(s). Run `briefbot check`.",
            file=sys.stderr,
        )
        return 1
    try:
        if core.build.stale:
            print(
                f"Warning: the curated files have {len(core.build.problems)} problem(s) (run `briefbot check`); "
                "answering from the previous build.",
                file=sys.stderr,
            )
        return await fn(core)
    finally:
        await core.close()


def _cmd_console(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.cli.console import repl

    return asyncio.run(_with_core(settings, repl))


def _cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.cli.console import ask, ask_answer_json

    async def go(core: Core) -> int:
        if args.answer_json:
            return await ask_answer_json(core, args.line)
        return await ask(
            core,
            args.line,
            as_json=args.json,
            quotes=args.quotes,
            save_dir=Path(args.save) if args.save else None,
        )

    return asyncio.run(_with_core(settings, go))


def _cmd_stats(settings: Settings, args: argparse.Namespace) -> int:
    async def go(core: Core) -> int:
        counts = await core.store.counts()
        if args.json:
            print(json.dumps(counts, indent=2))
            return 0
        print(f"{counts['facts']} facts, {counts['entities']} entities, {counts['sources']} sources")
        print("By kind:")
        for kind, n in sorted(counts["by_kind"].items(), key=lambda kv: -kv[1]):
            print(f"  {kind:<12} {n}")
        print("By source (facts citing it):")
        for source, n in counts["by_source"].items():
            print(f"  {source:<40} {n}")
        return 0

    return asyncio.run(_with_core(settings, go))


def _cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from bot.export import FORMATS, fact_rows

    async def go(core: Core) -> int:
        store = core.store
        facts = await store.all_facts()
        if args.country:
            from bot.briefs import UserError

            try:
                entity = core.briefs.resolve(args.country, {"country"}, "country").entity
            except UserError as exc:
                print(exc, file=sys.stderr)
                return 1
            facts = [f for f in facts if entity.id in f.entity_ids]
        facts.sort(key=lambda f: f.id)
        text = FORMATS[args.format](await fact_rows(store, facts))
        if args.output:
            await asyncio.to_thread(Path(args.output).write_text, text, encoding="utf-8")
            print(f"Wrote {len(facts)} facts to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0

    return asyncio.run(_with_core(settings, go))


def _cmd_digest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.cli import digest as digest_cli

    return asyncio.run(_with_core(settings, lambda core: digest_cli.run(core, settings, args)))


def _cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from bot.evaluation import runner

    qset = runner.load(settings, args)
    if qset is None:
        return 1
    return asyncio.run(_with_core(settings, lambda core: runner.run(settings, core, qset, args)))


def _cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.discord_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from bot.adapters.discord.client import run_bot

    return run_bot(settings)


def _cmd_start(settings: Settings, args: argparse.Namespace) -> int:
    """The quick-start entry: the bot when a token is configured, otherwise the offline console."""
    if settings.discord_token is not None:
        return _cmd_run(settings, args)
    print(
        "No DISCORD_TOKEN configured: starting the offline console instead (see README, 'Discord setup').\n",
        file=sys.stderr,
    )
    return _cmd_console(settings, args)


def _cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from bot.bench import run

    return run(settings, args)


def _cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    from bot.factbase.runtime import build, report_json

    seeds = Path(args.seeds) if args.seeds else settings.seeds_dir
    data = Path(args.data) if args.data else settings.curated_dir
    target = Path(args.target) if args.target else settings.factbase_db_path
    try:
        report = build(seeds, data, target)
    except FactBaseInvalid as exc:
        if args.json:
            print(report_json(None, exc.problems))
        else:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"\nNot built: {len(exc.problems)} problem(s), and no previous build.", file=sys.stderr)
        return 1
    if args.json:
        print(report_json(report))
    elif report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(
            f"\nNot rebuilt: {len(report.problems)} problem(s); the previous build keeps answering.",
            file=sys.stderr,
        )
    elif report.rebuilt:
        how = "Added the new documents to" if report.added_only else "Built"
        print(f"{how} {target} in {report.seconds:.2f} s. A running bot picks it up on /reload.")
    else:
        print(f"Up to date: {target} (no input changed).")
    return 1 if report.problems else 0


def _cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.adapters.cli import ingest as cli

    return {"ingest": cli.cmd_ingest, "review": cli.cmd_review, "ingest-check": cli.cmd_ingest_check}[
        args.command
    ](settings, args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("start", help="run the bot if a token is configured, else the offline console")
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    sub.add_parser("console", help="offline console taking the bot's slash commands")
    ask = sub.add_parser("ask", help='answer one slash command, e.g. briefbot ask "/country Kazakhstan"')
    ask.add_argument("line", help="a slash command line, quoted (with --answer-json: a question)")
    ask.add_argument("--json", action="store_true", help="print the exact Discord message payloads")
    ask.add_argument(
        "--answer-json",
        action="store_true",
        help='print the structured answer to a question: {"covered", "answer", "facts": [...]} '
        "(the line is a question, or a /search command line)",
    )
    ask.add_argument("--quotes", action="store_true", help="show the verbatim quotes under each citation")
    ask.add_argument(
        "--save",
        metavar="DIR",
        help="where /export and charts write their files (without it: /export only says what it would write, "
        "and charts go to a briefbot-charts folder in the system's temporary directory)",
    )
    sub.add_parser("check", help="validate the curated fact base and verify every quote")
    build = sub.add_parser(
        "build", help="compile the fact base if its inputs changed (the bot swaps on /reload)"
    )
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    for name in ("seeds", "data", "target"):
        build.add_argument(f"--{name}", help=argparse.SUPPRESS)
    stats = sub.add_parser("stats", help="fact counts by kind and source")
    stats.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="every fact with its figure, entities and citations")
    export.add_argument("--format", choices=("jsonl", "csv", "json"), default="jsonl")
    export.add_argument("--country", help="only facts about this country")
    export.add_argument("--output", "-o", help="write to a file instead of stdout")
    from bot.adapters.cli.digest import add_parser as add_digest_parser

    add_digest_parser(sub)
    from bot.evaluation.runner import add_parser as add_eval_parser

    add_eval_parser(sub)
    from bot.adapters.cli.ingest import add_parsers as add_ingest_parsers

    add_ingest_parsers(sub)
    from bot.bench import WORKERS as BENCH_WORKERS

    bench = sub.add_parser(
        "bench", help="benchmark compile, start-up, memory and latency on synthetic fact bases"
    )
    bench.add_argument(
        "--quick", action="store_true", help="the 1x and 100x sizes only, fewer queries (for CI)"
    )
    bench.add_argument("--scales", help="sizes to run, e.g. 1,100,1000 (the default; --quick: 1,100)")
    bench.add_argument("--queries", type=int, help="interactions per command (default 300; --quick: 50)")
    bench.add_argument(
        "--digests", type=int, help="digests to compose (default 10000; --quick: 500, scaled up)"
    )
    bench.add_argument(
        "--burst", type=int, default=200, help="interactions at once for the loop lag (0: skip)"
    )
    bench.add_argument("--seed", type=int, default=20261125, help="seed of the synthetic bases and query mix")
    bench.add_argument(
        "--json", action="store_true", help="print the machine-readable summary (table on stderr)"
    )
    bench.add_argument("--keep", action="store_true", help="keep the generated bases")
    bench.add_argument("--workdir", help="where to generate (default: the system temp dir)")
    bench.add_argument("--worker", choices=BENCH_WORKERS, help=argparse.SUPPRESS)
    bench.add_argument("--dir", help=argparse.SUPPRESS)
    bench.add_argument("--out", help=argparse.SUPPRESS)
    return parser


HANDLERS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "bench": _cmd_bench,
    "check": _cmd_check,
    "build": _cmd_build,
    "console": _cmd_console,
    "ask": _cmd_ask,
    "stats": _cmd_stats,
    "export": _cmd_export,
    "run": _cmd_run,
    "start": _cmd_start,
    "digest": _cmd_digest,
    "eval": _cmd_eval,
    "ingest": _cmd_ingest,
    "review": _cmd_ingest,
    "ingest-check": _cmd_ingest,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    setup_logging(settings.log_level if args.command in {"run", "start"} else "WARNING")
    handler = HANDLERS.get(args.command or "")
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(settings, args)
    except BrokenPipeError:
        # The reader went away (`briefbot ask … | head`): nothing more to say, and no traceback for it. Python
        # would report the pipe again when it flushes stdout at exit, so stdout is pointed at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command a pipe's end closed
