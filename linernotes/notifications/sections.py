"""The "follow new comments by email" form under each post (posts.extensions)."""

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from linernotes.core.routing import reverse_cached
from linernotes.posts.access import is_readable
from linernotes.posts.models import Post

# The same for every post but its id: filled in with str.format rather than
# rendered through a template on every uncached post page (decision 0013).
FORM = """<form class="follow-comments" method="post" action="{action}">
  <input type="hidden" name="kind" value="comments">
  <input type="hidden" name="post" value="{pk}">
  <label for="follow-comments-email">Follow new comments on this post by email</label>
  <span class="follow-comments-row">
    <input id="follow-comments-email" type="email" name="email" required \
maxlength="254" autocomplete="email" placeholder="you@example.org">
    <button type="submit">Follow</button>
  </span>
  <small>You confirm first; every mail has a one-click unsubscribe link.</small>
</form>
"""


def follow_comments_section(request: HttpRequest, post: Post) -> SafeString:
    """A plain form with no token and nothing about the reader: cacheable.

    None for a post not everyone may read: the subscribe form refuses it, since
    followers get its comments by mail without having given its password.
    """
    if not is_readable(post):
        return mark_safe("")  # noqa: S308 - empty
    action = reverse_cached("notifications:subscribe")
    return mark_safe(FORM.format(action=action, pk=int(post.pk)))  # noqa: S308 - a constant with a URL and a number
