"""Look-up commands: countries, projects, figures, search, facts, sources, timelines, comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands import MAX_OPTION_CHARS
from cogs import _autocomplete as ac

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot

Kind = Literal[
    "figure", "event", "project", "relation", "membership", "claim", "opinion", "poll", "background"
]


class Lookup(commands.Cog):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    # ------------------------------------------------------------------ commands

    @app_commands.command(
        name="country", description="Brief on a country: figures, projects, timeline, relations"
    )
    @app_commands.describe(name="Country, e.g. Kazakhstan")
    @app_commands.autocomplete(name=ac.country)
    async def country(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        await self.bot.answers.respond(interaction, "country", {"name": name})

    @app_commands.command(
        name="project",
        description="What the sources say about a project, initiative, organisation or document",
    )
    @app_commands.describe(name="A name, e.g. Ozodi Tunnel, Samruk-Kazyna, SCO Charter")
    @app_commands.autocomplete(name=ac.project)
    async def project(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        await self.bot.answers.respond(interaction, "project", {"name": name})

    @app_commands.command(name="figure", description="Figures the sources give, with qualifiers and dates")
    @app_commands.describe(query="What the figure is about, e.g. gas pipeline", country="Only this country")
    @app_commands.autocomplete(country=ac.country)
    async def figure(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, MAX_OPTION_CHARS],
        country: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        await self.bot.answers.respond(interaction, "figure", {"query": query, "country": country})

    @app_commands.command(name="search", description="Search the facts with keywords or a whole question")
    @app_commands.describe(
        query="Keywords or a question", country="Only this country", kind="Only this kind of fact"
    )
    @app_commands.autocomplete(country=ac.country)
    async def search(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, MAX_OPTION_CHARS],
        country: app_commands.Range[str, 1, 100] | None = None,
        kind: Kind | None = None,
    ) -> None:
        await self.bot.answers.respond(
            interaction, "search", {"query": query, "country": country, "kind": kind}
        )

    @app_commands.command(name="fact", description="One fact with its verbatim quotes in context")
    @app_commands.describe(id="Fact id (autocompletes)")
    @app_commands.autocomplete(id=ac.fact)
    async def fact(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 100]) -> None:
        await self.bot.answers.respond(interaction, "fact", {"id": id})

    @app_commands.command(
        name="source", description="A source document: what it is, how reliable, what we drew from it"
    )
    @app_commands.describe(name="Source title, outlet or id")
    @app_commands.autocomplete(name=ac.source)
    async def source(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        await self.bot.answers.respond(interaction, "source", {"name": name})

    @app_commands.command(
        name="timeline",
        description="Dated facts in order, optionally about one country, organisation or topic",
    )
    @app_commands.describe(about="A country, organisation, initiative or topic, e.g. SCO")
    @app_commands.autocomplete(about=ac.entity)
    async def timeline(
        self, interaction: discord.Interaction, about: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        await self.bot.answers.respond(interaction, "timeline", {"about": about})

    @app_commands.command(name="compare", description="Two countries side by side")
    @app_commands.describe(a="First country", b="Second country")
    @app_commands.autocomplete(a=ac.country, b=ac.country)
    async def compare(
        self,
        interaction: discord.Interaction,
        a: app_commands.Range[str, 1, 100],
        b: app_commands.Range[str, 1, 100],
    ) -> None:
        await self.bot.answers.respond(interaction, "compare", {"a": a, "b": b})


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Lookup(bot))
