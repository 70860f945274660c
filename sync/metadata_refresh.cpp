#include "sync/metadata_refresh.hpp"

#include <charconv>
#include <utility>

#include "recsys/spoiler_filter.hpp"
#include "storage/sync_records.hpp"

namespace recs::sync {

namespace {

constexpr std::int64_t kDay = 86400;
constexpr int kMaxRuntime = 600;
const std::string kTvmaze(storage::link_source::tvmaze);
const std::string kMissing(storage::link_source::tvmaze_missing);

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

/// A decimal number of a meta value or a link's external id; nullopt otherwise.
std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  const auto* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, v);
  if (s.empty() || r.ec != std::errc{} || r.ptr != end) return std::nullopt;
  return v;
}

result<std::int64_t> meta_int(storage::meta_store& meta, std::string_view key) {
  auto v = meta.get_meta(std::string(key));
  if (!v) return v.err();
  if (!v->has_value()) return std::int64_t{0};
  return parse_int(**v).value_or(0);
}

metadata_result failed(metadata_result out, error e) {
  out.what = metadata_result::outcome::failed;
  out.message = e.message;
  out.err = std::move(e);
  return out;
}

}  // namespace

// -- the pure part ------------------------------------------------------------------------------

std::optional<season_news> plan_season_news(const show& ours, const adapters::tvmaze_show& theirs) {
  if (!theirs.next_episode) return std::nullopt;
  const adapters::tvmaze_episode& next = *theirs.next_episode;
  if (next.number != 1 || next.season < 1) return std::nullopt;
  return season_news{ours.id, next.season, next.airdate};
}

metadata_change plan_metadata(const show& ours, const adapters::tvmaze_show& theirs) {
  metadata_change c;
  const int runtime = theirs.average_runtime > 0 ? theirs.average_runtime : theirs.runtime;
  if (runtime > 0 && runtime <= kMaxRuntime && runtime != ours.runtime) {
    c.write.runtime = runtime;
    c.fields.push_back("runtime " + std::to_string(ours.runtime) + " -> " +
                       std::to_string(runtime));
  }
  if (!blank(theirs.network) && theirs.network != ours.network) {
    c.write.network = theirs.network;
    c.fields.push_back("network " + quoted(ours.network) + " -> " + quoted(theirs.network));
  }
  if (ours.year == 0 && theirs.year > 0) {
    c.write.year = theirs.year;
    c.fields.push_back("year 0 -> " + std::to_string(theirs.year));
  }
  if (blank(ours.premise) && !blank(theirs.summary)) {
    show probe = ours;
    probe.premise = theirs.summary;
    auto safe = sanitize_premise(probe);
    if (safe.result == sanitized_premise::outcome::kept && safe.text.size() >= min_premise_chars) {
      c.write.premise = std::move(safe.text);
      c.fields.push_back("premise (TVmaze's summary)");
    }
  }
  return c;
}

void apply_metadata(show& s, const storage::show_metadata& m) {
  if (m.year > 0) s.year = m.year;
  if (m.runtime > 0) s.runtime = m.runtime;
  if (!m.network.empty()) s.network = m.network;
  if (!m.premise.empty()) s.premise = m.premise;
}

adapters::tvmaze_since updates_window(std::int64_t now, std::int64_t last_run) noexcept {
  if (last_run <= 0) return adapters::tvmaze_since::day;
  const std::int64_t age = now - last_run + kTvmazeUpdatesSlack;
  if (age <= kDay) return adapters::tvmaze_since::day;
  if (age <= 7 * kDay) return adapters::tvmaze_since::week;
  return adapters::tvmaze_since::month;
}

std::string_view to_string(metadata_result::outcome o) noexcept {
  switch (o) {
    case metadata_result::outcome::updated:
      return "updated";
    case metadata_result::outcome::unchanged:
      return "unchanged";
    case metadata_result::outcome::missing:
      return "missing";
    case metadata_result::outcome::failed:
      return "failed";
  }
  return "failed";
}

// -- tvmaze_catalog -----------------------------------------------------------------------------

result<tvmaze_catalog> tvmaze_catalog::load(storage::catalog_store& catalog,
                                            storage::link_store& links) {
  tvmaze_catalog c;
  auto shows = catalog.shows();
  if (!shows) return shows.err();
  for (auto& s : *shows) {
    s.offers.clear();  // not needed here
    auto id = s.id;
    c.shows_.emplace(std::move(id), std::move(s));
  }
  auto linked = links.show_links(kTvmaze);
  if (!linked) return linked.err();
  for (const auto& l : *linked) {
    const auto id = parse_int(l.external_id);
    if (!id || *id <= 0) continue;  // not a TVmaze id: ignored (and replaced if looked up)
    c.by_tvmaze_[*id] = l.show_id;
    c.tvmaze_of_[l.show_id] = *id;
  }
  auto missing = links.show_links(kMissing);
  if (!missing) return missing.err();
  for (const auto& l : *missing) c.missing_.insert(l.show_id);
  return c;
}

