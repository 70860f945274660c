#include "actors/tvmaze_strategy.hpp"

#include <deque>
#include <functional>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "sync/metadata_refresh.hpp"
#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

class tvmaze_strategy final : public sync_strategy {
 public:
  tvmaze_strategy(const tvmaze_sync_options& opts, catalog_link link)
      : opts_(opts),
        news_(link.news),
        catalog_(std::move(link), kTvmazeSyncActor, "tvmaze", false) {}

  const sync_names& names() const override {
    static const sync_names names{kTvmazeSource,
                                  kTvmazeSyncActor,
                                  {kTvmazeMetadataJob, kTvmazeIndexWalkJob},
                                  kTvmazeMetadataJob,
                                  "",
                                  ""};
    return names;
  }

  void attach(storage::store& db, httpc::fetcher& fetch) override {
    db_ = &db;
    // No rate limit in the fetcher: the source keeps TVmaze's, across all its calls.
    auto tv_opts = opts_.tvmaze;
    tv_opts.retry = opts_.retry;
    tv_ = std::make_unique<sync::tvmaze_source>(tv_opts, fetch, opts_.sleep);
  }

  result<run_plan> plan(const run_request& req, std::int64_t, run_progress&) override {
    walk_ = req.job == kTvmazeIndexWalkJob;
    linked_ = missing_ = 0;
    pending_ = 0;
    queue_.clear();
    return run_plan{req.job, req.job, walk_ ? "" : "asking TVmaze for its updates"};
  }

  status begin(const run_context& run, run_progress& p) override {
    if (walk_) {
      walker_ = std::make_unique<sync::index_walker>(*db_, *tv_);
      auto page = walker_->begin();
      if (!page) return error{page.err().code, "starting the index walk: " + page.err().message};
      page_ = *page;
      std::cout << kTvmazeSyncActor << ": run " << run.id << " (" << run.job << "): from page "
                << page_ << std::endl;
      return ok_status();
    }
    refresher_ = std::make_unique<sync::metadata_refresher>(*db_, *tv_, run.started);
    auto plan = refresher_->begin(opts_.link_limit);
    if (!plan) {
      refresher_.reset();  // nothing was planned: the last run's time stays
      return error{plan.err().code, "planning: " + plan.err().message};
    }
    std::size_t refreshes = 0;
    for (auto& t : plan->tasks) {
      refreshes += t.what == sync::metadata_task::kind::refresh ? 1 : 0;
      queue_.push_back(std::move(t));
    }
    std::cout << kTvmazeSyncActor << ": run " << run.id << " (" << run.job
              << "): " << plan->updated_upstream << " shows changed at TVmaze, " << refreshes
              << " of them ours; " << queue_.size() - refreshes << " of " << plan->unlinked_total
              << " unlinked shows to look up" << std::endl;
    p.total = static_cast<std::int64_t>(queue_.size());
    return ok_status();
  }

  std::string next_piece() const override {
    if (walk_) return "page " + std::to_string(page_);
    return queue_.empty() ? "" : queue_.front().title;
  }

  step_result step(const run_context& run, run_progress& p) override {
    return walk_ ? step_walk(run, p) : step_metadata(run, p);
  }

  bool publish_due() const override { return pending_ >= opts_.publish_every; }

  /// The catalog as the store has it now, under a new version; and the season news collected
  /// since the last publish, whether or not any metadata changed.
  void publish(const run_context& run) override {
    std::vector<availability_change> none;
    if (pending_ > 0 && catalog_.publish(*db_, run.id, none)) pending_ = 0;
    hand_news();
  }

  run_record finish(const run_context&, const step_result& end, std::int64_t,
                    run_progress& p) override {
    if (refresher_) {
      if (auto recorded = refresher_->finish(); !recorded) {
        std::cerr << kTvmazeSyncActor
                  << ": cannot record the run's time: " << recorded.err().message << std::endl;
      }
    }
    hand_news();  // the job publishes after finish() too: each item goes once either way
    queue_.clear();
    refresher_.reset();
    walker_.reset();
    return {end.outcome, p.done, p.changed, p.failed,
            summary(p) + (end.message.empty() ? "" : "; " + end.message)};
  }

