"""Real WordPress exports: the first pass must count what each file really holds.

The files in data/wxr/real/ were exported by real blogs (see real/README.md for
each source, licence and redaction). The expected counts below were taken from
the files by hand: items counted per ``wp:post_type`` and ``wp:status`` with grep,
comments per ``wp:comment_approved`` and ``wp:comment_type``, reply depth by
following each ``wp:comment_parent`` in the file. They were not copied from
``check_wxr``'s output, so a reader that drops or invents an item fails here.
"""

import ipaddress
import re
from pathlib import Path

import pytest

from linernotes.transfer.wordpress.check import check_wxr

REAL = Path(__file__).parent / "data" / "wxr" / "real"
NO_COMMENTS = {
    "total": 0,
    "approved": 0,
    "pending": 0,
    "spam": 0,
    "trash": 0,
    "pingbacks": 0,
    "trackbacks": 0,
    "max_depth": 0,
}


def comments(**counts: int) -> dict[str, int]:
    return {**NO_COMMENTS, **counts}


# file name -> what the file holds, in the import report's vocabulary.
# "skipped" lists the post types the first pass must set aside; "warned" lists
# a phrase each expected warning contains.
EXPECTED: dict[str, dict] = {
    "blogconverter-chloerei.wordpress.2010-11-26.xml": {
        "version": "1.0",
        "items": {"post": {"publish": 1}, "page": {"publish": 1}},
        "authors": 0,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": comments(total=1, approved=1, max_depth=1),
        "skipped": [],
        "warned": ["'Rei'"],
    },
    "contentful-szpryc.wordpress.2014-12-01.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 1},
            "post": {"publish": 3, "draft": 1},
            "attachment": {"inherit": 2},
        },
        "authors": 2,
        "categories": 4,
        "tags": 2,
        "terms": 0,
        "comments": comments(total=5, approved=5, max_depth=1),
        "skipped": [],
        "warned": ["zero post_date_gmt (9)"],
    },
    "gma-grahamashtondev.wordpress.2023-10-24.xml": {
        "version": "1.2",
        "items": {
            "post": {"publish": 2, "draft": 1},
            "page": {"publish": 1},
            "wp_global_styles": {"publish": 1},
            "wp_navigation": {"publish": 1},
        },
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": ["wp_global_styles", "wp_navigation"],
        "warned": ["zero post_date_gmt (8)"],
    },
    "ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 2}, "attachment": {"inherit": 1}},
        "authors": 2,
        "categories": 7,
        "tags": 2,
        "terms": 0,
        # 78 answers 77 (and comes before it in the file); 332 is a pingback.
        "comments": comments(total=5, approved=5, pingbacks=1, max_depth=2),
        "skipped": [],
        "warned": [],
    },
    "jekyll-tombtest.wordpress.2012-05-30.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 2}, "page": {"publish": 1}},
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": comments(total=1, approved=1, max_depth=1),
        "skipped": [],
        "warned": [],
    },
    "jekyllimport-wpcom-2025.wordpress.2025-01-19.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 1},
            "post": {"publish": 2},
            "wp_global_styles": {"publish": 1},
        },
        "authors": 1,
        "categories": 2,
        "tags": 4,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": ["wp_global_styles"],
        "warned": [],
    },
    "nikola-selfhosted-music.wordpress.2012-07-25.xml": {
        "version": "1.2",
        "items": {
            "post": {"publish": 4},
            "page": {"publish": 1},
            "attachment": {"inherit": 3},
        },
        "authors": 1,
        "categories": 1,
        "tags": 1,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": ["'tibonihoo'"],
    },
    "nikola-unicode.wordpress.2012-12-25.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 1}, "page": {"publish": 1}},
        "authors": 1,
        "categories": 1,
        "tags": 2,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": [],
    },
    "squido-wpcom-blocks.wordpress.2021-04-16.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 2},
            "nav_menu_item": {"publish": 2},
            "attachment": {"inherit": 1},
        },
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 2,
        "comments": NO_COMMENTS,
        "skipped": ["nav_menu_item", "nav_menu_item"],
        "warned": [],
    },
    "wp2middleman-drafts.wordpress.2013-12-05.xml": {
        "version": "1.2",
        "items": {"post": {"draft": 3}},
        "authors": 1,
        "categories": 3,
        "tags": 2,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": ["zero post_date_gmt (84, 209, 210)"],
    },
}

REAL_FILES = sorted(path.name for path in REAL.glob("*.xml"))


def test_every_real_export_has_hand_counted_expectations_and_a_source():
    """A file added to real/ without counts or a README entry fails here."""
    readme = (REAL / "README.md").read_text(encoding="utf-8")

    assert REAL_FILES == sorted(EXPECTED)
    for name in REAL_FILES:
        assert f"### `{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_first_pass_counts_what_the_file_holds(name):
    expected = EXPECTED[name]
    summary = check_wxr(REAL / name)
    report = summary.as_report()

    assert summary.channel.wxr_version == expected["version"]
    assert report["items"] == expected["items"]
    assert report["posts"] == sum(expected["items"].get("post", {}).values())
    assert report["pages"] == sum(expected["items"].get("page", {}).values())
    assert report["attachments"] == sum(
        expected["items"].get("attachment", {}).values()
    )
    for key in ("authors", "categories", "tags", "terms"):
        assert report[key] == expected[key], key
    assert report["sticky"] == 0
    assert report["password_protected"] == 0
    assert report["comments"] == expected["comments"]
    assert sorted(skip["what"].split()[0] for skip in report["skipped"]) == sorted(
        expected["skipped"]
    )
    assert all(skip["why"] for skip in report["skipped"])
    assert len(report["warnings"]) == len(expected["warned"]), report["warnings"]
    for phrase, warning in zip(expected["warned"], report["warnings"], strict=True):
        assert phrase in warning


PERSONAL_FIELDS = re.compile(
    r"<wp:(author_email|comment_author_email|comment_author_IP)>"
    r"(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?</wp:\1>"
)
TEST_NET = ipaddress.ip_network("192.0.2.0/24")


@pytest.mark.parametrize("name", REAL_FILES)
def test_readers_and_authors_personal_data_was_replaced(name):
    """Emails and IPs of real people were swapped for reserved placeholders.

    A value with no "@" is kept: upstream already replaced it with a non-address.
    """
    text = (REAL / name).read_text(encoding="utf-8")

    for field, value in PERSONAL_FIELDS.findall(text):
        if not value:
            continue
        if field == "comment_author_IP":
            address = ipaddress.ip_address(value)
            assert address in TEST_NET or address.is_loopback, (field, value)
        elif "@" in value:
            assert value.endswith("@example.invalid"), (field, value)
