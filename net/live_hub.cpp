#include "net/live_hub.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "core/ascii.hpp"
#include "net/json_codec.hpp"
#include "net/json_writer.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

namespace {

using push_reason = live_hub::push_reason;

std::string_view to_string(push_reason r) noexcept {
  switch (r) {
    case push_reason::subscribe:
      return "subscribe";
    case push_reason::rating:
      return "rating";
    case push_reason::tag:
      return "tag";
    case push_reason::note:
      return "note";
    case push_reason::settings:
      return "settings";
    case push_reason::watched:
      return "watched";
    case push_reason::availability:
      return "availability";
    case push_reason::model:
      return "model";
  }
  return "subscribe";
}

push_reason reason_of(change_event::kind k) noexcept {
  switch (k) {
    case change_event::kind::rating:
      return push_reason::rating;
    case change_event::kind::tag:
      return push_reason::tag;
    case change_event::kind::note:
      return push_reason::note;
    case change_event::kind::settings:
      return push_reason::settings;
    case change_event::kind::watched:
      return push_reason::watched;
    case change_event::kind::availability:
      return push_reason::availability;
    case change_event::kind::model:
      return push_reason::model;
    case change_event::kind::household:
    case change_event::kind::access:  // not recomputed (on_change)
      return push_reason::settings;
  }
  return push_reason::availability;
}

/// A change a member made (rating, tag, note, settings, watched): pushed with a new version even
/// when the slate's order stays, so pages refresh what they show besides it (notes, tags). An
/// availability change or a retrained model is pushed only when the slate changed.
bool member_change(push_reason r) noexcept {
  return r != push_reason::subscribe && r != push_reason::availability && r != push_reason::model;
}

/// {"type":<type>}
std::string typed(std::string_view type) {
  json_writer w;
  w.begin_object().member("type", type).end_object();
  return w.str();
}

/// {"type":<type>,"id":<id>}
std::string typed_with_id(std::string_view type, std::string_view id) {
  json_writer w;
  w.begin_object().member("type", type).member("id", id).end_object();
  return w.str();
}

std::string error_message(std::string_view id, std::string_view code, std::string_view text) {
  json_writer w;
  w.begin_object().member("type", "error");
  if (!id.empty()) w.member("id", id);
  w.member("code", code).member("message", text).end_object();
  return w.str();
}

/// An alerts message is {"type":"alerts",<the fields of alert_log::to_json()>}: this head, then
/// the log's JSON without its opening brace (shared by all subscribers).
std::string alerts_head() {
  json_writer w;
  w.begin_object().member("type", "alerts");
  return w.str() + ",";
}

using show_notes = std::vector<std::pair<std::string, std::string>>;

/// A slate message is
/// {"type":"slate","id":..,"version":..,"reason":..,"changes":..,"items":<body>}, the body being
/// the REST one, shared by every subscriber of the topic: this is the text before it (the writer's
/// output up to the "items" key, which the writer closes with its colon only when a value
/// follows), and slate_tail the text after.
std::string slate_head(std::string_view id, std::uint64_t version, push_reason why,
                       const show_notes& changes = {}) {
  json_writer w;
  w.begin_object().member("type", "slate").member("id", id).member("version", version);
  w.member("reason", to_string(why));
  if (!changes.empty()) {
    w.key("changes").begin_array();
    for (const auto& [show, text] : changes)
      w.begin_object().member("id", show).member("text", text).end_object();
    w.end_array();
  }
  w.key("items");
  return w.str() + ":";
}

constexpr std::string_view slate_tail = "}";

/// The show ids of a slate body (the REST array, or {"items":[...]}); empty when it is not one.
std::vector<std::string> slate_show_ids(const std::string& body) {
  std::vector<std::string> out;
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  if (d.HasParseError()) return out;
  const rapidjson::Value* items = &d;
  if (d.IsObject() && d.HasMember("items")) items = &d["items"];
  if (!items->IsArray()) return out;
  for (const auto& item : items->GetArray()) {
    if (!item.IsObject()) continue;
    auto id = item.FindMember("id");
    if (id != item.MemberEnd() && id->value.IsString())
      out.emplace_back(id->value.GetString(), id->value.GetStringLength());
  }
  return out;
}

const rapidjson::Value* member(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it == o.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

/// The slate fields of a subscribe message as slate_query_input text, after checking their JSON
/// types (strings, unsigned integers, a boolean).
result<slate_query_input> subscribe_input(const rapidjson::Value& d) {
  slate_query_input in;
  auto str = [&](const char* name, std::optional<std::string>& out) -> status {
    const rapidjson::Value* v = member(d, name);
    if (v == nullptr) return ok_status();
    if (!v->IsString())
      return error{errc::invalid_argument, std::string(name) + " must be a string"};
    out = std::string(v->GetString(), v->GetStringLength());
    return ok_status();
  };
  auto num = [&](const char* name, const char* range, std::optional<std::string>& out) -> status {
    const rapidjson::Value* v = member(d, name);
    if (v == nullptr) return ok_status();
    if (!v->IsUint64())
      return error{errc::invalid_argument, std::string(name) + " must be an integer from " + range};
    out = std::to_string(v->GetUint64());
    return ok_status();
  };
  for (const status& st :
       {str("for", in.for_profiles), str("intent", in.intent),
        num("seed", "0 to 18446744073709551615", in.seed), num("limit", "1 to 100", in.limit)})
    if (!st) return st.err();
  const rapidjson::Value* mine = member(d, "only_my_services");
  if (mine != nullptr && !mine->IsBool())
    return error{errc::invalid_argument, "only_my_services must be true or false"};
  if (mine != nullptr) in.only_my_services = mine->GetBool() ? "true" : "false";
  return in;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

class live_hub::connection : public ws_listener,
                             public std::enable_shared_from_this<live_hub::connection> {
 public:
  connection(std::weak_ptr<live_hub> hub, std::shared_ptr<ws_connection> ws)
      : hub_(std::move(hub)), ws_(std::move(ws)) {}

  /// Resolves `c` (the upgrade's credential, or an auth message's token); messages that come
  /// meanwhile wait, in order, and run once it is known.
  void authenticate(credential c) {
    auto hub = hub_.lock();
    if (!hub) return;
    {
      std::lock_guard<std::recursive_mutex> lock(mu_);
      authenticating_ = true;
      cred_ = c;
    }
    std::weak_ptr<connection> weak = shared_from_this();
    hub->ids_.resolve(std::move(c), [weak](result<account_ref> a) {
      if (auto me = weak.lock()) me->authenticated(std::move(a));
    });
  }

  bool send(std::string text) { return ws_->send(std::move(text)); }

  /// Sends one slate message; `body` is not copied.
  bool send_slate(std::string head, slate_body body) {
    return ws_->send_shared(std::move(head), std::move(body), std::string(slate_tail));
  }

  /// Sends one alerts message; `rest` (the log's JSON after its opening brace) is not copied.
  bool send_alerts(std::shared_ptr<const std::string> rest) {
    return ws_->send_shared(alerts_head(), std::move(rest), std::string());
  }

  /// Checks the credential again after its household's accounts or profiles changed (the
  /// credential cache has dropped the household's entries by then): a revoked credential, a
  /// removed member or a deleted household closes the connection (1008); after a household
  /// change the client gets the profiles again, and subscriptions to deleted profiles end.
  void recheck(bool profiles_changed) {
    auto hub = hub_.lock();
    if (!hub) return;
    credential c;
    {
      std::lock_guard<std::recursive_mutex> lock(mu_);
      if (!who_ || authenticating_ || !cred_) return;
      c = *cred_;
    }
    std::weak_ptr<connection> weak = shared_from_this();
    hub->ids_.resolve(std::move(c), [weak, profiles_changed](result<account_ref> a) {
      if (auto me = weak.lock()) me->rechecked(std::move(a), profiles_changed);
    });
  }

  /// Tells the client it is authenticated, with its household's profiles.
  void ready() { profiles_message("ready"); }

  /// {"type":<type>,"household":..,"profiles":[{"id":..,"name":..},...]}
  void profiles_message(std::string_view type) {
    json_writer w;
    w.begin_object().member("type", type).member("household", who_->home.id);
    w.key("profiles").begin_array();
    for (const auto& p : who_->profiles)
      w.begin_object().member("id", p.id).member("name", p.name).end_object();
    w.end_array().end_object();
    reply(w.str());
  }

  void on_text(std::string text) override {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    if (!authenticating_) return handle(std::move(text));
    if (waiting_.size() >= max_waiting) {
      reply(error_message("", "bad_request", "too many messages before authentication"));
      return ws_->close(1008, "too many messages before authentication");
    }
    waiting_.push_back(std::move(text));
  }

  void handle(std::string text) {
    auto hub = hub_.lock();
    if (!hub) return;
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    if (d.HasParseError() || !d.IsObject())
      return reply(error_message("", "bad_request", "a message is one JSON object"));
    const rapidjson::Value* type = member(d, "type");
    const std::string t = type != nullptr && type->IsString() ? type->GetString() : "";
    if (t == "ping") return reply(typed("pong"));
    if (t == "auth") {
      if (who_) return reply(error_message("", "bad_request", "already authenticated"));
      return authenticate_with(*hub, d);
    }
    if (t == "subscribe" || t == "unsubscribe") {
      if (!who_) {
        reply(error_message("", "unauthorized", "authenticate first (an auth message)"));
        return ws_->close(1008, "not authenticated");
      }
      return t == "subscribe" ? subscribe(*hub, d) : unsubscribe(*hub, d);
    }
    if (t == "subscribe_alerts" || t == "unsubscribe_alerts") {
      if (!who_) {
        reply(error_message("", "unauthorized", "authenticate first (an auth message)"));
        return ws_->close(1008, "not authenticated");
      }
      if (!who_->admin)
        return reply(error_message(
            "", "forbidden", "alerts are for admins only: " + who_->email + " is not an admin"));
      if (t == "subscribe_alerts") {
        following_alerts_ = true;
        return hub->subscribe_alerts(shared_from_this());
      }
      if (following_alerts_) hub->unsubscribe_alerts(this);
      following_alerts_ = false;
      return reply(typed("alerts_unsubscribed"));
    }
    reply(error_message("", "bad_request",
                        "type must be auth, subscribe, unsubscribe, subscribe_alerts, "
                        "unsubscribe_alerts or ping"));
  }

  void on_closed() override {
    auto hub = hub_.lock();
    if (!hub) return;
    for (const auto& [id, q] : subs_) hub->unsubscribe(this, q.key(), id);
    subs_.clear();
    if (who_) hub->untrack(who_->home.id, this);
    if (following_alerts_) hub->unsubscribe_alerts(this);
    following_alerts_ = false;
    std::lock_guard<std::mutex> lock(hub->mu_);
    --hub->connections_;
  }

 private:
  void reply(std::string text) { ws_->send(std::move(text)); }

  void authenticate_with(live_hub& hub, const rapidjson::Value& d) {
    const rapidjson::Value* token = member(d, "token");
    if (token == nullptr || !token->IsString())
      return reply(error_message("", "bad_request", "auth needs a token string"));
    request r;
    r.headers.emplace_back("authorization", std::string("Bearer ") + token->GetString());
    auto c = read_credential(r, hub.opts_.auth);
    if (!c || !*c)
      return authenticated(c ? error{errc::invalid_argument, "unknown token"} : c.err());
    authenticate(std::move(**c));
  }

  void authenticated(result<account_ref> a) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    authenticating_ = false;
    auto hub = hub_.lock();
    if (!hub) return;
    request read;  // what a subscription is
    read.method = "GET";
    auto who =
        a ? admit(read, *a, hub->ids_, hub->opts_.auth, access::member) : result<caller>(a.err());
    if (!who) {
      waiting_.clear();
      reply(error_message("", who.err().code == errc::unavailable ? "unavailable" : "unauthorized",
                          who.err().message));
      return ws_->close(1008, "unauthorized");
    }
    who_ = std::move(*who);
    hub->track(who_->home.id, shared_from_this());
    ready();
    auto waiting = std::move(waiting_);
    waiting_.clear();
    for (auto& text : waiting) handle(std::move(text));
  }

  void rechecked(result<account_ref> a, bool profiles_changed) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    auto hub = hub_.lock();
    if (!hub || !who_) return;
    request read;
    read.method = "GET";
    auto who =
        a ? admit(read, *a, hub->ids_, hub->opts_.auth, access::member) : result<caller>(a.err());
    if (!who && who.err().code == errc::unavailable) return;  // the store did not answer: keep
    if (!who || who->home.id != who_->home.id) {
      reply(error_message("", "unauthorized",
                          who ? "this account is no longer in the household" : who.err().message));
      return ws_->close(1008, "signed out");
    }
    who_ = std::move(*who);
    if (!profiles_changed) return;
    for (auto it = subs_.begin(); it != subs_.end();) {
      const bool gone =
          std::any_of(it->second.members.begin(), it->second.members.end(), [&](std::int64_t pid) {
            return std::none_of(who_->profiles.begin(), who_->profiles.end(),
                                [&](const profile& p) { return p.id == pid; });
          });
      if (!gone) {
        ++it;
        continue;
      }
      hub->unsubscribe(this, it->second.key(), it->first);
      reply(error_message(it->first, "not_found", "a profile of this slate was deleted"));
      it = subs_.erase(it);
    }
    profiles_message("profiles");
  }

  void subscribe(live_hub& hub, const rapidjson::Value& d) {
    const rapidjson::Value* idv = member(d, "id");
    if (idv == nullptr || !idv->IsString() || idv->GetStringLength() == 0 ||
        idv->GetStringLength() > 64)
      return reply(error_message("", "bad_request", "subscribe needs an id of 1-64 characters"));
    const std::string id = idv->GetString();
    if (subs_.count(id) != 0)
      return reply(error_message(id, "bad_request", "this id is already subscribed"));
    if (subs_.size() >= hub.opts_.max_subscriptions)
      return reply(error_message(id, "bad_request", "too many subscriptions on one connection"));
    auto in = subscribe_input(d);
    auto q = in ? parse_slate_query(*in, *who_) : result<slate_query>(in.err());
    if (!q) return reply(error_message(id, error_code(q.err().code), q.err().message));
    subs_[id] = *q;
    hub.subscribe(shared_from_this(), *q, id);
  }

  void unsubscribe(live_hub& hub, const rapidjson::Value& d) {
    const rapidjson::Value* idv = member(d, "id");
    const std::string id = idv != nullptr && idv->IsString() ? idv->GetString() : "";
    auto it = subs_.find(id);
    if (it == subs_.end()) return reply(error_message(id, "not_found", "no such subscription"));
    hub.unsubscribe(this, it->second.key(), id);
    subs_.erase(it);
    reply(typed_with_id("unsubscribed", id));
  }

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

// ---------------------------------------------------------------------------------------------

live_hub::live_hub(const identity_port& ids, slates_port& slates, live_options opts)
    : ids_(ids), slates_(slates), opts_(std::move(opts)) {}

std::shared_ptr<live_hub> live_hub::create(const identity_port& ids, slates_port& slates,
                                           change_source& changes, live_options opts) {
  std::shared_ptr<live_hub> hub(new live_hub(ids, slates, std::move(opts)));
  std::weak_ptr<live_hub> weak = hub;
  changes.on_change([weak](const change_event& e) {
    if (auto h = weak.lock()) h->on_change(e);
  });
  return hub;
}

ws_acceptor live_hub::acceptor() {
  std::weak_ptr<live_hub> weak = weak_from_this();
  return [weak](const request& up) -> ws_decision {
    ws_decision d;
    auto hub = weak.lock();
    if (!hub) {
      d.refuse = json_error(503, "unavailable", "shutting down");
      return d;
    }
    if (!origin_allowed(up, hub->opts_.auth)) {
      d.refuse = json_error(403, "forbidden",
                            "origin '" + std::string(up.header("origin")) + "' is not allowed");
      return d;
    }
    auto cred = read_credential(up, hub->opts_.auth);
    if (!cred) {
      d.refuse = json_error(401, "unauthorized", cred.err().message);
      return d;
    }
    d.make_listener = [weak, cred = *cred](std::shared_ptr<ws_connection> ws) {
      auto c = std::make_shared<connection>(weak, std::move(ws));
      if (auto h = weak.lock()) {
        std::lock_guard<std::mutex> lock(h->mu_);
        ++h->connections_;
      }
      if (cred) c->authenticate(*cred);
      return c;
    };
    return d;
  };
}

std::size_t live_hub::connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_;
}

std::size_t live_hub::topics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return topics_.size();
}

