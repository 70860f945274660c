#include "recsys/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace recs {

namespace {

bool is_word_char(unsigned char c) {
  return std::isalnum(c) != 0 || c >= 0x80;
}

/// English stop words and words every premise uses; sorted, for binary search.
constexpr std::array<std::string_view, 95> stop_words = {
    "about",  "after",   "again",   "against",  "all",     "also",    "and",   "are",    "around",
    "back",   "becomes", "before",  "being",    "between", "both",    "but",   "can",    "could",
    "during", "each",    "episode", "episodes", "finds",   "follows", "for",   "from",   "gets",
    "had",    "has",     "have",    "her",      "him",     "his",     "into",  "its",    "just",
    "life",   "lives",   "make",    "makes",    "more",    "most",    "must",  "new",    "not",
    "one",    "only",    "other",   "out",      "over",    "own",     "same",  "season", "seasons",
    "series", "she",     "show",    "some",     "such",    "takes",   "than",  "that",   "the",
    "their",  "them",    "then",    "there",    "these",   "they",    "this",  "those",  "through",
    "time",   "two",     "under",   "upon",     "very",    "was",     "way",   "were",   "what",
    "when",   "where",   "which",   "while",    "who",     "whom",    "whose", "will",   "with",
    "world",  "would",   "year",    "years",    "yet"};

bool is_stop_word(std::string_view w) {
  return std::binary_search(stop_words.begin(), stop_words.end(), w);
}

}  // namespace

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

std::vector<std::string_view> word_runs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool word = i < text.size() && is_word_char(static_cast<unsigned char>(text[i]));
    if (word && start == std::string_view::npos) start = i;
    if (!word && start != std::string_view::npos) {
      out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  return out;
}

std::string normalise_tag(std::string_view tag) {
  return to_lower(trim(tag));
}

}  // namespace recs
