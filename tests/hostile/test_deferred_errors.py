"""An error answer must stay private even when the answer was slow and had to be deferred first.

`within_deadline` defers a slow answer publicly (briefs are public). Discord's first follow-up after a deferral
fills in the "thinking…" message and keeps the deferral's visibility, whatever its own ephemeral flag says, so
`send_error`'s ephemeral follow-up becomes a public error. Under a burst (see devtools.bench.looplag) answers do come
close to the 1.5 s defer budget. `send_error` therefore deletes the public "thinking…" message first, so the
error arrives as a new, ephemeral follow-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.discord import discord_io
from devtools.bench.final_answer import final_answer, settled_answer
from tests.conftest import RealBase
from tests.hostile.session import one_guild_bot


async def test_an_error_after_a_deferral_is_still_ephemeral(
    real_base: RealBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_io, "DIRECT_ANSWER_BUDGET_S", 0.0)  # every answer that awaits anything defers
    async with one_guild_bot(real_base, tmp_path) as standin:
        handle = await standin.dispatch_slash("fact", {"id": "no-such-fact"}, user="alice")
        assert (await handle.response()).json["type"] == 5  # deferred
        await handle.followups(1)
        visible = [m for m in handle.messages if not m.deleted]
        assert visible and all(m.ephemeral for m in visible), [(m.content, m.flags) for m in visible]
        # The withdrawn "thinking…" message never finishes loading: the private follow-up is the final
        # answer, and waiting for it takes no time at all once it is there.
        answer = await final_answer(standin, handle, timeout=0)
        assert answer.ephemeral and answer is settled_answer(handle) and answer is visible[0]
        standin.assert_no_violations()
