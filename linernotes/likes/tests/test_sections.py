"""What the post page shows of likes, the same HTML for every reader."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.likes.sections import comment_like_footer, likes_section
from linernotes.likes.services import Liker

pytestmark = pytest.mark.django_db


def test_a_post_nobody_liked_invites_the_first_like(client, make_post):
    post = make_post()

    response = client.get(post.get_absolute_url())

    assertContains(response, "Be the first to like this")
    assertContains(response, f'data-post-pk="{post.pk}"')
    action = reverse("likes:post", args=[post.pk])
    assertContains(
        response,
        f'<form class="like-form" method="post" action="{action}"'
        f' data-like-kind="post" data-like-pk="{post.pk}">',
    )
    assertContains(response, "js/likes.js")


def test_the_post_page_counts_readers_and_shows_account_likers(
    client, make_post, make_user, make_guest, like_post
):
    post = make_post()
    like_post(post=post, liker=Liker.account(make_user(display_name="Ada <b>")))
    like_post(post=post, liker=make_guest())

    response = client.get(post.get_absolute_url())

    assertContains(response, "2 readers like this")
    assertContains(response, '<li title="Ada &lt;b&gt;">')
    assertNotContains(response, "Ada <b>")


def test_one_like_reads_in_the_singular(client, make_post, make_guest, like_post):
    post = make_post()
    like_post(post=post, liker=make_guest())

    response = client.get(post.get_absolute_url())

    assertContains(response, "1 reader likes this")


def test_at_most_five_likers_are_shown_with_one_query(
    make_post, make_user, like_post, django_assert_num_queries
):
    post = make_post()
    for number in range(7):
        like_post(
            post=post, liker=Liker.account(make_user(display_name=f"Fan {number}"))
        )
    post.refresh_from_db()
    request = RequestFactory().get(post.get_absolute_url())

    with django_assert_num_queries(1):
        html = likes_section(request, post)

    assert html.count("<li title=") == 5
    assert "Fan 6" in html and "Fan 1" not in html


def test_a_post_without_likes_costs_no_query(make_post, django_assert_num_queries):
    post = make_post()
    request = RequestFactory().get(post.get_absolute_url())

    with django_assert_num_queries(0):
        likes_section(request, post)


def test_the_section_says_nothing_about_the_reader(
    client, make_post, make_user, like_post
):
    """A signed-in liker gets the same button as everyone; likes.js marks it."""
    post = make_post()
    user = make_user()
    like_post(post=post, liker=Liker.account(user))
    client.force_login(user)

    response = client.get(post.get_absolute_url())

    assertContains(response, 'aria-pressed="false"')
    assertNotContains(response, 'aria-pressed="true"')


def test_a_comment_like_shows_its_count_and_a_form(
    make_post, make_comment, make_guest, like_comment
):
    comment = make_comment(post=make_post(), name="Jo <b>")
    like_comment(comment=comment, liker=make_guest())
    like_comment(comment=comment, liker=make_guest())
    comment.refresh_from_db()

    html = comment_like_footer(comment)

    assert "Liked by 2 people" in html
    assert f'action="{reverse("likes:comment", args=[comment.pk])}"' in html
    assert "the comment by Jo &lt;b&gt;" in html


@pytest.mark.parametrize(("likes", "text"), [(0, ""), (1, "Liked by 1 person")])
def test_a_comment_with_few_likes_reads_naturally(
    make_post, make_comment, make_guest, like_comment, likes, text
):
    comment = make_comment(post=make_post())
    for _ in range(likes):
        like_comment(comment=comment, liker=make_guest())
    comment.refresh_from_db()

    html = comment_like_footer(comment)

    assert f'data-like-count="{likes}">{text}</span>' in html


def test_a_like_retires_the_cached_post_page(client, make_post):
    post = make_post()
    client.get(post.get_absolute_url())  # now cached without likes
    client.post(
        reverse("likes:post", args=[post.pk]),
        {"liked": "1"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    client.cookies.clear()  # an anonymous reader, served from the page cache

    response = client.get(post.get_absolute_url())

    assertContains(response, "1 reader likes this")
