// The sync job actor over a scripted strategy and a real SQLite store: what every source's job
// has in common (the board, the sync_runs row, pause and resume, publishing, refusals, the
// schedule, its name on /admin/actors). The sources themselves: test/sync.
#define BOOST_TEST_MODULE actors_sync_job
#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "actors/metered.hpp"
#include "actors/sync_job.hpp"
#include "storage/sqlite_store.hpp"
#include "sync/schedule.hpp"

using namespace recs;
using namespace recs::actors;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;

/// What the scripted strategy does, and what it was asked (shared with the test thread).
struct script {
  std::mutex mu;
  int pieces = 3;           ///< steps until the run ends
  int failing_piece = -1;   ///< this piece fails (counted)
  int blocking_piece = -1;  ///< this piece waits for a pause, the first time it runs
  bool fail_plan = false;
  bool fail_begin = false;
  bool wait_in_begin = false;  ///< begin() waits for a pause, then fails
  std::vector<std::string> calls;

  void log(std::string what) {
    std::lock_guard<std::mutex> lock(mu);
    calls.push_back(std::move(what));
  }
  std::vector<std::string> seen() {
    std::lock_guard<std::mutex> lock(mu);
    return calls;
  }
  std::size_t count(const std::string& what) {
    auto all = seen();
    return static_cast<std::size_t>(std::count(all.begin(), all.end(), what));
  }
};

/// Waits (up to 5 s) for `interrupted`.
bool wait_for_pause(const run_context& run) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!run.interrupted() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(milliseconds(2));
  return run.interrupted();
}

class scripted final : public sync_strategy {
 public:
  scripted(std::shared_ptr<script> s, std::string actor) : s_(std::move(s)) {
    names_ = {"test", std::move(actor), {"walk", "crawl"}, "walk", "", "not started: paused"};
  }
  const sync_names& names() const override { return names_; }
  void attach(storage::store&, httpc::fetcher&) override { s_->log("attach"); }
  result<run_plan> plan(const run_request& req, std::int64_t, run_progress& p) override {
    s_->log("plan " + req.job + " " + std::to_string(req.profile_id));
    if (s_->fail_plan) return error{errc::internal, "planning: no"};
    piece_ = 0;
    blocked_ = false;
    p.total = s_->pieces;
    return run_plan{req.job + "_kind", req.job, "planning"};
  }
  status begin(const run_context& run, run_progress&) override {
    s_->log("begin");
    if (s_->wait_in_begin) {
      wait_for_pause(run);
      return error{errc::unavailable, "test: cancelled"};
    }
    if (s_->fail_begin) return error{errc::unavailable, "begin: down"};
    return ok_status();
  }
  std::string next_piece() const override { return "piece " + std::to_string(piece_); }
  step_result step(const run_context& run, run_progress& p) override {
    s_->log("step " + std::to_string(piece_));
    if (piece_ == s_->blocking_piece && !blocked_) {
      blocked_ = true;
      if (wait_for_pause(run)) return step_result::cut_short();
    }
    if (piece_ == s_->failing_piece) ++p.failed;
    ++piece_;
    ++p.done;
    ++pending_;
    if (piece_ >= s_->pieces) return step_result::end(outcome_of(p), "all done");
    return step_result::next();
  }
  bool publish_due() const override { return pending_ >= 2; }
  void publish(const run_context&) override {
    if (pending_ == 0) return;
    s_->log("publish " + std::to_string(pending_));
    pending_ = 0;
  }
  run_record finish(const run_context&, const step_result& end, std::int64_t,
                    run_progress& p) override {
    s_->log("finish " + std::string(net::to_string(end.outcome)));
    return {end.outcome, p.done, p.changed, p.failed, "test: " + end.message};
  }

 private:
  std::shared_ptr<script> s_;
  sync_names names_;
  int piece_ = 0;
  bool blocked_ = false;
  int pending_ = 0;
};

struct fixture {
  fs::path dir;
  std::unique_ptr<storage::store> db;
  std::shared_ptr<script> s = std::make_shared<script>();
  std::shared_ptr<sync_board> board = std::make_shared<sync_board>();
  system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  sync_job_actor job;

  fixture() {
    char tmpl[] = "/tmp/recs-sync-job-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto opened = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(opened.ok());
    db = std::move(*opened);
    BOOST_REQUIRE(db->migrate().ok());
    sys = std::make_unique<caf::actor_system>(cfg);
  }
  ~fixture() {
    if (job) caf::anon_send_exit(job, caf::exit_reason::user_shutdown);
    job = nullptr;
    sys.reset();
    fs::remove_all(dir);
  }

