"""The WXR reader and the first-pass check: what a file holds, which files are refused.

Every fixture under data/wxr/ was written for these tests. Each refusal test was
seen failing against a reader without that guard (plain ElementTree, no version
check, no root check, no UTF-8 scan): the file was then read, or the error was
a bare ParseError or defusedxml exception rather than ImportFileInvalid.
"""

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.transfer.wordpress.check import check_wxr
from linernotes.transfer.wordpress.reader import (
    ZIPPED,
    WxrAuthor,
    WxrCategory,
    WxrChannel,
    WxrItem,
    WxrItemTerm,
    WxrTag,
    WxrTerm,
    WxrUntrustedItem,
    read_wxr,
)

DATA = Path(__file__).parent / "data" / "wxr"
REAL = sorted((DATA / "real").glob("*.xml")) if (DATA / "real").is_dir() else []


def records(name: str) -> list:
    return list(read_wxr(DATA / name))


def items(name: str) -> dict[int | None, WxrItem]:
    return {r.post_id: r for r in records(name) if isinstance(r, WxrItem)}


def test_channel_comes_first_with_its_header():
    found = records("wxr-1.2.xml")

    assert found[0] == WxrChannel(
        title="Side B Notes",
        link="https://sideb.example",
        base_site_url="https://sideb.example",
        base_blog_url="https://sideb.example",
        wxr_version="1.2",
    )
    assert [type(r) for r in found[1:7]] == [
        WxrAuthor,
        WxrAuthor,
        WxrCategory,
        WxrCategory,
        WxrTag,
        WxrTerm,
    ]


def test_authors_and_terms_are_read():
    found = records("wxr-1.2.xml")

    assert found[2] == WxrAuthor(
        id=2,
        login="theo",
        email="theo@sideb.example",
        display_name="Théo",
        first_name="",
        last_name="",
    )
    assert found[4] == WxrCategory(
        term_id=4,
        nicename="jazz-reviews",
        parent="reviews",
        name="Jazz reviews",
        description="",
    )
    assert found[5].slug == "vinyl"
    assert (found[6].taxonomy, found[6].slug) == ("post_format", "post-format-audio")


def test_post_fields_terms_and_meta_are_read():
    post = items("wxr-1.2.xml")[10]

    assert post.post_type == "post"
    assert post.status == "publish"
    assert post.title == "Kind of Blue, sixty years on"
    assert post.link == "https://sideb.example/2019/08/17/kind-of-blue/"
    assert post.guid == "https://sideb.example/?p=10"
    assert post.post_name == "kind-of-blue"
    assert post.post_date == datetime.fromisoformat("2019-08-17 10:30:00")
    assert post.post_date_gmt == datetime(2019, 8, 17, 9, 30, tzinfo=UTC)
    assert not post.post_date_gmt_is_zero
    assert post.creator == "marta"
    assert "<!--more-->" in post.content
    assert post.excerpt == "Late trumpet."
    assert (post.parent, post.menu_order, post.is_sticky) == (0, 0, True)
    assert post.terms == [
        WxrItemTerm(domain="category", nicename="jazz-reviews", name="Jazz reviews"),
        WxrItemTerm(domain="post_tag", nicename="vinyl", name="vinyl"),
        WxrItemTerm(domain="post_format", nicename="post-format-audio", name="Audio"),
    ]
    assert post.meta == [("_wp_old_slug", "kob-at-60"), ("rating", "5")]


def test_comments_are_read_with_their_threading_and_meta():
    """Bodies stay the HTML WordPress stored: a character reference in CDATA is text."""
    first, reply, pingback = items("wxr-1.2.xml")[10].comments[:3]

    assert (first.id, first.parent, first.author, first.author_ip) == (
        100,
        0,
        "Ana",
        "192.0.2.10",
    )
    assert first.author_url == "https://ana.example/"
    assert first.date_gmt == datetime(2019, 8, 18, 11, 0, tzinfo=UTC)
    assert first.content == 'My father\'s copy skipped on "So What".'
    assert first.approved == "1"
    assert first.meta == [("akismet_result", "false")]
    assert (reply.parent, reply.user_id, reply.author_ip) == (100, 1, "2001:db8::1")
    assert pingback.type == "pingback"
    assert pingback.content == "[&#8230;] a review worth reading [&#8230;]"


def test_comments_the_caller_already_has_are_counted_not_read():
    """A second import passes the ids it has records of: those are left out."""
    every = items("wxr-1.2.xml")[10].comments
    known = {every[0].id, every[2].id}

    found = [
        r
        for r in read_wxr(DATA / "wxr-1.2.xml", known_comments=known)
        if isinstance(r, WxrItem) and r.post_id == 10
    ][0]

    assert [c.id for c in found.comments] == [c.id for c in every if c.id not in known]
    assert found.comments[0] == every[1]
    assert found.known_comments == 2


