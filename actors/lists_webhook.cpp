// lists_service: the household's own webhook (net::lists_port's webhook calls).
#include "actors/lists_service.hpp"
#include "actors/push_target.hpp"
#include "core/iso_time.hpp"

namespace recs::actors {

namespace {

/// The household's webhook as answered, read on the desk.
result<net::webhook_state> state_of(storage::store& db, std::int64_t household_id,
                                    push_reach reach) {
  net::webhook_state s;
  s.policy = std::string(to_string(reach));
  auto hook = db.household_webhook_of(household_id);
  if (!hook) {
    if (hook.err().code == errc::not_found) return s;
    return hook.err();
  }
  s.webhook = net::webhook_view{hook->kind, masked_url(hook->url), hook->updated_at};
  return s;
}

}  // namespace

void lists_service::webhook(std::int64_t household_id, net::callback<net::webhook_state> cb) {
  accounts_.at_desk<net::webhook_state>(
      std::move(cb), [household_id, reach = accounts_.opts.push.reach](storage::store& db) {
        return state_of(db, household_id, reach);
      });
}

void lists_service::set_webhook(std::int64_t household_id, std::string kind, std::string url,
                                net::callback<net::webhook_state> cb) {
  const push_reach reach = accounts_.opts.push.reach;
  const auto k = parse_push_kind(kind);
  if (!k) return cb(error{errc::invalid_argument, "kind must be discord, slack, teams or ntfy"});
  if (auto st = check_push_url(*k, url, reach); !st) return cb(st.err());
  household_webhook w;
  w.household_id = household_id;
  w.kind = std::move(kind);
  w.url = std::move(url);
  w.updated_at = unix_now();
  accounts_.at_desk<net::webhook_state>(
      std::move(cb), [w = std::move(w), reach](storage::store& db) -> result<net::webhook_state> {
        if (auto st = db.put_household_webhook(w); !st) return st.err();
        return state_of(db, w.household_id, reach);
      });
}

void lists_service::delete_webhook(std::int64_t household_id, net::callback<unit> cb) {
  accounts_.at_desk<unit>(std::move(cb), [household_id](storage::store& db) -> result<unit> {
    if (auto st = db.delete_household_webhook(household_id); !st) return st.err();
    return unit{};
  });
}

void lists_service::test_webhook(std::int64_t household_id, net::callback<net::webhook_test> cb) {
  const household_pusher pusher = accounts_.pusher;
  if (!pusher)
    return cb(error{errc::forbidden, "household webhooks are turned off on this server"});
  // Read on the desk; the push is answered from the push actor's thread.
  accounts_.at_desk<unit>(
      [cb](result<unit> r) {
        if (!r) cb(r.err());
      },
      [household_id, pusher, cb](storage::store& db) -> result<unit> {
        auto hook = db.household_webhook_of(household_id);
        if (!hook) {
          if (hook.err().code == errc::not_found)
            return error{errc::not_found, "no webhook is set: PUT /me/webhook first"};
          return hook.err();
        }
        alerts::chat_message m;
        m.title = "Test from your TV recommender";
        m.lines = {"Alerts for your watchlist will arrive here."};
        auto job = make_push_job(std::move(*hook), std::move(m));
        if (!job) return job.err();
        (*job)->done = [cb](status st) {
          cb(net::webhook_test{st.ok(), st.ok() ? std::string() : st.err().message});
        };
        pusher.send(std::move(*job));
        return unit{};
      });
}

}  // namespace recs::actors
