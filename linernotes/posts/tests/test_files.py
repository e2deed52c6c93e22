"""Files are served under the access rule: the counted download view and /media/.

The tests of what the old code got wrong were seen failing with it (the old
download view and ``django.views.static.serve`` put back in the URLconf): it
served a locked post's attachment without the password, ignored Range, and
handed out any draft's cover, thumbnails, body images and attachments at their
/media/ addresses. The rest pin what already held: a hidden post's download was
a 404, a traversal a 400 (now a 404), and a download never emptied the cache.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from pytest_django.asserts import assertContains

from linernotes.catalogue import services as catalogue_services
from linernotes.posts import services
from linernotes.posts.models import Post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("browser")]

DATA = b"0123456789abcdef"  # 16 bytes, so ranges are easy to read

HIDDEN = {
    "draft": {"status": Post.Status.DRAFT},
    "pending": {"status": Post.Status.PENDING},
    "private": {"status": Post.Status.PRIVATE, "days_ago": 1},
    "scheduled, not due": {
        "status": Post.Status.SCHEDULED,
        "published_at": timezone.now() + timedelta(days=2),
    },
}


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def download_count(attachment) -> int:
    attachment.refresh_from_db()
    return attachment.download_count


@pytest.fixture
def song(make_post, make_attachment):
    return make_attachment(post=make_post(days_ago=1), name="song.mp3", data=DATA)


@pytest.fixture
def locked(make_post):
    return make_post(days_ago=1, password="sesame")


def unlock(client, post) -> None:
    client.post(post.get_absolute_url(), {"password": "sesame"})


# -- the counted download view ----------------------------------------------


def test_a_download_answers_the_whole_file_and_counts(client, song):
    response = client.get(song.get_absolute_url())

    assert response.status_code == 200
    assert body(response) == DATA
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"] == 'attachment; filename="song.mp3"'
    assert response["Cache-Control"] == "no-store"
    assert download_count(song) == 1


@pytest.mark.parametrize(
    ("header", "content_range", "expected"),
    [
        ("bytes=2-5", "bytes 2-5/16", b"2345"),
        ("bytes=12-", "bytes 12-15/16", b"cdef"),
        ("bytes=-3", "bytes 13-15/16", b"def"),
        ("bytes=10-999", "bytes 10-15/16", b"abcdef"),
        ("bytes=-99", "bytes 0-15/16", DATA),
    ],
)
def test_one_byte_range_answers_206(client, song, header, content_range, expected):
    response = client.get(song.get_absolute_url(), HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == content_range
    assert response["Content-Length"] == str(len(expected))
    assert body(response) == expected


def test_a_download_is_counted_once_across_its_range_requests(client, song):
    """A player asks for the start, then seeks: one download, not three."""
    url = song.get_absolute_url()

    client.get(url, HTTP_RANGE="bytes=0-")
    client.get(url, HTTP_RANGE="bytes=4-9")
    client.get(url, HTTP_RANGE="bytes=10-")

    assert download_count(song) == 1


@pytest.mark.parametrize("header", ["bytes=16-", "bytes=99-100", "bytes=-0"])
def test_a_range_past_the_end_answers_416_uncounted(client, song, header):
    response = client.get(song.get_absolute_url(), HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */16"
    assert download_count(song) == 0


@pytest.mark.parametrize(
    "header",
    [
        "bytes=0-1,4-5",  # several ranges: the RFC lets a server send the whole file
        "bytes=5-2",
        "bytes=-",
        "bytes=--3",
        "items=0-3",
        "bytes=0x10-",
        "bytes=" + "9" * 5000 + "-",  # int() refuses strings this long
        "bytes=\x00-",
    ],
)
def test_a_malformed_range_gets_the_whole_file(client, song, header):
    response = client.get(song.get_absolute_url(), HTTP_RANGE=header)

    assert response.status_code == 200
    assert body(response) == DATA


def test_if_range_sends_the_part_only_while_the_file_is_unchanged(client, song):
    url = song.get_absolute_url()
    etag = client.head(url)["ETag"]

    same = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=etag)
    changed = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"5f-10"')

    assert (same.status_code, body(same)) == (206, b"01")
    assert (changed.status_code, body(changed)) == (200, DATA)


def test_head_and_not_modified_answer_without_counting(client, song):
    url = song.get_absolute_url()

    head = client.head(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=head["ETag"])

    assert head.status_code == 200
    assert head["Content-Length"] == "16"
    assert head.content == b""
    assert not_modified.status_code == 304
    assert download_count(song) == 0


def test_play_shows_audio_inline_and_other_files_stay_attachments(
    client, song, make_attachment
):
    text = make_attachment(post=song.post, name="notes.txt", data=b"notes")

    audio = client.get(song.get_absolute_url() + "?play")
    other = client.get(text.get_absolute_url() + "?play")

    assert audio["Content-Disposition"].startswith("inline")
    assert other["Content-Disposition"].startswith("attachment")


def test_a_download_may_not_be_posted(client, song):
    assert client.post(song.get_absolute_url()).status_code == 405
    assert download_count(song) == 0


@pytest.mark.parametrize("fields", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hidden_posts_download_is_404_even_under_another_name(
    client, make_post, make_attachment, fields
):
    attachment = make_attachment(post=make_post(**fields), data=DATA)
    wrong_name = f"/download/{attachment.pk}/other.txt"

    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(wrong_name).status_code == 404
    assert download_count(attachment) == 0


@pytest.mark.parametrize("fields", HIDDEN.values(), ids=HIDDEN.keys())
def test_the_author_downloads_a_hidden_post_privately(
    client, make_writer, make_post, make_attachment, fields
):
    writer = make_writer()
    attachment = make_attachment(post=make_post(author=writer, **fields), data=DATA)
    client.force_login(writer)

    response = client.get(attachment.get_absolute_url(), HTTP_RANGE="bytes=0-1")

    assert response.status_code == 206
    assert response["Cache-Control"] == "private, no-store"


def test_a_locked_posts_download_is_403_until_the_password_is_given(
    client, locked, make_attachment
):
    """The old view checked only published() and served it to anyone."""
    attachment = make_attachment(post=locked, data=DATA)
    url = attachment.get_absolute_url()

    refused = client.get(url)
    unlock(client, locked)
    allowed = client.get(url)

    assert refused.status_code == 403
    assert refused["Cache-Control"] == "private, no-store"
    assert (allowed.status_code, body(allowed)) == (200, DATA)
    assert allowed["Cache-Control"] == "private, no-store"
    assert download_count(attachment) == 1


def test_a_download_does_not_invalidate_the_cached_post_page(client, song):
    """The count shown may lag by LINERNOTES_PAGE_CACHE_SECONDS (docs/operating.md)."""
    page = song.post.get_absolute_url()
    assertContains(client.get(page), "0 downloads")

    client.get(song.get_absolute_url())
    again = client.get(page)

    assert again["X-Page-Cache"] == "hit"
    assertContains(again, "0 downloads")
    assert download_count(song) == 1


def test_with_x_accel_redirect_nginx_sends_the_bytes(
    client, settings, make_post, make_attachment
):
    settings.LINERNOTES_X_ACCEL_REDIRECT = "/_protected/"
    attachment = make_attachment(
        post=make_post(days_ago=1), name="ágætis byrjun.mp3", data=DATA
    )

    response = client.get(attachment.get_absolute_url(), HTTP_RANGE="bytes=0-")

    assert response.status_code == 200  # nginx turns it into the 206
    assert response.content == b""
    assert response["X-Accel-Redirect"] == (
        "/_protected/downloads/"
        + timezone.now().strftime("%Y/%m/")
        + "%C3%A1g%C3%A6tis_byrjun.mp3"
    )
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Disposition"].startswith("attachment")
    assert download_count(attachment) == 1


# -- everything else under /media/ ---------------------------------------------


@pytest.fixture
def covered(make_post, make_image_file):
    """A public post whose cover is wide enough for both thumbnails."""
    return make_post(days_ago=1, cover=make_image_file(name="cover.png", width=1000))


def cover_urls(post) -> list[str]:
    names = [post.cover.name] + [
        value["name"]
        for value in post.cover_thumbnails.values()
        if isinstance(value, dict)
    ]
    return [default_storage.url(name) for name in names]


def test_a_public_posts_cover_and_thumbnails_are_served_and_cached(client, covered):
    urls = cover_urls(covered)

    responses = [client.get(url) for url in urls]

    assert len(urls) == 3
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert {r["Cache-Control"] for r in responses} == {"public, max-age=86400"}
    assert responses[0]["Content-Type"] == "image/png"
    assert responses[0]["Content-Disposition"].startswith("inline")


@pytest.mark.parametrize("fields", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hidden_posts_cover_thumbnails_and_images_are_404(
    client, make_post, make_image_file, make_post_image, fields
):
    post = make_post(cover=make_image_file(width=1000), **fields)
    image = make_post_image(post=post)
    urls = [*cover_urls(post), image.image.url]

    assert [client.get(url).status_code for url in urls] == [404] * 4


def test_the_author_sees_a_drafts_files_privately(
    client, make_writer, make_post, make_image_file, make_post_image
):
    writer = make_writer()
    post = make_post(author=writer, status=Post.Status.DRAFT)
    post.cover = make_image_file(name="draft.png", width=1000)
    services.save_post(post=post)
    image = make_post_image(post=post)
    client.force_login(writer)

    responses = [client.get(url) for url in [*cover_urls(post), image.image.url]]

    assert [r.status_code for r in responses] == [200] * 4
    assert {r["Cache-Control"] for r in responses} == {"private, no-store"}


def test_a_locked_posts_cover_and_body_images_wait_for_the_password(
    client, make_post, make_image_file, make_post_image
):
    """A locked post's card and password form show no cover, so its cover is
    content like its body images. Tried before: the cover answered 200 to
    anyone, publicly cached, at a guessable address."""
    post = make_post(days_ago=1, password="sesame", cover=make_image_file(width=600))
    image = make_post_image(post=post)

    before = [client.get(post.cover.url), client.get(image.image.url)]
    unlock(client, post)
    after = [client.get(post.cover.url), client.get(image.image.url)]

    assert [r.status_code for r in before] == [404, 404]
    assert [r.status_code for r in after] == [200, 200]
    assert {r["Cache-Control"] for r in after} == {"private, no-store"}


def test_an_attachment_is_never_served_from_media(
    client, song, make_post, make_attachment
):
    draft_file = make_attachment(post=make_post(status=Post.Status.DRAFT), data=DATA)

    public = client.get(song.file.url)
    hidden = client.get(draft_file.file.url)

    assert public.status_code == 302
    assert public["Location"] == song.get_absolute_url()
    assert hidden.status_code == 404
    assert download_count(song) == 0


def test_files_no_post_uses_any_more_are_not_served(client, covered, make_image_file):
    """A replaced cover and its thumbnails may have been a draft's."""
    old_urls = cover_urls(covered)
    covered.cover = make_image_file(name="new.png", width=1000)
    services.save_post(post=covered)
    stray = default_storage.save("downloads/2026/01/left.txt", ContentFile(DATA))

    statuses = [client.get(url).status_code for url in old_urls]

    assert statuses == [404, 404, 404]
    assert client.get(default_storage.url(stray)).status_code == 404
    assert client.get(covered.cover.url).status_code == 200


