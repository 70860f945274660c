#!/usr/bin/env bash
# Benchmark figures (see bench/README.md):
#  (a) catalog load time and uncached slate compute time, from <build>/bench/recs-bench-slate,
#      title search time per query (typing, reversed words, a typo, with the year; bundled and
#      synthetic 100k catalogs) from <build>/bench/recs-bench-search,
#      uncached Family Mix slate time (3 and 6 members), from <build>/bench/recs-bench-family,
#      and rating-to-push latency over /ws (1, 100, 1000 clients) and memory per idle WebSocket
#      connection, from <build>/bench/recs-bench-ws
#  (a2) ratings written per second through the store on SQLite and on a throwaway PostgreSQL
#      (test/support/pg_server.sh), from <build>/bench/recs-bench-store
#  (a3) cached-read latency of GET /recommendations from the shared Redis cache next to the
#      in-process cache: two recs-server instances on a throwaway PostgreSQL and Redis, from
#      <build>/bench/recs-bench-cache (CACHE_SLATES a round, 200; CACHE_ROUNDS, 5)
#  (b) cached-slate throughput of recs-server next to nginx serving the same bytes from a file,
#      both measured with wrk, alternately, WRK_RUNS times each; medians and the ratio.
# Usage: bench/run.sh <build dir>
# Environment (optional): WRK_THREADS (2), WRK_CONNECTIONS (64), WRK_DURATION (10s),
#   WRK_RUNS (3), NGINX_WORKERS (auto), CATALOG_PATH, PROVIDERS_PATH (data/ in the source).
set -uo pipefail

die() {
  echo "bench: $*" >&2
  exit 1
}

[ $# -ge 1 ] || die "usage: $0 <build dir>"
[ -d "$1" ] || die "not a directory: $1"
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
SERVER_BIN=$BUILD/app/recs-server
SLATE_BENCH=$BUILD/bench/recs-bench-slate
FAMILY_BENCH=$BUILD/bench/recs-bench-family
WS_BENCH=$BUILD/bench/recs-bench-ws
SEARCH_BENCH=$BUILD/bench/recs-bench-search
STORE_BENCH=$BUILD/bench/recs-bench-store
CACHE_BENCH=$BUILD/bench/recs-bench-cache

WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
WRK_DURATION=${WRK_DURATION:-10s}
WRK_RUNS=${WRK_RUNS:-3}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
TOKEN=devtoken:demo@local.test
SLATE_PATH="/recommendations?for=ross&seed=99"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/recs-bench.XXXXXX")
CACHE_PIDS=()
SERVER_PID=""
NGINX_PID=""

# stop_pid PID: SIGTERM, SIGKILL after 5 s; only the processes this script started.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  local pid
  for pid in "${CACHE_PIDS[@]}"; do stop_pid "$pid"; done
  stop_pid "$NGINX_PID"
  NGINX_PID=""
  stop_pid "$SERVER_PID"
  SERVER_PID=""
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

# port_in_use PORT and pick_free_port (20000-32767, below the ephemeral range, random start).
# shellcheck source=../scripts/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/ports.sh"

# wait_http URL PID LOG [HEADER]: until URL answers 200 (30 s), while PID lives.
wait_http() {
  local url=$1 pid=$2 log=$3 deadline=$((SECONDS + 30))
  local hdr=()
  [ $# -ge 4 ] && hdr=(-H "$4")
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: process $pid exited during start-up; log:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 ${hdr[@]+"${hdr[@]}"} "$url")" = 200 ] &&
      return 0
    sleep 0.1
  done
  echo "bench: $url did not answer 200 within 30 s; log:" >&2
  tail -n 40 "$log" >&2
  return 1
}

# median of the numbers on stdin (one per line).
median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# wrk_req_per_sec FILE / wrk_p99_ms FILE: numbers from wrk --latency output.
wrk_req_per_sec() {
  awk '/^Requests\/sec:/ { print $2 }' "$1"
}
wrk_p99_ms() {
  awk '$1 == "99%" {
    v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
    if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000
    printf "%.3f\n", v }' "$1"
}

