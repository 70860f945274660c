// recs-ws-watch: follows one slate over GET /ws and prints every server message on its own line,
// prefixed with the wall-clock time it arrived (unix milliseconds), for the shell tests.
//
//   recs-ws-watch <port> <token> <for> [seconds=60] [limit=10] [only_my_services=false]
//
// Prints "<ms> <json>" lines (stdout flushed per line) until `seconds` have passed or the server
// closes the connection. Exit status 0 after the time is up, 1 when the connection could not be
// made or ended early.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "test/support/ws_client.hpp"

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: recs-ws-watch <port> <token> <for> [seconds=60] [limit=10] "
                 "[only_my_services=false]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const std::string token = argv[2];
  const std::string who = argv[3];
  const int seconds = argc > 4 ? std::atoi(argv[4]) : 60;
  const int limit = argc > 5 ? std::atoi(argv[5]) : 10;
  const bool only_mine = argc > 6 && std::string(argv[6]) == "true";

  recs::test::ws_client ws(port, "/ws", {{"Authorization", "Bearer " + token}});
  if (ws.status() != 101) {
    std::cerr << "recs-ws-watch: upgrade answered " << ws.status() << " " << ws.refusal() << "\n";
    return 1;
  }
  // `who` is a profile name or id: plain text in the tests, no JSON escaping needed.
  if (!ws.send_text(R"({"type":"subscribe","id":"w","for":")" + who + R"(","limit":)" +
                    std::to_string(limit) +
                    (only_mine ? R"(,"only_my_services":true})" : std::string("}")))) {
    std::cerr << "recs-ws-watch: could not send the subscription\n";
    return 1;
  }
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          end - std::chrono::steady_clock::now())
                          .count();
    auto msg = ws.receive(static_cast<int>(left > 1000 ? 1000 : left));
    if (msg) {
      std::cout << now_ms() << " " << *msg << std::endl;
      continue;
    }
    if (ws.closed()) {
      std::cerr << "recs-ws-watch: closed by the server (code " << ws.close_code() << ")\n";
      return 1;
    }
  }
  return 0;
}
