"""comments.personal_data: what a commenter's export and erasure touch."""

import pytest

from linernotes.comments import personal_data
from linernotes.comments.models import Comment

from .factories import age_comment, make_account_comment, make_guest_comment

pytestmark = pytest.mark.django_db


def test_export_lists_every_stored_field_of_a_guests_comments(make_post):
    post = make_post(title="Rocky IV")
    make_guest_comment(
        post=post,
        name="Rae",
        body="Hearts on Fire is the real anthem.",
        email="Rae@Example.org",
        url="https://rae.example.org/",
        ip_address="203.0.113.9",
    )

    exported = personal_data.export_personal_data(email="rae@example.org")

    # Every comment is read by the text model, which adds its reading and
    # its probability to the stored reasons and score.
    stored = Comment.objects.get()
    text_reading = stored.spam_reasons[2]
    assert text_reading.startswith("text reads fine to the starting model")
    assert len(exported) == 1
    assert exported[0] | {"id": 0, "created_at": ""} == {
        "id": 0,
        "created_at": "",
        "post": "Rocky IV",
        "post_url": post.get_absolute_url(),
        "in_reply_to": None,
        "edited_at": None,
        "status": "approved",
        "name": "Rae",
        "email": "Rae@Example.org",
        "website": "https://rae.example.org/",
        "body": "Hearts on Fire is the real anthem.",
        "ip_address": "203.0.113.0",  # only the network is kept
        "user_agent": "Mozilla/5.0 (tests)",
        "spam_verdict": "ham",
        "spam_score": stored.spam_score,
        "spam_reasons": ["gave a website", "approved before", text_reading],
        "notify_replies": False,
    }


def test_a_guest_email_does_not_reach_an_accounts_comments(
    make_post, make_user, make_comment
):
    # Bad input tried: the address of an account holder, typed by a guest.
    post = make_post()
    owner = make_user(email="owner@example.org")
    make_account_comment(post=post, user=owner)
    make_comment(post=post, email="someone@example.org")

    assert personal_data.export_personal_data(email="owner@example.org") == []
    assert personal_data.erase_personal_data(email="owner@example.org") == 0
    assert Comment.objects.filter(user=owner).count() == 1


def test_erasing_deletes_unanswered_comments_and_keeps_answered_ones_as_placeholders(
    make_post, make_comment
):
    post = make_post()
    answered = make_comment(post=post, body="First!", ip_address="203.0.113.9")
    reply = make_comment(post=post, parent=answered, body="Hi", email="b@example.org")
    alone = make_comment(post=post, body="Second thought.")

    erased = personal_data.erase_personal_data(email="rae@example.org")

    assert erased == 2
    assert not Comment.objects.filter(pk=alone.pk).exists()
    placeholder = Comment.objects.get(pk=answered.pk)
    assert placeholder.status == Comment.Status.REMOVED
    assert [
        placeholder.author_name,
        placeholder.author_email,
        placeholder.author_url,
        placeholder.body,
        placeholder.body_html,
        placeholder.user_agent,
    ] == [""] * 6
    assert placeholder.ip_address is None
    assert Comment.objects.get(pk=reply.pk).parent_id == answered.pk


def test_own_reply_under_own_comment_goes_first_so_both_are_deleted(
    make_post, make_comment
):
    post = make_post()
    mine = make_comment(post=post, body="A thought.")
    make_comment(post=post, parent=mine, body="And a second thought.")

    assert personal_data.erase_personal_data(email="rae@example.org") == 2
    assert Comment.objects.count() == 0


def test_post_comment_count_is_right_after_erasure(make_post, make_comment):
    post = make_post()
    answered = make_comment(post=post, body="Mine, answered.")
    make_comment(post=post, parent=answered, body="Theirs.", email="b@example.org")
    make_comment(post=post, body="Mine, alone.")
    make_comment(post=post, body="Mine, pending.", approved=False)
    post.refresh_from_db()
    assert post.comment_count == 3

    personal_data.erase_personal_data(email="rae@example.org")

    post.refresh_from_db()
    assert post.comment_count == 1  # only the other reader's reply is approved


def test_erasing_twice_finds_nothing_the_second_time(make_post, make_comment):
    post = make_post()
    answered = make_comment(post=post)
    make_comment(post=post, parent=answered, body="Reply", email="b@example.org")

    assert personal_data.erase_personal_data(email="rae@example.org") == 1
    assert personal_data.erase_personal_data(email="rae@example.org") == 0


def test_erasing_an_account_leaves_guests_with_the_same_address_alone(
    make_post, make_user, make_comment
):
    post = make_post()
    user = make_user(email="rae@example.org")
    make_account_comment(post=post, user=user)
    guest = make_comment(post=post, body="As a guest.")

    assert personal_data.erase_personal_data(user=user) == 1
    assert list(Comment.objects.all()) == [guest]


def test_blank_network_details_forgets_old_ip_and_agent_only(make_post, make_comment):
    post = make_post()
    old = age_comment(
        make_comment(post=post, body="Old", ip_address="203.0.113.9"), days=31
    )
    recent = make_comment(post=post, body="New", ip_address="198.51.100.7")
    cutoff = recent.created_at.replace(microsecond=0)

    assert personal_data.blank_network_details(before=cutoff) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.ip_hash, old.user_agent, old.body) == (
        None,
        "",
        "",
        "Old",
    )
    assert (recent.ip_address, recent.user_agent) == (
        "198.51.100.0",
        "Mozilla/5.0 (tests)",
    )
    assert recent.ip_hash  # the keyed hash goes with the network, not before
