"""The deploy-time warning about the address mail links point to."""

import pytest
from django.core import management
from django.core.management.base import SystemCheckError

from linernotes.notifications.system_checks import site_url_is_set


def test_production_without_a_site_url_is_warned(settings):
    settings.DEBUG = False
    settings.LINERNOTES_SITE_URL = ""

    (warning,) = site_url_is_set(None)

    assert warning.id == "linernotes.W001"
    assert "127.0.0.1:8000" in warning.hint
    with pytest.raises(SystemCheckError, match="LINERNOTES_SITE_URL is not set"):
        management.call_command(
            "check", "--deploy", "--tag", "linernotes", fail_level="WARNING"
        )


@pytest.mark.parametrize(
    ("debug", "site_url"), [(False, "https://blog.example.org"), (True, "")]
)
def test_a_site_url_or_development_needs_no_warning(settings, debug, site_url):
    settings.DEBUG = debug
    settings.LINERNOTES_SITE_URL = site_url

    assert site_url_is_set(None) == []
