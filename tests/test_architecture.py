"""Imports between apps go one way (docs/architecture.md):

    core  <-  users, catalogue, spam
          <-  posts      (core, users, catalogue)
          <-  comments   (core, users, posts, spam)
          <-  likes, notifications  (core, users, posts, comments)
          <-  privacy    (core, users, posts, comments, likes, notifications)
          <-  transfer   (anything; nothing imports transfer)

Every module of every app is parsed, tests included, so the rule cannot decay.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linernotes"
ALLOWED = {
    "core": set(),
    "users": {"core"},
    "catalogue": {"core"},
    "spam": {"core"},
    "posts": {"core", "users", "catalogue"},
    "comments": {"core", "users", "posts", "spam"},
    "likes": {"core", "users", "posts", "comments"},
    "notifications": {"core", "users", "posts", "comments"},
    "privacy": {"core", "users", "posts", "comments", "likes", "notifications"},
    "transfer": {
        "core",
        "users",
        "catalogue",
        "spam",
        "posts",
        "comments",
        "likes",
        "notifications",
        "privacy",
    },
}


def imported_apps(source: str, module_package: str) -> set[str]:
    """Names of linernotes apps a module imports, absolute or relative."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module_package.split(".")[: -(node.level - 1) or None]
                names = [".".join([*base, node.module or ""]).rstrip(".")]
                names += [f"{names[0]}.{alias.name}" for alias in node.names]
            elif node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "linernotes" and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


def violations(app: str, source: str, module_package: str) -> set[str]:
    return imported_apps(source, module_package) - ALLOWED[app] - {app}


def app_modules():
    for app in ALLOWED:
        for path in (
            sorted((PACKAGE / app).rglob("*.py")) if (PACKAGE / app).exists() else []
        ):
            package = ".".join(
                path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
            )
            yield pytest.param(app, path, package, id=str(path.relative_to(PACKAGE)))


@pytest.mark.parametrize(("app", "path", "package"), list(app_modules()))
def test_module_imports_only_apps_below_it(app, path, package):
    assert violations(app, path.read_text(), package) == set()


@pytest.mark.parametrize(
    ("app", "source"),
    [
        ("core", "from linernotes.posts.models import Post"),
        ("catalogue", "import linernotes.posts.services"),
        ("posts", "from linernotes.comments import services"),
        ("users", "from ..posts import models"),
        ("posts", "from linernotes import transfer"),
    ],
)
def test_an_import_against_the_arrows_is_caught(app, source):
    assert violations(app, source, f"linernotes.{app}") != set()


def test_imports_along_the_arrows_pass():
    source = (
        "from linernotes.core.markup import render_markdown\nfrom ..users import models"
    )
    assert violations("posts", source, "linernotes.posts") == set()
