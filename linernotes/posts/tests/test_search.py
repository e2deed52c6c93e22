"""Full-text search: FTS5 on SQLite, PostgreSQL's text search on PostgreSQL."""

import re

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.posts import selectors
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


def test_a_title_match_ranks_above_a_body_match(make_post):
    in_body = make_post(
        title="A night drive", body="Robert Tepper sings about synthesizers."
    )
    in_title = make_post(title="Synthesizers of 1985", body="Arpeggios everywhere.")

    assert selectors.search_posts("synthesizers") == [in_title.pk, in_body.pk]


def test_every_word_must_match(make_post):
    both = make_post(title="Burning Heart", body="Survivor open the album.")
    make_post(title="Burning rubber", body="A car chase.")

    assert selectors.search_posts("burning survivor") == [both.pk]


def test_search_finds_words_in_the_body(make_post):
    post = make_post(title="Rocky IV", body="The training montage in the snow.")

    assert selectors.search_posts("montage") == [post.pk]


def test_unpublished_and_protected_posts_are_not_found(make_post, make_scheduled_post):
    make_post(title="Hidden draft about vinyl", status=Post.Status.DRAFT)
    make_scheduled_post(title="Future vinyl")
    make_post(title="Locked vinyl", password="sesame")
    make_post(title="Private vinyl", status=Post.Status.PRIVATE)

    assert selectors.search_posts("vinyl") == []


def test_edits_are_searchable_at_once(make_post):
    from linernotes.posts.services import save_post

    post = make_post(title="Old words")
    post.title = "Fresh words"
    save_post(post=post)

    assert selectors.search_posts("fresh") == [post.pk]
    assert selectors.search_posts("old") == []


def test_deleted_posts_leave_the_index(make_post):
    post = make_post(title="Ephemeral single")
    post.delete()

    assert selectors.search_posts("ephemeral") == []


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(", "a AND", "*", "-", "title:x", "^start", "'); DROP TABLE", "()"],
)
def test_search_syntax_typed_by_a_reader_never_breaks_the_page(
    client, make_post, query
):
    make_post(title="Something")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


@given(st.text(max_size=40))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_text_is_a_valid_search(make_post, text):
    assert isinstance(selectors.search_posts(text.replace("\x00", "")), list)


def test_the_search_page_shows_ranked_results_and_a_count(client, make_post):
    make_post(title="Eye of the Tiger", body="Survivor.")

    response = client.get("/search/", {"q": "tiger"})

    assertContains(response, "1 result for “tiger”")
    assertContains(response, "Eye of the Tiger")


def test_an_empty_search_shows_the_form_only(client, make_post):
    make_post(title="Anything")

    response = client.get("/search/")

    assertContains(response, 'name="q"')
    assertNotContains(response, "Anything</a></h2>")


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's"
)


def _stored_vector(post: Post) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector FROM posts_post WHERE id = %s", [post.pk])
        return cursor.fetchone()[0]


@postgres_only
def test_postgres_stores_each_posts_weighted_vector(make_post):
    post = make_post(title="Hearts on Fire", body="A montage in the snow.")

    vector = _stored_vector(post)

    assert re.search(r"'heart':\d+A", vector)  # title words weigh A, stemmed
    assert re.search(r"'montag':\d+B", vector)  # body words weigh B


@postgres_only
def test_postgres_restores_the_vector_when_a_post_is_edited(make_post):
    from linernotes.posts.services import save_post

    post = make_post(title="Old words", body="Nothing else.")
    post.body = "Now about a drum machine."
    save_post(post=post)

    vector = _stored_vector(post)
    assert "'drum'" in vector
    assert "'noth'" not in vector
    assert selectors.search_posts("drum machine") == [post.pk]
