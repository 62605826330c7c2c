#!/usr/bin/env bash
# Load test of the full stack (issue 12): gunicorn sized for 2 cores on PostgreSQL with 100k published
# achievements, Redis as the cache, persistent database connections, DEBUG off; wrk on loopback replays a mixed
# scenario (library lists with filters and keywords, detail pages, recommendations, the staff dashboard) with
# 20 concurrent clients. Client and server share the machine.
#
#   make loadtest                      # 5 minutes
#   DURATION=30s make loadtest         # a quick run
#
# Environment (defaults in brackets): DATABASE_URL [postgres://postgres@127.0.0.1:5432/chengguo_bench],
# REDIS_URL [redis://127.0.0.1:6379/3], LOADTEST_N [100000], DURATION [5m], CONNECTIONS [20], THREADS [2],
# WORKERS [3: cores + 1, as the Dockerfile and docker-compose run it], WORKER_CLASS [sync], GTHREADS [1], PORT [8199], DB_CONN_MAX_AGE [600], OUT [artifacts/loadtest],
# WARMUP [60s]: the unmeasured run before the measured one (fills the caches after the flush),
# PRIORITY [unset]: when set (e.g. -15, root only), the scheduler priority of the server's and the client's
# process groups (/proc/<pid>/autogroup): on a machine shared with other sessions, `nice` alone does not
# keep their work from taking the CPU, because the kernel shares the CPU between sessions first.
# Prints the figures as one JSON line and keeps it, with the server's log, under $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/chengguo_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/3}"
export DB_CONN_MAX_AGE="${DB_CONN_MAX_AGE:-600}"
# the platform's own settings, DEBUG off: static files through WhiteNoise's compressed manifest storage
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-platform_core.settings}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-loadtest-only-$(date +%s)-not-a-secret}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DJANGO_SECURE_SSL_REDIRECT=0
# the development key the benchmark's rows were written with (settings.py uses it when DEBUG is on)
export FIELD_ENCRYPTION_KEYS="${FIELD_ENCRYPTION_KEYS:-ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=}"
export LOG_LEVEL="${LOG_LEVEL:-ERROR}"
N="${LOADTEST_N:-100000}"
DURATION="${DURATION:-5m}"
CONNECTIONS="${CONNECTIONS:-20}"
THREADS="${THREADS:-2}"
WORKERS="${WORKERS:-3}"
WORKER_CLASS="${WORKER_CLASS:-sync}"
GTHREADS="${GTHREADS:-1}"
PORT="${PORT:-8199}"
OUT="${OUT:-artifacts/loadtest}"
PY="${PY:-.venv/bin/python}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

log() { echo "[loadtest] $*" >&2; }

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    log "wrk is required (apt-get install wrk)"; exit 1
  fi
fi

# the database exists and is migrated; the data, the accounts and the URL mix are prepared
"$PY" - <<'PYEOF'
import os, urllib.parse, psycopg2
url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
conn = psycopg2.connect(urllib.parse.urlunsplit(url._replace(path="/postgres")))
conn.autocommit = True
with conn.cursor() as cur:
    name = url.path.lstrip("/")
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{name}"')
conn.close()
PYEOF
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
export LOADTEST_MIX="$OUT/mix.lua"
"$PY" scripts/loadtest_prepare.py --n "$N" --out "$LOADTEST_MIX"
"$PY" - <<'PYEOF'
import os, redis
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()  # the load test's own cache database starts cold
PYEOF

SERVER_LOG="$OUT/gunicorn-$STAMP.log"
setsid .venv/bin/gunicorn platform_core.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-class "$WORKER_CLASS" --threads "$GTHREADS" --backlog 256 --timeout 60 \
  --access-logfile - --access-logformat '%(s)s %(M)s %(U)s?%(q)s' >"$SERVER_LOG" 2>&1 &
GUNICORN=$!
if [ -n "${PRIORITY:-}" ]; then
  echo "$PRIORITY" >"/proc/$GUNICORN/autogroup" && echo "$PRIORITY" >/proc/$$/autogroup \
    && log "server and client process groups at autogroup nice $PRIORITY"
fi
trap 'kill -TERM -- "-$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/library/" && break
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/library/" || { log "the server did not come up"; tail -20 "$SERVER_LOG"; exit 1; }

WARMUP="${WARMUP:-60s}"
log "warm-up $WARMUP"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s scripts/loadtest_mix.lua "http://127.0.0.1:$PORT" >/dev/null
log "measuring: $CONNECTIONS clients for $DURATION against $WORKERS $WORKER_CLASS workers"
START_LINE=$(wc -l <"$SERVER_LOG")
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s --latency -s scripts/loadtest_mix.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/wrk-$STAMP.txt"
FIGURES=$(grep '^{' "$OUT/wrk-$STAMP.txt" | tail -1)
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)  # the 1-minute load average: other work on the machine shows here
# per-URL-kind server-side timings (gunicorn's %(M)s = milliseconds) from the measured window's access log
PER_KIND=$(tail -n +"$((START_LINE + 1))" "$SERVER_LOG" | "$PY" -c '
import json, sys, statistics
kinds = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 3 or not parts[1].isdigit():
        continue
    status, ms, path = parts
    kind = ("dashboard" if path.startswith("/dashboard") else "recommendations" if "recommendations" in path
            else ("list_keyword" if "q=" in path else "list") if path.startswith("/library/?")
            else "detail" if path.startswith("/library/") else "other")
    kinds.setdefault(kind, []).append(int(ms))
def pct(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(len(v) * p / 100))]
print(json.dumps({k: {"n": len(v), "median_ms": statistics.median(v), "p95_ms": pct(v, 95)} for k, v in kinds.items()}))
')
LINE=$("$PY" -c '
import json, os, sys
figures = json.loads(sys.argv[1]); per_kind = json.loads(sys.argv[2])
line = {"bench": "loadtest", "date": sys.argv[3], "workers": int(os.environ.get("WORKERS", "3")),
        "worker_class": sys.argv[4], "clients": int(sys.argv[5]), "duration": sys.argv[6],
        "warmup": os.environ.get("WARMUP", "60s"), **figures,
        "server_ms_by_kind": per_kind, "cores": os.cpu_count(), "priority": os.environ.get("PRIORITY") or None,
        "loadavg_1m_before_after": [float(sys.argv[7]), float(sys.argv[8])],
        "targets_met": {"rps_ge_300": figures["rps"] >= 300, "zero_errors": figures["error_rate"] == 0}}
print(json.dumps(line, ensure_ascii=False))
' "$FIGURES" "$PER_KIND" "$STAMP" "$WORKER_CLASS" "$CONNECTIONS" "$DURATION" "$LOAD_BEFORE" "$LOAD_AFTER")
echo "$LINE" | tee "$OUT/loadtest-$STAMP.json"
