#pragma once

#include <string>
#include <unordered_set>

#include "net/json_writer.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/profile.hpp"

// Private to net/: the pieces of JSON the renderings share, written through net::json_writer.
namespace recs::net::internal {

/// Decimals of every rounded figure the API renders (fits, reason weights, similarity, credit).
inline constexpr int fit_places = 3;

/// A show's AU offers, each with whether it is on one of `services`.
void offers(json_writer& w, const catalog_snapshot& cat, const show& s,
            const std::unordered_set<std::string>& services);
/// {id, name, services}: a household as GET /me, PUT /me/services and the export show it.
void household_object(json_writer& w, const household& h);
/// The fields every show rendering shares (the premise spoiler-sanitised).
void show_fields(json_writer& w, const catalog_snapshot& cat, const show& s,
                 const std::unordered_set<std::string>& services);

}  // namespace recs::net::internal
