#include "recsys/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace recs {

namespace {

bool is_word_char(unsigned char c) {
  return std::isalnum(c) != 0 || c >= 0x80;
}

bool is_stop_word(std::string_view w) {
  static constexpr std::array<std::string_view, 96> words = {
      "the",     "and",     "for",     "with",     "his",     "her",    "their",  "they",
      "this",    "that",    "from",    "into",     "when",    "who",    "whom",   "whose",
      "what",    "where",   "which",   "while",    "are",     "was",    "were",   "has",
      "have",    "had",     "but",     "not",      "all",     "its",    "out",    "one",
      "two",     "new",     "after",   "about",    "over",    "more",   "most",   "must",
      "can",     "will",    "would",   "could",    "she",     "him",    "them",   "then",
      "than",    "there",   "these",   "those",    "each",    "other",  "some",   "such",
      "only",    "own",     "same",    "very",     "just",    "also",   "series", "show",
      "season",  "seasons", "episode", "episodes", "follows", "life",   "lives",  "world",
      "becomes", "finds",   "gets",    "takes",    "make",    "makes",  "way",    "back",
      "being",   "both",    "before",  "between",  "through", "during", "under",  "again",
      "against", "around",  "while",   "upon",     "year",    "years",  "time"};
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> content_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 3 && !is_stop_word(cur)) out.push_back(cur);
    cur.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\'') continue;
    if (is_word_char(c)) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool contains_phrase(std::string_view text_lower, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (std::size_t pos = text_lower.find(phrase); pos != std::string_view::npos;
       pos = text_lower.find(phrase, pos + 1)) {
    const bool left_ok = pos == 0 || !is_word_char(static_cast<unsigned char>(text_lower[pos - 1]));
    const std::size_t end = pos + phrase.size();
    const bool right_ok =
        end >= text_lower.size() || !is_word_char(static_cast<unsigned char>(text_lower[end]));
    if (left_ok && right_ok) return true;
  }
  return false;
}

std::string normalise_tag(std::string_view tag) {
  std::size_t b = 0;
  std::size_t e = tag.size();
  while (b < e && std::isspace(static_cast<unsigned char>(tag[b])) != 0) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(tag[e - 1])) != 0) --e;
  return to_lower(tag.substr(b, e - b));
}

}  // namespace recs
