"""Who else has a post open in the editor: kept in the database, so every worker
of every app server gives the same answer, written at most every few seconds
per editor, and forgotten a minute after an editor goes quiet."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linernotes.posts import services
from linernotes.posts.models import EditingPresence
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db
QUIET = timedelta(seconds=services.revisions.EDITING_SECONDS + 1)


@pytest.fixture
def mara(make_writer):
    return make_writer(role=Role.EDITOR, username="mara", display_name="Mara")


@pytest.fixture
def jon(make_writer):
    return make_writer(role=Role.EDITOR, username="jon", display_name="Jon")


def test_opening_a_post_stores_the_editor_in_the_database(mara, make_post):
    post = make_post(author=mara)

    assert services.note_editing(post=post, editor=mara) == []

    row = EditingPresence.objects.get()
    assert (row.post_id, row.editor_id) == (post.pk, mara.pk)
    assert timezone.now() - row.last_seen < timedelta(seconds=5)


def test_everyone_else_with_the_post_open_is_named_but_not_oneself(
    mara, jon, make_writer, make_post
):
    ana = make_writer(username="ana", display_name="Ana")
    post = make_post(author=mara)
    services.note_editing(post=post, editor=mara)
    services.note_editing(post=post, editor=jon)

    assert services.note_editing(post=post, editor=ana) == ["Jon", "Mara"]
    assert services.note_editing(post=post, editor=mara) == ["Ana", "Jon"]


def test_an_editor_on_another_post_is_not_named(mara, jon, make_post):
    services.note_editing(post=make_post(author=mara), editor=mara)

    assert services.note_editing(post=make_post(author=jon), editor=jon) == []


def test_calls_within_the_refresh_interval_only_read(mara, make_post):
    post = make_post(author=mara)
    services.note_editing(post=post, editor=mara)
    first_seen = EditingPresence.objects.get().last_seen

    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            services.note_editing(post=post, editor=mara)

    assert len(queries) == 5
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)
    assert EditingPresence.objects.get().last_seen == first_seen


def test_a_presence_older_than_the_refresh_interval_is_brought_up_to_date(
    mara, make_post
):
    post = make_post(author=mara)
    services.note_editing(post=post, editor=mara)
    older = timezone.now() - services.revisions.PRESENCE_REFRESH - timedelta(seconds=1)
    EditingPresence.objects.update(last_seen=older)

    services.note_editing(post=post, editor=mara)

    row = EditingPresence.objects.get()  # updated in place, still one row
    assert row.last_seen > older + timedelta(seconds=1)


def test_an_editor_who_went_quiet_comes_back_on_the_same_row(mara, jon, make_post):
    post = make_post(author=mara)
    services.note_editing(post=post, editor=mara)
    EditingPresence.objects.update(last_seen=timezone.now() - QUIET)

    assert services.note_editing(post=post, editor=jon) == []
    assert services.note_editing(post=post, editor=mara) == ["Jon"]
    assert services.note_editing(post=post, editor=jon) == ["Mara"]
    assert EditingPresence.objects.count() == 2


def test_rows_of_editors_gone_quiet_are_deleted_on_any_post(
    mara, jon, make_writer, make_post
):
    left_open = make_post(author=mara)
    services.note_editing(post=left_open, editor=mara)
    services.note_editing(post=make_post(author=jon), editor=jon)
    EditingPresence.objects.filter(editor=mara).update(last_seen=timezone.now() - QUIET)
    EditingPresence.objects.filter(editor=jon).update(
        last_seen=timezone.now() - timedelta(seconds=30)
    )

    services.note_editing(post=make_post(author=jon), editor=make_writer())

    kept = set(EditingPresence.objects.values_list("editor__username", flat=True))
    assert "mara" not in kept and "jon" in kept


def test_an_autosave_marks_the_writer_present_and_names_the_others(
    mara, jon, make_post
):
    post = make_post(author=mara, body="Saved words.")
    services.note_editing(post=post, editor=mara)

    typed = services.autosave_post(post=post, editor=jon, title=post.title, body="x")
    idle = services.autosave_post(
        post=post, editor=jon, title=post.title, body=post.body
    )

    assert typed.others_editing == ["Mara"] and idle.others_editing == ["Mara"]
    assert services.note_editing(post=post, editor=mara) == ["Jon"]


def test_deleting_the_post_or_the_editor_removes_their_presence(mara, jon, make_post):
    post = make_post(author=mara)
    services.note_editing(post=post, editor=mara)
    services.note_editing(post=post, editor=jon)

    jon.delete()
    assert list(EditingPresence.objects.values_list("editor", flat=True)) == [mara.pk]
    post.delete()
    assert not EditingPresence.objects.exists()


def test_a_worker_writing_after_another_created_the_row_updates_it(mara, make_post):
    """Two workers answer one writer at the same moment (the page and an
    autosave): both read no row, the first inserts it, and the second's write,
    which comes after, must update that row rather than fail on the unique
    pair. The race is played out in order here, so it happens every run."""
    post = make_post(author=mara)
    now = timezone.now()
    services.revisions._mark_present(post, mara, now - timedelta(seconds=1))

    services.revisions._mark_present(post, mara, now)

    assert list(EditingPresence.objects.values_list("last_seen", flat=True)) == [now]
