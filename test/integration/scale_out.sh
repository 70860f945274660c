#!/usr/bin/env bash
# Scale-out: two recs-server instances on different ports sharing one throwaway PostgreSQL and one
# throwaway Redis (docs/architecture.md, "Scale-out").
#  - a rating posted to A re-ranks a WebSocket client connected to B within 2 s, and B's cached
#    slate for that profile is invalidated (GET /recommendations on B no longer has the show);
#  - a slate cached by A is served by B from Redis (a shared hit);
#  - Redis stops: both fall back to their in-process caches within 1 s (/admin/status) and keep
#    serving, a rating on A still works; Redis starts again on the same port: both return to it
#    within a few seconds, B catches up with the rating made during the outage, and
#    cross-instance live updates work again.
# Prints the measured latency, fallback and return times.
#
#   scale_out.sh <recs-server> <source dir> <recs-ws-watch>
# Needs redis-server and the PostgreSQL server binaries (make deps-test), curl and jq.

WS_WATCH=${3:-}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

[ -x "$WS_WATCH" ] || { echo "usage: $0 <recs-server> <source dir> <recs-ws-watch>" >&2; exit 2; }
SUPPORT="$RECS_SOURCE_DIR/test/support"
PG_DIR="$TEST_TMP/pg"
REDIS_DIR="$TEST_TMP/redis"
A_PID="" B_PID="" WATCH_PID=""

cleanup_scale_out() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  for pid in $A_PID $B_PID; do
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  SERVER_PID=""
  "$SUPPORT/redis_server.sh" stop "$REDIS_DIR" >/dev/null 2>&1
  "$SUPPORT/pg_server.sh" stop "$PG_DIR" >/dev/null 2>&1
  _lib_cleanup
}
trap cleanup_scale_out EXIT

now_ms() { date +%s%3N; }

# use A|B: the instance api() talks to.
use() {
  if [ "$1" = A ]; then BASE_URL=$A_URL; else BASE_URL=$B_URL; fi
}

# caches: "<A's cache backend>|<B's>" from /admin/status, in one curl and one jq.
caches() {
  curl -s --max-time 2 -H "Authorization: Bearer $TOKEN" "$A_URL/admin/status" \
    "$B_URL/admin/status" | jq -rs 'map(.cache // "") | join("|")' 2>/dev/null
}

# wait_cache WANT TIMEOUT_MS [SINCE_MS]: until both instances report WANT; prints the ms from
# SINCE_MS (default: now) to the end of the first poll that saw it (an upper bound), or fails.
wait_cache() {
  local want=$1 limit=$2 t0=${3:-$(now_ms)} got
  while :; do
    got=$(caches)
    [ "$got" = "$want|$want" ] && { echo $(($(now_ms) - t0)); return 0; }
    [ $(($(now_ms) - t0)) -gt "$limit" ] && { echo "A|B: '$got'" >&2; return 1; }
    sleep 0.02
  done
}

# slate_ids INSTANCE PROFILE_NAME: the ids of a 10-item slate (seed 0), one line.
slate_ids() {
  use "$1"
  api GET "/recommendations?for=$2&seed=0&limit=10"
  jqr '[.[].id] | join(" ")'
}

# shared_hits INSTANCE: the shared (Redis) cache hits the cache actor line reports.
shared_hits() {
  use "$1"
  api GET /admin/status
  jqr '.actors[] | select(.name == "cache") | .state' | sed -n 's/.* \([0-9]*\) shared hits.*/\1/p'
}

# wait_push REASON SINCE_MS: the first slate message with REASON received after SINCE_MS;
# sets PUSH_MS and PUSH_IDS. Up to 5 s.
wait_push() {
  local reason=$1 since=$2 line i
  PUSH_MS="" PUSH_IDS=""
  for i in $(seq 1 100); do
    line=$(awk -v s="$since" '$1 >= s' "$TEST_TMP/ws.out" |
      grep -m1 "\"reason\":\"$reason\"") && break
    sleep 0.05
  done
  [ -n "$line" ] || return 1
  PUSH_MS=${line%% *}
  PUSH_IDS=$(printf '%s' "${line#* }" | jq -r '[.items[].id] | join(" ")')
}

