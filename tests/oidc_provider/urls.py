"""Discovery at /.well-known/openid-configuration, so the issuer is the origin."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
