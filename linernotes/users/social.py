"""Which social login providers are switched on, read from the environment.

Settings call this once (``SOCIALACCOUNT_PROVIDERS``); it imports nothing from
Django, so it is safe at settings time. A provider is on only when both its
client id and secret are set: half a configuration would show a button that
fails at the provider. Apps are configured here, never as SocialApp rows in the
database, so a fresh install and a test run see the same providers.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# allauth's provider id -> (environment prefix, scopes asked for).
OAUTH_PROVIDERS: dict[str, tuple[str, list[str]]] = {
    "github": ("LINERNOTES_GITHUB", ["read:user", "user:email"]),
    "google": ("LINERNOTES_GOOGLE", ["profile", "email"]),
    "facebook": ("LINERNOTES_FACEBOOK", ["email", "public_profile"]),
}
OIDC_PROVIDER_ID = "oidc"


def providers_from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """allauth's ``SOCIALACCOUNT_PROVIDERS`` for the providers the environment names."""
    providers: dict[str, Any] = {}
    for provider, (prefix, scope) in OAUTH_PROVIDERS.items():
        client_id = environ.get(f"{prefix}_CLIENT_ID", "").strip()
        secret = environ.get(f"{prefix}_SECRET", "").strip()
        if client_id and secret:
            app = {"client_id": client_id, "secret": secret, "key": ""}
            providers[provider] = {"APPS": [app], "SCOPE": scope}
    if oidc := _openid_connect(environ):
        providers["openid_connect"] = {"APPS": [oidc]}
    return providers


def _openid_connect(environ: Mapping[str, str]) -> dict[str, Any] | None:
    server_url = environ.get("LINERNOTES_OIDC_SERVER_URL", "").strip()
    client_id = environ.get("LINERNOTES_OIDC_CLIENT_ID", "").strip()
    secret = environ.get("LINERNOTES_OIDC_SECRET", "").strip()
    if not (server_url and client_id and secret):
        return None
    return {
        "provider_id": OIDC_PROVIDER_ID,
        "name": environ.get("LINERNOTES_OIDC_NAME", "").strip() or "OpenID Connect",
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": server_url,
            "token_auth_method": "client_secret_post",
            "oauth_pkce_enabled": True,
        },
    }


# Where each provider's sign-in page lives; the browser is sent there after the
# "Continue" form, so the page's CSP form-action must name it.
AUTHORIZE_ORIGINS = {
    "github": "https://github.com",
    "google": "https://accounts.google.com",
    "facebook": "https://www.facebook.com",
}


def provider_origins(providers: Mapping[str, Any]) -> list[str]:
    """Origins the social sign-in forms redirect to, for the switched-on providers.

    For OpenID Connect that is the server URL's origin: the authorization
    endpoint of nearly every provider is on the same origin as its discovery
    document.
    """
    origins = [AUTHORIZE_ORIGINS[p] for p in providers if p in AUTHORIZE_ORIGINS]
    for app in providers.get("openid_connect", {}).get("APPS", []):
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins
