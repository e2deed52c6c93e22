"""Demo content: a small blog that shows every feature, loaded through services.

Every item is looked up by its slug first, so loading twice changes nothing.
"""

from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from linernotes.catalogue import services as catalogue
from linernotes.catalogue.models import Release
from linernotes.comments import services as comments
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.core.slugs import base_slug
from linernotes.likes import services as likes
from linernotes.likes.models import Like
from linernotes.posts import services as posts
from linernotes.posts.models import Page, Post
from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer, ensure_roles

from . import content

# Two short sketches synthesised for the demo (scripts/make_demo_audio.py, see
# README.md here): the review's page shows them as a playlist in its player.
DEMO_AUDIO = Path(__file__).resolve().parent
SKETCHES = [
    ("montage-sketch.mp3", "Montage sketch", "audio/mpeg"),
    ("night-drive-sketch.ogg", "Night drive sketch", "audio/ogg"),
]
DEMO_AUTHOR = "mara"
SERIES_1985 = "Great Soundtracks of 1985"
SERIES_ONE_HIT = "One Hit Wonders of 1985"


@transaction.atomic
def load_demo(now: datetime | None = None) -> int:
    """Load the demo blog; returns how many posts and pages were created."""
    now = now or timezone.now()
    ensure_roles()
    author = _author()
    with posts.batch():
        _site_settings()
        created = sum(_page(**page) for page in _pages())
        for spec in _posts(now):
            created += _post(author=author, **spec)
        created += _music()
    created += _conversation()
    created += _likes()
    return created


def _conversation() -> int:
    """A lively thread under the Rocky IV review, approved as a writer would."""
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    if Comment.objects.filter(post=rocky).exists():
        return 0
    made: dict[str, Comment] = {}
    for key, parent, name, words in content.ROCKY_IV_THREAD:
        email = f"{name.split()[0].lower()}@example.org"
        comment = comments.submit_comment(
            post=rocky, author=comments.Author(name=name, email=email, trusted=True),
            body=words, parent=made.get(parent), user_agent="Liner Notes demo",
        )  # fmt: skip
        made[key] = comments.moderate_comment(
            comment=comment, status=Comment.Status.APPROVED
        )
    return 1


def _likes() -> int:
    """Readers' likes on the review and on the thread, from demo reader accounts."""
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    if Like.objects.filter(post=rocky).exists():
        return 0
    readers = {name: _reader(name) for name in content.ROCKY_IV_POST_LIKERS}
    for name in content.ROCKY_IV_POST_LIKERS:
        likes.set_post_like(
            post=rocky, liker=likes.Liker.account(readers[name]), liked=True
        )
    thread = {
        (c.author_name, c.body): c
        for c in Comment.objects.filter(post=rocky, status=Comment.Status.APPROVED)
    }
    by_key = {
        key: thread[(name, words)]
        for key, _, name, words in content.ROCKY_IV_THREAD
        if (name, words) in thread
    }
    for key, names in content.ROCKY_IV_COMMENT_LIKES.items():
        for name in names:
            reader = readers.get(name) or _reader(name)
            likes.set_comment_like(
                comment=by_key[key], liker=likes.Liker.account(reader), liked=True
            )
    return 1


def _reader(name: str) -> User:
    """A reader account for a demo name; the writer likes as herself."""
    if name == "Mara Quill":
        return User.objects.get(username=DEMO_AUTHOR)
    username = base_slug(name).replace("-", "")
    return User.objects.filter(username=username).first() or create_writer(
        username=username,
        email=f"{username}@example.org",
        role=Role.READER,
        display_name=name,
    )


def _music() -> int:
    """The Rocky IV soundtrack and Paul Hardcastle's 19 as catalogue data."""
    if Release.objects.filter(title__startswith="Rocky IV").exists():
        return 0
    rocky = catalogue.create_release(
        title="Rocky IV: Original Motion Picture Soundtrack",
        kind=Release.Kind.SOUNDTRACK, year=1985, label="Scotti Bros.",
        film="Rocky IV",
    )  # fmt: skip
    catalogue.set_tracks_from_listing(release=rocky, text=content.ROCKY_IV_LISTING)
    nineteen = catalogue.create_release(
        title="19", kind=Release.Kind.SINGLE, year=1985, label="Chrysalis",
        artists=[catalogue.CreditName("Paul Hardcastle")],
    )  # fmt: skip
    catalogue.set_tracks_from_listing(release=nineteen, text="1. 19 - Paul Hardcastle")
    posts.review_release(
        post=Post.objects.get(slug="rocky-iv-soundtrack-1985"), release=rocky,
        standout_titles=["Hearts on Fire", "War", "No Easy Way Out"],
    )  # fmt: skip
    posts.review_release(
        post=Post.objects.get(slug="paul-hardcastle-19"), release=nineteen
    )
    return 2


def _author() -> User:
    user = User.objects.filter(username=DEMO_AUTHOR).first()
    return user or create_writer(
        username=DEMO_AUTHOR,
        email="mara@example.org",
        role=Role.EDITOR,
        display_name="Mara Quill",
    )


