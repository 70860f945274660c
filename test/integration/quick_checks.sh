#!/usr/bin/env bash
# The spec's "Quick checks" (Deterministic recommendations) over real HTTP: slates are
# well-formed and stable per seed, a BAD rating / LOVED rating / liked tag re-rank the slate
# deterministically, not interested / not tonight / seen hide a show and the watchlist lifts one,
# show search and lookup work, and Son's slate respects his M cap.
# Usage: quick_checks.sh <recs-server binary> <source dir>
source "$(dirname "$0")/lib.sh"

start_server
wait_content_model

# ids of a slate as one line each; $1 = query string after /recommendations?. Use it in $(...)
# only for the ids: API_STATUS/API_BODY set in that subshell do not reach the caller.
slate_ids() {
  api GET "/recommendations?$1"
  jqr '.[].id'
}

api GET /healthz
check_status "GET /healthz" 200
check_jq "healthz says ok, version 0.1.0, shows > 0" \
  '.status == "ok" and .version == "0.1.0" and (.shows | type == "number" and . > 0)'
CATALOG_SIZE=$(jqr .shows)

# --- the slate and its shape ------------------------------------------------------------------
Q99="for=ross&intent=default&seed=99"
api GET "/recommendations?$Q99"
check_status "slate for ross, seed 99" 200
check_jq "slate is a non-empty array" 'type == "array" and length > 0'
check_jq "every item has id,title,year,premise,availability,rationale,fit" \
  'all(.[]; has("id") and has("title") and has("year") and has("premise")
            and has("availability") and has("rationale") and has("fit"))'
check_jq "field types: id/title/premise/rationale strings, year/fit numbers, availability array" \
  'all(.[]; (.id | type == "string") and (.title | type == "string")
            and (.premise | type == "string") and (.rationale | type == "string")
            and (.year | type == "number") and (.fit | type == "number")
            and (.availability | type == "array"))'
check_jq "fit within [0,1] and sorted best first" \
  'all(.[]; .fit >= 0 and .fit <= 1) and ([.[].fit] == ([.[].fit] | sort | reverse))'
check_jq "no duplicate ids in the slate" '([.[].id] | length) == ([.[].id] | unique | length)'
check_jq "at most 20 items by default" 'length <= 20'
SLATE_A=$(jqr '.[].id')
TOP_BEFORE=$(jqr '.[0].id')

SLATE_B=$(slate_ids "$Q99")
check_eq "same call twice gives the same ids (determinism)" "$SLATE_A" "$SLATE_B"

# --- profiles ---------------------------------------------------------------------------------
api GET /me/profiles
check_status "GET /me/profiles" 200
check_jq "profiles Ross, Wife, Son exist" \
  '[.[].name] as $n | ($n | index("Ross")) and ($n | index("Wife")) and ($n | index("Son"))'
check_jq "Son's maturity cap is M" '.[] | select(.name == "Son") | .maturity_cap == "M"'
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
SON=$(jqr '.[] | select(.name == "Son") | .id')
WIFE=$(jqr '.[] | select(.name == "Wife") | .id')
if ! [[ "$ROSS" =~ ^[0-9]+$ && "$SON" =~ ^[0-9]+$ ]]; then
  fail "Ross and Son have numeric profile ids" "ross=$ROSS son=$SON"
  finish
fi

check_eq "for=<Ross's id> gives the same slate as for=ross" "$SLATE_A" \
  "$(slate_ids "for=$ROSS&intent=default&seed=99")"
check_eq "for= is case-insensitive (ROSS)" "$SLATE_A" "$(slate_ids "for=ROSS&intent=default&seed=99")"

# --- rate the top BAD -------------------------------------------------------------------------
api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"$TOP_BEFORE\",\"primary\":0}"
check_status "rate top show $TOP_BEFORE BAD" 201
check_jq "the stored rating is echoed (profile_id, show_id, primary 0, source app, ts)" \
  '.profile_id == $p and .show_id == $s and .primary == 0 and .source == "app"
   and (.ts | type == "number") and has("score")' --argjson p "$ROSS" --arg s "$TOP_BEFORE"

