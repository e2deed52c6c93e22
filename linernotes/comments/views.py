"""Posting and editing comments: plain form POSTs that work without JavaScript.

The form in the cached post page carries no CSRF token; ``same_origin_post``
refuses cross-site POSTs by Fetch Metadata or Origin instead. The script posts
to the same endpoint asking for JSON (``Accept: application/json``), so both go
through one form, one rate limit and one service.
"""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from linernotes.core.csrf import same_origin_post
from linernotes.core.exceptions import RateLimited
from linernotes.core.middleware import mark_private
from linernotes.core.models import SiteSettings
from linernotes.core.ratelimit import client_ip, client_key
from linernotes.posts import access
from linernotes.posts.models import Post
from linernotes.posts.selectors import public_post
from linernotes.spam.formtime import read_form_token

from . import selectors, services, tokens, trust
from .forms import CommentForm, EditForm
from .models import Comment
from .rendering import render_comment

LOCKED = (
    "This post is protected by a password: enter it on the post's page, "
    "then send your comment again."
)


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@same_origin_post
@require_POST
def post_comment(request: HttpRequest, post_pk: int) -> HttpResponse:
    """Take a comment or a reply. Only public posts take them (404 otherwise);
    a locked one only from a session that unlocked it (403, decision 0025).
    Closing (by the post's switch or its age) is the service's to say, with why."""
    post = public_post(post_pk, services.POST_FIELDS_FOR_COMMENTS)
    if post is None:
        raise Http404("No such post.")
    form = CommentForm(request.POST, signed_in=request.user.is_authenticated)
    if not access.may_read(request, post):
        form.is_valid()  # keep the reader's text in the page shown again
        form.add_error(None, LOCKED)
        return _refused(request, post, form, status=403)
    client = client_ip(request)  # behind a trusted proxy, the forwarded address
    try:
        services.check_comment_rate(client=client_key(request))  # per network
    except RateLimited as error:
        form.is_valid()  # keep the reader's text in the page shown again
        form.add_error(None, str(error))
        return _refused(request, post, form, status=429)
    if not form.is_valid():
        return _refused(request, post, form, status=400)
    try:
        comment = services.submit_comment(
            post=post,
            author=_author(request, form),
            body=form.cleaned_data["body"],
            parent=_parent(post, form.cleaned_data["parent"]),
            ip_address=client,
            user_agent=request.headers.get("User-Agent", ""),
            submission_key=form.cleaned_data["key"] or None,
            notify_replies=form.cleaned_data["notify"],
            site=request.site_settings,
            form_shown_at=read_form_token(form.cleaned_data["shown"]),
            honeypot=form.cleaned_data["subject"][:200],
        )
    except services.CommentRejected as error:
        form.add_error(None, str(error))
        return _refused(request, post, form, status=400)
    if wants_json(request):
        response = _posted_json(request, comment)
    else:
        response = redirect(tokens.receipt_url(comment.pk))
    return _vouch_for(request, response, comment)


def _author(request: HttpRequest, form: CommentForm) -> services.Author:
    data = form.cleaned_data
    if request.user.is_authenticated:
        user = request.user
        return services.Author(
            name=user.public_name,
            email=user.email,
            user=user,
            trusted=trust.account_is_trusted(user),
        )
    return services.Author(
        name=data["name"],
        email=data["email"],
        url=data["url"],
        trusted=trust.cookie_vouches_for(_commenter_cookie(request), data["email"]),
    )


def _parent(post: Post, parent_pk: int | None) -> Comment | None:
    if parent_pk is None:
        return None
    # Scoped to the post: a forged id from another post simply is not found.
    parent = Comment.objects.filter(pk=parent_pk, post=post).first()
    if parent is None:
        raise services.CommentRejected("That comment is not there to reply to.")
    return parent


def _refused(request, post, form, status: int) -> HttpResponse:
    if wants_json(request):
        errors = {name: list(messages) for name, messages in form.errors.items()}
        return mark_private(JsonResponse({"errors": errors}, status=status))
    response = render(
        request,
        "comments/comment_form_page.html",
        {"post": post, "form": form},
        status=status,
    )
    return mark_private(response)


