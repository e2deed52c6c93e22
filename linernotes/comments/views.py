"""Posting a comment: a plain form POST that works without JavaScript.

The form in the cached post page carries no CSRF token; ``same_origin_post``
refuses cross-site POSTs by Fetch Metadata or Origin instead.
"""

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from linernotes.core.csrf import same_origin_post
from linernotes.core.middleware import mark_private
from linernotes.posts.models import Post

from . import services
from .forms import CommentForm
from .models import Comment

RECEIPT_SALT = "linernotes.comments.receipt"
COMMENTER_COOKIE = "linernotes_commenter"
COMMENTER_SALT = "linernotes.comments.commenter"


@same_origin_post
@require_POST
def post_comment(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.published(), pk=post_pk)
    signed_in = request.user.is_authenticated
    form = CommentForm(request.POST, signed_in=signed_in)
    if not form.is_valid():
        return _form_again(request, post, form, status=400)
    try:
        comment = services.submit_comment(
            post=post,
            author=_author(request, form),
            body=form.cleaned_data["body"],
            parent=_parent(post, form.cleaned_data["parent"]),
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.headers.get("User-Agent", ""),
            submission_key=form.cleaned_data["key"] or None,
            notify_replies=form.cleaned_data["notify"],
        )
    except services.CommentRejected as error:
        form.add_error(None, str(error))
        return _form_again(request, post, form, status=400)
    return _receipt_redirect(comment)


def _author(request: HttpRequest, form: CommentForm) -> services.Author:
    data = form.cleaned_data
    if request.user.is_authenticated:
        user = request.user
        return services.Author(
            name=user.public_name,
            email=user.email,
            user=user,
            trusted=Comment.objects.approved().filter(user=user).exists(),
        )
    return services.Author(
        name=data["name"],
        email=data["email"],
        url=data["url"],
        trusted=_cookie_vouches_for(request, data["email"]),
    )


def _cookie_vouches_for(request: HttpRequest, email: str) -> bool:
    """Trust comes from this browser's signed cookie, never from a typed email."""
    try:
        vouched = signing.loads(
            request.COOKIES.get(COMMENTER_COOKIE, ""), salt=COMMENTER_SALT
        )
    except signing.BadSignature:
        return False
    return vouched.lower() == email.lower() and (
        Comment.objects.approved().filter(author_email__iexact=email).exists()
    )


def _parent(post: Post, parent_pk: int | None) -> Comment | None:
    if parent_pk is None:
        return None
    # Scoped to the post: a forged id from another post simply is not found.
    parent = Comment.objects.filter(pk=parent_pk, post=post).first()
    if parent is None:
        raise services.CommentRejected("That comment is not there to reply to.")
    return parent


def _form_again(request, post, form, status: int) -> HttpResponse:
    response = render(
        request,
        "comments/comment_form_page.html",
        {"post": post, "form": form},
        status=status,
    )
    return mark_private(response)


def _receipt_redirect(comment: Comment) -> HttpResponse:
    token = signing.dumps(comment.pk, salt=RECEIPT_SALT)
    response = redirect(reverse("comments:receipt", args=[token]))
    if comment.author_email and comment.user_id is None:
        response.set_cookie(
            COMMENTER_COOKIE,
            signing.dumps(comment.author_email, salt=COMMENTER_SALT),
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
        )
    return response


@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The writer of a comment sees it and its state; nobody else can guess the link."""
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return mark_private(
            render(request, "comments/receipt.html", {"comment": None}, status=404)
        )
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    return mark_private(render(request, "comments/receipt.html", {"comment": comment}))
