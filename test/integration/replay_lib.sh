#!/usr/bin/env bash
# Helpers for the shell tests that run recs-replay (stand-in upstreams) and a /ws client
# (recs-ws-watch, recs-ws-alerts); sourced after lib.sh, never run. Gives:
#   require_executables USAGE FILE...  exit 2 with USAGE unless every FILE is executable
#   now_ms                             the wall-clock time in unix milliseconds
#   wait_file FILE [TENTHS=50]         until FILE is non-empty (at most TENTHS x 0.1 s)
#   start_replay DESC DIR [ARGS...]    recs-replay ($REPLAY) on DIR/routes.json on a free port
#                                      (sets REPLAY_PID and RP; fails and finishes without one)
#   write_routes DIR ARRAY...          DIR/routes.json: the default scenario of the JSON ARRAYs' routes
#   discord_routes PATH BODY_CONTAINS  the routes of a stand-in Discord webhook (a JSON array)
#   hooks_log                          the requests recs-replay got (JSON, GET /__replay/log)
#   replay_cleanup                     kills WS_PID, stops REPLAY_PID, then lib.sh's cleanup
# replay_cleanup is the EXIT trap; a script with more to stop traps its own and calls it last.

REPLAY_PID="" WS_PID="" RP=""

# require_executables USAGE FILE...
require_executables() {
  local usage=$1 f
  shift
  for f in "$@"; do
    [ -n "$f" ] && [ -x "$f" ] || {
      echo "usage: $0 $usage" >&2
      exit 2
    }
  done
}

now_ms() { date +%s%3N; }

# wait_file FILE [TENTHS]: 0 once FILE is non-empty, 1 after TENTHS tenths of a second (5 s).
wait_file() {
  local i
  for ((i = 0; i < ${2:-50}; i++)); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  [ -s "$1" ]
}

# write_routes DIR ARRAY...: creates DIR and writes DIR/routes.json for recs-replay, whose
# "default" scenario is the routes of the JSON ARRAYs, in order.
write_routes() {
  local dir=$1
  shift
  mkdir -p "$dir"
  printf '%s\n' "$@" | jq -s '{scenarios: {default: add}}' >"$dir/routes.json"
}

# discord_routes PATH BODY_CONTAINS: a stand-in Discord webhook at PATH answering 204 to a POST
# whose body contains BODY_CONTAINS and 400 (as Discord does to an empty message) to any other.
discord_routes() {
  jq -n --arg path "$1" --arg has "$2" '[
    {comment: "Discord: 204 for the expected body, else 400", method: "POST", path: $path,
     body_contains: $has, response: {status: 204, body: ""}},
    {method: "POST", path: $path,
     response: {status: 400, body_json: {message: "Cannot send an empty message", code: 50006}}}]'
}

# start_replay DESCRIPTION DIR [ARGS...]: starts $REPLAY --routes DIR/routes.json ARGS with its
# port in DIR/port and its output in DIR/replay.out and replay.err; passes DESCRIPTION once the
# port is known (RP), else fails with replay.err and finishes.
start_replay() {
  local desc=$1 dir=$2
  shift 2
  "$REPLAY" --routes "$dir/routes.json" "$@" --port-file "$dir/port" \
    >"$dir/replay.out" 2>"$dir/replay.err" &
  REPLAY_PID=$!
  wait_file "$dir/port"
  RP=$(cat "$dir/port" 2>/dev/null)
  if [ -n "$RP" ]; then
    ok "$desc"
  else
    fail "$desc" "$(cat "$dir/replay.err")"
    finish
  fi
}

hooks_log() { curl -s --max-time 5 "http://127.0.0.1:$RP/__replay/log"; }

replay_cleanup() {
  [ -n "$WS_PID" ] && kill "$WS_PID" 2>/dev/null
  stop_pid "$REPLAY_PID"
  _lib_cleanup
}
trap replay_cleanup EXIT
