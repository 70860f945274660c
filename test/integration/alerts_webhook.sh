#!/usr/bin/env bash
# POST /alerts/alertmanager over real HTTP: the shared secret (ALERT_WEBHOOK_TOKEN), content
# type, malformed notifications (bad JSON, wrong version, missing alerts, a huge body) -> 4xx
# JSON errors; good ones recorded (GET /admin/alerts, pushed over /ws to an admin), counted on
# GET /metrics and relayed to stand-in Discord (answers 204 to a body of ours) and Teams (down:
# retried, then counted as a failure) webhooks served by recs-replay. Then, without the token
# and with another admin: the receiver is open, and the admin views refuse the non-admin.
#   alerts_webhook.sh <recs-server> <source dir> <recs-replay> <recs-ws-alerts>

REPLAY=${3:-}
WS_ALERTS=${4:-}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=replay_lib.sh
source "$(dirname "$0")/replay_lib.sh"

require_executables "<recs-server> <source dir> <recs-replay> <recs-ws-alerts>" "$REPLAY" "$WS_ALERTS"
FIX="$RECS_SOURCE_DIR/test/alerts/fixtures"

# post TOKEN CONTENT_TYPE FILE: POST /alerts/alertmanager; sets API_STATUS and API_BODY. An empty
# TOKEN sends no Authorization; CONTENT_TYPE "-" sends none.
post() {
  local args=(-s -o "$TEST_TMP/body" -D "$TEST_TMP/headers" -w '%{http_code}' --max-time 30
    -X POST -H 'Expect:' --data-binary "@$3")
  [ -n "$1" ] && args+=(-H "Authorization: Bearer $1")
  if [ "$2" = "-" ]; then args+=(-H 'Content-Type:'); else args+=(-H "Content-Type: $2"); fi
  API_STATUS=$(curl "${args[@]}" "$BASE_URL/alerts/alertmanager")
  [ -n "$API_STATUS" ] || API_STATUS=000
  API_BODY=$(cat "$TEST_TMP/body")
}

# metric NAME_AND_LABELS: its value on GET /metrics ("" when absent).
metric() {
  curl -s --max-time 10 "$BASE_URL/metrics" | awk -v k="$1" '$1 == k { print $2 }'
}

# wait_metric NAME_AND_LABELS VALUE: until the metric has that value (at most 30 s).
wait_metric() {
  for _ in $(seq 1 300); do
    [ "$(metric "$1")" = "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# --- the stand-in webhooks ---------------------------------------------------------------------
R="$TEST_TMP/replay"
# Discord: 204 for a body with content and no pings, 400 else. Teams: down.
write_routes "$R" \
  "$(discord_routes /api/webhooks/42/discord-secret '"allowed_mentions":{"parse":[]}')" \
  '[{ "method": "POST", "path": "/teams-secret",
      "response": { "status": 502, "body": "{\"error\":\"bad gateway\"}" } }]'
start_replay "recs-replay serves the stand-in webhooks on a free port" "$R"

# --- with ALERT_WEBHOOK_TOKEN ----------------------------------------------------------------------
SECRET=alerts-test-secret-0123
SERVER_EXTRA_ENV=(ALERT_WEBHOOK_TOKEN="$SECRET"
  DISCORD_WEBHOOK_URL="http://127.0.0.1:$RP/api/webhooks/42/discord-secret"
  TEAMS_WEBHOOK_URL="http://127.0.0.1:$RP/teams-secret")
start_server
check_true "the server says where it relays (never the URLs)" \
  grep -q "alerts: relay to teams, discord; webhook needs ALERT_WEBHOOK_TOKEN" "$SERVER_LOG"
check_eq "metrics: no alert yet" "0" "$(metric 'recs_alerts_received_total{status="firing"}')"
check_eq "metrics: no relay failure yet" "0" \
  "$(metric 'recs_alert_relay_failures_total{target="teams"}')"

# An admin page follows the alerts over /ws.
"$WS_ALERTS" "$SERVER_PORT" "$TOKEN" 60 RecsP95LatencyHigh >"$TEST_TMP/ws.out" 2>"$TEST_TMP/ws.err" &
WS_PID=$!
wait_file "$TEST_TMP/ws.out"
check_true "subscribe_alerts answers the (empty) log at once" \
  grep -q '^[0-9]* {"type":"alerts","capacity":100,"count":0,"firing":0,"alerts":\[\]}$' \
  "$TEST_TMP/ws.out"

post "" application/json "$FIX/firing.json"
check_error "no token -> 401" 401 unauthorized
check_true "with WWW-Authenticate: Bearer" grep -qi '^www-authenticate: Bearer' "$TEST_TMP/headers"
post "wrong-$SECRET" application/json "$FIX/firing.json"
check_error "a wrong token -> 401" 401 unauthorized
post "$SECRET" text/plain "$FIX/firing.json"
check_error "Content-Type text/plain -> 415" 415 unsupported_media_type
post "$SECRET" - "$FIX/firing.json"
check_error "no Content-Type -> 415" 415 unsupported_media_type
post "$SECRET" application/json "$FIX/malformed.json"
check_error "malformed JSON -> 400" 400 bad_request
post "$SECRET" application/json "$FIX/wrong_version.json"
check_error "version 3 -> 400" 400 bad_request
check_jq "the message names the version" '.message | test("version")'
jq 'del(.alerts)' "$FIX/firing.json" >"$TEST_TMP/no_alerts.json"
post "$SECRET" application/json "$TEST_TMP/no_alerts.json"
check_error "no alerts array -> 400" 400 bad_request
check_jq "the message names alerts" '.message | test("alerts")'
jq '.alerts = {}' "$FIX/firing.json" >"$TEST_TMP/alerts_object.json"
post "$SECRET" application/json "$TEST_TMP/alerts_object.json"
check_error "alerts not an array -> 400" 400 bad_request
jq 'del(.alerts[0].fingerprint)' "$FIX/firing.json" >"$TEST_TMP/no_fingerprint.json"
post "$SECRET" application/json "$TEST_TMP/no_fingerprint.json"
check_error "an alert without fingerprint -> 400" 400 bad_request
: >"$TEST_TMP/empty.json"
post "$SECRET" application/json "$TEST_TMP/empty.json"
check_error "an empty body -> 400" 400 bad_request
{
  printf '{"version":"4","receiver":"'
  head -c 70000 /dev/zero | tr '\0' 'a'
  printf '"}'
} >"$TEST_TMP/huge.json"
post "$SECRET" application/json "$TEST_TMP/huge.json"
check_error "a 70 KB body -> 413" 413 payload_too_large
api_as "" GET /alerts/alertmanager
check_status "GET /alerts/alertmanager -> 405" 405
check_eq "nothing malformed was recorded" "0" "$(metric 'recs_alerts_received_total{status="firing"}')"

