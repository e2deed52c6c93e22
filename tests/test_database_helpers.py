"""core.db's helpers for bulk writes, tried on real tables (so outside core)."""

import pytest
from django.db import connection

from linernotes.comments.models import Comment
from linernotes.core.db import analyze, reserve_pks
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def test_reserved_ids_are_fresh_and_never_handed_out_again(make_post, make_comment):
    earlier = make_comment(post=make_post())

    reserved = reserve_pks(Comment, 3)
    later = make_comment(post=earlier.post, body="Another one.")

    assert len(set(reserved)) == 3 and min(reserved) > earlier.pk
    assert later.pk > max(reserved)  # the database's own next id skips them
    assert reserve_pks(Comment, 0) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_analyze_gives_a_table_grown_in_one_command_its_statistics(make_post):
    for n in range(5):
        make_post(title=f"Post {n}")

    analyze(Post)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'posts_post'")
        assert cursor.fetchone()[0] == 5
