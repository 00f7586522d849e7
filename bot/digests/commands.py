"""The digest operations behind `/digest …` and `briefbot digest …`, as one Discord-agnostic service.

Both adapters call these methods and only translate the result (`DigestAnswer`) into an ephemeral reply or
terminal text, so a moderator and the CLI see the same behaviour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.briefs import Brief, Briefs, UserError, echo
from bot.digests.compose import DigestComposer, focus_label
from bot.digests.delivery import DigestService
from bot.digests.errors import InvalidSubscription, SubscriptionLimitReached, SubscriptionNotFound
from bot.digests.models import WEEKDAYS, Subscription
from bot.digests.schedule import next_slot
from bot.digests.scheduler import DigestScheduler
from bot.digests.store import SubscriptionStore
from bot.render.lines import Channel, Line, Moment, Strong, Text


@dataclass(slots=True)
class DigestAnswer:
    title: str
    lines: list[Line] = field(default_factory=list)  # rendered by each adapter: see bot.render.lines
    payload: dict[str, Any] | None = None  # a digest exactly as it would be posted (preview)
    brief: Brief | None = None  # the same digest as data, for the terminal
    ok: bool = True


def _reason(reason: str | None) -> Line:
    return (" — ", Text(reason)) if reason else ()


class DigestCommands:
    def __init__(
        self,
        store: SubscriptionStore,
        service: DigestService,
        composer: DigestComposer,
        briefs: Briefs,
        scheduler: DigestScheduler | None = None,
    ) -> None:
        self.store = store
        self.service = service
        self.composer = composer
        self.briefs = briefs
        self.scheduler = scheduler

    def describe(self, sub: Subscription) -> Line:
        country = self.briefs.entities.by_id.get(sub.country) if sub.country else None
        cadence = "daily" if sub.frequency == "daily" else f"weekly on {WEEKDAYS[sub.weekday or 0].title()}"
        state: Line = ("active",) if sub.status == "active" else ("PAUSED — ", Text(sub.paused_reason or ""))
        return (
            f"#{sub.id} → ",
            Channel(sub.channel_id),
            f": {cadence} at {sub.time} ",
            Text(sub.timezone),
            f", {sub.size} facts on ",
            Text(focus_label(sub, country.name if country else None)),
            " · ",
            *state,
        )

    def _country_id(self, country: str | None) -> str | None:
        if not country:
            return None
        return self.briefs.resolve(country, {"country"}, "country").entity.id

    @staticmethod
    def _not_found(sub_id: int) -> UserError:
        return UserError(f"There is no digest subscription #{sub_id} in this server. See /digest list.")

    async def _get(self, guild_id: int, sub_id: int) -> Subscription:
        sub = await self.store.get(guild_id, sub_id)
        if sub is None:
            raise self._not_found(sub_id)
        return sub

    async def subscribe(
        self,
        *,
        guild_id: int,
        channel_id: int,
        user_id: int,
        time: str,
        timezone: str,
        frequency: str = "daily",
        day: str | None = None,
        country: str | None = None,
        topic: str | None = None,
        size: int = 5,
    ) -> DigestAnswer:
        if frequency == "weekly" and not day:
            raise UserError("A weekly digest needs a day, e.g. day:monday.")
        if frequency == "daily" and day:
            raise UserError("A daily digest posts every day; leave out day, or choose frequency:weekly.")
        if topic is not None and len(topic) > 100:
            raise UserError("Keep the topic under 100 characters (a few keywords).")
        try:
            sub = await self.store.create(
                guild_id=guild_id,
                channel_id=channel_id,
                created_by=user_id,
                frequency=frequency,
                time=time,
                timezone=timezone,
                weekday=day,
                country=self._country_id(country),
                topic=topic or None,
                size=size,
            )
        except InvalidSubscription as exc:
            raise UserError(" ".join(exc.messages)) from None
        except SubscriptionLimitReached as exc:
            raise UserError(str(exc)) from None
        if self.scheduler is not None:
            self.scheduler.add(sub)
        upcoming = next_slot(sub, self.service.now())
        return DigestAnswer("Digest subscribed", [self.describe(sub), ("First digest: ", Moment(upcoming))])

    async def list(self, guild_id: int) -> DigestAnswer:
        subs = await self.store.list_for_guild(guild_id)
        if not subs:
            return DigestAnswer(
                "Digest subscriptions", [("None yet. A moderator can add one with /digest subscribe.",)]
            )
        now = self.service.now()
        lines = []
        for sub in subs:
            line = self.describe(sub)
            if sub.status == "active":
                line += (" · next ", Moment(next_slot(sub, now), "R"))
            lines.append(line)
        return DigestAnswer("Digest subscriptions", lines)

    async def _change(self, action: str, guild_id: int, sub_id: int) -> DigestAnswer:
        await self._get(guild_id, sub_id)
        try:
            if action == "pause":
                sub = await self.store.pause(guild_id, sub_id, "Paused by a moderator")
            elif action == "resume":
                sub = await self.store.resume(guild_id, sub_id)
            else:
                sub = await self.store.remove(guild_id, sub_id)
        except SubscriptionNotFound:  # removed by someone else in the meantime
            raise self._not_found(sub_id) from None
        if self.scheduler is not None:
            if action == "resume":
                self.scheduler.add(sub)
            else:
                self.scheduler.remove(sub_id)
        verb = {"pause": "paused", "resume": "resumed", "remove": "removed (its history is kept)"}[action]
        return DigestAnswer(f"Digest #{sub_id} {verb}", [self.describe(sub)] if action != "remove" else [])

    async def pause(self, guild_id: int, sub_id: int) -> DigestAnswer:
        return await self._change("pause", guild_id, sub_id)

    async def resume(self, guild_id: int, sub_id: int) -> DigestAnswer:
        return await self._change("resume", guild_id, sub_id)

    async def remove(self, guild_id: int, sub_id: int) -> DigestAnswer:
        return await self._change("remove", guild_id, sub_id)

    async def preview(self, guild_id: int, sub_id: int | None, at: dt.datetime | None = None) -> DigestAnswer:
        if sub_id is None:
            subs = await self.store.list_for_guild(guild_id)
            if not subs:
                raise UserError("There are no digest subscriptions here yet. Add one with /digest subscribe.")
            sub = subs[0]
        else:
            sub = await self._get(guild_id, sub_id)
        slot, digest = await self.service.preview(sub, at or self.service.now())
        lines = [self.describe(sub), ("Would be posted ", Moment(slot))]
        if digest.empty:
            lines.append(("Nothing would be posted: ", Text(digest.reason or "")))
            return DigestAnswer(f"Preview of digest #{sub.id}", lines)
        return DigestAnswer(f"Preview of digest #{sub.id}", lines, payload=digest.payload, brief=digest.brief)

    async def send_now(self, guild_id: int, sub_id: int) -> DigestAnswer:
        sub = await self._get(guild_id, sub_id)
        outcome = await self.service.send_now(sub)
        ok = outcome.status == "sent"
        line: Line = (f"Status: {outcome.status}", *_reason(outcome.reason))
        return DigestAnswer(
            f"Digest #{sub_id} sent now" if ok else f"Digest #{sub_id} was not sent", [line], ok=ok
        )

    async def history(self, guild_id: int, sub_id: int, limit: int = 10) -> DigestAnswer:
        # Not `_get`: a removed subscription's history stays viewable (the store still scopes it by guild).
        try:
            rows = await self.store.history(sub_id, limit, guild_id=guild_id)
        except SubscriptionNotFound:
            raise self._not_found(sub_id) from None
        if not rows:
            return DigestAnswer(f"History of digest #{sub_id}", [("No deliveries yet.",)])
        lines = []
        for d in rows:
            line: Line = (Moment(d.slot, "f"), f" · {d.kind} · ", Strong(d.status))
            if d.reason:
                line += _reason(echo(d.reason, 200))
            elif d.status == "claimed":  # only while a post is in flight; a dead process's claim is recovered
                line += (" — being posted right now",)
            if d.fact_ids:
                line += (f" · {len(d.fact_ids)} facts",)
            lines.append(line)
        return DigestAnswer(f"History of digest #{sub_id}", lines)

    async def run_due(self, at: dt.datetime) -> DigestAnswer:
        outcomes = await self.service.run_due(at)
        lines: list[Line] = [
            (f"#{o.subscription_id} {o.slot:%Y-%m-%d %H:%M} UTC: {o.status}", *_reason(o.reason))
            for o in outcomes
        ]
        return DigestAnswer(f"Digests due at {at.isoformat()}", lines or [("Nothing was due.",)])
