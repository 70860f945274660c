#include "sync/serializd_source.hpp"

#include <utility>

#include "httpc/url.hpp"

namespace recs::sync {

namespace {

constexpr std::string_view kFreshToken =
    "sign in at serializd.com and set SERIALIZD_TOKEN to the session's token";

// A refusal reads as a configuration problem, which it is, rather than a bare status.
error refused(const error& e, std::string_view what) {
  if (e.code != errc::forbidden) return e;
  return error{errc::forbidden, "serializd: " + std::string(what) + " was refused (" + e.message +
                                    "): " + std::string(kFreshToken)};
}

bool is_email(std::string_view user) {
  return user.find('@') != std::string_view::npos;
}

}  // namespace

serializd_source::serializd_source(serializd_options opts, httpc::fetcher& fetch)
    : opts_(std::move(opts)), fetch_(fetch) {}

result<std::string> serializd_source::call(std::string_view method, std::string_view path,
                                           std::string body, std::string_view what,
                                           bool with_token) {
  httpc::request req;
  req.method = std::string(method);
  req.url = httpc::join_url(opts_.base_url, path);
  req.headers.emplace_back("Accept", "application/json");
  for (const auto& [name, value] : adapters::kSerializdHeaders) {
    req.headers.emplace_back(std::string(name), std::string(value));
  }
  if (with_token) req.headers.emplace_back("Authorization", "Bearer " + opts_.token);
  if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  req.body = std::move(body);
  auto r = fetch_.fetch(req);
  if (!r) return refused(r.err(), what);
  return std::move(r->body);
}

result<adapters::serializd_login> serializd_source::login(std::string_view email,
                                                          std::string_view password) {
  auto body =
      call("POST", "/login", adapters::serializd_login_body(email, password), "the login", false);
  if (!body) return body.err();
  return adapters::parse_serializd_login(*body);
}

result<adapters::serializd_token_check> serializd_source::check_token() {
  if (opts_.token.empty()) {
    return error{errc::forbidden,
                 "serializd: SERIALIZD_TOKEN is not set: " + std::string(kFreshToken)};
  }
  auto body = call("POST", "/validateauthtoken", adapters::serializd_validate_body(opts_.token),
                   "SERIALIZD_TOKEN");
  if (!body) return body.err();
  auto check = adapters::parse_serializd_token_check(*body);
  if (check && !check->valid) {
    return error{errc::forbidden,
                 "serializd: SERIALIZD_TOKEN is not valid (expired or signed "
                 "out): " +
                     std::string(kFreshToken)};
  }
  return check;
}

result<std::string> serializd_source::account() {
  auto check = check_token();
  if (!check) return check.err();
  if (!check->username.empty()) return std::move(check->username);
  if (!opts_.user.empty() && !is_email(opts_.user)) return opts_.user;
  return error{errc::invalid_argument,
               "serializd: the token names no account; set SERIALIZD_USER to the username"};
}

result<adapters::serializd_diary_page> serializd_source::diary_page(std::string_view username,
                                                                    int page) {
  auto path = adapters::serializd_diary_path(username, page);
  if (!path) return path.err();
  auto body = call("GET", *path, {}, "reading the diary of " + std::string(username));
  if (!body) return body.err();
  return adapters::parse_serializd_diary(*body);
}

result<adapters::serializd_watched_page> serializd_source::watched_page(std::string_view username,
                                                                        int page) {
  auto path = adapters::serializd_watched_path(username, page);
  if (!path) return path.err();
  auto body = call("GET", *path, {}, "reading the watched shows of " + std::string(username));
  if (!body) return body.err();
  return adapters::parse_serializd_watched(*body);
}

}  // namespace recs::sync
