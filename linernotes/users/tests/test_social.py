"""Social login providers: on only when the environment gives both id and secret."""

import pytest
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialLogin
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.users.models import User
from linernotes.users.social import providers_from_environment

pytestmark = pytest.mark.django_db


def test_no_variables_means_no_social_login():
    assert providers_from_environment({}) == {}


def test_github_is_on_with_its_id_and_secret():
    providers = providers_from_environment(
        {"LINERNOTES_GITHUB_CLIENT_ID": "abc", "LINERNOTES_GITHUB_SECRET": "s3"}
    )

    assert providers == {
        "github": {
            "APPS": [{"client_id": "abc", "secret": "s3", "key": ""}],
            "SCOPE": ["read:user", "user:email"],
        }
    }


@pytest.mark.parametrize(
    "environ",
    [
        {"LINERNOTES_GOOGLE_CLIENT_ID": "abc"},
        {"LINERNOTES_FACEBOOK_SECRET": "s3"},
        {"LINERNOTES_GITHUB_CLIENT_ID": " ", "LINERNOTES_GITHUB_SECRET": "s3"},
        {"LINERNOTES_OIDC_CLIENT_ID": "abc", "LINERNOTES_OIDC_SECRET": "s3"},
    ],
)
def test_half_a_configuration_switches_nothing_on(environ):
    assert providers_from_environment(environ) == {}


def test_google_facebook_and_openid_connect_are_switched_on_together():
    providers = providers_from_environment(
        {
            "LINERNOTES_GOOGLE_CLIENT_ID": "g",
            "LINERNOTES_GOOGLE_SECRET": "gs",
            "LINERNOTES_FACEBOOK_CLIENT_ID": "f",
            "LINERNOTES_FACEBOOK_SECRET": "fs",
            "LINERNOTES_OIDC_SERVER_URL": "https://id.example.org",
            "LINERNOTES_OIDC_CLIENT_ID": "o",
            "LINERNOTES_OIDC_SECRET": "os",
            "LINERNOTES_OIDC_NAME": "Example ID",
        }
    )

    assert set(providers) == {"google", "facebook", "openid_connect"}
    oidc = providers["openid_connect"]["APPS"][0]
    assert oidc["name"] == "Example ID"
    assert oidc["settings"]["server_url"] == "https://id.example.org"


def test_the_sign_in_page_offers_only_the_switched_on_providers(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
        {
            "LINERNOTES_GITHUB_CLIENT_ID": "abc",
            "LINERNOTES_GITHUB_SECRET": "s3",
            "LINERNOTES_OIDC_SERVER_URL": "https://id.example.org",
            "LINERNOTES_OIDC_CLIENT_ID": "o",
            "LINERNOTES_OIDC_SECRET": "os",
            "LINERNOTES_OIDC_NAME": "Example ID",
        }
    )

    response = client.get(reverse("account_login"))

    assertContains(response, "Sign in with GitHub")
    assertContains(response, "Sign in with Example ID")
    assertContains(response, 'href="/accounts/oidc/oidc/login/?process=login"')
    assertNotContains(response, "Sign in with Google")


def test_without_providers_the_sign_in_page_offers_none(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    response = client.get(reverse("account_login"))

    assertNotContains(response, "Sign in with")


def test_a_providers_names_lose_characters_xml_cannot_carry(rf):
    """A provider may send any text as a name; it ends up in comment feeds and
    exports, so it is cleaned as the blog's own forms clean names."""
    login = SocialLogin(user=User())
    data = {"name": "Rae\x01 Okafor\x0b", "username": "rae\x08", "email": "r@e.org"}

    user = get_adapter(rf.get("/")).populate_user(rf.get("/"), login, data)

    assert (user.first_name, user.last_name, user.username) == ("Rae", "Okafor", "rae")
