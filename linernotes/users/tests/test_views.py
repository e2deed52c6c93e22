"""The reader-state endpoint that keeps shared pages free of per-reader HTML."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_is_told_they_are_signed_out(client):
    response = client.get(reverse("users:reader_state"))

    assert response.json() == {"signed_in": False}
    assert "no-cache" in response["Cache-Control"]


def test_a_signed_in_writer_gets_their_name_and_the_admin_link(client, make_writer):
    client.force_login(make_writer(display_name="Mara Quill"))

    state = client.get(reverse("users:reader_state")).json()

    assert state == {"signed_in": True, "name": "Mara Quill", "admin_url": "/admin/"}


def test_a_reader_without_admin_access_gets_no_admin_link(client, make_user):
    client.force_login(make_user(display_name="Rae"))

    assert client.get(reverse("users:reader_state")).json() == {
        "signed_in": True,
        "name": "Rae",
    }
