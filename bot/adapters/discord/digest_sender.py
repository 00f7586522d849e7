"""Digests into Discord: posts through discord.py and translates its errors into the digest core's."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import discord

from bot.adapters.discord.discord_io import to_kwargs
from bot.digests.errors import (
    DeliveryCheckImpossible,
    DeliveryError,
    DeliveryForbidden,
    DeliveryNotFound,
    DeliveryRateLimited,
    DeliveryTransient,
)
from bot.digests.keys import DeliveryKey
from bot.render.discord import FOOTER_MAX, clip

READY_TIMEOUT = 120.0  # seconds a check waits for the gateway's first READY before giving up
HISTORY_LIMIT = 100  # one page of channel history: a digest's copy sits within seconds of its first request
CLOCK_SKEW = timedelta(minutes=2)  # our clock against Discord's snowflake times, on the safe side
MARKER_SEPARATOR = " · "


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


class RestSender:
    """Posts with discord.py's HTTP client only (no gateway), for `digest run` from cron or a shell; logs in
    on first use, so a run with nothing due never touches the network."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._sender: DiscordSender | None = None

    async def _discord(self) -> DiscordSender:
        if self._sender is None:
            client = discord.Client(intents=discord.Intents.none())
            await client.login(self.token)
            self._sender = DiscordSender(client, gateway=False)
        return self._sender

    async def send(self, channel_id: int, payload: dict[str, Any], key: DeliveryKey) -> int:
        return await (await self._discord()).send(channel_id, payload, key)

    async def find(self, channel_id: int, key: DeliveryKey, since: datetime | None) -> int | None:
        return await (await self._discord()).find(channel_id, key, since)

    async def close(self) -> None:
        if self._sender is not None:
            await self._sender.bot.close()
