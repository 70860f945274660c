#!/usr/bin/env bash
# Backups and moving a household (docs/operations.md), against the real server:
#  1. SQLite: data written over REST; scripts/db_backup.sh while the server runs (and once more
#     under a stream of writes); more writes; restore into a fresh DATA_DIR: the server there
#     shows exactly the first state. Restore over an existing file (--force, .before-restore),
#     refusals (target exists, server running) and bad files (missing, truncated, not a backup,
#     failing integrity check) that leave the target untouched.
#  2. PostgreSQL (a throwaway server, test/support/pg_server.sh): the same round trip into a
#     second database, configured once by DATABASE_URL and once by POSTGRES_*; refusals and a
#     failing restore that is rolled back; the password is never printed.
#  3. recs-move: the SQLite household moved to PostgreSQL (into a database with the demo
#     household: refused, then --replace; and --all into a fresh one): the server on PostgreSQL
#     shows the same ratings, tags, notes, services and ledger; a show missing from the target
#     catalog was copied with its provider.
# Usage: backup_restore.sh <recs-server binary> <source dir> [recs-move binary]
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck disable=SC2034  # SERVER_EXTRA_ENV is read by lib.sh's start_server

RECS_MOVE_BIN=${3:-$(dirname "$RECS_SERVER_BIN")/recs-move}
BACKUP="$RECS_SOURCE_DIR/scripts/db_backup.sh"
RESTORE="$RECS_SOURCE_DIR/scripts/db_restore.sh"
for tool in sqlite3 gzip psql pg_dump sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool (make deps-test)" >&2; exit 2; }
done
[ -x "$RECS_MOVE_BIN" ] || { echo "not an executable: $RECS_MOVE_BIN (make recs-move)" >&2; exit 2; }
# Each step says which database it means; nothing from the caller's environment may choose it.
unset DATABASE_URL POSTGRES_HOST POSTGRES_DB POSTGRES_USER POSTGRES_PASSWORD POSTGRES_PORT
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS
SERVER_EXTRA_ENV=()
FAKE_SHOW=tt9999990 # a show only the source's catalog has, with an offer on a provider of its own

# --- helpers -------------------------------------------------------------------------------------

# run_tool OUTVAR COMMAND...: runs COMMAND, stdout and stderr into $TEST_TMP/tool.out; sets
# TOOL_RC and OUTVAR to the output.
run_tool() {
  local -n _out=$1
  shift
  "$@" >"$TEST_TMP/tool.out" 2>&1
  TOOL_RC=$?
  _out=$(cat "$TEST_TMP/tool.out")
}

# check_run DESCRIPTION EXPECTED_RC PATTERN OUTPUT: the exit status and a regex on the output.
check_run() {
  local desc=$1 want=$2 pattern=$3 output=$4
  if [ "$TOOL_RC" = "$want" ] && [[ "$output" =~ $pattern ]]; then
    ok "$desc"
  else
    fail "$desc" "expected exit $want and output matching: $pattern" \
      "got exit $TOOL_RC: ${output:0:600}"
  fi
}

# profile_id NAME: the id of the demo profile NAME on the running server.
profile_id() {
  api GET /me/profiles
  printf '%s' "$API_BODY" | jq -r --arg n "$1" '.[] | select(.name == $n) | .id' 2>/dev/null
}

# state_part DIR KEY PATH: GET PATH into DIR/KEY (its JSON, or "HTTP <status>" when not 200).
state_part() {
  api GET "$3"
  if [ "$API_STATUS" = 200 ]; then printf '%s' "$API_BODY"; else printf '"HTTP %s"' "$API_STATUS"; fi \
    >"$1/$2"
}

