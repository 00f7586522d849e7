"""Translate rendered payload dicts into discord.py calls, and send them without ever missing a deadline.

The payload dicts come from `bot.render.discord`; this module is the only place that turns them into
`discord.Embed`s, button rows and files.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

from bot.adapters.discord.views import PayloadView
from bot.render.discord import render_error

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
# Discord gives 3 s to acknowledge; answer directly when the core is quicker than this, else defer first.
DIRECT_ANSWER_BUDGET_S = 1.5

T = TypeVar("T")


def to_kwargs(payload: dict[str, Any], *, disabled: bool = False) -> dict[str, Any]:
    """Keyword arguments for send_message / followup.send / edit_message from a payload dict."""
    embeds = [discord.Embed.from_dict(e) for e in payload.get("embeds", [])]
    components = payload.get("components") or []
    if disabled:
        components = [
            {**row, "components": [{**b, "disabled": True} for b in row["components"]]} for row in components
        ]
    kwargs: dict[str, Any] = {
        "content": payload.get("content"),
        "embeds": embeds,
        "allowed_mentions": NO_MENTIONS,
    }
    kwargs["view"] = PayloadView(components) if components else None
    return kwargs


def file_of(filename: str, data: bytes, description: str | None = None) -> discord.File:
    """A file to upload; `description` is its alt text for screen readers."""
    return discord.File(io.BytesIO(data), filename=filename, description=description)


async def within_deadline(
    interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool = False
) -> T:
    """Run `work`; if it is not done well inside Discord's 3 s window, defer so the answer can follow later."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DIRECT_ANSWER_BUDGET_S)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
        interaction.extras["deferred"] = "ephemeral" if ephemeral else "public"
    return await task


async def send_payload(
    interaction: discord.Interaction, payload: dict[str, Any], *, files: list[discord.File] | None = None
) -> discord.Message | None:
    """First response if there is none yet, otherwise a follow-up; returns the message where we can."""
    ephemeral = bool(payload.get("flags", 0) & 64)
    kwargs = to_kwargs(payload)
    if kwargs["view"] is None:
        kwargs.pop("view")
    if files:
        kwargs["files"] = files
    if not interaction.response.is_done():
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
        return None
    return await interaction.followup.send(ephemeral=ephemeral, wait=True, **kwargs)


async def send_error(interaction: discord.Interaction, message: str) -> None:
    """Deadline-safe error reply: response, follow-up, or (token expired) a channel message as last resort."""
    payload = render_error(message)
    try:
        if interaction.is_expired():
            if isinstance(interaction.channel, discord.abc.Messageable):
                await interaction.channel.send(payload["content"], allowed_mentions=NO_MENTIONS)
            return
        if interaction.response.is_done():
            if interaction.extras.pop("deferred", None) == "public":
                # The first follow-up would fill in the public "thinking…" message and stay public: remove
                # it, so the error goes to the asker alone.
                with contextlib.suppress(discord.HTTPException):
                    await interaction.delete_original_response()
            await interaction.followup.send(payload["content"], ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                payload["content"], ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.warning("Could not deliver an error message for interaction %s", interaction.id, exc_info=True)
