#!/usr/bin/env bash
# Benchmark Liner Notes as the README deploys it, on SQLite and PostgreSQL.
#
#   bench/run.sh            # about 11 minutes; writes bench/results/ and bench/README.md
#
# For each database: migrate an empty database, fill it with bench/fill.py (10,000
# published posts in 200 series with 300 tags), then serve it with
# `linernotes serve --workers 4` and the environment of the README's deployment
# section (DEBUG off, SECRET_KEY, ALLOWED_HOSTS, BEHIND_HTTPS_PROXY, REDIS_URL, …),
# once with the blog's normal caching and once with LINERNOTES_PAGE_CACHE_SECONDS=0.
# wrk (Debian's package) requests the home page, a post, a tag page and a search for
# 10 s each at 32 connections (-t2) and at 1 (-t1), after a 3 s warm-up, sending the
# Host and X-Forwarded-Proto headers the README's nginx sends. bench/pss.py samples
# the PSS of the gunicorn master and its workers every 0.2 s. In the same run,
# ../shared/bench/ceiling.sh measures nginx and a bare Django view serving the saved
# post page. Only loopback addresses are used; every loop and wait is bounded.
#
# Environment (all optional): BENCH_DATABASES="sqlite postgres", BENCH_DURATION=10s,
# BENCH_WARMUP=3s, BENCH_WORKERS=4, BENCH_POSTS=10000, BENCH_PG_ADMIN_URL (default
# postgres://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (default
# redis://127.0.0.1:6379/13), BENCH_CEILING (default ../shared/bench/ceiling.sh),
# BENCH_EXTRAS=1 (also measure the post page with the access log sent to /dev/null
# and with the local-memory cache instead of Redis), BENCH_SOURCE=worktree (or a git
# revision such as HEAD: benchmark that commit, exported to a temporary directory and
# put first on PYTHONPATH, while someone keeps editing the work tree). For a partial
# run: BENCH_MODES="cached" (or "nocache"), BENCH_PAGES="home post", BENCH_COMMENTS=0,
# BENCH_OUT and BENCH_REPORT (where results and the report go), BENCH_PG_DB.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
LN="$ROOT/.venv/bin/linernotes"
DATABASES="${BENCH_DATABASES:-sqlite postgres}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-2s}"
WORKERS="${BENCH_WORKERS:-4}"
POSTS="${BENCH_POSTS:-10000}"
PG_ADMIN_URL="${BENCH_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_DB="${BENCH_PG_DB:-linernotes_bench}"
PG_URL="${PG_ADMIN_URL%/*}/$PG_DB"
REDIS_URL_BENCH="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/13}"
CEILING="${BENCH_CEILING:-$ROOT/../shared/bench/ceiling.sh}"
EXTRAS="${BENCH_EXTRAS:-1}"
SOURCE="${BENCH_SOURCE:-worktree}"
HOST_HEADER=blog.example.org
OUT="${BENCH_OUT:-$ROOT/bench/results}"
PAGES="${BENCH_PAGES:-home post post-1000 tag search}"
MODES="${BENCH_MODES:-nocache cached}"
COMMENTS="${BENCH_COMMENTS:-1}"
REPORT="${BENCH_REPORT:-bench/README.md}"
# wrk and curl name a browser, as readers' requests do: the reading statistics
# (linernotes.stats) skip requests without one, and the bench must pay for counting.
BROWSER_UA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
command -v curl >/dev/null || { echo "bench/run.sh needs curl" >&2; exit 2; }
[ -x "$LN" ] || { echo "no $LN: run 'make run' or pip install -e . first" >&2; exit 2; }

W="$(mktemp -d /tmp/linernotes-bench.XXXXXX)"
SERVER_PID=""
SAMPLER_PID=""
PG_CREATED=""
rm -rf "$OUT"; mkdir -p "$OUT/wrk" "$OUT/pss" "$OUT/pages" "$OUT/logs"

# The application code to measure: the work tree, or a committed revision.
if [ "$SOURCE" = worktree ]; then
  SRC="$ROOT"
  SOURCE_DESC="work tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- linernotes 2>/dev/null || echo ' with uncommitted changes under linernotes/')"
else
  SRC="$W/src"; mkdir -p "$SRC"
  git archive "$SOURCE" | tar -x -C "$SRC"
  SOURCE_DESC="commit $(git rev-parse --short "$SOURCE") ($SOURCE), exported"
fi

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
  if [ -n "$SAMPLER_PID" ]; then
    for _ in $(seq 1 20); do kill -0 "$SAMPLER_PID" 2>/dev/null || break; sleep 0.25; done
    kill "$SAMPLER_PID" 2>/dev/null || true
  fi
  SAMPLER_PID=""
}

drop_pg() {
  psql "$PG_ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
}

