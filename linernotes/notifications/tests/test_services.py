"""Who gets which mail: subscriptions, reply notices, announcements (the moderation
digest is in test_digest.py)."""

from datetime import timedelta

import pytest
from django.core import mail as outbox_module
from django.utils import timezone

from linernotes.comments import services as comment_services
from linernotes.comments.models import Comment
from linernotes.notifications import services
from linernotes.notifications.models import Announcement, MailAddress, Subscription
from linernotes.notifications.tests.factories import SITE
from linernotes.posts import services as post_services
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def outbox() -> list:
    return outbox_module.outbox


def recipients() -> list[str]:
    return sorted(address for message in outbox() for address in message.to)


def reply_as_account(post, user, parent, body="Agreed, side two is the best."):
    return comment_services.submit_comment(
        post=post,
        author=comment_services.Author(
            name=user.username, email=user.email, user=user, trusted=True
        ),
        body=body,
        parent=parent,
        notify_replies=True,
    )


# Subscriptions ------------------------------------------------------------------


def test_subscribing_stores_a_pending_subscription_and_mails_a_confirmation(
    run_on_commit,
):
    subscription = run_on_commit(
        services.subscribe, email=" Rae@Example.org ", kind="posts", site=SITE
    )

    assert subscription.email == "rae@example.org"
    assert subscription.confirmed_at is None
    assert recipients() == ["rae@example.org"]
    assert "Confirm your subscription to new posts" in outbox()[0].subject
    assert f"{SITE}/subscribe/confirm/" in outbox()[0].body


def test_subscribing_again_never_duplicates_and_a_confirmed_one_gets_no_new_mail(
    run_on_commit, make_subscription
):
    make_subscription(email="rae@example.org")
    outbox().clear()

    run_on_commit(services.subscribe, email="RAE@example.org", kind="posts", site=SITE)

    assert Subscription.objects.count() == 1
    assert outbox() == []


def test_one_address_may_follow_two_series_separately(make_series, make_subscription):
    first, second = make_series(), make_series()

    make_subscription(kind="series", series=first)
    make_subscription(kind="series", series=second)

    assert Subscription.objects.confirmed().count() == 2


def test_unsubscribing_one_subscription_leaves_the_others(
    make_series, make_subscription
):
    posts = make_subscription(kind="posts")
    series = make_subscription(kind="series", series=make_series())

    services.unsubscribe(kind="sub", pk=posts.pk)

    assert list(Subscription.objects.all()) == [series]


def test_unsubscribing_twice_or_after_erasure_is_harmless(make_subscription):
    subscription = make_subscription(email="rae@example.org")
    services.unsubscribe(kind="sub", pk=subscription.pk)

    again = services.unsubscribe(kind="sub", pk=subscription.pk)
    unknown_address = services.unsubscribe(kind="all", pk=987654)

    assert (again, unknown_address) == ("that subscription", "this address")


# Reply notices ---------------------------------------------------------------------


def test_an_account_holder_who_asked_hears_about_a_reply(
    run_on_commit, make_post, make_user
):
    post = make_post()
    rae, sam = make_user(email="rae@example.org"), make_user(email="sam@example.org")
    parent = run_on_commit(reply_as_account, post, rae, None, "Best side is one.")
    outbox().clear()

    run_on_commit(reply_as_account, post, sam, parent)

    assert recipients() == ["rae@example.org"]
    assert "sam@example.org" not in outbox()[0].body + outbox()[0].alternatives[0][0]
    assert "replied to your comment" in outbox()[0].subject


def test_nobody_is_told_about_their_own_reply_to_themselves(
    run_on_commit, make_post, make_user
):
    post = make_post()
    rae = make_user(email="rae@example.org")
    parent = run_on_commit(reply_as_account, post, rae, None)

    run_on_commit(reply_as_account, post, rae, parent, "And one more thing.")

    assert outbox() == []


