#pragma once

#include <cstdint>
#include <vector>

#include "recsys/collaborative.hpp"

namespace recs {

/// Which rating groups a stratified split keeps the ratio within.
enum class stratify_by { user, item };

/// Two disjoint parts of a rating list whose union is the input.
struct split_parts {
  std::vector<interaction> train;
  std::vector<interaction> test;
};

/// Stratified random split, after the pandas splitter of Microsoft Recommenders
/// (recommenders/datasets/python_splitters.py, _do_stratification with is_random=True): every
/// rating draws a uniform random key, the ratings of each group (user or item) are ordered by
/// that key, and the rating of rank r (1-based) in a group of n goes to train iff
/// r / n <= train_ratio (compared in double), else to test. So a group of n keeps
/// floor(train_ratio * n) ratings in train: with 0.75, 1 -> 0 (a single rating is test only),
/// 2 -> 1, 3 -> 2, 4 -> 3, 7 -> 5. The keys come from std::mt19937_64(seed) in input order, so
/// the split is deterministic per (input order, seed) but cannot reproduce numpy's RNG bit for
/// bit: evaluations report a mean and spread over several seeds instead. Both parts keep the
/// input order. train_ratio outside (0, 1] is clamped into it.
split_parts stratified_split(const std::vector<interaction>& ratings, double train_ratio,
                             std::uint64_t seed, stratify_by by);

}  // namespace recs
