"""Write large, realistic WordPress exports (WXR 1.2) for the import's scale tests.

The benchmark (``bench/wxr_generate.py``, ``bench/import_wordpress.py``) and the
memory test need a file of 10,000 posts and 100,000 comments that looks like a
music blog's years on WordPress, and they need to know what it holds without
trusting the code under test to count it. So the writer streams the file to disk
item by item (its own memory does not grow with the file) and keeps its own
tally in the import report's shape, to compare with what ``check_wxr`` and the
importer say.

What a file holds, all drawn from one seeded generator (same arguments, same
bytes): five authors; nested categories, including a run of "Great Soundtracks:
…" categories a series option can pick up; a few hundred tags used Zipf-like;
posts in every status (drafts with WordPress's zero GMT date), a few sticky and
password-protected ones, post formats; nested pages; attachments with and
without a parent post; bodies of classic (blank-line) and block markup with a
YouTube URL alone on a line or a "1. Artist - Title" track listing in some;
non-ASCII titles and slugs (percent-encoded the way WordPress stores them);
comments threaded up to eight levels, with pingbacks, trackbacks, pending, spam
and trash, some on pages and attachments.
"""

from __future__ import annotations

import io
import random
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from os import PathLike
from typing import Any, BinaryIO
from urllib.parse import quote

SITE = "https://liner.example"
MAX_DEPTH = 8
SERIES_PREFIX = "Great Soundtracks"
SERIES_GLOB = SERIES_PREFIX + "*"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
ZERO_DATE = "0000-00-00 00:00:00"
# Comment plans number attachments from here (posts and pages come first).
_ATTACHMENT_OFFSET = 10_000_000

AUTHORS = [
    ("marta", "Marta Vinyl", "Marta", "Vinyl"),
    ("theo", "Théo Lefèvre", "Théo", "Lefèvre"),
    ("kenji", "坂本 健二", "健二", "坂本"),
    ("olga", "Ольга Смирнова", "Ольга", "Смирнова"),
    ("sam", "Sam O'Neill", "Sam", "O'Neill"),
]
AUTHOR_WEIGHTS = [40, 25, 15, 12, 8]

# (name, parent name or "") in parent-first order, as WordPress exports them.
CATEGORIES = [
    ("Reviews", ""),
    ("Albums", "Reviews"),
    ("Jazz", "Albums"),
    ("Electronic", "Albums"),
    ("Rock & Pop", "Albums"),
    ("Folk", "Albums"),
    ("Hip-hop", "Albums"),
    ("Classical", "Albums"),
    ("Live", "Reviews"),
    ("Reissues", "Reviews"),
    ("Features", ""),
    ("Interviews", "Features"),
    ("Lists", "Features"),
    ("Crate digging", "Features"),
    ("News", ""),
    ("Musique du monde", ""),
    ("Música brasileira", "Musique du monde"),
    ("Afrobeat", "Musique du monde"),
    ("Soundtracks", ""),
    ("Uncategorized", ""),
]
SERIES_THEMES = [
    "Westerns",
    "Giallo",
    "Science fiction",
    "Noir",
    "Animation",
    "Horror",
    "Road movies",
    "Documentaries",
    "Musicals",
    "Silent films",
    "Anime",
    "Bollywood",
    "Nouvelle Vague",
    "Heist films",
    "Sports films",
    "War films",
    "Video games",
    "Television",
    "Romance",
    "Thrillers",
]
FORMATS = [("post-format-audio", "Audio"), ("post-format-video", "Video")]

