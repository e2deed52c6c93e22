"""Writing posts: slugs, redirects, statuses, scheduling, uploads, counters."""

import threading
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from linernotes.core import pagecache
from linernotes.core.exceptions import UploadRejected
from linernotes.core.models import PageCacheStamp
from linernotes.posts import services
from linernotes.posts.models import Attachment, MonthArchive, Post, SlugRedirect

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
