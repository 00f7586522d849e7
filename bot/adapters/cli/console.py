"""The offline console: the bot's slash commands typed in a terminal, answered by the same core."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from bot.briefs import UserError
from bot.commands import Reply, parse_slash, run_command
from bot.core import Core
from bot.factbase.models import FACT_KINDS
from bot.render.discord import attachment_entry, render_error, render_notice, render_pages, render_quotes
from bot.render.text import render_brief
from bot.understanding import answer_question

BANNER = """briefbot offline console — the same commands as on Discord, answered from the local fact base.
Type a question (it is asked as /search), /help for the commands, /quotes to see the verbatim quotes behind the
last answer, /quit to leave.
"""


def reply_payloads(reply: Reply) -> list[dict[str, Any]]:
    """The exact Discord payloads the bot would send for a reply (files listed under the first)."""
    if reply.error is not None:
        return [render_error(reply.error)]
    files: list[tuple[str, int, str | None]] = [
        (f.filename, len(f.data), None) for f in (reply.attachment,) if f is not None
    ]
    if reply.chart is not None:
        files.append((reply.chart.filename, len(reply.chart.data), reply.chart.alt_text))
    if reply.attachment is not None:
        pages = [render_notice(reply.notice or "")]
    else:
        assert reply.brief is not None
        pages = render_pages(reply.brief, chart=reply.chart)
    if files:
        pages[0]["attachments"] = [attachment_entry(n, *file) for n, file in enumerate(files)]
    return pages


def charts_dir() -> Path:
    """Where charts go unless told otherwise: a folder of the system's temporary directory, so that answers
    asked in a project folder do not fill it with pictures."""
    path = Path(tempfile.gettempdir()) / "briefbot-charts"
    path.mkdir(exist_ok=True)
    return path


def save_files(reply: Reply, directory: Path, *, export: bool = True) -> list[Path]:
    """Write the reply's files (an export unless `export` is false, a chart) into `directory`; their paths."""
    files = [(reply.attachment.filename, reply.attachment.data)] if reply.attachment and export else []
    if reply.chart is not None and reply.chart.data:
        files.append((reply.chart.filename, reply.chart.data))
    paths = []
    for filename, data in files:
        path = directory / filename
        path.write_bytes(data)
        paths.append(path)
    return paths


def render_reply_text(reply: Reply, *, quotes: bool = False) -> str:
    if reply.error is not None:
        return reply.error + "\n"
    if reply.attachment is not None:
        return f"{reply.notice}\n"
    assert reply.brief is not None
    return render_brief(reply.brief, quotes=quotes)


async def ask(
    core: Core,
    line: str,
    *,
    as_json: bool = False,
    quotes: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    save_dir: Path | None = None,
) -> int:
    """Answer one slash-command line; returns the exit status (1 when the answer is an error)."""
    # Looked up per call, not bound at import, so redirected or replaced streams are honoured.
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        name, options = parse_slash(line)
    except UserError as exc:
        reply = Reply(error=str(exc))
    else:
        reply = await run_command(core, name, options)
    if as_json:
        out.write(json.dumps(reply_payloads(reply), ensure_ascii=False, indent=2) + "\n")
    elif reply.error is not None:
        err.write(reply.error + "\n")
    else:
        out.write(render_reply_text(reply, quotes=quotes))
    # A chart is part of the answer: always written (where --save says, else to the charts folder). An export
    # is written only where --save asks; without it, its notice is the answer.
    directory = save_dir or charts_dir()
    try:
        saved = save_files(reply, directory, export=save_dir is not None)
    except OSError as exc:
        err.write(f"Could not save the answer's files in {directory}: {exc.strerror or exc}.\n")
        return 1
    for path in saved:
        if not as_json:
            out.write(f"Saved {path}\n")
    return 0 if reply.ok else 1


async def ask_answer_json(
    core: Core, line: str, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """`briefbot ask --answer-json`: the structured answer to a question (a bare question or a /search line),
    for scripts and checks; exit 1 with a message on stderr when the request itself is wrong."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    options: dict[str, Any] = {"query": line}
    try:
        if line.strip().startswith("/"):
            name, options = parse_slash(line)
            if name != "search":
                raise UserError("--answer-json answers questions: give a question or a /search line.")
        query = (options.get("query") or "").strip()
        if not query:
            raise UserError("Please type a question.")
        kind = options.get("kind")
        if kind is not None and kind.strip().lower() not in FACT_KINDS:
            raise UserError(f"kind must be one of: {', '.join(FACT_KINDS)}.")
        answer = await answer_question(core, query, country=options.get("country"), kind=kind)
    except UserError as exc:
        err.write(f"{exc}\n")
        return 1
    out.write(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n")
    return 0


async def repl(core: Core, read: Callable[[str], str] = input, out: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out
    out.write(BANNER)
    last: Reply | None = None
    while True:
        try:
            line = read("briefbot> ").strip()
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return 0
        if not line:
            continue
        if line in {"/quit", "/exit", "quit", "exit"}:
            return 0
        if line == "/quotes":
            if last is None or last.brief is None:
                out.write("No answer with citations yet.\n")
            else:
                pages = render_quotes(last.brief, last.brief.citations)
                out.write(f"{sum(len(p['embeds']) for p in pages)} quote block(s):\n")
                out.write(render_brief(last.brief, quotes=True))
            continue
        try:
            # A line without a slash is a question, asked as /search is (a quote in it stays a quote).
            name, options = parse_slash(line) if line.startswith("/") else ("search", {"query": line})
        except UserError as exc:
            out.write(f"{exc}\n")
            continue
        reply = await run_command(core, name, options)
        if reply.attachment is not None:
            saved = save_files(reply, Path.cwd())
            out.write(f"{reply.notice} Saved to {', '.join(map(str, saved))}\n")
            continue
        out.write(render_reply_text(reply))
        for path in save_files(reply, charts_dir()):
            out.write(f"Chart: {path}\n")
        if reply.brief is not None:
            last = reply
