#include "adapters/upstream_body.hpp"

#include <rapidjson/error/en.h>

namespace recs::adapters {

status parse_upstream_json(std::string_view source, std::string_view body,
                           rapidjson::Document& doc) {
  const std::string_view text = significant_body(body);
  if (text.empty()) return error{errc::unavailable, std::string(source) + ": empty response body"};
  if (auto blocked = not_json_error(source, text)) return std::move(*blocked);
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return error{errc::internal, std::string(source) + ": malformed JSON at offset " +
                                     std::to_string(doc.GetErrorOffset()) + ": " +
                                     rapidjson::GetParseError_En(doc.GetParseError())};
  }
  return ok_status();
}

error shape_error(std::string_view source, const std::string& why) {
  return {errc::internal, std::string(source) + ": unexpected response shape: " + why};
}

}  // namespace recs::adapters
