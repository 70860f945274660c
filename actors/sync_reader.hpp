#pragma once

#include <caf/actor_system.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

#include "actors/atoms.hpp"
#include "actors/offers_strategy.hpp"
#include "actors/sync_board.hpp"
#include "net/sync_types.hpp"
#include "storage/store.hpp"
#include "sync/offers_refresh.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::refresh_plan_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(recs::net::freshness_view)

namespace recs::actors {

/// Answers the refresh plan (the dry run) and the freshness figures from a store connection of
/// its own, so that admins get them at once even while the JustWatch sync job is inside an
/// upstream call.
using sync_reader_actor = caf::typed_actor<caf::replies_to<plan_atom>::with<net::refresh_plan_view>,
                                           caf::replies_to<fresh_atom>::with<net::freshness_view>>;

/// The plan as admins see it; `enabled`: whether a real run would call JustWatch.
net::refresh_plan_view plan_view(const sync::refresh_plan& plan, bool enabled);

/// The reader (detached, over `db`); `opts` as given to the JustWatch sync job.
sync_reader_actor spawn_sync_reader(caf::actor_system& sys, offers_sync_options opts,
                                    std::unique_ptr<storage::store> db,
                                    std::shared_ptr<sync_board> board);

}  // namespace recs::actors
