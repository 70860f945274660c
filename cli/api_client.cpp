#include "cli/api_client.hpp"

#include <memory>

#include "cli/json_util.hpp"
#include "cli/table.hpp"
#include "httpc/url.hpp"

namespace recs::cli {

transport make_http_transport(int timeout_ms) {
  httpc::client_options o;
  o.connect_timeout = std::chrono::milliseconds(timeout_ms);
  o.request_timeout = std::chrono::milliseconds(timeout_ms);
  o.user_agent = "recsctl/0.1";
  auto client = std::make_shared<httpc::http_client>(o);
  return [client](const httpc::request& r) { return client->send(r); };
}

api_client::api_client(std::string base_url, std::string token, transport t)
    : base_url_(std::move(base_url)), token_(std::move(token)), transport_(std::move(t)) {}

result<api_answer> api_client::call(
    std::string_view method, std::string_view path_and_query, std::string body,
    const std::vector<std::pair<std::string, std::string>>& headers) const {
  httpc::request r;
  r.method = std::string(method);
  r.url = httpc::join_url(base_url_, path_and_query);
  r.headers.emplace_back("Accept", "application/json");
  if (!token_.empty()) r.headers.emplace_back("Authorization", "Bearer " + token_);
  if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
  r.headers.insert(r.headers.end(), headers.begin(), headers.end());
  r.body = std::move(body);
  auto answer = transport_(r);
  if (!answer) {
    if (answer.err().code == errc::invalid_argument)
      return error{errc::invalid_argument, answer.err().message};
    return error{errc::unavailable, "cannot reach the service at " + base_url_ + ": " +
                                        answer.err().message +
                                        " (is it running? set --url or RECS_URL)"};
  }
  return api_answer{answer->status, std::move(answer->body), std::move(answer->headers)};
}

std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == ',') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string describe_error(const api_answer& a) {
  const std::string status = "HTTP " + std::to_string(a.status);
  auto doc = parse_json(a.body);
  if (doc && doc->IsObject() && member(*doc, "message") != nullptr) {
    std::string code = str_of(*doc, "error");
    return str_of(*doc, "message") + " (" + status + (code.empty() ? "" : " " + code) + ")";
  }
  if (a.body.empty()) return status + " with an empty body";
  std::string head = truncate_to_width(a.body, 200);
  for (char& c : head)
    if (c == '\n' || c == '\r') c = ' ';
  return status + ": " + head;
}

}  // namespace recs::cli