  void spawn(bool enabled = true, bool schedule = false, std::string actor = kOffersSyncActor) {
    sync_job_options o;
    o.enabled = enabled;
    o.schedule = schedule;
    o.hour = 4;
    o.now = [] { return kNow; };
    auto second = storage::open_sqlite((dir / "recs.sqlite").string());
    BOOST_REQUIRE(second.ok());
    job = spawn_sync_job(*sys, o, std::make_unique<scripted>(s, std::move(actor)),
                         std::move(*second), board);
  }

  net::job_info info() const { return board->get("test").value(); }

  bool wait_for(const std::function<bool(const net::job_info&)>& pred) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
      if (pred(info())) return true;
      std::this_thread::sleep_for(milliseconds(2));
    }
    return false;
  }
  bool wait_finished() const {
    return wait_for([](const net::job_info& j) {
      return j.state == net::job_state::idle && j.last_status.has_value();
    });
  }

  std::vector<storage::sync_run> runs() {
    auto r = db->recent_sync_runs(10);
    BOOST_REQUIRE(r.ok());
    return *r;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(states_and_outcomes_are_text_only_at_the_edges) {
  using net::job_state;
  using net::run_outcome;
  BOOST_TEST(net::to_string(job_state::stopping) == "stopping");
  BOOST_TEST(net::to_string(run_outcome::cancelled) == "cancelled");
}

BOOST_AUTO_TEST_CASE(a_run_steps_publishes_and_records_its_row) {
  fixture f;
  f.spawn();
  BOOST_TEST((f.info().state == net::job_state::idle));
  BOOST_TEST(f.info().job == "walk");
  BOOST_TEST(f.info().enabled);
  BOOST_TEST(f.info().next_run_ts == 0);  // not scheduled
  caf::anon_send(f.job, run_atom::value, std::string("crawl"), std::int64_t{7});
  BOOST_REQUIRE(f.wait_finished());
  const auto j = f.info();
  BOOST_TEST((j.last_status == net::run_outcome::ok));
  BOOST_TEST(j.last_message == "test: all done");
  BOOST_TEST(j.job == "crawl");
  BOOST_TEST(j.total == 3);
  BOOST_TEST(j.done == 3);
  BOOST_TEST(j.current.empty());
  BOOST_TEST(j.started_ts == kNow);
  BOOST_TEST(j.last_finished_ts == kNow);
  const std::vector<std::string> calls{"attach", "plan crawl 7", "begin",
                                       "step 0", "step 1",       "publish 2",
                                       "step 2", "finish ok",    "publish 1"};
  BOOST_TEST(f.s->seen() == calls, boost::test_tools::per_element());
  const auto rows = f.runs();
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].id == j.run_id);
  BOOST_TEST(rows[0].source == "test");
  BOOST_TEST(rows[0].kind == "crawl_kind");
  BOOST_TEST(rows[0].status == "ok");
  BOOST_TEST(rows[0].checked == 3);
  BOOST_TEST(rows[0].message == "test: all done");
}

BOOST_AUTO_TEST_CASE(a_failed_piece_makes_the_run_partial) {
  fixture f;
  f.s->failing_piece = 1;
  f.spawn();
  caf::anon_send(f.job, run_atom::value, std::string("walk"));
  BOOST_REQUIRE(f.wait_finished());
  BOOST_TEST((f.info().last_status == net::run_outcome::partial));
  BOOST_TEST(f.info().failed == 1);
  BOOST_TEST(f.runs().at(0).status == "partial");
  BOOST_TEST(f.runs().at(0).failed == 1);
}

BOOST_AUTO_TEST_CASE(a_pause_parks_the_run_and_resume_does_the_piece_again) {
  fixture f;
  f.s->blocking_piece = 1;
  f.spawn();
  caf::anon_send(f.job, run_atom::value, std::string("walk"));
  BOOST_REQUIRE(f.wait_for([](const net::job_info& j) { return j.current == "piece 1"; }));
  f.board->request_pause("test", true);  // cuts the blocked piece short
  BOOST_REQUIRE(
      f.wait_for([](const net::job_info& j) { return j.state == net::job_state::paused; }));
  BOOST_TEST(f.info().current.empty());
  BOOST_TEST(!f.info().last_status.has_value());
  BOOST_TEST(f.s->count("publish 1") == 1u);  // what changed so far
  BOOST_TEST(f.runs().at(0).status == "running");

  f.board->request_pause("test", false);
  caf::anon_send(f.job, resume_atom::value);
  BOOST_REQUIRE(f.wait_finished());
  BOOST_TEST((f.info().last_status == net::run_outcome::ok));
  BOOST_TEST(f.info().done == 3);
  BOOST_TEST(f.s->count("step 1") == 2u);  // the piece cut short, again
  BOOST_TEST(f.runs().at(0).status == "ok");
}