# run_wrk NAME URL RUN [HEADER]: one wrk run; prints its figures; stores them per target.
run_wrk() {
  local name=$1 url=$2 run=$3 out="$TMP/wrk.$1.$3.txt"
  local args=(-t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency)
  [ $# -ge 4 ] && args+=(-H "$4")
  if ! wrk "${args[@]}" "$url" >"$out" 2>&1; then
    cat "$out" >&2
    die "wrk failed against $name"
  fi
  local rps p99 bad
  rps=$(wrk_req_per_sec "$out")
  p99=$(wrk_p99_ms "$out")
  [ -n "$rps" ] && [ -n "$p99" ] || { cat "$out" >&2; die "cannot parse wrk output ($name)"; }
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  printf '  run %d  %-12s %12s req/s  p99 %9s ms%s\n' "$run" "$name" "$rps" "$p99" \
    "${bad:+  WARNING: $bad non-2xx answers}"
  grep -q "Socket errors" "$out" && echo "          $(grep "Socket errors" "$out")"
  echo "$rps" >>"$TMP/rps.$name"
  echo "$p99" >>"$TMP/p99.$name"
}

# --- (a) catalog load and slate compute -----------------------------------------------------------
echo "== (a) catalog load, uncached slate compute, title search and live-update pushes =="
CATALOG=${CATALOG_PATH:-$SRC/data/catalog.jsonl}
PROVIDERS=${PROVIDERS_PATH:-$SRC/data/providers.json}
for bench_bin in "$SLATE_BENCH" "$FAMILY_BENCH" "$SEARCH_BENCH" "$WS_BENCH"; do
  if [ -x "$bench_bin" ]; then
    # Usage of all four: <bench> [catalog.jsonl] [providers.json] [iterations or sample]
    (cd "$SRC" && "$bench_bin" "$CATALOG" "$PROVIDERS") ||
      echo "bench: ${bench_bin##*/} exited with status $?" >&2
  else
    echo "  (skipped: $bench_bin is not built)"
  fi
done
echo

# --- (a2) ratings written per second: SQLite and PostgreSQL ----------------------------------------
echo "== (a2) ratings written per second: SQLite and PostgreSQL =="
if [ -x "$STORE_BENCH" ]; then
  PG_URL=""
  PG_DIR="$TMP/pg"
  # The throwaway server runs as `postgres` when this is root: it must reach $PG_DIR.
  chmod 755 "$TMP"
  if PG_URL=$("$SRC/test/support/pg_server.sh" start "$PG_DIR" --owner $$); then
    PG_STARTED=1
  else
    echo "  (PostgreSQL server binaries missing or not starting: SQLite only; \`make deps-test\`)"
  fi
  (cd "$SRC" && RECS_BENCH_PG_URL=$PG_URL "$STORE_BENCH" "$CATALOG" "$PROVIDERS") ||
    echo "bench: ${STORE_BENCH##*/} exited with status $?" >&2
  [ -n "${PG_STARTED:-}" ] && "$SRC/test/support/pg_server.sh" stop "$PG_DIR" >/dev/null
else
  echo "  (skipped: $STORE_BENCH is not built)"
fi
echo

# --- (a3) cached-read latency: the Redis cache next to the in-process cache -----------------------
echo "== (a3) cached-read latency: Redis cache vs in-process cache (two instances) =="
# Two recs-server instances on a throwaway PostgreSQL and a throwaway Redis; recs-bench-cache has B
# read slates A computed (from Redis), then the same again (in-process), then uncached ones.
bench_cache() {
  local pg_dir="$TMP/pg3" redis_dir="$TMP/redis3" pg_url redis_port port i name pid
  local -a env_common
  [ -x "$CACHE_BENCH" ] || { echo "  (skipped: $CACHE_BENCH is not built)"; return 0; }
  chmod 755 "$TMP"
  pg_url=$("$SRC/test/support/pg_server.sh" start "$pg_dir" --owner $$) || {
    echo "  (skipped: PostgreSQL server binaries missing or not starting; \`make deps-test\`)"
    return 0
  }
  PG3_DIR=$pg_dir
  redis_port=$(REDIS_OWNER_PID=$$ "$SRC/test/support/redis_server.sh" start "$redis_dir") || {
    echo "  (skipped: redis-server missing or not starting; \`make deps-test\`)"
    return 0
  }
  REDIS3_DIR=$redis_dir
  env_common=(DATABASE_URL="$pg_url" REDIS_URL="redis://127.0.0.1:$redis_port/0" CACHE_TTL_S=600
    DEV_MODE=true DATA_DIR="$TMP/data3")
  [ -f "$CATALOG" ] && env_common+=(CATALOG_PATH="$CATALOG")
  [ -f "$PROVIDERS" ] && env_common+=(PROVIDERS_PATH="$PROVIDERS")
  mkdir -p "$TMP/data3"
  CACHE_PORTS=()
  for name in a b; do  # one after the other: A creates the schema and the demo household
    port=$(pick_free_port) || die "no free port"
    (cd "$SRC" && exec env "${env_common[@]}" PORT="$port" "$SERVER_BIN") >"$TMP/server-$name.log" 2>&1 &
    pid=$!
    CACHE_PIDS+=("$pid")
    CACHE_PORTS+=("$port")
    wait_http "http://127.0.0.1:$port/healthz" "$pid" "$TMP/server-$name.log" ||
      die "recs-server $name did not start"
  done
  # Both models built, so that both instances rank alike and no model arrival flushes a cache.
  for port in "${CACHE_PORTS[@]}"; do
    for ((i = 0; i < 240; i++)); do
      curl -s --max-time 2 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/admin/status" |
        jq -r '.actors[] | select(.name == "cf_trainer") | .state' 2>/dev/null |
        grep -Eq '^idle, [1-9][0-9]* fits.*content model: [0-9]' && break
      sleep 0.25
    done
  done
  "$CACHE_BENCH" "${CACHE_PORTS[0]}" "${CACHE_PORTS[1]}" "$TOKEN" "${CACHE_SLATES:-200}" \
    "${CACHE_ROUNDS:-5}" || echo "bench: ${CACHE_BENCH##*/} exited with status $?" >&2
}
PG3_DIR="" REDIS3_DIR=""
bench_cache
for pid in "${CACHE_PIDS[@]}"; do stop_pid "$pid"; done
CACHE_PIDS=()
[ -n "$REDIS3_DIR" ] && "$SRC/test/support/redis_server.sh" stop "$REDIS3_DIR" >/dev/null
[ -n "$PG3_DIR" ] && "$SRC/test/support/pg_server.sh" stop "$PG3_DIR" >/dev/null
echo

# --- (b) throughput: recs-server (cached slate) vs nginx (same bytes from a file) ------------------
echo "== (b) throughput: cached slate from recs-server vs the same body from nginx =="
[ -x "$SERVER_BIN" ] || die "not built: $SERVER_BIN"
for tool in curl wrk nginx; do
  command -v "$tool" >/dev/null || die "missing tool: $tool (make deps-bench installs it)"
done

mkdir -p "$TMP/data" "$TMP/www" "$TMP/nginx"
RECS_PORT=$(pick_free_port) || die "no free port"
env_args=(PORT="$RECS_PORT" DATA_DIR="$TMP/data" DEV_MODE=true)
[ -d "$SRC/web" ] && env_args+=(WEB_ROOT="$SRC/web")
[ -f "$CATALOG" ] && env_args+=(CATALOG_PATH="$CATALOG")
[ -f "$PROVIDERS" ] && env_args+=(PROVIDERS_PATH="$PROVIDERS")
# Run in the source dir (the server's default paths are relative to it); exec keeps the PID.
(cd "$SRC" && exec env "${env_args[@]}" "$SERVER_BIN") >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
RECS_URL="http://127.0.0.1:$RECS_PORT"
wait_http "$RECS_URL/healthz" "$SERVER_PID" "$TMP/server.log" || die "recs-server did not start"

# Warm the cache and keep the exact body for nginx.
status=$(curl -s -o "$TMP/www/slate.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  "$RECS_URL$SLATE_PATH")
[ "$status" = 200 ] || die "GET $SLATE_PATH answered $status: $(head -c 300 "$TMP/www/slate.json")"
curl -s -o "$TMP/again.json" -H "Authorization: Bearer $TOKEN" "$RECS_URL$SLATE_PATH"
cmp -s "$TMP/www/slate.json" "$TMP/again.json" ||
  echo "bench: WARNING: two identical slate requests gave different bodies" >&2
BODY_BYTES=$(wc -c <"$TMP/www/slate.json")

# nginx's workers may run as an unprivileged user: let them read the file.
chmod 755 "$TMP" "$TMP/www"
chmod 644 "$TMP/www/slate.json"
NGINX_PORT=$(pick_free_port) || die "no free port"
[ "$NGINX_PORT" != "$RECS_PORT" ] || NGINX_PORT=$(pick_free_port) || die "no free port"
user_line=""
if [ "$(id -u)" = 0 ]; then
  group=nogroup
  getent group nogroup >/dev/null || group=nobody
  user_line="user nobody $group;"
fi
temp_paths="  client_body_temp_path $TMP/nginx/body;"
for module in proxy fastcgi uwsgi scgi; do
  nginx -V 2>&1 | grep -q -- "--without-http_${module}_module" ||
    temp_paths+=$'\n'"  ${module}_temp_path $TMP/nginx/$module;"
done
sed -e "s|@USER_LINE@|$user_line|" -e "s|@WORKERS@|$NGINX_WORKERS|" -e "s|@TMP@|$TMP|g" \
  -e "s|@PORT@|$NGINX_PORT|" "$SRC/bench/nginx.conf.tmpl" |
  awk -v paths="$temp_paths" '$0 == "@TEMP_PATHS@" { print paths; next } { print }' \
    >"$TMP/nginx.conf"
nginx -p "$TMP/nginx/" -c "$TMP/nginx.conf" -e "$TMP/nginx-error.log" >"$TMP/nginx.out" 2>&1 &
NGINX_PID=$!
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
if ! wait_http "$NGINX_URL$SLATE_PATH" "$NGINX_PID" "$TMP/nginx.out"; then
  cat "$TMP/nginx-error.log" >&2 2>/dev/null
  die "nginx did not start"
fi
ctype=$(curl -s -o "$TMP/nginx.json" -w '%{content_type}' "$NGINX_URL$SLATE_PATH")
cmp -s "$TMP/www/slate.json" "$TMP/nginx.json" || die "nginx does not serve the saved body"
[ "$ctype" = application/json ] || die "nginx answers Content-Type '$ctype'"

echo "  body: $BODY_BYTES bytes (GET $SLATE_PATH, seed 99, cache warmed)"
echo "  wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency, $WRK_RUNS runs each," \
  "alternating; nginx worker_processes $NGINX_WORKERS; $(nproc) CPUs"
for ((run = 1; run <= WRK_RUNS; run++)); do
  run_wrk recs-server "$RECS_URL$SLATE_PATH" "$run" "Authorization: Bearer $TOKEN"
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$TMP/server.log" >&2; die "recs-server died"; }
  run_wrk nginx "$NGINX_URL$SLATE_PATH" "$run"
done

RECS_RPS=$(median <"$TMP/rps.recs-server")
RECS_P99=$(median <"$TMP/p99.recs-server")
NGINX_RPS=$(median <"$TMP/rps.nginx")
NGINX_P99=$(median <"$TMP/p99.nginx")
RATIO=$(awk -v a="$RECS_RPS" -v b="$NGINX_RPS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

echo
printf '  %-34s %14s %12s\n' "median of $WRK_RUNS runs" "req/s" "p99 (ms)"
printf '  %-34s %14s %12s\n' "recs-server (cached slate)" "$RECS_RPS" "$RECS_P99"
printf '  %-34s %14s %12s\n' "nginx (same body, static file)" "$NGINX_RPS" "$NGINX_P99"
printf '  %-34s %14s\n' "ratio recs/nginx (req/s)" "$RATIO"

# --- (b2) authenticated cached reads: session cookie and API token next to the dev token ----------
# The same warm slate, the same server: each credential is resolved once, then answered from the
# credential cache (net/identity_port.hpp); a revocation empties it at once.
echo
echo "== (b2) authenticated cached GET $SLATE_PATH: session cookie, API token, dev token =="
login=$(curl -s -D "$TMP/login.headers" -H 'Content-Type: application/json' \
  -d '{"email":"demo@local.test","password":"demo-household"}' "$RECS_URL/auth/login")
CSRF=$(jq -r '.csrf // empty' <<<"$login")
SESSION=$(sed -n 's/^[Ss]et-[Cc]ookie: recs_session=\([^;]*\).*/\1/p' "$TMP/login.headers" | tr -d '\r')
[ -n "$SESSION" ] && [ -n "$CSRF" ] || die "signing in as the demo owner failed: $login"
API_TOKEN=$(curl -s -H "Cookie: recs_session=$SESSION" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' -d '{"name":"bench","scope":"read"}' "$RECS_URL/me/tokens" |
  jq -r '.token // empty')
[ -n "$API_TOKEN" ] || die "making an API token failed"
for ((run = 1; run <= WRK_RUNS; run++)); do
  run_wrk dev-token "$RECS_URL$SLATE_PATH" "$run" "Authorization: Bearer $TOKEN"
  run_wrk api-token "$RECS_URL$SLATE_PATH" "$run" "Authorization: Bearer $API_TOKEN"
  run_wrk cookie "$RECS_URL$SLATE_PATH" "$run" "Cookie: recs_session=$SESSION"
done
echo
printf '  %-34s %14s %12s\n' "median of $WRK_RUNS runs" "req/s" "p99 (ms)"
for name in dev-token api-token cookie; do
  printf '  %-34s %14s %12s\n' "$name" "$(median <"$TMP/rps.$name")" "$(median <"$TMP/p99.$name")"
done

# --- (a4) sign-in cost ----------------------------------------------------------------------------
echo
echo "== (a4) sign-in cost: Argon2id per hash and per verification =="
AUTH_BENCH=$BUILD/bench/recs-bench-auth
if [ -x "$AUTH_BENCH" ]; then
  "$AUTH_BENCH" || echo "bench: ${AUTH_BENCH##*/} exited with status $?" >&2
else
  echo "  (skipped: $AUTH_BENCH is not built)"
fi
