#pragma once

#include <string>
#include <string_view>

// Private to net/: CSV for the downloads (GET /me/export?format=csv, GET /export/*.csv).
namespace recs::net::internal {

/// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); a leading
/// =, +, - or @ is prefixed with ' so that spreadsheets do not run it as a formula.
std::string csv_field(std::string_view s);

}  // namespace recs::net::internal
