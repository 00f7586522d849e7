"""Help, about, and exports of the fact base."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

from bot.adapters.discord.slash import answer_command

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot


class Meta(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    # Declared in bot.command_set, answered by bot.commands.run_command.
    help = answer_command("help")
    about = answer_command("about")
    export = answer_command("export")


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Meta(bot))
