"""The desk's own pages beside the admin's: the settings page."""

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from linernotes.core.models import SiteSettings

from . import services
from .environment import operator_configuration
from .forms import SiteSettingsForm


class SettingsView(View):
    """Every site setting on one page, grouped, and the operator's part of the
    configuration read-only below them.

    Editors and administrators (``core.change_sitesettings``) use it; a bad
    value comes back with its message beside the field, nothing saved.
    """

    desk: AdminSite | None = None
    template_name = "desk/settings.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("core.change_sitesettings"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, SiteSettingsForm(instance=SiteSettings.load()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SiteSettingsForm(request.POST, instance=SiteSettings.load())
        if form.is_valid():
            try:
                services.update_site_settings(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Settings saved.")
                return HttpResponseRedirect(reverse("admin:desk_settings"))
        return self._page(request, form, status=400)

    def _page(
        self, request: HttpRequest, form: SiteSettingsForm, status: int = 200
    ) -> HttpResponse:
        context = {
            **self.desk.each_context(request),
            "title": "Settings",
            "subtitle": None,
            "form": form,
            "environment": operator_configuration(),
        }
        return TemplateResponse(request, self.template_name, context, status=status)
