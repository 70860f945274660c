#include "storage/sql_snippet.hpp"

namespace recs::storage::internal {

std::string sql_snippet(std::string_view sql) {
  constexpr std::size_t max_len = 60;
  std::string s(sql.substr(0, max_len));
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (sql.size() > max_len) s += "...";
  return s;
}

}  // namespace recs::storage::internal
