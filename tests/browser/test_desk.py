"""The writer's desk in Chromium: named after the blog, the task bar on every
page (folded behind a menu button on a phone), the home page's one-click
moderation, the settings page; at a 1366 px laptop and a 390 px phone, within
the site's policy, passing axe-core."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from linernotes.comments.models import Comment
from linernotes.comments.tests.factories import make_comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post, Series
from linernotes.posts.tests.factories import make_post
from linernotes.users.roles import Role
from linernotes.users.tests.factories import make_writer

from .support import PHONE
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

LAPTOP = {"width": 1366, "height": 900}
PASSWORD = "pw-for-tests-only"  # the factories' own, which sign_in types
NAV = ["Write", "Posts", "Comments", "Music", "Pages", "Series", "Readers", "Settings"]
# The desk's pages the checks visit, by screenshot name.
PAGES = {
    "home": "/admin/",
    "settings": "/admin/settings/",
    "posts": "/admin/posts/post/",
    "comments": "/admin/comments/comment/",
    "music": "/admin/catalogue/",
    "pages": "/admin/posts/page/",  # its order boxes had no label (axe: critical)
    "series": "/admin/posts/series/{series}/change/",  # nor had the parts' numbers
}
# How tall the header with the task bar may be on a phone: a seventh of the
# screen, so the page itself starts in the first glance (it was 235 px).
PHONE_HEADER_MAX = 120


def open_menu(page):
    """Unfold the task bar on a phone (a <details>: no script involved)."""
    page.get_by_role("navigation", name="Desk").locator("summary").click()


def header_height(page) -> float:
    return page.locator("#header").bounding_box()["height"]


@pytest.fixture
def desk(demo_site):
    """The demo blog under its own name, in New York's time zone, with a
    draft, a post due tomorrow, two comments waiting and the site's owner."""
    site = SiteSettings.load()
    site.title = "Side Two"
    site.time_zone = "America/New_York"
    site.save()
    get_user_model().objects.create_superuser("owner", "owner@example.org", PASSWORD)
    author = make_writer(role=Role.AUTHOR, username="desk-author")
    make_post(title="Purple Rain, half written", author=author, status="draft")
    make_post(
        title="Top Gun: the soundtrack",
        author=author,
        status=Post.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    waiting = [
        make_comment(
            post=rocky,
            approved=False,
            name=name,
            email=f"{name.lower()}@example.org",
            body=body,
        )
        for name, body in [
            ("Dee", "Is the *vinyl* pressing worth hunting down?"),
            ("Lou", "Which track plays over the training montage?"),
        ]
    ]
    return demo_site, waiting


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_desk_page_is_named_navigable_and_passes_axe(
    desk, sign_in, axe_script, screenshot, viewport
):
    site, _ = desk
    # axe is inlined, which the policy refuses: this context ignores the
    # policy, and the next test keeps it.
    page, _ = sign_in("owner", viewport=viewport, bypass_csp=True)

    series = Series.objects.get(slug="great-soundtracks-of-1985").pk
    for name, path in PAGES.items():
        page.goto(site + path.format(series=series))
        screenshot(page, f"desk/{name}")
        assert "Side Two · Liner Notes" in page.title(), name
        assert "Django" not in page.content(), name
        nav = page.get_by_role("navigation", name="Desk")
        if viewport == PHONE:
            assert header_height(page) <= PHONE_HEADER_MAX, name
            open_menu(page)
            screenshot(page, f"desk/{name}-menu")
        else:
            expect(nav.locator("summary")).to_be_hidden()
        for label in NAV:
            link = nav.get_by_role("link", name=label, exact=False).first
            expect(link).to_be_visible()
            assert link.bounding_box()["x"] + 10 <= viewport["width"], (name, label)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name} scrolls sideways: {width} px"
        page.add_script_tag(path=axe_script)
        blocking = [
            v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == [], f"{name}: {describe(blocking)}"


def test_home_approves_and_marks_spam_in_one_click_within_the_policy(desk, sign_in):
    site, (dee, lou) = desk
    page, errors = sign_in("owner", viewport=LAPTOP)

    waiting = page.locator("#waiting")
    expect(waiting.locator("h2")).to_contain_text("2")
    expect(page.locator(".desk-nav-comments .desk-count")).to_contain_text("2")
    scheduled = page.locator("#scheduled")
    expect(scheduled).to_contain_text("Top Gun: the soundtrack")
    expect(scheduled).to_contain_text("America/New_York")
    expect(page.locator("#drafts")).to_contain_text("Purple Rain, half written")
    expect(waiting.locator(".desk-comment", has_text="Dee").locator("em")).to_have_text(
        "vinyl"
    )

    waiting.get_by_role("button", name="Approve Dee’s comment").click()

    expect(page.locator(".messagelist")).to_contain_text("Dee")
    assert page.url == f"{site}/admin/"
    expect(page.locator("#waiting .desk-comment")).to_have_count(1)
    page.get_by_role("button", name="Spam Lou’s comment").click()
    expect(page.locator("#waiting")).to_contain_text("No comments are waiting")
    expect(page.locator(".desk-nav-comments .desk-count")).to_have_count(0)
    assert errors == []
    dee.refresh_from_db()
    lou.refresh_from_db()
    assert (dee.status, lou.status) == (Comment.Status.APPROVED, Comment.Status.SPAM)


def test_settings_are_saved_from_a_phone(desk, sign_in):
    site, _ = desk
    page, errors = sign_in("owner", viewport=PHONE)
    open_menu(page)
    page.get_by_role("navigation", name="Desk").get_by_role(
        "link", name="Settings"
    ).click()

    page.get_by_label("Tagline").fill("Records, side by side")
    page.get_by_label("Posts per page").fill("0")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".errornote")).to_contain_text("Nothing was saved")
    assert SiteSettings.load().tagline != "Records, side by side"

    page.get_by_label("Posts per page").fill("12")
    page.get_by_role("button", name="Save settings").click()

    expect(page.locator(".messagelist")).to_contain_text("Settings saved.")
    site_settings = SiteSettings.load()
    assert (site_settings.tagline, site_settings.posts_per_page) == (
        "Records, side by side",
        12,
    )
    assert errors == []


