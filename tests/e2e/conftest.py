"""Shared fixtures of the end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Settings


@pytest.fixture
def settings_for(tmp_path: Path) -> Callable[[int], Settings]:
    """Settings for a bot whose commands sync to the stand-in's guild, with its data in the test's tmp dir."""

    def make(guild_id: int) -> Settings:
        return Settings.from_env(
            env_file=None, environ={"BRIEFBOT_DATA_DIR": str(tmp_path), "DISCORD_DEV_GUILD_ID": str(guild_id)}
        )

    return make