void live_hub::connect_alerts(std::shared_ptr<alert_sink> sink) {
  {
    std::lock_guard<std::mutex> lock(alerts_mu_);
    alerts_ = sink;
  }
  std::weak_ptr<live_hub> weak = weak_from_this();
  sink->on_alerts_changed([weak] {
    if (auto h = weak.lock()) h->alerts_changed();
  });
}

std::size_t live_hub::alert_subscribers() const {
  std::lock_guard<std::mutex> lock(alerts_mu_);
  return alert_subs_.size();
}

void live_hub::subscribe_alerts(const std::shared_ptr<connection>& c) {
  std::lock_guard<std::mutex> lock(alerts_mu_);
  if (!alerts_) {
    c->send(error_message("", "unavailable", "this service has no alert pipeline"));
    return;
  }
  const bool known =
      std::any_of(alert_subs_.begin(), alert_subs_.end(),
                  [&](const std::weak_ptr<connection>& w) { return w.lock().get() == c.get(); });
  if (!known) alert_subs_.push_back(c);
  const std::string json = alerts_->recent_json();
  c->send_alerts(std::make_shared<const std::string>(json.substr(json.empty() ? 0 : 1)));
}

void live_hub::unsubscribe_alerts(const connection* c) {
  std::lock_guard<std::mutex> lock(alerts_mu_);
  alert_subs_.erase(std::remove_if(alert_subs_.begin(), alert_subs_.end(),
                                   [&](const std::weak_ptr<connection>& w) {
                                     auto p = w.lock();
                                     return !p || p.get() == c;
                                   }),
                    alert_subs_.end());
}

