#include "adapters/source_record.hpp"

namespace recs::adapters {

std::string_view display_name(us_service s) noexcept {
  switch (s) {
    case us_service::netflix:
      return "Netflix";
    case us_service::hbo:
      return "HBO";
    case us_service::disney_plus:
      return "Disney+";
    case us_service::paramount_plus:
      return "Paramount+";
    case us_service::apple_tv_plus:
      return "Apple TV+";
    case us_service::prime_video:
      return "Prime Video";
    case us_service::hulu:
      return "Hulu";
  }
  return "";
}

}  // namespace recs::adapters
