#pragma once

#include <string>
#include <string_view>

#include "adapters/serializd_request.hpp"
#include "adapters/serializd_response.hpp"
#include "core/result.hpp"
#include "httpc/fetcher.hpp"

namespace recs::sync {

/// Where Serializd is and whose account is read.
struct serializd_options {
  /// SERIALIZD_URL: the API base, without a trailing path (tests point it at a replay server).
  std::string base_url = std::string(adapters::kSerializdBaseUrl);
  /// SERIALIZD_USER: the account's username or e-mail. The token names its account, and that
  /// account is read; this is used only when the token check returns no username (and it is not
  /// an e-mail).
  std::string user;
  /// SERIALIZD_TOKEN: the JWT of a signed-in session (POST /login returns one), sent as
  /// "Authorization: Bearer <token>".
  std::string token;
};

/// Serializd's (unofficial) API, one blocking call at a time through a fetcher (retries,
/// backoff, 429 with Retry-After, block pages, cancel). Every request carries the Origin,
/// Referer and X-Requested-With headers Serializd insists on (adapters::kSerializdHeaders) and,
/// once a token is known, the bearer token. Answers are read with the adapters' parsers, so a
/// block page is errc::unavailable "blocked: ...", a malformed body errc::internal, and an
/// answer of another shape errc::internal naming the JSON path.
class serializd_source {
 public:
  serializd_source(serializd_options opts, httpc::fetcher& fetch);

  /// POST /login: a fresh token for an e-mail and password. The import itself authenticates
  /// with SERIALIZD_TOKEN and never sends a password; this is for tools that mint a token.
  /// forbidden when Serializd refuses the credentials.
  result<adapters::serializd_login> login(std::string_view email, std::string_view password);

  /// POST /validateauthtoken with the configured token. Errors: forbidden when no token is
  /// configured, when Serializd refuses it (401/403) or says it is not valid, with a message
  /// that names SERIALIZD_TOKEN; otherwise the fetcher's and the parser's errors.
  result<adapters::serializd_token_check> check_token();

  /// The username whose diary is read: check_token()'s username, else options().user when that
  /// is a username (not an e-mail). forbidden as check_token; invalid_argument when neither
  /// gives a username.
  result<std::string> account();

  /// GET /user/<username>/diary?page=<page> (pages are 1-based). A 401/403 is forbidden with a
  /// message naming SERIALIZD_TOKEN; invalid_argument for a bad username or page.
  result<adapters::serializd_diary_page> diary_page(std::string_view username, int page);

  /// GET /user/<username>/watchedpage_v2/<page>?sort_by=date_added_desc, as diary_page.
  result<adapters::serializd_watched_page> watched_page(std::string_view username, int page);

  const serializd_options& options() const noexcept { return opts_; }

 private:
  /// Sends one request (`what` names it in errors) and returns the 2xx body.
  result<std::string> call(std::string_view method, std::string_view path, std::string body,
                           std::string_view what, bool with_token = true);

  serializd_options opts_;
  httpc::fetcher& fetch_;
};

}  // namespace recs::sync
