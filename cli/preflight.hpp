#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "core/result.hpp"

namespace recs::cli {

/// The product spec's sanity checks against a running service (`recsctl preflight`).

enum class check_outcome { pass, fail, skip };

struct check_result {
  std::string name;
  check_outcome outcome = check_outcome::fail;
  std::string detail;  ///< the reason: what was seen
};

struct preflight_options {
  bool family = false;  ///< the Family Mix contract instead of the quick checks
  /// The profile (quick checks; empty = "ross") or the Family Mix members (empty = the whole
  /// household: no for=).
  std::string for_ref;
  std::uint64_t seed = 99;
};

/// Runs the checks in order, calling `on_check` after each (to print it at once), and returns
/// them all. Quick checks: healthz; the same seed gives the same slate twice; a BAD rating on
/// the top show changes the top for the same seed, then the rating is deleted again (DELETE
/// /ratings) so nothing is left behind; /metrics has recs_request_latency_ms; /admin/freshness
/// is readable (skipped when the token is not an admin's). Family: healthz; the default Family
/// Mix answer is an array whose items all have a boolean family_strong; with explain=true it is
/// {items, family} with the contract's fields (judge_family_explain); explain keeps the order.
/// When healthz fails (e.g. the service cannot be reached) the rest is not run.
std::vector<check_result> run_preflight(const api_client& api, const preflight_options& o,
                                        const std::function<void(const check_result&)>& on_check);

/// "PASS  same seed, same slate: 20 items, top tt5288312 Slow Horses" (one line). Pure.
std::string render_check(const check_result& c);

/// {"ok":bool,"passed":N,"failed":N,"skipped":N,"checks":[{"name","result","detail"}]}. Pure.
std::string render_checks_json(const std::vector<check_result>& checks);

// The judgements, pure, on the answers as they came.

/// GET /healthz: 200 and {"status":"ok"}.
check_result judge_health(const api_answer& a);

/// The ids of a slate answer (an array of items, or an object with "items"), in order;
/// errc::invalid_argument naming what is wrong with the answer.
result<std::vector<std::string>> slate_ids(const api_answer& a);

/// GET /metrics: 200 and a recs_request_latency_ms series.
check_result judge_metrics(const api_answer& a);

/// The default Family Mix answer: 200, a JSON array, every item with a boolean family_strong.
check_result judge_family_default(const api_answer& a);

/// The Family Mix answer with explain=true: 200, an object with an "items" array (every item
/// with a boolean family_strong) and "family" with a strong_locked_ids array of strings (each
/// an item that is strong), a numeric strong_min_fit, a strong_rule "min" or "avg", and
/// warning {"code":"no_strong_pick",...} exactly when no item is strong (null otherwise).
check_result judge_family_explain(const api_answer& a);

}  // namespace recs::cli
