"""Forged and tampered ID tokens are refused; checked against a real provider.

An ID token's issuer, audience, expiry, one-time ``jti`` and signature (against
the provider's published JWKS) are checked on both of allauth's paths:

* the browser's authorization-code flow, the one the site uses, where the token
  comes straight from the provider's token endpoint. allauth skips the signature
  there (OpenID Connect Core 3.1.3.7 allows it over TLS), so
  ``linernotes.users.openid_connect`` checks it (decision 0014). That flow is
  tested end to end, the provider's token endpoint handing out forged tokens, in
  test_code_flow.py.
* ``OpenIDConnectProvider.verify_token``, for a token a client *hands* in: the
  path of allauth's headless "provider token" login, which the site does not
  install. The tests below go through it, so that each refusal (a replay, an
  algorithm trick, another audience) is shown once in isolation.

Each starts from a genuine token the provider signed and changes one thing.
"""

import base64
import hmac

import jwt
import pytest
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from linernotes.users.models import User
from linernotes.users.social import providers_from_environment

from .forgery import altered, b64, claims_of, signed_by_another_key, unsigned
from .harness import fetch_id_token, running_provider

pytestmark = pytest.mark.django_db
REDIRECT_URI = "http://localhost:8000/accounts/oidc/oidc/login/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc"), [REDIRECT_URI]) as running:
        yield running


@pytest.fixture
def oidc(provider, settings, rf: RequestFactory):
    """Liner Notes configured for the provider, as its environment would say."""
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_environment(
        provider.liner_notes_environment()
    )
    request = rf.get("/")
    return request, get_adapter().get_provider(request, "oidc")


@pytest.fixture
def genuine(provider) -> str:
    return fetch_id_token(provider, REDIRECT_URI)


def assert_refused(oidc, token: str, errors=ValidationError) -> None:
    request, provider = oidc
    with pytest.raises(errors):
        provider.verify_token(request, {"id_token": token})
    assert not SocialAccount.objects.exists()
    assert not User.objects.exists()


def test_a_genuine_token_from_the_provider_is_accepted(oidc, genuine, provider):
    """The control: without it, the refusals below could come from a broken setup."""
    request, oidc_provider = oidc

    login = oidc_provider.verify_token(request, {"id_token": genuine})

    assert login.account.uid == claims_of(genuine)["sub"]
    assert login.user.email == provider.email


def test_the_same_token_is_not_accepted_twice(oidc, genuine):
    request, oidc_provider = oidc
    oidc_provider.verify_token(request, {"id_token": genuine})

    assert_refused(oidc, genuine)


def test_a_token_with_a_changed_payload_is_refused(oidc, genuine):
    """Tried: the provider's signature kept, the subject and email swapped."""
    assert_refused(oidc, altered(genuine))


def test_a_token_signed_by_another_key_is_refused(oidc, genuine):
    """Tried: the same claims and key id, signed with a key the provider never had."""
    assert_refused(oidc, signed_by_another_key(genuine))


def test_an_unsigned_token_is_refused(oidc, genuine):
    """Tried: ``alg: none`` with the provider's key id and no signature."""
    assert_refused(oidc, unsigned(genuine))


def test_a_token_signed_with_the_public_key_as_a_shared_secret_is_refused(
    oidc, genuine, provider
):
    """Tried: HS256 keyed with the provider's own public key (algorithm confusion).

    allauth takes the algorithm from the token's header, but the key from the
    JWKS is an RSA key, which PyJWT will not use as an HMAC secret. It refuses
    with a TypeError that allauth does not turn into "invalid token", so an API
    client would see a server error rather than a 400: refused all the same.
    """
    jwks = jwt.PyJWKClient(f"{provider.url}/.well-known/jwks.json").get_jwk_set()
    public_pem = jwks.keys[0].key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": jwks.keys[0].key_id}
    signing_input = f"{b64(header)}.{b64(claims_of(genuine))}".encode()
    signature = base64.urlsafe_b64encode(
        hmac.new(public_pem, signing_input, "sha256").digest()
    ).rstrip(b"=")

    assert_refused(
        oidc,
        f"{signing_input.decode()}.{signature.decode()}",
        errors=(ValidationError, TypeError),
    )


def test_a_token_for_another_client_is_refused(oidc, genuine, provider):
    """Tried: a validly shaped token whose audience is another client."""
    request, oidc_provider = oidc
    oidc_provider.app.client_id = "someone-else"

    assert_refused(oidc, genuine)
