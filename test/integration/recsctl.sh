#!/usr/bin/env bash
# recsctl against the real server: help and usage errors (exit 2), an unreachable service
# (exit 1), recommend / rate / import / sync / admin commands (exit 0, or 1 with the service's
# message when it says no), preflight and preflight --family (all PASS, and no rating left
# behind), and `sync run daily_refresh --wait` following a real run against recs-replay.
#
#   recsctl.sh <recs-server> <source dir> <recsctl> <recs-replay>
RECSCTL=${3:-}
REPLAY=${4:?usage: recsctl.sh <recs-server> <source dir> <recsctl> <recs-replay>}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

[ -x "$RECSCTL" ] || { echo "usage: $0 <recs-server> <source dir> <recsctl> [<recs-replay>]" >&2; exit 2; }
REPLAY_PID=""
cleanup_ctl() {
  [ -n "$REPLAY_PID" ] && kill "$REPLAY_PID" 2>/dev/null && wait "$REPLAY_PID" 2>/dev/null
  _lib_cleanup
}
trap cleanup_ctl EXIT

# ctl ARGS...: runs recsctl against the test server with the demo token (RECS_URL/RECS_TOKEN);
# sets CTL_RC, CTL_OUT, CTL_ERR.
ctl() {
  RECS_URL=$BASE_URL RECS_TOKEN=$TOKEN "$RECSCTL" "$@" >"$TEST_TMP/ctl.out" 2>"$TEST_TMP/ctl.err"
  CTL_RC=$?
  CTL_OUT=$(cat "$TEST_TMP/ctl.out")
  CTL_ERR=$(cat "$TEST_TMP/ctl.err")
}

# check_ctl DESCRIPTION RC [GREP_PATTERN_IN_STDOUT [GREP_PATTERN_IN_STDERR]]
check_ctl() {
  local desc=$1 rc=$2 out_re=${3:-} err_re=${4:-}
  if [ "$CTL_RC" != "$rc" ]; then
    fail "$desc" "expected exit $rc, got $CTL_RC" "stdout: ${CTL_OUT:0:600}" "stderr: ${CTL_ERR:0:600}"
  elif [ -n "$out_re" ] && ! grep -qE -- "$out_re" <<<"$CTL_OUT"; then
    fail "$desc" "stdout does not match: $out_re" "stdout: ${CTL_OUT:0:800}"
  elif [ -n "$err_re" ] && ! grep -qE -- "$err_re" <<<"$CTL_ERR"; then
    fail "$desc" "stderr does not match: $err_re" "stderr: ${CTL_ERR:0:800}"
  else
    ok "$desc (exit $CTL_RC)"
  fi
}

# --- without a server -------------------------------------------------------------------------

BASE_URL=http://127.0.0.1:1
ctl --help
check_ctl "recsctl --help lists the commands" 0 "^  preflight +the spec's sanity checks"
ctl recommend --help
check_ctl "recommend --help explains it, with examples" 0 '^\s+\$ recsctl recommend --for ross'
ctl help sync run
check_ctl "help sync run" 0 "^usage: recsctl sync run JOB"
ctl
check_ctl "no command: usage error" 2 "" "no command given"
ctl frobnicate
check_ctl "an unknown command: usage error" 2 "" "unknown command 'frobnicate'"
ctl recommend --for ross --limit 0
check_ctl "--limit 0: usage error" 2 "" "--limit wants a whole number from 1 to 100"
ctl rate --for ross --show tt0903747
check_ctl "rate without --verdict: usage error" 2 "" "'rate' needs --verdict"
ctl admin resize-pool lots
check_ctl "admin resize-pool lots: usage error" 2 "" "whole number"
FREE_PORT=$(pick_free_port)
ctl --url "http://127.0.0.1:$FREE_PORT" sync jobs
check_ctl "an unreachable service: exit 1, said clearly" 1 "" \
  "cannot reach the service at http://127.0.0.1:$FREE_PORT"
ctl --url "http://127.0.0.1:$FREE_PORT" preflight
check_ctl "preflight against an unreachable service fails healthz" 1 \
  "FAIL  healthz: cannot reach the service"

# --- the service ------------------------------------------------------------------------------

SERVER_EXTRA_ENV=(ADMIN_EMAILS=demo@local.test)
start_server
wait_content_model

api GET /me/profiles
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
api GET "/recommendations?for=ross&intent=default&seed=99"
API_IDS=$(jqr '.[].id')
FIRST_TITLE=$(jqr '.[0].title')
THIRD=$(jqr '.[2].id')

