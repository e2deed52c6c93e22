"""Writes for people: roles, writer accounts and readers' profiles."""

import secrets

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from linernotes.core.text import strip_control_characters

from .avatars import square_thumbnail
from .models import User
from .roles import AUTHOR_PERMISSIONS, EDITOR_MODELS, Role


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


@transaction.atomic
def ensure_roles() -> None:
    """Create or refresh the Editor, Author and Reader groups; safe to repeat."""
    editor_names = ["posts.publish_post", "posts.edit_others_posts"]
    for app, models in EDITOR_MODELS.items():
        for model in models:
            editor_names += [
                f"{app}.{action}_{model}"
                for action in ("add", "change", "delete", "view")
            ]
    roles = {
        Role.EDITOR: _permissions(editor_names),
        Role.AUTHOR: _permissions(AUTHOR_PERMISSIONS),
        Role.READER: [],
    }
    for role, permissions in roles.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set(permissions)


@transaction.atomic
def create_writer(
    *,
    username: str,
    email: str,
    role: Role,
    password: str | None = None,
    display_name: str = "",
) -> User:
    """A staff account in the given role (administrators use createsuperuser)."""
    role = Role(role)
    user = User(
        username=username,
        email=email,
        display_name=strip_control_characters(display_name),
        is_staff=role in (Role.EDITOR, Role.AUTHOR),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    return user


@transaction.atomic
def update_profile(*, user: User, display_name: str, bio: str) -> User:
    """Save the public name and bio a reader chose on their profile page,
    without the characters XML cannot carry (the name goes into feeds)."""
    user.display_name = strip_control_characters(display_name).strip()
    user.bio = strip_control_characters(bio).strip()
    user.save(update_fields=["display_name", "bio"])
    return user


@transaction.atomic
def set_avatar(*, user: User, upload: UploadedFile) -> User:
    """Store a square WebP thumbnail of an upload that passed ``check_avatar``.

    The file name carries a random part, so a changed picture gets a new URL and
    no cache anywhere keeps showing the old one.
    """
    old_name = user.avatar.name
    name = f"{user.pk}-{secrets.token_hex(6)}.webp"
    user.avatar.save(name, ContentFile(square_thumbnail(upload)), save=False)
    user.save(update_fields=["avatar"])
    if old_name:
        transaction.on_commit(lambda: user.avatar.storage.delete(old_name))
    return user


@transaction.atomic
def remove_avatar(*, user: User) -> User:
    """Go back to the generated picture; the stored file is deleted on commit."""
    old_name = user.avatar.name
    user.avatar = ""
    user.save(update_fields=["avatar"])
    if old_name:
        transaction.on_commit(lambda: user.avatar.storage.delete(old_name))
    return user
