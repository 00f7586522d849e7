"""Help, about, and exports of the fact base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from cogs import _autocomplete as ac

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot


class Meta(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="How to use briefbot")
    async def help(self, interaction: discord.Interaction) -> None:
        await self.bot.answers.respond(interaction, "help", {})

    @app_commands.command(name="about", description="What is in the fact base, and when it was built")
    async def about(self, interaction: discord.Interaction) -> None:
        await self.bot.answers.respond(interaction, "about", {})

    @app_commands.command(name="export", description="Download matching facts with their citations")
    @app_commands.describe(
        country="Only facts about this country",
        format="File format (default CSV)",
        chart="Also attach a chart of these facts",
    )
    @app_commands.autocomplete(country=ac.country)
    async def export(
        self,
        interaction: discord.Interaction,
        country: app_commands.Range[str, 1, 100] | None = None,
        format: Literal["csv", "json"] = "csv",
        chart: Literal["timeline", "figures"] | None = None,
    ) -> None:
        await self.bot.answers.respond(
            interaction, "export", {"country": country, "format": format, "chart": chart}
        )


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Meta(bot))
