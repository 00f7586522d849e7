"""The offline console: the bot's slash commands typed in a terminal, answered by the same core."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from bot.briefs import UserError
from bot.commands import FACT_KINDS, Reply, parse_slash, run_command
from bot.core import Core
from bot.render.discord import render_error, render_notice, render_pages, render_quotes
from bot.render.text import render_brief
from bot.understanding import answer_question

BANNER = """briefbot offline console — the same commands as on Discord, answered from the local fact base.
Type /help for the commands, /quotes to see the verbatim quotes behind the last answer, /quit to leave.
"""


def reply_payloads(reply: Reply) -> list[dict[str, Any]]:
    """The exact Discord payloads the bot would send for a reply."""
    if reply.error is not None:
        return [render_error(reply.error)]
    if reply.attachment is not None:
        payload = render_notice(reply.notice or "")
        payload["attachments"] = [
            {"id": 0, "filename": reply.attachment.filename, "size": len(reply.attachment.data)}
        ]
        return [payload]
    assert reply.brief is not None
    return render_pages(reply.brief)


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
    if reply.attachment is not None and save_dir is not None:
        path = save_dir / reply.attachment.filename
        path.write_bytes(reply.attachment.data)
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
            name, options = parse_slash(line)
        except UserError as exc:
            out.write(f"{exc}\n")
            continue
        reply = await run_command(core, name, options)
        if reply.attachment is not None:
            path = Path.cwd() / reply.attachment.filename
            path.write_bytes(reply.attachment.data)
            out.write(f"{reply.notice} Saved to {path}\n")
            continue
        out.write(render_reply_text(reply))
        if reply.brief is not None:
            last = reply
