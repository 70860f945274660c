#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, in a directory of its own.
#
#   pg_server.sh start DIR [--owner PID]   initdb (first time) and start on a free loopback port
#   pg_server.sh stop DIR                  stop the server started in DIR, by its PID
#
# start writes DIR/port, DIR/pid, DIR/user and DIR/password and prints one conninfo line,
# "host=127.0.0.1 port=N user=U password=P dbname=postgres". Starting a DIR that was stopped
# reuses its data and its port (a restart). The server listens on 127.0.0.1 only, keeps its unix
# socket in DIR, runs with fsync on and asks for a password over TCP (scram-sha-256). With
# --owner, a watchdog stops the server once process PID has gone, so a crashed or killed test
# leaves no server behind. As root, the server runs as the `postgres` user (initdb refuses
# root) and DIR is handed to it, so the directories above DIR must let others traverse them.
# The binaries are found with pg_config --bindir, then in /usr/lib/postgresql/*/bin (Debian,
# newest first), then on PATH; RECS_PG_BINDIR names the directory explicitly instead.
# Exit status 3: the server binaries are missing.
set -euo pipefail

die() {
  echo "pg_server.sh: $*" >&2
  exit 1
}

usage() { die "usage: pg_server.sh start DIR [--owner PID] | stop DIR"; }

find_bindir() {
  local d
  if [ -n "${RECS_PG_BINDIR:-}" ]; then  # an explicit choice: nothing else is tried
    [ -x "$RECS_PG_BINDIR/initdb" ] && [ -x "$RECS_PG_BINDIR/pg_ctl" ] || return 1
    echo "$RECS_PG_BINDIR"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  fi
  # Debian keeps the server binaries off PATH, one directory per major version: take the newest.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
    return 0
  fi
  return 1
}

# Runs a command as the user that owns the server: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null
}

start() {
  local dir=$1 owner=${2:-}
  local bindir
  if ! bindir=$(find_bindir); then
    echo "pg_server.sh: the PostgreSQL server binaries (initdb, pg_ctl, postgres) are missing;" \
      "run 'make deps-test' to install the 'postgresql' package" >&2
    exit 3
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/pid" ] && pid_alive "$(cat "$dir/pid")"; then
    die "a server is already running from $dir (pid $(cat "$dir/pid"))"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (make deps-test)"
    chown postgres "$dir"
    chmod 700 "$dir"
    runuser -u postgres -- test -x "$dir" ||
      die "the postgres user cannot reach $dir: every directory above it needs o+x"
  fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    local user=recs password
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '%s\n' "$password" >"$dir/password" && printf '%s\n' "$user" >"$dir/user")
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir/password" "$dir/user"
    as_owner "$bindir/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      die "initdb failed in $dir/data"
    }
  fi

  local port="" attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if [ -f "$dir/port" ] && [ "$attempt" -eq 1 ]; then
      port=$(cat "$dir/port")  # a restart keeps its port: clients reconnect to the same address
    else
      port=$((20000 + RANDOM % 30000))
      port_in_use "$port" && continue
    fi
    # fsync and synchronous_commit stay on: the durability tests rely on them.
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=on -c synchronous_commit=on -c max_connections=50" \
      start </dev/null >>"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    port=""
  done
  [ -n "$port" ] || {
    tail -n 20 "$dir/server.log" >&2 || true
    die "could not start a server from $dir (see $dir/server.log)"
  }

  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  printf '%s\n' "$port" >"$dir/port"
  printf '%s\n' "$pid" >"$dir/pid"
  local tries=0
  until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; do
    tries=$((tries + 1))
    [ $tries -lt 30 ] || die "server in $dir (pid $pid) is not accepting connections"
    sleep 0.2
  done

  if [ -n "$owner" ]; then
    # Detached, with no inherited descriptors: a test runner waiting on our output must not
    # wait on the watchdog too.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
                    kill -0 "$2" 2>/dev/null && exec "$3" stop "$4"' \
      watchdog "$owner" "$pid" "$0" "$dir" </dev/null >/dev/null 2>&1 &
  fi
  echo "host=127.0.0.1 port=$port user=$(cat "$dir/user") password=$(cat "$dir/password") dbname=postgres"
}

stop() {
  local dir=$1
  [ -f "$dir/pid" ] || return 0
  local pid
  pid=$(cat "$dir/pid")
  if pid_alive "$pid"; then
    kill -INT "$pid" 2>/dev/null || true  # fast shutdown: roll back, checkpoint, exit
    local i
    for i in $(seq 1 100); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    if pid_alive "$pid"; then
      kill -QUIT "$pid" 2>/dev/null || true  # immediate shutdown
      sleep 1
    fi
    pid_alive "$pid" && die "server pid $pid in $dir did not stop"
  fi
  rm -f "$dir/pid"
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2
shift 2
case "$cmd" in
  start)
    owner=""
    if [ $# -gt 0 ]; then
      [ "$1" = "--owner" ] && [ $# -eq 2 ] || usage
      owner=$2
    fi
    start "$dir" "$owner"
    ;;
  stop)
    [ $# -eq 0 ] || usage
    stop "$dir"
    ;;
  *) usage ;;
esac
