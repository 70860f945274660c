#pragma once

#include <caf/actor_system.hpp>

#include <chrono>

#include "actors/profile_actor.hpp"
#include "net/lists_port.hpp"

namespace recs::actors {

/// Runs one import (POST /imports/{format}) on a detached actor of its own, since parsing and
/// matching a file of up to 20 MB takes a moment of CPU that belongs neither on the scheduler
/// nor on an I/O thread: parses `req.file` (adapters/export_files.hpp), reads the profile's
/// state from `who`, plans against `catalog` (adapters/import_plan.hpp), and unless it is a dry
/// run or there is nothing new writes the plan through `who` in one batch (all or nothing).
/// Completes `cb` with the report, or with the parse's invalid_argument (naming the line), and
/// quits. `now` dates the ratings and marks the file does not date.
void spawn_import(caf::actor_system& sys, profile_actor who, snapshot_ptr catalog,
                  net::import_request req, std::int64_t now, std::chrono::milliseconds timeout,
                  net::callback<import_report> cb);

}  // namespace recs::actors
