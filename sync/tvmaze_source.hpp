#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>

#include "adapters/tvmaze_paging.hpp"
#include "adapters/tvmaze_response.hpp"
#include "core/rate_limiter.hpp"
#include "core/result.hpp"
#include "httpc/fetcher.hpp"

namespace recs::sync {

/// Where TVmaze is and how hard it may be asked.
struct tvmaze_options {
  /// TVMAZE_URL: the API's base, without a trailing slash (tests: a local replay server).
  std::string base_url = std::string(adapters::kTvmazeBaseUrl);
  /// TVmaze's documented limit: at most `max_calls` calls in any `window` (20 per 10 s).
  std::size_t max_calls = 20;
  std::chrono::milliseconds window{10000};
  /// Retries of the lookup's first hop, which this class sends itself (see lookup_imdb); the
  /// fetcher's own policy covers every other call. Give both the same policy.
  httpc::retry_policy retry;
};

/// Counters of one source since it was made.
struct tvmaze_stats {
  std::uint64_t calls = 0;      ///< HTTP attempts, the fetcher's retries included
  std::uint64_t throttled = 0;  ///< waits the rate limit imposed
  std::uint64_t waited_ms = 0;  ///< their total, with the lookup hop's backoff
};

/// TVmaze's REST API, one blocking call at a time, for a detached actor's thread. Every answer
/// is read with the adapters' parsers (tvmaze_response, tvmaze_paging): errors are values.
///
/// The source keeps TVmaze's rate limit itself (tvmaze_options::max_calls per window), across
/// the calls it sends through the fetcher and the lookup hops it sends directly; retries the
/// fetcher made are booked afterwards, so the next call waits for them. Give it a fetcher
/// without a rate limit of its own (one would only slow it down further). A pause
/// (fetcher::cancel) ends a rate-limit wait at once with unavailable "cancelled".
class tvmaze_source {
 public:
  using clock = rate_limiter::clock;

  /// `sleep` waits for the rate limit and the lookup hop's backoff; the default sleeps in
  /// slices of <= 100 ms and stops early once the fetcher is cancelled. Tests inject one (no
  /// time passes then: a call is booked at the time it was allowed).
  tvmaze_source(tvmaze_options opts, httpc::fetcher& fetch, httpc::fetcher::sleeper sleep = {});

  /// GET /shows?page=N: a page of the show index (250 ids a page), or `end` when TVmaze
  /// answers 404 (the walk is over). An empty page is a page, not the end.
  result<adapters::tvmaze_index_page> index_page(std::int64_t page);

  /// GET /shows/:id?embed=nextepisode: the show with its next episode (next_episode), when
  /// TVmaze has one. not_found when TVmaze has no such show (deleted or merged).
  result<adapters::tvmaze_show> show(std::int64_t id);

  /// GET /lookup/shows?imdb=tt...: TVmaze answers with a redirect to /shows/:id, which is
  /// followed as show(id) does (with ?embed=nextepisode, whatever query the Location has) on
  /// this source's base URL (whatever host the Location names). not_found when
  /// TVmaze lacks the show (404); invalid_argument for a malformed IMDb id (nothing is sent).
  /// The http client follows no redirects and the fetcher returns 2xx answers only, so the
  /// first hop is sent here with the same retry rules (httpc::decide_retry): 429 waits
  /// Retry-After, 5xx and timeouts back off, an HTML page is a block page.
  result<adapters::tvmaze_show> lookup_imdb(std::string_view imdb_id);

  /// GET /updates/shows?since=...: TVmaze show id -> unix seconds of its last change.
  result<std::map<std::int64_t, std::int64_t>> updates(adapters::tvmaze_since since);

  const tvmaze_stats& stats() const noexcept { return stats_; }
  const tvmaze_options& options() const noexcept { return opts_; }

 private:
  result<std::string> get(const std::string& path);
  result<httpc::response> send_hop(const httpc::request& r);
  status throttle();
  status wait(std::chrono::milliseconds d);
  httpc::request request_for(const std::string& path) const;

  tvmaze_options opts_;
  httpc::fetcher& fetch_;
  httpc::fetcher::sleeper sleep_;
  rate_limiter limit_;
  tvmaze_stats stats_;
  std::mt19937_64 rng_;
};

/// The TVmaze show id a lookup's Location names ("https://api.tvmaze.com/shows/44983",
/// "/shows/44983", with or without a query); 0 when it names no show. Pure.
std::int64_t tvmaze_show_id_of_location(std::string_view location) noexcept;

}  // namespace recs::sync
