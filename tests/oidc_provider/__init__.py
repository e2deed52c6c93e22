"""A small OpenID Connect provider, used only by tests.

A separate Django project (its own settings, URLs and SQLite file) built on
django-oauth-toolkit's OpenID Connect support. ``harness.running_provider``
starts it as a real server process on a loopback port, so Liner Notes' social
login is tested against real discovery, JWKS, token and userinfo endpoints and
RS256-signed ID tokens, never against mocks.
"""
