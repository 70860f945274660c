#define BOOST_TEST_MODULE cli_progress
#include "cli/progress.hpp"

#include <boost/test/unit_test.hpp>

#include "cli/json_util.hpp"
#include "cli/table.hpp"

using namespace recs::cli;

namespace {

job_progress running(std::int64_t done, std::int64_t total, std::string current = "") {
  job_progress p;
  p.source = "justwatch";
  p.job = "daily_refresh";
  p.state = "running";
  p.total = total;
  p.done = done;
  p.changed = 3;
  p.current = std::move(current);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_job_is_read_from_the_api_json) {
  auto d = parse_json(R"({"source":"justwatch","job":"daily_refresh","state":"running",
    "enabled":true,"run_id":3,"started_ts":1764000000,
    "progress":{"total":200,"done":41,"changed":3,"failed":1,"current":"Slow Horses"},
    "last_run":{"status":"ok","message":"fine","finished_ts":1763913600},"next_run_ts":null})");
  BOOST_REQUIRE(d.ok());
  job_progress p = parse_job(*d);
  BOOST_TEST(p.source == "justwatch");
  BOOST_TEST(p.job == "daily_refresh");
  BOOST_TEST(p.state == "running");
  BOOST_TEST(p.run_id == 3);
  BOOST_TEST(p.started_ts == 1764000000);
  BOOST_TEST(p.total == 200);
  BOOST_TEST(p.done == 41);
  BOOST_TEST(p.changed == 3);
  BOOST_TEST(p.failed == 1);
  BOOST_TEST(p.current == "Slow Horses");
  BOOST_TEST(p.last_status == "ok");
  BOOST_TEST(p.last_message == "fine");
  BOOST_TEST(p.last_finished_ts == 1763913600);
  auto empty = parse_json("{}");
  BOOST_TEST(parse_job(*empty).total == 0);
}

BOOST_AUTO_TEST_CASE(a_run_is_over_when_the_job_rests) {
  job_progress p = running(1, 2);
  BOOST_TEST(!run_finished(p, 100));
  p.state = "stopping";
  BOOST_TEST(!run_finished(p, 100));
  p.state = "idle";
  BOOST_TEST(run_finished(p, 100));
  p.state = "off";
  BOOST_TEST(run_finished(p, 100));
  // Paused mid-run: waits for resume. Paused after the run ended: over.
  p.state = "paused";
  p.last_status = "ok";
  p.last_finished_ts = 50;
  BOOST_TEST(!run_finished(p, 100));
  p.last_finished_ts = 120;
  BOOST_TEST(run_finished(p, 100));
}

BOOST_AUTO_TEST_CASE(the_bar_fills_with_progress_and_fits_the_width) {
  const std::string half = render_bar(running(100, 200, "Slow Horses"), 80);
  BOOST_TEST(half.find("daily_refresh [") == 0u);
  BOOST_TEST(half.find("100/200  50%  3 changed  0 failed  Slow Horses") != std::string::npos);
  const auto open = half.find('['), close = half.find(']');
  const std::string cells = half.substr(open + 1, close - open - 1);
  BOOST_TEST(cells.size() >= 10u);
  BOOST_TEST(cells.size() <= 30u);
  BOOST_TEST(std::count(cells.begin(), cells.end(), '#') == static_cast<long>(cells.size() / 2));
  BOOST_TEST(display_width(half) <= 80u);

  const std::string full = render_bar(running(200, 200), 80);
  BOOST_TEST(full.find('-', full.find('[')) > full.find(']'));  // no empty cell left
  BOOST_TEST(full.find("100%") != std::string::npos);

  const std::string zero = render_bar(running(0, 200), 80);
  BOOST_TEST(zero.find("[#") == std::string::npos);

  // A long title is cut; a narrow terminal still gets a line within its width.
  const std::string long_title(200, 'x');
  BOOST_TEST(display_width(render_bar(running(5, 10, long_title), 70)) <= 70u);
  BOOST_TEST(render_bar(running(5, 10, long_title), 70).find("x...") != std::string::npos);
  BOOST_TEST(render_bar(running(5, 10, long_title), 58).find('x') == std::string::npos);
  BOOST_TEST(display_width(render_bar(running(5, 10, "Slow Horses"), 30)) <= 30u);

  // Unknown total, another state.
  job_progress planning = running(7, 0);
  planning.state = "stopping";
  BOOST_TEST(render_bar(planning, 80) == "daily_refresh (stopping)  7 done  3 changed  0 failed");
  for (char c : render_bar(running(5, 10, "T"), 80)) BOOST_TEST((c >= 32 && c < 127));
}

BOOST_AUTO_TEST_CASE(plain_and_finished_lines) {
  BOOST_TEST(render_plain(running(41, 200, "Slow Horses")) ==
             "daily_refresh: running 41/200 (20%), 3 changed, 0 failed, at \"Slow Horses\"");
  BOOST_TEST(render_plain(running(0, 0)) == "daily_refresh: running, 3 changed, 0 failed");
  job_progress done = running(200, 200);
  done.state = "idle";
  done.last_status = "partial";
  done.last_message = "stopped: rate limited";
  BOOST_TEST(render_finished(done) ==
             "daily_refresh finished: partial, 200/200 done, 3 changed, 0 failed\n"
             "stopped: rate limited\n");
}

BOOST_AUTO_TEST_CASE(on_a_terminal_the_bar_redraws_in_place_only_on_change) {
  progress_reporter r(true, 80);
  const std::string first = r.update(running(1, 10), 0);
  BOOST_TEST(first.front() == '\r');
  BOOST_TEST(first.find("\x1b[K") == first.size() - 3);
  BOOST_TEST(first.find('\n') == std::string::npos);
  BOOST_TEST(r.update(running(1, 10), 100).empty());
  BOOST_TEST(!r.update(running(2, 10), 200).empty());
  BOOST_TEST(r.finish() == "\n");
  BOOST_TEST(r.finish().empty());
  progress_reporter never(true, 80);
  BOOST_TEST(never.finish().empty());
}

BOOST_AUTO_TEST_CASE(elsewhere_plain_lines_come_at_most_every_interval) {
  progress_reporter r(false, 80, 5000);
  BOOST_TEST(r.update(running(1, 10), 0) ==
             "daily_refresh: running 1/10 (10%), 3 changed, 0 failed\n");
  BOOST_TEST(r.update(running(2, 10), 1000).empty());  // changed, but too soon
  BOOST_TEST(!r.update(running(3, 10), 5000).empty());
  BOOST_TEST(r.update(running(3, 10), 20000).empty());  // due, but nothing changed
  job_progress stopping = running(3, 10);
  stopping.state = "stopping";
  BOOST_TEST(!r.update(stopping, 20001).empty());  // a state change is written at once
  BOOST_TEST(r.finish().empty());
}
