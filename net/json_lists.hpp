#pragma once

// JSON of the quieter signals (docs/api.md, "Watchlists", "Feedback"): request bodies and
// renderings. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "net/lists_port.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/import_report.hpp"
#include "recsys/profile.hpp"
#include "recsys/watch_alerts.hpp"

namespace recs::net {

/// POST /feedback: {"profile_id": int, "show_id": str, "kind": "not_interested" |
/// "not_tonight" | "seen"}.
struct feedback_body {
  std::int64_t profile_id = 0;
  std::string show_id;
  feedback_kind kind = feedback_kind::not_interested;
};
result<feedback_body> parse_feedback_body(const std::string& body);

/// POST /watchlist: {"show_id": str} with exactly one of "profile_id": int (that profile's list)
/// or "list": "household" (the household's).
struct watch_body {
  std::string show_id;
  std::optional<std::int64_t> profile_id;  ///< nullopt: the household's list
};
result<watch_body> parse_watch_body(const std::string& body);

/// GET /onboarding: {"items":[show, as in a search result]} in the grid's order; ids no longer
/// in the catalog are left out.
std::string render_onboarding(const std::vector<std::string>& ids, const catalog_snapshot& cat,
                              const std::unordered_set<std::string>& services);

/// POST /inbox/read: {"ids": [int, ...] (1-500)} or {"all": true}; empty ids: every alert.
result<std::vector<std::int64_t>> parse_inbox_read_body(const std::string& body);
/// GET /inbox: {"unread": N, "items": [{"id","show_id","title","event","text","ts","read"}]}.
/// PUT /me/webhook's body: {"kind": "discord"|"slack"|"teams"|"ntfy", "url": "..."} (the values
/// are checked by the port).
struct webhook_body {
  std::string kind;
  std::string url;
};
result<webhook_body> parse_webhook_body(const std::string& body);
/// {"webhook": {"kind", "url" (masked), "updated_at"} | null, "policy"}.
std::string render_webhook(const webhook_state& s);
/// {"delivered": bool, "message"?}.
std::string render_webhook_test(const webhook_test& t);

std::string render_inbox(const std::vector<inbox_item>& items, std::int64_t unread,
                         const catalog_snapshot& cat);

/// {"profile_id","show_id","kind","ts","until","source"}; until is null but for not_tonight.
std::string render_feedback(std::int64_t profile_id, const show_feedback& f);
/// {"items":[ render_feedback's fields + "title" and "active" (false: a "not tonight" whose
/// time has passed, at `now`) ]}, newest first.
std::string render_feedback_list(std::int64_t profile_id, const std::vector<show_feedback>& fs,
                                 const catalog_snapshot& cat, std::int64_t now);

/// One watchlist entry: {"list": "profile"|"household", "profile_id": int|null, "added_by":
/// int|null, "ts", "source", "show": {the show as in a search result}}; a show no longer in the
/// catalog gives "show": {"id", "title": ""}.
std::string render_watch(const watch_entry& w, const catalog_snapshot& cat,
                         const std::unordered_set<std::string>& services);
/// {"items":[entries as render_watch]}, in the given order.
std::string render_watchlist(const std::vector<watch_entry>& ws, const catalog_snapshot& cat,
                             const std::unordered_set<std::string>& services);

/// POST /imports/{format}'s answer: {"format","profile_id","dry_run", the counts of
/// import_report, "unmatched_items"/"ambiguous_items":[{"line","title","year","candidates":
/// [{"id","title","year"}]}], "notes":[str]}.
std::string render_import_report(const std::string& format, std::int64_t profile_id, bool dry_run,
                                 const import_report& r);

}  // namespace recs::net
