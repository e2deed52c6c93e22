"""Writing posts: who may save what, slugs, redirects, statuses, scheduling,
uploads, counters, batches."""

import threading
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from linernotes.core import pagecache
from linernotes.core.exceptions import UploadRejected
from linernotes.core.models import PageCacheStamp
from linernotes.posts import services
from linernotes.posts.models import Attachment, MonthArchive, Post, SlugRedirect
from linernotes.posts.services import counts
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Rocky IV (1985)", "rocky-iv-1985"),
        ("Motörhead – Ace of Spades", "motorhead-ace-of-spades"),
        ("Кино — Группа крови", "kino-gruppa-krovi"),
        ("Sigur Rós: Ágætis byrjun", "sigur-ros-agaetis-byrjun"),
        ("坂本龍一", "ban-ben-long-yi"),
        ("!!!", "post"),
    ],
)
def test_titles_in_any_script_get_readable_ascii_slugs(make_post, title, slug):
    assert make_post(title=title).slug == slug


def test_a_repeated_title_gets_a_numbered_slug(make_post):
    first = make_post(title="Greatest Hits")
    second = make_post(title="Greatest Hits")

    assert (first.slug, second.slug) == ("greatest-hits", "greatest-hits-2")


def test_changing_a_slug_keeps_a_redirect_from_the_old_one(make_post):
    post = make_post(title="Rocky 4")
    post.slug = "rocky-iv"

    services.save_post(post=post)

    assert SlugRedirect.objects.get(old_slug="rocky-4").post == post


def test_an_old_slug_is_not_given_to_a_new_post(make_post):
    post = make_post(title="Rocky 4")
    post.slug = "rocky-iv"
    services.save_post(post=post)

    assert make_post(title="Rocky 4").slug == "rocky-4-2"


def test_taking_back_an_old_slug_drops_its_redirect(make_post):
    post = make_post(title="First name")
    post.slug = "second-name"
    services.save_post(post=post)
    post.slug = "first-name"

    services.save_post(post=post)

    assert not SlugRedirect.objects.filter(old_slug="first-name").exists()


def test_the_body_is_stored_rendered_and_sanitised(make_post):
    post = make_post(body="Hello *there* <script>alert(1)</script>")

    assert "<em>there</em>" in post.body_html
    assert "<script" not in post.body_html
    assert post.body_text == "Hello there"


def test_publishing_with_a_future_time_schedules(make_post):
    later = timezone.now() + timedelta(days=2)

    post = services.publish_post(post=make_post(status=Post.Status.DRAFT), at=later)

    assert post.status == Post.Status.SCHEDULED
    assert not post.is_public
    assert post not in Post.objects.published()
    assert post in Post.objects.upcoming()


def test_a_scheduled_post_is_public_once_due_without_any_job(make_post):
    post = make_post(
        status=Post.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1)
    )
    Post.objects.filter(pk=post.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )

    assert Post.objects.published().filter(pk=post.pk).exists()


def test_drafts_and_pending_posts_are_not_published(make_post):
    draft = make_post(status=Post.Status.DRAFT)
    pending = services.submit_post_for_review(post=make_post(status=Post.Status.DRAFT))

    assert pending.status == Post.Status.PENDING
    assert not Post.objects.published().filter(pk__in=[draft.pk, pending.pk]).exists()


def test_series_positions_follow_the_order_parts_are_added(make_post, make_series):
    series = make_series(title="Great Soundtracks of 1985")
    first, second = make_post(series=series), make_post(series=series)

    assert (first.series_position, second.series_position) == (1, 2)


def test_reordering_a_series_renumbers_its_parts(make_post, make_series):
    series = make_series()
    a, b, c = (make_post(series=series) for _ in range(3))

    services.reorder_series(series=series, posts=[c, a, b])

    assert list(Post.objects.in_series(series)) == [c, a, b]