ctl recommend --for ross --seed 99
check_ctl "recommend: a table" 0 "^ *#  title +year +fit +where to watch"
check_true "the table's first row is the API's top title" grep -qF -- " 1  $FIRST_TITLE" "$TEST_TMP/ctl.out"
ctl --json recommend --for ross --seed 99
check_ctl "recommend --json" 0
check_eq "--json gives the API's slate" "$API_IDS" "$(jq -r '.[].id' <<<"$CTL_OUT")"
ctl recommend --for ross --seed 99 --limit 3 --intent quick --only-my-services --explain
check_ctl "recommend with intent, limit, only-my-services, explain" 0 "why: "
ctl recommend --intent family_mix --seed 123 --explain
check_ctl "recommend a Family Mix with explain" 0 "^Family Mix: members"
ctl recommend --for ross,son --seed 1
check_ctl "recommend for two members is a Family Mix" 0 "family$"
ctl recommend --for nobody
check_ctl "recommend for an unknown profile: the service's 404" 1 "" "\(HTTP 404 not_found\)"

ctl rate --for ross --show "$THIRD" --verdict loved --score 9
check_ctl "rate loved" 0 "^Rated $THIRD loved for Ross \(score 9\)\.$"
api GET "/ratings?profile_id=$ROSS"
check_jq "the rating is stored: primary 2, score 9" \
  'any(.[]; .show_id == $s and .primary == 2 and .score == 9)' --arg s "$THIRD"
ctl rate --for Ross --show "$THIRD" --verdict bad
check_ctl "rate again, bad" 0 "^Rated $THIRD bad for Ross\.$"
ctl rate --for nobody --show "$THIRD" --verdict good
check_ctl "rate for an unknown profile" 1 "" "no profile 'nobody' in this household \(Ross, Wife, Son\)"
ctl rate --for ross --show tt-no-such-show --verdict good
check_ctl "rate an unknown show: the service's message" 1 "" "HTTP 4[0-9][0-9]"

# import FORMAT FILE --for: the report, idempotent, a bad file names its line.
IMPORTS="$RECS_SOURCE_DIR/test/fixtures/imports"
ctl import imdb "$IMPORTS/imdb_ratings.csv" --for son --dry-run
check_ctl "import imdb --dry-run prints what it would do" 0 "^would import imdb into profile .*[1-9][0-9]* added"
ctl import imdb "$IMPORTS/imdb_ratings.csv" --for son
check_ctl "import imdb prints the report with the unmatched show's line" 0 "^  line [0-9]+: The Allotment Diaries"
ctl import imdb "$IMPORTS/imdb_ratings.csv" --for son
check_ctl "the same file again: nothing added" 0 " 0 added, 0 updated, [1-9][0-9]* already there"
ctl import imdb "$IMPORTS/bad_rating.csv" --for son
check_ctl "a bad file: exit 1 with the line" 1 "" "line 4"
ctl import netflix "$IMPORTS/netflix_ViewingActivity.csv" --for son --netflix-profile Kids
check_ctl "import netflix --netflix-profile" 0 "^imported netflix"
ctl import trakt /nonexistent/file.json --for son
check_ctl "an unreadable FILE: exit 1" 1 "" "cannot read /nonexistent/file.json"
ctl import imdb --for son
check_ctl "import imdb needs FILE: usage error" 2 "" "takes 1 argument"
api DELETE "/ratings?profile_id=$ROSS&show_id=$THIRD"
check_status "the test's rating is deleted" 204

ctl sync jobs
check_ctl "sync jobs" 0 "^justwatch +daily_refresh +off"
ctl sync freshness
check_ctl "sync freshness" 0 "^shows: +[0-9]+ total"
ctl sync run daily_refresh --dry-run
check_ctl "sync run --dry-run prints the plan" 0 "^Plan of daily_refresh \(dry run\): 200 of"
ctl sync run daily_refresh
check_ctl "sync run with the sync off: the service's 409" 1 "" "\(HTTP 409 conflict\)"
ctl import serializd --for ross
check_ctl "import serializd with the import off: 409" 1 "" "\(HTTP 409 conflict\)"
ctl sync pause justwatch
check_ctl "sync pause justwatch" 0 "^justwatch daily_refresh: "
ctl sync resume justwatch
check_ctl "sync resume justwatch" 0 "^justwatch daily_refresh: "
ctl sync pause nowhere
check_ctl "sync pause of an unknown source: 404" 1 "" "HTTP 404"

