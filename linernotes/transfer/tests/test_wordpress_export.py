"""``linernotes export-wordpress``: the whole blog as WXR 1.2 that WordPress's
importer and ours both read.

The blog is built through the services as a writer would (several authors,
posts in every status, a series, nested categories, a password, a page, files,
a threaded conversation with held, spam, trashed and removed comments, titles
in other scripts and directions, a body holding ``]]>``), exported, and read
back with our streaming reader, our first-pass check and a strict XML parser.
"""

import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree as ET
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from linernotes.comments import services as comment_services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    Tag,
)
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.transfer.wordpress.check import check_wxr
from linernotes.transfer.wordpress.reader import (
    WxrAuthor,
    WxrCategory,
    WxrChannel,
    WxrItem,
    WxrTag,
    read_wxr,
)
from linernotes.transfer.wordpress.writer import SERIES_PREFIX, series_slug, write_wxr
from linernotes.transfer.wordpress.wxr_text import (
    attribute,
    cdata,
    entity_text,
    plain,
    wp_slug,
)
from linernotes.users.models import User
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db

SITE = "https://notes.example.org"
WP = "{http://wordpress.org/export/1.2/}"
BIDI_TITLE = "שלום \u202eevil\u202c — Ünïcödé\u200b zero-width"
CDATA_TITLE = "Why ]]> ends CDATA"
CDATA_BODY = "A body that says ]]> twice ]]> and *means* it."
PUBLISHED_AT = datetime(2024, 7, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 July in Berlin


@pytest.fixture
def blog(make_writer, make_post, make_category, make_series, make_tag, make_page):
    """A small but complete blog, written through the services."""
    site = SiteSettings.load()
    site.time_zone = "Europe/Berlin"
    site.save()
    owner = User.objects.create_superuser(
        username="owner", email="owner@example.org", password="pw-for-tests-only"
    )
    editor = make_writer(role=Role.EDITOR, username="editor", display_name="Ed Itor")
    author = make_writer(role=Role.AUTHOR, username="author")
    reviews = make_category(name="Reviews")
    soundtracks = make_category(name="Soundtracks", parent=reviews)
    eighties = make_category(name="1980s", parent=soundtracks)
    synth = make_tag(name="synth")
    make_tag(name="unused tag")
    series = make_series(title="Great Soundtracks of 1985", description="Ten films.")
    now = timezone.now()
    posts = {
        "published": make_post(
            title=BIDI_TITLE,
            author=editor,
            published_at=PUBLISHED_AT,
            categories=[eighties],
            tags=[synth],
            series=series,
            excerpt="An excerpt.",
            sticky=True,
        ),
        "cdata": make_post(
            title=CDATA_TITLE,
            author=author,
            body=CDATA_BODY,
            days_ago=3,
            series=series,
            comments_open=False,
        ),
        "scheduled": make_post(
            title="Coming soon",
            author=editor,
            status=Post.Status.SCHEDULED,
            published_at=now + timedelta(days=3),
        ),
        "draft": make_post(title="Half written", author=author, status="draft"),
        "pending": make_post(title="For review", author=author, status="pending"),
        "private": make_post(
            title="Just for us", author=owner, status="private", days_ago=1
        ),
        "password": make_post(
            title="Members only", author=editor, password="s3cret]]>", days_ago=2
        ),
    }
    make_page(title="About", body="Who writes here.", menu_order=2)
    make_page(title="Hidden page", is_published=False, show_in_menu=False)
    return {"owner": owner, "editor": editor, "author": author, "posts": posts}


@pytest.fixture
def conversation(blog, make_comment, make_attachment, make_post_image):
    """Files on the first post, and a thread three levels deep beside comments
    held, marked as spam, trashed and removed."""
    post = blog["posts"]["published"]
    make_attachment(post=post, name="liner-notes.txt", title="The liner notes")
    make_post_image(post=post, alt="The sleeve")
    root = make_comment(post=post, body="First! ]]> still text", name="Ана")
    reply = make_comment(post=post, parent=root, body="A reply", name="Bo")
    deeper = make_comment(post=post, parent=reply, body="Deeper", name="Cy")
    held = make_comment(post=post, body="Hold me", name="Di", approved=False)
    spam = make_comment(post=post, body="Buy pills", name="Spammer", approved=False)
    comment_services.moderate_comment(comment=spam, status=Comment.Status.SPAM)
    trashed = make_comment(post=post, body="Oops", name="Ed")
    comment_services.moderate_comment(comment=trashed, status=Comment.Status.TRASH)
    removed = make_comment(post=post, parent=root, body="Rude", name="Fi")
    comment_services.moderate_comment(comment=removed, status=Comment.Status.REMOVED)
    return {
        "root": root,
        "reply": reply,
        "deeper": deeper,
        "held": held,
        "removed": removed,
    }


def export(**kwargs) -> bytes:
    out = io.BytesIO()
    write_wxr(out, site_url=SITE, **kwargs)
    return out.getvalue()


def records(data: bytes) -> list:
    return list(read_wxr(io.BytesIO(data)))


def items_by_title(data: bytes) -> dict[str, WxrItem]:
    return {r.title: r for r in records(data) if isinstance(r, WxrItem)}


def test_the_first_pass_check_counts_everything_the_blog_holds(conversation):
    summary = check_wxr(io.BytesIO(export()))

    assert summary.channel.wxr_version == "1.2"
    assert summary.channel.base_site_url == SITE
    assert summary.posts == 7
    assert summary.pages == 2
    assert summary.attachments == 2
    assert summary.items == {
        "post": {"publish": 3, "future": 1, "draft": 1, "pending": 1, "private": 1},
        "page": {"publish": 1, "draft": 1},
        "attachment": {"inherit": 2},
    }
    assert summary.authors == 3  # owner, editor, author
    assert summary.categories == 4  # three nested and the series
    assert summary.tags == 2
    assert summary.sticky == 1
    assert summary.password_protected == 1
    comments = summary.comments
    assert (comments.total, comments.approved, comments.pending) == (7, 3, 1)
    assert (comments.spam, comments.trash) == (1, 2)  # trashed, and removed
    assert comments.max_depth == 3
    assert summary.skipped == []
    # Never-published drafts carry WordPress's zero GMT date, as WordPress does.
    (warning,) = summary.warnings
    assert warning.startswith("2 items have a zero post_date_gmt")


def test_write_wxr_returns_what_it_wrote(conversation):
    counts = write_wxr(io.StringIO(), site_url=SITE)

    assert (counts.posts, counts.pages, counts.attachments) == (7, 2, 2)
    assert (counts.authors, counts.categories, counts.series, counts.tags) == (
        3,
        3,
        1,
        2,
    )
    assert counts.comments == 7
    assert counts.items["post"]["future"] == 1


def test_statuses_dates_passwords_and_titles_come_back_exactly(blog):
    items = items_by_title(export())

    published = items[BIDI_TITLE]
    assert published.status == "publish"
    berlin = PUBLISHED_AT.astimezone(ZoneInfo("Europe/Berlin"))
    assert published.post_date == berlin.replace(tzinfo=None)
    assert (published.post_date.day, published.post_date.hour) == (2, 0)
    assert published.post_date_gmt == PUBLISHED_AT
    assert published.is_sticky and published.excerpt == "An excerpt."
    assert published.creator == "editor"
    assert published.link == SITE + blog["posts"]["published"].get_absolute_url()
    assert items[CDATA_TITLE].content.count("]]&gt;") == 2  # the HTML readers see
    assert ("_linernotes_markdown", CDATA_BODY) in items[CDATA_TITLE].meta
    assert items["Coming soon"].status == "future"
    assert items["Just for us"].status == "private"
    assert items["For review"].status == "pending"
    draft = items["Half written"]
    assert draft.status == "draft" and draft.post_date_gmt_is_zero
    assert draft.post_date is not None
    assert items["Members only"].post_password == "s3cret]]>"
    assert items[CDATA_TITLE].post_name == blog["posts"]["cdata"].slug
    assert items["About"].post_type == "page" and items["About"].menu_order == 2
    assert items["Hidden page"].status == "draft"


def test_a_scheduled_post_whose_time_has_come_is_published(blog):
    """No job flips a due post's status (readers see it once its time passes),
    so the export says "publish" for it, as WordPress would by then."""
    due = blog["posts"]["scheduled"]
    Post.objects.filter(pk=due.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )

    assert items_by_title(export())["Coming soon"].status == "publish"


def test_comment_status_follows_the_post(blog):
    """Open comments say "open", closed ones "closed" (WordPress's
    comment_status), read here straight from the XML (titles in WordPress's
    HTML-escaped form: "Why ]]&gt; ends CDATA")."""
    root = ET.fromstring(export())
    status = {
        entity_text(item.findtext("title")): item.findtext(f"{WP}comment_status")
        for item in root.iter("item")
    }
    assert status[BIDI_TITLE] == "open"
    assert status[CDATA_TITLE] == "closed"


def test_categories_keep_their_parents_and_series_become_marked_categories(blog):
    found = records(export())
    categories = [r for r in found if isinstance(r, WxrCategory)]

    assert [(c.name, c.parent) for c in categories] == [
        ("Reviews", ""),
        ("Soundtracks", "reviews"),
        ("1980s", "soundtracks"),
        ("Great Soundtracks of 1985", ""),
    ]
    marked = categories[-1]
    assert series_slug(marked.nicename) == Series.objects.get().slug
    assert marked.description == "Ten films."
    assert series_slug("reviews") is None and series_slug(SERIES_PREFIX) is None
    items = {r.title: r for r in found if isinstance(r, WxrItem)}
    terms = {(t.domain, t.nicename, t.name) for t in items[BIDI_TITLE].terms}
    assert terms == {
        ("category", "1980s", "1980s"),
        ("post_tag", "synth", "synth"),
        ("category", marked.nicename, "Great Soundtracks of 1985"),
    }
    positions = {
        title: dict(items[title].meta).get("_linernotes_series_position")
        for title in (BIDI_TITLE, CDATA_TITLE)
    }
    assert positions == {BIDI_TITLE: "1", CDATA_TITLE: "2"}
    assert {r.name for r in found if isinstance(r, WxrTag)} == {"synth", "unused tag"}


def test_authors_are_the_writers_with_their_details(blog, make_user):
    make_user(username="just-a-reader")
    authors = [r for r in records(export()) if isinstance(r, WxrAuthor)]

    assert [a.login for a in authors] == ["owner", "editor", "author"]
    editor = authors[1]
    assert (editor.id, editor.email, editor.display_name) == (
        blog["editor"].pk,
        "editor@example.org",
        "Ed Itor",
    )


def test_files_are_attachments_of_their_post(conversation):
    Attachment.objects.update(play_count=3, download_count=5)
    items = items_by_title(export())
    post = items[BIDI_TITLE]
    download = Attachment.objects.get()
    image = PostImage.objects.get()

    notes = items["The liner notes"]
    assert notes.post_type == "attachment" and notes.status == "inherit"
    assert notes.parent == post.post_id
    assert notes.attachment_url == SITE + download.file.url
    assert dict(notes.meta)["_linernotes_kind"] == "download"
    assert dict(notes.meta)["_linernotes_play_count"] == "3"  # plays apart
    assert dict(notes.meta)["_linernotes_download_count"] == "5"
    sleeve = items["The sleeve"]
    assert sleeve.parent == post.post_id
    assert sleeve.attachment_url == SITE + image.image.url
    assert dict(sleeve.meta)["_wp_attachment_image_alt"] == "The sleeve"
    ids = [item.post_id for item in items.values()]
    assert len(ids) == len(set(ids)), "posts, pages and files share one id space"


def test_imported_files_keep_their_wordpress_ids_guids_and_meta(
    make_post, make_attachment, make_post_image, make_image_file
):
    """A download, a body image and a cover that an import stored as files
    (its records name the row's model, the kind spanning three tables) go back
    with WordPress's ids, guids and attachment meta; the post's _thumbnail_id
    names its cover's id."""
    post = make_post(title="With files", cover=make_image_file(name="front.png"))
    download = make_attachment(post=post, title="Notes")
    image = make_post_image(post=post, alt="Inside")
    for wp_id, model, pk in (
        (701, "posts.attachment", download.pk),
        (702, "posts.postimage", image.pk),
        (703, "posts.post", post.pk),
    ):
        WordPressObject.objects.create(
            source="old.example.com",
            kind="attachment",
            wp_id=wp_id,
            guid=f"http://old.example.com/?attachment_id={wp_id}",
            object_id=pk,
            data={"model": model, "meta": [["_wp_attachment_metadata", f"m{wp_id}"]]},
        )

    items = items_by_title(export())

    ids = {title: items[title].post_id for title in ("Notes", "Inside", "front.png")}
    assert ids == {"Notes": 701, "Inside": 702, "front.png": 703}
    for title, wp_id in ids.items():
        assert items[title].guid == f"http://old.example.com/?attachment_id={wp_id}"
        assert ("_wp_attachment_metadata", f"m{wp_id}") in items[title].meta
    assert dict(items["With files"].meta)["_thumbnail_id"] == "703"
    assert dict(items["front.png"].meta)["_linernotes_kind"] == "cover"


def test_an_image_without_a_post_is_an_attachment_without_a_parent(
    make_post, make_post_image
):
    post = make_post(title="Soon deleted")
    make_post_image(post=post, alt="Orphan")
    post.delete()

    orphan = items_by_title(export())["Orphan"]
    assert orphan.post_type == "attachment" and orphan.parent == 0


def test_threads_and_comment_states_come_back(conversation):
    post = items_by_title(export())[BIDI_TITLE]
    comments = {c.content: c for c in post.comments}

    root = comments["First! ]]> still text"]
    assert root.author == "Ана" and root.approved == "1" and root.parent == 0
    assert comments["A reply"].parent == root.id
    assert comments["Deeper"].parent == comments["A reply"].id
    assert comments["Hold me"].approved == "0"
    assert comments["Buy pills"].approved == "spam"
    assert comments["Oops"].approved == "trash"
    removed = comments["Rude"]
    assert removed.approved == "trash" and removed.parent == root.id
    assert removed.meta == [("_linernotes_status", "removed")]
    assert {c.type for c in post.comments} == {"comment"}
    stored = conversation["root"]
    assert root.date_gmt == stored.created_at.replace(microsecond=0)
    berlin = stored.created_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert root.date == berlin.replace(microsecond=0, tzinfo=None)
    assert root.author_email == "rae@example.org"


def test_a_comment_names_its_account_only_when_that_account_is_exported(
    conversation, blog, make_user
):
    """A writer's reply carries the writer's author id; a signed-in reader's
    comment carries 0 (readers' accounts are not exported), as WordPress's
    importer can link a comment only to one of the file's authors."""
    reader = make_user(username="listener", email="listener@example.org")
    comment_services.reply_as_writer(
        parent=conversation["root"], user=blog["editor"], body="Thanks, Ана"
    )
    comment_services.submit_comment(
        post=blog["posts"]["published"],
        author=comment_services.Author(
            name="Listener", email=reader.email, user=reader, trusted=True
        ),
        body="Signed in",
    )

    post = items_by_title(export())[BIDI_TITLE]
    users = {c.content: c.user_id for c in post.comments}

    assert users["Thanks, Ана"] == blog["editor"].pk
    assert users["Signed in"] == 0


def test_what_an_import_kept_goes_back_to_wordpress(blog, make_comment):
    """Post meta, the post format, comment meta and a pingback's type, kept by
    an import in WordPressObject, are written back, with WordPress's own ids;
    our own marks are written fresh, never copied from the kept ones."""
    post = blog["posts"]["published"]
    comment = make_comment(post=post, body="Linked to you")
    WordPressObject.objects.create(
        source="old.example.com",
        kind="post",
        wp_id=4321,
        guid="http://old.example.com/?p=4321",
        object_id=post.pk,
        data={
            "meta": [["_yoast_wpseo_title", "SEO ]]> title"], ["views", "12"]],
            "format": "audio",
        },
    )
    WordPressObject.objects.create(
        source="old.example.com",
        kind="comment",
        wp_id=99,
        object_id=comment.pk,
        data={
            "type": "pingback",
            # A mark from an earlier export, stale now the comment is approved.
            "meta": [["akismet_result", "false"], ["_linernotes_status", "removed"]],
        },
    )

    item = items_by_title(export())[BIDI_TITLE]

    assert item.post_id == 4321
    assert item.guid == "http://old.example.com/?p=4321"
    assert ("_yoast_wpseo_title", "SEO ]]> title") in item.meta
    assert ("views", "12") in item.meta
    assert ("post_format", "post-format-audio", "Audio") in {
        (t.domain, t.nicename, t.name) for t in item.terms
    }
    (pingback,) = item.comments
    assert (pingback.id, pingback.type) == (99, "pingback")
    assert pingback.meta == [("akismet_result", "false")]
    others = [i.post_id for i in items_by_title(export()).values()]
    assert all(other > 4321 for other in others if other != 4321)


def test_the_file_is_strict_xml_without_characters_xml_forbids(conversation):
    """A title stored before the control-character rule (written straight to
    the row, as an old database may hold it) still leaves well-formed XML."""
    Post.objects.filter(pk=conversation["root"].post_id).update(
        title="Bell\x07 and tab\x0b and \ufffe"
    )
    data = export()

    text = data.decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    root = ET.fromstring(data)  # expat: refuses anything not well-formed
    titles = [entity_text(item.findtext("title")) for item in root.iter("item")]
    assert "Bell and tab and " in titles
    assert CDATA_TITLE in titles


def test_cdata_splits_its_own_end_marker():
    assert cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    assert ET.fromstring(f"<t>{cdata('a]]>b]]>')}</t>").text == "a]]>b]]>"
    assert cdata("\x00") == "<![CDATA[]]>"


def test_values_take_wordpress_forms():
    """A non-ASCII slug is percent-encoded in lower case, as WordPress stores
    it; addresses and attributes are escaped and lose forbidden characters."""
    assert wp_slug("müzik-ünd-més") == "m%c3%bczik-%c3%bcnd-m%c3%a9s"
    assert wp_slug("plain-slug") == "plain-slug"
    assert plain("https://x.example/?a=1&b=\x07") == "https://x.example/?a=1&amp;b="
    assert attribute('say "hi"\x0b') == "'say \"hi\"'"


def test_what_wordpress_importer_reads_is_there(conversation):
    """The wordpress-importer plugin's parsers: its SimpleXML parser finds the
    version, base URL, authors, terms and items by the wp namespace; its XML
    parser matches the literal ``wp:``, ``content:``, ``excerpt:`` and ``dc:``
    prefixes; its regex fallback reads an author or a term from one line and
    the version without CDATA. Its importer looks a category's parent up by
    nicename as it goes, maps a comment's parent only once inserted (in
    comment-id order), an item's author by dc:creator among the wp:author
    logins, and fetches a file from wp:attachment_url."""
    data = export()
    text = data.decode("utf-8")
    for prefix, uri in {
        "wp": "http://wordpress.org/export/1.2/",
        "excerpt": "http://wordpress.org/export/1.2/excerpt/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "dc": "http://purl.org/dc/elements/1.1/",
    }.items():
        assert f'xmlns:{prefix}="{uri}"' in text
    assert re.search(r"<wp:wxr_version>\d+\.\d+</wp:wxr_version>", text)
    for element in ("wp:author", "wp:category", "wp:tag"):
        opened = text.count(f"<{element}>")
        assert opened and opened == len(
            re.findall(rf"^\t<{element}>.*</{element}>$", text, re.MULTILINE)
        )
    root = ET.fromstring(data)
    channel = root.find("channel")
    assert channel.findtext(f"{WP}base_site_url") == SITE
    logins = {a.findtext(f"{WP}author_login") for a in channel.iter(f"{WP}author")}
    author_ids = {a.findtext(f"{WP}author_id") for a in channel.iter(f"{WP}author")}
    seen = set()
    for category in channel.findall(f"{WP}category"):
        parent = category.findtext(f"{WP}category_parent")
        assert not parent or parent in seen
        seen.add(category.findtext(f"{WP}category_nicename"))
    item_ids = {int(i.findtext(f"{WP}post_id")) for i in channel.iter("item")}
    required = (
        "post_id post_date post_date_gmt comment_status ping_status post_name "
        "status post_parent menu_order post_type post_password is_sticky"
    ).split()
    for item in channel.iter("item"):
        assert item.find("title") is not None and item.find("guid").text
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") in logins
        for name in required:
            assert item.find(f"{WP}{name}") is not None, name
        assert (
            item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None
        )
        assert (
            item.find("{http://wordpress.org/export/1.2/excerpt/}encoded") is not None
        )
        for term in item.findall("category"):
            assert term.get("domain") and term.get("nicename")
        if item.findtext(f"{WP}post_type") == "attachment":
            assert item.findtext(f"{WP}attachment_url").startswith(SITE + "/media/")
            assert int(item.findtext(f"{WP}post_parent")) in item_ids
        ids = []
        for comment in item.findall(f"{WP}comment"):
            comment_id = int(comment.findtext(f"{WP}comment_id"))
            parent = int(comment.findtext(f"{WP}comment_parent"))
            assert parent == 0 or parent in ids or parent < comment_id
            assert comment.findtext(f"{WP}comment_user_id") in author_ids | {"0"}
            ids.append(comment_id)


def test_the_export_is_streamed_in_pieces_with_queries_per_batch(
    blog, make_post, make_comment, django_assert_max_num_queries
):
    """Tried with 250 posts of 2,000 characters each, a comment on every tenth:
    the output reaches the stream in many writes of bounded size, and the
    number of queries grows with batches, not posts."""
    for number in range(250):
        post = make_post(title=f"Filler {number}", body="word " * 400, days_ago=5)
        if number % 10 == 0:
            make_comment(post=post, body=f"On filler {number}")

    class Recorder(io.RawIOBase):
        def __init__(self):
            self.sizes = []

        def writable(self):
            return True

        def write(self, chunk):
            self.sizes.append(len(chunk))
            return len(chunk)

    recorder = Recorder()
    with django_assert_max_num_queries(60):
        counts = write_wxr(recorder, site_url=SITE)

    assert counts.posts == 257 and counts.comments == 25
    assert len(recorder.sizes) > 10
    assert max(recorder.sizes) < 200_000


def test_the_command_writes_standard_output_by_default(conversation, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_wordpress", "--site-url", SITE, stdout=out, stderr=err)

    assert out.getvalue().startswith('<?xml version="1.0" encoding="UTF-8" ?>')
    assert out.getvalue().endswith("</rss>\n")
    assert check_wxr(io.BytesIO(out.getvalue().encode())).posts == 7
    assert "Exported 7 posts, 2 pages, 2 attachments, 7 comments" in err.getvalue()


def test_the_command_writes_a_file_with_o(conversation, tmp_path, settings):
    settings.LINERNOTES_SITE_URL = SITE
    target = tmp_path / "blog.xml"
    err = io.StringIO()
    call_command(
        "export_wordpress", "-o", str(target), stdout=io.StringIO(), stderr=err
    )

    summary = check_wxr(target)
    assert (summary.posts, summary.comments.total) == (7, 7)
    assert summary.channel.link == SITE
    assert not (tmp_path / "blog.xml.part").exists()
    assert "LINERNOTES_SITE_URL is not set" not in err.getvalue()


def test_a_file_that_cannot_be_written_is_a_clear_error(blog, tmp_path):
    """Tried with -o into a folder that does not exist."""
    missing = tmp_path / "no-such-folder" / "blog.xml"
    with pytest.raises(CommandError, match="Cannot write .*blog.xml"):
        call_command("export_wordpress", "-o", str(missing), stderr=io.StringIO())
    assert not missing.parent.exists()


def test_an_empty_blog_exports_a_valid_empty_file():
    summary = check_wxr(io.BytesIO(export()))
    assert (summary.posts, summary.pages, summary.authors) == (0, 0, 0)
    assert isinstance(records(export())[0], WxrChannel)


def census() -> dict:
    """What the site holds, counted the way a writer would check a move."""
    files = (
        Attachment.objects.count()
        + PostImage.objects.count()
        + WordPressObject.objects.filter(kind="attachment", object_id=None).count()
    )
    return {
        "posts": dict(Post.objects.values_list("status").annotate(n=Count("pk"))),
        "sticky": Post.objects.filter(sticky=True).count(),
        "protected": Post.objects.exclude(password="").count(),
        "pages": sorted(Page.objects.values_list("title", "is_published")),
        "files": files,
        "comments": dict(Comment.objects.values_list("status").annotate(n=Count("pk"))),
        "categories": sorted(Category.objects.values_list("name", flat=True)),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
        "series": sorted(Series.objects.values_list("title", flat=True)),
        "writers": sorted(
            User.objects.filter(posts__isnull=False)
            .distinct()
            .values_list("username", flat=True)
        ),
    }


def empty_the_site() -> None:
    """Everything but the site owner, as on a freshly installed blog."""
    Comment.objects.all().delete()
    Attachment.objects.all().delete()
    PostImage.objects.all().delete()
    Post.objects.all().delete()
    Page.objects.all().delete()
    Series.objects.all().delete()
    Tag.objects.all().delete()
    while Category.objects.exists():
        Category.objects.filter(children__isnull=True).delete()
    User.objects.exclude(username="owner").delete()


def test_an_export_imports_into_an_empty_site_with_the_same_counts(
    conversation, tmp_path
):
    """``export-wordpress``, an empty site, ``import-wordpress --json``: the
    same posts by status, pages, files, comments by state (a removed comment
    stays a placeholder), categories, tags, series and writers; and the file a
    second export writes counts the same as the first.

    The importer reads two conventions of the writer: a category nicename
    starting ``linernotes-series-`` is a series, and the comment meta
    ``_linernotes_status`` = ``removed`` restores a placeholder. Files come
    back as references to the exported site's URLs (no media folder given),
    so they are counted whatever form they take.
    """
    before = census()
    first = tmp_path / "first.xml"
    call_command(
        "export_wordpress", "-o", str(first), "--site-url", SITE, stderr=io.StringIO()
    )
    empty_the_site()

    out = io.StringIO()
    call_command(
        "import_wordpress", str(first), "--json", stdout=out, stderr=io.StringIO()
    )

    report = json.loads(out.getvalue())
    assert report["comments"]["total"] == 7
    assert census() == before
    second = tmp_path / "second.xml"
    call_command(
        "export_wordpress", "-o", str(second), "--site-url", SITE, stderr=io.StringIO()
    )
    again, then = check_wxr(second), check_wxr(first)
    assert again.items == then.items
    assert again.comments == then.comments
    assert (again.categories, again.tags, again.authors) == (
        then.categories,
        then.tags,
        then.authors,
    )


def test_a_blog_importing_its_own_export_finds_everything_already_here(
    conversation, tmp_path, settings
):
    """Finding 6: a writer who imports the file ``export-wordpress`` just wrote
    (by mistake, or to check it) gets "already here" for every post, page,
    file and comment, and not a second copy of the blog."""
    settings.LINERNOTES_SITE_URL = SITE
    before = census()
    own = tmp_path / "own.xml"
    call_command("export_wordpress", "-o", str(own), stderr=io.StringIO())

    out = io.StringIO()
    call_command(
        "import_wordpress", str(own), "--json", stdout=out, stderr=io.StringIO()
    )

    report = json.loads(out.getvalue())
    assert census() == before
    items = [LegacyRedirect.Target.POST, LegacyRedirect.Target.PAGE]
    assert not LegacyRedirect.objects.filter(target_type__in=items).exists()
    assert not {k: n for k, n in report["created"].items() if n}
    present = report["already_present"]
    assert (present["posts"], present["pages"]) == (7, 2)
    assert present["comments"] == report["comments"]["total"] == 7
    assert present["attachments"] == report["attachments"] == 2
    assert not WordPressObject.objects.filter(
        kind__in=["post", "page", "comment"]
    ).exists()


def test_another_liner_notes_blogs_export_is_not_taken_for_our_own(
    conversation, tmp_path, settings
):
    """The same slugs are not enough: only this blog's address makes an item
    its own, so a sister blog's export comes in as new posts."""
    settings.LINERNOTES_SITE_URL = SITE
    theirs = tmp_path / "theirs.xml"
    call_command(
        "export_wordpress",
        "-o",
        str(theirs),
        "--site-url",
        "https://sister.example.net",
        stderr=io.StringIO(),
    )
    posts_before = Post.objects.count()

    out = io.StringIO()
    call_command(
        "import_wordpress", str(theirs), "--json", stdout=out, stderr=io.StringIO()
    )

    report = json.loads(out.getvalue())
    assert report["created"]["posts"] == 7
    assert Post.objects.count() == posts_before + 7


def test_a_blog_without_a_site_address_still_imports_another_such_blogs_posts(
    conversation, tmp_path, settings
):
    """Two blogs without ``LINERNOTES_SITE_URL`` export under the same fallback
    address: a sister blog's post with one of our slugs but its own words
    comes in as a new post, not "already here"."""
    settings.LINERNOTES_SITE_URL = ""
    theirs = tmp_path / "theirs.xml"
    call_command("export_wordpress", "-o", str(theirs), stderr=io.StringIO())
    Post.objects.update(body="Our own words, since rewritten.")
    posts_before = Post.objects.count()

    out = io.StringIO()
    call_command(
        "import_wordpress", str(theirs), "--json", stdout=out, stderr=io.StringIO()
    )

    report = json.loads(out.getvalue())
    assert report["created"]["posts"] == 7
    assert Post.objects.count() == posts_before + 7


def test_a_blogs_own_export_brings_back_the_files_whose_rows_were_deleted(
    conversation, tmp_path, settings
):
    """Emptied by mistake, then its own export imported: the files' rows are
    gone (their files may still be in storage), so the files come back too."""
    settings.LINERNOTES_SITE_URL = SITE
    own = tmp_path / "own.xml"
    call_command("export_wordpress", "-o", str(own), stderr=io.StringIO())
    before = census()
    empty_the_site()

    out = io.StringIO()
    call_command(
        "import_wordpress", str(own), "--json", stdout=out, stderr=io.StringIO()
    )

    report = json.loads(out.getvalue())
    assert report["already_present"].get("attachments", 0) == 0
    assert census()["files"] == before["files"]


WXR_DATA = Path(__file__).parent / "data" / "wxr"
CARRIED = ("post", "page", "attachment")


@pytest.mark.parametrize(
    "name",
    [
        "wxr-1.0.xml",
        "wxr-1.1.xml",
        "wxr-1.2-https.xml",
        "threads.xml",
        "real/ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml",
        "real/contentful-szpryc.wordpress.2014-12-01.xml",
        "real/nikola-unicode.wordpress.2012-12-25.xml",
        "real/blogconverter-chloerei.wordpress.2010-11-26.xml",
    ],
)
def test_a_wordpress_blog_imported_and_exported_again_loses_nothing(name):
    """Tried on our fixture files and on real exports (a WordPress.com blog with
    threaded comments and a pingback among them): every post, page and
    attachment comes back with its WordPress id, guid, status, post meta and
    comments (each with its id, parent, state, type and comment meta)."""
    source = WXR_DATA / name
    User.objects.create_superuser(
        username="owner", email="owner@example.org", password="pw-for-tests-only"
    )
    call_command(
        "import_wordpress", str(source), stdout=io.StringIO(), stderr=io.StringIO()
    )
    exported = {
        item.post_id: item for item in records(export()) if isinstance(item, WxrItem)
    }
    original = [
        item
        for item in read_wxr(source)
        if isinstance(item, WxrItem) and item.post_type in CARRIED
    ]

    assert original, "the file has items to carry"
    assert len(exported) == len({item.post_id for item in original})
    for item in original:
        again = exported[item.post_id]
        assert again.post_type == item.post_type
        assert again.guid == item.guid or not item.guid
        if item.post_type == "post":
            assert again.status == item.status
        assert set(item.meta) <= set(again.meta)
        comments = {c.id: c for c in again.comments}
        assert comments.keys() == {c.id for c in item.comments}
        for comment in item.comments:
            back = comments[comment.id]
            assert (back.approved, back.content) == (comment.approved, comment.content)
            assert back.type == (comment.type or "comment")
            assert set(comment.meta) <= set(back.meta)
            # Threads as stored: a parent that was missing, on another post or
            # in a loop went to the top level on import (and was reported).
            assert back.parent in (comment.parent or 0, 0)
            assert back.parent == stored_parent(comment.id)


def stored_parent(wp_id: int) -> int:
    """The WordPress id of the parent the import stored for a comment, or 0."""
    mapped = dict(
        WordPressObject.objects.filter(kind="comment").values_list("object_id", "wp_id")
    )
    comment = Comment.objects.filter(
        pk=WordPressObject.objects.get(kind="comment", wp_id=wp_id).object_id
    ).first()
    if comment is None:  # on a page or an attachment: kept whole, as it was
        return WordPressObject.objects.get(kind="comment", wp_id=wp_id).data["parent"]
    return mapped.get(comment.parent_id, 0)
