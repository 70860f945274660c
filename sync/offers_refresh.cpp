#include "sync/offers_refresh.hpp"

#include <utility>

#include "adapters/catalog_match.hpp"
#include "adapters/justwatch_convert.hpp"
#include "adapters/justwatch_packages.hpp"
#include "adapters/upstream_body.hpp"
#include "core/iso_time.hpp"

namespace recs::sync {

namespace {

constexpr std::int64_t kDay = 86400;

std::string reason_for(const storage::refresh_item& item, std::int64_t now, int stale_days) {
  if (item.offers_checked_ts <= 0) return "never checked";
  const std::int64_t days = (now - item.offers_checked_ts) / kDay;
  return "checked " + std::to_string(days) + (days == 1 ? " day" : " days") + " ago (stale after " +
         std::to_string(stale_days) + ")";
}

void add_unknown(std::vector<adapters::jw_package>& into,
                 const std::vector<adapters::jw_package>& more) {
  for (const auto& p : more) {
    bool seen = false;
    for (const auto& q : into) seen = seen || q.package_id == p.package_id;
    if (!seen) into.push_back(p);
  }
}

}  // namespace

std::string_view to_string(title_result::outcome o) noexcept {
  switch (o) {
    case title_result::outcome::updated:
      return "updated";
    case title_result::outcome::unchanged:
      return "unchanged";
    case title_result::outcome::not_found:
      return "not_found";
    case title_result::outcome::ambiguous:
      return "ambiguous";
    case title_result::outcome::failed:
      return "failed";
  }
  return "failed";
}

bool run_should_stop(const error& e) noexcept {
  return is_blocked(e) || is_rate_limited(e) || e.code == errc::forbidden ||
         e.code == errc::unavailable;
}

result<refresh_plan> plan_offers_refresh(storage::offers_store& offers, std::int64_t now,
                                         int stale_days, std::size_t limit) {
  refresh_plan plan;
  plan.now = now;
  plan.stale_days = stale_days;
  plan.limit = limit;
  const std::int64_t stale_after = static_cast<std::int64_t>(stale_days) * kDay;
  auto total = offers.offers_due_count(now, stale_after);
  if (!total) return total.err();
  plan.due_total = *total;
  auto items = offers.offers_due(now, stale_after, limit);
  if (!items) return items.err();
  plan.entries.reserve(items->size());
  for (auto& item : *items) {
    auto reason = reason_for(item, now, stale_days);
    plan.entries.push_back({std::move(item), std::move(reason)});
  }
  return plan;
}

offers_refresher::offers_refresher(storage::catalog_store& catalog, storage::offers_store& offers,
                                   storage::link_store& links, justwatch_source& jw,
                                   std::int64_t now)
    : catalog_(catalog),
      offers_(offers),
      links_(links),
      jw_(jw),
      now_(now),
      today_(utc_date(now)) {}

status offers_refresher::begin() {
  auto ours = catalog_.providers();
  if (!ours) return ours.err();
  providers_ = std::move(*ours);
  auto packages = jw_.providers();
  if (!packages) return packages.err();
  auto mapping = adapters::map_packages(*packages, providers_);
  add_unknown(unknown_, mapping.unknown);
  return ok_status();
}

result<adapters::jw_title> offers_refresher::find(const storage::refresh_item& item,
                                                  title_result& out) {
  if (!item.justwatch_id.empty()) {
    auto t = jw_.title_offers(item.justwatch_id);
    if (t || t.err().code != errc::not_found) return t;
    // The node is gone (JustWatch merged or renamed it): search again.
  }
  auto page = jw_.search(item.title);
  if (!page) return page.err();
  show target;
  target.id = item.show_id;
  target.title = item.title;
  target.year = item.year;
  std::vector<std::pair<std::int64_t, std::string>> tmdb;
  if (!item.tmdb_id.empty()) {
    try {
      tmdb.emplace_back(std::stoll(item.tmdb_id), item.show_id);
    } catch (...) {
      // A malformed stored link is no link.
    }
  }
  const adapters::catalog_matcher matcher({target}, tmdb);
  const adapters::jw_title* by_id = nullptr;
  std::vector<const adapters::jw_title*> fits;
  for (const auto& t : page->titles) {
    if (t.object_type != adapters::jw_object_type::show) continue;
    const auto m = matcher.match(adapters::jw_title_key(t));
    if (m.outcome != adapters::match_outcome::matched) continue;
    if (m.basis == adapters::match_basis::imdb || m.basis == adapters::match_basis::tmdb) {
      if (!by_id) by_id = &t;
    }
    fits.push_back(&t);
  }
  if (by_id) return *by_id;
  if (fits.size() == 1) return *fits.front();
  if (fits.empty()) {
    return error{errc::not_found, "justwatch: no show matches \"" + item.title + "\" (" +
                                      std::to_string(item.year) + ")"};
  }
  out.what = title_result::outcome::ambiguous;
  std::string ids;
  for (const auto* t : fits) ids += (ids.empty() ? "" : ", ") + t->id;
  return error{errc::invalid_argument, "justwatch: several shows match \"" + item.title + "\" (" +
                                           std::to_string(item.year) + "): " + ids};
}

title_result offers_refresher::refresh(const storage::refresh_item& item) {
  title_result out;
  out.show_id = item.show_id;
  auto title = find(item, out);
  if (!title) {
    out.message = title.err().message;
    if (out.what == title_result::outcome::ambiguous || title.err().code == errc::not_found) {
      if (title.err().code == errc::not_found) out.what = title_result::outcome::not_found;
      if (auto st = offers_.mark_offers_checked(item.show_id, now_); !st) {
        out.what = title_result::outcome::failed;
        out.err = st.err();
        out.message = st.err().message;
      }
      return out;
    }
    out.what = title_result::outcome::failed;
    out.err = title.err();
    return out;
  }
  out.justwatch_id = title->id;
  auto converted = adapters::convert_offers(*title, providers_, now_);
  add_unknown(unknown_, converted.unknown_packages);
  auto before = offers_.replace_offers(item.show_id, converted.offers, now_);
  if (!before) {
    out.what = title_result::outcome::failed;
    out.err = before.err();
    out.message = before.err().message;
    return out;
  }
  // Links help the next run (no search) and the Serializd import (TMDB ids); not fatal.
  (void)links_.set_show_link(item.show_id, "justwatch", title->id);
  if (title->tmdb_id > 0)
    (void)links_.set_show_link(item.show_id, "tmdb", std::to_string(title->tmdb_id));
  out.changes = diff_offers(item.show_id, *before, converted.offers, today_);
  out.what =
      out.changes.empty() ? title_result::outcome::unchanged : title_result::outcome::updated;
  return out;
}

}  // namespace recs::sync
