"""Attachment files from an unpacked wp-content/uploads folder (issue 10, item 6;
decision 0032).

Each test builds the uploads folder it imports from in ``tmp_path`` (real small
images made with Pillow, a PDF-like and an MP3-like file) and writes its export
with ``wxr.py``; nothing is fetched from the network.
"""

import io
import json
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from PIL import Image

from linernotes.posts import services as posts
from linernotes.posts.models import Attachment, Page, Post, PostImage
from linernotes.posts.services.uploads import MediaRole, find_media_owner
from linernotes.transfer.models import WordPressObject
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.transfer.wordpress.writer import write_wxr

pytestmark = pytest.mark.django_db
UPLOADS = f"{wxr.BLOG}/wp-content/uploads"
PDF = b"%PDF-1.4\n% liner notes\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def picture(kind: str = "JPEG", width: int = 40, colour=(30, 120, 200)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, width // 2), colour).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path) -> Path:
    """An unpacked wp-content/uploads folder: DIR/2012/03/…"""
    folder = tmp_path / "uploads"
    (folder / "2012" / "03").mkdir(parents=True)
    (folder / "2012" / "03" / "photo.jpg").write_bytes(picture())
    (folder / "2012" / "03" / "diagram.png").write_bytes(picture("PNG", 60))
    (folder / "2012" / "03" / "notes.pdf").write_bytes(PDF)
    (folder / "2012" / "03" / "song.mp3").write_bytes(MP3)
    return folder


def run(document: bytes, owner, media_dir: Path | None, **options) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document),
            owner=owner,
            options=ImportOptions(media_dir=media_dir, **options),
        )


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def fetched(client, url: str) -> bytes:
    response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0")  # a reader counts
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_an_image_in_a_published_posts_body_is_stored_and_served(
    owner, uploads, client
):
    body = f'<p>Cover art:</p><p><img src="{UPLOADS}/2012/03/photo.jpg" alt="" /></p>'
    document = wxr.export(items=[wxr.item(1, "Sleeve", body=body)])

    report = run(document, owner, uploads)

    post = Post.objects.get(title="Sleeve")
    image = PostImage.objects.get(post=post)
    assert image.image.url in post.body and image.image.url in post.body_html
    assert "oldblog.example" not in post.body
    assert (
        fetched(client, image.image.url) == (uploads / "2012/03/photo.jpg").read_bytes()
    )
    assert report["media"]["stored"] == 1 and report["media"]["missing"] == 0


def test_the_same_image_in_a_draft_is_not_served_to_a_reader(owner, uploads, client):
    body = f'<img src="{UPLOADS}/2012/03/photo.jpg" />'
    document = wxr.export(items=[wxr.item(1, "Unfinished", status="draft", body=body)])

    run(document, owner, uploads)

    image = PostImage.objects.get(post__title="Unfinished")
    assert client.get(image.image.url).status_code == 404


def test_a_pdf_linked_in_a_body_becomes_a_counted_download(owner, uploads, client):
    body = f'<p>The <a href="{UPLOADS}/2012/03/notes.pdf">liner notes</a>.</p>'
    document = wxr.export(items=[wxr.item(1, "Booklet", body=body)])

    run(document, owner, uploads)

    post = Post.objects.get(title="Booklet")
    attachment = Attachment.objects.get(post=post)
    assert f'href="{attachment.get_absolute_url()}"' in post.body_html
    assert fetched(client, attachment.get_absolute_url()) == PDF
    attachment.refresh_from_db()
    assert attachment.download_count == 1
    post.refresh_from_db()
    assert post.attachment_count == 1


def test_an_audio_shortcode_takes_the_mp3_as_a_download(owner, uploads):
    body = f'[audio mp3="{UPLOADS}/2012/03/song.mp3"][/audio]'
    document = wxr.export(items=[wxr.item(1, "Demo", body=body)])

    run(document, owner, uploads)

    attachment = Attachment.objects.get(post__title="Demo")
    assert attachment.get_absolute_url() in Post.objects.get(title="Demo").body


def test_a_resized_copy_that_is_not_there_finds_the_original(owner, uploads, client):
    body = (
        f'<a href="{UPLOADS}/2012/03/photo.jpg">'
        f'<img class="wp-image-9" src="{UPLOADS}/2012/03/photo-300x200.jpg" /></a>'
    )
    document = wxr.export(items=[wxr.item(1, "Resized", body=body)])

    report = run(document, owner, uploads)

    post = Post.objects.get(title="Resized")
    image = PostImage.objects.get(post=post)  # one file for both addresses
    assert post.body.count(image.image.url) == 2
    assert (
        fetched(client, image.image.url) == (uploads / "2012/03/photo.jpg").read_bytes()
    )
    assert report["media"]["stored"] == 1


