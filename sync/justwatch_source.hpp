#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/justwatch_request.hpp"
#include "adapters/justwatch_response.hpp"
#include "core/result.hpp"
#include "httpc/fetcher.hpp"

namespace recs::sync {

/// Where JustWatch is and what it is asked for.
struct justwatch_options {
  /// JUSTWATCH_URL: the GraphQL endpoint (tests point it at a local replay server).
  std::string graphql_url = "https://apis.justwatch.com/graphql";
  adapters::jw_query_options query;  ///< country from REGION
  int search_results = 5;            ///< titles a search asks for (1-100)
};

/// JustWatch's GraphQL API, one blocking call at a time, through a fetcher (retries, backoff,
/// block pages). Every answer is parsed with the adapters' parsers: GraphQL errors and shapes
/// become errors as values.
class justwatch_source {
 public:
  justwatch_source(justwatch_options opts, httpc::fetcher& fetch);

  /// The packages (services and stores) of the country: read at run time, never hard-coded.
  result<std::vector<adapters::jw_package>> providers();
  /// The best matches of a title search (shows only).
  result<adapters::jw_title_page> search(std::string_view title);
  /// One page of the country's popular shows with their best offers, `first` (1-100) after
  /// the cursor `after` (empty: the first page; then the previous page's end_cursor).
  result<adapters::jw_title_page> popular(int first, std::string_view after = {});
  /// Every page of popular shows, up to `max_titles`: follows the cursors until the last page.
  result<std::vector<adapters::jw_title>> popular_all(std::size_t max_titles, int page_size = 100);
  /// One title with every offer (bestOnly false); not_found when JustWatch has no such node.
  result<adapters::jw_title> title_offers(std::string_view node_id);

  const justwatch_options& options() const noexcept { return opts_; }

 private:
  result<std::string> post(const result<std::string>& body);

  justwatch_options opts_;
  httpc::fetcher& fetch_;
};

}  // namespace recs::sync
