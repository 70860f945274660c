#include "actors/taste_service.hpp"

#include <memory>

namespace recs::actors {

using kind = net::change_event::kind;

template <class T, class Pick>
void taste_service::read_state(std::int64_t profile_id, net::callback<T> cb, Pick pick) {
  if (auto a = core_.actor_for(profile_id, cb))
    core_.run(request_job<profile_state>(core_.opts.timeout, cb, pick, *a, state_atom::value));
}

template <class... Ts>
void taste_service::remove(std::int64_t profile_id, kind what, net::callback<unit> cb, Ts... xs) {
  cb = core_.notify_after(std::move(cb), what, profile_id);
  if (auto a = core_.actor_for(profile_id, cb))
    core_.run(request_job<bool>(
        core_.opts.timeout, cb, [](bool) { return unit{}; }, *a, xs...));
}

void taste_service::put_rating(rating r, net::callback<rating> cb) {
  const auto pid = r.profile_id;
  core_.ask_profile(pid, core_.notify_after(std::move(cb), kind::rating, pid), rate_atom::value,
                    std::move(r));
}

void taste_service::delete_rating(std::int64_t profile_id, std::string show_id,
                                  net::callback<unit> cb) {
  remove(profile_id, kind::rating, std::move(cb), unrate_atom::value, std::move(show_id));
}

void taste_service::ratings(std::int64_t profile_id, net::callback<std::vector<rating>> cb) {
  read_state(profile_id, std::move(cb), [](profile_state st) { return std::move(st.ratings); });
}

void taste_service::put_tag(std::int64_t profile_id, tag_pref t, net::callback<tag_pref> cb) {
  core_.ask_profile(profile_id, core_.notify_after(std::move(cb), kind::tag, profile_id),
                    tag_atom::value, std::move(t));
}

void taste_service::delete_tag(std::int64_t profile_id, std::string tag, net::callback<unit> cb) {
  remove(profile_id, kind::tag, std::move(cb), untag_atom::value, std::move(tag));
}

void taste_service::tags(std::int64_t profile_id, net::callback<std::vector<tag_pref>> cb) {
  read_state(profile_id, std::move(cb), [](profile_state st) { return std::move(st.tags); });
}

void taste_service::put_note(std::int64_t profile_id, note n, net::callback<note> cb) {
  core_.ask_profile(profile_id, core_.notify_after(std::move(cb), kind::note, profile_id),
                    note_atom::value, std::move(n));
}

void taste_service::notes(std::int64_t profile_id, net::callback<std::vector<note>> cb) {
  read_state(profile_id, std::move(cb), [](profile_state st) { return std::move(st.notes); });
}

void taste_service::set_services(std::int64_t household_id, std::vector<std::string> services,
                                 net::callback<household> cb) {
  cb = [feed = core_.feed, cb = std::move(cb), household_id](result<household> r) {
    const bool ok = r.ok();
    cb(std::move(r));
    if (ok) feed->emit({kind::settings, household_id, {}, {}});
  };
  // Persist first, then update the directory and tell the household's profile actors. The
  // directory box, not `this`: the reply may come after the service is gone.
  const auto timeout = core_.opts.timeout;
  core_.run([timeout, store = core_.store, dir = core_.dir, household_id, services,
             cb](caf::event_based_actor* self) {
    self->request(store, timeout, services_atom::value, household_id, services)
        .then(
            [self, timeout, dir, cb](household h) {
              dir->update_household(h);
              std::vector<profile_actor> targets;
              for (auto pid : dir->members_of(h.id))
                if (auto a = dir->actor_of(pid)) targets.push_back(*a);
              auto pending = std::make_shared<std::size_t>(targets.size());
              if (targets.empty()) return cb(h);
              for (auto& a : targets) {
                self->request(a, timeout, services_atom::value, h.services)
                    .then(
                        [cb, h, pending](bool) {
                          if (--*pending == 0) cb(h);
                        },
                        [cb, pending](caf::error& e) {
                          if (*pending == 0) return;
                          *pending = 0;
                          cb(from_caf(e));
                        });
              }
            },
            [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

}  // namespace recs::actors
