#!/usr/bin/env bash
# Accounts end to end (issue 15) against the real recs-server outside dev mode, on SQLite or on a
# throwaway PostgreSQL (test/support/pg_server.sh); the same checks on both:
#  1. the first run (GET /auth/state, POST /auth/setup once, the session cookie's attributes,
#     Secure with SESSION_COOKIE_SECURE=true after a restart);
#  2. signing in: one answer for a wrong password and an unknown email, the throttle per email
#     and per client address (SIGNIN_FREE_FAILURES=2, SIGNIN_MAX_WAIT_S=3; the loopback is a
#     trusted proxy so that X-Forwarded-For gives each phase a client address of its own);
#  3. CSRF of cookie sessions (X-CSRF-Token, Origin), and of the sign-in forms;
#  4. API tokens: shown once, scopes, no tokens from tokens, admin scope, revocation;
#  5. the end of sessions: logout, logout-all, expiry and idleness written in the database;
#  6. invites and members; 7. a household made by the admin, sign-up closed;
#  8. the isolation walk: every route of GET /openapi.json called by household B (session with
#     its CSRF token, and a write token) on household A's ids, and with no credential; the
#     same calls on B's own ids as a control; /ws likewise; A's data identical before and after;
#  9. the export (JSON, CSV) and the deletion of A: no row of A left in any table.
#
#   accounts.sh <recs-server> <source dir> <recs-ws-probe> sqlite|postgresql
# Needs curl, jq, sqlite3 and psql, and the PostgreSQL server binaries for postgresql
# (make deps-test).

WS_PROBE=${3:-}
BACKEND=${4:-sqlite}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

[ -x "$WS_PROBE" ] || { echo "usage: $0 <recs-server> <source dir> <recs-ws-probe> sqlite|postgresql" >&2; exit 2; }
case "$BACKEND" in
  sqlite) command -v sqlite3 >/dev/null || { echo "missing tool: sqlite3" >&2; exit 2; } ;;
  postgresql) command -v psql >/dev/null || { echo "missing tool: psql" >&2; exit 2; } ;;
  *) echo "unknown backend: $BACKEND" >&2; exit 2 ;;
esac
command -v sha256sum >/dev/null || { echo "missing tool: sha256sum" >&2; exit 2; }

PG_SCRIPT="$RECS_SOURCE_DIR/test/support/pg_server.sh"
PG_DIR="$TEST_TMP/pg"
PG_CONNINFO=""

_accounts_cleanup() {
  [ -d "$PG_DIR" ] && bash "$PG_SCRIPT" stop "$PG_DIR" >/dev/null 2>&1
  _lib_cleanup
}
trap _accounts_cleanup EXIT

PASSWORD_A="correct horse battery A"
PASSWORD_M="member horse battery M"
PASSWORD_B="other horse battery B"
EMAIL_A=a@home.test
EMAIL_B=b@other.test

# --- HTTP with cookies, CSRF, Origin, X-Forwarded-For ----------------------------------------

# call [-s SESSION] [-x CSRF] [-t TOKEN] [-o ORIGIN] [-f CLIENT_ADDRESS] METHOD PATH [BODY]:
# sets API_STATUS and API_BODY (the answer's headers: headers, header). The session id goes in a
# Cookie header of its own: no cookie jar, so that the Secure attribute does not matter here.
call() {
  local sid="" csrf="" token="" origin="" xff=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -s) sid=$2; shift 2 ;;
      -x) csrf=$2; shift 2 ;;
      -t) token=$2; shift 2 ;;
      -o) origin=$2; shift 2 ;;
      -f) xff=$2; shift 2 ;;
      *) break ;;
    esac
  done
  REQUEST_ARGS=(-D "$TEST_TMP/headers" -X "$1")
  [ -n "$sid" ] && REQUEST_ARGS+=(-H "Cookie: recs_session=$sid")
  [ -n "$csrf" ] && REQUEST_ARGS+=(-H "X-CSRF-Token: $csrf")
  [ -n "$token" ] && REQUEST_ARGS+=(-H "Authorization: Bearer $token")
  [ -n "$origin" ] && REQUEST_ARGS+=(-H "Origin: $origin")
  [ -n "$xff" ] && REQUEST_ARGS+=(-H "X-Forwarded-For: $xff")
  : >"$TEST_TMP/headers"
  send_request "$2" ${3+"$3"}
}

# headers: the answer's headers, names in lower case, without CR.
headers() {
  tr -d '\r' <"$TEST_TMP/headers" | sed 's/^\([^:]*\):/\L\1:/'
}

# header NAME: the value of that answer header (the first one), empty when absent.
header() {
  headers | sed -n "s/^$1: //p" | head -n 1
}

# The session id of the answer's Set-Cookie, empty when none.
cookie_sid() {
  header set-cookie | sed -n 's/^recs_session=\([^;]*\).*/\1/p'
}

# signin EMAIL PASSWORD [CLIENT_ADDRESS]: POST /auth/login; on 200 sets SID and CSRF.
signin() {
  local xff=${3:-}
  SID="" CSRF=""
  call ${xff:+-f "$xff"} POST /auth/login \
    "$(jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}')"
  if [ "$API_STATUS" = 200 ]; then
    SID=$(cookie_sid)
    CSRF=$(jqr .csrf)
  fi
}

# fail_then_signin EMAIL WRONG_PASSWORD CLIENT_ADDRESS RIGHT_PASSWORD CLIENT_ADDRESS2: a failed
# sign-in and, right after it in the same curl (the wait is at most 3 s: a loaded machine's slow
# Argon2 verifies must not outlast it), the right password from CLIENT_ADDRESS2. FIRST_STATUS and FIRST_BODY: the first
# answer; API_STATUS, API_BODY and the headers: the second.
fail_then_signin() {
  local codes
  codes=$(curl -s --max-time 30 -H 'Content-Type: application/json' -H "X-Forwarded-For: $3" \
    --data-binary "$(jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}')" \
    -o "$TEST_TMP/body1" -w '%{http_code}\n' "$BASE_URL/auth/login" \
    --next -s --max-time 30 -H 'Content-Type: application/json' -H "X-Forwarded-For: $5" \
    --data-binary "$(jq -nc --arg e "$1" --arg p "$4" '{email: $e, password: $p}')" \
    -D "$TEST_TMP/headers" -o "$TEST_TMP/body" -w '%{http_code}\n' "$BASE_URL/auth/login")
  FIRST_STATUS=$(head -n 1 <<<"$codes")
  API_STATUS=$(sed -n 2p <<<"$codes")
  [ -n "$API_STATUS" ] || API_STATUS=000
  FIRST_BODY=$(<"$TEST_TMP/body1")
  API_BODY=$(<"$TEST_TMP/body")
}

own_origin() { echo "http://127.0.0.1:$SERVER_PORT"; }

# --- the database behind the server ------------------------------------------------------------

# dbq SQL: runs SQL on the server's database; prints the rows, fields separated by '|'.
dbq() {
  if [ "$BACKEND" = sqlite ]; then
    sqlite3 -batch -noheader -cmd ".timeout 5000" "$SERVER_DATA_DIR/recs.sqlite" "$1"
  else
    psql -XAtq -v ON_ERROR_STOP=1 "$PG_CONNINFO" -c "$1"
  fi
}

db_tables() {
  if [ "$BACKEND" = sqlite ]; then
    dbq "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
  else
    dbq "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
         AND table_type = 'BASE TABLE' ORDER BY table_name"
  fi
}

db_columns() { # TABLE
  if [ "$BACKEND" = sqlite ]; then
    dbq "SELECT name FROM pragma_table_info('$1')"
  else
    dbq "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()
         AND table_name = '$1'"
  fi
}

# table_counts: "table rows" per line, every table.
table_counts() {
  local t
  for t in $(db_tables); do echo "$t $(dbq "SELECT COUNT(*) FROM $t")"; done
}

# --- start ------------------------------------------------------------------------------------

# Outside dev mode (no demo household, no dev tokens); A's owner is the deployment admin. The
# loopback is a trusted proxy with no sign-in header: only X-Forwarded-For is read from it (the
# client address of the throttle).
SERVER_DEV_MODE=false
BASE_ENV=(BIND_ADDRESS=127.0.0.1 "ADMIN_EMAILS=$EMAIL_A" SIGNIN_FREE_FAILURES=2 SIGNIN_MAX_WAIT_S=3
  AUTH_PROXY_TRUSTED=127.0.0.1)
if [ "$BACKEND" = postgresql ]; then
  start_throwaway_pg "$PG_SCRIPT" "$PG_DIR"
  BASE_ENV+=("DATABASE_URL=$PG_CONNINFO")
