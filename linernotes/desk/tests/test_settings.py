"""The settings page: every site setting on one page, saved through the
service, bad input refused with nothing lost, the environment's part read-only
with no secret in the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.core import pagecache
from linernotes.core.models import SiteSettings
from linernotes.desk import services
from linernotes.desk.forms import GROUPS, SiteSettingsForm
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:desk_settings")


@pytest.fixture
def editor_client(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))
    return client


def posted(**changes) -> dict:
    """The form as the page sends it, with ``changes`` over the stored values."""
    form = SiteSettingsForm(instance=SiteSettings.load())
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_every_setting_is_on_the_page_in_a_group():
    editable = {f.name for f in SiteSettings._meta.fields if f.editable} - {"id"}
    grouped = [name for group in GROUPS for name in group.fields]

    assert sorted(grouped) == sorted(editable) == sorted(services.EDITABLE)


def test_the_page_groups_the_settings_with_their_help(editor_client):
    response = editor_client.get(PAGE)

    for legend in ["The blog", "Reading", "Comments", "Likes", "Spam"]:
        assertContains(response, f"<legend>{legend}</legend>")
    assertContains(response, "Which new comments wait in the moderation queue")
    assertContains(response, 'aria-describedby="id_comment_depth_helptext"')
    assertContains(response, '<option value="Europe/London">Europe/London</option>')


def test_saving_changes_the_blog_and_retires_cached_pages(
    editor_client, django_capture_on_commit_callbacks
):
    before = pagecache.read_stamp().generation

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            PAGE,
            posted(
                title="Side Two",
                time_zone="Europe/Berlin",
                posts_per_page="7",
                comment_moderation="all",
                authors_moderate_comments=False,
                close_comments_after_days="30",
                spam_blocked_words="cheap pills\nfree money",
            ),
        )

    assert response.status_code == 302 and response["Location"] == PAGE
    site = SiteSettings.load()
    assert (site.title, site.time_zone, site.posts_per_page) == (
        "Side Two",
        "Europe/Berlin",
        7,
    )
    assert site.comment_moderation == "all"
    assert site.authors_moderate_comments is False
    assert site.close_comments_after_days == 30
    assert site.spam_blocked_words == "cheap pills\nfree money"
    assertContains(editor_client.get(PAGE), "Settings saved.")
    assert pagecache.read_stamp().generation != before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("posts_per_page", "0", "greater than or equal to 1"),
        ("posts_per_page", "many", "Enter a whole number"),
        ("time_zone", "Mars/Olympus_Mons", "Select a valid choice"),
        ("comment_depth", "0", "greater than or equal to 1"),
        ("comment_depth", "11", "less than or equal to 10"),
        ("comment_edit_minutes", "-5", "greater than or equal to 0"),
        ("close_comments_after_days", "soon", "Enter a whole number"),
        ("comment_moderation", "<script>alert(1)</script>", "Select a valid choice"),
        ("title", "", "This field is required"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    editor_client, field, value, message
):
    response = editor_client.post(PAGE, posted(tagline="Changed", **{field: value}))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assertContains(response, message, status_code=400)
    assertContains(response, "Nothing was saved", status_code=400)
    assert SiteSettings.load().tagline != "Changed"
    # What the writer typed is still in the form.
    assertContains(response, 'value="Changed"', status_code=400)


def test_the_service_refuses_a_bad_value_and_keeps_the_row():
    with pytest.raises(ValidationError) as refused:
        services.update_site_settings({"title": "New", "time_zone": "Nowhere/Else"})

    assert "time_zone" in refused.value.message_dict
    assert SiteSettings.load().title != "New"


def test_the_service_refuses_a_name_that_is_not_a_setting():
    with pytest.raises(ValidationError, match="Not a site setting: pk"):
        services.update_site_settings({"pk": 2})


def test_the_old_settings_admin_leads_to_the_settings_page(editor_client):
    site = SiteSettings.load()

    for url in [
        reverse("admin:core_sitesettings_changelist"),
        reverse("admin:core_sitesettings_change", args=[site.pk]),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 302 and response["Location"] == PAGE


def test_the_environment_is_shown_without_a_secret(editor_client, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "smtp.example.net",
                "port": 587,
                "username": "blog-mailer",
                "password": "mail-password-do-not-show",
                "use_tls": True,
            },
        }
    }
    settings.LINERNOTES_AKISMET_KEY = "akismet-key-do-not-show"
    settings.REDIS_URL = "redis://:redis-password-do-not-show@cache.internal:6380/2"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "github": {
            "APPS": [{"client_id": "gh-id", "secret": "github-secret-do-not-show"}]
        }
    }

    html = editor_client.get(PAGE).content.decode()

    assert "do-not-show" not in html
    assert "SMTP server smtp.example.net:587, TLS on" in html
    assert "Redis at cache.internal:6380/2" in html
    assert "Github" in html
    akismet = html[html.index("Akismet key") :]
    assert akismet.split("</td>")[0].endswith(">set")


def test_an_author_may_not_change_settings(client, make_writer):
    client.force_login(make_writer(role=Role.AUTHOR))

    assert client.post(PAGE, posted(title="Mine now")).status_code == 403
    assert SiteSettings.load().title != "Mine now"
