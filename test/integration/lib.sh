#!/usr/bin/env bash
# Helpers for the shell integration tests; sourced, never run.
#
# The sourcing script is called as: script.sh <path of recs-server> <source dir>.
# It gets:
#   start_server [data_dir]   start the server on a free loopback port (fresh DATA_DIR unless
#                             one is given); waits up to 30 s for /healthz; fails with the log
#   stop_server               SIGTERM by PID (SIGKILL after 10 s)
#   stop_pid PID [NAME]       the same for another process of the test
#   kill9_server              SIGKILL by PID, no grace
#   api METHOD PATH [BODY]    HTTP call with $TOKEN; sets API_STATUS and API_BODY
#   api_as TOKEN METHOD PATH [BODY]   the same with another token ("" = no Authorization header)
#   ok / fail / check_eq / check_ne / check_status / check_jq / check_error   assertions
#   finish                    prints "N passed, M failed"; exits non-zero when M > 0
# A trap always stops the server and removes the temp dir.

set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <recs-server binary> <source dir>" >&2
  exit 2
fi
# Absolute paths: the server runs in the source dir (its default paths are relative to it).
RECS_SERVER_BIN=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
RECS_SOURCE_DIR=$(cd "$2" 2>/dev/null && pwd) || { echo "not a directory: $2" >&2; exit 2; }
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done
[ -x "$RECS_SERVER_BIN" ] || { echo "not an executable: $RECS_SERVER_BIN" >&2; exit 2; }

TOKEN=devtoken:demo@local.test # the demo household, created at first start in dev mode
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/recs-itest.XXXXXX")
SERVER_PID=""
SERVER_PORT=""
SERVER_LOG=""
SERVER_DATA_DIR=""
SERVER_STARTS=0
BASE_URL=""
API_STATUS=""
API_BODY=""
PASSED=0
FAILED=0

_lib_cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$TEST_TMP"
}
trap _lib_cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# --- ports -----------------------------------------------------------------------------------

# port_in_use PORT and pick_free_port (20000-32767, below the ephemeral range, random start).
# shellcheck source=../../scripts/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/ports.sh"

# --- server lifecycle -------------------------------------------------------------------------

# Prints the tail of the current server log to stderr.
show_server_log() {
  [ -n "$SERVER_LOG" ] && [ -f "$SERVER_LOG" ] || return 0
  echo "----- server log ($SERVER_LOG, last 60 lines) -----" >&2
  tail -n 60 "$SERVER_LOG" >&2
  echo "----- end of server log -----" >&2
}

# One start attempt on $1 = port; 0 when the server answers /healthz, 1 when it died,
# 2 when it is still alive but silent after 30 s.
_try_start() {
  local port=$1 i
  SERVER_PORT=$port
  SERVER_STARTS=$((SERVER_STARTS + 1))
  SERVER_LOG="$TEST_TMP/server.$SERVER_STARTS.log"
  local env_args=(PORT="$port" DATA_DIR="$SERVER_DATA_DIR")
  # SERVER_DEV_MODE=false leaves DEV_MODE unset (a real first run, no dev tokens).
  [ "${SERVER_DEV_MODE:-true}" = true ] && env_args+=(DEV_MODE=true)
  [ -d "$RECS_SOURCE_DIR/web" ] && env_args+=(WEB_ROOT="$RECS_SOURCE_DIR/web")
  [ -f "$RECS_SOURCE_DIR/data/catalog.jsonl" ] &&
    env_args+=(CATALOG_PATH="$RECS_SOURCE_DIR/data/catalog.jsonl")
  [ -f "$RECS_SOURCE_DIR/data/providers.json" ] &&
    env_args+=(PROVIDERS_PATH="$RECS_SOURCE_DIR/data/providers.json")
  # exec keeps the PID of the background subshell: it becomes the server's.
  (cd "$RECS_SOURCE_DIR" && exec env -u DEV_MODE "${env_args[@]}" \
    ${SERVER_EXTRA_ENV[@]+"${SERVER_EXTRA_ENV[@]}"} "$RECS_SERVER_BIN") >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  BASE_URL="http://127.0.0.1:$port"
  # Ready = our process is alive and /healthz answers 200. The banner ("listening on ...")
  # proves the port is ours; without it (stdout may be block-buffered into the log file) we
  # re-check that our process survived, since a server that lost the port race exits.
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null
      echo "server exited with status $? during start-up" >&2
      SERVER_PID=""
      return 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/healthz")" = 200 ]; then
      grep -qE "listening on http://[0-9.]+:$port\b" "$SERVER_LOG" 2>/dev/null && return 0
      sleep 0.5
      kill -0 "$SERVER_PID" 2>/dev/null && return 0
      continue
    fi
    sleep 0.1
  done
  return 2
}

