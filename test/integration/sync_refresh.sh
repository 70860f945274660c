#!/usr/bin/env bash
# The JustWatch offers sync end to end, against recs-replay (a local HTTPS server answering
# recorded-shape GraphQL responses; JustWatch itself cannot be reached from here):
#  - dry run: POST /admin/jobs/daily_refresh?dry_run=true plans without calling upstream, also
#    with the sync off, and `recs-server --refresh-dry-run` prints the same plan;
#  - the service with USE_REAL_JUSTWATCH=true, JUSTWATCH_URL at the replay server over TLS
#    (UPSTREAM_CA_FILE trusts its certificate) runs a refresh: the top show of Ross's "only on our
#    services" slate is found by a title search and moves to Disney+ (not one of ours): a
#    WebSocket client subscribed to that slate gets the re-ranked slate without it, and the show's
#    offer is verified with last_checked_ts;
#  - the replayed data moves it to Stan: the next refresh (by its linked JustWatch node, no
#    search) brings it back, and the push says "now on Stan";
#  - Wife has it on her watchlist: the household's inbox gets "<title> is now on Stan" once, live
#    on the open page too, and it can be marked read; the household's own webhook (a stand-in
#    Discord on the replay server, HOUSEHOLD_WEBHOOKS=lan) gets it pushed once, and a test push;
#  - the TVmaze metadata sync (USE_REAL_TVMAZE=true, TVMAZE_URL at the same replay server) sees
#    the show's next episode open season 2: a "new_season" alert, in the inbox, live and pushed,
#    once however often the sync runs;
#  - freshness, job progress, pause and resume.
#
#   sync_refresh.sh <recs-server> <source dir> <recs-ws-watch> <recs-replay>
# Needs curl, jq and sqlite3 (make deps-test).

WS_WATCH=${3:-}
REPLAY=${4:-}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=replay_lib.sh
source "$(dirname "$0")/replay_lib.sh"

require_executables "<recs-server> <source dir> <recs-ws-watch> <recs-replay>" "$WS_WATCH" "$REPLAY"
command -v sqlite3 >/dev/null || { echo "missing tool: sqlite3 (make deps-test)" >&2; exit 2; }
FIX="$RECS_SOURCE_DIR/test/fixtures/upstream/justwatch"

# --- the plan, with the sync off -------------------------------------------------------------------

start_server
DATA=$SERVER_DATA_DIR
DB="$DATA/recs.sqlite"
api POST "/admin/jobs/daily_refresh?dry_run=true"
check_status "dry run with USE_REAL_JUSTWATCH=false" 200
check_jq "the plan lists DAILY_REFRESH_LIMIT (200) never-checked titles, most popular first" \
  '.planned == 200 and .limit == 200 and .due_total > 1000 and .upstream_enabled == false and
   (.items | all(.reason == "never checked" and .last_checked_ts == null))'
PLAN_FIRST=$(jqr '.items[0].show_id')
api POST "/admin/jobs/daily_refresh"
check_error "a real run with the sync off -> 409" 409 conflict
api POST "/admin/jobs/nightly"
check_error "an unknown job -> 400" 400 bad_request
api POST "/admin/jobs/serializd_import"
check_error "a Serializd import without profile= -> 400" 400 bad_request
api POST "/admin/jobs/serializd_import?profile=nobody"
check_error "a Serializd import for an unknown profile -> 404" 404 not_found
api POST "/admin/jobs/serializd_import?profile=ross"
check_error "a Serializd import with USE_REAL_SERIALIZD=false -> 409" 409 conflict
api POST "/admin/jobs/metadata_refresh"
check_error "a TVmaze run with USE_REAL_TVMAZE=false -> 409" 409 conflict
api GET /admin/freshness
check_jq "freshness: nothing checked yet" \
  '.offers_last_checked == null and .shows.never_checked == .shows.total and .shows.total > 1000'
api GET /admin/jobs
check_jq "GET /admin/jobs: the three sync jobs, all off" \
  '[.jobs[] | select(.state == "off") | .source] | sort == ["justwatch", "serializd", "tvmaze"]'

