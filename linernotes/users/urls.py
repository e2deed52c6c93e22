from django.urls import path

from . import views

app_name = "users"
urlpatterns = [
    path("me.json", views.reader_state, name="reader_state"),
    path("profile/", views.profile, name="profile"),
    path("identicon/<str:digest>.svg", views.identicon, name="identicon"),
]
