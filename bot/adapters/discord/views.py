"""Buttons whose state lives in their custom ids (DynamicItems), so they keep working after a restart."""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord

from bot.render.custom_ids import PAGE_TEMPLATE, QUOTES_TEMPLATE, page_custom_id, quotes_custom_id


class _Answering(Protocol):
    async def show_quotes(self, interaction: discord.Interaction[Any], handle: str, page: int) -> None: ...

    async def turn_page(
        self, interaction: discord.Interaction[Any], handle: str, page: int, user_id: int
    ) -> None: ...


class _ClientWithAnswers(Protocol):
    answers: _Answering


def _answers(interaction: discord.Interaction[Any]) -> _Answering:
    # Only ever registered on the bot's own client (client.setup_hook), which carries its `Answers`.
    return cast(_ClientWithAnswers, interaction.client).answers


def _button(spec: dict[str, Any]) -> discord.ui.Button[Any]:
    emoji = spec.get("emoji", {}).get("name") if spec.get("emoji") else None
    return discord.ui.Button(
        style=discord.ButtonStyle(spec.get("style", 2)),
        label=spec.get("label"),
        custom_id=spec["custom_id"],
        disabled=spec.get("disabled", False),
        emoji=emoji,
    )


class QuotesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=QUOTES_TEMPLATE,
):
    def __init__(self, handle: str, page: int, spec: dict[str, Any] | None = None) -> None:
        super().__init__(
            _button(
                spec
                or {
                    "label": "Show quotes",
                    "style": 1,
                    "emoji": {"name": "📜"},
                    "custom_id": quotes_custom_id(handle, page),
                }
            )
        )
        self.handle = handle
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> QuotesButton:
        return cls(match["handle"], int(match["page"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _answers(interaction).show_quotes(interaction, self.handle, self.page)


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=PAGE_TEMPLATE,
):
    def __init__(self, handle: str, page: int, user_id: int, spec: dict[str, Any] | None = None) -> None:
        super().__init__(
            _button(spec or {"label": "Page", "custom_id": page_custom_id(handle, page, user_id)})
        )
        self.handle = handle
        self.page = page
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        return cls(match["handle"], int(match["page"]), int(match["user"]))

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if self.user_id and interaction.user.id != self.user_id:
            await interaction.response.send_message(
                "Only the person who asked can turn these pages — run the command yourself to browse.",
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return False
        return True

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _answers(interaction).turn_page(interaction, self.handle, self.page, self.user_id)


DYNAMIC_ITEMS = (QuotesButton, PageButton)
UNCLAIMED_CLICK = "This button no longer works. Please run the command again."


def claimed(custom_id: str) -> bool:
    """Whether one of our DynamicItems answers clicks on this custom id (every live button we render is one)."""
    return any(cls.__discord_ui_compiled_template__.fullmatch(custom_id) for cls in DYNAMIC_ITEMS)


def item_for(spec: dict[str, Any]) -> discord.ui.Item[Any]:
    """The live item for a rendered button spec: a DynamicItem when its custom id has one, else a plain button."""
    custom_id = spec["custom_id"]
    for cls in DYNAMIC_ITEMS:
        match = cls.__discord_ui_compiled_template__.fullmatch(custom_id)
        if match is None:
            continue
        if cls is QuotesButton:
            return QuotesButton(match["handle"], int(match["page"]), spec)
        return PageButton(match["handle"], int(match["page"]), int(match["user"]), spec)
    return _button(spec)


class PayloadView(discord.ui.View):
    def __init__(self, components: list[dict[str, Any]]) -> None:
        super().__init__(timeout=None)
        for row_index, row in enumerate(components):
            for spec in row.get("components", []):
                item = item_for(spec)
                item.row = row_index
                self.add_item(item)
