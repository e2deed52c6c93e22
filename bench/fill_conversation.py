"""Give the benchmark's blog a conversation: run after bench/fill.py.

    DJANGO_SETTINGS_MODULE=linernotes.settings.base .venv/bin/python \
        bench/fill_conversation.py --urls urls.json [--long 1000] [--seed 1985]

The post bench/fill.py picked for the "post" measurement gets 18 threaded comments
(four threads, up to three levels deep) and likes on the post and on comments,
like the demo's Rocky IV review. A second published post gets ``--long`` comments
(1,000 by default) for the "post-1000" measurement, and a third one receives the
guest comments the "comment" measurement posts through the real form.

Everything goes through the services readers' requests use
(``comments.services.submit_comment``, ``likes.services.set_post_like`` …), with
the blog's moderation set to "publish at once" while filling and put back to the
default ("hold a guest's first comment") afterwards, so the posting measurement
runs with moderation on. The chosen paths are added to --urls.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from linernotes.comments import services as comments  # noqa: E402
from linernotes.core.models import SiteSettings  # noqa: E402
from linernotes.likes import services as likes  # noqa: E402
from linernotes.posts.models import Post  # noqa: E402
from linernotes.users.models import User  # noqa: E402

WORDS = (
    "the bass line on side two still surprises me every time it comes round "
    "I bought this on cassette and wore it out in a summer the drums sound huge "
    "but the vocals sit too far back for my taste that synth solo is pure 1985 "
    "my brother played this in the car until we begged him to stop"
).split()
# Four threads: (depth of each comment in thread order). 18 comments in all.
THREADS = [[0, 1, 2, 1], [0, 1, 1, 2, 2], [0, 1, 2, 2, 1], [0, 1, 1, 1]]


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 20))
    return " ".join(words).capitalize() + "."


def readers(count: int) -> list[User]:
    """Reader accounts that like things (no password: they never sign in)."""
    made = []
    for i in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-reader-{i}",
            defaults={"email": f"bench-reader-{i}@example.org"},
        )
        made.append(user)
    return made


def guest(i: int) -> comments.Author:
    return comments.Author(
        name=f"Reader {i}", email=f"reader-{i}@example.org", trusted=True
    )


def published(comment):
    """The comment as readers see it: one the spam check held is approved, as
    the writer would from the queue (a reply needs its parent published)."""
    if comment.status != comment.Status.APPROVED:
        comment = comments.moderate_comment(
            comment=comment, status=comment.Status.APPROVED
        )
    return comment


def threaded_comments(post: Post, rng: random.Random) -> list:
    made = []
    for thread in THREADS:
        chain = []
        for depth in thread:
            parent = chain[depth - 1] if depth else None
            comment = published(
                comments.submit_comment(
                    post=post,
                    author=guest(len(made)),
                    body=sentence(rng),
                    parent=parent,
                )
            )
            chain[depth:] = [comment]
            made.append(comment)
    return made


def long_conversation(post: Post, count: int, rng: random.Random) -> None:
    """``count`` comments: mostly top-level, a third of them replies."""
    made = []
    for i in range(count):
        parent = rng.choice(made) if made and rng.random() < 0.33 else None
        made.append(
            published(
                comments.submit_comment(
                    post=post, author=guest(i), body=sentence(rng), parent=parent
                )
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=Path, required=True)
    parser.add_argument("--long", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1985)
    args = parser.parse_args()
    urls = json.loads(args.urls.read_text())
    rng = random.Random(args.seed)
    started = time.monotonic()

    published = Post.objects.published()
    post = next(p for p in published if p.get_absolute_url() == urls["post"])
    others = Post.objects.published().exclude(pk=post.pk).order_by("-published_at")
    long_post, target = others[10], others[20]
    if post.comment_count:
        sys.exit("fill_conversation.py has already run on this database.")

    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()
    with transaction.atomic():
        thread = threaded_comments(post, rng)
        likers = readers(12)
        for user in likers:
            likes.set_post_like(post=post, liker=likes.Liker.account(user), liked=True)
        for comment in thread:
            for user in rng.sample(likers, rng.randint(0, 5)):
                likes.set_comment_like(
                    comment=comment, liker=likes.Liker.account(user), liked=True
                )
    with transaction.atomic():
        long_conversation(long_post, args.long, rng)
    site.comment_moderation = SiteSettings.Moderation.HOLD_FIRST
    site.save()

    urls["post-1000"] = long_post.get_absolute_url()
    urls["comment"] = f"/comments/post/{target.pk}/"
    urls["comment_post_pk"] = target.pk
    args.urls.write_text(json.dumps(urls, indent=2) + "\n")
    post.refresh_from_db()
    long_post.refresh_from_db()
    print(
        json.dumps(
            {
                "post_comments": post.comment_count,
                "post_likes": post.like_count,
                "long_post_comments": long_post.comment_count,
                "seconds": round(time.monotonic() - started, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