const show* tvmaze_catalog::find(const std::string& show_id) const {
  auto it = shows_.find(show_id);
  return it == shows_.end() ? nullptr : &it->second;
}

std::optional<std::string> tvmaze_catalog::show_of(std::int64_t tvmaze_id) const {
  auto it = by_tvmaze_.find(tvmaze_id);
  if (it == by_tvmaze_.end()) return std::nullopt;
  return it->second;
}

std::int64_t tvmaze_catalog::tvmaze_of(const std::string& show_id) const {
  auto it = tvmaze_of_.find(show_id);
  return it == tvmaze_of_.end() ? 0 : it->second;
}

status tvmaze_catalog::mark_missing(storage::link_store& links, const std::string& show_id) {
  if (auto st = links.set_show_link(show_id, kMissing, show_id); !st) return st;
  missing_.insert(show_id);
  return ok_status();
}

status tvmaze_catalog::unlink(storage::link_store& links, const std::string& show_id) {
  auto st = links.delete_show_link(show_id, kTvmaze);
  if (!st && st.err().code != errc::not_found) return st;
  if (auto it = tvmaze_of_.find(show_id); it != tvmaze_of_.end()) {
    by_tvmaze_.erase(it->second);
    tvmaze_of_.erase(it);
  }
  return ok_status();
}

metadata_result tvmaze_catalog::apply(storage::catalog_store& catalog, storage::link_store& links,
                                      const std::string& show_id,
                                      const adapters::tvmaze_show& theirs, bool link) {
  metadata_result out;
  out.show_id = show_id;
  out.tvmaze_id = theirs.id;
  auto it = shows_.find(show_id);
  if (it == shows_.end()) return failed(out, {errc::not_found, "no show " + show_id});
  if (link) {
    if (auto other = show_of(theirs.id); other && *other != show_id) {
      out.what = metadata_result::outcome::missing;
      out.message = "TVmaze show " + std::to_string(theirs.id) + " (" + theirs.name +
                    ") is linked to " + *other + " already";
      return out;
    }
    if (tvmaze_of(show_id) != theirs.id) {
      if (auto st = links.set_show_link(show_id, kTvmaze, std::to_string(theirs.id)); !st) {
        return failed(out, st.err());
      }
      if (auto old = tvmaze_of(show_id); old != 0) by_tvmaze_.erase(old);
      by_tvmaze_[theirs.id] = show_id;
      tvmaze_of_[show_id] = theirs.id;
      out.linked = true;
    }
    if (missing_.count(show_id) != 0) {
      auto st = links.delete_show_link(show_id, kMissing);
      if (!st && st.err().code != errc::not_found) return failed(out, st.err());
      missing_.erase(show_id);
    }
  }
  auto change = plan_metadata(it->second, theirs);
  if (change.empty()) {
    out.what = metadata_result::outcome::unchanged;
    out.news = plan_season_news(it->second, theirs);
    return out;
  }
  if (auto st = catalog.update_show_metadata(show_id, change.write); !st) {
    return failed(out, st.err());
  }
  apply_metadata(it->second, change.write);
  out.what = metadata_result::outcome::updated;
  out.news = plan_season_news(it->second, theirs);
  out.fields = std::move(change.fields);
  return out;
}

// -- metadata_refresher -------------------------------------------------------------------------

metadata_refresher::metadata_refresher(storage::catalog_store& shows, storage::link_store& links,
                                       storage::meta_store& meta, tvmaze_source& tv,
                                       std::int64_t now)
    : shows_(shows), links_(links), meta_(meta), tv_(tv), now_(now) {}

result<metadata_plan> metadata_refresher::begin(std::size_t link_limit) {
  auto catalog = tvmaze_catalog::load(shows_, links_);
  if (!catalog) return catalog.err();
  catalog_ = std::move(*catalog);
  metadata_plan plan;
  plan.now = now_;
  auto last = meta_int(meta_, kTvmazeLastRunKey);
  if (!last) return last.err();
  plan.last_run = *last;
  plan.since = updates_window(now_, plan.last_run);
  auto updates = tv_.updates(plan.since);
  if (!updates) return updates.err();
  plan.updated_upstream = static_cast<std::int64_t>(updates->size());
  const std::int64_t since = plan.last_run > 0 ? plan.last_run - kTvmazeUpdatesSlack : 0;
  for (const auto& [tvmaze_id, ts] : *updates) {
    if (ts < since) continue;
    auto ours = catalog_.show_of(tvmaze_id);
    if (!ours) continue;
    const show* s = catalog_.find(*ours);
    if (!s) continue;
    plan.tasks.push_back({metadata_task::kind::refresh, *ours, s->title, tvmaze_id});
  }
  refreshes_planned_ = plan.tasks.size();
  refreshes_ok_ = 0;
  auto total = links_.unlinked_show_count(kTvmaze, kMissing);
  if (!total) return total.err();
  plan.unlinked_total = *total;
  auto candidates = links_.unlinked_shows(kTvmaze, kMissing, link_limit);
  if (!candidates) return candidates.err();
  for (auto& c : *candidates) {
    plan.tasks.push_back({metadata_task::kind::link, std::move(c.show_id), std::move(c.title), 0});
  }
  return plan;
}

