"""Who may see, comment on, like or download a post: the one rule.

Every entry point asks here (Zulip's ``access_…`` functions): pages, lists,
feeds, the sitemap, search, the comment, like and download endpoints, the
reader-state endpoint and the music pages. Nothing else writes the rule, in
the ORM, in Python or in SQL.

The rule has two parts.

*Public* (the same for every reader, so it may enter a cached page): the post
is published, or scheduled and due (``published_at`` has passed). A private
post or a draft is never public. A public post with a password is *locked*:
anyone may see that it exists (its title and date in lists and feeds, its page
showing only the password form), but its content is *readable* only to a reader
who unlocked it. Lists, archives, feeds and the sitemap use ``public_q``;
anything that shows or derives from content for everyone (search, the comment
feeds, the catalogue's pages) uses ``readable_q``. Hand-written statements take
``public_sql`` / ``readable_sql``, built from the same constants.

*Per reader* (never in a cached page: these answers go out only on private,
uncached responses): a private post, a draft or a post still to come is
shown to the people who may edit it (its author, editors, administrators); a
locked post's content to a reader whose session unlocked it (``unlock_post``,
rate-limited per post and network) and to those who may edit it.
"""

from __future__ import annotations

import functools
from datetime import datetime
from enum import Enum
from typing import Protocol

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from linernotes.core import ratelimit
from linernotes.core.db import column_list
from linernotes.core.exceptions import RateLimited

# The statuses a public post may have; ``Post.Status`` takes its values from
# here, so this module needs nothing from ``posts.models`` (which calls it).
PUBLISHED = "published"
SCHEDULED = "scheduled"

#: The statuses a public post has; ``published_at`` must also have passed.
PUBLIC_STATUSES: tuple[str, ...] = (PUBLISHED, SCHEDULED)

#: Session key holding the ids of the posts this session unlocked.
UNLOCKED_SESSION_KEY = "linernotes_unlocked_posts"


class Post(Protocol):
    """What the rule reads of a post (``posts.models.Post`` has it all)."""

    pk: int
    author_id: int
    status: str
    published_at: datetime | None
    password: str
    comments_open: bool


class Access(Enum):
    """What a reader gets when asking for a post."""

    NONE = "none"  # answer 404: the post does not exist as far as they know
    LOCKED = "locked"  # the password form only
    CONTENT = "content"  # the whole post


# -- the public part ---------------------------------------------------------


def public_q(prefix: str = "") -> Q:
    """The public condition as a ``Q`` (``prefix`` like ``"post__"`` for a
    relation). Evaluated now: callers build it per query, never at import."""
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_STATUSES,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


def readable_q(prefix: str = "") -> Q:
    """Public and without a password: content anyone may read ("readable")."""
    return public_q(prefix) & Q(**{f"{prefix}password": ""})


def public_sql(alias: str = "") -> tuple[str, list]:
    """The public condition for a hand-written statement: SQL and its params.

    ``alias`` is the table alias of ``posts_post`` in the statement, if any.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return _public_condition(alias), [*PUBLIC_STATUSES, now]


def readable_sql(alias: str = "") -> tuple[str, list]:
    """``readable_q`` for a hand-written statement."""
    sql, params = public_sql(alias)
    return f"{sql} AND {_column('password', alias)} = ''", params


@functools.cache
def _public_condition(alias: str) -> str:
    """Built once per process: it runs on every uncached post page."""
    placeholders = ", ".join(["%s"] * len(PUBLIC_STATUSES))
    status, published = _column("status", alias), _column("published_at", alias)
    return f"{status} IN ({placeholders}) AND {published} <= %s"


def _column(name: str, alias: str) -> str:
    # The model by name: posts.models imports this module.
    return column_list(apps.get_model("posts", "Post"), [name], alias)


def is_public(post: Post) -> bool:
    """``public_q`` for a post in hand."""
    return (
        post.status in PUBLIC_STATUSES
        and post.published_at is not None
        and post.published_at <= timezone.now()
    )


def is_readable(post: Post) -> bool:
    """``readable_q`` for a post in hand."""
    return is_public(post) and not post.password


# -- the per-reader part -----------------------------------------------------


def may_edit(user, post: Post) -> bool:
    """Whether ``user`` may change ``post`` in the desk: its author with the
    right to write posts, or an editor or administrator."""
    if not user.is_authenticated or not user.has_perm("posts.change_post"):
        return False
    return post.author_id == user.pk or user.has_perm("posts.edit_others_posts")


def access_post(request: HttpRequest, post: Post) -> Access:
    """What this reader gets of ``post``: nothing, the password form, or all.

    Reads the session (so the response varies by cookie) only when the public
    part alone does not settle it.
    """
    if is_readable(post):
        return Access.CONTENT
    user = getattr(request, "user", None)
    if user is not None and may_edit(user, post):
        return Access.CONTENT
    if not is_public(post):
        return Access.NONE
    if _unlocked(request, post):
        return Access.CONTENT
    return Access.LOCKED


def may_read(request: HttpRequest, post: Post) -> bool:
    """Whether this reader may see the post's content (and its comments)."""
    return access_post(request, post) is Access.CONTENT


