#pragma once

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "actors/service.hpp"
#include "net/http_server.hpp"
#include "net/live_hub.hpp"
#include "test/support/ws_client.hpp"

namespace recs::test {

/// How a live_fixture is set up; the defaults serve the slate tests.
struct live_fixture_options {
  /// mkdtemp template of the data folder.
  std::string dir_template = "/tmp/recs-live-XXXXXX";
  /// Emails treated as admins by the hub.
  std::vector<std::string> admin_emails;
  /// When set, the hub relays this sink's alerts (subscribe_alerts).
  std::shared_ptr<net::alert_sink> alerts;
};

/// Live updates in one process for tests: SQLite in a temp folder with the demo household and a
/// second household "Other" (other@x.test, profile "Solo"), the real actor service on the small
/// snapshot, the live hub (dev tokens) and the Beast server on a loopback port serving /ws.
struct live_fixture {
  std::filesystem::path dir;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<actors::service> svc;
  std::shared_ptr<net::live_hub> hub;
  std::unique_ptr<net::http_server> server;

  explicit live_fixture(const live_fixture_options& opts = {});
  ~live_fixture();
  live_fixture(const live_fixture&) = delete;
  live_fixture& operator=(const live_fixture&) = delete;

  /// The first collaborative model re-ranks open slates (reason "model") once it reaches the
  /// scorers, and the service is not to be stopped in the middle of a fit. The constructor waits
  /// for it, so the messages a test sees come from what the test does.
  void wait_for_first_model();

  /// A WebSocket client on /ws authenticated by the Authorization header, past its "ready".
  std::unique_ptr<ws_client> client(const char* auth);

  /// Puts a rating through the service and requires it to succeed.
  void rate(std::int64_t profile, const std::string& show, verdict v);
};

/// A received JSON message, required to be an object.
struct msg {
  rapidjson::Document d;
  explicit msg(const std::optional<std::string>& text, const std::string& where = "");
  /// "type", or "" when absent.
  std::string type() const;
  std::uint64_t version() const { return d["version"].GetUint64(); }
  /// The "id"s of "items".
  std::vector<std::string> ids() const;
};

}  // namespace recs::test