def test_a_missing_file_is_reported_and_the_body_keeps_its_address(owner, uploads):
    old = f"{UPLOADS}/2011/12/gone.jpg"
    document = wxr.export(items=[wxr.item(1, "Lost", body=f'<img src="{old}" />')])

    report = run(document, owner, uploads)

    assert old in Post.objects.get(title="Lost").body
    assert report["media"]["missing"] == 1 and old in report["media"]["examples"]
    assert any("2011/12/gone.jpg" in w for w in report["warnings"])
    # The content policy blocks other sites' images: the report names the host.
    assert any(
        "LINERNOTES_IMAGE_HOSTS=oldblog.example" in w for w in report["warnings"]
    )
    assert not PostImage.objects.exists()


@pytest.mark.parametrize(
    "attached_file, url",
    [
        ("../../etc/passwd", f"{UPLOADS}/2012/03/passwd"),  # _wp_attached_file
        ("", f"{UPLOADS}/2012/03/..%2F..%2F..%2F..%2Fetc%2Fpasswd"),  # in the URL
    ],
)
def test_a_path_leading_out_of_the_media_folder_is_refused(
    owner, uploads, attached_file, url
):
    meta = {"_wp_attached_file": attached_file} if attached_file else None
    document = wxr.export(
        items=[
            wxr.item(1, "Post"),
            wxr.item(
                5, "passwd", type="attachment", attachment_url=url, meta=meta, parent=1
            ),
        ]
    )

    report = run(document, owner, uploads)

    assert media_files() == []
    assert report["media"]["stored"] == 0 and report["media"]["refused"] == 1
    assert any("outside the media folder" in w for w in report["warnings"])


