// recs-ws-alerts: follows the recent alerts over GET /ws ({"type":"subscribe_alerts"}, admins)
// and prints every server message on its own line, prefixed with the wall-clock time it arrived
// (unix milliseconds), for the shell tests.
//
//   recs-ws-alerts <port> <token> [seconds=60] [until=SUBSTRING]
//
// Prints "<ms> <json>" lines (stdout flushed per line). Exit status 0 when a message containing
// SUBSTRING arrived (without one: when the time is up), 1 when the connection could not be made,
// ended early, or the time ran out before SUBSTRING was seen.
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
  if (argc < 3) {
    std::cerr << "usage: recs-ws-alerts <port> <token> [seconds=60] [until=SUBSTRING]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const std::string token = argv[2];
  const int seconds = argc > 3 ? std::atoi(argv[3]) : 60;
  const std::string until = argc > 4 ? argv[4] : "";

  recs::test::ws_client ws(port, "/ws", {{"Authorization", "Bearer " + token}});
  if (ws.status() != 101) {
    std::cerr << "recs-ws-alerts: upgrade answered " << ws.status() << " " << ws.refusal() << "\n";
    return 1;
  }
  if (!ws.send_text(R"({"type":"subscribe_alerts"})")) {
    std::cerr << "recs-ws-alerts: could not send the subscription\n";
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
      if (!until.empty() && msg->find(until) != std::string::npos) return 0;
      continue;
    }
    if (ws.closed()) {
      std::cerr << "recs-ws-alerts: closed by the server (code " << ws.close_code() << ")\n";
      return 1;
    }
  }
  return until.empty() ? 0 : 1;
}
