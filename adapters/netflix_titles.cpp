// split_netflix_title: rule (a) of parse_netflix_export, finding a season marker in a title.

#include <array>
#include <string>
#include <vector>

#include "adapters/export_files.hpp"
#include "core/ascii.hpp"

namespace recs::adapters {

namespace {

constexpr std::string_view kSep = ": ";

bool all_digits(std::string_view w) {
  if (w.empty() || w.size() > 4) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool number_word(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kWords = {
      "one",     "two",     "three",     "four",     "five",     "six",      "seven",
      "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (std::string_view k : kWords) {
    if (iequals(w, k)) return true;
  }
  return false;
}

// Upper-case Roman numerals as titles use them ("Part II", "Cobra Kai VI").
bool roman(std::string_view w) {
  if (w.empty() || w.size() > 5) return false;
  for (char c : w) {
    if (c != 'I' && c != 'V' && c != 'X') return false;
  }
  return true;
}

bool is_number(std::string_view w) {
  return all_digits(w) || number_word(w) || roman(w);
}

// Whether `part` names a season of the show `show` (the parts before it).
bool is_marker(std::string_view part, std::string_view show) {
  part = trim(part);
  for (std::string_view whole : {"limited series", "miniseries", "mini-series"}) {
    if (iequals(part, whole)) return true;
  }
  const std::size_t space = part.rfind(' ');
  if (space == std::string_view::npos || !is_number(part.substr(space + 1))) return false;
  const std::string_view head = trim(part.substr(0, space));
  for (std::string_view word :
       {"season", "series", "part", "volume", "vol.", "vol", "chapter", "book", "collection"}) {
    if (iequals(head, word)) return true;
  }
  return !head.empty() && iequals(head, trim(show));
}

}  // namespace

netflix_title split_netflix_title(std::string_view title) {
  title = trim(title);
  // Where each part starts; parts are separated by ": ".
  std::vector<std::size_t> starts{0};
  for (std::size_t p = title.find(kSep); p != std::string_view::npos;
       p = title.find(kSep, p + kSep.size())) {
    starts.push_back(p + kSep.size());
  }
  const auto part = [&](std::size_t k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] - kSep.size() : title.size();
    return title.substr(starts[k], end - starts[k]);
  };
  // A marker needs a part after it: "Kill Bill: Vol. 1" is a film, not a season.
  for (std::size_t k = 1; k + 1 < starts.size(); ++k) {
    const std::string_view show = title.substr(0, starts[k] - kSep.size());
    if (is_marker(part(k), show)) {
      return {std::string(trim(show)), std::string(title.substr(starts[k])), true};
    }
  }
  if (starts.size() == 1) return {std::string(title), std::string(), false};
  return {std::string(trim(part(0))), std::string(title.substr(starts[1])), false};
}

}  // namespace recs::adapters
