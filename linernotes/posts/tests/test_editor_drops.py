"""Files that are not images, dropped or pasted into the post editor's text:
stored at once as the post's attachment under the inline's own rule, with a
link the reader's page can use put at the cursor; refused files store nothing
and say why. Also the rule itself: a name whose bytes say otherwise is
refused, whichever way the file arrives."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linernotes.core.exceptions import UploadRejected
from linernotes.posts import services
from linernotes.posts.models import Attachment, PostImage
from linernotes.users.roles import Role

from .test_admin import post_form

pytestmark = pytest.mark.django_db

# A silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): 417 bytes, sync bits
# first, as an MP3 encoder writes them.
MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def editor(client, make_writer):
    writer = make_writer(role=Role.EDITOR, username="mara")
    client.force_login(writer)
    return writer


def drop(client, post, name: str, data: bytes, content_type: str = ""):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(
        reverse("admin:posts_post_attachment", args=[post.pk]), {"file": upload}
    )


def stored_files(settings) -> list:
    downloads = settings.MEDIA_ROOT / "downloads"
    return (
        [p for p in downloads.rglob("*") if p.is_file()] if downloads.exists() else []
    )


def test_a_dropped_mp3_becomes_an_attachment_linked_to_its_player(
    client, editor, make_post
):
    post = make_post(author=editor, days_ago=1)

    answer = drop(client, post, "war-excerpt.mp3", MP3_FRAME * 3, "audio/mpeg")

    attachment = Attachment.objects.get(post=post)
    assert (attachment.title, attachment.content_type, attachment.size) == (
        "war excerpt",
        "audio/mpeg",
        417 * 3,
    )
    assert answer.json() == {
        "markdown": f"[Listen: war excerpt](#audio-track-{attachment.pk})",
        "url": attachment.get_absolute_url(),
        "plays": True,
    }
    page = client.get(post.get_absolute_url())
    assert f'id="audio-track-{attachment.pk}"' in page.content.decode()


def test_a_dropped_pdf_becomes_a_link_through_the_counted_download_view(
    client, editor, make_post
):
    post = make_post(author=editor)

    answer = drop(client, post, "liner_notes [1985].pdf", PDF, "application/pdf")

    attachment = Attachment.objects.get(post=post)
    assert attachment.get_absolute_url().startswith("/download/")
    assert answer.json()["markdown"] == (
        f"[liner notes \\[1985\\]]({attachment.get_absolute_url()})"
    )
    assert answer.json()["plays"] is False


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        (
            "setup.exe",
            b"MZ\x90\x00",
            "“setup.exe” is not a file type this blog accepts. Accepted: ",
        ),
        (
            "song.mp3",
            PDF,
            "“song.mp3” is named as a .mp3 file but holds a PDF document. "
            "Rename it to what it is, or choose the file you meant.",
        ),
        (
            "notes.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00",
            "“notes.pdf” is named as a .pdf file but holds a Windows program.",
        ),
        (
            "mix.ogg",
            b"<!DOCTYPE html><script>alert(1)</script>",
            "“mix.ogg” is named as a .ogg file but holds a web page.",
        ),
    ],
)
def test_a_refused_file_says_why_and_stores_nothing(
    client, editor, make_post, settings, name, data, error
):
    post = make_post(author=editor)

    answer = drop(client, post, name, data)

    assert answer.status_code == 400
    assert answer.json()["error"].startswith(error)
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []
    post.refresh_from_db()
    assert post.attachment_count == 0


def test_a_file_over_the_limit_is_refused_with_the_limit(
    client, editor, make_post, settings
):
    settings.LINERNOTES_ATTACHMENT_MAX_BYTES = 1000
    post = make_post(author=editor)

    answer = drop(client, post, "long.mp3", MP3_FRAME * 3)

    assert answer.status_code == 400
    assert answer.json()["error"] == (
        "“long.mp3” is 0.0 MB; the largest file this blog accepts is 0.0 MB."
    )
    assert stored_files(settings) == []


def test_no_file_or_a_get_or_someone_elses_post_is_refused(
    client, make_writer, make_post
):
    author = make_writer(role=Role.AUTHOR, username="sam")
    client.force_login(author)
    own = make_post(author=author)
    others = make_post(author=make_writer(role=Role.AUTHOR, username="kim"))
    url = reverse("admin:posts_post_attachment", args=[own.pk])

    assert client.post(url).json() == {"error": "Choose a file to upload."}
    assert client.get(url).status_code == 403
    assert drop(client, others, "notes.pdf", PDF).status_code == 404
    assert not Attachment.objects.exists()


def test_several_files_dropped_together_each_become_an_attachment(
    client, editor, make_post
):
    post = make_post(author=editor)

    answers = [
        drop(client, post, "side-a.mp3", MP3_FRAME),
        drop(client, post, "side-b.ogg", b"OggS\x00\x02" + bytes(40)),
        drop(client, post, "booklet.pdf", PDF),
    ]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.content_type for a in Attachment.objects.order_by("pk")] == [
        "audio/mpeg",
        "audio/ogg",
        "application/pdf",
    ]
    post.refresh_from_db()
    assert post.attachment_count == 3


def test_an_image_still_goes_to_the_body_images_not_the_attachments(
    client, editor, make_post, make_image_file
):
    post = make_post(author=editor)

    answer = client.post(
        reverse("admin:posts_post_image", args=[post.pk]),
        {"image": make_image_file(name="stage-photo.png")},
    )

    assert answer.json()["markdown"].startswith("![stage photo](/media/images/")
    assert PostImage.objects.filter(post=post).count() == 1
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("track.flac", b"ID3\x04\x00" + bytes(20)),  # a FLAC may open with a tag
        ("track.flac", b"fLaC\x00\x00\x00\x22"),
        ("track.m4a", b"\x00\x00\x00\x20ftypM4A "),
        ("book.epub", b"PK\x03\x04" + bytes(20)),
        ("notes.txt", b"MZ Records, side one"),  # no signature check for text
        ("song.mp3", bytes(range(64))),  # bytes that say nothing pass on the name
    ],
)
def test_the_rule_accepts_bytes_that_agree_with_the_name_or_say_nothing(
    make_post, name, data
):
    attachment = services.attach_file(
        post=make_post(), upload=SimpleUploadedFile(name, data)
    )

    assert attachment.size == len(data)


def test_the_attachment_inline_refuses_a_name_that_lies_too(client, editor, make_post):
    post = make_post(author=editor, title="Rocky IV")
    data = post_form(
        title="Rocky IV",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Guide",
            "attachments-0-file": SimpleUploadedFile("guide.pdf", b"PK\x03\x04zip"),
        },
    )

    page = client.post(reverse("admin:posts_post_change", args=[post.pk]), data)

    assert page.status_code == 200
    assert "is named as a .pdf file but holds a ZIP archive" in page.content.decode()
    assert not Attachment.objects.exists()


def test_the_check_leaves_the_file_at_its_start(make_post):
    upload = SimpleUploadedFile("song.mp3", MP3_FRAME)
    upload.read(10)

    with pytest.raises(UploadRejected):
        services.check_attachment_upload(SimpleUploadedFile("a.pdf", b"OggS"))
    services.check_attachment_upload(upload)

    assert upload.tell() == 0
