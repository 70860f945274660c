#pragma once

#include <caf/atom.hpp>

namespace recs::actors {

// CAF 0.17 atoms: at most 10 characters each.
using rate_atom = caf::atom_constant<caf::atom("rate")>;
using unrate_atom = caf::atom_constant<caf::atom("unrate")>;
using ratings_atom = caf::atom_constant<caf::atom("ratings")>;
using tag_atom = caf::atom_constant<caf::atom("tag")>;
using untag_atom = caf::atom_constant<caf::atom("untag")>;
using note_atom = caf::atom_constant<caf::atom("note")>;
using feedback_atom = caf::atom_constant<caf::atom("feedback")>;
using unfeedback_atom = caf::atom_constant<caf::atom("unfeedback")>;
using watch_atom = caf::atom_constant<caf::atom("watch")>;
using unwatch_atom = caf::atom_constant<caf::atom("unwatch")>;
using watchlist_atom = caf::atom_constant<caf::atom("watchlist")>;
using import_atom = caf::atom_constant<caf::atom("import")>;
using state_atom = caf::atom_constant<caf::atom("state")>;
using services_atom = caf::atom_constant<caf::atom("services")>;
using recommend_atom = caf::atom_constant<caf::atom("recommend")>;
using snapshot_atom = caf::atom_constant<caf::atom("snapshot")>;
using publish_atom = caf::atom_constant<caf::atom("publish")>;
using invalidate_atom = caf::atom_constant<caf::atom("invalidat")>;
using flush_atom = caf::atom_constant<caf::atom("flush")>;
using resize_atom = caf::atom_constant<caf::atom("resize")>;
using info_atom = caf::atom_constant<caf::atom("info")>;
using run_atom = caf::atom_constant<caf::atom("run")>;
using train_atom = caf::atom_constant<caf::atom("train")>;
using tick_atom = caf::atom_constant<caf::atom("tick")>;
using model_atom = caf::atom_constant<caf::atom("model")>;
using content_atom = caf::atom_constant<caf::atom("content")>;
using family_atom = caf::atom_constant<caf::atom("family")>;
using fits_atom = caf::atom_constant<caf::atom("fits")>;
using watched_atom = caf::atom_constant<caf::atom("watched")>;
using watches_atom = caf::atom_constant<caf::atom("watches")>;
// Scale-out over Redis (cluster_actor, redis_io_actor, state_loader).
using reload_atom = caf::atom_constant<caf::atom("reload")>;
using remote_atom = caf::atom_constant<caf::atom("remote")>;
using link_atom = caf::atom_constant<caf::atom("link")>;
using local_atom = caf::atom_constant<caf::atom("local")>;
using ping_atom = caf::atom_constant<caf::atom("ping")>;
using put_atom = caf::atom_constant<caf::atom("put")>;
// Sync jobs (sync_job, sync_reader).
using plan_atom = caf::atom_constant<caf::atom("plan")>;
using step_atom = caf::atom_constant<caf::atom("step")>;
using resume_atom = caf::atom_constant<caf::atom("resume")>;
using fresh_atom = caf::atom_constant<caf::atom("fresh")>;
using retire_atom = caf::atom_constant<caf::atom("retire")>;

}  // namespace recs::actors
