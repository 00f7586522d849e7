"""Digests end to end: the real bot against the local Discord stand-in, across a restart.

"Due" is driven through the cog's own service (`run_due(<instant>)`), never by waiting: subscriptions are made
for a time of day hours away from now, so neither the cron job nor the start-up catch-up can fire during a test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord.client import Briefbot
from bot.config import Settings
from bot.digests.schedule import next_slot
from bot.digests.scheduler import job_id
from devtools.harness import bot_settings, running_bot
from devtools.standin import (
    DEFAULT_CHANNELS,
    ChannelSpec,
    DiscordStandin,
    GuildSpec,
    InteractionHandle,
    Perm,
    RoleSpec,
    StoredMessage,
    UserSpec,
    running_standin,
)
from tests.conftest import RealBase

ADMIN = RoleSpec("Server admin", permissions=Perm.MANAGE_GUILD)
USERS = (UserSpec("alice"), UserSpec("bob", roles=("Server admin",)))  # bob may manage the server, alice not
LATER = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")


@pytest.fixture
def settings_for(tmp_path: Path, real_base: RealBase) -> Callable[..., Settings]:
    """One data dir for every bot of a test (so a restart finds its state), with the session's compiled base."""
    data = tmp_path / "state"
    data.mkdir()
    shutil.copy2(real_base.db_path, data / "factbase.db")

    def make(standin: DiscordStandin, *, dev_guild: bool = True) -> Settings:
        return bot_settings(
            standin,
            data,
            seeds_dir=real_base.seeds_dir,
            curated_dir=real_base.curated_dir,
            dev_guild=dev_guild,
        )

    return make


def digest_cog(bot: Briefbot) -> Any:
    """The loaded `cogs.digest.Digest` (load_extension imports the module afresh, so no isinstance check)."""
    cog = bot.get_cog("Digest")
    assert cog is not None and type(cog).__name__ == "Digest"
    return cog


def text_of(*messages: StoredMessage) -> str:
    return json.dumps([[m.content, m.embeds] for m in messages], ensure_ascii=False)


def unescaped(content: str) -> str:
    """Error text as Discord shows it: markdown escapes removed."""
    return content.replace("\\", "")


def quotes_button(message: StoredMessage) -> str:
    [custom_id] = [
        b["custom_id"]
        for row in message.components
        for b in row["components"]
        if b["custom_id"].startswith("bb:q:")
    ]
    return custom_id


async def answer(handle: InteractionHandle) -> StoredMessage:
    message = await handle.original()
    assert message.ephemeral, text_of(message)
    return message


async def slash(
    standin: DiscordStandin,
    sub: str,
    options: dict[str, Any] | None = None,
    *,
    user: str = "bob",
    guild: str | None = None,
) -> StoredMessage:
    handle = await standin.dispatch_slash(
        "digest", options or {}, subcommand=sub, user=user, guild_id=guild, channel_id="general"
    )
    return await answer(handle)


async def assert_quotes_popup(
    standin: DiscordStandin, bot: Briefbot, post: StoredMessage, fact_ids: list[str]
) -> None:
    """The post's Show quotes button answers only the clicker, with every quote behind the digest, verbatim."""
    handle = await standin.dispatch_component(post, quotes_button(post), user="alice")
    await answer(handle)
    popups = handle.messages
    assert popups and all(m.ephemeral for m in popups)
    shown = "".join(e.get("description", "") for m in popups for e in m.embeds).replace("\\", "")
    facts = await bot.core.store.facts_by_ids(fact_ids)
    assert len(facts) == len(fact_ids)
    for fact in facts:
        for citation in fact.citations:
            assert f"“{citation.quote.replace(chr(92), '')}”" in shown, (fact.id, citation.quote)
            assert f"fact `{fact.id}`" in shown


