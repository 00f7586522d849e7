"""`/digest …`: moderators subscribe channels to scheduled, cited digests."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord.digest_sender import DiscordSender
from bot.adapters.discord.discord_io import send_error, send_payload, within_deadline
from bot.adapters.discord.slash import group_permissions, slash
from bot.briefs import UserError
from bot.command_set import DIGEST
from bot.digests.commands import DigestAnswer, DigestCommands
from bot.digests.compose import DigestComposer
from bot.digests.delivery import DigestService
from bot.digests.models import ComposedDigest, Subscription
from bot.digests.scheduler import DigestScheduler
from bot.digests.store import SubscriptionStore
from bot.render.discord import EPHEMERAL, NO_MENTIONS, clip, discord_line
from bot.render.text import plain_line
from bot.state.errors import StateDBError

if TYPE_CHECKING:
    from bot.adapters.discord.client import Briefbot

log = logging.getLogger(__name__)

NEEDED = ("view_channel", "send_messages", "embed_links")


def answer_payload(answer: DigestAnswer) -> dict[str, Any]:
    """Digest answers are for moderators only: always ephemeral."""
    text = "\n".join(map(discord_line, answer.lines))
    embed = {
        "title": clip(answer.title, 256),
        "description": clip(text, 4000),
        "color": 0x2B6CB0 if answer.ok else 0x718096,
    }
    return {
        "content": None,
        "embeds": [embed],
        "allowed_mentions": NO_MENTIONS,
        "components": [],
        "flags": EPHEMERAL,
    }


@group_permissions(DIGEST)
class Digest(commands.GroupCog, group_name=DIGEST.name, group_description=DIGEST.description):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot
        self.store = SubscriptionStore(bot.state_db, clock=bot.clock)
        self.composer = DigestComposer(bot.core.briefs)
        self.service = DigestService(
            self.store,
            self.compose,
            DiscordSender(bot),
            bot.clock,
            bot.sleep,
            grace=timedelta(hours=bot.settings.digest_grace_hours),
            nonce_window=timedelta(seconds=bot.settings.digest_nonce_window_seconds),
            max_concurrency=bot.settings.digest_concurrency,
        )
        self.scheduler = DigestScheduler(self.service, self.store)
        self.commands = DigestCommands(
            self.store, self.service, self.composer, bot.core.briefs, self.scheduler
        )
        self.startup: asyncio.Task[Any] | None = None  # recovery and catch-up, in the background
        super().__init__()

    async def compose(self, sub: Subscription, slot: Any, shown: set[str], previous: Any) -> ComposedDigest:
        digest = await self.composer.compose(sub, slot, shown, previous)
        if not digest.empty:
            # The Show quotes button on the post carries a handle; store what it stands for before posting.
            await self.bot.handles.remember({"command": "facts", "ids": digest.fact_ids})
        return digest

    @commands.Cog.listener()
    async def on_factbase_reloaded(self, core: Any) -> None:
        self.composer.rebind(core.briefs)
        self.commands.briefs = core.briefs

    async def cog_load(self) -> None:
        # Catch-up may post; do it in the background so start-up (and the gateway login) is not held up.
        self.startup = asyncio.create_task(self._start_scheduler())

    async def _start_scheduler(self) -> None:
        try:
            outcomes = await self.scheduler.start()
            if outcomes:
                log.info("Digest catch-up at start-up: %s", ", ".join(o.status for o in outcomes))
        except Exception:
            log.exception("Digest scheduler failed to start")

    async def cog_unload(self) -> None:
        if self.startup is not None:
            self.startup.cancel()
        await self.scheduler.shutdown()
        # Outcomes whose log write failed (disk full …): a last try, else the next start recovers them.
        left = await self.service.record_unrecorded()
        if left:
            log.error(
                "%d digest outcome(s) could not be recorded before shutdown; the next start finds them in "
                "their channels (never re-posted blindly)",
                left,
            )
        self.service.close()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        # Declared with default_permissions, and enforced here too: server admins can override the former.
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])  # answered by the central error handler
        return True

    async def _reply(self, interaction: discord.Interaction[Any], work: Any) -> None:
        try:
            answer: DigestAnswer = await within_deadline(interaction, work, ephemeral=True)
        except UserError as exc:
            await send_error(interaction, str(exc))
            return
        except StateDBError:
            log.exception("State database error during /digest")
            await send_error(
                interaction,
                "The subscription database cannot be written right now (disk full or "
                "read-only?). Nothing was changed; the bot owner has been told in the log.",
            )
            return
        await send_payload(interaction, answer_payload(answer))
        if answer.payload is not None:
            await send_payload(interaction, {**answer.payload, "flags": EPHEMERAL})

    # ------------------------------------------------------------------ autocomplete

    async def subscription_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        subs = await self.store.list_for_guild(interaction.guild_id)
        out = []
        for sub in subs:
            # A choice's name is plain text on Discord: no mentions or timestamps there.
            label = clip(plain_line(self.commands.describe(sub)), 100)
            if current.strip("# ") in str(sub.id) or current.lower() in label.lower():
                out.append(app_commands.Choice(name=label, value=sub.id))
        return out[:25]

    # ------------------------------------------------------------------ commands (declared in bot.command_set)

    @slash(DIGEST.subcommand("subscribe"))
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.Thread,
        time: str,
        timezone: str | None,
        frequency: str,
        day: str | None,
        country: str | None,
        topic: str | None,
        size: int,
    ) -> None:
        if channel.guild.id != interaction.guild_id:
            await send_error(interaction, "That channel is not in this server.")
            return
        me = channel.guild.me
        if me is not None:
            perms = channel.permissions_for(me)
            # Discord implies the later permissions are missing when an earlier one is: name only the first.
            missing = [p.replace("_", " ").title() for p in NEEDED if not getattr(perms, p)][:1]
            if missing:
                # By name: error text is escaped (it can echo user input), which would show a mention as a raw id.
                await send_error(
                    interaction,
                    f"I can't post in #{channel.name}: I need {', '.join(missing)} there. "
                    "Grant them, then subscribe again.",
                )
                return
        assert interaction.guild_id is not None
        await self._reply(
            interaction,
            self.commands.subscribe(
                guild_id=interaction.guild_id,
                channel_id=channel.id,
                user_id=interaction.user.id,
                time=time,
                timezone=timezone or self.bot.settings.default_timezone,
                frequency=frequency,
                day=day,
                country=country,
                topic=topic,
                size=size,
            ),
        )

    @slash(DIGEST.subcommand("list"))
    async def list_(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.list(interaction.guild_id))

    @slash(DIGEST.subcommand("remove"), {"subscription": subscription_autocomplete})
    async def remove(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.remove(interaction.guild_id, id))

    @slash(DIGEST.subcommand("pause"), {"subscription": subscription_autocomplete})
    async def pause(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.pause(interaction.guild_id, id))

    @slash(DIGEST.subcommand("resume"), {"subscription": subscription_autocomplete})
    async def resume(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.resume(interaction.guild_id, id))

    @slash(DIGEST.subcommand("preview"), {"subscription": subscription_autocomplete})
    async def preview(self, interaction: discord.Interaction, id: int | None) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.preview(interaction.guild_id, id))

    @slash(DIGEST.subcommand("send-now"), {"subscription": subscription_autocomplete})
    async def send_now(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.send_now(interaction.guild_id, id))

    @slash(DIGEST.subcommand("history"), {"subscription": subscription_autocomplete})
    async def history(self, interaction: discord.Interaction, id: int) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.history(interaction.guild_id, id))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Digest(bot))


__all__ = ["Digest", "answer_payload"]
