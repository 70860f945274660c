#define BOOST_TEST_MODULE adapters_catalog_import
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "adapters/attribution.hpp"
#include "adapters/catalog_import.hpp"
#include "adapters/catalog_json.hpp"
#include "test/adapters/fixtures.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;
namespace fx = recs::adapters::testing;
using recs::maturity;

namespace {

ad::loaded_source load(const std::string& label, const std::string& text) {
  for (const auto& spec : ad::catalog_sources()) {
    if (spec.label != label) continue;
    auto t = ad::parse_csv(text);
    BOOST_REQUIRE(t.ok());
    return {spec, std::move(t).value()};
  }
  BOOST_FAIL("no source " << label);
  return {};
}

std::vector<ad::loaded_source> fixture_sources() {
  return {load("justwatch-us-2023/netflix", fx::kJwNetflix),
          load("justwatch-us-2023/disney", fx::kJwDisney),
          load("streaming-catalogs-kaggle-2021/netflix", fx::kKaggleNetflix),
          load("tvmaze-top-shows", fx::kTvmaze),
          load("tv-shows-on-streaming-platforms", fx::kPlatformFlags)};
}

const ad::catalog_entry& entry(const std::vector<ad::catalog_entry>& v, const std::string& id) {
  const auto it =
      std::find_if(v.begin(), v.end(), [&](const ad::catalog_entry& e) { return e.item.id == id; });
  BOOST_REQUIRE_MESSAGE(it != v.end(), "missing " << id);
  return *it;
}

std::vector<std::string> providers(const recs::show& s) {
  std::vector<std::string> out;
  for (const auto& o : s.offers) out.push_back(o.provider);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog_import)

BOOST_AUTO_TEST_CASE(source_list) {
  const auto& specs = ad::catalog_sources();
  BOOST_TEST(specs.size() == 13u);
  std::set<std::string> labels;
  for (const auto& s : specs) {
    labels.insert(s.label);
    BOOST_TEST(s.relative_path.find("movielens") == std::string::npos);
  }
  BOOST_TEST(labels.size() == specs.size());
  BOOST_TEST(!specs.back().required);  // tv_shows.csv is optional
}

BOOST_AUTO_TEST_CASE(fixture_catalog_end_to_end) {
  const auto built = ad::build_catalog(fixture_sources());
  BOOST_REQUIRE(built.ok());
  const auto& e = built->entries;
  // Breaking Bad, Glitch (AU), Glitch (KR), Bluey, Blood & Water, Game of Thrones.
  BOOST_REQUIRE_EQUAL(e.size(), 6u);
  BOOST_TEST(std::is_sorted(e.begin(), e.end(),
                            [](const auto& a, const auto& b) { return a.item.id < b.item.id; }));

  const auto& bb = entry(e, "tt0903747");
  BOOST_TEST(bb.item.rating == maturity::ma15);
  BOOST_TEST(bb.item.imdb_score == 9.5);
  BOOST_TEST(bb.item.offers.empty());  // licensed to Netflix US, not made by Netflix
  BOOST_TEST(bb.sources == (std::vector<std::string>{"justwatch-us-2023/netflix",
                                                     "streaming-catalogs-kaggle-2021/netflix",
                                                     "tv-shows-on-streaming-platforms"}));

  const auto& glitch = entry(e, "tt4192782");
  BOOST_TEST(glitch.item.network == "ABC");
  BOOST_TEST(glitch.item.countries == std::vector<std::string>{"AU"});
  BOOST_TEST(providers(glitch.item) == std::vector<std::string>{"abc_iview"});
  BOOST_TEST(entry(e, "tt14735382").item.network == "");

  const auto& bluey = entry(e, "tt7678620");
  BOOST_TEST(bluey.item.rating == maturity::g);
  BOOST_TEST(bluey.item.offers.empty());

  const auto& blood = entry(e, "x-blood-and-water-2021");
  BOOST_TEST(blood.item.countries == std::vector<std::string>{"ZA"});
  BOOST_TEST(blood.item.seasons == 2);
  BOOST_TEST(blood.item.offers.empty());  // only Kaggle lists it here

  const auto& got = entry(e, "x-game-of-thrones-2011");
  BOOST_TEST(got.item.network == "HBO");
  BOOST_TEST(providers(got.item) == std::vector<std::string>{"binge"});  // made for HBO
  BOOST_TEST(got.item.premise.find("<i>") == std::string::npos);

  const auto& st = built->stats;
  BOOST_TEST(st.shows == 6u);
  BOOST_TEST(st.with_imdb_id == 4u);
  BOOST_TEST(st.classified == 5u);   // Game of Thrones has no rating in these rows
  BOOST_TEST(st.with_offers == 2u);  // Glitch and Game of Thrones
  BOOST_REQUIRE_EQUAL(st.files.size(), 5u);
  BOOST_TEST(st.files[0].rows == 4u);
  BOOST_TEST(st.files[0].shows == 3u);
  const std::string text = ad::format_stats(st);
  BOOST_TEST(text.find("shows written: 6") != std::string::npos, text);
  BOOST_TEST(text.find("abc_iview: 1") != std::string::npos, text);
  BOOST_TEST(text.find("binge: 1") != std::string::npos, text);
  BOOST_TEST(text.find("\n  netflix: ") == std::string::npos, text);
  const std::string md = ad::attribution_markdown(st);
  BOOST_TEST(md.find("https://www.tvmaze.com/") != std::string::npos);
  BOOST_TEST(md.find("| distinct shows | 6 |") != std::string::npos);
  BOOST_TEST(md.find("| share with at least one inferred offer | 33.3% |") != std::string::npos);
  BOOST_TEST(md.find("| inferred offers on `netflix` | 0 |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(output_is_deterministic) {
  const auto a = ad::build_catalog(fixture_sources());
  const auto b = ad::build_catalog(fixture_sources());
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_TEST(ad::to_jsonl(a->entries) == ad::to_jsonl(b->entries));
}

BOOST_AUTO_TEST_CASE(a_file_without_its_columns_is_an_error) {
  auto sources = fixture_sources();
  sources.push_back(load("justwatch-us-2022/hulu", "id,title\nts1,x\n"));
  const auto built = ad::build_catalog(sources);
  BOOST_REQUIRE(!built.ok());
  BOOST_TEST(built.err().message.find("justwatch-us-2022/hulu") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
