#define BOOST_TEST_MODULE recsys_content_embedding
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <set>

#include "recsys/content_embedding.hpp"
#include "test/recsys/fixtures.hpp"

using namespace recs;

namespace {

show make(std::string id, std::vector<std::string> genres, std::string premise, maturity m,
          int year, int runtime, std::string country, std::string provider = "") {
  show s;
  s.id = id;
  s.title = std::move(id);
  s.genres = std::move(genres);
  s.premise = std::move(premise);
  s.rating = m;
  s.year = year;
  s.runtime = runtime;
  s.countries = {std::move(country)};
  if (!provider.empty())
    s.offers.push_back({provider, monetization::flatrate, true, "", 0, "", ""});
  return s;
}

/// A hand-made catalog: crime dramas, children's cartoons, nature documentaries, sitcoms.
std::vector<show> hand_made() {
  const auto ma = maturity::ma15;
  const auto g = maturity::g;
  return {
      make("crime1", {"crime", "drama"}, "A detective hunts a serial killer through the city.", ma,
           2015, 55, "GB", "stan"),
      make("crime2", {"crime", "drama"}, "Detectives chase a killer and a drug cartel in the city.",
           ma, 2018, 50, "US", "netflix"),
      make("crime3", {"crime", "drama", "thriller"},
           "A police detective investigates a murder that grips a small town.", ma, 2019, 60, "GB",
           "stan"),
      make("kids1", {"animation", "kids", "family"},
           "A playful puppy and her family turn everyday games into adventures.", g, 2018, 8, "AU",
           "abc_iview"),
      make("kids2", {"animation", "kids", "family"},
           "Cheerful cartoon animals learn about friendship and play games.", g, 2016, 11, "GB",
           "abc_iview"),
      make("kids3", {"animation", "kids"}, "A little train and dinosaur friends go on adventures.",
           g, 2010, 12, "US"),
      make("doc1", {"documentary"}, "Wildlife and animals of the oceans and the natural world.",
           maturity::pg, 2017, 50, "GB"),
      make("doc2", {"documentary"}, "Animals survive in the wildlife of deserts and jungles.",
           maturity::pg, 2009, 50, "GB"),
      make("com1", {"comedy"}, "Office workers bicker in a paper company; a sitcom.", maturity::m,
           2005, 22, "US", "stan"),
      make("com2", {"comedy"}, "Friends bicker in a cafe in the city; a sitcom.", maturity::m, 1995,
           22, "US", "netflix"),
  };
}

std::uint32_t at(const std::vector<show>& v, const std::string& id) {
  for (std::uint32_t i = 0; i < v.size(); ++i)
    if (v[i].id == id) return i;
  BOOST_FAIL("no show " << id);
  return 0;
}

double norm(const content_model& m, std::uint32_t i) {
  double s = 0;
  for (std::size_t j = 0; j < m.dim(); ++j) s += double(m.vector(i)[j]) * m.vector(i)[j];
  return std::sqrt(s);
}

}  // namespace

BOOST_AUTO_TEST_CASE(vectors_are_unit_length) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  BOOST_TEST(m->size() == shows.size());
  BOOST_TEST(m->dim() == 64u);
  BOOST_TEST(m->stats().rank > 0u);
  BOOST_TEST(m->stats().rank <= shows.size());
  for (std::uint32_t i = 0; i < m->size(); ++i) {
    BOOST_TEST(norm(*m, i) == 1.0, boost::test_tools::tolerance(1e-5));
    BOOST_TEST(m->similarity(i, i) == 1.0f, boost::test_tools::tolerance(1e-5f));
  }
}

BOOST_AUTO_TEST_CASE(same_input_gives_identical_vectors) {
  const auto shows = test::small_catalog();
  auto a = content_model::build(shows);
  auto b = content_model::build(shows);
  BOOST_REQUIRE(a->size() == b->size());
  BOOST_TEST(std::memcmp(a->vector(0), b->vector(0), a->size() * a->dim() * sizeof(float)) == 0);
  // Built through the snapshot, the rows follow the snapshot's indices.
  auto snap = test::small_snapshot();
  auto c = content_model::build(*snap);
  BOOST_TEST(std::memcmp(a->vector(0), c->vector(0), a->size() * a->dim() * sizeof(float)) == 0);
  // Another seed changes the random test matrix, not what is similar to what.
  content_options o;
  o.seed = 12345;
  auto d = content_model::build(shows, o);
  const auto bb = *snap->find("tt0903747");
  BOOST_TEST(d->similar(bb, 1)[0].first == a->similar(bb, 1)[0].first);
}

