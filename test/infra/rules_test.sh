#!/usr/bin/env bash
# Renders infra/ with the default thresholds and checks it with the real tools:
#   test/infra/rules_test.sh SRC_DIR
# promtool check/test rules, promtool check config, amtool check-config and routes (default
# receiver and ALERT_DEFAULT_RECEIVER=slack), render.sh's refusals, the dashboard's JSON and
# PromQL, and that every metric the rules and the dashboard name is in infra/README.md's
# catalogue. TAP-like output; exit 1 on a failure, 77 when a tool is missing.
set -u
src=${1:?usage: rules_test.sh SRC_DIR}
# shellcheck source=test/infra/lib.sh
. "$(dirname "$0")/lib.sh"
need promtool prometheus amtool prometheus-alertmanager envsubst gettext-base jq jq

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/default

# --- render ---------------------------------------------------------------------------------
check "render.sh renders with the defaults" render_defaults "$out"
for f in prometheus.yml recs.rules.yml alertmanager.yml; do
  check "$f rendered" test -s "$out/$f"
done
check "no variable left unsubstituted" bash -c "! grep -n '\\\${' $out/*.yml"
check "rule templates ({{ \$value }}) left to Prometheus" grep -q '{{ \$value | humanize }}' \
  "$out/recs.rules.yml"
check "default thresholds in the rules" bash -c "grep -q '> 250\$' $out/recs.rules.yml &&
  grep -q '> 0.30\$' $out/recs.rules.yml && grep -q '> 50\$' $out/recs.rules.yml &&
  grep -q 'for: 10m' $out/recs.rules.yml && grep -q 'for: 20m' $out/recs.rules.yml"

# --- rules ----------------------------------------------------------------------------------
check "promtool check rules" promtool check rules "$out/recs.rules.yml"
alerts=$(sed -n 's/^ *- alert: *//p' "$out/recs.rules.yml" | sort | tr '\n' ' ')
check "exactly the spec's alerts" test "$alerts" = \
  "OffersStaleRatioHigh RecsErrorRateHigh RecsP95LatencyHigh "
check "every alert has severity, summary and description" bash -c "
  test \$(grep -c 'severity: \\(warning\\|critical\\)' $out/recs.rules.yml) -eq 3 &&
  test \$(grep -c 'summary:' $out/recs.rules.yml) -eq 3 &&
  test \$(grep -c 'description:' $out/recs.rules.yml) -eq 3"
