"""Builders for people; conftest.py exposes each as a fixture."""

from itertools import count

from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer, ensure_roles

_numbers = count(1)


def make_user(*, username: str | None = None, **fields) -> User:
    username = username or f"reader{next(_numbers)}"
    return User.objects.create_user(
        username=username, password="pw-for-tests-only", **fields
    )


def make_writer(
    *, role: Role = Role.AUTHOR, username: str | None = None, **fields
) -> User:
    ensure_roles()
    username = username or f"writer{next(_numbers)}"
    user = create_writer(
        username=username, email=f"{username}@example.org", role=role, **fields
    )
    user.set_password("pw-for-tests-only")
    user.save()
    return user
