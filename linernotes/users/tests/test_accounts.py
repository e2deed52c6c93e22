"""Accounts through allauth: sign-up with a confirmed address, sign-in, password reset.

Every flow goes through the real allauth views with the test client, and mail
through Django's local-memory backend, read back from the outbox. allauth's mail
leaves after the request commits (users/adapter.py), so flows that mail run
through the ``run_on_commit`` fixture.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "vinyl-crackle-1985"  # noqa: S105 - a test password


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/\S+/)", message.body).group(1)


def sign_up(client, email: str = "rae@example.net", **fields):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, **fields},
    )


def test_sign_up_needs_a_confirmed_address_before_the_reader_is_signed_in(
    client, mailoutbox, run_on_commit
):
    response = run_on_commit(sign_up, client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["rae@example.net"]
    reader = User.objects.get(email="rae@example.net")
    assert reader.username  # made up by allauth: a username is optional
    assert not EmailAddress.objects.get(user=reader).verified


def test_the_confirmation_link_confirms_the_address_and_signs_the_reader_in(
    client, mailoutbox, run_on_commit
):
    run_on_commit(sign_up, client)
    confirm_url = link_in(mailoutbox[0])

    page = client.get(confirm_url)
    confirmed = client.post(confirm_url)

    assertContains(page, "Confirm Email Address")
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="rae@example.net").verified
    assert client.get(reverse("users:reader_state")).json()["signed_in"]


def test_an_unconfirmed_reader_cannot_sign_in_and_gets_a_new_link(client, mailoutbox):
    sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "rae@example.net", "password": PASSWORD}
    )

    assert response["Location"] == reverse("account_email_verification_sent")
    assert not client.get(reverse("users:reader_state")).json()["signed_in"]


def test_a_confirmed_reader_signs_in_with_email_and_password(client, make_account):
    make_account(email="rae@example.net", display_name="Rae")

    response = client.post(
        reverse("account_login"),
        {"login": "rae@example.net", "password": "pw-for-tests-only"},
    )

    assert response["Location"] == reverse("users:profile")
    assert client.get(reverse("users:reader_state")).json()["name"] == "Rae"


def test_a_wrong_password_is_refused_with_a_message(client, make_account):
    make_account(email="rae@example.net")

    response = client.post(
        reverse("account_login"),
        {"login": "rae@example.net", "password": "not-the-password"},
    )

    assert response.status_code == 200
    assertContains(response, "not correct")
    assert not client.get(reverse("users:reader_state")).json()["signed_in"]


def test_sign_up_with_an_address_in_use_reveals_nothing_and_warns_its_owner(
    client, make_account, mailoutbox, run_on_commit
):
    """Tried: the address of an existing account, in other capitals."""
    make_account(email="rae@example.net")

    response = run_on_commit(sign_up, client, email="RAE@example.net")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="rae@example.net").count() == 1
    assert mailoutbox[0].to == ["rae@example.net"]
    assert "already" in mailoutbox[0].body


def test_signing_out_takes_a_post(client, make_account):
    client.force_login(make_account())

    page = client.get(reverse("account_logout"))
    client.post(reverse("account_logout"))

    assertContains(page, "Are you sure you want to sign out?")
    assert not client.get(reverse("users:reader_state")).json()["signed_in"]


def test_a_password_reset_link_sets_a_new_password(
    client, make_account, mailoutbox, run_on_commit
):
    make_account(email="rae@example.net")

    run_on_commit(
        client.post, reverse("account_reset_password"), {"email": "rae@example.net"}
    )
    reset_link = client.get(link_in(mailoutbox[0]))  # redirects to a keyless URL
    form_url = reset_link["Location"]
    client.post(
        form_url, {"password1": "new-" + PASSWORD, "password2": "new-" + PASSWORD}
    )

    assert client.login(username="rae@example.net", password="new-" + PASSWORD)


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("account_signup", "new@example.net"),  # the confirmation link
        ("account_signup", "taken@example.net"),  # "you already have an account"
        ("account_reset_password", "taken@example.net"),  # the reset link
    ],
)
def test_account_mail_leaves_only_after_the_request_commits(
    client, make_account, mailoutbox, django_capture_on_commit_callbacks, name, email
):
    """Sending waits for the commit (and a task): a slow mail server never
    holds up the reader's request."""
    make_account(email="taken@example.net")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(name),
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        )
        sent_in_the_request = len(mailoutbox)

    assert sent_in_the_request == 0
    assert [message.to for message in mailoutbox] == [[email]]


def test_a_reset_for_an_unknown_address_reveals_nothing(
    client, mailoutbox, run_on_commit
):
    response = run_on_commit(
        client.post, reverse("account_reset_password"), {"email": "nobody@example.net"}
    )

    assert response["Location"] == reverse("account_reset_password_done")
    assert not any("/accounts/password/reset/key/" in m.body for m in mailoutbox)


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_the_site_layout_without_inline_script(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assertContains(response, 'class="site-header"')
    assert not re.search(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content)
    assert not re.search(rb"\son[a-z]+=", response.content)


def test_the_header_sign_in_link_goes_to_the_account_login(client, make_post):
    make_post()

    response = client.get(reverse("posts:home"))

    assertContains(response, f'<a href="{reverse("account_login")}">Sign in</a>')


def test_a_cached_page_never_shows_a_signed_in_name(client, make_post, make_account):
    """A signed-in visit first, then an anonymous one gets the shared page."""
    post = make_post(title="Side A")
    reader = make_account(display_name="Unmistakable Rae")
    client.force_login(reader)
    signed_in = client.get(post.get_absolute_url())
    client.logout()
    client.cookies.clear()

    first = client.get(post.get_absolute_url())
    second = client.get(post.get_absolute_url())

    assert signed_in.get("X-Page-Cache") is None  # a reader with a session: not stored
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assertNotContains(second, "Unmistakable Rae")
    assertNotContains(second, "csrfmiddlewaretoken")


def test_account_pages_are_never_stored_in_the_page_cache(client):
    client.get(reverse("account_login"))
    again = client.get(reverse("account_login"))

    assert again.get("X-Page-Cache") is None


def test_a_signed_in_reader_replies_without_guest_fields_even_without_script(
    client, make_post, make_account
):
    """What a browser without JavaScript sends: the guest fields left empty."""
    post = make_post()
    client.force_login(make_account(display_name="Rae"))

    response = client.post(
        f"/comments/post/{post.pk}/",
        {"body": "Hearts on Fire still holds up.", "name": "", "email": ""},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 302
    receipt = client.get(response["Location"])
    assertContains(receipt, "Hearts on Fire still holds up.")
