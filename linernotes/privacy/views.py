"""The privacy page, and the pages where a reader exports or erases their data.

/privacy/ is public and cached like any page: its link-request form carries no
token (``same_origin_post``). Everything behind a signed link or a sign-in is
about one reader, so those responses are private and use Django's CSRF token.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from linernotes.comments.services import DUPLICATE_WINDOW
from linernotes.comments.trust import COMMENTER_COOKIE
from linernotes.core.csrf import same_origin_post
from linernotes.core.middleware import mark_private
from linernotes.likes.guests import GUEST_COOKIE, guest_id_from_request
from linernotes.posts.models import Page

from . import selectors, services
from .forms import EraseForm, LinkRequestForm
from .links import LinkExpired, LinkInvalid, make_link_token, read_link_token


@require_GET
def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/privacy_page.html", _page_context())


def _page_context(form: LinkRequestForm | None = None) -> dict:
    """The figures the page states come from settings, so the text stays true."""
    return {
        "page": Page.objects.published().filter(slug="privacy").first(),
        "form": form or LinkRequestForm(),
        "retention_days": settings.LINERNOTES_PERSONAL_DATA_RETENTION_DAYS,
        "link_hours": settings.LINERNOTES_PRIVACY_LINK_HOURS,
        "task_record_hours": settings.LINERNOTES_TASK_RECORD_HOURS,
        "commenter_cookie": COMMENTER_COOKIE,
        "guest_like_cookie": GUEST_COOKIE,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "gravatar": settings.LINERNOTES_GRAVATAR,
        "spam_checks": selectors.spam_check_notice(),
        "repeat_minutes": int(DUPLICATE_WINDOW.total_seconds() // 60),
    }


@same_origin_post
@require_POST
def request_link(request: HttpRequest) -> HttpResponse:
    """Same answer for every valid address, known or not (no enumeration)."""
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        response = render(
            request, "privacy/privacy_page.html", _page_context(form), status=400
        )
        return mark_private(response)
    email = form.cleaned_data["email"]
    token = make_link_token(email)
    url = request.build_absolute_uri(reverse("privacy:guest", args=[token]))
    services.request_privacy_link(email=email, url=url)
    context = {"email": email, "link_hours": settings.LINERNOTES_PRIVACY_LINK_HOURS}
    return mark_private(render(request, "privacy/link_sent.html", context))


def _email_or_error(request: HttpRequest, token: str) -> str | HttpResponse:
    try:
        return read_link_token(token)
    except LinkExpired:
        reason = "expired"
    except LinkInvalid:
        reason = "invalid"
    context = {"reason": reason, "link_hours": settings.LINERNOTES_PRIVACY_LINK_HOURS}
    response = render(request, "privacy/link_invalid.html", context, status=400)
    return mark_private(response)


def _guest_ids(request: HttpRequest) -> list[str]:
    """This browser's guest-like id, so likes given before sign-in count too."""
    guest_id = guest_id_from_request(request)
    return [guest_id] if guest_id else []


@never_cache
@require_GET
def guest_data(request: HttpRequest, token: str) -> HttpResponse:
    email = _email_or_error(request, token)
    if isinstance(email, HttpResponse):
        return email
    export = services.export_personal_data(email=email, guest_ids=_guest_ids(request))
    context = {"email": email, "token": token, "export": export, "form": EraseForm()}
    return mark_private(render(request, "privacy/guest_data.html", context))


@never_cache
@require_GET
def guest_export(request: HttpRequest, token: str) -> HttpResponse:
    email = _email_or_error(request, token)
    if isinstance(email, HttpResponse):
        return email
    export = services.export_personal_data(email=email, guest_ids=_guest_ids(request))
    return _download(export)


@never_cache
@require_POST
def guest_erase(request: HttpRequest, token: str) -> HttpResponse:
    email = _email_or_error(request, token)
    if isinstance(email, HttpResponse):
        return email
    form = EraseForm(request.POST)
    if not form.is_valid():
        export = services.export_personal_data(
            email=email, guest_ids=_guest_ids(request)
        )
        context = {"email": email, "token": token, "export": export, "form": form}
        response = render(request, "privacy/guest_data.html", context, status=400)
        return mark_private(response)
    erasure = services.erase_personal_data(email=email, guest_ids=_guest_ids(request))
    return mark_private(render(request, "privacy/erased.html", {"erasure": erasure}))


@never_cache
@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    return _download(services.export_personal_data(user=request.user))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_erase(request: HttpRequest) -> HttpResponse:
    """A confirmation page; the POST erases, and closes the account if asked."""
    user = request.user
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erasure = services.erase_personal_data(
            user=user, delete_account=form.cleaned_data["delete_account"]
        )
        if erasure.account_deleted:
            logout(request)
        return mark_private(
            render(request, "privacy/erased.html", {"erasure": erasure})
        )
    context = {
        "form": form,
        "export": services.export_personal_data(user=user),
        "can_delete_account": services.can_delete_account(user),
    }
    status = 400 if request.method == "POST" else 200
    return mark_private(
        render(request, "privacy/account_erase.html", context, status=status)
    )


def _download(export: dict) -> HttpResponse:
    response = JsonResponse(export, json_dumps_params={"indent": 2})
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="liner-notes-my-data-{day}.json"'
    )
    return mark_private(response)
