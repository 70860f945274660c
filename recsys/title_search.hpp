#pragma once

// Finding a show by its title as someone types it (GET /shows?q=): words in any order, prefixes,
// accents and case folded, small typos forgiven, a year, alternative titles. Pure: no I/O.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recs {

/// The words of `text` as search matches them: lower case; Latin accents folded ("é" -> "e",
/// "ß" -> "ss", "æ" -> "ae"); apostrophes and dots inside a word dropped ("grey's" -> "greys",
/// "s.w.a.t." -> "swat"); "&" read as "and"; every other character that is not a letter or a
/// digit separates words. Non-Latin letters are kept as they are. `with_joined`: a hyphenated
/// word also gives its parts joined ("spider-man" -> "spider", "man", "spiderman").
std::vector<std::string> search_words(std::string_view text, bool with_joined = false);

/// How a show matched a query, best first: the whole title (its words, a leading article aside,
/// are exactly the query's), every word exactly, some word by a prefix, by one typo, by two.
enum class title_match : std::uint8_t { whole, words, prefix, typo1, typo2 };

/// A word index over a catalog's titles and years. Immutable once built; search is const and
/// safe from many threads at once.
class title_index {
 public:
  title_index() = default;

  /// `titles[i]`: show i's titles, its main one first (alternative titles after); `years[i]`
  /// its first year (0: unknown); `popularity[i]` orders equal matches (higher first). The
  /// three have the catalog's size.
  static title_index build(const std::vector<std::vector<std::string>>& titles,
                           const std::vector<int>& years, const std::vector<double>& popularity);

  /// The shows matching every word of `query` (a title word exactly, by a prefix, or with a
  /// typo: one in a word of 4 to 7 letters, two from 8; or a 4-digit word the show's year),
  /// best first: by how they matched (title_match), then popularity, then the shorter main
  /// title, then index. At most `limit`; `total` gets the number of matches. An empty query
  /// matches every show.
  std::vector<std::uint32_t> search(std::string_view query, std::size_t limit,
                                    std::size_t& total) const;

  /// How show `i` matched `query`, as search ranks it; false when it does not match.
  bool match(std::string_view query, std::uint32_t i, title_match& how) const;

  std::size_t size() const noexcept { return popularity_.size(); }
  /// Distinct title words indexed.
  std::size_t vocabulary() const noexcept { return words_.size(); }

 private:
  struct query_word {
    std::string text;
    bool year = false;  // four digits that may be a show's year
  };
  /// Marks in `hits` (per show: query words matched so far) the shows that match word `j`
  /// and all before it, keeping in `worst` the worst way a word matched.
  void match_word(const query_word& w, std::size_t j, std::vector<std::uint8_t>& hits,
                  std::vector<std::uint8_t>& worst) const;
  /// Whether the show's titles include one whose words are `words` (a leading article aside).
  bool whole_title(std::uint32_t show, const std::vector<query_word>& words) const;
  std::vector<std::uint32_t> ranked(std::vector<std::pair<std::uint8_t, std::uint32_t>> hits,
                                    std::size_t limit) const;
  static std::vector<query_word> parse(std::string_view query);

  std::vector<std::string> words_;                  // sorted, distinct
  std::vector<std::vector<std::uint32_t>> posts_;   // per word: the shows with it, ascending
  std::vector<std::vector<std::uint32_t>> by_len_;  // per word length: word ids
  std::vector<std::uint32_t> masks_;                // per word: letter_mask
  std::vector<std::vector<std::vector<std::uint32_t>>> title_words_;  // per show, per title
  std::vector<std::vector<std::uint32_t>> show_words_;  // per show: every word, joined ones too
  std::unordered_map<int, std::vector<std::uint32_t>> by_year_;
  std::vector<double> popularity_;
  std::vector<std::uint32_t> title_len_;  // bytes of the main title
};

/// Damerau-Levenshtein distance (adjacent transpositions count one) between `a` and `b` when it
/// is at most `limit`; limit + 1 otherwise. Bytes, not characters.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace recs
