"""Builders for people; conftest.py exposes each as a fixture."""

from itertools import count

from allauth.account.models import EmailAddress

from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer, ensure_roles

_numbers = count(1)


def make_user(
    *, username: str | None = None, verified: bool | None = None, **fields
) -> User:
    """A reader's account; ``verified`` also records its email address with
    allauth, confirmed or not."""
    username = username or f"reader{next(_numbers)}"
    user = User.objects.create_user(
        username=username, password="pw-for-tests-only", **fields
    )
    if verified is not None:
        EmailAddress.objects.create(
            user=user, email=user.email, verified=verified, primary=True
        )
    return user


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


def make_account(*, email: str | None = None, verified: bool = True, **fields) -> User:
    """A reader who signs in with an email address, as allauth records one."""
    from allauth.account.models import EmailAddress

    user = make_user(**fields)
    user.email = email or f"{user.username}@example.net"
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=verified, primary=True
    )
    return user
