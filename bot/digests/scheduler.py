"""APScheduler 3 wiring: one job per active subscription, plus a periodic reconciliation sweep.

The state DB is the source of truth; the scheduler is only a cache that wakes us at the right moment.
Everything a job does is re-derived from the DB, so losing or duplicating a job can delay a digest but
never double-post it (the delivery claim sees to that):

* `start()` builds the jobs from the DB, starts the scheduler and runs the start-up catch-up
  (`service.run_due(now)`, which first recovers claims left by a process that died);
* each job fires at the slots `schedule.py` computes (`SlotTrigger`): one computation of when a digest is
  due, DST nights included, rather than a cron expression computing the same times a second way;
* a job re-reads its subscription and delivers the *scheduled instant* computed by `schedule.previous_slot`,
  so a job that fires seconds (or hours, within grace) late still uses the same slot key;
* the sweep (default every 10 minutes) re-syncs jobs with the DB and calls `run_due`: it picks up
  subscriptions created by the CLI in another process, anything a job did not fire for, and claims left by
  a `digest run` process that died while the bot kept running.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.state.errors import StateDBError

from .delivery import DigestService
from .models import DeliveryOutcome, Subscription
from .schedule import ScheduleLike, next_slot, previous_slot
from .store import SubscriptionStore

__all__ = ["DigestScheduler", "SlotTrigger", "job_id"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_JOB_PREFIX = "digest:"
_SWEEP_JOB = "digest-sweep"


def job_id(sub_id: int) -> str:
    return f"{_JOB_PREFIX}{sub_id}"


class SlotTrigger(BaseTrigger):
    """An APScheduler trigger that fires at a subscription's slots as `schedule.next_slot` computes them."""

    def __init__(self, sub: ScheduleLike) -> None:
        self.sub = sub

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime:
        if previous_fire_time is not None:
            return next_slot(self.sub, previous_fire_time)
        # First run: a slot falling exactly on `now` is still due.
        return next_slot(self.sub, now - timedelta(microseconds=1))

    def __str__(self) -> str:
        return f"slots ({self.sub.frequency} {self.sub.time} {self.sub.timezone})"


def _signature(sub: Subscription) -> tuple[str, str, str, int | None]:
    return (sub.frequency, sub.time, sub.timezone, sub.weekday)


