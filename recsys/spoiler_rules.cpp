// The spoiler classifier behind find_spoiler: a small word-pattern engine that runs the rule
// table of recsys/spoiler_rule_table.hpp over one sentence.
#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "recsys/spoiler_filter.hpp"
#include "recsys/spoiler_rule_table.hpp"
#include "recsys/text.hpp"

namespace recs {

namespace {

// ---- tokens --------------------------------------------------------------------------------

/// One lower-case word (a possessive "'s" is a token of its own) or one punctuation mark.
struct token {
  std::string text;
  std::size_t begin = 0;
  bool capital = false;   ///< first letter upper-case
  bool all_caps = false;  ///< two or more letters, none lower-case ("DIED", "SEO")
  bool word = true;
};

/// Third byte of a "\xE2\x80?" mark (dashes, curly quotes, ellipsis, ...) at `s[i]`, else 0.
unsigned char utf8_punct(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size() || s[i] != '\xE2' || s[i + 1] != '\x80') return 0;
  return static_cast<unsigned char>(s[i + 2]);
}

std::size_t apostrophe_length(std::string_view s, std::size_t i) {
  if (s[i] == '\'') return 1;
  const auto p = utf8_punct(s, i);
  return p == 0x98 || p == 0x99 ? 3 : 0;
}

bool is_word_byte(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  return std::isalnum(c) != 0 || (c >= 0x80 && utf8_punct(s, i) == 0);
}

/// True when `s[i]` starts "'s" closing a word: "Ned's", "Ned’s".
bool possessive_at(std::string_view s, std::size_t i) {
  const auto n = apostrophe_length(s, i);
  return n > 0 && i + n < s.size() && (s[i + n] == 's' || s[i + n] == 'S') &&
         (i + n + 1 == s.size() || !is_word_byte(s, i + n + 1));
}

token read_word(std::string_view s, std::size_t& i) {
  token t{{}, i, std::isupper(static_cast<unsigned char>(s[i])) != 0, false, true};
  std::size_t upper = 0, lower = 0;
  while (i < s.size()) {
    if (is_word_byte(s, i)) {
      const auto c = static_cast<unsigned char>(s[i++]);
      upper += std::isupper(c) != 0;
      lower += std::islower(c) != 0;
      t.text.push_back(static_cast<char>(std::tolower(c)));
    } else if (const auto n = apostrophe_length(s, i);
               n > 0 && !possessive_at(s, i) && i + n < s.size() && is_word_byte(s, i + n)) {
      t.text.push_back('\'');
      i += n;
    } else {
      break;
    }
  }
  t.all_caps = upper >= 2 && lower == 0;
  return t;
}

std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_word_byte(s, i)) {
      out.push_back(read_word(s, i));
      if (i < s.size() && possessive_at(s, i)) {
        out.push_back({"'s", i, false, false, true});
        i += apostrophe_length(s, i) + 1;
      }
    } else if (const auto p = utf8_punct(s, i); p != 0) {
      if (p == 0x93 || p == 0x94 || p == 0xA6) out.push_back({"-", i, false, false, false});
      i += 3;
    } else {
      if (std::string_view(",;:()?!").find(s[i]) != std::string_view::npos) {
        out.push_back({std::string(1, s[i]), i, false, false, false});
      }
      ++i;
    }
  }
  return out;
}

// ---- patterns (syntax: see recsys/spoiler_rule_table.hpp) ---------------------------------

enum class elem_kind : std::uint8_t {
  words,
  gap,
  ordinal,
  number,
  name,
  not_words,
  not_prev,
  not_cap
};

struct element {
  elem_kind kind = elem_kind::words;
  std::vector<std::string> words;
  std::size_t gap = 0;
  bool lower_only = false;
};

using pattern = std::vector<element>;