def _jpeg(width: int, height: int) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_cover_gets_thumbnails_at_the_configured_widths(make_post, settings):
    settings.LINERNOTES_THUMBNAIL_WIDTHS = [200, 400]
    post = make_post()
    post.cover = SimpleUploadedFile(
        "cover.jpg", _jpeg(800, 600), content_type="image/jpeg"
    )

    services.save_post(post=post)

    assert post.cover_thumbnails["200"]["height"] == 150
    assert post.cover_thumbnails["400"]["width"] == 400
    assert post.cover.storage.exists(post.cover_thumbnails["400"]["name"])


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("huge.pdf", 2048, "largest file this blog accepts"),
        ("tool.exe", 10, "not a file type this blog accepts"),
        ("no-extension", 10, "not a file type this blog accepts"),
    ],
)
def test_oversized_or_disallowed_uploads_are_refused_with_a_reason(
    make_post, settings, name, size, message
):
    settings.LINERNOTES_ATTACHMENT_MAX_BYTES = 1024
    upload = SimpleUploadedFile(name, b"x" * size)

    with pytest.raises(UploadRejected, match=message):
        services.attach_file(post=make_post(), upload=upload)
    assert not Attachment.objects.exists()


def test_an_accepted_attachment_records_its_size_and_type(make_post, make_attachment):
    attachment = make_attachment(
        post=make_post(), name="guide.pdf", data=b"%PDF-1.4 tiny"
    )

    assert attachment.size == 13
    assert attachment.content_type == "application/pdf"


def test_an_image_that_is_not_an_image_is_refused(settings):
    with pytest.raises(UploadRejected, match="not an image"):
        services.check_image_upload(
            SimpleUploadedFile("cover.jpg", b"not really a jpeg")
        )


@pytest.mark.parametrize("name", ["page.html", "cover.svg", "cover"])
def test_an_image_whose_name_is_not_an_images_is_refused(make_image_file, name):
    """Pillow reads the bytes as a PNG, but the name would be served as
    something else if the media folder were ever served directly."""
    image = make_image_file(width=10)
    upload = SimpleUploadedFile(name, image.read())

    with pytest.raises(UploadRejected, match="does not end as an image"):
        services.check_image_upload(upload)


def test_an_image_with_more_pixels_than_pillow_reads_safely_is_refused(
    monkeypatch, make_image_file
):
    from PIL import Image

    # Pillow refuses past twice MAX_IMAGE_PIXELS (a "decompression bomb");
    # lowered here so a small image stands in for a 200-megapixel one.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    with pytest.raises(UploadRejected, match="too many pixels"):
        services.check_image_upload(make_image_file(width=100))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_are_all_counted(make_post, make_attachment):
    attachment = make_attachment(post=make_post())
    errors = []

    def download_five_times():
        try:
            for _ in range(5):
                services.record_download(attachment=attachment)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=download_five_times) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    attachment.refresh_from_db()
    assert errors == []
    assert attachment.download_count == 40


def test_counts_follow_committed_changes(
    make_post, make_tag, make_series, django_capture_on_commit_callbacks
):
    tag, series = make_tag(name="synth"), make_series()
    with django_capture_on_commit_callbacks(execute=True):
        make_post(tags=[tag], series=series, days_ago=1)
        make_post(tags=[tag], series=series, days_ago=2)
        make_post(tags=[tag], status=Post.Status.DRAFT)
    tag.refresh_from_db()
    series.refresh_from_db()

    assert (tag.post_count, series.post_count) == (2, 2)
    assert sum(MonthArchive.objects.values_list("post_count", flat=True)) == 2


def test_a_scheduled_post_coming_due_updates_the_counts(make_post, make_tag):
    tag = make_tag(name="synth")
    due = timezone.now() + timedelta(hours=1)
    post = make_post(tags=[tag], status=Post.Status.SCHEDULED, published_at=due)
    services.refresh_counts()
    # Time passes: the post is due, and the stamp's due time lies behind us.
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
    PageCacheStamp.objects.update(next_due_at=timezone.now())

    pagecache.read_stamp()  # the first request after the due time

    tag.refresh_from_db()
    assert tag.post_count == 1


def test_a_post_counts_its_attachments_and_reviews(
    make_post, make_attachment, make_release
):
    post = make_post()
    make_attachment(post=post)
    make_attachment(post=post, name="second.txt")
    services.review_release(post=post, release=make_release())

    post.refresh_from_db()
    assert (post.attachment_count, post.review_count) == (2, 1)


def test_recounting_a_post_catches_rows_removed_behind_its_back(
    make_post, make_attachment
):
    """The admin's inline formsets delete rows without a service; the recount
    that follows them must bring the stored count back to zero."""
    post = make_post()
    make_attachment(post=post).delete()

    services.refresh_post_extras(post=post)

    post.refresh_from_db()
    assert post.attachment_count == 0


