#include "recsys/spoiler_filter.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "recsys/text.hpp"

namespace recs {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

/// Replaces an HTML entity at `s[i]` ('&') by its text; returns the bytes consumed, 0 if none.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  const auto semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 8) return 0;
  const auto name = s.substr(i + 1, semi - i - 1);
  static constexpr std::array<std::pair<std::string_view, char>, 7> named = {{{"amp", '&'},
                                                                              {"lt", '<'},
                                                                              {"gt", '>'},
                                                                              {"quot", '"'},
                                                                              {"apos", '\''},
                                                                              {"nbsp", ' '},
                                                                              {"#39", '\''}}};
  for (const auto& [n, c] : named) {
    if (name == n) {
      out.push_back(c);
      return semi - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#' &&
      std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int code = std::stoi(std::string(name.substr(1)));
    if (code >= 32 && code < 127) out.push_back(static_cast<char>(code));
    return semi - i + 1;
  }
  return 0;
}

/// Length of a footnote mark at `s[i]` ('['): "[12]", "[citation needed]", "[note 3]"; else 0.
std::size_t footnote_length(std::string_view s, std::size_t i) {
  const auto close = s.find(']', i);
  if (close == std::string_view::npos || close - i > 20) return 0;
  const auto inner = to_lower(s.substr(i + 1, close - i - 1));
  const bool digits = !inner.empty() && std::all_of(inner.begin(), inner.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
  if (digits || inner == "citation needed" || inner.rfind("note ", 0) == 0) return close - i + 1;
  return 0;
}

/// Length of an HTML tag at `s[i]` ('<'), 0 if it does not look like one.
std::size_t tag_length(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return 0;
  const char n = s[i + 1];
  if (!(std::isalpha(static_cast<unsigned char>(n)) || n == '/' || n == '!')) return 0;
  const auto close = s.find('>', i);
  if (close == std::string_view::npos || close - i > 300) return 0;
  return close - i + 1;
}

bool is_block_tag(std::string_view tag) {
  const auto t = to_lower(tag.substr(0, std::min<std::size_t>(tag.size(), 5)));
  for (std::string_view b : {"<br", "<p", "</p", "<div", "</div", "<li", "</li"}) {
    if (t.rfind(b, 0) == 0 &&
        (t.size() == b.size() || !std::isalpha(static_cast<unsigned char>(t[b.size()]))))
      return true;
  }
  return false;
}

/// True when the word ending just before `s[dot]` must not end a sentence.
bool is_abbreviation(std::string_view s, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0 && (std::isalpha(static_cast<unsigned char>(s[b - 1])) || s[b - 1] == '.')) --b;
  const auto word = to_lower(s.substr(b, dot - b));
  if (word.empty()) return false;
  if (word.size() == 1 || word.find('.') != std::string::npos) return true;  // "T." "U.S."
  static constexpr std::array<std::string_view, 37> abbreviations = {
      "apr", "aug", "ave", "bros", "capt", "co",   "col", "corp", "dec", "dept", "dr", "feb", "ft",
      "gen", "gov", "hon", "inc",  "jan",  "jr",   "jul", "jun",  "lt",  "ltd",  "mr", "mrs", "ms",
      "mt",  "nov", "oct", "prof", "rev",  "sept", "sen", "sgt",  "sr",  "st",   "vs"};
  return std::binary_search(abbreviations.begin(), abbreviations.end(), word);
}

/// Bytes of a closing quote or bracket at `s[i]` (ASCII or UTF-8 curly), 0 if none.
std::size_t closer_length(std::string_view s, std::size_t i) {
  if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']') return 1;
  if (s.compare(i, 3, "\xE2\x80\x9D") == 0 || s.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

/// True when a sentence may start at `s[i]`: a capital, digit, quote, bracket or non-ASCII.
bool can_start_sentence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  return is_upper(s[i]) || std::isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[' ||
         c >= 0x80;
}

/// Byte ranges of straight double-quoted spans that close within the paragraph.
std::vector<std::pair<std::size_t, std::size_t>> quoted_spans(std::string_view p) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const bool straight = p[i] == '"';
    const bool curly_open = p.compare(i, 3, "\xE2\x80\x9C") == 0;
    const bool curly_close = p.compare(i, 3, "\xE2\x80\x9D") == 0;
    if (open == std::string_view::npos && (straight || curly_open)) {
      open = i;
    } else if (open != std::string_view::npos && (straight || curly_close)) {
      spans.emplace_back(open, i);
      open = std::string_view::npos;
    }
  }
  return spans;
}

