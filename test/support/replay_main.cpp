// recs-replay: a local HTTP(S) server that answers canned upstream responses, so that the
// service's sync code can be tested end to end without JustWatch, TVmaze or Serializd.
//
//   recs-replay --routes FILE [--host 127.0.0.1] [--port 0] [--scenario default]
//               [--tls] [--tls-cert-out PEM] [--port-file F]
//
// It prints the bound port alone on the first line of stdout (and writes it to --port-file,
// atomically, when given), then serves until SIGTERM or SIGINT, and exits 0. --tls serves HTTPS
// with a self-signed certificate made at start for localhost, 127.0.0.1 and ::1; --tls-cert-out
// writes that certificate (PEM) for the client to trust, and implies --tls.
//
// Routes file (JSON; body files are relative to the routes file's folder):
//
//   {
//     "comment": "optional, anywhere a route or response is",
//     "scenarios": {
//       "default": [
//         { "method": "POST", "path": "/graphql",
//           "body_contains": "\"operationName\":\"GetPopularTitles\"",
//           "responses": [
//             { "status": 429, "headers": {"Retry-After": "1"} },
//             { "body_file": "justwatch/popular_au_page1.json" } ] },
//         { "path": "/shows", "query": "page=2",
//           "response": { "status": 404, "body_json": {"name": "Not Found"} } },
//         { "path": "/lookup/shows?imdb=tt5875444", "response": { "body": "{}", "chunked": true } }
//       ],
//       "moved": [ ... ]
//     }
//   }
//
// A route: "method" (default GET), "path" (exact; a "?query" written in it is the same as
// "query"), "query" (exact query string; absent: any query matches), "body_contains" (a
// substring the request body must hold), and either "responses" (a non-empty array) or
// "response" (one). Each request a route matches takes its next response; the last repeats.
// The first matching route of the active scenario answers; none: 404 {"error": "no replay
// route", ...}.
// A response: "status" (default 200), "headers" ({"Name": "value"} or [["Name", "value"]];
// Content-Type defaults to application/json), one of "body" (a string), "body_file" or
// "body_json" (any JSON value, sent compact), "delay_ms" (wait before answering), "chunked"
// (send it chunked), "hangup" (close the connection after answering, without saying so),
// "drop" (close the connection without answering). Unknown keys are errors.
//
// Control endpoints (not logged):
//   POST /__replay/scenario?name=moved   answer from scenario "moved" (sequences restart)
//   GET  /__replay/scenario              {"scenario": "<active>"}
//   GET  /__replay/log                   [{"method", "target", "body" (first 200 bytes)}, ...]
//   POST /__replay/reset                 the initial scenario, fresh sequences, empty log
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "test/support/replay_routes.hpp"
#include "test/support/replay_server.hpp"
#include "test/support/replay_tls.hpp"

namespace {

constexpr const char* kUsage =
    "usage: recs-replay --routes FILE [--host ADDR] [--port N] [--scenario NAME]\n"
    "                   [--tls] [--tls-cert-out PEM] [--port-file F]\n"
    "  --routes FILE      routes file (format: the comment at the top of replay_main.cpp)\n"
    "  --host ADDR        address to listen on (default 127.0.0.1)\n"
    "  --port N           port (default 0: any free port; printed on stdout)\n"
    "  --scenario NAME    initial scenario (default \"default\")\n"
    "  --tls              serve HTTPS with a self-signed certificate for localhost/127.0.0.1/::1\n"
    "  --tls-cert-out PEM write that certificate to PEM (implies --tls)\n"
    "  --port-file F      also write the port to F (atomically)\n"
    "  --help             this text\n"
    "Stops cleanly on SIGTERM or SIGINT.\n";

struct args {
  std::string routes;
  std::string host = "127.0.0.1";
  long port = 0;
  std::string scenario = "default";
  bool tls = false;
  std::string cert_out;
  std::string port_file;
};

int fail(const std::string& why) {
  std::cerr << "recs-replay: " << why << "\n";
  return 2;
}

// 0 on success, 1 for --help, 2 for a bad command line (`why` says what).
int parse_args(int argc, char** argv, args& a, std::string& why) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return 1;
    if (arg == "--tls") {
      a.tls = true;
      continue;
    }
    if (i + 1 >= argc) {
      why = "missing value after " + std::string(arg);
      return 2;
    }
    const std::string value = argv[++i];
    if (arg == "--routes") {
      a.routes = value;
    } else if (arg == "--host") {
      a.host = value;
    } else if (arg == "--port") {
      char* end = nullptr;
      a.port = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || a.port < 0 || a.port > 65535) {
        why = "--port must be a number in 0-65535";
        return 2;
      }
    } else if (arg == "--scenario") {
      a.scenario = value;
    } else if (arg == "--tls-cert-out") {
      a.cert_out = value;
      a.tls = true;
    } else if (arg == "--port-file") {
      a.port_file = value;
    } else {
      why = "unknown option " + std::string(arg);
      return 2;
    }
  }
  if (a.routes.empty()) {
    why = "--routes FILE is required";
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace recs::test;
  args a;
  std::string why;
  switch (parse_args(argc, argv, a, why)) {
    case 0:
      break;
    case 1:
      std::cout << kUsage;
      return 0;
    default:
      std::cerr << kUsage;
      return fail(why);
  }
  auto scenarios = load_replay_routes(a.routes);
  if (!scenarios) return fail(scenarios.err().message);

  // Signals are taken by sigwait below; every thread started from here on inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t blocked = stop_signals;
  sigaddset(&blocked, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

  replay_options opts;
  opts.host = a.host;
  opts.port = static_cast<std::uint16_t>(a.port);
  opts.initial_scenario = a.scenario;
  if (a.tls) {
    auto id = make_self_signed({"localhost", "127.0.0.1", "::1"});
    if (!id) return fail(id.err().message);
    if (!a.cert_out.empty()) {
      if (auto st = write_text_file(a.cert_out, id->cert_pem); !st) return fail(st.err().message);
    }
    opts.tls = std::move(*id);
  }
  replay_server server(std::move(*scenarios), opts);
  if (auto st = server.start(); !st) return fail(st.err().message);

  if (!a.port_file.empty()) {
    const std::string tmp = a.port_file + ".tmp";
    if (auto st = write_text_file(tmp, std::to_string(server.port()) + "\n"); !st) {
      return fail(st.err().message);
    }
    if (std::rename(tmp.c_str(), a.port_file.c_str()) != 0) {
      return fail("cannot rename " + tmp + " to " + a.port_file);
    }
  }
  std::cout << server.port() << std::endl;
  std::cerr << "recs-replay: serving " << a.routes << " on " << server.base_url() << " (scenario "
            << a.scenario << ")" << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::cerr << "recs-replay: stopping on signal " << sig << std::endl;
  server.stop();
  return 0;
}
