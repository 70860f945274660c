#include "recsys/title_search.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace recs {

namespace {

// The ASCII of U+00C0..U+00FF; "" for the two signs (x, /) among them, which separate words.
constexpr std::array<const char*, 64> latin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// The base letter of U+0100..U+017F ('2' and '3' stand for "ij" and "oe").
constexpr std::string_view latin_a =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii22jjkkkllllllllllnnnnnnnnnoooooo33rrrrrrss"
    "sssssstttttttuuuuuuuuuuuuwwyyyzzzzzzs";

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// One code point of `text` at `i` as search reads it.
struct glyph {
  enum kind { letters, joiner, hyphen, ampersand, separator } what = separator;
  std::string text;  // letters: their folded form
  std::size_t size = 1;
};

glyph read_glyph(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  glyph g;
  if (c < 0x80) {
    if (ascii_alnum(c)) {
      g.what = glyph::letters;
      g.text.assign(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == '\'' || c == '.') {
      g.what = glyph::joiner;
    } else if (c == '-') {
      g.what = glyph::hyphen;
    } else if (c == '&') {
      g.what = glyph::ampersand;
    }
    return g;
  }
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > text.size()) len = text.size() - i;
  g.size = len;
  if (len == 2) {
    const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
    if (cp < 0xC0) return g;  // Latin-1 signs and spaces (nbsp, guillemets, ...)
    if (cp < 0x100) {
      g.text = latin1[cp - 0xC0];
    } else if (cp < 0x180) {
      const char base = latin_a[cp - 0x100];
      g.text = base == '2' ? "ij" : base == '3' ? "oe" : std::string(1, base);
    } else {
      g.text.assign(text.substr(i, len));
    }
    g.what = g.text.empty() ? glyph::separator : glyph::letters;
    return g;
  }
  if (len == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) <= 0x81) {
    // General Punctuation (U+2000..U+207F): curly apostrophes join, the rest separate.
    const auto last = static_cast<unsigned char>(text[i + 2]);
    if (static_cast<unsigned char>(text[i + 1]) == 0x80 && (last == 0x98 || last == 0x99))
      g.what = glyph::joiner;
    return g;
  }
  if (len < 2) return g;    // a stray continuation byte
  g.what = glyph::letters;  // other scripts: kept as they are
  g.text.assign(text.substr(i, len));
  return g;
}

bool is_article(std::string_view w) {
  return w == "the" || w == "a" || w == "an";
}

}  // namespace

std::vector<std::string> search_words(std::string_view text, bool with_joined) {
  std::vector<std::string> out;
  std::string word;
  std::string joined;       // the hyphenated run so far, without its hyphens
  bool hyphenated = false;  // the current run had a hyphen between letters
  auto end_word = [&] {
    if (!word.empty()) out.push_back(word);
    word.clear();
  };
  auto end_run = [&] {
    end_word();
    if (with_joined && hyphenated && !joined.empty()) out.push_back(joined);
    joined.clear();
    hyphenated = false;
  };
  for (std::size_t i = 0; i < text.size();) {
    glyph g = read_glyph(text, i);
    const std::size_t next = i + g.size;
    switch (g.what) {
      case glyph::letters:
        word += g.text;
        joined += g.text;
        break;
      case glyph::joiner:
        // Inside a word ("grey's", "s.w.a.t"), it joins; elsewhere it separates.
        if (word.empty() || next >= text.size() || read_glyph(text, next).what != glyph::letters)
          end_run();
        break;
      case glyph::hyphen:
        if (!word.empty() && next < text.size() && read_glyph(text, next).what == glyph::letters) {
          end_word();
          hyphenated = true;
        } else {
          end_run();
        }
        break;
      case glyph::ampersand:
        end_run();
        out.emplace_back("and");
        break;
      case glyph::separator:
        end_run();
        break;
    }
    i = next;
  }
  end_run();
  return out;
}

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  const std::size_t n = a.size(), m = b.size();
  constexpr std::size_t longest = 63;  // longer words are compared whole only
  if (m > longest) return a == b ? 0 : limit + 1;
  // Three rows of the Damerau-Levenshtein table (the one before last for transpositions), on
  // the stack: this runs for thousands of words per query.
  std::array<std::uint8_t, longest + 1> rows[3];
  auto* prev2 = rows[0].data();
  auto* prev = rows[1].data();
  auto* cur = rows[2].data();
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<std::uint8_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<std::uint8_t>(i);
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min<std::size_t>({prev[j] + 1u, cur[j - 1] + 1u, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min<std::size_t>(v, prev2[j - 2] + 1u);
      cur[j] = static_cast<std::uint8_t>(v);
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    auto* old = prev2;
    prev2 = prev;
    prev = cur;
    cur = old;
  }
  return std::min<std::size_t>(prev[m], limit + 1);
}