void split_paragraph(std::string_view p, std::vector<std::string>& out) {
  const auto spans = quoted_spans(p);
  auto quoted = [&](std::size_t i) {
    return std::any_of(spans.begin(), spans.end(),
                       [i](const auto& sp) { return sp.first < i && i < sp.second; });
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < p.size()) {
    const bool ellipsis = p.compare(i, 3, "\xE2\x80\xA6") == 0;
    if (p[i] != '.' && p[i] != '!' && p[i] != '?' && !ellipsis) {
      ++i;
      continue;
    }
    const std::size_t term = i;
    i += ellipsis ? 3 : 1;
    while (i < p.size() && (p[i] == '.' || p[i] == '!' || p[i] == '?')) ++i;
    for (std::size_t n; i < p.size() && (n = closer_length(p, i)) > 0;) i += n;
    const std::size_t end = i;
    // "them.Renata": a full stop glued to the next sentence in scraped text.
    const bool glued = p[term] == '.' && end == term + 1 && term >= 2 && i + 1 < p.size() &&
                       is_upper(p[i]) && std::islower(static_cast<unsigned char>(p[i + 1])) &&
                       std::islower(static_cast<unsigned char>(p[term - 1])) &&
                       std::islower(static_cast<unsigned char>(p[term - 2]));
    if (i < p.size() && !is_space(p[i]) && !glued) continue;
    while (i < p.size() && is_space(p[i])) ++i;
    if (i < p.size() && !can_start_sentence(p, i)) continue;
    if (i < p.size() && quoted(end - 1)) continue;
    if (p[term] == '.' && end == term + 1 && is_abbreviation(p, term)) continue;
    const auto sentence = trim(p.substr(start, end - start));
    if (!sentence.empty()) out.emplace_back(sentence);
    start = i;
  }
  const auto rest = trim(p.substr(std::min(start, p.size())));
  if (!rest.empty()) out.emplace_back(rest);
}

/// True for a head that is only a subordinate clause ("As Selena comes of age"): it starts with
/// a subordinating conjunction and has no comma after which a main clause could follow.
bool is_dependent_clause(std::string_view head) {
  const auto first = to_lower(head.substr(0, head.find(' ')));
  for (std::string_view w : {"as", "when", "while", "if", "although", "though", "because", "since",
                             "until", "once", "whether", "after", "before"}) {
    if (first == w) return head.find(',') == std::string_view::npos;
  }
  return false;
}

/// The part of `sentence` before the spoiling clause, ended with a full stop, when it is long
/// enough and itself safe; "" otherwise.
std::string safe_head(std::string_view sentence, const spoiler_match& m) {
  static constexpr std::size_t min_head_chars = 30;
  std::vector<std::size_t> cuts;
  for (std::string_view marker : {"; ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", ": ",
                                  ", only to ", " only to ", ", until ", " until ", ", but ",
                                  ", before ", " before ", ", where ", ", which ", ", who "}) {
    for (auto at = sentence.find(marker); at != std::string_view::npos && at < m.offset;
         at = sentence.find(marker, at + 1)) {
      cuts.push_back(at);
    }
  }
  // The conjunction or relative pronoun right before the match: "... and eventually ...".
  auto before = trim(sentence.substr(0, m.offset));
  const auto space = before.find_last_of(' ');
  if (space != std::string_view::npos) {
    const auto word = to_lower(before.substr(space + 1));
    for (std::string_view w : {"and", "but", "who", "which", "whom", "until", "before", "then"}) {
      if (word == w) cuts.push_back(space);
    }
  }
  std::sort(cuts.begin(), cuts.end(), std::greater<>());
  for (const auto cut : cuts) {
    auto head = trim(sentence.substr(0, cut));
    while (!head.empty() &&
           (head.back() == ',' || head.back() == ';' || head.back() == ':' || head.back() == '-')) {
      head = trim(head.substr(0, head.size() - 1));
    }
    if (head.size() < min_head_chars || is_spoiler_sentence(head)) continue;
    if (is_dependent_clause(head)) continue;
    if (std::count(head.begin(), head.end(), '(') != std::count(head.begin(), head.end(), ')')) {
      continue;
    }
    std::string out(head);
    if (out.back() != '.' && out.back() != '!' && out.back() != '?') out.push_back('.');
    return out;
  }
  return {};
}

std::string_view genre_word(std::string_view g) {
  if (g == "animation") return "animated";
  if (g == "kids") return "children's";
  if (g == "science-fiction") return "science fiction";
  return g;
}

/// Position of a genre in the fallback phrase: "animated", "children's", themes, then the
/// format nouns ("comedy", "drama", "documentary", ...).
int genre_rank(std::string_view g) {
  static constexpr std::array<std::string_view, 8> tail = {
      "romance", "thriller", "comedy", "drama", "documentary", "reality", "anime", "sport"};
  if (g == "animation") return 0;
  if (g == "kids") return 1;
  const auto it = std::find(tail.begin(), tail.end(), g);
  return it == tail.end() ? 2 : 3 + static_cast<int>(it - tail.begin());
}

}  // namespace

