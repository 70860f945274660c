#include "adapters/genre_map.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "adapters/text_clean.hpp"

namespace recs::adapters {

namespace {

struct genre_rule {
  std::string_view source;  // lower-case source label
  std::string_view first;
  std::string_view second;  // optional second vocabulary genre
};

// Source labels seen in the JustWatch, Kaggle 2021 and TVmaze files.
constexpr genre_rule kRules[] = {
    // JustWatch
    {"action", "action", ""},
    {"animation", "animation", ""},
    {"comedy", "comedy", ""},
    {"crime", "crime", ""},
    {"documentation", "documentary", ""},
    {"drama", "drama", ""},
    {"family", "family", ""},
    {"fantasy", "fantasy", ""},
    {"history", "history", ""},
    {"horror", "horror", ""},
    {"music", "music", ""},
    {"reality", "reality", ""},
    {"romance", "romance", ""},
    {"scifi", "science-fiction", ""},
    {"sport", "sport", ""},
    {"thriller", "thriller", ""},
    {"war", "war", ""},
    {"western", "western", ""},
    // Kaggle 2021 (Netflix, Prime Video, Disney+, Hulu listed_in)
    {"tv dramas", "drama", ""},
    {"soap opera / melodrama", "drama", ""},
    {"medical", "drama", ""},
    {"legal", "drama", "crime"},
    {"tv comedies", "comedy", ""},
    {"sitcom", "comedy", ""},
    {"sketch comedy", "comedy", ""},
    {"parody", "comedy", ""},
    {"stand up", "comedy", ""},
    {"stand-up comedy & talk shows", "comedy", ""},
    {"buddy", "comedy", ""},
    {"cartoons", "animation", ""},
    {"adult animation", "animation", ""},
    {"anime", "anime", "animation"},
    {"anime series", "anime", "animation"},
    {"adventure", "action", ""},
    {"action-adventure", "action", ""},
    {"tv action & adventure", "action", ""},
    {"superhero", "action", ""},
    {"survival", "reality", ""},
    {"espionage", "thriller", ""},
    {"spy/espionage", "thriller", ""},
    {"science fiction", "science-fiction", ""},
    {"science-fiction", "science-fiction", ""},
    {"tv sci-fi & fantasy", "science-fiction", "fantasy"},
    {"supernatural", "fantasy", ""},
    {"documentary", "documentary", ""},
    {"documentaries", "documentary", ""},
    {"docuseries", "documentary", ""},
    {"science & nature tv", "documentary", ""},
    {"animals & nature", "documentary", ""},
    {"nature", "documentary", ""},
    {"science & technology", "documentary", ""},
    {"kids", "kids", "family"},
    {"kids' tv", "kids", "family"},
    {"children", "kids", "family"},
    {"crime tv shows", "crime", ""},
    {"police/cop", "crime", ""},
    {"tv thrillers", "thriller", ""},
    {"suspense", "thriller", ""},
    {"mystery", "mystery", ""},
    {"tv mysteries", "mystery", ""},
    {"reality tv", "reality", ""},
    {"unscripted", "reality", ""},
    {"game shows", "reality", ""},
    {"game show / competition", "reality", ""},
    {"cooking & food", "reality", ""},
    {"food", "reality", ""},
    {"diy", "reality", ""},
    {"travel", "reality", ""},
    {"lifestyle", "reality", ""},
    {"lifestyle & culture", "reality", ""},
    {"fitness", "reality", ""},
    {"health & wellness", "reality", ""},
    {"romantic tv shows", "romance", ""},
    {"historical", "history", ""},
    {"tv horror", "horror", ""},
    {"musical", "music", ""},
    {"music videos and concerts", "music", ""},
    {"sports", "sport", ""},
    {"military and war", "war", ""},
    {"classic & cult tv", "", ""},
    {"international tv shows", "", ""},
    {"british tv shows", "", ""},
    {"european", "", ""},
};

}  // namespace

const std::vector<std::string_view>& genre_vocabulary() {
  static const std::vector<std::string_view> kVocabulary{
      "action",  "animation", "anime",           "comedy", "crime",    "documentary", "drama",
      "family",  "fantasy",   "history",         "horror", "kids",     "music",       "mystery",
      "reality", "romance",   "science-fiction", "sport",  "thriller", "war",         "western"};
  return kVocabulary;
}

std::vector<std::string_view> normalise_genre(std::string_view source_genre) {
  const std::string key = to_lower(trim(source_genre));
  for (const auto& rule : kRules) {
    if (rule.source != key) continue;
    std::vector<std::string_view> out;
    if (!rule.first.empty()) out.push_back(rule.first);
    if (!rule.second.empty()) out.push_back(rule.second);
    return out;
  }
  return {};
}

void add_genre(std::vector<std::string>& genres, std::string_view source_genre) {
  for (std::string_view g : normalise_genre(source_genre)) {
    const auto it = std::lower_bound(genres.begin(), genres.end(), g);
    if (it == genres.end() || *it != g) genres.insert(it, std::string(g));
  }
}

}  // namespace recs::adapters
