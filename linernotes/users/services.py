"""Writes for people: roles and writer accounts."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
        display_name=display_name,
        is_staff=role in (Role.EDITOR, Role.AUTHOR),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    return user