# start_server [data_dir]: starts recs-server with DEV_MODE=true (unless SERVER_DEV_MODE=false)
# on a free port. Without an argument it uses a fresh data dir; with one (e.g.
# "$SERVER_DATA_DIR") it reuses it.
# Extra environment can be given in the array SERVER_EXTRA_ENV=(NAME=value ...).
start_server() {
  local attempt port rc
  if [ $# -ge 1 ] && [ -n "$1" ]; then
    SERVER_DATA_DIR=$1
  else
    SERVER_DATA_DIR=$(mktemp -d "$TEST_TMP/data.XXXXXX")
  fi
  # A few attempts: a port picked as free can be taken by a parallel test before we bind.
  for attempt in 1 2 3; do
    port=$(pick_free_port) || break
    _try_start "$port"
    rc=$?
    [ $rc -eq 0 ] && return 0
    if [ $rc -eq 2 ]; then
      echo "server (pid $SERVER_PID) did not answer /healthz on port $port within 30 s" >&2
      break
    fi
    grep -qi "in use" "$SERVER_LOG" 2>/dev/null || break
    echo "port $port was taken, retrying (attempt $attempt)" >&2
  done
  show_server_log
  fail "server starts and answers /healthz"
  finish
}

# wait_content_model: until the content embeddings are built (a fraction of a second after
# start; until then /shows/{id}/similar answers 503), so that slates compared with each other
# are all computed on the same models.
wait_content_model() {
  local i
  for i in $(seq 1 80); do
    api GET "/shows/tt0903747/similar?limit=1"
    [ "$API_STATUS" = 200 ] && return 0
    sleep 0.25
  done
  fail "the content model is built within 20 s" "HTTP $API_STATUS $(_short_body)"
}

# stop_pid PID [NAME]: SIGTERM, then SIGKILL if it is still alive after 10 s (said on stderr
# when NAME is given). An empty PID is a no-op.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    [ -n "${2:-}" ] && echo "$2 did not stop within 10 s of SIGTERM; killing it" >&2
    kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}

# stop_server: SIGTERM, then SIGKILL if it is still alive after 10 s.
stop_server() {
  stop_pid "$SERVER_PID" server
  SERVER_PID=""
}

# kill9_server: SIGKILL right now, as a power cut would.
kill9_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -9 "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

