#!/usr/bin/env bash
# Renders the Prometheus config, the alert rules and the Alertmanager config into OUTDIR:
#   infra/render.sh OUTDIR
# Every variable below may be set in the environment; unset or empty ones get the default.
# envsubst is given the explicit list of these variables, so the Go templates of the rules and
# of Alertmanager ({{ $value }}, {{ $labels.route }}, {{ .CommonLabels }}) are left untouched.
set -euo pipefail

die() {
  echo "render.sh: $*" >&2
  exit 2
}

[ $# -eq 1 ] || die "usage: render.sh OUTDIR"
out=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v envsubst >/dev/null || die "envsubst not found (Debian package gettext-base)"

# Alert thresholds (names and defaults from the product spec).
: "${RECS_TARGET_P95_MS:=250}"
: "${RECS_LATENCY_FOR_MIN:=10}"
: "${STALE_RATIO_WARN:=0.30}"
: "${STALE_RATIO_FOR_MIN:=20}"
: "${ERROR_RATE_HIGH_10M:=50}"
: "${ERROR_RATE_FOR_MIN:=10}"
# Prometheus.
: "${RECS_SCRAPE_TARGET:=localhost:8080}"
: "${RECS_METRICS_PATH:=/metrics}"
: "${RECS_SCRAPE_INTERVAL:=15s}"
: "${PROMETHEUS_EVALUATION_INTERVAL:=15s}"
: "${ALERTMANAGER_TARGET:=localhost:9093}"
# Alertmanager.
: "${ALERT_DEFAULT_RECEIVER:=default}"
: "${ALERT_WEBHOOK_URL:=http://localhost:8080/alerts/alertmanager}"
: "${ALERT_WEBHOOK_TOKEN:=}"
: "${SLACK_WEBHOOK_URL:=}"
: "${SLACK_CHANNEL:=#alerts}"
: "${ALERT_GROUP_WAIT:=30s}"
: "${ALERT_GROUP_INTERVAL:=5m}"
: "${ALERT_REPEAT_INTERVAL:=4h}"

number='^[0-9]+([.][0-9]+)?$'
url='^https?://[^[:space:]"'"'"'\\]+$'
# 0 minutes: an alert fires at the first evaluation that sees it (end-to-end tests).
minutes='^(0|[1-9][0-9]*)$'
duration='^[1-9][0-9]*(ms|s|m|h|d)$'
check() { [[ $2 =~ $3 ]] || die "$1='$2' is not $4"; }
check RECS_TARGET_P95_MS "$RECS_TARGET_P95_MS" "$number" "a number of milliseconds"
check RECS_LATENCY_FOR_MIN "$RECS_LATENCY_FOR_MIN" "$minutes" "a whole number of minutes"
check STALE_RATIO_WARN "$STALE_RATIO_WARN" "$number" "a ratio between 0 and 1"
awk -v r="$STALE_RATIO_WARN" 'BEGIN { exit !(r > 0 && r < 1) }' ||
  die "STALE_RATIO_WARN='$STALE_RATIO_WARN' is not a ratio between 0 and 1"
check STALE_RATIO_FOR_MIN "$STALE_RATIO_FOR_MIN" "$minutes" "a whole number of minutes"
check ERROR_RATE_HIGH_10M "$ERROR_RATE_HIGH_10M" "$number" "a number of errors"
check ERROR_RATE_FOR_MIN "$ERROR_RATE_FOR_MIN" "$minutes" "a whole number of minutes"
check RECS_SCRAPE_TARGET "$RECS_SCRAPE_TARGET" '^[A-Za-z0-9._-]+:[0-9]+$' "host:port"
check ALERTMANAGER_TARGET "$ALERTMANAGER_TARGET" '^[A-Za-z0-9._-]+:[0-9]+$' "host:port"
check RECS_METRICS_PATH "$RECS_METRICS_PATH" '^/[^[:space:]]*$' "a path starting with /"
check RECS_SCRAPE_INTERVAL "$RECS_SCRAPE_INTERVAL" "$duration" "a duration such as 15s"
check PROMETHEUS_EVALUATION_INTERVAL "$PROMETHEUS_EVALUATION_INTERVAL" "$duration" \
  "a duration such as 15s"
check ALERT_GROUP_WAIT "$ALERT_GROUP_WAIT" "$duration" "a duration such as 30s"
check ALERT_GROUP_INTERVAL "$ALERT_GROUP_INTERVAL" "$duration" "a duration such as 5m"
check ALERT_REPEAT_INTERVAL "$ALERT_REPEAT_INTERVAL" "$duration" "a duration such as 4h"
check ALERT_WEBHOOK_URL "$ALERT_WEBHOOK_URL" "$url" "an http(s) URL without quotes"
case "$ALERT_DEFAULT_RECEIVER" in
  default) ;;
  slack) [ -n "$SLACK_WEBHOOK_URL" ] || die "ALERT_DEFAULT_RECEIVER=slack needs SLACK_WEBHOOK_URL" ;;
  *) die "ALERT_DEFAULT_RECEIVER='$ALERT_DEFAULT_RECEIVER' is not 'default' or 'slack'" ;;
