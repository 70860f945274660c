// recs-ws-watch: follows one slate over GET /ws and prints every server message on its own line,
// prefixed with the wall-clock time it arrived (unix milliseconds), for the shell tests.
//
//   recs-ws-watch <port> <token> <for> [seconds=60] [limit=10] [only_my_services=false]
//
// Prints "<ms> <json>" lines (stdout flushed per line) until `seconds` have passed or the server
// closes the connection. Exit status 0 after the time is up, 1 when the connection could not be
// made or ended early.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "test/integration/ws_follow.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: recs-ws-watch <port> <token> <for> [seconds=60] [limit=10] "
                 "[only_my_services=false]\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const std::string who = argv[3];
  const int seconds = argc > 4 ? std::atoi(argv[4]) : 60;
  const int limit = argc > 5 ? std::atoi(argv[5]) : 10;
  const bool only_mine = argc > 6 && std::string(argv[6]) == "true";
  // `who` is a profile name or id: plain text in the tests, no JSON escaping needed.
  const std::string subscription = R"({"type":"subscribe","id":"w","for":")" + who +
                                   R"(","limit":)" + std::to_string(limit) +
                                   (only_mine ? R"(,"only_my_services":true})" : std::string("}"));
  return recs::test::follow_ws("recs-ws-watch", port, argv[2], subscription, seconds);
}