fi
SERVER_EXTRA_ENV=("${BASE_ENV[@]}")
start_server
if grep -q "storage: $BACKEND" "$SERVER_LOG"; then
  ok "the server stores in $BACKEND"
else
  fail "the server stores in $BACKEND" "$(head -n 3 "$SERVER_LOG")"
  finish
fi
BASELINE=$(table_counts)
[ -n "$BASELINE" ] || { fail "the database's tables can be read" "backend $BACKEND"; finish; }

# =============================================================================================
# 1. The first run
# =============================================================================================

call GET /auth/state
check_jq "first run: GET /auth/state says set_up false, dev_mode false" \
  '.set_up == false and .dev_mode == false and .signup_open == false'
call -f 10.0.0.9 POST /auth/setup \
  '{"household":"Home","email":"a@home.test","password":"short","profiles":[{"name":"Ross"}]}'
check_error "setup with a 5-byte password -> 400" 400 bad_request
call GET /auth/state
check_jq "a refused setup sets nothing up" '.set_up == false'

SETUP_BODY=$(jq -nc --arg e "$EMAIL_A" --arg p "$PASSWORD_A" \
  '{household: "Home", email: $e, password: $p,
    profiles: [{name: "Ross"}, {name: "Son", kid: true}], services: ["netflix", "stan"]}')
call POST /auth/setup "$SETUP_BODY"
check_status "POST /auth/setup -> 201" 201
SETUP_COOKIE=$(header set-cookie)
A_SID=$(cookie_sid)
A_CSRF=$(jqr .csrf)
A_HH=$(jqr .household.id)
A_OWNER=$(jqr .account_id)
A_ROSS=$(jqr '.profiles[] | select(.name == "Ross") | .id')
A_SON=$(jqr '.profiles[] | select(.name == "Son") | .id')
check_jq "the setup answer is the signed-in owner with a csrf token and both profiles" \
  '.email == "a@home.test" and .role == "owner" and .via == "session" and (.csrf | length > 10)
   and ([.profiles[] | {name, kid, maturity_cap}] ==
        [{name: "Ross", kid: false, maturity_cap: "R18+"}, {name: "Son", kid: true, maturity_cap: "PG"}])
   and .household.name == "Home" and (.household.services | sort) == ["netflix", "stan"]'
[[ -n "$A_SID" && -n "$A_CSRF" && "$A_HH" =~ ^[0-9]+$ && "$A_ROSS" =~ ^[0-9]+$ ]] || {
  fail "setup gives a session, a csrf token and profile ids" "cookie: $SETUP_COOKIE" "$(_short_body)"
  finish
}
for attr in "HttpOnly" "SameSite=Lax" "Path=/" "Max-Age=2592000"; do # SESSION_MAX_DAYS 30
  if [[ "$SETUP_COOKIE" =~ \;\ $attr(\;|$) ]]; then ok "the session cookie has $attr"; else
    fail "the session cookie has $attr" "Set-Cookie: $SETUP_COOKIE"; fi
done
if [[ "$SETUP_COOKIE" == *Secure* ]]; then fail "no Secure by default" "Set-Cookie: $SETUP_COOKIE"
else ok "the session cookie has no Secure by default"; fi
check_eq "the setup answer has Cache-Control: no-store" "no-store" "$(header cache-control)"
call GET /auth/state
check_jq "after setup GET /auth/state says set_up true" '.set_up == true'
call -s "$A_SID" GET /me
check_jq "GET /me with the setup cookie: the owner, an admin (ADMIN_EMAILS)" \
  '.email == "a@home.test" and .admin == true and .via == "session"'

COUNTS_BEFORE=$(dbq "SELECT (SELECT COUNT(*) FROM households), (SELECT COUNT(*) FROM accounts),
                            (SELECT COUNT(*) FROM profiles)")
call -f 10.0.0.9 POST /auth/setup \
  "$(jq -nc --arg p "$PASSWORD_A" '{household: "Second", email: "second@elsewhere.test",
     password: $p, profiles: [{name: "Intruder"}]}')"
check_error "a second setup -> 400" 400 bad_request
check_eq "a second setup creates no household, account or profile" "$COUNTS_BEFORE" \
  "$(dbq "SELECT (SELECT COUNT(*) FROM households), (SELECT COUNT(*) FROM accounts),
                 (SELECT COUNT(*) FROM profiles)")"
signin second@elsewhere.test "$PASSWORD_A" 10.0.0.9
check_error "the second setup's email cannot sign in" 401 unauthorized

# SESSION_COOKIE_SECURE=true on a restart: sessions survive it, new cookies are Secure.
stop_server
SERVER_EXTRA_ENV=("${BASE_ENV[@]}" SESSION_COOKIE_SECURE=true)
start_server "$SERVER_DATA_DIR"
call -s "$A_SID" GET /me
check_status "the setup's session still works after a restart" 200
signin "$EMAIL_A" "$PASSWORD_A"
check_status "sign-in with SESSION_COOKIE_SECURE=true" 200
if [[ "$(header set-cookie)" =~ \;\ Secure(\;|$) ]]; then ok "with SESSION_COOKIE_SECURE=true the cookie has Secure"
else fail "with SESSION_COOKIE_SECURE=true the cookie has Secure" "Set-Cookie: $(header set-cookie)"; fi
stop_server

# recs-server --set-password EMAIL (README): a new password from standard input, the account's
# sessions signed out; refused for a short password and an unknown email.
set_password() { # EMAIL PASSWORD: sets SP_RC and SP_OUT
  SP_OUT=$(cd "$RECS_SOURCE_DIR" && printf '%s\n' "$2" |
    env -u DEV_MODE DATA_DIR="$SERVER_DATA_DIR" "${BASE_ENV[@]}" "$RECS_SERVER_BIN" \
      --set-password "$1" 2>&1)
  SP_RC=$?
}
set_password "$EMAIL_A" "short"
if [ "$SP_RC" -ne 0 ] && [[ "$SP_OUT" == *"at least 10"* ]]; then ok "--set-password refuses a short password"
else fail "--set-password refuses a short password" "exit $SP_RC: $SP_OUT"; fi
set_password nobody@home.test "new horse battery A"
if [ "$SP_RC" -ne 0 ] && [[ "$SP_OUT" == *"no account has the email nobody@home.test"* ]]; then
  ok "--set-password refuses an unknown email"
else fail "--set-password refuses an unknown email" "exit $SP_RC: $SP_OUT"; fi
set_password "$EMAIL_A" "new horse battery A"
if [ "$SP_RC" -eq 0 ] && [[ "$SP_OUT" =~ password\ set\ for\ a@home.test\;\ [1-9][0-9]*\ sessions?\ signed\ out ]]; then
  ok "--set-password sets A's password and signs out its sessions"
else fail "--set-password sets A's password and signs out its sessions" "exit $SP_RC: $SP_OUT"; fi
SERVER_EXTRA_ENV=("${BASE_ENV[@]}")
start_server "$SERVER_DATA_DIR"
call -s "$A_SID" GET /me
check_error "after --set-password A's old session -> 401" 401 unauthorized
signin "$EMAIL_A" "$PASSWORD_A" 10.0.0.7
check_error "after --set-password the old password -> 401" 401 unauthorized
signin "$EMAIL_A" "new horse battery A" 10.0.0.7
check_status "after --set-password the new password signs in" 200
stop_server
set_password "$EMAIL_A" "$PASSWORD_A" # back, for what follows
start_server "$SERVER_DATA_DIR"
signin "$EMAIL_A" "$PASSWORD_A" 10.0.0.7
check_status "A signs in again with the first password" 200
A_SID=$SID
A_CSRF=$CSRF

# A's distinctive data, the markers of the isolation walk: a profile "Zelda-A" with a rating, a
# tag and a note, a family watch; every A email ends in @home.test.
call -s "$A_SID" -x "$A_CSRF" POST /me/profiles '{"name":"Zelda-A"}'
check_status "the owner creates the profile Zelda-A" 201
A_ZELDA=$(jqr .id)
mapfile -t SHOWS < <(jq -r .id "$RECS_SOURCE_DIR/data/catalog.jsonl" | head -n 20)
[ "${#SHOWS[@]}" -ge 10 ] || { fail "the catalog has shows" "${#SHOWS[@]}"; finish; }
RATED_SHOW=${SHOWS[0]}

# =============================================================================================
# 2. Signing in and the throttle
# =============================================================================================