def test_a_symlink_out_of_the_media_folder_is_refused(owner, uploads, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(picture())
    (uploads / "2012" / "03" / "link.jpg").symlink_to(secret)
    body = f'<img src="{UPLOADS}/2012/03/link.jpg" />'

    report = run(wxr.export(items=[wxr.item(1, body=body)]), owner, uploads)

    assert media_files() == [] and report["media"]["refused"] == 1


def test_a_file_named_as_an_image_that_is_not_one_is_not_served_as_an_image(
    owner, uploads
):
    (uploads / "2012" / "03" / "fake.jpg").write_bytes(b"<script>alert(1)</script>")
    old = f"{UPLOADS}/2012/03/fake.jpg"
    document = wxr.export(items=[wxr.item(1, "Fake", body=f'<img src="{old}" />')])

    report = run(document, owner, uploads)

    assert media_files() == [] and old in Post.objects.get(title="Fake").body
    assert any("fake.jpg" in w and "not an image" in w for w in report["warnings"])


def test_a_pages_image_is_public(owner, uploads, client):
    body = f'<img src="{UPLOADS}/2012/03/diagram.png" />'
    document = wxr.export(items=[wxr.item(7, "About", type="page", body=body)])

    run(document, owner, uploads)

    page = Page.objects.get(title="About")
    url = f"{settings.MEDIA_URL}wordpress/2012/03/diagram.png"
    assert url in page.body_html
    assert find_media_owner(name="wordpress/2012/03/diagram.png").role is (
        MediaRole.NONE
    )
    assert fetched(client, url) == (uploads / "2012/03/diagram.png").read_bytes()


def test_an_attachment_no_post_or_page_shows_is_not_published_on_its_own(
    owner, uploads, client
):
    """A media-library file with no parent may be one only a draft shows: it is
    stored only with whatever shows it, under that one's visibility."""
    loose = wxr.item(
        8,
        "Loose",
        type="attachment",
        status="inherit",
        attachment_url=f"{UPLOADS}/2012/03/notes.pdf",
        meta={"_wp_attached_file": "2012/03/notes.pdf"},
    )
    draft = wxr.item(
        9,
        "Draft",
        status="draft",
        body=f'<a href="{UPLOADS}/2012/03/notes.pdf">plan</a>',
    )

    report = run(wxr.export(items=[loose, draft]), owner, uploads)

    assert not (Path(settings.MEDIA_ROOT) / "wordpress").exists()
    assert report["media"]["stored"] == 1  # as the draft's own download
    assert client.get("/wp-content/uploads/2012/03/notes.pdf").status_code == 404
    root = Path(settings.MEDIA_ROOT)
    stored = [path.relative_to(root).as_posix() for path in media_files()]
    assert len(stored) == 1
    assert client.get(f"/media/{stored[0]}").status_code == 404  # the draft's


def test_a_posts_attachments_after_it_in_the_file_are_stored_with_it(owner, uploads):
    # WordPress writes attachments after the post they belong to; the PDF is
    # not linked in the body, only attached.
    document = wxr.export(
        items=[
            wxr.item(1, "With files"),
            wxr.item(
                2,
                "notes",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/notes.pdf",
            ),
        ]
    )

    run(document, owner, uploads)

    attachment = Attachment.objects.get(post__title="With files")
    record = WordPressObject.objects.get(kind="attachment", wp_id=2)
    assert record.data["file"]["name"] == attachment.file.name
    assert (record.object_id, record.data["model"]) == (
        attachment.pk,
        "posts.attachment",
    )


def test_a_draft_posts_attachment_never_lands_in_the_public_folder(owner, uploads):
    # The attachment comes first here, its post (a draft) after it.
    document = wxr.export(
        items=[
            wxr.item(
                2,
                "photo",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/photo.jpg",
            ),
            wxr.item(1, "Secret", status="draft"),
        ]
    )

    run(document, owner, uploads)

    assert not (Path(settings.MEDIA_ROOT) / "wordpress").exists()
    assert PostImage.objects.get().post.title == "Secret"


def test_the_featured_image_becomes_the_cover(owner, uploads):
    wide = uploads / "2012" / "03" / "wide.jpg"
    wide.write_bytes(picture(width=1000))
    document = wxr.export(
        items=[
            wxr.item(1, "Featured", meta={"_thumbnail_id": "3"}),
            wxr.item(
                3,
                "wide",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/wide.jpg",
            ),
        ]
    )

    run(document, owner, uploads)

    post = Post.objects.get(title="Featured")
    assert post.cover.name.startswith("covers/")
    assert post.cover.read() == wide.read_bytes()
    assert post.cover_thumbnails["source"] == post.cover.name
    assert any(key.isdigit() for key in post.cover_thumbnails)  # thumbnails made
    record = WordPressObject.objects.get(kind="attachment", wp_id=3)
    assert (record.object_id, record.data["model"]) == (post.pk, "posts.post")
    assert not PostImage.objects.exists()  # not stored a second time


def test_a_second_run_stores_nothing_new(owner, uploads):
    document = wxr.export(
        items=[
            wxr.item(1, body=f'<img src="{UPLOADS}/2012/03/photo.jpg" />'),
            wxr.item(
                2,
                "About",
                type="page",
                body=f'<a href="{UPLOADS}/2012/03/notes.pdf">x</a>',
            ),
            wxr.item(
                3,
                "song",
                type="attachment",
                status="inherit",
                attachment_url=f"{UPLOADS}/2012/03/song.mp3",
                parent=1,
            ),
        ]
    )
    first = run(document, owner, uploads)
    files = media_files()

    second = run(document, owner, uploads)

    assert first["media"]["stored"] == 3 and len(files) == 3
    assert second["media"]["stored"] == 0
    assert media_files() == files
    assert PostImage.objects.count() == 1


def test_a_dry_run_leaves_no_file_behind(owner, uploads):
    document = wxr.export(
        items=[
            wxr.item(1, body=f'<img src="{UPLOADS}/2012/03/photo.jpg" />'),
            wxr.item(
                2,
                "About",
                type="page",
                body=f'<img src="{UPLOADS}/2012/03/diagram.png" />',
            ),
        ]
    )

    report = run(document, owner, uploads, dry_run=True)

    assert media_files() == []
    assert report["media"]["stored"] == 2  # what a real run would store
    assert not Post.objects.exists()


def test_without_a_media_folder_attachments_stay_remote(owner):
    url = f"{UPLOADS}/2012/03/photo.jpg"
    document = wxr.export(
        items=[
            wxr.item(
                3, "photo", type="attachment", status="inherit", attachment_url=url
            )
        ]
    )

    report = run(document, owner, None)

    assert report["media"] == {
        "stored": 0,
        "remote": 1,
        "missing": 0,
        "refused": 0,
        "examples": [url],
    }
    assert any("stay where they are" in w for w in report["warnings"])
    assert media_files() == []


def test_wordpress_com_addresses_and_the_command_line(owner, uploads, tmp_path):
    blog = "https://tapes.wordpress.com"
    body = '<img src="https://tapes.files.wordpress.com/2012/03/photo.jpg?w=300" />'
    path = tmp_path / "blog.xml"
    path.write_bytes(wxr.export(blog=blog, items=[wxr.item(1, "Tapes", body=body)]))
    out = io.StringIO()

    call_command(
        "import_wordpress", str(path), "--json", "--media-dir", str(uploads), stdout=out
    )

    report = json.loads(out.getvalue())
    image = PostImage.objects.get(post__title="Tapes")
    assert report["media"]["stored"] == 1
    assert image.image.url in Post.objects.get(title="Tapes").body


def test_another_sites_uploads_are_left_alone(owner, uploads):
    other = "https://elsewhere.example/wp-content/uploads/2012/03/photo.jpg"
    document = wxr.export(items=[wxr.item(1, "Linked", body=f'<img src="{other}" />')])

    report = run(document, owner, uploads)

    assert other in Post.objects.get(title="Linked").body
    assert media_files() == [] and report["media"]["missing"] == 0


def test_a_gallery_of_attachment_ids_shows_the_stored_images(owner, uploads):
    document = wxr.export(
        items=[
            wxr.item(1, "Gallery", body='[gallery ids="9,10"]'),
            wxr.item(
                9,
                "photo",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/photo.jpg",
            ),
            wxr.item(
                10,
                "diagram",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/diagram.png",
            ),
        ]
    )

    run(document, owner, uploads)

    post = Post.objects.get(title="Gallery")
    images = PostImage.objects.filter(post=post)
    assert images.count() == 2
    assert all(image.image.url in post.body for image in images)


def test_a_run_stopped_before_an_attachments_item_fills_it_in_when_run_again(
    owner, uploads
):
    document = wxr.export(
        items=[
            wxr.item(1, "Booklet", body=f'<a href="{UPLOADS}/2012/03/notes.pdf">x</a>'),
            wxr.item(
                2,
                "notes",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/notes.pdf",
            ),
        ]
    )
    run(document, owner, uploads)
    # As if the first run had stopped after the post's item.
    WordPressObject.objects.filter(kind="attachment", wp_id=2).delete()
    files = media_files()

    report = run(document, owner, uploads)

    attachment = Attachment.objects.get()
    record = WordPressObject.objects.get(kind="attachment", wp_id=2)
    assert record.data["file"]["name"] == attachment.file.name
    assert (record.object_id, record.data["model"]) == (
        attachment.pk,
        "posts.attachment",
    )
    assert report["media"]["stored"] == 0 and media_files() == files


def test_a_file_over_the_size_limit_is_not_taken(owner, uploads, settings):
    settings.LINERNOTES_ATTACHMENT_MAX_BYTES = 10
    old = f"{UPLOADS}/2012/03/notes.pdf"
    document = wxr.export(items=[wxr.item(1, "Big", body=f'<a href="{old}">x</a>')])

    report = run(document, owner, uploads)

    assert old in Post.objects.get(title="Big").body and media_files() == []
    assert report["media"]["refused"] == 1
    assert any("notes.pdf" in w and "largest file" in w for w in report["warnings"])


def test_an_export_after_the_import_lists_each_file_once(owner, uploads):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                "Featured",
                body=f'<img src="{UPLOADS}/2012/03/photo.jpg" />',
                meta={"_thumbnail_id": "4"},
            ),
            wxr.item(
                3,
                "photo",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/photo.jpg",
            ),
            wxr.item(
                4,
                "diagram",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/diagram.png",
            ),
        ]
    )
    run(document, owner, uploads)
    out = io.StringIO()

    write_wxr(out, site_url="https://new.example")

    exported = out.getvalue()
    # The body image keeps its WordPress id; the cover goes out once, as the
    # cover, not again as a file left on the old blog.
    assert exported.count("<wp:post_type><![CDATA[attachment]]>") == 2
    assert "<wp:post_id>3</wp:post_id>" in exported
    assert "oldblog.example/wp-content" not in exported