# Ross's top show "only on our services": the show the replayed data will move.
api GET "/recommendations?for=ross&limit=10&only_my_services=true&seed=0"
check_status "Ross's slate, only on our services" 200
TARGET=$(jqr '.[0].id')
TITLE=$(jqr '.[0].title')
YEAR=$(jqr '.[0].year')
echo "# the show that moves: $TARGET ($TITLE, $YEAR)"
stop_server

DRY=$(cd "$RECS_SOURCE_DIR" && DATA_DIR="$DATA" "$RECS_SERVER_BIN" --refresh-dry-run 2>/dev/null)
check_eq "recs-server --refresh-dry-run prints the same plan" "$PLAN_FIRST" \
  "$(jq -r '.items[0].show_id' <<<"$DRY" 2>/dev/null)"

# Every other show was checked a moment ago (as after earlier runs): only $TARGET is due.
sqlite3 "$DB" "UPDATE shows SET offers_checked_ts = strftime('%s','now') WHERE id <> '$TARGET';"
# TVmaze: $TARGET is linked to show 990001; every other show is known to be missing there (so a
# metadata run has no lookups to make).
sqlite3 "$DB" "INSERT INTO show_links (show_id, source, external_id)
  SELECT id, 'tvmaze_missing', id FROM shows WHERE id <> '$TARGET';
  INSERT INTO show_links (show_id, source, external_id) VALUES ('$TARGET', 'tvmaze', '990001');"

# --- the replayed JustWatch -------------------------------------------------------------------------

mkdir -p "$TEST_TMP/replay"
R="$TEST_TMP/replay"
cp "$FIX/providers_au.json" "$R/providers.json"
# title_node PACKAGE_JQ: the Slow Horses node recast as $TARGET, with one flatrate offer on the
# package PACKAGE_JQ selects from the AU package list.
title_node() {
  local pkg
  pkg=$(jq -c "[.data.packages[] | select($1)][0] | {id, packageId, clearName, technicalName,
        shortName, monetizationTypes}" "$FIX/providers_au.json")
  jq --arg id "$TARGET" --arg title "$TITLE" --argjson year "$YEAR" --argjson pkg "$pkg" '
    .data.node.content.title = $title | .data.node.content.originalReleaseYear = $year |
    .data.node.content.externalIds = {imdbId: $id, tmdbId: "990001"} |
    .data.node.id = "ts990001" | .data.node.objectId = 990001 |
    .data.node.offers = [.data.node.offers[0] | .package = $pkg |
      .standardWebURL = "https://example.test/watch/" + $pkg.technicalName]' \
    "$FIX/title_offers_slow_horses.json"
}
title_node '.technicalName == "disneyplus"' >"$R/node_disney.json"
title_node '.technicalName == "stan"' >"$R/node_stan.json"
# A search answers with an unrelated show first, then $TARGET (matched by its IMDb id).
jq -s '{data: {popularTitles: {edges: ([.[0].data.popularTitles.edges[0]] +
        [{node: .[1].data.node}])}}}' "$FIX/search_bluey.json" "$R/node_disney.json" \
  >"$R/search_disney.json"
# TVmaze: show 990001 changed today; its next episode is the first of season 2, dated ahead.
NEXT_DATE=$(date -u -d "+20 days" +%Y-%m-%d)
jq --arg id "$TARGET" --arg title "$TITLE" --arg on "$NEXT_DATE" '.id = 990001 | .name = $title |
  .externals.imdb = $id | ._embedded.nextepisode.season = 2 | ._embedded.nextepisode.number = 1 |
  ._embedded.nextepisode.airdate = $on' \
  "$RECS_SOURCE_DIR/test/fixtures/upstream/tvmaze/lookup_tt5875444.json" >"$R/tvmaze_show.json"