cleanup() {
  stop_server
  [ -n "$PG_CREATED" ] && drop_pg || true
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Machine and versions, before anything runs.
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "cores=$(nproc)"
  echo "memory_mib=$(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "python=$("$PY" -c 'import platform; print(platform.python_version())')"
  echo "django=$("$PY" -c 'import django; print(django.__version__)')"
  echo "gunicorn=$("$PY" -c 'import gunicorn; print(gunicorn.__version__)')"
  echo "sqlite=$("$PY" -c 'import sqlite3; print(sqlite3.sqlite_version)')"
  echo "postgresql=$(psql "$PG_ADMIN_URL" -tAc 'SHOW server_version' 2>/dev/null || echo unreachable)"
  echo "redis=$(redis-cli -u "$REDIS_URL_BENCH" INFO server 2>/dev/null | awk -F: '/redis_version/ {print $2}' | tr -d '\r' || true)"
  echo "wrk=$(wrk -v 2>&1 | head -1 || true)"
  echo "source=$SOURCE_DESC"
  echo "workers=$WORKERS"
  echo "duration=$DURATION"
  echo "warmup=$WARMUP"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

# Does Redis answer? The README's deployment uses it as the cache.
CACHE_BACKEND=redis
"$PY" -c "import redis,sys; redis.Redis.from_url('$REDIS_URL_BENCH', socket_timeout=2).ping()" 2>/dev/null \
  || { log "Redis unreachable at $REDIS_URL_BENCH: using the local-memory cache"; CACHE_BACKEND=locmem; }

SECRET="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
# The README's deployment environment; DATABASE_URL and REDIS_URL are added per run.
CLEAN=(-u DEBUG -u DATABASE_URL -u REDIS_URL -u LINERNOTES_PAGE_CACHE_SECONDS
       -u DJANGO_SETTINGS_MODULE -u LOG_LEVEL -u WEB_CONCURRENCY -u PYTHONPATH)
DEPLOY=(SECRET_KEY="$SECRET" ALLOWED_HOSTS="$HOST_HEADER"
        CSRF_TRUSTED_ORIGINS="https://$HOST_HEADER" BEHIND_HTTPS_PROXY=true
        MEDIA_ROOT="$W/media" STATIC_ROOT="$W/static" LINERNOTES_DATA_DIR="$W/data"
        CACHE_KEY_PREFIX="linernotes-bench-$$"
        # wrk stands where the README's nginx would: the server reads the reader's
        # address from its X-Forwarded-For (bench/comment.lua gives each comment
        # its own network, so every rate check sees each reader once).
        LINERNOTES_TRUSTED_PROXIES=127.0.0.1)
[ "$SRC" = "$ROOT" ] || DEPLOY+=(PYTHONPATH="$SRC")
# Run from $SRC: gunicorn puts its working directory first on sys.path.
deploy_env() { ( cd "$SRC" && env "${CLEAN[@]}" "${DEPLOY[@]}" "$@" ); }

DB_ENV=()
setup_db() {  # db
  case "$1" in
    sqlite)
      rm -rf "$W/data"; mkdir -p "$W/data"
      DB_ENV=() ;;
    postgres)
      psql "$PG_ADMIN_URL" -tAc 'SELECT 1' >/dev/null 2>&1 || { log "PostgreSQL unreachable"; return 1; }
      drop_pg; psql "$PG_ADMIN_URL" -q -c "CREATE DATABASE $PG_DB" >/dev/null; PG_CREATED=1
      DB_ENV=(DATABASE_URL="$PG_URL") ;;
  esac
  log "$1: migrate"
  deploy_env "${DB_ENV[@]}" "$LN" migrate -v0
  log "$1: fill ($POSTS posts)"
  deploy_env "${DB_ENV[@]}" "$PY" "$ROOT/bench/fill.py" --posts "$POSTS" --urls "$OUT/urls-$1.json" \
    > "$OUT/fill-$1.json"
  log "$1: conversation (18 threaded comments with likes on the post, 1,000 on another)"
  deploy_env "${DB_ENV[@]}" "$PY" "$ROOT/bench/fill_conversation.py" --urls "$OUT/urls-$1.json" \
    > "$OUT/conversation-$1.json"
}

count_comments() {
  deploy_env "${DB_ENV[@]}" "$PY" -c '
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.base")
django.setup()
from linernotes.comments.models import Comment
print(Comment.objects.count())'
}

url_for() {  # db page
  "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$OUT/urls-$1.json" "$2"
}

fetch() {  # url outfile → prints "status x-page-cache"
  curl -s --max-time 30 -o "$2" -D "$2.headers" -w '%{http_code}' \
    -H "Host: $HOST_HEADER" -H "X-Forwarded-Proto: https" -H "User-Agent: $BROWSER_UA" "$1" || echo 000
  printf ' %s\n' "$(awk -F': ' 'tolower($1)=="x-page-cache" {print $2}' "$2.headers" | tr -d '\r')"
}

