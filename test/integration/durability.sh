#!/usr/bin/env bash
# An acknowledged rating survives a crash: POST /ratings, and as soon as the 201 arrives
# kill -9 the server, restart it on the same DATA_DIR and find the rating again. Five rounds,
# different shows; after the last restart all five are present with their verdicts.
# Usage: durability.sh <recs-server binary> <source dir>
source "$(dirname "$0")/lib.sh"

ROUNDS=5
start_server
DATA=$SERVER_DATA_DIR

api GET /me/profiles
check_status "GET /me/profiles" 200
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
[[ "$ROSS" =~ ^[0-9]+$ ]] || { fail "Ross has a numeric profile id" "got: $ROSS"; finish; }
PROFILES_BEFORE=$(jqr '[.[] | {id, name}] | sort_by(.id) | tojson')

api GET "/shows?q=&limit=$ROUNDS"
check_status "GET /shows" 200
mapfile -t SHOWS < <(jqr '.items[].id')
if [ "${#SHOWS[@]}" -lt "$ROUNDS" ]; then
  fail "the catalog has $ROUNDS shows to rate" "got ${#SHOWS[@]}: $(_short_body)"
  finish
fi

declare -A VERDICT
for ((i = 0; i < ROUNDS; i++)); do
  show=${SHOWS[$i]}
  primary=$((i % 3))
  VERDICT[$show]=$primary
  api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"$show\",\"primary\":$primary}"
  status=$API_STATUS
  kill9_server # right after the acknowledgement, no graceful shutdown
  check_eq "round $((i + 1)): rating $show (primary $primary) acknowledged" 201 "$status"
  [ "$status" = 201 ] || echo "       body: $(_short_body)"

  start_server "$DATA"
  api GET "/ratings?profile_id=$ROSS"
  check_status "round $((i + 1)): GET /ratings after kill -9 and restart" 200
  check_jq "round $((i + 1)): $show is there with primary $primary" \
    'any(.[]; .show_id == $s and .primary == $p)' --arg s "$show" --argjson p "$primary"
done

# After the last restart: every rating present, once each, and nothing else.
api GET "/ratings?profile_id=$ROSS"
check_jq "after the last restart all $ROUNDS ratings are present" \
  '[.[].show_id] | sort == ($want | sort)' \
  --argjson want "$(printf '%s\n' "${SHOWS[@]:0:$ROUNDS}" | jq -R . | jq -sc .)"
for show in "${SHOWS[@]:0:$ROUNDS}"; do
  check_jq "$show kept primary ${VERDICT[$show]}" \
    'any(.[]; .show_id == $s and .primary == $p)' --arg s "$show" --argjson p "${VERDICT[$show]}"
done
check_jq "ratings are listed newest first" '[.[].ts] == ([.[].ts] | sort | reverse)'

# Restarting must not create a second demo household or duplicate profiles.
api GET /me/profiles
check_eq "profiles unchanged by $ROUNDS restarts" "$PROFILES_BEFORE" \
  "$(jqr '[.[] | {id, name}] | sort_by(.id) | tojson')"

stop_server
finish
