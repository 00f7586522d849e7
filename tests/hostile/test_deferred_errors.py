"""An error answer must stay private even when the answer was slow and had to be deferred first.

`within_deadline` defers a slow answer publicly (briefs are public). Discord's first follow-up after a deferral
fills in the "thinking…" message and keeps the deferral's visibility, whatever its own ephemeral flag says, so
`send_error`'s ephemeral follow-up becomes a public error. Under a burst (see bot.bench.looplag) answers do come
close to the 1.5 s defer budget. `send_error` therefore deletes the public "thinking…" message first, so the
error arrives as a new, ephemeral follow-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import create_bot, discord_io
from bot.config import Settings
from bot.standin.server import connected_bot, running_standin
from tests.conftest import RealBase


async def test_an_error_after_a_deferral_is_still_ephemeral(
    real_base: RealBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_io, "DIRECT_ANSWER_BUDGET_S", 0.0)  # every answer that awaits anything defers
    (tmp_path / "factbase.db").write_bytes(real_base.db_path.read_bytes())
    async with running_standin() as standin:
        settings = Settings.from_env(
            env_file=None,
            environ={
                "BRIEFBOT_DATA_DIR": str(tmp_path),
                "DISCORD_DEV_GUILD_ID": str(standin.guild_id()),
                "BRIEFBOT_SEEDS_DIR": str(real_base.seeds_dir),
                "BRIEFBOT_CURATED_DIR": str(real_base.curated_dir),
            },
        )
        bot = create_bot(settings, guild_ready_timeout=0.05)
        async with connected_bot(bot, standin):
            handle = await standin.dispatch_slash("fact", {"id": "no-such-fact"}, user="alice")
            assert (await handle.response()).json["type"] == 5  # deferred
            await handle.followups(1)
            visible = [m for m in handle.messages if not m.deleted]
            assert visible and all(m.ephemeral for m in visible), [(m.content, m.flags) for m in visible]
            standin.assert_no_violations()