// -- the index ------------------------------------------------------------------------------------

namespace {

/// The typos a query word of `len` bytes may have: none under 4, one up to 7, two from 8.
std::size_t typos_allowed(std::size_t len) {
  return len >= 8 ? 2 : len >= 4 ? 1 : 0;
}

std::optional<int> as_year(std::string_view w) {
  if (w.size() != 4 ||
      !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int y = std::stoi(std::string(w));
  return y >= 1900 && y <= 2100 ? std::optional<int>(y) : std::nullopt;
}

/// How the query word `q` matches the title word `w`, if it does.
std::optional<title_match> word_match(std::string_view q, std::string_view w) {
  if (q == w) return title_match::words;
  if (w.size() > q.size() && w.compare(0, q.size(), q) == 0) return title_match::prefix;
  const std::size_t allowed = typos_allowed(q.size());
  if (allowed == 0) return std::nullopt;
  const std::size_t d = bounded_edit_distance(q, w, allowed);
  if (d > allowed) return std::nullopt;
  return d == 1 ? title_match::typo1 : title_match::typo2;
}

constexpr std::size_t max_query_words = 8;

/// Which of 32 letter classes occur in `w` (a-z, then digits and other bytes in six more). An
/// edit changes at most two of these bits, so two words `d` edits apart differ in at most 2d:
/// a cheap test that spares the edit distance of most words.
std::uint32_t letter_mask(std::string_view w) {
  std::uint32_t m = 0;
  for (char ch : w) {
    const auto c = static_cast<unsigned char>(ch);
    m |= 1u << (c >= 'a' && c <= 'z' ? c - 'a' : 26 + c % 6);
  }
  return m;
}

}  // namespace

title_index title_index::build(const std::vector<std::vector<std::string>>& titles,
                               const std::vector<int>& years,
                               const std::vector<double>& popularity) {
  title_index ix;
  const std::size_t n = titles.size();
  ix.popularity_ = popularity;
  ix.popularity_.resize(n, 0.0);
  ix.title_len_.assign(n, 0);
  // Every show's words (its titles' words, and hyphen joins), then the sorted vocabulary.
  std::vector<std::vector<std::vector<std::string>>> split(n);
  std::vector<std::vector<std::string>> every(n);
  std::vector<std::string> all;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& t : titles[i]) {
      split[i].push_back(search_words(t));
      auto joined = search_words(t, true);
      every[i].insert(every[i].end(), joined.begin(), joined.end());
    }
    all.insert(all.end(), every[i].begin(), every[i].end());
    if (!titles[i].empty()) ix.title_len_[i] = static_cast<std::uint32_t>(titles[i][0].size());
    if (i < years.size() && years[i] > 0)
      ix.by_year_[years[i]].push_back(static_cast<std::uint32_t>(i));
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  ix.words_ = std::move(all);
  ix.posts_.assign(ix.words_.size(), {});
  ix.title_words_.assign(n, {});
  auto id_of = [&](const std::string& w) {
    return static_cast<std::uint32_t>(std::lower_bound(ix.words_.begin(), ix.words_.end(), w) -
                                      ix.words_.begin());
  };
  ix.show_words_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& words : split[i]) {
      std::vector<std::uint32_t> ids;
      for (const auto& w : words) ids.push_back(id_of(w));
      ix.title_words_[i].push_back(std::move(ids));
    }
    auto& mine = ix.show_words_[i];
    for (const auto& w : every[i]) mine.push_back(id_of(w));
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (auto id : mine) ix.posts_[id].push_back(static_cast<std::uint32_t>(i));
  }
  ix.masks_.resize(ix.words_.size());
  for (std::uint32_t id = 0; id < ix.words_.size(); ++id) {
    ix.masks_[id] = letter_mask(ix.words_[id]);
    const std::size_t len = ix.words_[id].size();
    if (ix.by_len_.size() <= len) ix.by_len_.resize(len + 1);
    ix.by_len_[len].push_back(id);
  }
  return ix;
}

std::vector<title_index::query_word> title_index::parse(std::string_view query) {
  std::vector<query_word> out;
  for (auto& w : search_words(query)) {
    if (out.size() == max_query_words) break;
    const bool year = as_year(w).has_value();
    out.push_back({std::move(w), year});
  }
  return out;
}