mkdir -p "$out/tests"
cp "$src"/infra/alerts/tests/*.yml "$out/tests/"
for t in "$out"/tests/*.yml; do
  check "promtool test rules $(basename "$t")" promtool test rules "$t"
done
for a in RecsP95LatencyHigh OffersStaleRatioHigh RecsErrorRateHigh; do
  check "$a has a firing and a not-firing unit test" bash -c "
    grep -l 'alertname: $a' $out/tests/*.yml | xargs grep -q 'exp_alerts: \[\]' &&
    grep -l 'alertname: $a' $out/tests/*.yml | xargs grep -q 'exp_labels:'"
done

# --- prometheus.yml -------------------------------------------------------------------------
check "promtool check config (loads recs.rules.yml)" promtool check config "$out/prometheus.yml"
check "scrapes localhost:8080/metrics every 15s" bash -c "
  grep -q \"targets: \\['localhost:8080'\\]\" $out/prometheus.yml &&
  grep -q 'metrics_path: /metrics' $out/prometheus.yml &&
  grep -q 'scrape_interval: 15s' $out/prometheus.yml"

# --- alertmanager.yml -----------------------------------------------------------------------
check "amtool check-config (default receiver)" amtool check-config "$out/alertmanager.yml"
check "alerts route to the webhook receiver" bash -c "
  test \"\$(amtool config routes test --config.file=$out/alertmanager.yml \
    alertname=RecsErrorRateHigh severity=critical 2>/dev/null)\" = default"
check "webhook to /alerts/alertmanager with send_resolved" bash -c "
  grep -q \"url: 'http://localhost:8080/alerts/alertmanager'\" $out/alertmanager.yml &&
  grep -q 'send_resolved: true' $out/alertmanager.yml"
slack=$tmp/slack
check "render.sh with ALERT_DEFAULT_RECEIVER=slack" env -i PATH="$PATH" \
  ALERT_DEFAULT_RECEIVER=slack SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXX \
  SLACK_CHANNEL='#recs-alerts' bash "$src/infra/render.sh" "$slack"
check "amtool check-config (slack receiver)" amtool check-config "$slack/alertmanager.yml"
check "alerts route to slack" bash -c "
  test \"\$(amtool config routes test --config.file=$slack/alertmanager.yml \
    alertname=OffersStaleRatioHigh severity=warning 2>/dev/null)\" = slack"
check "the rendered Slack config is private (0600)" \
  test "$(stat -c %a "$slack/alertmanager.yml")" = 600
# The Slack title and text are Go templates that only Alertmanager's notifier parses: render
# them with amtool on its example data (syntax and functions checked).
sed -n "s/^ *title: '\(.*\)'\$/\1/p" "$slack/alertmanager.yml" >"$tmp/slack.title"
awk '/^ *text: >-/ { on = 1; next } on && /^          / { sub(/^ +/, ""); print; next } { on = 0 }' \
  "$slack/alertmanager.yml" >"$tmp/slack.text"
echo '{{ define "unused" }}{{ end }}' >"$tmp/empty.tmpl"
check "Slack title and text templates render" bash -c "
  test -s $tmp/slack.title && test -s $tmp/slack.text &&
  amtool template render --template.glob=$tmp/empty.tmpl \
    --template.text=\"\$(cat $tmp/slack.title)\" >/dev/null &&
  amtool template render --template.glob=$tmp/empty.tmpl \
    --template.text=\"\$(cat $tmp/slack.text)\" >/dev/null"

check "no webhook authorization without ALERT_WEBHOOK_TOKEN" bash -c "
  ! grep -q 'authorization:' $out/alertmanager.yml && ! grep -q 'token:' $out/alertmanager.yml"
token=$tmp/token
check "render.sh with ALERT_WEBHOOK_TOKEN" env -i PATH="$PATH" \
  ALERT_WEBHOOK_TOKEN=0123456789abcdef-Token ALERT_WEBHOOK_URL=http://recs.home.arpa:8080/alerts/alertmanager \
  bash "$src/infra/render.sh" "$token"
check "amtool check-config (webhook with a bearer token)" amtool check-config "$token/alertmanager.yml"
check "the webhook sends Authorization: Bearer <ALERT_WEBHOOK_TOKEN>" bash -c "
  grep -A3 'authorization:' $token/alertmanager.yml | grep -q 'type: Bearer' &&
  grep -q \"credentials: '0123456789abcdef-Token'\" $token/alertmanager.yml"
check "the rendered config with a token is private (0600)" \
  test "$(stat -c %a "$token/alertmanager.yml")" = 600

# --- thresholds from the environment, and refusals ------------------------------------------
custom=$tmp/custom
check "render.sh with custom thresholds" env -i PATH="$PATH" RECS_TARGET_P95_MS=400 \
  RECS_LATENCY_FOR_MIN=5 STALE_RATIO_WARN=0.5 ERROR_RATE_HIGH_10M=80 \
  RECS_SCRAPE_TARGET=recs.home.arpa:9000 RECS_SCRAPE_INTERVAL=5s \
  bash "$src/infra/render.sh" "$custom"
check "custom thresholds are in the rules" bash -c "grep -q '> 400\$' $custom/recs.rules.yml &&
  grep -q 'for: 5m' $custom/recs.rules.yml && grep -q '> 0.5\$' $custom/recs.rules.yml &&
  grep -q '> 80\$' $custom/recs.rules.yml && grep -q 'recs.home.arpa:9000' $custom/prometheus.yml"
check "promtool check config (custom, 5s scrape interval)" promtool check config "$custom/prometheus.yml"
fast=$tmp/fast
check "render.sh with the end-to-end test's values (for 0 minutes, 1s intervals)" env -i \
  PATH="$PATH" STALE_RATIO_WARN=0.01 STALE_RATIO_FOR_MIN=0 RECS_LATENCY_FOR_MIN=0 \
  ERROR_RATE_FOR_MIN=0 RECS_SCRAPE_INTERVAL=1s PROMETHEUS_EVALUATION_INTERVAL=1s \
  ALERT_GROUP_WAIT=1s ALERT_GROUP_INTERVAL=1s bash "$src/infra/render.sh" "$fast"
check "promtool check rules (for: 0m)" bash -c "promtool check rules $fast/recs.rules.yml &&
  test \$(grep -c 'for: 0m' $fast/recs.rules.yml) -eq 3 && grep -q '> 0.01\$' $fast/recs.rules.yml"
check "amtool check-config (1s group_wait)" amtool check-config "$fast/alertmanager.yml"
refuse() { env -i PATH="$PATH" "$@" bash "$src/infra/render.sh" "$tmp/refused"; }
check_fails "refuses RECS_TARGET_P95_MS=abc" refuse RECS_TARGET_P95_MS=abc
check_fails "refuses STALE_RATIO_WARN=30" refuse STALE_RATIO_WARN=30
check_fails "refuses RECS_LATENCY_FOR_MIN=1.5" refuse RECS_LATENCY_FOR_MIN=1.5
check_fails "refuses ALERT_DEFAULT_RECEIVER=slack without SLACK_WEBHOOK_URL" \
  refuse ALERT_DEFAULT_RECEIVER=slack
check_fails "refuses ALERT_DEFAULT_RECEIVER=teams" refuse ALERT_DEFAULT_RECEIVER=teams
check_fails "refuses a quote in ALERT_WEBHOOK_URL" refuse "ALERT_WEBHOOK_URL=http://x/'y"
check_fails "refuses a quote in ALERT_WEBHOOK_TOKEN" refuse "ALERT_WEBHOOK_TOKEN=abc'def"
check_fails "refuses STALE_RATIO_FOR_MIN=-1" refuse STALE_RATIO_FOR_MIN=-1
check_fails "refuses STALE_RATIO_FOR_MIN=05" refuse STALE_RATIO_FOR_MIN=05

# --- dashboard ------------------------------------------------------------------------------
dash=$src/infra/grafana/recs-dashboard.json
check "dashboard is valid JSON" jq -e . "$dash"
check "datasource is the \${DS_PROMETHEUS} input" jq -e '
  (.__inputs | any(.name == "DS_PROMETHEUS" and .type == "datasource"
                   and .pluginId == "prometheus")) and
  ([.panels[] | select(.type != "row") | .datasource.uid] | all(. == "${DS_PROMETHEUS}")) and
  ([.panels[] | .targets[]? | .datasource.uid] | all(. == "${DS_PROMETHEUS}"))' "$dash"
check "panel ids are unique" jq -e '[.panels[].id] | length == (unique | length)' "$dash"
dashboard_exprs >"$tmp/exprs"
check "spec's p95 latency panel query" grep -qxF \
  'histogram_quantile(0.95, sum(rate(recs_request_latency_ms_bucket[$__interval])) by (le))' \
  "$tmp/exprs"
check "spec's p90 stale ratio panel query" grep -qxF \
  'histogram_quantile(0.90, sum(rate(recs_stale_ratio_bucket[$__interval])) by (le))' \
  "$tmp/exprs"
# Every panel query parses as PromQL: as recording rules, with Grafana's variables replaced.
sed -e 's/\$__rate_interval/5m/g' -e 's/\$__interval/1m/g' -e 's/\$__range/6h/g' "$tmp/exprs" |
  jq -R -s '{groups: [{name: "dashboard", rules: [split("\n")[] | select(length > 0)
             | {record: "dashboard:query", expr: .}]}]}' >"$tmp/dashboard.rules.json"
check "every dashboard query is valid PromQL" promtool check rules "$tmp/dashboard.rules.json"

# --- metric names ---------------------------------------------------------------------------
catalogue >"$tmp/catalogue"
check "catalogue has the 15 metrics" test "$(wc -l <"$tmp/catalogue")" -eq 15
check "catalogue names follow metrics.hpp's rules (counters end in _total)" awk '
  $1 !~ /^[a-zA-Z_:][a-zA-Z0-9_:]*$/ { bad = 1; print "bad name: " $1 }
  $2 == "counter" && $1 !~ /_total$/ { bad = 1; print "counter without _total: " $1 }
  $2 !~ /^(counter|gauge|histogram)$/ { bad = 1; print "bad type: " $1 " " $2 }
  END { exit bad }' "$tmp/catalogue"
unknown=""
for name in $(used_names "$out/recs.rules.yml"); do
  [ -n "$(family_of "$name" "$tmp/catalogue")" ] || unknown="$unknown $name"
done
check "every metric in the rules and the dashboard is in the catalogue" test -z "$unknown"
[ -z "$unknown" ] || echo "# not in the catalogue:$unknown"

finish
