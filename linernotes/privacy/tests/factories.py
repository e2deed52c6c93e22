"""Builders for the privacy tests: comments from accounts, aged comments, and
background-task records as django-tasks-db keeps them."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.privacy.tasks import deliver_privacy_link

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def make_account_comment(*, post, user, body: str = "From my account.", **fields):
    comment = services.submit_comment(
        post=post,
        author=services.Author(
            name=user.public_name, email=user.email, user=user, trusted=True
        ),
        body=body,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )
    if comment.status != Comment.Status.APPROVED:
        comment = services.moderate_comment(
            comment=comment, status=Comment.Status.APPROVED
        )
    return comment


def age_comment(comment: Comment, *, days: float) -> Comment:
    """Move a comment's creation time into the past, as if written ``days`` ago."""
    created = timezone.now() - timedelta(days=days)
    Comment.objects.filter(pk=comment.pk).update(created_at=created)
    comment.refresh_from_db()
    return comment


def make_guest_comment(
    *, post, name: str, email: str, url: str = "", body: str, **fields
) -> Comment:
    """A guest's comment with every field filled, approved as a trusted guest."""
    return services.submit_comment(
        post=post,
        author=services.Author(name=name, email=email, url=url, trusted=True),
        body=body,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )


def make_task_record(
    *, email: str, days_ago: float, outcome: str = "SUCCESSFUL"
) -> DBTaskResult:
    """A privacy-link mail queued through the database backend ``days_ago`` days
    ago and taken by a worker then, to ``outcome``: "SUCCESSFUL", "FAILED",
    "RUNNING" (never finished), or "READY" (never taken, still queued)."""
    with override_settings(TASKS=DATABASE_TASKS):
        queued = deliver_privacy_link.enqueue(email, "https://blog.example/privacy/x/")
    record = DBTaskResult.objects.get(pk=queued.id)
    if outcome != "READY":
        record.claim("worker-for-tests")
    if outcome == "SUCCESSFUL":
        record.set_successful(True)
    elif outcome == "FAILED":
        record.set_failed(RuntimeError("the mail server said no"))
    then = timezone.now() - timedelta(days=days_ago)
    DBTaskResult.objects.filter(pk=record.pk).update(
        enqueued_at=then,
        started_at=then if record.started_at else None,
        finished_at=then if record.finished_at else None,
    )
    record.refresh_from_db()
    return record