# --- servers ---------------------------------------------------------------------------------

chmod 755 "$TEST_TMP"  # as root, the postgres user must reach the server's dir
if ! PG_URL=$("$SUPPORT/pg_server.sh" start "$PG_DIR" --owner $$); then
  fail "a throwaway PostgreSQL starts (pg_server.sh; make deps-test installs it)"
  finish
fi
if ! REDIS_PORT=$(REDIS_OWNER_PID=$$ "$SUPPORT/redis_server.sh" start "$REDIS_DIR"); then
  fail "a throwaway redis-server starts (redis_server.sh; make deps-test installs it)"
  finish
fi
echo "# postgresql on port $(cat "$PG_DIR/port"), redis on port $REDIS_PORT"

SERVER_EXTRA_ENV=(DATABASE_URL="$PG_URL" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" CACHE_TTL_S=60)
start_server # A migrates the database and seeds the demo household
A_PID=$SERVER_PID A_URL=$BASE_URL A_LOG=$SERVER_LOG
start_server
B_PID=$SERVER_PID B_URL=$BASE_URL B_PORT=$SERVER_PORT B_LOG=$SERVER_LOG
SERVER_PID="" # both are stopped by cleanup_scale_out

check_true "A printed its cache backend at start" grep -q "^cache: redis" "$A_LOG"
check_true "B printed its cache backend at start" grep -q "^cache: redis" "$B_LOG"
if ms=$(wait_cache redis 5000); then ok "both instances report cache redis"; else
  fail "both instances report cache redis"
fi
# wait_models INSTANCE: until its content model is built and its collaborative model fitted, so
# that both instances rank alike and no model arrival flushes the caches mid-test.
wait_models() {
  local i
  use "$1"
  for i in $(seq 1 120); do
    api GET /admin/status
    jqr '.actors[] | select(.name == "cf_trainer") | .state' |
      grep -Eq '^idle, [1-9][0-9]* fits.*content model: [0-9]' && return 0
    sleep 0.25
  done
  fail "$1 built its models within 30 s" "$(_short_body)"
}
wait_models A
wait_models B

use A
api GET /me/profiles
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
check_ne "Ross exists (seeded by A, loaded by B)" "" "$ROSS"

# --- the shared cache --------------------------------------------------------------------------

# A computes and caches Wife's slate; B answers the same query from Redis. (A few seeds: a model
# that arrives in between makes an instance ignore what was cached before it, by design.)
for seed in 11 12 13; do
  use A
  api GET "/recommendations?for=wife&seed=$seed&limit=10"
  WIFE_A=$API_BODY
  sleep 0.2 # A's SET goes through its Redis I/O actor
  HITS_BEFORE=$(shared_hits B)
  use B
  api GET "/recommendations?for=wife&seed=$seed&limit=10"
  WIFE_B=$API_BODY
  HITS_AFTER=$(shared_hits B)
  [ -n "$HITS_AFTER" ] && [ "$HITS_AFTER" -gt "${HITS_BEFORE:-0}" ] && break
done
check_eq "B serves the slate A computed (the same body)" "$WIFE_A" "$WIFE_B"
if [ -n "$HITS_BEFORE" ] && [ -n "$HITS_AFTER" ] && [ "$HITS_AFTER" -gt "$HITS_BEFORE" ]; then
  ok "B answered it from Redis (shared hits $HITS_BEFORE -> $HITS_AFTER, seed $seed)"
else
  fail "B answered it from Redis" "shared hits before: '$HITS_BEFORE', after: '$HITS_AFTER'"
fi

# --- a rating on A re-ranks a WebSocket client on B ------------------------------------------------

ROSS_B=$(slate_ids B ross) # cached on B now
slate_ids B ross >/dev/null
"$WS_WATCH" "$B_PORT" "$TOKEN" ross 240 10 >"$TEST_TMP/ws.out" 2>"$TEST_TMP/ws.err" &
WATCH_PID=$!
if wait_push subscribe 0; then ok "B's WebSocket client got Ross's slate"; else
  fail "B's WebSocket client got Ross's slate" "$(cat "$TEST_TMP/ws.err")"
fi
TOP=${PUSH_IDS%% *}
check_eq "the pushed slate is the one B serves over REST" "$ROSS_B" "$PUSH_IDS"

# rate_on INSTANCE SHOW VERDICT: POST /ratings for Ross.
rate_on() {
  use "$1"
  api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"$2\",\"primary\":$3}"
}

T0=$(now_ms)
rate_on A "$TOP" 0
T1=$(now_ms)
check_status "A accepts a Bad rating of Ross's top show $TOP" 201
if wait_push rating "$T0"; then
  LATENCY=$((PUSH_MS - T0))
  echo "# cross-instance: rating posted to A -> re-ranked slate on B's WebSocket in $LATENCY ms" \
    "(A answered the POST in $((T1 - T0)) ms, curl included)"
  if [ "$LATENCY" -le 2000 ]; then ok "B's client got the re-ranked slate within 2 s ($LATENCY ms)"; else
    fail "B's client got the re-ranked slate within 2 s" "took $LATENCY ms"
  fi
  check_true "the pushed slate no longer has $TOP" bash -c "! grep -qw -- '$TOP' <<<'$PUSH_IDS'"
else
  fail "B's client got a slate with reason rating within 5 s" "$(tail -n 3 "$TEST_TMP/ws.out")"
fi
ROSS_B2=$(slate_ids B ross)
check_true "GET /recommendations on B no longer has $TOP (B's cached slate was invalidated)" \
  bash -c "[ -n '$ROSS_B2' ] && ! grep -qw -- '$TOP' <<<'$ROSS_B2'"
check_eq "B's REST slate is the one pushed" "$PUSH_IDS" "$ROSS_B2"

# --- a credential revoked on one instance is refused on the other at once ----------------------
# Sign in on A (the demo password, dev mode), make an API token there and use both on B (each
# then sits in B's credential cache); revoking them on A must reach B through Redis at once.
use A
LOGIN=$(curl -s -D "$TEST_TMP/login.h" -H 'Content-Type: application/json' \
  -d '{"email":"demo@local.test","password":"demo-household"}' "$A_URL/auth/login")
CSRF=$(jq -r '.csrf // empty' <<<"$LOGIN")
SESSION=$(sed -n 's/^[Ss]et-[Cc]ookie: recs_session=\([^;]*\).*/\1/p' "$TEST_TMP/login.h" | tr -d '\r')
check_ne "signed in on A" "" "$SESSION"
cookie_status() { # INSTANCE_URL: GET /me with the session cookie
  curl -s -o /dev/null -w '%{http_code}' -H "Cookie: recs_session=$SESSION" "$1/me"
}
MADE=$(curl -s -H "Cookie: recs_session=$SESSION" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' -d '{"name":"scale-out","scope":"read"}' "$A_URL/me/tokens")
API_TOKEN=$(jq -r '.token // empty' <<<"$MADE")
API_TOKEN_ID=$(jq -r '.id // empty' <<<"$MADE")
check_ne "an API token made on A" "" "$API_TOKEN"
use B
api_as "$API_TOKEN" GET /me
check_status "B takes the token made on A" 200
check_eq "B takes the session opened on A" 200 "$(cookie_status "$B_URL")"
use A
api DELETE "/me/tokens/$API_TOKEN_ID"
check_status "A revokes the token" 204
REVOKED_AT=$(now_ms)
use B
for ((i = 0; i < 40; i++)); do
  api_as "$API_TOKEN" GET /me
  [ "$API_STATUS" = 401 ] && break
  sleep 0.05
done
# Within the loop's 2 s, far inside the 10 s B's credential cache would otherwise trust it.
check_status "B refuses the revoked token (its cached entry was dropped, not left to expire)" 401
echo "       B refused it $(($(now_ms) - REVOKED_AT)) ms after the revocation answered"
curl -s -o /dev/null -H "Cookie: recs_session=$SESSION" -H "X-CSRF-Token: $CSRF" -X POST \
  "$A_URL/auth/logout-all"
check_eq "B refuses the session signed out everywhere on A" 401 "$(cookie_status "$B_URL")"

# --- Redis goes away ---------------------------------------------------------------------------

# Both are polled while redis-server shuts down (it closes its connections first, then exits).
T0=$(now_ms)
("$SUPPORT/redis_server.sh" stop "$REDIS_DIR" && echo $(($(now_ms) - T0)) >"$TEST_TMP/stop_ms") &
STOPPER=$!
if ms=$(wait_cache "local (redis unavailable)" 1000 "$T0"); then
  wait "$STOPPER"
  echo "# fallback: both instances report 'local (redis unavailable)' within $ms ms of the stop" \
    "(redis-server took $(cat "$TEST_TMP/stop_ms" 2>/dev/null) ms to exit)"
  ok "both instances fell back to the in-process cache within 1 s ($ms ms)"
else
  wait "$STOPPER"
  fail "both instances fell back to the in-process cache within 1 s"
fi
for x in A B; do
  use $x
  api GET "/recommendations?for=wife&seed=3&limit=5"
  check_status "$x serves slates without Redis" 200
done
SECOND=$(awk '{print $2}' <<<"$ROSS_B2")
rate_on A "$SECOND" 0
check_status "A accepts a rating of $SECOND without Redis" 201
ROSS_A=$(slate_ids A ross)
check_true "A's own slate reflects it at once" bash -c "! grep -qw -- '$SECOND' <<<'$ROSS_A'"

# --- Redis is back -----------------------------------------------------------------------------

if "$SUPPORT/redis_server.sh" start "$REDIS_DIR" >/dev/null; then
  T1=$(now_ms)
  ok "redis-server starts again on port $REDIS_PORT"
else
  fail "redis-server starts again on port $REDIS_PORT"
fi
if ms=$(wait_cache redis 10000 "$T1"); then
  echo "# return: both instances report 'redis' $ms ms after Redis was back (answering PING)"
  ok "both instances use Redis again within 10 s ($ms ms)"
else
  fail "both instances use Redis again within 10 s"
fi
ROSS_B3=$(slate_ids B ross)
check_true "B caught up with the rating A made during the outage" \
  bash -c "[ -n '$ROSS_B3' ] && ! grep -qw -- '$SECOND' <<<'$ROSS_B3'"

THIRD=$(awk '{print $1}' <<<"$ROSS_B3")
T0=$(now_ms)
rate_on A "$THIRD" 0
check_status "A accepts a rating of $THIRD" 201
if wait_push rating "$T0"; then
  LATENCY=$((PUSH_MS - T0))
  echo "# cross-instance after the outage: $LATENCY ms"
  if [ "$LATENCY" -le 2000 ]; then ok "live updates cross instances again ($LATENCY ms)"; else
    fail "live updates cross instances again within 2 s" "took $LATENCY ms"
  fi
else
  fail "B's client got a slate with reason rating after the outage" "$(tail -n 3 "$TEST_TMP/ws.out")"
fi
ROSS_B4=$(slate_ids B ross)
check_true "B's REST slate no longer has $THIRD" \
  bash -c "[ -n '$ROSS_B4' ] && ! grep -qw -- '$THIRD' <<<'$ROSS_B4'"

for log in "$A_LOG" "$B_LOG"; do
  grep -E "^(cache|redis):" "$log" | sed "s|^|# $(basename "$log"): |"
done
finish
