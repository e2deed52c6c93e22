"""A series made from a category keeps every old address the category had
(issue 10, the reviewer's finding on nested category paths)."""

import io

import pytest
from django.test import TestCase

from linernotes.posts.models import Series
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def test_a_series_from_a_child_category_answers_its_nested_address(owner, client):
    """ "Great Soundtracks of the 1980s" is a child of "Reviews" on the old
    blog, so WordPress answered /category/reviews/great-soundtracks-1980s/ as
    well as /category/great-soundtracks-1980s/: both lead to the series, and
    so do the feeds of both."""
    document = wxr.export(
        categories=[
            wxr.category("reviews", "Reviews", term_id=3),
            wxr.category(
                "great-soundtracks-1980s",
                "Great Soundtracks of the 1980s",
                parent="reviews",
                term_id=7,
            ),
        ],
        items=[
            wxr.item(
                1,
                "Rocky IV",
                terms=[
                    ("category", "great-soundtracks-1980s", "Great Soundtracks"),
                ],
            )
        ],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_wordpress(
            io.BytesIO(document),
            owner=owner,
            options=ImportOptions(series_from_categories="Great Soundtracks*"),
        )

    series = Series.objects.get()
    for old in [
        "/category/reviews/great-soundtracks-1980s/",
        "/category/great-soundtracks-1980s/",
        "/category/reviews/great-soundtracks-1980s/feed/",
        "/?cat=7",
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].startswith(series.get_absolute_url()), old