# state: everything the demo household's API shows (household, profiles, each profile's
# ratings, tags, notes and feedback, the watchlists, its webhook (masked), the ledger, the
# source-only show), as one
# JSON text without the ids
# that differ between databases (household, profile). Arrays keep the order the API gives.
state() {
  local dir id name what
  dir=$(mktemp -d "$TEST_TMP/state.XXXXXX")
  state_part "$dir" me /me
  state_part "$dir" profiles /me/profiles
  while IFS=$'\t' read -r id name; do
    for what in ratings tags notes feedback; do
      state_part "$dir" "$name.$what" "/$what?profile_id=$id"
    done
  done < <(jq -r '.[] | [.id, .name] | @tsv' "$dir/profiles")
  state_part "$dir" ledger /family/ledger
  state_part "$dir" watchlist /watchlist
  state_part "$dir" webhook /me/webhook
  state_part "$dir" fake_show "/shows/$FAKE_SHOW"
  (cd "$dir" && jq -cS -n 'reduce inputs as $v ({}; .[input_filename] = $v)
    | .me.household |= del(.id) | .me |= del(.account_id) | .me.profiles |= map(del(.id))
    | .profiles |= map(del(.id))
    | walk(if type == "object" then del(.profile_id, .household_id, .added_by) else . end)' -- *)
  rm -rf "$dir"
}

# check_state DESCRIPTION EXPECTED: the running server's state() is EXPECTED, to the byte.
check_state() {
  local actual
  actual=$(state)
  if [ "$actual" == "$2" ]; then
    ok "$1"
  else
    fail "$1" "expected: ${2:0:300}..." "actual:   ${actual:0:300}..." \
      "first difference: $(diff <(jq -S . <<<"$2") <(jq -S . <<<"$actual") | head -n 8 | tr '\n' ' ')"
  fi
}

# write_first_data: ratings (one with a score, one of the source-only show), tags, notes,
# feedback, watchlist entries (Wife's and the household's), the household's services and two
# Family Mix watches, on the running server.
write_first_data() {
  local ross wife son
  ross=$(profile_id Ross) wife=$(profile_id Wife) son=$(profile_id Son)
  api POST /ratings "{\"profile_id\":$ross,\"show_id\":\"tt2802850\",\"primary\":2,\"score\":9}"
  check_status "rating stored" 201
  api POST /ratings "{\"profile_id\":$ross,\"show_id\":\"tt0903747\",\"primary\":0}"
  api POST /ratings "{\"profile_id\":$wife,\"show_id\":\"tt5875444\",\"primary\":1}"
  api POST /ratings "{\"profile_id\":$son,\"show_id\":\"tt7678620\",\"primary\":2}"
  api POST /ratings "{\"profile_id\":$wife,\"show_id\":\"$FAKE_SHOW\",\"primary\":2}"
  check_status "rating of the source-only show stored" 201
  api POST /tags "{\"profile_id\":$ross,\"tag\":\"dry humour\",\"liked\":true}"
  api POST /tags "{\"profile_id\":$wife,\"tag\":\"gore\",\"liked\":false}"
  check_status "tags stored" 201
  api POST /notes "{\"profile_id\":$ross,\"show_id\":\"tt2802850\",\"text\":\"season 2 with Wife\"}"
  api POST /notes "{\"profile_id\":$wife,\"show_id\":\"$FAKE_SHOW\",\"text\":\"ask Ross\"}"
  check_status "notes stored" 201
  api POST /feedback "{\"profile_id\":$son,\"show_id\":\"tt2802850\",\"kind\":\"not_interested\"}"
  api POST /feedback "{\"profile_id\":$wife,\"show_id\":\"tt0903747\",\"kind\":\"seen\"}"
  check_status "feedback stored" 201
  api POST /watchlist "{\"show_id\":\"tt2802850\",\"profile_id\":$wife}"
  check_status "a show on Wife's watchlist" 201
  api POST /watchlist "{\"show_id\":\"tt7678620\",\"list\":\"household\"}"
  check_status "watchlist entries stored" 201
  api PUT /me/webhook '{"kind":"discord","url":"https://discord.com/api/webhooks/9/HOOKSECRET"}'
  check_status "the household's webhook set" 200
  api PUT /me/services '{"services":["netflix","stan"]}'
  check_status "services set" 200
  api POST /family/watched '{"show_id":"tt7678620"}'
  check_status "a family watch (everyone)" 201
  api POST /family/watched "{\"show_id\":\"tt5875444\",\"profile_ids\":[$ross,$wife]}"
  check_status "a family watch (Ross and Wife)" 201
}

# write_later_data: changes after the backup, which a restore must not bring back.
write_later_data() {
  local ross son
  ross=$(profile_id Ross) son=$(profile_id Son)
  api POST /ratings "{\"profile_id\":$son,\"show_id\":\"tt2802850\",\"primary\":0}"
  check_status "later: a new rating" 201
  api DELETE "/tags?profile_id=$ross&tag=dry%20humour"
  check_status "later: a tag deleted" 204
  api POST /notes "{\"profile_id\":$ross,\"show_id\":\"tt0903747\",\"text\":\"later note\"}"
  api POST /family/watched '{"show_id":"tt2802850"}'
  check_status "later: another family watch" 201
}

# sqlite_fingerprint FILE: the checksum of the file and of its -wal, if any.
sqlite_fingerprint() {
  cat -- "$1" "$1-wal" 2>/dev/null | sha256sum
}

# shellcheck disable=SC2317  # called through check_true
# no_temp_files DIR: true when no restore/backup temporary file is left in DIR.
no_temp_files() {
  [ -z "$(find "$1" -maxdepth 1 -name '.recs*' -print -quit)" ]
}

# --- 1. SQLite -------------------------------------------------------------------------------------

echo "# SQLite (t=${SECONDS}s)"
DIR_A="$TEST_TMP/sqlite-a"
DIR_B="$TEST_TMP/sqlite-b"
mkdir -p "$DIR_A" "$DIR_B"
start_server "$DIR_A"
stop_server
# The source-only show and its provider, straight into the file, as a sync would add them.
sqlite3 -bail "$DIR_A/recs.sqlite" "
  INSERT INTO providers (id, name, free_to_air) VALUES ('backup_test_tv', 'Backup Test TV', 1);
  INSERT INTO shows (id, title, year, genres, premise, seasons, runtime, countries, network,
    imdb_score, imdb_votes, tmdb_score, tmdb_popularity, classification)
  VALUES ('$FAKE_SHOW', 'Backup Test Show', 2024, '[\"drama\"]', 'A show that only one catalog has.',
    1, 45, '[\"AU\"]', 'BTTV', 7.5, 1200, 7.1, 3.5, 'M');
  INSERT INTO offers (show_id, provider_id, monetization, inferred, basis, last_checked_ts, url,
    available_to) VALUES ('$FAKE_SHOW', 'backup_test_tv', 'free', 0, 'test', 1700000000, '', '');" ||
  fail "the source-only show is added to the SQLite file"

start_server "$DIR_A"
write_first_data
stop_server
# A restarted server reads its state from the file, as the server on a restored file will.
start_server "$DIR_A"
S1=$(state)
API_BODY=$S1
check_jq "first state: 5 ratings, 2 tags, 2 notes, 2 feedback, 2 listed, 2 watches, the source-only show" \
  '([.["Ross.ratings"], .["Wife.ratings"], .["Son.ratings"]] | map(length) | add) == 5
   and ([.["Ross.tags"], .["Wife.tags"]] | map(length) | add) == 2
   and ([.["Ross.notes"], .["Wife.notes"]] | map(length) | add) == 2
   and ([.["Son.feedback"].items, .["Wife.feedback"].items] | map(length) | add) == 2
   and (.watchlist.items | length) == 2
   and (.ledger.watches | length) == 2 and .fake_show.title == "Backup Test Show"'

run_tool OUT env DATA_DIR="$DIR_A" bash "$BACKUP" "$TEST_TMP/a.sqlite.gz"
check_run "db_backup.sh (sqlite) while the server runs" 0 "$TEST_TMP/a.sqlite.gz" "$OUT"
check_eq "db_backup.sh prints the path it wrote, last" "$TEST_TMP/a.sqlite.gz" "$(tail -n 1 <<<"$OUT")"
check_true "the backup is a gzip'd SQLite database" \
  bash -c "gzip -dc '$TEST_TMP/a.sqlite.gz' | head -c 15 | grep -q 'SQLite format 3'"
check_true "no temporary file is left next to the backup" no_temp_files "$TEST_TMP"

# Default name, in the current directory's backups/; an existing file is not overwritten.
run_tool OUT env -C "$TEST_TMP" DATA_DIR="$DIR_A" bash "$BACKUP"
check_run "default name backups/recs-sqlite-<UTC time>.sqlite.gz" 0 \
  'backups/recs-sqlite-[0-9]{8}T[0-9]{6}Z\.sqlite\.gz$' "$OUT"
run_tool OUT env DATA_DIR="$DIR_A" bash "$BACKUP" "$TEST_TMP/a.sqlite.gz"
check_run "an existing backup file is not overwritten" 1 "exists.*--force" "$OUT"
run_tool OUT env DATA_DIR="$TEST_TMP/nowhere" bash "$BACKUP" "$TEST_TMP/none.sqlite.gz"
check_run "no database file: an error, nothing created" 1 "no SQLite database at" "$OUT"
check_true "...and no database was created by it" test ! -e "$TEST_TMP/nowhere/recs.sqlite"

# A backup taken under a stream of writes is consistent.
ROSS=$(profile_id Ross)
(
  for i in $(seq 1 400); do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' \
      --data "{\"profile_id\":$ROSS,\"show_id\":\"tt0043208\",\"primary\":$((i % 3))}" \
      "$BASE_URL/ratings"
  done
) &
WRITER=$!
sleep 0.3
run_tool OUT env DATA_DIR="$DIR_A" bash "$BACKUP" "$TEST_TMP/busy.sqlite.gz"
BUSY_WRITER_ALIVE=no
kill -0 "$WRITER" 2>/dev/null && BUSY_WRITER_ALIVE=yes
kill "$WRITER" 2>/dev/null
wait "$WRITER" 2>/dev/null
check_run "db_backup.sh while the server is writing (writer still running: $BUSY_WRITER_ALIVE)" 0 \
  "busy.sqlite.gz" "$OUT"
gzip -dc "$TEST_TMP/busy.sqlite.gz" >"$TEST_TMP/busy.sqlite"
check_eq "the backup taken under writes passes integrity_check" ok \
  "$(sqlite3 "$TEST_TMP/busy.sqlite" 'PRAGMA integrity_check')"
rm -f "$TEST_TMP/busy.sqlite"
api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"tt0043208\",\"primary\":1}"
api DELETE "/ratings?profile_id=$ROSS&show_id=tt0043208"
check_status "the stream's rating removed again" 204

write_later_data
S2=$(state)
check_ne "the later writes changed the state" "$S1" "$S2"
stop_server

# Restore into a fresh DATA_DIR: exactly the first state.
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" "$TEST_TMP/a.sqlite.gz"
check_run "db_restore.sh into a fresh DATA_DIR" 0 "restored" "$OUT"
start_server "$DIR_B"
check_state "restored server: the first data, exactly, and none of the later writes" "$S1"
stop_server

# Bad files and refusals: each fails with a message and leaves the target as it was.
BEFORE_B=$(sqlite_fingerprint "$DIR_B/recs.sqlite")
check_sqlite_untouched() {
  check_eq "$1: the target is untouched" "$BEFORE_B" "$(sqlite_fingerprint "$DIR_B/recs.sqlite")"
  check_true "$1: no temporary file left in DATA_DIR" no_temp_files "$DIR_B"
}
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" "$TEST_TMP/a.sqlite.gz"
check_run "restore over an existing file without --force is refused" 1 "exists; --force" "$OUT"
check_sqlite_untouched "refused restore"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/missing.sqlite.gz"
check_run "restore of a missing file fails clearly" 1 "no such file" "$OUT"
check_sqlite_untouched "missing file"
head -c 20000 "$TEST_TMP/a.sqlite.gz" >"$TEST_TMP/truncated.sqlite.gz"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/truncated.sqlite.gz"
check_run "restore of a truncated file fails clearly" 1 "not a valid gzip file" "$OUT"
check_sqlite_untouched "truncated file"
echo "just some text" | gzip >"$TEST_TMP/garbage.gz"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/garbage.gz"
check_run "restore of a gzip'd text that is no backup fails clearly" 1 \
  "neither a gzip'd SQLite database nor a gzip'd PostgreSQL dump" "$OUT"
check_sqlite_untouched "not a backup"
# A SQLite header over damaged pages: only the integrity check can tell.
gzip -dc "$TEST_TMP/a.sqlite.gz" >"$TEST_TMP/damaged.sqlite"
SIZE=$(stat -c %s "$TEST_TMP/damaged.sqlite")
dd if=/dev/urandom of="$TEST_TMP/damaged.sqlite" bs=4096 seek=$((SIZE / 4096 / 4)) count=16 \
  conv=notrunc status=none
gzip -f "$TEST_TMP/damaged.sqlite"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/damaged.sqlite.gz"
check_run "restore of a damaged database fails its integrity check" 1 \
  "integrity check|not the service's" "$OUT"
check_sqlite_untouched "damaged database"
start_server "$DIR_B"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/a.sqlite.gz"
check_run "restore while the server has the file open is refused" 1 \
  "open in process $SERVER_PID.*stop it first" "$OUT"
stop_server
check_sqlite_untouched "restore while the server runs"

# --force over the file with the later writes: the first state again; the old file is kept.
BEFORE_A=$(sqlite3 "$DIR_A/recs.sqlite" 'SELECT count(*) FROM ratings')
run_tool OUT env DATA_DIR="$DIR_A" bash "$RESTORE" --force "$TEST_TMP/a.sqlite.gz"
check_run "restore --force over an existing file" 0 "kept as .*recs.sqlite.before-restore" "$OUT"
check_eq "the previous file is kept as recs.sqlite.before-restore" "$BEFORE_A" \
  "$(sqlite3 "$DIR_A/recs.sqlite.before-restore" 'SELECT count(*) FROM ratings')"
start_server "$DIR_A"
check_state "server on the forced restore: the first data again" "$S1"
stop_server

# --- 2. PostgreSQL ---------------------------------------------------------------------------------

echo "# PostgreSQL (t=${SECONDS}s)"
# As root the server runs as `postgres`, which must be able to traverse the test's temp dir.
chmod o+x "$TEST_TMP"
PG_DIR="$TEST_TMP/pg"
if ! PG_CONNINFO=$(bash "$RECS_SOURCE_DIR/test/support/pg_server.sh" start "$PG_DIR" --owner $$); then
  fail "a throwaway PostgreSQL server starts (test/support/pg_server.sh)"
  finish
fi
stop_pg() { bash "$RECS_SOURCE_DIR/test/support/pg_server.sh" stop "$PG_DIR" >/dev/null 2>&1; }
trap 'stop_pg; _lib_cleanup' EXIT
PG_PORT=$(cat "$PG_DIR/port")
PG_USER=$(cat "$PG_DIR/user")
PG_PASSWORD=$(cat "$PG_DIR/password")
for db in recs_a recs_b recs_move recs_move_all; do
  psql -X -q -v ON_ERROR_STOP=1 "$PG_CONNINFO" -c "CREATE DATABASE $db" ||
    fail "CREATE DATABASE $db"
done
url() { echo "postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$1"; }
# pg_parts DB: PG_PARTS, the env assignments that name DB by POSTGRES_*.
pg_parts() {
  PG_PARTS=(POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$PG_PORT" POSTGRES_DB="$1"
    POSTGRES_USER="$PG_USER" POSTGRES_PASSWORD="$PG_PASSWORD")
}
# pg_fingerprint DB: a checksum of the service's tables in DB.
pg_fingerprint() {
  psql -X -A -t -v ON_ERROR_STOP=1 "$PG_CONNINFO dbname=$1" -c "
    SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
      SELECT 'h' || t::text AS x FROM households t UNION ALL
      SELECT 'p' || t::text FROM profiles t UNION ALL
      SELECT 'r' || t::text FROM ratings t UNION ALL
      SELECT 't' || t::text FROM tags t UNION ALL
      SELECT 'n' || t::text FROM notes t UNION ALL
      SELECT 'w' || t::text FROM family_watches t UNION ALL
      SELECT 'f' || t::text FROM family_watch_fits t) all_rows" 2>&1
}
ALL_OUTPUT=""

