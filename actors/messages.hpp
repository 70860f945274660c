#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/admin_port.hpp"
#include "net/change_event.hpp"
#include "recsys/availability_change.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "recsys/cf_snapshot.hpp"
#include "recsys/content_embedding.hpp"
#include "recsys/family_mix.hpp"
#include "recsys/learned_blend.hpp"
#include "recsys/profile.hpp"
#include "recsys/slate.hpp"

namespace recs::actors {

/// A closure the gateway actor runs on itself (local only): it issues the requests of one HTTP
/// call and completes its callback.
using gateway_job = std::function<void(caf::event_based_actor*)>;

/// What a catalog publish changed, per show: (show id, "now on Stan"); see change_event::notes.
struct availability_notes {
  std::vector<std::pair<std::string, std::string>> items;
  std::vector<availability_change> changes;  ///< the same changes, structured (watchlist alerts)
};

/// A recs::error carried as a caf::error (category "recs"; code = errc + 1, since 0 means none;
/// the context holds the message and retry_after_s).
caf::error to_caf(const recs::error& e);
/// Back from CAF: request timeouts and dead actors become errc::unavailable.
recs::error from_caf(const caf::error& e);

}  // namespace recs::actors

// These types only ever travel between actors of one process: no serialization needed.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::availability_notes)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::rating)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::tag_pref)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::note)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::show_feedback)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::watch_entry)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::watch_entry>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::import_batch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::household)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::family_watch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::profile_state)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::slate_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::slate_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::snapshot_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::cf_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::blend_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::family_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::family_slate_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<double>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::content_model_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::actor_info)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::rating>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::tag_pref>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::note>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::family_watch>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<recs::net::actor_info>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::actors::gateway_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::change_event)
