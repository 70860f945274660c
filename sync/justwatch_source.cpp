#include "sync/justwatch_source.hpp"

#include <utility>

namespace recs::sync {

justwatch_source::justwatch_source(justwatch_options opts, httpc::fetcher& fetch)
    : opts_(std::move(opts)), fetch_(fetch) {}

result<std::string> justwatch_source::post(const result<std::string>& body) {
  if (!body) return body.err();
  httpc::request req;
  req.method = "POST";
  req.url = opts_.graphql_url;
  req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  req.body = *body;
  auto r = fetch_.fetch(req);
  if (!r) return r.err();
  return std::move(r->body);
}

result<std::vector<adapters::jw_package>> justwatch_source::providers() {
  auto body = post(adapters::jw_providers_body(opts_.query));
  if (!body) return body.err();
  return adapters::parse_jw_providers(*body);
}

result<adapters::jw_title_page> justwatch_source::search(std::string_view title) {
  auto body = post(adapters::jw_search_body(title, opts_.search_results, opts_.query));
  if (!body) return body.err();
  return adapters::parse_jw_title_page(*body);
}

result<adapters::jw_title_page> justwatch_source::popular(int first, std::string_view after) {
  auto body = post(adapters::jw_popular_body(first, after, {}, opts_.query));
  if (!body) return body.err();
  return adapters::parse_jw_title_page(*body);
}

result<std::vector<adapters::jw_title>> justwatch_source::popular_all(std::size_t max_titles,
                                                                      int page_size) {
  std::vector<adapters::jw_title> out;
  std::string cursor;
  while (out.size() < max_titles) {
    auto page = popular(page_size, cursor);
    if (!page) return page.err();
    for (auto& t : page->titles) {
      if (out.size() >= max_titles) break;
      out.push_back(std::move(t));
    }
    if (!page->has_next_page || page->end_cursor.empty() || page->end_cursor == cursor) break;
    cursor = page->end_cursor;
  }
  return out;
}

result<adapters::jw_title> justwatch_source::title_offers(std::string_view node_id) {
  auto body = post(adapters::jw_title_offers_body(node_id, opts_.query));
  if (!body) return body.err();
  return adapters::parse_jw_title_node(*body);
}

}  // namespace recs::sync
