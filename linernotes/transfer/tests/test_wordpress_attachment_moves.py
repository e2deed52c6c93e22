"""Attachments moving in and out again: their files, their comments, their
records (issue 10, the reviewer's findings on attachments).

Each test writes its export with ``wxr.py`` and, where files are taken, the
uploads folder in ``tmp_path``; exports are read back with the reader, so what
WordPress would import is what is checked.
"""

import io
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.test import TestCase
from PIL import Image

from linernotes.posts.models import Attachment, Post, PostImage
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.transfer.wordpress.reader import WxrItem, read_wxr
from linernotes.transfer.wordpress.writer import write_wxr

pytestmark = pytest.mark.django_db
UPLOADS = f"{wxr.BLOG}/wp-content/uploads"
SITE = "https://notes.example.org"
PDF = b"%PDF-1.4\n% liner notes\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads" / "2012" / "03"
    folder.mkdir(parents=True)
    buffer = BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(buffer, "JPEG")
    (folder / "cover.jpg").write_bytes(buffer.getvalue())
    (folder / "notes.pdf").write_bytes(PDF)
    (folder / "poster.jpg").write_bytes(buffer.getvalue())
    return tmp_path / "uploads"


def run(document: bytes, owner, media_dir: Path | None = None, **options) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document),
            owner=owner,
            options=ImportOptions(media_dir=media_dir, **options),
        )


def exported(site_url: str = SITE) -> bytes:
    out = io.BytesIO()
    write_wxr(out, site_url=site_url)
    return out.getvalue()


def attachments(document: bytes) -> list[WxrItem]:
    return [
        record
        for record in read_wxr(io.BytesIO(document))
        if isinstance(record, WxrItem) and record.post_type == "attachment"
    ]


def attachment(wp_id: int, name: str, *, parent: int = 0, comments=()) -> str:
    return wxr.item(
        wp_id,
        name,
        type="attachment",
        status="inherit",
        parent=parent,
        attachment_url=f"{UPLOADS}/2012/03/{name}",
        guid=f"{UPLOADS}/2012/03/{name}",  # WordPress's guid is the file's address
        meta={"_wp_attached_file": f"2012/03/{name}"},
        comments=list(comments),
    )


def music_blog() -> bytes:
    """The reviewer's music.xml in small: a post with its cover attached, a
    reader's comment on the cover's attachment page, and an unattached file."""
    return wxr.export(
        items=[
            wxr.item(
                10,
                "Rocky IV review",
                body=f'<p><a href="{UPLOADS}/2012/03/notes.pdf">Liner notes</a></p>',
                comments=[wxr.comment(1)],
            ),
            attachment(
                31,
                "cover.jpg",
                parent=10,
                comments=[wxr.comment(2, body="Love this cover photo")],
            ),
            attachment(32, "poster.jpg"),
        ]
    )


@pytest.mark.parametrize("with_files", [False, True], ids=["remote", "media-dir"])
def test_a_comment_on_an_attachment_goes_out_again_whether_its_file_came(
    owner, uploads, with_files
):
    """music.xml with and without ``--media-dir``: with the folder the cover
    became the post's image, and its attachment's comment must still be in
    the export (it was lost: 22 of 23 comments came out)."""
    run(music_blog(), owner, uploads if with_files else None)
    if with_files:
        assert PostImage.objects.get().post.title == "Rocky IV review"

    document = exported()

    cover = next(a for a in attachments(document) if a.post_id == 31)
    assert [c.content for c in cover.comments] == ["Love this cover photo"]
    items = [r for r in read_wxr(io.BytesIO(document)) if isinstance(r, WxrItem)]
    assert sum(len(i.comments) for i in items) == 2


def test_a_blogs_own_export_imported_again_adds_no_file_left_on_the_old_blog(
    owner, settings
):
    """music.xml imported without files (its attachments stay references),
    then export → import → export into the same blog, twice: each export
    lists the same two attachments, none is added."""
    settings.LINERNOTES_SITE_URL = SITE
    run(music_blog(), owner)
    first = exported()
    assert len(attachments(first)) == 2

    for _ in range(2):
        report = run(exported(), owner)
        assert "attachments" not in report["created"]
        assert report["already_present"]["attachments"] == 2

    assert [a.post_id for a in attachments(exported())] == [31, 32]
    assert WordPressObject.objects.filter(kind="attachment").count() == 2


