#!/usr/bin/env bash
# The alert pipeline end to end with the real Debian binaries, all on private loopback ports in a
# temporary directory and stopped by PID:
#   recs-server --GET /metrics--> prometheus (infra/ rendered with STALE_RATIO_WARN=0.01,
#   STALE_RATIO_FOR_MIN=0, 1 s scrape and evaluation) --OffersStaleRatioHigh--> alertmanager
#   (group_wait 1s, Authorization: Bearer ALERT_WEBHOOK_TOKEN) --POST /alerts/alertmanager-->
#   recs-server (GET /admin/alerts, pushed over /ws) --relay--> a stand-in Discord webhook
#   (recs-replay, answers 204 only to a body carrying the alert) and a stand-in Teams webhook.
# Traffic: GET /recommendations with new seeds (every slate computed; the bundled catalog's
# offers are only inferred, so its stale ratio is high). Prints the timings; never asserts them.
#   alert_pipeline.sh <recs-server> <source dir> <recs-replay> <recs-ws-alerts>
# Needs prometheus, prometheus-alertmanager and envsubst (make deps-test): a missing one fails.

REPLAY=${3:-}
WS_ALERTS=${4:-}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=replay_lib.sh
source "$(dirname "$0")/replay_lib.sh"

require_executables "<recs-server> <source dir> <recs-replay> <recs-ws-alerts>" "$REPLAY" "$WS_ALERTS"
for tool in prometheus:prometheus prometheus-alertmanager:prometheus-alertmanager \
  envsubst:gettext-base; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    fail "${tool%%:*} is installed" "missing: Debian package ${tool#*:} (make deps-test; CI installs it)"
    finish
  fi
done

LIMIT_S=90 # how long the alert may take to get through, at most
TRAFFIC_PID="" PROM_PID="" AM_PID=""

cleanup_pipeline() {
  [ -n "$TRAFFIC_PID" ] && kill "$TRAFFIC_PID" 2>/dev/null
  stop_pid "$PROM_PID"
  stop_pid "$AM_PID"
  replay_cleanup
}
trap cleanup_pipeline EXIT

# wait_ready URL PID NAME LOG: until URL answers 200 (30 s), while PID lives.
wait_ready() {
  local i
  for i in $(seq 1 300); do
    if ! kill -0 "$2" 2>/dev/null; then
      fail "$3 starts" "it exited; last lines of $4:" "$(tail -n 15 "$4")"
      return 1
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" = 200 ] && return 0
    sleep 0.1
  done
  fail "$3 answers $1 within 30 s" "$(tail -n 15 "$4")"
  return 1
}

# show_logs: the tails of every log, when something failed.
show_logs() {
  local f
  for f in "$M/alertmanager.log" "$M/prometheus.log" "$R/replay.err"; do
    [ -f "$f" ] || continue
    echo "----- $f (last 25 lines) -----"
    tail -n 25 "$f"
  done
  show_server_log
}

# --- the stand-in chat webhooks ---------------------------------------------------------------------
R="$TEST_TMP/replay"
M="$TEST_TMP/monitoring"
mkdir -p "$M"
# Discord: 204 only for the stale-offers alert with mentions off, 400 else. Teams Workflows: 202.
write_routes "$R" \
  "$(discord_routes /api/webhooks/7/discord-secret '[FIRING:1] OffersStaleRatioHigh (warning)')" \
  '[{ "method": "POST", "path": "/workflows/teams-secret",
      "body_contains": "\"type\":\"AdaptiveCard\"", "response": { "status": 202, "body": "" } }]'
start_replay "recs-replay serves the stand-in webhooks on a free port" "$R"
# hooks_have FILTER: true when jq FILTER holds on the requests the stand-ins got ($HOOKS).
hooks_have() { jq -e "$1" <<<"$HOOKS" >/dev/null 2>&1; }

# --- the service --------------------------------------------------------------------------------------
SECRET=pipeline-secret-$RANDOM$RANDOM
SERVER_EXTRA_ENV=(ALERT_WEBHOOK_TOKEN="$SECRET"
  DISCORD_WEBHOOK_URL="http://127.0.0.1:$RP/api/webhooks/7/discord-secret"
  TEAMS_WEBHOOK_URL="http://127.0.0.1:$RP/workflows/teams-secret")
start_server
"$WS_ALERTS" "$SERVER_PORT" "$TOKEN" $((LIMIT_S + 60)) OffersStaleRatioHigh \
  >"$TEST_TMP/ws.out" 2>"$TEST_TMP/ws.err" &
