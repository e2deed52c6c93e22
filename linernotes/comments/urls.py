from django.urls import path

from . import feeds, views

app_name = "comments"
urlpatterns = [
    path("post/<int:post_pk>/", views.post_comment, name="post"),
    path("post/<int:post_pk>/feed/", feeds.PostCommentRssFeed(), name="post_feed"),
    path(
        "post/<int:post_pk>/feed/atom/", feeds.PostCommentAtomFeed(), name="post_atom"
    ),
    path("feed/", feeds.CommentRssFeed(), name="feed"),
    path("feed/atom/", feeds.CommentAtomFeed(), name="atom"),
    path("thanks/<str:token>/", views.receipt, name="receipt"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
