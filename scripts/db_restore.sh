#!/usr/bin/env bash
# Restores a backup made by db_backup.sh; see usage() and docs/operations.md.
set -euo pipefail
DB_SCRIPT=db_restore.sh
# shellcheck source-path=SCRIPTDIR source=db_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/db_env.sh"

usage() {
  cat <<'EOF'
usage: db_restore.sh [--force] FILE

Restores FILE, a backup made by db_backup.sh, into the database recs-server is configured with
(same environment as the server). The kind of backup is read from the file itself; a PostgreSQL
dump for a SQLite configuration, or the other way round, is refused. Stop the server first.
  PostgreSQL (DATABASE_URL, or POSTGRES_HOST / POSTGRES_DB with POSTGRES_USER, POSTGRES_PASSWORD,
  POSTGRES_PORT): the dump is run by psql (ON_ERROR_STOP) in one transaction, into a database
  whose schema public is empty. With --force the schema public is dropped and recreated first,
  in that same transaction: a failed restore leaves the database as it was. Refused while other
  sessions are connected to the database.
  SQLite ($DATA_DIR/recs.sqlite, DATA_DIR default ./var): the file is unpacked next to the
  target, must pass PRAGMA integrity_check and hold the service's schema, and is then renamed
  into place. Refused while a process has the target open. An existing target needs --force
  and is kept as recs.sqlite.before-restore (replacing an older one).

  --force   replace existing data (see above)
  --help    this text
Exit status: 0 when restored, 1 when nothing was changed (bad file, refused, failed), 2 on a
usage error.
EOF
}

parse_args "$@"
file=$FILE_ARG
[ -n "$file" ] || usage_error "FILE is required"

need_tools gzip
[ -e "$file" ] || die "$file: no such file; nothing was changed"
if [ ! -f "$file" ] || [ ! -r "$file" ]; then die "$file: not a readable file; nothing was changed"; fi
gzip -t -- "$file" 2>/dev/null ||
  die "$file: not a valid gzip file (corrupt or truncated?); nothing was changed"
kind=$(backup_kind "$file")
[ "$kind" != unknown ] ||
  die "$file: neither a gzip'd SQLite database nor a gzip'd PostgreSQL dump; nothing was changed"

db_select_backend
if [ "$kind" != "$DB_BACKEND" ]; then
  case "$DB_BACKEND" in
    postgresql) where="PostgreSQL (DATABASE_URL or POSTGRES_* is set)" ;;
    sqlite) where="SQLite ($SQLITE_DB; set DATABASE_URL or POSTGRES_* for PostgreSQL)" ;;
  esac
  die "$file is a $kind backup but the configured database is $where; nothing was changed"
fi

# --- PostgreSQL --------------------------------------------------------------------------------

restore_postgresql() {
  need_tools psql
  local who others tables log
  who=$(pg_describe)
  # A server still connected would keep working on what is about to be replaced.
  others=$(psql_value "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                       AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
  [ "$others" = 0 ] ||
    die "$others other sessions are connected to $who (a running recs-server?): stop them first; nothing was changed"
  { gzip -dc -- "$file" || true; } | grep -q 'CREATE TABLE public\.schema_migrations' ||
    die "$file: a PostgreSQL dump, but not of the service's database (no schema_migrations); nothing was changed"
  tables=$(psql_value "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public'")
  if [ "$tables" != 0 ] && ! $FORCE; then
    die "$who is not empty ($tables relations in schema public); --force drops and recreates the schema public first; nothing was changed"
  fi
  echo "$DB_SCRIPT: restoring $file into postgresql $who" >&2
  log=$(mktemp "${TMPDIR:-/tmp}/recs-restore.XXXXXX")
  TMP_FILES+=("$log")
  if ! {
    if $FORCE; then printf 'DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n'; fi
    gzip -dc -- "$file"
  } | psql -X -w -q -v ON_ERROR_STOP=1 --single-transaction -f - "${PG_ARGS[@]}" >/dev/null 2>"$log"; then
    echo "$DB_SCRIPT: psql said:" >&2
    grep -v '^NOTICE' "$log" | tail -n 5 >&2 || true
    die "restoring $file failed and was rolled back; $who is unchanged"
  fi
  echo "$DB_SCRIPT: restored $file into $who" >&2
}

# --- SQLite ------------------------------------------------------------------------------------

# sqlite_users PATH: the ids of the processes that have PATH (or its -wal or -shm) open, from
# /proc (processes of other users are seen only by root).
sqlite_users() {
  local real
  real=$(readlink -f -- "$1")
  { find /proc/[0-9]*/fd -maxdepth 1 -type l -printf '%h\t%l\n' 2>/dev/null || true; } |
    awk -F '\t' -v f="$real" '$2 == f || $2 == f "-wal" || $2 == f "-shm" {
      split($1, p, "/"); print p[3] }' | sort -u | tr '\n' ' '
}

