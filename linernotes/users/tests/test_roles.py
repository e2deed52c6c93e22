"""Roles: what each kind of account may do in the admin."""

import pytest

from linernotes.core.models import SiteSettings
from linernotes.users.roles import ModerationScope, Role, moderation_scope
from linernotes.users.services import ensure_roles

pytestmark = pytest.mark.django_db


def test_editors_publish_and_edit_anyones_posts(make_writer):
    editor = make_writer(role=Role.EDITOR)

    assert editor.has_perm("posts.publish_post")
    assert editor.has_perm("posts.edit_others_posts")
    assert editor.has_perm("core.change_sitesettings")


def test_authors_write_but_do_not_publish(make_writer):
    author = make_writer(role=Role.AUTHOR)

    assert author.has_perm("posts.add_post")
    assert not author.has_perm("posts.publish_post")
    assert not author.has_perm("posts.edit_others_posts")
    assert not author.has_perm("core.change_sitesettings")


def test_readers_have_no_admin_access(make_writer):
    reader = make_writer(role=Role.READER)

    assert not reader.is_staff
    assert not reader.has_perm("posts.add_post")


def test_ensuring_roles_twice_is_harmless(make_writer):
    ensure_roles()
    ensure_roles()

    assert make_writer(role=Role.EDITOR).has_perm("posts.publish_post")


@pytest.mark.parametrize(
    ("role", "allowed", "scope"),
    [
        (Role.EDITOR, True, ModerationScope.ALL),
        (Role.EDITOR, False, ModerationScope.ALL),
        (Role.AUTHOR, True, ModerationScope.OWN_POSTS),
        (Role.AUTHOR, False, ModerationScope.NONE),
        (Role.READER, True, ModerationScope.NONE),
    ],
)
def test_who_moderates_which_comments(make_writer, role, allowed, scope):
    site = SiteSettings(authors_moderate_comments=allowed)

    assert moderation_scope(make_writer(role=role), site) is scope


def test_a_deactivated_editor_moderates_nothing(make_writer):
    editor = make_writer(role=Role.EDITOR)
    editor.is_active = False

    assert moderation_scope(editor, SiteSettings()) is ModerationScope.NONE
