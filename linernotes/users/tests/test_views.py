"""The reader-state endpoint that keeps shared pages free of per-reader HTML."""

import pytest
from django.urls import reverse

from linernotes.users.identicons import identicon_digest

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_is_told_they_are_signed_out(client):
    response = client.get(reverse("users:reader_state"))

    assert response.json() == {"signed_in": False}
    assert "no-cache" in response["Cache-Control"]


def test_a_signed_in_writer_gets_their_name_and_the_admin_link(client, make_writer):
    client.force_login(make_writer(display_name="Mara Quill"))

    state = client.get(reverse("users:reader_state")).json()

    assert state["name"] == "Mara Quill"
    assert state["admin_url"] == "/admin/"


def test_a_reader_without_admin_access_gets_no_admin_link(client, make_user):
    client.force_login(make_user(display_name="Rae"))

    state = client.get(reverse("users:reader_state")).json()

    assert state["name"] == "Rae"
    assert "admin_url" not in state


def test_a_password_reader_comments_with_their_liner_notes_account(
    client, make_account
):
    reader = make_account(display_name="Rae")
    client.post(
        reverse("account_login"),
        {"login": reader.email, "password": "pw-for-tests-only"},
    )

    state = client.get(reverse("users:reader_state")).json()

    assert state["commenting_as"] == {
        "name": "Rae",
        "provider": "Liner Notes",
        "avatar_url": f"/account/identicon/{identicon_digest(reader.pk)}.svg",
        "logout_url": "/accounts/logout/",
        "change_url": "/accounts/logout/?next=/accounts/login/",
    }
    assert state["profile_url"] == "/account/profile/"
