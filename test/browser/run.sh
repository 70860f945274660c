#!/usr/bin/env bash
# Browser tests of the web page: the real recs-server (dev mode, started by the integration
# tests' lib.sh on a free loopback port) and Debian's headless Chromium driven by playwright-core
# (ui_tests.js, admin_tests.js). Servers one after the other: one with
# FAMILY_STRONG_MIN_FIT=1.0 for the no_strong_pick banner, then one with the default settings
# on the same data dir (that group only looks, it rates nothing), to which a second household
# has been added meanwhile: the API cannot create one, so it goes into the stopped server's
# SQLite file (other@local.test with one profile, Solo) for the live-update tests' "another
# household hears nothing"; and the first show of Ross's slate gets a verified offer ending
# soon, as a sync would leave it; then a third one on the same data dir for the admin page
# (admin_tests.js, with the JustWatch sync on).
# Screenshots go to $PWD/browser-artifacts (under the CTest build dir when run by ctest).
# Usage: run.sh <recs-server binary> <source dir>
# Needs node, /usr/bin/chromium (or $CHROMIUM) and test/browser/node_modules: `make deps-test`.
source "$(dirname "$0")/../integration/lib.sh"

BROWSER_DIR="$RECS_SOURCE_DIR/test/browser"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export ARTIFACTS_DIR="$PWD/browser-artifacts"

# Missing prerequisites fail at once, with what to do.
missing=()
command -v node >/dev/null || missing+=("node (Debian package nodejs)")
command -v sqlite3 >/dev/null || missing+=("sqlite3 (Debian package sqlite3)")
[ -x "$CHROMIUM" ] || missing+=("$CHROMIUM (Debian package chromium)")
[ -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ] ||
  missing+=("playwright-core in $BROWSER_DIR/node_modules (test/browser/install_deps.sh)")
if [ ${#missing[@]} -gt 0 ]; then
  fail "browser test prerequisites" "${missing[@]/#/missing: }" "run \`make deps-test\` to install them"
  finish
fi

rm -rf "$ARTIFACTS_DIR"
mkdir -p "$ARTIFACTS_DIR"

# run_group GROUP [SCRIPT]: runs SCRIPT (default ui_tests.js) GROUP against BASE_URL; counts its
# tests into PASSED/FAILED.
run_group() {
  local out="$TEST_TMP/$1.out" summary
  (cd "$BROWSER_DIR" && BASE_URL=$BASE_URL OTHER_TOKEN=$OTHER_TOKEN LEAVING_SHOW=$LEAVING_SHOW \
    node "${2:-ui_tests.js}" "$1") 2>&1 |
    tee "$out"
  summary=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed$" "$out")
  if [ -z "$summary" ]; then
    fail "browser tests ($1) ran to the end"
    show_server_log
    return
  fi
  [[ "$summary" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]
  PASSED=$((PASSED + BASH_REMATCH[1]))
  FAILED=$((FAILED + BASH_REMATCH[2]))
  [ "${BASH_REMATCH[2]}" -eq 0 ] || show_server_log
}

OTHER_EMAIL=other@local.test
OTHER_TOKEN=devtoken:$OTHER_EMAIL
LEAVING_SHOW= # set after the first group

SERVER_EXTRA_ENV=(FAMILY_STRONG_MIN_FIT=1.0)
start_server
run_group no_strong_pick
# The show at the top of Ross's slate gets, below, an offer as a sync would leave it.
api GET '/recommendations?for=ross&limit=1'
LEAVING_SHOW=$(jqr '.[0].id // empty')
[ -n "$LEAVING_SHOW" ] || fail "Ross's slate has a first show" "status $API_STATUS"
stop_server

# The server reads its households and offers at start: change them while it is stopped. A
# second household (other@local.test, one profile); and LEAVING_SHOW's offers made verified
# (checked 3 days ago) and ending in 12 days.
if ! sqlite3 "$SERVER_DATA_DIR/recs.sqlite" "
  INSERT INTO households (name, owner_email, created_at)
    VALUES ('Other household', '$OTHER_EMAIL', CAST(strftime('%s', 'now') AS INTEGER));
  INSERT INTO profiles (household_id, name, maturity_cap)
    VALUES (last_insert_rowid(), 'Solo', 'R18+');
  INSERT INTO accounts (household_id, email, password_hash, role, created_at)
    SELECT id, owner_email, '', 'owner', created_at FROM households
    WHERE owner_email = '$OTHER_EMAIL';
  UPDATE offers SET inferred = 0, basis = 'checked on JustWatch AU',
      last_checked_ts = CAST(strftime('%s', 'now') AS INTEGER) - 3 * 86400,
      available_to = date('now', 'localtime', '+12 days')
    WHERE show_id = '$LEAVING_SHOW';"; then
  fail "a second household ($OTHER_EMAIL) and a leaving offer are added to $SERVER_DATA_DIR/recs.sqlite"
  finish
fi

SERVER_EXTRA_ENV=()
start_server "$SERVER_DATA_DIR"
run_group main
stop_server

# The admin page (admin_tests.js): other@local.test is not an admin. The JustWatch sync is on,
# so that it can be paused and resumed, pointed at a closed local port: nothing leaves the
# machine, and the tests start no run.
SERVER_EXTRA_ENV=(USE_REAL_JUSTWATCH=true "JUSTWATCH_URL=http://127.0.0.1:$(pick_free_port)/graphql")
start_server "$SERVER_DATA_DIR"
run_group admin admin_tests.js
stop_server

finish
