#!/usr/bin/env bash
# PostgreSQL restarts under load. recs-server runs on a throwaway PostgreSQL server
# (test/support/pg_server.sh) while a reader (GET /recommendations) and a writer (POST /ratings
# of distinct shows, alternating Ross and Wife, so both store connections of the pool write)
# run in the background, each request logged with its start, end and HTTP status. PostgreSQL
# is stopped, left down ~2 s and started again on the same port; the load goes on until both
# profiles' writes succeed again. Then:
#   - reads during the outage were all answered 200 (profile state and slates are in memory);
#   - every failed write got 503 with a JSON body {error: "unavailable", message}, and only
#     between the stop and the recovery;
#   - each failed write, retried after the recovery, succeeds;
#   - every rating that got a 2xx is in GET /ratings, and still is after a server restart
#     (read back from PostgreSQL), with the same verdict;
#   - the server process never died.
# Prints the counts: reads ok during the outage, writes refused, outage length, time to recover.
# Missing PostgreSQL server binaries fail the test with the way to install them.
# Usage: pg_outage.sh <recs-server binary> <source dir>
source "$(dirname "$0")/lib.sh"

PG_SCRIPT="$RECS_SOURCE_DIR/test/support/pg_server.sh"
PG_DIR="$TEST_TMP/pg"
STOP_FILE="$TEST_TMP/stop-load"
READS="$TEST_TMP/reads.log"   # start_ms end_ms status
WRITES="$TEST_TMP/writes.log" # start_ms end_ms index profile show primary status
BODIES="$TEST_TMP/bodies"     # the body of each failed write, by index
LOAD_LIMIT_S=120              # the load stops by itself after this long at the latest
LOADER_PIDS=()

_outage_cleanup() {
  touch "$STOP_FILE" 2>/dev/null
  local pid
  for pid in ${LOADER_PIDS[@]+"${LOADER_PIDS[@]}"}; do kill "$pid" 2>/dev/null; done
  [ -d "$PG_DIR" ] && bash "$PG_SCRIPT" stop "$PG_DIR" >/dev/null 2>&1
  _lib_cleanup
}
trap _outage_cleanup EXIT

