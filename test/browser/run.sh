#!/usr/bin/env bash
# Browser tests of the web page: the real recs-server (started by the integration tests' lib.sh
# on a free loopback port) and Debian's headless Chromium driven by playwright-core
# (ui_tests.js, admin_tests.js). The pages sign in with the session cookie (the demo household's
# owner, demo@local.test, with the dev-mode password). Servers one after the other:
#  1. dev mode with FAMILY_STRONG_MIN_FIT=1.0, for the no_strong_pick banner;
#  2. dev mode with the default settings on the same data dir, but HOUSEHOLD_WEBHOOKS=lan (so
#     that a household's webhook may be the test's own http listener on 127.0.0.1): groups main,
#     then accounts (signing in, invites, settings), then webhook (the settings' "Alerts to your
#     chat"), then taste (search, a show's page, the ratings and
#     imports, the watchlists, a card's feedback; it rates and imports, so it comes after those),
#     then inbox (the header's unread count, the inbox page, marking alerts read), then
#     onboarding (a new profile's "Tell us what you've watched"; its profiles are deleted after).
#     Before it, while the server is stopped, the first show of Ross's slate gets a verified
#     offer ending soon in its SQLite file, as a sync would leave it, and the demo household's
#     inbox gets three watchlist alerts (two unread) as a sync would make them; once it runs, a
#     second household is made through the API (POST /admin/households as the demo admin, then
#     its owner accepts the invite with a password: other@local.test, one profile renamed Solo)
#     for the live-update tests' "another household hears nothing";
#  3. dev mode on the same data dir for the admin page (admin_tests.js, the JustWatch sync on);
#  4. not in dev mode, on an empty data dir, sign-up open: the first-run setup and sign-up
#     (group setup).
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
  (cd "$BROWSER_DIR" && BASE_URL=$BASE_URL OTHER_EMAIL=$OTHER_EMAIL \
    OTHER_PASSWORD=$OTHER_PASSWORD OTHER_TOKEN=$OTHER_TOKEN LEAVING_SHOW=$LEAVING_SHOW \
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
OTHER_PASSWORD=other-household-password
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

# The server reads its offers at start: change them while it is stopped. LEAVING_SHOW's offers
# made verified (checked 3 days ago) and ending in 12 days.
if ! sqlite3 "$SERVER_DATA_DIR/recs.sqlite" "
  UPDATE offers SET inferred = 0, basis = 'checked on JustWatch AU',
      last_checked_ts = CAST(strftime('%s', 'now') AS INTEGER) - 3 * 86400,
      available_to = date('now', 'localtime', '+12 days')
    WHERE show_id = '$LEAVING_SHOW';"; then
  fail "a leaving offer is set in $SERVER_DATA_DIR/recs.sqlite"
  finish
fi

# The demo household's inbox (the table of migration v9), as a JustWatch sync would fill it; the
# browser suite cannot drive a sync. Newest first: Slow Horses arrived 2 hours ago (unread),
# Breaking Bad is leaving, said 26 hours ago (unread), The Wire arrived 5 days ago (read).
# ui_tests.js (group inbox) expects exactly these.
DEMO_HOUSEHOLD=$(sqlite3 "$SERVER_DATA_DIR/recs.sqlite" \
  "SELECT id FROM households WHERE lower(owner_email) = 'demo@local.test';")
if [ -z "$DEMO_HOUSEHOLD" ] || ! sqlite3 "$SERVER_DATA_DIR/recs.sqlite" "
  INSERT INTO inbox (household_id, show_id, event, detail, text, ts, is_read) VALUES
    ($DEMO_HOUSEHOLD, 'tt5875444', 'arrived', 'appletv', 'Slow Horses is now on Apple TV+',
     CAST(strftime('%s', 'now') AS INTEGER) - 2 * 3600, 0),
    ($DEMO_HOUSEHOLD, 'tt0903747', 'leaving', 'netflix:2099-04-30',
     'Breaking Bad is leaving Netflix on 30 Apr',
     CAST(strftime('%s', 'now') AS INTEGER) - 26 * 3600, 0),
    ($DEMO_HOUSEHOLD, 'tt0306414', 'arrived', 'binge', 'The Wire is now on Binge',
     CAST(strftime('%s', 'now') AS INTEGER) - 5 * 86400, 1);"; then
  fail "the demo household's inbox is filled in $SERVER_DATA_DIR/recs.sqlite" \
    "household id: '$DEMO_HOUSEHOLD'"
  finish
fi

# make_other_household: a second household through the API, as a deployment admin makes one:
# POST /admin/households (an owner invite for OTHER_EMAIL), the owner accepts it with a password
# (no Origin header: a script), and renames its one profile Solo.
make_other_household() {
  local code solo
  api POST /admin/households "{\"name\":\"Other household\",\"email\":\"$OTHER_EMAIL\"}"
  code=$(jqr '.code // empty')
  [ "$API_STATUS" = 201 ] && [ -n "$code" ] ||
    { fail "POST /admin/households makes the other household" "HTTP $API_STATUS $API_BODY"; return 1; }
  api_as "" POST /auth/accept-invite \
    "{\"code\":\"$code\",\"email\":\"$OTHER_EMAIL\",\"password\":\"$OTHER_PASSWORD\"}"
  [ "$API_STATUS" = 201 ] ||
    { fail "its owner accepts the invite" "HTTP $API_STATUS $API_BODY"; return 1; }
  solo=$(jqr '.profiles[0].id // empty')
  api_as "$OTHER_TOKEN" PATCH "/me/profiles/$solo" '{"name":"Solo"}'
  [ "$API_STATUS" = 200 ] ||
    { fail "its profile is renamed Solo" "HTTP $API_STATUS $API_BODY"; return 1; }
}

SERVER_EXTRA_ENV=(HOUSEHOLD_WEBHOOKS=lan)
start_server "$SERVER_DATA_DIR"
make_other_household || finish
run_group main
run_group accounts
run_group webhook
run_group taste
run_group inbox
run_group onboarding
stop_server

# The admin page (admin_tests.js): other@local.test is not an admin. The JustWatch sync is on,
# so that it can be paused and resumed, pointed at a closed local port: nothing leaves the
# machine, and the tests start no run.
SERVER_EXTRA_ENV=(USE_REAL_JUSTWATCH=true "JUSTWATCH_URL=http://127.0.0.1:$(pick_free_port)/graphql")
start_server "$SERVER_DATA_DIR"
run_group admin admin_tests.js
stop_server

# The first run: not in dev mode (no demo household, no dev tokens), an empty data dir; sign-up
# open.
# SERVER_DEV_MODE=false leaves DEV_MODE unset; DEV_MODE=false says the same to a lib.sh that
# sets DEV_MODE=true regardless.
SERVER_DEV_MODE=false
SERVER_EXTRA_ENV=(DEV_MODE=false BIND_ADDRESS=127.0.0.1 SIGNUP_OPEN=true)
start_server
run_group setup
stop_server
SERVER_DEV_MODE=true

finish
