"""Fill a Liner Notes database with a large, realistic blog for the benchmark.

    DJANGO_SETTINGS_MODULE=linernotes.settings.base .venv/bin/python bench/fill.py \
        [--posts 10000] [--series 200] [--tags 300] [--seed 1985] [--urls urls.json]
        [--authors 4] [--private 0] [--locked 0] [--pending 0] [--comments 0]
        [--releases 0] [--per-page 10]

Run it on a freshly migrated, empty database. Writers, series, tags, categories
and static pages are created through ``linernotes.posts.services`` and
``linernotes.users.services``. Posts are bulk-created for speed, with exactly what
``services.save_post`` would store: ``body_html`` from ``render_markdown``,
``body_text`` from ``plain_text`` (and ``summary_text`` from ``summarise`` where
the model keeps one), slugs from ``linernotes.core.slugs.base_slug`` made unique the way
``make_slug`` does. The search index fills itself on insert (SQLite's FTS5
triggers; PostgreSQL's expression GIN index). bulk_create sends no signals, so
the page cache generation is bumped once at the end, ``services.refresh_counts``
recounts what the sidebar shows where the services keep counts, and PostgreSQL's
statistics are refreshed with ANALYZE (autovacuum would do it a minute later).

Everything is drawn from one seeded random generator, so two runs with the same
arguments write the same blog, apart from times, which are relative to now.

The options that default to 0 (private, password-protected and pending posts,
comments, releases) add what the benchmark does not measure but a crawl of a
small, varied blog needs (tests/test_crawl.py calls ``fill`` with
``parse_args``); left at 0 they draw nothing, so the benchmark's blog stays the
same. Comments go through ``comments.services.submit_comment`` and releases
through the catalogue's services and ``posts.services.review_release``.

Prints the paths the benchmark requests (a post page, a tag page, a search) as
JSON, and writes them to --urls when given.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from linernotes.catalogue import services as catalogue  # noqa: E402
from linernotes.catalogue.models import Release  # noqa: E402
from linernotes.comments import services as comments  # noqa: E402
from linernotes.comments.models import Comment  # noqa: E402
from linernotes.core import pagecache  # noqa: E402
from linernotes.core.markup import plain_text, render_markdown  # noqa: E402
from linernotes.core.models import SiteSettings  # noqa: E402
from linernotes.core.slugs import base_slug  # noqa: E402
from linernotes.posts import models as posts_models  # noqa: E402
from linernotes.posts import selectors, services  # noqa: E402
from linernotes.posts.models import Category, Page, Post, Series, Tag  # noqa: E402
from linernotes.users.models import User  # noqa: E402
from linernotes.users.roles import Role  # noqa: E402
from linernotes.users.services import create_writer, ensure_roles  # noqa: E402

SEARCH_QUERY = "synth-pop"  # a genre, as a reader would type it

SYLLABLES = (
    "ka lo mi ra ve tan bel cor dun el fa gri hol ith jun kel lum mor nix "
    "oph pra quin ros sil tor ul vin wex yor zal ber cas dov fen"
).split()
NAME_WORDS = (
    "Silver Velvet Midnight Electric Paper Glass Neon Hollow Golden Broken "
    "Northern Crystal Quiet Lunar Wild Static Burning Distant Marble Echo "
    "Violet Iron Summer Winter Harbour Radio Satellite Canyon Ocean Desert "
    "Ghost Tiger Swan Comet Cathedral Garden Engine Mirror Signal Lantern"
).split()
ALBUM_NOUNS = (
    "Dreams Machines Lights Rivers Hearts Stations Horizons Tapes Waves "
    "Shadows Cities Letters Bridges Skies Voices Islands Rooms Streets "
    "Fires Mountains Seasons Frequencies Circles Nights"
).split()
GENRES = (
    "synth-pop new-wave post-punk krautrock ambient soundtrack italo-disco "
    "jazz-fusion soul funk folk dream-pop shoegaze minimal-wave electro "
    "city-pop library-music prog-rock hi-nrg house techno dub reggae "
    "bossa-nova chanson gospel blues bluegrass country power-pop "
    "glam-rock hard-rock heavy-metal hip-hop trip-hop"
).split()
INSTRUMENTS = (
    "analogue synthesizer|drum machine|Fender Rhodes|twelve-string guitar|"
    "fretless bass|string section|Hammond organ|saxophone|vocoder|Mellotron|"
    "slap bass|gated snare|choir|harmonica|steel guitar|tape loop|Moog bass|"
    "piano|glockenspiel|Linn drum"
).split("|")
ADJECTIVES = (
    "shimmering brittle warm glacial wistful swaggering lush sparse tender "
    "restless melancholy euphoric clattering hazy crisp muscular fragile "
    "luminous dusty bittersweet relentless playful brooding sunlit nocturnal "
    "weightless jagged elegant unhurried feverish"
).split()
VERBS = (
    "carries anchors lifts haunts drives frames colours softens sharpens "
    "rescues undercuts propels"
).split()
NOUNS = (
    "chorus bridge verse hook middle eight intro outro coda refrain "
    "arrangement production mix melody groove bassline vocal harmony "
    "lyric sleeve B-side remix edit single"
).split()
PLACES = (
    "Düsseldorf Sheffield Manchester Tokyo Milan Detroit Bristol Glasgow "
    "Berlin Montreal Lagos Kingston Osaka Lyon Reykjavík"
).split()
HEADINGS = [
    "Side one",
    "Side two",
    "How it sounds now",
    "The production",
    "Where to start",
    "The sleeve",
    "Why it matters",
    "Pressings and reissues",
]
SERIES_THEMES = [
    "Great Soundtracks of {year}",
    "One Hit Wonders of {year}",
    "Deep Cuts: {genre}",
    "The {city} Sound",
    "Forgotten B-sides, {year}",
    "Records of {year}",
    "{genre} Essentials",
    "Sleeve Notes: {city}",
]
CATEGORY_TREE = {
    "Reviews": ["Albums", "Singles", "Soundtracks", "Reissues"],
    "Essays": ["History", "Production"],
    "Lists": [],
    "Interviews": [],
    "Notes": [],
}


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def artist_name(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{name(rng)} {name(rng, 3)}"
    if kind < 0.75:
        return f"The {rng.choice(NAME_WORDS)} {rng.choice(ALBUM_NOUNS)}"
    return f"{rng.choice(NAME_WORDS)} {name(rng)}"


def album_title(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(NAME_WORDS)} {rng.choice(ALBUM_NOUNS)}"
    return f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(ALBUM_NOUNS)}"


def sentence(rng: random.Random, artist: str) -> str:
    patterns = [
        "The {adj} {noun} {verb} the whole record, and the {inst} never lets go.",
        "{artist} recorded it in {place} with a borrowed {inst} and a {adj} "
        "sense of timing.",
        "Listen for the {inst} under the second {noun}: {adj}, {adj2} and "
        "mixed almost too low.",
        "Critics at the time called the {noun} {adj}; heard today it is "
        "closer to {adj2}.",
        "It is a {adj} record about {adj2} places, and the {noun} {verb} it "
        "toward something bigger.",
        "By the third track the {inst} has become the lead voice, and the "
        "{noun} simply follows.",
        "Nobody in {place} sounded like this in {year}, least of all {artist}.",
        "The {noun} arrives late, {adj} and unannounced, over a {inst} that "
        "has been waiting all along.",
    ]
    return rng.choice(patterns).format(
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(ADJECTIVES),
        noun=rng.choice(NOUNS),
        verb=rng.choice(VERBS),
        inst=rng.choice(INSTRUMENTS),
        place=rng.choice(PLACES),
        artist=artist,
        year=rng.randint(1965, 1999),
    )


def paragraph(rng: random.Random, artist: str) -> str:
    text = " ".join(sentence(rng, artist) for _ in range(rng.randint(3, 6)))
    if rng.random() < 0.3:
        word = rng.choice(NOUNS)
        text = text.replace(f" {word} ", f" *{word}* ", 1)
    return text


def post_body(rng: random.Random, artist: str, album: str) -> str:
    blocks = [paragraph(rng, artist), paragraph(rng, artist)]
    blocks.append(f"## {rng.choice(HEADINGS)}")
    blocks.append(paragraph(rng, artist))
    tracks = [
        f"{n}. {album_title(rng)} ({rng.randint(2, 7)}:{rng.randint(0, 59):02d})"
        for n in range(1, rng.randint(6, 11))
    ]
    blocks.append("\n".join(tracks))
    blocks.append(paragraph(rng, artist))
    if rng.random() < 0.4:
        blocks.append(f"> {sentence(rng, artist)}")
    blocks.append(
        f"- Label: {name(rng)} Records\n- Format: LP, cassette\n"
        f"- Best track: *{album_title(rng)}*\n- File under: {rng.choice(GENRES)}"
    )
    if rng.random() < 0.3:
        blocks.append(
            f"More about {artist} on [their label's page]"
            f"(https://example.org/{base_slug(artist)}/)."
        )
    return "\n\n".join(blocks) + "\n"


def unique_slug(text: str, taken: set[str]) -> str:
    """services.make_slug's result, with the taken slugs kept in memory."""
    base = base_slug(text)
    slug, n = base, 2
    while slug in taken:
        slug = f"{base[: 200 - len(str(n)) - 1]}-{n}"
        n += 1
    taken.add(slug)
    return slug