SERVER_EXTRA_ENV=(DATABASE_URL="$(url recs_a)")
start_server
# The source-only show, as on SQLite, so that the states compare.
psql -X -q -v ON_ERROR_STOP=1 "$(url recs_a)" -c "
  INSERT INTO providers (id, name, free_to_air) VALUES ('backup_test_tv', 'Backup Test TV', 1);
  INSERT INTO shows SELECT '$FAKE_SHOW', 'Backup Test Show', 2024, '[\"drama\"]',
    'A show that only one catalog has.', 1, 45, '[\"AU\"]', 'BTTV', 7.5, 1200, 7.1, 3.5, 'M';
  INSERT INTO offers VALUES ('$FAKE_SHOW', 'backup_test_tv', 'free', 0, 'test', 1700000000, '', '');" ||
  fail "the source-only show is added to PostgreSQL"
stop_server
start_server
write_first_data
stop_server
start_server
P1=$(state)
run_tool OUT env DATABASE_URL="$(url recs_a)" bash "$BACKUP" "$TEST_TMP/a.sql.gz"
ALL_OUTPUT+=$OUT
check_run "db_backup.sh (postgresql, DATABASE_URL) while the server runs" 0 "a.sql.gz$" "$OUT"
check_true "the backup is a gzip'd plain SQL dump without owners or privileges" bash -c "
  gzip -dc '$TEST_TMP/a.sql.gz' | grep -q 'PostgreSQL database dump complete' &&
  ! gzip -dc '$TEST_TMP/a.sql.gz' | grep -Eq 'OWNER TO|^GRANT|^REVOKE'"
