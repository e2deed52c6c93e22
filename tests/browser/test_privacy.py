"""Reading the blog contacts no one else until the reader asks for a video; a
guest can get and erase what the blog stores about them."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from linernotes.comments.models import Comment
from linernotes.comments.tests.factories import make_comment
from linernotes.posts.models import Post

from .support import (
    READER_PAGES,
    ROCKY_IV,
    ROCKY_IV_SLUG,
    ROCKY_IV_VIDEO,
    YOUTUBE_PLAYER,
    block_other_origins,
    csp_errors,
    elsewhere,
    record_requests,
)


@pytest.mark.parametrize("name", READER_PAGES)
def test_page_contacts_no_other_origin_and_its_policy_refuses_nothing(
    demo_site, page_urls, open_page, name
):
    # Both checks are needed: the policy stops a stray font or script before any
    # request is made, and the request log catches what the policy allows (a
    # video frame on page load).
    page = open_page()
    requested = record_requests(page)
    refused = csp_errors(page)
    block_other_origins(page, demo_site)

    page.goto(page_urls[name])
    page.mouse.wheel(0, 20_000)  # lazy images below the fold load too
    page.wait_for_load_state("networkidle")

    expect(page.locator("main")).to_contain_text(ROCKY_IV)
    assert page_urls[name] in requested
    assert elsewhere(requested, demo_site) == []
    assert refused == []


def test_video_player_loads_from_youtube_nocookie_only_after_a_click(
    demo_site, page_urls, open_page
):
    page = open_page()
    requested = record_requests(page)
    refused = csp_errors(page)
    block_other_origins(page, demo_site)
    page.goto(page_urls["post"])
    page.wait_for_load_state("networkidle")
    before_click = elsewhere(requested, demo_site)

    with page.expect_request(lambda request: request.url.startswith(YOUTUBE_PLAYER)):
        page.locator(".embed-link").click()

    player = page.locator("figure.embed iframe")
    expect(player).to_have_attribute(
        "src", re.compile("^" + re.escape(YOUTUBE_PLAYER) + "btPJPFnesV4")
    )
    expect(page.locator(".embed-link")).to_have_count(0)
    assert before_click == []
    assert elsewhere(requested, demo_site) == [player.get_attribute("src")]
    assert refused == []


def test_video_placeholder_without_javascript_is_a_link_to_youtube(
    demo_site, page_urls, open_page
):
    page = open_page(java_script_enabled=False)
    requested = record_requests(page)
    block_other_origins(page, demo_site)
    page.goto(page_urls["post"])
    placeholder = page.locator("figure.embed a.embed-link")

    expect(placeholder).to_have_attribute("href", ROCKY_IV_VIDEO)
    expect(placeholder).to_contain_text("Play video on YouTube")
    before_click = elsewhere(requested, demo_site)
    with page.expect_request(ROCKY_IV_VIDEO) as leaving:
        placeholder.click()

    assert before_click == []
    assert leaving.value.is_navigation_request()
    assert elsewhere(requested, demo_site) == [ROCKY_IV_VIDEO]


def test_guest_gets_a_link_by_mail_then_exports_and_erases_without_javascript(
    demo_site, open_page
):
    post = Post.objects.get(slug=ROCKY_IV_SLUG)
    make_comment(post=post, email="dolph@example.org", body="Drago did nothing wrong.")
    page = open_page(java_script_enabled=False)

    page.goto(demo_site + "/privacy/")
    page.get_by_label("Your email address").fill("dolph@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/privacy/email/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.locator("main")).to_contain_text("Comments: 1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as JSON").click()
    exported = json.loads(download.value.path().read_text())
    assert [c["body"] for c in exported["comments"]] == ["Drago did nothing wrong."]

    page.get_by_label(re.compile("Yes, erase my comments")).check()
    page.get_by_role("button", name="Erase my data").click()
    expect(page.locator("h1")).to_have_text("Your data is erased")
    assert not Comment.objects.filter(author_email="dolph@example.org").exists()
    page.goto(demo_site + post.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text("Drago did nothing wrong.")
