"""The moderation queue: approve, reply, spam, trash, restore or edit, one by
one from the row or in bulk, and answer a comment from the queue.

Who sees which comments is ``users.roles.moderation_scope``: editors and
administrators every comment, an author those on their own posts while the
blog allows it (``SiteSettings.authors_moderate_comments``, decision 0024).
The list, the filters, the row actions, the decide view and the reply page all
go through it: another author's comment is not in an author's queue, and
posting a decision on it or opening its reply page answers 403.

Each row shows the comment as readers see it (cut after LIST_WORDS words),
who wrote it under which post and when, the spam check's verdict, score and
reasons in words (``comments.moderation``), and its actions as a line of links
in WordPress's order: Approve (or Not spam), Reply, Spam, Trash, Edit. The
decisions are plain form posts (no script needed) to ``decide_view``, which
calls the comments services; a safe ``next`` lets another page of the desk
post there and come back. What each decision teaches the spam model:

- "Approve" and "Not spam" (``ham``) keep the text as a good comment, "Spam"
  as spam (``services.moderate_comment``).
- "Trash" and "Restore" teach nothing and drop what an earlier decision kept.

Trash is this blog's soft delete: readers no longer see the comment, the post's
count drops, and it stays in the "Trash" filter, restorable to the queue, until
``services.purge_discarded_comments`` deletes it
(LINERNOTES_DISCARDED_COMMENT_DAYS after it was trashed, 30 by default). Spam
is kept the same way. Nothing is deleted from here.

"Spam report" counts the reasons of the last 30 days. How many comments wait
is shown on every desk page (``admin/base_site.html``).

One module per concern, so each stays readable on its own:

- ``decisions``: the one-click decisions and which row offers which;
- ``forms``: the reply form and the comment's page;
- ``cells``: how a row shows the comment, its spam check and its actions;
- ``pages``: the pages beside the list (decide, reply, spam report);
- ``comment``: ``CommentAdmin`` itself (the list, permissions, bulk actions).
"""

from .cells import LIST_WORDS
from .comment import CommentAdmin, SpamVerdictFilter
from .decisions import DECISIONS, ROW_ACTIONS, Decision
from .forms import CommentEditForm, ReplyForm
from .pages import REPORT_DAYS

__all__ = [
    "DECISIONS",
    "LIST_WORDS",
    "REPORT_DAYS",
    "ROW_ACTIONS",
    "CommentAdmin",
    "CommentEditForm",
    "Decision",
    "ReplyForm",
    "SpamVerdictFilter",
]
