"""Every desk page writes a moment the same way: "15 Mar 2026, 00:05" for a
date with time, in the blog's time zone, from the one definition in
``core.formats``; where a page says how long ago instead, the exact moment is
in the ``<time>`` element's title.

The blog here is in Pacific/Auckland (UTC+13 in March), and the known moment,
11:05 UTC on 14 March 2026, falls on the next day there: a page that wrote UTC,
or Django's US default ("March 14, 2026, 11:05 a.m."), fails."""

import html
import re
from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from linernotes.catalogue.models import MergeSuggestion
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post, Revision, Series
from linernotes.transfer.models import ImportRun
from linernotes.users.models import User

pytestmark = pytest.mark.django_db

ZONE = "Pacific/Auckland"
MOMENT = datetime(2026, 3, 14, 11, 5, tzinfo=UTC)
SHOWN = "15 Mar 2026, 00:05"
DUE = datetime(2036, 3, 14, 11, 5, tzinfo=UTC)
DUE_SHOWN = "15 Mar 2036, 00:05"

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
# What the other ways of writing a date look like in a page's text: Django's
# US default ("Dec. 6, 2026, 2:51 p.m."), month-first dates, ISO dates, the
# clock in UTC.
OTHER_WAYS = re.compile(
    rf"\b{MONTH}\.|\b[ap]\.m\.|\b{MONTH} \d{{1,2}}, \d{{4}}|\b\d{{4}}-\d\d-\d\d\b"
    r"|14 Mar 2026|11:05"
)


def visible_text(page: str) -> str:
    """The words a reader of the page sees (no tags, no attributes)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def desk(client, make_post, make_comment, make_artist, make_series) -> dict:
    """One of everything the desk lists, each stamped at MOMENT, for the
    blog's owner."""
    site = SiteSettings.load()
    site.time_zone = ZONE
    site.save()
    owner = User.objects.create_superuser("owner", "owner@example.org", "pw")
    series = make_series(title="Eighties soundtracks")
    post = make_post(title="Rocky IV", author=owner, published_at=MOMENT, series=series)
    Series.objects.filter(pk=series.pk).update(updated_at=MOMENT)
    draft = make_post(title="Half-written", author=owner, status=Post.Status.DRAFT)
    make_post(title="Top Gun", status=Post.Status.SCHEDULED, published_at=DUE)
    Post.objects.filter(pk=draft.pk).update(updated_at=MOMENT)
    waiting = make_comment(post=post, approved=False, name="Dee", body="Vinyl?")
    approved = make_comment(post=post, name="Rae", body="Loved the synths.")
    Comment.objects.filter(pk__in=[waiting.pk, approved.pk]).update(created_at=MOMENT)
    Revision.objects.create(
        post=post, editor=owner, kind=Revision.Kind.SAVED, created_at=MOMENT
    )
    suggestion = MergeSuggestion.objects.create(
        artist=make_artist(name="Vince DiCola"),
        duplicate_name="Vinnie DiCola",
        reason="one letter apart",
    )
    MergeSuggestion.objects.filter(pk=suggestion.pk).update(created_at=MOMENT)
    run = ImportRun.objects.create(
        user=owner, file_name="old-blog.xml", status=ImportRun.Status.DONE
    )
    ImportRun.objects.filter(pk=run.pk).update(created_at=MOMENT)
    LogEntry.objects.create(
        user=owner,
        content_type=ContentType.objects.get_for_model(Post),
        object_id=str(post.pk),
        object_repr=post.title,
        action_flag=CHANGE,
        change_message="Changed the title.",
        action_time=MOMENT,
    )
    client.force_login(owner)
    return {"post": post, "series": series, "waiting": waiting, "run": run}


# Each desk page that shows a moment, and how to reach it.
PAGES = {
    "posts list": lambda d: reverse("admin:posts_post_changelist"),
    "post history": lambda d: reverse("admin:posts_post_history", args=[d["post"].pk]),
    "revisions": lambda d: reverse("admin:posts_post_revisions", args=[d["post"].pk]),
    "series list": lambda d: reverse("admin:posts_series_changelist"),
    "a series' page": lambda d: reverse(
        "admin:posts_series_change", args=[d["series"].pk]
    ),
    "comments list": lambda d: reverse("admin:comments_comment_changelist"),
    "a comment's page": lambda d: reverse(
        "admin:comments_comment_change", args=[d["waiting"].pk]
    ),
    "merges to confirm": lambda d: reverse(
        "admin:catalogue_mergesuggestion_changelist"
    ),
    "import from WordPress": lambda d: reverse("admin:transfer_importrun_changelist"),
    "an import's page": lambda d: reverse(
        "admin:transfer_import_run", args=[d["run"].pk]
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_desk_page_writes_the_moment_one_way_in_the_blogs_zone(client, desk, name):
    response = client.get(PAGES[name](desk))

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert SHOWN in text
    assert OTHER_WAYS.findall(text) == []


# Pages that list no moment still use no other way (the settings page lists
# every time zone by name, but no date).
@pytest.mark.parametrize(
    "url",
    [
        "admin:posts_page_changelist",
        "admin:users_user_changelist",
        "admin:desk_settings",
        "admin:catalogue_release_changelist",
    ],
)
def test_pages_without_moments_write_no_date_another_way(client, desk, url):
    text = visible_text(client.get(reverse(url)).content.decode())

    assert OTHER_WAYS.findall(text) == []


def test_home_gives_exact_moments_and_comments_how_long_ago_with_the_exact_one(
    client, desk
):
    page = client.get(reverse("admin:index")).content.decode()

    # Drafts and scheduled posts: the exact moment, the due time with its zone.
    assert f'<time datetime="2026-03-15T00:05:00+13:00">{SHOWN}</time>' in page
    assert f">{DUE_SHOWN}</time> {ZONE}" in page
    # The waiting and the recent comment: how long ago, the moment in the title.
    ago = re.findall(r'<time datetime="[^"]+" title="([^"]+)">([^<]+)</time>', page)
    assert ago == [(f"{SHOWN} ({ZONE})", ago[0][1])] * 2
    assert ago[0][1].endswith(" ago")
    # The reading panel's days: the date alone, in its one format.
    assert re.search(r"Views per day, \d{1,2} [A-Z][a-z]{2} \d{4} to \d", page)
    assert OTHER_WAYS.findall(visible_text(page)) == []


def test_the_comments_list_puts_the_moment_in_a_time_element(client, desk):
    page = client.get(reverse("admin:comments_comment_changelist")).content.decode()

    assert f'<time datetime="2026-03-15T00:05:00+13:00">{SHOWN}</time>' in page
