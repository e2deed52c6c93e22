"""Keep the role groups in step with the permissions after every migrate."""

from django.db.models.signals import post_migrate


def _refresh_roles(**kwargs) -> None:
    from .services import ensure_roles

    ensure_roles()


def connect_handlers() -> None:
    post_migrate.connect(_refresh_roles, dispatch_uid="users.refresh_roles")