class DigestScheduler:
    def __init__(
        self,
        service: DigestService,
        store: SubscriptionStore,
        *,
        scheduler: AsyncIOScheduler | None = None,
        sweep_interval: timedelta | None = timedelta(minutes=10),
    ) -> None:
        self.service = service
        self.store = store
        self.scheduler = scheduler or AsyncIOScheduler(timezone=UTC)
        self.sweep_interval = sweep_interval
        self._signatures: dict[int, tuple[str, str, str, int | None]] = {}
        self._inflight: set[asyncio.Task[Any]] = set()

    async def start(self) -> list[DeliveryOutcome]:
        """Build jobs from the DB, start, then recover and catch up. Returns the catch-up outcomes."""
        await self.sync()
        if self.sweep_interval is not None:
            self.scheduler.add_job(
                self._sweep,
                IntervalTrigger(seconds=self.sweep_interval.total_seconds(), timezone=UTC),
                id=_SWEEP_JOB,
                name="digest sweep",
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=None,  # a late sweep is still useful; it is idempotent
            )
        self.scheduler.start()
        # Catch-up after the scheduler started: a slot falling due while catching up is then served by its
        # job (or the sweep); the claim makes the overlap harmless.
        return await self.service.run_due(self.service.now())

    async def sync(self) -> None:
        """Make the jobs match the active subscriptions in the DB (add, re-time, drop)."""
        active = {sub.id: sub for sub in await self.store.list_active()}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(_JOB_PREFIX) and int(job.id.removeprefix(_JOB_PREFIX)) not in active:
                self.remove(int(job.id.removeprefix(_JOB_PREFIX)))
        for sub in active.values():
            if self._signatures.get(sub.id) != _signature(sub) or self._job(sub.id) is None:
                self.add(sub)

    def add(self, sub: Subscription) -> None:
        """Schedule (or re-schedule) `sub`; inactive or removed subscriptions are unscheduled instead."""
        if sub.status != "active" or sub.removed:
            self.remove(sub.id)
            return
        self.scheduler.add_job(
            self._fire,
            SlotTrigger(sub),
            args=[sub.id],
            id=job_id(sub.id),
            name=f"digest #{sub.id} {sub.describe_schedule()}",
            replace_existing=True,
            # APScheduler's default misfire_grace_time is 1 second: a run that starts later than that (event
            # loop busy, host suspended, clock jump) is silently dropped. Late is fine for a digest, so allow
            # the same window as the service's catch-up; beyond it the sweep/start-up logs the slot 'missed'.
            misfire_grace_time=max(1, int(self.service.grace.total_seconds())),
            # Several missed run times of one job collapse into one run, never a burst of posts.
            coalesce=True,
            max_instances=1,
        )
        self._signatures[sub.id] = _signature(sub)

    def update(self, sub: Subscription) -> None:
        """Call after any change to `sub` (settings, pause, resume, removal)."""
        self.add(sub)

    def remove(self, sub_id: int) -> None:
        self._signatures.pop(sub_id, None)
        with contextlib.suppress(JobLookupError):  # already gone: removing is idempotent
            self.scheduler.remove_job(job_id(sub_id))

    async def shutdown(self, timeout: float = 30.0) -> None:
        """Stop firing new jobs and give in-flight deliveries `timeout` seconds to finish, so fewer claims
        are left to be marked 'interrupted' at the next start; stragglers are then cancelled."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler applies shutdown via call_soon: let it run
        pending = {task for task in self._inflight if not task.done()}
        if not pending:
            return
        _done, still_running = await asyncio.wait(pending, timeout=timeout)
        if still_running:
            log.warning("Cancelling %d digest deliveries still running at shutdown", len(still_running))
            for task in still_running:
                task.cancel()
            await asyncio.gather(*still_running, return_exceptions=True)

    # --- jobs ----------------------------------------------------------------------------------------------

    def _job(self, sub_id: int) -> Job | None:
        return self.scheduler.get_job(job_id(sub_id))

    async def _in_own_task(self, work: Coroutine[Any, Any, T]) -> T:
        # AsyncIOExecutor cancels running jobs when the scheduler shuts down. Running the work in a task of
        # our own, behind a shield, lets `shutdown()` wait for a post in progress instead of abandoning it
        # between claim and finish (which would cost that slot its digest).
        task = asyncio.create_task(work)
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    async def _fire(self, sub_id: int) -> DeliveryOutcome | None:
        """Job callback: deliver the slot this run belongs to. Never raises (APScheduler would only log)."""
        return await self._in_own_task(self._fire_now(sub_id))

    async def _fire_now(self, sub_id: int) -> DeliveryOutcome | None:
        try:
            sub = await self.store.get_any(sub_id)
            if sub is None or sub.status != "active":
                self.remove(sub_id)
                return None
            now = self.service.now()
            # APScheduler 3 does not pass the scheduled run time to the job, and jobs never run early, so the
            # latest slot at or before now *is* the scheduled instant, however late we were woken.
            slot = previous_slot(sub, now)
            if sub.last_slot is not None and slot <= sub.last_slot:
                return None  # already dealt with, or predates a schedule change/resume
            if now - slot > self.service.grace:
                return None  # too late: run_due logs it as missed
            return await self.service.deliver(sub, slot)
        except StateDBError as exc:
            log.error("Digest job %d skipped, state DB unavailable: %s", sub_id, exc)
            return None
        except Exception:
            log.exception("Digest job %d failed", sub_id)
            return None

    async def _sweep(self) -> list[DeliveryOutcome]:
        return await self._in_own_task(self._sweep_now())

    async def _sweep_now(self) -> list[DeliveryOutcome]:
        try:
            await self.sync()
            return await self.service.run_due(self.service.now())
        except Exception:
            log.exception("Digest sweep failed")
            return []
