#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "actors/atoms.hpp"
#include "actors/messages.hpp"
#include "actors/store_actor.hpp"
#include "recsys/blend_training.hpp"
#include "recsys/cf_snapshot.hpp"
#include "recsys/content_embedding.hpp"

namespace recs::actors {

/// When the collaborative model is retrained.
struct trainer_options {
  int min_changes = 5;                ///< retrain once this many ratings changed...
  std::chrono::seconds interval{60};  ///< ...checked this often; any change retrains at least
                                      ///< once per 10 intervals
  std::chrono::milliseconds timeout{10000};  ///< for reading every rating from the store
  collaborative_options model;
  blend_training_options blend;  ///< its `cf` is set from `model`
};

/// The trainer's status line, readable from any thread without messaging the trainer (which may
/// be busy training for seconds).
class trainer_status {
 public:
  void set(std::string line) {
    std::lock_guard<std::mutex> lock(mu_);
    line_ = std::move(line);
  }
  std::string get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return line_;
  }

 private:
  mutable std::mutex mu_;
  std::string line_ = "starting";
};

/// What the trainer publishes.
struct trainer_outputs {
  /// The collaborative model and the blend learned with it.
  std::function<void(cf_ptr, blend_ptr)> collaborative;
  std::function<void(content_model_ptr, std::uint64_t catalog_version)> content;
  std::shared_ptr<trainer_status> status;  ///< kept current by the trainer; may be null
  /// How long each build took, in ms: "collaborative", "blend", "content". May be empty.
  std::function<void(const char* model, double ms)> timing;
};

/// Builds the learned models off the request path, spawned detached (this is CPU work that must
/// not occupy a scheduler thread): the content embeddings and their ANN index once per catalog
/// snapshot (at start and after each catalog change), and the collaborative model from every
/// rating read from the store actor. Counts rating changes and retrains when enough
/// accumulated; retrains at once when the catalog changes or when asked.
using cf_trainer_actor =
    caf::typed_actor<caf::reacts_to<rate_atom>,                    // a rating changed
                     caf::reacts_to<train_atom>,                   // train now
                     caf::reacts_to<snapshot_atom, snapshot_ptr>,  // the catalog changed
                     caf::reacts_to<tick_atom>,                    // periodic check
                     caf::replies_to<info_atom>::with<net::actor_info>>;

cf_trainer_actor spawn_cf_trainer(caf::actor_system& sys, store_actor store, snapshot_ptr catalog,
                                  trainer_options opts, trainer_outputs publish);

}  // namespace recs::actors