pg_parts recs_a
run_tool OUT env -C "$TEST_TMP" "${PG_PARTS[@]}" bash "$BACKUP"
ALL_OUTPUT+=$OUT
check_run "db_backup.sh (postgresql, POSTGRES_*), default name" 0 \
  'backups/recs-postgresql-[0-9]{8}T[0-9]{6}Z\.sql\.gz$' "$OUT"
run_tool OUT env DATABASE_URL="postgresql://$PG_USER:wrong-$PG_PASSWORD@127.0.0.1:$PG_PORT/recs_a" \
  bash "$BACKUP" "$TEST_TMP/wrong.sql.gz"
ALL_OUTPUT+=$OUT
check_run "db_backup.sh with a wrong password fails" 1 "cannot connect|failed" "$OUT"
check_true "...and writes no file" test ! -e "$TEST_TMP/wrong.sql.gz"
write_later_data
check_ne "the later writes changed the state" "$P1" "$(state)"
stop_server

pg_parts recs_b
run_tool OUT env "${PG_PARTS[@]}" bash "$RESTORE" "$TEST_TMP/a.sql.gz"
ALL_OUTPUT+=$OUT
check_run "db_restore.sh into a second, fresh database (POSTGRES_*)" 0 "restored" "$OUT"
SERVER_EXTRA_ENV=(DATABASE_URL="$(url recs_b)")
start_server
check_state "server on the restored database: the first data, exactly" "$P1"
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" --force "$TEST_TMP/a.sql.gz"
ALL_OUTPUT+=$OUT
check_run "restore while a server is connected is refused" 1 "other sessions are connected" "$OUT"
stop_server

