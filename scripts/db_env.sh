#!/usr/bin/env bash
# Shared by db_backup.sh and db_restore.sh; sourced, never run. The sourcing script sets
# DB_SCRIPT (its name, for messages) and `set -euo pipefail` first.
#
# db_select_backend chooses the database exactly as recs-server does (app/main.cpp,
# storage/pg_conninfo.cpp): PostgreSQL with DATABASE_URL (a libpq URL or conninfo) when it is
# set; else PostgreSQL when POSTGRES_HOST or POSTGRES_DB is set, from POSTGRES_HOST,
# POSTGRES_PORT (default 5432), POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD; else the
# SQLite file $DATA_DIR/recs.sqlite (DATA_DIR default ./var). It sets DB_BACKEND (postgresql or
# sqlite), SQLITE_DB, and PG_ARGS: the connection options for pg_dump and psql. The parts of
# POSTGRES_* go to libpq through PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD, so the
# password is never on a command line; a DATABASE_URL is passed as it is (--dbname).

# Files removed on exit, whatever the outcome: add temporary files with `TMP_FILES+=(path)`.
TMP_FILES=()
_db_cleanup() {
  [ ${#TMP_FILES[@]} -eq 0 ] || rm -f -- "${TMP_FILES[@]}"
}
trap _db_cleanup EXIT

die() {
  echo "$DB_SCRIPT: $*" >&2
  exit 1
}

usage_error() {
  echo "$DB_SCRIPT: $* (see --help)" >&2
  exit 2
}

# parse_args ARG...: the command line of both scripts: --help (the sourcing script's usage(),
# exit 0), --force (FORCE=true) and at most one file (FILE_ARG); anything else is a usage error.
# shellcheck disable=SC2034  # FORCE and FILE_ARG are for the sourcing script
parse_args() {
  FORCE=false
  FILE_ARG=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help)
        usage
        exit 0
        ;;
      --force) FORCE=true ;;
      -*) usage_error "unknown option: $1" ;;
      *)
        [ -z "$FILE_ARG" ] || usage_error "more than one file: $FILE_ARG, $1"
        FILE_ARG=$1
        ;;
    esac
    shift
  done
}

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 ||
      die "missing tool: $tool (Debian: sqlite3, gzip, postgresql-client; make deps-test)"
  done
}

# shellcheck disable=SC2034  # DB_BACKEND, SQLITE_DB and PG_ARGS are for the sourcing script
db_select_backend() {
  PG_ARGS=()
  SQLITE_DB=""
  if [ -n "${DATABASE_URL:-}" ]; then
    DB_BACKEND=postgresql
    PG_ARGS=(--dbname="$DATABASE_URL")
  elif [ -n "${POSTGRES_HOST:-}" ] || [ -n "${POSTGRES_DB:-}" ]; then
    DB_BACKEND=postgresql
    if [ -n "${POSTGRES_HOST:-}" ]; then export PGHOST=$POSTGRES_HOST; fi
    export PGPORT=${POSTGRES_PORT:-5432}
    if [ -n "${POSTGRES_DB:-}" ]; then export PGDATABASE=$POSTGRES_DB; fi
    if [ -n "${POSTGRES_USER:-}" ]; then export PGUSER=$POSTGRES_USER; fi
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then export PGPASSWORD=$POSTGRES_PASSWORD; fi
  else
    DB_BACKEND=sqlite
    SQLITE_DB="${DATA_DIR:-./var}/recs.sqlite"
  fi
  # An unreachable server fails within seconds instead of hanging a cron job.
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
}

# psql_value SQL: the single value SQL returns, from the configured PostgreSQL database. Never
# prompts for a password (-w): a missing one is an error.
psql_value() {
  psql -X -w -q -A -t -v ON_ERROR_STOP=1 "${PG_ARGS[@]}" -c "$1"
}

# pg_describe: "database D at HOST:PORT as USER" of the configured database (asked of the server,
# so it never contains the password); dies, with psql's message, when it cannot connect.
pg_describe() {
  local who
  who=$(psql_value "SELECT format('database %s at %s:%s as %s', current_database(),
                      coalesce(host(inet_server_addr()), 'local socket'),
                      current_setting('port'), current_user)" 2>&1) ||
    die "cannot connect to PostgreSQL: $who"
  printf '%s\n' "$who"
}

# backup_kind FILE: "sqlite" for a gzip'd SQLite database, "postgresql" for a gzip'd plain SQL
# dump from pg_dump, "unknown" for anything else. FILE must be a valid gzip file (gzip -t).
backup_kind() {
  local head
  # Only the first bytes: gzip may die of SIGPIPE when head has read enough.
  head=$({ gzip -dc -- "$1" 2>/dev/null || true; } | head -c 256 | LC_ALL=C tr -d '\000')
  case "$head" in
    "SQLite format 3"*) echo sqlite ;;
    *"-- PostgreSQL database dump"*) echo postgresql ;;
    *) echo unknown ;;
  esac
}

# fsync_file FILE: FILE's data on disk, or die.
fsync_file() {
  sync -- "$1" || die "cannot flush $1 to disk"
}

# fsync_dir DIR: DIR's entries (a rename) on disk; best effort, as not every file system can.
fsync_dir() {
  sync -- "$1" 2>/dev/null || true
}
