#!/usr/bin/env bash
# A throwaway redis-server for tests, on a free loopback port, with no persistence.
#
#   redis_server.sh start <dir> [redis-server options...]   prints the port on stdout
#   redis_server.sh stop <dir>
#
# start: runs redis-server daemonized in <dir> (pidfile, log, no RDB/AOF), bound to 127.0.0.1,
# and waits until it answers PING. The port is kept in <dir>/port: a start after a stop in the
# same <dir> reuses it (a "restart on the same port"), else a free port is picked (and another
# one tried if the server cannot bind it). Extra options go to redis-server as they are, e.g.
# `--requirepass secret`. With REDIS_OWNER_PID set, a watcher stops the server when that process
# is gone, so a killed test leaves no daemon behind.
# stop: TERM by PID (KILL after 5 s), waits until the process is gone. Exit status 0 if nothing
# was running.
# Exit status 2 when redis-server is not installed: run `make deps-test` (Debian redis-server).
set -euo pipefail

usage() { echo "usage: $0 start|stop <dir> [redis-server options...]" >&2; exit 64; }
[ $# -ge 2 ] || usage
cmd=$1 dir=$2
shift 2

# Alive: exists and is not a zombie waiting to be reaped.
pid_alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# Sends PING; true when the server answers PONG (or NOAUTH: up, but password-protected).
answers_ping() {
  local port=$1 line=""
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 1 line <&3 || true
  exec 3<&- 3>&-
  [[ $line == +PONG* || $line == -NOAUTH* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_on() {
  local port=$1
  shift
  rm -f "$dir/redis.pid"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$dir/redis.pid" \
    --logfile "$dir/redis.log" --dir "$dir" --save '' --appendonly no "$@" >/dev/null || return 1
  local i pid=""
  for i in $(seq 1 100); do  # up to 10 s
    [ -s "$dir/redis.pid" ] && pid=$(cat "$dir/redis.pid")
    if [ -n "$pid" ]; then
      pid_alive "$pid" || return 1
      answers_ping "$port" && return 0
    elif [ "$i" -gt 20 ] && grep -q 'Could not create server TCP listening socket' \
      "$dir/redis.log" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

watch_owner() {
  local owner=$1
  nohup bash -c '
    while kill -0 "$1" 2>/dev/null && [ -s "$2/redis.pid" ]; do sleep 1; done
    if ! kill -0 "$1" 2>/dev/null && [ -s "$2/redis.pid" ]; then
      pid=$(cat "$2/redis.pid"); kill -TERM "$pid" 2>/dev/null; kill -CONT "$pid" 2>/dev/null
    fi' _ "$owner" "$dir" >/dev/null 2>&1 &
}

case $cmd in
  start)
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "redis-server is not installed: run \`make deps-test\` (Debian package redis-server)" >&2
      exit 2
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -s "$dir/redis.pid" ] && pid_alive "$(cat "$dir/redis.pid")"; then
      echo "a redis-server from $dir is already running (pid $(cat "$dir/redis.pid"))" >&2
      exit 1
    fi
    if [ -s "$dir/port" ]; then
      port=$(cat "$dir/port")
      start_on "$port" "$@" || { echo "redis-server did not start on port $port; see $dir/redis.log" >&2; exit 1; }
    else
      started=""
      for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        port_in_use "$port" && continue
        if start_on "$port" "$@"; then started=1; break; fi
      done
      [ -n "$started" ] || { echo "redis-server did not start; see $dir/redis.log" >&2; exit 1; }
      echo "$port" >"$dir/port"
    fi
    [ -n "${REDIS_OWNER_PID:-}" ] && watch_owner "$REDIS_OWNER_PID"
    echo "$port"
    ;;
  stop)
    [ -s "$dir/redis.pid" ] || exit 0
    pid=$(cat "$dir/redis.pid")
    if pid_alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      kill -CONT "$pid" 2>/dev/null || true  # a test may have frozen it with SIGSTOP
      for i in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.1; done
      pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
      for i in $(seq 1 20); do pid_alive "$pid" || break; sleep 0.1; done
    fi
    rm -f "$dir/redis.pid"
    ;;
  *) usage ;;
esac
