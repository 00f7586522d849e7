"""Autocomplete callbacks, by the source a declaration names: answered from memory or one indexed query, ≤ 25
choices."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.briefs import LOOKUP_TYPES
from bot.digests.timezones import search_timezones

CHOICES_MAX = 25


def choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=name[:100], value=value[:100])


def _entities(
    interaction: discord.Interaction[Any], current: str, types: set[str]
) -> list[app_commands.Choice[str]]:
    matches = interaction.client.core.entities.complete(current[:100], types=types, limit=CHOICES_MAX)
    out = []
    for m in matches:
        label = m.entity.name if m.matched == m.entity.name else f"{m.entity.name} ({m.matched})"
        out.append(choice(label, m.entity.id))
    return out


async def country(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    return _entities(interaction, current, {"country"})


async def project(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    return _entities(interaction, current, LOOKUP_TYPES - {"country"})


async def entity(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    return _entities(interaction, current, LOOKUP_TYPES)


async def source(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    pairs = await interaction.client.core.briefs.source_choices(current[:100], limit=CHOICES_MAX)
    return [choice(label, value) for label, value in pairs]


async def fact(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    ids = await interaction.client.core.store.fact_ids_like(current.strip().lower()[:64], limit=CHOICES_MAX)
    return [choice(i, i) for i in ids]


async def timezone(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    return [choice(z, z) for z in search_timezones(current[:64], limit=CHOICES_MAX)]


# The callbacks of the sources `bot.command_set` names; a cog adds its own (e.g. its subscriptions).
SOURCES = {
    "country": country,
    "project": project,
    "entity": entity,
    "source": source,
    "fact": fact,
    "timezone": timezone,
}