ctl admin status
check_ctl "admin status" 0 "cache: local"
ctl --token devtoken:someone@else.test admin status
check_ctl "admin status as a non-admin: refused" 1 "" "HTTP (401|403)"

# The admin control routes.
ctl admin actors
check_ctl "admin actors" 0 "^actor +state +instances +mailbox +processed"
ctl admin resize-pool 3
check_ctl "admin resize-pool 3" 0 "^resize_pool: ok \(scorers=3\)"
ctl admin resize-pool 0
check_ctl "admin resize-pool 0: the service's 400" 1 "" "HTTP 400"
ctl admin flush-cache
check_ctl "admin flush-cache" 0 "^flush_cache: ok"
ctl admin retrain
check_ctl "admin retrain" 0 "^retrain: accepted"
ctl admin commands
check_ctl "admin commands lists the resize" 0 "resize_pool +scorers=3 +200"
ctl admin alerts
check_ctl "admin alerts" 0 "alerts kept \([0-9]+ firing, capacity [0-9]+\)"

# --- preflight --------------------------------------------------------------------------------

api GET "/ratings?profile_id=$ROSS"
RATINGS_BEFORE=$(jq -c '[.[] | [.show_id, .primary]] | sort' <<<"$API_BODY")
ctl preflight
check_ctl "preflight passes" 0 "^preflight: 6 passed, 0 failed$"
check_true "preflight printed PASS for healthz, the seed and the BAD rating" \
  grep -qE "^PASS  rating the top BAD changes the top" "$TEST_TMP/ctl.out"
api GET "/ratings?profile_id=$ROSS"
check_eq "preflight leaves Ross's ratings as they were" "$RATINGS_BEFORE" \
  "$(jq -c '[.[] | [.show_id, .primary]] | sort' <<<"$API_BODY")"
ctl --json preflight
check_ctl "preflight --json" 0
check_eq "preflight --json says ok with 6 passes" "true 6" "$(jq -r '"\(.ok) \(.passed)"' <<<"$CTL_OUT")"
ctl preflight --family
check_ctl "preflight --family passes" 0 "^preflight: 4 passed, 0 failed$"
ctl preflight --family --for ross,son --seed 7
check_ctl "preflight --family for Ross and Son" 0 "^PASS  Family Mix explain=true"
ctl --token devtoken:someone@else.test preflight
check_ctl "preflight with a token of no household fails" 1 "^FAIL  same seed"

# --- following a real run (recs-replay as JustWatch) ------------------------------------------

[ -x "$REPLAY" ] || { echo "recsctl.sh: recs-replay is required (4th argument)" >&2; exit 2; }
FIX="$RECS_SOURCE_DIR/test/fixtures/upstream/justwatch"
R="$TEST_TMP/replay"
mkdir -p "$R"
cp "$FIX/providers_au.json" "$R/providers.json"
cp "$FIX/search_bluey.json" "$R/search.json"
cat >"$R/routes.json" <<'EOF'
{
"scenarios": {
  "nothing_found": [
    { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetProviders\"",
      "response": { "body_file": "providers.json" } },
    { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetSearchTitles\"",
      "response": { "body_file": "search.json" } },
    { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetTitleOffers\"",
      "response": { "body_file": "search.json" } }
  ]
}
}
EOF
"$REPLAY" --routes "$R/routes.json" --scenario nothing_found --tls-cert-out "$R/cert.pem" \
  --port-file "$R/port" >"$R/replay.out" 2>"$R/replay.err" &
REPLAY_PID=$!
for _ in $(seq 1 100); do [ -s "$R/port" ] && break; sleep 0.05; done
RP=$(cat "$R/port" 2>/dev/null)
stop_server
SERVER_EXTRA_ENV=(ADMIN_EMAILS=demo@local.test USE_REAL_JUSTWATCH=true
  JUSTWATCH_URL="https://127.0.0.1:$RP/graphql" UPSTREAM_CA_FILE="$R/cert.pem"
  DAILY_REFRESH_LIMIT=5)
start_server "$SERVER_DATA_DIR"
ctl sync run daily_refresh --wait
check_ctl "sync run daily_refresh --wait follows the run to its end" 0 \
  "^daily_refresh finished: [a-z]+, 5/5 done" "^started: justwatch daily_refresh: running"
check_true "off a terminal, progress is plain lines (no carriage returns)" \
  bash -c "! grep -q $'\r' '$TEST_TMP/ctl.err'"
ctl sync jobs
check_ctl "sync jobs shows the finished run" 0 "^justwatch +daily_refresh +idle +5/5"

finish
