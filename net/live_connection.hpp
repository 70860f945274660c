#pragma once

// One connection of the live hub (net/live_hub.hpp): internal to the hub.

#include <rapidjson/document.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "net/live_hub.hpp"

namespace recs::net {

/// A WebSocket connection to /ws: authenticates, then handles the client's messages (docs/ws.md)
/// one at a time, keeping its subscriptions; the hub pushes slates and alerts through it.
class live_hub::connection : public ws_listener,
                             public std::enable_shared_from_this<live_hub::connection> {
 public:
  connection(std::weak_ptr<live_hub> hub, std::shared_ptr<ws_connection> ws)
      : hub_(std::move(hub)), ws_(std::move(ws)) {}

  /// Resolves `c` (the upgrade's credential, or an auth message's token); messages that come
  /// meanwhile wait, in order, and run once it is known.
  void authenticate(credential c);

  bool send(std::string text) { return ws_->send(std::move(text)); }
  /// Sends one slate message; `body` is not copied.
  bool send_slate(std::string head, slate_body body);
  /// Sends one alerts message; `rest` (the log's JSON after its opening brace) is not copied.
  bool send_alerts(std::shared_ptr<const std::string> rest);

  /// Checks the credential again after its household's accounts or profiles changed (the
  /// credential cache has dropped the household's entries by then): a revoked credential, a
  /// removed member or a deleted household closes the connection (1008); after a household
  /// change the client gets the profiles again, and subscriptions to deleted profiles end.
  void recheck(bool profiles_changed);

  void on_text(std::string text) override;
  void on_closed() override;

 private:
  void reply(std::string text) { ws_->send(std::move(text)); }
  /// {"type":<type>,"household":..,"profiles":[{"id":..,"name":..},...]}: "ready" after
  /// authenticating, "profiles" after a household change.
  void profiles_message(std::string_view type);
  void handle(std::string text);
  void authenticate_with(live_hub& hub, const rapidjson::Value& d);
  void authenticated(result<account_ref> a);
  void rechecked(result<account_ref> a, bool profiles_changed);
  /// Ends the subscriptions to a profile the household no longer has (a not_found error each).
  void drop_deleted_profiles(live_hub& hub);
  void subscribe(live_hub& hub, const rapidjson::Value& d);
  void unsubscribe(live_hub& hub, const rapidjson::Value& d);
  /// What a subscription is (a read), admitted for `a`.
  static result<caller> admit_reader(const live_hub& hub, const result<account_ref>& a);

  std::weak_ptr<live_hub> hub_;
  std::shared_ptr<ws_connection> ws_;
  static constexpr std::size_t max_waiting = 16;
  // Messages are handled one at a time, on the connection's strand or on the thread that
  // resolved its credential; recursive, as a credential may resolve at once, in the caller.
  std::recursive_mutex mu_;
  bool authenticating_ = false;
  std::vector<std::string> waiting_;  // messages that came while authenticating
  std::optional<credential> cred_;    // what authenticated it, checked again on revocations
  std::optional<caller> who_;
  std::unordered_map<std::string, slate_query> subs_;  // by subscription id
  bool following_alerts_ = false;
};

}  // namespace recs::net
