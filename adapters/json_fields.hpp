#pragma once
// Internal to the upstream parsers: typed, path-aware reads of RapidJSON objects.

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace recs::adapters::internal {

using json_value = rapidjson::Value;

/// Reads the fields of one JSON object. A missing or null field leaves the output untouched
/// (unless `required`); a field of another type fails. The first failure is written to the
/// shared `why` as "<path>.<key> <what>", and every later read returns false, so a parser can
/// chain reads with && and report one precise reason.
class fields {
 public:
  /// Fails at once when `v` is not an object.
  fields(const json_value& v, std::string path, std::string& why);

  bool ok() const noexcept { return why_.empty(); }
  const std::string& path() const noexcept { return path_; }
  /// "<path>.<key>", the path of a member for nested readers.
  std::string at(const char* key) const;

  /// True when the member exists and is not null.
  bool present(const char* key) const;

  bool str(const char* key, std::string& out, bool required = false);
  bool int32(const char* key, int& out, bool required = false);
  bool int64(const char* key, std::int64_t& out, bool required = false);
  /// An integer given either as a JSON number or as a string of digits ("67136").
  bool id64(const char* key, std::int64_t& out, bool required = false);
  bool number(const char* key, double& out);
  bool boolean(const char* key, bool& out);
  bool strings(const char* key, std::vector<std::string>& out);
  /// The member if it is an object; nullptr when missing or null (failing if `required`) or when
  /// it has another type (failing).
  const json_value* object(const char* key, bool required = false);
  /// As object(), for arrays.
  const json_value* array(const char* key, bool required = false);

  /// Records a failure "<path>.<key> <what>" (keeps the first one); returns false.
  bool fail(const char* key, const char* what);

 private:
  const json_value* member(const char* key, bool required);
  // `v` when `right_type`, else records "<key> <what>" and returns nullptr.
  const json_value* typed(const char* key, bool right_type, const json_value* v, const char* what);

  const json_value* obj_ = nullptr;
  std::string path_;
  std::string& why_;
};

/// "<path>[<i>]".
std::string index_path(const std::string& path, std::size_t i);

/// Reads every element of the JSON array `array` (found at `path`) into `out`, resized to
/// match, with `read(element, "<path>[<i>]", out[i], why)`; false at the first failure.
template <class T, class Read>
bool read_each(const json_value& array, const std::string& path, std::vector<T>& out,
               std::string& why, Read read) {
  out.resize(array.Size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!read(array[static_cast<rapidjson::SizeType>(i)], index_path(path, i), out[i], why)) {
      return false;
    }
  }
  return true;
}

}  // namespace recs::adapters::internal
