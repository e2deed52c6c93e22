"""`linernotes export` and `linernotes restore`: a whole site out to one file and
back into an empty one, with the same rows, the same ids and the same pages."""

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench import fill
from linernotes.catalogue.models import Artist, Release
from linernotes.comments.models import Comment
from linernotes.core import pagecache
from linernotes.core.models import SiteSettings
from linernotes.likes.services import Liker, set_comment_like, set_post_like
from linernotes.notifications.models import Subscription
from linernotes.notifications.services import confirm_subscription, subscribe
from linernotes.posts import services
from linernotes.posts.models import (
    Attachment,
    Category,
    MonthArchive,
    Page,
    Post,
    Series,
    Tag,
)
from linernotes.transfer.archive import (
    FORMAT_VERSION,
    LEFT_OUT,
    MANIFEST,
    PARTS,
    media_files,
)
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]+')
DOWNLOAD = b"PK\x03\x04 a liner-notes booklet, not really a zip \x00\xff" * 50
COUNTS = ("play_count", "download_count")  # kept apart (decision 0049)


@pytest.fixture
def blog(make_comment, make_image_file, make_attachment, make_post_image, make_user):
    """A realistic small blog: four authors with many posts in series, tags and
    categories, releases with tracks, threaded comments, likes, a confirmed
    subscription, a download, a cover with thumbnails, a renamed post, pages,
    an imported item's record and an old WordPress address."""
    options = "--posts 30 --scheduled 2 --drafts 3 --private 1 --locked 1"
    options += " --series 3 --tags 8 --comments 40 --releases 2 --per-page 10"
    fill.fill(fill.parse_args(options.split()))
    mara = User.objects.get(username="mara")
    series = Series.objects.order_by("pk").first()
    post = services.create_post(
        title="Rocky IV, side two",
        author=mara,
        body="The training montage, again.",
        status=Post.Status.PUBLISHED,
        series=series,
        cover=make_image_file(name="cover.png", width=900),
        cover_alt="A red square",
    )
    make_post_image(post=post, name="inside.png", alt="Inside the sleeve")
    make_attachment(post=post, name="booklet.zip", data=DOWNLOAD, title="Booklet")
    first = make_comment(post=post, body="First!")
    reply = make_comment(post=post, body="Second, under the first.", parent=first)
    make_comment(post=post, body="Third, deeper.", parent=reply)
    make_comment(post=post, body="Held for moderation.", approved=False)
    reader = make_user(username="listener", email="listener@example.org")
    EmailAddress.objects.create(
        user=reader, email=reader.email, verified=True, primary=True
    )
    set_post_like(post=post, liker=Liker.account(reader), liked=True)
    set_post_like(post=post, liker=Liker.guest("a guest browser"), liked=True)
    set_comment_like(comment=first, liker=Liker.account(reader), liked=True)
    pending = subscribe(
        email="fan@example.org", kind=Subscription.Kind.SERIES, site="", series=series
    )
    confirm_subscription(subscription_id=pending.pk, email="fan@example.org")
    renamed = Post.objects.published().order_by("pk").first()
    old_url = renamed.get_absolute_url()
    renamed.slug = "a-better-name"
    services.save_post_as(editor=mara, post=renamed)
    services.record_revision(post=renamed, editor=mara)
    services.autosave_post(
        post=renamed, editor=mara, title=renamed.title, body="Half a new paragraph"
    )
    WordPressObject.objects.create(
        source="oldblog.wordpress.com", kind="post", wp_id=12, object_id=post.pk
    )
    LegacyRedirect.objects.create(
        old_path="/2019/05/rocky-iv/", target_type="post", target_id=post.pk
    )
    services.refresh_counts()  # what commit runs; a test's transaction never commits
    return {"post": post, "old_url": old_url, "reader": reader}


def site_urls() -> list[str]:
    """Every kind of address a reader or an old link reaches, for each row."""
    urls = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/series/", "/music/"]
    urls += [reverse("comments:feed"), reverse("robots_txt")]
    urls += [f"{reverse('posts:search')}?q={word}" for word in ("Rocky", "montage")]
    for model in (Post, Page, Series, Category, Tag, Artist, Release, Attachment):
        urls += [row.get_absolute_url() for row in model.objects.order_by("pk")]
    urls += [reverse("posts:author", args=[u.username]) for u in User.objects.all()]
    urls += [reverse("comments:permalink", args=[c.pk]) for c in Comment.objects.all()]
    urls += [default_storage.url(name) for name in media_files()]
    urls += list(LegacyRedirect.objects.values_list("old_path", flat=True))
    return sorted(set(urls))


