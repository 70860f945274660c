#pragma once
// Loads the hand-written upstream responses of test/fixtures/upstream (see its README.md).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "adapters/catalog_json.hpp"
#include "recsys/show.hpp"

namespace recs::adapters::testing {

inline std::string source_path(const std::string& rel) {
  const char* dir = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir != nullptr, "RECS_SOURCE_DIR is not set (run through ctest)");
  return std::string(dir) + "/" + rel;
}

/// The body of test/fixtures/upstream/<rel>, e.g. "justwatch/popular_au_page1.json".
inline std::string upstream(const std::string& rel) {
  const std::string path = source_path("test/fixtures/upstream/" + rel);
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in.good(), "cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The bundled catalog (data/catalog.jsonl), loaded once per test executable.
inline const std::vector<recs::show>& bundled_shows() {
  static const std::vector<recs::show> shows = [] {
    auto r = load_catalog_file(source_path("data/catalog.jsonl"));
    BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.err().message));
    return std::move(r).value();
  }();
  return shows;
}

}  // namespace recs::adapters::testing