std::string_view to_string(sanitized_premise::outcome o) noexcept {
  switch (o) {
    case sanitized_premise::outcome::kept:
      return "kept";
    case sanitized_premise::outcome::trimmed:
      return "trimmed";
    case sanitized_premise::outcome::replaced:
      return "replaced";
  }
  return "kept";
}

std::string clean_premise_text(std::string_view raw) {
  std::string flat;
  flat.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t n = 0;
    if (raw[i] == '<' && (n = tag_length(raw, i)) > 0) {
      flat.push_back(is_block_tag(raw.substr(i, n)) ? '\n' : ' ');
    } else if (raw[i] == '&' && (n = decode_entity(raw, i, flat)) > 0) {
    } else if (raw[i] == '[' && (n = footnote_length(raw, i)) > 0) {
    } else if (raw.compare(i, 2, "\xC2\xA0") == 0) {
      flat.push_back(' ');
      n = 2;
    } else {
      flat.push_back(raw[i] == '\r' ? '\n' : (is_space(raw[i]) ? ' ' : raw[i]));
      n = 1;
    }
    i += n;
  }
  std::string out;
  std::size_t start = 0;
  while (start <= flat.size()) {
    auto nl = flat.find('\n', start);
    if (nl == std::string::npos) nl = flat.size();
    std::string para;
    for (char c : trim(std::string_view(flat).substr(start, nl - start))) {
      if (c != ' ' || para.empty() || para.back() != ' ') para.push_back(c);
    }
    if (!para.empty()) out += (out.empty() ? "" : "\n\n") + para;
    start = nl + 1;
  }
  return out;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    split_paragraph(trim(text.substr(start, nl - start)), out);
    start = nl + 1;
  }
  return out;
}

std::string fallback_premise(const show& s) {
  std::vector<std::string_view> genres(s.genres.begin(), s.genres.end());
  std::stable_sort(genres.begin(), genres.end(),
                   [](auto a, auto b) { return genre_rank(a) < genre_rank(b); });
  genres.erase(std::unique(genres.begin(), genres.end()), genres.end());
  if (genres.size() > 3) genres.erase(genres.begin() + 2, genres.end() - 1);  // keep the noun
  std::string phrase;
  for (auto g : genres) phrase += std::string(genre_word(g)) + " ";
  phrase += "series";
  const bool vowel = std::string_view("aeiou").find(phrase[0]) != std::string_view::npos;
  std::string out = (vowel ? "An " : "A ") + (genres.empty() ? "TV " + phrase : phrase);
  if (s.year > 0) out += " from " + std::to_string(s.year);
  if (s.rating != maturity::unknown) out += " (" + std::string(to_string(s.rating)) + ")";
  if (s.seasons > 0) {
    out += ", " + std::to_string(s.seasons) + (s.seasons == 1 ? " season" : " seasons");
  }
  return out + ".";
}

sanitized_premise sanitize_premise(const show& s) {
  sanitized_premise r;
  const auto cleaned = clean_premise_text(s.premise);
  std::string text;
  std::vector<std::string> all;
  std::size_t start = 0;
  while (start < cleaned.size()) {
    auto brk = cleaned.find("\n\n", start);
    if (brk == std::string::npos) brk = cleaned.size();
    std::string para;
    bool rest_of_paragraph_spoils = false;
    for (auto& sentence : split_sentences(std::string_view(cleaned).substr(start, brk - start))) {
      all.push_back(sentence);
      const auto m = rest_of_paragraph_spoils ? std::nullopt : find_spoiler(sentence);
      if (!rest_of_paragraph_spoils && !m) {
        para += (para.empty() ? "" : " ") + sentence;
        continue;
      }
      if (m && m->later_story) rest_of_paragraph_spoils = true;
      if (m) {
        const auto head = safe_head(sentence, *m);
        if (!head.empty()) para += (para.empty() ? "" : " ") + head;
      }
      r.removed.push_back(std::move(sentence));
    }
    if (!para.empty()) text += (text.empty() ? "" : "\n\n") + para;
    start = brk + 2;
  }
  if (r.removed.empty() && !text.empty()) {
    r.text = std::move(text);
  } else if (!text.empty() && text.size() >= min_premise_chars) {
    r.text = std::move(text);
    r.result = sanitized_premise::outcome::trimmed;
  } else {
    r.text = fallback_premise(s);
    r.result = sanitized_premise::outcome::replaced;
    r.removed = std::move(all);
  }
  return r;
}

}  // namespace recs
