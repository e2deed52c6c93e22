"""Submitting and moderating comments: threading, trust, spam verdicts, counts."""

import pytest

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db
GUEST = services.Author(name="Rae", email="rae@example.org")


def submit(post, body="I had this on tape.", author=GUEST, **kwargs) -> Comment:
    return services.submit_comment(
        post=post, author=author, body=body, user_agent="Mozilla/5.0", **kwargs
    )


def test_a_guests_first_comment_waits_for_approval_by_default(make_post):
    post = make_post()

    comment = submit(post)

    assert comment.status == Comment.Status.PENDING
    post.refresh_from_db()
    assert post.comment_count == 0


def test_approving_counts_the_comment_and_trashing_uncounts_it(make_post):
    post = make_post()
    comment = submit(post)

    services.moderate_comment(comment=comment, status=Comment.Status.APPROVED)
    post.refresh_from_db()
    approved_count = post.comment_count
    services.moderate_comment(comment=comment, status=Comment.Status.TRASH)
    post.refresh_from_db()

    assert (approved_count, post.comment_count) == (1, 0)
    assert (
        Comment.objects.filter(status=Comment.Status.TRASH).count() == 1
    )  # recoverable


@pytest.mark.parametrize(
    ("policy", "trusted", "status"),
    [
        ("all", True, "pending"),
        ("first", False, "pending"),
        ("first", True, "approved"),
        ("none", False, "approved"),
    ],
)
def test_the_moderation_policy_decides_what_shows_at_once(
    make_post, policy, trusted, status
):
    site = SiteSettings.load()
    site.comment_moderation = policy
    site.save()
    author = services.Author(name="Rae", email="rae@example.org", trusted=trusted)

    assert submit(make_post(), author=author).status == status


def test_the_spam_verdict_is_stored_with_its_reasons(make_post):
    body = " ".join(f"buy http://{n}.example" for n in "abcde")

    comment = submit(make_post(), body=body, honeypot="Buy now")

    assert comment.status == Comment.Status.SPAM
    assert comment.spam_verdict == "spam"
    assert comment.spam_score > 0
    assert comment.spam_reasons[:3] == [
        "filled in the hidden field",
        "5 links",
        "first comment from this address",
    ]
    # The text model reads every comment, and says so.
    assert comment.spam_reasons[3].startswith("text reads like spam to the")
    assert len(comment.spam_reasons) == 4


def test_links_alone_hold_a_comment_but_never_send_it_to_spam(make_post):
    body = " ".join(f"buy http://{n}.example" for n in "abcde")

    comment = submit(make_post(), body=body)

    assert (comment.status, comment.spam_verdict) == (Comment.Status.PENDING, "hold")
    assert "5 links" in comment.spam_reasons


def test_replies_thread_under_their_parent(make_post, make_comment):
    post = make_post()
    first = make_comment(post=post, body="First")
    second = make_comment(post=post, body="Second")
    reply = make_comment(post=post, body="Reply to first", parent=first)

    shown = list(Comment.objects.shown_on(post))

    assert shown == [first, reply, second]
    assert reply.depth == 1


@pytest.fixture
def three_levels(make_post, make_comment) -> list[Comment]:
    """A thread as deep as a blog allowing three levels takes it."""
    site = SiteSettings.load()
    site.comment_depth = 3
    site.save()
    post = make_post()
    level0 = make_comment(post=post)
    level1 = make_comment(post=post, parent=level0, body="one")
    return [level0, level1, make_comment(post=post, parent=level1, body="two")]


def test_a_reply_deeper_than_allowed_joins_the_deepest_level(
    three_levels, make_comment
):
    level0, level1, level2 = three_levels

    too_deep = make_comment(post=level2.post, parent=level2, body="three")

    assert too_deep.depth == 2
    assert too_deep.parent == level1


def test_a_too_deep_reply_passes_over_an_ancestor_taken_down_since(
    three_levels, make_comment
):
    level0, level1, level2 = three_levels
    services.moderate_comment(comment=level1, status=Comment.Status.TRASH)
    level2.refresh_from_db()  # as a request would find it, level1 trashed

    too_deep = make_comment(post=level2.post, parent=level2, body="three")

    assert (too_deep.parent, too_deep.depth) == (level0, 1)


def test_a_reply_to_a_comment_of_another_post_is_refused(make_post, make_comment):
    elsewhere = make_comment(post=make_post())

    with pytest.raises(services.CommentRejected, match="another post"):
        submit(make_post(), parent=elsewhere)


def test_a_reply_to_a_trashed_comment_is_refused(make_post, make_comment):
    post = make_post()
    trashed = services.moderate_comment(
        comment=make_comment(post=post), status=Comment.Status.TRASH
    )

    with pytest.raises(services.CommentRejected, match="not there"):
        submit(post, parent=trashed)


def test_the_same_submission_twice_is_stored_once(make_post):
    post = make_post()

    first = submit(post, body="Twice?")
    again = submit(post, body="Twice?")
    keyed = submit(post, body="Keyed", submission_key="k-123")
    keyed_again = submit(post, body="Keyed", submission_key="k-123")

    assert first == again and keyed == keyed_again
    assert Comment.objects.count() == 2


def test_comments_close_when_the_writer_closes_them(make_post):
    post = make_post(comments_open=False)

    with pytest.raises(services.CommentRejected, match="closed"):
        submit(post)


def test_comments_close_on_old_posts_when_the_blog_says_so(make_post):
    site = SiteSettings.load()
    site.close_comments_after_days = 30
    site.save()

    with pytest.raises(services.CommentRejected, match="closed"):
        submit(make_post(days_ago=31))
    assert submit(make_post(days_ago=29)).pk


def test_comment_markup_is_sanitised_and_links_are_nofollow(make_post):
    comment = submit(
        make_post(),
        body="*Yes* <script>alert(1)</script> [site](https://example.org) "
        "<img src=x onerror=alert(1)>",
    )

    assert "<em>Yes</em>" in comment.body_html
    assert "<script" not in comment.body_html and "<img" not in comment.body_html
    assert 'rel="nofollow ugc noopener"' in comment.body_html