esac
if [ -n "$SLACK_WEBHOOK_URL" ]; then
  check SLACK_WEBHOOK_URL "$SLACK_WEBHOOK_URL" "$url" "an http(s) URL without quotes"
fi
# The service accepts any visible ASCII; here the token also goes into YAML quotes.
if [ -n "$ALERT_WEBHOOK_TOKEN" ] && [[ ! $ALERT_WEBHOOK_TOKEN =~ ^[A-Za-z0-9._~+/=-]+$ ]]; then
  die "ALERT_WEBHOOK_TOKEN is not made of letters, digits and . _ ~ + / = - (value not shown)"
fi
# Only these are substituted, and they are single-line values without quotes, so they cannot
# break the YAML structure (checked above; SLACK_CHANNEL is checked here).
check SLACK_CHANNEL "$SLACK_CHANNEL" '^[#@]?[A-Za-z0-9._-]+$' "a Slack channel such as #alerts"

export RECS_TARGET_P95_MS RECS_LATENCY_FOR_MIN STALE_RATIO_WARN STALE_RATIO_FOR_MIN \
  ERROR_RATE_HIGH_10M ERROR_RATE_FOR_MIN RECS_SCRAPE_TARGET RECS_METRICS_PATH \
  RECS_SCRAPE_INTERVAL PROMETHEUS_EVALUATION_INTERVAL ALERTMANAGER_TARGET \
  ALERT_DEFAULT_RECEIVER ALERT_WEBHOOK_URL ALERT_WEBHOOK_TOKEN SLACK_WEBHOOK_URL SLACK_CHANNEL \
  ALERT_GROUP_WAIT ALERT_GROUP_INTERVAL ALERT_REPEAT_INTERVAL
vars='${RECS_TARGET_P95_MS} ${RECS_LATENCY_FOR_MIN} ${STALE_RATIO_WARN} ${STALE_RATIO_FOR_MIN}
${ERROR_RATE_HIGH_10M} ${ERROR_RATE_FOR_MIN} ${RECS_SCRAPE_TARGET} ${RECS_METRICS_PATH}
${RECS_SCRAPE_INTERVAL} ${PROMETHEUS_EVALUATION_INTERVAL} ${ALERTMANAGER_TARGET}
${ALERT_DEFAULT_RECEIVER} ${ALERT_WEBHOOK_URL} ${ALERT_WEBHOOK_TOKEN} ${SLACK_WEBHOOK_URL}
${SLACK_CHANNEL}
${ALERT_GROUP_WAIT} ${ALERT_GROUP_INTERVAL} ${ALERT_REPEAT_INTERVAL}'

mkdir -p "$out"
# Written to a temporary name and renamed, so a running Prometheus never reads half a file.
render() {
  envsubst "$vars" <"$1" >"$2.tmp"
  mv "$2.tmp" "$2"
}
render "$here/prometheus/prometheus.yml.tmpl" "$out/prometheus.yml"
render "$here/alerts/recs.rules.yml.tmpl" "$out/recs.rules.yml"
# The Slack receiver needs a URL (Alertmanager refuses a Slack receiver without one), so its
# block (between "# slack:begin" and "# slack:end") is kept only when SLACK_WEBHOOK_URL is set;
# the webhook's authorization (between "# token:begin" and "# token:end") only when
# ALERT_WEBHOOK_TOKEN is.
keep_or_drop() { # NAME VALUE: the sed expressions that keep or drop the block NAME
  if [ -n "$2" ]; then
    printf '%s\n' "-e" "/# $1:begin/d" "-e" "/# $1:end/d"
  else
    printf '%s\n' "-e" "/# $1:begin/,/# $1:end/d"
  fi
}
mapfile -t blocks < <(keep_or_drop slack "$SLACK_WEBHOOK_URL"; keep_or_drop token "$ALERT_WEBHOOK_TOKEN")
# Created private when it will hold a secret, so that it is never readable by others, even briefly.
rm -f "$out/alertmanager.yml.tmp"
if [ -n "$SLACK_WEBHOOK_URL$ALERT_WEBHOOK_TOKEN" ]; then
  (umask 077 && : >"$out/alertmanager.yml.tmp")
fi
sed "${blocks[@]}" "$here/alertmanager/alertmanager.yml.tmpl" | envsubst "$vars" \
  >>"$out/alertmanager.yml.tmp"
# A Slack webhook URL and the webhook token are secrets: then the rendered config is private to
# its owner (render as the user that runs Alertmanager, or chown it).
[ -z "$SLACK_WEBHOOK_URL$ALERT_WEBHOOK_TOKEN" ] || chmod 600 "$out/alertmanager.yml.tmp"
mv "$out/alertmanager.yml.tmp" "$out/alertmanager.yml"
echo "rendered prometheus.yml, recs.rules.yml, alertmanager.yml into $out"