BEFORE_PG=$(pg_fingerprint recs_b)
check_pg_untouched() {
  check_eq "$1: the database is untouched" "$BEFORE_PG" "$(pg_fingerprint recs_b)"
}
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" "$TEST_TMP/a.sql.gz"
ALL_OUTPUT+=$OUT
check_run "restore into a non-empty database without --force is refused" 1 \
  "not empty.*--force" "$OUT"
check_pg_untouched "refused restore"
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" --force "$TEST_TMP/a.sqlite.gz"
check_run "a SQLite backup into PostgreSQL is refused" 1 \
  "is a sqlite backup but the configured database is PostgreSQL" "$OUT"
run_tool OUT env DATA_DIR="$DIR_B" bash "$RESTORE" --force "$TEST_TMP/a.sql.gz"
check_run "a PostgreSQL dump into SQLite is refused" 1 \
  "is a postgresql backup but the configured database is SQLite" "$OUT"
check_sqlite_untouched "PostgreSQL dump into SQLite"
head -c 3000 "$TEST_TMP/a.sql.gz" >"$TEST_TMP/truncated.sql.gz"
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" --force "$TEST_TMP/truncated.sql.gz"
check_run "restore of a truncated dump fails clearly" 1 "not a valid gzip file" "$OUT"
check_pg_untouched "truncated dump"
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" --force "$TEST_TMP/missing.sql.gz"
check_run "restore of a missing dump fails clearly" 1 "no such file" "$OUT"
check_pg_untouched "missing dump"
# A dump that breaks half-way, after --force dropped the schema: all rolled back.
{ gzip -dc "$TEST_TMP/a.sql.gz"; echo "INSERT INTO ratings VALUES (1, 'x', 7, NULL, 'app', 0);"; } |
  gzip >"$TEST_TMP/failing.sql.gz"
