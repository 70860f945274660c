#!/usr/bin/env bash
# Imports over real HTTP (docs/api.md, "Imports"): the fixture files of test/fixtures/imports
# into the demo household's profiles: the report, what lands where (ratings, seen marks,
# watchlist), a second import that writes nothing, a dry run, a bad file answered with its line
# and nothing written, a Netflix file of several profiles, the IMDb-shaped exports read back by
# the import, a 10 MB file, a 21 MB one refused, and the slate taking the imported ratings in.
# Usage: imports.sh <recs-server binary> <source dir>
source "$(dirname "$0")/lib.sh"

FIX="$RECS_SOURCE_DIR/test/fixtures/imports"
start_server

api GET /me/profiles
ROSS=$(jqr '.[] | select(.name == "Ross") | .id')
WIFE=$(jqr '.[] | select(.name == "Wife") | .id')
SON=$(jqr '.[] | select(.name == "Son") | .id')
count_ratings() { api GET "/ratings?profile_id=$1"; jqr 'length'; }

# --- IMDb ratings: the report, then the ratings with their source -------------------------------
upload "/imports/imdb?profile=ross&dry_run=true" "$FIX/imdb_ratings.csv"
check_status "a dry run of the IMDb ratings" 200
check_jq "the dry run reports what it would add" '.dry_run == true and .added > 0'
DRY=$API_BODY
check_eq "...and writes nothing" 0 "$(count_ratings "$ROSS")"
upload /imports/imdb?profile=ross "$FIX/imdb_ratings.csv"
check_status "import the IMDb ratings (BOM, CRLF, quoted titles) into Ross" 200
check_jq "the report: shows, matched, added, an unmatched show with candidates, skipped rows" \
  '.format == "imdb" and .profile_id == $p and .shows >= 5 and .matched >= 4 and .added == .matched
   and .unmatched >= 1 and (.unmatched_items[0] | has("line") and has("candidates"))
   and .skipped >= 2 and (.notes | length) >= 2' --argjson p "$ROSS"
check_eq "the dry run reported the same counts" \
  "$(jq -c '{added, matched, unmatched, skipped}' <<<"$DRY")" "$(jq -c '{added, matched, unmatched, skipped}' <<<"$API_BODY")"
ADDED=$(jqr .added)
api GET "/ratings?profile_id=$ROSS"
check_jq "Ross's ratings are the imported ones, source imdb, The Wire (10) loved" \
  'length == $n and all(.[]; .source == "imdb")
   and any(.[]; .show_id == "tt0306414" and .primary == 2 and .score == 10)' --argjson n "$ADDED"
upload /imports/imdb?profile=ross "$FIX/imdb_ratings.csv"
check_status "the same file again" 200
check_jq "the second import writes nothing: every show already there" \
  '.added == 0 and .updated == 0 and .already == $n' --argjson n "$ADDED"
check_eq "Ross still has $ADDED ratings" "$ADDED" "$(count_ratings "$ROSS")"

# An app rating is never overridden by an import.
api POST /ratings "{\"profile_id\":$WIFE,\"show_id\":\"tt0306414\",\"primary\":0}"
upload "/imports/imdb?profile=$WIFE" "$FIX/imdb_ratings.csv"
api GET "/ratings?profile_id=$WIFE"
check_jq "Wife's own Bad of The Wire stays after her import" \
  'any(.[]; .show_id == "tt0306414" and .primary == 0 and .source == "app")'

# --- bad files: 4xx naming the line, nothing written ---------------------------------------------
BEFORE=$(count_ratings "$SON")
upload "/imports/imdb?profile=son" "$FIX/bad_rating.csv"
check_error "a rating of 11 -> 400" 400 bad_request
check_jq "the message names the line" '.message | test("line 4")'
upload "/imports/imdb?profile=son" "$FIX/bad_unterminated.csv"
check_error "an unterminated quote -> 400" 400 bad_request
check_jq "...naming its line" '.message | test("line")'
upload "/imports/trakt?profile=son" "$FIX/bad_trakt.json"
check_error "a Trakt file with a string item -> 400" 400 bad_request
upload "/imports/imdb?profile=son" "$FIX/trakt_ratings-shows.json"
check_error "a Trakt file sent as IMDb -> 400" 400 bad_request
check_eq "none of the bad files wrote a rating" "$BEFORE" "$(count_ratings "$SON")"
upload "/imports/letterboxd?profile=son" "$FIX/imdb_ratings.csv"
check_error "an unknown format -> 400" 400 bad_request
upload "/imports/imdb" "$FIX/imdb_ratings.csv"
check_error "no profile -> 400" 400 bad_request
upload "/imports/imdb?profile=nobody" "$FIX/imdb_ratings.csv"
check_error "a profile of no one here -> 404" 404 not_found
: >"$TEST_TMP/empty.csv"
upload "/imports/imdb?profile=son" "$TEST_TMP/empty.csv"
check_error "an empty body -> 400" 400 bad_request

# --- Trakt: ratings, watched (seen), watchlist ---------------------------------------------------
upload "/imports/trakt?profile=son" "$FIX/trakt_watchlist-shows.json"
check_status "Trakt watchlist into Son" 200
LISTED=$(jqr .added)
api GET "/watchlist?profile_id=$SON"
check_jq "Son's watchlist has the Trakt entries" \
  '(.items | length) == $n and $n > 0 and all(.items[]; .source == "trakt")' --argjson n "$LISTED"
upload "/imports/trakt?profile=son" "$FIX/trakt_watched-shows.json"
check_status "Trakt watched shows into Son" 200
SEEN=$(jqr .added)
api GET "/feedback?profile_id=$SON"
check_jq "they are seen marks from trakt" \
  '([.items[] | select(.kind == "seen" and .source == "trakt")] | length) == $n and $n > 0' \
  --argjson n "$SEEN"
