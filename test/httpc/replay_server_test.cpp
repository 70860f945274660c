#define BOOST_TEST_MODULE httpc_replay_server
#include "test/support/replay_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <rapidjson/document.h>

#include "httpc/http_client.hpp"

extern char** environ;

using namespace std::chrono_literals;
using recs::errc;
using recs::httpc::http_client;
using recs::httpc::request;
using recs::test::answer;
using recs::test::load_replay_routes;
using recs::test::parse_replay_routes;
using recs::test::replay_server;
using recs::test::route;

namespace {

struct temp_dir {
  std::string path;
  temp_dir() {
    char pattern[] = "/tmp/recs-replay-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    BOOST_REQUIRE(made != nullptr);
    path = made;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const std::string p = path + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    BOOST_REQUIRE(recs::test::write_text_file(p, content).ok());
    return p;
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

constexpr const char* kRoutes = R"({
  "comment": "two scenarios",
  "scenarios": {
    "default": [
      {"method": "POST", "path": "/graphql", "body_contains": "\"operationName\":\"GetProviders\"",
       "response": {"body_file": "justwatch/providers.json"}},
      {"method": "POST", "path": "/graphql",
       "responses": [{"status": 429, "headers": {"Retry-After": "1"}},
                     {"body_json": {"data": {"popular": [1, 2]}}}]},
      {"path": "/shows?page=1", "response": {"body": "[1]", "chunked": true}},
      {"path": "/shows", "response": {"status": 404, "headers": [["X-Why", "end"], ["X-Why", "again"]]}},
      {"path": "/slow", "response": {"delay_ms": 10, "hangup": true}},
      {"path": "/drop", "response": {"drop": true}}
    ],
    "moved": [
      {"path": "/shows", "response": {"body": "[\"moved\"]"}}
    ]
  }
})";

request get(const std::string& url) {
  request r;
  r.url = url;
  return r;
}

request post(const std::string& url, const std::string& body) {
  request r;
  r.method = "POST";
  r.url = url;
  r.body = body;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_routes_file_is_read_with_its_body_files) {
  temp_dir dir;
  dir.write("justwatch/providers.json", "{\"data\":{\"packages\":[]}}");
  auto s = load_replay_routes(dir.write("routes.json", kRoutes));
  BOOST_REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.err().message));
  BOOST_REQUIRE(s->size() == 2u);
  const auto& routes = s->at("default");
  BOOST_REQUIRE(routes.size() == 6u);
  BOOST_TEST(routes[0].method == "POST");
  BOOST_TEST(routes[0].body_contains == "\"operationName\":\"GetProviders\"");
  BOOST_TEST(routes[0].responses.at(0).body == "{\"data\":{\"packages\":[]}}");
  BOOST_TEST(routes[1].responses.size() == 2u);
  BOOST_TEST(routes[1].responses[0].status == 429);
  BOOST_TEST(routes[1].responses[1].body == "{\"data\":{\"popular\":[1,2]}}");
  BOOST_TEST(routes[2].method == "GET");
  BOOST_TEST(routes[2].path == "/shows");
  BOOST_TEST(routes[2].query.value() == "page=1");
  BOOST_TEST(routes[2].responses[0].chunked);
  BOOST_TEST(!routes[3].query.has_value());
  BOOST_TEST(routes[3].responses[0].headers.size() == 2u);
  BOOST_TEST(routes[4].responses[0].delay_ms == 10);
  BOOST_TEST(routes[4].responses[0].hangup);
  BOOST_TEST(routes[5].responses[0].drop);
}

BOOST_AUTO_TEST_CASE(bad_routes_files_say_where) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "not JSON"},
      {"[]", "must be an object"},
      {R"({"scenarios": {}})", "non-empty"},
      {R"({"scenarios": {"default": [{"path": "/x", "response": {"stauts": 200}}]}})",
       "scenarios.default[0].response: unknown key \"stauts\""},
      {R"({"scenarios": {"default": [{"response": {}}]}})", "path is required"},
      {R"({"scenarios": {"default": [{"path": "x", "response": {}}]}})", "start with '/'"},
      {R"({"scenarios": {"default": [{"path": "/x"}]}})", "exactly one of"},
      {R"({"scenarios": {"default": [{"path": "/x", "responses": []}]}})", "non-empty array"},
      {R"({"scenarios": {"default": [{"path": "/x", "response": {"body": "", "body_file": "a"}}]}})",
       "at most one"},
      {R"({"scenarios": {"default": [{"path": "/x", "response": {"body_file": "nope.json"}}]}})",
       "cannot read"},
      {R"({"scenarios": {"default": [{"path": "/x", "response": {"status": 99}}]}})", "100-599"},
      {R"({"scenarios": {"default": [{"path": "/x", "response": {"chunked": 1}}]}})",
       "true or false"},
      {R"({"scenarios": {"s": [{"path": "/x", "responses": [{}, {"delay_ms": -1}]}]}})",
       "scenarios.s[0].responses[1]: delay_ms"},
  };
  for (const auto& [json, expected] : cases) {
    auto s = parse_replay_routes(json, "/tmp");
    BOOST_REQUIRE_MESSAGE(!s.ok(), json);
    BOOST_TEST((s.err().code == errc::invalid_argument));
    BOOST_TEST(s.err().message.find(expected) != std::string::npos,
               s.err().message << " should say " << expected);
  }
  BOOST_TEST(!load_replay_routes("/nonexistent/routes.json").ok());
}

