#include "sync/tvmaze_source.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "adapters/upstream_body.hpp"
#include "core/iso_time.hpp"

namespace recs::sync {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSlice{100};

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// A body that cannot be JSON (an HTML page): what decide_retry calls a block page.
bool looks_like_page(std::string_view body) {
  const auto at = body.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && body[at] == '<';
}

}  // namespace

std::int64_t tvmaze_show_id_of_location(std::string_view location) noexcept {
  if (const auto q = location.find_first_of("?#"); q != std::string_view::npos) {
    location = location.substr(0, q);
  }
  while (!location.empty() && location.back() == '/') location.remove_suffix(1);
  constexpr std::string_view kShows = "/shows/";
  const auto at = location.rfind(kShows);
  if (at == std::string_view::npos) return 0;
  const std::string_view digits = location.substr(at + kShows.size());
  if (digits.empty() || digits.size() > 15) return 0;
  std::int64_t id = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

tvmaze_source::tvmaze_source(tvmaze_options opts, httpc::fetcher& fetch,
                             httpc::fetcher::sleeper sleep)
    : opts_(std::move(opts)),
      fetch_(fetch),
      sleep_(std::move(sleep)),
      limit_(opts_.max_calls, opts_.window),
      rng_(std::random_device{}()) {
  while (!opts_.base_url.empty() && opts_.base_url.back() == '/') opts_.base_url.pop_back();
}

httpc::request tvmaze_source::request_for(const std::string& path) const {
  httpc::request req;
  req.url = opts_.base_url + path;
  req.headers = {{"Accept", "application/json"}};
  return req;
}

status tvmaze_source::wait(milliseconds d) {
  const error stopped{errc::unavailable, "tvmaze: cancelled"};
  if (fetch_.cancelled()) return stopped;
  if (d.count() <= 0) return ok_status();
  stats_.waited_ms += static_cast<std::uint64_t>(d.count());
  if (sleep_) {
    sleep_(d);
  } else {
    const auto end = clock::now() + d;
    while (!fetch_.cancelled()) {
      const auto left = end - clock::now();
      if (left <= clock::duration::zero()) break;
      std::this_thread::sleep_for(std::min<clock::duration>(left, kSlice));
    }
  }
  if (fetch_.cancelled()) return stopped;
  return ok_status();
}

status tvmaze_source::throttle() {
  if (fetch_.cancelled()) return error{errc::unavailable, "tvmaze: cancelled"};
  const auto now = clock::now();
  const auto at = limit_.next_allowed(now);
  if (at > now) {
    ++stats_.throttled;
    if (auto st = wait(std::chrono::ceil<milliseconds>(at - now)); !st) return st;
  }
  // With an injected sleeper no time passes: the call is booked at the time it was allowed.
  limit_.record(std::max(clock::now(), at));
  return ok_status();
}

result<std::string> tvmaze_source::get(const std::string& path) {
  if (auto st = throttle(); !st) return st.err();
  const auto before = fetch_.stats().requests;
  auto r = fetch_.fetch(request_for(path));
  const auto attempts = fetch_.stats().requests - before;
  stats_.calls += attempts;
  // The fetcher's retries went out unthrottled: booked now, the next call waits for them.
  for (std::uint64_t i = 1; i < attempts; ++i) limit_.record(clock::now());
  if (!r) return r.err();
  return std::move(r->body);
}

result<httpc::response> tvmaze_source::send_hop(const httpc::request& r) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int earlier_blocks = 0;
  for (int attempt = 1;; ++attempt) {
    if (auto st = throttle(); !st) return st.err();
    ++stats_.calls;
    result<httpc::response> out = fetch_.client().send(r);
    if (out) {
      // The answers the caller reads: a redirect (whatever its body), a JSON 200, a JSON 404.
      if (is_redirect(out->status)) return out;
      const bool page = looks_like_page(out->body);
      if ((out->status == 200 || out->status == 404) && !page) return out;
      // As the fetcher does: a 2xx HTML page is the block-page error (decide_retry does not
      // retry 2xx answers).
      if (page && out->status >= 200 && out->status < 300) {
        out = http_status_error("tvmaze", out->status, out->body);
      }
    }
    const bool blocked = out ? looks_like_page(out->body) : is_blocked(out.err());
    const auto next =
        httpc::decide_retry(opts_.retry, attempt, out, unix_now(), unit(rng_), earlier_blocks);
    if (blocked) ++earlier_blocks;
    if (!next.retry) {
      if (!out && !is_blocked(out.err())) {
        return error{out.err().code, "tvmaze: " + out.err().message};
      }
      return out;
    }
    if (auto st = wait(next.delay); !st) return st.err();
  }
}

result<adapters::tvmaze_index_page> tvmaze_source::index_page(std::int64_t page) {
  auto body = get(adapters::tvmaze_index_path(page));
  if (!body) {
    // The fetcher turns only a 404 answer into not_found: the end of the index.
    if (body.err().code == errc::not_found) return adapters::read_tvmaze_index_page(404, "");
    return body.err();
  }
  return adapters::read_tvmaze_index_page(200, *body);
}

result<adapters::tvmaze_show> tvmaze_source::show(std::int64_t id) {
  if (id <= 0) {
    return error{errc::invalid_argument, "tvmaze: no show id " + std::to_string(id)};
  }
  auto body = get("/shows/" + std::to_string(id) + "?embed=nextepisode");
  if (!body) return body.err();
  return adapters::parse_tvmaze_show(*body);
}

result<adapters::tvmaze_show> tvmaze_source::lookup_imdb(std::string_view imdb_id) {
  auto path = adapters::tvmaze_lookup_imdb_path(imdb_id);
  if (!path) return path.err();
  auto hop = send_hop(request_for(*path));
  if (!hop) return hop.err();
  if (!is_redirect(hop->status)) return adapters::read_tvmaze_lookup(hop->status, hop->body);
  const std::string location = hop->header("location");
  const std::int64_t id = tvmaze_show_id_of_location(location);
  if (id <= 0) {
    return error{errc::internal, "tvmaze: the lookup of " + std::string(imdb_id) +
                                     " redirected to an unexpected place: \"" +
                                     location.substr(0, 200) + "\""};
  }
  return show(id);  // with ?embed=nextepisode, which the Location lacks
}

result<std::map<std::int64_t, std::int64_t>> tvmaze_source::updates(adapters::tvmaze_since since) {
  auto body = get(adapters::tvmaze_updates_path(since));
  if (!body) return body.err();
  return adapters::parse_tvmaze_updates(*body);
}

}  // namespace recs::sync