BOOST_AUTO_TEST_CASE(a_show_is_its_own_nearest_neighbour) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  for (std::uint32_t i = 0; i < m->size(); ++i) {
    auto r = m->nearest(m->vector(i), 1);
    BOOST_TEST_REQUIRE(r.size() == 1u);
    BOOST_TEST(r[0].first == i);
    BOOST_TEST(r[0].second == 1.0f, boost::test_tools::tolerance(1e-5f));
    // similar() never returns the show itself.
    for (const auto& [j, s] : m->similar(i, 5)) BOOST_TEST(j != i);
  }
}

BOOST_AUTO_TEST_CASE(crime_dramas_are_closer_to_each_other_than_to_cartoons) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  const auto c1 = at(shows, "crime1"), c2 = at(shows, "crime2"), c3 = at(shows, "crime3");
  const auto k1 = at(shows, "kids1"), k2 = at(shows, "kids2");
  BOOST_TEST(m->similarity(c1, c2) > m->similarity(c1, k1));
  BOOST_TEST(m->similarity(c1, c3) > m->similarity(c1, k2));
  BOOST_TEST(m->similarity(k1, k2) > m->similarity(k1, c2));
  // "More like this" for a crime drama starts with the other crime dramas.
  auto r = m->similar(c1, 2);
  BOOST_TEST_REQUIRE(r.size() == 2u);
  const std::set<std::uint32_t> top = {r[0].first, r[1].first};
  BOOST_TEST((top == std::set<std::uint32_t>{c2, c3}));
  const auto d1 = at(shows, "doc1");
  BOOST_TEST(m->similar(d1, 1)[0].first == at(shows, "doc2"));

  // The same holds on the fixture catalog of real shows.
  auto snap = test::small_snapshot();
  auto f = content_model::build(*snap);
  const auto fargo = *snap->find("tt2802850");
  BOOST_TEST(f->similarity(fargo, *snap->find("tt0903747")) >
             f->similarity(fargo, *snap->find("tt7678620")));
}

BOOST_AUTO_TEST_CASE(metadata_features_count) {
  // Two shows that share only service, runtime bucket and classification are more alike than
  // two that share nothing.
  std::vector<show> v = hand_made();
  v.push_back(make("meta1", {"western"}, "Cowboys ride.", maturity::r18, 1960, 95, "IT", "binge"));
  v.push_back(make("meta2", {"war"}, "Soldiers march.", maturity::r18, 2022, 100, "KR", "binge"));
  v.push_back(make("other", {"sport"}, "Teams play.", maturity::unknown, 0, 0, "FR"));
  auto m = content_model::build(v);
  const auto a = at(v, "meta1"), b = at(v, "meta2"), c = at(v, "other");
  BOOST_TEST(m->similarity(a, b) > m->similarity(a, c) + 0.1f);
}

BOOST_AUTO_TEST_CASE(filter_is_respected) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  const auto c1 = at(shows, "crime1");
  const item_filter kids_only = [&shows](std::uint32_t i) {
    return shows[i].rating == maturity::g;
  };
  auto r = m->nearest(m->vector(c1), 10, kids_only);
  BOOST_TEST(r.size() == 3u);
  for (const auto& [i, s] : r) BOOST_TEST((shows[i].rating == maturity::g));
  for (std::size_t i = 1; i < r.size(); ++i) BOOST_TEST(r[i - 1].second >= r[i].second);
}

