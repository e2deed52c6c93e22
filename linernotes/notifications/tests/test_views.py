"""The subscribe form, the post-page follow form and the signed mail links."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.notifications import mail as notification_mail
from linernotes.notifications.models import MailAddress, Subscription

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def link_in(message, path: str) -> str:
    return re.search(rf"https?://[^\s\"]+{path}[^\s\"]+/", message.body).group(0)


def subscribe(client, **data):
    return client.post(reverse("notifications:subscribe"), data, **SAME_SITE)


def test_the_footer_links_to_the_subscribe_page_which_offers_every_kind(
    client, make_post, make_series
):
    make_post(series=make_series(title="Crate digging"))
    home = client.get("/")

    page = client.get(reverse("notifications:subscribe"))

    assertContains(home, 'href="/subscribe/"')
    assertContains(page, "New posts in one series")
    assertContains(page, "Crate digging")
    assert "csrfmiddlewaretoken" not in page.content.decode()


def test_the_post_page_offers_to_follow_its_comments_without_a_token(client, make_post):
    post = make_post()

    response = client.get(post.get_absolute_url())

    assertContains(response, "Follow new comments on this post by email")
    assertContains(response, f'<input type="hidden" name="post" value="{post.pk}">')
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_subscribe_confirm_then_one_click_unsubscribe(
    client, django_capture_on_commit_callbacks, make_post
):
    post = make_post()
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(
            client, email="rae@example.org", kind="comments", post=post.pk
        )
    confirm_url = link_in(mail.outbox[0], "/subscribe/confirm/")

    asked = client.get(confirm_url)
    confirmed = client.post(confirm_url)
    unsubscribe_url = link_in(mail.outbox[0], "/u/")
    # A mail program's one-click POST carries no cookie, token or Origin.
    gone = Client(enforce_csrf_checks=True).post(
        unsubscribe_url, {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:sent")
    assertContains(asked, "Yes, confirm")
    assertContains(confirmed, "new comments on")
    assert asked["Cache-Control"] == "private"
    assertContains(gone, "Unsubscribed")
    assert not Subscription.objects.exists()


def test_a_confirm_link_does_nothing_on_get(client, make_subscription):
    subscription = make_subscription(confirmed=False)
    token = notification_mail.make_token("confirm", s=subscription.pk, e="x@y.org")

    client.get(reverse("notifications:confirm", args=[token]))

    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        # Signed, but for another purpose: an unsubscribe token cannot confirm.
        notification_mail.make_token("unsubscribe", e="a@b.org", k="all", s=None),
    ],
)
def test_a_forged_or_wrong_token_is_refused(client, token):
    response = client.post(reverse("notifications:confirm", args=[token]))

    assertContains(response, "not valid or has expired", status_code=400)


def test_an_unsubscribe_link_pointed_at_someone_else_changes_nothing(
    client, make_subscription
):
    mine = make_subscription(email="mallory@example.org")
    theirs = make_subscription(email="rae@example.org")
    _, mac = notification_mail.unsubscribe_token("sub", mine.pk).split(".")

    forged = client.post(
        reverse("notifications:unsubscribe", args=[f"s{theirs.pk}.{mac}"])
    )
    garbled = client.post(reverse("notifications:unsubscribe", args=["s1.xx"]))

    assert (forged.status_code, garbled.status_code) == (400, 400)
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def test_a_cross_site_subscribe_post_is_refused(client):
    response = client.post(
        reverse("notifications:subscribe"),
        {"email": "victim@example.org", "kind": "posts"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 403
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not an address", "kind": "posts"}, "email"),
        ({"email": "a@b.org", "kind": "series"}, "series"),
        ({"email": "a@b.org", "kind": "comments", "post": "999999"}, "post"),
        ({"email": "a@b.org", "kind": "everything"}, "kind"),
        ({"email": "<script>alert(1)</script>@x.org", "kind": "posts"}, "email"),
    ],
)
def test_bad_subscribe_input_is_a_400_with_the_form(client, data, field):
    response = subscribe(client, **data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "<script>alert(1)" not in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_draft_cannot_be_followed(client, make_post):
    draft = make_post(status="draft")

    response = subscribe(client, email="a@b.org", kind="comments", post=draft.pk)

    assert response.status_code == 400


def test_a_locked_post_cannot_be_followed_and_offers_no_follow_form(client, make_post):
    """Found by review: followers of a password-protected post got its comments
    by mail without giving the password."""
    locked = make_post(password="sesame")
    client.post(locked.get_absolute_url(), {"password": "sesame"})

    response = subscribe(client, email="a@b.org", kind="comments", post=locked.pk)
    page = client.get(locked.get_absolute_url())

    assert response.status_code == 400
    assert "Follow new comments on this post" not in page.content.decode()


def test_the_subscribe_page_names_no_series_without_a_public_part(
    client, make_post, make_series
):
    """Found by review: a series whose only part was a draft was named there."""
    make_post(series=make_series(title="Next year's secret"), status="draft")

    page = client.get(reverse("notifications:subscribe"))

    assert "Next year" not in page.content.decode()


def test_subscribing_is_rate_limited_per_address(client, settings):
    settings.LINERNOTES_SUBSCRIBE_RATE = "2/h"

    codes = [
        subscribe(client, email=f"r{n}@example.org", kind="posts").status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 429]
    assert Subscription.objects.count() == 2


def test_the_admin_lists_subscriptions_by_email_and_kind(
    admin_client, make_subscription
):
    make_subscription(email="findme@example.org")
    make_subscription(email="other@example.org", confirmed=False)
    url = reverse("admin:notifications_subscription_changelist")

    found = admin_client.get(url, {"q": "findme"})
    pending = admin_client.get(url, {"confirmed_at__isempty": "1"})

    assertContains(found, "findme@example.org")
    assert "other@example.org" not in found.content.decode()
    assertContains(pending, "other@example.org")
    assert "findme@example.org" not in pending.content.decode()


def test_a_guest_confirms_their_address_for_reply_notices_with_a_post(
    client, django_capture_on_commit_callbacks, make_post, make_comment
):
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(post=make_post(), email="guest@example.org", notify_replies=True)
    link = link_in(mail.outbox[0], "/mail/address/")

    asked = client.get(link)
    unconfirmed = MailAddress.objects.get().confirmed_at
    confirmed = client.post(link)

    assertContains(asked, "Yes, confirm")
    assert unconfirmed is None
    assertContains(confirmed, "replies to your comments will be mailed to you")
    assert MailAddress.objects.get().confirmed_at is not None


def test_one_network_shares_one_subscribe_limit(client, settings):
    # tried (found by review): a new address in the same IPv6 /64 each time
    settings.LINERNOTES_SUBSCRIBE_RATE = "2/h"

    codes = [
        client.post(
            reverse("notifications:subscribe"),
            {"email": f"r{n}@example.org", "kind": "posts"},
            REMOTE_ADDR=f"2001:db8:aa:bb::{n}",
            **SAME_SITE,
        ).status_code
        for n in range(1, 4)
    ]

    assert codes == [302, 302, 429]


def test_one_email_address_is_asked_to_confirm_only_so_often(
    client, settings, django_capture_on_commit_callbacks
):
    # tried (found by review): 15 requests for one victim's address from 15
    # networks queued 15 confirmation mails
    settings.LINERNOTES_SUBSCRIBE_RATE = "100/h"
    settings.LINERNOTES_SUBSCRIBE_EMAIL_RATE = "3/h"

    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            client.post(
                reverse("notifications:subscribe"),
                {"email": email, "kind": "posts"},
                REMOTE_ADDR=f"198.51.{n}.7",
                **SAME_SITE,
            ).status_code
            for n, email in enumerate(
                ["victim@example.org"] * 3 + ["Victim@Example.org", "other@example.org"]
            )
        ]

    # The fourth is over the limit: answered as if it worked, with no mail.
    assert codes == [302] * 5
    assert [m.to for m in mail.outbox].count(["victim@example.org"]) == 3
    assert [m.to for m in mail.outbox].count(["other@example.org"]) == 1


def test_an_address_over_its_limit_gets_the_answer_a_success_gets_and_no_mail(
    client, settings, django_capture_on_commit_callbacks
):
    # A 429 here told anyone typing an address that it had been asked for
    # recently; the answer now cannot tell the two apart.
    settings.LINERNOTES_SUBSCRIBE_RATE = "100/h"
    settings.LINERNOTES_SUBSCRIBE_EMAIL_RATE = "1/h"

    def ask(network: int):
        return client.post(
            reverse("notifications:subscribe"),
            {"email": "someone@example.org", "kind": "posts"},
            REMOTE_ADDR=f"203.0.{network}.9",
            follow=True,
            **SAME_SITE,
        )

    with django_capture_on_commit_callbacks(execute=True):
        first = ask(1)
    with django_capture_on_commit_callbacks(execute=True):
        again = ask(2)

    assert first.redirect_chain == again.redirect_chain
    assert [first.status_code, again.status_code] == [200, 200]
    assert first.content == again.content
    assert "Check your inbox" in again.content.decode()
    assert len(mail.outbox) == 1
