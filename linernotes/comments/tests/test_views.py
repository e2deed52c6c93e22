"""Posting through the form: what a reader sees, and what an attacker cannot do."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}


def form(**overrides) -> dict:
    return {
        "name": "Rae",
        "email": "rae@example.org",
        "url": "",
        "body": "Side B is the one.",
        "parent": "",
        "key": "",
        **overrides,
    }


def post_comment(client, post, headers=SAME_SITE, **overrides):
    return client.post(
        reverse("comments:post", args=[post.pk]), form(**overrides), **headers
    )


def approve_all() -> None:
    """A writer approves every comment waiting, as the queue would."""
    for comment in Comment.objects.awaiting_moderation():
        services.moderate_comment(comment=comment, status=Comment.Status.APPROVED)


@pytest.fixture
def open_blog():
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def test_a_guest_comments_and_sees_it_under_the_post(client, make_post, open_blog):
    post = make_post(title="Rocky IV")

    response = post_comment(client, post)
    page = Client().get(post.get_absolute_url())

    assert response.status_code == 302
    assertContains(client.get(response["Location"]), "Your comment is up")
    assertContains(page, "1 Response to “Rocky IV”")
    assertContains(page, "Side B is the one.")
    assertNotContains(page, "rae@example.org")


def test_a_held_comment_shows_its_writer_a_receipt_but_not_readers(client, make_post):
    post = make_post()

    response = post_comment(client, post, body="Held for now.")

    assertContains(client.get(response["Location"]), "awaiting moderation")
    assertNotContains(Client().get(post.get_absolute_url()), "Held for now.")


def test_the_post_page_with_its_form_stays_in_the_shared_cache(
    client, make_post, make_comment
):
    post = make_post()
    make_comment(post=post)

    client.get(post.get_absolute_url())
    response = client.get(post.get_absolute_url())

    assert response["X-Page-Cache"] == "hit"
    assertNotContains(response, "csrfmiddlewaretoken")
    assertContains(response, 'id="respond"')


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {},  # neither header and no CSRF token
    ],
)
def test_a_cross_site_post_is_refused(make_post, headers):
    post = make_post()

    response = post_comment(Client(enforce_csrf_checks=True), post, headers=headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_an_old_browser_without_fetch_metadata_gets_through_with_a_matching_origin(
    make_post,
):
    response = post_comment(
        Client(enforce_csrf_checks=True),
        make_post(),
        headers={"HTTP_ORIGIN": "http://testserver", "HTTP_USER_AGENT": "Old/1.0"},
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("token", "status", "stored"),
    [("b" * 32, 403, 0), ("a" * 32, 302, 1)],
    ids=["wrong token refused", "matching token accepted"],
)
def test_without_fetch_metadata_or_origin_the_csrf_token_decides(
    make_post, settings, token, status, stored
):
    # Neither Sec-Fetch-Site nor Origin: Django's token check (decision 0010).
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32

    response = post_comment(
        browser,
        make_post(),
        headers={"HTTP_USER_AGENT": "Old/1.0"},
        csrfmiddlewaretoken=token,
    )

    assert response.status_code == status
    assert Comment.objects.count() == stored


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": ""}, "This field is required"),
        ({"body": "x" * 100_000}, "at most 10,000 characters"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"parent": "999999"}, "not there to reply to"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_the_text(
    client, make_post, overrides, message
):
    response = post_comment(client, make_post(), **overrides)

    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_of_another_post_is_a_400_not_a_500(
    client, make_post, make_comment
):
    elsewhere = make_comment(post=make_post())

    response = post_comment(client, make_post(), parent=str(elsewhere.pk))

    assert response.status_code == 400


def test_script_in_every_field_renders_as_text(client, make_post, open_blog):
    post = make_post()
    hostile = "<script>alert(1)</script>"

    post_comment(
        client, post, name=hostile, body=hostile, url="https://x.example/?q=<script>"
    )
    html = Client().get(post.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_double_click_stores_one_comment(client, make_post, open_blog):
    post = make_post()

    post_comment(client, post, key="abc")
    post_comment(client, post, key="abc")
    post_comment(client, post)

    assert Comment.objects.count() == 1


def test_trust_comes_from_the_signed_cookie_not_a_typed_email(make_post, make_comment):
    post = make_post()
    first_browser = Client()
    post_comment(first_browser, post, body="First words.")
    approve_all()

    post_comment(first_browser, post, body="Trusted now.")
    post_comment(Client(), post, body="Same email, other browser.")

    assert Comment.objects.get(body="Trusted now.").status == Comment.Status.APPROVED
    assert Comment.objects.get(body="Same email, other browser.").status == "pending"


def test_a_stranger_cannot_borrow_a_regulars_trust_by_posting_twice(
    make_post, make_comment
):
    post = make_post()
    make_comment(post=post, email="rae@example.org", body="Rae's approved words.")
    stranger = Client()

    post_comment(stranger, post, email="rae@example.org", body="Held, sets a cookie.")
    post_comment(stranger, post, email="rae@example.org", body="Still not Rae.")

    assert Comment.objects.get(body="Still not Rae.").status == "pending"


def test_retyping_a_regulars_words_under_her_address_gets_a_new_comment(
    make_post, make_comment
):
    post = make_post()
    make_comment(post=post, email="rae@example.org", body="Rae's approved words.")
    stranger = Client(REMOTE_ADDR="203.0.113.9")

    post_comment(stranger, post, email="rae@example.org", body="Rae's approved words.")
    post_comment(stranger, post, email="rae@example.org", body="Now trusted?")

    assert Comment.objects.filter(body="Rae's approved words.").count() == 2
    assert Comment.objects.get(body="Now trusted?").status == "pending"


def test_a_trusted_browser_stays_trusted_comment_after_comment(make_post):
    post = make_post()
    browser = Client()
    post_comment(browser, post, body="First words.")
    approve_all()

    post_comment(browser, post, body="Second.")
    post_comment(browser, post, body="Third.")
    post_comment(browser, post, email="other@example.org", body="Other address.")

    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses["Second."] == statuses["Third."] == Comment.Status.APPROVED
    assert statuses["Other address."] == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("verified", "expected"),
    [(True, Comment.Status.APPROVED), (False, Comment.Status.PENDING)],
    ids=["verified address", "unverified address"],
)
def test_an_account_is_trusted_through_an_address_it_verified(
    client, make_post, make_comment, make_user, verified, expected
):
    post = make_post()
    make_comment(post=post, email="Rae@Example.org", body="As a guest, approved.")
    client.force_login(make_user(email="rae@example.org", verified=verified))

    post_comment(client, post, name="", email="", body="Now with an account.")

    assert Comment.objects.get(body="Now with an account.").status == expected


def test_a_key_from_another_writers_comment_is_refused(make_post):
    post = make_post()
    post_comment(Client(), post, key="shared-key", body="Rae's comment.")

    copied = post_comment(
        Client(), post, key="shared-key", email="sam@example.org", body="Sam's."
    )

    assert copied.status_code == 400
    assertNotContains(copied, "Rae's comment.", status_code=400)
    assert list(Comment.objects.values_list("body", flat=True)) == ["Rae's comment."]


def test_the_reply_link_works_without_javascript(client, make_post, make_comment):
    post = make_post()
    parent = make_comment(post=post, name="Sam")

    page = client.get(f"{post.get_absolute_url()}?replyto={parent.pk}")

    assertContains(page, "Leave a reply to Sam")
    assertContains(page, f'name="parent" value="{parent.pk}"')


def test_a_signed_in_reader_sees_who_they_comment_as_without_javascript(
    client, make_post, make_user
):
    post = make_post()
    client.force_login(make_user(display_name="Nova Reyes", email="nova@example.org"))

    page = client.get(post.get_absolute_url())

    assertContains(page, "You are commenting using your Liner Notes account · ")
    assertContains(page, '<div class="field-row" data-guest-fields hidden>')
    assert "X-Page-Cache" not in page


def test_an_anonymous_readers_form_names_nobody_and_is_shared(client, make_post):
    post = make_post()

    first = client.get(post.get_absolute_url())
    second = client.get(post.get_absolute_url())

    assertContains(first, '<p class="commenting-as" data-commenting-as hidden></p>')
    assertContains(first, '<div class="field-row" data-guest-fields>')
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
