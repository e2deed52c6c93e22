"""Small WordPress exports written in a test, so each test shows its own input.

``export(items=[item(...), ...])`` returns the bytes of a WXR file shaped the
way WordPress writes one: text in CDATA, a ``]]>`` inside split the way its
exporter splits it.
"""

from __future__ import annotations

BLOG = "https://oldblog.example"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def author(login: str = "ann", *, id: int = 1, email: str = "", name: str = "") -> str:  # noqa: A002
    return (
        f"<wp:author><wp:author_id>{id}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email or login + '@example.com')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name or login.title())}"
        "</wp:author_display_name>"
        f"<wp:author_first_name>{cdata('')}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>"
    )


def category(
    nicename: str, name: str = "", *, parent: str = "", term_id: int = 0
) -> str:
    return (
        f"<wp:category><wp:term_id>{term_id or abs(hash(nicename)) % 10**6}"
        f"</wp:term_id><wp:category_nicename>{cdata(nicename)}"
        f"</wp:category_nicename><wp:category_parent>{cdata(parent)}"
        f"</wp:category_parent><wp:cat_name>{cdata(name or nicename.title())}"
        "</wp:cat_name></wp:category>"
    )


def tag(slug: str, name: str = "", *, term_id: int = 0) -> str:
    return (
        f"<wp:tag><wp:term_id>{term_id or abs(hash(slug)) % 10**6}</wp:term_id>"
        f"<wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name or slug)}</wp:tag_name></wp:tag>"
    )


def comment(
    id: int,  # noqa: A002
    *,
    parent: int = 0,
    approved: str = "1",
    author: str = "Reader",
    email: str = "reader@example.com",
    url: str = "",
    ip: str = "192.0.2.1",
    body: str = "Nice one.",
    date_gmt: str = "2012-03-05 10:00:00",
    date: str = "",
    type: str = "",  # noqa: A002
    user_id: int = 0,
    meta: dict[str, str] | None = None,
) -> str:
    metas = "".join(
        f"<wp:commentmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:commentmeta>"
        for k, v in (meta or {}).items()
    )
    return (
        f"<wp:comment><wp:comment_id>{id}</wp:comment_id>"
        f"<wp:comment_author>{cdata(author)}</wp:comment_author>"
        f"<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>"
        f"<wp:comment_author_url>{url}</wp:comment_author_url>"
        f"<wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP>"
        f"<wp:comment_date>{cdata(date or date_gmt)}</wp:comment_date>"
        f"<wp:comment_date_gmt>{cdata(date_gmt)}</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(body)}</wp:comment_content>"
        f"<wp:comment_approved>{cdata(approved)}</wp:comment_approved>"
        f"<wp:comment_type>{cdata(type)}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        f"<wp:comment_user_id>{user_id}</wp:comment_user_id>{metas}</wp:comment>"
    )


def item(
    post_id: int,
    title: str = "",
    *,
    type: str = "post",  # noqa: A002
    status: str = "publish",
    slug: str | None = None,
    body: str = "<p>Words.</p>",
    excerpt: str = "",
    creator: str = "ann",
    date_gmt: str = "2012-03-04 09:30:00",
    date: str = "",
    parent: int = 0,
    menu_order: int = 0,
    sticky: bool = False,
    password: str = "",
    comment_status: str = "open",
    categories: list[str] = (),
    tags: list[str] = (),
    terms: list[tuple[str, str, str]] = (),
    meta: dict[str, str] | list[tuple[str, str]] | None = None,
    comments: list[str] = (),
    attachment_url: str = "",
    link: str = "",
    guid: str = "",
) -> str:
    title = title if title or title == "" and slug is not None else f"Post {post_id}"
    slug = f"post-{post_id}" if slug is None else slug
    link = link or f"{BLOG}/{date_gmt[:4]}/{date_gmt[5:7]}/{date_gmt[8:10]}/{slug}/"
    pairs = meta.items() if isinstance(meta, dict) else (meta or [])
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
        for k, v in pairs
    )
    term_tags = (
        "".join(
            f'<category domain="category" nicename="{c}">{cdata(c.title())}</category>'
            for c in categories
        )
        + "".join(
            f'<category domain="post_tag" nicename="{t}">{cdata(t)}</category>'
            for t in tags
        )
        + "".join(
            f'<category domain="{d}" nicename="{n}">{cdata(label)}</category>'
            for d, n, label in terms
        )
    )
    attachment = (
        f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>"
        if attachment_url
        else ""
    )
    return (
        f"<item><title>{cdata(title)}</title><link>{link}</link>"
        f"<pubDate>Sun, 04 Mar 2012 09:30:00 +0000</pubDate>"
        f"<dc:creator>{cdata(creator)}</dc:creator>"
        f'<guid isPermaLink="false">{guid or f"{BLOG}/?p={post_id}"}</guid>'
        f"<description></description>"
        f"<content:encoded>{cdata(body)}</content:encoded>"
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date>{cdata(date or date_gmt)}</wp:post_date>"
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>"
        f"<wp:comment_status>{cdata(comment_status)}</wp:comment_status>"
        f"<wp:ping_status>{cdata('open')}</wp:ping_status>"
        f"<wp:post_name>{cdata(slug)}</wp:post_name>"
        f"<wp:status>{cdata(status)}</wp:status>"
        f"<wp:post_parent>{parent}</wp:post_parent>"
        f"<wp:menu_order>{menu_order}</wp:menu_order>"
        f"<wp:post_type>{cdata(type)}</wp:post_type>"
        f"<wp:post_password>{cdata(password)}</wp:post_password>"
        f"<wp:is_sticky>{int(sticky)}</wp:is_sticky>{attachment}"
        f"{term_tags}{metas}{''.join(comments)}</item>"
    )


def export(
    *,
    items: list[str] = (),
    authors: list[str] | None = None,
    categories: list[str] = (),
    tags: list[str] = (),
    version: str = "1.2",
    blog: str = BLOG,
    title: str = "An Old Blog",
) -> bytes:
    authors = [author()] if authors is None else authors
    wp = f"http://wordpress.org/export/{version}/"
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" '
        f'xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="{wp}">\n<channel>\n'
        f"<title>{title}</title><link>{blog}</link>"
        f"<description>Notes</description><language>en</language>"
        f"<wp:wxr_version>{version}</wp:wxr_version>"
        f"<wp:base_site_url>{blog}</wp:base_site_url>"
        f"<wp:base_blog_url>{blog}</wp:base_blog_url>\n"
        + "\n".join([*authors, *categories, *tags, *items])
        + "\n</channel>\n</rss>\n"
    ).encode()
