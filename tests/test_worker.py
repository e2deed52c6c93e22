"""`linernotes worker` runs queued tasks and periodic jobs through the real parts.

The worker tests start the real command as a separate process against the test
database (a SQLite file, or PostgreSQL with DATABASE_URL), with mail written to
files, and watch the queued rows and the mail folder.
"""

import email
import email.policy
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.tasks import task
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linernotes.core import periodic
from linernotes.core.models import PeriodicJobRun
from linernotes.core.registry import Registry
from linernotes.notifications import services
from linernotes.notifications.models import Subscription
from tests.test_scale_out import ROOT, database_url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def fail_on_purpose() -> None:
    """A task that always breaks, so the test can see the worker carry on."""
    raise RuntimeError("broken on purpose")


def start_worker(tmp_path: Path, *extra: str) -> subprocess.Popen:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "worker-test-key-" + "x" * 40,
        "LINERNOTES_DATA_DIR": str(tmp_path / "data"),
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "EMAIL_HOST": "",
        "LINERNOTES_SITE_URL": "https://blog.example",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "linernotes",
            "worker",
            "--interval",
            "0.2",
            "--tick",
            "0.3",
            "--no-startup-delay",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, worker: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.2)
    raise TimeoutError("the worker did not get there in time")


def stop(worker: subprocess.Popen) -> str:
    worker.terminate()
    output, _ = worker.communicate(timeout=20)
    return output


def mail_files(tmp_path: Path) -> list[str]:
    folder = tmp_path / "mail"
    return [p.read_text() for p in sorted(folder.glob("*"))] if folder.exists() else []


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_sends_queued_mail_survives_a_failing_task_and_runs_due_jobs(
    tmp_path, make_post
):
    broken = fail_on_purpose.enqueue()
    services.subscribe(email="rae@example.org", kind="posts", site="https://x.test")
    subscription = Subscription.objects.get()
    services.confirm_subscription(
        subscription_id=subscription.pk, email="rae@example.org"
    )
    Subscription.objects.update(confirmed_at=timezone.now() - timedelta(hours=1))
    make_post(title="Worth the wait")
    assert DBTaskResult.objects.count() == 2  # the failing task and the confirmation

    worker = start_worker(tmp_path)
    try:
        wait_for(lambda: len(mail_files(tmp_path)) >= 2, worker)
        wait_for(lambda: not DBTaskResult.objects.ready().exists(), worker)
    finally:
        output = stop(worker)

    mails = "\n".join(mail_files(tmp_path))
    assert "Confirm your subscription to new posts" in mails
    assert "New on Liner Notes: Worth the wait" in mails
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in mails
    assert DBTaskResult.objects.get(pk=broken.id).status == "FAILED"
    assert DBTaskResult.objects.successful().count() >= 2
    assert PeriodicJobRun.objects.filter(
        name="notifications.announce_new_posts", last_run_at__isnull=False
    ).exists(), output


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_queued_while_no_worker_runs_waits_for_the_next_one(tmp_path):
    services.subscribe(email="rae@example.org", kind="posts", site="https://x.test")
    first = start_worker(tmp_path, "--batch", "--no-periodic")
    first.wait(timeout=60)
    services.subscribe(email="sam@example.org", kind="posts", site="https://x.test")
    queued = DBTaskResult.objects.ready().count()

    second = start_worker(tmp_path, "--batch", "--no-periodic")
    second.wait(timeout=60)

    assert queued == 1
    assert len(mail_files(tmp_path)) == 2
    assert not DBTaskResult.objects.ready().exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_sign_up_mail_waits_in_the_queue_and_its_link_works_from_the_worker(
    tmp_path, client, mailoutbox
):
    """allauth's mail too: rendered in the request, sent by the worker."""
    response = client.post(
        reverse("account_signup"),
        {
            "email": "rae@example.net",
            "password1": "vinyl-crackle-1985",
            "password2": "vinyl-crackle-1985",
        },
    )
    queued = list(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    sent_in_the_request = len(mailoutbox)

    worker = start_worker(tmp_path, "--batch", "--no-periodic")
    worker.wait(timeout=60)
    [sent] = mail_files(tmp_path)
    text = email.message_from_string(sent, policy=email.policy.default)
    body = text.get_body(("plain",)).get_content()
    confirm_path = re.search(r"http://testserver(/accounts/\S+/)", body).group(1)
    client.post(confirm_path)

    assert response["Location"] == reverse("account_email_verification_sent")
    assert sent_in_the_request == 0
    assert queued == ["linernotes.core.tasks.send_message"]
    assert text["To"] == "rae@example.net"
    assert not DBTaskResult.objects.ready().exists()
    assert EmailAddress.objects.get(email="rae@example.net").verified


# The periodic runner, in process ---------------------------------------------------


@pytest.mark.django_db
def test_a_periodic_run_is_claimed_once_per_interval():
    job = periodic.PeriodicJob("test.claim", timedelta(minutes=5), lambda: None)
    now = timezone.now()

    claims = [
        periodic.claim_run(job, now),
        periodic.claim_run(job, now),  # a second worker waking at the same moment
        periodic.claim_run(job, now + timedelta(minutes=4)),
        periodic.claim_run(job, now + timedelta(minutes=5)),
    ]

    assert claims == [True, False, False, True]


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    ran = []
    jobs = {
        "a.broken": periodic.PeriodicJob(
            "a.broken", timedelta(minutes=1), lambda: 1 / 0
        ),
        "b.fine": periodic.PeriodicJob(
            "b.fine", timedelta(minutes=1), lambda: ran.append("b")
        ),
    }
    monkeypatch.setattr(periodic, "jobs", Registry("periodic jobs"))
    for job in jobs.values():
        periodic.jobs.register(job, name=job.name)

    done = periodic.run_due_jobs()

    assert done == ["a.broken", "b.fine"]
    assert ran == ["b"]
    assert "Periodic job a.broken failed" in caplog.text


@pytest.mark.django_db
def test_housekeeping_runs_every_job_once_and_records_it(monkeypatch):
    from django.core.management import call_command

    ran = []
    job = periodic.PeriodicJob("c.once", timedelta(days=1), lambda: ran.append(1))
    monkeypatch.setattr(periodic, "jobs", Registry("periodic jobs"))
    periodic.jobs.register(job, name=job.name)

    call_command("housekeeping")
    call_command("housekeeping")

    assert ran == [1, 1]
    assert not periodic.claim_run(job, timezone.now())
