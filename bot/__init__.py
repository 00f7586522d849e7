"""briefbot: cited briefs on China's diplomacy in Central Asia, for Discord and the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from bot.client import Briefbot
    from bot.config import Settings


def create_bot(settings: Settings | None = None, **kwargs: Any) -> Briefbot:
    """Build the Discord client without starting it or touching the network."""
    # Imported lazily so the CLI and the core never pay for importing discord.py.
    from bot.client import create_bot as _create

    return _create(settings, **kwargs)


__all__ = ["__version__", "create_bot"]