def test_an_author_sees_their_tasks_only(desk, sign_in):
    site, _ = desk
    page, _ = sign_in("desk-author", viewport=LAPTOP)

    nav = page.get_by_role("navigation", name="Desk")
    labels = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]

    assert [label.split()[0] for label in labels][:2] == ["Write", "Posts"]
    assert "Settings" not in labels and "Operator" not in labels
    assert "Readers" not in labels
    expect(page.locator("#drafts")).to_contain_text("Purple Rain, half written")


def test_on_a_phone_the_bar_folds_behind_a_menu_that_opens_without_script(
    desk, sign_in, screenshot
):
    """Tried with the page's scripts switched off: Write and the count of
    comments waiting stay in sight, the menu button unfolds every task."""
    site, _ = desk
    page, errors = sign_in("owner", viewport=PHONE, java_script_enabled=False)
    nav = page.get_by_role("navigation", name="Desk")

    height = header_height(page)
    assert height <= PHONE_HEADER_MAX, f"the header takes {height} px"
    quick = nav.locator(".desk-quick")
    expect(quick.get_by_role("link", name="Write")).to_be_visible()
    expect(quick.locator(".desk-quick-comments .desk-count")).to_have_text(
        "2 awaiting moderation"
    )
    expect(nav.locator(".desk-tasks")).to_be_hidden()
    screenshot(page, "desk/phone-bar-folded")

    open_menu(page)

    tasks = nav.locator(".desk-tasks")
    for label in [*NAV, "Operator"]:
        expect(tasks.get_by_role("link", name=label, exact=False)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "desk/phone-bar-open")
    tasks.get_by_role("link", name="Series").click()
    assert page.url == f"{site}/admin/posts/series/"
    expect(nav.locator(".desk-tasks")).to_be_hidden()  # folded again
    assert header_height(page) <= PHONE_HEADER_MAX
    assert errors == []
