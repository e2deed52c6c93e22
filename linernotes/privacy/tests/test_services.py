"""privacy.services: export, erasure and the retention purge across apps."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from linernotes.comments.models import Comment
from linernotes.core.periodic import periodic_jobs
from linernotes.privacy import services
from linernotes.users.models import User

from .factories import age_comment, make_account_comment, make_task_record

pytestmark = pytest.mark.django_db


def test_export_of_someone_with_nothing_is_valid_json_with_empty_lists():
    export = services.export_personal_data(email="nobody@example.org")

    decoded = json.loads(json.dumps(export))
    assert decoded["email"] == "nobody@example.org"
    assert decoded["account"] is None
    assert decoded["comments"] == []
    assert all(
        decoded[key] == [] for key in ("likes", "subscriptions") if key in decoded
    )


def test_account_export_has_account_fields_and_only_the_accounts_comments(
    make_post, make_user, make_comment
):
    post = make_post()
    user = make_user(email="ada@example.org", display_name="Ada")
    make_account_comment(post=post, user=user, body="Signed in.")
    make_comment(post=post, email="ada@example.org", body="As a guest.")

    export = services.export_personal_data(user=user)

    assert export["account"]["email"] == "ada@example.org"
    assert export["account"]["display_name"] == "Ada"
    assert [c["body"] for c in export["comments"]] == ["Signed in."]


def test_account_erasure_can_close_a_readers_account(make_post, make_user):
    post = make_post()
    user = make_user(email="ada@example.org")
    make_account_comment(post=post, user=user)

    erasure = services.erase_personal_data(user=user, delete_account=True)

    assert erasure.counts["comments"] == 1
    assert erasure.account_deleted
    assert not User.objects.filter(email="ada@example.org").exists()
    assert Comment.objects.count() == 0


def test_a_writers_account_is_kept_even_when_closing_is_asked(make_post, make_writer):
    # Bad input tried: a writer (with posts, PROTECTed) asking to close the account.
    writer = make_writer()
    make_post(author=writer)

    erasure = services.erase_personal_data(user=writer, delete_account=True)

    assert not erasure.account_deleted
    assert User.objects.filter(pk=writer.pk).exists()


def test_erasing_by_email_twice_is_harmless(make_post, make_comment):
    make_comment(post=make_post(), email="rae@example.org")

    first = services.erase_personal_data(email="RAE@example.org ")
    second = services.erase_personal_data(email="rae@example.org")

    assert (first.total, second.total) == (1, 0)


def test_purge_blanks_old_network_details_keeps_recent_and_is_idempotent(
    make_post, make_comment, settings
):
    settings.LINERNOTES_PERSONAL_DATA_RETENTION_DAYS = 7
    post = make_post()
    old = age_comment(
        make_comment(post=post, body="a", ip_address="203.0.113.1"), days=8
    )
    kept = age_comment(
        make_comment(post=post, body="b", ip_address="203.0.113.2"), days=6
    )

    assert services.purge_expired_personal_data().blanked == 1
    assert services.purge_expired_personal_data().blanked == 0

    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (kept.ip_address, kept.user_agent) == ("203.0.113.0", "Mozilla/5.0 (tests)")


def test_purge_deletes_finished_task_records_after_a_few_hours(settings):
    # A mail task's arguments hold the recipient's address and what the mail
    # says (a comment's excerpt, a signed link).
    settings.LINERNOTES_TASK_RECORD_HOURS = 2
    make_task_record(email="sent@example.org", days_ago=3 / 24)
    make_task_record(email="failed@example.org", days_ago=3 / 24, outcome="FAILED")
    recent = make_task_record(email="recent@example.org", days_ago=1 / 24)
    running = make_task_record(email="slow@example.org", days_ago=8, outcome="RUNNING")
    queued = make_task_record(email="later@example.org", days_ago=8, outcome="READY")

    first = services.purge_expired_personal_data()
    second = services.purge_expired_personal_data()

    assert (first.tasks_deleted, second.tasks_deleted) == (2, 0)
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        recent.pk,
        running.pk,
        queued.pk,
    }


def test_the_worker_runs_the_purge_on_a_timer():
    jobs = {job.name: job for job in periodic_jobs()}

    job = jobs["privacy.purge_expired_personal_data"]

    assert job.run is services.purge_expired_personal_data


def test_purge_command_for_cron_blanks_deletes_and_reports(
    make_post, make_comment, capsys
):
    age_comment(make_comment(post=make_post(), ip_address="203.0.113.1"), days=31)
    make_task_record(email="rae@example.org", days_ago=31)
    make_task_record(email="dee@example.org", days_ago=31, outcome="FAILED")

    call_command("purge_personal_data")

    assert (
        "Blanked network details on 1 row(s) and deleted 2 finished task record(s) "
        "older than 30 day(s)." in capsys.readouterr().out
    )
    assert Comment.objects.get().ip_address is None
    assert not DBTaskResult.objects.exists()


def test_a_link_is_mailed_only_to_an_address_with_data(
    make_post, make_comment, django_capture_on_commit_callbacks
):
    make_comment(post=make_post(), email="rae@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.request_privacy_link(email="rae@example.org", url="http://x/1")
        services.request_privacy_link(email="stranger@example.org", url="http://x/2")

    assert [m.to for m in mail.outbox] == [["rae@example.org"]]
    assert "http://x/1" in mail.outbox[0].body


def test_links_to_one_address_are_limited_per_hour(
    make_post, make_comment, django_capture_on_commit_callbacks
):
    # Bad input tried: the form sent ten times for one address.
    make_comment(post=make_post(), email="rae@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            services.request_privacy_link(email="rae@example.org", url=f"http://x/{n}")

    assert len(mail.outbox) == services.LINKS_PER_HOUR
