"""Fit allauth's pages into the site: its layout, and its CSP.

Two things allauth's views need that the rest of the site does not:

* allauth's entrance views put Django's ``RequestSite`` into the context as
  ``site``; the site's layout reads ``site`` as the blog's SiteSettings (title,
  tagline, menu), and a view's context beats a context processor. The blog's
  settings are put back before rendering.
* A social sign-in starts with a form POST that redirects the browser to the
  provider, and browsers apply CSP ``form-action`` to that redirect. On
  ``/accounts/`` pages the policy also names the switched-on providers' origins;
  everywhere else it stays ``'self'``.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .social import provider_origins


class AccountPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(reverse("account_login").removesuffix("login/")):
            origins = provider_origins(settings.SOCIALACCOUNT_PROVIDERS)
            if origins:
                policy = getattr(response, "_csp_config", settings.SECURE_CSP)
                form_action = [*policy.get("form-action", []), *origins]
                response._csp_config = {**policy, "form-action": form_action}
        return response

    def process_template_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        context = getattr(response, "context_data", None)
        site = getattr(request, "site_settings", None)
        if (
            context
            and site is not None
            and isinstance(context.get("site"), RequestSite)
        ):
            context["site"] = site
        return response
