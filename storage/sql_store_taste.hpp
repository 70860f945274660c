#pragma once
// sql_store<Conn>: ratings, tags and notes (taste_store). Included only by the backend .cpp
// files that instantiate sql_store (see sql_store.hpp).
#include <utility>

#include "recsys/text.hpp"
#include "storage/sql_store.hpp"

namespace recs::storage {

namespace internal {

template <class Query>
rating read_rating(const Query& q) {
  rating r;
  r.profile_id = q.int64(0);
  r.show_id = q.text(1);
  r.primary = static_cast<verdict>(q.int32(2));  // CHECK keeps it within 0..2
  if (!q.is_null(3)) r.score = q.int32(3);
  r.source = q.text(4);
  r.ts = q.int64(5);
  return r;
}

template <class Query>
result<std::vector<rating>> read_ratings(Query& q) {
  return read_rows(q, [](const Query& r) { return read_rating(r); });
}

}  // namespace internal

// -- ratings ----------------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::put_rating(const rating& r) {
  const int primary = static_cast<int>(r.primary);
  if (auto st =
          conn_.run(sql::upsert_rating, r.profile_id, r.show_id, primary, r.score, r.source, r.ts);
      !st) {
    return internal::in("put_rating " + std::to_string(r.profile_id) + "/" + r.show_id, st.err());
  }
  return ok_status();
}

template <class Conn>
status sql_store<Conn>::delete_rating(std::int64_t profile_id, const std::string& show_id) {
  if (auto st = conn_.run(sql::delete_rating, profile_id, show_id); !st) {
    return internal::in("delete_rating", st.err());
  }
  if (conn_.changes() == 0) {
    return error{errc::not_found,
                 "profile " + std::to_string(profile_id) + " has not rated " + show_id};
  }
  return ok_status();
}

template <class Conn>
result<std::vector<rating>> sql_store<Conn>::ratings(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_ratings_of_profile, profile_id);
  if (!q) return internal::in("ratings", q.err());
  auto out = internal::read_ratings(*q);
  if (!out) return internal::in("ratings", out.err());
  return out;
}

template <class Conn>
result<std::vector<rating>> sql_store<Conn>::all_ratings() {
  auto q = conn_.query(sql::select_all_ratings);
  if (!q) return internal::in("all_ratings", q.err());
  auto out = internal::read_ratings(*q);
  if (!out) return internal::in("all_ratings", out.err());
  return out;
}

// -- tags -------------------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::put_tag(std::int64_t profile_id, const tag_pref& t) {
  const std::string tag = normalise_tag(t.tag);
  if (tag.empty()) return error{errc::invalid_argument, "put_tag: empty tag"};
  if (auto st = conn_.run(sql::upsert_tag, profile_id, tag, t.liked); !st) {
    return internal::in("put_tag '" + tag + "'", st.err());
  }
  return ok_status();
}

template <class Conn>
status sql_store<Conn>::delete_tag(std::int64_t profile_id, const std::string& tag) {
  const std::string key = normalise_tag(tag);
  if (auto st = conn_.run(sql::delete_tag, profile_id, key); !st) {
    return internal::in("delete_tag", st.err());
  }
  if (conn_.changes() == 0) {
    return error{errc::not_found,
                 "profile " + std::to_string(profile_id) + " has no tag '" + key + "'"};
  }
  return ok_status();
}

template <class Conn>
result<std::vector<tag_pref>> sql_store<Conn>::tags(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_tags_of_profile, profile_id);
  if (!q) return internal::in("tags", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    return tag_pref{r.text(0), r.int64(1) != 0};
  });
  if (!out) return internal::in("tags", out.err());
  return out;
}

// -- notes ------------------------------------------------------------------------------------

template <class Conn>
status sql_store<Conn>::put_note(std::int64_t profile_id, const note& n) {
  // A blank note is no note: clearing the text in the UI removes it.
  const bool erase = trim(n.text).empty();
  auto st = erase ? conn_.run(sql::delete_note, profile_id, n.show_id)
                  : conn_.run(sql::upsert_note, profile_id, n.show_id, n.text, n.ts);
  if (!st) return internal::in("put_note " + n.show_id, st.err());
  return ok_status();
}

template <class Conn>
result<std::vector<note>> sql_store<Conn>::notes(std::int64_t profile_id) {
  auto q = conn_.bound(sql::select_notes_of_profile, profile_id);
  if (!q) return internal::in("notes", q.err());
  auto out = internal::read_rows(*q, [](const auto& r) {
    return note{r.text(0), r.text(1), r.int64(2)};
  });
  if (!out) return internal::in("notes", out.err());
  return out;
}

}  // namespace recs::storage
