#include "actors/family_service.hpp"
#include "core/iso_time.hpp"

#include <chrono>

namespace recs::actors {

void family_service::family_watched(std::int64_t household_id,
                                    std::vector<std::int64_t> profile_ids, std::string show_id,
                                    net::callback<family_watch> cb) {
  const auto timeout = core_.opts.timeout;
  const auto household_profiles = core_.dir->members_of(household_id);
  core_.with_family(
      household_id, profile_ids, {},
      [=, pool = core_.pool, store = core_.store, cache = core_.cache, feed = core_.feed](
          caf::event_based_actor* self, family_request f) {
        self->request(pool, timeout, fits_atom::value, std::move(f), show_id)
            .then(
                [=](std::vector<double> fits) {
                  family_watch w;
                  w.household_id = household_id;
                  w.show_id = show_id;
                  w.ts = unix_now();
                  for (std::size_t k = 0; k < fits.size() && k < profile_ids.size(); ++k)
                    w.fits.emplace_back(profile_ids[k], fits[k]);
                  self->request(store, timeout, watched_atom::value, std::move(w))
                      .then(
                          [=](family_watch stored) {
                            // The ledger changed: every family slate of the household may too.
                            for (auto pid : household_profiles) cache->invalidate(pid);
                            cb(std::move(stored));
                            feed->emit({net::change_event::kind::watched, household_id, {}, {}});
                          },
                          [cb](caf::error& e) { cb(from_caf(e)); });
                },
                [cb](caf::error& e) { cb(from_caf(e)); });
      },
      [cb](error e) { cb(std::move(e)); });
}

void family_service::family_watches(std::int64_t household_id,
                                    net::callback<std::vector<family_watch>> cb) {
  core_.run(request_job<std::vector<family_watch>>(
      core_.opts.timeout, std::move(cb), [](std::vector<family_watch> ws) { return ws; },
      core_.store, watches_atom::value, household_id));
}

}  // namespace recs::actors
