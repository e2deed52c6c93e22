"""WordPress keeps titles and names HTML-escaped; here they are the text a
reader sees (issue 10, the reviewer's finding on "&amp;").

WordPress stores a term name typed as "Rock & Roll" as "Rock &amp; Roll", and
WordPress.com does the same to post titles (Automattic/wp-calypso#44591), so
an export says "&amp;" where the blog showed "&". The import decodes each
reference once; the export escapes the same way, so a title that really says
"&amp;" goes out and comes back unchanged.
"""

import io

import pytest
from django.test import TestCase

from linernotes.comments.models import Comment
from linernotes.posts.models import Category, Page, Post, Series, Tag
from linernotes.transfer.models import WordPressObject
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.transfer.wordpress.reader import WxrItem, read_wxr
from linernotes.transfer.wordpress.writer import write_wxr
from linernotes.transfer.wordpress.wxr_text import entity_escaped, entity_text

pytestmark = pytest.mark.django_db
SITE = "https://notes.example.org"


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def run(document: bytes, owner, **options) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document), owner=owner, options=ImportOptions(**options)
        )


def written() -> bytes:
    out = io.BytesIO()
    write_wxr(out, site_url=SITE)
    return out.getvalue()


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Simon &amp; Garfunkel", "Simon & Garfunkel"),
        ("Rock &#038; Roll &#8211; live", "Rock & Roll – live"),
        ("caf&eacute; &lt;3 &#x1F3B8;", "café <3 🎸"),
        ("Tom &amp;amp; Jerry", "Tom &amp; Jerry"),  # decoded once, not twice
        ("AT&T, R&B & Q&A", "AT&T, R&B & Q&A"),  # bare ampersands are text
        ("Tom &notes; &notes", "Tom &notes; &notes"),  # no such reference
    ],
)
def test_each_reference_is_decoded_once_and_bare_ampersands_stay(stored, shown):
    assert entity_text(stored) == shown


def test_escaping_and_decoding_give_back_the_same_text():
    for text in ["Simon & Garfunkel", "Tom &amp; Jerry", "<b>x</b> & 2 < 3", "AT&T"]:
        assert entity_text(entity_escaped(text)) == text


def test_titles_and_term_names_wordpress_escaped_arrive_as_text(owner):
    """The reviewer's amp.xml, and a page and a series beside it: the file says
    "Simon &amp; Garfunkel", "1&amp;1" and "Rock &amp; Roll" in CDATA."""
    document = wxr.export(
        categories=[
            wxr.category("rock", "Rock &amp; Roll"),
            wxr.category("great-small", "Great &amp; Small Soundtracks"),
        ],
        tags=[wxr.tag("tag1", "1&amp;1")],
        items=[
            wxr.item(
                1,
                "Simon &amp; Garfunkel",
                terms=[
                    ("category", "rock", "Rock &amp; Roll"),
                    ("category", "great-small", "Great &amp; Small Soundtracks"),
                    ("post_tag", "tag1", "1&amp;1"),
                ],
                comments=[wxr.comment(7, author="Tom &amp; Jerry")],
            ),
            wxr.item(2, "Q&amp;A &#8211; about", type="page", slug="about"),
        ],
    )

    run(document, owner, series_from_categories="Great*")

    post = Post.objects.get()
    assert post.title == "Simon & Garfunkel"
    assert post.slug == "post-1"
    assert list(Tag.objects.values_list("name", flat=True)) == ["1&1"]
    assert list(Category.objects.values_list("name", flat=True)) == ["Rock & Roll"]
    assert post.series.title == "Great & Small Soundtracks"
    assert Page.objects.get().title == "Q&A – about"
    assert Comment.objects.get().author_name == "Tom & Jerry"


def test_a_term_named_only_on_its_post_is_decoded_too(owner):
    """No ``wp:category`` declares it: the item's ``<category>`` names it."""
    document = wxr.export(
        items=[wxr.item(1, terms=[("category", "rnb", "R&amp;B")])],
    )

    run(document, owner)

    assert Category.objects.get().name == "R&B"


def test_titles_and_names_saying_amp_survive_an_export_and_an_import(
    owner, make_post, make_category, make_tag, make_series, make_comment
):
    """A writer typed "&amp;" on purpose (a post about HTML entities): the
    export escapes it as WordPress would ("&amp;amp;"), so importing the file
    into an empty site gives back "&amp;", and "Simon & Garfunkel" stays."""
    category = make_category(name="Tips &amp; tricks")
    series = make_series(title="Salt & Pepper")
    post = make_post(
        title="Writing &amp; in HTML",
        categories=[category],
        series=series,
        tags=[make_tag(name="<b>&</b>")],
    )
    make_post(title="Simon & Garfunkel")
    make_comment(post=post, name="Ben &amp; Jerry's")
    document = written()
    titles = {r.title for r in read_wxr(io.BytesIO(document)) if isinstance(r, WxrItem)}
    assert titles == {"Writing &amp; in HTML", "Simon & Garfunkel"}

    Comment.objects.all().delete()
    Post.objects.all().delete()
    Series.objects.all().delete()
    Tag.objects.all().delete()
    Category.objects.all().delete()
    WordPressObject.objects.all().delete()
    run(document, owner)

    assert set(Post.objects.values_list("title", flat=True)) == {
        "Writing &amp; in HTML",
        "Simon & Garfunkel",
    }
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Tips &amp; tricks"
    ]
    assert list(Tag.objects.values_list("name", flat=True)) == ["<b>&</b>"]
    assert list(Series.objects.values_list("title", flat=True)) == ["Salt & Pepper"]
    assert Comment.objects.get().author_name == "Ben &amp; Jerry's"
