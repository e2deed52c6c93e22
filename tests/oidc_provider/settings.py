"""Settings of the test provider; everything that varies comes from the environment.

``harness.running_provider`` sets the variables: the SQLite file, the issuer URL,
the RSA private key it generated for this run and, for refusal tests, which
forged ID token the token endpoint hands out (``forgery.FORGERIES``).
"""

import os

SECRET_KEY = os.environ.get(
    "OIDC_TEST_SECRET_KEY", "oidc-provider-test-key-" + "x" * 40
)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(__file__), "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("OIDC_TEST_DATABASE", ":memory:"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
# Both sites run on loopback; a cookie name of its own keeps the provider's
# session apart from Liner Notes' even where a browser shares cookies by host.
SESSION_COOKIE_NAME = "provider_session"
CSRF_COOKIE_NAME = "provider_csrftoken"
LOGIN_URL = "/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": os.environ.get("OIDC_TEST_ISSUER", ""),
    "OIDC_RSA_PRIVATE_KEY": os.environ.get("OIDC_TEST_RSA_PRIVATE_KEY", ""),
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.validators.ClaimsValidator",
    "SCOPES": {
        "openid": "Sign you in",
        "profile": "Your name",
        "email": "Your email address",
    },
    "PKCE_REQUIRED": True,
}
# "" for genuine ID tokens, else a name from forgery.FORGERIES.
OIDC_TEST_FORGERY = os.environ.get("OIDC_TEST_FORGERY", "")