def test_a_guest_is_asked_to_confirm_once_and_gets_notices_only_after(
    run_on_commit, make_post, make_comment
):
    post = make_post()
    first = run_on_commit(
        make_comment, post=post, email="guest@example.org", notify_replies=True
    )
    run_on_commit(
        make_comment,
        post=post,
        email="Guest@example.org",
        body="Me again.",
        notify_replies=True,
    )
    asked = list(outbox())
    outbox().clear()
    run_on_commit(make_comment, post=post, parent=first, email="other@example.org")
    unconfirmed = list(outbox())
    services.confirm_reply_address(email="guest@example.org")
    run_on_commit(
        make_comment, post=post, parent=first, email="other@example.org", body="Hi."
    )

    assert [m.subject for m in asked] == ["Confirm your address for reply notices"]
    assert unconfirmed == []
    assert recipients() == ["guest@example.org"]


def test_a_guest_who_stopped_reply_notices_is_not_asked_again(
    run_on_commit, make_post, make_comment
):
    services.stop_mail(email="guest@example.org", kind="replies")

    run_on_commit(
        make_comment, post=make_post(), email="guest@example.org", notify_replies=True
    )

    assert outbox() == []


def test_followers_get_new_comments_one_mail_each_and_never_their_own(
    run_on_commit, make_post, make_comment, make_subscription
):
    post = make_post()
    make_subscription(email="ann@example.org", kind="comments", post=post)
    make_subscription(email="bob@example.org", kind="comments", post=post)
    make_subscription(
        email="cy@example.org", kind="comments", post=post, confirmed=False
    )
    outbox().clear()

    run_on_commit(make_comment, post=post, email="bob@example.org", body="<b>Hi</b>")

    assert recipients() == ["ann@example.org"]
    assert outbox()[0].to == ["ann@example.org"] and outbox()[0].cc == []
    assert "&lt;b&gt;Hi&lt;/b&gt;" in outbox()[0].alternatives[0][0]


def test_a_held_comment_mails_no_follower_until_it_is_approved(
    run_on_commit, make_post, make_comment, make_subscription
):
    post = make_post()
    make_subscription(email="ann@example.org", kind="comments", post=post)
    outbox().clear()
    held = run_on_commit(make_comment, post=post, approved=False)
    before = list(outbox())

    run_on_commit(
        comment_services.moderate_comment, comment=held, status=Comment.Status.APPROVED
    )

    assert before == []
    assert recipients() == ["ann@example.org"]


def test_the_replied_to_follower_gets_one_mail_not_two(
    run_on_commit, make_post, make_user, make_subscription
):
    post = make_post()
    rae, sam = make_user(email="rae@example.org"), make_user(email="sam@example.org")
    make_subscription(email="rae@example.org", kind="comments", post=post)
    parent = run_on_commit(reply_as_account, post, rae, None)
    outbox().clear()

    # Words of Sam's own: the same text again would be held as a copy.
    run_on_commit(reply_as_account, post, sam, parent, "Side one for me, though.")

    assert recipients() == ["rae@example.org"]
    assert "replied to your comment" in outbox()[0].subject


# New posts ------------------------------------------------------------------------


def test_a_post_published_after_confirmation_is_announced_once(
    run_on_commit, make_post, make_subscription
):
    make_post(title="Old favourite", days_ago=3)
    make_subscription(email="ann@example.org")
    outbox().clear()
    make_post(title="Fresh spin")

    first = run_on_commit(services.announce_new_posts, site=SITE)
    second = run_on_commit(services.announce_new_posts, site=SITE)

    assert (first, second) == (1, 0)
    assert [m.subject for m in outbox()] == ["New on Liner Notes: Fresh spin"]
    assert Announcement.objects.get().recipients == 1


def test_series_subscribers_hear_only_about_their_series(
    run_on_commit, make_post, make_series, make_subscription
):
    crates, other = make_series(title="Crate digging"), make_series()
    make_subscription(email="ann@example.org", kind="series", series=crates)
    make_subscription(email="bob@example.org", kind="posts")
    outbox().clear()
    make_post(title="In the series", series=crates)
    make_post(title="Elsewhere", series=other)

    run_on_commit(services.announce_new_posts, site=SITE)

    got = sorted((m.to[0], m.subject) for m in outbox())
    assert got == [
        ("ann@example.org", "New on Liner Notes: In the series"),
        ("bob@example.org", "New on Liner Notes: Elsewhere"),
        ("bob@example.org", "New on Liner Notes: In the series"),
    ]


