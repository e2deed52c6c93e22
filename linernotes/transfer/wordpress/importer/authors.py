"""The site owner and the file's authors, as accounts here."""

from __future__ import annotations

from linernotes.posts import services as posts
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer

from ..reader import WxrAuthor, WxrItem
from .base import _ImportBase, _valid_email


class _Authors(_ImportBase):
    """Each WordPress login as a writer's account: mapped, matched or made."""

    def _owner(self, owner: User | None, first: WxrAuthor | None = None) -> User:
        if self.owner is not None:
            return self.owner
        if owner is None:
            owner = (
                User.objects.filter(is_superuser=True, is_active=True)
                .order_by("pk")
                .first()
            )
        if owner is None:
            owner = self._create_owner(first)
        self.owner = owner
        return owner

    def _create_owner(self, first: WxrAuthor | None) -> User:
        username = _username(first.login if first else "") or "owner"
        username = _free_username(username)
        user = User(
            username=username,
            email=first.email if first else "",
            display_name=(first.display_name if first else "")[:100],
            is_staff=True,
            is_superuser=True,
        )
        user.set_unusable_password()
        user.save()
        self.new_accounts.add(user.pk)
        self.created["owner"] += 1
        self.notes.append(
            f"The site had no owner: the account {username!r} was created as its "
            f"owner, with no password. Set one with `linernotes changepassword "
            f"{username}`."
        )
        return user

    def _author(self, record: WxrAuthor, owner: User | None) -> None:
        owner = self._owner(owner, record)
        mapped = self.options.author_map.get(record.login)
        if mapped:
            user = User.objects.get(username=mapped)
        else:
            user = _matching_account(record) or self._create_author(record)
        if user.pk in self.new_accounts:
            if user != owner:  # the owner made from this author counts once
                self.created["authors"] += 1
        else:
            self.present["authors"] += 1
        self.authors[record.login] = user
        if record.id is not None:
            self.author_ids[record.id] = user
            self._remember(WordPressObject.Kind.AUTHOR, record.id, user.pk)
        self.redirects += redirects.add_term_redirects(
            redirects.author_old_paths(record.login, wp_id=record.id),
            target_type=LegacyRedirect.Target.AUTHOR,
            target_id=user.pk,
        )

    def _create_author(self, record: WxrAuthor) -> User:
        wanted = _username(record.login) or "author"
        username = _free_username(wanted)
        if username != record.login:
            self.warnings.append(
                f"The WordPress login {record.login!r} became the account "
                f"{username!r} (usernames here take letters, digits and @.+-_)."
            )
        email = record.email if _valid_email(record.email) else ""
        name = record.display_name or " ".join(
            part for part in (record.first_name, record.last_name) if part
        )
        user = create_writer(
            username=username, email=email, role=Role.AUTHOR, display_name=name[:100]
        )
        self.new_accounts.add(user.pk)
        if record.first_name or record.last_name:
            user.first_name = record.first_name[:150]
            user.last_name = record.last_name[:150]
            user.save(update_fields=["first_name", "last_name"])
        return user

    def _author_of(self, item: WxrItem, owner: User) -> User:
        if item.creator in self.authors:
            return self.authors[item.creator]
        if item.creator:
            mapped = self.options.author_map.get(item.creator)
            if mapped:
                user = User.objects.get(username=mapped)
                self.authors[item.creator] = user
                return user
        return owner  # reported by the check: "go to the default author"


def _username(login: str) -> str:
    allowed = "".join(
        ch if ch.isalnum() or ch in "@.+-_" else "-" for ch in login.strip()
    )
    return allowed.strip("-")[:150]


def _free_username(wanted: str) -> str:
    name, n = wanted, 2
    while User.objects.filter(username__iexact=name).exists():
        name = f"{wanted[:140]}-{n}"
        n += 1
    return name


def _matching_account(record: WxrAuthor) -> User | None:
    """A writer's account that already is this author: the same username, or
    the same email address. A reader who happens to have the username is not
    the author: the author gets an account of their own."""
    found = posts.writers().filter(username=_username(record.login)).first()
    if found is not None:
        return found
    if record.email and _valid_email(record.email):
        return posts.writers().filter(email__iexact=record.email).order_by("pk").first()
    return None
