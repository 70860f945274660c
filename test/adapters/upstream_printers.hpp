#pragma once
// Lets Boost.Test print the upstream adapters' enums in failed assertions (found by ADL).

#include <ostream>

#include "adapters/catalog_match.hpp"
#include "adapters/justwatch_response.hpp"
#include "recsys/profile.hpp"

namespace recs {

inline std::ostream& boost_test_print_type(std::ostream& os, verdict v) {
  return os << "verdict(" << static_cast<int>(v) << ")";
}

namespace adapters {
inline std::ostream& boost_test_print_type(std::ostream& os, match_outcome m) {
  return os << "match_outcome(" << static_cast<int>(m) << ")";
}
inline std::ostream& boost_test_print_type(std::ostream& os, match_basis m) {
  return os << "match_basis(" << static_cast<int>(m) << ")";
}
inline std::ostream& boost_test_print_type(std::ostream& os, jw_object_type t) {
  return os << "jw_object_type(" << static_cast<int>(t) << ")";
}
}  // namespace adapters

}  // namespace recs