def test_a_scheduled_post_is_announced_when_it_comes_due_not_before(
    run_on_commit, make_scheduled_post, make_subscription
):
    subscription = make_subscription(email="ann@example.org")
    outbox().clear()
    post = make_scheduled_post(days_ahead=1)
    early = run_on_commit(services.announce_new_posts, site=SITE)
    # The clock moves on: confirmed an hour ago, and the post's time just passed.
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmed_at=timezone.now() - timedelta(hours=1)
    )
    type(post).objects.filter(pk=post.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    due = run_on_commit(services.announce_new_posts, site=SITE)

    assert (early, due) == (0, 1)


def test_drafts_and_private_posts_are_never_announced(
    run_on_commit, make_post, make_subscription
):
    make_subscription(email="ann@example.org")
    make_post(status="draft")
    make_post(status="private")

    assert run_on_commit(services.announce_new_posts, site=SITE) == 0


# Every mail ----------------------------------------------------------------------


def test_every_mail_has_both_parts_and_one_click_unsubscribe_headers(
    run_on_commit, settings
):
    settings.LINERNOTES_UNSUBSCRIBE_MAILTO = "unsubscribe@blog.example"

    run_on_commit(services.subscribe, email="rae@example.org", kind="posts", site=SITE)

    message = outbox()[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{SITE}/u/")
    assert "<mailto:unsubscribe@blog.example?subject=s" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert message.alternatives[0][1] == "text/html"
    assert "Unsubscribe with one click" in message.body


def test_the_address_record_is_kept_once_per_address(
    run_on_commit, make_post, make_comment
):
    post = make_post()
    for email in ["g@example.org", "G@EXAMPLE.org"]:
        run_on_commit(
            make_comment,
            post=post,
            email=email,
            notify_replies=True,
            body=f"from {email}",
        )

    assert MailAddress.objects.count() == 1


def test_list_unsubscribe_stays_readable_for_a_long_site_address(run_on_commit):
    """Mail headers fold at 78 characters and a longer word is MIME-encoded,
    which mail programs cannot use as a link: the URL must fit on one line."""
    site = "https://notes.a-long-music-blog-name.example"  # 48 characters

    run_on_commit(services.subscribe, email="rae@example.org", kind="posts", site=site)

    raw = outbox()[0].message().as_bytes()
    assert b"=?utf-8?" not in raw
    assert f"<{site}/u/".encode() in raw


# Posts not everyone may read --------------------------------------------------


def test_no_comment_mail_leaves_for_a_post_not_everyone_may_read(
    run_on_commit, make_post, make_comment, make_subscription
):
    """Found by review: followers of a password-protected post were mailed each
    comment's words without ever giving the password, and a comment approved
    after its post went back to draft was mailed with the post's title."""
    locked, gone = make_post(password="sesame"), make_post()
    for post in (locked, gone):
        make_subscription(email="ann@example.org", kind="comments", post=post)
    held = run_on_commit(make_comment, post=gone, approved=False)
    gone.status = Post.Status.DRAFT
    post_services.save_post(post=gone)
    outbox().clear()

    run_on_commit(make_comment, post=locked, body="The password is worth it.")
    run_on_commit(
        comment_services.moderate_comment, comment=held, status=Comment.Status.APPROVED
    )

    assert outbox() == []


def test_a_locked_post_is_announced_without_its_words(
    run_on_commit, make_post, make_subscription
):
    """Found by review: the announcement carried the opening words the post's
    card hides."""
    make_subscription(email="ann@example.org")
    outbox().clear()
    make_post(title="Members only", body="Secret sleeve notes.", password="sesame")

    run_on_commit(services.announce_new_posts, site=SITE)

    text = outbox()[0].body + outbox()[0].alternatives[0][0]
    assert "Members only" in text
    assert "Secret sleeve notes" not in text
    assert "password-protected" in text