BOOST_AUTO_TEST_CASE(a_pause_during_begin_cancels_the_run) {
  fixture f;
  f.s->wait_in_begin = true;
  f.spawn();
  caf::anon_send(f.job, run_atom::value, std::string("walk"));
  BOOST_REQUIRE(f.wait_for([](const net::job_info& j) { return j.current == "planning"; }));
  f.board->request_pause("test", true);
  BOOST_REQUIRE(f.wait_finished());
  BOOST_TEST((f.info().last_status == net::run_outcome::cancelled));
  BOOST_TEST(f.info().last_message == "test: test: cancelled");
  BOOST_TEST(f.runs().at(0).status == "cancelled");
  BOOST_TEST(f.s->count("step 0") == 0u);
}

BOOST_AUTO_TEST_CASE(a_failed_begin_fails_the_run) {
  fixture f;
  f.s->fail_begin = true;
  f.spawn();
  caf::anon_send(f.job, run_atom::value, std::string("walk"));
  BOOST_REQUIRE(f.wait_finished());
  BOOST_TEST((f.info().last_status == net::run_outcome::failed));
  BOOST_TEST(f.info().last_message == "test: begin: down");
  BOOST_TEST(f.runs().at(0).status == "failed");
}

BOOST_AUTO_TEST_CASE(runs_that_cannot_start_leave_no_row) {
  {
    fixture f;  // planning fails
    f.s->fail_plan = true;
    f.spawn();
    caf::anon_send(f.job, run_atom::value, std::string("walk"));
    BOOST_REQUIRE(f.wait_finished());
    BOOST_TEST((f.info().last_status == net::run_outcome::failed));
    BOOST_TEST(f.info().last_message == "planning: no");
    BOOST_TEST(f.runs().empty());
  }
  {
    fixture f;  // a job it does not run
    f.spawn();
    caf::anon_send(f.job, run_atom::value, std::string("sprint"));
    BOOST_REQUIRE(f.wait_finished());
    BOOST_TEST(f.info().last_message == "unknown job \"sprint\" (known: walk, crawl)");
    BOOST_TEST(f.runs().empty());
  }
  {
    fixture f;  // paused before it began
    f.spawn();
    f.board->request_pause("test", true);
    caf::anon_send(f.job, run_atom::value, std::string("walk"));
    BOOST_REQUIRE(
        f.wait_for([](const net::job_info& j) { return j.state == net::job_state::paused; }));
    BOOST_TEST(f.info().last_message == "not started: paused");
    BOOST_TEST(!f.info().last_status.has_value());
    BOOST_TEST(f.runs().empty());
  }
  {
    fixture f;  // off
    f.spawn(false);
    BOOST_TEST((f.info().state == net::job_state::off));
    caf::anon_send(f.job, run_atom::value, std::string("walk"));
    caf::anon_send(f.job, tick_atom::value);
    std::this_thread::sleep_for(milliseconds(100));
    BOOST_TEST((f.info().state == net::job_state::off));
    BOOST_TEST(f.info().last_message.empty());
    BOOST_TEST(f.runs().empty());
    BOOST_TEST(f.s->count("plan walk 0") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(the_daily_job_is_scheduled_and_the_actor_named_for_its_source) {
  fixture f;
  f.spawn(true, true, kTvmazeSyncActor);
  BOOST_REQUIRE(f.wait_for([](const net::job_info& j) { return j.next_run_ts != 0; }));
  BOOST_TEST(f.info().next_run_ts == sync::next_daily_run(kNow, 4));
  const auto meters = meters_of(*f.sys);
  BOOST_REQUIRE(meters != nullptr);
  bool listed = false;
  for (const auto& t : meters->totals()) listed = listed || (t.name == "tvmaze_sync");
  BOOST_TEST(listed);

  // A tick runs the daily job.
  caf::anon_send(f.job, tick_atom::value);
  BOOST_REQUIRE(f.wait_finished());
  BOOST_TEST(f.info().job == "walk");
  BOOST_TEST(f.runs().at(0).kind == "walk_kind");
}