async def test_a_subscription_posts_when_due_and_survives_a_restart(
    settings_for: Callable[..., Settings],
) -> None:
    async with running_standin(guilds=(GuildSpec(roles=(ADMIN,)),), users=USERS) as standin:
        guild = standin.guild_id()
        settings = settings_for(standin)
        briefings = standin.channel_id("briefings")

        async with running_bot(standin, settings) as run:
            bot = run.bot
            made = await slash(
                standin,
                "subscribe",
                {"channel": briefings, "time": LATER, "timezone": "Asia/Almaty", "country": "Kazakhstan"},
            )
            assert "Digest subscribed" in text_of(made) and f"#1 → <#{briefings}>" in text_of(made)
            cog = digest_cog(bot)
            sub = await cog.store.get(guild, 1)
            assert sub is not None and sub.created_by == standin.user_id("bob")
            slot = next_slot(sub, sub.created_at)
            assert cog.scheduler.scheduler.get_job(job_id(1)) is not None

            assert await cog.service.run_due(slot - timedelta(minutes=1)) == []
            assert standin.channel_messages(briefings) == []
            outcomes = await cog.service.run_due(slot)
            assert [(o.subscription_id, o.status) for o in outcomes] == [(1, "sent")]
            [post] = standin.channel_messages(briefings)
            assert outcomes[0].message_id == post.id
            assert not post.ephemeral and not post.pings
            assert post.embeds[0]["title"].startswith("Digest — Kazakhstan — ")
            assert post.author["id"] == str(standin.bot_user_id)
            first = await cog.store.get_delivery(1, slot)
            assert first is not None and first.status == "sent" and len(first.fact_ids) == 5
            await assert_quotes_popup(standin, bot, post, first.fact_ids)
            assert await cog.service.run_due(slot) == []  # the same slot again: nothing

        # Restart: a new bot process on the same data dir and the same Discord.
        async with running_bot(standin, settings) as run:
            bot = run.bot
            cog = digest_cog(bot)
            assert cog.startup is not None
            await cog.startup  # the start-up catch-up ran in the background; let it finish
            listed = await slash(standin, "list")
            assert (
                f"#1 → <#{briefings}>: daily at {LATER} Asia/Almaty, 5 facts on Kazakhstan · active"
                in text_of(listed)
            )
            assert cog.scheduler.scheduler.get_job(job_id(1)) is not None

            assert await cog.service.run_due(slot) == []
            sub = await cog.store.get(guild, 1)
            assert sub is not None
            assert (await cog.service.deliver(sub, slot)).status == "duplicate"
            assert len(standin.channel_messages(briefings)) == 1

            await assert_quotes_popup(
                standin, bot, post, first.fact_ids
            )  # the old message's button still works

            tomorrow = slot + timedelta(days=1)
            assert [o.status for o in await cog.service.run_due(tomorrow)] == ["sent"]
            assert await cog.service.run_due(tomorrow) == []
            posts = standin.channel_messages(briefings)
            assert len(posts) == 2
            second = await cog.store.get_delivery(1, tomorrow)
            assert second is not None and len(second.fact_ids) == 5
            assert not set(second.fact_ids) & set(first.fact_ids)
            await assert_quotes_popup(standin, bot, posts[1], second.fact_ids)

            history = await slash(standin, "history", {"id": 1})
            assert text_of(history).count("scheduled · **sent** · 5 facts") == 2
        standin.assert_no_violations()


async def test_subscribing_a_channel_the_bot_cannot_post_in_is_refused(
    settings_for: Callable[..., Settings],
) -> None:
    guild_spec = GuildSpec(
        roles=(ADMIN,), channels=(*DEFAULT_CHANNELS, ChannelSpec("locked", bot_deny=Perm.SEND_MESSAGES))
    )
    async with running_standin(guilds=(guild_spec,), users=USERS) as standin:
        async with running_bot(standin, settings_for(standin)) as run:
            bot = run.bot
            locked = standin.channel_id("locked")
            refused = await slash(standin, "subscribe", {"channel": locked, "time": LATER})
            shown = unescaped(refused.content)
            assert (
                shown.startswith("I can't post in #locked: I need Send Messages") and str(locked) not in shown
            )
            assert shown.endswith(" there. Grant them, then subscribe again.")
            assert await digest_cog(bot).store.list_for_guild(standin.guild_id()) == []
            # The same moderator can subscribe a channel where the bot may post.
            made = await slash(standin, "subscribe", {"channel": "briefings", "time": LATER})
            assert "Digest subscribed" in text_of(made)
            assert not standin.find_records(method="POST", route="/channels/{channel_id}/messages")
        standin.assert_no_violations()