WORDS = (
    "the record sound side track bass drum groove vinyl pressing sleeve label "
    "melody chorus verse bridge album band singer guitar piano synth tape studio "
    "producer mix master live tour crowd night summer winter city radio single "
    "b-side remix jazz soul funk folk ambient drone noise pop rock punk disco "
    "house techno dub reggae blues gospel orchestra strings horns brass reed "
    "rhythm tempo swing shuffle slow fast loud quiet warm cold bright dark "
    "listen hear play spin turn drop fade open close start end first last "
    "years ago again still never always maybe almost quite rather very more "
    "less and but or so because while when where which that this with from "
    "into over under about after before between through without against "
    "a an of in on at to for by is was were are be been has had have it its "
    "their our your my his her we they you i one two three four five"
).split()
NAMES = (
    "Ana Ben Carla Dmitri Elif Farah Gus Hana Ivo Jonas Kemi Lars Mina Nico "
    "Omar Pia Quinn Rosa Sven Tomás Uma Vera Wim Xiu Yusuf Zoé Ágnes Björn "
    "Chloé Déborah Émile François Jürgen Łukasz Niamh Søren Zoë 陽子 Иван Αλέξης"
).split()
SURNAMES = (
    "Adams Brown Costa Diaz Evans Fischer García Hoffmann Ivanova Jensen Kowalski "
    "López Müller Nakamura O'Brien Petrović Quintero Rossi Schmidt Tanaka "
    "Ueda Varga Weber Xu Yamamoto Zielińska Ørsted Çelik Đorđević"
).split()
ARTISTS = (
    "Ennio Morricone|Sigur Rós|Björk|Mötley Crüe|Fela Kuti|Caetano Veloso|"
    "坂本龍一|Кино|Tinariwen|Os Mutantes|Vangelis|Goblin|Bernard Herrmann|"
    "Wendy Carlos|Alice Coltrane|Can|Neu!|Kraftwerk|Nina Simone|Joni Mitchell|"
    "Khruangbin|Mulatu Astatke|Ryuichi Sakamoto|Jóhann Jóhannsson|Ólafur Arnalds|"
    "Hildur Guðnadóttir|Mica Levi|Clint Mansell|Cliff Martinez|Goldfrapp"
).split("|")
TITLE_WORDS = (
    "Blue Night Summer Fire Glass River Echo Velvet Paper Moon Static Gold Salt "
    "Harbour Signal Ghost Mirror Electric Quiet Hollow Neon Silver Desert Rain"
).split()
NON_ASCII_TITLES = [
    "Sigur Rós — Ágætis byrjun, twenty years on",
    "Björk’s Homogenic: ice and strings",
    "Mötley Crüe and the umlaut problem",
    "坂本龍一「async」を聴く",
    "Кино: Группа крови",
    "Caetano Veloso – Transa (1972)",
    "Jóhann Jóhannsson: Orphée",
    "Fela Kuti: “Zombie” at 45",
    "Ólafur Arnalds live in Reykjavík",
    "Αλέξης and the rebetiko records",
    "Hildur Guðnadóttir’s Chernobyl",
    "Tinariwen — ⵜⵉⵏⴰⵔⵉⵡⴻⵏ in the desert",
]
YOUTUBE_IDS = [
    "dQw4w9WgXcQ",
    "3JZ_D3ELwOQ",
    "kJQP7kiw5Fk",
    "fJ9rUzIMcZQ",
    "L_jWHffIx5E",
]
SPAM_WORDS = "cheap pills casino replica watches loans crypto bonus free winner".split()


@dataclass
class GeneratedWxr:
    """What a generated file holds, counted as it was written.

    ``report()`` has the keys and meaning of the import report's file part
    (``WxrSummary.as_report()``), so a test compares the two directly.
    ``zero_date_items`` counts the drafts exported with a zero GMT date, each of
    which the check reports in one warning.
    """

    path: str = ""
    bytes: int = 0
    items: defaultdict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    posts: int = 0
    pages: int = 0
    attachments: int = 0
    authors: int = 0
    categories: int = 0
    tags: int = 0
    terms: int = 0
    sticky: int = 0
    password_protected: int = 0
    comments: Counter[str] = field(default_factory=Counter)
    max_depth: int = 0
    zero_date_items: int = 0
    series_categories: int = 0

    def report(self) -> dict[str, Any]:
        return {
            "items": {kind: dict(statuses) for kind, statuses in self.items.items()},
            "posts": self.posts,
            "pages": self.pages,
            "attachments": self.attachments,
            "authors": self.authors,
            "categories": self.categories,
            "tags": self.tags,
            "terms": self.terms,
            "sticky": self.sticky,
            "password_protected": self.password_protected,
            "comments": {
                key: self.comments[key]
                for key in (
                    "total",
                    "approved",
                    "pending",
                    "spam",
                    "trash",
                    "pingbacks",
                    "trackbacks",
                )
            }
            | {"max_depth": self.max_depth},
        }


