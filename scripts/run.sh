#!/usr/bin/env bash
# `make run`: migrate the SQLite database in var/, load the demo content into an
# empty blog, and serve in the foreground with the background worker beside it.
# Running it again reuses all of that.
set -euo pipefail
cd "$(dirname "$0")/.."
export LINERNOTES_DATA_DIR="${LINERNOTES_DATA_DIR:-$PWD/var}"
# Links in mail the worker sends (it has no request to learn the address from).
export LINERNOTES_SITE_URL="${LINERNOTES_SITE_URL:-http://127.0.0.1:${PORT:-8000}}"
mkdir -p "$LINERNOTES_DATA_DIR"
key_file="$LINERNOTES_DATA_DIR/secret_key"
if [ ! -s "$key_file" ]; then
  (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file")
  echo "Generated a secret key in $key_file (kept out of git)."
fi
linernotes=.venv/bin/linernotes
"$linernotes" migrate --noinput -v0
"$linernotes" demo --if-empty
echo "Liner Notes: http://127.0.0.1:${PORT:-8000}/  (admin at /admin/; create your account"
echo "  with: $linernotes createsuperuser)"
# The worker sends mail and runs the periodic jobs (digests, announcements,
# clean-up) beside the web server, and stops with it.
"$linernotes" worker --no-startup-delay &
worker_pid=$!
"$linernotes" serve --port "${PORT:-8000}" &
server_pid=$!
stop_both() { kill "$server_pid" "$worker_pid" 2>/dev/null || true; }
trap stop_both INT TERM
trap 'kill "$worker_pid" 2>/dev/null || true' EXIT
wait "$server_pid" || true
wait "$worker_pid" 2>/dev/null || true