void title_index::match_word(const query_word& w, std::size_t j, std::vector<std::uint8_t>& hits,
                             std::vector<std::uint8_t>& worst) const {
  // Word ids by how they match, best first: a show counts with the first (best) one it has.
  std::vector<std::pair<title_match, std::uint32_t>> found;
  auto lo = std::lower_bound(words_.begin(), words_.end(), w.text);
  for (auto it = lo; it != words_.end() && it->compare(0, w.text.size(), w.text) == 0; ++it) {
    found.emplace_back(*it == w.text ? title_match::words : title_match::prefix,
                       static_cast<std::uint32_t>(it - words_.begin()));
  }
  const std::size_t allowed = typos_allowed(w.text.size());
  const std::size_t len = w.text.size();
  const std::uint32_t mask = letter_mask(w.text);
  for (std::size_t l = len > allowed ? len - allowed : 0;
       allowed > 0 && l <= len + allowed && l < by_len_.size(); ++l) {
    for (std::uint32_t id : by_len_[l]) {
      if (static_cast<std::size_t>(__builtin_popcount(mask ^ masks_[id])) > 2 * allowed) continue;
      const std::size_t d = bounded_edit_distance(w.text, words_[id], allowed);
      if (d == 0 || d > allowed) continue;
      found.emplace_back(d == 1 ? title_match::typo1 : title_match::typo2, id);
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto mark = [&](std::uint32_t s, title_match how) {
    if (hits[s] != j) return;
    hits[s] = static_cast<std::uint8_t>(j + 1);
    worst[s] = std::max(worst[s], static_cast<std::uint8_t>(how));
  };
  if (w.year) {
    if (auto it = by_year_.find(*as_year(w.text)); it != by_year_.end())
      for (std::uint32_t s : it->second) mark(s, title_match::words);
  }
  for (const auto& [how, id] : found)
    for (std::uint32_t s : posts_[id]) mark(s, how);
}

bool title_index::whole_title(std::uint32_t show, const std::vector<query_word>& words) const {
  std::vector<std::string_view> q;
  for (const auto& w : words)
    if (!w.year) q.push_back(w.text);
  std::sort(q.begin(), q.end());
  for (const auto& ids : title_words_[show]) {
    if (ids.size() != q.size() && ids.size() != q.size() + 1) continue;  // cannot be equal
    std::vector<std::string_view> t;
    for (auto id : ids) t.push_back(words_[id]);
    if (t.size() > 1 && is_article(t.front()) && (q.empty() || !is_article(q.front())))
      t.erase(t.begin());
    std::sort(t.begin(), t.end());
    if (t == q) return true;
  }
  return false;
}

std::vector<std::uint32_t> title_index::search(std::string_view query, std::size_t limit,
                                               std::size_t& total) const {
  const auto words = parse(query);
  const std::size_t n = size();
  std::vector<std::pair<std::uint8_t, std::uint32_t>> found;  // (title_match, show)
  if (words.empty()) {
    for (std::uint32_t i = 0; i < n; ++i) found.emplace_back(0, i);
  } else {
    std::vector<std::uint8_t> hits(n, 0), worst(n, 0);
    for (std::size_t j = 0; j < words.size(); ++j) match_word(words[j], j, hits, worst);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (hits[i] != words.size()) continue;
      auto how = static_cast<title_match>(worst[i]);
      if (how == title_match::words && whole_title(i, words)) how = title_match::whole;
      found.emplace_back(static_cast<std::uint8_t>(how), i);
    }
  }
  total = found.size();
  return ranked(std::move(found), limit);
}

std::vector<std::uint32_t> title_index::ranked(
    std::vector<std::pair<std::uint8_t, std::uint32_t>> hits, std::size_t limit) const {
  const std::size_t k = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(k), hits.end(),
                    [&](const auto& a, const auto& b) {
                      if (a.first != b.first) return a.first < b.first;
                      if (popularity_[a.second] != popularity_[b.second])
                        return popularity_[a.second] > popularity_[b.second];
                      if (title_len_[a.second] != title_len_[b.second])
                        return title_len_[a.second] < title_len_[b.second];
                      return a.second < b.second;
                    });
  std::vector<std::uint32_t> out;
  out.reserve(k);
  for (std::size_t i = 0; i < k; ++i) out.push_back(hits[i].second);
  return out;
}

bool title_index::match(std::string_view query, std::uint32_t i, title_match& how) const {
  if (i >= size()) return false;
  const auto words = parse(query);
  auto worst = title_match::whole;
  for (const auto& w : words) {
    std::optional<title_match> best;
    if (w.year) {
      auto it = by_year_.find(*as_year(w.text));
      if (it != by_year_.end() && std::binary_search(it->second.begin(), it->second.end(), i))
        best = title_match::words;
    }
    for (auto id : show_words_[i])
      if (auto m = word_match(w.text, words_[id]); m && (!best || *m < *best)) best = m;
    if (!best) return false;
    worst = std::max(worst, *best);
  }
  if (words.empty()) worst = title_match::whole;
  if (worst == title_match::words && whole_title(i, words)) worst = title_match::whole;
  how = worst;
  return true;
}

}  // namespace recs
