#pragma once

#include <string>
#include <vector>

#include "adapters/source_record.hpp"
#include "recsys/show.hpp"

namespace recs::adapters {

/// One catalog show merged from one or more source records.
struct merged_show {
  recs::show show;                   ///< offers empty; id set by assign_ids
  std::vector<std::string> sources;  ///< source labels that contributed, sorted, unique
  std::vector<us_service> services;  ///< US catalogues that list it, sorted, unique
  /// Availability evidence (see infer_au_offers): the Kaggle 2021 rows merged into it, in input
  /// order (at most one per file), ...
  std::vector<platform_listing> listings;
  /// ... the US catalogues of its JustWatch rows (2022/2023), sorted, unique, ...
  std::vector<us_service> justwatch_services;
  /// ... and the earliest JustWatch release_year, i.e. the first season's; 0 = no JustWatch row.
  int justwatch_year = 0;
};

/// De-duplicates and merges source records into shows. Deterministic for a given input order.
///
/// Identity: JustWatch records with an IMDb id are grouped by that id first. Every other record
/// (JustWatch without an id, Kaggle 2021, TVmaze, platform flags), in input order, then joins
/// a group with the same normalised title (normalise_title) whose premiere year fits:
/// a record's premiere is its year (Kaggle: any year in [year - seasons + 1, year], because its
/// release_year is often the latest season's); a group's premiere is the span of its JustWatch,
/// TVmaze and platform-flag years (only Kaggle records: the span of their ranges). They fit when
/// the gap between the two is 0, or at most 1 year for a distinctive title (two or more words,
/// a leading "the" not counted), or at most 3 years when the record and the group share a US
/// catalogue (the same title on the same service). Among several fitting groups the smallest gap
/// wins, then the group whose premiere equals an end of the record's range, then the earliest
/// created. A record never joins a group that already holds a record of the same source file (two
/// rows of one file are two shows). A record without a year joins only an unambiguous title. A
/// record that joins nothing starts a new group, except platform-flag records and records without a
/// year, which only enrich.
///
/// Fields: title and year from the highest-ranked source (JustWatch, then TVmaze, then platform
/// flags, then Kaggle; the smallest year within a rank); genres the union; premise JustWatch, else
/// Kaggle, else TVmaze; runtime JustWatch, else TVmaze; seasons and the IMDb/TMDB figures the
/// maximum; countries the union in source order; network from TVmaze; classification the
/// strictest of JustWatch, Kaggle and TVmaze, with the platform-flag age band used only when no
/// other source has one (its bands do not line up with US ratings: TV-14 shows sit in 16+).
/// Availability evidence: every Kaggle record becomes a platform_listing; JustWatch records give
/// justwatch_services and justwatch_year.
std::vector<merged_show> merge_records(const std::vector<source_record>& records);

/// Sets show.id: the IMDb id where known (already set by merge_records), else
/// "x-<slug(title)>-<year>" ("x-<slug>" with year 0; "x-t<8 hex of the title hash>" when the
/// slug is empty), with "-2", "-3", ... appended on a collision, in input order.
void assign_ids(std::vector<merged_show>& shows);

}  // namespace recs::adapters
