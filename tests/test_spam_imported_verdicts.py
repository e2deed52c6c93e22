"""The verdicts a WordPress blog kept on its comments teach the spam filter:
an imported approved comment is ham, an imported spam comment is spam, both
marked as imported; a pending, trashed comment or a pingback teaches nothing,
and a writer's later click here makes the example a moderation decision.

The export goes through the real importer; nothing is called by hand between
the import and the training but what the worker's scheduled job calls."""

import io

import pytest
from django.utils import timezone

from linernotes.comments import services as comments
from linernotes.comments.models import Comment
from linernotes.spam.models import TrainingExample
from linernotes.spam.services import remember_decisions, scheduled_training, train_model
from linernotes.spam.tests.text_model_fixtures import *  # noqa: F403 - the fixtures
from linernotes.spam.tests.text_model_fixtures import site_decisions
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.users.models import User

pytestmark = pytest.mark.django_db

KEPT = "The harmonies on the second side still get me, thanks for the write-up."
CAUGHT = "Cheap pills online, no prescription, order now at pharma.example"


@pytest.fixture
def owner() -> User:
    return User.objects.create_superuser(username="owner", password="pw-for-tests")


def import_export(owner: User, comment_rows: list[str]) -> None:
    export = wxr.export(items=[wxr.item(1, "A record", comments=comment_rows)])
    import_wordpress(io.BytesIO(export), owner=owner, options=ImportOptions())


def test_the_old_blogs_verdicts_become_training_examples_marked_imported(owner):
    import_export(
        owner,
        [
            wxr.comment(1, body=KEPT, approved="1"),
            wxr.comment(2, body=CAUGHT, approved="spam", email="bot@example.net"),
            wxr.comment(3, body="Waiting for a look.", approved="0"),
            wxr.comment(4, body="Thrown away.", approved="trash"),
            wxr.comment(5, body="Linked here.", approved="1", type="pingback"),
        ],
    )
    assert TrainingExample.objects.count() == 0  # the importer calls nothing

    assert remember_decisions() == 2

    examples = {e.text: e for e in TrainingExample.objects.all()}
    assert set(examples) == {KEPT, CAUGHT}
    assert examples[KEPT].spam is False
    assert examples[CAUGHT].spam is True
    assert {e.source for e in examples.values()} == {TrainingExample.Source.IMPORT}


def test_a_comment_posted_here_stays_a_moderation_decision(owner, make_post):
    post = make_post()
    posted = comments.submit_comment(
        post=post,
        author=comments.Author(name="Rae", email="rae@example.org"),
        body="Posted here, through the form.",
        user_agent="Mozilla/5.0 (tests)",
    )
    comments.moderate_comment(comment=posted, status=Comment.Status.APPROVED)

    remember_decisions()

    assert TrainingExample.objects.get(comment_id=posted.pk).source == (
        TrainingExample.Source.MODERATION
    )


def test_a_writers_click_on_an_imported_comment_is_a_moderation_decision(owner):
    import_export(owner, [wxr.comment(1, body=CAUGHT, approved="spam")])
    remember_decisions()
    imported = Comment.objects.get()

    comments.moderate_comment(comment=imported, status=Comment.Status.APPROVED)

    example = TrainingExample.objects.get(comment_id=imported.pk)
    assert (example.spam, example.source) == (False, TrainingExample.Source.MODERATION)


def test_imported_spam_purged_later_keeps_its_text_as_imported(owner):
    import_export(owner, [wxr.comment(1, body=CAUGHT, approved="spam")])

    later = timezone.now() + timezone.timedelta(days=31)
    assert comments.purge_discarded_comments(now=later) == 1

    example = TrainingExample.objects.get()
    assert (example.text, example.spam) == (CAUGHT, True)
    assert example.source == TrainingExample.Source.IMPORT


def test_an_imported_history_trains_the_sites_own_model(
    owner, stored_cold_start, settings
):
    """Enough imported verdicts of both kinds are enough to train on: the
    next scheduled job trains a site model, and says they were imported."""
    settings.LINERNOTES_SPAM_MIN_SITE_EXAMPLES = 60
    hams, spams = site_decisions(40, 40)
    rows = [wxr.comment(n + 1, body=text) for n, text in enumerate(hams)] + [
        wxr.comment(100 + n, body=text, approved="spam", email=f"bot{n}@example.net")
        for n, text in enumerate(spams)
    ]
    import_export(owner, rows)

    trained, why_not = train_model(save=False)
    assert not trained.site_trained  # nothing remembered yet: training reads examples
    assert why_not

    scheduled_training()

    latest = stored_cold_start.__class__.objects.first()
    assert latest.version == stored_cold_start.version + 1
    assert latest.site_trained
    assert "80 of the site's comments imported" in latest.trained_on
