#include "test/redis/redis_server_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace recs::redis::testing {
namespace {

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string script_path() {
  const char* root = std::getenv("RECS_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(root != nullptr, "RECS_SOURCE_DIR is not set (run through ctest)");
  return std::string(root) + "/test/support/redis_server.sh";
}

/// Runs `command` through the shell; its stdout, and its exit status in `status`.
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  BOOST_REQUIRE_MESSAGE(p != nullptr, "cannot run " + command);
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  int raw = ::pclose(p);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

}  // namespace

redis_server::redis_server(std::vector<std::string> extra_args)
    : script_(script_path()), args_(std::move(extra_args)) {
  auto base = std::filesystem::temp_directory_path() / "recs-redis-XXXXXX";
  std::string tmpl = base.string();
  BOOST_REQUIRE_MESSAGE(::mkdtemp(tmpl.data()) != nullptr, "mkdtemp failed");
  dir_ = tmpl;
  restart();
}

redis_server::~redis_server() {
  // No BOOST_REQUIRE here: a destructor must not throw.
  int status = 0;
  run("bash " + shell_quoted(script_) + " stop " + shell_quoted(dir_), status);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string redis_server::script(const std::string& command) const {
  // The owner PID lets the script's watcher stop the daemon should this process die mid-test.
  std::string line = "REDIS_OWNER_PID=" + std::to_string(::getpid()) + " bash " +
                     shell_quoted(script_) + " " + command + " " + shell_quoted(dir_);
  if (command == "start") {
    for (const auto& a : args_) line += " " + shell_quoted(a);
  }
  int status = 0;
  auto out = run(line, status);
  if (status == 2) {
    BOOST_FAIL(
        "redis-server is not installed: run `make deps-test` (Debian package "
        "redis-server); these tests need a real throwaway Redis");
  }
  BOOST_REQUIRE_MESSAGE(status == 0, "test/support/redis_server.sh " + command + " failed (exit " +
                                         std::to_string(status) + "); see " + dir_ + "/redis.log");
  return out;
}

void redis_server::restart() {
  auto out = script("start");
  port_ = std::atoi(out.c_str());
  BOOST_REQUIRE_MESSAGE(port_ > 0, "redis_server.sh start printed no port: " + out);
}

void redis_server::stop() {
  script("stop");
}

int redis_server::pid() const {
  std::ifstream in(dir_ + "/redis.pid");
  int pid = 0;
  in >> pid;
  BOOST_REQUIRE_MESSAGE(pid > 0, "no redis.pid in " + dir_);
  return pid;
}

void redis_server::freeze() {
  BOOST_REQUIRE(::kill(pid(), SIGSTOP) == 0);
}

void redis_server::thaw() {
  BOOST_REQUIRE(::kill(pid(), SIGCONT) == 0);
}

redis_url redis_server::url(const std::string& password, int db) const {
  redis_url u;
  u.host = "127.0.0.1";
  u.port = port_;
  u.password = password;
  u.db = db;
  return u;
}

}  // namespace recs::redis::testing