metadata_result metadata_refresher::run(const metadata_task& t) {
  metadata_result out;
  out.show_id = t.show_id;
  out.tvmaze_id = t.tvmaze_id;
  if (t.what == metadata_task::kind::refresh) {
    auto theirs = tv_.show(t.tvmaze_id);
    if (!theirs && theirs.err().code == errc::not_found) {
      if (auto st = catalog_.unlink(links_, t.show_id); !st) return failed(out, st.err());
      ++refreshes_ok_;
      out.what = metadata_result::outcome::missing;
      out.message = "TVmaze has no show " + std::to_string(t.tvmaze_id) + " any more: unlinked";
      return out;
    }
    if (!theirs) return failed(out, theirs.err());
    auto r = catalog_.apply(shows_, links_, t.show_id, *theirs, false);
    if (r.what != metadata_result::outcome::failed) ++refreshes_ok_;
    return r;
  }
  auto theirs = tv_.lookup_imdb(t.show_id);
  if (!theirs) {
    const auto code = theirs.err().code;
    if (code != errc::not_found && code != errc::invalid_argument) {
      return failed(out, theirs.err());
    }
    if (auto st = catalog_.mark_missing(links_, t.show_id); !st) return failed(out, st.err());
    out.what = metadata_result::outcome::missing;
    out.message = code == errc::not_found ? "TVmaze has no show with IMDb id " + t.show_id
                                          : theirs.err().message;
    return out;
  }
  auto r = catalog_.apply(shows_, links_, t.show_id, *theirs, true);
  if (r.what == metadata_result::outcome::missing) {
    // The TVmaze show is another of ours: do not ask again for this one.
    if (auto st = catalog_.mark_missing(links_, t.show_id); !st) return failed(r, st.err());
  }
  return r;
}

result<bool> metadata_refresher::finish() {
  if (refreshes_ok_ < refreshes_planned_) return false;
  if (auto st = meta_.set_meta(std::string(kTvmazeLastRunKey), std::to_string(now_)); !st) {
    return st.err();
  }
  return true;
}

// -- index_walker -------------------------------------------------------------------------------

index_walker::index_walker(storage::catalog_store& shows, storage::link_store& links,
                           storage::meta_store& meta, tvmaze_source& tv)
    : shows_(shows), links_(links), meta_(meta), tv_(tv) {}

result<std::int64_t> index_walker::begin() {
  auto catalog = tvmaze_catalog::load(shows_, links_);
  if (!catalog) return catalog.err();
  catalog_ = std::move(*catalog);
  auto page = meta_int(meta_, kTvmazeIndexPageKey);
  if (!page) return page.err();
  return *page < 0 ? 0 : *page;
}

status index_walker::skip(std::int64_t page) {
  return meta_.set_meta(std::string(kTvmazeIndexPageKey), std::to_string(page + 1));
}

index_page_result index_walker::walk(std::int64_t page) {
  index_page_result out;
  out.page = page;
  auto read = tv_.index_page(page);
  if (!read) {
    out.err = read.err();
    return out;
  }
  out.end = read->end;
  out.shows = read->shows.size();
  for (const auto& theirs : read->shows) {
    if (auto ours = catalog_.show_of(theirs.id)) {
      out.matched.push_back(catalog_.apply(shows_, links_, *ours, theirs, false));
      continue;
    }
    if (theirs.imdb_id.empty()) continue;
    if (!catalog_.find(theirs.imdb_id) || catalog_.tvmaze_of(theirs.imdb_id) != 0) continue;
    out.matched.push_back(catalog_.apply(shows_, links_, theirs.imdb_id, theirs, true));
  }
  const std::int64_t next = out.end ? 0 : page + 1;
  if (auto st = meta_.set_meta(std::string(kTvmazeIndexPageKey), std::to_string(next)); !st) {
    out.err = st.err();
  }
  return out;
}

}  // namespace recs::sync
