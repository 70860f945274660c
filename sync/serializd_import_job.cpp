#include "sync/serializd_import_job.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "adapters/catalog_match.hpp"
#include "storage/sync_records.hpp"

namespace recs::sync {

namespace {

constexpr std::size_t kSummaryExamples = 3;
const std::string kSerializd(storage::link_source::serializd);
const std::string kTmdb(storage::link_source::tmdb);

std::string titled(const std::string& name, int year) {
  std::string out = name.empty() ? "?" : name;
  if (year != 0) out += " " + std::to_string(year);
  return out;
}

// "A, B, C, ..." of the first kSummaryExamples names, out of `total`.
std::string listed(const std::vector<std::string>& names, std::size_t total) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kSummaryExamples; ++i) {
    out += (i == 0 ? "" : ", ") + names[i];
  }
  if (total > std::min(names.size(), kSummaryExamples)) out += ", ...";
  return out;
}

std::string count_with(std::size_t n, const std::string& what, const std::string& examples) {
  std::string out = std::to_string(n) + " " + what;
  if (n > 0 && !examples.empty()) out += " (" + examples + ")";
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> tmdb_links(
    const std::vector<storage::show_link>& links) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  out.reserve(links.size());
  for (const auto& l : links) {
    try {
      std::size_t used = 0;
      const std::int64_t id = std::stoll(l.external_id, &used);
      if (used == l.external_id.size() && id > 0) out.emplace_back(id, l.show_id);
    } catch (...) {
      // A malformed stored link is no link.
    }
  }
  return out;
}

}  // namespace

std::string summarize(const serializd_import_result& r) {
  const auto& rep = r.report;
  std::vector<std::string> unmatched, ambiguous;
  for (const auto& e : rep.unmatched_examples)
    unmatched.push_back(titled(e.show_name, e.show_year));
  for (const auto& e : rep.ambiguous_examples) {
    std::string ids;
    for (const auto& c : e.candidates) ids += (ids.empty() ? "" : " | ") + c;
    ambiguous.push_back(titled(e.show_name, e.show_year) + (ids.empty() ? "" : ": " + ids));
  }
  std::string out = (r.username.empty() ? std::string("serializd") : r.username) + ": " +
                    std::to_string(rep.shows) + (rep.shows == 1 ? " show; " : " shows; ");
  out += std::to_string(r.ratings.size()) + " imported, " + std::to_string(r.unchanged) +
         " unchanged, " + count_with(r.kept, "kept", listed(r.kept_examples, r.kept)) + "; ";
  out += count_with(rep.matched, "matched",
                    rep.unrated > 0 ? std::to_string(rep.unrated) + " without a rating" : "");
  out += ", " + count_with(rep.unmatched, "unmatched", listed(unmatched, rep.unmatched));
  out += ", " + count_with(rep.ambiguous, "ambiguous", listed(ambiguous, rep.ambiguous));
  if (rep.duplicates > 0) {
    out += ", " + std::to_string(rep.duplicates) +
           (rep.duplicates == 1 ? " duplicate" : " duplicates");
  }
  return out;
}

std::vector<adapters::serializd_show_rollup> serializd_shows(
    const std::vector<adapters::serializd_diary_entry>& diary,
    const std::vector<adapters::serializd_watched_item>& watched) {
  auto shows = adapters::rollup_diary(diary);
  std::set<std::int64_t> seen;
  for (const auto& s : shows) seen.insert(s.show_id);
  for (const auto& w : watched) {
    if (!seen.insert(w.show_id).second) continue;
    adapters::serializd_show_rollup s;
    s.show_id = w.show_id;
    s.show_name = w.show_name;
    s.last_watched = w.date_added;
    shows.push_back(std::move(s));
  }
  std::sort(shows.begin(), shows.end(),
            [](const auto& a, const auto& b) { return a.show_id < b.show_id; });
  return shows;
}

serializd_import_job::serializd_import_job(storage::household_store& households,
                                           storage::taste_store& taste,
                                           storage::catalog_store& catalog,
                                           storage::link_store& links, serializd_source& source,
                                           serializd_import_options opts)
    : households_(households),
      taste_(taste),
      catalog_(catalog),
      links_(links),
      source_(source),
      opts_(opts) {
  out_.profile_id = opts_.profile_id;
}

int serializd_import_job::pages_known() const noexcept {
  const int diary = std::max(diary_total_, out_.diary_pages + (phase_ == phase::diary ? 1 : 0));
  const int watched =
      std::max(watched_total_, out_.watched_pages + (phase_ == phase::watched ? 1 : 0));
  return diary + watched;
}

std::string serializd_import_job::current() const {
  auto page_of = [&](const char* list, int total) {
    std::string s = std::string(list) + " page " + std::to_string(page_);
    if (total >= page_) s += " of " + std::to_string(total);
    return s;
  };
  switch (phase_) {
    case phase::begin:
      return "checking the token";
    case phase::diary:
      return page_of("diary", diary_total_);
    case phase::watched:
      return page_of("watched", watched_total_);
    case phase::match:
      return "matching the shows with the catalog";
    case phase::done:
      return "done";
  }
  return "done";
}

