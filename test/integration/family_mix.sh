#!/usr/bin/env bash
# Family Mix over HTTP (docs/api.md, "Family Mix"): both response shapes, who is watching, the
# strictest cap, the veto, cache invalidation when a member's ratings change, the watched
# ledger, and the no_strong_pick warning (a second server with an unreachable strong bar).
# Usage: family_mix.sh <recs-server binary> <source dir>
source "$(dirname "$0")/lib.sh"

start_server
wait_content_model

api GET /me/profiles
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
SON=$(jqr '.[] | select(.name == "Son") | .id')
[[ "$ROSS" =~ ^[0-9]+$ && "$SON" =~ ^[0-9]+$ ]] || { fail "demo profiles" "$(_short_body)"; finish; }

# Some taste, so that fits differ: Ross loves two crime dramas, Son a cartoon.
for show in tt2802850 tt5875444; do
  api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"$show\",\"primary\":2}"
done
api POST /ratings "{\"profile_id\":$SON,\"show_id\":\"tt7678620\",\"primary\":2}"
check_status "ratings stored" 201

# --- the default shape: an array, for the whole household -------------------------------------
api GET "/recommendations?intent=family_mix&seed=123"
check_status "Family Mix for the whole household" 200
check_jq "default response is an array of items" 'type == "array" and length > 0'
check_jq "every item has a boolean family_strong" 'all(.[]; (.family_strong | type) == "boolean")'
check_jq "every item has the fit of all three members" \
  'all(.[]; (.members | length) == 3 and all(.members[]; .fit >= 0 and .fit <= 1))'
check_jq "per-member rationale names everyone" \
  'all(.[]; (.rationale | test("Ross 0\\.[0-9]+")) and (.rationale | test("Wife ")) and (.rationale | test("Son ")))'
check_jq "Son is present: nothing above M" \
  'all(.[]; .classification as $c | ["G","PG","M"] | index($c) != null)'
FIRST=$(jqr '.[0].id')
BODY_A=$API_BODY
api GET "/recommendations?intent=family_mix&seed=123"
check_eq "same seed and state: the same slate" "$BODY_A" "$API_BODY"
api GET "/recommendations?for=all&intent=family_mix&seed=123"
check_jq "for=all is the whole household" 'all(.[]; (.members | length) == 3)'

# --- who is watching -----------------------------------------------------------------------------
api GET "/recommendations?for=ross,wife&seed=5"
check_status "several profiles imply Family Mix" 200
check_jq "two members present" 'type == "array" and all(.[]; (.members | map(.name)) == ["Ross","Wife"])'
api GET "/recommendations?for=Ross,%20son&intent=family_mix"
check_jq "names are case-insensitive, spaces allowed" 'all(.[]; (.members | length) == 2)'

# --- explain=true: the object with the family metadata ---------------------------------------------
api GET "/recommendations?intent=family_mix&seed=123&explain=true"
check_status "explain=true" 200
check_jq "explain shape: {items, family}" \
  'type == "object" and (.items | type == "array") and (.family | type == "object")'
check_jq "family metadata fields" \
  '.family.strong_min_fit == 0.78 and .family.strong_rule == "min"
   and (.family.strong_locked_ids | type == "array")
   and (.family.warning == null or .family.warning.code == "no_strong_pick")'
check_jq "warning exactly when no item is strong" \
  '(.family.warning != null) == ((.items | map(.family_strong) | any) | not)'
check_jq "locked ids are the strong items on top" \
  '.family.strong_locked_ids == (.items[:(.family.strong_locked_ids | length)] | map(select(.family_strong and .family_locked) | .id))'
check_jq "explain adds group_fit per item" 'all(.items[]; (.group_fit | type) == "number")'

# --- a member's rating invalidates the cached Mix; a bad rating vetoes ---------------------------
api POST /ratings "{\"profile_id\":$SON,\"show_id\":\"$FIRST\",\"primary\":0}"
check_status "Son rates the top pick bad" 201
api GET "/recommendations?intent=family_mix&seed=123"
check_jq "the vetoed show is gone from the (re-computed) Mix" --arg id "$FIRST" \
  'all(.[]; .id != $id)'
api GET "/recommendations?for=ross,wife&seed=123&intent=family_mix"
check_jq "...but stays possible when Son is not watching" 'type == "array" and length > 0'

# --- a household setting invalidates it too ----------------------------------------------------------
api GET "/recommendations?intent=family_mix&seed=123"
BEFORE=$API_BODY
api PUT /me/services '{"services":["stan"]}'
check_status "services changed to Stan only" 200
api GET "/recommendations?intent=family_mix&seed=123"
check_ne "the cached Mix was dropped when the services changed" "$BEFORE" "$API_BODY"
check_jq "on_my_services now means Stan only" \
  'all(.[]; all(.availability[]; .on_my_services == false or .provider == "stan"))'
api PUT /me/services '{"services":["abc_iview","netflix","sbs_on_demand","stan"]}'

# --- marking a pick watched: the fairness ledger ---------------------------------------------------
api GET "/recommendations?for=ross,son&intent=family_mix&seed=1"
PICK=$(jqr '.[0].id')
api POST /family/watched "{\"show_id\":\"$PICK\",\"profile_ids\":[$ROSS,$SON]}"
check_status "mark the pick watched" 201
check_jq "the watch records both members' fits" --arg id "$PICK" \
  '.show_id == $id and (.fits | length) == 2 and all(.fits[]; .fit >= 0 and .fit <= 1)'
api GET /family/ledger
check_status "ledger" 200
check_jq "ledger has the watch and balanced credit" --arg id "$PICK" \
  '(.watches | map(.show_id) | index($id)) != null
   and ((.credit | map(.credit) | add) | fabs < 0.01)'
api GET "/recommendations?for=ross,son&intent=family_mix&seed=1"
check_jq "a watched pick is not offered again" --arg id "$PICK" 'all(.[]; .id != $id)'

stop_server

# --- no strong pick: the warning ---------------------------------------------------------------
SERVER_EXTRA_ENV=(FAMILY_STRONG_MIN_FIT=1.0)
start_server
api GET "/recommendations?intent=family_mix&explain=true"
check_jq "with an unreachable bar: warning no_strong_pick, nothing locked" \
  '.family.warning.code == "no_strong_pick" and (.family.warning.message | length > 0)
   and .family.strong_locked_ids == [] and (.items | map(.family_strong) | any | not)
   and .family.strong_min_fit == 1'
api GET "/recommendations?intent=family_mix"
check_jq "the default shape stays an array" 'type == "array" and all(.[]; .family_strong == false)'
stop_server

finish
