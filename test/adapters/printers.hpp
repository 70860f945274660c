#pragma once
// Lets Boost.Test print the domain enums in failed assertions (found by ADL).

#include <ostream>

#include "adapters/source_record.hpp"
#include "core/result.hpp"
#include "recsys/show.hpp"

namespace recs {

inline std::ostream& boost_test_print_type(std::ostream& os, maturity m) {
  return os << '"' << to_string(m) << '"';
}
inline std::ostream& boost_test_print_type(std::ostream& os, monetization m) {
  return os << to_string(m);
}
inline std::ostream& boost_test_print_type(std::ostream& os, errc e) {
  return os << "errc(" << static_cast<int>(e) << ")";
}

namespace adapters {
inline std::ostream& boost_test_print_type(std::ostream& os, us_service s) {
  return os << display_name(s);
}
}  // namespace adapters

}  // namespace recs
