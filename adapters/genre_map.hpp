#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recs::adapters {

/// The catalog's genre vocabulary (lower-case, sorted): action, animation, anime, comedy, crime,
/// documentary, drama, family, fantasy, history, horror, kids, music, mystery, reality, romance,
/// science-fiction, sport, thriller, war, western.
const std::vector<std::string_view>& genre_vocabulary();

/// Maps one source genre (JustWatch "scifi", Kaggle "TV Comedies", TVmaze "Science-Fiction", ...;
/// case-insensitive) to zero or more vocabulary genres. Labels that describe origin, audience or
/// format rather than genre ("International TV Shows", "British TV Shows", "european", "Teen TV
/// Shows", "LGBTQ", "News", "Talk Show") and unknown labels map to nothing.
std::vector<std::string_view> normalise_genre(std::string_view source_genre);

/// Adds the vocabulary genres of `source_genre` to `genres`, keeping it sorted and unique.
void add_genre(std::vector<std::string>& genres, std::string_view source_genre);

}  // namespace recs::adapters