signin "$EMAIL_A" "wrong horse battery" 10.0.1.1
WRONG_PW="$API_STATUS $API_BODY"
check_error "wrong password -> 401" 401 unauthorized
signin nobody@home.test "$PASSWORD_A" 10.0.1.2
check_error "unknown email -> 401" 401 unauthorized
check_eq "wrong password and unknown email: the same status and body" "$WRONG_PW" "$API_STATUS $API_BODY"
signin "$EMAIL_A" "$PASSWORD_A" 10.0.1.3
check_status "the right password signs in" 200
check_ne "signing in sets a new session cookie" "$A_SID" "${SID:-$A_SID}"
check_eq "the sign-in answer has Cache-Control: no-store" "no-store" "$(header cache-control)"
A_SID2=$SID
A_CSRF2=$CSRF
call -s "$A_SID2" GET /me
check_jq "the new session is A's owner" --argjson hh "$A_HH" '.household.id == $hh and .role == "owner"'

# The throttle, SIGNIN_FREE_FAILURES=2. docs/api.md: "After SIGNIN_FREE_FAILURES failures, the
# next attempt must wait". Each key is checked first with a wrong password (a success would clear
# the counts), then with the right one after one more failure, which waits either way.
# Per client address: failures on unknown emails (one each per email) from 10.0.2.1.
signin x1@elsewhere.test "wrong horse battery" 10.0.2.1
signin x2@elsewhere.test "wrong horse battery" 10.0.2.1
check_error "second failure from 10.0.2.1 -> 401" 401 unauthorized
# x3's failure, then at once A's right password from the same address.
fail_then_signin x3@elsewhere.test "wrong horse battery" 10.0.2.1 "$PASSWORD_A" 10.0.2.1
if [ "$FIRST_STATUS" = 429 ]; then ok "after 2 failures from an address, the next attempt -> 429"
else fail "after 2 failures from an address, the next attempt -> 429 (docs/api.md)" \
  "got HTTP $FIRST_STATUS $FIRST_BODY"; fi
check_error "after 3 failures from one address, A's right password from it -> 429 (per address)" \
  429 too_many_requests
signin "$EMAIL_A" "$PASSWORD_A" 10.0.2.2
check_status "A's right password from another address signs in" 200
# Per account: failures on A's email, each from an address of its own.
signin "$EMAIL_A" "wrong horse battery" 10.0.3.1
signin "$EMAIL_A" "wrong horse battery" 10.0.3.2
check_error "second wrong password for A -> 401" 401 unauthorized
fail_then_signin "$EMAIL_A" "wrong horse battery" 10.0.3.3 "$PASSWORD_A" 10.0.3.4
if [ "$FIRST_STATUS" = 429 ]; then ok "after 2 failures of A's email, the next attempt -> 429"
else fail "after 2 failures of A's email, the next attempt -> 429 (docs/api.md)" \
  "got HTTP $FIRST_STATUS $FIRST_BODY"; fi
check_error "after 3 failures of A's email, the right password from a fresh address -> 429 (per account)" \
  429 too_many_requests
check_jq "the 429 says how long to wait" '.message | test("try again in [0-9]+ s")'
WAIT_S=$(jq -r '.message | capture("in (?<s>[0-9]+) s").s' "$TEST_TMP/body")
check_eq "the 429 has Retry-After, the wait its message says" "$WAIT_S" "$(header retry-after)"
sleep "$(awk -v s="$WAIT_S" 'BEGIN { print s + 0.3 }')" # the wait is over
signin "$EMAIL_A" "$PASSWORD_A" 10.0.3.3
check_status "after the wait the right password signs in" 200
call -o "http://evil.example" POST /auth/login \
  "$(jq -nc --arg e "$EMAIL_A" --arg p "$PASSWORD_A" '{email: $e, password: $p}')"
check_error "sign-in from a foreign Origin -> 403 (login CSRF)" 403 forbidden

# =============================================================================================
# 3. CSRF of cookie sessions
# =============================================================================================

RATING=$(jq -nc --argjson p "$A_ZELDA" --arg s "$RATED_SHOW" '{profile_id: $p, show_id: $s, primary: 2, score: 9}')
call -s "$A_SID" POST /ratings "$RATING"
check_error "cookie POST /ratings without X-CSRF-Token -> 403" 403 forbidden
call -s "$A_SID" -x "not-the-token" POST /ratings "$RATING"
check_error "cookie POST /ratings with a wrong X-CSRF-Token -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF2" POST /ratings "$RATING"
check_error "cookie POST /ratings with another session's X-CSRF-Token -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF" -o "http://evil.example" POST /ratings "$RATING"
check_error "cookie POST /ratings with the token but a foreign Origin -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF" POST /ratings "$RATING"
check_status "cookie POST /ratings with the right X-CSRF-Token -> 201" 201
call -s "$A_SID" -x "$A_CSRF" -o "$(own_origin)" POST /ratings \
  "$(jq -nc --argjson p "$A_ZELDA" --arg s "${SHOWS[1]}" '{profile_id: $p, show_id: $s, primary: 1}')"
check_status "cookie POST /ratings with the token and the service's own Origin -> 201" 201
call -s "$A_SID" GET "/ratings?profile_id=$A_ZELDA"
check_status "cookie GET /ratings needs no X-CSRF-Token" 200
check_jq "both ratings of Zelda-A are there" 'length == 2'
call -s "$A_SID" GET /me
check_jq "GET /me gives the session's csrf" --arg c "$A_CSRF" '.csrf == $c'
call -s "$A_SID" -x "$A_CSRF" POST /tags "{\"profile_id\":$A_ZELDA,\"tag\":\"tag-zelda-a\",\"liked\":true}"
check_status "A tags Zelda-A" 201
call -s "$A_SID" -x "$A_CSRF" POST /notes \
  "$(jq -nc --argjson p "$A_ZELDA" --arg s "$RATED_SHOW" '{profile_id: $p, show_id: $s, text: "note-zelda-a"}')"
check_status "A writes a note for Zelda-A" 201
call -s "$A_SID" -x "$A_CSRF" POST /family/watched "{\"show_id\":\"${SHOWS[2]}\"}"
check_status "A marks a family watch" 201

# =============================================================================================
# 4. API tokens
# =============================================================================================

call -s "$A_SID" -x "$A_CSRF" POST /me/tokens '{"name":"tok-read-zelda-a","scope":"read"}'
check_status "POST /me/tokens scope read -> 201" 201
check_jq "the new token is shown with its id, name and scope" \
  '(.token | type == "string" and length > 10) and .scope == "read" and .last_used_at == null'
A_READ=$(jqr .token)
A_READ_ID=$(jqr .id)
call -s "$A_SID" GET /me/tokens
check_jq "GET /me/tokens lists it" --argjson id "$A_READ_ID" 'any(.[]; .id == $id and .scope == "read")'
if [[ "$API_BODY" == *"$A_READ"* ]] || printf '%s' "$API_BODY" | jq -e 'any(.[]; has("token"))' >/dev/null; then
  fail "GET /me/tokens never shows the token" "$(_short_body)"
else ok "GET /me/tokens never shows the token"; fi
call -t "$A_READ" GET /me
check_jq "GET /me with the read token" '.via == "token" and .scope == "read" and .email == "a@home.test"'
call -t "$A_READ" POST /ratings "$RATING"
check_error "POST /ratings with the read token -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF" POST /me/tokens '{"name":"tok-write-zelda-a","scope":"write"}'
check_status "POST /me/tokens scope write -> 201" 201
A_WRITE=$(jqr .token)
A_WRITE_ID=$(jqr .id)
call -t "$A_WRITE" POST /ratings "$RATING"
check_status "POST /ratings with the write token -> 201" 201
call -t "$A_WRITE" POST /me/tokens '{"name":"child","scope":"read"}'
check_error "a token cannot make tokens -> 403" 403 forbidden
call -t "$A_WRITE" GET /admin/status
check_error "a write token of an admin is not admin -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF" POST /me/tokens '{"name":"tok-admin-zelda-a","scope":"admin"}'
check_status "the admin makes an admin token -> 201" 201
A_ADMIN=$(jqr .token)
call -t "$A_ADMIN" GET /admin/status
check_status "GET /admin/status with the admin token" 200
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/tokens/$A_READ_ID"
check_status "DELETE /me/tokens/{id} -> 204" 204
call -t "$A_READ" GET /me
check_error "the revoked token is refused at once" 401 unauthorized
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/tokens/$A_READ_ID"
check_error "revoking it again -> 404" 404 not_found

# =============================================================================================
# 5. The end of sessions
# =============================================================================================

