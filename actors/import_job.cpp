#include "actors/import_job.hpp"

#include <caf/event_based_actor.hpp>

#include <memory>

#include "adapters/export_files.hpp"
#include "adapters/import_plan.hpp"

namespace recs::actors {

namespace {

adapters::import_existing existing_of(const profile_state& st) {
  adapters::import_existing out;
  out.ratings = st.ratings;
  for (const auto& f : st.feedback)
    if (f.kind == feedback_kind::seen) out.seen.push_back(f.show_id);
  for (const auto& w : st.watchlist) out.watchlist.push_back(w.show_id);
  return out;
}

import_batch batch_of(const adapters::import_plan& plan, std::string_view source,
                      std::int64_t now) {
  import_batch b;
  b.ratings = plan.ratings;
  for (std::size_t i = 0; i < plan.seen.size(); ++i) {
    show_feedback f;
    f.show_id = plan.seen[i];
    f.kind = feedback_kind::seen;
    // Dated as the file dates it (a Netflix viewing's day); now when it gives none, or a date
    // still to come.
    const std::int64_t when = i < plan.seen_ts.size() ? plan.seen_ts[i] : 0;
    f.ts = when > 0 && when <= now ? when : now;
    f.source = std::string(source);
    b.seen.push_back(std::move(f));
  }
  for (const auto& id : plan.watchlist) {
    watch_entry w;
    w.show_id = id;
    w.ts = now;
    w.source = std::string(source);
    b.watchlist.push_back(std::move(w));
  }
  return b;
}

}  // namespace

void spawn_import(caf::actor_system& sys, profile_actor who, snapshot_ptr catalog,
                  net::import_request req, std::int64_t now, std::chrono::milliseconds timeout,
                  net::callback<import_report> cb) {
  sys.spawn<caf::detached>([who, catalog = std::move(catalog), req = std::move(req), now, timeout,
                            cb = std::move(cb)](caf::event_based_actor* self) {
    const auto format = adapters::parse_import_format(req.format);
    if (!format) {
      cb(error{errc::invalid_argument,
               "unknown format '" + req.format + "': use imdb, trakt, netflix or serializd"});
      return;
    }
    auto parsed = adapters::parse_export(*format, req.file, req.netflix_profile);
    if (!parsed) return cb(parsed.err());
    auto file = std::make_shared<const adapters::parsed_export>(std::move(*parsed));
    const bool dry_run = req.dry_run;
    self->request(who, timeout, state_atom::value)
        .then(
            [=](const profile_state& st) {
              const std::string_view source = adapters::to_string(*format);
              const adapters::catalog_matcher matcher(catalog->shows());
              const adapters::import_plan plan = adapters::plan_import(
                  *file, *catalog, matcher, existing_of(st), st.who.id, source, now);
              import_report report = plan;
              if (dry_run || (plan.ratings.empty() && plan.seen.empty() && plan.watchlist.empty()))
                return cb(std::move(report));
              self->request(who, timeout, import_atom::value, batch_of(plan, source, now))
                  .then([cb, report](bool) { cb(report); },
                        [cb](caf::error& e) { cb(from_caf(e)); });
            },
            [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

}  // namespace recs::actors
