"""Fixtures for the likes tests: builders from factories.py, and site settings."""

import pytest

from linernotes.core.models import SiteSettings

from . import factories


@pytest.fixture
def make_guest():
    return factories.make_guest


@pytest.fixture
def like_post():
    return factories.like_post


@pytest.fixture
def like_comment():
    return factories.like_comment


@pytest.fixture
def guests_not_allowed(db) -> None:
    site = SiteSettings.load()
    site.allow_guest_likes = False
    site.save()