api GET "/recommendations?$Q99"
check_status "slate after the BAD rating" 200
TOP_AFTER=$(jqr '.[0].id')
SLATE_C=$(jqr '.[].id')
check_ne "with the same seed the top differs after rating it BAD" "$TOP_BEFORE" "$TOP_AFTER"
check_jq "the BAD-rated show is not in the slate" 'length > 0 and all(.[]; .id != $s)' \
  --arg s "$TOP_BEFORE"
check_eq "the re-ranked slate is stable" "$SLATE_C" "$(slate_ids "$Q99")"

api GET "/ratings?profile_id=$ROSS"
check_status "GET /ratings for Ross" 200
check_jq "the BAD rating is listed with its title" \
  'any(.[]; .show_id == $s and .primary == 0 and (.title | type == "string"))' --arg s "$TOP_BEFORE"

# --- rate a show LOVED ------------------------------------------------------------------------
# Love a catalog show that is not in the current slate, so the change is not just its removal.
api GET "/shows?q=&limit=100"
LOVED=$(printf '%s' "$API_BODY" | jq -r --arg slate "$SLATE_C" \
  '($slate | split("\n")) as $s | [.items[] | select(.id as $i | $s | index($i) | not)][0].id' \
  2>/dev/null)
if [ -z "$LOVED" ] || [ "$LOVED" = null ]; then
  fail "found a show outside the slate to love" "body: $(_short_body)"
else
  api POST /ratings "{\"profile_id\":$ROSS,\"show_id\":\"$LOVED\",\"primary\":2}"
  check_status "rate $LOVED LOVED" 201
  api GET "/recommendations?$Q99&explain=false"
  check_status "slate after the LOVED rating" 200
  SLATE_D=$(jqr '.[].id')
  check_ne "loving a show changes the slate" "$SLATE_C" "$SLATE_D"
  check_jq "the loved show itself is not recommended" 'all(.[]; .id != $s)' --arg s "$LOVED"
  check_jq "some item now gives a similar_loved reason" \
    'any(.[]; any(.reasons[]?; .kind == "similar_loved"))'
  check_eq "the slate after LOVED is stable" "$SLATE_D" "$(slate_ids "$Q99&explain=false")"
  SLATE_C=$SLATE_D
fi