# -- save_post_as: the one path for the admin, the demo and importers ---------


def test_an_empty_author_means_the_editor(make_writer):
    editor = make_writer(role=Role.EDITOR)
    post = Post(title="No byline given", status=Post.Status.DRAFT)

    services.save_post_as(editor=editor, post=post)

    assert post.author == editor


def test_only_an_editor_gives_a_post_to_another_writer(make_writer):
    author, colleague = make_writer(), make_writer()
    editor = make_writer(role=Role.EDITOR)
    by_author = Post(title="Mine, really", author=colleague)
    by_editor = Post(title="Theirs", author=colleague)

    services.save_post_as(editor=author, post=by_author)
    services.save_post_as(editor=editor, post=by_editor)

    assert (by_author.author, by_editor.author) == (author, colleague)


def test_a_reader_is_never_made_an_author(make_writer, make_user):
    """Tried: an editor naming a reader's account as the byline."""
    post = Post(title="Guest spot", author=make_user())

    with pytest.raises(PermissionDenied, match="reader"):
        services.save_post_as(editor=make_writer(role=Role.EDITOR), post=post)
    assert not Post.objects.exists()


def test_an_author_may_not_save_another_writers_post(make_writer, make_post):
    """Tried: an author handing in someone else's post as if it were theirs."""
    theirs = make_post(author=make_writer(), status=Post.Status.DRAFT)
    theirs.title = "Rewritten"

    with pytest.raises(PermissionDenied):
        services.save_post_as(editor=make_writer(), post=theirs)


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.AUTHOR, Post.Status.PENDING), (Role.EDITOR, Post.Status.PUBLISHED)],
)
def test_an_authors_publish_waits_for_review_and_an_editors_stands(
    make_writer, role, status
):
    post = Post(title="Straight out", status=Post.Status.PUBLISHED)

    services.save_post_as(editor=make_writer(role=role), post=post)

    assert post.status == status


def test_an_author_editing_a_post_an_editor_scheduled_keeps_the_schedule(
    make_writer, make_scheduled_post
):
    author = make_writer()
    post = make_scheduled_post(author=author)
    post.body = "A better opening line."

    services.save_post_as(editor=author, post=post)

    post.refresh_from_db()
    assert post.status == Post.Status.SCHEDULED


def test_an_import_run_as_the_site_owner_keeps_status_and_dates(
    admin_user, make_writer
):
    written = timezone.now() - timedelta(days=4000)
    post = Post(
        title="From the old blog",
        author=make_writer(),
        status=Post.Status.PUBLISHED,
        published_at=written,
    )

    services.save_post_as(editor=admin_user, post=post, import_mode=True)

    post.refresh_from_db()
    assert (post.status, post.published_at) == (Post.Status.PUBLISHED, written)


def test_an_import_run_as_anyone_but_the_site_owner_is_refused(make_writer):
    post = Post(title="From the old blog", author=make_writer())

    with pytest.raises(PermissionDenied):
        services.save_post_as(
            editor=make_writer(role=Role.EDITOR), post=post, import_mode=True
        )


def test_a_part_with_no_position_comes_after_the_last_part(
    make_writer, make_series, make_post
):
    """On SQLite an empty position sorted first, so the newest part read
    "Part 1"."""
    series = make_series()
    make_post(series=series, days_ago=2)
    make_post(series=series, days_ago=1)
    post = Post(title="The third part", series=series, status=Post.Status.PUBLISHED)

    services.save_post_as(editor=make_writer(role=Role.EDITOR), post=post)

    assert post.series_position == 3
    assert list(Post.objects.in_series(series))[-1] == post


def test_text_fields_lose_characters_xml_cannot_carry(make_writer):
    """Tried: a title and body pasted with NUL, ESC and form-feed characters."""
    post = Post(
        title="Rocky\x00 IV\x1b",
        body="Burning\x0c Heart",
        excerpt="\x08War",
        cover_alt="Poster\x07",
    )

    services.save_post_as(editor=make_writer(role=Role.EDITOR), post=post)

    post.refresh_from_db()
    assert (post.title, post.body, post.excerpt, post.cover_alt) == (
        "Rocky IV",
        "Burning Heart",
        "War",
        "Poster",
    )
    assert post.body_text == "Burning Heart"


