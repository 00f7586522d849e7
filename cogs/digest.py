"""`/digest …`: moderators subscribe channels to scheduled, cited digests."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.briefs import UserError
from bot.digests.commands import DigestAnswer, DigestCommands
from bot.digests.compose import DigestComposer
from bot.digests.delivery import DigestService
from bot.digests.errors import (
    DeliveryCheckImpossible,
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
    StateDBError,
)
from bot.digests.keys import DeliveryKey
from bot.digests.models import ComposedDigest, Subscription
from bot.digests.scheduler import DigestScheduler
from bot.digests.store import SubscriptionStore
from bot.digests.timezones import search_timezones
from bot.discord_io import send_error, send_payload, to_kwargs, within_deadline
from bot.render.discord import EPHEMERAL, FOOTER_MAX, NO_MENTIONS, clip
from cogs import _autocomplete as ac

if TYPE_CHECKING:
    from bot.client import Briefbot

log = logging.getLogger(__name__)

READY_TIMEOUT = 120.0  # seconds a check waits for the gateway's first READY before giving up
HISTORY_LIMIT = 100  # one page of channel history: a digest's copy sits within seconds of its first request
CLOCK_SKEW = timedelta(minutes=2)  # our clock against Discord's snowflake times, on the safe side
MARKER_SEPARATOR = " · "

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NEEDED = ("view_channel", "send_messages", "embed_links")


def _retry_after(exc: discord.HTTPException) -> float:
    """Seconds Discord asked us to wait, from a 429 that discord.py gave up on (1 s if it did not say)."""
    headers = getattr(exc.response, "headers", None) or {}
    for name in ("X-RateLimit-Reset-After", "Retry-After"):
        try:
            return max(0.0, float(headers[name]))
        except (KeyError, TypeError, ValueError):
            continue
    return 1.0


class DiscordSender:
    """Posts digests through discord.py and translates its errors into the digest core's.

    discord.py already retries a 429 (after its Retry-After) and a 500/502/504 (waiting 1, 3, 5, 7, 9 s), five
    attempts per call, all with the same nonce; a 503 it raises at once. What escapes is mapped for
    `DigestService`, whose `RetryPolicy` adds its own bounded retries: 5xx/network → DeliveryTransient, 429 →
    DeliveryRateLimited, 403 → DeliveryForbidden and 404 → DeliveryNotFound (both pause the subscription),
    anything else → DeliveryError (this slot fails, the subscription stays active).

    Idempotency: every send passes the slot's nonce, which discord.py sends with `enforce_nonce`, and ends
    the first embed's footer with the slot's marker, which `find` looks for in the channel's recent messages.
    `gateway=False` is for a client that is only logged in over REST (the CLI): there is no channel cache, so
    `find` cannot read the bot's permissions and trusts only a non-empty message list.
    """

    def __init__(self, bot: discord.Client, *, gateway: bool = True) -> None:
        self.bot = bot
        self.gateway = gateway

    def _channel(self, channel_id: int) -> Any:
        return self.bot.get_channel(channel_id) or self.bot.get_partial_messageable(channel_id)

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        kwargs = {k: v for k, v in to_kwargs(with_marker(payload, key.marker)).items() if v is not None}
        try:
            message = await self._channel(channel_id).send(nonce=key.nonce, **kwargs)
        except discord.Forbidden as exc:
            raise DeliveryForbidden(
                f"Missing permission to post in <#{channel_id}> ({exc.text or 'Forbidden'})"
            ) from exc
        except discord.NotFound as exc:
            raise DeliveryNotFound(f"Channel <#{channel_id}> no longer exists") from exc
        except discord.HTTPException as exc:
            if exc.status >= 500:
                raise DeliveryTransient(f"Discord error {exc.status}") from exc
            if exc.status == 429:  # discord.py already waited and retried; the service decides what next
                raise DeliveryRateLimited(_retry_after(exc)) from exc
            # Any other refusal (400 …) is not a lost permission: fail this slot, do not pause the subscription.
            raise DeliveryError(f"Discord refused the digest ({exc.status}: {exc.text[:100]})") from exc
        except discord.RateLimited as exc:  # only with max_ratelimit_timeout: a wait longer than allowed
            raise DeliveryRateLimited(exc.retry_after) from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise DeliveryTransient(f"Network error: {type(exc).__name__}") from exc
        return message.id

    async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
        if self.gateway:
            try:  # at start-up, recovery may run before the gateway has filled the channel cache
                await asyncio.wait_for(self.bot.wait_until_ready(), READY_TIMEOUT)
            except TimeoutError:
                raise DeliveryCheckImpossible(
                    "not connected to Discord, so the channel cannot be read"
                ) from None
        channel = self._channel(channel_id)
        me = getattr(getattr(channel, "guild", None), "me", None)
        readable: bool | None = None
        if me is not None and hasattr(channel, "permissions_for"):
            readable = channel.permissions_for(me).read_message_history
            if not readable:
                # Discord would answer with an empty list, which must not be taken for "not posted".
                raise DeliveryCheckImpossible("the bot lacks Read Message History in the channel")
        bot_id = self.bot.user.id if self.bot.user is not None else None
        after = discord.Object(id=discord.utils.time_snowflake(since - CLOCK_SKEW)) if since else None
        seen = 0
        try:
            # From `since` forward (the copy sits near the start), or without it the latest page.
            history = channel.history(limit=HISTORY_LIMIT, after=after, oldest_first=after is not None)
            async for message in history:
                seen += 1
                if message.author.id == bot_id and any(
                    key.marker in (embed.footer.text or "") for embed in message.embeds
                ):
                    return int(message.id)
        except discord.Forbidden as exc:
            raise DeliveryCheckImpossible(
                f"no access to the channel's messages ({exc.text or 'Forbidden'})"
            ) from exc
        except discord.NotFound as exc:
            raise DeliveryCheckImpossible("the channel no longer exists") from exc
        except discord.HTTPException as exc:
            raise DeliveryCheckImpossible(f"Discord error {exc.status} while reading the channel") from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise DeliveryCheckImpossible(
                f"network error while reading the channel: {type(exc).__name__}"
            ) from exc
        if seen >= HISTORY_LIMIT:
            raise DeliveryCheckImpossible(f"more than {HISTORY_LIMIT} messages since, too many to be sure")
        if seen == 0 and readable is None:
            raise DeliveryCheckImpossible(
                "an empty answer cannot tell an empty channel from an unreadable one"
            )
        return None


def with_marker(payload: dict[str, Any], marker: str) -> dict[str, Any]:
    """`payload` with `marker` at the end of its first embed's footer (or, without embeds, its content)."""
    embeds = [dict(e) for e in payload.get("embeds") or []]
    if not embeds:
        content = payload.get("content") or ""
        return {**payload, "content": f"{content}\n-# {marker}".strip()}
    text = (embeds[0].get("footer") or {}).get("text") or ""
    room = FOOTER_MAX - len(marker) - len(MARKER_SEPARATOR)
    footer = f"{clip(text, room)}{MARKER_SEPARATOR}{marker}" if text else marker
    embeds[0]["footer"] = {**(embeds[0].get("footer") or {}), "text": footer}
    return {**payload, "embeds": embeds}


