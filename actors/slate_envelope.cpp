#include "actors/slate_envelope.hpp"

#include <charconv>

namespace recs::actors {

namespace {

constexpr std::string_view magic = "recs1 ";

/// Parses an integer at the front of `s` and drops it and the one separator `sep` after it.
template <class T>
bool take(std::string_view& s, T& out, char sep) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end == s.data() + s.size() || *end != sep) return false;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()) + 1);
  return true;
}

}  // namespace

std::string wrap_slate(const slate_stamp& stamp, std::string_view body) {
  std::string out(magic);
  out += std::to_string(stamp.world) + " " + std::to_string(stamp.written_ms) + " ";
  for (std::size_t i = 0; i < stamp.owners.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(stamp.owners[i].first) + ":" + std::to_string(stamp.owners[i].second);
  }
  out += '\n';
  out.append(body.data(), body.size());
  return out;
}

std::optional<std::pair<slate_stamp, std::string>> unwrap_slate(std::string_view value) {
  if (value.substr(0, magic.size()) != magic) return std::nullopt;
  const auto eol = value.find('\n');
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view head = value.substr(magic.size(), eol - magic.size() + 1);  // keeps the '\n'
  slate_stamp st;
  if (!take(head, st.world, ' ') || !take(head, st.written_ms, ' ')) return std::nullopt;
  while (!head.empty()) {
    std::pair<std::int64_t, std::uint64_t> o;
    if (!take(head, o.first, ':')) return std::nullopt;
    const char sep = head.find(',') < head.find('\n') ? ',' : '\n';
    if (!take(head, o.second, sep)) return std::nullopt;
    st.owners.push_back(o);
  }
  if (st.owners.empty()) return std::nullopt;
  return std::make_pair(std::move(st), std::string(value.substr(eol + 1)));
}

}  // namespace recs::actors
