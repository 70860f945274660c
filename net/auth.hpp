#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/http_types.hpp"
#include "net/identity_port.hpp"
#include "recsys/profile.hpp"

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
result<caller> authenticate(const request& req, const identity_port& ids, const auth_options& opts);

}  // namespace recs::net
