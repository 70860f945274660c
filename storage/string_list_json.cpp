#include "storage/string_list_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::storage {

std::string encode_string_list(const std::vector<std::string>& items) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartArray();
  for (const auto& s : items) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
  return std::string(buf.GetString(), buf.GetSize());
}

result<std::vector<std::string>> decode_string_list(std::string_view json) {
  std::vector<std::string> out;
  if (json.empty()) return out;
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return error{errc::invalid_argument, "not a JSON array of strings: " + std::string(json)};
  }
  out.reserve(doc.Size());
  for (const auto& v : doc.GetArray()) {
    if (!v.IsString()) {
      return error{errc::invalid_argument, "not a JSON array of strings: " + std::string(json)};
    }
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

}  // namespace recs::storage
