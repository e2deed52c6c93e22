"""Fixtures for the whole suite: each app's builder functions, and a clean cache.

Builders live in ``<app>/tests/factories.py``; every one is exposed here as a
fixture of the same name, so a test asks for ``make_post`` and gets the function.
"""

import pytest
from django.core.cache import cache

from linernotes.catalogue.tests import factories as catalogue_factories
from linernotes.comments.tests import factories as comment_factories
from linernotes.core import pagecache
from linernotes.posts.tests import factories as post_factories
from linernotes.spam.model import forget_current_model
from linernotes.users.tests import factories as user_factories


def _expose(module, names: list[str]) -> None:
    for name in names:
        builder = getattr(module, name)
        globals()[name] = pytest.fixture(name=name)(lambda builder=builder: builder)


_expose(user_factories, ["make_user", "make_writer"])
_expose(catalogue_factories, ["make_artist", "make_release", "make_rocky_iv"])
_expose(comment_factories, ["make_comment"])
_expose(
    post_factories,
    [
        "make_post",
        "make_scheduled_post",
        "make_series",
        "make_tag",
        "make_category",
        "make_page",
        "make_attachment",
        "make_image_file",
        "make_post_image",
    ],
)


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    """Each test starts with an empty cache, its own media folder, and no
    spam text model remembered by this process (every test database holds
    the starting model ``migrate`` trained; a test may replace or delete it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    pagecache._settings_memo = None
    forget_current_model()
    yield
    cache.clear()
    forget_current_model()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run an action, then what it left for after commit (tasks, then their mail:
    the test settings' task backend runs them at once)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
