// sqlite_store: ratings, tags and notes.
#include <utility>

#include "recsys/text.hpp"
#include "storage/schema_sql.hpp"
#include "storage/sqlite_store.hpp"

namespace recs::storage {

namespace {

using internal::in;

rating read_rating(const sqlite_query& q) {
  rating r;
  r.profile_id = q.int64(0);
  r.show_id = q.text(1);
  r.primary = static_cast<verdict>(q.int32(2));  // CHECK keeps it within 0..2
  if (!q.is_null(3)) r.score = q.int32(3);
  r.source = q.text(4);
  r.ts = q.int64(5);
  return r;
}

}  // namespace

// -- ratings ----------------------------------------------------------------------------------

status sqlite_store::put_rating(const rating& r) {
  const int primary = static_cast<int>(r.primary);
  if (auto st =
          conn_.run(sql::upsert_rating, r.profile_id, r.show_id, primary, r.score, r.source, r.ts);
      !st) {
    return in("put_rating " + std::to_string(r.profile_id) + "/" + r.show_id, st.err());
  }
  return ok_status();
}

status sqlite_store::delete_rating(std::int64_t profile_id, const std::string& show_id) {
  if (auto st = conn_.run(sql::delete_rating, profile_id, show_id); !st) {
    return in("delete_rating", st.err());
  }
  if (conn_.changes() == 0) {
    return error{errc::not_found,
                 "profile " + std::to_string(profile_id) + " has not rated " + show_id};
  }
  return ok_status();
}

result<std::vector<rating>> sqlite_store::read_ratings(sqlite_query& q) {
  std::vector<rating> out;
  for (;;) {
    auto row = q.step();
    if (!row) return row.err();
    if (!*row) return out;
    out.push_back(read_rating(q));
  }
}

result<std::vector<rating>> sqlite_store::ratings(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_ratings_of_profile, profile_id);
  if (!q) return in("ratings", q.err());
  auto out = read_ratings(*q);
  if (!out) return in("ratings", out.err());
  return out;
}

result<std::vector<rating>> sqlite_store::all_ratings() {
  auto q = conn_.query(sql::select_all_ratings);
  if (!q) return in("all_ratings", q.err());
  auto out = read_ratings(*q);
  if (!out) return in("all_ratings", out.err());
  return out;
}

// -- tags -------------------------------------------------------------------------------------

status sqlite_store::put_tag(std::int64_t profile_id, const tag_pref& t) {
  const std::string tag = normalise_tag(t.tag);
  if (tag.empty()) return error{errc::invalid_argument, "put_tag: empty tag"};
  if (auto st = conn_.run(sql::upsert_tag, profile_id, tag, t.liked); !st) {
    return in("put_tag '" + tag + "'", st.err());
  }
  return ok_status();
}

status sqlite_store::delete_tag(std::int64_t profile_id, const std::string& tag) {
  const std::string key = normalise_tag(tag);
  if (auto st = conn_.run(sql::delete_tag, profile_id, key); !st) {
    return in("delete_tag", st.err());
  }
  if (conn_.changes() == 0) {
    return error{errc::not_found,
                 "profile " + std::to_string(profile_id) + " has no tag '" + key + "'"};
  }
  return ok_status();
}

result<std::vector<tag_pref>> sqlite_store::tags(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_tags_of_profile, profile_id);
  if (!q) return in("tags", q.err());
  std::vector<tag_pref> out;
  for (;;) {
    auto row = q->step();
    if (!row) return in("tags", row.err());
    if (!*row) return out;
    out.push_back(tag_pref{q->text(0), q->int64(1) != 0});
  }
}

// -- notes ------------------------------------------------------------------------------------

status sqlite_store::put_note(std::int64_t profile_id, const note& n) {
  // A blank note is no note: clearing the text in the UI removes it.
  const bool erase = trim(n.text).empty();
  auto st = erase ? conn_.run(sql::delete_note, profile_id, n.show_id)
                  : conn_.run(sql::upsert_note, profile_id, n.show_id, n.text, n.ts);
  if (!st) return in("put_note " + n.show_id, st.err());
  return ok_status();
}

result<std::vector<note>> sqlite_store::notes(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_notes_of_profile, profile_id);
  if (!q) return in("notes", q.err());
  std::vector<note> out;
  for (;;) {
    auto row = q->step();
    if (!row) return in("notes", row.err());
    if (!*row) return out;
    out.push_back(note{q->text(0), q->text(1), q->int64(2)});
  }
}

}  // namespace recs::storage
