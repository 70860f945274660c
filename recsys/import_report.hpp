#pragma once

// What importing a file of a profile's history did (or would do): the counts and the items left
// for the user to resolve. Plain data, shared by the import planner (adapters/import_plan.hpp),
// the API (POST /imports/{format}) and recsctl.

#include <cstddef>
#include <string>
#include <vector>

namespace recs {

/// A catalog show offered for an item that did not match (or matched several).
struct import_candidate {
  std::string show_id;
  std::string title;
  int year = 0;
};

/// An item of the file that was not imported, for the user to resolve.
struct import_problem {
  std::size_t line = 0;  ///< where the file has it: CSV record (header = 1), JSON array index
  std::string title;
  int year = 0;
  std::vector<import_candidate> candidates;
};

struct import_report {
  std::size_t shows = 0;      ///< shows of the file
  std::size_t matched = 0;    ///< of those, found in the catalog
  std::size_t added = 0;      ///< catalog shows given a new rating, seen mark or watchlist entry
  std::size_t updated = 0;    ///< catalog shows whose earlier rating from this source changed
  std::size_t already = 0;    ///< catalog shows with nothing new to write
  std::size_t unmatched = 0;  ///< shows of the file not in the catalog
  std::size_t ambiguous = 0;  ///< shows of the file that fit several catalog shows
  std::size_t skipped = 0;    ///< rows that are not shows (films, trailers, episode ratings)
  std::vector<import_problem> unmatched_items;  ///< the first ones, closest shows first
  std::vector<import_problem> ambiguous_items;  ///< the first ones, with the tied shows
  std::vector<std::string> notes;               ///< what the parse skipped or assumed, and why
};

}  // namespace recs
