"""The desk's admin site: the blog's name, task navigation, operator tables apart.

``DeskSite`` is Django's ``AdminSite`` with three changes:

* it is branded as the blog (its title from ``SiteSettings``, then "Liner
  Notes"), never "Django administration", in headers and title tags alike;
* every page carries the task navigation (``navigation.desk_navigation``), and
  the home page (``index``) carries what needs the writer today
  (``selectors.desk_home``);
* the tables only an operator needs (accounts' addresses, groups, social login
  tokens, task records, digests, spam model rows...) are the superuser's alone,
  listed apart under "Operator": a writer given a stray permission still does
  not see them. This is done at registration (``register``), so each app's own
  admin stays as it is.
"""

from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db.models.base import ModelBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from linernotes.core.site import for_request

from . import navigation, selectors, views

PRODUCT = "Liner Notes"
OPERATOR = "Operator"
# Tables an operator keeps, not a writer: by model label (app_label.model_name).
OPERATOR_MODELS = frozenset(
    {
        "auth.group",
        "account.emailaddress",
        "socialaccount.socialaccount",
        "socialaccount.socialapp",
        "socialaccount.socialtoken",
        "django_tasks_database.dbtaskresult",
        "likes.like",
        "notifications.announcement",
        "notifications.mailaddress",
        "notifications.moderationdigest",
        "notifications.subscription",
        "spam.spammodel",
        "spam.trainingexample",
        "transfer.importrun",
        "transfer.wordpressobject",
    }
)


class OperatorOnly:
    """Mixed into an operator table's admin: only a superuser sees or edits it.

    Deleting is left to the admin's own rule: deleting a post asks it for every
    row the post takes along, and refusing it here would stop writers deleting
    posts (the rows themselves stay out of their sight).
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)


class EditedOnSettingsPage:
    """Mixed into SiteSettings' admin: its list and change pages lead to the
    desk's settings page, the one place the settings are edited."""

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return HttpResponseRedirect(reverse("admin:desk_settings"))

    def change_view(self, request: HttpRequest, *args, **kwargs):
        return HttpResponseRedirect(reverse("admin:desk_settings"))


MIXED_IN = {"core.sitesettings": EditedOnSettingsPage}


def is_operator_model(model) -> bool:
    return model._meta.label_lower in OPERATOR_MODELS


class DeskSite(admin.AdminSite):
    site_title = PRODUCT
    site_header = PRODUCT
    index_title = "Home"
    # The task navigation replaces Django's sidebar of every table.
    enable_nav_sidebar = False

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Register as Django does, with the operator's or settings' mixin first
        in the admin class where the model calls for one."""
        models = (
            [model_or_iterable]
            if isinstance(model_or_iterable, ModelBase)
            else model_or_iterable
        )
        for model in models:
            base = admin_class or ModelAdmin
            mixin = (
                OperatorOnly
                if is_operator_model(model)
                else MIXED_IN.get(model._meta.label_lower)
            )
            if mixin is not None:
                base = type(
                    base.__name__, (mixin, base), {"__module__": base.__module__}
                )
            super().register(model, base, **options)

    def each_context(self, request: HttpRequest) -> dict:
        """Every desk page's context: the blog's name in the header and title
        tag, and the navigation for this writer."""
        context = super().each_context(request)
        blog = for_request(request).title.strip()
        context["blog_title"] = blog
        context["product"] = PRODUCT
        named = blog and blog != PRODUCT
        context["site_title"] = f"{blog} · {PRODUCT}" if named else PRODUCT
        context["site_header"] = blog or PRODUCT
        nav = navigation.desk_navigation(request, self)
        context["desk_nav"] = nav
        # The user links repeat the count of comments waiting (None: moderates none).
        context["desk_pending"] = next(
            (item.count for item in nav if item.count is not None), None
        )
        return context

    def get_app_list(self, request: HttpRequest, app_label=None) -> list[dict]:
        """Django's list of apps and tables, with the operator's tables taken
        out of their apps and gathered last under "Operator"."""
        writers, operator = [], []
        for app in super().get_app_list(request, app_label):
            own = [m for m in app["models"] if not is_operator_model(m["model"])]
            operator += [m for m in app["models"] if is_operator_model(m["model"])]
            if own:
                writers.append({**app, "models": own})
        if operator:
            writers.append(
                {
                    "name": OPERATOR,
                    "app_label": "operator",
                    "app_url": reverse("admin:desk_operator", current_app=self.name),
                    "has_module_perms": True,
                    "models": sorted(operator, key=lambda m: m["name"]),
                }
            )
        return writers

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        home = selectors.desk_home(request.user, for_request(request))
        return super().index(request, {"home": home, **(extra_context or {})})

    def app_index(self, request: HttpRequest, app_label: str, extra_context=None):
        apps = self.get_app_list(request, app_label)
        title = apps[0]["name"] if apps else ""
        return super().app_index(
            request, app_label, {"title": title, **(extra_context or {})}
        )

    def operator_view(self, request: HttpRequest) -> HttpResponse:
        """The operator's tables on one page; the superuser's alone."""
        groups = [a for a in self.get_app_list(request) if a["app_label"] == "operator"]
        if not request.user.is_superuser or not groups:
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": OPERATOR,
            "subtitle": None,
            "app_list": groups,
            "app_label": "operator",
        }
        request.current_app = self.name
        return TemplateResponse(request, "desk/operator.html", context)

    def get_urls(self):
        return [
            path(
                "settings/",
                self.admin_view(views.SettingsView.as_view(desk=self)),
                name="desk_settings",
            ),
            path(
                "operator/", self.admin_view(self.operator_view), name="desk_operator"
            ),
            *super().get_urls(),
        ]
