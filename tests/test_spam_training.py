"""Training from the site's own moderation: the text of decisions is kept
(even after the spam is purged), enough decisions of both kinds train a site
model with its own threshold, too few or one-sided ones say why not, and the
report prints what the stored model scores."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from linernotes.comments import services as comments
from linernotes.comments.models import Comment
from linernotes.spam.models import SpamModel, TrainingExample
from linernotes.spam.services import (
    purge_training_examples,
    remember_decisions,
    scheduled_training,
)
from linernotes.spam.tests.text_model_fixtures import *  # noqa: F403 - the fixtures
from linernotes.spam.tests.text_model_fixtures import site_decisions


def spam_train(capture) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("spam", "train", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def examples(ham: int, spam: int) -> None:
    hams, spams = site_decisions(ham, spam)
    TrainingExample.objects.bulk_create(
        [TrainingExample(text=text, spam=False) for text in hams]
        + [TrainingExample(text=text, spam=True) for text in spams]
    )


@pytest.fixture
def decided(db, make_post, make_comment):
    """40 approved comments and 40 marked spam by the writer, on one post."""
    post = make_post()
    hams, spams = site_decisions(40, 40)
    for number, text in enumerate(hams):
        make_comment(post=post, body=text, email=f"reader{number}@example.org")
    for number, text in enumerate(spams):
        comment = make_comment(
            post=post, body=text, email=f"bot{number}@example.org", approved=False
        )
        comments.moderate_comment(comment=comment, status=Comment.Status.SPAM)
    return post


def test_decisions_are_kept_as_training_text_and_outlive_the_purged_spam(decided):
    # The 40 marked spam were kept when marked (comments.moderate_comment);
    # the 40 approved at once wait for this copy.
    assert remember_decisions() == 40
    assert remember_decisions() == 0  # twice changes nothing

    later = timezone.now() + timedelta(days=31)
    purged = comments.purge_discarded_comments(now=later)

    assert purged == 40
    assert TrainingExample.objects.filter(spam=True).count() == 40
    assert TrainingExample.objects.filter(spam=False).count() == 40
    kept = TrainingExample.objects.filter(spam=True).first()
    assert kept.text.startswith(("Cheap", "Earn", "Best", "Buy", "Hot", "Get"))


def test_a_changed_decision_changes_the_label(decided):
    remember_decisions()
    comment = Comment.objects.filter(status=Comment.Status.SPAM).first()

    comments.moderate_comment(comment=comment, status=Comment.Status.APPROVED)
    remember_decisions()

    assert TrainingExample.objects.get(comment_id=comment.pk).spam is False


def test_training_text_is_forgotten_after_its_period(db, settings):
    settings.LINERNOTES_SPAM_TRAINING_DAYS = 30
    examples(3, 2)

    assert purge_training_examples(now=timezone.now() + timedelta(days=29)) == 0
    assert purge_training_examples(now=timezone.now() + timedelta(days=31)) == 5


def test_train_from_the_sites_decisions_picks_its_own_threshold(
    decided, settings, django_capture_on_commit_callbacks
):
    settings.LINERNOTES_SPAM_MIN_SITE_EXAMPLES = 60

    said = spam_train(django_capture_on_commit_callbacks)

    model = SpamModel.objects.first()  # the newest, which every process uses
    assert model.site_trained
    assert "80 of the site's moderated comments (40 approved, 40 spam" in said
    # A quarter of the site's own examples was held out to measure and pick
    # the threshold for a ham FPR of at most 1%.
    assert model.metrics["n"] == 20
    assert model.metrics["ham_fpr"] <= 0.01
    assert model.metrics["recall"] >= 0.8
    assert "the site's own model" in said


def test_train_with_too_few_decisions_says_why_and_keeps_the_cold_start(
    db, django_capture_on_commit_callbacks
):
    examples(10, 5)

    said = spam_train(django_capture_on_commit_callbacks)

    assert (
        "Not trained on the site's own data: the site has 15 moderated comments "
        "(10 approved, 5 spam); training on its own data needs at least 200."
    ) in said
    assert not SpamModel.objects.first().site_trained


def test_train_with_one_kind_of_decision_says_why(
    db, settings, django_capture_on_commit_callbacks
):
    settings.LINERNOTES_SPAM_MIN_SITE_EXAMPLES = 20
    examples(30, 0)

    said = spam_train(django_capture_on_commit_callbacks)

    assert "the site's 30 moderated comments hold no spam; training needs both" in said
    assert not SpamModel.objects.first().site_trained


def test_report_prints_precision_recall_and_ham_fpr(stored_cold_start):
    out = io.StringIO()

    call_command("spam", "report", stdout=out)

    report = out.getvalue()
    assert f"Text model v{stored_cold_start.version}" in report
    assert "cold start (public data)" in report
    assert "Precision 99." in report or "Precision 98." in report
    assert "ham false-positive rate" in report
    assert "one video left out at a time" in report


def test_report_without_a_model_says_how_to_get_one(no_stored_model):
    out = io.StringIO()

    call_command("spam", "report", stdout=out)

    assert "run `linernotes spam train`" in out.getvalue()


def test_the_worker_job_trains_when_there_is_no_model_and_not_again_for_nothing(
    no_stored_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_training()
        scheduled_training()

    assert list(SpamModel.objects.values_list("version", flat=True)) == [1]


def test_a_model_of_an_older_recipe_is_retrained_by_the_worker_once(
    no_stored_model, django_capture_on_commit_callbacks
):
    # A site upgraded from a version whose starting model read links as letters
    # (its metrics carry no recipe number) and with no new decisions since.
    with django_capture_on_commit_callbacks(execute=True):
        scheduled_training()
    SpamModel.objects.update(metrics={"precision": 0.9})

    with django_capture_on_commit_callbacks(execute=True):
        scheduled_training()
        scheduled_training()

    from linernotes.spam.training import RECIPE

    assert list(SpamModel.objects.values_list("version", flat=True)) == [2, 1]
    assert SpamModel.objects.first().metrics["recipe"] == RECIPE


def test_a_readers_erasure_forgets_the_training_text_of_their_comments(decided):
    from linernotes.privacy import selectors
    from linernotes.privacy import services as privacy

    remember_decisions()
    exported = selectors.export_personal_data(email="reader0@example.org")

    erased = privacy.erase_personal_data(email="reader0@example.org")

    assert [row["label"] for row in exported["spam_training_text"]] == ["ham"]
    assert erased.counts["spam_training_text"] == 1
    assert TrainingExample.objects.count() == 79
    assert not selectors.export_personal_data(email="reader0@example.org")[
        "spam_training_text"
    ]


def test_the_admin_shows_the_models_figures(stored_cold_start, admin_client):
    from django.urls import reverse

    listing = admin_client.get(reverse("admin:spam_spammodel_changelist"))
    page = admin_client.get(
        reverse("admin:spam_spammodel_change", args=[stored_cold_start.pk])
    )

    assert listing.status_code == 200
    assert f"{100 * stored_cold_start.metrics['precision']:.1f}%" in listing.text
    assert f"{100 * stored_cold_start.metrics['ham_fpr']:.1f}%" in page.text
    assert "one video left out at a time" in page.text