std::vector<std::string_view> split_on(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t b = 0; b <= s.size();) {
    auto e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

pattern compile(std::string_view spec) {
  pattern p;
  for (auto piece : split_on(spec, ' ')) {
    element e;
    if (piece[0] == '~') {
      e.kind = elem_kind::gap;
      e.gap = static_cast<std::size_t>(piece[1] - '0');
    } else if (piece == "@ord" || piece == "@num" || piece == "@name" || piece == "!@cap") {
      e.kind = piece == "@ord"    ? elem_kind::ordinal
               : piece == "@num"  ? elem_kind::number
               : piece == "@name" ? elem_kind::name
                                  : elem_kind::not_cap;
    } else {
      if (piece[0] == '!') e.kind = elem_kind::not_words;
      if (piece[0] == '<') e.kind = elem_kind::not_prev;
      e.lower_only = piece[0] == '=';
      if (piece[0] == '!' || piece[0] == '<' || piece[0] == '=') piece.remove_prefix(1);
      for (auto w : split_on(piece, '|')) e.words.emplace_back(w);
    }
    p.push_back(std::move(e));
  }
  return p;
}

/// A set built once from one of the word lists of the rule table.
template <std::size_t N>
std::unordered_set<std::string_view> word_set(const std::string_view (&words)[N]) {
  return {std::begin(words), std::end(words)};
}

const std::unordered_set<std::string_view>& later_ordinals() {
  static const auto set = word_set(internal::later_ordinal_words);
  return set;
}

const std::unordered_set<std::string_view>& non_names() {
  static const auto set = word_set(internal::non_name_words);
  return set;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool ends_with(std::string_view w, std::string_view suffix) {
  return w.size() > suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

bool is_name(const std::vector<token>& t, std::size_t i) {
  const auto& w = t[i];
  if (!w.word || !w.capital || w.all_caps || non_names().count(w.text) > 0) return false;
  if (i > 0) return true;
  // A capitalised first word ending like a participle or adverb is no name when a preposition
  // follows ("Based on ...", "Haunted by ..."); "Ned is ..." and "Fred dies" stay names.
  const bool verb_like =
      ends_with(w.text, "ing") || ends_with(w.text, "ed") || ends_with(w.text, "ly");
  if (!verb_like || t.size() < 2) return true;
  static constexpr std::string_view prepositions[] = {",",  "on",   "by", "for",  "with", "in",
                                                      "at", "from", "to", "into", "of"};
  return std::find(std::begin(prepositions), std::end(prepositions), t[1].text) ==
         std::end(prepositions);
}

bool is_number_2_40(const std::string& w) {
  if (w.empty() || w.size() > 2 || !std::all_of(w.begin(), w.end(), is_digit)) return false;
  const int v = std::stoi(w);
  return v >= 2 && v <= 40;
}

bool element_matches(const element& e, const std::vector<token>& t, std::size_t i) {
  const auto& w = t[i];
  switch (e.kind) {
    case elem_kind::words:
      return (!e.lower_only || !w.capital) &&
             std::find(e.words.begin(), e.words.end(), w.text) != e.words.end();
    case elem_kind::ordinal:
      return later_ordinals().count(w.text) > 0;
    case elem_kind::number:
      return w.word && is_number_2_40(w.text);
    case elem_kind::name:
      return is_name(t, i);
    default:
      return false;
  }
}

bool match_from(const pattern& p, std::size_t e, const std::vector<token>& t, std::size_t i) {
  if (e == p.size()) return true;
  const auto& el = p[e];
  switch (el.kind) {
    case elem_kind::gap:  // skips words only, never punctuation
      for (std::size_t k = 0; k <= el.gap && i + k <= t.size(); ++k) {
        if (k > 0 && !t[i + k - 1].word) break;
        if (match_from(p, e + 1, t, i + k)) return true;
      }
      return false;
    case elem_kind::not_words:
      return (i >= t.size() ||
              std::find(el.words.begin(), el.words.end(), t[i].text) == el.words.end()) &&
             match_from(p, e + 1, t, i);
    case elem_kind::not_prev:
      return (i == 0 ||
              std::find(el.words.begin(), el.words.end(), t[i - 1].text) == el.words.end()) &&
             match_from(p, e + 1, t, i);
    case elem_kind::not_cap:
      return (i >= t.size() || !t[i].word || !t[i].capital) && match_from(p, e + 1, t, i);
    default:
      return i < t.size() && element_matches(el, t, i) && match_from(p, e + 1, t, i + 1);
  }
}

// ---- rules ---------------------------------------------------------------------------------

struct compiled_rule {
  std::string_view name;
  pattern p;
  std::vector<std::string_view> unless;
};

struct rule_book {
  std::vector<compiled_rule> rules;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;
  std::vector<std::size_t> by_class;  ///< rules starting with @name, @ord or @num
  std::vector<std::pair<std::string_view, pattern>> groups;
};

rule_book build_rule_book() {
  rule_book b;
  for (const auto& spec : internal::rule_specs) {
    compiled_rule r{spec.name, compile(spec.pattern), split_on(spec.unless, ' ')};
    const auto index = b.rules.size();
    if (r.p.front().kind == elem_kind::words) {
      for (const auto& w : r.p.front().words) b.by_first_word[w].push_back(index);
    } else {
      b.by_class.push_back(index);
    }
    b.rules.push_back(std::move(r));
  }
  for (const auto& g : internal::group_specs) b.groups.emplace_back(g.name, compile(g.pattern));
  return b;
}

/// The compiled rules: immutable data built once on first use (thread-safe static init).
const rule_book& book() {
  static const rule_book b = build_rule_book();
  return b;
}

bool framed(const std::vector<token>& t, std::size_t at) {
  for (std::size_t k = at > 6 ? at - 6 : 0; k < at; ++k) {
    const auto& w = t[k].text;
    if (w == "when" || w == "whenever" || w == "if" || w == "once" || w == "unless" ||
        w == "with") {
      return true;
    }
  }
  return false;
}

bool has_year(const std::vector<token>& t) {
  return std::any_of(t.begin(), t.end(), [](const token& w) {
    return w.text.size() == 4 && std::all_of(w.text.begin(), w.text.end(), is_digit) &&
           std::stoi(w.text) >= 1800 && std::stoi(w.text) < 2100;
  });
}

bool exempt(const compiled_rule& r, const std::vector<token>& t, std::size_t at, bool question) {
  for (const auto group : r.unless) {
    if (group == "question" && question) return true;
    if (group == "framed" && framed(t, at)) return true;
    if (group == "dated" && has_year(t)) return true;
    for (const auto& [name, p] : book().groups) {
      if (name != group) continue;
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (match_from(p, 0, t, i)) return true;
      }
    }
  }
  return false;
}

spoiler_match make_match(std::string_view rule, std::size_t offset) {
  return {rule, offset, rule == "later-season" || rule == "finale" || rule == "ending"};
}

}  // namespace

std::optional<spoiler_match> find_spoiler(std::string_view sentence) {
  const auto t = tokenize(sentence);
  const auto& b = book();
  const auto trimmed = trim(sentence);
  const auto q = trimmed.find_last_of('?');
  const bool question = q != std::string_view::npos && q + 3 >= trimmed.size();
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto fires = [&](std::size_t index) {
      const auto& r = b.rules[index];
      return match_from(r.p, 0, t, i) && !exempt(r, t, i, question);
    };
    if (const auto it = b.by_first_word.find(t[i].text); it != b.by_first_word.end()) {
      for (const auto index : it->second) {
        if (fires(index)) return make_match(b.rules[index].name, t[i].begin);
      }
    }
    for (const auto index : b.by_class) {
      if (fires(index)) return make_match(b.rules[index].name, t[i].begin);
    }
  }
  return std::nullopt;
}

bool is_spoiler_sentence(std::string_view sentence) {
  return find_spoiler(sentence).has_value();
}

}  // namespace recs
