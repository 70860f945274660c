#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace recs::cli {

/// Parses a whole JSON text; errc::internal "the service answered with something that is not
/// JSON: ..." otherwise.
result<rapidjson::Document> parse_json(std::string_view text);

/// `v` written back as compact JSON.
std::string to_json(const rapidjson::Value& v);

/// Member `key` of object `v` as text: strings as they are, numbers and booleans written out,
/// null/absent/other as `fallback`. Tolerant of a non-object `v`.
std::string str_of(const rapidjson::Value& v, const char* key, const std::string& fallback = "");

/// Member `key` as an integer (a whole or fractional number, truncated); `fallback` when absent,
/// null or not a number.
std::int64_t int_of(const rapidjson::Value& v, const char* key, std::int64_t fallback = 0);

/// Member `key` as a double; `fallback` when absent or not a number.
double num_of(const rapidjson::Value& v, const char* key, double fallback = 0);

/// Member `key` as a bool; `fallback` when absent or not a bool.
bool bool_of(const rapidjson::Value& v, const char* key, bool fallback = false);

/// Member `key` if `v` is an object that has it; nullptr otherwise.
const rapidjson::Value* member(const rapidjson::Value& v, const char* key);

/// `x` with `decimals` digits after the point ("0.83").
std::string fixed(double x, int decimals);

}  // namespace recs::cli
