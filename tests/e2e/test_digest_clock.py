"""The digest cog tells time by the clock the bot is given: the wall clock by default, or one a test moves (then
the scheduler's wall-clock timers are held, and digests go out only when the test runs them)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.base import STATE_PAUSED, STATE_RUNNING

from bot.digests.store import utc_now
from devtools.harness import bot_in_standin
from devtools.standin import GuildSpec, Perm, RoleSpec, UserSpec
from tests.conftest import RealBase
from tests.digests.conftest import FakeClock, FakeSleep

ADMIN = RoleSpec("Server admin", permissions=Perm.MANAGE_GUILD)
GUILD = GuildSpec(roles=(ADMIN,))
USERS = (UserSpec("alice"), UserSpec("bob", roles=(ADMIN.name,)))
MONDAY = datetime(2099, 6, 1, 6, 0, tzinfo=UTC)


def data_dir(tmp_path: Path, real_base: RealBase) -> Path:
    shutil.copy2(real_base.db_path, tmp_path / "factbase.db")
    return tmp_path


async def test_a_subscription_made_through_discord_lives_on_the_bots_clock(
    tmp_path: Path, real_base: RealBase
) -> None:
    clock = FakeClock(MONDAY)
    async with bot_in_standin(
        data_dir(tmp_path, real_base),
        guilds=(GUILD,),
        users=USERS,
        clock=clock,
        sleep=FakeSleep(clock),
        seeds_dir=real_base.seeds_dir,
        curated_dir=real_base.curated_dir,
    ) as run:
        assert run.digest_cog.scheduler.scheduler.state == STATE_PAUSED
        made = await run.digest("subscribe", {"channel": run.channel("briefings"), "time": "08:00"})
        assert "Digest subscribed" in json.dumps([made.content, made.embeds])
        sub = await run.digest_cog.store.get(run.standin.guild_id(), 1)
        assert sub is not None and sub.created_at == MONDAY and run.digests.now() == MONDAY

        assert await run.digests.run_due(clock.now) == []  # 06:00: not due yet
        clock.set(MONDAY.replace(hour=8) + timedelta(minutes=1))
        [outcome] = await run.digests.run_due(clock.now)
        assert (outcome.subscription_id, outcome.status) == (1, "sent")
        [post] = run.posts("briefings")
        assert outcome.message_id == post.id
        run.standin.assert_no_violations()


async def test_by_default_the_digest_cog_runs_on_the_wall_clock(tmp_path: Path, real_base: RealBase) -> None:
    async with bot_in_standin(
        data_dir(tmp_path, real_base), seeds_dir=real_base.seeds_dir, curated_dir=real_base.curated_dir
    ) as run:
        await run.startup_catch_up()
        assert run.bot.clock is utc_now
        assert run.digest_cog.scheduler.scheduler.state == STATE_RUNNING
