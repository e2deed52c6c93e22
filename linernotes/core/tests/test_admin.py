"""The site settings page in the admin: every setting on it, saved by a real POST."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db
# Roles by name: core imports no other app, even in its tests.


def change_url() -> str:
    return reverse("admin:core_sitesettings_change", args=[SiteSettings.load().pk])


def form_data(**changes) -> dict:
    """The change form as a browser posts it: the unticked boxes left out."""
    data = {
        "title": "Liner Notes",
        "tagline": "Notes on records",
        "description": "",
        "footer_text": "",
        "time_zone": "UTC",
        "posts_per_page": "10",
        "comment_moderation": "first",
        "authors_moderate_comments": "on",
        "comment_depth": "5",
        "comment_edit_minutes": "10",
        "close_comments_after_days": "",
        "allow_guest_likes": "on",
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def editor_client(client, make_writer):
    client.force_login(make_writer(role="Editor"))
    return client


def test_every_site_setting_is_on_the_admin_page(editor_client):
    """docs/operating.md sends writers here for the comment policy; before this
    page listed it, only the title, footer and reading settings could change."""
    fields = {f.name for f in SiteSettings._meta.fields} - {"id"}

    response = editor_client.get(change_url())

    form = response.context["adminform"]
    assert set(form.form.fields) == fields
    assert [fieldset.name for fieldset in form] == [
        None,
        "Reading",
        "Comments",
        "Likes",
        "Spam block lists",
    ]
    assertContains(response, "who moderates them")


def test_an_editor_changes_the_comment_policy(editor_client):
    data = form_data(
        comment_moderation="all",
        authors_moderate_comments=None,
        comment_depth="3",
        comment_edit_minutes="0",
        close_comments_after_days="90",
        allow_guest_likes=None,
    )

    response = editor_client.post(change_url(), data)

    assert response.status_code == 302
    site = SiteSettings.load()
    assert site.comment_moderation == SiteSettings.Moderation.HOLD_ALL
    assert site.authors_moderate_comments is False
    assert (site.comment_depth, site.comment_edit_minutes) == (3, 0)
    assert site.close_comments_after_days == 90
    assert site.allow_guest_likes is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("comment_depth", "0"),
        ("comment_depth", "11"),
        ("comment_edit_minutes", "-5"),
        ("close_comments_after_days", "soon"),
        ("comment_moderation", "<script>alert(1)</script>"),
    ],
)
def test_a_setting_out_of_range_is_refused_and_nothing_changes(
    editor_client, field, value
):
    data = form_data(**{"comment_moderation": "none", field: value})

    response = editor_client.post(change_url(), data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert SiteSettings.load().comment_moderation == SiteSettings.Moderation.HOLD_FIRST


def test_an_author_cannot_change_the_site_settings(client, make_writer):
    client.force_login(make_writer(role="Author"))

    response = client.post(change_url(), form_data(comment_moderation="none"))

    assert response.status_code == 403
    assert SiteSettings.load().comment_moderation == SiteSettings.Moderation.HOLD_FIRST