result<bool> serializd_import_job::step() {
  status st = ok_status();
  switch (phase_) {
    case phase::begin:
      st = begin();
      break;
    case phase::diary:
      st = next_diary();
      break;
    case phase::watched:
      st = next_watched();
      break;
    case phase::match:
      st = match();
      break;
    case phase::done:
      break;
  }
  if (!st) return st.err();
  return phase_ == phase::done;
}

result<serializd_import_result> serializd_import_job::run() {
  for (;;) {
    auto d = step();
    if (!d) return d.err();
    if (*d) return out_;
  }
}

status serializd_import_job::begin() {
  if (auto who = households_.profile_by_id(opts_.profile_id); !who) return who.err();
  auto user = source_.account();
  if (!user) return user.err();
  out_.username = std::move(*user);
  phase_ = phase::diary;
  page_ = 1;
  return ok_status();
}

status serializd_import_job::next_diary() {
  if (page_ > opts_.max_pages) {
    return error{errc::internal, "serializd: the diary has more than " +
                                     std::to_string(opts_.max_pages) + " pages; stopped there"};
  }
  auto page = source_.diary_page(out_.username, page_);
  if (!page) return page.err();
  for (auto& e : page->reviews) diary_.push_back(std::move(e));
  diary_total_ = page->total_pages;
  ++out_.diary_pages;
  if (auto next = adapters::serializd_next_page(page_, diary_total_)) {
    page_ = *next;
  } else {
    phase_ = phase::watched;
    page_ = 1;
  }
  return ok_status();
}

status serializd_import_job::next_watched() {
  if (page_ > opts_.max_pages) {
    return error{errc::internal, "serializd: the watched list has more than " +
                                     std::to_string(opts_.max_pages) + " pages; stopped there"};
  }
  auto page = source_.watched_page(out_.username, page_);
  if (!page) return page.err();
  for (auto& w : page->items) watched_.push_back(std::move(w));
  watched_total_ = page->total_pages;
  ++out_.watched_pages;
  if (auto next = adapters::serializd_next_page(page_, watched_total_)) {
    page_ = *next;
  } else {
    phase_ = phase::match;
  }
  return ok_status();
}

status serializd_import_job::match() {
  auto catalog = catalog_.shows();
  if (!catalog) return catalog.err();
  auto stored_links = links_.show_links(kTmdb);
  if (!stored_links) return stored_links.err();
  auto own = taste_.ratings(opts_.profile_id);
  if (!own) return own.err();

  const auto links = tmdb_links(*stored_links);
  const auto shows = serializd_shows(diary_, watched_);
  const adapters::catalog_matcher matcher(*catalog, links);
  serializd_import_result out;
  out.profile_id = opts_.profile_id;
  out.username = out_.username;
  out.diary_pages = out_.diary_pages;
  out.watched_pages = out_.watched_pages;
  out.diary_entries = diary_.size();
  std::set<std::int64_t> on_watched;
  for (const auto& w : watched_) on_watched.insert(w.show_id);
  out.watched_shows = on_watched.size();
  for (const auto& s : shows) out.watched_only += s.entries == 0 ? 1 : 0;
  out.report = adapters::import_serializd(shows, matcher, opts_.profile_id, opts_.max_examples);
  for (auto& r : out.report.ratings) {
    if (r.ts <= 0) r.ts = opts_.now;  // entries without dates
  }

  std::unordered_map<std::string, const rating*> mine;
  for (const auto& r : *own) mine.emplace(r.show_id, &r);
  std::unordered_map<std::string, const show*> by_id;
  for (const auto& s : *catalog) by_id.emplace(s.id, &s);
  for (const auto& r : out.report.ratings) {
    const auto it = mine.find(r.show_id);
    if (it == mine.end()) {
      out.ratings.push_back(r);
    } else if (it->second->source != kSerializd) {
      ++out.kept;
      if (out.kept_examples.size() < opts_.max_examples) {
        const auto s = by_id.find(r.show_id);
        out.kept_examples.push_back(s == by_id.end() ? r.show_id : s->second->title);
      }
    } else if (it->second->primary == r.primary && it->second->score == r.score) {
      ++out.unchanged;
    } else {
      out.ratings.push_back(r);
    }
  }

  if (opts_.learn_links) {
    std::set<std::pair<std::int64_t, std::string>> known(links.begin(), links.end());
    std::map<std::int64_t, int> year_of;
    for (const auto& s : shows) year_of[s.show_id] = s.show_year;
    for (const auto& link : out.report.tmdb_links) {
      // A title match without a year (a watched-only show) is too loose to remember.
      if (known.count(link) > 0 || year_of[link.first] == 0) continue;
      if (links_.set_show_link(link.second, kTmdb, std::to_string(link.first))) {
        out.links_learned.push_back(link);
      }
    }
  }
  out_ = std::move(out);
  phase_ = phase::done;
  return ok_status();
}

}  // namespace recs::sync
