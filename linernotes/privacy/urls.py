from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.privacy_page, name="page"),
    path("link/", views.request_link, name="request_link"),
    path("email/<str:token>/", views.guest_data, name="guest"),
    path("email/<str:token>/export.json", views.guest_export, name="guest_export"),
    path("email/<str:token>/erase/", views.guest_erase, name="guest_erase"),
    path("account/export.json", views.account_export, name="account_export"),
    path("account/erase/", views.account_erase, name="account_erase"),
]