def _site_settings() -> None:
    settings = SiteSettings.load()
    if settings.description:
        return
    settings.title = "Liner Notes"
    settings.tagline = "Soundtracks, one-hit wonders and the records of a year"
    settings.description = (
        "Reviews of soundtracks and singles, in series, with track listings."
    )
    settings.footer_text = "Liner Notes demo blog"
    settings.save()


def _pages() -> list[dict]:
    return [
        {
            "title": "About",
            "slug": "about",
            "body": content.ABOUT_BODY,
            "menu_order": 1,
        },
        {
            "title": "Privacy",
            "slug": "privacy",
            "body": content.PRIVACY_BODY,
            "menu_order": 2,
        },
    ]


def _page(**fields) -> bool:
    if Page.objects.filter(slug=fields["slug"]).exists():
        return False
    posts.save_page(page=Page(**fields))
    return True


def _posts(now: datetime) -> list[dict]:
    day = timedelta(days=1)
    soundtracks = ["Reviews", "Soundtracks"]
    return [
        {
            "title": "Welcome to Liner Notes",
            "body": content.WELCOME_BODY,
            "published_at": now - 30 * day,
            "categories": [["Notes"]],
            "tags": ["meta"],
        },
        {
            "title": "Back to the Future (1985)",
            "body": content.BACK_TO_THE_FUTURE_BODY,
            "published_at": now - 14 * day,
            "series": SERIES_1985,
            "categories": [soundtracks],
            "tags": ["1985", "soundtrack", "Huey Lewis and the News"],
            "excerpt": "Huey Lewis, a DeLorean and a school dance: "
            "part one of the series.",
        },
        {
            "title": "Paul Hardcastle – 19",
            "body": content.PAUL_HARDCASTLE_BODY,
            "published_at": now - 10 * day,
            "series": SERIES_ONE_HIT,
            "categories": [["Reviews", "Singles"]],
            "tags": ["1985", "electro"],
        },
        {
            "title": "Rocky IV: Original Motion Picture Soundtrack (1985)",
            "slug": "rocky-iv-soundtrack-1985",
            "body": content.ROCKY_IV_BODY,
            "published_at": now - 3 * day,
            "series": SERIES_1985,
            "categories": [soundtracks],
            "tags": ["1985", "soundtrack", "Survivor", "Vince DiCola", "synth"],
            "excerpt": "Ten tracks, one enormous drum sound, and a training montage "
            "that "
            "runs the film: part two of Great Soundtracks of 1985.",
            "cover": ("rocky-iv-cover.jpg", _rocky_cover),
            "downloads": [
                *SKETCHES,
                ("rocky-iv-listening-guide.txt", "Rocky IV listening guide (free)"),
            ],
            "sticky": True,
        },
        {
            "title": "St. Elmo's Fire (1985)",
            "body": content.ST_ELMOS_FIRE_BODY,
            "published_at": (now + 3 * day).replace(
                hour=9, minute=0, second=0, microsecond=0
            ),
            "series": SERIES_1985,
            "categories": [soundtracks],
            "tags": ["1985", "soundtrack"],
            "status": Post.Status.SCHEDULED,
        },
    ]


def _post(
    *,
    author: User,
    title: str,
    categories: list[list[str]],
    tags: list[str],
    series: str | None = None,
    cover=None,
    downloads=(),
    **fields,
) -> bool:
    slug = fields.pop("slug", None) or base_slug(title)
    if Post.objects.filter(slug=slug).exists():
        return False
    post = Post(
        title=title,
        slug=slug,
        status=fields.pop("status", Post.Status.PUBLISHED),
        series=posts.get_or_create_series(title=series) if series else None,
        **fields,
    )
    if cover:
        # Drawn only when the post is new: a second `demo` run draws nothing.
        post.cover = SimpleUploadedFile(cover[0], cover[1](), content_type="image/jpeg")
        post.cover_alt = "A red and blue abstract cover in the style of a fight poster"
    posts.save_post_as(
        editor=author,
        post=post,
        tags=[posts.get_or_create_tag(name=name) for name in tags],
        categories=[_category_path(path) for path in categories],
    )
    for name, title, *kind in downloads:
        upload = SimpleUploadedFile(name, _download(name), *kind or ["text/plain"])
        posts.attach_file(post=post, upload=upload, title=title)
    return True


def _download(name: str) -> bytes:
    """A demo attachment's bytes: the listening guide is written out from
    ``content``, the sketches are files beside this module."""
    if name == "rocky-iv-listening-guide.txt":
        return content.LISTENING_GUIDE.encode()
    return (DEMO_AUDIO / name).read_bytes()


def _category_path(path: list[str]):
    parent = None
    for name in path:
        parent = posts.get_or_create_category(name=name, parent=parent)
    return parent


def _rocky_cover() -> bytes:
    return _cover_image((164, 24, 24), (20, 40, 110))


def _cover_image(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> bytes:
    """A generated poster-like cover, so the demo ships no third-party artwork."""
    width, height = 1200, 1200
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)
            ),
        )
    draw.rectangle([90, 90, width - 90, height - 90], outline=(245, 238, 225), width=14)
    draw.text((150, 150), "IV", fill=(245, 238, 225), font_size=420)
    draw.text(
        (160, 980), "1985  ·  ORIGINAL SOUNDTRACK", fill=(245, 238, 225), font_size=56
    )
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