void live_hub::alerts_changed() {
  std::lock_guard<std::mutex> lock(alerts_mu_);
  if (!alerts_ || alert_subs_.empty()) return;
  const std::string json = alerts_->recent_json();
  auto rest = std::make_shared<const std::string>(json.substr(json.empty() ? 0 : 1));
  std::vector<std::weak_ptr<connection>> alive;
  for (auto& w : alert_subs_) {
    auto c = w.lock();
    if (!c) continue;
    c->send_alerts(rest);
    alive.push_back(std::move(w));
  }
  alert_subs_ = std::move(alive);
}

void live_hub::subscribe(const std::shared_ptr<connection>& c, const slate_query& q,
                         const std::string& sub) {
  const std::string key = q.key();
  std::shared_ptr<const std::string> now;
  std::uint64_t version = 0;
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, fresh] = topics_.try_emplace(key);
    if (fresh) it->second.query = q;
    topic& t = it->second;
    subscriber s{c, sub, 0};
    if (t.version > 0) {
      now = t.body;
      version = s.sent = t.version;
    } else {
      start = !t.computing;
    }
    t.subscribers.push_back(std::move(s));
  }
  if (now) c->send_slate(slate_head(sub, version, push_reason::subscribe), std::move(now));
  if (start) recompute(key, push_reason::subscribe);
}