refuse_if_open() {
  local users
  users=$(sqlite_users "$1")
  [ -z "$users" ] ||
    die "$1 is open in process $users(a running recs-server?): stop it first; nothing was changed"
}

restore_sqlite() {
  need_tools sqlite3
  local target=$SQLITE_DB dir before tmp check kept=""
  dir=$(dirname -- "$target")
  before=$target.before-restore
  mkdir -p -- "$dir"
  refuse_if_open "$target"
  if [ -e "$target" ] && ! $FORCE; then
    die "$target exists; --force replaces it (keeping it as $before); nothing was changed"
  fi
  tmp=$(mktemp "$dir/.recs.sqlite.restore.XXXXXX")
  TMP_FILES+=("$tmp" "$tmp-wal" "$tmp-shm" "$tmp-journal")
  gzip -dc -- "$file" >"$tmp" || die "unpacking $file failed; nothing was changed"
  check=$(sqlite3 -bail "$tmp" "PRAGMA integrity_check" 2>&1) || true
  [ "$check" = ok ] ||
    die "$file: the database fails its integrity check (${check:0:300}); nothing was changed"
  check=$(sqlite3 -bail "$tmp" \
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'" 2>&1) || true
  [ "$check" = 1 ] ||
    die "$file: a SQLite database, but not the service's (no schema_migrations); nothing was changed"
  # The server's user must be able to open it: the owner and mode of the file it replaces, or
  # the owner of DATA_DIR (as root; mktemp made it 0600 and ours).
  if [ -e "$target" ]; then
    chmod --reference="$target" -- "$tmp"
    chown --reference="$target" -- "$tmp" 2>/dev/null || true
  else
    chown --reference="$dir" -- "$tmp" 2>/dev/null || true
  fi
  fsync_file "$tmp"

  if [ -e "$target" ]; then
    refuse_if_open "$target"
    # A server that was killed leaves committed writes in the -wal file: fold them into the
    # database (as SQLite would on the next open) so that the kept copy is one complete file.
    if [ -e "$target-wal" ]; then
      sqlite3 -bail "$target" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null ||
        die "cannot checkpoint $target-wal; nothing was changed"
    fi
    [ ! -s "$target-wal" ] || die "$target-wal is still there; nothing was changed"
    rm -f -- "$target-wal" "$target-shm"
    [ ! -e "$before" ] || echo "$DB_SCRIPT: replacing the older $before" >&2
    # A hard link keeps the old file while the rename below swaps the new one in: the target
    # name never goes missing. A copy where the file system has no hard links.
    ln -f -- "$target" "$before" 2>/dev/null || cp -f -- "$target" "$before"
    fsync_file "$before"
    kept=" (the previous file is kept as $before)"
  fi
  mv -f -- "$tmp" "$target"
  fsync_dir "$dir"
  echo "$DB_SCRIPT: restored $file into $target$kept" >&2
}

case "$DB_BACKEND" in
  postgresql) restore_postgresql ;;
  sqlite) restore_sqlite ;;
esac
