// Behavioural case for any store backend: a write that returned ok survives the process being
// killed with SIGKILL, with no close, flush or destructor ever running.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "test/storage/store_fixture.hpp"

namespace recs::storage::testing {

namespace {

constexpr char written = 'W';
constexpr char failed = 'F';

// Runs in the forked child: only async-signal-safe exits, never back into Boost.Test.
[[noreturn]] void child_writes_then_waits(test_backend& backend, std::int64_t profile_id,
                                          int out_fd) {
  char verdict_byte = failed;
  auto s = backend.open();
  if (s.ok() && (*s)->migrate().ok()) {
    rating r;
    r.profile_id = profile_id;
    r.show_id = "tt2560140";
    r.primary = verdict::loved;
    r.score = 9;
    r.ts = 1720000000;
    const bool ok = (*s)->put_rating(r).ok() && (*s)->set_meta("last_write", "child").ok() &&
                    (*s)->put_note(profile_id, note{"tt2560140", "acked", 1720000001}).ok();
    if (ok) verdict_byte = written;
  }
  if (write(out_fd, &verdict_byte, 1) != 1) _exit(2);
  if (verdict_byte != written) _exit(1);
  for (;;) pause();  // the store stays open until the parent kills us
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_durability, store_fixture)

BOOST_AUTO_TEST_CASE(acknowledged_rating_survives_sigkill) {
  auto h = homes().create_household("Home", "ross@example.com", {});
  BOOST_REQUIRE(h.ok());
  auto p = homes().create_profile(h->id, "Ross", maturity::r18);
  BOOST_REQUIRE(p.ok());
  const std::int64_t profile_id = p->id;
  close();  // no connection of ours is carried across fork()

  int fds[2];
  BOOST_REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    child_writes_then_waits(*backend, profile_id, fds[1]);
  }
  ::close(fds[1]);
  char byte = 0;
  const ssize_t n = read(fds[0], &byte, 1);
  ::close(fds[0]);
  BOOST_TEST(kill(child, SIGKILL) == 0);
  int wstatus = 0;
  BOOST_REQUIRE(waitpid(child, &wstatus, 0) == child);
  BOOST_REQUIRE_MESSAGE(n == 1 && byte == written, "the child could not write its rating");
  BOOST_TEST(WIFSIGNALED(wstatus));
  BOOST_TEST(WTERMSIG(wstatus) == SIGKILL);

  reopen();
  auto list = taste().ratings(profile_id);
  BOOST_REQUIRE_MESSAGE(list.ok(), describe(list));
  BOOST_REQUIRE(list->size() == 1u);
  BOOST_TEST(list->front().show_id == "tt2560140");
  BOOST_TEST((list->front().primary == verdict::loved));
  BOOST_TEST(list->front().score.value_or(-1) == 9);
  auto marker = meta().get_meta("last_write");
  BOOST_REQUIRE(marker.ok());
  BOOST_TEST(marker->value_or("") == "child");
  BOOST_TEST(taste().notes(profile_id)->size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace recs::storage::testing
