"""Imports between apps go one way (docs/architecture.md):

    core  <-  users, catalogue, spam
          <-  posts      (core, users, catalogue)
          <-  comments   (core, users, posts, spam)
          <-  likes, notifications  (core, users, posts, comments)
          <-  privacy    (core, users, spam, posts, comments, likes, notifications)
          <-  stats      (core, users, posts, comments, likes)
          <-  transfer   (anything; nothing imports transfer)
          <-  desk       (anything; nothing imports desk)

Every module of every app is parsed, tests included, so the rule cannot decay.
Inside an app, modules must not import each other in a loop either, even through
an import inside a function: a loop means two modules are one subject split in
two, or a lower one reaching up. The seams apps plug into are plain registries
(decision 0022); no Django signal runs for each comment a page shows (0013).
"""

import ast
from pathlib import Path

import pytest
from django.dispatch import Signal

from linernotes.comments.tests.factories import make_conversation

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
    "privacy": {
        "core",
        "users",
        "spam",  # the privacy page lists what the configured spam checks see
        "posts",
        "comments",
        "likes",
        "notifications",
    },
    "stats": {"core", "users", "posts", "comments", "likes"},
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
        "stats",
    },
    # The writer's desk sits on top of everything; nothing imports it.
    "desk": {
        "core",
        "users",
        "catalogue",
        "spam",
        "posts",
        "comments",
        "likes",
        "notifications",
        "privacy",
        "stats",
        "transfer",
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


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, name: str, is_package: bool, known: set[str]):
    """The modules of ``known`` that a module imports, wherever in the module
    (a function-level import still makes a loop)."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(app: str, package: Path = PACKAGE) -> dict[str, set[str]]:
    paths = {module_name(path, package): path for path in (package / app).rglob("*.py")}
    known = set(paths)
    return {
        name: imported_modules(
            path.read_text(), name, path.name == "__init__.py", known
        )
        for name, path in paths.items()
    }


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                loops.append(sorted([module, *group]))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return loops


@pytest.mark.parametrize("app", ALLOWED)
def test_modules_inside_an_app_import_each_other_without_loops(app):
    assert import_loops(import_graph(app)) == []


@pytest.mark.parametrize(
    ("modules", "loop"),
    [
        (
            {
                "services.py": "from . import tasks",
                "tasks.py": "def run():\n    from .services import has_data",
            },
            ["services", "tasks"],
        ),
        (
            {
                "services/__init__.py": "from .posts import save_post",
                "services/posts.py": "from linernotes.demo.views import show",
                "views.py": "from linernotes.demo import services",
            },
            ["services", "services.posts", "views"],
        ),
    ],
    ids=["through a function-level import", "through a package"],
)
def test_an_import_loop_inside_an_app_is_caught(tmp_path, modules, loop):
    """Tried first on notifications (services <-> tasks) and privacy (services
    <-> tasks, the import inside a function), before those loops were removed."""
    package = tmp_path / "linernotes"
    for relative, source in {"__init__.py": "", **modules}.items():
        path = package / "demo" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)

    assert import_loops(import_graph("demo", package)) == [
        [f"linernotes.demo.{name}" for name in loop]
    ]


def signals_sent_for(client, post) -> list[str]:
    """Signals that reached a receiver while ``post``'s page was served."""
    sent: list[str] = []
    send, send_robust = Signal.send, Signal.send_robust

    def recording(original):
        def record(signal, sender, **named):
            if signal.has_listeners(sender):
                sent.append(f"{signal!r} from {sender!r}")
            return original(signal, sender, **named)

        return record

    Signal.send, Signal.send_robust = recording(send), recording(send_robust)
    try:
        assert client.get(post.get_absolute_url()).status_code == 200
    finally:
        Signal.send, Signal.send_robust = send, send_robust
    return sent


@pytest.mark.django_db
def test_no_signal_runs_for_each_comment_a_post_page_shows(client, make_post, settings):
    """Tried with a ``post_init`` receiver on Comment: the longer conversation's
    page sent six signals more, and this test failed."""
    settings.LINERNOTES_PAGE_CACHE_SECONDS = 0
    short, long = make_post(title="Short"), make_post(title="Long")
    make_conversation(post=short, threads=1, replies=1)
    make_conversation(post=long, threads=4, replies=1)
    signals_sent_for(client, short)  # the first request's one-off work

    on_long, on_short = signals_sent_for(client, long), signals_sent_for(client, short)

    assert len(on_long) == len(on_short), on_long


def test_the_sections_under_a_post_state_their_order():
    """Before, sections showed in INSTALLED_APPS order, kept by a comment in the
    settings; now each registration says where it goes."""
    from linernotes.posts import extensions

    names = [entry.name.rpartition(".")[2] for entry in extensions.sections.entries()]

    assert names == ["likes_section", "comment_section", "follow_comments_section"]
