"""The ``linernotes`` console command: Django's management commands with our defaults.

``linernotes serve``, ``linernotes demo`` and the rest are ordinary management
commands; this wrapper only picks the settings module so an installed blog needs
no ``manage.py`` and no DJANGO_SETTINGS_MODULE.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")
    from django.core.management import execute_from_command_line

    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        # `linernotes release-from-musicbrainz` runs the command module
        # release_from_musicbrainz: shell-friendly names, Python module names.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["linernotes", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
