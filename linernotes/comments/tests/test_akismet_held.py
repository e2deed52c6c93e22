"""Akismet out of reach never costs a reader's comment: it is stored and
held for a writer, and the reader waits no longer than the time-out (the
check's own answers: spam/tests/test_akismet.py, whose loopback Akismet this
borrows)."""

import time

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.tests import test_akismet

akismet = test_akismet.akismet  # the loopback Akismet, as a fixture here too


def test_a_timed_out_comment_is_stored_and_held_not_lost(akismet, db, make_post):
    akismet.answer.delay = 3.0
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()

    started = time.monotonic()
    comment = services.submit_comment(
        post=make_post(),
        author=services.Author(name="Rae", email="rae@example.org", trusted=True),
        body="Side B is where it gets good.",
        ip_address="203.0.113.57",
        user_agent="Mozilla/5.0",
    )

    assert time.monotonic() - started < 1.5
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.status, stored.body) == ("pending", "Side B is where it gets good.")
    assert "Akismet did not answer, so it is held" in stored.spam_reasons
    assert akismet.requests[0]["user_ip"] == "203.0.113.0"