def make_series(rng: random.Random, count: int) -> list[Series]:
    titles: list[str] = []
    seen: set[str] = set()
    for _ in range(count * 20):
        if len(titles) == count:
            break
        title = rng.choice(SERIES_THEMES).format(
            year=rng.randint(1965, 1999),
            genre=rng.choice(GENRES).replace("-", " ").title(),
            city=rng.choice(PLACES),
        )
        if title not in seen:
            seen.add(title)
            titles.append(title)
    return [
        services.get_or_create_series(
            title=title,
            description=f"A series of {rng.randint(10, 60)} posts. "
            f"{sentence(rng, name(rng))}",
        )
        for title in titles
    ]


def make_tags(rng: random.Random, count: int) -> list[Tag]:
    names = [genre.replace("-", " ") for genre in GENRES]
    names += [p.lower() for p in PLACES]
    names += [str(year) for year in range(1965, 2000)]
    for _ in range(count * 20):
        if len(names) >= count:
            break
        candidate = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if candidate not in names:
            names.append(candidate)
    return [services.get_or_create_tag(name=n) for n in names[:count]]


def make_categories() -> list[Category]:
    made = []
    for parent_name, children in CATEGORY_TREE.items():
        parent = services.get_or_create_category(name=parent_name)
        made.append(parent)
        made += [
            services.get_or_create_category(name=child, parent=parent)
            for child in children
        ]
    return made


