#define BOOST_TEST_MODULE recsys_eval_metrics
#include <rapidjson/document.h>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "recsys/eval_metrics.hpp"

using namespace recs;
namespace tt = boost::test_tools;

namespace {

double inv_log(double rank) {
  return 1.0 / std::log(1.0 + rank);
}

}  // namespace

// Hand-computed with k = 3 (Microsoft Recommenders' definitions, natural-log discount).
BOOST_AUTO_TEST_CASE(metrics_on_a_hand_computed_example) {
  const std::vector<user_ranking> users = {
      {{1, 2, 3}, {1, 3}},            // hits at ranks 1 and 3; 2 relevant (< k)
      {{4, 5, 6}, {7, 8, 9, 10, 6}},  // hit at rank 3; 5 relevant (> k)
      {{}, {1}},                      // nothing recommended: zeros, still averaged
      {{1, 2, 3}, {}},                // no relevant item: skipped
  };
  const auto m = evaluate_rankings(users, 3);
  BOOST_TEST(m.users == 3u);
  const double p = (2.0 / 3 + 1.0 / 3 + 0) / 3;
  const double r = (2.0 / 2 + 1.0 / 5 + 0) / 3;
  // MAP divides by all relevant items (5 for the second user), not by min(k, |relevant|).
  const double map = ((1.0 / 1 + 2.0 / 3) / 2 + (1.0 / 3) / 5 + 0) / 3;
  // Ideal DCG over min(k, |relevant|) positions: 2 for the first user, 3 for the second.
  const double ndcg = ((inv_log(1) + inv_log(3)) / (inv_log(1) + inv_log(2)) +
                       inv_log(3) / (inv_log(1) + inv_log(2) + inv_log(3)) + 0) /
                      3;
  BOOST_TEST(m.precision_at_k == p, tt::tolerance(1e-12));
  BOOST_TEST(m.recall_at_k == r, tt::tolerance(1e-12));
  BOOST_TEST(m.map_at_k == map, tt::tolerance(1e-12));
  BOOST_TEST(m.ndcg_at_k == ndcg, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(only_the_first_k_distinct_items_count) {
  // k = 2: the duplicate 5 takes no rank, so 7 is at rank 2 and 9 (third) is cut off.
  const auto m = evaluate_rankings({{{5, 5, 7, 9}, {7, 9}}}, 2);
  BOOST_TEST(m.precision_at_k == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(m.recall_at_k == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(m.map_at_k == (1.0 / 2) / 2, tt::tolerance(1e-12));
  BOOST_TEST(m.ndcg_at_k == inv_log(2) / (inv_log(1) + inv_log(2)), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_perfect_list_scores_one_and_short_lists_are_divided_by_k) {
  const auto perfect = evaluate_rankings({{{1, 2}, {2, 1}}}, 2);
  BOOST_TEST(perfect.ndcg_at_k == 1.0, tt::tolerance(1e-12));
  BOOST_TEST(perfect.map_at_k == 1.0, tt::tolerance(1e-12));
  BOOST_TEST(perfect.precision_at_k == 1.0, tt::tolerance(1e-12));
  // One relevant item found at rank 1 of a list of one, k = 10: nDCG 1, precision 1/10.
  const auto short_list = evaluate_rankings({{{4}, {4}}}, 10);
  BOOST_TEST(short_list.ndcg_at_k == 1.0, tt::tolerance(1e-12));
  BOOST_TEST(short_list.precision_at_k == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(evaluate_rankings({}, 10).users == 0u);
  BOOST_TEST(evaluate_rankings({{{1}, {1}}}, 0).ndcg_at_k == 0.0);
}

BOOST_AUTO_TEST_CASE(top_k_excludes_seen_breaks_ties_by_index_and_skips_nan) {
  Eigen::VectorXf s(6);
  s << 0.5f, 0.9f, 0.5f, std::nanf(""), 0.9f, 0.1f;
  const std::vector<std::uint32_t> expected = {1, 4, 0, 2};
  BOOST_TEST(top_k_items(s, 4, {}) == expected, tt::per_element());
  const std::vector<std::uint32_t> without = {4, 2, 5};
  BOOST_TEST(top_k_items(s, 10, {1, 0, 77}) == without, tt::per_element());
  BOOST_TEST(top_k_items(s, 0, {}).empty());
}

BOOST_AUTO_TEST_CASE(evaluate_top_k_removes_training_items_and_skips_unknown_users) {
  // 3 items; user 0 trained on item 0, user 1 only in the test, user 2 without test items.
  const std::vector<interaction> train = {{0, 0, 1.0f}, {2, 1, 1.0f}};
  const std::vector<interaction> test = {{0, 2, 1.0f}, {1, 0, 1.0f}};
  Eigen::VectorXf fixed(3);
  fixed << 3.0f, 1.0f, 2.0f;  // item 0 is best but seen by user 0
  int calls = 0;
  const auto m = evaluate_top_k(train, test, 1, [&](std::uint32_t user, const item_history& h) {
    ++calls;
    BOOST_TEST(user == 0u);
    BOOST_TEST(h.size() == 1u);
    return fixed;
  });
  BOOST_TEST(calls == 1);
  BOOST_TEST(m.users == 1u);
  BOOST_TEST(m.precision_at_k == 1.0, tt::tolerance(1e-12));
}

// The recs-eval CLI on a small synthetic u.data written here (no MovieLens in tests).
namespace {

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("recs_eval_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  return dir;
}

// 80 users in 4 taste groups over 40 items (10 per group) plus a few cross-group ratings.
void write_synthetic(const std::filesystem::path& dir) {
  std::ofstream data(dir / "u.data");
  std::mt19937 rng(11);
  std::bernoulli_distribution in_group(0.6), outside(0.05);
  std::uniform_int_distribution<int> stars(1, 5);
  for (int u = 1; u <= 80; ++u) {
    for (int i = 1; i <= 40; ++i) {
      const bool same = (u - 1) % 4 == (i - 1) / 10;
      if (same ? in_group(rng) : outside(rng)) {
        data << u << '\t' << i << '\t' << stars(rng) << '\t' << 880000000 + u * 100 + i << '\n';
      }
    }
  }
  std::ofstream items(dir / "u.item", std::ios::binary);
  for (int i = 1; i <= 40; ++i) {
    items << i << "|Film " << i << " (1995)|01-Jan-" << 1960 + i << "||http://x|";
    for (int g = 0; g < 19; ++g) items << (g == (i - 1) / 10 ? 1 : 0) << (g < 18 ? "|" : "\n");
  }
}

struct run_result {
  int status = -1;
  std::string output;
};

run_result run_eval(const std::string& args, const std::filesystem::path& dir) {
  const char* bin = std::getenv("RECS_EVAL_BIN");
  BOOST_REQUIRE_MESSAGE(bin != nullptr, "RECS_EVAL_BIN is not set");
  const auto out = dir / "out.txt";
  const std::string cmd = std::string(bin) + " " + args + " > " + out.string() + " 2>&1";
  run_result r;
  r.status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  r.output = ss.str();
  return r;
}

std::string last_line(const std::string& s) {
  auto end = s.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  auto start = s.rfind('\n', end);
  return s.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

void check_json(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "not a JSON object: " << line);
  BOOST_TEST(doc.MemberCount() == 5u);
  for (const char* key : {"map_at_10", "ndcg_at_10", "precision_at_10", "recall_at_10"}) {
    BOOST_REQUIRE_MESSAGE(doc.HasMember(key) && doc[key].IsNumber(), key);
    BOOST_TEST(doc[key].GetDouble() >= 0.0);
    BOOST_TEST(doc[key].GetDouble() <= 1.0);
  }
  BOOST_REQUIRE(doc.HasMember("train_s") && doc["train_s"].IsNumber());
  BOOST_TEST(doc["train_s"].GetDouble() >= 0.0);
  // The taste groups are easy: the model must beat chance by far.
  BOOST_TEST(doc["ndcg_at_10"].GetDouble() > 0.3);
}

}  // namespace

BOOST_AUTO_TEST_CASE(recs_eval_prints_a_table_and_a_json_last_line) {
  const auto dir = temp_dir();
  write_synthetic(dir);
  const auto r = run_eval("--dataset " + dir.string() + " --seeds 2", dir);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(r.output.find("popularity") != std::string::npos);
  BOOST_TEST(r.output.find("hybrid") != std::string::npos);
  BOOST_TEST(r.output.find("mean") != std::string::npos);
  check_json(last_line(r.output));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(recs_eval_accepts_explicit_train_and_test_files) {
  const auto dir = temp_dir();
  write_synthetic(dir);
  // Every fourth line to the test file.
  std::ifstream in(dir / "u.data");
  std::ofstream train(dir / "train.tsv"), test(dir / "test.tsv");
  std::string line;
  for (int n = 0; std::getline(in, line); ++n) (n % 4 == 3 ? test : train) << line << '\n';
  train.close();
  test.close();
  const auto r = run_eval(
      "--train " + (dir / "train.tsv").string() + " --test " + (dir / "test.tsv").string(), dir);
  BOOST_TEST(r.status == 0, r.output);
  check_json(last_line(r.output));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(recs_eval_rejects_bad_usage) {
  const auto dir = temp_dir();
  BOOST_TEST(run_eval("--help", dir).status == 0);
  BOOST_TEST(run_eval("", dir).status != 0);
  BOOST_TEST(run_eval("--train only.tsv", dir).status != 0);
  BOOST_TEST(run_eval("--dataset " + (dir / "missing").string(), dir).status != 0);
  BOOST_TEST(run_eval("--bogus", dir).status != 0);
  std::filesystem::remove_all(dir);
}
