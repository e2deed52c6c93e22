"""The report counts each term once, as made by the run or found before it
(issue 10, the reviewer's finding on pelican's fixture: an empty site
reported four categories and a tag "already present")."""

import io

import pytest
from django.test import TestCase

from linernotes.posts.models import Category, Tag
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def run(document: bytes, owner) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document), owner=owner, options=ImportOptions()
        )


# Pelican's fixture declares "Category 1" as categ-1 and "Tag2" as tag2, while
# its items name them category-1 and tag-2: one term each, by two slugs.
TWO_SLUGS = wxr.export(
    categories=[wxr.category("categ-1", "Category 1")],
    tags=[wxr.tag("tag2", "Tag2")],
    items=[
        wxr.item(
            1,
            terms=[
                ("category", "category-1", "Category 1"),
                ("post_tag", "tag-2", "Tag2"),
            ],
        ),
        wxr.item(2, terms=[("category", "categ-1", "Category 1")]),
    ],
)


def test_an_empty_site_has_nothing_already_present(owner):
    report = run(TWO_SLUGS, owner)

    assert report["already_present"] == {}
    assert (report["created"]["categories"], report["created"]["tags"]) == (1, 1)
    assert (Category.objects.count(), Tag.objects.count()) == (1, 1)


def test_a_second_run_finds_each_term_once(owner):
    run(TWO_SLUGS, owner)

    report = run(TWO_SLUGS, owner)

    assert (
        report["already_present"]["categories"],
        report["already_present"]["tags"],
    ) == (1, 1)
    assert "categories" not in report["created"] and "tags" not in report["created"]
