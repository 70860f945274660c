#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace recs {

/// Interns feature names to dense ids and counts document frequencies, for the TF-IDF features
/// of the catalog snapshot and of the content embeddings.
class vocabulary {
 public:
  vocabulary() { ids_.reserve(1 << 16); }

  /// The id of feature `family` + `name`, e.g. ("g:", "drama").
  std::uint32_t id(std::string_view family, std::string_view name) {
    key_.assign(family);
    key_.append(name);
    // find() first: emplace() would allocate a node for every token, hit or miss.
    if (auto it = ids_.find(key_); it != ids_.end()) return it->second;
    const auto next = static_cast<std::uint32_t>(df_.size());
    ids_.emplace(key_, next);
    df_.push_back(0);
    return next;
  }
  /// One more document has feature `id`.
  void count(std::uint32_t id) { ++df_[id]; }
  std::uint32_t df(std::uint32_t id) const { return df_[id]; }
  std::size_t size() const { return df_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::uint32_t> df_;
  std::string key_;
};

}  // namespace recs
