"""The Discord side of answering: run a command through the core, send its pages, serve its buttons.

Cogs and buttons call these methods; the answers themselves come from `bot.commands.run_command`, the
same path the console uses.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.adapters.discord.discord_io import file_of, send_error, send_payload, to_kwargs, within_deadline
from bot.commands import Reply, run_command
from bot.render.charts import drawn
from bot.render.custom_ids import is_page_turn
from bot.render.discord import page_citations, render_notice, render_pages, render_quotes
from bot.state.errors import StateDBError

if TYPE_CHECKING:
    from bot.core import Core
    from bot.state.handles import HandleStore

log = logging.getLogger(__name__)

# Page buttons are disabled after this long; the interaction token that lets us edit the answer lasts 15 min.
PAGINATION_TIMEOUT_S = 600.0
STALE_HANDLE = "This answer is too old to expand. Please run the command again."
# Answers built at once. More gains nothing (one SQLite thread serves them all) but lets a burst of commands
# pile their steps into single event-loop iterations: 200 at once stalled the loop for 100+ ms (bench.looplag).
CORE_CONCURRENCY = 4


def _options_of(key: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return key["command"], {k: v for k, v in key.items() if k != "command" and v is not None}


class AnswerHost(Protocol):
    """What answering needs from the client: the current core (swapped on reload) and the answer handles."""

    @property
    def core(self) -> Core: ...

    @property
    def handles(self) -> HandleStore: ...


class Answers:
    def __init__(self, bot: AnswerHost) -> None:
        self.bot = bot
        self._timers: set[asyncio.Task[None]] = set()
        self._building = asyncio.Semaphore(CORE_CONCURRENCY)

    async def _run(self, name: str, options: dict[str, Any], draw: bool = True) -> Reply:
        async with self._building:
            reply = await self._build(name, options)
        if draw and reply.chart is not None:
            # Drawn outside the building slots: waiting for a picture must not hold up other answers.
            reply.chart = await drawn(reply.chart)
        return reply

    async def _build(self, name: str, options: dict[str, Any]) -> Reply:
        if name == "facts":  # a digest's facts, for its Show quotes button
            ids = [str(i) for i in options.get("ids", [])]
            return Reply(
                await self.bot.core.briefs.facts_brief(ids, "Digest", {"command": "facts", "ids": ids})
            )
        options = {k: v for k, v in options.items() if v is not None}
        return await run_command(self.bot.core, name, options, draw=False)

    async def respond(
        self, interaction: discord.Interaction[Any], name: str, options: dict[str, Any]
    ) -> None:
        reply = await within_deadline(interaction, self._run(name, options))
        if reply.error is not None:
            await send_error(interaction, reply.error)
            return
        files: list[discord.File] = []
        if reply.attachment is not None:
            files.append(file_of(reply.attachment.filename, reply.attachment.data))
        chart = reply.chart
        if chart is not None:
            files.append(file_of(chart.filename, chart.data, chart.alt_text))
        if reply.attachment is not None:
            await send_payload(interaction, render_notice(reply.notice or ""), files=files)
            return
        assert reply.brief is not None
        pages = render_pages(reply.brief, user_id=interaction.user.id, chart=chart)
        try:
            await self.bot.handles.remember(reply.brief.key)
        except StateDBError:
            # The answer matters more than its buttons: send it without them, and say why in the log.
            log.warning("Could not store the answer handle; sending /%s without buttons", name, exc_info=True)
            pages = [{**p, "components": []} for p in pages]
        await send_payload(interaction, pages[0], files=files)
        if len(pages) > 1:
            self._disable_later(interaction, pages[0])

    def _disable_later(self, interaction: discord.Interaction[Any], payload: dict[str, Any]) -> None:
        async def disable() -> None:
            await asyncio.sleep(PAGINATION_TIMEOUT_S)
            try:
                # Read the buttons back from the message: its reader may have turned to another page since.
                message = await interaction.original_response()
                rows = [row.to_dict() for row in message.components]
                await interaction.edit_original_response(view=_pages_disabled({"components": rows}))
            except discord.HTTPException:
                log.debug("Could not disable page buttons of interaction %s", interaction.id)

        task = asyncio.create_task(disable())
        self._timers.add(task)
        task.add_done_callback(self._timers.discard)

    async def close(self) -> None:
        for task in list(self._timers):
            task.cancel()

    async def _rebuild(self, interaction: discord.Interaction[Any], handle: str) -> Reply | None:
        try:
            key = await self.bot.handles.recall(handle)
        except StateDBError:
            log.warning("Could not read answer handle %s", handle, exc_info=True)
            key = None
        if key is None:
            await send_error(interaction, STALE_HANDLE)
            return None
        name, options = _options_of(key)
        reply = await self._run(name, options, draw=False)  # the sent message already carries any chart
        if reply.brief is None:
            await send_error(interaction, reply.error or STALE_HANDLE)
            return None
        return reply

    async def show_quotes(self, interaction: discord.Interaction[Any], handle: str, page: int) -> None:
        reply = await within_deadline(interaction, self._rebuild(interaction, handle), ephemeral=True)
        if reply is None or reply.brief is None:
            return
        cites = page_citations(reply.brief, page)
        for payload in render_quotes(reply.brief, cites, note="Verbatim from the source documents."):
            await send_payload(interaction, payload)

    async def turn_page(
        self, interaction: discord.Interaction[Any], handle: str, page: int, user_id: int
    ) -> None:
        reply = await self._rebuild(interaction, handle)
        if reply is None or reply.brief is None:
            return
        pages = render_pages(reply.brief, user_id=user_id, chart=reply.chart)
        payload = pages[max(0, min(page, len(pages) - 1))]
        await interaction.response.edit_message(**to_kwargs(payload))


def _pages_disabled(payload: dict[str, Any]) -> discord.ui.View | None:
    """The payload's buttons with paging switched off; "Show quotes" keeps working."""
    rows = [
        {
            **row,
            "components": [
                {**b, "disabled": b.get("disabled", False) or is_page_turn(b["custom_id"])}
                for b in row["components"]
            ],
        }
        for row in payload.get("components", [])
    ]
    return to_kwargs({**payload, "components": rows})["view"]
