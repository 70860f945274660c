#include "redis/reply.hpp"

#include <string_view>

namespace recs::redis::internal {

error to_error(const reply& r) {
  std::string_view text = r.text;
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  errc code = errc::internal;
  if (starts("NOAUTH") || starts("WRONGPASS")) {
    code = errc::forbidden;
  } else if (starts("LOADING") || starts("BUSY") || starts("MASTERDOWN")) {
    code = errc::unavailable;
  }
  return error{code, r.text};
}

error unexpected(const reply& r, const char* command) {
  if (r.type == reply::kind::error) {
    return in_context(command, to_error(r));
  }
  return error{errc::internal, std::string(command) + ": unexpected reply type"};
}

}  // namespace recs::redis::internal
