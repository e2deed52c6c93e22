"""The sign-in and callback views, with an adapter that checks signatures."""

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2CallbackView,
    OAuth2LoginView,
)
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from django.http import Http404, HttpRequest, HttpResponse

PUBLIC_KEY_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
    | {"EdDSA"}
)


class SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    """Checks the ID token's signature against the provider's published keys.

    allauth skips that check for a token it fetched from the token endpoint
    itself, as OpenID Connect Core 3.1.3.7 allows when TLS protects the
    connection. The site checks anyway, as defence in depth: a token endpoint
    reached over plain HTTP, or a compromised proxy on the way, must not be able
    to hand the site a forged identity. Issuer, audience, expiry and the one-time
    ``jti`` are checked as before.
    """

    def complete_login(self, request: HttpRequest, app: SocialApp, token, **kwargs):
        """allauth's, stricter: an ID token is required, and the userinfo answer
        (which allauth prefers for the account's id and email) must be about the
        same subject as the signed token (OpenID Connect Core 5.3.2), or a forged
        answer could name anyone."""
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error("Invalid id_token")
        data = {"id_token": self._decode_id_token(app, id_token)}
        if app.settings.get("fetch_userinfo", True):
            userinfo = self._fetch_user_info(token.token)
            if userinfo.get("sub") != data["id_token"].get("sub"):
                raise OAuth2Error("Invalid userinfo")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        # The token names its own algorithm; only public-key ones are checked
        # against published keys. A symmetric one (HS256) would have the public
        # key used as a shared secret, the classic algorithm-confusion forgery.
        try:
            algorithm = jwt.get_unverified_header(id_token).get("alg")
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        if algorithm not in PUBLIC_KEY_ALGORITHMS:
            raise OAuth2Error("Invalid id_token")
        try:
            return jwtkit.verify_and_decode(
                credential=id_token,
                keys_url=self.openid_config["jwks_uri"],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                lookup_kid=jwtkit.lookup_kid_jwk,
                verify_signature=True,
            )
        except (LookupError, TypeError, ValueError) as error:
            # A token naming no published key, or a key unfit for its algorithm:
            # forged or broken, either way a refusal, not a server error.
            raise OAuth2Error("Invalid id_token") from error


# allauth's own views build their adapter by name, so the two are repeated here.
def _with_checking_adapter(view_class, request: HttpRequest, provider_id: str):
    adapter = SignatureCheckingAdapter(request, provider_id)
    try:
        return view_class.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _with_checking_adapter(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _with_checking_adapter(OAuth2CallbackView, request, provider_id)
