"""What allauth registers as ``openid_connect``: its provider, checking signatures.

allauth builds the URLs of each registered provider from the ``urls`` module of
the provider's package, so this package's ``urls`` (and views) serve the flow.
"""

from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
)

from .views import SignatureCheckingAdapter


class SignatureCheckingOpenIDConnectProvider(OpenIDConnectProvider):
    oauth2_adapter_class = SignatureCheckingAdapter


provider_classes = [SignatureCheckingOpenIDConnectProvider]
