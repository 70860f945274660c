#include "adapters/serializd_request.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::adapters {

namespace {

std::string object_of(std::initializer_list<std::pair<const char*, std::string_view>> members) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  for (const auto& [key, value] : members) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

status check_user_page(std::string_view username, int page) {
  bool ok = !username.empty() && username.size() <= 64;
  for (char c : username) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.');
  }
  if (!ok || username == "." || username == "..") {
    return error{
        errc::invalid_argument,
        "serializd: username \"" + std::string(username.substr(0, 64)) + "\" is not valid"};
  }
  if (page < 1) return error{errc::invalid_argument, "serializd: pages start at 1"};
  return ok_status();
}

}  // namespace

std::string serializd_login_body(std::string_view email, std::string_view password) {
  return object_of({{"email", email}, {"password", password}});
}

std::string serializd_validate_body(std::string_view token) {
  return object_of({{"token", token}});
}

result<std::string> serializd_diary_path(std::string_view username, int page) {
  if (auto s = check_user_page(username, page); !s) return s.err();
  return "/user/" + std::string(username) + "/diary?page=" + std::to_string(page);
}

result<std::string> serializd_watched_path(std::string_view username, int page) {
  if (auto s = check_user_page(username, page); !s) return s.err();
  return "/user/" + std::string(username) + "/watchedpage_v2/" + std::to_string(page) +
         "?sort_by=date_added_desc";
}

}  // namespace recs::adapters
