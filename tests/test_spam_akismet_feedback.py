"""When a writer overrules Akismet, Akismet is told (submit-spam / submit-ham),
after the decision is committed and from the worker's task, never on the
writer's click; a comment Akismet never judged, or a decision it already
agrees with, sends nothing. Against the loopback Akismet of
spam/tests/test_akismet.py, with the comments app's real services."""

import logging
import re
import time
from types import SimpleNamespace

import pytest

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.spam import moderation
from linernotes.spam.feedback import Outcome, correct_akismet
from linernotes.spam.tests import test_akismet

akismet = test_akismet.akismet  # the loopback Akismet, as a fixture here too

BODY = "Best casino bonus, 100 free spins at lucky.example today"


@pytest.fixture
def post(db, make_post):
    return make_post()


def posted(post, akismet, answer: str) -> Comment:
    """A new guest comment, judged by Akismet as ``answer`` says."""
    akismet.answer.body = answer
    comment = services.submit_comment(
        post=post,
        author=services.Author(
            name="Kim", email="kim@example.org", url="https://kim.example"
        ),
        body=BODY,
        ip_address="203.0.113.57",
        user_agent="Mozilla/5.0 (X11)",
    )
    akismet.requests.clear()
    akismet.paths.clear()
    return comment


def moderate(comment: Comment, status: str, capture) -> list:
    """A writer's click; returns what it left for after commit, not yet run."""
    with capture() as callbacks:
        services.moderate_comment(comment=comment, status=status)
    return callbacks


def run(callbacks) -> None:
    for callback in callbacks:
        callback()


def test_spam_akismet_let_through_is_reported_as_spam_after_commit(
    akismet, post, django_capture_on_commit_callbacks
):
    comment = posted(post, akismet, "false")

    callbacks = moderate(
        comment, Comment.Status.SPAM, django_capture_on_commit_callbacks
    )
    assert akismet.requests == []  # the click itself sent nothing
    run(callbacks)

    assert akismet.paths == ["/1.1/submit-spam"]
    sent = akismet.requests[0]
    assert sent["api_key"] == "test-key-123"
    assert sent["blog"] == "https://notes.example"
    assert sent["comment_content"] == BODY
    assert sent["comment_author"] == "Kim"
    assert sent["comment_author_email"] == "kim@example.org"
    assert sent["comment_author_url"] == "https://kim.example"
    assert sent["user_ip"] == "203.0.113.0"  # the shortened address, as before
    assert sent["user_agent"] == "Mozilla/5.0 (X11)"


def test_a_comment_akismet_called_spam_and_a_writer_approves_is_reported_as_ham(
    akismet, post, django_capture_on_commit_callbacks
):
    comment = posted(post, akismet, "true")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING

    run(moderate(comment, Comment.Status.APPROVED, django_capture_on_commit_callbacks))

    assert akismet.paths == ["/1.1/submit-ham"]
    assert akismet.requests[0]["comment_content"] == BODY


@pytest.mark.parametrize(
    ("answer", "status"),
    [("true", Comment.Status.SPAM), ("false", Comment.Status.APPROVED)],
)
def test_agreeing_with_akismet_sends_nothing(
    akismet, post, django_capture_on_commit_callbacks, answer, status
):
    comment = posted(post, akismet, answer)

    run(moderate(comment, status, django_capture_on_commit_callbacks))

    assert akismet.requests == []


def test_a_comment_akismet_never_judged_is_never_sent(
    akismet, post, settings, django_capture_on_commit_callbacks
):
    settings.LINERNOTES_AKISMET_KEY = ""  # posted before the owner turned it on
    comment = posted(post, akismet, "false")
    settings.LINERNOTES_AKISMET_KEY = "test-key-123"

    run(moderate(comment, Comment.Status.SPAM, django_capture_on_commit_callbacks))

    assert akismet.requests == []
    assert correct_akismet(comment_id=comment.pk, spam=True) == Outcome.NOT_ASKED


def test_without_a_key_no_task_is_queued(
    akismet, post, settings, monkeypatch, django_capture_on_commit_callbacks
):
    comment = posted(post, akismet, "false")
    settings.LINERNOTES_AKISMET_KEY = ""
    queued = []
    monkeypatch.setattr(
        moderation,
        "tell_akismet",
        SimpleNamespace(enqueue=lambda **kwargs: queued.append(kwargs)),
    )

    callbacks = moderate(
        comment, Comment.Status.SPAM, django_capture_on_commit_callbacks
    )

    run(callbacks)
    assert queued == []
    assert akismet.requests == []
    assert correct_akismet(comment_id=comment.pk, spam=True) == Outcome.OFF


def test_a_decision_changed_before_the_worker_ran_sends_only_the_last(
    akismet, post, django_capture_on_commit_callbacks
):
    comment = posted(post, akismet, "true")
    first = moderate(
        comment, Comment.Status.APPROVED, django_capture_on_commit_callbacks
    )
    second = moderate(comment, Comment.Status.SPAM, django_capture_on_commit_callbacks)

    run(first + second)

    # Approved, then spam again: Akismet said spam, so it is right after all.
    assert akismet.requests == []
    assert correct_akismet(comment_id=comment.pk, spam=False) == Outcome.CHANGED


def test_a_slow_or_failing_akismet_costs_the_worker_a_bounded_wait_and_a_log_line(
    akismet, post, caplog
):
    comment = posted(post, akismet, "false")
    services.moderate_comment(comment=comment, status=Comment.Status.SPAM)
    akismet.requests.clear()

    akismet.answer.delay = 3.0
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="linernotes.spam.feedback"):
        outcome = correct_akismet(comment_id=comment.pk, spam=True)
    assert outcome == Outcome.FAILED
    assert time.monotonic() - started < 2.0  # LINERNOTES_AKISMET_TIMEOUT is 0.5 s
    # The socket's time-out or the overall deadline, whichever ends it first.
    assert re.search(r"timed out|no complete answer", caplog.text)

    akismet.answer.delay, akismet.answer.status = 0.0, 503
    with caplog.at_level(logging.WARNING, logger="linernotes.spam.feedback"):
        assert correct_akismet(comment_id=comment.pk, spam=True) == Outcome.FAILED
    assert "HTTP 503" in caplog.text
    assert akismet.paths == ["/1.1/submit-spam", "/1.1/submit-spam"]


def test_a_deleted_comment_sends_nothing(akismet, post):
    comment = posted(post, akismet, "false")
    comment.delete()

    assert correct_akismet(comment_id=comment.pk, spam=True) == Outcome.GONE
    assert akismet.requests == []
