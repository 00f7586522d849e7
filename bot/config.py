"""Settings, read once from the environment and `.env`.

Secrets (the Discord token) are held as `SecretStr` so they never appear in a repr, a log line or an error.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails

from bot.digests.timezones import validate_timezone

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _default_root() -> Path:
    # An editable install or a checkout keeps seeds/ beside the package; an installed wheel relies on the cwd.
    return PACKAGE_ROOT if (PACKAGE_ROOT / "seeds").is_dir() else Path.cwd()


class SettingsError(Exception):
    """Configuration that cannot be used; the message is meant for the person running the bot."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    dev_guild_id: int | None = Field(default=None, alias="DISCORD_DEV_GUILD_ID")
    owner_ids: frozenset[int] = Field(default_factory=frozenset, alias="BRIEFBOT_OWNER_IDS")
    data_dir: Path = Field(default_factory=lambda: _default_root() / "data", alias="BRIEFBOT_DATA_DIR")
    seeds_dir: Path = Field(default_factory=lambda: _default_root() / "seeds", alias="BRIEFBOT_SEEDS_DIR")
    curated_dir: Path = Field(default_factory=lambda: _default_root() / "data", alias="BRIEFBOT_CURATED_DIR")
    log_level: str = Field(default="INFO", alias="BRIEFBOT_LOG_LEVEL")
    default_timezone: str = Field(default="UTC", alias="BRIEFBOT_TIMEZONE")
    digest_grace_hours: float = Field(default=6.0, ge=0, le=168, alias="BRIEFBOT_DIGEST_GRACE_HOURS")
    # How long Discord is assumed to remember a message nonce; beyond it a re-send first checks the channel.
    digest_nonce_window_seconds: float = Field(
        default=60.0, ge=0, le=600, alias="BRIEFBOT_DIGEST_NONCE_WINDOW_SECONDS"
    )
    # Digests composed and sent at once; Discord's rate limits are per bot, so more is not always faster.
    digest_concurrency: int = Field(default=4, ge=1, le=64, alias="BRIEFBOT_DIGEST_CONCURRENCY")

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("dev_guild_id", mode="before")
    @classmethod
    def _blank_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, v: object) -> object:
        if isinstance(v, str):
            return frozenset(int(part) for part in v.replace(",", " ").split())
        return v

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, v: str) -> str:
        level = v.upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError(f"unknown log level {v!r}")
        return level

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        # The default of every new digest subscription: the same check (and "did you mean") as /digest subscribe,
        # at start-up, so a subscription that takes the default can never fail on it. Blank means unset.
        return validate_timezone(v) if v.strip() else "UTC"

    @property
    def state_db_path(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def factbase_db_path(self) -> Path:
        return self.data_dir / "factbase.db"

    @classmethod
    def from_env(
        cls, env_file: Path | None = Path(".env"), environ: dict[str, str] | None = None
    ) -> Settings:
        """Environment variables win over `.env`, as they do for python-dotenv's `load_dotenv`."""
        values: dict[str, str] = {}
        if env_file is not None and env_file.is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            lines = [f"{'.'.join(map(str, e['loc']))}: {_reason(e)}" for e in exc.errors(include_input=False)]
            raise SettingsError("Invalid configuration:\n  " + "\n  ".join(lines)) from None


def _reason(error: ErrorDetails) -> str:
    # Our validators' messages are written for people; pydantic would prefix them with "Value error, ".
    cause = error.get("ctx", {}).get("error")
    return str(cause) if error["type"] == "value_error" and cause is not None else error["msg"]
