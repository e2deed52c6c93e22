from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Public profile", {"fields": ["display_name", "bio"]}),
    ]
    list_display = ["username", "display_name", "email", "is_staff", "is_active"]