BOOST_AUTO_TEST_CASE(routes_sequences_scenarios_and_control_endpoints) {
  temp_dir dir;
  dir.write("justwatch/providers.json", "{\"data\":{\"packages\":[]}}");
  auto s = load_replay_routes(dir.write("routes.json", kRoutes));
  BOOST_REQUIRE(s.ok());
  replay_server server(std::move(*s));
  BOOST_REQUIRE(server.start().ok());
  http_client client;
  const std::string base = server.base_url();

  // body_contains tells GraphQL operations apart; a sequence's last answer repeats.
  auto providers = client.send(post(base + "/graphql", "{\"operationName\":\"GetProviders\"}"));
  BOOST_REQUIRE(providers.ok());
  BOOST_TEST(providers->body == "{\"data\":{\"packages\":[]}}");
  auto popular = client.send(post(base + "/graphql", "{\"operationName\":\"GetPopularTitles\"}"));
  BOOST_REQUIRE(popular.ok());
  BOOST_TEST(popular->status == 429);
  BOOST_TEST(popular->header("retry-after") == "1");
  for (int i = 0; i < 2; ++i) {
    auto again = client.send(post(base + "/graphql", "{}"));
    BOOST_REQUIRE(again.ok());
    BOOST_TEST(again->status == 200);
  }

  // Exact query first, then the route that ignores the query.
  auto page1 = client.send(get(base + "/shows?page=1"));
  BOOST_REQUIRE(page1.ok());
  BOOST_TEST(page1->body == "[1]");
  BOOST_TEST(page1->header("transfer-encoding") == "chunked");
  auto page2 = client.send(get(base + "/shows?page=2"));
  BOOST_REQUIRE(page2.ok());
  BOOST_TEST(page2->status == 404);
  BOOST_TEST(page2->header("x-why") == "end");
  auto nothing = client.send(get(base + "/nothing"));
  BOOST_REQUIRE(nothing.ok());
  BOOST_TEST(nothing->status == 404);
  BOOST_TEST(nothing->body.find("no replay route") != std::string::npos);

  // Switch scenario over HTTP.
  auto moved = client.send(post(base + "/__replay/scenario?name=moved", ""));
  BOOST_REQUIRE(moved.ok());
  BOOST_TEST(moved->status == 200);
  BOOST_TEST(server.scenario() == "moved");
  auto unknown = client.send(post(base + "/__replay/scenario?name=nope", ""));
  BOOST_REQUIRE(unknown.ok());
  BOOST_TEST(unknown->status == 404);
  auto shows = client.send(get(base + "/shows?page=1"));
  BOOST_REQUIRE(shows.ok());
  BOOST_TEST(shows->body == "[\"moved\"]");

  // The log holds the requests (not the control ones), bodies cut at 200 bytes.
  BOOST_REQUIRE(client.send(post(base + "/big", std::string(300, 'b'))).ok());
  auto log = client.send(get(base + "/__replay/log"));
  BOOST_REQUIRE(log.ok());
  rapidjson::Document doc;
  doc.Parse(log->body.c_str());
  BOOST_REQUIRE(doc.IsArray());
  BOOST_REQUIRE(doc.Size() == 9u);
  BOOST_TEST(std::string(doc[0]["method"].GetString()) == "POST");
  BOOST_TEST(std::string(doc[0]["target"].GetString()) == "/graphql");
  BOOST_TEST(std::string(doc[0]["body"].GetString()) == "{\"operationName\":\"GetProviders\"}");
  BOOST_TEST(std::string(doc[4]["target"].GetString()) == "/shows?page=1");
  BOOST_TEST(std::string(doc[8]["body"].GetString()).size() == 200u);

  // Reset: initial scenario, sequences restart, log empty.
  auto reset = client.send(post(base + "/__replay/reset", ""));
  BOOST_REQUIRE(reset.ok());
  BOOST_TEST(reset->status == 200);
  BOOST_TEST(server.scenario() == "default");
  BOOST_TEST(server.log().empty());
  auto first_again = client.send(post(base + "/graphql", "{}"));
  BOOST_REQUIRE(first_again.ok());
  BOOST_TEST(first_again->status == 429);
}

