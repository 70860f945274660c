#define BOOST_TEST_MODULE recsys_split
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "recsys/split.hpp"

using namespace recs;

namespace {

// Item i (0-based) has i + 1 ratings, from users 0..i; values tag the (user, item) pair.
std::vector<interaction> staircase(std::uint32_t items) {
  std::vector<interaction> v;
  for (std::uint32_t i = 0; i < items; ++i) {
    for (std::uint32_t u = 0; u <= i; ++u) v.push_back({u, i, static_cast<float>(u * 1000 + i)});
  }
  return v;
}

using key = std::tuple<std::uint32_t, std::uint32_t, float>;

std::multiset<key> keys(const std::vector<interaction>& v) {
  std::multiset<key> s;
  for (const auto& x : v) s.emplace(x.user, x.item, x.value);
  return s;
}

std::map<std::uint32_t, std::size_t> count_by_item(const std::vector<interaction>& v) {
  std::map<std::uint32_t, std::size_t> c;
  for (const auto& x : v) ++c[x.item];
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_item_keeps_floor_of_three_quarters_in_train) {
  const auto data = staircase(12);
  const auto parts = stratified_split(data, 0.75, 42, stratify_by::item);
  auto train = count_by_item(parts.train);
  auto test = count_by_item(parts.test);
  // n ratings -> floor(0.75 n) train: 1->0, 2->1, 3->2, 4->3, 5->3, 6->4, 7->5, 8->6, ...
  const std::size_t expected_train[] = {0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9};
  for (std::uint32_t i = 0; i < 12; ++i) {
    BOOST_TEST(train[i] == expected_train[i], "item " << i);
    BOOST_TEST(test[i] == i + 1 - expected_train[i], "item " << i);
  }
}

BOOST_AUTO_TEST_CASE(parts_are_disjoint_and_their_union_is_the_input) {
  const auto data = staircase(30);
  const auto parts = stratified_split(data, 0.75, 7, stratify_by::item);
  BOOST_TEST(parts.train.size() + parts.test.size() == data.size());
  auto all = keys(parts.train);
  const auto test = keys(parts.test);
  for (const auto& k : test) BOOST_TEST(keys(parts.train).count(k) == 0u);
  all.insert(test.begin(), test.end());
  BOOST_TEST((all == keys(data)));
}

BOOST_AUTO_TEST_CASE(same_seed_same_split_other_seed_other_split) {
  const auto data = staircase(40);
  const auto a = stratified_split(data, 0.75, 42, stratify_by::item);
  const auto b = stratified_split(data, 0.75, 42, stratify_by::item);
  const auto c = stratified_split(data, 0.75, 43, stratify_by::item);
  BOOST_TEST((keys(a.test) == keys(b.test)));
  BOOST_TEST((keys(a.test) != keys(c.test)));
  // The counts per item do not depend on the seed, only which ratings go where.
  BOOST_TEST((count_by_item(a.test) == count_by_item(c.test)));
}

BOOST_AUTO_TEST_CASE(both_parts_keep_the_input_order) {
  const auto data = staircase(20);
  const auto parts = stratified_split(data, 0.75, 3, stratify_by::item);
  auto position = [&](const interaction& x) {
    return std::find_if(
               data.begin(), data.end(),
               [&](const interaction& y) { return y.user == x.user && y.item == x.item; }) -
           data.begin();
  };
  for (const auto* part : {&parts.train, &parts.test}) {
    for (std::size_t i = 1; i < part->size(); ++i) {
      BOOST_TEST(position((*part)[i - 1]) < position((*part)[i]));
    }
  }
}

BOOST_AUTO_TEST_CASE(stratifies_per_user_when_asked) {
  // User u has u + 1 ratings here (the staircase seen from the users' side).
  auto data = staircase(10);
  for (auto& x : data) std::swap(x.user, x.item);
  const auto parts = stratified_split(data, 0.75, 42, stratify_by::user);
  std::map<std::uint32_t, std::size_t> train;
  for (const auto& x : parts.train) ++train[x.user];
  const std::size_t expected[] = {0, 1, 2, 3, 3, 4, 5, 6, 6, 7};
  for (std::uint32_t u = 0; u < 10; ++u) BOOST_TEST(train[u] == expected[u], "user " << u);
}

BOOST_AUTO_TEST_CASE(picks_a_random_subset_within_a_group) {
  // One item with 400 ratings: over seeds, every rating lands in test at some point.
  std::vector<interaction> data;
  for (std::uint32_t u = 0; u < 400; ++u) data.push_back({u, 0, 1.0f});
  std::set<std::uint32_t> ever_test;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const auto parts = stratified_split(data, 0.75, seed, stratify_by::item);
    BOOST_TEST(parts.test.size() == 100u);
    for (const auto& x : parts.test) ever_test.insert(x.user);
  }
  BOOST_TEST(ever_test.size() > 390u);
}

BOOST_AUTO_TEST_CASE(ratio_extremes) {
  const auto data = staircase(5);
  BOOST_TEST(stratified_split(data, 1.0, 1, stratify_by::item).test.empty());
  BOOST_TEST(stratified_split(data, 2.0, 1, stratify_by::item).test.empty());
  BOOST_TEST(stratified_split(data, 0.0, 1, stratify_by::item).train.empty());
  BOOST_TEST(stratified_split({}, 0.75, 1, stratify_by::item).train.empty());
}