def test_titles_are_kept_exactly_with_bidi_and_zero_width_characters():
    found = items("wxr-1.2.xml")

    assert found[11].title == "Lis\u202eten\u202c \u200bclosely: Ñandú & Ölgärd"
    assert found[12].title == ""


def test_cdata_split_around_a_nested_terminator_joins_up():
    draft = items("wxr-1.2.xml")[11]

    assert draft.content == "Draft about the ]]> sequence, split across two sections."


def test_zero_gmt_date_is_none_and_flagged_with_the_local_date_kept():
    draft = items("wxr-1.2.xml")[11]

    assert draft.post_date_gmt is None
    assert draft.post_date_gmt_is_zero
    assert draft.post_date == datetime.fromisoformat("2020-02-01 18:00:00")
    assert draft.post_name == ""


def test_page_password_and_attachment_fields_are_read():
    found = items("wxr-1.2.xml")

    assert (found[12].post_type, found[12].post_password) == ("page", "needle-drop")
    assert found[13].parent == 10
    assert found[13].attachment_url.endswith("/2019/08/sleeve-front.jpg")


def test_summary_counts_what_the_file_holds():
    report = check_wxr(DATA / "wxr-1.2.xml").as_report()

    assert report["items"] == {
        "post": {"publish": 1, "draft": 1},
        "page": {"publish": 1},
        "attachment": {"inherit": 1},
        "nav_menu_item": {"publish": 1},
    }
    assert (report["posts"], report["pages"], report["attachments"]) == (2, 1, 1)
    assert (report["authors"], report["categories"], report["tags"]) == (2, 2, 1)
    assert (report["sticky"], report["password_protected"]) == (1, 1)
    assert report["comments"] == {
        "total": 6,
        "approved": 3,
        "pending": 1,
        "spam": 1,
        "trash": 1,
        "pingbacks": 1,
        "trackbacks": 1,
        "max_depth": 2,
    }
    assert report["skipped"] == [
        {
            "what": "nav_menu_item 14: 'Home'",
            "why": "menu items are not imported; the blog builds its own menu",
        }
    ]


def test_summary_warns_of_unknown_creators_and_zero_dates():
    warnings = check_wxr(DATA / "wxr-1.2.xml").warnings

    assert len(warnings) == 2
    assert "'guest-writer', who is not among the file's authors" in warnings[0]
    assert "1 items have a zero post_date_gmt (11)" in warnings[1]


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("wxr-1.0.xml", "1.0"),
        ("wxr-1.1.xml", "1.1"),
        ("wxr-1.2.xml", "1.2"),
        ("wxr-1.2-https.xml", "1.2"),
    ],
)
def test_each_version_and_the_https_namespace_are_read(name, version):
    summary = check_wxr(DATA / name)

    assert summary.channel.wxr_version == version
    assert summary.posts >= 1
    assert summary.comments.total >= 1
    assert summary.items["post"]["publish"] >= 1


def test_thread_ten_levels_deep_is_measured_in_levels():
    summary = check_wxr(DATA / "threads.xml")

    assert summary.comments.max_depth == 10
    assert summary.comments.total == 15


def test_comment_parents_missing_elsewhere_or_looped_count_as_top_level():
    warnings = check_wxr(DATA / "threads.xml").warnings

    assert warnings == [
        "1 comments have a parent that is not in the file and go to the top level "
        "(comment ids 21).",
        "1 comments have a parent on another post and go to the top level "
        "(comment ids 20).",
        "2 comments have parents that form a loop and go to the top level "
        "(comment ids 22, 23).",
    ]


def test_duplicate_post_ids_are_warned_about():
    summary = check_wxr(DATA / "duplicate-ids.xml")

    assert summary.posts == 3
    assert summary.warnings == [
        "1 post ids appear on more than one item (1); only the first of each is "
        "imported."
    ]


def test_wp_prefix_bound_to_another_namespace_is_not_trusted():
    found = records("untrusted-prefix.xml")
    summary = check_wxr(DATA / "untrusted-prefix.xml")

    assert found[-1] == WxrUntrustedItem(
        title="Impostor", link="https://tapes.example/?p=2"
    )
    assert summary.posts == 1
    assert summary.items == {"post": {"publish": 1}}
    assert summary.skipped == [
        {
            "what": "'Impostor'",
            "why": "it has no wp:post_type in WordPress's export namespace",
        }
    ]