WRITERS = [
    ("mara", "Mara Quill", Role.EDITOR),
    ("joss", "Joss Aldane", Role.AUTHOR),
    ("ines", "Inês Okafor", Role.AUTHOR),
    ("theo", "Theo Brandt", Role.AUTHOR),
    ("ruth", "Ruth Calloway", Role.EDITOR),
    ("kofi", "Kofi Mensah", Role.AUTHOR),
    ("lena", "Lena Sjöberg", Role.AUTHOR),
    ("arlo", "Arlo Vance", Role.AUTHOR),
]


def make_authors(count: int = 4) -> list:
    ensure_roles()
    return [
        create_writer(
            username=u, email=f"{u}@example.org", role=role, display_name=display
        )
        for u, display, role in WRITERS[:count]
    ]


def fill(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    now = timezone.now().replace(microsecond=0)
    started = time.monotonic()
    with transaction.atomic():
        site = SiteSettings.load()
        site.title, site.tagline = "Liner Notes", "Notes on records, in series"
        site.description = "Reviews of albums, singles and soundtracks."
        site.posts_per_page = args.per_page or site.posts_per_page
        site.save()
        authors = make_authors(args.authors)
        series = make_series(rng, args.series)
        tags = make_tags(rng, args.tags)
        categories = make_categories()
        for order, title in enumerate(["About", "Privacy", "Contact"], start=1):
            services.save_page(
                page=Page(
                    title=title,
                    body=paragraph(rng, "Liner Notes"),
                    menu_order=order,
                )
            )
    # Zipf-like popularity: a few tags and series carry many posts, most carry few.
    tag_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(tags))]
    series_weights = [1 / (rank + 1) ** 0.3 for rank in range(len(series))]

    total = args.posts + args.scheduled + args.drafts + extra_post_count(args)
    span = timedelta(days=365 * 10).total_seconds()
    slugs: set[str] = set()
    specs = []
    for i in range(total):
        artist, album = artist_name(rng), album_title(rng)
        body = post_body(rng, artist, album)
        if i < args.posts:
            status = Post.Status.PUBLISHED
            published_at = now - timedelta(seconds=3600 + rng.random() * span)
        elif i < args.posts + args.scheduled:
            status = Post.Status.SCHEDULED
            published_at = now + timedelta(days=7 + 7 * (i - args.posts))
        elif i < args.posts + args.scheduled + args.drafts:
            status = Post.Status.DRAFT
            published_at = None
        else:
            status, published_at = extra_status(i, args, now)
        in_series = rng.random() < 0.7
        specs.append(
            {
                "post": Post(
                    title=f"{artist} – {album}",
                    slug=unique_slug(f"{artist} {album}", slugs),
                    author=rng.choice(authors),
                    body=body,
                    status=status,
                    published_at=published_at,
                    series=rng.choices(series, series_weights)[0]
                    if in_series
                    else None,
                    sticky=i == 0,
                    password="liner" if extra_kind(i, args) == "locked" else "",
                ),
                "tags": {
                    t.pk for t in rng.choices(tags, tag_weights, k=rng.randint(2, 5))
                },
                "categories": {rng.choice(categories).pk},
            }
        )
    generated = time.monotonic()
    stores_summary = hasattr(posts_models, "summarise")  # newer models keep one
    for spec in specs:
        post = spec["post"]
        post.body_html = render_markdown(post.body)
        post.body_text = plain_text(post.body_html)
        if stores_summary:
            post.summary_text = posts_models.summarise(post.excerpt, post.body_text)
    rendered = time.monotonic()

    # Series parts are numbered in publication order, as next_series_position does.
    positions: dict[int, int] = {}
    dated = sorted(
        (s["post"] for s in specs if s["post"].series is not None),
        key=lambda p: (p.published_at is None, p.published_at or now),
    )
    for post in dated:
        positions[post.series.pk] = positions.get(post.series.pk, 0) + 1
        post.series_position = positions[post.series.pk]

    tag_through, category_through = Post.tags.through, Post.categories.through
    with transaction.atomic():
        for start in range(0, len(specs), 500):
            chunk = specs[start : start + 500]
            Post.objects.bulk_create([s["post"] for s in chunk])
            tag_through.objects.bulk_create(
                tag_through(post_id=s["post"].pk, tag_id=tag_id)
                for s in chunk
                for tag_id in s["tags"]
            )
            category_through.objects.bulk_create(
                category_through(post_id=s["post"].pk, category_id=category_id)
                for s in chunk
                for category_id in s["categories"]
            )
        pagecache.invalidate()
    if args.releases:
        make_releases(random.Random(args.seed + 1), args.releases)
    if args.comments:
        make_comments(random.Random(args.seed + 2), args.comments)
    # bulk_create sends no signals: recount what the sidebar shows, where the
    # services keep counts (refresh_counts also retires cached pages).
    if hasattr(services, "refresh_counts"):
        services.refresh_counts()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stored = time.monotonic()
    return {
        "posts_published": Post.objects.published().count(),
        "posts_total": Post.objects.count(),
        "series": Series.objects.count(),
        "tags": Tag.objects.count(),
        "tag_links": tag_through.objects.count(),
        "seconds": {
            "generate": round(generated - started, 1),
            "render_markdown": round(rendered - generated, 1),
            "store": round(stored - rendered, 1),
        },
    }


