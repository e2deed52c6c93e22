"""Site settings through one accessor, ``core.site``."""

import pytest

from linernotes.core import site
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_without_a_request_the_settings_come_from_the_database():
    stored = SiteSettings.load()
    stored.title = "Side B"
    stored.save()

    assert site.site_settings().title == "Side B"


def test_code_without_a_request_sees_what_the_last_request_loaded(
    client, django_assert_num_queries
):
    stored = SiteSettings.load()
    stored.title = "Deep Cuts"
    stored.save()
    client.get("/robots.txt")

    with django_assert_num_queries(0):
        title = site.site_settings().title

    assert title == "Deep Cuts"


def test_a_saved_change_reaches_the_next_request(
    client, django_capture_on_commit_callbacks
):
    client.get("/robots.txt")
    stored = SiteSettings.load()
    stored.title = "B-Sides and Rarities"
    with django_capture_on_commit_callbacks(execute=True):
        stored.save()

    response = client.get("/")

    assert "B-Sides and Rarities" in response.content.decode()
    assert site.site_settings().title == "B-Sides and Rarities"