signin "$EMAIL_A" "$PASSWORD_A"
S1=$SID S1_CSRF=$CSRF
signin "$EMAIL_A" "$PASSWORD_A"
S2=$SID S2_CSRF=$CSRF
call -s "$S1" POST /auth/logout
check_error "logout without X-CSRF-Token -> 403" 403 forbidden
call -s "$S1" -x "$S1_CSRF" POST /auth/logout
check_status "POST /auth/logout -> 204" 204
check_true "logout clears the cookie (Max-Age=0)" \
  grep -q '^set-cookie: recs_session=;.*Max-Age=0' < <(headers)
call -s "$S1" GET /me
check_error "the logged-out cookie is refused at once" 401 unauthorized
call -s "$S2" GET /me
check_status "another session of the account still works" 200
signin "$EMAIL_A" "$PASSWORD_A"
S3=$SID
call -s "$S2" -x "$S2_CSRF" POST /auth/logout-all
check_status "POST /auth/logout-all -> 204" 204
for s in S2 S3 A_SID A_SID2; do
  call -s "${!s}" GET /me
  check_error "after logout-all, session $s is refused" 401 unauthorized
done
call -t "$A_WRITE" GET /me
check_status "after logout-all the API tokens still work" 200
signin "$EMAIL_A" "$PASSWORD_A"
A_SID=$SID A_CSRF=$CSRF

# Expiry and idleness, written in the database while the server runs. The credential cache trusts
# a session it resolved for up to 10 s, so these sessions are never used before the UPDATE.
sid_digest() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
signin "$EMAIL_A" "$PASSWORD_A"
S_EXP=$SID
signin "$EMAIL_A" "$PASSWORD_A"
S_IDLE=$SID
dbq "UPDATE sessions SET expires_at = 1 WHERE digest = '$(sid_digest "$S_EXP")'" >/dev/null
dbq "UPDATE sessions SET last_seen_at = 1 WHERE digest = '$(sid_digest "$S_IDLE")'" >/dev/null
check_eq "both sessions were found by their digest in the database" 0 \
  "$(dbq "SELECT COUNT(*) FROM sessions WHERE digest IN ('$(sid_digest "$S_EXP")',
          '$(sid_digest "$S_IDLE")') AND expires_at > 1 AND last_seen_at > 1")"
call -s "$S_EXP" GET /me
check_error "an expired session (expires_at in the past) -> 401" 401 unauthorized
call -s "$S_IDLE" GET /me
check_error "an idle session (last_seen_at long ago) -> 401" 401 unauthorized
call -s "$A_SID" GET /me
check_status "A's current session still works" 200

# =============================================================================================
# 6. Invites and members
# =============================================================================================

call -s "$A_SID" -x "$A_CSRF" POST /me/invites '{"email":"m@home.test"}'
check_status "the owner invites m@home.test -> 201" 201
check_jq "the invite has a code, its link and the household" --argjson hh "$A_HH" \
  '(.code | length > 10) and .link == "/#invite=" + .code and .household_id == $hh
   and .role == "member" and .email == "m@home.test"'
CODE_M=$(jqr .code)
accept_body() { jq -nc --arg c "$1" --arg e "$2" --arg p "$3" '{code: $c, email: $e, password: $p}'; }
call -f 10.0.6.1 POST /auth/accept-invite "$(accept_body "$CODE_M" other@home.test "$PASSWORD_M")"
check_error "accept-invite with another email -> 404" 404 not_found
call -f 10.0.6.2 POST /auth/accept-invite "$(accept_body "$CODE_M" m@home.test "$PASSWORD_M")"
check_status "accept-invite with the right email -> 201" 201
M_SID=$(cookie_sid)
M_CSRF=$(jqr .csrf)
M_ID=$(jqr .account_id)
call -s "$M_SID" GET /me
check_jq "the member is signed in: role member, the same household" --argjson hh "$A_HH" \
  '.role == "member" and .household.id == $hh and .email == "m@home.test" and .admin == false'
call -f 10.0.6.3 POST /auth/accept-invite "$(accept_body "$CODE_M" m@home.test "$PASSWORD_M")"
check_error "the same code again -> 404" 404 not_found
call -s "$M_SID" -x "$M_CSRF" POST /me/invites '{"email":"n@home.test"}'
check_error "a member cannot invite -> 403" 403 forbidden
call -s "$M_SID" GET /me/invites
check_error "a member cannot list invites -> 403" 403 forbidden
call -s "$M_SID" GET /me/export
check_error "a member cannot export -> 403" 403 forbidden
call -s "$M_SID" -x "$M_CSRF" DELETE "/me/household?confirm=true"
check_error "a member cannot delete the household -> 403" 403 forbidden
call -s "$M_SID" -x "$M_CSRF" DELETE "/me/members/$A_OWNER"
check_error "a member cannot remove the owner -> 403" 403 forbidden
call -s "$M_SID" -x "$M_CSRF" POST /me/tokens '{"name":"m admin","scope":"admin"}'
check_error "scope admin for a non-admin -> 403" 403 forbidden
call -s "$M_SID" -x "$M_CSRF" POST /me/tokens '{"name":"m read","scope":"read"}'
check_status "a member makes a read token" 201
M_TOKEN=$(jqr .token)
call -s "$A_SID" GET /me/members
check_jq "GET /me/members: the owner first, then the member" --argjson m "$M_ID" \
  '[.[] | .role] == ["owner", "member"] and .[1].account_id == $m and .[1].email == "m@home.test"'
call -s "$M_SID" -x "$M_CSRF" DELETE "/me/members/$M_ID"
check_status "the member leaves (DELETE /me/members/<own id>) -> 204" 204
call -s "$M_SID" GET /me
check_error "the member's cookie is refused after leaving" 401 unauthorized
call -t "$M_TOKEN" GET /me
check_error "the member's token is refused after leaving" 401 unauthorized
# An open invite (no email): whoever has the link; the owner removes that member.
call -s "$A_SID" -x "$A_CSRF" POST /me/invites '{}'
check_status "an invite without email -> 201" 201
CODE_OPEN=$(jqr .code)
call -f 10.0.6.4 POST /auth/accept-invite "$(accept_body "$CODE_OPEN" m2@home.test "$PASSWORD_M")"
check_status "anyone with the link accepts an invite without email" 201
M2_SID=$(cookie_sid)
M2_ID=$(jqr .account_id)
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/members/$M2_ID"
check_status "the owner removes a member -> 204" 204
call -s "$M2_SID" GET /me
check_error "the removed member's cookie is refused" 401 unauthorized
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/members/$A_OWNER"
check_error "the owner cannot leave -> 400" 400 bad_request
# A cancelled invite cannot be accepted.
call -s "$A_SID" -x "$A_CSRF" POST /me/invites '{"email":"c@home.test"}'
CODE_C=$(jqr .code)
INV_C=$(jqr .id)
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/invites/$INV_C"
check_status "the owner cancels an invite -> 204" 204
call -f 10.0.6.5 POST /auth/accept-invite "$(accept_body "$CODE_C" c@home.test "$PASSWORD_M")"
check_error "a cancelled invite -> 404" 404 not_found
# For the walk: a member who stays (m3) and an open invite of A.
call -s "$A_SID" -x "$A_CSRF" POST /me/invites '{"email":"m3@home.test"}'
call -f 10.0.6.6 POST /auth/accept-invite "$(accept_body "$(jqr .code)" m3@home.test "$PASSWORD_M")"
check_status "m3 joins A" 201
M3_ID=$(jqr .account_id)
M3_SID=$(cookie_sid)
M3_CSRF=$(jqr .csrf)
call -s "$A_SID" -x "$A_CSRF" POST /me/invites '{"email":"pending@home.test"}'
A_INVITE=$(jqr .id)
call -s "$A_SID" GET /me/invites
check_jq "GET /me/invites lists the open invite only" --argjson id "$A_INVITE" \
  '[.[] | .id] == [$id] and .[0].email == "pending@home.test"'

# =============================================================================================
# 7. A second household, made by the admin
# =============================================================================================

call -f 10.0.7.1 POST /auth/signup \
  "$(jq -nc --arg p "$PASSWORD_B" '{household: "Signup", email: "s@elsewhere.test", password: $p}')"
check_error "SIGNUP_OPEN unset: POST /auth/signup -> 403" 403 forbidden
call -s "$M3_SID" -x "$M3_CSRF" POST /admin/households '{"name":"Other","email":"b@other.test"}'
check_error "a non-admin cannot make households -> 403" 403 forbidden
call -s "$A_SID" -x "$A_CSRF" POST /admin/households '{"name":"Other","email":"b@other.test"}'
check_status "the admin makes household B -> 201" 201
B_HH=$(jqr .household_id)
check_jq "the answer is an owner invite for b@other.test in a new household" --argjson a "$A_HH" \
  '.role == "owner" and .email == "b@other.test" and .household_id != $a and (.code | length > 10)'
