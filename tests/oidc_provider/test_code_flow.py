"""Signing in through OpenID Connect refuses a forged ID token, end to end.

The provider runs as a real server on loopback; started with a ``forgery``, its
token endpoint hands out a forged ID token in place of the one it signed, as a
tampering proxy or a token endpoint reached over plain HTTP could. The site is
driven through its real views with the test client: the "Continue" form sends the
reader to the provider, the reader signs in there (over HTTP, with requests) and
is sent back to the callback, where the site redeems the code at the token
endpoint and checks the ID token against the provider's published keys.
"""

from urllib.parse import urlsplit

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from pytest_django.asserts import assertTemplateUsed

from linernotes.users.models import User
from linernotes.users.social import OIDC_PROVIDER_ID, providers_from_environment

from .forgery import FORGED_USERINFO, FORGERIES
from .harness import approve_at_provider, fetch_id_token, running_provider

pytestmark = pytest.mark.django_db
CALLBACK = "http://testserver/accounts/oidc/oidc/login/callback/"
ALL_BUT_THE_SIGNATURE = {
    "verify_signature": False,
    "verify_iss": True,
    "verify_aud": True,
    "verify_exp": True,
}


@pytest.fixture
def forgery() -> str:
    """Genuine ID tokens unless a test parametrizes a forgery."""
    return ""


@pytest.fixture
def provider(forgery, tmp_path, settings):
    """The provider, switched on in Liner Notes as ``LINERNOTES_OIDC_*`` would."""
    with running_provider(tmp_path, [CALLBACK], forgery=forgery) as running:
        settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
            running.liner_notes_environment()
        )
        yield running


def sign_in_through_provider(client, provider):
    """Press "Continue", sign in at the provider, come back: the callback's answer."""
    login = reverse("openid_connect_login", kwargs={"provider_id": OIDC_PROVIDER_ID})
    sent_to_provider = client.post(login)
    callback = urlsplit(approve_at_provider(provider, sent_to_provider["Location"]))
    return client.get(f"{callback.path}?{callback.query}")


def test_a_genuine_id_token_signs_the_reader_in(client, provider):
    """The control: without it, the refusals below could come from a broken setup."""
    response = sign_in_through_provider(client, provider)

    assert response.status_code == 302
    assert response["Location"] == reverse("users:profile")
    account = SocialAccount.objects.get(provider=OIDC_PROVIDER_ID)
    assert account.user.email == provider.email
    assert client.session[SESSION_KEY] == str(account.user.pk)


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_id_token_from_the_token_endpoint_signs_nobody_in(client, provider):
    response = sign_in_through_provider(client, provider)

    assert response.status_code == 401
    assertTemplateUsed(response, "socialaccount/authentication_error.html")
    assert str(response.context["auth_error"]["exception"]) == "Invalid id_token"
    assert SESSION_KEY not in client.session
    assert not SocialAccount.objects.exists()
    assert not User.objects.exists()


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_id_token_is_wrong_only_in_its_signature(provider):
    """So a refusal above is the signature check's: issuer, audience and expiry
    all pass, and only the provider's published keys tell the token is forged."""
    forged = fetch_id_token(provider, CALLBACK)
    checks = {"issuer": provider.url, "audience": provider.client_id}
    published = jwt.PyJWKClient(f"{provider.url}/.well-known/jwks.json")

    jwt.decode(forged, options=ALL_BUT_THE_SIGNATURE, **checks)
    with pytest.raises(jwt.PyJWTError):
        key = published.get_signing_key_from_jwt(forged)
        jwt.decode(forged, key, algorithms=["RS256"], **checks)


@pytest.mark.parametrize("forgery", [FORGED_USERINFO])
def test_a_userinfo_answer_about_someone_else_signs_nobody_in(client, provider):
    """The ID token is genuine; the userinfo endpoint names Mallory instead."""
    response = sign_in_through_provider(client, provider)

    assert response.status_code == 401
    assert str(response.context["auth_error"]["exception"]) == "Invalid userinfo"
    assert SESSION_KEY not in client.session
    assert not SocialAccount.objects.exists()
