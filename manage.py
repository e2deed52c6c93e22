#!/usr/bin/env python
"""Django's command-line utility; `linernotes` is the same with our defaults."""

import sys

from linernotes.cli import main

if __name__ == "__main__":
    sys.exit(main())