CODE_B=$(jqr .code)
call -f 10.0.7.2 POST /auth/accept-invite "$(accept_body "$CODE_B" "$EMAIL_B" "$PASSWORD_B")"
check_status "B's owner accepts the owner invite -> 201" 201
B_SID=$(cookie_sid)
B_CSRF=$(jqr .csrf)
B_OWNER=$(jqr .account_id)
check_jq "B is the owner of the new household with one R18+ profile named b" \
  --argjson hh "$B_HH" '.role == "owner" and .household.id == $hh and .household.name == "Other"
   and ([.profiles[] | {name, maturity_cap}] == [{name: "b", maturity_cap: "R18+"}])'
B_MAIN=$(jqr '.profiles[0].id')
call -s "$B_SID" GET /me
check_jq "B is not an admin" '.admin == false'
call -s "$B_SID" -x "$B_CSRF" POST /me/tokens '{"name":"b admin","scope":"admin"}'
check_error "scope admin for B (not an admin) -> 403" 403 forbidden
call -s "$B_SID" -x "$B_CSRF" POST /me/tokens '{"name":"b write","scope":"write"}'
check_status "B makes a write token" 201
B_TOKEN=$(jqr .token)

# =============================================================================================
# 8. The isolation walk
# =============================================================================================

# B's own things, the controls' targets: a spare profile, token, member and invite.
call -s "$B_SID" -x "$B_CSRF" POST /me/profiles '{"name":"B-Spare"}'
B_SPARE=$(jqr .id)
call -s "$B_SID" -x "$B_CSRF" POST /me/tokens '{"name":"b spare","scope":"read"}'
B_SPARE_TOKEN=$(jqr .id)
call -s "$B_SID" -x "$B_CSRF" POST /me/invites '{"email":"bm@other.test"}'
call -f 10.0.8.1 POST /auth/accept-invite "$(accept_body "$(jqr .code)" bm@other.test "$PASSWORD_B")"
B_MEMBER=$(jqr .account_id)
call -s "$B_SID" -x "$B_CSRF" POST /me/invites '{"email":"bpending@other.test"}'
B_INVITE=$(jqr .id)
for v in B_SPARE B_SPARE_TOKEN B_MEMBER B_INVITE B_MAIN A_ZELDA A_WRITE_ID M3_ID A_INVITE; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { fail "the walk's id $v is a number" "got '${!v}'"; finish; }
done
ok "B has a spare profile, token, member and invite for the controls"

# wait for the content model, so that /shows/{id}/similar answers
for _ in $(seq 1 80); do
  call -t "$B_TOKEN" GET "/shows/$RATED_SHOW/similar?limit=1"
  [ "$API_STATUS" = 200 ] && break
  sleep 0.25
done

# ws_run ARGS...: runs recs-ws-probe (up to 3 s for each answer); its output in WS_OUT.
ws_run() {
  WS_OUT=$("$WS_PROBE" "$SERVER_PORT" -w 3000 "$@" 2>&1)
}
# ws_msgs: the received messages of WS_OUT as a JSON array.
ws_msgs() { sed -n 's/^< //p' <<<"$WS_OUT" | jq -sc . 2>/dev/null || echo '[]'; }
ws_detail() { printf '%s\n' "$WS_OUT" | head -c 1500 | sed 's/^/  /'; }

# A positive control: A's token follows Zelda-A's slate (the probe works). Before A's snapshot:
# a use of A's token may update its last_used_at.
ws_run "{\"type\":\"auth\",\"token\":\"$A_WRITE\"}" \
  "{\"type\":\"subscribe\",\"id\":\"z\",\"for\":\"$A_ZELDA\",\"limit\":3}"
if jq -e --argjson hh "$A_HH" 'any(.[]; .type == "ready" and .household == $hh)
     and any(.[]; .type == "slate" and .id == "z")' <<<"$(ws_msgs)" >/dev/null; then
  ok "/ws control: A's token gets ready and Zelda-A's slate"
else fail "/ws control: A's token gets ready and Zelda-A's slate" "$(ws_detail)"; fi

# The admin (A) names one of B's profiles for a Serializd import: another household's (docs/api.md).
# Before A's snapshot too (a token's last_used_at).
call -t "$A_ADMIN" POST "/admin/jobs/serializd_import?profile=$B_MAIN"
check_error "the admin's import into B's profile -> 404" 404 not_found

# A's state, compared after the walk: the export, tokens, invites, profiles (with has_pin),
# members and the household.
a_snapshot() {
  local out="" p
  for p in "/me/export" "/me/tokens" "/me/invites" "/me/profiles" "/me/members" "/me"; do
    call -s "$A_SID" GET "$p"
    out+="$p $API_STATUS $(printf '%s' "$API_BODY" | jq -cS 'del(.csrf?)' 2>/dev/null || echo "$API_BODY")"$'\n'
  done
  printf '%s' "$out"
}
A_BEFORE=$(a_snapshot)
check_true "A's export has Zelda-A's ratings, tag and note" \
  grep -q '"tag":"tag-zelda-a"' <<<"$A_BEFORE"

A_IDS=$(jq -nc --argjson hh "$A_HH" --argjson z "$A_ZELDA" --argjson r "$A_ROSS" --argjson s "$A_SON" \
  --argjson m "$M3_ID" --argjson o "$A_OWNER" --argjson t "$A_WRITE_ID" --argjson i "$A_INVITE" \
  --arg show "$RATED_SHOW" --argjson b "$B_MAIN" \
  '{profile: [$z], profile_id: [$z, $r, $s], for: ["Zelda-A", ($z | tostring), "\($r),\($b)"],
    profile_name: ["Zelda-A"], member: [$m, $o], token: [$t], invite: [$i], show: $show,
    tag: "tag-zelda-a"}')
B_IDS=$(jq -nc --argjson main "$B_MAIN" --argjson spare "$B_SPARE" --argjson m "$B_MEMBER" \
  --argjson t "$B_SPARE_TOKEN" --argjson i "$B_INVITE" --arg show "$RATED_SHOW" \
  '{profile: [$spare], profile_id: [$main], for: ["b"], profile_name: ["b"], member: [$m],
    token: [$t], invite: [$i], show: $show, tag: "tag-walk-b"}')

# One line per call to make: {method, path, open, names_a, url_a, body_a, url_b, body_b}, from
# GET /openapi.json. Path and query parameters get A's values (url_a; a list of values gives one
# call each) and B's (url_b, the control); bodies are made from the requestBody schema, with
# every property, profile_id / profile_ids naming the profiles.
WALK_JQ='
. as $doc |
def deref: if type == "object" and has("$ref")
  then (.["$ref"] | ltrimstr("#/") | split("/")) as $p | $doc | getpath($p) | deref else . end;
def vals: if type == "array" then .[] else . end;
# [{name, vs: [values]}] -> every [{name, v}] with one value each (the cartesian product).
def combos: if length == 0 then [] else
  .[0] as $h | $h.vs[] as $v | (.[1:] | combos) as $rest | [{name: $h.name, v: $v}] + $rest end;