jq -n --argjson now "$(date +%s)" '{"990001": $now}' >"$R/tvmaze_updates.json"
TVMAZE_ROUTES='
      { "path": "/updates/shows", "response": { "body_file": "tvmaze_updates.json" } },
      { "path": "/shows/990001", "query": "embed=nextepisode",
        "response": { "body_file": "tvmaze_show.json" } },'
# The household's webhook: a stand-in Discord channel.
HOOK_ROUTES='
      { "method": "POST", "path": "/api/webhooks/77/SECRETTOKEN", "response": { "status": 204 } },'
cat >"$R/routes.json" <<EOF
{
  "scenarios": {
    "disney": [$TVMAZE_ROUTES$HOOK_ROUTES
      { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetProviders\"",
        "response": { "body_file": "providers.json" } },
      { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetSearchTitles\"",
        "response": { "body_file": "search_disney.json" } },
      { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetTitleOffers\"",
        "response": { "body_file": "node_disney.json" } }
    ],
    "stan": [$TVMAZE_ROUTES$HOOK_ROUTES
      { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetProviders\"",
        "response": { "body_file": "providers.json" } },
      { "method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetTitleOffers\"",
        "responses": [ { "status": 503, "body": "{\"error\":\"busy\"}" },
                       { "body_file": "node_stan.json" } ] }
    ]
  }
}
EOF
start_replay "recs-replay serves HTTPS on a free port" "$R" --scenario disney \
  --tls-cert-out "$R/cert.pem"
replay() { curl -s --cacert "$R/cert.pem" -X "$1" "https://127.0.0.1:$RP$2"; }

# --- the service with the sync on -------------------------------------------------------------------

SERVER_EXTRA_ENV=(USE_REAL_JUSTWATCH=true JUSTWATCH_URL="https://127.0.0.1:$RP/graphql"
  UPSTREAM_CA_FILE="$R/cert.pem" DAILY_REFRESH_LIMIT=20 USE_REAL_TVMAZE=true
  TVMAZE_URL="https://127.0.0.1:$RP" HOUSEHOLD_WEBHOOKS=lan)
start_server "$DATA"
check_true "the server says the sync is on" grep -q "^sync: justwatch on" "$SERVER_LOG"
api POST "/admin/jobs/daily_refresh?dry_run=true"
check_jq "now only $TARGET is due" ".due_total == 1 and .items[0].show_id == \"$TARGET\" and
  .upstream_enabled == true"
check_eq "a dry run calls no upstream" "[]" "$(replay GET /__replay/log | jq -c .)"

"$WS_WATCH" "$SERVER_PORT" "$TOKEN" ross 120 10 true >"$TEST_TMP/ws.out" 2>"$TEST_TMP/ws.err" &
WS_PID=$!

