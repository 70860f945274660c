#include "adapters/json_fields.hpp"

#include <charconv>

namespace recs::adapters::internal {

fields::fields(const json_value& v, std::string path, std::string& why)
    : path_(std::move(path)), why_(why) {
  if (v.IsObject()) {
    obj_ = &v;
  } else if (why_.empty()) {
    why_ = path_ + " must be an object";
  }
}

std::string fields::at(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

bool fields::fail(const char* key, const char* what) {
  if (why_.empty()) why_ = at(key) + " " + what;
  return false;
}

const json_value* fields::member(const char* key, bool required) {
  if (!ok() || obj_ == nullptr) return nullptr;
  const auto it = obj_->FindMember(key);
  if (it == obj_->MemberEnd() || it->value.IsNull()) {
    if (required) fail(key, "is required");
    return nullptr;
  }
  return &it->value;
}

bool fields::present(const char* key) const {
  if (obj_ == nullptr) return false;
  const auto it = obj_->FindMember(key);
  return it != obj_->MemberEnd() && !it->value.IsNull();
}

bool fields::str(const char* key, std::string& out, bool required) {
  const json_value* v = member(key, required);
  if (v == nullptr) return ok();
  if (!v->IsString()) return fail(key, "must be a string");
  out.assign(v->GetString(), v->GetStringLength());
  return true;
}

bool fields::int32(const char* key, int& out, bool required) {
  const json_value* v = member(key, required);
  if (v == nullptr) return ok();
  if (!v->IsInt()) return fail(key, "must be an integer");
  out = v->GetInt();
  return true;
}

bool fields::int64(const char* key, std::int64_t& out, bool required) {
  const json_value* v = member(key, required);
  if (v == nullptr) return ok();
  if (!v->IsInt64()) return fail(key, "must be an integer");
  out = v->GetInt64();
  return true;
}

bool fields::id64(const char* key, std::int64_t& out, bool required) {
  const json_value* v = member(key, required);
  if (v == nullptr) return ok();
  if (v->IsInt64()) {
    out = v->GetInt64();
    return true;
  }
  if (v->IsString()) {
    const char* b = v->GetString();
    const char* e = b + v->GetStringLength();
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(b, e, n);
    if (ec == std::errc() && p == e && b != e) {
      out = n;
      return true;
    }
  }
  return fail(key, "must be an integer id");
}

bool fields::number(const char* key, double& out) {
  const json_value* v = member(key, false);
  if (v == nullptr) return ok();
  if (!v->IsNumber()) return fail(key, "must be a number");
  out = v->GetDouble();
  return true;
}

bool fields::boolean(const char* key, bool& out) {
  const json_value* v = member(key, false);
  if (v == nullptr) return ok();
  if (!v->IsBool()) return fail(key, "must be true or false");
  out = v->GetBool();
  return true;
}

bool fields::strings(const char* key, std::vector<std::string>& out) {
  const json_value* v = member(key, false);
  if (v == nullptr) return ok();
  if (!v->IsArray()) return fail(key, "must be an array of strings");
  out.clear();
  out.reserve(v->Size());
  for (const auto& s : v->GetArray()) {
    if (!s.IsString()) return fail(key, "must be an array of strings");
    out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return true;
}

const json_value* fields::typed(const char* key, bool right_type, const json_value* v,
                                const char* what) {
  if (right_type) return v;
  fail(key, what);
  return nullptr;
}

const json_value* fields::object(const char* key, bool required) {
  const json_value* v = member(key, required);
  return v == nullptr ? nullptr : typed(key, v->IsObject(), v, "must be an object");
}

const json_value* fields::array(const char* key, bool required) {
  const json_value* v = member(key, required);
  return v == nullptr ? nullptr : typed(key, v->IsArray(), v, "must be an array");
}

std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

}  // namespace recs::adapters::internal
