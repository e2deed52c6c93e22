"""The ``linernotes`` console command: Django's management commands with our defaults.

``linernotes serve``, ``linernotes demo`` and the rest are ordinary management
commands; this wrapper picks the settings module, so an installed blog needs no
``manage.py`` and no DJANGO_SETTINGS_MODULE, and it shapes what an operator
meets first: ``linernotes --help`` lists the blog's own commands (read from
their source, so it needs no settings and no secret key) before pointing to
Django's, and a setting the environment gets wrong (no secret key, a data
folder inside the installation) is one line on standard error, not a traceback.
"""

import ast
import os
import secrets
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
HELP_FLAGS = {"-h", "--help"}
DJANGO_COMMANDS_WORTH_KNOWING = (
    ("migrate", "create or update the database tables (after every upgrade)"),
    ("createsuperuser", "create an administrator account"),
    ("changepassword", "set a user's password"),
    ("check --deploy", "look for settings a public site should change"),
    ("shell / dbshell", "a Python or database shell with the blog's settings"),
)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")
    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        # `linernotes release-from-musicbrainz` runs the command module
        # release_from_musicbrainz: shell-friendly names, Python module names.
        args[0] = args[0].replace("-", "_")
    if wants_overview(args):
        sys.stdout.write(overview())
        return 0
    apply_settings_options(args)
    if (error := load_settings(help_only=wants_help(args))) is not None:
        sys.stderr.write(f"linernotes: {error}\n")
        return 1
    if args[:2] == ["help", "--all"]:
        args = ["help"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["linernotes", *args])
    return 0


def wants_overview(args: list[str]) -> bool:
    return not args or args[0] in HELP_FLAGS or args == ["help"]


def wants_help(args: list[str]) -> bool:
    return bool(HELP_FLAGS.intersection(args)) or args[:1] == ["help"]


def apply_settings_options(args: list[str]) -> None:
    """Honour ``--settings`` and ``--pythonpath`` before the settings load, as
    Django's own command line does before it runs a command."""
    from django.core.management.base import CommandParser, handle_default_options

    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    options, _ = parser.parse_known_args(args)
    handle_default_options(options)


def load_settings(*, help_only: bool) -> str | None:
    """Import the settings; the message of a setting the environment got wrong.

    Help on a command needs the installed apps but signs nothing, so without a
    secret key it runs under a random one that dies with the process.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from linernotes.core.startup import MissingSecretKey

    try:
        settings.INSTALLED_APPS  # noqa: B018 - imports the settings module
    except MissingSecretKey as error:
        if not help_only:
            return str(error)
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
        return load_settings(help_only=False)
    except ImproperlyConfigured as error:
        return str(error)
    return None


def overview() -> str:
    """The blog's own commands, one line each, then where Django's are."""
    ours = our_commands()
    django = dict(DJANGO_COMMANDS_WORTH_KNOWING)
    width = max(len(name) for name in [*ours, *django])
    lines = ["Usage: linernotes <command> [options]", "", "Liner Notes' commands:"]
    lines += [listing_line(name, text, width) for name, text in ours.items()]
    lines += ["", "Django's commands you will need:"]
    lines += [listing_line(name, text, width) for name, text in django.items()]
    lines += [
        "",
        "`linernotes help --all` lists every command, Django's included;",
        "`linernotes <command> --help` explains one.",
        "",
    ]
    return "\n".join(lines)


def listing_line(name: str, text: str, width: int, columns: int = 100) -> str:
    """``name`` and ``text`` on one terminal line, the text cut at a word."""
    room = columns - width - 4
    if len(text) > room:
        text = text[: room - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"
    return f"  {name:<{width}}  {text}"


def our_commands() -> dict[str, str]:
    """Each of our management commands, by its shell name, with the first
    sentence of its ``help``, read without importing it."""
    found = {}
    for path in sorted(PACKAGE_DIR.glob("*/management/commands/*.py")):
        if not path.name.startswith("_"):
            found[path.stem.replace("_", "-")] = command_help(path)
    return dict(sorted(found.items()))


def command_help(path: Path) -> str:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(
                        isinstance(target, ast.Name) and target.id == "help"
                        for target in statement.targets
                    )
                    and isinstance(statement.value, ast.Constant)
                ):
                    return first_sentence(str(statement.value.value))
    return ""


def first_sentence(text: str) -> str:
    sentence = " ".join(text.split()).split(". ")[0]
    return sentence.rstrip(".")


if __name__ == "__main__":
    sys.exit(main())
