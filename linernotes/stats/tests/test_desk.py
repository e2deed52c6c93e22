"""The desk home shows the last 30 days of reading to staff, drawn on the server
with no inline style or script, and the privacy page says how it is counted."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linernotes.core.site import site_settings
from linernotes.likes.tests.factories import like_post, make_guest
from linernotes.stats.models import DailyViews
from linernotes.stats.selectors import reading_summary
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_posts(make_post, make_comment):
    today = timezone.localdate()
    loved = make_post(title="Rocky IV, the soundtrack")
    quiet = make_post(title="A quiet B-side")
    DailyViews.objects.create(day=today, post=loved, views=40)
    DailyViews.objects.create(day=today - timedelta(days=1), post=loved, views=20)
    DailyViews.objects.create(day=today, post=quiet, views=3)
    DailyViews.objects.create(day=today, post=None, views=7)
    DailyViews.objects.create(day=today - timedelta(days=45), post=quiet, views=999)
    like_post(post=loved, liker=make_guest())
    like_post(post=loved, liker=make_guest())
    make_comment(post=loved)
    return loved, quiet


def test_the_summary_counts_views_likes_and_comments_per_day(read_posts):
    loved, quiet = read_posts
    reading = reading_summary(site_settings())

    assert len(reading.days) == 30
    today = reading.days[-1]
    assert (today.views, today.likes, today.comments) == (50, 2, 1)
    assert reading.days[-2].views == 20
    assert reading.total_views == 70  # the 45-day-old views are outside
    assert [(r.post, r.views, r.likes, r.comments) for r in reading.top_posts] == [
        (loved, 60, 2, 1),
        (quiet, 3, 0, 0),
    ]
    assert today.bar_height == 100  # the busiest day fills the chart
    assert reading.days[-2].bar_height == 40


def test_the_desk_home_draws_the_chart_and_lists_the_most_read(
    client, make_writer, read_posts
):
    client.force_login(make_writer(role=Role.EDITOR))

    page = client.get(reverse("admin:index")).content.decode()

    panel = page[
        page.index('id="reading"') : page.index("</table>", page.index("reading-top"))
    ]
    assert "Reading, last 30 days" in panel
    assert panel.count("<rect ") == 30
    assert "70 views" in panel
    assert "Rocky IV, the soundtrack" in panel
    assert re.search(r"<td>60</td><td>2</td><td>1</td>", panel)
    assert "style=" not in panel and "<script" not in panel


def test_the_desk_home_without_any_reading_says_so(client, make_writer):
    client.force_login(make_writer(role=Role.AUTHOR))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "No views counted yet" in response.content.decode()


def test_the_privacy_page_says_how_reading_is_counted(client):
    page = client.get("/privacy/").content.decode()
    assert 'id="reading-data"' in page
    assert "no cookie" in page and "IP address is not stored" in page
