"""The real discord.py client, end to end, against the local Discord stand-in (loopback only)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.commands import COMMANDS
from devtools.harness import bot_in_standin
from devtools.standin import GuildSpec, Perm, RoleSpec, UserSpec

EPHEMERAL = 1 << 6


def _text(message) -> str:
    return json.dumps([message.content, message.embeds], ensure_ascii=False)


async def test_every_command_answers_with_citations_through_discord(tmp_path: Path) -> None:
    async with bot_in_standin(tmp_path) as run:
        standin = run.standin
        registered = {c["name"] for c in standin.registered_commands(standin.guild_id())}
        assert {c.name for c in COMMANDS} | {"digest"} <= registered
        channel = standin.channel_id("general")

        country = await standin.dispatch_slash(
            "country", {"name": "Kazakhstan"}, channel_id=channel, user="alice"
        )
        message = await country.original()
        assert "26%" in _text(message) and "1,700 km" in _text(message)
        assert "[1]" in _text(message) and "Sources" in _text(message)

        miss = await standin.dispatch_slash(
            "country", {"name": "Kazakstan"}, channel_id=channel, user="alice"
        )
        reply = await miss.original()
        assert reply.flags & EPHEMERAL and "did you mean Kazakhstan" in reply.content

        for name, options in [
            ("project", {"name": "Ozodi Tunnel"}),
            ("figure", {"query": "financing", "country": "Kazakhstan"}),
            ("search", {"query": "How long is the China–Kazakhstan border?"}),
            ("source", {"name": "Diplomat"}),
            ("timeline", {"about": "Tajikistan"}),
            ("compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"}),
            ("help", {}),
            ("about", {}),
        ]:
            handle = await standin.dispatch_slash(name, options, channel_id=channel, user="alice")
            answer = await handle.original()
            assert answer.embeds, name
            assert not answer.flags & EPHEMERAL, name

        fact_choices = await standin.dispatch_autocomplete("fact", {"id": "ser-kz"}, focused="id")
        assert fact_choices and len(fact_choices) <= 25
        fact = await standin.dispatch_slash(
            "fact", {"id": fact_choices[0]["value"]}, channel_id=channel, user="alice"
        )
        assert "In context" in _text(await fact.original())

        choices = await standin.dispatch_autocomplete("country", {"name": "Kaz"}, focused="name")
        assert choices[0]["value"] == "kazakhstan"

        export = await standin.dispatch_slash(
            "export", {"country": "Tajikistan"}, channel_id=channel, user="alice"
        )
        exported = await export.original()
        assert exported.files and exported.files[0].filename.endswith(".csv")

        quotes_id = next(
            b["custom_id"]
            for row in message.components
            for b in row["components"]
            if b["custom_id"].startswith("bb:q:")
        )
        quotes = await standin.dispatch_component(message, quotes_id, user="bob")
        popup = await quotes.original()
        assert popup.flags & EPHEMERAL and "“" in _text(popup)

        next_id = next(
            (
                b["custom_id"]
                for row in message.components
                for b in row["components"]
                if b["custom_id"].startswith("bb:p:") and not b.get("disabled")
            ),
            None,
        )
        if next_id is not None:
            refused = await standin.dispatch_component(message, next_id, user="bob")
            assert (await refused.original()).flags & EPHEMERAL
            turned = await standin.dispatch_component(message, next_id, user="alice")
            await turned.response()
            assert "(2/" in json.dumps(standin.messages[message.id].embeds)

        for stored in standin.messages.values():
            assert not stored.pings_everyone and not stored.pinged_user_ids and not stored.pinged_role_ids
        standin.assert_no_violations()
        assert standin.unacknowledged() == [] and standin.interaction_latencies()


async def test_moderator_subscription_posts_a_cited_digest_in_the_channel(tmp_path: Path) -> None:
    guild = GuildSpec(roles=(RoleSpec("Server admin", permissions=Perm.MANAGE_GUILD),))
    users = (UserSpec("alice"), UserSpec("bob", roles=("Server admin",)))
    async with bot_in_standin(tmp_path, guilds=(guild,), users=users) as run:
        standin = run.standin
        target = standin.channel_id("briefings")
        denied = await standin.dispatch_slash(
            "digest",
            {"channel": target, "time": "08:00"},
            subcommand="subscribe",
            user="alice",
            channel_id=standin.channel_id("general"),
        )
        assert (await denied.original()).flags & EPHEMERAL
        made = await standin.dispatch_slash(
            "digest",
            {"channel": target, "time": "08:00", "timezone": "Asia/Almaty", "country": "Kazakhstan"},
            subcommand="subscribe",
            user="bob",
            channel_id=standin.channel_id("general"),
        )
        confirmation = await made.original()
        assert confirmation.flags & EPHEMERAL and "Digest subscribed" in _text(confirmation)

        sent = await standin.dispatch_slash(
            "digest",
            {"id": 1},
            subcommand="send-now",
            user="bob",
            channel_id=standin.channel_id("general"),
        )
        assert "sent now" in _text(await sent.original())
        posts = standin.channel_messages("briefings")
        assert len(posts) == 1 and "Digest — Kazakhstan" in _text(posts[0])
        assert any(
            b["custom_id"].startswith("bb:q:") for row in posts[0].components for b in row["components"]
        )

        history = await standin.dispatch_slash(
            "digest",
            {"id": 1},
            subcommand="history",
            user="bob",
            channel_id=standin.channel_id("general"),
        )
        assert "sent" in _text(await history.original())
        standin.assert_no_violations()
