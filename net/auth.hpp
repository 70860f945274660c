#pragma once

#include <string>
#include <vector>

#include "net/backend.hpp"
#include "net/http_types.hpp"
#include "recsys/profile.hpp"
#include "recsys/result.hpp"

namespace recs::net {

/// Who is calling: their email, admin flag, household and its profiles.
struct caller {
  std::string email;
  bool admin = false;
  household home;
  std::vector<profile> profiles;
};

/// How tokens are checked.
struct auth_options {
  bool dev_mode = false;                  ///< accept `devtoken:<email>`
  std::vector<std::string> admin_emails;  ///< lower-case
};

/// Authenticates `Authorization: Bearer <token>`. Error unauthorized (as errc::forbidden with
/// code 401 semantics left to the caller) when missing, malformed or unknown.
result<caller> authenticate(const request& req, const backend& b, const auth_options& opts);

}  // namespace recs::net
