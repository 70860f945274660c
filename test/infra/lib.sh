# Shared by the infra tests (sourced, not run): TAP-like output, binary checks, the metric
# catalogue of infra/README.md and the metric families the rules and the dashboard query.
# Callers set `src` (the source tree) before sourcing and call `finish` at the end.

tap_n=0
tap_failed=0

ok() {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $1"
}

not_ok() {
  tap_n=$((tap_n + 1))
  tap_failed=$((tap_failed + 1))
  echo "not ok $tap_n - $1"
}

# Prints lines of text as TAP diagnostics ("# ...").
diag() { sed 's/^/#   /'; }

# check NAME CMD...: ok when CMD succeeds; its output becomes diagnostics when it fails.
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    ok "$name"
  else
    not_ok "$name"
    printf '%s\n' "$out" | diag
  fi
}

# check_fails NAME CMD...: ok when CMD fails (a refusal that is expected).
check_fails() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    not_ok "$name (it succeeded)"
    printf '%s\n' "$out" | diag
  else
    ok "$name"
  fi
}

# need BIN PACKAGE...: exits 77 (skipped) when a binary is missing.
need() {
  while [ $# -gt 0 ]; do
    if ! command -v "$1" >/dev/null 2>&1; then
      echo "1..0 # SKIP $1 not found (Debian package $2)"
      exit 77
    fi
    shift 2
  done
}

finish() {
  echo "1..$tap_n"
  if [ "$tap_failed" -gt 0 ]; then
    echo "# $tap_failed of $tap_n failed"
    exit 1
  fi
  exit 0
}

# render_defaults OUTDIR: infra/render.sh with every variable at its default (a clean env).
render_defaults() {
  env -i PATH="$PATH" bash "$src/infra/render.sh" "$1"
}

# The catalogue: "name type" per line, from the table rows of infra/README.md that start with
# "| `recs_".
catalogue() {
  sed -n 's/^| `\(recs_[A-Za-z0-9_:]*\)` | \([a-z]*\) |.*/\1 \2/p' "$src/infra/README.md"
}

# Every PromQL expression of the dashboard, one per line.
dashboard_exprs() {
  jq -r '[.. | objects | select(has("expr")) | .expr] | .[]' "$src/infra/grafana/recs-dashboard.json"
}

# used_names RULES_FILE: every recs_* name the rules and the dashboard mention, sorted.
used_names() {
  { dashboard_exprs; cat "$1"; } | grep -oE 'recs_[A-Za-z0-9_:]+' | sort -u
}

# family_of NAME CATALOGUE_FILE: the catalogue family a queried name belongs to (itself, or the
# histogram whose _bucket/_sum/_count series it is); nothing when there is none.
family_of() {
  local name=$1 cat=$2 base
  if awk -v n="$name" '$1 == n { found = 1 } END { exit !found }' "$cat"; then
    echo "$name"
    return
  fi
  base=$(printf '%s' "$name" | sed -E 's/_(bucket|sum|count)$//')
  [ "$base" != "$name" ] || return 0
  awk -v n="$base" '$1 == n && $2 == "histogram" { found = 1 } END { exit !found }' "$cat" &&
    echo "$base"
  return 0
}
