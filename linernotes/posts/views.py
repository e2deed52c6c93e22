"""Reader-facing pages. Thin: look up, ask ``posts.access``, call a selector, render.

No view here reads ``request.user`` or a CSRF token on a public page, so those
pages stay in the shared page cache. ``access.access_post`` reads the session
only for a post that is not simply public (a draft shown to its writer, a
locked post), and those answers are marked private, never cached.
"""

import calendar
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from linernotes.core.exceptions import RateLimited
from linernotes.core.middleware import mark_private

from . import access, selectors
from .access import Access
from .extensions import render_post_sections
from .models import (
    Category,
    Page,
    PageSlugRedirect,
    Post,
    Series,
    SlugRedirect,
    Tag,
)


def paginate(
    request: HttpRequest, items, per_page: int | None = None, allow_empty: bool = True
) -> PaginatorPage:
    """The requested page of ``items``; a page past the end is a 404, not a crash,
    and so is an empty first page unless ``allow_empty``."""
    per_page = per_page or request.site_settings.posts_per_page
    paginator = Paginator(items, per_page, allow_empty_first_page=allow_empty)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page.") from error


def render_list(
    request: HttpRequest, template: str, items, allow_empty: bool = True, **context
) -> HttpResponse:
    page = paginate(request, items, allow_empty=allow_empty)
    return render(
        request, template, {"page_obj": page, "posts": page.object_list, **context}
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    posts = Post.objects.cards().order_by("-sticky", "-published_at", "-pk")
    return render_list(request, "posts/post_list.html", posts, is_home=True)


@require_http_methods(["GET", "HEAD", "POST"])
def post_detail(request: HttpRequest, year: int, month: int, slug: str) -> HttpResponse:
    """A post by its slug: ``access.access_post`` decides 404, the password form
    or the content. A POST is a password for a locked post."""
    try:  # get(), not first(): a slug is unique, and first() orders and limits
        post = selectors.post_for_reading(Post.objects.all()).get(slug=slug)
    except Post.DoesNotExist:
        return _moved_post(slug)
    granted = access.access_post(request, post)
    if granted is Access.NONE:
        raise Http404("No such post.")
    if request.path != post.get_absolute_url():
        return redirect(post.get_absolute_url(), permanent=True)
    if granted is Access.LOCKED:
        return _locked_post(request, post)
    return _render_post(request, post)


def _moved_post(slug: str) -> HttpResponse:
    """An old slug of a public post answers 301; anything else is a 404."""
    moved = SlugRedirect.objects.select_related("post").filter(old_slug=slug).first()
    if moved is None or not access.is_public(moved.post):
        raise Http404("No such post.")
    return redirect(moved.post.get_absolute_url(), permanent=True)


def _locked_post(request: HttpRequest, post: Post) -> HttpResponse:
    """The password form; a POST tries the password (``access.unlock_post``),
    limited per post and network, and shows the post once it is right."""
    context = {"post": post}
    status = 200
    if request.method == "POST":
        try:
            if access.unlock_post(request, post, request.POST.get("password", "")):
                return _render_post(request, post)
            context["error"] = "That password is not right."
        except RateLimited:
            context["error"] = (
                "Too many wrong passwords for this post from your network. "
                "Please wait an hour and try again."
            )
            status = 429
    response = render(request, "posts/post_locked.html", context, status=status)
    return mark_private(response)


def _render_post(request: HttpRequest, post: Post) -> HttpResponse:
    public = access.is_public(post)
    selectors.load_post_extras(post)
    navigation = selectors.post_navigation(post)
    context = {
        "post": post,
        "terms": selectors.post_terms(post),
        "preview": not public,
        "series_place": navigation.series_place,
        "previous_post": navigation.previous,
        "next_post": navigation.next,
        "teaser": selectors.next_post_teaser(post, navigation),
        "sections": render_post_sections(request, post),
    }
    response = render(request, "posts/post_detail.html", context)
    return response if public and not post.password else mark_private(response)


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
    # A term only non-public posts carry is the writer's, like them (a 404).
    return render_list(
        request, "posts/category_detail.html", posts, False, category=category
    )


@require_GET
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.cards().filter(tags=tag)
    return render_list(request, "posts/tag_detail.html", posts, False, tag=tag)


@require_GET
def author_detail(request: HttpRequest, username: str) -> HttpResponse:
    has_public_posts = Exists(Post.objects.published().filter(author=OuterRef("pk")))
    authors = get_user_model().objects.filter(has_public_posts)
    author = get_object_or_404(authors, username=username)
    posts = Post.objects.cards().filter(author=author)
    return render_list(request, "posts/author_detail.html", posts, author=author)


@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    series = Series.objects.filter(post_count__gt=0).order_by("title")
    return render(request, "posts/series_list.html", {"series_list": series})


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(selectors.listed_series(), slug=slug)
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
    page = Page.objects.published().filter(slug=slug).first()
    if page is None:
        moved = PageSlugRedirect.objects.filter(
            old_slug=slug, page__is_published=True
        ).select_related("page")
        return redirect(get_object_or_404(moved).page, permanent=True)
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
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