def leaf($d): deref |
  if has("enum") then .enum[0]
  elif (.type == "object" or has("properties")) then
    if $d > 3 then {} else (.properties // {}) as $ps
      | reduce ($ps | keys[]) as $k ({}; . + {($k): ($ps[$k] | leaf($d + 1))}) end
  elif has("example") then .example
  elif .type == "string" then "x" * (.minLength // 1)
  elif (.type == "integer" or .type == "number") then (.minimum // 1)
  elif .type == "boolean" then false
  elif .type == "array" then (if (.minItems // 0) > 0 then [.items | leaf($d + 1)] else [] end)
  else null end;
# The body of one call: who = A or B ids, pid = the profile id chosen for this call.
def body($who; $pid; $method):
  deref | (.properties // {}) as $ps
  | reduce ($ps | keys[]) as $k ({};
      . + {($k): (
        if $k == "profile_id" then $pid
        elif $k == "profile_ids" then [$pid]
        elif $k == "show_id" then $who.show
        elif $k == "tag" then $who.tag
        elif $k == "name" then "Walk-\($method)"
        elif $k == "household" then "Walk household"
        elif $k == "email" then "walk@elsewhere.test"
        elif $k == "password" then "walk horse battery"
        elif $k == "code" then "no-such-invite-code"
        elif $k == "pin" then "1234"
        elif $k == "text" then "walk note"
        elif $k == "role" then "member"
        elif $k == "services" then ["netflix"]
        elif $k == "scorers" then 2
        else ($ps[$k] | leaf(1)) end)})
  # POST /watchlist names a profile_id or the household list, not both: the walk takes the
  # profile (the household list is always that of the caller).
  | del(.list);
def pathval($who; $path; $name):
  if $name == "id" then
    if ($path | startswith("/me/tokens/")) then $who.token
    elif ($path | startswith("/me/members/")) then $who.member
    elif ($path | startswith("/me/invites/")) then $who.invite
    elif ($path | startswith("/me/profiles/")) then $who.profile
    else $who.show end
  elif $name == "format" then "trakt"
  elif $name == "job" then "serializd_import"
  elif $name == "source" then "justwatch"
  elif $name == "command" then "pause"
  else "x" end;
def queryval($who; $name; $pid):
  if $name == "profile_id" then $pid
  elif $name == "for" then $who.for
  elif $name == "profile" then $who.profile_name
  elif $name == "show_id" then $who.show
  elif $name == "tag" then $who.tag
  elif $name == "confirm" then "true"
  elif $name == "format" then "json"
  elif $name == "limit" then 5
  elif $name == "q" then "zelda"
  elif $name == "dry_run" then "true"
  elif $name == "kind" then "not_interested"
  else null end;
def names_a($path; $params; $schema):
  ([$params[] | select(.in == "path" and .name != "job" and .name != "source"
                       and .name != "command" and ($path | startswith("/shows/") | not))] | length > 0)
  or ([$params[] | select(.in == "query" and (.name | IN("profile_id", "for", "profile")))] | length > 0)
  or ($schema != null and ($schema | deref | (.properties // {}) | has("profile_id") or has("profile_ids")));
# One call: url and body with the ids of $who; generates one output per choice of the values.
def call($who; $path; $params; $schema; $method):
  ($who.profile_id | vals) as $pid
  | ([$params[] | select(.in == "path") | {name, vs: [pathval($who; $path; .name) | vals]}]
     | combos) as $pp
  | ([$params[] | select(.in == "query") | {name, vs: [queryval($who; .name; $pid) | vals]}
      | select(.vs != [null])] | combos) as $qp
  | (reduce $pp[] as $p ($path; sub("\\{" + $p.name + "\\}"; $p.v | tostring))) as $url
  | ([$qp[] | "\(.name)=\(.v | tostring | @uri)"] | join("&")) as $q
  | {url: ($url + (if $q == "" then "" else "?" + $q end)),
     body: (if $schema == null then null
            # an upload: an empty Trakt export (a JSON array) is a valid file
            elif ($path | startswith("/imports/")) then []
            else ($schema | body($who; $pid; $method)) end)};
.paths | to_entries[] | .key as $path | .value | to_entries[]
| select(.key | IN("get", "put", "post", "patch", "delete"))
| (.key | ascii_upcase) as $method | .value as $op
| [($op.parameters // [])[] | deref | select(.in == "path" or .in == "query")] as $params
| ($op.requestBody.content["application/json"].schema // null) as $schema
| (($op.security // null) as $s | $s != null and all($s[]; has("bearerAuth") | not)) as $open
| names_a($path; $params; $schema) as $na
| ([call($B; $path; $params; $schema; $method)] | first) as $b
| [call($A; $path; $params; $schema; $method)] | unique_by([.url, .body]) | to_entries[]
| {method: $method, path: $path, open: $open, names_a: $na, url_a: .value.url,
   body_a: .value.body, url_b: $b.url, body_b: $b.body, first: (.key == 0)}
'
call GET /openapi.json
check_status "GET /openapi.json" 200
OPENAPI=$API_BODY
if ! printf '%s' "$OPENAPI" | jq -c --argjson A "$A_IDS" --argjson B "$B_IDS" "$WALK_JQ" \
  >"$TEST_TMP/walk.jsonl" 2>"$TEST_TMP/walk.err"; then
  fail "the walk's calls are made from GET /openapi.json" "$(head -c 600 "$TEST_TMP/walk.err")"
  finish
fi
ROUTES=$(jq -rs '[.[] | "\(.method) \(.path)"] | unique | length' "$TEST_TMP/walk.jsonl")
# The routes that need no credential, by design; a new one must be added here knowingly.
check_eq "the open routes of GET /openapi.json are the expected ones" \
  "GET / GET /auth/state GET /healthz GET /metrics GET /openapi.json POST /alerts/alertmanager POST /auth/accept-invite POST /auth/login POST /auth/setup POST /auth/signup" \
  "$(jq -rs '[.[] | select(.open) | "\(.method) \(.path)"] | unique | sort | join(" ")' "$TEST_TMP/walk.jsonl")"
check_true "the walk covers the documented routes ($ROUTES, $(wc -l <"$TEST_TMP/walk.jsonl") calls)" \
  test "$ROUTES" -ge 40

# a_leak: true when API_BODY shows anything of A: its email domain, Zelda-A (or its tag and
# note), or, in JSON, an object of A's household, one of A's profiles or accounts.
A_PIDS_JSON="[$A_ZELDA,$A_ROSS,$A_SON]"
A_ACCS_JSON="[$A_OWNER,$M3_ID]"
a_leak() {
  local lower=${API_BODY,,}
  [[ "$lower" == *home.test* || "$lower" == *zelda-a* ]] && return 0
  [[ "$API_BODY" =~ \"(household|household_id|profile_id|maturity_cap|account_id)\" ]] || return 1
  printf '%s' "$API_BODY" | jq -e --argjson hh "$A_HH" --argjson pids "$A_PIDS_JSON" \
    --argjson accs "$A_ACCS_JSON" '
    def in_($xs): . as $v | any($xs[]; . == $v);
    [.. | objects | select(
      (has("household_id") and (.household_id | in_([$hh])))
      or (has("household") and ((.household | objects | .id) // .household | in_([$hh])))
      or (has("profile_id") and (.profile_id | in_($pids)))
      or (has("maturity_cap") and has("id") and (.id | in_($pids)))
      or (has("account_id") and (.account_id | in_($accs))))] | length > 0' >/dev/null 2>&1
}

# B's session: renewed after a logout by the walk itself.
b_signin() {
  signin "$EMAIL_B" "$PASSWORD_B" 10.0.8.2
  B_SID=$SID B_CSRF=$CSRF
  [ "$API_STATUS" = 200 ] || fail "B signs in again" "HTTP $API_STATUS $(_short_body)"
}

WALK_BAD=0 WALK_CALLS=0 WALK_CONTROLS=0 WALK_SEEN=""
# walk_fail DESCRIPTION: one failed expectation of the walk, printed as a FAIL line.
walk_fail() {
  WALK_BAD=$((WALK_BAD + 1))
  fail "$1" "HTTP $API_STATUS body: $(_short_body)"
}

# walk_one LINE [who...]: the calls of one line of walk.jsonl; who = none, session, token,
# control (B's session on B's ids), in that order by default.
walk_one() {
  local line=$1 who
  shift
  [ $# -gt 0 ] || set -- none session token control
  local method path open names first url_a body_a url_b body_b
  # Fields separated by US (0x1f): not white space, so that an empty field stays one.
  IFS=$'\x1f' read -r method path open names first url_a url_b body_a body_b < <(jq -r \
    '[.method, .path, .open, .names_a, .first, .url_a, .url_b,
      (.body_a | if . == null then "" else tojson end),
      (.body_b | if . == null then "" else tojson end)] | map(tostring) | join("\u001f")' <<<"$line")
  local -a ba=() bb=()
  [ -n "$body_a" ] && ba=("$body_a")
  [ -n "$body_b" ] && bb=("$body_b")
  for who in "$@"; do
    case "$who" in
      none)
        WALK_CALLS=$((WALK_CALLS + 1))
        call -f 10.0.9.9 "$method" "$url_a" ${ba[@]+"${ba[@]}"}
        if [ "$open" != true ]; then
          [ "$API_STATUS" = 401 ] || walk_fail "no credential: $method $url_a -> 401"
        elif [[ "$API_STATUS" =~ ^5 || "$API_STATUS" = 000 ]] || a_leak; then
          walk_fail "no credential: open route $method $url_a answers (not 5xx) and shows nothing of A"
        fi
        ;;
      session | token)
        WALK_CALLS=$((WALK_CALLS + 1))
        if [ "$who" = session ]; then
          call -f 10.0.9.9 -s "$B_SID" -x "$B_CSRF" "$method" "$url_a" ${ba[@]+"${ba[@]}"}
        else
          call -f 10.0.9.9 -t "$B_TOKEN" "$method" "$url_a" ${ba[@]+"${ba[@]}"}
        fi
        WALK_SEEN+="$who:$API_STATUS "
        if [ "$names" = true ]; then
          [[ "$API_STATUS" =~ ^(403|404)$ ]] ||
            walk_fail "B's $who on A's ids: $method $url_a -> 403 or 404"
        elif [[ "$API_STATUS" =~ ^5 || "$API_STATUS" = 000 ]] ||
          [[ "$API_STATUS" = 401 && "$open" != true ]]; then
          walk_fail "B's $who: $method $url_a answers (not 5xx; not 401 but on an open route)"
        elif a_leak; then
          walk_fail "B's $who: $method $url_a shows nothing of A"
        fi
        ;;
      control)
        # The same call on B's own ids must work: the walk's bodies and parameters are valid, so
        # that the refusals above come from the isolation. /admin/* is not B's (403).
        [ "$names" = true ] && [ "$first" = true ] || continue
        WALK_CONTROLS=$((WALK_CONTROLS + 1))
        call -f 10.0.9.9 -s "$B_SID" -x "$B_CSRF" "$method" "$url_b" ${bb[@]+"${bb[@]}"}
        if [[ "$path" == /admin/* ]]; then
          [ "$API_STATUS" = 403 ] || walk_fail "control: B's session on B's ids: $method $url_b -> 403 (not an admin)"
        elif [[ ! "$API_STATUS" =~ ^2 ]]; then
          walk_fail "control: B's session on B's ids: $method $url_b -> 2xx"
        elif a_leak; then
          walk_fail "control: B's session: $method $url_b shows nothing of A"
        fi
        ;;
    esac
  done
}

# The order: everything but DELETE, then the DELETEs (their controls delete what the POSTs made),
# then B's self-destructive routes (logout, logout-all, deleting its household). GET /ws is the
# WebSocket upgrade: checked below with recs-ws-probe.
LAST_ROUTES='^(POST /auth/logout|POST /auth/logout-all|DELETE /me/household)$'
mapfile -t WALK < <(jq -c 'select(.path != "/ws")' "$TEST_TMP/walk.jsonl")
mapfile -t WALK_ROUTE < <(jq -r 'select(.path != "/ws") | "\(.method) \(.path)"' "$TEST_TMP/walk.jsonl")
for i in "${!WALK[@]}"; do
  route=${WALK_ROUTE[$i]}
  [[ "$route" =~ $LAST_ROUTES || "$route" == DELETE* ]] && continue
  walk_one "${WALK[$i]}"
done
for i in "${!WALK[@]}"; do
  route=${WALK_ROUTE[$i]}
  [[ "$route" == DELETE* && ! "$route" =~ $LAST_ROUTES ]] || continue
  walk_one "${WALK[$i]}"
done

# A few more of B's calls that the parameters above do not make: its whole family, a
# parameter given twice, a list mixing B's and A's profiles.
for url in "/recommendations?for=family&limit=5" "/recommendations?for=all&limit=5" \
  "/recommendations?for=b&intent=family_mix&limit=5" \
  "/ratings?profile_id=$B_MAIN&profile_id=$A_ZELDA" "/ratings?profile_id=$A_ZELDA&profile_id=$B_MAIN" \
  "/tags?profile_id=$B_MAIN&profile_id=$A_ZELDA" "/notes?profile_id=$A_ZELDA&profile_id=$B_MAIN"; do
  call -t "$B_TOKEN" GET "$url"
  if [[ "$API_STATUS" =~ ^(2|4) ]] && ! a_leak; then ok "B's token: GET $url shows nothing of A (HTTP $API_STATUS)"
  else fail "B's token: GET $url shows nothing of A" "HTTP $API_STATUS $(_short_body)"; fi
done
call -t "$B_TOKEN" POST /family/watched \
  "{\"show_id\":\"$RATED_SHOW\",\"profile_ids\":[$B_MAIN,$A_ZELDA]}"
check_error "B's token: a family watch of B's and A's profiles -> 403 or 404" "403|404" "forbidden|not_found"

# --- /ws ----------------------------------------------------------------------------------------

B_WS_MSGS=(
  "{\"type\":\"subscribe\",\"id\":\"own\",\"for\":\"b\",\"limit\":3}"
  "{\"type\":\"subscribe\",\"id\":\"by-id\",\"for\":\"$A_ZELDA\",\"limit\":3}"
  "{\"type\":\"subscribe\",\"id\":\"by-name\",\"for\":\"Zelda-A\",\"limit\":3}"
  "{\"type\":\"subscribe\",\"id\":\"mixed\",\"for\":\"$A_ROSS,$B_MAIN\",\"limit\":3}"
  "{\"type\":\"subscribe\",\"id\":\"mix\",\"for\":\"$A_ZELDA\",\"intent\":\"family_mix\",\"limit\":3}"
  "{\"type\":\"subscribe\",\"id\":\"family\",\"for\":\"family\",\"limit\":3}"
  "{\"type\":\"unsubscribe\",\"id\":\"by-id\"}"
  "{\"type\":\"subscribe_alerts\"}"
  "{\"type\":\"unsubscribe_alerts\"}"
  "{\"type\":\"ping\"}"
  "{\"type\":\"auth\",\"token\":\"$A_READ\"}"
)
# ws_b_checks HOW: the expectations on B's connection (WS_OUT).
ws_b_checks() {
  local how=$1 msgs
  msgs=$(ws_msgs)
  if jq -e --argjson hh "$B_HH" 'any(.[]; .type == "ready" and .household == $hh)' <<<"$msgs" >/dev/null; then
    ok "/ws as B ($how): ready for household B"
  else fail "/ws as B ($how): ready for household B" "$(ws_detail)"; fi
  if jq -e 'any(.[]; .type == "slate" and .id == "own") and any(.[]; .type == "slate" and .id == "family")' <<<"$msgs" >/dev/null; then
    ok "/ws as B ($how): B's own slate and family slate come"
  else fail "/ws as B ($how): B's own slate and family slate come" "$(ws_detail)"; fi
  local id
  for id in by-id by-name mixed mix; do
    if jq -e --arg id "$id" 'any(.[]; .type == "error" and .id == $id
         and (.code | IN("not_found", "forbidden", "unauthorized")))
         and all(.[]; .type != "slate" or .id != $id)' <<<"$msgs" >/dev/null; then
      ok "/ws as B ($how): subscribe '$id' on A's profiles -> an error, no slate"
    else fail "/ws as B ($how): subscribe '$id' on A's profiles -> an error, no slate" "$(ws_detail)"; fi
  done
  if jq -e 'any(.[]; .type == "error" and .code == "forbidden" and (has("id") | not))' <<<"$msgs" >/dev/null; then
    ok "/ws as B ($how): subscribe_alerts -> forbidden"
  else fail "/ws as B ($how): subscribe_alerts -> forbidden" "$(ws_detail)"; fi
  if jq -e 'any(.[]; .type == "pong")' <<<"$msgs" >/dev/null; then
    ok "/ws as B ($how): ping -> pong"
  else fail "/ws as B ($how): ping -> pong" "$(ws_detail)"; fi
  # Errors may quote what B sent (e.g. "Zelda-A"): every other message is looked at.
  API_BODY=$(sed -n 's/^< //p' <<<"$WS_OUT" | grep -v '"type":"error"')
  if a_leak; then fail "/ws as B ($how): nothing of A is sent" "$(ws_detail)"
  else ok "/ws as B ($how): nothing of A is sent"; fi
}
ws_run -r -H "Cookie: recs_session=$B_SID" "${B_WS_MSGS[@]}"
ws_b_checks "session cookie on the upgrade"
ws_run "{\"type\":\"auth\",\"token\":\"$B_TOKEN\"}" "${B_WS_MSGS[@]}"
ws_b_checks "token in an auth message"
ws_run -r -H "Authorization: Bearer $B_TOKEN" "${B_WS_MSGS[@]}"
ws_b_checks "token on the upgrade"

ws_run "{\"type\":\"subscribe\",\"id\":\"s\",\"for\":\"$A_ZELDA\"}"
if jq -e 'any(.[]; .type == "error" and .code == "unauthorized") and all(.[]; .type != "slate")' \
  <<<"$(ws_msgs)" >/dev/null && grep -q '^closed 1008' <<<"$WS_OUT"; then
  ok "/ws with no credential: subscribe -> unauthorized and close 1008"
else fail "/ws with no credential: subscribe -> unauthorized and close 1008" "$(ws_detail)"; fi
ws_run "{\"type\":\"auth\",\"token\":\"$A_READ\"}" "{\"type\":\"subscribe\",\"id\":\"s\",\"for\":\"$A_ZELDA\"}"
if jq -e 'any(.[]; .type == "error" and .code == "unauthorized") and all(.[]; .type != "slate" and .type != "ready")' \
  <<<"$(ws_msgs)" >/dev/null && grep -q '^closed 1008' <<<"$WS_OUT"; then
  ok "/ws with A's revoked token: unauthorized and close 1008"
else fail "/ws with A's revoked token: unauthorized and close 1008" "$(ws_detail)"; fi
ws_run -H "Cookie: recs_session=$S_EXP" "{\"type\":\"subscribe\",\"id\":\"s\",\"for\":\"$A_ZELDA\"}"
if jq -e 'all(.[]; .type != "slate" and .type != "ready")' <<<"$(ws_msgs)" >/dev/null &&
  { grep -q '^closed 1008' <<<"$WS_OUT" || grep -q '^upgrade 401' <<<"$WS_OUT"; }; then
  ok "/ws with A's expired session cookie: refused"
else fail "/ws with A's expired session cookie: refused" "$(ws_detail)"; fi
ws_run -H "Origin: http://evil.example" -H "Cookie: recs_session=$B_SID"
if grep -q '^upgrade 403' <<<"$WS_OUT"; then ok "/ws from a foreign Origin -> 403"
else fail "/ws from a foreign Origin -> 403" "$(ws_detail)"; fi

# --- B's self-destructive routes, last ---------------------------------------------------------

for route in "POST /auth/logout" "POST /auth/logout-all" "DELETE /me/household"; do
  line=$(printf '%s\n' "${WALK[@]}" | jq -c --arg r "$route" 'select("\(.method) \(.path)" == $r)' | head -n 1)
  [ -n "$line" ] || { fail "the walk has $route"; continue; }
  if [ "$route" = "DELETE /me/household" ]; then
    walk_one "$line" none session # B's session deletes B (its token is checked below)
  else
    walk_one "$line" none session token
    b_signin
  fi
done
check_eq "the isolation walk: $WALK_CALLS calls and $WALK_CONTROLS controls as expected" 0 "$WALK_BAD"
echo "       B's answers in the walk: $(tr ' ' '\n' <<<"$WALK_SEEN" | grep . | sort | uniq -c |
  awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')"
call -t "$B_TOKEN" GET /me
check_error "B's household is gone: B's token -> 401" 401 unauthorized

A_AFTER=$(a_snapshot)
if [ "$A_BEFORE" = "$A_AFTER" ]; then
  ok "A's export, tokens, invites, profiles, members and household are unchanged by the walk"
else
  fail "A's export, tokens, invites, profiles, members and household are unchanged by the walk" \
    "$(diff <(printf '%s\n' "$A_BEFORE") <(printf '%s\n' "$A_AFTER") | head -c 2000)"
fi
call -s "$A_SID" GET /me
check_jq "A's session still works after the walk" --argjson hh "$A_HH" '.household.id == $hh'
call -t "$A_WRITE" GET "/recommendations?for=Zelda-A&limit=3"
check_status "A's write token still works after the walk" 200
call -s "$M3_SID" GET /me
check_status "A's member m3 is still signed in after the walk" 200

# =============================================================================================
# 9. Export and deletion
# =============================================================================================

call -s "$A_SID" GET /me/export
check_status "GET /me/export (JSON)" 200
check_true "the export is an attachment" grep -q '^content-disposition: attachment' < <(headers)
N_RATINGS=$(jqr '[.profiles[].ratings[]] | length')
check_jq "the JSON export has Zelda-A with its ratings, tag and note" \
  'any(.profiles[]; .name == "Zelda-A" and (.ratings | length) == 2
       and .tags == [{"tag": "tag-zelda-a", "liked": true}] and (.notes[0].text == "note-zelda-a"))
   and (.family_watches | length) == 1 and .format == "recs-household-export"'
call -s "$A_SID" GET "/me/export?format=csv"
check_status "GET /me/export?format=csv" 200
check_eq "the CSV's header line" "profile,show_id,title,verdict,score,source,rated_at" \
  "$(head -n 1 <<<"$API_BODY" | tr -d '\r')"
check_eq "the CSV has one line per rating ($N_RATINGS)" "$N_RATINGS" \
  "$(tail -n +2 <<<"$API_BODY" | grep -c .)"
check_true "the CSV has Zelda-A's loved rating with its score" \
  grep -qE "^Zelda-A,$RATED_SHOW,.*,loved,9,app,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z" <<<"$API_BODY"
call -s "$A_SID" GET "/me/export?format=xml"
check_error "GET /me/export?format=xml -> 400" 400 bad_request

# A's ids in the database, to look for after the deletion.
A_ACC_IDS=$(dbq "SELECT id FROM accounts WHERE household_id = $A_HH" | paste -sd, -)
A_PROFILE_IDS=$(dbq "SELECT id FROM profiles WHERE household_id = $A_HH" | paste -sd, -)
A_WATCH_IDS=$(dbq "SELECT id FROM family_watches WHERE household_id = $A_HH" | paste -sd, -)
check_true "A's rows are found in the database before the deletion ($A_ACC_IDS / $A_PROFILE_IDS / $A_WATCH_IDS)" \
  test -n "$A_ACC_IDS" -a -n "$A_PROFILE_IDS" -a -n "$A_WATCH_IDS"

call -s "$A_SID" -x "$A_CSRF" DELETE /me/household
check_error "DELETE /me/household without confirm -> 400" 400 bad_request
call -s "$A_SID" -x "$A_CSRF" DELETE "/me/household?confirm=true"
check_status "DELETE /me/household?confirm=true -> 204" 204
check_true "the deletion clears the cookie (Max-Age=0)" \
  grep -q '^set-cookie: recs_session=;.*Max-Age=0' < <(headers)
call -s "$A_SID" GET /me
check_error "A's cookie -> 401 after the deletion" 401 unauthorized
call -t "$A_WRITE" GET /me
check_error "A's token -> 401 after the deletion" 401 unauthorized
call -s "$M3_SID" GET /me
check_error "A's member's cookie -> 401 after the deletion" 401 unauthorized
signin "$EMAIL_A" "$PASSWORD_A" 10.0.10.1
check_error "A's owner can no longer sign in" 401 unauthorized

# No row of A in any table: every column that holds a household, account, profile or watch id
# (and the id columns of those tables) is searched for A's ids.
LEFT=""
for t in $(db_tables); do
  conds=()
  for c in $(db_columns "$t"); do
    case "$t.$c" in
      households.id | *.household_id) conds+=("$c = $A_HH") ;;
      accounts.id | *.account_id | invites.created_by) conds+=("$c IN ($A_ACC_IDS)") ;;
      profiles.id | *.profile_id) conds+=("$c IN ($A_PROFILE_IDS)") ;;
      family_watches.id | *.watch_id) conds+=("$c IN ($A_WATCH_IDS)") ;;
    esac
  done
  [ ${#conds[@]} -gt 0 ] || continue
  where=$(printf ' OR %s' "${conds[@]}")
  n=$(dbq "SELECT COUNT(*) FROM $t WHERE ${where# OR }")
  [ "$n" = 0 ] || LEFT+="$t: $n rows; "
done
check_eq "no row of A is left in any table" "" "$LEFT"
# A and B are both gone: every table has as many rows as before the first run (meta keeps the
# first-run marker).
AFTER=$(table_counts)
check_eq "every table but meta has its row count of before the first run" \
  "$(grep -v '^meta ' <<<"$BASELINE")" "$(grep -v '^meta ' <<<"$AFTER")"
# No account is left: what GET /auth/state says must be what POST /auth/setup does (a page that
# shows the first-run form must be able to use it, or none is shown).
call GET /auth/state
STATE_AFTER=$API_BODY
call POST /auth/setup "$SETUP_BODY"
if [[ "$STATE_AFTER" == *'"set_up":false'* ]] && [ "$API_STATUS" = 201 ]; then
  ok "with every household gone the service is as new: GET /auth/state and POST /auth/setup agree"
else
  fail "with every household gone the service is as new: GET /auth/state and POST /auth/setup agree" \
    "GET /auth/state -> $STATE_AFTER; POST /auth/setup -> $API_STATUS $(_short_body)"
fi
check_true "the server is still alive" server_alive
stop_server
finish
