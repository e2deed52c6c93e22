"""The desk's navigation by task: Write, Posts, Comments, Music, Pages, Series,
Readers, Settings, and Operator for the site's owners.

Each entry shows only to a writer whose admin permissions open it, asked of
the table's own ``ModelAdmin`` (so an app's rule, such as who moderates which
comments, decides here too). Comments carries the count of comments this
writer may moderate that wait (``comments.selectors.pending_count_for``), which
the header and the desk home show too.

On a phone the bar folds into a menu button (``admin/base_site.html``, no
script), and only the ``quick`` entries stay in sight beside it: writing and
the comments waiting, the two things a writer opens the desk for on the go.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.urls import reverse

from linernotes.comments.selectors import pending_count_for
from linernotes.core.site import for_request


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False
    # Comments waiting for this writer, on the Comments entry only.
    count: int | None = None

    @property
    def key(self) -> str:
        return self.label.lower()

    @property
    def quick(self) -> bool:
        """Whether a phone shows this entry beside the menu button."""
        return self.key in QUICK


# The entries a phone keeps in sight while the rest of the bar is folded away.
QUICK = frozenset({"write", "comments"})


def _admin(site: AdminSite, label: str):
    return site._registry.get(apps.get_model(label))


def _opens(site: AdminSite, request: HttpRequest, label: str) -> str | None:
    """The table's list address, when this writer may open it."""
    model_admin = _admin(site, label)
    if model_admin is None or not model_admin.has_module_permission(request):
        return None
    if not model_admin.has_view_or_change_permission(request):
        return None
    opts = model_admin.model._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=site.name
    )


def desk_navigation(request: HttpRequest, site: AdminSite) -> list[NavItem]:
    """The entries this writer may use, the current page's marked."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return []
    here = request.path
    entries: list[NavItem] = []

    post_admin = _admin(site, "posts.Post")
    if post_admin is not None and post_admin.has_add_permission(request):
        add = reverse("admin:posts_post_add", current_app=site.name)
        entries.append(NavItem("Write", add, here.startswith(add)))
    if posts := _opens(site, request, "posts.Post"):
        add = reverse("admin:posts_post_add", current_app=site.name)
        current = here.startswith(posts) and not here.startswith(add)
        entries.append(NavItem("Posts", posts, current))
    if comments := _opens(site, request, "comments.Comment"):
        waiting = pending_count_for(user, for_request(request))
        entries.append(
            NavItem("Comments", comments, here.startswith(comments), waiting)
        )
    music = [
        url
        for label in ("catalogue.Release", "catalogue.Artist")
        if (url := _opens(site, request, label))
    ]
    if music:
        index = reverse("admin:app_list", args=["catalogue"], current_app=site.name)
        entries.append(NavItem("Music", index, here.startswith(index)))
    for label, name in (("Pages", "posts.Page"), ("Series", "posts.Series")):
        if url := _opens(site, request, name):
            entries.append(NavItem(label, url, here.startswith(url)))
    if accounts := _opens(site, request, "users.User"):
        # Readers are the accounts without desk access (users.roles).
        readers = f"{accounts}?is_staff__exact=0"
        entries.append(NavItem("Readers", readers, here.startswith(accounts)))
    settings_admin = _admin(site, "core.SiteSettings")
    if settings_admin is not None and settings_admin.has_change_permission(request):
        url = reverse("admin:desk_settings", current_app=site.name)
        entries.append(NavItem("Settings", url, here.startswith(url)))
    if user.is_superuser:
        url = reverse("admin:desk_operator", current_app=site.name)
        entries.append(NavItem("Operator", url, here.startswith(url)))
    return entries
