"""The privacy page, the guest link and the account pages, through real requests."""

import json
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments.models import Comment
from linernotes.privacy.links import make_link_token
from linernotes.users.models import User

from .factories import make_account_comment

pytestmark = pytest.mark.django_db


def guest_url(email: str, name: str = "privacy:guest") -> str:
    return reverse(name, args=[make_link_token(email)])


def test_privacy_page_states_the_retention_period_from_settings(client, settings):
    settings.LINERNOTES_PERSONAL_DATA_RETENTION_DAYS = 14

    response = client.get("/privacy/")

    assertContains(response, "They are kept for 14 days and then blanked")
    assertContains(response, "<code>linernotes_commenter</code>", html=True)
    assertContains(response, "<code>linernotes_liker</code>", html=True)
    assertContains(response, "Nothing is sent to any other company or service")


def test_privacy_page_says_when_mail_records_go(client, settings):
    # The purge runs hourly: a record may outlive its limit by up to an hour.
    settings.LINERNOTES_TASK_RECORD_HOURS = 3

    response = client.get("/privacy/")

    assertContains(response, "the record of it is deleted within 4 hours")


@pytest.mark.parametrize(
    ("gravatar", "said"),
    [(False, "no picture service is contacted"), (True, "asks gravatar.com")],
)
def test_privacy_page_says_whether_gravatar_is_asked(client, settings, gravatar, said):
    settings.LINERNOTES_GRAVATAR = gravatar

    assertContains(client.get("/privacy/"), said)


def test_privacy_page_is_shared_and_cached_without_a_token(client):
    first = client.get("/privacy/")
    second = client.get("/privacy/")

    assertNotContains(first, "csrfmiddlewaretoken")
    assert not first.cookies
    assert second["X-Page-Cache"] == "hit"


def test_a_static_privacy_page_is_shown_inside_the_privacy_page(client, make_page):
    make_page(title="Privacy", slug="privacy", body="No *analytics* here.")

    response = client.get("/privacy/")

    assertContains(response, "No <em>analytics</em> here.")
    assertContains(response, "What the spam check sees")


def test_asking_for_a_link_answers_the_same_for_known_and_unknown_addresses(
    client, make_post, make_comment, django_capture_on_commit_callbacks
):
    make_comment(post=make_post(), email="rae@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/privacy/link/", {"email": "rae@example.org"})
        unknown = client.post("/privacy/link/", {"email": "ghost@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert known.content.replace(b"rae@", b"X@") == unknown.content.replace(
        b"ghost@", b"X@"
    )
    assert [m.to for m in mail.outbox] == [["rae@example.org"]]


def test_the_mailed_link_opens_the_guests_data(
    client, make_post, make_comment, django_capture_on_commit_callbacks
):
    make_comment(post=make_post(), email="rae@example.org", body="Mine.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/privacy/link/", {"email": "Rae@Example.org"})
    link = next(w for w in mail.outbox[0].body.split() if "/privacy/email/" in w)

    response = client.get(link)

    assertContains(response, "rae@example.org")
    assertContains(response, "Comments: 1")


def test_a_bad_email_in_the_link_form_is_a_400(client):
    # Bad input tried: not an email, and a script tag.
    response = client.post("/privacy/link/", {"email": "<script>x</script>"})

    assert response.status_code == 400
    assertContains(response, "valid email address", status_code=400)
    assertNotContains(response, "<script>x", status_code=400)


def test_a_cross_site_link_request_is_refused(client):
    response = client.post(
        "/privacy/link/",
        {"email": "rae@example.org"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )

    assert response.status_code == 403
    assert mail.outbox == []


def test_a_tampered_link_is_a_clear_error(client):
    token = make_link_token("rae@example.org")
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = client.get(reverse("privacy:guest", args=[tampered]))

    assertContains(response, "This link is not valid", status_code=400)


def test_an_expired_link_is_a_clear_error(client, settings):
    settings.LINERNOTES_PRIVACY_LINK_HOURS = 24
    with mock.patch("time.time", return_value=time.time() - 25 * 3600):
        token = make_link_token("rae@example.org")

    response = client.get(reverse("privacy:guest", args=[token]))

    assertContains(response, "This link has expired", status_code=400)


def test_guest_export_downloads_the_addresses_comments_as_json(
    client, make_post, make_comment
):
    make_comment(post=make_post(), email="rae@example.org", body="Export me.")

    response = client.get(guest_url("rae@example.org", "privacy:guest_export"))

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"].startswith("private")
    assert [c["body"] for c in json.loads(response.content)["comments"]] == [
        "Export me."
    ]


def test_guest_export_with_nothing_stored_is_valid_empty_json(client):
    response = client.get(guest_url("nobody@example.org", "privacy:guest_export"))

    assert json.loads(response.content)["comments"] == []


def test_guest_erasure_needs_the_confirm_box(client, make_post, make_comment):
    make_comment(post=make_post(), email="rae@example.org")

    response = client.post(guest_url("rae@example.org", "privacy:guest_erase"), {})

    assertContains(response, "Tick the box to confirm", status_code=400)
    assert Comment.objects.count() == 1


def test_a_guest_erases_only_their_own_addresses_comments(
    client, make_post, make_comment
):
    post = make_post()
    make_comment(post=post, email="rae@example.org", body="Mine.")
    theirs = make_comment(post=post, email="sam@example.org", body="Not mine.")

    response = client.post(
        guest_url("rae@example.org", "privacy:guest_erase"), {"confirm": "on"}
    )

    assertContains(response, "Your data is erased")
    assert list(Comment.objects.all()) == [theirs]
    post.refresh_from_db()
    assert post.comment_count == 1


def test_guest_erasure_twice_is_harmless(client, make_post, make_comment):
    make_comment(post=make_post(), email="rae@example.org")
    url = guest_url("rae@example.org", "privacy:guest_erase")

    client.post(url, {"confirm": "on"})
    again = client.post(url, {"confirm": "on"})

    assertContains(again, "Nothing was left to erase.")


def test_guest_erasure_needs_the_csrf_token(make_post, make_comment):
    # Bad input tried: a POST without the page's token.
    make_comment(post=make_post(), email="rae@example.org")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        guest_url("rae@example.org", "privacy:guest_erase"), {"confirm": "on"}
    )

    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_account_pages_need_a_signed_in_reader(client):
    response = client.get(reverse("privacy:account_export"))

    assert response.status_code == 302


def test_account_export_downloads_account_and_comments(client, make_post, make_user):
    user = make_user(email="ada@example.org")
    make_account_comment(post=make_post(), user=user, body="From Ada.")
    client.force_login(user)

    response = client.get(reverse("privacy:account_export"))

    data = json.loads(response.content)
    assert data["account"]["username"] == user.username
    assert [c["body"] for c in data["comments"]] == ["From Ada."]


def test_account_erasure_confirms_first_then_erases_and_closes(
    client, make_post, make_user
):
    post = make_post()
    user = make_user(email="ada@example.org")
    make_account_comment(post=post, user=user)
    client.force_login(user)

    confirm = client.get(reverse("privacy:account_erase"))
    done = client.post(
        reverse("privacy:account_erase"), {"confirm": "on", "delete_account": "on"}
    )

    assertContains(confirm, "Also close my account")
    assertContains(done, "Your account is closed and you are signed out.")
    assert not User.objects.filter(pk=user.pk).exists()
    assert Comment.objects.count() == 0
    post.refresh_from_db()
    assert post.comment_count == 0
