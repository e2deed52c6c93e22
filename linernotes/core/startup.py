"""What the settings decide before Django starts: the data folder and the secret key.

Plain functions of the environment, so ``settings/base.py`` stays a list of
settings and the ``linernotes`` command can tell a missing key (a one-line
message) from a bug (a traceback). Nothing here imports Django's settings.
"""

import sys
import sysconfig
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent


class MissingSecretKey(ImproperlyConfigured):
    """Production settings without a secret key: the operator has to set one."""


class DataInsideInstallation(ImproperlyConfigured):
    """The data folder would be deleted or replaced with the installed code."""


def data_dir(environ: Mapping[str, str]) -> Path:
    """``LINERNOTES_DATA_DIR``, else ``var`` in the working directory.

    The working directory, not the package's: after ``pip install`` the package
    sits in site-packages, which an upgrade replaces (decision 0021).
    """
    chosen = environ.get("LINERNOTES_DATA_DIR") or Path.cwd() / "var"
    return Path(chosen).resolve()


def installation_dirs() -> list[Path]:
    """Folders an upgrade or a rebuilt virtualenv replaces: the package, the
    interpreter's site-packages and, inside a virtualenv, the virtualenv."""
    paths = sysconfig.get_paths()
    dirs = {PACKAGE_DIR, Path(paths["purelib"]), Path(paths["platlib"])}
    if sys.prefix != sys.base_prefix:
        dirs.add(Path(sys.prefix))
    return [path.resolve() for path in dirs]


def check_data_dir(path: Path, *, debug: bool) -> Path:
    """Refuse, in production, a data folder inside the installed code."""
    if debug:
        return path
    for installed in installation_dirs():
        if path == installed or path.is_relative_to(installed):
            raise DataInsideInstallation(
                f"The data folder {path} is inside the installation ({installed}), "
                "which an upgrade replaces: set LINERNOTES_DATA_DIR to a folder of "
                "its own, e.g. /srv/linernotes/var, or start from that folder."
            )
    return path


def read_secret_key(environ: Mapping[str, str], *, data: Path) -> str:
    """SECRET_KEY from the environment, the file SECRET_KEY_FILE names, or the data
    folder's ``secret_key`` file that `make run` generates; ``""`` when none."""
    key = environ.get("SECRET_KEY", "")
    key_file = Path(environ.get("SECRET_KEY_FILE", "") or data / "secret_key")
    if not key and key_file.is_file():
        key = key_file.read_text().strip()
    return key


def secret_key(environ: Mapping[str, str], *, data: Path, debug: bool) -> str:
    """The key, a fixed development key when ``debug``, else ``MissingSecretKey``."""
    key = read_secret_key(environ, data=data)
    if key:
        return key
    if debug:
        return "insecure-development-key-do-not-use-in-production"  # noqa: S105
    raise MissingSecretKey(
        "SECRET_KEY is not set, and Liner Notes does not start without one in "
        "production (DEBUG off): set SECRET_KEY or SECRET_KEY_FILE, or put a key "
        f"in {data / 'secret_key'} (`make run` generates one there)."
    )