BOOST_AUTO_TEST_CASE(k_larger_than_the_catalog) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  auto r = m->similar(0, 1000);
  BOOST_TEST(r.size() == shows.size() - 1);
  std::set<std::uint32_t> ids;
  for (const auto& e : r) ids.insert(e.first);
  BOOST_TEST(ids.size() == shows.size() - 1);
  BOOST_TEST(ids.count(0) == 0u);
  BOOST_TEST(m->nearest(m->vector(0), 1000).size() == shows.size());
  BOOST_TEST(m->similar(static_cast<std::uint32_t>(shows.size()), 3).empty());
  BOOST_TEST(m->similar(0, 0).empty());
}

BOOST_AUTO_TEST_CASE(empty_catalog) {
  auto m = content_model::build(std::vector<show>{});
  BOOST_TEST(m->size() == 0u);
  BOOST_TEST(m->index() == nullptr);
  std::vector<float> q(m->dim(), 0.125f);
  BOOST_TEST(m->nearest(q.data(), 5).empty());
  BOOST_TEST(m->similar(0, 5).empty());
  BOOST_TEST(m->centroid({{0, 1.0f}}).empty());
  BOOST_TEST(m->similarity(0, 1) == 0.0f);
  // One show: a vector of its own, and no neighbours.
  auto one = content_model::build(std::vector<show>{hand_made()[0]});
  BOOST_TEST(one->size() == 1u);
  BOOST_TEST(one->similar(0, 5).empty());
}

BOOST_AUTO_TEST_CASE(centroid_of_weighted_shows) {
  const auto shows = hand_made();
  auto m = content_model::build(shows);
  const auto c1 = at(shows, "crime1"), c2 = at(shows, "crime2"), k1 = at(shows, "kids1");
  // One show: its own vector.
  auto one = m->centroid({{c1, 2.0f}});
  BOOST_REQUIRE(one.size() == m->dim());
  for (std::size_t j = 0; j < m->dim(); ++j) {
    BOOST_TEST(one[j] == m->vector(c1)[j], boost::test_tools::tolerance(1e-5f));
  }
  // Loved crime, disliked cartoon: crime comes first, cartoons last.
  auto taste = m->centroid({{c1, 2.0f}, {c2, 1.0f}, {k1, -1.0f}, {999, 5.0f}});
  BOOST_REQUIRE(taste.size() == m->dim());
  double n2 = 0;
  for (float x : taste) n2 += double(x) * x;
  BOOST_TEST(n2 == 1.0, boost::test_tools::tolerance(1e-5));
  auto r = m->nearest(taste.data(), shows.size());
  BOOST_TEST_REQUIRE(r.size() == shows.size());
  BOOST_TEST((r[0].first == c1 || r[0].first == c2));
  BOOST_TEST((shows[r.back().first].rating == maturity::g));
  // Weights that cancel, and nothing usable: no taste signal.
  BOOST_TEST(m->centroid({{c1, 1.0f}, {c1, -1.0f}}).empty());
  BOOST_TEST(m->centroid({}).empty());
  BOOST_TEST(m->centroid({{999, 1.0f}}).empty());
}

BOOST_AUTO_TEST_CASE(exact_scan_without_an_index_agrees) {
  const auto shows = test::small_catalog();
  content_options o;
  o.build_index = false;
  auto exact = content_model::build(shows, o);
  auto ann = content_model::build(shows);
  BOOST_TEST(exact->index() == nullptr);
  BOOST_REQUIRE(ann->index() != nullptr);
  BOOST_TEST(ann->memory_bytes() > exact->memory_bytes());
  for (std::uint32_t i = 0; i < shows.size(); ++i) {
    BOOST_TEST((exact->similar(i, 3) == ann->similar(i, 3)));
  }
}

BOOST_AUTO_TEST_CASE(other_dimensions) {
  const auto shows = hand_made();
  content_options o;
  o.dim = 4;
  auto m = content_model::build(shows, o);
  BOOST_TEST(m->dim() == 4u);
  BOOST_TEST(m->stats().rank == 4u);
  for (std::uint32_t i = 0; i < m->size(); ++i) {
    BOOST_TEST(norm(*m, i) == 1.0, boost::test_tools::tolerance(1e-5));
  }
  const auto c1 = at(shows, "crime1");
  BOOST_TEST(m->similarity(c1, at(shows, "crime2")) > m->similarity(c1, at(shows, "kids1")));
}
