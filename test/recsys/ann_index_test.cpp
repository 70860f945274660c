#define BOOST_TEST_MODULE recsys_ann_index
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "recsys/ann_index.hpp"

using namespace recs;

namespace {

constexpr std::size_t dim = 32;

/// n unit vectors in `dim` dimensions from a fixed seed, around 20 cluster centres that are
/// the same for every seed (content vectors are clustered too); the noise rules out ties.
std::vector<float> random_rows(std::size_t n, std::uint64_t seed) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::mt19937_64 centre_gen(1);
  std::vector<float> centres(20 * dim);
  for (auto& c : centres) c = normal(centre_gen);
  std::mt19937_64 gen(seed);
  std::vector<float> rows(n * dim);
  for (std::size_t i = 0; i < n; ++i) {
    const float* c = centres.data() + (gen() % 20) * dim;
    float norm = 0;
    for (std::size_t j = 0; j < dim; ++j) {
      rows[i * dim + j] = c[j] + 1.5f * normal(gen);
      norm += rows[i * dim + j] * rows[i * dim + j];
    }
    for (std::size_t j = 0; j < dim; ++j) rows[i * dim + j] /= std::sqrt(norm);
  }
  return rows;
}

std::unique_ptr<ann_index> build_ok(const std::vector<float>& rows, const ann_options& o = {}) {
  auto idx = ann_index::build(rows.data(), rows.size() / dim, dim, o);
  BOOST_REQUIRE(idx.ok());
  return std::move(idx.value());
}

double recall(const std::vector<scored_item>& approx, const std::vector<scored_item>& exact) {
  std::set<std::uint32_t> truth;
  for (const auto& e : exact) truth.insert(e.first);
  double hits = 0;
  for (const auto& a : approx) hits += double(truth.count(a.first));
  return exact.empty() ? 1.0 : hits / double(exact.size());
}

