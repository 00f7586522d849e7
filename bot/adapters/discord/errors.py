"""One place that turns app-command errors into short answers, and logs what we did not expect."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord.discord_io import send_error
from bot.briefs import UserError

log = logging.getLogger(__name__)

_PERMISSION_NAMES = {"manage_guild": "Manage Server"}

GENERIC = "Sorry — something went wrong on our side while answering. It has been logged; please try again."


def describe(interaction: discord.Interaction[Any]) -> str:
    """Context for a log line: command, options, guild, channel, user (never the token)."""
    command = interaction.command.qualified_name if interaction.command else "?"
    options = {k: v for k, v in vars(interaction.namespace).items()} if interaction.namespace else {}
    return (
        f"/{command} options={options!r} guild={interaction.guild_id} channel={interaction.channel_id} "
        f"user={interaction.user.id if interaction.user else None}"
    )


def message_for(error: app_commands.AppCommandError) -> str | None:
    """A user-facing message for errors we expect, or None for a bug."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, UserError):
        return str(original)
    if isinstance(error, app_commands.MissingPermissions):
        perms = ", ".join(
            _PERMISSION_NAMES.get(p, p.replace("_", " ").title()) for p in error.missing_permissions
        )
        return f"You need the {perms} permission to do that."
    if isinstance(error, app_commands.BotMissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I am missing the {perms} permission here."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in a server channel, not in direct messages."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.TransformerError):
        return f"That value is not valid here ({str(error.value)[:80]})."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    return None


async def on_app_command_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    if getattr(error, "handled", False):
        return
    message = message_for(error)
    if message is None:
        original = getattr(error, "original", error)
        log.error("Unexpected error in %s", describe(interaction), exc_info=original)
        message = GENERIC
    await send_error(interaction, message)