# wait_push REASON SINCE_MS [TEXT]: the first slate with REASON after SINCE_MS (with TEXT: the
# first whose changes say TEXT, whatever its reason: a model retrain that lands at the same moment
# carries the changes too); sets PUSH_LINE, PUSH_IDS.
wait_push() {
  local line="" i pattern="\"reason\":\"$1\""
  [ -n "${3:-}" ] && pattern="\"type\":\"slate\".*\"changes\":\\[[^]]*\"text\":\"$3\""
  for i in $(seq 1 200); do
    line=$(awk -v s="$2" '$1 >= s' "$TEST_TMP/ws.out" | grep -m1 "$pattern") && break
    sleep 0.05
  done
  [ -n "$line" ] || return 1
  PUSH_LINE=${line#* }
  PUSH_IDS=$(jq -r '[.items[].id] | join(" ")' <<<"$PUSH_LINE")
}
# wait_run [SOURCE=justwatch]: until SOURCE's job is idle again after a run; sets JOB.
wait_run() {
  local i
  for i in $(seq 1 200); do
    api GET /admin/jobs
    JOB=$(jq -c --arg s "${1:-justwatch}" '.jobs[] | select(.source == $s)' <<<"$API_BODY")
    [ "$(jq -r '.state' <<<"$JOB")" = idle ] && [ "$(jq -r '.last_run.status' <<<"$JOB")" != "" ] &&
      return 0
    sleep 0.1
  done
  return 1
}

if wait_push subscribe 0; then ok "the WebSocket client follows Ross's slate"; else
  fail "the WebSocket client follows Ross's slate" "$(cat "$TEST_TMP/ws.err")"
fi
check_true "$TARGET is in it before the refresh" grep -qw -- "$TARGET" <<<"$PUSH_IDS"

# Run 1: JustWatch says Disney+ only.
T0=$(now_ms)
api POST /admin/jobs/daily_refresh
check_status "POST /admin/jobs/daily_refresh starts a run" 202
check_jq "the answer shows it running" '.state == "running" and .source == "justwatch"'
if wait_run; then ok "the run finished"; else fail "the run finished within 20 s" "$JOB"; fi
check_jq "run 1: 1 checked, 1 changed, status ok" '.jobs[] | select(.source == "justwatch") |
  .progress.done == 1 and .progress.changed == 1 and .last_run.status == "ok"'
if wait_push availability "$T0"; then
  echo "# run 1 pushed after $(($(awk -v s="$T0" '$1 >= s' "$TEST_TMP/ws.out" |
    grep -m1 '"reason":"availability"' | cut -d' ' -f1) - T0)) ms"
  check_true "the pushed slate no longer has $TARGET (now only on Disney+)" \
    bash -c "! grep -qw -- '$TARGET' <<<'$PUSH_IDS'"
else
  fail "the WebSocket client got an availability push" "$(tail -n 3 "$TEST_TMP/ws.out")"
fi
api GET "/shows/$TARGET"
check_jq "$TARGET's offer is Disney+, verified, with last_checked_ts" \
  '[.availability[] | select(.provider == "disney_plus" and .status == "verified" and
     (.last_checked_ts | type) == "number")] | length == 1'
check_jq "its inferred offers are gone" '[.availability[] | select(.status == "inferred")] | length == 0'
check_eq "run 1 searched, then read nothing else" "GetProviders GetSearchTitles" \
  "$(replay GET /__replay/log | jq -r '[.[].body | capture("operationName\":\"(?<op>[A-Za-z]+)").op] | join(" ")')"

# Wife wants to watch it: when it lands on Stan (one of the household's services), the household
# gets an alert in its inbox and on its open pages.
api GET /me/profiles
WIFE=$(jqr '.[] | select(.name == "Wife") | .id')
api POST /watchlist "{\"show_id\":\"$TARGET\",\"profile_id\":$WIFE}"
check_status "$TARGET goes on Wife's watchlist" 201
api GET /inbox
check_jq "the inbox is empty before" '.unread == 0 and (.items | length) == 0'

# The household's own webhook: set, answered masked, tested.
HOOK_URL="https://127.0.0.1:$RP/api/webhooks/77/SECRETTOKEN"
api GET /me/webhook
check_jq "no webhook yet; the server allows lan ones" '.webhook == null and .policy == "lan"'
api PUT /me/webhook "{\"kind\":\"discord\",\"url\":\"$HOOK_URL\"}"
check_status "PUT /me/webhook sets a Discord webhook" 200
check_jq "it is answered masked" '.webhook.kind == "discord" and
  .webhook.url == "https://127.0.0.1:'"$RP"'/\u2026OKEN"'
api PUT /me/webhook '{"kind":"ntfy","url":"https://ntfy.sh/a.b"}'
check_error "an ntfy URL without a topic -> 400" 400 bad_request
api POST /me/webhook/test
check_jq "a test push is delivered" '.delivered == true'
# hook_posts TEXT: how many POSTs the stand-in webhook got whose body holds TEXT.
hook_posts() {
  replay GET /__replay/log | jq --arg t "$1" \
    '[.[] | select(.target == "/api/webhooks/77/SECRETTOKEN" and (.body | contains($t)))] | length'
}
check_eq "the stand-in Discord got the test" 1 "$(hook_posts "Test from your TV recommender")"