def fetch(urls: list[str]) -> dict[str, tuple[int, str, bytes]]:
    """Each address's status, redirect target and body, as a new reader gets them."""
    cache.clear()
    pagecache._settings_memo = None
    client = Client()
    answers = {}
    for url in urls:
        response = client.get(url)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        body = CSRF_TOKEN.sub(b"", body)  # a new one each time, by design
        answers[url] = (response.status_code, response.get("Location", ""), body)
    return answers


def row_counts() -> dict[str, int]:
    counted = {part.label: part.model._base_manager.count() for part in PARTS}
    counted["posts.montharchive"] = MonthArchive.objects.count()
    return counted


def export(path: Path, *options: str) -> Path:
    call_command("export", "-o", str(path), *options, stderr=io.StringIO())
    return path


def restore(path: Path) -> str:
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def empty_the_site() -> None:
    """What a new install is: a migrated database (flush runs post_migrate,
    as migrate does) and no uploaded files."""
    if connection.vendor == "postgresql":
        # PostgreSQL truncates no table with reference checks still pending in
        # the test's open transaction: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def media_snapshot() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()
    }


def test_every_table_is_either_archived_or_left_out_for_a_reason():
    labels = {m._meta.label_lower for m in apps.get_models()}
    archived = {part.label for part in PARTS}
    assert archived.isdisjoint(LEFT_OUT)
    assert labels == archived | set(LEFT_OUT)


def test_a_restored_blog_has_the_same_rows_ids_files_and_pages(blog, tmp_path):
    Attachment.objects.update(play_count=7)
    counts, media = row_counts(), media_snapshot()
    ids = {
        "posts": sorted(Post.objects.values_list("pk", flat=True)),
        "comments": sorted(Comment.objects.values_list("pk", "thread_path")),
        "downloads": sorted(Attachment.objects.values_list("pk", *COUNTS)),
    }
    assert counts["comments.comment"] > 40 and counts["likes.like"] == 3
    assert counts["notifications.subscription"] == 1 and len(media) >= 4
    archive = export(tmp_path / "site.zip")
    # Fetched after the export: a download counts itself, and the restored
    # site starts from the archived count.
    urls = [*site_urls(), blog["old_url"]]  # the renamed post's old address
    before = fetch(urls)

    empty_the_site()
    assert Post.objects.count() == 0 and media_snapshot() == {}
    output = restore(archive)

    assert "Restored" in output
    assert row_counts() == counts
    assert media_snapshot() == media
    assert sorted(Post.objects.values_list("pk", flat=True)) == ids["posts"]
    assert sorted(Comment.objects.values_list("pk", "thread_path")) == ids["comments"]
    downloads = sorted(Attachment.objects.values_list("pk", *COUNTS))
    assert downloads == ids["downloads"]
    after = fetch(urls)
    for url in urls:
        assert after[url][:2] == before[url][:2], url
        assert after[url][2] == before[url][2], f"{url} differs after restore"
    found = after[f"{reverse('posts:search')}?q=montage"][2]
    assert b"Rocky IV, side two" in found  # the search index was rebuilt too
    download = blog["post"].attachments.get().get_absolute_url()
    assert before[download][0] == 200 and after[download][2] == DOWNLOAD
    assert before[blog["old_url"]][0] == 301
    statuses = {status for status, _, _ in before.values()}
    assert {200, 301, 302, 404}.issubset(statuses)


def rows_in(path: Path) -> dict[str, list[str]]:
    """Every row of an archive, by file; many-to-many lists sorted."""

    def normal(line: bytes) -> str:
        row = json.loads(line)
        for name, value in row["fields"].items():
            if isinstance(value, list):
                row["fields"][name] = sorted(value)
        return json.dumps(row, sort_keys=True)

    with zipfile.ZipFile(path) as archive:
        return {
            part.entry: sorted(map(normal, archive.read(part.entry).splitlines()))
            for part in PARTS
        }