void live_hub::unsubscribe(const connection* c, const std::string& key, const std::string& sub) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = topics_.find(key);
  if (it == topics_.end()) return;
  auto& subs = it->second.subscribers;
  subs.erase(std::remove_if(subs.begin(), subs.end(),
                            [&](const subscriber& s) {
                              auto p = s.conn.lock();
                              return s.sub == sub && (!p || p.get() == c);
                            }),
             subs.end());
  if (subs.empty() && !it->second.computing) topics_.erase(it);
}

void live_hub::track(std::int64_t household_id, const std::shared_ptr<connection>& c) {
  std::lock_guard<std::mutex> lock(mu_);
  homes_[household_id].push_back(c);
}

void live_hub::untrack(std::int64_t household_id, const connection* c) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = homes_.find(household_id);
  if (it == homes_.end()) return;
  auto& conns = it->second;
  conns.erase(std::remove_if(conns.begin(), conns.end(),
                             [&](const std::weak_ptr<connection>& w) {
                               auto p = w.lock();
                               return !p || p.get() == c;
                             }),
              conns.end());
  if (conns.empty()) homes_.erase(it);
}

void live_hub::recheck(std::int64_t household_id, bool profiles_changed) {
  std::vector<std::shared_ptr<connection>> conns;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [home, list] : homes_) {
      if (household_id != 0 && home != household_id) continue;
      for (auto& w : list)
        if (auto c = w.lock()) conns.push_back(std::move(c));
    }
  }
  for (auto& c : conns) c->recheck(profiles_changed);
}

