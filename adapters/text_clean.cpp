#include "adapters/text_clean.hpp"

#include <cctype>
#include <cstdint>
#include <utility>
#include "core/ascii.hpp"
#include "core/html_entity.hpp"

namespace recs::adapters {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool is_ascii_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Folds the two-byte UTF-8 letters U+00C0..U+00FF (lead byte 0xC3) to ASCII; '\0' = drop.
char fold_latin1(unsigned char second) {
  static constexpr std::string_view kFold =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
  if (second < 0x80 || second > 0xBF) return '\0';
  const char c = kFold[second - 0x80u];
  return c == '-' ? '\0' : c;
}

// Inline tags (<i>, </b>, <a href=...>) join words; any other tag separates them.
bool is_inline_tag(std::string_view tag) {
  if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
  const std::size_t end = tag.find_first_of(" \t/");
  const std::string_view name = tag.substr(0, end);
  for (std::string_view t : {"i", "em", "b", "strong", "span", "a", "u"}) {
    if (name == t) return true;
  }
  return false;
}

void collapse_append(std::string& out, char c, bool& pending_sep, char sep) {
  if (pending_sep && !out.empty()) out.push_back(sep);
  pending_sep = false;
  out.push_back(c);
}

}  // namespace

std::string normalise_title(std::string_view title) {
  std::string out;
  out.reserve(title.size());
  bool pending = false;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const char c = title[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\'' || c == '`') continue;
    if (c == '&') {
      pending = true;
      for (char a : std::string_view("and")) collapse_append(out, a, pending, ' ');
      pending = true;
    } else if (u == 0xC3 && i + 1 < title.size() &&
               fold_latin1(static_cast<unsigned char>(title[i + 1])) != '\0') {
      collapse_append(out, fold_latin1(static_cast<unsigned char>(title[i + 1])), pending, ' ');
      ++i;
    } else if (u >= 0x80 || is_ascii_alnum(c)) {
      collapse_append(out, ascii_lower(c), pending, ' ');
    } else {
      pending = true;
    }
  }
  return out;
}

std::string slugify(std::string_view title) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const auto u = static_cast<unsigned char>(title[i]);
    if (u < 0x80) {
      if (is_ascii_alnum(title[i])) {
        collapse_append(out, ascii_lower(title[i]), pending, '-');
      } else if (title[i] == '&') {
        pending = true;
        for (char a : std::string_view("and")) collapse_append(out, a, pending, '-');
        pending = true;
      } else if (title[i] != '\'') {
        pending = true;
      }
      continue;
    }
    if (u == 0xC3 && i + 1 < title.size()) {
      const char folded = fold_latin1(static_cast<unsigned char>(title[i + 1]));
      ++i;
      if (folded != '\0') {
        collapse_append(out, folded, pending, '-');
        continue;
      }
    }
    pending = true;  // any other non-ASCII character separates words
  }
  return out;
}

std::string strip_html(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      if (!is_inline_tag(html.substr(i + 1, close - i - 1))) text.push_back(' ');
      i = close;
      continue;
    }
    if (c == '&') {
      bool decoded = false;
      if (const auto e = named_entity_at(html.substr(i))) {
        text.push_back(e->ch);
        i += e->length - 1;
        decoded = true;
      }
      if (!decoded && html.substr(i, 2) == "&#") {
        const std::size_t semi = html.find(';', i);
        if (semi != std::string_view::npos && semi - i <= 6) {
          int code = 0;
          bool digits = semi > i + 2;
          for (std::size_t k = i + 2; k < semi; ++k) {
            if (!std::isdigit(static_cast<unsigned char>(html[k])))
              digits = false;
            else
              code = code * 10 + (html[k] - '0');
          }
          if (digits && code > 0 && code < 128) {
            text.push_back(static_cast<char>(code));
            i = semi;
            decoded = true;
          }
        }
      }
      if (decoded) continue;
    }
    text.push_back(c);
  }
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (char c : text) {
    if (is_space(c)) {
      pending = true;
    } else {
      collapse_append(out, c, pending, ' ');
    }
  }
  return out;
}

}  // namespace recs::adapters
