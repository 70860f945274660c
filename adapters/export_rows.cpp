#include "adapters/export_rows.hpp"

#include <algorithm>
#include <charconv>

#include "adapters/text_clean.hpp"
#include "core/ascii.hpp"

namespace recs::adapters::internal {

std::size_t export_builder::show(const std::string& key, const title_key& k, std::size_t line) {
  const auto [it, fresh] = index_.try_emplace(key, out_.shows.size());
  if (fresh) {
    imported_show s;
    s.key = k;
    s.line = line;
    out_.shows.push_back(std::move(s));
    episodes_.emplace_back();
    score_ts_.push_back(0);
  }
  return it->second;
}

void export_builder::episode(std::size_t i, std::string episode) {
  episodes_[i].insert(std::move(episode));
}

void export_builder::rate(std::size_t i, int score, std::int64_t ts) {
  imported_show& s = out_.shows[i];
  if (!s.score || ts >= score_ts_[i]) {
    s.score = score;
    score_ts_[i] = ts;
  }
  date(i, ts);
}

void export_builder::date(std::size_t i, std::int64_t ts) {
  out_.shows[i].ts = std::max(out_.shows[i].ts, ts);
}

void export_builder::skip(std::size_t line, std::string_view why) {
  ++out_.skipped;
  if (out_.notes.size() < kMaxNotes) {
    out_.notes.push_back("line " + std::to_string(line) + ": " + std::string(why));
  }
}

parsed_export export_builder::finish() && {
  for (std::size_t i = 0; i < out_.shows.size(); ++i) {
    if (!episodes_[i].empty()) out_.shows[i].episodes = static_cast<int>(episodes_[i].size());
  }
  out_.notes.insert(out_.notes.begin(), std::make_move_iterator(remarks_.begin()),
                    std::make_move_iterator(remarks_.end()));
  return std::move(out_);
}

error line_error(std::size_t line, std::string_view what) {
  return error{errc::invalid_argument, "line " + std::to_string(line) + ": " + std::string(what)};
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  std::size_t cut = kMax;
  // Do not end inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

std::optional<int> parse_score(std::string_view text) noexcept {
  text = trim(text);
  int n = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  if (n < 1 || n > 10) return std::nullopt;
  return n;
}

std::string roll_key(const title_key& k) {
  if (!k.imdb_id.empty()) return "imdb:" + k.imdb_id;
  if (k.tmdb_id > 0) return "tmdb:" + std::to_string(k.tmdb_id);
  std::string title = normalise_title(k.title);
  // A title of punctuation only normalises to nothing: keep it as written then.
  if (title.empty()) title = to_lower(k.title);
  return "title:" + title + "|" + std::to_string(k.year);
}

bool json_depth_within(std::string_view text, std::size_t max_depth) noexcept {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

}  // namespace recs::adapters::internal
