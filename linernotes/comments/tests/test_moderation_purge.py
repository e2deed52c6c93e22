"""Spam and trash go after LINERNOTES_DISCARDED_COMMENT_DAYS; only the spam's
text stays, as training data, for LINERNOTES_SPAM_TRAINING_DAYS, and the next
training reads it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.spam.models import TrainingExample
from linernotes.spam.services import purge_training_examples, site_examples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def known_checks(settings):
    settings.LINERNOTES_SPAM_CHECKS = [{"NAME": "linernotes.spam.rules.Honeypot"}]
    settings.LINERNOTES_DISCARDED_COMMENT_DAYS = 30
    settings.LINERNOTES_SPAM_TRAINING_DAYS = 365


def discarded_long_ago(*comments: Comment) -> None:
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
        status_changed_at=timezone.now() - timedelta(days=31)
    )


def test_purged_spam_leaves_only_its_text_and_label(make_post, make_comment):
    post = make_post()
    marked = make_comment(
        post=post, body="Cheap pills, click", name="Pills", email="p@spam.example"
    )
    services.moderate_comment(comment=marked, status=Comment.Status.SPAM)
    discarded_long_ago(marked)

    purged = services.purge_discarded_comments()

    assert purged == 1
    assert not Comment.objects.filter(pk=marked.pk).exists()
    kept = TrainingExample.objects.values().get()
    assert (kept["text"], kept["spam"]) == ("Cheap pills, click", True)
    assert "p@spam.example" not in str(kept) and "Pills" not in str(kept)


def test_spam_the_filter_caught_and_nobody_clicked_is_kept_before_the_purge(
    make_post, make_comment
):
    caught = make_comment(
        post=make_post(), body="Bot words here", approved=False, honeypot="x"
    )
    assert caught.status == Comment.Status.SPAM
    assert not TrainingExample.objects.exists()
    Comment.objects.filter(pk=caught.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )

    services.purge_discarded_comments()

    assert not Comment.objects.filter(pk=caught.pk).exists()
    assert list(TrainingExample.objects.values_list("text", "spam")) == [
        ("Bot words here", True)
    ]


def test_trash_leaves_no_training_text(make_post, make_comment):
    trashed = make_comment(post=make_post(), body="Off topic, sorry")
    services.moderate_comment(comment=trashed, status=Comment.Status.TRASH)
    discarded_long_ago(trashed)

    services.purge_discarded_comments()

    assert not Comment.objects.filter(pk=trashed.pk).exists()
    assert not TrainingExample.objects.exists()


def test_spam_younger_than_the_period_stays_restorable(make_post, make_comment):
    marked = make_comment(post=make_post(), body="Maybe spam")
    services.moderate_comment(comment=marked, status=Comment.Status.SPAM)

    purged = services.purge_discarded_comments()

    assert purged == 0
    assert Comment.objects.get(pk=marked.pk).status == Comment.Status.SPAM


def test_the_next_training_reads_the_text_of_purged_spam(make_post, make_comment):
    post = make_post()
    spam = make_comment(post=post, body="Win a prize now")
    ham = make_comment(post=post, body="The bass line on side two", approved=False)
    services.moderate_comment(comment=spam, status=Comment.Status.SPAM)
    services.moderate_comment(comment=ham, status=Comment.Status.APPROVED)
    discarded_long_ago(spam)
    services.purge_discarded_comments()

    learnt = {(e.text, e.spam) for e in site_examples()}

    assert learnt == {("Win a prize now", True), ("The bass line on side two", False)}


def test_training_text_goes_after_its_own_period(make_post, make_comment):
    marked = make_comment(post=make_post(), body="Old spam words")
    services.moderate_comment(comment=marked, status=Comment.Status.SPAM)
    discarded_long_ago(marked)
    services.purge_discarded_comments()

    kept = purge_training_examples(now=timezone.now() + timedelta(days=364))
    gone = purge_training_examples(now=timezone.now() + timedelta(days=366))

    assert (kept, gone) == (0, 1)
    assert not TrainingExample.objects.exists()
