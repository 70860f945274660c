#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recsys/show.hpp"

namespace recs {

/// How a profile judged a show: 0 = bad (not for me), 1 = good, 2 = loved.
enum class verdict : std::uint8_t { bad = 0, good = 1, loved = 2 };

struct rating {
  std::int64_t profile_id = 0;
  std::string show_id;
  verdict primary = verdict::good;
  std::optional<int> score;    ///< optional 0-10
  std::string source = "app";  ///< "app", "serializd", "import", ...
  std::int64_t ts = 0;         ///< unix seconds
};

struct tag_pref {
  std::string tag;  ///< lower-case free text, e.g. "dry humour"
  bool liked = true;
};

struct note {
  std::string show_id;
  std::string text;
  std::int64_t ts = 0;
};

/// Quieter feedback than a rating: "Not interested" hides a show from the profile and counts as
/// a weak negative; "Not tonight" hides it until `until_ts`; "Seen it" marks it watched without
/// a verdict (hidden, and a weak positive).
enum class feedback_kind : std::uint8_t { not_interested = 0, not_tonight = 1, seen = 2 };

/// "not_interested", "not_tonight", "seen".
std::string_view to_string(feedback_kind k) noexcept;
std::optional<feedback_kind> parse_feedback_kind(std::string_view s) noexcept;

/// A profile's feedback of one kind on a show (a show may have several kinds at once).
struct show_feedback {
  std::string show_id;
  feedback_kind kind = feedback_kind::not_interested;
  std::int64_t ts = 0;         ///< unix seconds when given
  std::int64_t until_ts = 0;   ///< not_tonight: hidden until then; 0 for the other kinds
  std::string source = "app";  ///< "app", or the import that marked it ("netflix", "trakt", ...)
};

/// A show on a watchlist ("Want to watch"): a profile's own list, or the household's when
/// `profile_id` is 0 (`added_by` then names the profile that added it, 0 if none).
struct watch_entry {
  std::string show_id;
  std::int64_t profile_id = 0;
  std::int64_t added_by = 0;
  std::int64_t ts = 0;
  std::string source = "app";
};

/// What an import writes for one profile, all or nothing.
struct import_batch {
  std::vector<rating> ratings;         ///< inserted or replaced
  std::vector<show_feedback> seen;     ///< feedback of kind seen, inserted or replaced
  std::vector<watch_entry> watchlist;  ///< added to the profile's list (entries there kept)
};

struct household {
  std::int64_t id = 0;
  std::string name;
  std::string owner_email;
  std::vector<std::string> services;  ///< provider ids the household subscribes to
};

struct profile {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string name;
  maturity maturity_cap = maturity::r18;
  bool kid = false;      ///< a kid profile: only an adult member changes its cap
  bool has_pin = false;  ///< a PIN guards choosing it on a shared screen
};

/// A Family Mix pick the household marked as watched, with the fit of each member who was
/// watching, at the time: the fairness ledger is built from these.
struct family_watch {
  std::int64_t household_id = 0;
  std::string show_id;
  std::int64_t ts = 0;                                ///< unix seconds
  std::vector<std::pair<std::int64_t, double>> fits;  ///< profile id -> fit, one per member present
};

/// Everything the scorer needs to know about one profile, copied into each request.
struct profile_state {
  profile who;
  std::vector<std::string> services;  ///< the household's services
  std::vector<rating> ratings;
  std::vector<tag_pref> tags;
  std::vector<note> notes;
  std::vector<show_feedback> feedback;  ///< every kind, expired "not tonight" ones included
  std::vector<watch_entry> watchlist;   ///< the profile's own list
};

}  // namespace recs
