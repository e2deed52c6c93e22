"""Signing in in a real browser: with a password, and through real OpenID Connect.

The provider is the small Django site in tests/oidc_provider/, started as its
own server process on loopback with a freshly generated RS256 key. Liner Notes
(the live server) is configured for it the way an operator would, through
``LINERNOTES_OIDC_*`` variables turned into settings.
"""

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from linernotes.comments.models import Comment
from linernotes.posts.models import Post
from linernotes.users.models import User
from linernotes.users.social import providers_from_environment
from linernotes.users.tests.factories import make_account
from tests.oidc_provider.harness import running_provider

from .support import ROCKY_IV_SLUG, csp_errors

CALLBACK = "/accounts/oidc/oidc/login/callback/"


@pytest.fixture
def provider(live_server, tmp_path):
    with running_provider(tmp_path, [live_server.url + CALLBACK]) as running:
        yield running


@pytest.fixture
def use_provider(provider, settings):
    """Switch the provider on as ``LINERNOTES_OIDC_*`` would; return a tweak hook."""

    def use_provider(**app_settings):
        providers = providers_from_environment(provider.liner_notes_environment())
        providers["openid_connect"]["APPS"][0]["settings"].update(app_settings)
        settings.SOCIALACCOUNT_PROVIDERS = providers
        return provider

    return use_provider


def post_path() -> str:
    return Post.objects.get(slug=ROCKY_IV_SLUG).get_absolute_url()


def sign_in_at_provider(page, demo_site: str, provider, next_path: str) -> None:
    page.goto(f"{demo_site}/accounts/login/?next={next_path}")
    page.get_by_role("link", name="Sign in with Test ID").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Username").fill(provider.username)
    page.get_by_label("Password").fill(provider.password)
    page.get_by_role("button", name="Sign in to Test ID").click()


def test_a_reader_signs_in_through_openid_connect_and_comments_with_that_account(
    demo_site, open_page, use_provider, screenshot
):
    provider = use_provider()
    path = post_path()
    page = open_page()
    refused = csp_errors(page)

    sign_in_at_provider(page, demo_site, provider, path)

    expect(page).to_have_url(demo_site + path)
    commenting_as = page.locator("[data-commenting-as]")
    expect(commenting_as).to_be_visible()
    expect(commenting_as).to_contain_text(
        "You are commenting using your Test ID account · Log out · Change"
    )
    expect(page.locator("[data-guest-fields]")).to_be_hidden()
    expect(page.locator(".reader-state")).to_contain_text("Signed in as Nova Reyes")
    screenshot(page, "accounts-oidc-commenting-as")
    page.fill("#id_body", "Signed in through my own ID provider, side B first.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("[data-comment-thread]")).to_contain_text(
        "Signed in through my own ID provider, side B first."
    )
    assert refused == []
    account = SocialAccount.objects.get(provider="oidc")
    assert account.user.email == provider.email
    assert account.user.emailaddress_set.get().verified
    comment = Comment.objects.get(body__startswith="Signed in through my own ID")
    assert (comment.user, comment.author_name) == (account.user, "Nova Reyes")


def test_a_token_from_the_wrong_issuer_signs_nobody_in(
    demo_site, open_page, use_provider
):
    """The code flow checks the ID token's issuer (and its signature: forged
    tokens are tried in tests/oidc_provider/test_code_flow.py). Tried: Liner
    Notes expects another issuer than the one the provider writes into its tokens."""
    provider = use_provider(
        openid_configuration_overrides={"issuer": "http://id.attacker.example"}
    )
    page = open_page()

    sign_in_at_provider(page, demo_site, provider, post_path())

    expect(page.locator("h1")).to_contain_text("Third-Party Login Failure")
    assert not SocialAccount.objects.exists()
    assert not User.objects.filter(email=provider.email).exists()


def test_a_password_reader_comments_as_their_liner_notes_account(demo_site, open_page):
    make_account(email="rae@example.net", display_name="Rae")
    path = post_path()
    page = open_page()
    refused = csp_errors(page)

    page.goto(demo_site + "/")
    page.locator(".reader-state").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("rae@example.net")
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("h1")).to_have_text("Your profile")
    page.goto(demo_site + path)

    expect(page.locator("[data-commenting-as]")).to_contain_text(
        "You are commenting using your Liner Notes account"
    )
    expect(page.locator("#id_name")).not_to_have_attribute("required", "")
    page.fill("#id_body", "Rae here, with an account this time.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("[data-comment-thread]")).to_contain_text(
        "Rae here, with an account this time."
    )
    comment = Comment.objects.get(body="Rae here, with an account this time.")
    assert (comment.user.email, comment.author_name) == ("rae@example.net", "Rae")
    page.locator("[data-commenting-as]").get_by_role("link", name="Log out").click()
    page.get_by_role("button", name="Sign Out").click()
    page.goto(demo_site + path)
    expect(page.locator("[data-guest-fields]")).to_be_visible()
    expect(page.locator("[data-commenting-as]")).to_be_hidden()
    assert refused == []
