#include "net/auth.hpp"

#include <algorithm>

#include "core/ascii.hpp"

namespace recs::net {

namespace {
constexpr std::string_view bearer = "Bearer ";
constexpr std::string_view dev_prefix = "devtoken:";
}  // namespace

result<caller> authenticate(const request& req, const identity_port& ids,
                            const auth_options& opts) {
  const std::string_view h = req.header("authorization");
  if (h.empty()) return error{errc::invalid_argument, "missing Authorization: Bearer <token>"};
  if (h.size() <= bearer.size() || to_lower(h.substr(0, bearer.size())) != "bearer ")
    return error{errc::invalid_argument, "the Authorization header must be 'Bearer <token>'"};
  const std::string_view token = h.substr(bearer.size());
  // Real (hashed) tokens come with the hosted deployment; until then only dev tokens exist.
  if (!opts.dev_mode || token.substr(0, dev_prefix.size()) != dev_prefix)
    return error{errc::invalid_argument, "unknown token"};
  const std::string email = to_lower(token.substr(dev_prefix.size()));
  auto home = ids.household_by_email(email);
  if (!home) return error{errc::invalid_argument, "no household belongs to " + email};
  caller c;
  c.email = email;
  c.admin = std::find(opts.admin_emails.begin(), opts.admin_emails.end(), email) !=
            opts.admin_emails.end();
  c.home = std::move(*home);
  c.profiles = ids.profiles(c.home.id);
  return c;
}

}  // namespace recs::net
