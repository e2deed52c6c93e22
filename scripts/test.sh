#!/usr/bin/env bash
# `make test`: install what the tests need, lint, then run the whole suite on
# SQLite and, when reachable, on PostgreSQL with Redis as the cache.
# With CI=true a missing PostgreSQL, Redis, Chromium, nginx or axe-core fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
ci=false; case "${CI:-}" in 1|true|TRUE|yes) ci=true;; esac
skipped=(); problems=()

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
missing() {  # missing WHAT: fail under CI, otherwise skip loudly
  if $ci; then problems+=("$1"); else skipped+=("$1"); fi
}

# --- Chromium from Debian's packages (never a browser download)
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "Installing Chromium from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "apt-get could not install chromium"
fi
command -v chromium >/dev/null 2>&1 || missing "Chromium (browser tests): apt-get install chromium"

# --- nginx from Debian's packages, for the README's configuration test
has_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
if ! has_nginx && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "Installing nginx from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null 2>&1 \
    || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >/dev/null 2>&1 \
    || echo "apt-get could not install nginx"
fi
has_nginx || missing "nginx (tests/test_nginx_files.py): apt-get install nginx-light"

# --- axe-core from the npm registry, pinned in package.json
if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
  say "Installing axe-core from the npm registry"
  npm install --no-audit --no-fund --silent >/dev/null 2>&1 || echo "npm could not install axe-core"
fi
[ -f node_modules/axe-core/axe.min.js ] || missing "axe-core (accessibility checks): npm install"

# --- PostgreSQL and Redis
pg_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/linernotes}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379/15}"
pg_ok=false; redis_ok=false
$py - "$pg_url" <<'PY' >/dev/null 2>&1 && pg_ok=true
import sys, dj_database_url, psycopg
c = dj_database_url.parse(sys.argv[1])
psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"] or None,
                dbname="postgres", connect_timeout=3).close()
PY
$py -c "import redis,sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()" "$redis_url" >/dev/null 2>&1 && redis_ok=true
$pg_ok || missing "PostgreSQL at $pg_url (the PostgreSQL pass)"
$redis_ok || missing "Redis at $redis_url (the Redis cache tests)"

if [ ${#problems[@]} -gt 0 ]; then
  say "CI=true and these are missing:"; printf '  - %s\n' "${problems[@]}"; exit 1
fi

browser_flag=()
if ! command -v chromium >/dev/null 2>&1 || [ ! -f node_modules/axe-core/axe.min.js ]; then
  browser_flag=(-m "not browser")
fi

say "Lint"
.venv/bin/ruff check . && .venv/bin/ruff format --check . || { echo "ruff found problems"; exit 1; }

status=0
run_pytest() {  # run_pytest LABEL [env...]: one pass, in the foreground
  local label=$1; shift
  say "Tests on $label"
  env "$@" $py -m pytest "${browser_flag[@]}" ${PYTEST_ARGS:-}
  local rc=$?
  # 5 means no test was collected: a configuration error, not a pass.
  [ $rc -eq 0 ] || status=$rc
}

# The second pass (PostgreSQL, or SQLite with Redis). With two or more cores
# it runs beside the first, its output kept in a log printed when it ends:
# each pass has its own data folder, database and cache, so they share nothing
# but the CPUs. LINERNOTES_TEST_SERIAL=1 runs the passes one after the other.
second=()
if $pg_ok; then
  if $redis_ok; then
    second=("PostgreSQL, Redis cache" DATABASE_URL="$pg_url" REDIS_URL="$redis_url")
  else
    second=("PostgreSQL, local-memory cache" DATABASE_URL="$pg_url" REDIS_URL=)
  fi
elif $redis_ok; then
  second=("SQLite, Redis cache" DATABASE_URL= REDIS_URL="$redis_url")
fi
parallel=false
if [ ${#second[@]} -gt 0 ] && [ "${LINERNOTES_TEST_SERIAL:-}" != 1 ] \
    && [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ]; then
  parallel=true
fi

if $parallel; then
  log=$(mktemp "${TMPDIR:-/tmp}/linernotes-second-pass.XXXXXX")
  say "Tests on ${second[0]}: running beside the first pass (output below when done)"
  ( run_pytest "${second[@]}"; exit $status ) >"$log" 2>&1 &
  second_pid=$!
  run_pytest "SQLite, local-memory cache" DATABASE_URL= REDIS_URL=
  wait $second_pid; rc=$?
  cat "$log"; rm -f "$log"
  [ $rc -eq 0 ] || status=$rc
else
  run_pytest "SQLite, local-memory cache" DATABASE_URL= REDIS_URL=
  [ ${#second[@]} -gt 0 ] && run_pytest "${second[@]}"
fi

if [ ${#skipped[@]} -gt 0 ]; then
  say "SKIPPED (not a full run):"; printf '  - %s\n' "${skipped[@]}"
fi
[ $status -eq 0 ] && say "All test passes succeeded" || say "Some tests failed"
exit $status