upload "/imports/trakt?profile=son" "$FIX/trakt_ratings-episodes.json"
check_jq "episode ratings are skipped, with notes" '.skipped > 0 and .added == 0 and (.notes | length) > 0'

# --- Netflix -------------------------------------------------------------------------------------
upload "/imports/netflix?profile=wife" "$FIX/netflix_ViewingActivity.csv"
check_error "a ViewingActivity.csv of two Netflix profiles needs netflix_profile -> 400" 400 bad_request
check_jq "...and names them" '.message | test("Sam") and test("Kids")'
upload "/imports/netflix?profile=wife&netflix_profile=Sam" "$FIX/netflix_ViewingActivity.csv"
check_status "Sam's viewing into Wife" 200
check_jq "trailers and the other profile are skipped" '.skipped > 0 and .added > 0'
upload "/imports/netflix?profile=wife" "$FIX/netflix_viewing_au.csv"
check_status "an AU viewing activity (day-first dates) into Wife" 200
check_jq "the ambiguous title lists its candidates" \
  '.ambiguous >= 1 and all(.ambiguous_items[]; (.candidates | length) >= 2)'
api GET "/feedback?profile_id=$WIFE"
check_jq "Netflix viewing becomes seen marks, not ratings" \
  'any(.items[]; .kind == "seen" and .source == "netflix")'

# --- Serializd ----------------------------------------------------------------------------------
upload "/imports/serializd?profile=son" "$FIX/serializd_diary.json"
check_status "a Serializd diary into Son" 200
check_jq "rated shows land as ratings" '.added >= 1'
api GET "/ratings?profile_id=$SON"
check_jq "Son's ratings include serializd ones" 'any(.[]; .source == "serializd")'

# --- the slate takes the import in ---------------------------------------------------------------
api GET "/recommendations?for=ross&limit=50&seed=3"
check_jq "no show Ross imported a rating of is recommended to him" \
  '[.[].id] - ["tt0306414", "tt7366338", "tt0203259", "tt9561862"] == [.[].id]'

# --- exports: IMDb-shaped CSV, read back by the IMDb import to the same verdicts ---------------
api POST "/watchlist" "{\"show_id\":\"tt2802850\",\"profile_id\":$ROSS}"
api_as "$TOKEN" GET "/export/ratings.csv?profile_id=$ROSS"
check_status "GET /export/ratings.csv" 200
printf '%s' "$API_BODY" >"$TEST_TMP/ross_ratings.csv"
check_eq "it has IMDb's header" \
  "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors" \
  "$(head -n 1 "$TEST_TMP/ross_ratings.csv" | tr -d '\r')"
check_eq "one line per rating" "$(count_ratings "$ROSS")" "$(($(printf '%s\n' "$API_BODY" | wc -l) - 1))"
api_as "$TOKEN" GET "/export/watchlist.csv?profile_id=$ROSS"
check_status "GET /export/watchlist.csv" 200
printf '%s' "$API_BODY" >"$TEST_TMP/ross_watchlist.csv"
api_as "$TOKEN" GET "/export/watchlist.csv"
check_error "the watchlist export names its list -> 400" 400 bad_request
api POST /me/profiles '{"name":"Roundtrip"}'
check_status "a fresh profile for the round trip" 201
RT=$(jqr .id)
upload "/imports/imdb?profile=$RT" "$TEST_TMP/ross_ratings.csv"
check_status "Ross's export imported into it" 200
check_jq "every exported rating matched" '.unmatched == 0 and .ambiguous == 0 and .added == .shows'
upload "/imports/imdb?profile=$RT" "$TEST_TMP/ross_watchlist.csv"
check_jq "the watchlist export reads back as watchlist entries" '.added == 1'
api GET "/ratings?profile_id=$ROSS"
A=$(jqr '[.[] | [.show_id, .primary]] | sort | tojson')
api GET "/ratings?profile_id=$RT"
check_eq "the round trip keeps every show and verdict" "$A" "$(jqr '[.[] | [.show_id, .primary]] | sort | tojson')"
api GET "/watchlist?profile_id=$RT"
check_jq "...and the watchlist" '[.items[].show.id] == ["tt2802850"]'

# --- sizes: 10 MB is fine, over 20 MB is refused -------------------------------------------------
python3 - "$TEST_TMP/big.csv" <<'PY'
import sys
shows = ["Ozark", "Stranger Things", "The Crown", "Bluey", "Dark"]
with open(sys.argv[1], "w", newline="") as f:
    f.write("Title,Date\r\n")
    n = 0
    while f.tell() < 10 * 1024 * 1024:
        s = shows[n % len(shows)]
        f.write('"%s: Season %d: Episode %d, the long ""title"" of it",%d/%d/2023\r\n'
                % (s, n % 9 + 1, n, n % 28 + 1, n % 12 + 1))
        n += 1
PY
upload "/imports/netflix?profile=son" "$TEST_TMP/big.csv"
check_status "a 10 MB Netflix file ($(stat -c %s "$TEST_TMP/big.csv") bytes)" 200
check_jq "its shows are read" '.shows == 5'
head -c $((21 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$TEST_TMP/huge.csv"
upload "/imports/netflix?profile=son" "$TEST_TMP/huge.csv"
check_error "a 21 MB file -> 413" 413 payload_too_large
api POST /ratings "$(printf '{"profile_id":%s,"show_id":"tt0306414","primary":2,"pad":"%s"}' "$SON" "$(head -c 70000 /dev/zero | tr '\0' 'x')")"
check_error "other routes keep their 64 KiB limit -> 413" 413 payload_too_large

check_true "server still running" server_alive
stop_server
finish