def extra_post_count(args: argparse.Namespace) -> int:
    return args.private + args.locked + args.pending


def extra_kind(i: int, args: argparse.Namespace) -> str:
    """Which of the optional kinds post number ``i`` is ("" for the usual ones)."""
    first = args.posts + args.scheduled + args.drafts
    kinds = ["private"] * args.private + ["locked"] * args.locked
    kinds += ["pending"] * args.pending
    return kinds[i - first] if i >= first else ""


def extra_status(i: int, args: argparse.Namespace, now) -> tuple[str, object]:
    """Private and password-protected posts are among the newest, on the
    first page of every list they appear in."""
    kind = extra_kind(i, args)
    if kind == "pending":
        return Post.Status.PENDING, None
    status = Post.Status.PRIVATE if kind == "private" else Post.Status.PUBLISHED
    return status, now - timedelta(minutes=30 * (i - args.posts + 1))


def make_releases(rng: random.Random, count: int) -> None:
    """Releases with credited tracks, each reviewed by a post: most by a public
    one, the last by a post readers cannot see (a draft or a private post), so
    the catalogue's pages have something to leave out. The first artist gets an
    alias, as a confirmed merge leaves one."""
    public = list(Post.objects.published().filter(password="").order_by("pk"))
    hidden = list(Post.objects.exclude(pk__in=Post.objects.published()).order_by("pk"))
    for n in range(count):
        artist = artist_name(rng)
        release = catalogue.create_release(
            title=album_title(rng),
            kind=rng.choice([Release.Kind.ALBUM, Release.Kind.SINGLE]),
            year=rng.randint(1965, 1999),
            label=f"{name(rng)} Records",
            artists=[catalogue.CreditName(artist)],
        )
        listing = "\n".join(
            f"{t}. {album_title(rng)} - {artist if t % 3 else artist_name(rng)}"
            for t in range(1, rng.randint(4, 9))
        )
        catalogue.set_tracks_from_listing(release=release, text=listing)
        reviewers = hidden if n == count - 1 and hidden else public
        services.review_release(post=rng.choice(reviewers), release=release)
        if n == 0:
            catalogue.add_alias(
                artist=release.credits.get().artist, name=f"{artist} Band"
            )