def test_an_unattached_upload_in_the_media_folder_is_brought_in(owner, uploads, client):
    """poster.jpg, in the media library with no post and shown by none: it
    was a public file on WordPress, so it is stored in the public folder and
    its old address leads to it, with no warning that it is "outside the old
    blog's uploads folder"."""
    report = run(music_blog(), owner, uploads)

    record = WordPressObject.objects.get(kind="attachment", wp_id=32)
    name = record.data["file"]["name"]
    assert name == "wordpress/2012/03/poster.jpg"
    assert (Path(settings.MEDIA_ROOT) / name).read_bytes() == (
        uploads / "2012/03/poster.jpg"
    ).read_bytes()
    old = client.get("/wp-content/uploads/2012/03/poster.jpg")
    assert old.status_code == 301 and old["Location"].endswith(name)
    assert not any("outside" in warning for warning in report["warnings"])
    (poster,) = [a for a in attachments(exported()) if a.post_id == 32]
    assert poster.attachment_url == f"{SITE}/media/{name}"  # our copy, not theirs
    assert report["media"]["remote"] == 0
    assert report["media"]["stored"] == 3  # the post's cover and PDF, the poster


def test_an_unattached_upload_a_draft_shows_stays_the_drafts_only(
    owner, uploads, client
):
    """The loose PDF comes first in the file, the draft that links it after:
    it is stored once, as the draft's download, never public, and the
    attachment's record names that download."""
    document = wxr.export(
        items=[
            attachment(8, "notes.pdf"),
            wxr.item(
                9,
                "Draft",
                status="draft",
                body=f'<a href="{UPLOADS}/2012/03/notes.pdf">plan</a>',
            ),
        ]
    )

    report = run(document, owner, uploads)

    assert not (Path(settings.MEDIA_ROOT) / "wordpress").exists()
    download = Attachment.objects.get()
    assert download.post == Post.objects.get(title="Draft")
    record = WordPressObject.objects.get(kind="attachment", wp_id=8)
    assert (record.object_id, record.data["model"]) == (download.pk, "posts.attachment")
    assert report["media"]["stored"] == 1
    assert client.get("/wp-content/uploads/2012/03/notes.pdf").status_code == 404


@pytest.mark.parametrize("parent_type", ["feedback", "page"])
def test_an_upload_whose_parent_is_no_post_here_is_never_made_public(
    owner, uploads, client, parent_type
):
    """Tried: poster.jpg attached to a contact-form message (skipped without
    ``--include-feedback``) and to a private page that does not show it. Its
    parent decided who saw it on WordPress, so it stays where it was, as a
    reference to the old blog; only a media-library upload with no parent is
    public by nature."""
    document = wxr.export(
        items=[
            wxr.item(40, "Hello", type=parent_type, status="private"),
            attachment(41, "poster.jpg", parent=40),
        ]
    )

    report = run(document, owner, uploads)

    assert not (Path(settings.MEDIA_ROOT) / "wordpress").exists()
    assert report["media"]["remote"] == 1
    assert client.get("/wp-content/uploads/2012/03/poster.jpg").status_code == 404


def test_a_dry_run_reports_the_old_addresses_a_real_run_redirects(owner, uploads):
    """music.xml with ``--media-dir``: the dry run reported 139 redirects and
    the real run made 143, since a dry run stores no file to point an old
    file address at. Here the cover's, the poster's and the PDF's addresses
    (the cover's also the guid of its attachment, as WordPress writes it)."""
    dry = run(music_blog(), owner, uploads, dry_run=True)
    assert not LegacyRedirect.objects.exists()

    real = run(music_blog(), owner, uploads)

    assert dry["redirects"] == real["redirects"] == LegacyRedirect.objects.count()
    files = LegacyRedirect.objects.filter(old_path__startswith="/wp-content/")
    assert files.count() == 3
