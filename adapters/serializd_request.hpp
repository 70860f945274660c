#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"

namespace recs::adapters {

/// The API base; https://serializd.onrender.com/api is seen in some clients as well.
inline constexpr std::string_view kSerializdBaseUrl = "https://www.serializd.com/api";

/// Headers every Serializd request needs besides "Authorization: Bearer <token>": without them
/// a valid token still gets 401.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSerializdHeaders{{
    {"Origin", "https://www.serializd.com"},
    {"Referer", "https://www.serializd.com"},
    {"X-Requested-With", "serializd_vercel"},
}};

/// The JSON body of POST /login: {"email":...,"password":...}.
std::string serializd_login_body(std::string_view email, std::string_view password);

/// The JSON body of POST /validateauthtoken: {"token":...}.
std::string serializd_validate_body(std::string_view token);

/// "/user/<username>/diary?page=<page>"; invalid_argument unless the username is 1-64 ASCII
/// letters, digits, '_', '-' or '.', and page >= 1.
result<std::string> serializd_diary_path(std::string_view username, int page);

/// "/user/<username>/watchedpage_v2/<page>?sort_by=date_added_desc", same checks.
result<std::string> serializd_watched_path(std::string_view username, int page);

}  // namespace recs::adapters