run_tool OUT env DATABASE_URL="$(url recs_b)" bash "$RESTORE" --force "$TEST_TMP/failing.sql.gz"
ALL_OUTPUT+=$OUT
check_run "a dump that fails half-way is rolled back" 1 "failed and was rolled back" "$OUT"
check_pg_untouched "failing dump, --force"

# --force over the database with the later writes: the first state again.
run_tool OUT env DATABASE_URL="$(url recs_a)" bash "$RESTORE" --force "$TEST_TMP/a.sql.gz"
ALL_OUTPUT+=$OUT
check_run "restore --force over a database with data" 0 "restored" "$OUT"
SERVER_EXTRA_ENV=(DATABASE_URL="$(url recs_a)")
start_server
check_state "server on the forced restore: the first data again" "$P1"
stop_server

# --- 3. recs-move: SQLite to PostgreSQL ------------------------------------------------------------

echo "# recs-move (t=${SECONDS}s)"
# A database the server has already started on: bundled catalog, an (empty) demo household.
SERVER_EXTRA_ENV=(DATABASE_URL="$(url recs_move)")
start_server
api POST /ratings "{\"profile_id\":$(profile_id Ross),\"show_id\":\"tt0944947\",\"primary\":1}"
check_status "a rating in the target's own demo household" 201
stop_server
BEFORE_MOVE=$(pg_fingerprint recs_move)

