"""Reader pages: what each URL shows, redirects, 404s, and a fixed query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from linernotes.core.models import SiteSettings
from linernotes.posts import services
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def test_home_lists_published_posts_newest_first(client, make_post):
    make_post(title="Older review", days_ago=3)
    make_post(title="Newer review", days_ago=1)
    make_post(title="Unfinished draft", status=Post.Status.DRAFT)

    response = client.get("/")

    content = response.content.decode()
    assert content.index("Newer review") < content.index("Older review")
    assertNotContains(response, "Unfinished draft")


def test_sticky_posts_come_first_on_the_home_page(client, make_post):
    make_post(title="Pinned older", days_ago=30, sticky=True)
    make_post(title="Fresh", days_ago=1)

    content = client.get("/").content.decode()

    assert content.index("Pinned older") < content.index("Fresh")


def test_home_paginates_by_the_site_setting(client, make_post):
    settings = SiteSettings.load()
    settings.posts_per_page = 2
    settings.save()
    for days in range(5):
        make_post(title=f"Review {days}", days_ago=days + 1)

    page_two = client.get("/?page=2")

    assertContains(page_two, "Page 2 of 3")
    assertContains(page_two, "Review 2")


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc"])
def test_a_page_number_past_the_end_is_a_friendly_404(client, make_post, page):
    make_post()

    response = client.get(f"/?page={page}")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "That page isn’t here", status_code=404)


def test_the_post_page_shows_the_post(client, make_post, make_tag, make_category):
    post = make_post(
        title="Rocky IV",
        body="Eye of the *Tiger*.",
        tags=[make_tag(name="1985")],
        categories=[make_category(name="Soundtracks")],
    )

    response = client.get(post.get_absolute_url())

    assertTemplateUsed(response, "posts/post_detail.html")
    assertContains(response, '<h1 class="entry-title">Rocky IV</h1>', html=True)
    assertContains(response, "Eye of the <em>Tiger</em>.")
    assertContains(response, "1985")
    assertContains(response, "Soundtracks")


def test_a_post_url_with_the_wrong_month_redirects_to_the_right_one(client, make_post):
    post = make_post(days_ago=40)

    response = client.get(f"/1999/01/{post.slug}/")

    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


def test_an_old_slug_answers_with_a_permanent_redirect(client, make_post):
    post = make_post(title="Rocky 4")
    old_url = post.get_absolute_url()
    post.slug = "rocky-iv"
    services.save_post(post=post)

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


def test_drafts_are_hidden_from_readers(client, make_post):
    draft = make_post(status=Post.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_writer_previews_their_own_draft_uncached(client, make_post, make_writer):
    writer = make_writer()
    draft = make_post(status=Post.Status.DRAFT, author=writer, title="Work in progress")
    client.force_login(writer)

    response = client.get(draft.get_absolute_url())

    assertContains(response, "Preview: this post is draft")
    assert response["Cache-Control"] == "private"


def test_another_author_cannot_preview_a_draft(client, make_post, make_writer):
    draft = make_post(status=Post.Status.DRAFT, author=make_writer())
    client.force_login(make_writer())

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_post_is_not_readable_before_its_time(client, make_scheduled_post):
    post = make_scheduled_post()

    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_private_post_is_hidden_from_readers(client, make_post):
    post = make_post(status=Post.Status.PRIVATE)

    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_password_protected_post_asks_for_its_password(client, make_post):
    post = make_post(password="sesame", body="The secret liner notes.")

    locked = client.get(post.get_absolute_url())
    wrong = client.post(post.get_absolute_url(), {"password": "nope"})
    right = client.post(post.get_absolute_url(), {"password": "sesame"})
    again = client.get(post.get_absolute_url())

    assertNotContains(locked, "The secret liner notes.")
    assertContains(wrong, "That password is not right.")
    assertContains(right, "The secret liner notes.")
    assertContains(again, "The secret liner notes.")
    assert again["Cache-Control"] == "private"


def test_the_password_form_refuses_a_post_without_csrf_token(make_post):
    from django.test import Client

    post = make_post(password="sesame")

    response = Client(enforce_csrf_checks=True).post(
        post.get_absolute_url(), {"password": "sesame"}
    )

    assert response.status_code == 403


def test_a_series_part_shows_its_place_and_neighbours(client, make_post, make_series):
    series = make_series(title="Great Soundtracks of 1985")
    first = make_post(title="Back to the Future", series=series, days_ago=10)
    second = make_post(title="Rocky IV", series=series, days_ago=5)
    third = make_post(title="St. Elmo's Fire", series=series, days_ago=1)

    response = client.get(second.get_absolute_url())

    assertContains(response, "Part 2 of 3")
    assertContains(response, f'href="{first.get_absolute_url()}"')
    assertContains(response, f'href="{third.get_absolute_url()}"')
    assertContains(response, "Previous part")
    assertContains(response, "Next part")


def test_the_latest_part_teases_the_next_scheduled_part(
    client, make_post, make_scheduled_post, make_series
):
    series = make_series()
    earlier = make_post(series=series, days_ago=10)
    latest = make_post(series=series, days_ago=3)
    make_scheduled_post(title="St. Elmo's Fire", series=series, days_ahead=3)

    on_latest = client.get(latest.get_absolute_url())
    on_earlier = client.get(earlier.get_absolute_url())

    assertContains(on_latest, "Next post:")
    assertContains(on_latest, "St. Elmo&#x27;s Fire")
    assertContains(on_latest, "Part 2 of 2")
    assertNotContains(on_earlier, "Next post:")


def test_outside_a_series_the_teaser_sits_on_the_latest_post(
    client, make_post, make_scheduled_post, make_series
):
    older = make_post(days_ago=5)
    newest = make_post(days_ago=1)
    make_scheduled_post(title="Coming soon", days_ahead=2)
    make_scheduled_post(title="Series only", days_ahead=1, series=make_series())

    assertContains(client.get(newest.get_absolute_url()), "Coming soon")
    assertNotContains(client.get(newest.get_absolute_url()), "Series only")
    assertNotContains(client.get(older.get_absolute_url()), "Next post:")


def test_a_teaser_never_links_to_the_unpublished_post(
    client, make_post, make_scheduled_post
):
    latest = make_post(days_ago=1)
    upcoming = make_scheduled_post(title="Not yet")

    response = client.get(latest.get_absolute_url())

    assertNotContains(response, upcoming.slug)


def test_blog_neighbours_link_previous_and_next_posts(client, make_post):
    older = make_post(title="Older", days_ago=3)
    middle = make_post(title="Middle", days_ago=2)
    newer = make_post(title="Newer", days_ago=1)

    response = client.get(middle.get_absolute_url())

    assertContains(response, f'href="{older.get_absolute_url()}"')
    assertContains(response, f'href="{newer.get_absolute_url()}"')


def test_the_series_page_lists_parts_in_order_and_the_upcoming_one(
    client, make_post, make_scheduled_post, make_series
):
    series = make_series(title="One Hit Wonders of 1985")
    make_post(title="Part one", series=series, days_ago=9)
    make_post(title="Part two", series=series, days_ago=2)
    make_scheduled_post(title="Part three", series=series)

    content = client.get(series.get_absolute_url()).content.decode()

    assert (
        content.index("Part one")
        < content.index("Part two")
        < content.index("Part three")
    )


def test_the_series_index_lists_series_with_published_parts(
    client, make_post, make_series, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_post(series=make_series(title="Visible series"))
        make_post(series=make_series(title="Only drafts"), status=Post.Status.DRAFT)

    response = client.get(reverse("posts:series_list"))

    assertContains(response, "Visible series")
    assertNotContains(response, "Only drafts")


def test_a_category_page_includes_its_subcategories(client, make_post, make_category):
    reviews = make_category(name="Reviews")
    soundtracks = make_category(name="Soundtracks", parent=reviews)
    make_post(title="In the child", categories=[soundtracks])
    make_post(title="Uncategorised")

    response = client.get(reviews.get_absolute_url())

    assertContains(response, "In the child")
    assertNotContains(response, "Uncategorised")


def test_tag_and_author_pages_list_their_posts(
    client, make_post, make_tag, make_writer
):
    tag = make_tag(name="synth")
    author = make_writer(display_name="Mara Quill")
    make_post(title="Tagged", tags=[tag])
    make_post(title="Authored", author=author)

    assertContains(client.get(tag.get_absolute_url()), "Tagged")
    assertContains(client.get(author.get_absolute_url()), "Authored")
    assertContains(client.get(author.get_absolute_url()), "Mara Quill")


def test_an_author_with_several_posts_has_a_page(client, make_post, make_writer):
    """Tried before the fix: 500 (MultipleObjectsReturned), one row per post."""
    authors = [make_writer(display_name=f"Writer {n}") for n in range(3)]
    for n in range(12):
        make_post(title=f"Post {n} by {n % 3}", author=authors[n % 3])

    response = client.get(authors[1].get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "Post 1 by 1")
    assertNotContains(response, "Post 2 by 2")


def test_an_author_with_only_hidden_posts_has_no_page(
    client, make_post, make_scheduled_post, make_writer
):
    """Tried before the fix: 200 with an empty list, naming the writer."""
    author = make_writer(display_name="Quiet Writer")
    make_post(author=author, status=Post.Status.DRAFT)
    make_post(author=author, status=Post.Status.PRIVATE)
    make_scheduled_post(author=author)

    assert client.get(author.get_absolute_url()).status_code == 404
    assert client.get("/author/no-such-writer/").status_code == 404


def test_a_locked_posts_card_shows_title_and_date_but_not_its_words(client, make_post):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (600, 300), "red").save(buffer, "PNG")
    cover = SimpleUploadedFile("cover.png", buffer.getvalue(), "image/png")
    make_post(
        title="Locked notes", excerpt="The secret summary.", password="sesame",
        cover=cover, days_ago=2,
    )  # fmt: skip

    response = client.get("/")

    assertContains(response, "Locked notes")
    assertContains(response, "This post is protected with a password.")
    assertNotContains(response, "The secret summary.")
    assertNotContains(response, "post-card-cover")


def test_wrong_passwords_are_limited_per_post_and_network(client, settings, make_post):
    settings.LINERNOTES_PASSWORD_RATE = "2/h"
    post, other = make_post(password="sesame"), make_post(password="sesame")
    url = post.get_absolute_url()
    near = {"REMOTE_ADDR": "198.51.100.7"}
    neighbour = {"REMOTE_ADDR": "198.51.100.200"}  # same /24
    elsewhere = {"REMOTE_ADDR": "203.0.113.9"}

    first = client.post(url, {"password": "guess1"}, **near)
    client.post(url, {"password": "guess2"}, **neighbour)
    limited = client.post(url, {"password": "sesame"}, **near)

    assertContains(first, "That password is not right.")
    assertContains(limited, "Too many wrong passwords", status_code=429)
    assertNotContains(limited, post.body_html, status_code=429)
    assert limited["Cache-Control"] == "private"
    assertContains(client.post(url, {"password": "sesame"}, **elsewhere), post.title)
    other_url = other.get_absolute_url()
    assert client.post(other_url, {"password": "x"}, **near).status_code == 200


def test_only_a_readable_posts_page_announces_its_comment_feed(
    client, make_post, make_writer
):
    """Tried before the fix: an unlocked post's page announced a feed that
    answers 404 (comment feeds are for readable posts only)."""
    readable = make_post(title="Open notes")
    locked = make_post(title="Locked notes", password="sesame")
    client.post(locked.get_absolute_url(), {"password": "sesame"})

    shown = client.get(readable.get_absolute_url())
    unlocked = client.get(locked.get_absolute_url())

    assertContains(shown, 'title="Comments on Open notes (RSS)"')
    assertContains(unlocked, locked.body_html)
    assertNotContains(unlocked, 'title="Comments on Locked notes (RSS)"')


def test_a_scheduled_post_is_previewed_by_its_author_before_it_is_due(
    client, make_scheduled_post, make_writer
):
    writer = make_writer()
    post = make_scheduled_post(author=writer, body="Coming soon.")
    client.force_login(writer)

    response = client.get(post.get_absolute_url())

    assertContains(response, "Coming soon.")
    assert response["Cache-Control"] == "private"


def test_a_private_post_shows_to_an_editor_and_not_another_author(
    client, make_post, make_writer
):
    from linernotes.users.roles import Role

    post = make_post(status=Post.Status.PRIVATE, author=make_writer(), body="Mine.")

    client.force_login(make_writer())
    hidden = client.get(post.get_absolute_url())
    client.force_login(make_writer(role=Role.EDITOR))
    shown = client.get(post.get_absolute_url())

    assert hidden.status_code == 404
    assertContains(shown, "Mine.")
    assert shown["Cache-Control"] == "private"


def test_an_old_slug_of_a_draft_does_not_redirect(client, make_post):
    post = make_post(title="First name", status=Post.Status.DRAFT)
    post.slug = "second-name"
    services.save_post(post=post)

    assert client.get("/2020/01/first-name/").status_code == 404


def test_a_renamed_page_answers_its_old_address_with_a_301(client, make_page):
    """Tried before the fix: the old address answered 404."""
    page = make_page(title="About", slug="about")
    page.slug = "about-us"
    services.save_page(page=page)
    page.slug = "who-we-are"
    services.save_page(page=page)

    first = client.get("/about/")
    second = client.get("/about-us/")

    assert (first.status_code, first["Location"]) == (301, "/who-we-are/")
    assert (second.status_code, second["Location"]) == (301, "/who-we-are/")
    assertContains(client.get("/who-we-are/"), "About this blog.")


def test_a_new_page_may_take_a_renamed_pages_old_slug(client, make_page):
    page = make_page(title="About", slug="about")
    page.slug = "about-us"
    services.save_page(page=page)
    make_page(title="About, again", slug="about", body="A new page.")

    assertContains(client.get("/about/"), "A new page.")


def test_an_unpublished_pages_old_address_is_a_404(client, make_page):
    page = make_page(title="About", slug="about")
    page.slug, page.is_published = "about-us", False
    services.save_page(page=page)

    assert client.get("/about/").status_code == 404


def test_pages_and_series_lose_characters_xml_cannot_carry(make_page, make_series):
    """Tried before the fix: the NUL and the escape character were stored."""
    page = make_page(title="Ab\x00out", body="Bell\x07 and \x1b[31mcolour")
    series = make_series(title="Vinyl\x0b year", description="Side\x0c A")

    page.refresh_from_db()
    series.refresh_from_db()
    assert (page.title, page.body) == ("About", "Bell and [31mcolour")
    assert (series.title, series.description) == ("Vinyl year", "Side A")


def test_year_and_month_archives_list_their_posts(client, make_post):
    now = timezone.localtime()
    post = make_post(title="This month", published_at=now - timedelta(minutes=1))

    assertContains(client.get(f"/{now.year}/"), "This month")
    assertContains(client.get(f"/{now.year}/{now.month:02d}/"), post.title)
    assertNotContains(client.get(f"/{now.year - 3}/"), "This month")


def test_a_month_that_does_not_exist_is_a_404(client):
    assert client.get("/2024/13/").status_code == 404


def test_a_static_page_is_served_at_its_slug(client, make_page):
    page = make_page(title="About", body="We write about *records*.")

    response = client.get(page.get_absolute_url())

    assertContains(response, "We write about <em>records</em>.")


def test_static_pages_appear_in_the_menu(client, make_page):
    make_page(title="Privacy")

    assertContains(client.get("/"), '<a href="/privacy/">Privacy</a>', html=True)


def test_a_download_counts_and_sends_the_file(browser, make_post, make_attachment):
    attachment = make_attachment(
        post=make_post(), name="guide.txt", data=b"track list\n"
    )

    response = browser.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"track list\n"
    assert "attachment" in response["Content-Disposition"]
    attachment.refresh_from_db()
    assert attachment.download_count == 1


def test_a_draft_posts_download_is_not_served(client, make_post, make_attachment):
    attachment = make_attachment(post=make_post(status=Post.Status.DRAFT))

    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_robots_txt_names_the_sitemap_on_this_host(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost:8123")

    assertContains(response, "Sitemap: http://localhost:8123/sitemap.xml")


def test_the_post_page_runs_a_fixed_number_of_queries(
    client,
    settings,
    make_post,
    make_series,
    make_tag,
    make_category,
    make_attachment,
    django_assert_max_num_queries,
):
    def build(n: int) -> Post:
        series = make_series()
        tags = [make_tag() for _ in range(n)]
        categories = [make_category() for _ in range(n)]
        posts = [
            make_post(series=series, tags=tags, categories=categories, days_ago=n - i)
            for i in range(n)
        ]
        for post in posts:
            make_attachment(post=post)
        return posts[n // 2]

    small, large = build(3), build(25)
    client.get(small.get_absolute_url())  # warm the stamp row and settings memo
    settings.LINERNOTES_PAGE_CACHE_SECONDS = 0  # count the queries of a full render

    with django_assert_max_num_queries(12) as small_queries:
        small_response = client.get(small.get_absolute_url())
    with django_assert_max_num_queries(12) as large_queries:
        large_response = client.get(large.get_absolute_url())

    assert small_response.status_code == large_response.status_code == 200
    assertContains(large_response, "Part 13 of 25")
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)


def test_dates_and_post_urls_follow_the_site_time_zone(client, make_post):
    from datetime import UTC, datetime

    site = SiteSettings.load()
    site.time_zone = "Pacific/Auckland"  # 13 hours ahead of UTC in January
    site.save()
    post = make_post(
        title="Late night", published_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    )

    response = client.get("/2026/02/late-night/")

    assert response.status_code == 200
    assertContains(response, "1 February 2026")
    assert client.get("/2026/01/late-night/")["Location"] == "/2026/02/late-night/"
    assert post.slug == "late-night"


def test_the_post_article_carries_the_post_pk_for_scripts(client, make_post):
    post = make_post()

    response = client.get(post.get_absolute_url())

    assertContains(response, f'<article class="entry" data-post-pk="{post.pk}">')


def test_posts_at_the_same_moment_are_neighbours_in_pk_order(client, make_post):
    moment = timezone.now() - timedelta(days=1)
    first, second, third = (make_post(published_at=moment) for _ in range(3))

    response = client.get(second.get_absolute_url())

    content = response.content.decode()
    previous = content.index('class="nav-previous"')
    following = content.index('class="nav-next"')
    assert content.index(first.get_absolute_url(), previous) < following
    assert content.index(third.get_absolute_url(), following)


def test_the_first_and_latest_posts_have_one_neighbour_each(client, make_post):
    first = make_post(title="Opening post", days_ago=2)
    latest = make_post(title="Closing post", days_ago=1)
    make_post(title="Unfinished draft", status=Post.Status.DRAFT)

    on_first = client.get(first.get_absolute_url())
    on_latest = client.get(latest.get_absolute_url())

    assertNotContains(on_first, "Previous post")
    assertContains(on_first, "Next post</span> Closing post")
    assertContains(on_latest, "Previous post</span> Opening post")
    assertNotContains(on_latest, "Next post</span>")


def test_a_series_place_counts_only_published_parts(
    client, make_post, make_scheduled_post, make_series
):
    series = make_series()
    make_post(series=series, days_ago=3)
    make_post(series=series, status=Post.Status.DRAFT)
    second = make_post(series=series, days_ago=1)
    make_scheduled_post(series=series)

    response = client.get(second.get_absolute_url())

    assertContains(response, "Part 2 of 2")
    assertNotContains(response, "Next part")


def test_the_sidebar_links_series_categories_tags_and_months(
    client, make_post, make_series, make_category, make_tag
):
    series = make_series(title="Great Soundtracks of 1985")
    category = make_category(name="Soundtracks")
    tag = make_tag(name="synth-pop")
    when = timezone.now() - timedelta(days=1)
    make_post(series=series, categories=[category], tags=[tag], published_at=when)
    make_post(categories=[category], published_at=when)
    make_category(name="Empty category")  # no posts: left out
    services.refresh_counts()

    response = client.get("/")

    local = timezone.localtime(when)
    month = reverse("posts:month", kwargs={"year": local.year, "month": local.month})
    label = f"{local:%B} {local.year}"
    sidebar = '<aside class="sidebar" aria-label="Browse">'
    assertContains(response, sidebar)
    assertContains(response, f'<a href="{series.get_absolute_url()}">{series}</a>')
    assertContains(response, f'<a href="{category.get_absolute_url()}">Soundtracks</a>')
    assertContains(response, '<span class="count">(2)</span>', count=2)
    assertContains(response, f'<a href="{tag.get_absolute_url()}">synth-pop</a>')
    assertContains(response, f'<a href="{month}">{label}</a>')
    assertNotContains(response, "Empty category")


def test_the_post_page_reads_no_attachments_or_reviews_when_it_has_none(
    client, settings, make_post, django_assert_max_num_queries
):
    post = make_post()
    client.get(post.get_absolute_url())  # warm the stamp row and settings memo
    settings.LINERNOTES_PAGE_CACHE_SECONDS = 0

    with django_assert_max_num_queries(12) as queries:
        response = client.get(post.get_absolute_url())

    assert response.status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "posts_attachment" not in tables
    assert "posts_review" not in tables


def test_a_series_with_no_public_part_has_no_page(client, make_post, make_series):
    """Found by review: the series page named a series whose parts were all
    drafts; it appears with its first public part."""
    series = make_series(title="Next year's secret")
    draft = make_post(series=series, status=Post.Status.DRAFT)
    before = client.get(series.get_absolute_url())

    services.publish_post(post=draft)
    after = client.get(series.get_absolute_url())

    assert before.status_code == 404
    assertContains(after, "Next year")


def test_a_tag_or_category_only_hidden_posts_carry_has_no_page(
    client, make_post, make_tag, make_category
):
    """Noticed after the series fix: a tag or category on drafts alone showed
    its name on a page with no posts; it appears with its first public post,
    and a parent category shows its children's posts."""
    tag, parent = make_tag(name="Unreleased demos"), make_category(name="Tapes")
    child = make_category(name="Bootlegs", parent=parent)
    make_post(tags=[tag], categories=[child], status=Post.Status.DRAFT)
    hidden = [
        client.get(url)
        for term in (tag, child)
        for url in (term.get_absolute_url(), term.get_absolute_url() + "feed/")
    ]

    make_post(title="Out now", tags=[tag], categories=[child])
    urls = [tag.get_absolute_url(), child.get_absolute_url(), parent.get_absolute_url()]
    shown = [client.get(url) for url in urls]

    assert [r.status_code for r in hidden] == [404, 404, 404, 404]
    for response in shown:
        assertContains(response, "Out now")