def test_exporting_a_restored_site_gives_the_same_rows(blog, tmp_path):
    """Every column of every row survives, tags, groups and likes included."""
    first = export(tmp_path / "first.zip", "--with-passwords")
    empty_the_site()
    restore(first)
    second = export(tmp_path / "second.zip", "--with-passwords")
    before, after = rows_in(first), rows_in(second)
    assert any(
        '"tags": [' in row and '"tags": []' not in row
        for row in (before["data/posts.post.jsonl"])
    )
    for entry in before:
        assert after[entry] == before[entry], entry


def test_after_a_restore_new_rows_get_fresh_ids(blog, tmp_path, make_post):
    archive = export(tmp_path / "site.zip")
    highest = Post.objects.order_by("-pk").values_list("pk", flat=True)[0]
    empty_the_site()
    restore(archive)
    assert make_post(title="Written after the move").pk > highest


def test_the_counts_beside_the_posts_are_recounted_not_trusted(blog, tmp_path):
    tag = Tag.objects.filter(post_count__gt=0).order_by("pk").first()
    right = tag.post_count
    Tag.objects.filter(pk=tag.pk).update(post_count=999)  # wrong when exported
    MonthArchive.objects.all().delete()
    archive = export(tmp_path / "site.zip")
    empty_the_site()
    restore(archive)
    assert Tag.objects.get(pk=tag.pk).post_count == right
    assert MonthArchive.objects.exists()


def test_passwords_stay_out_unless_asked_for(blog, tmp_path):
    reader = blog["reader"]
    without = export(tmp_path / "plain.zip")
    with zipfile.ZipFile(without) as archive:
        users = archive.read("data/users.user.jsonl").decode()
        assert json.loads(archive.read(MANIFEST))["passwords"] is False
    assert reader.password.split("$")[-1] not in users
    assert '"password"' not in users
    with_hashes = export(tmp_path / "hashes.zip", "--with-passwords")

    empty_the_site()
    output = restore(without)
    assert "resetting" in output
    assert not User.objects.get(pk=reader.pk).has_usable_password()
    assert not any(u.has_usable_password() for u in User.objects.all())

    empty_the_site()
    restore(with_hashes)
    assert User.objects.get(pk=reader.pk).check_password("pw-for-tests-only")


def test_the_manifest_counts_what_is_inside(blog, tmp_path):
    counts = row_counts()
    media = media_snapshot()
    with zipfile.ZipFile(export(tmp_path / "site.zip")) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        names = archive.namelist()
        for part in PARTS:
            lines = archive.read(part.entry).decode().splitlines()
            assert len(lines) == counts[part.label], part.label
    assert manifest["format"] == "linernotes-archive"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["app_version"] and manifest["created_at"]
    assert {k: v["count"] for k, v in manifest["models"].items()} == {
        part.label: counts[part.label] for part in PARTS
    }
    assert manifest["media"]["files"] == len(media)
    assert manifest["media"]["bytes"] == sum(len(b) for b in media.values())
    assert sorted(
        n.removeprefix("media/") for n in names if n.startswith("media/")
    ) == (sorted(media))
    assert "sessions.session" in manifest["left_out"]


def test_export_writes_to_standard_output_without_a_file_name(blog, monkeypatch):
    piped = io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr("sys.stdout", piped)
    call_command("export", stderr=io.StringIO())
    with zipfile.ZipFile(io.BytesIO(piped.buffer.getvalue())) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["models"]["posts.post"]["count"] == Post.objects.count()


def test_a_file_deleted_while_exporting_is_left_out(blog, tmp_path, monkeypatch):
    listed = ["covers/deleted-meanwhile.png", *media_files()]
    monkeypatch.setattr("linernotes.transfer.archive.media_files", lambda: iter(listed))
    with zipfile.ZipFile(export(tmp_path / "site.zip")) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        names = archive.namelist()
    assert "media/covers/deleted-meanwhile.png" not in names
    assert manifest["media"]["files"] == len(listed) - 1


def test_export_to_standard_output_refuses_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    with pytest.raises(CommandError, match="-o FILE"):
        call_command("export")


def test_export_refuses_to_write_into_the_media_folder(blog):
    inside = Path(settings.MEDIA_ROOT) / "backups" / "site.zip"
    inside.parent.mkdir(parents=True)
    with pytest.raises(CommandError, match="outside the media folder"):
        export(inside)
    assert list(inside.parent.iterdir()) == []


