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

    execute_from_command_line(
        ["linernotes", *(argv if argv is not None else sys.argv[1:])]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
