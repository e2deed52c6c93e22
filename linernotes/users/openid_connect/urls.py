"""The same routes and names as allauth's OpenID Connect URLs, to this package's views.

``/accounts/oidc/<provider_id>/login/`` and ``…/login/callback/``: callback URLs
registered at providers stay valid.
"""

from allauth.socialaccount import app_settings
from django.urls import URLPattern, URLResolver, include, path, re_path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(
        r"^(?P<provider_id>[^/]+)/",
        include(
            [
                path("login/", views.login, name="openid_connect_login"),
                path("login/callback/", views.callback, name="openid_connect_callback"),
            ]
        ),
    )
]

if app_settings.OPENID_CONNECT_URL_PREFIX:
    urlpatterns = [
        path(f"{app_settings.OPENID_CONNECT_URL_PREFIX}/", include(urlpatterns))
    ]
