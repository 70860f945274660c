// recs-ws-probe: opens GET /ws with the given headers, sends each message in turn and prints what
// the server answers, for the shell tests that check who may do what over /ws.
//
//   recs-ws-probe <port> [-H 'Name: value']... [-w first_ms=1500] [-r] [message]...
//
// -r waits for a first server message (`ready` of a credential on the upgrade) before sending.
// After each message it waits up to first_ms for an answer, then for more until 300 ms pass
// without one. Prints "upgrade <status> <refusal body>", then "> <sent>" and "< <received>"
// lines, and at last "closed <code>" or "open". Exit status 0, or 1 when the connection could
// not be made at all.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "test/support/ws_client.hpp"

namespace {

/// Prints every message that arrives within `first_ms`, then within 300 ms of the previous one.
void drain(recs::test::ws_client& ws, int first_ms) {
  int wait = first_ms;
  while (auto msg = ws.receive(wait)) {
    std::cout << "< " << *msg << std::endl;
    wait = 300;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: recs-ws-probe <port> [-H 'Name: value']... [-w ms] [-r] [message]...\n";
    return 2;
  }
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> messages;
  int first_ms = 1500;
  bool wait_ready = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-H" && i + 1 < argc) {
      const std::string h = argv[++i];
      const auto colon = h.find(':');
      if (colon == std::string::npos) continue;
      const auto start = h.find_first_not_of(' ', colon + 1);
      headers.emplace_back(h.substr(0, colon),
                           start == std::string::npos ? std::string() : h.substr(start));
    } else if (a == "-w" && i + 1 < argc) {
      first_ms = std::atoi(argv[++i]);
    } else if (a == "-r") {
      wait_ready = true;
    } else {
      messages.push_back(a);
    }
  }
  recs::test::ws_client ws(port, "/ws", headers);
  std::cout << "upgrade " << ws.status() << " " << ws.refusal() << std::endl;
  if (ws.status() == 0) return 1;
  if (ws.status() == 101) {
    if (wait_ready) drain(ws, first_ms);
    for (const auto& m : messages) {
      if (ws.closed()) break;
      std::cout << "> " << m << std::endl;
      if (!ws.send_text(m)) break;
      drain(ws, first_ms);
    }
  }
  if (ws.closed())
    std::cout << "closed " << ws.close_code() << std::endl;
  else
    std::cout << "open" << std::endl;
  return 0;
}
