#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "recsys/profile.hpp"

namespace recs::net {

/// Who may call: households and their profiles as the in-memory directory holds them. Every
/// method answers from memory and never blocks on an actor (it runs for every request).
class identity_port {
 public:
  virtual ~identity_port() = default;

  /// The household an email belongs to (case-insensitive), nullopt when none does.
  virtual std::optional<household> household_by_email(const std::string& email) const = 0;
  /// The profiles of a household, in creation order; empty for an unknown household.
  virtual std::vector<profile> profiles(std::int64_t household_id) const = 0;
};

}  // namespace recs::net
