// recs-ws-alerts: follows the recent alerts over GET /ws ({"type":"subscribe_alerts"}, admins)
// and prints every server message on its own line, prefixed with the wall-clock time it arrived
// (unix milliseconds), for the shell tests.
//
//   recs-ws-alerts <port> <token> [seconds=60] [until=SUBSTRING]
//
// Prints "<ms> <json>" lines (stdout flushed per line). Exit status 0 when a message containing
// SUBSTRING arrived (without one: when the time is up), 1 when the connection could not be made,
// ended early, or the time ran out before SUBSTRING was seen.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "test/integration/ws_follow.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: recs-ws-alerts <port> <token> [seconds=60] [until=SUBSTRING]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const int seconds = argc > 3 ? std::atoi(argv[3]) : 60;
  const std::string until = argc > 4 ? argv[4] : "";
  return recs::test::follow_ws("recs-ws-alerts", port, argv[2], R"({"type":"subscribe_alerts"})",
                               seconds, until);
}