# --- a liked tag --------------------------------------------------------------------------------
# The tag: a genre of a show just below the cut (ranks 21-25) that no slate item has, so the
# boost lifts that show into the slate; else the genre fewest slate items have. Liking it must
# change the slate: its order, or at least the fit of the items with that genre. (A genre far
# down the ranking, e.g. one of a BAD-rated show, could legitimately change nothing visible.)
slate_sig() {
  api GET "/recommendations?$1"
  jqr '.[] | "\(.id) \(.fit)"'
}
api GET "/recommendations?$Q99&limit=100"
TAG=$(jqr '([.[:20][].genres[]?]) as $in_slate
  | ([.[20:25][] | .genres[]? | select(. as $g | $in_slate | index($g) | not)][0])
    // ($in_slate | group_by(.) | min_by(length) | .[0])
    // "comedy"')
SIG_BEFORE=$(slate_sig "$Q99")
api POST /tags "$(jq -nc --argjson p "$ROSS" --arg t "$TAG" '{profile_id: $p, tag: $t, liked: true}')"
check_status "like tag '$TAG'" 201
check_jq "the tag is echoed" '.profile_id == $p and .tag == $t and .liked == true' \
  --argjson p "$ROSS" --arg t "$TAG"
api GET "/tags?profile_id=$ROSS"
check_jq "GET /tags lists the liked tag" 'any(.[]; .tag == $t and .liked == true)' --arg t "$TAG"
SIG_AFTER=$(slate_sig "$Q99")
check_ne "a liked tag changes the slate (ids, order or fit)" "$SIG_BEFORE" "$SIG_AFTER"
api GET "/recommendations?$Q99"
check_jq "an item with genre '$TAG' is in the slate after liking it" \
  'any(.[]; (.genres // []) | index($t))' --arg t "$TAG"
check_eq "the slate after the tag is stable" "$SIG_AFTER" "$(slate_sig "$Q99")"

# --- show search and lookup ----------------------------------------------------------------------
api GET "/shows?q="
check_status "GET /shows?q=" 200
check_eq "empty q: total == /healthz shows" "$CATALOG_SIZE" "$(jqr .total)"
check_jq "empty q: default limit 20 items" '(.items | length) == ([20, .total] | min)'

api GET "/shows?q=&limit=5"
check_jq "limit=5 gives 5 items" '(.items | length) == ([5, .total] | min)'

api GET "/shows?q=bluey"
check_status "GET /shows?q=bluey" 200
check_jq "q=bluey finds Bluey first" '.items[0].title | test("^bluey$"; "i")'
# Then the titles one typo away ("Blue Bloods", "Blue's Clues"): docs/api.md, GET /shows.
check_jq "every hit has a word within one typo of 'bluey'" 'all(.items[]; .title | test("blue"; "i"))'
BLUEY=$(jqr '[.items[] | select(.title | test("^bluey$"; "i"))][0].id')
api GET "/shows?q=BlUeY"
check_jq "title search is case-insensitive" 'any(.items[]; .title | test("^bluey$"; "i"))'
api GET "/shows?q=bad%20breakin"
check_jq "q=bad breakin (words in any order, the last one half typed) finds Breaking Bad first" \
  '.items[0].title == "Breaking Bad"'

api GET "/shows/$BLUEY"
check_status "GET /shows/$BLUEY" 200
check_jq "show object has the contract fields" \
  '.id == $s and (.title | test("bluey"; "i"))
   and (["year", "classification", "genres", "seasons", "runtime", "countries", "network",
         "premise", "imdb_score", "tmdb_score", "availability"] - keys | length == 0)' --arg s "$BLUEY"
check_jq "each offer has provider, name, status, last_checked_ts" \
  'all(.availability[]; has("provider") and has("name") and has("status") and has("last_checked_ts"))'

api GET "/shows/tt0000000-no-such-show"
check_error "unknown show id -> 404 JSON" 404 not_found

# --- Son's maturity cap ---------------------------------------------------------------------------
api GET "/recommendations?for=son&intent=default&seed=99&limit=100"
check_status "slate for son (limit 100)" 200
check_jq "Son's slate is not empty" 'length > 0'
check_jq "Son's slate has no MA15+ or R18+ shows" \
  'all(.[]; .classification != "MA15+" and .classification != "R18+")'
SON_SLATE=$(jqr '.[].id')
check_eq "for=<Son's id> gives Son's slate" "$SON_SLATE" \
  "$(slate_ids "for=$SON&intent=default&seed=99&limit=100")"

# --- other seeds: each stable ---------------------------------------------------------------------
for seed in 1 2; do
  api GET "/recommendations?for=ross&intent=default&seed=$seed"
  check_jq "seed $seed slate is a non-empty array" 'type == "array" and length > 0'
  first=$(jqr '.[].id')
  check_eq "seed $seed slate is stable" "$first" "$(slate_ids "for=ross&intent=default&seed=$seed")"
done

# --- more like this ------------------------------------------------------------------------------
# The content index is built just after start; until then the route answers 503 JSON.
for _ in $(seq 1 40); do
  api GET "/shows/tt0903747/similar?limit=8"
  [ "$API_STATUS" = 200 ] && break
  sleep 0.25
done
check_status "GET /shows/{id}/similar" 200
check_jq "similar gives 8 shows with a similarity, nearest first" \
  'length == 8 and ([.[].similarity] == ([.[].similarity] | sort | reverse))'
check_jq "a show is not similar to itself" 'all(.[]; .id != "tt0903747")'
check_jq "Breaking Bad's neighbours are mostly crime shows" \
  '([.[] | select(.genres | index("crime"))] | length) >= 5'
api GET "/shows/tt0000000-nope/similar"
check_error "similar of an unknown show -> 404" 404 not_found
api GET "/shows/tt0903747/similar?limit=0"
check_error "similar with limit=0 -> 400" 400 bad_request

# --- intents: each filters the slate and says why -----------------------------------------------
declare -A INTENT_RULE=(
  [quick]='all(.[]; (.runtime > 0 and .runtime <= 35) or .seasons == 1)'
  [binge]='all(.[]; .seasons >= 3)'
  [new]='all(.[]; .year >= 2022)'
  [comfort]='all(.[]; (.genres | index("crime") or index("horror") or index("thriller")
                        or index("war")) | not) and all(.[]; .classification != "MA15+")'
  [surprise]='true'
)
for intent in quick binge new comfort surprise; do
  api GET "/recommendations?for=ross&intent=$intent&seed=99"
  check_status "intent=$intent" 200
  check_jq "intent=$intent gives a non-empty slate" 'type == "array" and length > 0'
  check_jq "intent=$intent slate obeys its rule" "${INTENT_RULE[$intent]}"
  check_jq "intent=$intent: the intent's reason leads each rationale" \
    'all(.[]; .reasons[0].kind == "intent")'