def test_feed_prefixes_wordpress_com_forgot_to_declare_are_accepted():
    """WordPress.com exports of around 2012 use atom:link with no xmlns:atom."""
    summary = check_wxr(DATA / "undeclared-atom.xml")

    assert summary.channel.wxr_version == "1.1"
    assert summary.posts == 1


def test_latin1_file_with_its_encoding_declared_is_accepted():
    summary = check_wxr(DATA / "latin1-declared.xml")

    assert summary.channel.title == "Café Disques"
    assert items("latin1-declared.xml")[1].title == "Chanson à écouter"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "latin1-undeclared.xml",
            "The file is not UTF-8 and declares no other encoding at line 5, "
            "column 11; add an encoding to its <?xml ...?> declaration or convert "
            "it to UTF-8.",
        ),
        (
            "truncated.xml",
            "The file ends before its XML does at line 26, column 0: it looks "
            "truncated.",
        ),
        (
            "no-version.xml",
            "The file is not a WordPress export: its channel has no wp:wxr_version "
            "in WordPress's export namespace.",
        ),
        (
            "foreign-version.xml",
            "The file is not a WordPress export: its channel has no wp:wxr_version "
            "in WordPress's export namespace.",
        ),
        (
            "unknown-version.xml",
            "The file's wxr_version '7.9' is not one this importer reads "
            "(1.0, 1.1, 1.2).",
        ),
        (
            "not-rss.xml",
            "The file is not a WordPress export: its root element is <feed>, "
            "not <rss>.",
        ),
    ],
)
def test_invalid_files_are_refused_with_a_one_line_message(name, message):
    with pytest.raises(ImportFileInvalid) as refused:
        check_wxr(DATA / name)

    assert str(refused.value) == message


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml"])
def test_xml_bombs_and_external_entities_are_refused_before_expanding(name):
    with pytest.raises(ImportFileInvalid, match=r"declares a DTD"):
        check_wxr(DATA / name)


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml"])
@pytest.mark.parametrize(
    "before",
    [b"<!-- an export -->\n", b"<?xml-stylesheet href='a.xsl'?>", b"\xef\xbb\xbf"],
)
def test_a_dtd_behind_comments_or_instructions_is_refused_too(name, before):
    """Files without a DTD are read by the faster C parser; anything in the
    prologue besides comments and instructions sends the file to defusedxml."""
    declaration, _, rest = (DATA / name).read_bytes().partition(b"?>\n")
    if before.startswith(b"<"):
        document = declaration + b"?>\n" + before + rest
    else:
        document = before + declaration + b"?>\n" + rest

    with pytest.raises(ImportFileInvalid, match=r"declares a DTD"):
        check_wxr(io.BytesIO(document))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"", "The file ends before its XML does at line 1, column 0"),
        (b"<rss><channel></rss>", "The file is not well-formed XML at line 1"),
        (b"<rss/>", "The file is not a WordPress export: it has no <channel>."),
        (b"<rss><channel><foo:bar/></channel></rss>", "line 1, column 14: unbound"),
        (b"<rss><channel><wp:wxr_version/></channel></rss>", "column 14: unbound"),
        (b"<html><body>Not a feed</body></html>", "its root element is <html>"),
    ],
)
def test_streams_that_are_not_exports_are_refused(document, message):
    with pytest.raises(ImportFileInvalid) as refused:
        check_wxr(io.BytesIO(document))

    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_summarised_or_refused_never_crash(document):
    prefix = b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
    try:
        check_wxr(io.BytesIO(prefix + document))
    except ImportFileInvalid as refused:
        assert "\n" not in str(refused)


@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_real_exports_pass_the_check(path):
    """Exports from real blogs, collected with their sources in real/README.md."""
    summary = check_wxr(path)

    assert summary.channel.wxr_version in {"1.0", "1.1", "1.2"}
    assert summary.posts + summary.pages > 0
    assert all(skip["why"] for skip in summary.skipped)


def test_a_wordpress_com_zip_is_told_apart_from_a_broken_export(tmp_path):
    """WordPress.com sends its export as a .zip holding the XML; given the zip
    itself (tried: a zip of wxr-1.2.xml), the command says to unzip it, as the
    admin's upload form does, not that the file "is not UTF-8"."""
    zipped = tmp_path / "myblog.wordpress.2026-03-24.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(DATA / "wxr-1.2.xml", "myblog.wordpress.2026-03-24.xml")

    with pytest.raises(ImportFileInvalid) as refused:
        check_wxr(zipped)

    assert str(refused.value) == ZIPPED
    assert "Unzip it first" in ZIPPED and "UTF-8" not in ZIPPED
    with pytest.raises(CommandError, match="This is a .zip file"):
        call_command("import_wordpress", str(zipped), stdout=io.StringIO())