run_tool OUT env DATA_DIR="$DIR_B" DATABASE_URL="$(url recs_move)" \
  "$RECS_MOVE_BIN" --email demo@local.test
ALL_OUTPUT+=$OUT
check_run "recs-move refuses an email the target has" 1 "already has a household of demo@local.test.*--replace" "$OUT"
check_eq "...and writes nothing" "$BEFORE_MOVE" "$(pg_fingerprint recs_move)"
run_tool OUT env DATA_DIR="$DIR_B" DATABASE_URL="$(url recs_move)" \
  "$RECS_MOVE_BIN" --email DEMO@local.test --replace
ALL_OUTPUT+=$OUT
check_run "recs-move --replace" 0 \
  "added 1 show and 1 provider the target lacked.*moved demo@local.test \(replaced\): 3 profiles, 5 ratings, 2 tags, 2 notes, 2 feedback marks, 2 watchlist entries, 2 family watches \(5 fits\)" \
  "$OUT"
start_server
check_state "server on PostgreSQL: the moved household, exactly as on SQLite" "$S1"
api GET /admin/status
check_jq "the replaced household is gone (3 profiles in all)" '.profiles == 3'
stop_server

# A move that fails half-way (PostgreSQL cannot store a NUL byte that SQLite kept in a note)
# leaves the target as it was: the incomplete copy is deleted again.
cp "$DIR_B/recs.sqlite" "$TEST_TMP/nul.sqlite"
sqlite3 -bail "$TEST_TMP/nul.sqlite" "INSERT INTO notes SELECT id, 'tt0043208',
  CAST(X'61006263' AS TEXT), 5 FROM profiles WHERE name = 'Son'" || fail "a NUL byte in a note"
