#include "actors/cf_trainer.hpp"
#include "actors/metered.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <iostream>

namespace recs::actors {

namespace {

struct trainer_state {
  store_actor store;
  snapshot_ptr catalog;
  trainer_options opts;
  trainer_outputs publish;
  std::uint64_t content_version = 0;  // catalog version of the last content model built
  bool has_content = false;
  content_model_ptr content;  // the last content model built
  std::string content_line = "content model not built yet";
  int changes = 0;     // rating changes since the last fit
  int idle_ticks = 0;  // ticks since the last fit with changes pending
  bool training = false;
  bool again = false;  // something changed while a fit was running
  std::uint64_t fits = 0;
  std::string last;  // a line about the last fit, for the admin page
  static inline const char* name = "cf_trainer";
};

using self_ptr = metered_pointer<cf_trainer_actor, trainer_state>;

std::string status_line(const trainer_state& s) {
  std::string state = s.training ? "training" : "idle";
  state += ", " + std::to_string(s.fits) + " fits, " + std::to_string(s.changes) +
           " changes pending; " + s.last + "; " + s.content_line;
  return state;
}

void publish_status(self_ptr self) {
  if (self->state.publish.status) self->state.publish.status->set(status_line(self->state));
}

/// Builds the content model once per catalog snapshot (about half a second for 11k shows).
void build_content(self_ptr self) {
  auto& st = self->state;
  if (st.has_content && st.content_version == st.catalog->version()) return;
  st.content_line = "content model: building";  // seconds in a Debug build: say so meanwhile
  publish_status(self);
  const auto t0 = std::chrono::steady_clock::now();
  auto model = content_model::build(*st.catalog);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!model) {
    st.content_line = "content model build failed (out of memory)";
    publish_status(self);
    return;
  }
  st.has_content = true;
  st.content_version = st.catalog->version();
  if (st.publish.timing) st.publish.timing("content", s * 1000.0);
  st.content_line = "content model: " + std::to_string(model->size()) + " shows x " +
                    std::to_string(model->dim()) + " dims in " + std::to_string(s) + " s";
  st.content = model;
  publish_status(self);
  st.publish.content(std::move(model), st.content_version);
}

void train(self_ptr self) {
  auto& st = self->state;
  build_content(self);
  if (st.training) {
    st.again = true;
    return;
  }
  st.training = true;
  st.changes = 0;
  st.idle_ticks = 0;
  publish_status(self);
  auto catalog = st.catalog;
  self->request(st.store, st.opts.timeout, ratings_atom::value)
      .then(
          [self, catalog](const std::vector<rating>& all) {
            auto& s = self->state;
            // The fit blocks this (detached) actor's own thread only.
            auto model = cf_snapshot::train(*catalog, all, s.opts.model);
            s.training = false;
            ++s.fits;
            if (model) {
              // The blend is learned on held-out ratings with the content model of this catalog.
              blend_training_options bo = s.opts.blend;
              bo.cf = s.opts.model;
              const auto t0 = std::chrono::steady_clock::now();
              auto blend = std::make_shared<const learned_blend>(train_blend(
                  *catalog, s.content_version == catalog->version() ? s.content : nullptr, all,
                  bo));
              const double blend_s =
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
              if (s.publish.timing) {
                s.publish.timing("collaborative", (*model)->train_seconds() * 1000.0);
                s.publish.timing("blend", blend_s * 1000.0);
              }
              s.last = std::to_string((*model)->items()) + " items, " +
                       std::to_string((*model)->users()) + " profiles, " +
                       std::to_string((*model)->ratings_used()) + " ratings, trained in " +
                       std::to_string((*model)->train_seconds()) + " s; " + blend->summary() +
                       " in " + std::to_string(blend_s) + " s";
              // Published before the status says so: a reader that sees the fit knows the
              // model is already on its way to the scorers.
              s.publish.collaborative(*model, std::move(blend));
              publish_status(self);
            } else {
              s.last = "last fit failed: " + model.err().message;
              std::cerr << "cf_trainer: " << s.last << std::endl;
              publish_status(self);
            }
            if (s.again) {
              s.again = false;
              self->send(self, train_atom::value);
            }
          },
          [self](caf::error& e) {
            auto& s = self->state;
            s.training = false;
            s.last = "could not read the ratings: " + from_caf(e).message;
            s.changes = std::max(s.changes, 1);  // try again on a later tick
            publish_status(self);
          });
}

cf_trainer_actor::behavior_type trainer_impl(self_ptr self, store_actor store, snapshot_ptr catalog,
                                             trainer_options opts, trainer_outputs publish) {
  auto& st = self->state;
  st.store = std::move(store);
  st.catalog = std::move(catalog);
  st.opts = opts;
  st.publish = std::move(publish);
  st.last = "not trained yet";
  publish_status(self);
  self->delayed_send(self, st.opts.interval, tick_atom::value);
  self->send(self, train_atom::value);
  return {
      [=](rate_atom) {
        if (++self->state.changes >= self->state.opts.min_changes) train(self);
        publish_status(self);
      },
      [=](train_atom) { train(self); },
      [=](snapshot_atom, snapshot_ptr next) {
        self->state.catalog = std::move(next);
        train(self);
      },
      [=](tick_atom) {
        auto& s = self->state;
        self->delayed_send(self, s.opts.interval, tick_atom::value);
        if (s.changes == 0) return;
        if (s.changes >= s.opts.min_changes || ++s.idle_ticks >= 10) train(self);
      },
      [=](info_atom) {
        return net::actor_info{"cf_trainer", status_line(self->state)};
      },
  };
}

}  // namespace

cf_trainer_actor spawn_cf_trainer(caf::actor_system& sys, store_actor store, snapshot_ptr catalog,
                                  trainer_options opts, trainer_outputs publish) {
  return sys.spawn<caf::detached>(trainer_impl, std::move(store), std::move(catalog), opts,
                                  std::move(publish));
}

}  // namespace recs::actors
