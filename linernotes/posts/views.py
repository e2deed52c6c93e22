"""Reader-facing pages. Thin: look up, call a selector, render.

No view here reads ``request.user`` or a CSRF token on a public page, so those
pages stay in the shared page cache; the exceptions (drafts shown to their
writer, password-protected posts) touch the session and so are never cached.
"""

import calendar
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_GET, require_http_methods

from linernotes.core.middleware import carries_session, mark_private

from . import selectors, services
from .extensions import render_post_sections
from .models import Attachment, Category, Page, Post, Series, SlugRedirect, Tag

UNLOCKED_SESSION_KEY = "linernotes_unlocked_posts"


def paginate(request: HttpRequest, items, per_page: int | None = None) -> PaginatorPage:
    """The requested page of ``items``; a page past the end is a 404, not a crash."""
    per_page = per_page or request.site_settings.posts_per_page
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page.") from error


def render_list(request: HttpRequest, template: str, items, **context) -> HttpResponse:
    page = paginate(request, items)
    return render(
        request, template, {"page_obj": page, "posts": page.object_list, **context}
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.cards().order_by("-sticky", "-published_at", "-pk")
    return render_list(request, "posts/post_list.html", posts, is_home=True)


@require_http_methods(["GET", "HEAD", "POST"])
def post_detail(request: HttpRequest, year: int, month: int, slug: str) -> HttpResponse:
    published = Post.objects.published().exclude(status=Post.Status.PRIVATE)
    try:  # get(), not first(): a slug is unique, and first() orders and limits
        post = selectors.post_for_reading(published).get(slug=slug)
    except Post.DoesNotExist:
        return _missing_post(request, slug)
    if request.path != post.get_absolute_url():
        return redirect(post.get_absolute_url(), permanent=True)
    return _render_post(request, post)


def _missing_post(request: HttpRequest, slug: str) -> HttpResponse:
    """An old slug redirects; a draft or private post shows only to who may edit it."""
    moved = SlugRedirect.objects.select_related("post").filter(old_slug=slug).first()
    if moved is not None and moved.post.is_public:
        return redirect(moved.post.get_absolute_url(), permanent=True)
    if not carries_session(request):
        raise Http404("No such post.")
    post = get_object_or_404(
        selectors.post_for_reading(Post.objects.visible_to(request.user)), slug=slug
    )
    return mark_private(_render_post(request, post, preview=not post.is_public))


def _render_post(
    request: HttpRequest, post: Post, preview: bool = False
) -> HttpResponse:
    if post.is_protected and not _unlocked(request, post):
        return mark_private(render(request, "posts/post_locked.html", {"post": post}))
    selectors.load_post_extras(post)
    navigation = selectors.post_navigation(post)
    context = {
        "post": post,
        "terms": selectors.post_terms(post),
        "preview": preview,
        "series_place": navigation.series_place,
        "previous_post": navigation.previous,
        "next_post": navigation.next,
        "teaser": selectors.next_post_teaser(post, navigation),
        "sections": render_post_sections(request, post),
    }
    response = render(request, "posts/post_detail.html", context)
    return mark_private(response) if post.is_protected else response


def _unlocked(request: HttpRequest, post: Post) -> bool:
    unlocked = request.session.get(UNLOCKED_SESSION_KEY, [])
    if request.method == "POST":
        if constant_time_compare(request.POST.get("password", ""), post.password):
            request.session[UNLOCKED_SESSION_KEY] = [*unlocked, post.pk]
            return True
        request.wrong_password = True
        return False
    return post.pk in unlocked


def _local_midnight(year: int, month: int) -> datetime:
    """The first moment of a month in the site's time zone."""
    try:
        return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    except ValueError as error:
        raise Http404("No such date.") from error


@require_GET
def year_archive(request: HttpRequest, year: int) -> HttpResponse:
    start = _local_midnight(year, 1)
    end = _local_midnight(year + 1, 1)
    posts = Post.objects.cards().filter(published_at__gte=start, published_at__lt=end)
    return render_list(
        request, "posts/post_archive.html", posts, heading=str(year), year=year
    )


@require_GET
def month_archive(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not 1 <= month <= 12:
        raise Http404("No such month.")
    start = _local_midnight(year, month)
    end = _local_midnight(year + month // 12, month % 12 + 1)
    posts = Post.objects.cards().filter(published_at__gte=start, published_at__lt=end)
    heading = f"{calendar.month_name[month]} {year}"
    return render_list(
        request, "posts/post_archive.html", posts, heading=heading, year=year
    )


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    posts = selectors.posts_in_category(category)
    return render_list(request, "posts/category_detail.html", posts, category=category)


@require_GET
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.cards().filter(tags=tag)
    return render_list(request, "posts/tag_detail.html", posts, tag=tag)


@require_GET
def author_detail(request: HttpRequest, username: str) -> HttpResponse:
    author = get_object_or_404(get_user_model(), username=username, posts__isnull=False)
    posts = Post.objects.cards().filter(author=author)
    return render_list(request, "posts/author_detail.html", posts, author=author)


@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    series = Series.objects.filter(post_count__gt=0).order_by("title")
    return render(request, "posts/series_list.html", {"series_list": series})


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    parts = list(Post.objects.published().in_series(series).select_related("author"))
    upcoming = (
        Post.objects.upcoming().filter(series=series).order_by("published_at").first()
    )
    return render(
        request,
        "posts/series_detail.html",
        {"series": series, "parts": parts, "teaser": upcoming},
    )


@require_GET
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "posts/page_detail.html", {"page": page})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    ids = selectors.search_posts(query) if query else []
    page = paginate(request, ids)
    by_id = Post.objects.cards().in_bulk(list(page.object_list))
    posts = [by_id[pk] for pk in page.object_list if pk in by_id]
    context = {
        "query": query,
        "page_obj": page,
        "posts": posts,
        "result_count": len(ids),
    }
    return render(request, "posts/search.html", context)


@require_GET
def download(request: HttpRequest, pk: int, filename: str) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment.objects.filter(post__in=Post.objects.published()), pk=pk
    )
    if filename != attachment.filename:
        return redirect(attachment.get_absolute_url(), permanent=True)
    if not attachment.file.storage.exists(attachment.file.name):
        raise Http404("This file is no longer available.")
    services.record_download(attachment=attachment)
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.filename
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