start_server() {  # label db mode cache accesslog(file|devnull)
  local label="$1" db="$2" mode="$3" cache="$4" accesslog="$5" extra=()
  [ "$mode" = nocache ] && extra+=(LINERNOTES_PAGE_CACHE_SECONDS=0)
  [ "$cache" = redis ] && extra+=(REDIS_URL="$REDIS_URL_BENCH")
  PORT=$(port)
  BASE="http://127.0.0.1:$PORT"
  local sink="$W/serve-$label.log"
  [ "$accesslog" = devnull ] && sink=/dev/null
  # exec all the way down (env → linernotes serve → gunicorn): $! is the master's PID.
  ( cd "$SRC" && exec env "${CLEAN[@]}" "${DEPLOY[@]}" "${DB_ENV[@]}" "${extra[@]}" \
      "$LN" serve --host 127.0.0.1 --port "$PORT" --workers "$WORKERS" \
      > "$sink" 2> "$OUT/logs/$label.stderr" ) &
  SERVER_PID=$!
  local up=""
  for _ in $(seq 1 120); do
    if [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "Host: $HOST_HEADER" "$BASE/robots.txt" || true)" = 200 ]; then up=1; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$up" ] || { log "$label: server did not start"; cat "$OUT/logs/$label.stderr" >&2; return 1; }
  "$PY" "$ROOT/bench/pss.py" "$SERVER_PID" "$OUT/pss/$label.tsv" --interval 0.2 --max-seconds 900 &
  SAMPLER_PID=$!
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$db" "$mode" "$cache" "$accesslog" "$(date +%s.%N)" >> "$OUT/servers.tsv"
  log "$label: serving on $BASE (workers=$WORKERS, cache=$cache, access log → $accesslog)"
}

finish_server() {  # label
  local label="$1" sink="$W/serve-$1.log"
  if [ -f "$sink" ]; then
    printf '%s\t%s\t%s\n' "$label" "$(wc -l < "$sink")" "$(wc -c < "$sink")" >> "$OUT/accesslog.tsv"
    head -3 "$sink" > "$OUT/logs/$label.stdout-head"
  fi
  stop_server
}

drain() {  # label: wait (at most 60 s) until the server has worked off its backlog
  # gunicorn's sync workers still answer requests wrk sent before it stopped; with
  # slow pages that backlog would run into the next measurement.
  local f="$OUT/pss/$1.tsv" a b
  for _ in $(seq 1 120); do
    a=$(tail -1 "$f" | cut -f4); sleep 0.5; b=$(tail -1 "$f" | cut -f4)
    [ -n "$a" ] && [ -n "$b" ] && [ $((b - a)) -le 3 ] && return 0  # < 6% of a core
  done
  log "$1: server still busy after 60 s"
}

wait_quiet() {  # up to 10 s for the rest of the machine to go (nearly) idle
  local busy
  for _ in $(seq 1 10); do
    busy=$("$PY" -c '
import time
def busy():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return sum(v) - v[3] - v[4]
a = busy(); time.sleep(1); print(busy() - a)')
    [ "$busy" -lt 30 ] && return 0  # under 0.3 of a core
  done
  log "machine still busy ($busy ticks/s) after 10 s; measuring anyway"
}

measure() {  # label page path conns [more wrk arguments]
  local label="$1" page="$2" path="$3" conns="$4" threads=1
  shift 4
  [ "$conns" -gt 1 ] && threads=2
  local file="$OUT/wrk/$label.$page.c$conns.txt"
  printf '%s\t%s\t%s\tstart\t%s\n' "$label" "$page" "$conns" "$(date +%s.%N)" >> "$OUT/phases.tsv"
  # `times` in the subshell reports the CPU wrk used (it is a waited-for descendant).
  ( timeout 180 wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 10s --latency "$@" \
      -H "Host: $HOST_HEADER" -H "X-Forwarded-Proto: https" -H "User-Agent: $BROWSER_UA" "$BASE$path" \
      ${WRK_SCRIPT_ARGS[@]+"${WRK_SCRIPT_ARGS[@]}"} > "$file" 2>&1 || true
    times > "$file.cpu" )  # second line: the children's user and system time
  printf '%s\t%s\t%s\tend\t%s\n' "$label" "$page" "$conns" "$(date +%s.%N)" >> "$OUT/phases.tsv"
  drain "$label"
  log "$label $page c$conns: $(awk '/Requests\/sec/ {print $2 " req/s"}' "$file") p50 $(awk '$1=="50%" {print $2}' "$file")"
}

bench_pages() {  # label db pages…
  local label="$1" db="$2"; shift 2
  local page path status
  for page in "$@"; do
    path=$(url_for "$db" "$page")
    # Twice, so a cached mode shows a hit; the second copy is kept.
    fetch "$BASE$path" "$OUT/pages/$label.$page.html" > /dev/null
    status=$(fetch "$BASE$path" "$OUT/pages/$label.$page.html")
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$page" "$path" "$status" "$(wc -c < "$OUT/pages/$label.$page.html")" >> "$OUT/checks.tsv"
    case "$status" in 200*) ;; *) log "$label $page: $path answered $status, skipped"; continue ;; esac
    timeout 60 wrk -t2 -c32 -d"$WARMUP" --timeout 10s \
      -H "Host: $HOST_HEADER" -H "X-Forwarded-Proto: https" -H "User-Agent: $BROWSER_UA" "$BASE$path" > /dev/null 2>&1 || true
    drain "$label"
    wait_quiet
    measure "$label" "$page" "$path" 32
    measure "$label" "$page" "$path" 1
  done
}

