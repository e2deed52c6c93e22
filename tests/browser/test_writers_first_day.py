"""A writer's first day at the desk, in Debian's Chromium (issue 13, item 7).

Nadia signs in and writes a review like the demo's Rocky IV post: words with a
YouTube link, the name check catching a misspelt artist while she types, the
release's ten-track listing pasted from the post (its misspelt artist flagged
and confirmed as the catalogue's own), a downloadable file, an image dropped
into the text. She makes it the next part of the demo's series, schedules it
for tomorrow 09:00 in the blog's time zone, sees it announced as the "Next
post" on the part readers have now, brings back an earlier revision, and
moderates two comments from the desk home. Every desk page she visits passes
axe-core; screenshots at 1366 and 390 px go to
test-artifacts/screenshots/desk/first-day-*.png.
"""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linernotes.catalogue.models import Release
from linernotes.comments.models import Comment
from linernotes.comments.tests.factories import make_comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Attachment, Post, PostImage, Revision
from linernotes.users.roles import Role
from linernotes.users.tests.factories import make_writer

from .support import PHONE, ROCKY_IV_SLUG, SERIES_1985
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe
from .test_editor import DROP_FILE, png_base64

LAPTOP = {"width": 1366, "height": 900}
ZONE = "Europe/Berlin"
TITLE = "Rocky IV, on the 2026 vinyl"
WORDS = """The reissue keeps the ten tracks and the enormous drum sound.
Survivr open it, as they did in 1985.

https://www.youtube.com/watch?v=btPJPFnesV4
"""
# The demo's listing with one artist misspelt: "Survivr" for "Survivor".
LISTING = """Side A
A1. Burning Heart - Survivr
A2. Hearts on Fire - John Cafferty
A3. Double or Nothing - Kenny Loggins and Gladys Knight
A4. Eye of the Tiger - Survivor
A5. War - Vince DiCola
Side B
B1. Living in America - James Brown
B2. No Easy Way Out - Robert Tepper
B3. One Way Street - Go West
B4. The Sweetest Victory - Touch
B5. Training Montage - Vince DiCola"""
MISTAKE = "\n\nA paragraph written in haste, to be taken back."


@pytest.fixture
def first_day(demo_site):
    """The demo blog in Berlin's time zone, with an editor new to it and two
    readers' comments waiting on the Rocky IV post."""
    site = SiteSettings.load()
    site.time_zone = ZONE
    site.save()
    make_writer(role=Role.EDITOR, username="nadia")
    rocky = Post.objects.get(slug=ROCKY_IV_SLUG)
    waiting = [
        make_comment(
            post=rocky,
            approved=False,
            name=name,
            email=f"{name.lower()}@example.org",
            body=body,
        )
        for name, body in [
            ("Dee", "Is the *vinyl* reissue worth it?"),
            ("Lou", "Cheap pills at a link you should visit."),
        ]
    ]
    return demo_site, rocky, waiting


def assert_axe_clean(page, axe_script, where: str) -> None:
    """No serious or critical axe-core violation on the page. Evaluated through
    the DevTools protocol, so the page keeps running under its real policy."""
    page.evaluate(axe_script.read_text())
    blocking = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], f"{where}: {describe(blocking)}"


def tomorrow_at_nine() -> datetime:
    zone = ZoneInfo(ZONE)
    tomorrow = timezone.now().astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(9, 0), tzinfo=zone)


