"""Charts through the real discord.py client and the local Discord stand-in: uploaded, shown in the embed, with
alt text, and still there when the reader turns pages or asks for the quotes."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

from PIL import Image

from bot.render.charts_draw import DPI, WIDTH_IN
from devtools.harness import bot_in_standin
from devtools.standin import DiscordStandin

EPHEMERAL = 1 << 6
WIDTH_PX = int(WIDTH_IN * DPI)


@contextlib.asynccontextmanager
async def bot_in_general(data_dir: Path) -> AsyncIterator[tuple[DiscordStandin, int]]:
    """The real bot connected to a fresh stand-in; yields the stand-in and its #general channel."""
    async with bot_in_standin(data_dir) as run:
        yield run.standin, run.channel("general")


def _chart_of(message) -> tuple[dict, bytes]:
    """The message's PNG attachment that its embed shows, and the uploaded bytes."""
    images = {e["image"]["url"] for e in message.embeds if e.get("image")}
    assert len(images) == 1, message.embeds
    (url,) = images
    assert url.startswith("attachment://")
    name = url.removeprefix("attachment://")
    (attachment,) = [a for a in message.attachments if a["filename"] == name]
    (upload,) = [f for f in message.files if f.filename == name]
    assert attachment["description"] and len(attachment["description"]) <= 1024  # alt text for screen readers
    assert upload.data.startswith(b"\x89PNG") and len(upload.data) <= 1_000_000
    with Image.open(io.BytesIO(upload.data)) as image:
        assert image.format == "PNG" and image.size[0] == WIDTH_PX
    return attachment, upload.data


def _buttons(message, prefix: str) -> list[dict]:
    return [
        b
        for row in message.components
        for b in row["components"]
        if b["custom_id"].startswith(prefix) and not b.get("disabled")
    ]


async def test_the_three_chart_kinds_arrive_with_their_answers(tmp_path: Path) -> None:
    async with bot_in_general(tmp_path) as (standin, channel):
        cases = [
            ("timeline", {"about": "Tajikistan"}, "Timeline chart"),
            ("compare", {"a": "Kazakhstan", "b": "Kyrgyzstan"}, "Bar chart"),
            ("figure", {"query": "loan", "country": "Kazakhstan"}, "Bar chart"),
            ("search", {"query": "Central Asia Barometer unfavourable ratings"}, "Bar chart"),
        ]
        for name, options, alt in cases:
            handle = await standin.dispatch_slash(name, options, channel_id=channel, user="alice")
            message = await handle.original()
            assert not message.flags & EPHEMERAL, name
            attachment, _ = _chart_of(message)
            assert attachment["description"].startswith(alt), name
            footer = message.embeds[0]["footer"]["text"]
            assert "drawn from the cited facts of" in footer, name
            # The text answer is complete on its own: every citation is listed in the embed.
            assert "Sources" in json.dumps(message.embeds, ensure_ascii=False), name

        # /search without three comparable figures: an answer, no picture.
        plain = await standin.dispatch_slash(
            "search",
            {"query": "How long is the China–Kazakhstan border?"},
            channel_id=channel,
            user="alice",
        )
        answer = await plain.original()
        assert answer.embeds and not answer.attachments
        assert not any(e.get("image") for e in answer.embeds)
        standin.assert_no_violations()


async def test_page_turns_and_show_quotes_keep_working_on_a_chart_answer(tmp_path: Path) -> None:
    async with bot_in_general(tmp_path) as (standin, channel):
        handle = await standin.dispatch_slash("timeline", {}, channel_id=channel, user="alice")
        message = await handle.original()
        attachment, data = _chart_of(message)

        (next_button,) = _buttons(message, "bb:p:")[-1:]
        turned = await standin.dispatch_component(message, next_button["custom_id"], user="alice")
        await turned.response()
        stored = standin.messages[message.id]
        assert "(2/" in stored.embeds[0]["title"]
        again, same = _chart_of(stored)  # page 2 shows the same uploaded picture, not a new one
        assert again["id"] == attachment["id"] and same == data

        (quotes_button,) = _buttons(stored, "bb:q:")
        quotes = await standin.dispatch_component(stored, quotes_button["custom_id"], user="bob")
        popup = await quotes.original()
        assert popup.flags & EPHEMERAL and "“" in json.dumps(popup.embeds, ensure_ascii=False)
        assert not popup.attachments
        standin.assert_no_violations()


async def test_export_can_attach_the_chart_beside_the_file(tmp_path: Path) -> None:
    async with bot_in_general(tmp_path) as (standin, channel):
        handle = await standin.dispatch_slash(
            "export", {"country": "Tajikistan", "chart": "timeline"}, channel_id=channel, user="alice"
        )
        message = await handle.original()
        names = [f.filename for f in message.files]
        assert len(names) == 2 and names[0].endswith(".csv") and names[1].endswith(".png")
        chart = next(a for a in message.attachments if a["filename"] == names[1])
        assert chart["description"].startswith("Timeline chart")
        standin.assert_no_violations()