WS_PID=$!

# --- Alertmanager and Prometheus ------------------------------------------------------------------
AM_PORT=$(pick_free_port)
if ! env -i PATH="$PATH" RECS_SCRAPE_TARGET="127.0.0.1:$SERVER_PORT" RECS_SCRAPE_INTERVAL=1s \
  PROMETHEUS_EVALUATION_INTERVAL=1s STALE_RATIO_WARN=0.01 STALE_RATIO_FOR_MIN=0 \
  ALERTMANAGER_TARGET="127.0.0.1:$AM_PORT" ALERT_GROUP_WAIT=1s ALERT_GROUP_INTERVAL=1m \
  ALERT_WEBHOOK_URL="http://127.0.0.1:$SERVER_PORT/alerts/alertmanager" \
  ALERT_WEBHOOK_TOKEN="$SECRET" bash "$RECS_SOURCE_DIR/infra/render.sh" "$M" >"$M/render.log" 2>&1; then
  fail "infra/render.sh renders the low thresholds" "$(cat "$M/render.log")"
  finish
fi
ok "infra/render.sh renders STALE_RATIO_WARN=0.01, STALE_RATIO_FOR_MIN=0, 1 s intervals"

prometheus-alertmanager --config.file="$M/alertmanager.yml" --storage.path="$M/am-data" \
  --web.listen-address="127.0.0.1:$AM_PORT" --web.external-url="http://127.0.0.1:$AM_PORT" \
  --cluster.listen-address= --log.level=warn >"$M/alertmanager.log" 2>&1 &
AM_PID=$!
wait_ready "http://127.0.0.1:$AM_PORT/-/ready" "$AM_PID" alertmanager "$M/alertmanager.log" ||
  { show_logs; finish; }
ok "alertmanager listens on 127.0.0.1:$AM_PORT"

PROM_PORT=$(pick_free_port)
t_prom=$(now_ms)
prometheus --config.file="$M/prometheus.yml" --storage.tsdb.path="$M/prom-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --web.external-url="http://127.0.0.1:$PROM_PORT/" \
  --log.level=warn >"$M/prometheus.log" 2>&1 &
PROM_PID=$!
wait_ready "http://127.0.0.1:$PROM_PORT/-/ready" "$PROM_PID" prometheus "$M/prometheus.log" ||
  { show_logs; finish; }
t_ready=$(now_ms)
ok "prometheus listens on 127.0.0.1:$PROM_PORT"
prom() { curl -s --max-time 5 "http://127.0.0.1:$PROM_PORT$1"; }

# --- traffic, and the wait ----------------------------------------------------------------------------
(
  i=1000
  while :; do
    curl -s -o /dev/null --max-time 10 -H "Authorization: Bearer $TOKEN" \
      "$BASE_URL/recommendations?for=ross&seed=$i"
    i=$((i + 1))
    sleep 0.2
  done
) &
TRAFFIC_PID=$!

t_scrape="" t_firing="" t_am="" t_recorded="" t_relay="" t_ws=""
deadline=$((SECONDS + LIMIT_S))
while [ "$SECONDS" -lt "$deadline" ]; do
  if [ -z "$t_scrape" ] && prom /api/v1/targets |
    jq -e '.data.activeTargets | any(.labels.job == "recs-api" and .health == "up")' >/dev/null 2>&1; then
    t_scrape=$(now_ms)
  fi
  if [ -z "$t_firing" ] && prom /api/v1/alerts |
    jq -e '.data.alerts | any(.labels.alertname == "OffersStaleRatioHigh" and .state == "firing")' \
      >/dev/null 2>&1; then
    t_firing=$(now_ms)
  fi
  if [ -z "$t_am" ] && curl -s --max-time 5 "http://127.0.0.1:$AM_PORT/api/v2/alerts" |
    jq -e 'any(.labels.alertname == "OffersStaleRatioHigh")' >/dev/null 2>&1; then
    t_am=$(now_ms)
  fi
  if [ -z "$t_recorded" ]; then
    api GET /admin/alerts
    [ "$API_STATUS" = 200 ] && jqr '[.alerts[].name] | index("OffersStaleRatioHigh") != null' |
      grep -q true && t_recorded=$(now_ms)
  fi
  if [ -z "$t_relay" ] && hooks_log | jq -e 'any(.target == "/api/webhooks/7/discord-secret")' \
    >/dev/null 2>&1; then
    t_relay=$(now_ms)
  fi
  if [ -z "$t_ws" ] && grep -q OffersStaleRatioHigh "$TEST_TMP/ws.out" 2>/dev/null; then
    t_ws=$(now_ms)
  fi
  [ -n "$t_scrape" ] && [ -n "$t_firing" ] && [ -n "$t_am" ] && [ -n "$t_recorded" ] &&
    [ -n "$t_relay" ] && [ -n "$t_ws" ] && break
  sleep 0.2
