"""Jobs that run on a timer inside `linernotes worker`, so no cron is needed.

Apps register plain functions here (a retention purge, a moderation digest,
new-post announcements), kept in a ``core.registry.Registry`` by job name; the
worker runs each one when its interval has passed, and `linernotes housekeeping`
runs them all once for operators who prefer cron. Every job must be safe to run
twice or from two workers at once.

A run is claimed in the database (``PeriodicJobRun``) before it starts: the claim
is one conditional UPDATE, so of two workers waking together only one runs the
job. A worker that dies mid-job has already moved ``last_run_at``, so the job
waits one interval and then runs again; that is why jobs must pick up where an
interrupted run stopped (they work from database state, never from memory).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .registry import DEFAULT_ORDER, Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[], object]


jobs: Registry[PeriodicJob] = Registry("periodic jobs")


def register_periodic(
    name: str,
    every: timedelta,
    run: Callable[[], object],
    *,
    order: int = DEFAULT_ORDER,
) -> None:
    """Run ``run()`` about every ``every`` while a worker is up; of jobs due at
    the same tick, lower ``order`` first (then by name)."""
    jobs.register(PeriodicJob(name, every, run), order=order, name=name)


def periodic_jobs() -> list[PeriodicJob]:
    return list(jobs)


def claim_run(job: PeriodicJob, now: datetime) -> bool:
    """Mark ``job`` as started at ``now`` if its interval has passed; True if won.

    The UPDATE's WHERE clause is the lock: the database applies one of two
    concurrent updates first, and the second then matches no row.
    """
    from .models import PeriodicJobRun

    PeriodicJobRun.objects.get_or_create(name=job.name)
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.every)
    claimed = PeriodicJobRun.objects.filter(due, name=job.name).update(last_run_at=now)
    return claimed == 1


def run_job(job: PeriodicJob) -> bool:
    """Run one job; a failure is logged and reported, never raised.

    The worker keeps running tasks and other jobs whatever one job does.
    """
    try:
        job.run()
    except Exception:  # noqa: BLE001 - any bug in one job must not stop the worker
        logger.exception("Periodic job %s failed", job.name)
        return False
    logger.info("Periodic job %s done", job.name)
    return True


def run_due_jobs(now: datetime | None = None) -> list[str]:
    """Run every job whose interval has passed and that this process claimed."""
    now = now or timezone.now()
    ran = []
    for job in periodic_jobs():
        if claim_run(job, now):
            run_job(job)
            ran.append(job.name)
    return ran


def run_all_jobs() -> dict[str, bool]:
    """Run every job once, now, whatever its interval (`linernotes housekeeping`).

    The run is still recorded, so a worker started later does not repeat it at once.
    """
    from .models import PeriodicJobRun

    results = {}
    for job in periodic_jobs():
        PeriodicJobRun.objects.update_or_create(
            name=job.name, defaults={"last_run_at": timezone.now()}
        )
        results[job.name] = run_job(job)
    return results