BEFORE_MOVE=$(pg_fingerprint recs_move)
run_tool OUT env DATABASE_URL="$(url recs_move)" \
  "$RECS_MOVE_BIN" --email demo@local.test --replace --from "$TEST_TMP/nul.sqlite"
ALL_OUTPUT+=$OUT
check_run "a move that fails half-way reports it" 1 "not moved.*NUL byte" "$OUT"
check_eq "...and leaves the target as it was" "$BEFORE_MOVE" "$(pg_fingerprint recs_move)"

pg_parts recs_move_all
run_tool OUT env DATA_DIR="$DIR_B" "${PG_PARTS[@]}" "$RECS_MOVE_BIN" --all
ALL_OUTPUT+=$OUT
check_run "recs-move --all into a fresh database (POSTGRES_*)" 0 "done: 1 household moved" "$OUT"
SERVER_EXTRA_ENV=(DATABASE_URL="$(url recs_move_all)")
start_server
check_state "server on that database (catalog loaded after the move): the same household" "$S1"
stop_server

run_tool OUT env DATA_DIR="$DIR_B" DATABASE_URL="$(url recs_move)" \
  "$RECS_MOVE_BIN" --email nobody@local.test
check_run "recs-move of an unknown email" 1 "no household belongs to nobody@local.test" "$OUT"
run_tool OUT env DATABASE_URL="$(url recs_move)" "$RECS_MOVE_BIN" --all --from "$TEST_TMP/none.sqlite"
check_run "recs-move from a missing file" 1 "no SQLite file at" "$OUT"
check_true "...which it does not create" test ! -e "$TEST_TMP/none.sqlite"
run_tool OUT env DATA_DIR="$DIR_B" "$RECS_MOVE_BIN" --all
check_run "recs-move without a PostgreSQL target" 1 "no PostgreSQL target" "$OUT"
run_tool OUT "$RECS_MOVE_BIN" --email a@b --all
check_run "recs-move usage error" 2 "either --email EMAIL or --all" "$OUT"
run_tool OUT "$RECS_MOVE_BIN" --help
check_run "recs-move --help" 0 "usage: recs-move" "$OUT"
run_tool OUT bash "$BACKUP" --help
check_run "db_backup.sh --help" 0 "usage: db_backup.sh" "$OUT"
run_tool OUT bash "$RESTORE" --help
check_run "db_restore.sh --help" 0 "usage: db_restore.sh" "$OUT"

if [[ "$ALL_OUTPUT" == *HOOKSECRET* ]]; then
  fail "the household's webhook URL never appears in the scripts' or recs-move's output"
else
  ok "the household's webhook URL never appears in the scripts' or recs-move's output"
fi
if [[ "$ALL_OUTPUT" == *"$PG_PASSWORD"* ]]; then
  fail "the PostgreSQL password never appears in the scripts' or recs-move's output"
else
  ok "the PostgreSQL password never appears in the scripts' or recs-move's output"
fi

stop_pg
echo "# done (t=${SECONDS}s)"
finish
