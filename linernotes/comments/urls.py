from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("post/<int:post_pk>/", views.post_comment, name="post"),
    path("thanks/<str:token>/", views.receipt, name="receipt"),
]