post "$SECRET" "application/json; charset=utf-8" "$FIX/firing.json"
check_status "a good notification -> 200" 200
check_jq "received: 1" '. == {"received": 1}'

api GET /admin/alerts
check_status "GET /admin/alerts" 200
check_jq "the alert is there, firing" '.count == 1 and .firing == 1 and .capacity == 100 and
  .alerts[0].name == "RecsP95LatencyHigh" and .alerts[0].status == "firing" and
  .alerts[0].severity == "warning" and .alerts[0].fingerprint == "a9e0fee395888031" and
  .alerts[0].ends_at == null and .alerts[0].notifications == 1 and .alerts[0].receiver == "default"'
api_as "" GET /admin/alerts
check_error "GET /admin/alerts without a token -> 401" 401 unauthorized

# The push over /ws.
wait "$WS_PID"
ws_rc=$?
WS_PID=""
check_eq "the admin page got the change over /ws" 0 "$ws_rc"
check_true "... as {\"type\":\"alerts\",...} with the firing alert" bash -c "
  tail -n 1 '$TEST_TMP/ws.out' | cut -d' ' -f2- |
    jq -e '.type == \"alerts\" and .count == 1 and .alerts[0].name == \"RecsP95LatencyHigh\"' >/dev/null"

# Counted, and relayed: Discord got our body; Teams failed 3 times and was counted once.
check_eq "recs_alerts_received_total{status=firing} 1" "1" \
  "$(metric 'recs_alerts_received_total{status="firing"}')"
check_true "the Teams relay failure is counted (after 3 attempts)" \
  wait_metric 'recs_alert_relay_failures_total{target="teams"}' 1
check_eq "the Discord relay did not fail" "0" \
  "$(metric 'recs_alert_relay_failures_total{target="discord"}')"
check_eq "Discord got one POST with the notification's message" "1" "$(hooks_log | jq '[.[] |
  select(.method == "POST" and .target == "/api/webhooks/42/discord-secret" and
    (.body | startswith("{\"content\":\"**[FIRING:1] RecsP95LatencyHigh (warning)**")))] | length')"
check_eq "Teams was tried 3 times with an Adaptive Card" "3" "$(hooks_log | jq '[.[] |
  select(.target == "/teams-secret" and (.body | startswith("{\"type\":\"message\",\"attachments\"")))]
  | length')"
check_true "the failure is in the server log" \
  grep -q 'alert relay to teams failed: teams webhook answered HTTP 502' "$SERVER_LOG"
check_true "which never shows the webhook URLs" bash -c "! grep -q 'secret' '$SERVER_LOG'"

post "$SECRET" application/json "$FIX/resolved.json"
check_status "the resolve -> 200" 200
post "$SECRET" application/json "$FIX/grouped.json"
check_jq "a group of two -> received: 2" '.received == 2'
api GET /admin/alerts
check_jq "three alerts, the resolved one updated in place" '.count == 3 and .firing == 1 and
  ([.alerts[] | select(.name == "RecsP95LatencyHigh")][0] |
    .status == "resolved" and .notifications == 2 and (.ends_at | type) == "string")'
check_eq "recs_alerts_received_total{status=resolved} 2" "2" \
  "$(metric 'recs_alerts_received_total{status="resolved"}')"
check_true "Discord got all three notifications" bash -c "
  for i in \$(seq 1 100); do
    n=\$(curl -s http://127.0.0.1:$RP/__replay/log |
      jq '[.[] | select(.target == \"/api/webhooks/42/discord-secret\")] | length')
    [ \"\$n\" = 3 ] && exit 0
    sleep 0.1
  done
  exit 1"
check_eq "... with no failure" "0" "$(metric 'recs_alert_relay_failures_total{target="discord"}')"
stop_server

# --- no token, and demo@local.test not an admin ------------------------------------------------------
SERVER_EXTRA_ENV=(ADMIN_EMAILS=ops@local.test)
start_server
check_true "the server says it relays nowhere" grep -q "alerts: relay to none$" "$SERVER_LOG"
post "" application/json "$FIX/firing.json"
check_status "without ALERT_WEBHOOK_TOKEN the receiver is open" 200
post "anything" application/json "$FIX/firing.json"
check_status "... and ignores an Authorization header" 200
api GET /admin/alerts
check_error "GET /admin/alerts as a non-admin -> 403" 403 forbidden
"$WS_ALERTS" "$SERVER_PORT" "$TOKEN" 10 '"type":"error"' >"$TEST_TMP/ws2.out" 2>&1
check_true "subscribe_alerts as a non-admin -> forbidden" \
  grep -q '"type":"error","code":"forbidden"' "$TEST_TMP/ws2.out"

finish
