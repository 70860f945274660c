#include "actors/lists_service.hpp"

#include "actors/import_job.hpp"
#include "core/iso_time.hpp"
#include "recsys/onboarding.hpp"

namespace recs::actors {

using kind = net::change_event::kind;

namespace {

/// `cb`, followed on success by a watchlist event for the household that names no profile: the
/// household's own list changes no profile's slate.
template <class T>
net::callback<T> notify_household(const service_core& core, net::callback<T> cb,
                                  std::int64_t household_id) {
  return [feed = core.feed, cb = std::move(cb), household_id](result<T> r) {
    const bool ok = r.ok();
    cb(std::move(r));
    if (ok) feed->emit({kind::watchlist, household_id, {}, {}});
  };
}

}  // namespace

void lists_service::put_feedback(std::int64_t profile_id, show_feedback f,
                                 net::callback<show_feedback> cb) {
  core_.ask_profile(profile_id, core_.notify_after(std::move(cb), kind::feedback, profile_id),
                    feedback_atom::value, std::move(f));
}

void lists_service::delete_feedback(std::int64_t profile_id, std::string show_id, feedback_kind k,
                                    net::callback<unit> cb) {
  show_feedback f;
  f.show_id = std::move(show_id);
  f.kind = k;
  cb = core_.notify_after(std::move(cb), kind::feedback, profile_id);
  if (auto a = core_.actor_for(profile_id, cb))
    core_.run(request_job<bool>(
        core_.opts.timeout, cb, [](bool) { return unit{}; }, *a, unfeedback_atom::value, f));
}

void lists_service::feedback_of(std::int64_t profile_id,
                                net::callback<std::vector<show_feedback>> cb) {
  if (auto a = core_.actor_for(profile_id, cb))
    core_.run(request_job<profile_state>(
        core_.opts.timeout, cb, [](profile_state st) { return std::move(st.feedback); }, *a,
        state_atom::value));
}

void lists_service::add_watch(std::int64_t household_id, watch_entry w,
                              net::callback<watch_entry> cb) {
  if (w.profile_id != 0) {
    const auto pid = w.profile_id;
    return core_.ask_profile(pid, core_.notify_after(std::move(cb), kind::watchlist, pid),
                             watch_atom::value, std::move(w));
  }
  core_.run(request_job<watch_entry>(
      core_.opts.timeout, notify_household(core_, std::move(cb), household_id),
      [](watch_entry x) { return x; }, core_.store, watch_atom::value, household_id, w));
}

void lists_service::remove_watch(std::int64_t household_id, std::int64_t profile_id,
                                 std::string show_id, net::callback<unit> cb) {
  if (profile_id != 0) {
    cb = core_.notify_after(std::move(cb), kind::watchlist, profile_id);
    if (auto a = core_.actor_for(profile_id, cb))
      core_.run(request_job<bool>(
          core_.opts.timeout, cb, [](bool) { return unit{}; }, *a, unwatch_atom::value,
          std::move(show_id)));
    return;
  }
  watch_entry w;
  w.show_id = std::move(show_id);
  core_.run(request_job<bool>(
      core_.opts.timeout, notify_household(core_, std::move(cb), household_id),
      [](bool) { return unit{}; }, core_.store, unwatch_atom::value, household_id, w));
}

void lists_service::watchlists(std::int64_t household_id,
                               net::callback<std::vector<watch_entry>> cb) {
  using list = std::vector<watch_entry>;
  core_.run(request_job<list>(
      core_.opts.timeout, std::move(cb), [](list x) { return x; }, core_.store,
      watchlist_atom::value, household_id));
}

void lists_service::import_file(net::import_request req, net::callback<import_report> cb) {
  const auto pid = req.profile_id;
  const bool dry_run = req.dry_run;
  // A dry run changes nothing: no event. An import that wrote re-ranks the profile's slates.
  cb = [feed = core_.feed, cb = std::move(cb), pid, dry_run,
        household = core_.dir->household_of(pid)](result<import_report> r) {
    const bool wrote = r.ok() && !dry_run && (r->added > 0 || r->updated > 0);
    cb(std::move(r));
    if (wrote) feed->emit({kind::rating, household, {pid}, {}});
  };
  auto a = core_.actor_for(pid, cb);
  if (!a) return;
  spawn_import(core_.sys, *a, core_.view->get(), std::move(req), unix_now(), core_.opts.timeout,
               std::move(cb));
}

void lists_service::inbox(std::int64_t household_id, std::size_t limit,
                          net::callback<net::inbox_view> cb) {
  accounts_.at_desk<net::inbox_view>(
      std::move(cb), [household_id, limit](storage::store& db) -> result<net::inbox_view> {
        net::inbox_view v;
        auto items = db.inbox(household_id, limit);
        if (!items) return items.err();
        v.items = std::move(*items);
        auto unread = db.unread_count(household_id);
        if (!unread) return unread.err();
        v.unread = *unread;
        return v;
      });
}

void lists_service::mark_read(std::int64_t household_id, std::vector<std::int64_t> ids,
                              net::callback<std::int64_t> cb) {
  accounts_.at_desk<std::int64_t>(std::move(cb),
                                  [household_id, ids = std::move(ids)](storage::store& db) {
                                    return db.mark_read(household_id, ids);
                                  });
}

void lists_service::onboarding(std::int64_t profile_id, std::size_t count,
                               net::callback<std::vector<std::string>> cb) {
  auto a = core_.actor_for(profile_id, cb);
  if (!a) return;
  core_.run(request_job<profile_state>(
      core_.opts.timeout, std::move(cb),
      [view = core_.view, count](const profile_state& st) {
        const snapshot_ptr cat = view->get();
        const auto content = view->content();
        const content_model* dense = content->model && content->catalog_version == cat->version()
                                         ? content->model.get()
                                         : nullptr;
        onboarding_options opt;
        opt.count = count;
        std::vector<std::string> ids;
        for (auto i : onboarding_grid(*cat, st, dense, opt)) ids.push_back(cat->at(i).id);
        return ids;
      },
      *a, state_atom::value));
}

}  // namespace recs::actors
