"""Old WordPress addresses and imported slugs: what the importer records, and
what a request for an old address is answered with.

A moved blog keeps its readers only if every link the world holds still lands:
search results, other blogs, feed readers. WordPress answers many forms for one
post (its permalink, date variants, ``?p=12``, ``/archives/12``, old slugs), so
the importer records each form as a ``LegacyRedirect`` naming its target, and
``public_address`` turns a record into wherever that target lives *now*. The
importer calls the ``add_*`` functions; ``LegacyRedirectMiddleware`` calls
``redirect_for``. See docs/decisions/0031-old-links-and-imported-slugs.md.

The package has a module per part: ``paths`` (the old addresses a WordPress
item, term or site answered), ``store`` (recording them), ``answer`` (where
one leads now) and ``slugs`` (the slugs imported items get). Every public name
is here, so callers import ``transfer.redirects`` alone.
"""

from .answer import address_of, names_an_item, redirect_for
from .paths import (
    COVER,
    SITE_OLD_PATHS,
    WORDPRESS_QUERY_KEYS,
    OldPath,
    Target,
    author_old_paths,
    category_old_paths,
    has_wordpress_query,
    item_old_paths,
    old_path,
    request_old_path,
    tag_old_paths,
)
from .slugs import ImportedSlug, import_post_slugs, import_slug, top_level_paths
from .store import (
    Redirect,
    add_archive_redirects,
    add_item_redirects,
    add_redirect,
    add_redirects,
    add_site_redirects,
    add_term_redirects,
    item_redirects,
    term_addresses,
    term_redirects,
)

__all__ = [
    "COVER",
    "ImportedSlug",
    "OldPath",
    "Redirect",
    "SITE_OLD_PATHS",
    "Target",
    "WORDPRESS_QUERY_KEYS",
    "add_archive_redirects",
    "add_item_redirects",
    "add_redirect",
    "add_redirects",
    "add_site_redirects",
    "add_term_redirects",
    "address_of",
    "author_old_paths",
    "category_old_paths",
    "has_wordpress_query",
    "import_post_slugs",
    "import_slug",
    "item_old_paths",
    "item_redirects",
    "names_an_item",
    "old_path",
    "redirect_for",
    "request_old_path",
    "tag_old_paths",
    "term_addresses",
    "term_redirects",
    "top_level_paths",
]
