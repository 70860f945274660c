#include "httpc/fetcher.hpp"

#include <algorithm>
#include <thread>

#include "core/iso_time.hpp"
#include "core/upstream_error.hpp"

namespace recs::httpc {
namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

// A block page shows in its first bytes: only those are handed to the JSON sniffing.
constexpr std::size_t kSniffBytes = 8192;
constexpr milliseconds kSlice{100};

bool success(int status) {
  return status >= 200 && status < 300;
}

// The verdict on a 2xx body that should be JSON: the "blocked: ..." error when it cannot start
// a JSON value (an HTML page, plain text), nothing otherwise (malformed JSON is the parser
// layer's business).
std::optional<error> block_page(std::string_view source, std::string_view body) {
  return not_json_error(source, body.substr(0, kSniffBytes));
}

bool is_block(std::string_view source, const result<response>& outcome) {
  if (!outcome) return is_blocked(outcome.err());
  return !success(outcome->status) &&
         is_blocked(http_status_error(source, outcome->status, outcome->body));
}

}  // namespace

fetcher::fetcher(std::string source, client_options copts, retry_policy rp,
                 std::optional<rate_limiter> limit, sleeper sleep)
    : source_(std::move(source)),
      client_(std::move(copts)),
      policy_(rp),
      limit_(std::move(limit)),
      sleep_(std::move(sleep)),
      cancelled_(std::make_shared<std::atomic<bool>>(false)),
      rng_(std::random_device{}()) {}

result<response> fetcher::fetch(const request& r, bool expect_json) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int earlier_blocks = 0;
  for (int attempt = 1;; ++attempt) {
    if (auto st = throttle(); !st) {
      ++stats_.failures;
      return final_error(st.err(), attempt - 1, unix_now());
    }
    ++stats_.requests;
    result<response> outcome = client_.send(r);
    if (outcome && success(outcome->status) && expect_json) {
      if (auto page = block_page(source_, outcome->body)) outcome = std::move(*page);
    }
    if (outcome && success(outcome->status)) return outcome;
    const bool blocked = is_block(source_, outcome);
    if (blocked) ++stats_.blocked;
    if (outcome && outcome->status == 429) ++stats_.rate_limited;
    const std::int64_t now = unix_now();
    const retry_decision next =
        decide_retry(policy_, attempt, outcome, now, unit(rng_), earlier_blocks);
    if (blocked) ++earlier_blocks;
    if (!next.retry) {
      ++stats_.failures;
      return final_error(outcome, attempt, now);
    }
    ++stats_.retries;
    if (auto st = wait(next.delay); !st) {
      ++stats_.failures;
      return final_error(st.err(), attempt, now);
    }
  }
}

status fetcher::wait(milliseconds d) {
  const error stopped{errc::unavailable, "cancelled"};
  if (cancelled()) return stopped;
  if (d.count() <= 0) return ok_status();
  stats_.waited_ms += static_cast<std::uint64_t>(d.count());
  if (sleep_) {
    sleep_(d);
  } else {
    const auto end = steady::now() + d;
    while (!cancelled()) {
      const auto left = end - steady::now();
      if (left <= steady::duration::zero()) break;
      std::this_thread::sleep_for(std::min<steady::duration>(left, kSlice));
    }
  }
  if (cancelled()) return stopped;
  return ok_status();
}

status fetcher::throttle() {
  if (cancelled()) return error{errc::unavailable, "cancelled"};
  if (!limit_) return ok_status();
  const auto now = steady::now();
  const auto at = limit_->next_allowed(now);
  if (at > now) {
    ++stats_.throttled;
    if (auto st = wait(std::chrono::ceil<milliseconds>(at - now)); !st) return st;
  }
  // With an injected sleeper no time passes: the call is booked at the time it was allowed.
  limit_->record(std::max(steady::now(), at));
  return ok_status();
}

error fetcher::final_error(const result<response>& outcome, int attempts,
                           std::int64_t now_unix) const {
  error e;
  if (outcome) {
    e = http_status_error(source_, outcome->status, outcome->body);
    const std::string note = retry_after_note(policy_, outcome, now_unix);
    if (!note.empty()) e.message += "; " + note;
  } else {
    e = outcome.err();
    if (!is_blocked(e)) e.message = source_ + ": " + e.message;
  }
  if (attempts > 1) e.message += " (after " + std::to_string(attempts) + " attempts)";
  return e;
}

}  // namespace recs::httpc
