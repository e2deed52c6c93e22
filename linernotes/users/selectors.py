"""Reads about the signed-in reader: how they signed in and what the reply form says.

This is the reader-state contributor for ``commenting_as`` (registered in
apps.py), so cached post pages can show "You are commenting using your GitHub
account" without holding anything about the reader.
"""

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django.http import HttpRequest
from django.urls import reverse

SITE_ACCOUNT = "Liner Notes"


def login_provider_name(request: HttpRequest) -> str:
    """The provider this session signed in with, or "Liner Notes" for a password.

    allauth records each way of signing in within the session; the latest one
    counts. A provider switched off since then falls back to the site's name.
    """
    records = get_authentication_records(request, request.user)
    social = [r for r in records if r.get("method") == "socialaccount"]
    if not social or social[-1] is not records[-1]:
        return SITE_ACCOUNT
    try:
        provider = get_adapter().get_provider(request, social[-1]["provider"])
    except SocialApp.DoesNotExist:
        return SITE_ACCOUNT
    return str(provider.name)


def commenting_as(request: HttpRequest) -> dict[str, Any]:
    """``{"commenting_as": ...}`` for a signed-in reader, else nothing."""
    user = request.user
    if not user.is_authenticated:
        return {}
    logout_url = reverse("account_logout")
    return {
        "profile_url": reverse("users:profile"),
        "commenting_as": {
            "name": user.public_name,
            "provider": login_provider_name(request),
            "avatar_url": user.avatar_url,
            "logout_url": logout_url,
            # Changing account means signing out and in again as someone else.
            "change_url": f"{logout_url}?next={reverse('account_login')}",
        },
    }


def verified_emails(user) -> list[str]:
    """The addresses ``user`` has proved they receive mail at (allauth's
    confirmation), lower-cased."""
    from allauth.account.models import EmailAddress

    return [
        address.lower()
        for address in EmailAddress.objects.filter(
            user=user, verified=True
        ).values_list("email", flat=True)
    ]