def test_old_file_addresses_lead_to_the_stored_files(owner, uploads, client):
    document = wxr.export(
        items=[
            wxr.item(1, "Booklet", body=f'<a href="{UPLOADS}/2012/03/notes.pdf">x</a>'),
            wxr.item(
                2,
                "Hidden",
                status="draft",
                body='<a href="/wp-content/uploads/2012/03/song.mp3">x</a>',
            ),
            wxr.item(
                7,
                "About",
                type="page",
                body=f'<img src="{UPLOADS}/2012/03/diagram.png" />',
            ),
        ]
    )

    report = run(document, owner, uploads)

    download = Attachment.objects.get(post__title="Booklet")
    answer = client.get("/wp-content/uploads/2012/03/notes.pdf")
    assert (answer.status_code, answer["Location"]) == (
        301,
        download.get_absolute_url(),
    )
    answer = client.get("/wp-content/uploads/2012/03/diagram.png")
    assert answer["Location"] == f"{settings.MEDIA_URL}wordpress/2012/03/diagram.png"
    # A draft's file: its old address tells nothing.
    assert client.get("/wp-content/uploads/2012/03/song.mp3").status_code == 404
    assert report["redirects"] >= 3


def test_old_addresses_of_a_posts_images_lead_to_them_while_the_post_may_be_read(
    owner, uploads, client
):
    """An image in a post's body, and its featured image, keep their old
    addresses, like downloads: a 301 to the stored file, resolved on each
    request by the post's access rule, so a draft's image says nothing."""
    (uploads / "2012" / "03" / "wide.jpg").write_bytes(picture(width=800))
    document = wxr.export(
        items=[
            wxr.item(
                1,
                "Sleeve",
                body=f'<img src="{UPLOADS}/2012/03/photo.jpg" alt="" />',
                meta={"_thumbnail_id": "3"},
            ),
            wxr.item(
                3,
                "wide",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/wide.jpg",
            ),
            wxr.item(
                2,
                "Unfinished",
                status="draft",
                body='<img src="/wp-content/uploads/2012/03/diagram.png" />',
            ),
        ]
    )

    run(document, owner, uploads)

    post = Post.objects.get(title="Sleeve")
    image = PostImage.objects.get(post=post)
    answer = client.get("/wp-content/uploads/2012/03/photo.jpg")
    assert (answer.status_code, answer["Location"]) == (301, image.image.url)
    assert (
        fetched(client, answer["Location"])
        == (uploads / "2012/03/photo.jpg").read_bytes()
    )
    answer = client.get("/wp-content/uploads/2012/03/wide.jpg")
    assert (answer.status_code, answer["Location"]) == (301, post.cover.url)
    assert PostImage.objects.filter(post__title="Unfinished").exists()
    assert client.get("/wp-content/uploads/2012/03/diagram.png").status_code == 404

    post.status = Post.Status.DRAFT  # the writer takes the post back
    posts.save_post_as(editor=owner, post=post)
    assert client.get("/wp-content/uploads/2012/03/photo.jpg").status_code == 404


