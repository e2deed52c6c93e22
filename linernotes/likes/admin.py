"""Likes in the admin: read-only, so counts can only change through the services."""

from django.contrib import admin

from linernotes.core.admin import WrittenByServices

from .models import Like


@admin.register(Like)
class LikeAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ["post", "comment", "liker", "created_at"]
    list_select_related = ["post", "user", "comment__post"]
    list_filter = [("comment", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["post__title", "user__username", "user__display_name"]
    date_hierarchy = "created_at"
    readonly_fields = ["post", "comment", "user", "created_at"]
    raw_id_fields = ["post", "comment", "user"]
    exclude = ["guest_hash"]

    @admin.display(description="Liked by")
    def liker(self, like: Like) -> str:
        return like.liker_label
