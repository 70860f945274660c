#include "actors/messages.hpp"

#include <caf/atom.hpp>
#include <caf/sec.hpp>

namespace recs::actors {

namespace {
constexpr caf::atom_value recs_category = caf::atom("recs");
}

caf::error to_caf(const recs::error& e) {
  return caf::error(static_cast<std::uint8_t>(static_cast<int>(e.code) + 1), recs_category,
                    caf::make_message(e.message, e.retry_after_s));
}

recs::error from_caf(const caf::error& e) {
  if (e.category() == recs_category) {
    recs::error out;
    out.code = static_cast<errc>(e.code() - 1);
    if (e.context().match_elements<std::string, std::int64_t>()) {
      out.message = e.context().get_as<std::string>(0);
      out.retry_after_s = e.context().get_as<std::int64_t>(1);
    }
    return out;
  }
  if (e.category() == caf::atom("system")) {
    const auto code = static_cast<caf::sec>(e.code());
    if (code == caf::sec::request_timeout)
      return {errc::unavailable, "an internal service did not answer in time"};
    return {errc::unavailable,
            "an internal service is not available (" + caf::to_string(code) + ")"};
  }
  return {errc::internal, "internal error"};
}

}  // namespace recs::actors
