"""The post editor's pages and endpoints: the preview drawn by the post
template, autosave, images dropped into the text, revisions to compare and
restore, the series' next part, and times in the blog's time zone."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.core.models import SiteSettings
from linernotes.posts import services
from linernotes.posts.models import Post, PostImage, Revision, Series
from linernotes.users.roles import Role

from .test_admin import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, make_writer):
    writer = make_writer(role=Role.EDITOR, username="mara")
    client.force_login(writer)
    return writer


def png(name: str = "shot.png", size: tuple[int, int] = (40, 20)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_preview_is_the_post_page_drawn_from_the_unsaved_text(
    client, editor, make_post, make_series
):
    series = make_series(title="Great Soundtracks of 1985")
    post = make_post(author=editor, title="Rocky IV", body="Saved words.")

    response = client.post(
        reverse("admin:posts_post_page_preview") + f"?post={post.pk}",
        {
            "title": "Rocky IV, redone",
            "body": "Typed **loud** words.",
            "series": series.pk,
        },
    )

    assertContains(response, '<article class="entry"')  # the blog's own template
    assertContains(response, "<strong>loud</strong>")
    assertContains(response, "Rocky IV, redone")
    assertContains(response, "/static/")  # with the blog's stylesheet
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    post.refresh_from_db()
    assert (post.title, post.body, post.series) == ("Rocky IV", "Saved words.", None)


def test_a_new_post_is_previewed_before_it_is_ever_saved(client, editor):
    response = client.post(
        reverse("admin:posts_post_page_preview"),
        {"title": "Draft", "body": "*soft* words <script>x()</script>"},
    )

    assertContains(response, "<em>soft</em>")
    assertNotContains(response, "x()")
    assert not Post.objects.exists()


def test_the_preview_is_closed_to_readers(client, make_user):
    client.force_login(make_user())

    response = client.post(reverse("admin:posts_post_page_preview"), {"body": "x"})

    assert response.status_code == 302  # to the sign-in page


def test_the_change_page_works_without_javascript(client, editor, make_post):
    post = make_post(author=editor, body="one two three")

    page = client.get(reverse("admin:posts_post_change", args=[post.pk]))

    assertContains(page, 'formaction="/admin/posts/post/page-preview/?post=')
    assertContains(page, "3 words · 1 min read")
    assertContains(page, "Revisions (0)")
    assertContains(page, 'name="comments_open"')
    assertContains(page, "s time zone, UTC (it is ")
    assert "frame-src 'self'" in page["Content-Security-Policy"]


def test_saving_in_the_editor_keeps_a_revision(client, editor, make_post):
    post = make_post(author=editor, body="before")

    client.post(
        reverse("admin:posts_post_change", args=[post.pk]),
        post_form(title=post.title, slug=post.slug, body="after"),
    )

    revision = Revision.objects.get()
    assert (revision.kind, revision.body, revision.editor) == ("saved", "after", editor)


def test_autosave_stores_a_revision_and_readers_still_get_the_saved_post(
    client, editor, make_post
):
    post = make_post(author=editor, title="Rocky IV", body="Saved *words*.")
    reader = client.__class__()
    before = reader.get(post.get_absolute_url()).content

    answer = client.post(
        reverse("admin:posts_post_autosave", args=[post.pk]),
        {"title": "Rocky IV", "body": "Typed but not saved."},
    )

    assert answer.status_code == 200
    assert answer.json()["others_editing"] == []
    assert Revision.objects.get().body == "Typed but not saved."
    post.refresh_from_db()
    assert post.body == "Saved *words*."
    assert reader.get(post.get_absolute_url()).content == before


def test_a_second_editor_is_told_who_else_is_editing(
    client, editor, make_writer, make_post
):
    post = make_post(author=editor)
    client.get(reverse("admin:posts_post_change", args=[post.pk]))
    other = make_writer(role=Role.EDITOR, username="jon")
    second = client.__class__()
    second.force_login(other)

    page = second.get(reverse("admin:posts_post_change", args=[post.pk]))
    answer = second.post(
        reverse("admin:posts_post_autosave", args=[post.pk]),
        {"title": "T", "body": "b"},
    )

    editor.refresh_from_db()
    notice = f"{editor.public_name} is editing this post too.".lower()
    assert notice in page.content.decode().lower()  # the desk capitalises notices
    assert answer.json()["others_editing"] == [editor.public_name]


def test_an_author_cannot_autosave_into_someone_elses_post(
    client, make_writer, make_post
):
    theirs = make_post(author=make_writer(role=Role.EDITOR))
    client.force_login(make_writer(role=Role.AUTHOR))

    answer = client.post(
        reverse("admin:posts_post_autosave", args=[theirs.pk]), {"body": "mine now"}
    )

    assert answer.status_code == 404
    assert not Revision.objects.exists()


def test_an_autosave_newer_than_the_post_is_offered_on_coming_back(
    client, editor, make_post
):
    post = make_post(author=editor, body="saved")
    services.autosave_post(post=post, editor=editor, title=post.title, body="typed")

    page = client.get(reverse("admin:posts_post_change", args=[post.pk]))

    assertContains(page, "You have an autosave from")
    assertContains(page, "compare it and restore it")


def test_an_image_dropped_into_the_text_is_stored_and_its_markdown_returned(
    client, editor, make_post
):
    post = make_post(author=editor)

    answer = client.post(
        reverse("admin:posts_post_image", args=[post.pk]),
        {"image": png("stage-photo.png")},
    )

    image = PostImage.objects.get()
    assert image.post == post and image.alt == "stage photo"
    assert answer.json()["markdown"] == f"![stage photo]({image.image.url})"


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            SimpleUploadedFile(
                "notes.txt", b"not a picture", content_type="text/plain"
            ),
            "“notes.txt” is not an image this blog can read.",
        ),
        (None, "Choose an image file to upload."),
    ],
)
def test_a_file_that_is_not_an_image_gets_a_clear_error_and_stores_nothing(
    client, editor, make_post, settings, upload, error
):
    post = make_post(author=editor)

    answer = client.post(
        reverse("admin:posts_post_image", args=[post.pk]),
        {"image": upload} if upload else {},
    )

    assert answer.status_code == 400
    assert answer.json() == {"error": error}
    assert not PostImage.objects.exists()
    images = settings.MEDIA_ROOT / "images"
    assert not images.exists() or not any(images.rglob("*.*"))


def test_an_oversized_image_is_refused_with_the_limit(
    client, editor, make_post, settings
):
    settings.LINERNOTES_IMAGE_MAX_BYTES = 100
    post = make_post(author=editor)

    answer = client.post(
        reverse("admin:posts_post_image", args=[post.pk]),
        {"image": png(size=(200, 200))},
    )

    assert answer.status_code == 400
    assert "images may be at most 0.0 MB" in answer.json()["error"]
    assert not PostImage.objects.exists()


def test_revisions_are_listed_compared_and_restored(client, editor, make_post):
    post = make_post(author=editor, body="first line\nold words")
    services.record_revision(post=post, editor=editor)
    old = Revision.objects.get()
    post.body = "first line\nnew words"
    services.save_post_as(editor=editor, post=post)

    listing = client.get(reverse("admin:posts_post_revisions", args=[post.pk]))
    compared = client.get(reverse("admin:posts_post_revision", args=[post.pk, old.pk]))
    restored = client.post(
        reverse("admin:posts_post_revision", args=[post.pk, old.pk]), follow=True
    )

    assertContains(listing, "with the saved post")
    assertContains(compared, '<li class="diff-removed">', count=1)
    assertContains(compared, "new words")  # in the saved post only
    assertContains(compared, '<span class="diff-text">old words</span>')
    assertContains(restored, "Restored the revision of")
    post.refresh_from_db()
    assert post.body == "first line\nold words"


def test_restoring_says_what_no_longer_exists(client, editor, make_post, make_series):
    series = make_series(title="Gone")
    post = make_post(author=editor, series=series)
    services.record_revision(post=post, editor=editor)
    revision = Revision.objects.get()
    post.series = None
    services.save_post_as(editor=editor, post=post)
    Series.objects.filter(pk=series.pk).delete()

    page = client.post(
        reverse("admin:posts_post_revision", args=[post.pk, revision.pk]), follow=True
    )

    assertContains(page, "Left out, because it no longer exists: the series “Gone”")


def test_choosing_a_series_offers_its_next_part_number(
    client, editor, make_post, make_series
):
    series = make_series()
    make_post(series=series)
    make_post(series=series)

    answer = client.get(
        reverse("admin:posts_post_series_position"), {"series": series.pk}
    )

    assert answer.json() == {"position": 3}


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        (
            "2099-03-29",
            "01:30",
            "01:30 on 29 March 2099 does not exist in Europe/London: the clocks go "
            "forward over it.",
        ),
        (
            "2099-10-25",
            "01:30",
            "01:30 on 25 October 2099 happens twice in Europe/London: the clocks go "
            "back over it.",
        ),
    ],
)
def test_a_time_the_clocks_skip_or_repeat_gets_a_clear_message(
    client, editor, day, time, message
):
    site = SiteSettings.load()
    site.time_zone = "Europe/London"
    site.save()

    page = client.post(
        reverse("admin:posts_post_add"),
        post_form(published_at_0=day, published_at_1=time),
    )

    assertContains(page, message)
    assert not Post.objects.exists()


def test_a_time_is_read_in_the_blogs_time_zone(client, editor):
    site = SiteSettings.load()
    site.time_zone = "Europe/London"
    site.save()

    client.post(
        reverse("admin:posts_post_add"),
        post_form(published_at_0="2099-07-01", published_at_1="09:00"),
    )

    assert Post.objects.get().published_at.isoformat() == "2099-07-01T08:00:00+00:00"
