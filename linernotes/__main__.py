"""``python -m linernotes`` is the ``linernotes`` command."""

import sys

from linernotes.cli import main

sys.exit(main())
