"""Builders for comments, through the comments service."""

from linernotes.comments import services
from linernotes.comments.models import Comment


def make_comment(
    *,
    post,
    body: str = "Great pick.",
    name: str = "Rae",
    email: str = "rae@example.org",
    parent: Comment | None = None,
    approved: bool = True,
    **fields,
) -> Comment:
    comment = services.submit_comment(
        post=post,
        author=services.Author(name=name, email=email, trusted=approved),
        body=body,
        parent=parent,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )
    if approved and comment.status != Comment.Status.APPROVED:
        comment = services.moderate_comment(
            comment=comment, status=Comment.Status.APPROVED
        )
    return comment


def make_conversation(*, post, threads: int, replies: int = 0) -> list[Comment]:
    """``threads`` approved top-level comments, each with ``replies`` approved
    replies, written in bulk (thousands in a second) with valid thread paths.

    Bypasses the service on purpose: only for building large threads fast.
    """
    Comment.objects.bulk_create(
        Comment(
            post=post,
            author_name=f"Reader {n}",
            author_email=f"reader{n}@example.org",
            body=f"Thread {n} opens here.",
            body_html=f"<p>Thread {n} opens here.</p>",
            status=Comment.Status.APPROVED,
        )
        for n in range(threads)
    )
    roots = list(Comment.objects.filter(post=post, thread_path="").order_by("pk"))
    for root in roots:
        root.thread_path = f"{root.pk:010d}"
    Comment.objects.bulk_update(roots, ["thread_path"], batch_size=500)
    Comment.objects.bulk_create(
        Comment(
            post=post,
            parent=root,
            depth=1,
            author_name=f"Replier {r}",
            author_email=f"replier{r}@example.org",
            body=f"Reply {r} to {root.pk}.",
            body_html=f"<p>Reply {r} to {root.pk}.</p>",
            status=Comment.Status.APPROVED,
        )
        for root in roots
        for r in range(replies)
    )
    children = list(
        Comment.objects.filter(post=post, thread_path="").select_related("parent")
    )
    for child in children:
        child.thread_path = f"{child.parent.thread_path}.{child.pk:010d}"
    Comment.objects.bulk_update(children, ["thread_path"], batch_size=500)
    post.comment_count = Comment.objects.approved().filter(post=post).count()
    type(post).objects.filter(pk=post.pk).update(comment_count=post.comment_count)
    return list(Comment.objects.filter(post=post).order_by("thread_path"))
