"""The moderation digest: when it goes, to whom, and that every link in it works
for the person who gets it (decision 0024)."""

import re
from datetime import timedelta

import pytest
from django.core import mail as outbox_module
from django.utils import timezone

from linernotes.core.models import SiteSettings
from linernotes.notifications import services
from linernotes.notifications.tests.factories import SITE
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db
CHANGE_PAGE = "/admin/comments/comment/"


def digests() -> dict[str, str]:
    """Each digest's recipient and its text part."""
    return {
        message.to[0]: message.body
        for message in outbox_module.outbox
        if "awaiting moderation" in message.subject
    }


def links(message) -> set[str]:
    """Every address in both parts of a message, as paths on the blog."""
    parts = [message.body, *(body for body, _ in message.alternatives)]
    found = {url for part in parts for url in re.findall(r'https?://[^\s"<>]+', part)}
    assert all(url.startswith(SITE) for url in found)
    return {url.removeprefix(SITE) for url in found}


def let_authors_moderate(allowed: bool) -> None:
    site = SiteSettings.load()
    site.authors_moderate_comments = allowed
    site.save()


@pytest.fixture
def blog(make_writer, make_post, make_comment, run_on_commit):
    """An editor and three authors: Mara with two held comments on her post,
    Dee with one, Ian with none."""
    people = {
        "editor": make_writer(username="ed", role=Role.EDITOR),
        "mara": make_writer(username="mara"),
        "dee": make_writer(username="dee"),
        "ian": make_writer(username="ian"),
    }
    for author, count in [("mara", 2), ("dee", 1)]:
        post = make_post(author=people[author])
        for n in range(count):
            body = f"A question for {author}, number {n}."
            run_on_commit(make_comment, post=post, approved=False, body=body)
    make_post(author=people["ian"])
    return people


def test_writers_get_one_digest_for_many_pending_comments(
    run_on_commit, make_post, make_comment, make_writer
):
    make_writer(username="editor", role=Role.EDITOR)
    post = make_post()
    for n in range(3):
        run_on_commit(make_comment, post=post, approved=False, body=f"Held {n}")

    sent = run_on_commit(services.send_moderation_digest, site=SITE)

    assert sent == 1
    assert list(digests()) == ["editor@example.org"]
    assert digests()["editor@example.org"].count(CHANGE_PAGE) == 4


def test_the_digest_waits_for_its_interval_and_for_new_comments(
    run_on_commit, settings, make_post, make_comment, make_writer
):
    settings.LINERNOTES_MODERATION_DIGEST_MINUTES = 60
    make_writer(username="editor", role=Role.EDITOR)
    post = make_post()
    run_on_commit(make_comment, post=post, approved=False)
    now = timezone.now()
    run_on_commit(services.send_moderation_digest, now=now, site=SITE)

    too_soon = services.send_moderation_digest(now=now + timedelta(minutes=30))
    nothing_new = services.send_moderation_digest(now=now + timedelta(minutes=90))
    run_on_commit(make_comment, post=post, approved=False, body="Another one")
    later = services.send_moderation_digest(now=now + timedelta(minutes=91))

    assert (too_soon, nothing_new, later) == (0, 0, 1)


def test_an_authors_digest_lists_only_comments_on_their_own_posts(blog, run_on_commit):
    """Before decision 0024 every staff account got the whole list, and an
    author's links to other authors' comments answered 403."""
    sent = run_on_commit(services.send_moderation_digest, site=SITE)

    got = digests()
    assert sent == 3
    assert sorted(got) == ["dee@example.org", "ed@example.org", "mara@example.org"]
    assert got["ed@example.org"].count(CHANGE_PAGE) == 1 + 3
    assert got["mara@example.org"].count(CHANGE_PAGE) == 1 + 2
    assert "for dee" not in got["mara@example.org"]
    assert got["dee@example.org"].count(CHANGE_PAGE) == 1 + 1
    assert "for mara" not in got["dee@example.org"]
    assert "2 new comments arrived" in got["mara@example.org"]


def test_authors_get_no_digest_when_the_blog_owner_moderates_alone(blog, run_on_commit):
    let_authors_moderate(False)

    run_on_commit(services.send_moderation_digest, site=SITE)

    assert list(digests()) == ["ed@example.org"]


def test_a_reader_account_or_an_inactive_writer_gets_no_digest(
    blog, run_on_commit, make_user
):
    make_user(username="rae", email="rae@example.org")
    blog["dee"].is_active = False
    blog["dee"].save()

    run_on_commit(services.send_moderation_digest, site=SITE)

    assert sorted(digests()) == ["ed@example.org", "mara@example.org"]


def test_configured_addresses_get_what_their_accounts_may_moderate(
    blog, run_on_commit, settings
):
    """An address with no account gets everything, as the operator asked; one
    that belongs to an author gets that author's comments only."""
    settings.LINERNOTES_MODERATION_DIGEST_TO = ["Owner@example.net", "mara@example.org"]

    run_on_commit(services.send_moderation_digest, site=SITE)

    got = digests()
    assert sorted(got) == ["mara@example.org", "owner@example.net"]
    assert got["owner@example.net"].count(CHANGE_PAGE) == 1 + 3
    assert got["mara@example.org"].count(CHANGE_PAGE) == 1 + 2


def test_the_digest_goes_to_configured_addresses_minus_those_who_stopped_it(settings):
    settings.LINERNOTES_MODERATION_DIGEST_TO = ["Ed@example.org", "mo@example.org"]
    services.stop_mail(email="mo@example.org", kind="digest")

    recipients = services.digest_recipients(SiteSettings.load())

    assert recipients == {"ed@example.org": None}


@pytest.mark.parametrize("recipient", ["editor", "mara", "dee"])
def test_every_link_in_a_digest_opens_for_its_recipient(
    blog, run_on_commit, client, recipient
):
    """Each link in both parts, opened by the account the digest went to: the
    comments' change pages, the queue, the blog and the unsubscribe page."""
    run_on_commit(services.send_moderation_digest, site=SITE)
    [message] = [m for m in outbox_module.outbox if m.to == [blog[recipient].email]]
    client.force_login(blog[recipient])

    answers = {path: client.get(path).status_code for path in links(message)}

    assert len(answers) >= 4
    assert set(answers.values()) == {200}, answers
