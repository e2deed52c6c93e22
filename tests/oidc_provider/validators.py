"""The claims the test provider puts in ID tokens and userinfo answers.

Started with a forgery (``OIDC_TEST_FORGERY``), the token endpoint hands out a
forged ID token instead of the one it signed, as a tampering proxy or a token
endpoint reached over plain HTTP could; or, with ``"userinfo"``, the userinfo
endpoint answers with Mallory's subject and address.
"""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from .forgery import FORGED_USERINFO, FORGERIES, MALLORY


class ClaimsValidator(OAuth2Validator):
    def get_additional_claims(self, request) -> dict:
        user = request.user
        return {
            "name": user.get_full_name() or user.username,
            "preferred_username": user.username,
            "email": user.email,
            # The provider vouches for the address, as a real one would after
            # checking it; Liner Notes then needs no confirmation mail.
            "email_verified": True,
        }

    def finalize_id_token(self, id_token, token, token_handler, request) -> str:
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if forge := FORGERIES.get(settings.OIDC_TEST_FORGERY):
            return forge(signed)
        return signed

    def get_userinfo_claims(self, request) -> dict:
        claims = super().get_userinfo_claims(request)
        if settings.OIDC_TEST_FORGERY == FORGED_USERINFO:
            return {**claims, **MALLORY}
        return claims
