#!/usr/bin/env bash
# Backs up the service's database; see usage() and docs/operations.md.
set -euo pipefail
DB_SCRIPT=db_backup.sh
# shellcheck source-path=SCRIPTDIR source=db_env.sh
source "$(dirname "${BASH_SOURCE[0]}")/db_env.sh"

usage() {
  cat <<'EOF'
usage: db_backup.sh [--force] [OUT_FILE]

Backs up the database recs-server is configured with (same environment as the server):
  PostgreSQL (DATABASE_URL, or POSTGRES_HOST / POSTGRES_DB with POSTGRES_USER, POSTGRES_PASSWORD,
  POSTGRES_PORT): a gzip'd plain SQL dump by pg_dump, without owners or privileges, so that it
  restores into a database of another role. Default OUT_FILE:
  backups/recs-postgresql-<UTC time>.sql.gz
  SQLite (otherwise: $DATA_DIR/recs.sqlite, DATA_DIR default ./var): a consistent online copy
  (sqlite3 .backup, safe while the server runs and writes), checked with PRAGMA integrity_check,
  gzip'd. Default OUT_FILE: backups/recs-sqlite-<UTC time>.sqlite.gz

The file is written under a temporary name next to OUT_FILE, flushed to disk, then renamed, so
OUT_FILE is either complete or absent. Prints the path written. Restore with db_restore.sh.

  --force   overwrite OUT_FILE if it exists (else that is an error)
  --help    this text
Exit status: 0 when the backup was written, 1 on any failure, 2 on a usage error.
EOF
}

parse_args "$@"
out=$FILE_ARG

db_select_backend
stamp=$(date -u +%Y%m%dT%H%M%SZ)
case "$DB_BACKEND" in
  postgresql)
    need_tools pg_dump psql gzip
    out=${out:-backups/recs-postgresql-$stamp.sql.gz}
    who=$(pg_describe) # connects once: a bad setting fails here, before anything is created
    ;;
  sqlite)
    need_tools sqlite3 gzip
    out=${out:-backups/recs-sqlite-$stamp.sqlite.gz}
    [ -f "$SQLITE_DB" ] ||
      die "no SQLite database at $SQLITE_DB (set DATA_DIR; DATABASE_URL or POSTGRES_* for PostgreSQL)"
    ;;
esac
if [ -e "$out" ] && ! $FORCE; then
  die "$out exists (--force overwrites it)"
fi
out_dir=$(dirname -- "$out")
mkdir -p -- "$out_dir"
# Temporary files next to the output, so that the final rename stays on one file system; names
# of our own (no quote characters), which the sqlite3 .backup command below relies on.
tmp=$(mktemp "$out_dir/.recs-backup.XXXXXX")
TMP_FILES+=("$tmp")

case "$DB_BACKEND" in
  postgresql)
    echo "$DB_SCRIPT: dumping postgresql $who" >&2
    pg_dump -w --format=plain --no-owner --no-privileges "${PG_ARGS[@]}" | gzip -c >"$tmp" ||
      die "pg_dump failed; no backup written"
    ;;
  sqlite)
    echo "$DB_SCRIPT: copying sqlite $SQLITE_DB" >&2
    snapshot=$(mktemp "$out_dir/.recs-snapshot.XXXXXX")
    TMP_FILES+=("$snapshot" "$snapshot-wal" "$snapshot-shm" "$snapshot-journal")
    db=$(cd "$(dirname -- "$SQLITE_DB")" && pwd)/$(basename -- "$SQLITE_DB")
    # The online backup API copies a consistent snapshot; a busy writer only delays it.
    (cd "$out_dir" && sqlite3 -bail -cmd ".timeout 10000" "$db" \
      ".backup main '$(basename -- "$snapshot")'") || die "sqlite3 .backup of $db failed; no backup written"
    check=$(sqlite3 -bail "$snapshot" "PRAGMA integrity_check" 2>&1) || true
    [ "$check" = ok ] || die "the copy of $db fails its integrity check: ${check:0:300}"
    gzip -c -- "$snapshot" >"$tmp" || die "gzip failed; no backup written"
    ;;
esac
fsync_file "$tmp"
mv -f -- "$tmp" "$out"
fsync_dir "$out_dir"
echo "$DB_SCRIPT: wrote $out ($(wc -c <"$out") bytes)" >&2
printf '%s\n' "$out"