def test_an_image_of_absurd_size_is_refused_and_the_import_goes_on(
    owner, uploads, monkeypatch
):
    # photo.jpg is 40×20 pixels: over twice this limit, Pillow calls it a bomb.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    old = f"{UPLOADS}/2012/03/photo.jpg"
    document = wxr.export(
        items=[wxr.item(1, "Bomb", body=f'<img src="{old}" />'), wxr.item(2, "Next")]
    )

    report = run(document, owner, uploads)

    assert old in Post.objects.get(title="Bomb").body
    assert Post.objects.filter(title="Next").exists() and media_files() == []
    assert report["media"]["refused"] == 1


def test_importing_again_with_the_media_folder_brings_the_files(owner, uploads):
    document = wxr.export(
        items=[
            wxr.item(1, "Sleeve", body=f'<img src="{UPLOADS}/2012/03/photo.jpg" />'),
            wxr.item(2, "Edited", body=f'<a href="{UPLOADS}/2012/03/notes.pdf">x</a>'),
            wxr.item(
                7,
                "About",
                type="page",
                body=f'<img src="{UPLOADS}/2012/03/diagram.png" />',
            ),
            wxr.item(
                3,
                "photo",
                type="attachment",
                status="inherit",
                parent=1,
                attachment_url=f"{UPLOADS}/2012/03/photo.jpg",
            ),
        ]
    )
    run(document, owner, None)  # the uploads were forgotten the first time
    edited = Post.objects.get(title="Edited")
    edited.body += "\n\nA line the writer added."
    edited.save()

    report = run(document, owner, uploads)

    post = Post.objects.get(title="Sleeve")
    image = PostImage.objects.get(post=post)
    assert image.image.url in post.body and "oldblog.example" not in post.body
    record = WordPressObject.objects.get(kind="attachment", wp_id=3)
    assert (record.object_id, record.data["model"]) == (image.pk, "posts.postimage")
    page = Page.objects.get(title="About")
    assert f"{settings.MEDIA_URL}wordpress/2012/03/diagram.png" in page.body_html
    # The writer's edit stands: that post keeps its old address, and says so.
    assert "oldblog.example" in Post.objects.get(title="Edited").body
    assert not Attachment.objects.exists()
    assert any("edited since" in w for w in report["warnings"])
    assert report["media"]["stored"] == 2 and report["created"] == {}
