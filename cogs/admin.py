"""Owner-only maintenance: reload the fact base after editing the curated files."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.adapters.discord.discord_io import send_error, send_payload, within_deadline
from bot.adapters.discord.slash import slash
from bot.command_set import RELOAD
from bot.render.discord import EPHEMERAL, NO_MENTIONS, clip

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 15


def reload_report(report: Any, facts: int) -> str:
    if report.stale:
        lines = [
            f"⚠ The curated files have {len(report.problems)} problem(s); the previous fact base keeps "
            "answering until they are fixed:"
        ]
        lines += [f"• {clip(str(p), 300)}" for p in report.problems[:MAX_PROBLEMS_SHOWN]]
        if len(report.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… and {len(report.problems) - MAX_PROBLEMS_SHOWN} more (run `briefbot check`).")
        return "\n".join(lines)
    verb = "Rebuilt" if report.rebuilt else "Unchanged"
    return f"{verb}: {facts} facts ({report.seconds:.2f} s)."


class Admin(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    @slash(RELOAD)
    async def reload(self, interaction: discord.Interaction) -> None:
        if not await self.bot.is_owner(interaction.user):
            await send_error(interaction, "Only the bot's owner can reload the fact base.")
            return
        try:
            report = await within_deadline(interaction, self.bot.reload_factbase(), ephemeral=True)
        except Exception as exc:  # e.g. the data folder cannot be written: the running fact base is untouched
            log.exception("Fact base reload failed")
            await send_error(
                interaction,
                f"The reload failed ({type(exc).__name__}: {clip(str(exc), 300)}). "
                "The previous fact base keeps answering; details are in the log.",
            )
            return
        # Stale: the running fact base is kept and only the problems are shown (its file may even be gone).
        facts = 0 if report.stale else (await self.bot.core.store.counts())["facts"]
        embed = {
            "title": "Fact base reload",
            "description": reload_report(report, facts),
            "color": 0xC05621 if report.stale else 0x2B6CB0,
        }
        await send_payload(
            interaction,
            {
                "content": None,
                "embeds": [embed],
                "allowed_mentions": NO_MENTIONS,
                "components": [],
                "flags": EPHEMERAL,
            },
        )


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Admin(bot))
