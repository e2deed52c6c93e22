"""allauth's OpenID Connect provider, checking every ID token's signature.

Installed in place of ``allauth.socialaccount.providers.openid_connect`` and
registered under the same provider id, so settings, URLs and stored accounts are
unchanged (docs/decisions/0014-verify-id-token-signatures.md). Owns no models.
Imports allauth only.
"""
