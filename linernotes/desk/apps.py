from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskConfig(AppConfig):
    """The desk's templates, static files and views."""

    default = True
    name = "linernotes.desk"
    label = "desk"
    verbose_name = "Desk"


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the desk as its default site: every
    ``admin.site.register`` and ``@admin.register`` lands on ``DeskSite``."""

    default = False
    default_site = "linernotes.desk.sites.DeskSite"