# Run 2: the replayed data moves it to Stan; JustWatch is busy once (503, retried).
replay POST /__replay/reset >/dev/null  # an empty log
replay POST "/__replay/scenario?name=stan" >/dev/null
sqlite3 "$DB" "UPDATE shows SET offers_checked_ts = 1 WHERE id = '$TARGET';"
T1=$(now_ms)
api POST /admin/jobs/daily_refresh
check_status "a second run starts" 202
if wait_run; then ok "run 2 finished"; else fail "run 2 finished within 20 s" "$JOB"; fi
if wait_push availability "$T1" "now on Stan"; then
  check_true "the pushed slate has $TARGET again (now on Stan)" grep -qw -- "$TARGET" <<<"$PUSH_IDS"
  check_eq "the push says what changed" "now on Stan" \
    "$(jq -r --arg id "$TARGET" '.changes[]? | select(.id == $id) | .text' <<<"$PUSH_LINE" |
      grep -m1 '^now on')"
else
  fail "the WebSocket client got a second availability push" "$(tail -n 3 "$TEST_TMP/ws.out")"
fi
TITLE=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE_URL/shows/$TARGET" | jq -r .title)
for _ in $(seq 1 40); do
  api GET /inbox
  [ "$(jqr .unread)" = 1 ] && break
  sleep 0.25
done
check_jq "the inbox has the alert: $TITLE is now on Stan, unread" \
  '.unread == 1 and (.items | length) == 1 and .items[0].show_id == $s and
   .items[0].event == "arrived" and .items[0].text == ($t + " is now on Stan") and
   .items[0].read == false' --arg s "$TARGET" --arg t "$TITLE"
ALERT_ID=$(jqr '.items[0].id')
check_true "the open page got it live ({\"type\":\"inbox\"})" \
  grep -q '"type":"inbox".*is now on Stan' "$TEST_TMP/ws.out"
check_eq "run 2 read the linked node (no search), retrying the 503" \
  "GetProviders GetTitleOffers GetTitleOffers" \
  "$(replay GET /__replay/log | jq -r '[.[].body | capture("operationName\":\"(?<op>[A-Za-z]+)").op?] | join(" ")')"
for _ in $(seq 1 40); do
  [ "$(hook_posts "is now on Stan")" = 1 ] && break
  sleep 0.25
done
check_eq "the household's webhook got the alert pushed" 1 "$(hook_posts "is now on Stan")"

# Run 3 sees the same offers: no new alert.
replay POST /__replay/reset >/dev/null
replay POST "/__replay/scenario?name=stan" >/dev/null
sqlite3 "$DB" "UPDATE shows SET offers_checked_ts = 1 WHERE id = '$TARGET';"
api POST /admin/jobs/daily_refresh
if wait_run; then ok "run 3 finished"; else fail "run 3 finished within 20 s" "$JOB"; fi
api GET /inbox
check_jq "no alert twice: still one" '(.items | length) == 1'
check_eq "nor a second push" 0 "$(hook_posts "is now on Stan")"
api POST /inbox/read '{"ids":[999999]}'
check_jq "marking another id read changes nothing" '.marked == 0'
api POST /inbox/read "{\"ids\":[$ALERT_ID]}"
check_jq "marking the alert read" '.marked == 1'
api GET /inbox
check_jq "the inbox: read, nothing unread" '.unread == 0 and .items[0].read == true'
api POST /inbox/read '{}'
check_error "POST /inbox/read without ids or all -> 400" 400 bad_request
api POST /inbox/read '{"all":true}'
check_jq "all read: nothing left to mark" '.marked == 0'

# The TVmaze metadata sync: the show's next episode opens season 2.
replay POST /__replay/reset >/dev/null
replay POST "/__replay/scenario?name=stan" >/dev/null
api POST /admin/jobs/metadata_refresh
check_status "a TVmaze metadata run starts" 202
if wait_run tvmaze; then ok "the TVmaze run finished"; else fail "the TVmaze run finished within 20 s" "$JOB"; fi
check_jq "it checked the one linked show" '.jobs[] | select(.source == "tvmaze") |
  .progress.done == 1 and .last_run.status == "ok"'
