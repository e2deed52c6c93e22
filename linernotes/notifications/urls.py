from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.sent, name="sent"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("mail/address/<str:token>/", views.confirm_address, name="address"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
