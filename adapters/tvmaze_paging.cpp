#include "adapters/tvmaze_paging.hpp"

#include "adapters/upstream_body.hpp"

namespace recs::adapters {

std::string tvmaze_index_path(std::int64_t page) {
  return "/shows?page=" + std::to_string(page < 0 ? 0 : page);
}

result<std::string> tvmaze_lookup_imdb_path(std::string_view imdb_id) {
  bool ok = imdb_id.size() >= 3 && imdb_id.size() <= 12 && imdb_id.substr(0, 2) == "tt";
  for (std::size_t i = 2; ok && i < imdb_id.size(); ++i)
    ok = imdb_id[i] >= '0' && imdb_id[i] <= '9';
  if (!ok) {
    return error{errc::invalid_argument,
                 "tvmaze: \"" + std::string(imdb_id.substr(0, 32)) + "\" is not an IMDb id"};
  }
  return "/lookup/shows?imdb=" + std::string(imdb_id);
}

std::string tvmaze_updates_path(tvmaze_since since) {
  switch (since) {
    case tvmaze_since::day:
      return "/updates/shows?since=day";
    case tvmaze_since::week:
      return "/updates/shows?since=week";
    case tvmaze_since::month:
      return "/updates/shows?since=month";
  }
  return "/updates/shows?since=day";
}

result<tvmaze_index_page> read_tvmaze_index_page(int http_status, std::string_view body) {
  if (http_status == 404) return tvmaze_index_page{true, {}};
  if (http_status != 200) return http_status_error("tvmaze", http_status, body);
  auto shows = parse_tvmaze_shows(body);
  if (!shows) return shows.err();
  return tvmaze_index_page{false, std::move(shows).value()};
}

result<tvmaze_show> read_tvmaze_lookup(int http_status, std::string_view body) {
  if (http_status != 200) return http_status_error("tvmaze", http_status, body);
  return parse_tvmaze_show(body);
}

}  // namespace recs::adapters