done
kill "$TRAFFIC_PID" 2>/dev/null
wait "$TRAFFIC_PID" 2>/dev/null
TRAFFIC_PID=""

since() { [ -n "$1" ] && echo "$(($1 - t_prom)) ms" || echo "not within ${LIMIT_S} s"; }
echo "# timings from starting prometheus:"
echo "#   prometheus ready:                   $(since "$t_ready")"
echo "#   target recs-api up:                 $(since "$t_scrape")"
echo "#   OffersStaleRatioHigh firing:        $(since "$t_firing")"
echo "#   in alertmanager:                    $(since "$t_am")"
echo "#   recorded (GET /admin/alerts):       $(since "$t_recorded")"
echo "#   pushed over /ws:                    $(since "$t_ws")"
echo "#   relayed to the stand-in Discord:    $(since "$t_relay")"
[ -n "$t_scrape" ] && [ -n "$t_relay" ] &&
  echo "#   first scrape -> Discord:            $((t_relay - t_scrape)) ms"

check_ne "prometheus scrapes the service" "" "$t_scrape"
check_ne "OffersStaleRatioHigh fires in prometheus" "" "$t_firing"
check_ne "alertmanager has it" "" "$t_am"
check_ne "alertmanager delivered it to POST /alerts/alertmanager (with the token)" "" "$t_recorded"
check_ne "the admin page got it over /ws" "" "$t_ws"
check_ne "the service relayed it to the stand-in Discord" "" "$t_relay"

# --- what arrived ------------------------------------------------------------------------------------
api GET /admin/alerts
check_jq "GET /admin/alerts: OffersStaleRatioHigh, firing, from the default receiver" '
  [.alerts[] | select(.name == "OffersStaleRatioHigh")][0] |
  .status == "firing" and .severity == "warning" and .receiver == "default" and
  (.summary | startswith("Streaming offers are stale")) and .ends_at == null and
  (.generator_url | startswith("http://127.0.0.1:'"$PROM_PORT"'/graph?"))'
check_jq "... whose labels are the rule's" '
  [.alerts[] | select(.name == "OffersStaleRatioHigh")][0].labels |
  .alertname == "OffersStaleRatioHigh" and .severity == "warning"'
check_true "the /ws message is {\"type\":\"alerts\",...} with it" bash -c "
  grep OffersStaleRatioHigh '$TEST_TMP/ws.out' | head -n 1 | cut -d' ' -f2- |
    jq -e '.type == \"alerts\" and .firing >= 1 and
           any(.alerts[]; .name == \"OffersStaleRatioHigh\")' >/dev/null"
HOOKS=$(hooks_log)
check_eq "Discord answered 204 to the message (it answers 400 to a body without the alert)" "0" \
  "$(curl -s "$BASE_URL/metrics" |
    awk '$1 == "recs_alert_relay_failures_total{target=\"discord\"}" { print $2 }')"
check_true "... a Discord message: content starting with the bold title" hooks_have 'any(.[];
  .target == "/api/webhooks/7/discord-secret" and
  (.body | startswith("{\"content\":\"**[FIRING:1] OffersStaleRatioHigh (warning)**\\n")))'
check_true "Teams got an Adaptive Card (answered 202)" hooks_have 'any(.[];
  .target == "/workflows/teams-secret" and
  (.body | startswith("{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\"")))'
check_eq "no relay to Teams failed" "0" "$(curl -s "$BASE_URL/metrics" |
  awk '$1 == "recs_alert_relay_failures_total{target=\"teams\"}" { print $2 }')"
check_true "recs_alerts_received_total{status=firing} counts it" bash -c "
  curl -s '$BASE_URL/metrics' |
    awk '\$1 == \"recs_alerts_received_total{status=\\\"firing\\\"}\" { exit !(\$2 >= 1) }'"
check_true "the server log never shows the webhook URLs or the token" bash -c "
  ! grep -q -e 'discord-secret' -e 'teams-secret' -e '$SECRET' '$SERVER_LOG'"

[ "$FAILED" -eq 0 ] || show_logs
stop_pid "$PROM_PID"
PROM_PID=""
stop_pid "$AM_PID"
AM_PID=""
finish