done

# --- quieter feedback and the watchlist (Wife's slate) ---------------------------------------------
QW="for=wife&seed=7&limit=25"
mapfile -t W0 < <(slate_ids "$QW")
api POST /feedback "{\"profile_id\":$WIFE,\"show_id\":\"${W0[0]}\",\"kind\":\"not_interested\"}"
check_status "not interested in Wife's top show ${W0[0]}" 201
api POST /feedback "{\"profile_id\":$WIFE,\"show_id\":\"${W0[1]}\",\"kind\":\"not_tonight\"}"
check_status "not tonight for her second show ${W0[1]}" 201
check_jq "not tonight is hidden for 16 hours" '.until - .ts == 57600'
api POST /feedback "{\"profile_id\":$WIFE,\"show_id\":\"${W0[2]}\",\"kind\":\"seen\"}"
check_status "seen her third show ${W0[2]}" 201
api GET "/recommendations?$QW"
check_jq "the three shows leave her slate" \
  'length > 0 and all(.[]; .id != $a and .id != $b and .id != $c)' \
  --arg a "${W0[0]}" --arg b "${W0[1]}" --arg c "${W0[2]}"
api GET "/feedback?profile_id=$WIFE"
check_jq "GET /feedback lists the three, active, with titles" \
  '(.items | length) == 3 and all(.items[]; .active and (.title | length) > 0)'
api DELETE "/feedback?profile_id=$WIFE&show_id=${W0[1]}&kind=not_tonight"
check_status "take not tonight back" 204
api GET "/recommendations?$QW"
check_jq "the show is back in her slate" 'any(.[]; .id == $b)' --arg b "${W0[1]}"
api DELETE "/feedback?profile_id=$WIFE&show_id=${W0[1]}&kind=not_tonight"
check_error "taking it back twice -> 404" 404 not_found

# A show just below her cut (rank 26-40) goes on her watchlist: it rises, saying why.
api GET "/recommendations?for=wife&seed=7&limit=40"
LISTED=$(jqr '.[25:] | map(.id) | .[0]')
api POST /watchlist "{\"show_id\":\"$LISTED\",\"profile_id\":$WIFE}"
check_status "add $LISTED to Wife's watchlist" 201
check_jq "the entry is hers, with the show" '.list == "profile" and .profile_id == $p and .show.id == $s' \
  --argjson p "$WIFE" --arg s "$LISTED"
api GET "/recommendations?$QW"
check_jq "the listed show is in her top 25, with the reason 'on your watchlist'" \
  'any(.[]; .id == $s and any(.reasons[]; .kind == "watchlist" and .text == "on your watchlist"))' \
  --arg s "$LISTED"
api POST /watchlist "{\"show_id\":\"$LISTED\",\"list\":\"household\"}"
check_status "add it to the household's list too" 201
api GET /watchlist
check_jq "GET /watchlist has the household's entry first, then hers" \
  '[.items[] | .list] == ["household", "profile"]'
api GET "/watchlist?list=household"
check_jq "?list=household has only the household's" '(.items | length) == 1 and .items[0].list == "household"'
api DELETE "/watchlist?list=household&show_id=$LISTED"
check_status "take it off the household's list" 204
api GET "/watchlist?profile_id=$WIFE"
check_jq "her own entry stays" '(.items | length) == 1 and .items[0].show.id == $s' --arg s "$LISTED"

check_true "server still running" server_alive
stop_server
finish