def answer_payload(answer: DigestAnswer) -> dict[str, Any]:
    """Digest answers are for moderators only: always ephemeral."""
    text = "\n".join(answer.lines)
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


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Digest(
    commands.GroupCog, group_name="digest", group_description="Scheduled cited digests for a channel"
):
    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot
        self.store = SubscriptionStore(bot.state_db)
        self.composer = DigestComposer(bot.core.briefs)
        self.service = DigestService(
            self.store,
            self.compose,
            DiscordSender(bot),
            grace=timedelta(hours=bot.settings.digest_grace_hours),
            nonce_window=timedelta(seconds=bot.settings.digest_nonce_window_seconds),
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

    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in search_timezones(current[:64], limit=25)]

    async def subscription_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        subs = await self.store.list_for_guild(interaction.guild_id)
        out = []
        for sub in subs:
            label = clip(f"#{sub.id} {self.commands.describe(sub)}", 100)
            if current.strip("# ") in str(sub.id) or current.lower() in label.lower():
                out.append(app_commands.Choice(name=label, value=sub.id))
        return out[:25]

    # ------------------------------------------------------------------ commands

    @app_commands.command(name="subscribe", description="Post a cited digest to a channel on a schedule")
    @app_commands.describe(
        channel="Where to post",
        time="Local time, HH:MM (24-hour)",
        timezone="IANA timezone, e.g. Asia/Almaty (default: set by the bot's owner)",
        frequency="daily or weekly",
        day="For weekly digests",
        country="Focus on one country",
        topic="Focus on keywords, e.g. energy",
        size="Facts per digest (1–10)",
    )
    @app_commands.autocomplete(timezone=timezone_autocomplete, country=ac.country)
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.Thread,
        time: app_commands.Range[str, 4, 5],
        timezone: app_commands.Range[str, 1, 64] | None = None,
        frequency: Literal["daily", "weekly"] = "daily",
        day: Weekday | None = None,
        country: app_commands.Range[str, 1, 100] | None = None,
        topic: app_commands.Range[str, 1, 100] | None = None,
        size: app_commands.Range[int, 1, 10] = 5,
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

    @app_commands.command(name="list", description="This server's digest subscriptions and their status")
    async def list_(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.list(interaction.guild_id))

    @app_commands.command(name="remove", description="Stop a digest (its history is kept)")
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def remove(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.remove(interaction.guild_id, id))

    @app_commands.command(name="pause", description="Pause a digest")
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def pause(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.pause(interaction.guild_id, id))

    @app_commands.command(name="resume", description="Resume a paused digest")
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def resume(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.resume(interaction.guild_id, id))

    @app_commands.command(
        name="preview", description="The next digest exactly as it would be posted, and when"
    )
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def preview(
        self, interaction: discord.Interaction, id: app_commands.Range[int, 1] | None = None
    ) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.preview(interaction.guild_id, id))

    @app_commands.command(
        name="send-now", description="Post a digest now (does not use up the next scheduled one)"
    )
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def send_now(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.send_now(interaction.guild_id, id))

    @app_commands.command(name="history", description="Recent deliveries of a digest, with status and reason")
    @app_commands.autocomplete(id=subscription_autocomplete)
    async def history(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        await self._reply(interaction, self.commands.history(interaction.guild_id, id))


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Digest(bot))


__all__ = ["Digest", "DiscordSender", "answer_payload", "with_marker"]
