"""A moment as the blog writes it: one format, the blog's time zone, and "how
long ago" only with the exact moment beside it."""

import zoneinfo
from datetime import UTC, datetime, timedelta

from django.template import Context, Template
from django.utils import timezone

from linernotes.core.dates import exact, how_long_ago, moment_html

# 23:30 UTC on 31 December is already New Year's Day in Berlin.
NEW_YEAR = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


def test_a_moment_is_written_in_the_active_zone_in_the_one_format():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        assert exact(NEW_YEAR) == "1 Jan 2027, 00:30"


def test_the_time_element_carries_the_machine_moment_with_its_offset():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        html = moment_html(NEW_YEAR)

    assert html == '<time datetime="2027-01-01T00:30:00+01:00">1 Jan 2027, 00:30</time>'


def test_how_long_ago_keeps_the_exact_moment_and_zone_in_the_title():
    with timezone.override(zoneinfo.ZoneInfo("Asia/Kolkata")):
        html = moment_html(
            timezone.now() - timedelta(hours=3, minutes=10), relative=True
        )

    assert ">3\xa0hours ago</time>" in html
    assert ' (Asia/Kolkata)">' in html


def test_how_long_ago_says_the_largest_unit_either_way_and_just_now_close_by():
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)

    assert how_long_ago(now - timedelta(days=2, hours=5), now) == "2\xa0days ago"
    assert how_long_ago(now + timedelta(hours=18, minutes=40), now) == "in 18\xa0hours"
    assert how_long_ago(now - timedelta(seconds=20), now) == "just now"


def test_the_template_filter_writes_the_same_and_nothing_for_no_moment():
    template = Template("{% load core_tags %}[{{ when|moment }}][{{ none|moment }}]")

    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        out = template.render(Context({"when": NEW_YEAR, "none": None}))

    assert (
        out == '[<time datetime="2027-01-01T00:30:00+01:00">1 Jan 2027, 00:30</time>][]'
    )
