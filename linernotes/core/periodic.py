"""Jobs that run on a timer inside `linernotes worker`, so no cron is needed.

Apps register plain functions here (a retention purge, a moderation digest, new-post
announcements); the worker runs each one when its interval has passed, and
`linernotes housekeeping` runs them all once for operators who prefer cron. Every
job must be safe to run twice or from two workers at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[], object]


_jobs: dict[str, PeriodicJob] = {}


def register_periodic(name: str, every: timedelta, run: Callable[[], object]) -> None:
    """Run ``run()`` about every ``every`` while a worker is up."""
    _jobs[name] = PeriodicJob(name, every, run)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)
