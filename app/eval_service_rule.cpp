#include "app/eval_service_rule.hpp"

#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>

#include "core/ascii.hpp"
#include "recsys/blend_training.hpp"
#include "recsys/content_scorer.hpp"

namespace recs::eval {

namespace {

std::string show_id(std::uint32_t dense) {
  return "ml" + std::to_string(dense);
}

std::vector<std::string> split_bars(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream ss(line);
  while (std::getline(ss, cell, '|')) cells.push_back(cell);
  return cells;
}

// Shows in dense item order; items missing from u.item keep an empty title and no genres.
std::optional<std::vector<show>> movielens_shows(const std::string& dir,
                                                 const std::unordered_map<long, std::uint32_t>& ids,
                                                 const std::vector<interaction>& train) {
  std::ifstream genre_file(dir + "/u.genre"), item_file(dir + "/u.item", std::ios::binary);
  if (!genre_file || !item_file) return std::nullopt;
  std::vector<std::string> genre_names;
  std::string line;
  while (std::getline(genre_file, line)) {
    auto cells = split_bars(line);
    if (cells.size() != 2) continue;
    std::string g = to_lower(cells[0]);
    const auto at = static_cast<std::size_t>(std::atoi(cells[1].c_str()));
    if (genre_names.size() <= at) genre_names.resize(at + 1);
    genre_names[at] = g;
  }
  std::vector<show> shows(ids.size());
  for (std::uint32_t i = 0; i < shows.size(); ++i) shows[i].id = show_id(i);
  while (std::getline(item_file, line)) {
    auto cells = split_bars(line);
    if (cells.size() < 5 + genre_names.size()) continue;
    auto it = ids.find(std::atol(cells[0].c_str()));
    if (it == ids.end()) continue;
    show& s = shows[it->second];
    s.title = cells[1];  // latin-1 bytes; titles are only printed, never parsed
    const std::string& date = cells[2];
    if (date.size() >= 4) s.year = std::atoi(date.substr(date.size() - 4).c_str());
    for (std::size_t g = 0; g < genre_names.size(); ++g)
      if (cells[5 + g] == "1" && genre_names[g] != "unknown") s.genres.push_back(genre_names[g]);
    s.rating = maturity::r18;
  }
  // Quality (mean stars on the IMDb scale, with the vote count for shrinkage) and popularity
  // (the rating count) from the training ratings only.
  std::vector<double> sum(shows.size(), 0.0), count(shows.size(), 0.0);
  for (const auto& x : train) {
    sum[x.item] += x.value;
    count[x.item] += 1.0;
  }
  for (std::size_t i = 0; i < shows.size(); ++i) {
    shows[i].imdb_votes = count[i];
    shows[i].imdb_score = count[i] > 0 ? 2.0 * sum[i] / count[i] : 0.0;
    shows[i].tmdb_popularity = count[i];
  }
  return shows;
}

verdict verdict_of(float stars) {
  return stars >= 5.0f ? verdict::loved : stars >= 3.0f ? verdict::good : verdict::bad;
}

}  // namespace

std::optional<service_rule_result> run_service_rule(
    const std::string& dataset_dir, const std::unordered_map<long, std::uint32_t>& item_ids,
    const std::vector<interaction>& train, const std::vector<interaction>& test, std::size_t k) {
  auto shows = movielens_shows(dataset_dir, item_ids, train);
  if (!shows) return std::nullopt;
  const std::size_t n_items = shows->size();
  const snapshot_ptr catalog = catalog_snapshot::build(std::move(*shows), {}, 1);
  std::vector<rating> ratings;
  ratings.reserve(train.size());
  for (const auto& x : train) {
    rating r;
    r.profile_id = static_cast<std::int64_t>(x.user) + 1;
    r.show_id = show_id(x.item);
    r.primary = verdict_of(x.value);
    ratings.push_back(std::move(r));
  }

  service_rule_result out;
  const auto t0 = std::chrono::steady_clock::now();
  scoring_models models;
  models.content = content_model::build(*catalog);
  models.content_version = catalog->version();
  if (auto cf = cf_snapshot::train(*catalog, ratings, {})) models.cf = *cf;
  out.blend = train_blend(*catalog, models.content, ratings, {});
  out.train_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Each user's training ratings, to hand the scorer as the profile's state.
  std::unordered_map<std::uint32_t, std::vector<rating>> by_user;
  for (std::size_t i = 0; i < train.size(); ++i) by_user[train[i].user].push_back(ratings[i]);
  auto scorer_with = [&](const scoring_models& m) {
    return [&, m](std::uint32_t user, const item_history&) {
      profile_state st;
      st.who.id = static_cast<std::int64_t>(user) + 1;
      st.who.maturity_cap = maturity::r18;
      if (auto it = by_user.find(user); it != by_user.end()) st.ratings = it->second;
      slate_request req;
      req.limit = k;
      const slate s = score_content(catalog, st, req, {}, m);
      // Only the order of the top k matters to the protocol.
      Eigen::VectorXf scores = Eigen::VectorXf::Constant(static_cast<Eigen::Index>(n_items), -1e9f);
      for (std::size_t r = 0; r < s.items.size(); ++r) {
        const std::string& id = catalog->at(s.items[r].index).id;
        scores[std::atol(id.c_str() + 2)] = static_cast<float>(k - r);
      }
      return scores;
    };
  };
  out.hand = evaluate_top_k(train, test, k, scorer_with(models));
  scoring_models learned = models;
  learned.blend = std::make_shared<const learned_blend>(out.blend);
  out.learned = evaluate_top_k(train, test, k, scorer_with(learned));
  return out;
}

}  // namespace recs::eval