# server_alive: true while the process we started runs.
server_alive() {
  [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null
}

# --- HTTP ------------------------------------------------------------------------------------

# api_as TOKEN METHOD PATH [BODY]: sets API_STATUS (000 when there was no HTTP answer) and
# API_BODY. An empty TOKEN sends no Authorization header. BODY goes through stdin, so it may
# be large.
api_as() {
  local token=$1 method=$2 path=$3
  REQUEST_ARGS=(-X "$method")
  [ -n "$token" ] && REQUEST_ARGS+=(-H "Authorization: Bearer $token")
  send_request "$path" ${4+"$4"}
}

# send_request PATH [BODY]: curl on $BASE_URL$PATH with the options in the array REQUEST_ARGS
# (method, headers) and BODY as JSON through stdin (so it may be large); sets API_STATUS (000
# when there was no HTTP answer) and API_BODY.
send_request() {
  local path=$1
  local args=(-s -o "$TEST_TMP/body" -w '%{http_code}' --max-time 30 "${REQUEST_ARGS[@]}")
  : >"$TEST_TMP/body"
  if [ $# -ge 2 ]; then
    args+=(-H 'Content-Type: application/json' -H 'Expect:' --data-binary @-)
    API_STATUS=$(printf '%s' "$2" | curl "${args[@]}" "$BASE_URL$path")
  else
    API_STATUS=$(curl "${args[@]}" "$BASE_URL$path")
  fi
  [ -n "$API_STATUS" ] || API_STATUS=000
  API_BODY=$(<"$TEST_TMP/body")
}

# upload PATH FILE: POST of FILE's bytes as they are (an export file) with $TOKEN; sets
# API_STATUS and API_BODY.
upload() {
  local args=(-s -o "$TEST_TMP/body" -w '%{http_code}' --max-time 60 -X POST -H 'Expect:'
    -H 'Content-Type: application/octet-stream' --data-binary "@$2")
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  : >"$TEST_TMP/body"
  API_STATUS=$(curl "${args[@]}" "$BASE_URL$1")
  [ -n "$API_STATUS" ] || API_STATUS=000
  API_BODY=$(<"$TEST_TMP/body")
}

# start_throwaway_pg PG_SCRIPT PG_DIR: starts test/support/pg_server.sh's PostgreSQL in PG_DIR
# and sets PG_CONNINFO; a failure fails the test and finishes it.
start_throwaway_pg() {
  chmod 711 "$TEST_TMP" # as root the server runs as `postgres`, which must reach PG_DIR
  PG_CONNINFO=$(bash "$1" start "$2" --owner $$ 2>"$TEST_TMP/pg_start.err")
  local rc=$?
  if [ $rc -ne 0 ]; then
    fail "a throwaway PostgreSQL server starts (pg_server.sh exit $rc)" "$(cat "$TEST_TMP/pg_start.err")"
    finish
  fi
}

# api METHOD PATH [BODY]: api_as with $TOKEN.
api() {
  api_as "$TOKEN" "$@"
}

# jqr FILTER: runs jq -r FILTER on API_BODY (empty output on invalid JSON).
jqr() {
  printf '%s' "$API_BODY" | jq -r "$1" 2>/dev/null
}

# --- assertions ------------------------------------------------------------------------------

# API_BODY cut to 400 characters, with bytes outside printable ASCII shown as '?' so that a
# log stays text.
_short_body() {
  local b=$API_BODY
  [ ${#b} -le 400 ] || b="${b:0:400}... (${#API_BODY} bytes)"
  printf '%s' "$b" | LC_ALL=C tr -c '\11\12\15\40-\176' '?'
}

ok() {
  PASSED=$((PASSED + 1))
  echo "ok   - $1"
}

# fail DESCRIPTION [DETAIL...]
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL - $1"
  shift
  local line
  for line in "$@"; do echo "       $line"; done
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
  if [ "$2" == "$3" ]; then ok "$1"; else fail "$1" "expected: $2" "actual:   $3"; fi
}

# check_ne DESCRIPTION UNEXPECTED ACTUAL
check_ne() {
  if [ "$2" != "$3" ]; then ok "$1"; else fail "$1" "expected anything but: $2"; fi
}

# check_true DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check_true() {
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else fail "$desc" "command failed: $*"; fi
}

# check_status DESCRIPTION EXPECTED: checks API_STATUS (EXPECTED may be "401|403").
check_status() {
  if [[ "$API_STATUS" =~ ^($2)$ ]]; then
    ok "$1 (HTTP $API_STATUS)"
  else
    fail "$1" "expected HTTP $2, got $API_STATUS" "body: $(_short_body)"
  fi
}

# check_jq DESCRIPTION FILTER [JQ_ARGS...]: passes when FILTER is true on API_BODY; JQ_ARGS
# (e.g. --arg id "$ID" --argjson n 3) bind variables for the filter.
check_jq() {
  if printf '%s' "$API_BODY" | jq -e "$2" "${@:3}" >/dev/null 2>&1; then
    ok "$1"
  else
    fail "$1" "jq filter false: $2" "HTTP $API_STATUS body: $(_short_body)"
  fi
}

# check_error DESCRIPTION STATUS CODE: an error answer with that status and a JSON body
# {"error": CODE, "message": non-empty string}. STATUS and CODE may be alternations
# ("401|403", "unauthorized|forbidden").
check_error() {
  local desc=$1 status=$2 code=$3
  if [[ ! "$API_STATUS" =~ ^($status)$ ]]; then
    fail "$desc" "expected HTTP $status, got $API_STATUS" "body: $(_short_body)"
    return
  fi
  if printf '%s' "$API_BODY" | jq -e --arg re "^($code)\$" \
    'type == "object" and (.error | type == "string" and test($re))
     and (.message | type == "string" and length > 0)' >/dev/null 2>&1; then
    ok "$desc (HTTP $API_STATUS $(jqr .error))"
  else
    fail "$desc" "expected JSON {\"error\":\"$code\",\"message\":...}" "HTTP $API_STATUS body: $(_short_body)"
  fi
}

# finish: the closing line; exit status 1 when anything failed.
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] || exit 1
  exit 0
}