async def test_a_member_without_manage_server_is_refused(settings_for: Callable[..., Settings]) -> None:
    async with running_standin(guilds=(GuildSpec(roles=(ADMIN,)),), users=USERS) as standin:
        async with running_bot(standin, settings_for(standin)) as run:
            bot = run.bot
            for sub, options in (
                ("subscribe", {"channel": "briefings", "time": LATER}),
                ("list", {}),
                ("send-now", {"id": 1}),
            ):
                refused = await slash(standin, sub, options, user="alice")
                assert refused.content == "You need the Manage Server permission to do that.", sub
            assert await digest_cog(bot).store.list_for_guild(standin.guild_id()) == []
            assert standin.channel_messages("briefings") == []
        standin.assert_no_violations()


async def test_two_servers_never_see_each_others_digests(settings_for: Callable[..., Settings]) -> None:
    guilds = (GuildSpec(name="Alpha", roles=(ADMIN,)), GuildSpec(name="Beta", roles=(ADMIN,)))
    async with running_standin(guilds=guilds, users=USERS) as standin:
        # Global commands: both servers.
        async with running_bot(standin, settings_for(standin, dev_guild=False)) as run:
            bot = run.bot
            alpha_posts = standin.channel_id("briefings", guild="Alpha")
            beta_posts = standin.channel_id("briefings", guild="Beta")
            made = await slash(standin, "subscribe", {"channel": "briefings", "time": LATER}, guild="Alpha")
            assert f"#1 → <#{alpha_posts}>" in text_of(made)

            assert "None yet" in text_of(await slash(standin, "list", guild="Beta"))
            for sub in ("pause", "resume", "remove", "history", "send-now", "preview"):
                refused = await slash(standin, sub, {"id": 1}, guild="Beta")
                assert "There is no digest subscription #1 in this server" in unescaped(refused.content), sub
            made = await slash(
                standin, "subscribe", {"channel": "briefings", "time": LATER, "topic": "energy"}, guild="Beta"
            )
            assert f"#2 → <#{beta_posts}>" in text_of(made)
            beta_list = text_of(await slash(standin, "list", guild="Beta"))
            alpha_list = text_of(await slash(standin, "list", guild="Alpha"))
            assert "#2 →" in beta_list and "#1 →" not in beta_list
            assert "#1 →" in alpha_list and "#2 →" not in alpha_list
            refused = await slash(standin, "remove", {"id": 2}, guild="Alpha")
            assert "There is no digest subscription #2 in this server" in unescaped(refused.content)

            cog = digest_cog(bot)
            alpha = await cog.store.get(standin.guild_id("Alpha"), 1)
            assert alpha is not None and await cog.store.get(standin.guild_id("Beta"), 1) is None
            slot = next_slot(alpha, alpha.created_at)
            outcomes = await cog.service.run_due(slot)
            assert sorted((o.subscription_id, o.status) for o in outcomes) == [(1, "sent"), (2, "sent")]
            [alpha_post] = standin.channel_messages(alpha_posts)
            [beta_post] = standin.channel_messages(beta_posts)
            assert alpha_post.guild_id == standin.guild_id(
                "Alpha"
            ) and beta_post.guild_id == standin.guild_id("Beta")
            assert "energy" in beta_post.embeds[0]["title"] and "energy" not in alpha_post.embeds[0]["title"]
            assert standin.channel_messages(standin.channel_id("general", guild="Alpha")) == []
            assert standin.channel_messages(standin.channel_id("general", guild="Beta")) == []
        standin.assert_no_violations()
