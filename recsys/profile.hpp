#pragma once

#include <cstdint>
#include <optional>
#include <string>
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
};

}  // namespace recs
