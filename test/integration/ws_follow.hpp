#pragma once
// The shared part of the command-line WebSocket clients of the shell tests (recs-ws-watch,
// recs-ws-alerts): connect to GET /ws with a bearer token, send one subscription, print every
// server message as "<unix ms> <json>" (stdout flushed per line).
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

#include "test/support/ws_client.hpp"

namespace recs::test {

inline long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Follows `subscription` on 127.0.0.1:`port` for `seconds`, printing what arrives; `name`
/// prefixes the error lines. Returns the exit status: 0 when a message containing `until`
/// arrived, or (without `until`) when the time is up; 1 when the connection could not be made,
/// was closed by the server, or the time ran out before `until` was seen.
inline int follow_ws(const char* name, std::uint16_t port, const std::string& token,
                     const std::string& subscription, int seconds, const std::string& until = "") {
  ws_client ws(port, "/ws", {{"Authorization", "Bearer " + token}});
  if (ws.status() != 101) {
    std::cerr << name << ": upgrade answered " << ws.status() << " " << ws.refusal() << "\n";
    return 1;
  }
  if (!ws.send_text(subscription)) {
    std::cerr << name << ": could not send the subscription\n";
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
      std::cerr << name << ": closed by the server (code " << ws.close_code() << ")\n";
      return 1;
    }
  }
  return until.empty() ? 0 : 1;
}

}  // namespace recs::test