 private:
  std::string summary(const run_progress& p) const {
    if (walk_) {
      return std::to_string(p.done) + " pages, " + std::to_string(p.changed) + " shows changed, " +
             std::to_string(linked_) + " linked, " + std::to_string(p.failed) + " failed";
    }
    return std::to_string(p.done) + " shows checked, " + std::to_string(p.changed) + " changed, " +
           std::to_string(linked_) + " linked, " + std::to_string(missing_) +
           " missing at TVmaze, " + std::to_string(p.failed) + " failed";
  }

  /// Hands the season news collected so far to the link, once (dropped when it takes none).
  void hand_news() {
    if (news_pending_.empty()) return;
    std::vector<season_news> out;
    out.swap(news_pending_);
    if (news_) news_(std::move(out));
  }

  void count(run_progress& p, const sync::metadata_result& r) {
    using outcome = sync::metadata_result::outcome;
    if (r.news) news_pending_.push_back(*r.news);
    if (r.linked) ++linked_;
    if (r.what == outcome::updated) {
      ++p.changed;
      ++pending_;
    } else if (r.what == outcome::missing) {
      ++missing_;
    } else if (r.what == outcome::failed) {
      ++p.failed;
      std::cerr << kTvmazeSyncActor << ": " << r.show_id << ": " << r.message << std::endl;
    }
  }

  step_result step_metadata(const run_context& run, run_progress& p) {
    if (queue_.empty()) {
      auto left = db_->unlinked_show_count(std::string(storage::link_source::tvmaze),
                                           std::string(storage::link_source::tvmaze_missing));
      return step_result::end(outcome_of(p),
                              left ? std::to_string(*left) + " shows still to link" : "");
    }
    auto r = refresher_->run(queue_.front());
    using outcome = sync::metadata_result::outcome;
    // Cut short by a pause: this show again after resume.
    if (r.what == outcome::failed && run.interrupted()) return step_result::cut_short();
    const auto task = std::move(queue_.front());
    queue_.pop_front();
    count(p, r);
    ++p.done;
    if (r.what == outcome::failed && sync::run_should_stop(r.err)) {
      return step_result::end(net::run_outcome::partial, stopped_at(task.title, r.message));
    }
    return step_result::next();
  }

  step_result step_walk(const run_context& run, run_progress& p) {
    auto r = walker_->walk(page_);
    if (r.err) {
      if (run.interrupted()) return step_result::cut_short();  // this page again after resume
      ++p.failed;
      std::cerr << kTvmazeSyncActor << ": index page " << page_ << ": " << r.err->message
                << std::endl;
      if (sync::run_should_stop(*r.err)) {
        return step_result::end(
            net::run_outcome::partial,
            "stopped at page " + std::to_string(page_) + " (resumes there): " + r.err->message);
      }
      if (auto skipped = walker_->skip(page_); !skipped) {
        return step_result::end(net::run_outcome::partial,
                                "cannot record the index page: " + skipped.err().message);
      }
      ++page_;
      return step_result::next();
    }
    for (const auto& m : r.matched) count(p, m);
    ++p.done;
    if (r.end) return step_result::end(outcome_of(p), "the index walk is complete");
    ++page_;
    return step_result::next();
  }

  tvmaze_sync_options opts_;
  std::function<void(std::vector<season_news>)> news_;  ///< the link's, may be empty
  catalog_publisher catalog_;
  std::size_t pending_ = 0;  ///< changed shows not published yet
  storage::store* db_ = nullptr;
  std::unique_ptr<sync::tvmaze_source> tv_;
  bool walk_ = false;                                    ///< the run is an index walk
  std::unique_ptr<sync::metadata_refresher> refresher_;  ///< a metadata run
  std::unique_ptr<sync::index_walker> walker_;           ///< an index walk
  std::int64_t page_ = 0;                                ///< an index walk's next page
  std::int64_t linked_ = 0, missing_ = 0;
  std::deque<sync::metadata_task> queue_;
  std::vector<season_news> news_pending_;  ///< collected, not handed over yet
};

}  // namespace

std::unique_ptr<sync_strategy> make_tvmaze_strategy(const tvmaze_sync_options& opts,
                                                    catalog_link link) {
  return std::make_unique<tvmaze_strategy>(opts, std::move(link));
}

}  // namespace recs::actors