def test_files_owned_by_no_post_are_public(client, make_release, make_image_file):
    release = make_release()
    release.cover = make_image_file(name="sleeve.png")
    catalogue_services.save_release(release=release)

    response = client.get(release.cover.url, HTTP_RANGE="bytes=0-7")

    assert response.status_code == 206
    assert body(response) == b"\x89PNG\r\n\x1a\n"
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize(
    "path",
    [
        "/media/../outside.txt",
        "/media/%2e%2e/outside.txt",
        "/media/releases/../../outside.txt",
        "/media/releases/..%2f..%2foutside.txt",
        "/media//outside.txt",
        "/media/./releases/x.txt",
        "/media/releases//x.txt",
        "/media/releases\\..\\..\\outside.txt",
        "/media/releases/x.txt%0a.png",
        "/media/releases/%7f",
        "/media/releases/",
        "/media/%c0%ae%c0%ae/outside.txt",
    ],
)
def test_hostile_media_paths_answer_404(client, settings, tmp_path, path):
    (tmp_path / "outside.txt").write_text("secret")
    default_storage.save("releases/x.txt", ContentFile(b"fine"))

    response = client.get(path)

    assert response.status_code == 404
    assert b"secret" not in body(response)


def test_an_upload_folder_named_in_another_case_is_still_an_upload_folder(
    make_post, make_attachment
):
    """Found by review: "Downloads/…" was taken for a folder no post owns, so
    public; on a case-insensitive disk it opens a draft's attachment."""
    draft_file = make_attachment(post=make_post(status=Post.Status.DRAFT), data=DATA)
    name = draft_file.file.name

    for other_case in (name.replace("downloads", "Downloads", 1), name.upper()):
        assert services.uploads.find_media_owner(name=other_case) is None


def test_media_with_x_accel_redirect_names_the_internal_location(
    client, settings, covered
):
    settings.LINERNOTES_X_ACCEL_REDIRECT = "/_protected"

    response = client.get(covered.cover.url)

    assert response["X-Accel-Redirect"] == f"/_protected/{covered.cover.name}"
    assert response["Content-Type"] == "image/png"
    assert response.content == b""
