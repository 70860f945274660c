#pragma once

#include <string>
#include <string_view>

namespace recs::storage::internal {

/// The start of a statement on one line (at most 60 characters, then "..."), for error messages.
std::string sql_snippet(std::string_view sql);

}  // namespace recs::storage::internal