# NOW_MS: wall-clock milliseconds, without a fork.
now_ms() {
  local t=${EPOCHREALTIME/[.,]/}
  NOW_MS=$((10#$t / 1000))
}

# --- a throwaway PostgreSQL and the server on it ---------------------------------------------

start_throwaway_pg "$PG_SCRIPT" "$PG_DIR"
SERVER_EXTRA_ENV=("DATABASE_URL=$PG_CONNINFO")
start_server
if grep -q "storage: postgresql" "$SERVER_LOG"; then
  ok "the server stores in PostgreSQL"
else
  fail "the server stores in PostgreSQL" "$(head -n 3 "$SERVER_LOG")"
fi

api GET /me/profiles
check_status "GET /me/profiles" 200
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
WIFE=$(jqr '.[] | select(.name == "Wife") | .id')
[[ "$ROSS" =~ ^[0-9]+$ && "$WIFE" =~ ^[0-9]+$ ]] || {
  fail "Ross and Wife have numeric profile ids" "$(_short_body)"
  finish
}
PROFILES=("$ROSS" "$WIFE")
mapfile -t SHOWS < <(jq -r .id "$RECS_SOURCE_DIR/data/catalog.jsonl" | head -n 3000)
[ "${#SHOWS[@]}" -ge 1000 ] || { fail "the catalog has 1000 shows to rate" "got ${#SHOWS[@]}"; finish; }

# --- the load ----------------------------------------------------------------------------------

reader() {
  local n=0 code t0 deadline=$((SECONDS + LOAD_LIMIT_S)) who=(ross wife)
  while [ ! -e "$STOP_FILE" ] && [ $SECONDS -lt $deadline ]; do
    now_ms
    t0=$NOW_MS
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
      -H "Authorization: Bearer $TOKEN" "$BASE_URL/recommendations?for=${who[$((n % 2))]}")
    now_ms
    echo "$t0 $NOW_MS ${code:-000}" >>"$READS"
    n=$((n + 1))
    sleep 0.02
  done
}

writer() {
  local i=0 code t0 pid show primary deadline=$((SECONDS + LOAD_LIMIT_S))
  mkdir -p "$BODIES"
  while [ ! -e "$STOP_FILE" ] && [ $SECONDS -lt $deadline ] && [ $i -lt ${#SHOWS[@]} ]; do
    pid=${PROFILES[$((i % 2))]}
    show=${SHOWS[$i]}
    primary=$((i % 3))
    now_ms
    t0=$NOW_MS
    code=$(curl -s -o "$BODIES/$i" -w '%{http_code}' --max-time 10 -X POST \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Expect:' \
      --data-binary "{\"profile_id\":$pid,\"show_id\":\"$show\",\"primary\":$primary}" \
      "$BASE_URL/ratings")
    now_ms
    echo "$t0 $NOW_MS $i $pid $show $primary ${code:-000}" >>"$WRITES"
    [[ "$code" == 2* ]] && rm -f "$BODIES/$i"
    i=$((i + 1))
    sleep 0.02
  done
}

: >"$READS"
: >"$WRITES"
reader &
LOADER_PIDS+=($!)
writer &
LOADER_PIDS+=($!)

sleep 2 # the load, before the outage
now_ms
T_STOP=$NOW_MS
bash "$PG_SCRIPT" stop "$PG_DIR" >/dev/null 2>"$TEST_TMP/pg_stop.err" ||
  fail "pg_server.sh stop" "$(cat "$TEST_TMP/pg_stop.err")"
now_ms
T_DOWN=$NOW_MS
sleep 2
bash "$PG_SCRIPT" start "$PG_DIR" --owner $$ >/dev/null 2>"$TEST_TMP/pg_restart.err" || {
  fail "PostgreSQL restarts on the same port" "$(cat "$TEST_TMP/pg_restart.err")"
  finish
}
now_ms
T_UP=$NOW_MS

# Recovered: a write of each profile that started after PostgreSQL was back got a 2xx.
recovered_at() {
  awk -v up="$T_UP" -v a="$ROSS" -v b="$WIFE" '
    $1 >= up && $7 ~ /^2/ { if ($4 == a && (ra == "" || $2 < ra)) ra = $2
                            if ($4 == b && (rb == "" || $2 < rb)) rb = $2 }
    END { if (ra != "" && rb != "") print (ra > rb ? ra : rb) }' "$WRITES"
}
T_RECOVERED=""
deadline=$((SECONDS + 30))
while [ -z "$T_RECOVERED" ] && [ $SECONDS -lt $deadline ]; do
  sleep 0.2
  T_RECOVERED=$(recovered_at)
done
sleep 1 # some load after the recovery too
touch "$STOP_FILE"
wait "${LOADER_PIDS[@]}" 2>/dev/null
LOADER_PIDS=()
[ -n "$T_RECOVERED" ] || {
  fail "writes succeed again within 30 s of PostgreSQL's restart" "$(tail -n 5 "$WRITES")"
  finish
}
ok "writes of both profiles succeed again after PostgreSQL's restart"
check_true "the server process survived the outage" server_alive

# --- reads ------------------------------------------------------------------------------------

READS_TOTAL=$(wc -l <"$READS")
READS_BAD=$(awk '$3 != 200' "$READS" | wc -l)
READS_OUTAGE=$(awk -v s="$T_STOP" -v r="$T_RECOVERED" '$1 >= s && $2 <= r' "$READS" | wc -l)
READS_OUTAGE_OK=$(awk -v s="$T_STOP" -v r="$T_RECOVERED" '$1 >= s && $2 <= r && $3 == 200' "$READS" |
  wc -l)
check_true "reads were made during the outage ($READS_OUTAGE)" test "$READS_OUTAGE" -gt 0
check_eq "every read during the outage answered 200" "$READS_OUTAGE" "$READS_OUTAGE_OK"
check_eq "every read of the run answered 200 ($READS_TOTAL reads)" 0 "$READS_BAD"
[ "$READS_BAD" -eq 0 ] || awk '$3 != 200' "$READS" | head -n 5 | sed 's/^/       /'

# --- writes during the outage -----------------------------------------------------------------

WRITES_TOTAL=$(wc -l <"$WRITES")
mapfile -t REFUSED < <(awk '$7 !~ /^2/' "$WRITES")
WRITES_503=$(awk '$7 == 503' "$WRITES" | wc -l)
check_true "writes were refused during the outage ($WRITES_503 of $WRITES_TOTAL)" test "$WRITES_503" -gt 0
check_eq "every refused write got 503" "${#REFUSED[@]}" "$WRITES_503"
# A write in flight when PostgreSQL went down may fail: it ended after the stop began.
check_eq "no write failed outside the outage" 0 \
  "$(awk -v s="$T_STOP" -v r="$T_RECOVERED" '$7 !~ /^2/ && ($2 < s || $1 > r)' "$WRITES" | wc -l)"
bad_bodies=0
first_message=""
retry_message=""
for line in "${REFUSED[@]}"; do
  read -r _ _ i _ _ _ _ <<<"$line"
  if ! jq -e 'type == "object" and .error == "unavailable" and
              (.message | type == "string" and length > 0)' "$BODIES/$i" >/dev/null 2>&1; then
    bad_bodies=$((bad_bodies + 1))
    [ $bad_bodies -le 3 ] && echo "       write $i: $(head -c 300 "$BODIES/$i")"
    continue
  fi
  [ -n "$first_message" ] || first_message=$(jq -r .message "$BODIES/$i")
  [ -n "$retry_message" ] || retry_message=$(jq -r '.message | select(test("retrying in"))' "$BODIES/$i")
done
check_eq "every 503 has a JSON body {error: \"unavailable\", message}" 0 "$bad_bodies"
check_true "a 503 says when the database is tried again" test -n "$retry_message"
echo "       first 503: $first_message"
echo "       later 503: $retry_message"

# --- retries ------------------------------------------------------------------------------------

ACKED="$TEST_TMP/acked.jsonl" # every rating that got a 2xx: {profile_id, show_id, primary}
awk '$7 ~ /^2/ { printf "{\"profile_id\":%s,\"show_id\":\"%s\",\"primary\":%s}\n", $4, $5, $6 }' \
  "$WRITES" >"$ACKED"
retried_ok=0
for line in "${REFUSED[@]}"; do
  read -r _ _ i pid show primary _ <<<"$line"
  body="{\"profile_id\":$pid,\"show_id\":\"$show\",\"primary\":$primary}"
  api POST /ratings "$body"
  if [[ "$API_STATUS" == 2* ]]; then
    retried_ok=$((retried_ok + 1))
    echo "$body" >>"$ACKED"
  else
    echo "       retry of write $i ($show): HTTP $API_STATUS $(_short_body)"
  fi
done
check_eq "each refused write succeeds when retried after the recovery" "${#REFUSED[@]}" "$retried_ok"

# --- nothing acknowledged is lost -----------------------------------------------------------------

# check_ratings WHEN: every acknowledged rating is in GET /ratings with its verdict; sets
# RATINGS_<profile> to the sorted list it read.
check_ratings() {
  local when=$1 pid want missing
  for pid in "${PROFILES[@]}"; do
    api GET "/ratings?profile_id=$pid"
    check_status "$when: GET /ratings of profile $pid" 200
    want=$(jq -sc --argjson p "$pid" '[.[] | select(.profile_id == $p) | {show_id, primary}]' "$ACKED")
    missing=$(printf '%s' "$API_BODY" |
      jq -c --argjson want "$want" '$want - [.[] | {show_id, primary}] | length' 2>/dev/null)
    check_eq "$when: all $(jq -n --argjson w "$want" '$w | length') acknowledged ratings of profile $pid are there" \
      0 "$missing"
    printf -v "RATINGS_$pid" '%s' "$(jqr '[.[] | {show_id, primary}] | sort_by(.show_id) | tojson')"
  done
}

check_ratings "after the outage"
for pid in "${PROFILES[@]}"; do
  read_back="RATINGS_$pid"
  printf -v "BEFORE_$pid" '%s' "${!read_back}"
done
stop_server
start_server
check_ratings "after a server restart (read back from PostgreSQL)"
for pid in "${PROFILES[@]}"; do
  before="BEFORE_$pid"
  after="RATINGS_$pid"
  check_eq "profile $pid: the same ratings in memory before and in PostgreSQL after" \
    "${!before}" "${!after}"
done
stop_server

# --- the numbers ----------------------------------------------------------------------------------

FIRST_503=$(awk '$7 == 503 { print $1; exit }' "$WRITES")
LAST_503=$(awk '$7 == 503 { t = $2 } END { print t }' "$WRITES")
echo "counts: reads $READS_TOTAL (during the outage: $READS_OUTAGE, ok: $READS_OUTAGE_OK)," \
  "writes $WRITES_TOTAL (503: $WRITES_503, retried ok: $retried_ok)"
echo "times: PostgreSQL stop took $((T_DOWN - T_STOP)) ms and was down (start included)" \
  "$((T_UP - T_DOWN)) ms; 503s from $((FIRST_503 - T_STOP)) to $((LAST_503 - T_STOP)) ms after the stop began;" \
  "outage (stop to both profiles' writes succeeding) $((T_RECOVERED - T_STOP)) ms;" \
  "recovered $((T_RECOVERED - T_UP)) ms after PostgreSQL was back"
finish
