"""Subscriptions and mail preferences, for writers answering "why did I get this?"."""

from django.contrib import admin

from .models import Announcement, MailAddress, ModerationDigest, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "series", "post", "created_at", "confirmed_at"]
    list_filter = ["kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["series", "post"]
    readonly_fields = ["target", "created_at", "confirmed_at"]


@admin.register(MailAddress)
class MailAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "no_replies", "no_digest"]
    search_fields = ["email"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["post", "sent_at", "recipients"]
    readonly_fields = ["post", "sent_at", "recipients"]


@admin.register(ModerationDigest)
class ModerationDigestAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "comment_count", "last_comment_id"]