# Refusals: each leaves the site exactly as it was.


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy an archive, passing each entry's bytes through ``change(name, data)``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))
    return target


def with_manifest(source: Path, target: Path, edit) -> Path:
    def change(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return rewrite(source, target, change)


def assert_refused(path: Path, message: str) -> None:
    counts, media = row_counts(), media_snapshot()
    site = SiteSettings.load().title
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert row_counts() == counts
    assert media_snapshot() == media
    assert SiteSettings.load().title == site


@pytest.fixture
def archive_of_blog(blog, tmp_path) -> Path:
    path = export(tmp_path / "site.zip")
    empty_the_site()
    return path


def test_a_site_with_content_is_refused(blog, tmp_path):
    archive = export(tmp_path / "site.zip")
    assert_refused(archive, "not empty")


def test_media_files_the_archive_would_overwrite_are_refused(archive_of_blog):
    with zipfile.ZipFile(archive_of_blog) as archive:
        first = next(n for n in archive.namelist() if n.startswith("media/"))
    clash = Path(settings.MEDIA_ROOT) / first.removeprefix("media/")
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_bytes(b"someone else's file")
    assert_refused(archive_of_blog, "already holds")
    assert clash.read_bytes() == b"someone else's file"


def test_a_truncated_archive_is_refused(archive_of_blog, tmp_path):
    truncated = tmp_path / "truncated.zip"
    data = archive_of_blog.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    assert_refused(truncated, "damaged")


def test_an_archive_with_a_corrupted_entry_is_refused(archive_of_blog, tmp_path):
    """One byte changed inside the stored (uncompressed) download: the zip
    still opens, its checksum does not match."""
    data = bytearray(archive_of_blog.read_bytes())
    at = data.index(DOWNLOAD[:20]) + 5
    data[at] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    assert_refused(damaged, "fails its checksum")


def test_a_zip_that_is_not_an_archive_is_refused(tmp_path):
    foreign = tmp_path / "holiday.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("photo.txt", "not a blog")
    assert_refused(foreign, "no manifest.json")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr(MANIFEST, json.dumps({"format": "ghost-export"}))
    assert_refused(other, "another format")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert_refused(text, "not a Liner Notes archive")


def test_another_format_version_is_refused(archive_of_blog, tmp_path):
    newer = with_manifest(
        archive_of_blog, tmp_path / "v2.zip", lambda m: m.update(format_version=2)
    )
    assert_refused(newer, "format version 2")


def test_an_archive_from_a_newer_schema_is_refused(archive_of_blog, tmp_path):
    newer = with_manifest(
        archive_of_blog,
        tmp_path / "newer.zip",
        lambda m: m["migrations"]["posts"].append("0999_from_the_future"),
    )
    assert_refused(newer, "0999_from_the_future")


def test_a_failure_midway_leaves_the_site_as_it_was(archive_of_blog, tmp_path):
    """The manifest promises one comment more than the file holds: the check
    comes after users, posts and comments are inserted, and all of it goes."""

    def one_more(manifest):
        manifest["models"]["comments.comment"]["count"] += 1

    lying = with_manifest(archive_of_blog, tmp_path / "lying.zip", one_more)
    assert_refused(lying, "comments.comment.jsonl holds")
    assert User.objects.count() == 0 and Post.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("published_at", '"not a date"', "posts.post.jsonl cannot be loaded"),
        ("author", "987654", "points to one it does not hold"),
    ],
)
def test_a_row_that_cannot_load_is_refused(
    archive_of_blog, tmp_path, field, value, message
):
    """One post's field replaced by a value no column takes, or by an author
    the archive does not hold."""
    pattern = re.compile(rf'"{field}": [^,]+'.encode())

    def break_a_post(name, data):
        if name != "data/posts.post.jsonl":
            return data
        broken, replaced = pattern.subn(f'"{field}": {value}'.encode(), data, count=1)
        assert replaced == 1
        return broken

    broken = rewrite(archive_of_blog, tmp_path / "broken.zip", break_a_post)
    assert_refused(broken, message)
    assert User.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sequences")
def test_sequences_move_past_restored_ids_on_postgresql(archive_of_blog, make_post):
    restore(archive_of_blog)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM posts_post_id_seq")
        (last,) = cursor.fetchone()
    assert last >= Post.objects.order_by("-pk").values_list("pk", flat=True)[0]
