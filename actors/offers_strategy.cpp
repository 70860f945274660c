#include "actors/offers_strategy.hpp"

#include <deque>
#include <iostream>
#include <utility>

#include "sync/offers_refresh.hpp"

namespace recs::actors {

namespace {

constexpr const char* kJob = "daily_refresh";

class offers_strategy final : public sync_strategy {
 public:
  offers_strategy(const offers_sync_options& opts, catalog_link link)
      : opts_(opts), catalog_(std::move(link), kOffersSyncActor, "sync", true) {}

  const sync_names& names() const override {
    static const sync_names names{kJustwatchSource, kOffersSyncActor, {kJob}, kJob, "", ""};
    return names;
  }

  void attach(storage::store& db, httpc::fetcher& fetch) override {
    db_ = &db;
    jw_ = std::make_unique<sync::justwatch_source>(opts_.justwatch, fetch);
  }

  result<run_plan> plan(const run_request& req, std::int64_t now, run_progress& p) override {
    auto plan = sync::plan_offers_refresh(*db_, now, opts_.stale_days, opts_.limit);
    if (!plan) return error{plan.err().code, "planning: " + plan.err().message};
    queue_.clear();
    for (auto& e : plan->entries) queue_.push_back(std::move(e.item));
    due_total_ = plan->due_total;
    p.total = static_cast<std::int64_t>(queue_.size());
    return run_plan{req.job, req.job, ""};
  }

  status begin(const run_context& run, run_progress&) override {
    std::cout << kOffersSyncActor << ": run " << run.id << " (" << run.job << "): " << queue_.size()
              << " of " << due_total_ << " due titles" << std::endl;
    refresher_ = std::make_unique<sync::offers_refresher>(*db_, *jw_, run.started);
    if (auto b = refresher_->begin(); !b)
      return error{b.err().code, "providers: " + b.err().message};
    if (!refresher_->unknown_packages().empty()) {
      std::string names;
      for (const auto& p : refresher_->unknown_packages()) {
        names += (names.empty() ? "" : ", ") + p.clear_name;
      }
      std::cout << kOffersSyncActor
                << ": JustWatch packages we have no provider for (left out): " << names
                << std::endl;
    }
    return ok_status();
  }

  std::string next_piece() const override { return queue_.empty() ? "" : queue_.front().title; }

  step_result step(const run_context& run, run_progress& p) override {
    if (queue_.empty()) return step_result::end(outcome_of(p), "");
    auto r = refresher_->refresh(queue_.front());
    using outcome = sync::title_result::outcome;
    // Cut short by a pause: this title again after resume.
    if (r.what == outcome::failed && run.interrupted()) return step_result::cut_short();
    const auto item = std::move(queue_.front());
    queue_.pop_front();
    ++p.done;
    if (r.what == outcome::updated) {
      ++p.changed;
      ++pending_titles_;
      for (auto& c : r.changes) pending_.push_back(std::move(c));
    }
    if (r.what != outcome::failed) return step_result::next();
    ++p.failed;
    std::cerr << kOffersSyncActor << ": " << item.show_id << " (" << item.title
              << "): " << r.message << std::endl;
    if (sync::run_should_stop(r.err)) {
      return step_result::end(net::run_outcome::partial, stopped_at(item.title, r.message));
    }
    return step_result::next();
  }

  bool publish_due() const override { return pending_titles_ >= opts_.publish_every; }

  /// The catalog as the store has it now, with the changes since the last publish.
  void publish(const run_context& run) override {
    if (pending_.empty() && pending_titles_ == 0) return;
    if (catalog_.publish(*db_, run.id, pending_)) pending_titles_ = 0;
  }

  run_record finish(const run_context&, const step_result& end, std::int64_t,
                    run_progress& p) override {
    queue_.clear();
    refresher_.reset();
    return {end.outcome, p.done, p.changed, p.failed, end.message};
  }

 private:
  offers_sync_options opts_;
  catalog_publisher catalog_;
  storage::store* db_ = nullptr;
  std::unique_ptr<sync::justwatch_source> jw_;
  std::unique_ptr<sync::offers_refresher> refresher_;
  std::deque<storage::refresh_item> queue_;
  std::int64_t due_total_ = 0;
  std::vector<availability_change> pending_;
  std::size_t pending_titles_ = 0;
};

}  // namespace

std::unique_ptr<sync_strategy> make_offers_strategy(const offers_sync_options& opts,
                                                    catalog_link link) {
  return std::make_unique<offers_strategy>(opts, std::move(link));
}

}  // namespace recs::actors