void check_sorted(const std::vector<scored_item>& r) {
  for (std::size_t i = 1; i < r.size(); ++i) {
    BOOST_TEST(r[i - 1].second >= r[i].second);
    if (r[i - 1].second == r[i].second) BOOST_TEST(r[i - 1].first < r[i].first);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(recall_at_10_against_exact_search) {
  const auto rows = random_rows(3000, 42);
  const auto queries = random_rows(200, 7);
  auto idx = build_ok(rows);
  BOOST_TEST(idx->size() == 3000u);
  BOOST_TEST(idx->dim() == dim);
  double sum = 0;
  for (std::size_t q = 0; q < 200; ++q) {
    const float* query = queries.data() + q * dim;
    auto approx = idx->search(query, 10);
    auto exact = idx->search_exact(query, 10);
    BOOST_TEST_REQUIRE(approx.size() == 10u);
    BOOST_TEST_REQUIRE(exact.size() == 10u);
    check_sorted(approx);
    // Scores are exact inner products, the same in both paths.
    for (const auto& [i, s] : approx) {
      float ip = 0;
      for (std::size_t j = 0; j < dim; ++j) ip += query[j] * rows[i * dim + j];
      BOOST_TEST(s == ip, boost::test_tools::tolerance(1e-5f));
    }
    sum += recall(approx, exact);
  }
  BOOST_TEST_MESSAGE("recall@10 = " << sum / 200);
  BOOST_TEST(sum / 200 >= 0.9);
}

BOOST_AUTO_TEST_CASE(a_row_is_its_own_nearest_neighbour) {
  const auto rows = random_rows(2000, 3);
  auto idx = build_ok(rows);
  std::size_t self = 0;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    auto r = idx->search(rows.data() + std::size_t{i} * dim, 1);
    BOOST_TEST_REQUIRE(r.size() == 1u);
    self += r[0].first == i ? 1 : 0;
  }
  BOOST_TEST(self >= 1980u);  // approximate, but a point's own vector is found almost always
}

BOOST_AUTO_TEST_CASE(filter_is_respected) {
  const auto rows = random_rows(3000, 11);
  auto idx = build_ok(rows);
  const float* query = rows.data() + 5 * dim;
  // Half the rows pass: the graph path with over-fetch.
  const item_filter even = [](std::uint32_t i) { return i % 2 == 0; };
  auto r = idx->search(query, 20, even);
  BOOST_TEST(r.size() == 20u);
  for (const auto& [i, s] : r) BOOST_TEST(i % 2 == 0u);
  check_sorted(r);
  BOOST_TEST(recall(r, idx->search_exact(query, 20, even)) >= 0.8);
  // Very few pass: widening ends in an exact scan, which finds all of them.
  const item_filter rare = [](std::uint32_t i) { return i % 500 == 7; };
  r = idx->search(query, 20, rare);
  BOOST_TEST(r.size() == 6u);
  for (const auto& [i, s] : r) BOOST_TEST(i % 500 == 7u);
  check_sorted(r);
  // Nothing passes.
  BOOST_TEST(idx->search(query, 5, [](std::uint32_t) { return false; }).empty());
  // A throwing filter gives an empty result, not an exception.
  const item_filter throws = [](std::uint32_t) -> bool { throw std::runtime_error("boom"); };
  BOOST_TEST(idx->search(query, 5, throws).empty());
}

BOOST_AUTO_TEST_CASE(k_larger_than_the_index) {
  const auto rows = random_rows(50, 5);
  auto idx = build_ok(rows);
  auto r = idx->search(rows.data(), 500);
  BOOST_TEST(r.size() == 50u);
  std::set<std::uint32_t> ids;
  for (const auto& e : r) ids.insert(e.first);
  BOOST_TEST(ids.size() == 50u);
  check_sorted(r);
  BOOST_TEST(r[0].first == 0u);
  BOOST_TEST(idx->search(rows.data(), 0).empty());
  BOOST_TEST(idx->search_exact(rows.data(), 500).size() == 50u);
}

BOOST_AUTO_TEST_CASE(empty_and_invalid) {
  auto empty = ann_index::build(nullptr, 0, dim);
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST((*empty)->size() == 0u);
  std::vector<float> q(dim, 0.1f);
  BOOST_TEST((*empty)->search(q.data(), 10).empty());
  BOOST_TEST((*empty)->search_exact(q.data(), 10).empty());

  auto bad_dim = ann_index::build(q.data(), 1, 0);
  BOOST_REQUIRE(!bad_dim.ok());
  BOOST_TEST(int(bad_dim.err().code) == int(errc::invalid_argument));
  ann_options o;
  o.m = 0;
  BOOST_TEST(!ann_index::build(q.data(), 1, dim, o).ok());
  BOOST_TEST(!ann_index::build(nullptr, 3, dim).ok());
}

BOOST_AUTO_TEST_CASE(deterministic_and_sized) {
  const auto rows = random_rows(1500, 9);
  auto a = build_ok(rows);
  auto b = build_ok(rows);
  const auto queries = random_rows(20, 10);
  for (std::size_t q = 0; q < 20; ++q) {
    auto ra = a->search(queries.data() + q * dim, 15);
    auto rb = b->search(queries.data() + q * dim, 15);
    BOOST_TEST((ra == rb));
  }
  BOOST_TEST(a->memory_bytes() > rows.size() * sizeof(float));
}

BOOST_AUTO_TEST_CASE(exact_search_over_contiguous_rows) {
  const auto rows = random_rows(300, 21);
  const float* query = rows.data() + 17 * dim;
  auto r = exact_search(rows.data(), 300, dim, query, 5);
  BOOST_TEST_REQUIRE(r.size() == 5u);
  BOOST_TEST(r[0].first == 17u);
  BOOST_TEST(r[0].second == 1.0f, boost::test_tools::tolerance(1e-5f));
  check_sorted(r);
  auto idx = build_ok(rows);
  BOOST_TEST((r == idx->search_exact(query, 5)));
  auto odd =
      exact_search(rows.data(), 300, dim, query, 400, [](std::uint32_t i) { return i % 2 == 1; });
  BOOST_TEST(odd.size() == 150u);
  BOOST_TEST(exact_search(nullptr, 300, dim, query, 5).empty());
}
