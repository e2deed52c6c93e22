"""The site's URLs. Each app's own URLs live in its urls.py under a namespace."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from linernotes.posts import files as post_files
from linernotes.posts import views as post_views
from linernotes.posts.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", post_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Every file under MEDIA_ROOT goes through the access rule (posts.files).
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>", post_files.media, name="media"
    ),
    path("account/", include("linernotes.users.urls")),
    path("accounts/", include("allauth.urls")),
    path("comments/", include("linernotes.comments.urls")),
    path("", include("linernotes.notifications.urls")),
    path("likes/", include("linernotes.likes.urls")),
    # Before posts' pages: /privacy/ is the privacy app's, which shows a static
    # Page with the slug "privacy" inside it (docs/architecture.md, "Privacy").
    path("privacy/", include("linernotes.privacy.urls")),
    path("", include("linernotes.posts.urls")),
]

handler404 = "linernotes.core.views.page_not_found"
handler500 = "linernotes.core.views.server_error"