def make_comments(rng: random.Random, count: int) -> None:
    """``count`` threaded comments on the latest readable posts: most approved
    (trusted guests), every fifth held for moderation, some from an account."""
    posts = list(
        Post.objects.published().filter(password="").order_by("-published_at")[:8]
    )
    reader = User.objects.filter(username="bench-crawl-reader").first()
    reader = reader or create_writer(
        username="bench-crawl-reader",
        email="bench-crawl-reader@example.org",
        role=Role.READER,
        display_name="Pat Listener",
    )
    made: dict[int, list[Comment]] = {}
    for i in range(count):
        post = posts[i % len(posts)]
        thread = made.setdefault(post.pk, [])
        by_account = i % 7 == 3
        author = comments.Author(
            name=reader.display_name if by_account else f"Reader {name(rng)}",
            email=reader.email if by_account else f"guest{i}@example.org",
            user=reader if by_account else None,
            trusted=i % 5 != 4,
        )
        parent = rng.choice(thread) if thread and rng.random() < 0.4 else None
        body = " ".join(sentence(rng, name(rng)) for _ in range(rng.randint(1, 3)))
        comment = comments.submit_comment(
            post=post, author=author, body=body, parent=parent
        )
        if comment.status == Comment.Status.APPROVED:
            thread.append(comment)  # a held comment cannot be replied to yet


def pick_urls() -> dict:
    """A typical post (in a series, tagged), the busiest tag, and a search."""
    published = Post.objects.published().exclude(series=None).order_by("published_at")
    middle = published.count() // 2
    post = next(
        (
            p
            for p in published[middle : middle + 100].prefetch_related("tags")
            if len(p.tags.all()) >= 3
        ),
        published.first(),
    )
    tag = max(Tag.objects.all(), key=lambda t: t.posts.count())
    return {
        "home": "/",
        "post": post.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search": f"/search/?q={SEARCH_QUERY.replace(' ', '+')}",
        "tag_posts": tag.posts.count(),
        "search_results": len(selectors.search_posts(SEARCH_QUERY)),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="published posts")
    parser.add_argument("--scheduled", type=int, default=3)
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--tags", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1985)
    parser.add_argument("--urls", type=Path, help="write the chosen paths here")
    parser.add_argument("--authors", type=int, default=4, choices=range(1, 9))
    parser.add_argument("--private", type=int, default=0, help="private posts")
    parser.add_argument("--locked", type=int, default=0, help="with a password")
    parser.add_argument("--pending", type=int, default=0, help="pending review")
    parser.add_argument("--comments", type=int, default=0, help="on 8 latest posts")
    parser.add_argument("--releases", type=int, default=0, help="each reviewed")
    parser.add_argument("--per-page", type=int, help="posts per list page")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if Post.objects.exists():
        sys.exit("fill.py expects an empty, freshly migrated database.")
    summary = fill(args)
    urls = pick_urls()
    summary["database"] = connection.vendor
    summary["urls"] = urls
    if args.urls:
        args.urls.write_text(json.dumps(urls, indent=2) + "\n")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