def test_name_checks_come_back_as_warnings_after_related_rows(
    make_writer, make_rocky_iv
):
    rocky = make_rocky_iv()
    post = Post(title="Rocky IV", body="John Cafferty sings “Hearts of Fire”.")

    warnings = services.save_post_as(
        editor=make_writer(role=Role.EDITOR),
        post=post,
        related=lambda saved: services.review_release(post=saved, release=rocky),
    )

    assert warnings == [
        "Name check: “Hearts of Fire” in the text looks like “Hearts on Fire”. "
        "The text was left as you wrote it."
    ]
    post.refresh_from_db()
    assert post.review_count == 1


# Real commits from here on: counts and cached pages follow a commit, and a
# batch spans several.


@pytest.mark.django_db(transaction=True)
def test_unpublishing_moves_a_post_to_drafts_and_recounts(make_post, make_tag):
    tag = make_tag()
    post = make_post(tags=[tag])

    services.unpublish_post(post=post)

    tag.refresh_from_db()
    assert (post.status, tag.post_count) == (Post.Status.DRAFT, 0)


@pytest.mark.django_db(transaction=True)
def test_deleting_a_post_recounts_and_retires_cached_pages(client, make_post, make_tag):
    tag = make_tag()
    post = make_post(title="Going, going", tags=[tag])
    assert b"Going, going" in client.get(tag.get_absolute_url()).content  # cached

    services.delete_post(post=post)

    tag.refresh_from_db()
    assert tag.post_count == 0
    assert b"Going, going" not in client.get(tag.get_absolute_url()).content


# -- batches: one recount at the end of a run of saves -------------------------


@pytest.fixture
def recounts(monkeypatch) -> list[None]:
    """One entry per run of ``refresh_counts``."""
    runs: list[None] = []
    recount = counts.refresh_counts

    def counted() -> None:
        runs.append(None)
        recount()

    monkeypatch.setattr(counts, "refresh_counts", counted)
    return runs


@pytest.mark.django_db(transaction=True)
def test_a_batch_recounts_and_retires_pages_once_at_its_end(
    client, make_writer, make_tag, recounts
):
    editor, tag = make_writer(role=Role.EDITOR), make_tag(name="synth")
    assert b"Batch part" not in client.get(tag.get_absolute_url()).content  # cached
    generation = PageCacheStamp.objects.get().generation
    recounts.clear()

    with services.batch():
        for number in range(3):
            post = Post(title=f"Batch part {number}", status=Post.Status.PUBLISHED)
            services.save_post_as(editor=editor, post=post, tags=[tag])
            tag.refresh_from_db()
            assert (len(recounts), tag.post_count) == (0, 0)  # committed, not counted
            assert PageCacheStamp.objects.get().generation == generation

    tag.refresh_from_db()
    assert (len(recounts), tag.post_count) == (1, 3)
    assert b"Batch part 2" in client.get(tag.get_absolute_url()).content


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_fails_halfway_still_catches_up_with_what_was_saved(
    make_writer, make_user, make_tag
):
    """Tried: the second item of a run names a reader as its author."""
    editor, tag = make_writer(role=Role.EDITOR), make_tag()
    saved = Post(title="Saved", status=Post.Status.PUBLISHED)
    refused = Post(title="Refused", author=make_user())

    with pytest.raises(PermissionDenied), services.batch():
        services.save_post_as(editor=editor, post=saved, tags=[tag])
        services.save_post_as(editor=editor, post=refused)

    tag.refresh_from_db()
    assert tag.post_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_batch_inside_a_batch_leaves_the_work_to_the_outer_one(make_post, recounts):
    with services.batch():
        with services.batch():
            make_post()
        make_post()
        assert recounts == []

    assert len(recounts) == 1


def test_inside_catalogue_unchanged_the_artists_are_read_once(make_post, make_artist):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_artist(name="Survivor")
    posts = [make_post(body="Survivor again") for _ in range(3)]
    table = 'FROM "catalogue_artist"'

    with CaptureQueriesContext(connection) as queries, services.catalogue_unchanged():
        for post in posts:
            services.link_mentions(post=post)

    reads = [  # the whole catalogue's names, not one post's mentioned artists
        q
        for q in queries.captured_queries
        if table in q["sql"] and "JOIN" not in q["sql"]
    ]
    assert len(reads) == 1
    assert all(p.mentioned_artists.filter(name="Survivor").exists() for p in posts)
