"""Look-up commands: countries, projects, figures, search, facts, sources, timelines, comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

from bot.adapters.discord.slash import answer_command

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot


class Lookup(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    # Declared in bot.command_set (options, descriptions, limits), answered by bot.commands.run_command.
    country = answer_command("country")
    project = answer_command("project")
    figure = answer_command("figure")
    search = answer_command("search")
    fact = answer_command("fact")
    source = answer_command("source")
    timeline = answer_command("timeline")
    compare = answer_command("compare")


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Lookup(bot))