SEASON_TEXT="$TITLE: season 2 starts on "
for _ in $(seq 1 40); do
  api GET /inbox
  [ "$(jqr '[.items[] | select(.event == "new_season")] | length')" = 1 ] && break
  sleep 0.25
done
check_jq "the inbox has the new season, unread" '[.items[] | select(.event == "new_season")] |
  length == 1 and .[0].show_id == $s and (.[0].text | startswith($t)) and .[0].read == false' \
  --arg s "$TARGET" --arg t "$SEASON_TEXT"
check_true "the open page got it live" grep -q '"type":"inbox".*season 2 starts on' "$TEST_TMP/ws.out"
for _ in $(seq 1 40); do
  [ "$(hook_posts "season 2 starts on")" = 1 ] && break
  sleep 0.25
done
check_eq "and the webhook got it pushed" 1 "$(hook_posts "season 2 starts on")"
replay POST /__replay/reset >/dev/null
replay POST "/__replay/scenario?name=stan" >/dev/null
api POST /admin/jobs/metadata_refresh
if wait_run tvmaze; then ok "a second TVmaze run finished"; else fail "a second TVmaze run" "$JOB"; fi
check_eq "it saw the show again (GET /shows/990001?embed=nextepisode)" 1 \
  "$(replay GET /__replay/log | jq '[.[] | select(.target == "/shows/990001?embed=nextepisode")] | length')"
api GET /inbox
check_jq "no new-season alert twice" '[.items[] | select(.event == "new_season")] | length == 1'
check_eq "nor a second push" 0 "$(hook_posts "season 2")"
check_true "the webhook's URL is never logged" bash -c "! grep -q SECRETTOKEN '$SERVER_LOG'"
api DELETE /me/webhook
check_status "DELETE /me/webhook" 204
api DELETE /me/webhook
check_error "a second DELETE -> 404" 404 not_found

api GET /admin/freshness
check_jq "freshness: offers_last_checked is set, one show verified" \
  '(.offers_last_checked | type) == "number" and .shows.never_checked == 0 and .shows.verified >= 1'

# Every computed slate's stale ratio feeds recs_stale_ratio (GET /metrics, no token).
METRICS=$(curl -s --max-time 5 "$BASE_URL/metrics")
check_true "GET /metrics has the recs_stale_ratio histogram" \
  grep -q '^# TYPE recs_stale_ratio histogram' <<<"$METRICS"
STALE_COUNT=$(awk '$1 == "recs_stale_ratio_count" { print $2 }' <<<"$METRICS")
check_true "recs_stale_ratio counted the slates computed ($STALE_COUNT)" \
  awk -v n="${STALE_COUNT:-0}" 'BEGIN { exit !(n >= 3) }'
# The first slate had $TARGET unverified (1 of 10 stale); after the runs it is verified.
check_true "a slate with the unverified show counted as stale (ratio above 0.05)" \
  awk '$1 ~ /^recs_stale_ratio_bucket\{le="0.05"\}$/ { le = $2 } $1 == "recs_stale_ratio_count" {
    n = $2 } END { exit !(n > le) }' <<<"$METRICS"
check_true "and slates with every show verified counted as fresh (ratio 0)" \
  awk '$1 ~ /^recs_stale_ratio_bucket\{le="0.05"\}$/ { exit !($2 >= 1) }' <<<"$METRICS"

# Pause and resume.
api POST /admin/sync/justwatch/pause
check_jq "pause: the job is paused" '.state == "paused"'
api POST /admin/jobs/daily_refresh
check_error "no run starts while paused -> 409" 409 conflict
api POST /admin/sync/justwatch/resume
check_jq "resume: the job is idle again" '.state == "idle"'
api POST /admin/sync/justwatch/restart
check_error "an unknown command -> 400" 400 bad_request
api POST /admin/sync/nowhere/pause
check_error "an unknown source -> 404" 404 not_found

finish