def may_like(request: HttpRequest, post: Post) -> bool:
    """Whether this reader may like the post or one of its comments."""
    return may_read(request, post)


def may_download(request: HttpRequest, post: Post) -> bool:
    """Whether this reader may fetch the post's attachments and body images."""
    return may_read(request, post)


def _fingerprint(post: Post) -> str:
    """What a session keeps of the password it unlocked a post with: changing
    the password locks out every session that knew the old one."""
    return salted_hmac(
        "linernotes.posts.unlock", post.password, algorithm="sha256"
    ).hexdigest()[:24]


def _unlocked(request: HttpRequest, post: Post) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    remembered = session.get(UNLOCKED_SESSION_KEY)
    if not isinstance(remembered, dict):  # absent, or kept by an older version
        return False
    return constant_time_compare(remembered.get(str(post.pk), ""), _fingerprint(post))


def remember_unlocked(session, post: Post) -> None:
    """Note in ``session`` that it unlocked ``post`` with its current password."""
    remembered = session.get(UNLOCKED_SESSION_KEY)
    remembered = dict(remembered) if isinstance(remembered, dict) else {}
    remembered[str(post.pk)] = _fingerprint(post)
    session[UNLOCKED_SESSION_KEY] = remembered


def unlock_post(request: HttpRequest, post: Post, password: str) -> bool:
    """Try ``password`` on a locked post; on success remember it in the session.

    Wrong guesses count per post and per network (an IPv4 /24, an IPv6 /48)
    against ``LINERNOTES_PASSWORD_RATE``, and per post from everywhere against
    ``LINERNOTES_PASSWORD_POST_RATE``. A network over its limit is refused,
    even with the right password, so a guesser learns nothing from a late
    success. While the post as a whole is over its limit (guessing from many
    networks at once), only networks with no wrong guess yet may try: readers
    who know the password still get in, and each guessing network is down to
    one guess a window. Raises ``RateLimited`` when refused.
    """
    network = (
        f"post-password:{post.pk}",
        client_network(ratelimit.client_ip(request)),
        settings.LINERNOTES_PASSWORD_RATE,
    )
    everyone = (
        f"post-password-all:{post.pk}",
        "everyone",
        settings.LINERNOTES_PASSWORD_POST_RATE,
    )
    if not ratelimit.under_limit(*network) or (
        not ratelimit.under_limit(*everyone) and _has_guessed(*network)
    ):
        raise RateLimited("Too many wrong passwords; please try again later.")
    if post.password and constant_time_compare(password, post.password):
        remember_unlocked(request.session, post)
        return True
    ratelimit.hit(*everyone)
    if not ratelimit.hit(*network):
        raise RateLimited("Too many wrong passwords; please try again later.")
    return False


def _has_guessed(scope: str, client: str, rate: str) -> bool:
    """Whether ``client`` made a wrong guess in ``rate``'s current window."""
    _, seconds = ratelimit.parse_rate(rate)
    return not ratelimit.under_limit(scope, client, f"1/{seconds}s")


def client_network(address: str) -> str:
    """The network an address belongs to, for limits a reader cannot dodge by
    changing the last part of their address: IPv4 /24, IPv6 /48
    (``core.ratelimit.client_network``, the one truncation rule)."""
    network = ratelimit.client_network(address)
    return str(network) if network else address