def _posted_json(request: HttpRequest, comment: Comment) -> HttpResponse:
    """What the script needs to show the new comment in place."""
    html = render_comment(comment, own=True)
    body = {
        "id": comment.pk,
        "parent": comment.parent_id,
        "status": comment.status,
        "html": html,
        "receipt_url": tokens.receipt_url(comment.pk),
        "edit_url": tokens.edit_url(comment),
    }
    return mark_private(JsonResponse(body, status=201))


def _vouch_for(
    request: HttpRequest, response: HttpResponse, comment: Comment
) -> HttpResponse:
    """Remember in this browser that it wrote ``comment``: once a writer approves
    one of its comments, its next ones under the same address show at once."""
    if comment.author_email and comment.user_id is None:
        response.set_cookie(
            trust.COMMENTER_COOKIE,
            trust.remember_comment(_commenter_cookie(request), comment),
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
        )
    return response


def _commenter_cookie(request: HttpRequest) -> str:
    return request.COOKIES.get(trust.COMMENTER_COOKIE, "")


@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The writer of a comment sees it and its state; nobody else can guess the link.

    The link lasts a day, and for a held comment until a writer has looked at
    it: held, it shows nowhere else to a reader without JavaScript.
    """
    found = tokens.read_receipt(token)
    comment = None
    if found is not None:
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=found.pk)
    if comment is None or (found.expired and not _held(comment)):
        return mark_private(
            render(request, "comments/receipt.html", {"comment": None}, status=404)
        )
    if refused := _refuse_unreadable(request, comment.post):
        return refused
    editable = services.edit_window_open(comment, request.site_settings)
    context = {
        "comment": comment,
        "edit_url": tokens.edit_url(comment) if editable else "",
    }
    return mark_private(render(request, "comments/receipt.html", context))


def _held(comment: Comment) -> bool:
    return comment.status == Comment.Status.PENDING


def _refuse_unreadable(request: HttpRequest, post: Post) -> HttpResponse | None:
    """None when this reader may read ``post``; otherwise the answer: 404 for a
    post they may not see at all, 403 for a locked one (posts.access)."""
    allowed = access.access_post(request, post)
    if allowed is access.Access.CONTENT:
        return None
    if allowed is access.Access.NONE:
        raise Http404("No such post.")
    response = render(
        request, "comments/comment_locked.html", {"post": post}, status=403
    )
    return mark_private(response)


@require_GET
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment's lasting address: the page of its thread that shows it."""
    comment = get_object_or_404(
        Comment.objects.approved().select_related("post"), pk=pk
    )
    if refused := _refuse_unreadable(request, comment.post):
        return refused
    number = selectors.page_of(comment)
    query = f"?cpage={number}" if number > 1 else ""
    return redirect(f"{comment.post.get_absolute_url()}{query}#comment-{pk}")


@same_origin_post
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its writer changes a comment within the edit window; anyone else gets a 403."""
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    if refused := _refuse_unreadable(request, comment.post):
        return refused
    token = request.POST.get("token") or request.GET.get("token", "")
    site = request.site_settings
    if not _may_edit(request, comment, token, site):
        return _edit_page(request, comment, None, token, status=403)
    if not services.edit_window_open(comment, site):
        return _edit_page(request, comment, None, token, status=410)
    form = EditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "GET":
        return _edit_page(request, comment, form, token, status=200)
    if not form.is_valid():
        return _edit_page(request, comment, form, token, status=400)
    try:
        comment = services.edit_comment(comment=comment, body=form.cleaned_data["body"])
    except services.CommentRejected as error:
        form.add_error(None, str(error))
        return _edit_page(request, comment, form, token, status=400)
    return redirect(tokens.receipt_url(comment.pk))


def _may_edit(request, comment: Comment, token: str, site: SiteSettings) -> bool:
    if comment.user_id is not None:
        return request.user.is_authenticated and request.user.pk == comment.user_id
    return tokens.edit_token_allows(token, comment.pk, site.comment_edit_minutes)


def _edit_page(request, comment, form, token: str, status: int) -> HttpResponse:
    context = {
        "comment": comment,
        "form": form,
        "token": token,
        "expired": status == 410,
    }
    return mark_private(
        render(request, "comments/comment_edit.html", context, status=status)
    )
