"""End-to-end tests of the Discord stand-in with the real discord.py client."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator, Callable

import aiohttp
import discord
import psutil
import pytest
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from devtools.standin import (
    DEFAULT_CHANNELS,
    AttachmentInput,
    ChannelSpec,
    DiscordStandin,
    GuildSpec,
    Perm,
    connected_bot,
    patch_discord,
    running_standin,
    validate_choices,
    validate_command,
    validate_commands,
    validate_message,
)

pytestmark = pytest.mark.timeout(30)

COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
GUILD = GuildSpec(
    name="Briefing Room",
    channels=(
        *DEFAULT_CHANNELS,
        ChannelSpec("announcements", bot_deny=Perm.SEND_MESSAGES),
        ChannelSpec("write-only", bot_deny=Perm.READ_MESSAGE_HISTORY),
    ),
)


class MoreView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary, custom_id="brief:more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[MoreView]) -> None:
        await interaction.response.edit_message(content="More detail", view=None)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    comment: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(
        label="Comment", custom_id="feedback:comment"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.comment.value}", ephemeral=True)


class CountryGroup(app_commands.Group, name="country", description="Country data"):
    stats = app_commands.Group(name="stats", description="Statistics")

    @app_commands.command(name="profile", description="A country's profile")
    async def profile(
        self,
        interaction: discord.Interaction,
        name: str,
        days: app_commands.Range[int, 1, 30],
        weight: float,
        public: bool,
        analyst: discord.Member,
        audience: discord.Role,
    ) -> None:
        summary = f"{name} {days} {weight} {public} {analyst.display_name} {audience.name}"
        await interaction.response.send_message(summary, ephemeral=not public)

    @stats.command(name="trade", description="Trade figures")
    async def trade(self, interaction: discord.Interaction, year: int = 2024) -> None:
        await interaction.response.send_message(f"trade {year}")


class StandinTestBot(commands.Bot):
    """A small bot with the app commands the tests drive; it keeps app-command errors for inspection."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.app_errors: list[app_commands.AppCommandError] = []
        self.seen_messages: list[discord.Message] = []
        self._changed = asyncio.Event()
        self.tree.error(self._record_error)
        self._add_commands()
        self.tree.add_command(CountryGroup())

    async def until(self, predicate: Callable[[], bool], timeout: float = 60.0) -> None:  # a hang guard
        """Wait for bot-side state (errors, received messages) without polling."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def _record_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.app_errors.append(error)
        self._changed.set()

    async def on_message(self, message: discord.Message) -> None:
        self.seen_messages.append(message)
        self._changed.set()

    def _add_commands(self) -> None:
        @self.tree.command(name="brief", description="A briefing with a button for more")
        @app_commands.describe(topic="What to brief on", channel="Where it matters")
        async def brief(
            interaction: discord.Interaction, topic: str, channel: discord.TextChannel | None = None
        ) -> None:
            where = channel.mention if channel is not None else "here"
            embed = discord.Embed(title=f"Briefing: {topic}", description=f"Relevant in {where}")
            embed.add_field(name="Source", value="Curated fact base")
            await interaction.response.send_message(embed=embed, view=MoreView())

        @self.tree.command(name="report", description="A slow report: defers, then follows up")
        async def report(interaction: discord.Interaction, topic: str) -> None:
            await interaction.response.defer(thinking=True)
            csv = discord.File(io.BytesIO(b"country,visits\nKZ,3\n"), filename="report.csv")
            await interaction.followup.send(f"Report on {topic}", file=csv)
            await interaction.followup.send("Sources: 3", ephemeral=True)

        @self.tree.command(name="lookup", description="Look a country up")
        async def lookup(interaction: discord.Interaction, country: str) -> None:
            await interaction.response.send_message(f"Looking up {country}", ephemeral=True)

        @lookup.autocomplete("country")
        async def lookup_country(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=c, value=c) for c in COUNTRIES if current.lower() in c.lower()]

        @self.tree.command(name="essay", description="Replies with an over-long embed")
        async def essay(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 4097))

        @self.tree.command(name="sluggish", description="Answers after a pause")
        async def sluggish(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.15)
            await interaction.response.send_message("late")

        @self.tree.command(name="feedback", description="Opens a feedback form")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal(custom_id="feedback"))

        @self.tree.command(name="upload", description="Reads an attached file")
        async def upload(interaction: discord.Interaction, document: discord.Attachment) -> None:
            data = await document.read()
            await interaction.response.send_message(f"{document.filename}: {len(data)} bytes")


def _open_connections(port: int) -> list[object]:
    return [
        c
        for c in psutil.Process().net_connections("tcp")
        if c.status != psutil.CONN_TIME_WAIT and port in (c.laddr.port, c.raddr.port if c.raddr else None)
    ]


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandin]:
    async with running_standin([GUILD]) as server:
        yield server
    port = server.port
    await asyncio.sleep(0)
    assert asyncio.all_tasks() == {asyncio.current_task()}, "tasks left behind"
    assert not _open_connections(port), "sockets left open"


@pytest.fixture
async def bot(standin: DiscordStandin) -> AsyncIterator[StandinTestBot]:
    async with connected_bot(StandinTestBot(), standin, sync=True) as client:
        yield client


def _channel(bot: commands.Bot, standin: DiscordStandin, name: str) -> discord.TextChannel:
    channel = bot.get_channel(standin.channel_id(name))
    assert isinstance(channel, discord.TextChannel)
    return channel


# ---- connecting ----------------------------------------------------------------------------------------------------


async def test_bot_logs_in_and_receives_its_guild(standin: DiscordStandin, bot: StandinTestBot) -> None:
    assert bot.is_ready() and bot.user is not None and bot.user.id == standin.bot_user_id
    guild = bot.get_guild(standin.guild_id())
    assert guild is not None and guild.name == "Briefing Room"
    assert {c.name for c in guild.text_channels} == {"general", "briefings", "announcements", "write-only"}
    assert isinstance(guild.get_channel(standin.channel_id("questions")), discord.ForumChannel)
    assert [t.name for t in guild.threads] == ["first-question"]
    assert guild.me is not None and any(r.is_bot_managed() for r in guild.me.roles)
    assert not _channel(bot, standin, "announcements").permissions_for(guild.me).send_messages

    connection = standin.gateway_connections[0]
    assert connection.query["v"] == "10" and connection.query["encoding"] == "json"
    # The client asks for a compressed stream; the stand-in answers in plain text frames, which it accepts.
    assert connection.query["compress"] in ("zlib-stream", "zstd-stream")
    assert (
        connection.identify is not None and connection.identify["intents"] == discord.Intents.default().value
    )
    assert standin.heartbeats >= 1


async def test_sync_registers_guild_commands_with_stable_ids(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    guild_id = standin.guild_id()
    registered = {c["name"]: c for c in standin.registered_commands(guild_id)}
    assert set(registered) == {
        "brief",
        "report",
        "lookup",
        "essay",
        "sluggish",
        "feedback",
        "upload",
        "country",
    }
    topic, channel = registered["brief"]["options"]
    assert (topic["type"], topic["required"]) == (3, True)
    assert (channel["type"], channel.get("required", False), channel["channel_types"]) == (7, False, [0, 5])
    assert registered["lookup"]["options"][0]["autocomplete"] is True
    assert isinstance(standin.command_syncs[-1].payload, list)

    again = await bot.tree.sync(guild=discord.Object(guild_id))
    assert {c.name: str(c.id) for c in again} == {name: c["id"] for name, c in registered.items()}
    standin.assert_no_violations()


async def test_members_intent_chunks_the_guild(standin: DiscordStandin) -> None:
    intents = discord.Intents.default()
    intents.members = True
    client = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    async with connected_bot(client, standin):
        guild = client.get_guild(standin.guild_id())
        assert guild is not None and guild.chunked
        assert {m.name for m in guild.members} == {"briefbot", "guild-owner", "alice", "bob"}
    assert 8 in standin.gateway_connections[0].received_ops  # REQUEST_GUILD_MEMBERS


async def test_wrong_token_is_a_login_failure(standin: DiscordStandin) -> None:
    client = StandinTestBot()
    with standin.patched():
        with pytest.raises(discord.LoginFailure):
            await client.login("not-the-token")
        await client.close()


def test_patch_discord_restores_addresses() -> None:
    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    with patch_discord("http://127.0.0.1:9/api/v10", "ws://127.0.0.1:9/gateway"):
        assert Route.BASE == "http://127.0.0.1:9/api/v10"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"
    assert before == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)


async def test_reconnect_resumes_the_session(standin: DiscordStandin, bot: StandinTestBot) -> None:
    resumed = asyncio.Event()

    async def on_resumed() -> None:
        resumed.set()

    bot.add_listener(on_resumed)
    await standin.request_reconnect()
    await asyncio.wait_for(resumed.wait(), 5)
    assert standin.gateway_connections[-1].resumed

    handle = await standin.dispatch_slash("lookup", {"country": "Kazakhstan"})
    assert (await handle.response()).ok


# ---- interactions ---------------------------------------------------------------------------------------------------


async def test_slash_reply_with_embed_and_button_then_click(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    handle = await standin.dispatch_slash("brief", {"topic": "Kazakhstan", "channel": "briefings"})
    record = await handle.response()
    assert record.status == 200 and record.json["type"] == 4
    assert handle.latency is not None and 0 < handle.latency < 1
    assert record.latency == handle.latency

    message = handle.message
    assert message is not None and message.type == 20
    assert message.embeds[0]["title"] == "Briefing: Kazakhstan"
    assert message.embeds[0]["description"] == f"Relevant in <#{standin.channel_id('briefings')}>"
    assert message.components[0]["components"][0]["custom_id"] == "brief:more"
    assert message.allowed_mentions == {"parse": []} and not message.pings

    click = await standin.dispatch_component(message, "brief:more", user="bob")
    update = await click.response()
    assert update.json["type"] == 7
    assert message.content == "More detail" and message.components == [] and message.edits == 1
    assert click.message is message
    standin.assert_no_violations()


async def test_defer_then_follow_up_with_a_file(standin: DiscordStandin, bot: StandinTestBot) -> None:
    handle = await standin.dispatch_slash("report", {"topic": "trade"})
    assert (await handle.response()).json["type"] == 5

    # The first follow-up after a defer fills in the "thinking" message, as on Discord.
    original = await handle.original()
    assert original.content == "Report on trade"
    assert [(f.filename, f.data) for f in original.files] == [("report.csv", b"country,visits\nKZ,3\n")]
    [followup] = await handle.followups(1)
    assert followup.content == "Sources: 3" and followup.ephemeral

    upload = next(r for r in handle.records if r.files)
    assert upload.method == "POST" and upload.json["content"] == "Report on trade"
    async with aiohttp.ClientSession() as session, session.get(original.attachments[0]["url"]) as response:
        assert await response.read() == b"country,visits\nKZ,3\n"
    standin.assert_no_violations()


async def test_autocomplete_returns_choices(standin: DiscordStandin, bot: StandinTestBot) -> None:
    choices = await standin.dispatch_autocomplete("lookup", {"country": "kaz"}, focused="country")
    assert choices == [{"name": "Kazakhstan", "value": "Kazakhstan"}]
    assert len(await standin.dispatch_autocomplete("lookup", focused="country")) == len(COUNTRIES)


async def test_modal_round_trip(standin: DiscordStandin, bot: StandinTestBot) -> None:
    opened = await standin.dispatch_slash("feedback")
    assert (await opened.response()).json["type"] == 9
    submitted = await standin.dispatch_modal_submit("feedback", {"feedback:comment": "Useful"})
    await submitted.response()
    assert submitted.message is not None and submitted.message.content == "Thanks: Useful"


async def test_attachment_option_is_resolved_and_downloadable(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    document = AttachmentInput("notes.txt", b"hello world", "text/plain")
    handle = await standin.dispatch_slash("upload", {"document": document})
    await handle.response()
    assert handle.message is not None and handle.message.content == "notes.txt: 11 bytes"


async def test_subcommands_and_typed_options_resolve(standin: DiscordStandin, bot: StandinTestBot) -> None:
    options = {
        "name": "KZ",
        "days": 7,
        "weight": 0.5,
        "public": True,
        "analyst": "bob",
        "audience": "Moderator",
    }
    profile = await standin.dispatch_slash("country", options, subcommand="profile")
    await profile.response()
    assert profile.message is not None and profile.message.content == "KZ 7 0.5 True Bob Moderator"
    resolved = profile.payload["data"]["options"][0]["options"]
    assert [o["type"] for o in resolved] == [3, 4, 10, 5, 6, 8]

    trade = await standin.dispatch_slash("country", subcommand="stats trade")
    await trade.response()
    assert trade.message is not None and trade.message.content == "trade 2024"

    with pytest.raises(ValueError, match="allowed range"):
        await standin.dispatch_slash("country", {**options, "days": 31}, subcommand="profile")
    with pytest.raises(LookupError, match="has the bot synced"):
        await standin.dispatch_slash("nonexistent")
    standin.assert_no_violations()


async def test_late_callback_is_unknown_interaction(standin: DiscordStandin, bot: StandinTestBot) -> None:
    standin.interaction_deadline = 0.05
    handle = await standin.dispatch_slash("sluggish")
    record = await handle.response()
    assert record.status == 404 and record.response["code"] == 10062
    assert [v.kind for v in standin.violations] == ["deadline"]
    await bot.until(lambda: bool(bot.app_errors))
    assert isinstance(bot.app_errors[0].__cause__, discord.NotFound)


async def test_second_callback_is_already_acknowledged(standin: DiscordStandin, bot: StandinTestBot) -> None:
    handle = await standin.dispatch_slash("lookup", {"country": "Uzbekistan"})
    await handle.response()
    url = f"{standin.api_url}/interactions/{handle.id}/{handle.token}/callback"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"type": 4, "data": {"content": "again"}}) as response,
    ):
        assert response.status == 400
        assert response.headers["Content-Type"] == "application/json"
        assert (await response.json())["code"] == 40060
    assert [v.kind for v in standin.violations] == ["double_ack"]


async def test_overlong_embed_in_a_reply_is_rejected(standin: DiscordStandin, bot: StandinTestBot) -> None:
    handle = await standin.dispatch_slash("essay")
    record = await handle.response()
    assert record.status == 400 and record.response["code"] == 50035
    assert "description" in record.response["errors"]["data"]["embeds"]["0"]
    await bot.until(lambda: bool(bot.app_errors))
    assert isinstance(bot.app_errors[0].__cause__, discord.HTTPException)
    assert not handle.acknowledged and standin.violations[0].kind == "validation"


# ---- channel messages, faults and limits ---------------------------------------------------------------------------


async def test_overlong_embed_in_a_channel_is_rejected(standin: DiscordStandin, bot: StandinTestBot) -> None:
    with pytest.raises(discord.HTTPException) as caught:
        await _channel(bot, standin, "general").send(embed=discord.Embed(description="x" * 4097))
    assert caught.value.status == 400 and caught.value.code == 50035
    assert "embeds.0.description" in str(caught.value)
    assert standin.channel_messages("general") == []


async def test_hidden_rate_limit_is_retried(standin: DiscordStandin, bot: StandinTestBot) -> None:
    limit = standin.rate_limit_channel("general", limit=2, window=0.2, advertise=False)
    channel = _channel(bot, standin, "general")
    started = time.perf_counter()
    sent = [await channel.send(f"update {i}") for i in range(3)]
    assert [m.content for m in sent] == ["update 0", "update 1", "update 2"]
    assert limit.rejected == 1 and time.perf_counter() - started >= 0.1
    [rejected] = standin.find_records(status=429)
    assert rejected.response["retry_after"] > 0
    assert len(standin.channel_messages("general")) == 3


async def test_advertised_rate_limit_is_respected_without_429s(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    standin.rate_limit_channel("general", limit=2, window=0.2)
    channel = _channel(bot, standin, "general")
    for i in range(3):
        await channel.send(f"update {i}")
    assert standin.find_records(status=429) == []


async def test_queued_403_surfaces_as_forbidden(standin: DiscordStandin, bot: StandinTestBot) -> None:
    standin.inject_fault(403, channel_id="general", method="POST")
    channel = _channel(bot, standin, "general")
    with pytest.raises(discord.Forbidden) as caught:
        await channel.send("hello")
    assert caught.value.code == 50001
    assert (await channel.send("hello again")).content == "hello again"


async def test_missing_send_permission_is_forbidden(standin: DiscordStandin, bot: StandinTestBot) -> None:
    with pytest.raises(discord.Forbidden) as caught:
        await _channel(bot, standin, "announcements").send("hello")
    assert caught.value.code == 50013


async def test_server_errors_and_delays(standin: DiscordStandin, bot: StandinTestBot) -> None:
    standin.inject_fault(503, path=r"^/channels/\d+/messages$", method="POST")
    with pytest.raises(discord.DiscordServerError):
        await _channel(bot, standin, "general").send("hello")

    standin.inject_fault(delay=0.1, path=r"/callback$")
    handle = await standin.dispatch_slash("lookup", {"country": "Tajikistan"})
    record = await handle.response()
    assert record.ok and record.responded_at is not None and record.responded_at - record.received_at >= 0.1


async def test_a_repeated_nonce_returns_the_first_message_within_the_window(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    channel = _channel(bot, standin, "general")
    first = await channel.send("digest", nonce="bb-slot-1")
    again = await channel.send("digest, again", nonce="bb-slot-1")
    assert again.id == first.id and [m.content for m in standin.channel_messages("general")] == ["digest"]
    [request, _] = standin.find_records(method="POST", route="/channels/{channel_id}/messages")
    assert request.json["nonce"] == "bb-slot-1" and request.json["enforce_nonce"] is True
    assert (await channel.send("digest", nonce="bb-slot-2")).id != first.id
    standin.nonce_window = 0.0  # Discord has forgotten it
    assert (await channel.send("digest", nonce="bb-slot-1")).id != first.id
    assert len(standin.channel_messages("general")) == 3


async def test_a_5xx_after_handling_keeps_the_message(standin: DiscordStandin, bot: StandinTestBot) -> None:
    standin.inject_fault(503, path=r"^/channels/\d+/messages$", method="POST", after_handling=True)
    with pytest.raises(discord.DiscordServerError):
        await _channel(bot, standin, "general").send("stored anyway")
    assert [m.content for m in standin.channel_messages("general")] == ["stored anyway"]


async def test_without_read_message_history_the_channel_reads_as_empty(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    channel = _channel(bot, standin, "write-only")
    await channel.send("posted")
    assert [m async for m in channel.history(limit=10)] == []  # as Discord answers: no error, no messages
    assert [m.content async for m in _channel(bot, standin, "general").history(limit=10)] == []
    await _channel(bot, standin, "general").send("readable")
    assert [m.content async for m in _channel(bot, standin, "general").history(limit=10)] == ["readable"]


async def test_request_hooks_see_each_request_arrive_and_be_answered(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    seen: list[tuple[str, str, int]] = []
    standin.request_hooks.append(lambda record, phase: seen.append((record.method, phase, record.status)))
    await _channel(bot, standin, "general").send("hello")
    assert seen == [("POST", "received", 0), ("POST", "handled", 0)]  # the answer is not sent yet


async def test_allowed_mentions_are_recorded(standin: DiscordStandin, bot: StandinTestBot) -> None:
    alice = standin.user_id("alice")
    channel = _channel(bot, standin, "general")
    quiet = await channel.send(f"<@{alice}> see the briefing")
    loud = await channel.send(
        f"<@{alice}> see the briefing", allowed_mentions=discord.AllowedMentions(users=True)
    )
    stored = {m.id: m for m in standin.channel_messages("general")}
    assert not stored[quiet.id].pings and stored[quiet.id].allowed_mentions == {"parse": []}
    assert stored[loud.id].pinged_user_ids == [alice]


async def test_member_messages_reach_the_bot_without_content(
    standin: DiscordStandin, bot: StandinTestBot
) -> None:
    await standin.send_user_message("secret plans", channel_id="general", user="bob")
    await standin.send_user_message(f"<@{standin.bot_user_id}> hello", channel_id="general", user="bob")
    await bot.until(lambda: len([m for m in bot.seen_messages if m.author.name == "bob"]) == 2)
    contents = [m.content for m in bot.seen_messages if m.author.name == "bob"]
    # Without the privileged MESSAGE_CONTENT intent only messages that mention the bot keep their content.
    assert contents == ["", f"<@{standin.bot_user_id}> hello"]


# ---- validation, directly -------------------------------------------------------------------------------------------


async def test_invalid_command_registration_is_rejected(standin: DiscordStandin) -> None:
    bad = [
        {
            "name": "Brief",
            "description": "",
            "options": [
                {"type": 3, "name": "topic", "description": "t"},
                {"type": 3, "name": "when", "description": "w", "required": True},
            ],
        }
    ]
    url = f"{standin.api_url}/applications/{standin.application_id}/commands"
    headers = {"Authorization": f"Bot {standin.token}"}
    async with aiohttp.ClientSession() as session, session.put(url, json=bad, headers=headers) as response:
        body = await response.json()
    assert response.status == 400 and body["code"] == 50035
    assert set(body["errors"]["0"]) == {"name", "description", "options"}
    assert "required" in body["errors"]["0"]["options"]["1"]
    assert standin.violations[0].kind == "command_registration"
    assert standin.registered_commands() == []


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"content": "x" * 2001}, "content"),
        ({"embeds": [{"title": "t"}] * 11}, "embeds"),
        ({"embeds": [{"title": "x" * 257}]}, "embeds.0.title"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, "embeds.0.fields"),
        ({"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]}, "embeds.0.fields.0.name"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}, "embeds.0.fields.0.value"),
        ({"embeds": [{"footer": {"text": "f" * 2049}}]}, "embeds.0.footer.text"),
        ({"embeds": [{"author": {"name": "a" * 257}}]}, "embeds.0.author.name"),
        ({"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}, "embeds"),
        (
            {
                "components": [
                    {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": "c"}]}
                ]
                * 6
            },
            "components",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {"type": 2, "style": 1, "label": "b", "custom_id": f"c{i}"} for i in range(6)
                        ],
                    }
                ]
            },
            "components.0.components",
        ),
        (
            {
                "components": [
                    {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": "c" * 101}]}
                ]
            },
            "components.0.components.0.custom_id",
        ),
        (
            {
                "components": [
                    {"type": 1, "components": [{"type": 2, "style": 1, "label": "b" * 81, "custom_id": "c"}]}
                ]
            },
            "components.0.components.0.label",
        ),
    ],
)
def test_message_limits(payload: dict[str, object], path: str) -> None:
    assert path in {".".join(map(str, e.path)) for e in validate_message(payload)}


def test_limits_at_the_boundary_pass() -> None:
    embed = {"title": "t" * 256, "description": "d" * 4096, "fields": [{"name": "n", "value": "v" * 70}] * 25}
    assert validate_message({"content": "x" * 2000, "embeds": [embed]}) != []  # 256 + 4096 + 25 * 71 > 6000
    assert (
        validate_message({"content": "x" * 2000, "embeds": [{"title": "t" * 256, "description": "d" * 4096}]})
        == []
    )
    assert validate_choices([{"name": "n" * 100, "value": "v" * 100}] * 25) == []
    assert {str(e) for e in validate_choices([{"name": "n" * 101, "value": "v"}] * 26)} == {
        "data.choices: Must be 25 or fewer in length.",
        *{f"data.choices.{i}.name: Must be between 1 and 100 in length." for i in range(26)},
    }


def test_command_payload_limits() -> None:
    option = {"type": 3, "name": "o", "description": "d"}
    too_many_options = {
        "name": "cmd",
        "description": "d",
        "options": [dict(option, name=f"o{i}") for i in range(26)],
    }
    assert any(e.path == ("options",) for e in validate_command(too_many_options))
    many = [{"name": f"c{i}", "description": "d"} for i in range(101)]
    assert any(e.code == "APPLICATION_COMMANDS_TOO_MANY" for e in validate_commands(many))
    choices = {
        "name": "cmd",
        "description": "d",
        "options": [dict(option, choices=[{"name": "a", "value": "a"}] * 26)],
    }
    assert any(e.path == ("options", 0, "choices") for e in validate_command(choices))
    assert validate_command({"name": "ünïcode-名前_1", "description": "fine"}) == []
    assert validate_command({"name": "has space", "description": "d"})[0].path == ("name",)
    assert validate_command({"type": 3, "name": "Message Action", "description": ""}) == []
