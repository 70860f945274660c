#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"

namespace recs::storage {

/// The store's role for small key/value metadata (catalog version, job state, ...). Part of
/// storage::store, which states what holds for every role.
class meta_store {
 public:
  virtual ~meta_store() = default;

  virtual result<std::optional<std::string>> get_meta(const std::string& key) = 0;
  virtual status set_meta(const std::string& key, const std::string& value) = 0;
};

}  // namespace recs::storage
