#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "httpc/http_client.hpp"

namespace recs::httpc {

/// When and how long to wait before trying an upstream request again.
struct retry_policy {
  int max_attempts = 4;                        ///< including the first; < 1 is read as 1
  std::chrono::milliseconds base_delay{500};   ///< the first retry's backoff; doubles each retry
  std::chrono::milliseconds max_delay{30000};  ///< cap of the backoff (jitter included)
  /// The backoff is scaled by a factor uniformly drawn from [1 - jitter, 1 + jitter) (then
  /// capped at max_delay), so that clients that failed together do not retry together.
  double jitter = 0.2;
  /// A Retry-After asking for longer than this is not waited for: the request gives up with
  /// errc::unavailable, and the message says when to come back (see retry_after_note).
  std::chrono::milliseconds max_retry_after{120000};
  /// An HTML page where JSON was expected (a block page): wait at least this long, and retry
  /// such an answer at most once per request.
  std::chrono::milliseconds blocked_delay{60000};
};

/// A Retry-After header value as a delay: delta-seconds ("120") or an HTTP-date (IMF-fixdate
/// "Sun, 06 Nov 1994 08:49:37 GMT", or the obsolete RFC 850 and asctime forms), relative to
/// `now_unix` (a date in the past is 0 ms). Surrounding white space is ignored. nullopt when
/// absent or invalid. Pure.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::int64_t now_unix);

/// The backoff before retry number `attempt` (the attempt that just failed, 1-based):
/// min(base_delay * 2^(attempt-1), max_delay) scaled by the jitter factor drawn with `rand01`
/// in [0, 1) (0.5 = no jitter), capped at max_delay. Pure.
std::chrono::milliseconds backoff_delay(const retry_policy& p, int attempt, double rand01);

/// What to do next.
struct retry_decision {
  bool retry = false;
  std::chrono::milliseconds delay{0};  ///< how long to wait first (0 when not retrying)
};

/// What to do after attempt `attempt` (1-based) ended with `outcome` (a transport error, or an
/// answer). Never retries once `attempt` reached max_attempts. Retries, after backoff_delay:
/// - errc::unavailable transport errors (timeouts, refused, reset...), except an answer over
///   the size limit and a certificate failure (is_answer_too_large, is_certificate_error), which
///   the same server gives again;
/// - 408, 500, 502, 504;
/// - 429 and 503, waiting max(Retry-After, backoff); a Retry-After over max_retry_after gives up;
/// - a block page (an answer with an HTML body whatever its status, or an error
///   is_blocked marks), waiting max(blocked_delay, backoff, Retry-After) -- only when
///   `earlier_blocks` (earlier attempts of this request that were block pages) is 0.
/// Does not retry: 1xx-3xx answers, other 4xx, other errors (invalid_argument, internal...).
/// `now_unix` dates Retry-After; `rand01` in [0, 1) drives the jitter. Pure.
retry_decision decide_retry(const retry_policy& p, int attempt, const result<response>& outcome,
                            std::int64_t now_unix, double rand01, int earlier_blocks = 0);

/// When `outcome` is a 429, 503 or block-page answer whose Retry-After asks for more than
/// p.max_retry_after: a note to append to the final error, e.g. "Retry-After asks for 3600 s,
/// more than the 120 s we wait; try again after 2025-03-01T10:00:00Z". Empty otherwise. Pure.
std::string retry_after_note(const retry_policy& p, const result<response>& outcome,
                             std::int64_t now_unix);

}  // namespace recs::httpc
