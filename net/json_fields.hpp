#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "recsys/catalog_snapshot.hpp"

// Private to net/: the JSON writing helpers the renderings share.
namespace recs::net::internal {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(writer& w, std::string_view s);
void key(writer& w, const char* k);
/// null for an empty string
void str_or_null(writer& w, const std::string& s);
/// rounded to 3 decimals
void round3(writer& w, double x);
void strings(writer& w, const std::vector<std::string>& xs);
/// A show's AU offers, each with whether it is on one of `services`.
void offers(writer& w, const catalog_snapshot& cat, const show& s,
            const std::unordered_set<std::string>& services);
/// The fields every show rendering shares (the premise spoiler-sanitised).
void show_fields(writer& w, const catalog_snapshot& cat, const show& s,
                 const std::unordered_set<std::string>& services);
/// The buffer's JSON text.
std::string done(rapidjson::StringBuffer& sb);

}  // namespace recs::net::internal
