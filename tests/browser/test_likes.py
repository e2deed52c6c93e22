"""A guest likes the Rocky IV review and a comment under it, in a real browser.

With JavaScript the count changes in place and the button shows the like on
reload (from /account/me.json, since the page itself is the same for everyone);
without JavaScript the same buttons are plain forms that come back to the post.
"""

from playwright.sync_api import expect

from linernotes.comments.models import Comment
from linernotes.posts.models import Post

from .support import ROCKY_IV_SLUG


def _post_phrase(count: int) -> str:
    if count == 0:
        return "Be the first to like this"
    return f"{count} reader likes this" if count == 1 else f"{count} readers like this"


def _comment_phrase(count: int) -> str:
    return f"Liked by {count} {'person' if count == 1 else 'people'}"


def test_a_guest_likes_the_post_in_place_and_sees_it_after_reload(
    page_urls, open_page, screenshot
):
    before = Post.objects.get(slug=ROCKY_IV_SLUG).like_count
    page = open_page()
    page.goto(page_urls["post"])
    likes = page.locator("section.likes")
    button = likes.locator(".like-button")
    expect(button).to_have_accessible_name("Like this post")
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before))
    expect(likes.get_by_role("button", name="Unlike")).to_be_hidden()

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_name("Liked this post")
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before + 1))
    screenshot(page, "likes-post-liked")
    page.reload()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before + 1))
    button.click()  # changed their mind
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before))
    assert Post.objects.get(slug=ROCKY_IV_SLUG).like_count == before


def test_a_guest_likes_a_comment_in_place_and_sees_it_after_reload(
    page_urls, open_page
):
    comment = Comment.objects.approved().filter(post__slug=ROCKY_IV_SLUG).first()
    before = comment.like_count
    page = open_page()
    page.goto(page_urls["post"])
    box = page.locator(f"#comment-{comment.pk} .comment-likes")
    button = box.locator(".like-button")

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(box.locator(".like-summary")).to_have_text(_comment_phrase(before + 1))
    page.reload()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(box.locator(".like-summary")).to_have_text(_comment_phrase(before + 1))
    comment.refresh_from_db()
    assert comment.like_count == before + 1


def test_without_javascript_the_like_button_is_a_form_that_comes_back(
    page_urls, open_page
):
    before = Post.objects.get(slug=ROCKY_IV_SLUG).like_count
    page = open_page(java_script_enabled=False)
    page.goto(page_urls["post"])
    likes = page.locator("section.likes")

    likes.get_by_role("button", name="Like this post").click()

    expect(page).to_have_url(page_urls["post"] + "#likes")
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before + 1))
    likes.get_by_role("button", name="Unlike").click()
    expect(likes.locator(".like-summary")).to_have_text(_post_phrase(before))
