#!/usr/bin/env bash
# The platform's real stack on this machine: gunicorn + Celery worker + Celery beat against local
# PostgreSQL and Redis. Ctrl-C (or SIGTERM) stops everything this script started.
#
#   make stack                          # http://127.0.0.1:8000, database "chengguo", Redis DB 0 (broker) / 1 (cache)
#   PORT=8100 STACK_SEED=0 scripts/stack.sh
#
# Environment (defaults in brackets): DATABASE_URL [postgres://postgres@127.0.0.1:5432/chengguo],
# CELERY_BROKER_URL [redis://127.0.0.1:6379/0], REDIS_URL [redis://127.0.0.1:6379/1], BIND [127.0.0.1],
# PORT [8000], WEB_CONCURRENCY [2], WORKER_CONCURRENCY [2], STACK_SEED [1: load demo data],
# DJANGO_DEBUG [1], STACK_PIDFILE [unset: where to write the started process ids].
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/chengguo}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"
export REDIS_URL="${REDIS_URL-redis://127.0.0.1:6379/1}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-platform_core.settings}"
export PYTHONUNBUFFERED=1
BIND="${BIND:-127.0.0.1}"
PORT="${PORT:-8000}"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-2}"
VENV_BIN="${VENV_BIN:-.venv/bin}"
PY="$VENV_BIN/python"

log() { echo "[stack] $*" >&2; }

# The database must exist (PostgreSQL): create it when it does not.
if [[ "$DATABASE_URL" == postgres* ]]; then
  "$PY" - <<'PYEOF'
import os, urllib.parse, psycopg2
url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
admin = urllib.parse.urlunsplit(url._replace(path="/postgres"))
conn = psycopg2.connect(admin)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{name}"')
        print(f"[stack] created database {name}")
conn.close()
PYEOF
fi

"$PY" manage.py migrate --noinput -v 0
if [ "${STACK_SEED:-1}" = "1" ]; then "$PY" manage.py seed_demo; fi
if [ "$DJANGO_DEBUG" = "0" ]; then "$PY" manage.py collectstatic --noinput -v 0; fi

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM EXIT
  log "stopping ${pids[*]:-nothing}"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  [ -n "${STACK_PIDFILE:-}" ] && rm -f "$STACK_PIDFILE"
  log "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# each process leads its own process group, so stopping a group also ends its children
start() {
  local name=$1; shift
  setsid "$@" &
  pids+=($!)
  log "$name pid $!"
}
start web "$VENV_BIN/gunicorn" platform_core.wsgi:application --bind "$BIND:$PORT" \
  --workers "$WEB_CONCURRENCY" --timeout 60 --access-logfile - --graceful-timeout 10
start worker "$VENV_BIN/celery" -A platform_core worker -l info -c "$WORKER_CONCURRENCY" --without-gossip --without-mingle
start beat "$VENV_BIN/celery" -A platform_core beat -l info \
  -S django_celery_beat.schedulers:DatabaseScheduler --pidfile "${TMPDIR:-/tmp}/chengguo-beat-$$.pid"
[ -n "${STACK_PIDFILE:-}" ] && printf '%s\n' "${pids[@]}" > "$STACK_PIDFILE"
log "serving on http://$BIND:$PORT (database $DATABASE_URL, broker $CELERY_BROKER_URL); Ctrl-C stops all"

# when any of the three exits, stop the others
set +e
wait -n
log "a process exited; stopping the stack"
exit 1
