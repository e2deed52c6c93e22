"""A guest joins the conversation: with the script, in place; without it, by pages."""

import pytest
from playwright.sync_api import expect

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe


@pytest.fixture
def post_url(live_server, transactional_db, make_post, make_comment) -> str:
    """A post with one comment on a blog that publishes comments at once."""
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()
    post = make_post(title="Rocky IV")
    make_comment(post=post, name="Mara", body="Burning Heart opens side A.")
    return live_server.url + post.get_absolute_url()


def fill_guest(page, body: str) -> None:
    page.fill("#id_name", "Rae")
    page.fill("#id_email", "rae@example.org")
    page.fill("#id_body", body)


def read_first(page) -> None:
    """A reader reads before replying; sooner than three seconds after the page
    loaded, the spam check's timing holds the comment (spam.rules.TooFast)."""
    page.wait_for_timeout(3200)


def test_a_guest_comments_and_replies_in_place_with_the_script(open_page, post_url):
    page = open_page()
    page.goto(post_url)
    read_first(page)

    fill_guest(page, "No Easy Way Out is the real anthem.")
    page.get_by_role("button", name="Post comment").click()

    thread = page.locator("[data-comment-thread]")
    expect(thread).to_contain_text("No Easy Way Out is the real anthem.")
    assert page.url == post_url  # no reload, no receipt page
    expect(thread.get_by_role("link", name="Edit your comment")).to_be_visible()
    page.get_by_role("link", name="Reply to Mara").click()
    mara = page.locator("li.comment", has_text="Burning Heart opens side A.")
    expect(mara.locator("form#respond")).to_be_visible()
    expect(page.locator(".comment-form-title")).to_have_text("Leave a reply to Mara")
    page.fill("#id_body", "Agreed, and the drums on it!")
    page.get_by_role("button", name="Post comment").click()

    reply = mara.locator("xpath=following-sibling::li[1]")
    expect(reply).to_contain_text("Agreed, and the drums on it!")
    expect(reply).to_have_class("comment depth-1")
    assert page.url == post_url
    stored = Comment.objects.get(body="Agreed, and the drums on it!")
    assert stored.parent.author_name == "Mara"


def test_an_error_shows_next_to_its_field_and_keeps_the_text(open_page, post_url):
    page = open_page()
    page.goto(post_url)
    too_long = "la " * 3400  # tried: 10,200 characters, past the 10,000 limit

    fill_guest(page, too_long)
    page.get_by_role("button", name="Post comment").click()

    error = page.locator("#id_body + [data-js-error]")
    expect(error).to_contain_text("at most 10,000 characters")
    expect(page.locator("#id_body")).to_have_value(too_long)
    assert not Comment.objects.filter(author_name="Rae").exists()


def test_the_same_works_without_javascript(open_page, post_url):
    page = open_page(java_script_enabled=False)
    page.goto(post_url)

    fill_guest(page, "Heard it first on a cassette.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.locator("h1")).to_have_text("Your comment is up")
    page.goto(post_url)
    page.get_by_role("link", name="Reply to Mara").click()
    expect(page.locator(".comment-form-title")).to_have_text("Leave a reply to Mara")
    fill_guest(page, "Same here, a TDK C90.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.locator("h1")).to_have_text("Your comment is up")
    page.goto(post_url)
    mara = page.locator("li.comment", has_text="Burning Heart opens side A.")
    reply = mara.locator("xpath=following-sibling::li[1]")
    expect(reply).to_contain_text("Same here, a TDK C90.")
    expect(page.locator("[data-comment-thread]")).to_contain_text(
        "Heard it first on a cassette."
    )


@pytest.fixture
def held_post_url(live_server, transactional_db, make_post, make_comment) -> str:
    """A post with one comment on a blog that holds a guest's first comment."""
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_FIRST
    site.save()
    post = make_post(title="Rocky IV")
    make_comment(post=post, name="Mara", body="Burning Heart opens side A.")
    return live_server.url + post.get_absolute_url()


def test_a_held_comment_stays_in_sight_of_its_writer_after_a_reload(
    open_page, held_post_url, screenshot
):
    """The defect: "only you can see it here", and on reload it was gone. Now
    the reader state lists it for this browser and the script puts it back,
    marked as held; another browser never sees it, and once approved it is
    shown like any other."""
    page = open_page()
    page.goto(held_post_url)
    fill_guest(page, "Hearts on Fire deserves more love.")
    page.get_by_role("button", name="Post comment").click()
    thread = page.locator("[data-comment-thread]")
    expect(thread.locator("li.is-pending")).to_contain_text("awaiting moderation")

    page.reload()

    held = thread.locator("li.is-pending")
    expect(held).to_contain_text("Hearts on Fire deserves more love.")
    expect(held).to_contain_text("awaiting moderation; only you can see it here")
    expect(held.get_by_role("link", name="Edit your comment")).to_be_visible()
    held.scroll_into_view_if_needed()
    screenshot(page, "theme/comment-held")
    stranger = open_page()
    stranger.goto(held_post_url)
    expect(stranger.locator("[data-comment-thread]")).to_contain_text("Burning Heart")
    expect(stranger.locator("body")).not_to_contain_text("Hearts on Fire")

    comment = Comment.objects.get(body="Hearts on Fire deserves more love.")
    services.moderate_comment(comment=comment, status=Comment.Status.APPROVED)
    page.reload()

    expect(thread).to_contain_text("Hearts on Fire deserves more love.")
    expect(thread.locator("li.is-pending")).to_have_count(0)
    expect(thread.locator(f"#comment-{comment.pk}")).to_have_count(1)


def test_without_javascript_the_receipt_keeps_showing_a_held_comment(
    open_page, held_post_url
):
    page = open_page(java_script_enabled=False)
    page.goto(held_post_url)
    fill_guest(page, "Heard it first on a cassette.")
    page.get_by_role("button", name="Post comment").click()
    receipt = page.url

    page.goto(held_post_url)
    expect(page.locator("body")).not_to_contain_text("Heard it first")
    page.goto(receipt)

    expect(page.locator("h1")).to_contain_text("awaiting moderation")
    expect(page.locator("blockquote")).to_contain_text("Heard it first on a cassette.")


def test_a_form_sent_at_once_after_the_page_loaded_is_held(open_page, post_url):
    """The script copies the reader state's signed time into the form; the
    cached page holds none. Sent at once, the comment waits for a writer (it
    is not lost: its writer sees it, marked as held)."""
    page = open_page()
    page.goto(post_url)
    expect(page.locator("#id_shown")).not_to_have_value("")

    fill_guest(page, "Instant reply, no reading.")
    page.get_by_role("button", name="Post comment").click()

    held = page.locator("[data-comment-thread] li.is-pending")
    expect(held).to_contain_text("Instant reply, no reading.")
    comment = Comment.objects.get(body="Instant reply, no reading.")
    assert comment.spam_verdict == "hold"
    assert comment.spam_reasons[0].endswith("s after the form was shown")


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(
    open_page, post_url, axe_script
):
    page = open_page(bypass_csp=True)  # axe is inlined; see test_accessibility
    page.goto(post_url)

    trap = page.locator("#id_subject")
    expect(trap).to_be_attached()
    expect(trap).to_be_hidden()
    # not in the accessibility tree: a screen reader never announces it
    expect(page.get_by_role("textbox", name="Leave this field empty")).to_have_count(0)
    page.keyboard.press("Tab")  # the field never takes the focus either
    for _ in range(30):
        assert page.evaluate("document.activeElement.id") != "id_subject"
        page.keyboard.press("Tab")
    page.add_script_tag(path=axe_script)
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)
