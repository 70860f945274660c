#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "net/alert_sink.hpp"
#include "net/auth.hpp"
#include "net/change_event.hpp"
#include "net/identity_port.hpp"
#include "net/slate_query.hpp"
#include "net/slates_port.hpp"
#include "net/ws_types.hpp"

namespace recs::net {

/// How the live-update hub admits connections.
struct live_options {
  /// Also the origins (auth.allowed_origins, e.g. "https://tv.example.org") a browser page may
  /// connect from, besides the service's own (the request's Host). A request without Origin
  /// (not a browser) is admitted; authentication decides the rest.
  auth_options auth;
  std::size_t max_subscriptions = 16;  ///< per connection
};

/// The server side of `GET /ws` (protocol in docs/ws.md). A connection authenticates (the
/// upgrade's credential: Authorization header, session cookie or trusted proxy header; or an
/// "auth" message with a token), then subscribes to slates of
/// its own household: one profile's, or a Family Mix. Subscribers of the same slate share one
/// topic, keyed like the slate cache (slate_query::key): on a change event (a rating, tag, note
/// or setting of a member; availability; a retrained model) the topic's slate is recomputed once
/// through the slates port and pushed to
/// every subscriber with a new version; after availability or a model only when it differs.
/// Versions increase over the hub's life, so a client that reconnects with its last version sees
/// whether it missed anything.
///
/// A connection lives only as long as its credential: when a household's accounts change (a
/// sign-out, a revoked token, a removed member, a deleted household) its connections check their
/// credential again and a refused one is closed (1008); when its profiles change, the clients
/// get them again ("profiles") and subscriptions to a deleted profile end.
///
/// Admins may also follow the recent Alertmanager alerts ({"type":"subscribe_alerts"}): the
/// alert log at once, then again after every change (connect_alerts).
class live_hub : public std::enable_shared_from_this<live_hub> {
 public:
  /// Why a slate is pushed (the "reason" of a slate message, docs/ws.md).
  enum class push_reason {
    subscribe,
    rating,
    tag,
    note,
    settings,
    watched,
    availability,
    model,
    feedback,
    watchlist
  };

  /// Creates the hub and registers it as `changes`' listener. The ports must outlive it.
  static std::shared_ptr<live_hub> create(const identity_port& ids, slates_port& slates,
                                          change_source& changes, live_options opts);

  /// The acceptor for http_server's options: checks the Origin (403 otherwise).
  ws_acceptor acceptor();

  std::size_t connections() const;
  std::size_t topics() const;

  /// Serves "subscribe_alerts" from `sink` and pushes its recent alerts to the subscribers after
  /// every change. Call once, before serving; without it "subscribe_alerts" answers unavailable.
  void connect_alerts(std::shared_ptr<alert_sink> sink);
  /// Connections following the alerts.
  std::size_t alert_subscribers() const;

 private:
  class connection;
  struct subscriber {
    std::weak_ptr<connection> conn;
    std::string sub;         ///< the client's id for this subscription
    std::uint64_t sent = 0;  ///< the version last sent to it
  };
  struct topic {
    slate_query query;
    std::uint64_t version = 0;  ///< 0: not computed yet
    /// The last slate pushed (the REST body): replaced, never changed, as queued messages share it.
    std::shared_ptr<const std::string> body;
    bool computing = false;
    bool dirty = false;  ///< a change came while computing: compute again, for `pending`
    push_reason pending = push_reason::subscribe;
    /// Availability notes (show id, "now on Stan") not pushed yet; sent with the next slate
    /// that has the show.
    std::vector<std::pair<std::string, std::string>> notes;
    std::vector<subscriber> subscribers;
  };

  live_hub(const identity_port& ids, slates_port& slates, live_options opts);
  void on_change(const change_event& e);
  /// Connections by household, for rechecking their credentials (recheck).
  void track(std::int64_t household_id, const std::shared_ptr<connection>& c);
  void untrack(std::int64_t household_id, const connection* c);
  /// Every authenticated connection of the household (0: of all) checks its credential again.
  void recheck(std::int64_t household_id, bool profiles_changed);
  /// The open connections of the household (every household's for 0).
  std::vector<std::shared_ptr<connection>> open_in(std::int64_t household_id);
  /// Sends `message` to every open connection of the household.
  void tell_household(std::int64_t household_id, const std::string& message);
  /// Adds a subscriber; sends the current slate when there is one, else computes it.
  void subscribe(const std::shared_ptr<connection>& c, const slate_query& q,
                 const std::string& sub);
  void unsubscribe(const connection* c, const std::string& key, const std::string& sub);
  void recompute(const std::string& key, push_reason why);
  void computed(const std::string& key, result<slate_body> body, push_reason why);
  /// Adds `c` to the alert subscribers (once) and sends it the alerts as they are now.
  void subscribe_alerts(const std::shared_ptr<connection>& c);
  void unsubscribe_alerts(const connection* c);
  /// The alert log changed: every alert subscriber gets it.
  void alerts_changed();

  const identity_port& ids_;
  slates_port& slates_;
  live_options opts_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, topic> topics_;
  std::uint64_t clock_ = 0;  ///< the last version handed out
  std::size_t connections_ = 0;
  std::unordered_map<std::int64_t, std::vector<std::weak_ptr<connection>>> homes_;

  // Alerts (admins). Sends happen under alerts_mu_, so a subscriber never gets an older log
  // after a newer one.
  mutable std::mutex alerts_mu_;
  std::shared_ptr<alert_sink> alerts_;
  std::vector<std::weak_ptr<connection>> alert_subs_;
};

}  // namespace recs::net
