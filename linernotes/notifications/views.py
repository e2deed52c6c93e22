"""Subscribe, confirm and unsubscribe pages. Thin: forms and tokens in, services out.

The subscribe form sits on cached pages, so it carries no CSRF token and is
protected by ``same_origin_post``. Confirm and unsubscribe links carry a signed
token, which is the whole authority: their POSTs come from mail programs
(RFC 8058 one-click), which send no Origin, so they are exempt from CSRF checks;
a forged request would need the token, which only the address's owner has.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from linernotes.core import ratelimit
from linernotes.core.csrf import same_origin_post
from linernotes.core.exceptions import RateLimited
from linernotes.core.middleware import mark_private

from . import mail, services
from .forms import SubscribeForm


@require_http_methods(["GET", "POST"])
@same_origin_post
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = SubscribeForm(initial=_initial(request))
        return render(request, "notifications/subscribe.html", {"form": form})
    try:
        ratelimit.enforce(
            "subscribe",
            ratelimit.client_key(request),
            settings.LINERNOTES_SUBSCRIBE_RATE,
        )
    except RateLimited as refusal:
        return _page(request, "notifications/message.html", 429, message=str(refusal))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        response = render(
            request, "notifications/subscribe.html", {"form": form}, status=400
        )
        return mark_private(response)
    try:
        # Each request mails a confirmation (again, for one not yet
        # confirmed), so the address is limited too: networks are many, and
        # its owner should not be mailed without end from all of them.
        ratelimit.enforce(
            "subscribe-email",
            form.cleaned_data["email"].strip().lower(),
            settings.LINERNOTES_SUBSCRIBE_EMAIL_RATE,
        )
    except RateLimited:
        # Over the address's limit, the answer is the one a success gets and
        # no mail goes: a refusal here would tell anyone who types an address
        # that it was asked for recently. Its owner already has a link.
        return redirect("notifications:sent")
    services.subscribe(
        email=form.cleaned_data["email"],
        kind=form.cleaned_data["kind"],
        series=form.cleaned_data["series"],
        post=form.cleaned_data["post"],
        site=mail.site_url(request),
    )
    return redirect("notifications:sent")


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/sent.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link scanners must not confirm for the reader); POST confirms."""
    data = mail.read_token(token, "confirm", max_age=mail.CONFIRM_MAX_AGE)
    if data is None:
        return _expired(request)
    if request.method == "GET":
        return _page(request, "notifications/confirm.html", token=token)
    subscription = services.confirm_subscription(
        subscription_id=data["s"], email=data["e"]
    )
    if subscription is None:
        return _expired(request)
    return _page(
        request, "notifications/message.html", message=_confirmed(subscription)
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    data = mail.read_token(token, "address", max_age=mail.CONFIRM_MAX_AGE)
    if data is None:
        return _expired(request)
    if request.method == "GET":
        return _page(request, "notifications/confirm.html", token=token)
    services.confirm_reply_address(email=data["e"])
    return _page(
        request,
        "notifications/message.html",
        message="Thank you: replies to your comments will be mailed to you.",
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirm button; POST (the button, or a mail program's
    one-click request) unsubscribes at once, as RFC 8058 requires."""
    reference = mail.read_unsubscribe_token(token)
    if reference is None:
        return _expired(request)
    if request.method == "GET":
        return _page(request, "notifications/unsubscribe.html", token=token)
    kind, pk = reference
    stopped = services.unsubscribe(kind=kind, pk=pk)
    return _page(
        request,
        "notifications/message.html",
        message=f"Unsubscribed: you will get no more mail for {stopped}.",
    )


def _initial(request: HttpRequest) -> dict:
    initial = {}
    if (series := request.GET.get("series", "")).isdigit():
        initial = {"kind": "series", "series": int(series)}
    return initial


def _confirmed(subscription) -> str:
    return f"Subscribed: you will get mail for {subscription.describe()}."


def _expired(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "notifications/message.html",
        400,
        message="This link is not valid or has expired. Subscribe again to get "
        "a fresh one.",
    )


def _page(
    request: HttpRequest, template: str, status: int = 200, **context
) -> HttpResponse:
    """A page about one reader's link: never stored in the shared page cache."""
    return mark_private(render(request, template, context, status=status))
