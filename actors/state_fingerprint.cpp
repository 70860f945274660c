#include "actors/state_fingerprint.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "recsys/jitter.hpp"

namespace recs::actors {

namespace {

/// Length-prefixed, so that no choice of free text can make two lists serialise alike.
void field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

/// The entries serialised one by one, sorted, then joined.
std::string sorted_join(std::vector<std::string> entries) {
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (auto& e : entries) field(out, e);
  return out;
}

}  // namespace

std::uint64_t fingerprint(const profile_state& st) {
  std::string out = "p" + std::to_string(st.who.id) + "/" +
                    std::to_string(static_cast<int>(st.who.maturity_cap)) + "|s";
  out += sorted_join(st.services);
  std::vector<std::string> xs;
  for (const auto& r : st.ratings) {
    std::string e;
    field(e, r.show_id);
    e += std::to_string(static_cast<int>(r.primary)) + "/" +
         (r.score ? std::to_string(*r.score) : std::string("-"));
    xs.push_back(std::move(e));
  }
  out += "|r" + sorted_join(std::move(xs));
  xs.clear();
  for (const auto& t : st.tags) xs.push_back((t.liked ? "+" : "-") + t.tag);
  out += "|t" + sorted_join(std::move(xs));
  xs.clear();
  for (const auto& n : st.notes) {
    std::string e;
    field(e, n.show_id);
    field(e, n.text);
    xs.push_back(std::move(e));
  }
  out += "|n" + sorted_join(std::move(xs));
  xs.clear();
  for (const auto& f : st.feedback) {
    std::string e;
    field(e, f.show_id);
    e += std::to_string(static_cast<int>(f.kind)) + "/" + std::to_string(f.until_ts);
    xs.push_back(std::move(e));
  }
  out += "|f" + sorted_join(std::move(xs));
  xs.clear();
  for (const auto& w : st.watchlist) xs.push_back(w.show_id);
  out += "|w" + sorted_join(std::move(xs));
  return stable_hash(out);
}

}  // namespace recs::actors