void live_hub::on_change(const change_event& e) {
  const bool household = e.what == change_event::kind::household;
  if (household || e.what == change_event::kind::access) recheck(e.household_id, household);
  if (e.what == change_event::kind::access) return;  // credentials only: no slate changed
  std::vector<std::string> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [key, t] : topics_) {
      const auto& members = t.query.members;
      const bool same_home = t.query.household_id == e.household_id;
      bool hit = e.household_id == 0 || (same_home && e.profile_ids.empty());
      for (auto pid : e.profile_ids)
        hit = hit || (same_home && std::find(members.begin(), members.end(), pid) != members.end());
      if (!hit) continue;
      keys.push_back(key);
      auto& notes = t.notes;
      for (const auto& n : e.notes)
        if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
    }
  }
  for (const auto& k : keys) recompute(k, reason_of(e.what));
}

void live_hub::recompute(const std::string& key, push_reason why) {
  slate_query q;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = topics_.find(key);
    if (it == topics_.end()) return;
    topic& t = it->second;
    if (t.computing) {
      // Coalesced changes: a member's change wins, so that its push is not lost.
      if (!t.dirty || !member_change(t.pending) || member_change(why)) t.pending = why;
      t.dirty = true;
      return;
    }
    t.computing = true;
    q = t.query;
  }
  std::weak_ptr<live_hub> weak = weak_from_this();
  slates_.recompute(q, [weak, key, why](result<slate_body> body) {
    if (auto h = weak.lock()) h->computed(key, std::move(body), why);
  });
}

