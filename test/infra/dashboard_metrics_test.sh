#!/usr/bin/env bash
# Checks that a Prometheus text exposition has every metric family the alert rules and the
# Grafana dashboard query, with the type of infra/README.md's catalogue:
#   test/infra/dashboard_metrics_test.sh SRC_DIR METRICS_FILE
# METRICS_FILE is e.g. `curl -s localhost:8080/metrics` output (or the hand-written fixture
# test/infra/fixtures/metrics_sample.txt). Families are found by their "# TYPE" line, so a
# freshly started server whose labelled families have no samples yet passes too. With promtool
# the file is also parsed and linted. TAP-like output; exit 1 on a failure, 77 without a tool.
set -u
src=${1:?usage: dashboard_metrics_test.sh SRC_DIR METRICS_FILE}
metrics=${2:?usage: dashboard_metrics_test.sh SRC_DIR METRICS_FILE}
# shellcheck source=test/infra/lib.sh
. "$(dirname "$0")/lib.sh"
need jq jq envsubst gettext-base

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check "metrics file is readable" test -r "$metrics"
check "render.sh renders the rules" render_defaults "$tmp/r"
catalogue >"$tmp/catalogue"
sed -n 's/^# TYPE \([^ ]*\) \([a-z]*\)$/\1 \2/p' "$metrics" >"$tmp/exposed"
check "the exposition declares metric families (# TYPE)" test -s "$tmp/exposed"

families=$(for name in $(used_names "$tmp/r/recs.rules.yml"); do
  f=$(family_of "$name" "$tmp/catalogue")
  if [ -n "$f" ]; then echo "$f"; else echo "unknown:$name"; fi
done | sort -u)
for f in $families; do
  case $f in
    unknown:*)
      not_ok "${f#unknown:} is queried but not in the catalogue"
      continue
      ;;
  esac
  want=$(awk -v n="$f" '$1 == n { print $2 }' "$tmp/catalogue")
  got=$(awk -v n="$f" '$1 == n { print $2 }' "$tmp/exposed")
  if [ -z "$got" ]; then
    not_ok "$f ($want) is exposed"
  elif [ "$got" != "$want" ]; then
    not_ok "$f is exposed as a $want (it is a $got)"
  else
    ok "$f ($want) is exposed"
  fi
done

missing=$(awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen) { print $1 }' "$tmp/exposed" \
  "$tmp/catalogue" | tr '\n' ' ')
[ -z "$missing" ] || echo "# catalogue families missing from the exposition: $missing"

if command -v promtool >/dev/null 2>&1; then
  # The spec names two metrics with "_ms"; promtool's lint dislikes abbreviated units. Any other
  # finding (or a parse error) fails.
  lint=$(promtool check metrics <"$metrics" 2>&1)
  rc=$?
  other=$(printf '%s\n' "$lint" | grep -v -e '^$' \
    -e '^recs_request_latency_ms metric names should not contain abbreviated units$' \
    -e '^recs_model_train_ms metric names should not contain abbreviated units$')
  if [ $rc -eq 0 ] || { [ $rc -eq 3 ] && [ -z "$other" ]; }; then
    ok "promtool check metrics (parses; only the spec's _ms names linted)"
  else
    not_ok "promtool check metrics"
    printf '%s\n' "$lint" | diag
  fi
else
  echo "# promtool not found: exposition not parsed"
fi

finish
