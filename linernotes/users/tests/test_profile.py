"""The reader's profile page: name, bio and picture, through the real view."""

import hashlib
import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertRedirects

pytestmark = pytest.mark.django_db
PROFILE = "/account/profile/"


def picture(
    kind: str = "PNG", size: tuple[int, int] = (400, 300)
) -> SimpleUploadedFile:
    """Random pixels, so the file does not compress below the size limits."""
    buffer = BytesIO()
    noise = os.urandom(size[0] * size[1] * 3)
    Image.frombytes("RGB", size, noise).save(buffer, kind)
    return SimpleUploadedFile(f"me.{kind.lower()}", buffer.getvalue())


@pytest.fixture
def reader(client, make_account):
    reader = make_account(display_name="Rae")
    client.force_login(reader)
    return reader


def test_the_profile_page_needs_a_signed_in_reader(client):
    response = client.get(PROFILE)

    assertRedirects(response, f"{reverse('account_login')}?next={PROFILE}")


def test_the_profile_page_links_to_email_and_password_pages(client, reader):
    response = client.get(PROFILE)

    assertContains(response, reverse("account_email"))
    assertContains(response, reverse("account_change_password"))
    assert response["Cache-Control"] == "private"


def test_a_reader_changes_their_display_name_and_bio(client, reader):
    response = client.post(
        PROFILE,
        {"action": "profile", "display_name": "  Rae D. ", "bio": "Side B person."},
        follow=True,
    )

    reader.refresh_from_db()
    assert (reader.display_name, reader.bio) == ("Rae D.", "Side B person.")
    assertContains(response, "Your profile is saved.")


def test_control_characters_are_dropped_from_the_name_and_bio(client, reader):
    """Tried: NUL, bell, escape and U+FFFE inside both fields. Before the fix a
    NUL was a 400 and the others were stored, to break the comment feeds that
    carry the name."""
    hostile = "\x00\x07\x1b\ufffe"

    client.post(
        PROFILE,
        {"action": "profile", "display_name": f"Ra{hostile}e", "bio": f"B{hostile}io"},
    )

    reader.refresh_from_db()
    assert (reader.display_name, reader.bio) == ("Rae", "Bio")


def test_script_in_the_display_name_is_shown_as_text(client, reader):
    client.post(
        PROFILE,
        {"action": "profile", "display_name": "<script>x()</script>", "bio": ""},
    )

    response = client.get(PROFILE)

    assertContains(response, "&lt;script&gt;x()&lt;/script&gt;")
    assert b"<script>x()" not in response.content


def test_an_uploaded_picture_is_stored_as_a_small_square_webp(client, reader):
    client.post(PROFILE, {"action": "avatar", "avatar": picture("JPEG", (900, 500))})

    reader.refresh_from_db()
    with reader.avatar.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("WEBP", (256, 256))
    assert reader.avatar_url == reader.avatar.url
    assert reader.avatar.name.endswith(".webp")


def test_a_new_picture_replaces_the_old_file(
    client, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROFILE, {"action": "avatar", "avatar": picture()})
    reader.refresh_from_db()
    first = reader.avatar.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROFILE, {"action": "avatar", "avatar": picture("GIF")})

    reader.refresh_from_db()
    assert reader.avatar.name != first
    assert not reader.avatar.storage.exists(first)


def test_a_file_that_is_not_a_picture_is_refused_with_a_reason(client, reader):
    """Tried: a text file named like a PNG."""
    fake = SimpleUploadedFile("me.png", b"<?php echo 'not an image'; ?>")

    response = client.post(PROFILE, {"action": "avatar", "avatar": fake})

    assert response.status_code == 400
    assertContains(response, "That file is not a picture.", status_code=400)
    reader.refresh_from_db()
    assert not reader.avatar


def test_a_picture_over_the_size_limit_is_refused_with_a_reason(
    client, reader, settings
):
    settings.LINERNOTES_AVATAR_MAX_BYTES = 1024

    response = client.post(
        PROFILE, {"action": "avatar", "avatar": picture("PNG", (300, 300))}
    )

    assertContains(response, "avatars may be at most 1 KB", status_code=400)
    reader.refresh_from_db()
    assert not reader.avatar


def test_removing_the_picture_brings_back_the_identicon(client, reader):
    client.post(PROFILE, {"action": "avatar", "avatar": picture()})

    client.post(PROFILE, {"action": "remove-avatar"})

    reader.refresh_from_db()
    assert not reader.avatar
    assert reader.avatar_url.startswith("/account/identicon/")


def test_without_a_picture_no_outside_service_is_used_by_default(make_account):
    reader = make_account(email="rae@example.net")

    assert reader.avatar_url.startswith("/account/identicon/")


def test_gravatar_when_switched_on_gets_a_hash_never_the_address(
    make_account, settings
):
    settings.LINERNOTES_GRAVATAR = True
    reader = make_account(email="Rae@Example.net")
    expected = hashlib.sha256(b"rae@example.net").hexdigest()

    url = reader.avatar_url

    assert url == f"https://www.gravatar.com/avatar/{expected}?d=identicon&s=80"


def test_the_profile_page_leaves_a_place_for_the_privacy_actions(client, reader):
    """Shows privacy's partial when the privacy app provides it, else nothing."""
    response = client.get(PROFILE)

    assertContains(response, 'id="profile-privacy"')


def test_a_partial_that_no_app_provides_renders_as_nothing():
    template = Template(
        '{% load users_tags %}[{% optional_include "nowhere/_missing.html" %}]'
    )

    assert template.render(Context({})) == "[]"