def test_a_writers_first_day(
    first_day, sign_in, open_page, axe_script, screenshot, tmp_path
):
    site, rocky, (dee, lou) = first_day

    def look(page, name: str) -> None:
        screenshot(page, f"desk/first-day-{name}")
        assert_axe_clean(page, axe_script, name)

    page, errors = sign_in("nadia", viewport=LAPTOP)
    look(page, "home")

    # Write: the words, with the name check catching "Survivr" as she types.
    page.get_by_role("navigation", name="Desk").get_by_role(
        "link", name="Write"
    ).click()
    page.fill("#id_title", TITLE)
    page.fill("#id_body", WORDS)
    expect(page.locator(".name-check-warnings")).to_contain_text("Survivor")
    look(page, "write")

    # The music: the post is saved, and the listing pasted on the paste page.
    page.get_by_role("button", name="Save and add the music").click()
    post = Post.objects.get(title=TITLE)
    expect(page.locator("h1")).to_contain_text("Paste a track listing")
    page.fill("#id_listing", LISTING)
    page.get_by_role("button", name="Read the listing").click()
    reading = page.locator(".listing-reading")
    expect(reading.locator(".listing-tracks caption")).to_contain_text("10 tracks")
    expect(reading.locator("tr[data-line='2']")).to_contain_text("Survivr")
    newcomer = page.locator(".new-artist[data-name='Survivr']")
    expect(newcomer).to_contain_text("looks like Survivor")
    look(page, "paste")
    newcomer.get_by_label("Same artist as Survivor").check()
    page.fill("#id_title", "Rocky IV (2026 reissue)")
    page.get_by_role("button", name="Make the release with 10 tracks").click()

    # Back in the post, the new release filled in as the reviewed one.
    expect(page.locator(".messagelist")).to_contain_text("now has 10 tracks")
    release = Release.objects.get(title="Rocky IV (2026 reissue)")
    assert page.url.endswith(
        f"/admin/posts/post/{post.pk}/change/?release={release.pk}"
    )
    opener = release.tracks.order_by("sort_order").first()
    assert [c.artist.name for c in opener.credits.all()] == ["Survivor"]
    expect(page.locator("#reviews-0 .field-release")).to_contain_text(release.title)

    # A downloadable file, an image dropped into the text, the series, the time.
    guide = tmp_path / "reissue-listening-guide.txt"
    guide.write_text("Side A, loud. Side B, louder.\n")
    page.click("text=Add another Attachment")
    page.fill("#id_attachments-0-title", "Listening guide")
    page.set_input_files("#id_attachments-0-file", guide)
    page.evaluate(DROP_FILE, ["stage-photo.png", "image/png", png_base64()])
    expect(page.locator("#id_body")).to_have_value(
        re.compile(r"!\[stage photo\]\(/media/images/.+\.png\)$")
    )
    page.click(".field-series .select2-selection")
    # The open dropdown's search box: tags and categories have their own.
    page.fill(".select2-dropdown .select2-search__field", "Great Sound")
    page.click(f".select2-results__option >> text={SERIES_1985}")
    expect(page.locator("#id_series_position")).to_have_value("4")
    due = tomorrow_at_nine()
    page.select_option("#id_status", Post.Status.SCHEDULED)
    page.fill("#id_published_at_0", due.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "09:00")
    expect(page.locator(".field-published_at")).to_contain_text(ZONE)
    preview = page.frame_locator("iframe[name=linernotes-preview]")
    expect(preview.locator("figure.embed[data-embed-provider=youtube]")).to_have_count(
        1
    )
    expect(preview.locator(".prose img[alt='stage photo']")).to_have_count(1)
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    post.refresh_from_db()
    assert (post.status, post.published_at) == (Post.Status.SCHEDULED, due)
    assert (post.series.title, post.series_position) == (SERIES_1985, 4)
    assert list(post.reviews.values_list("release", flat=True)) == [release.pk]
    assert Attachment.objects.get(post=post).title == "Listening guide"
    assert PostImage.objects.filter(post=post).count() == 1
    kept_body = post.body
    expect(preview.locator("h1.entry-title")).to_have_text(TITLE)
    look(page, "editor")

    # Readers of the part out now see it announced, not linked.
    reader_page = open_page(viewport=LAPTOP)
    reader_page.goto(site + rocky.get_absolute_url())
    teaser = reader_page.get_by_role("complementary", name="Next post")
    expect(teaser).to_contain_text(TITLE)
    expect(teaser.locator("time")).to_have_attribute("datetime", due.isoformat())
    screenshot(reader_page, "desk/first-day-next-post-teaser")

    # A hasty paragraph saved, then the earlier revision brought back.
    page.fill("#id_body", kept_body.replace("\r\n", "\n") + MISTAKE)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.click("text=Revisions (")
    look(page, "revisions")
    earlier = Revision.objects.filter(
        post=post, kind=Revision.Kind.SAVED, body=kept_body
    )
    page.click(f"a[href$='/revisions/{earlier.latest('created_at').pk}/']")
    look(page, "revision-compare")
    page.click("text=Restore this revision")
    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    # A textarea shows the stored CRLF line ends as LF.
    expect(page.locator("#id_body")).to_have_value(kept_body.replace("\r\n", "\n"))
    post.refresh_from_db()
    assert post.body == kept_body and post.status == Post.Status.SCHEDULED

    # The desk home: one comment approved, the other marked as spam.
    page.goto(site + "/admin/")
    waiting = page.locator("#waiting")
    waiting.get_by_role("button", name="Approve Dee’s comment").click()
    expect(page.locator(".messagelist")).to_contain_text("Dee")
    page.locator("#waiting").get_by_role("button", name="Spam Lou’s comment").click()
    expect(page.locator("#waiting")).to_contain_text("No comments are waiting")
    look(page, "home-after")
    dee.refresh_from_db()
    lou.refresh_from_db()
    assert (dee.status, lou.status) == (Comment.Status.APPROVED, Comment.Status.SPAM)
    assert errors == []


def test_the_first_days_pages_on_a_phone(first_day, sign_in, axe_script, screenshot):
    """The same desk pages at 390 px: nothing scrolls sideways, axe is clean."""
    site, _, _ = first_day
    page, errors = sign_in("nadia", viewport=PHONE)
    post = Post.objects.get(slug=ROCKY_IV_SLUG)
    change = f"/admin/posts/post/{post.pk}/change/"
    pages = {
        "home": "/admin/",
        "write": "/admin/posts/post/add/",
        "paste": f"/admin/catalogue/release/paste/?next={change}",
        "editor": change,
        "revisions": f"/admin/posts/post/{post.pk}/revisions/",
    }
    for name, path in pages.items():
        page.goto(site + path)
        screenshot(page, f"desk/first-day-{name}")
        assert_axe_clean(page, axe_script, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways: {width} px"
        # A field cut off at the edge does not scroll the page but hides the
        # ends of its lines (the body field was 610 px wide on a phone).
        fields = page.evaluate(WIDER_THAN_THE_SCREEN, PHONE["width"])
        assert fields == [], f"{name} has fields past the screen's edge: {fields}"
    assert errors == []


WIDER_THAN_THE_SCREEN = """width => [...document.querySelectorAll(
    'textarea, input:not([type=hidden]), select')]
    .filter(field => field.offsetParent && field.getBoundingClientRect().right > width)
    .map(field => field.name || field.id)"""
