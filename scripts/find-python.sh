#!/usr/bin/env bash
# Print the path of a Python 3.12 or newer: PATH first, then pyenv's versions.
# Django 6 needs 3.12+; the machine's default python3 may be older.
set -u
ok() { "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for name in python3.13 python3.12 python3 python; do
  candidate=$(command -v "$name" 2>/dev/null) || continue
  # A pyenv shim for a version pyenv has not selected fails when run: ok() skips it.
  if ok "$candidate"; then echo "$candidate"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for candidate in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if ok "$candidate"; then echo "$candidate"; exit 0; fi
done
cat >&2 <<'MSG'
Liner Notes needs Python 3.12 or newer, and none was found on PATH or under pyenv.
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install python3.12 python3.12-venv   (or newer)
  pyenv:          pyenv install 3.13
  macOS:          brew install python@3.13
then run the command again.
MSG
exit 1