void live_hub::computed(const std::string& key, result<slate_body> body, push_reason why) {
  // Under the lock only who is sent what; the messages are made and sent after it, every
  // subscriber's slate message sharing the one body.
  slate_body slate;
  if (body) slate = *body;
  std::vector<std::pair<std::shared_ptr<connection>, std::string>> out;  // with subscription ids
  std::uint64_t version = 0;
  show_notes changes;  // the notes whose show is in this slate
  bool again = false;
  push_reason again_why = push_reason::subscribe;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = topics_.find(key);
    if (it == topics_.end()) return;
    topic& t = it->second;
    t.computing = false;
    if (!slate) {
      // The subscribers still waiting for a first slate hear why; a later change retries.
      for (auto& s : t.subscribers)
        if (auto c = s.conn.lock(); c && s.sent == 0) out.emplace_back(std::move(c), s.sub);
    } else {
      if (!t.notes.empty()) {
        const auto ids = slate_show_ids(*slate);
        for (auto& n : t.notes)
          if (std::find(ids.begin(), ids.end(), n.first) != ids.end())
            changes.push_back(std::move(n));
        t.notes.clear();
      }
      if (t.version == 0 || member_change(why) || *slate != *t.body || !changes.empty()) {
        t.body = slate;
        t.version = ++clock_;
      } else {
        slate = t.body;
      }
      version = t.version;
      for (auto& s : t.subscribers) {
        auto c = s.conn.lock();
        if (!c || s.sent >= t.version) continue;
        out.emplace_back(std::move(c), s.sub);
        s.sent = t.version;
      }
    }
    again = t.dirty;
    again_why = t.pending;
    t.dirty = false;
    if (t.subscribers.empty() && !again) topics_.erase(it);
  }
  if (slate) {
    for (auto& [c, sub] : out) c->send_slate(slate_head(sub, version, why, changes), slate);
  } else {
    const std::string_view code = error_code(body.err().code);
    for (auto& [c, sub] : out) c->send(error_message(sub, code, body.err().message));
  }
  if (again) recompute(key, again_why);
}

}  // namespace recs::net
