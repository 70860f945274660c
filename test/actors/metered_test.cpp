// Metered actors: what they are sent and handle is counted per actor name, readable from any
// thread; mailbox depth is the difference; ended actors keep their counts in the totals. And the
// service's sync metrics count finished runs and failed titles from the board's changes.
#define BOOST_TEST_MODULE actors_metered
#include <boost/test/unit_test.hpp>

#include <caf/all.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "actors/atoms.hpp"
#include "actors/metered.hpp"
#include "actors/service_metrics.hpp"

using namespace recs;
using namespace recs::actors;

namespace {

using echo_actor =
    caf::typed_actor<caf::replies_to<info_atom, int>::with<int>, caf::reacts_to<train_atom>>;

struct echo_state {
  static inline const char* name = "echo";
};

/// Answers info with its argument; `train` blocks until the gate opens (to fill the mailbox).
echo_actor::behavior_type echo_impl(metered_pointer<echo_actor, echo_state> self,
                                    std::shared_future<void> gate) {
  (void)self;
  return {
      [](info_atom, int x) { return x; },
      [gate](train_atom) { gate.wait(); },
  };
}

meter_totals totals_of(actor_meters& m, const std::string& name) {
  for (const auto& t : m.totals())
    if (t.name == name) return t;
  return {};
}

template <class F>
bool eventually(F&& f) {
  for (int i = 0; i < 500; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return f();
}

}  // namespace

BOOST_AUTO_TEST_CASE(counts_sent_and_handled_messages_per_name) {
  system_config cfg;
  auto meters = cfg.meters;
  caf::actor_system sys{cfg};
  std::promise<void> open;
  std::shared_future<void> gate = open.get_future().share();
  auto a = sys.spawn<caf::detached>(echo_impl, gate);
  auto b = sys.spawn(echo_impl, gate);
  caf::scoped_actor self{sys};
  for (int i = 0; i < 10; ++i) {
    self->request(b, std::chrono::seconds(5), info_atom::value, i)
        .receive([&](int x) { BOOST_TEST(x == i); }, [](caf::error&) { BOOST_FAIL("no reply"); });
  }
  auto t = totals_of(*meters, "echo");
  BOOST_TEST(t.instances == 2u);
  BOOST_TEST(t.processed == 10u);
  BOOST_TEST(t.mailbox == 0u);

  // A blocked actor: what waits behind the blocking message is its mailbox.
  self->send(a, train_atom::value);
  for (int i = 0; i < 5; ++i) self->send(a, info_atom::value, i);
  BOOST_TEST(eventually([&] { return totals_of(*meters, "echo").mailbox == 5u; }));
  open.set_value();
  BOOST_TEST(eventually([&] { return totals_of(*meters, "echo").mailbox == 0u; }));
  BOOST_TEST(totals_of(*meters, "echo").processed == 16u);

  // An ended actor leaves the instance count; what it handled stays in the total.
  self->send_exit(b, caf::exit_reason::user_shutdown);
  BOOST_TEST(eventually([&] { return totals_of(*meters, "echo").instances == 1u; }));
  BOOST_TEST(totals_of(*meters, "echo").processed >= 16u);
  const auto before = totals_of(*meters, "echo").processed;
  self->request(a, std::chrono::seconds(5), info_atom::value, 1)
      .receive([](int) {}, [](caf::error&) { BOOST_FAIL("no reply"); });
  BOOST_TEST(totals_of(*meters, "echo").processed == before + 1);
  self->send_exit(a, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_plain_system_counts_without_registering) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  BOOST_TEST(!meters_of(sys));
  std::promise<void> open;
  open.set_value();
  auto a = sys.spawn(echo_impl, open.get_future().share());
  caf::scoped_actor self{sys};
  self->request(a, std::chrono::seconds(5), info_atom::value, 7)
      .receive([](int x) { BOOST_TEST(x == 7); }, [](caf::error&) { BOOST_FAIL("no reply"); });
  self->send_exit(a, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(sync_runs_durations_and_failures_from_board_changes) {
  auto reg = std::make_shared<metrics::registry>();
  auto cache = std::make_shared<tiered_slate_cache>(
      std::make_shared<slate_cache>(16, std::chrono::seconds(60)), [] { return 1u; });
  auto m = service_metrics::create(reg, cache, nullptr);
  BOOST_REQUIRE(m.ok());
  auto& s = **m;
  net::job_info idle;
  idle.source = "justwatch";
  idle.state = net::job_state::idle;
  net::job_info run = idle;
  run.state = net::job_state::running;
  run.run_id = 7;
  run.started_ts = 1000;
  s.record_sync(idle, run);  // a run starts: nothing finished
  net::job_info progress = run;
  progress.failed = 2;
  s.record_sync(run, progress);
  net::job_info more = progress;
  more.failed = 3;
  s.record_sync(progress, more);
  net::job_info done = more;
  done.state = net::job_state::idle;
  done.last_status = net::run_outcome::partial;
  done.last_finished_ts = 1042;
  s.record_sync(more, done);
  s.record_sync(done, done);  // an unrelated update (e.g. next_run_ts) counts nothing
  // A planning failure: never running, but a finished (failed) run.
  net::job_info planned = done;
  planned.last_status = net::run_outcome::failed;
  planned.last_finished_ts = 2000;
  s.record_sync(done, planned);

  BOOST_TEST(s.sync_failures->with({"justwatch"}).value() == 3.0);
  BOOST_TEST(s.sync_runs->with({"justwatch", "partial"}).value() == 1.0);
  BOOST_TEST(s.sync_runs->with({"justwatch", "failed"}).value() == 1.0);
  const auto d = s.sync_seconds->with({"justwatch"}).read();
  BOOST_TEST(d.count == 1u);  // only the run that ran has a duration
  BOOST_TEST(d.sum == 42.0);

  // Scrape-time families: the local cache's counters are mirrored, Redis absent.
  BOOST_TEST(!cache->local()->get("k").has_value());
  const auto text = reg->render();
  BOOST_TEST(text.find("recs_cache_misses_total{level=\"local\"} 1\n") != std::string::npos, text);
  BOOST_TEST(text.find("level=\"redis\"") == std::string::npos, text);
}
