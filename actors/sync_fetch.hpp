#pragma once

// What the three sync actors (offers_sync, tvmaze_sync, serializd_sync) share about their
// fetcher and the admins' pause and resume.

#include <functional>
#include <memory>
#include <string>

#include "actors/sync_board.hpp"
#include "httpc/fetcher.hpp"

namespace recs::actors {

/// A pause of `source` cuts `fetch`'s waits short (a backoff, a Retry-After); the fetcher may
/// be gone by then.
inline void cancel_on_pause(sync_board& board, const std::string& source,
                            const std::shared_ptr<httpc::fetcher>& fetch) {
  board.set_canceller(source, [weak = std::weak_ptr<httpc::fetcher>(fetch)] {
    if (auto f = weak.lock()) f->cancel();
  });
}

/// An admin's resume: the fetcher may wait again, and a run paused midway (`running`) is shown
/// running and goes on with `next_step`.
inline void resume_run(sync_board& board, const std::string& source, httpc::fetcher& fetch,
                       bool running, const std::function<void()>& next_step) {
  fetch.reset_cancel();
  if (!running) return;
  board.update(source, [](net::job_info& j) { j.state = "running"; });
  next_step();
}

}  // namespace recs::actors
