#include "actors/serializd_strategy.hpp"

#include <iostream>
#include <string>
#include <utility>

#include "sync/serializd_import_job.hpp"

namespace recs::actors {

namespace {

constexpr const char* kKind = "ratings_import";  // the kind of its sync_runs rows
constexpr const char* kLastSeen = "serializd_last_seen";

class serializd_strategy final : public sync_strategy {
 public:
  serializd_strategy(const serializd_sync_options& opts, serializd_rating_sink sink)
      : opts_(opts), sink_(std::move(sink)) {}

  const sync_names& names() const override {
    static const sync_names names{kSerializdSource,
                                  kSerializdSyncActor,
                                  {kSerializdImportJob},
                                  "",
                                  "the Serializd import is off: set USE_REAL_SERIALIZD=true",
                                  "not started: the Serializd import is paused"};
    return names;
  }

  void attach(storage::store& db, httpc::fetcher& fetch) override {
    db_ = &db;
    source_ = std::make_unique<sync::serializd_source>(opts_.serializd, fetch);
  }

  result<run_plan> plan(const run_request& req, std::int64_t now, run_progress&) override {
    sync::serializd_import_options o;
    o.profile_id = req.profile_id;
    o.now = now;
    o.max_examples = opts_.max_examples;
    o.learn_links = opts_.learn_links;
    job_ = std::make_unique<sync::serializd_import_job>(*db_, *source_, o);
    return run_plan{kKind, req.job, next_piece()};
  }

  status begin(const run_context& run, run_progress&) override {
    std::cout << kSerializdSyncActor << ": run " << run.id << ": importing for profile "
              << job_->outcome().profile_id << std::endl;
    return ok_status();
  }

  std::string next_piece() const override {
    if (!job_) return "";
    return "profile " + std::to_string(job_->outcome().profile_id) + ": " + job_->current();
  }

  step_result step(const run_context& run, run_progress& p) override {
    auto r = job_->step();
    if (!r) {
      // Cut short by a pause (or by one already lifted, whose resume is still in the mailbox):
      // a failed step changed nothing, so resume does the same piece again.
      if (run.interrupted()) return step_result::cut_short();
      return step_result::end(net::run_outcome::failed, r.err().message);
    }
    p.done = job_->pages_done();
    p.total = job_->pages_known();
    return *r ? step_result::end(net::run_outcome::ok, "") : step_result::next();
  }

  bool publish_due() const override { return false; }
  void publish(const run_context&) override {}  // the ratings go to the sink at the end

  run_record finish(const run_context&, const step_result& end, std::int64_t now,
                    run_progress& p) override {
    if (end.outcome != net::run_outcome::ok) {
      job_.reset();
      return {end.outcome, 0, 0, 0, end.message};
    }
    auto out = job_->take_outcome();
    job_.reset();
    const auto handed = static_cast<std::int64_t>(out.ratings.size());
    const auto failed = static_cast<std::int64_t>(out.report.unmatched + out.report.ambiguous);
    std::string message = sync::summarize(out);
    if (sink_ && !out.ratings.empty()) sink_(std::move(out.ratings));
    if (auto m = db_->set_meta(kLastSeen, std::to_string(now)); !m) {
      std::cerr << kSerializdSyncActor << ": cannot record " << kLastSeen << ": " << m.err().message
                << std::endl;
      message += "; " + std::string(kLastSeen) + " not recorded: " + m.err().message;
    }
    p.changed = handed;
    p.failed = failed;
    return {net::run_outcome::ok, static_cast<std::int64_t>(out.report.shows), handed, failed,
            message};
  }

 private:
  serializd_sync_options opts_;
  serializd_rating_sink sink_;
  storage::store* db_ = nullptr;
  std::unique_ptr<sync::serializd_source> source_;
  std::unique_ptr<sync::serializd_import_job> job_;  ///< the import under way, if any
};

}  // namespace

std::unique_ptr<sync_strategy> make_serializd_strategy(const serializd_sync_options& opts,
                                                       serializd_rating_sink sink) {
  return std::make_unique<serializd_strategy>(opts, std::move(sink));
}

}  // namespace recs::actors