WRK_SCRIPT_ARGS=()
form_token() {  # path: the signed "form shown" token a reader's page fetches
  curl -s --max-time 10 -H "Host: $HOST_HEADER" -H "X-Forwarded-Proto: https" \
    -H "User-Agent: $BROWSER_UA" "$BASE/account/me.json?post=$(basename "$1")" \
    | "$PY" -c 'import json,sys; print(json.load(sys.stdin).get("comment_form_shown", ""))'
}

bench_comments() {  # label db: guest comments posted through the real form
  local label="$1" db="$2" path conns before after acked token
  path=$(url_for "$db" comment)
  for conns in 32 1; do
    before=$(count_comments)
    # The form is shown before the run (and wait_quiet's pause), so the timing
    # check sees a reader who took longer than 3 s to write (bench/comment.lua).
    token=$(form_token "$path")
    [ -n "$token" ] || log "$label: no form token from the reader state"
    wait_quiet
    sleep 3
    WRK_SCRIPT_ARGS=(-- "$label-c$conns-$$" "$token")  # after the URL: the script's own
    measure "$label" comment "$path" "$conns" -s "$ROOT/bench/comment.lua"
    WRK_SCRIPT_ARGS=()
    after=$(count_comments)
    acked=$(awk '/^acknowledged_comments/ {print $2}' "$OUT/wrk/$label.comment.c$conns.txt")
    printf '%s\t%s\t%s\t%s\n' "$label" "$conns" "${acked:-0}" "$((after - before))" >> "$OUT/comments.tsv"
    log "$label comment c$conns: ${acked:-0} acknowledged, $((after - before)) stored"
  done
}

STARTED=$(date +%s)
for db in $DATABASES; do
  setup_db "$db" || { log "$db skipped"; continue; }
  # Caching off first: the comment measurement (cached server) writes thousands of
  # rows, and pages measured after it would pay for its aftermath (a grown WAL,
  # autovacuum), not for their own work.
  for mode in $MODES; do
    label="$db-$mode"
    start_server "$label" "$db" "$mode" "$CACHE_BACKEND" file || { stop_server; continue; }
    # shellcheck disable=SC2086
    bench_pages "$label" "$db" $PAGES
    [ "$mode" = cached ] && [ "$COMMENTS" = 1 ] && bench_comments "$label" "$db"
    finish_server "$label"
  done
  if [ "$db" = sqlite ] && [ "$EXTRAS" = 1 ]; then
    # What the access log costs, and what Redis costs against per-process memory.
    start_server "$db-cached-nolog" "$db" cached "$CACHE_BACKEND" devnull \
      && bench_pages "$db-cached-nolog" "$db" post; finish_server "$db-cached-nolog"
    start_server "$db-cached-locmem" "$db" cached locmem file \
      && bench_pages "$db-cached-locmem" "$db" post; finish_server "$db-cached-locmem"
  fi
  if [ ! -f "$OUT/ceiling.jsonl" ] && [ -s "$OUT/pages/$db-cached.post.html" ]; then
    log "ceiling.sh on the saved post page ($(wc -c < "$OUT/pages/$db-cached.post.html") bytes)"
    cp "$OUT/pages/$db-cached.post.html" "$OUT/post-page.html"
    wait_quiet
    WRK_DURATION="$DURATION" timeout 300 bash "$CEILING" "$OUT/post-page.html" "$PY" \
      > "$OUT/ceiling.jsonl" 2> "$OUT/logs/ceiling.stderr" || log "ceiling.sh failed (see logs/ceiling.stderr)"
  fi
  if [ "$db" = postgres ]; then drop_pg; PG_CREATED=""; fi
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo "total_seconds=$(( $(date +%s) - STARTED ))" >> "$OUT/machine.txt"
log "done in $(( $(date +%s) - STARTED )) s; writing bench/README.md"
"$PY" bench/report.py "$OUT" --write "$REPORT"
