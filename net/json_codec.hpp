#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"
#include "net/admin_port.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/family_mix.hpp"
#include "recsys/profile.hpp"
#include "recsys/slate.hpp"

namespace recs::net {

/// JSON renderings of the API's objects (see docs/api.md).
std::string render_slate(const slate& s, bool explain);
std::string render_show(const catalog_snapshot& cat, const show& s,
                        const std::unordered_set<std::string>& services);
std::string render_search(const catalog_snapshot& cat, const std::vector<std::uint32_t>& hits,
                          std::size_t total, const std::unordered_set<std::string>& services);
/// "More like this": the shows with their similarity (cosine of the content embeddings).
std::string render_similar(const catalog_snapshot& cat,
                           const std::vector<std::pair<std::uint32_t, float>>& hits,
                           const std::unordered_set<std::string>& services);
std::string render_rating(const rating& r);
std::string render_ratings(const std::vector<rating>& rs, const catalog_snapshot& cat);
std::string render_tag(std::int64_t profile_id, const tag_pref& t);
std::string render_tags(const std::vector<tag_pref>& ts);
std::string render_note(std::int64_t profile_id, const note& n);
std::string render_notes(const std::vector<note>& ns);
std::string render_household(const household& h);
std::string render_providers(const std::vector<provider>& ps);
/// {"commands":[{"ts","admin","command","detail","status"}]}, as given (newest first).
std::string render_admin_commands(const std::vector<admin_command>& commands);
/// GET /admin/status: {"actors":[...] as render_actor_list, "shows", "profiles", "cache" (the
/// slate cache backend)}.
std::string render_actors(const std::vector<actor_info>& actors, std::size_t shows,
                          std::size_t profiles, std::string_view cache);
/// {"actors":[{"name","state","instances","mailbox","processed"}]}.
std::string render_actor_list(const std::vector<actor_info>& actors);
std::string render_health(std::size_t shows);

/// Request bodies, validated: every field present with the right JSON type and range.
struct rating_body {
  std::int64_t profile_id = 0;
  std::string show_id;
  int primary = 0;
  std::optional<int> score;
};
struct tag_body {
  std::int64_t profile_id = 0;
  std::string tag;
  bool liked = true;
};
struct note_body {
  std::int64_t profile_id = 0;
  std::string show_id;
  std::string text;
};

result<rating_body> parse_rating_body(const std::string& body);
result<tag_body> parse_tag_body(const std::string& body);
result<note_body> parse_note_body(const std::string& body);
result<std::vector<std::string>> parse_services_body(const std::string& body);

/// POST /family/watched: {"show_id": str, "profile_ids"?: [int, ...]} (absent: everyone).
struct family_watched_body {
  std::string show_id;
  std::vector<std::int64_t> profile_ids;
};
result<family_watched_body> parse_family_watched_body(const std::string& body);
/// POST /admin/scoring/resize: {"scorers": 1-64}.
result<int> parse_resize_body(const std::string& body);

/// Family Mix renderings (net/json_family.cpp): the slate as an array, or with `explain` as
/// {"items": [...], "family": {...}}; a watched pick; the household's ledger.
std::string render_family(const family_slate& s, bool explain);
std::string render_family_watch(const family_watch& w, const std::vector<profile>& profiles);
std::string render_family_ledger(const std::vector<family_watch>& watches,
                                 const std::vector<profile>& profiles, const catalog_snapshot& cat);

}  // namespace recs::net