BOOST_AUTO_TEST_CASE(in_process_control) {
  replay_server server({{"default", {route("GET", "/a", {answer(200, "1"), answer(200, "2")})}},
                        {"other", {route("GET", "/a", {answer(200, "other")})}}});
  BOOST_REQUIRE(server.start().ok());
  http_client client;
  BOOST_TEST(client.send(get(server.base_url() + "/a"))->body == "1");
  BOOST_TEST(server.use_scenario("other").ok());
  BOOST_TEST((server.use_scenario("missing").err().code == errc::not_found));
  BOOST_TEST(client.send(get(server.base_url() + "/a"))->body == "other");
  server.reset();
  BOOST_TEST(client.send(get(server.base_url() + "/a"))->body == "1");
  BOOST_TEST(client.send(get(server.base_url() + "/a"))->body == "2");
  BOOST_TEST(client.send(get(server.base_url() + "/a"))->body == "2");
  server.stop();
  server.stop();  // idempotent
  BOOST_TEST(!client.send(get(server.base_url() + "/a")).ok());
}

BOOST_AUTO_TEST_CASE(stop_ends_pending_delays_and_connections) {
  auto slow = answer(200);
  slow.delay_ms = 60000;
  replay_server server({{"default", {route("GET", "/slow", {slow})}}});
  BOOST_REQUIRE(server.start().ok());
  std::thread caller([url = server.base_url()] {
    http_client client;
    auto r = client.send(get(url + "/slow"));
    BOOST_TEST(!r.ok());
  });
  while (server.log().empty()) std::this_thread::sleep_for(10ms);
  const auto t0 = std::chrono::steady_clock::now();
  server.stop();
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < 10s));
  caller.join();
}

BOOST_AUTO_TEST_CASE(an_unknown_initial_scenario_is_refused) {
  recs::test::replay_options opts;
  opts.initial_scenario = "nope";
  replay_server server({{"default", {}}}, opts);
  auto st = server.start();
  BOOST_REQUIRE(!st.ok());
  BOOST_TEST((st.err().code == errc::invalid_argument));
}

namespace {

// Runs recs-replay with `args`; returns its pid.
pid_t spawn(const std::vector<std::string>& args, const std::string& out_file) {
  std::vector<std::string> all = {RECS_REPLAY_BIN};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, RECS_REPLAY_BIN, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  BOOST_REQUIRE(rc == 0);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_executable_serves_tls_and_stops_on_sigterm) {
  temp_dir dir;
  dir.write("justwatch/providers.json", "{\"data\":{\"packages\":[]}}");
  const std::string routes = dir.write("routes.json", kRoutes);
  const std::string port_file = dir.path + "/port";
  const std::string pem = dir.path + "/cert.pem";
  const pid_t pid =
      spawn({"--routes", routes, "--port", "0", "--tls-cert-out", pem, "--port-file", port_file},
            dir.path + "/stdout");
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!std::filesystem::exists(port_file) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  BOOST_REQUIRE(std::filesystem::exists(port_file));
  const std::string port = read(port_file).substr(0, read(port_file).find('\n'));
  BOOST_TEST(read(dir.path + "/stdout") == port + "\n");

  recs::httpc::client_options opts;
  opts.ca_file = pem;
  http_client client(opts);
  auto r = client.send(get("https://localhost:" + port + "/shows?page=1"));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.err().message));
  BOOST_TEST(r->body == "[1]");
  auto moved = client.send(post("https://127.0.0.1:" + port + "/__replay/scenario?name=moved", ""));
  BOOST_REQUIRE(moved.ok());
  BOOST_TEST(moved->status == 200);

  ::kill(pid, SIGTERM);
  BOOST_TEST(wait_exit(pid) == 0);
}

BOOST_AUTO_TEST_CASE(the_executable_explains_itself) {
  temp_dir dir;
  BOOST_TEST(wait_exit(spawn({"--help"}, dir.path + "/help")) == 0);
  BOOST_TEST(read(dir.path + "/help").find("--routes FILE") != std::string::npos);
  BOOST_TEST(wait_exit(spawn({}, dir.path + "/none")) == 2);
  BOOST_TEST(wait_exit(spawn({"--routes", "/nonexistent.json"}, dir.path + "/bad")) == 2);
  BOOST_TEST(wait_exit(spawn({"--routes", "x", "--port", "70000"}, dir.path + "/port")) == 2);
}