def write_wxr(
    target: str | PathLike[str] | BinaryIO,
    *,
    posts: int = 10_000,
    comments: int = 100_000,
    pages: int = 12,
    tags: int = 300,
    seed: int = 1985,
) -> GeneratedWxr:
    """Write a WXR 1.2 file of ``posts`` posts and ``comments`` comments to ``target``.

    ``target`` is a path or a binary stream. Attachments (one for about every
    eight posts) and pages come on top of ``posts``; ``comments`` counts every
    ``wp:comment`` in the file, pingbacks, trackbacks, spam and trash included.
    """
    if hasattr(target, "write"):
        return _Writer(target, seed).write(posts, comments, pages, tags)
    with open(target, "wb") as stream:
        tally = _Writer(stream, seed).write(posts, comments, pages, tags)
    tally.path = str(target)
    return tally


def cdata(text: str) -> str:
    """``text`` as CDATA, split where it contains ``]]>`` as WordPress does."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _Writer:
    def __init__(self, stream: BinaryIO, seed: int) -> None:
        self.raw = stream
        self.out = io.TextIOWrapper(
            stream, encoding="utf-8", newline="\n", write_through=False
        )
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.tally = GeneratedWxr()
        self.next_id = 100
        self.next_comment_id = 1
        self.commenters = self._commenters(2_000)
        self.written = 0
        self.comment_clock = datetime(2008, 3, 2, tzinfo=UTC)

    # -- the file ---------------------------------------------------------

    def write(self, posts: int, comments: int, pages: int, tags: int) -> GeneratedWxr:
        rng = self.rng
        self._emit(_HEAD)
        for number, (login, display, first, last) in enumerate(AUTHORS, 1):
            self._emit(
                f"\t<wp:author><wp:author_id>{number}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(login + '@liner.example')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(display)}</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(last)}</wp:author_last_name>"
                "</wp:author>\n"
            )
            self.tally.authors += 1
        self.category_slugs = self._write_categories()
        self.tag_names = self._write_tags(tags)
        term_id = 9_000
        for slug, name in FORMATS:
            term_id += 1
            self._emit(
                f"\t<wp:term><wp:term_id>{term_id}</wp:term_id>"
                f"<wp:term_taxonomy>{cdata('post_format')}</wp:term_taxonomy>"
                f"<wp:term_slug>{cdata(slug)}</wp:term_slug>"
                f"<wp:term_parent>{cdata('')}</wp:term_parent>"
                f"<wp:term_name>{cdata(name)}</wp:term_name></wp:term>\n"
            )
            self.tally.terms += 1
        self._emit("\n\t<generator>https://wordpress.org/?v=6.4.2</generator>\n\n")

        start = datetime(2008, 3, 1, 9, 0, tzinfo=UTC)
        span = (datetime(2024, 11, 30, tzinfo=UTC) - start).total_seconds()
        self.posts_total = posts
        statuses = self._statuses(posts)
        commented = self._comment_plan(statuses, pages, comments)
        page_ids: list[tuple[int, str]] = []
        for number in range(pages):
            page_ids.append(self._page(number, page_ids, commented))
        for number in range(posts):
            when = start + timedelta(seconds=span * number / max(posts, 1))
            when += timedelta(minutes=rng.randrange(0, 600))
            post_id, link = self._post(number, statuses[number], when, commented)
            if number % 8 == 3:
                self._attachment(when, post_id, link, commented)
        for _ in range(max(posts // 200, 1)):
            self._attachment(start, 0, "", commented)
        self._emit("</channel>\n</rss>\n")
        self.out.flush()
        self.out.detach()
        self.tally.bytes = self.written
        return self.tally

    def _emit(self, text: str) -> None:
        self.out.write(text)
        self.written += len(text.encode("utf-8")) if not text.isascii() else len(text)

    # -- terms ------------------------------------------------------------

    def _write_categories(self) -> list[tuple[str, str]]:
        slugs: dict[str, str] = {}
        term_id = 1
        names = list(CATEGORIES) + [
            (f"{SERIES_PREFIX}: {theme}", "Soundtracks") for theme in SERIES_THEMES
        ]
        for name, parent in names:
            term_id += 1
            slug = wp_slug(name)
            slugs[name] = slug
            self._emit(
                f"\t<wp:category><wp:term_id>{term_id}</wp:term_id>"
                f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                f"<wp:category_parent>{cdata(slugs.get(parent, ''))}"
                "</wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
            self.tally.categories += 1
        self.tally.series_categories = len(SERIES_THEMES)
        return [(name, slugs[name]) for name, _parent in names]

    def _write_tags(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        made: list[tuple[str, str]] = []
        seen: set[str] = set()
        pool = [a.lower() for a in ARTISTS] + [w for w in WORDS if len(w) > 3]
        while len(made) < count:
            name = rng.choice(pool)
            if rng.random() < 0.6:
                name = f"{name} {rng.choice(WORDS)}"
            slug = wp_slug(name)
            if slug in seen:
                continue
            seen.add(slug)
            made.append((name, slug))
            self._emit(
                f"\t<wp:tag><wp:term_id>{1_000 + len(made)}</wp:term_id>"
                f"<wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
            )
            self.tally.tags += 1
        return made

    # -- items ------------------------------------------------------------

    def _statuses(self, posts: int) -> list[str]:
        weights = {
            "publish": 930,
            "draft": 40,
            "future": 8,
            "pending": 10,
            "private": 12,
        }
        statuses = self.rng.choices(list(weights), list(weights.values()), k=posts)
        # Every status at least once, however few posts are asked for.
        for number, status in enumerate(weights, 4):
            if number < posts:
                statuses[number] = status
        return statuses

    def _comment_plan(
        self, statuses: list[str], pages: int, comments: int
    ) -> Counter[int]:
        """How many comments each item gets: a few posts draw most of them.

        Targets are numbered posts first (0 … posts-1), then pages, then a
        handful of attachments (by their order among attachments, offset).
        Drafts, pending and scheduled posts get none; private ones may.
        """
        rng = self.rng
        posts = len(statuses)
        targets = posts + pages
        weights = [
            1.0 / (1 + (i * 7919 % max(posts, 1)) ** 0.6)
            if status in ("publish", "private")
            else 0.0
            for i, status in enumerate(statuses)
        ]
        weights += [0.002] * pages
        plan = Counter(rng.choices(range(targets), weights, k=comments))
        # Comments on attachments: move a few from posts, keeping the total.
        attachments = posts // 8 + max(posts // 200, 1)
        moved = min(comments // 500, attachments)
        donors = [t for t, n in plan.most_common(moved) if n > 1]
        for number, donor in enumerate(donors):
            plan[donor] -= 1
            plan[_ATTACHMENT_OFFSET + number] += 1
        return plan

    def _post(
        self, number: int, status: str, when: datetime, plan: Counter[int]
    ) -> tuple[int, str]:
        rng = self.rng
        post_id = self._new_id()
        if number % 40 == 7:
            title = rng.choice(NON_ASCII_TITLES)
        else:
            title = self._title()
        slug = wp_slug(title) or f"post-{post_id}"
        if number % 97 == 5:
            slug = f"{slug}-{post_id}"
        gmt = when
        local = when + timedelta(hours=1)
        link = f"{SITE}/{when:%Y/%m/%d}/{slug}/"
        post_date_gmt = _date(gmt)
        if status in ("draft", "pending"):
            link = f"{SITE}/?p={post_id}"
            if status == "draft":
                post_date_gmt = ZERO_DATE
                self.tally.zero_date_items += 1
        if status == "future":
            gmt = datetime(2027, 1, 1, tzinfo=UTC) + timedelta(days=number % 300)
            local = gmt + timedelta(hours=1)
            post_date_gmt = _date(gmt)
        creator = rng.choices(AUTHORS, AUTHOR_WEIGHTS)[0][0]
        terms = self._item_terms(number)
        password = "sidebside" if number % 150 == 11 else ""
        sticky = number in (0, 1, 2) and status == "publish"
        meta = [("_edit_last", "1")]
        if number % 9 == 0:
            meta.append(("_wp_old_slug", f"draft-{post_id}"))
        if number % 13 == 0:
            meta.append(("_thumbnail_id", str(post_id + 1)))
        if number % 5 == 0:
            meta.append(("rating", str(rng.randint(1, 5))))
        body = self._body(number)
        excerpt = self._sentence(12) if number % 6 == 0 else ""
        self._item(
            "post",
            post_id,
            status,
            title,
            link,
            when,
            local,
            post_date_gmt,
            creator,
            body,
            excerpt,
            0,
            0,
            slug,
            password,
            sticky,
            terms,
            meta,
            "",
        )
        self._comments(plan.get(number, 0))
        return post_id, link

    def _page(
        self, number: int, earlier: list[tuple[int, str]], plan: Counter[int]
    ) -> tuple[int, str]:
        rng = self.rng
        page_id = self._new_id()
        title = [
            "About",
            "Contact",
            "Archive",
            "Mixtapes",
            "Über uns",
            "Equipment",
            "Record shops",
            "Playlists",
            "FAQ",
            "Colophon",
            "Press",
            "Links",
        ][number % 12] + (f" {number // 12 + 1}" if number >= 12 else "")
        slug = wp_slug(title)
        parent_id, path = 0, ""
        if earlier and number % 4 == 3:
            parent_id, path = earlier[rng.randrange(len(earlier))]
        path = f"{path}{slug}/"
        when = datetime(2008, 3, 1, 12, 0, tzinfo=UTC) + timedelta(days=30 * number)
        status = "draft" if number % 11 == 10 else "publish"
        post_date_gmt = _date(when)
        if status == "draft":
            post_date_gmt = ZERO_DATE
            self.tally.zero_date_items += 1
        body = "\n\n".join(self._paragraph() for _ in range(rng.randint(2, 5)))
        self._item(
            "page",
            page_id,
            status,
            title,
            f"{SITE}/{path}",
            when,
            when + timedelta(hours=1),
            post_date_gmt,
            "marta",
            body,
            "",
            parent_id,
            number,
            slug,
            "",
            False,
            [],
            [("_wp_page_template", "default")],
            "",
        )
        self._comments(plan.get(self.posts_total + number, 0))
        return page_id, path

    def _attachment(
        self, when: datetime, parent_id: int, parent_link: str, plan: Counter[int]
    ) -> None:
        rng = self.rng
        attachment_id = self._new_id()
        number = self.tally.attachments
        name = f"cover-{attachment_id}"
        file = f"{when:%Y/%m}/{name}.jpg"
        url = f"{SITE}/wp-content/uploads/{file}"
        link = (
            f"{parent_link}{name}/"
            if parent_link
            else f"{SITE}/?attachment_id={attachment_id}"
        )
        meta = [
            ("_wp_attached_file", file),
            (
                "_wp_attachment_metadata",
                'a:4:{s:5:"width";i:1200;s:6:"height";i:1200;'
                f's:4:"file";s:{len(file)}:"{file}";s:5:"sizes";a:0:{{}}}}',
            ),
        ]
        if number % 3 == 0:
            meta.append(
                ("_wp_attachment_image_alt", f"Sleeve of {rng.choice(ARTISTS)}")
            )
        self._item(
            "attachment",
            attachment_id,
            "inherit",
            name,
            link,
            when,
            when + timedelta(hours=1),
            _date(when),
            "marta",
            "" if number % 2 else self._sentence(10),
            "",
            parent_id,
            0,
            name,
            "",
            False,
            [],
            meta,
            url,
        )
        self._comments(plan.get(_ATTACHMENT_OFFSET + number, 0))

    def _item(
        self,
        post_type: str,
        post_id: int,
        status: str,
        title: str,
        link: str,
        when: datetime,
        local: datetime,
        post_date_gmt: str,
        creator: str,
        content: str,
        excerpt: str,
        parent: int,
        menu_order: int,
        slug: str,
        password: str,
        sticky: bool,
        terms: list[str],
        meta: list[tuple[str, str]],
        attachment_url: str,
    ) -> None:
        tally = self.tally
        tally.items[post_type][status] += 1
        if post_type == "post":
            tally.posts += 1
        elif post_type == "page":
            tally.pages += 1
        else:
            tally.attachments += 1
        tally.sticky += sticky
        tally.password_protected += bool(password)
        name = "" if status in ("draft", "pending") and post_type == "post" else slug
        parts = [
            "\t<item>\n",
            f"\t\t<title>{cdata(title)}</title>\n",
            f"\t\t<link>{_escape(link)}</link>\n",
            f"\t\t<pubDate>{_rfc822(when)}</pubDate>\n",
            f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n",
            f'\t\t<guid isPermaLink="false">{SITE}/?p={post_id}</guid>\n',
            "\t\t<description></description>\n",
            f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
            f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{post_id}</wp:post_id>\n",
            f"\t\t<wp:post_date>{cdata(_date(local))}</wp:post_date>\n",
            f"\t\t<wp:post_date_gmt>{cdata(post_date_gmt)}</wp:post_date_gmt>\n",
            f"\t\t<wp:post_modified>{cdata(_date(local))}</wp:post_modified>\n",
            f"\t\t<wp:post_modified_gmt>{cdata(_date(when))}</wp:post_modified_gmt>\n",
            f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>\n",
            f"\t\t<wp:ping_status>{cdata('open')}</wp:ping_status>\n",
            f"\t\t<wp:post_name>{cdata(name)}</wp:post_name>\n",
            f"\t\t<wp:status>{cdata(status)}</wp:status>\n",
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n",
            f"\t\t<wp:menu_order>{menu_order}</wp:menu_order>\n",
            f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n",
            f"\t\t<wp:post_password>{cdata(password)}</wp:post_password>\n",
            f"\t\t<wp:is_sticky>{int(sticky)}</wp:is_sticky>\n",
        ]
        if attachment_url:
            parts.append(
                f"\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>\n"
            )
        parts += terms
        for key, value in meta:
            parts.append(
                f"\t\t<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
                f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>\n"
            )
        self._emit("".join(parts))

    def _item_terms(self, number: int) -> list[str]:
        rng = self.rng
        terms: list[str] = []
        categories = self.category_slugs
        plain = len(CATEGORIES)
        if number % 10 == 4:
            chosen = [categories[plain + (number // 10) % len(SERIES_THEMES)]]
        else:
            chosen = rng.sample(categories[:plain], rng.choice((1, 1, 1, 2)))
        for name, slug in chosen:
            terms.append(
                f'\t\t<category domain="category" nicename="{_attr(slug)}">'
                f"{cdata(name)}</category>\n"
            )
        tag_count = len(self.tag_names)
        for _ in range(rng.choice((0, 1, 2, 3, 3, 4, 5))):
            index = min(int(rng.paretovariate(1.2)) - 1, tag_count - 1)
            name, slug = self.tag_names[index * 7 % tag_count]
            terms.append(
                f'\t\t<category domain="post_tag" nicename="{_attr(slug)}">'
                f"{cdata(name)}</category>\n"
            )
        if number % 17 == 0:
            slug, name = FORMATS[number % 2]
            terms.append(
                f'\t\t<category domain="post_format" nicename="{slug}">'
                f"{cdata(name)}</category>\n"
            )
        return terms

    # -- comments ---------------------------------------------------------

    def _comments(self, count: int) -> None:
        """Write ``count`` comments and close the open item."""
        rng = self.rng
        tally = self.tally
        threads: list[tuple[int, int]] = []  # (comment id, depth) of approved ones
        parts: list[str] = []
        for _ in range(count):
            comment_id = self.next_comment_id
            self.next_comment_id += 1
            roll = rng.random()
            kind, approved, parent, depth = "comment", "1", 0, 1
            if roll < 0.03:
                kind = "pingback"
            elif roll < 0.035:
                kind = "trackback"
            elif roll < 0.11:
                approved = "spam"
            elif roll < 0.14:
                approved = "0"
            elif roll < 0.15:
                approved = "trash"
            if kind == "comment" and threads and rng.random() < 0.45:
                # Reply to a recent comment; deep conversations go deeper.
                parent, parent_depth = threads[
                    -1 - int(rng.random() ** 3 * min(len(threads), 10))
                ]
                if parent_depth >= MAX_DEPTH:
                    parent, parent_depth = threads[0]
                    if parent_depth >= MAX_DEPTH:
                        parent, parent_depth = 0, 0
                depth = parent_depth + 1
            if approved == "1" and kind == "comment":
                threads.append((comment_id, depth))
            parts.append(self._comment(comment_id, kind, approved, parent))
            tally.comments["total"] += 1
            tally.comments[
                {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}[
                    approved
                ]
            ] += 1
            if kind != "comment":
                tally.comments[kind + "s"] += 1
            tally.max_depth = max(tally.max_depth, depth)
            if len(parts) >= 64:
                self._emit("".join(parts))
                parts.clear()
        parts.append("\t</item>\n")
        self._emit("".join(parts))

    def _comment(self, comment_id: int, kind: str, approved: str, parent: int) -> str:
        rng = self.rng
        self.comment_clock += timedelta(seconds=rng.randrange(60, 4_000))
        when = self.comment_clock
        user_id = 0
        if kind != "comment":
            author, email, url = (
                "Another Music Blog",
                "",
                (f"https://blog{comment_id % 97}.example/{comment_id}/"),
            )
            content = f"[&#8230;] {self._sentence(14)} [&#8230;]"
            ip = f"198.51.100.{comment_id % 250 + 1}"
        elif approved == "spam":
            author, email = (
                f"{rng.choice(SPAM_WORDS)} {comment_id % 1000}",
                (f"x{comment_id}@spam.example"),
            )
            url = f"https://spam.example/{rng.choice(SPAM_WORDS)}"
            content = " ".join(rng.choices(SPAM_WORDS, k=rng.randint(5, 30)))
            content += f' <a href="{url}">{rng.choice(SPAM_WORDS)}</a>'
            ip = f"203.0.113.{comment_id % 250 + 1}"
        else:
            if rng.random() < 0.05:  # the blog's own writer answers
                index = rng.randrange(len(AUTHORS))
                login, author, _first, _last = AUTHORS[index]
                email, url, user_id = f"{login}@liner.example", "", index + 1
            else:
                author, email, url = self.commenters[
                    rng.randrange(len(self.commenters))
                ]
            paragraphs = rng.choice((1, 1, 1, 2, 2, 3))
            content = "\n\n".join(
                self._sentence(rng.randint(8, 40)) for _ in range(paragraphs)
            )
            ip = (
                f"192.0.2.{comment_id % 250 + 1}"
                if comment_id % 7
                else (f"2001:db8::{comment_id % 65_000:x}")
            )
        meta = ""
        if comment_id % 4 == 0:
            verdict = "true" if approved == "spam" else "false"
            meta = (
                "\t\t\t<wp:commentmeta><wp:meta_key>"
                f"{cdata('akismet_result')}</wp:meta_key><wp:meta_value>"
                f"{cdata(verdict)}</wp:meta_value></wp:commentmeta>\n"
            )
        return (
            "\t\t<wp:comment>\n"
            f"\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(author)}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>\n"
            f"\t\t\t<wp:comment_author_url>{_escape(url)}</wp:comment_author_url>\n"
            f"\t\t\t<wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(_date(when + timedelta(hours=1)))}"
            "</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(_date(when))}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(content)}</wp:comment_content>\n"
            f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
            f"\t\t\t<wp:comment_type>{cdata(kind)}</wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
            f"\t\t\t<wp:comment_user_id>{user_id}</wp:comment_user_id>\n"
            f"{meta}"
            "\t\t</wp:comment>\n"
        )

    # -- text -------------------------------------------------------------

    def _commenters(self, count: int) -> list[tuple[str, str, str]]:
        rng = self.rng
        people = []
        for number in range(count):
            first, last = rng.choice(NAMES), rng.choice(SURNAMES)
            handle = wp_slug(f"{first}.{last}") or "reader"
            url = f"https://{handle}.example/" if number % 3 == 0 else ""
            people.append((f"{first} {last}", f"{handle}{number}@mail.example", url))
        return people

    def _title(self) -> str:
        rng = self.rng
        shape = rng.randrange(4)
        first, second = rng.choice(TITLE_WORDS), rng.choice(TITLE_WORDS)
        if shape == 0:
            return f"{rng.choice(ARTISTS)} – {first} {second}"
        if shape == 1:
            return f"Review: {first} {rng.choice(WORDS)} ({rng.randint(1960, 2024)})"
        if shape == 2:
            return f"{first} {second} & the {rng.choice(WORDS)}"
        return self._sentence(rng.randint(3, 8)).rstrip(".")

    def _sentence(self, words: int) -> str:
        chosen = self.rng.choices(WORDS, k=words)
        return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."

    def _paragraph(self) -> str:
        rng = self.rng
        return " ".join(
            self._sentence(rng.randint(6, 22)) for _ in range(rng.randint(2, 6))
        )

    def _tracklist(self) -> list[str]:
        rng = self.rng
        artist = rng.choice(ARTISTS)
        return [
            f"{n}. {artist if rng.random() < 0.7 else rng.choice(ARTISTS)} - "
            f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)}"
            for n in range(1, rng.randint(5, 13))
        ]

    def _body(self, number: int) -> str:
        rng = self.rng
        paragraphs = [self._paragraph() for _ in range(rng.randint(3, 9))]
        youtube = number % 10 == 2
        tracks = self._tracklist() if number % 5 == 1 else []
        blocks = number % 5 >= 3
        if not blocks:
            out = list(paragraphs)
            if len(out) > 3 and number % 3 == 0:
                out.insert(1, "<!--more-->")
            if youtube:
                out.insert(
                    2, f"https://www.youtube.com/watch?v={rng.choice(YOUTUBE_IDS)}"
                )
            if tracks:
                out.append("\n".join(tracks))
            return "\n\n".join(out)
        out = [
            f"<!-- wp:paragraph -->\n<p>{paragraph}</p>\n<!-- /wp:paragraph -->"
            for paragraph in paragraphs
        ]
        if number % 4 == 0:
            out.insert(1, "<!-- wp:heading -->\n<h2>Side B</h2>\n<!-- /wp:heading -->")
        if youtube:
            video = f"https://www.youtube.com/watch?v={rng.choice(YOUTUBE_IDS)}"
            out.insert(
                2,
                '<!-- wp:embed {"url":"' + video + '","type":"video",'
                '"providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed">'
                f'<div class="wp-block-embed__wrapper">\n{video}\n</div></figure>\n'
                "<!-- /wp:embed -->",
            )
        if tracks:
            out.append(
                "<!-- wp:paragraph -->\n<p>" + "<br>\n".join(tracks) + "</p>\n"
                "<!-- /wp:paragraph -->"
            )
        return "\n\n".join(out)

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id


_HEAD = f"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- Generated by linernotes/transfer/tests/wxr_generator.py (seeded). -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
\t<title>Liner Notes Bench</title>
\t<link>{SITE}</link>
\t<description>Records worth turning over, generated</description>
\t<pubDate>Sat, 30 Nov 2024 12:00:00 +0000</pubDate>
\t<language>en-GB</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>{SITE}</wp:base_site_url>
\t<wp:base_blog_url>{SITE}</wp:base_blog_url>

"""


def wp_slug(title: str) -> str:
    """A slug the way WordPress's sanitize_title makes it: accents dropped,
    other scripts kept and stored percent-encoded (lower-case hex)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", title.lower()):
        if unicodedata.combining(char):
            continue
        if char.isascii():
            out.append(char if char.isalnum() else "-")
        elif char.isalnum():
            out.append(quote(char).lower())
        else:
            out.append("-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug[:200]


def _date(when: datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M:%S}"


def _rfc822(when: datetime) -> str:
    return (
        f"{DAYS[when.weekday()]}, {when.day:02d} {MONTHS[when.month - 1]} "
        f"{when:%Y %H:%M:%S} +0000"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")
