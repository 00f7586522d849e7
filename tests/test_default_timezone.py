"""BRIEFBOT_TIMEZONE: checked at start-up, and the timezone of a digest subscription that names none."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError
from bot.main import main
from devtools.harness import bot_settings, running_bot
from devtools.standin import GuildSpec, Perm, RoleSpec, UserSpec, running_standin
from tests.conftest import RealBase


def settings(**environ: str) -> Settings:
    return Settings.from_env(env_file=None, environ=environ)


def test_unset_or_blank_means_utc() -> None:
    assert settings().default_timezone == "UTC"
    assert settings(BRIEFBOT_TIMEZONE=" ").default_timezone == "UTC"


def test_a_known_zone_is_kept_in_its_canonical_spelling() -> None:
    assert settings(BRIEFBOT_TIMEZONE="Asia/Almaty").default_timezone == "Asia/Almaty"
    assert settings(BRIEFBOT_TIMEZONE="asia/almaty").default_timezone == "Asia/Almaty"


def test_an_unknown_zone_stops_start_up_with_a_suggestion() -> None:
    with pytest.raises(SettingsError) as caught:
        settings(BRIEFBOT_TIMEZONE="Europe/Londn")
    assert str(caught.value) == (
        "Invalid configuration:\n  BRIEFBOT_TIMEZONE: Unknown timezone 'Europe/Londn' — did you mean Europe/London?"
    )


def test_cli_subscriptions_default_to_the_configured_zone(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Asia/Almaty")
    assert main(["digest", "subscribe", "--channel", "1", "--time", "08:00"]) == 0
    assert "at 08:00 Asia/Almaty" in capsys.readouterr().out
    # A timezone given explicitly still wins.
    assert (
        main(["digest", "subscribe", "--channel", "2", "--time", "08:00", "--timezone", "Europe/Berlin"]) == 0
    )
    assert "at 08:00 Europe/Berlin" in capsys.readouterr().out


async def test_discord_subscriptions_default_to_the_configured_zone(
    real_base: RealBase, tmp_path: Path
) -> None:
    shutil.copy2(real_base.db_path, tmp_path / "factbase.db")
    admin = RoleSpec("Server admin", permissions=Perm.MANAGE_GUILD)
    later = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")  # never due during the test
    async with running_standin(
        guilds=(GuildSpec(roles=(admin,)),), users=(UserSpec("bob", roles=(admin.name,)),)
    ) as standin:
        configuration = bot_settings(
            standin,
            tmp_path,
            seeds_dir=real_base.seeds_dir,
            curated_dir=real_base.curated_dir,
            BRIEFBOT_TIMEZONE="Asia/Almaty",
        )
        async with running_bot(standin, configuration):
            options = {"channel": standin.channel_id("briefings"), "time": later}
            handle = await standin.dispatch_slash("digest", options, subcommand="subscribe", user="bob")
            reply = await handle.original()
    shown = json.dumps([reply.content, reply.embeds], ensure_ascii=False)
    assert "Digest subscribed" in shown and f"at {later} Asia/Almaty" in shown, shown
