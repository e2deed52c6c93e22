"""Local development: the base settings with DEBUG on unless the environment says no."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
