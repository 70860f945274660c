#include "net/live_hub.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "net/json_codec.hpp"
#include "net/rest_helpers.hpp"
#include "recsys/intent.hpp"
#include "recsys/text.hpp"

namespace recs::net {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

/// A change a member made (rating, tag, note, settings, watched): pushed with a new version even
/// when the slate's order stays, so pages refresh what they show besides it (notes, tags). An
/// availability change or a retrained model is pushed only when the slate changed.
bool member_change(std::string_view reason) {
  return reason == "rating" || reason == "tag" || reason == "note" || reason == "settings" ||
         reason == "watched";
}

std::string message(const std::function<void(writer&)>& fields) {
  rapidjson::StringBuffer sb;
  writer w(sb);
  w.StartObject();
  fields(w);
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

std::string error_message(const std::string& id, std::string_view code, const std::string& text) {
  return message([&](writer& w) {
    w.Key("type");
    w.String("error");
    if (!id.empty()) {
      w.Key("id");
      w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    }
    w.Key("code");
    w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
    w.Key("message");
    w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
  });
}

/// An alerts message is {"type":"alerts",<the fields of alert_log::to_json()>}: this head, then
/// the log's JSON without its opening brace (shared by all subscribers).
constexpr std::string_view alerts_head = "{\"type\":\"alerts\",";

/// A slate message is {"type":"slate","id":..,"version":..,"reason":..,"items":<body>}, the body
/// being the REST one: the head, then the topic's body (shared by all its subscribers), then this.
constexpr std::string_view slate_tail = "}";

using show_notes = std::vector<std::pair<std::string, std::string>>;

/// The part of a slate message before the body: {"type":"slate",...,"reason":..,"items":, with
/// "changes":[{"id","text"}] before "items" when availability notes go with it.
std::string slate_head(const std::string& id, std::uint64_t version, const std::string& reason,
                       const show_notes& changes = {}) {
  std::string head = message([&](writer& w) {
    w.Key("type");
    w.String("slate");
    w.Key("id");
    w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    w.Key("version");
    w.Uint64(version);
    w.Key("reason");
    w.String(reason.c_str(), static_cast<rapidjson::SizeType>(reason.size()));
    if (!changes.empty()) {
      w.Key("changes");
      w.StartArray();
      for (const auto& [show, text] : changes) {
        w.StartObject();
        w.Key("id");
        w.String(show.c_str(), static_cast<rapidjson::SizeType>(show.size()));
        w.Key("text");
        w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
        w.EndObject();
      }
      w.EndArray();
    }
  });
  head.pop_back();  // the closing brace
  return head.append(",\"items\":");
}

const rapidjson::Value* member(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it == o.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

class live_hub::connection : public ws_listener,
                             public std::enable_shared_from_this<live_hub::connection> {
 public:
  connection(std::weak_ptr<live_hub> hub, std::shared_ptr<ws_connection> ws,
             std::optional<caller> who)
      : hub_(std::move(hub)), ws_(std::move(ws)), who_(std::move(who)) {}

  bool send(std::string text) { return ws_->send(std::move(text)); }

  /// Sends one slate message; `body` is not copied.
  bool send_slate(std::string head, std::shared_ptr<const std::string> body) {
    return ws_->send_shared(std::move(head), std::move(body), std::string(slate_tail));
  }

  /// Sends one alerts message; `rest` (the log's JSON after its opening brace) is not copied.
  bool send_alerts(std::shared_ptr<const std::string> rest) {
    return ws_->send_shared(std::string(alerts_head), std::move(rest), std::string());
  }

  /// Tells the client it is authenticated, with its household's profiles.
  void ready() {
    reply(message([&](writer& w) {
      w.Key("type");
      w.String("ready");
      w.Key("household");
      w.Int64(who_->home.id);
      w.Key("profiles");
      w.StartArray();
      for (const auto& p : who_->profiles) {
        w.StartObject();
        w.Key("id");
        w.Int64(p.id);
        w.Key("name");
        w.String(p.name.c_str(), static_cast<rapidjson::SizeType>(p.name.size()));
        w.EndObject();
      }
      w.EndArray();
    }));
  }

  void on_text(std::string text) override {
    auto hub = hub_.lock();
    if (!hub) return;
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    if (d.HasParseError() || !d.IsObject())
      return reply(error_message("", "bad_request", "a message is one JSON object"));
    const rapidjson::Value* type = member(d, "type");
    const std::string t = type != nullptr && type->IsString() ? type->GetString() : "";
    if (t == "ping")
      return reply(message([](writer& w) {
        w.Key("type");
        w.String("pong");
      }));
    if (t == "auth") return authenticate_with(*hub, d);
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
      return reply(message([](writer& w) {
        w.Key("type");
        w.String("alerts_unsubscribed");
      }));
    }
    reply(error_message("", "bad_request",
                        "type must be auth, subscribe, unsubscribe, subscribe_alerts, "
                        "unsubscribe_alerts or ping"));
  }

  void on_closed() override {
    auto hub = hub_.lock();
    if (!hub) return;
    for (const auto& [id, key] : subs_) hub->unsubscribe(this, key, id);
    subs_.clear();
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
    auto who = net::authenticate(r, hub.b_, hub.opts_.auth);
    if (!who) {
      reply(error_message("", "unauthorized", who.err().message));
      return ws_->close(1008, "unauthorized");
    }
    who_ = std::move(*who);
    ready();
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
    auto proto = parse(d);
    if (!proto)
      return reply(error_message(id, internal::error_code(proto.err().code), proto.err().message));
    std::string key = topic_key(*proto);
    subs_[id] = key;
    hub.subscribe(shared_from_this(), key, std::move(*proto), id);
  }

  void unsubscribe(live_hub& hub, const rapidjson::Value& d) {
    const rapidjson::Value* idv = member(d, "id");
    const std::string id = idv != nullptr && idv->IsString() ? idv->GetString() : "";
    auto it = subs_.find(id);
    if (it == subs_.end()) return reply(error_message(id, "not_found", "no such subscription"));
    hub.unsubscribe(this, it->second, id);
    subs_.erase(it);
    reply(message([&](writer& w) {
      w.Key("type");
      w.String("unsubscribed");
      w.Key("id");
      w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    }));
  }

  /// The slate a subscribe message asks for, checked like GET /recommendations.
  result<topic> parse(const rapidjson::Value& d) const {
    topic t;
    t.household = who_->home.id;
    auto str = [&](const char* name, const char* def) -> result<std::string> {
      const rapidjson::Value* v = member(d, name);
      if (v == nullptr) return std::string(def);
      if (!v->IsString())
        return error{errc::invalid_argument, std::string(name) + " must be a string"};
      return std::string(v->GetString(), v->GetStringLength());
    };
    auto num = [&](const char* name, std::uint64_t def, std::uint64_t lo,
                   std::uint64_t hi) -> result<std::uint64_t> {
      const rapidjson::Value* v = member(d, name);
      if (v == nullptr) return def;
      if (!v->IsUint64() || v->GetUint64() < lo || v->GetUint64() > hi)
        return error{errc::invalid_argument, std::string(name) + " must be an integer from " +
                                                 std::to_string(lo) + " to " + std::to_string(hi)};
      return v->GetUint64();
    };
    auto who = str("for", "");
    auto intent = str("intent", "default");
    auto seed = num("seed", 0, 0, UINT64_MAX);
    auto limit = num("limit", 20, 1, 100);
    for (const error* e : {who ? nullptr : &who.err(), intent ? nullptr : &intent.err(),
                           seed ? nullptr : &seed.err(), limit ? nullptr : &limit.err()})
      if (e != nullptr) return *e;
    const rapidjson::Value* mine = member(d, "only_my_services");
    if (mine != nullptr && !mine->IsBool())
      return error{errc::invalid_argument, "only_my_services must be true or false"};
    t.req.seed = *seed;
    t.req.limit = *limit;
    t.req.only_my_services = mine != nullptr && mine->GetBool();
    const std::string l = to_lower(trim(*who));
    t.family = *intent == "family_mix" || who->find(',') != std::string::npos || l == "family" ||
               l == "all";
    if (t.family) {
      if (*intent != "family_mix" && *intent != "default")
        return error{errc::invalid_argument,
                     "intent '" + *intent + "' does not apply to a Family Mix"};
      t.req.intent = "family_mix";
      auto members = internal::members_of(*who_, *who);
      if (!members) return members.err();
      for (const auto& p : *members) t.members.push_back(p.id);
      return t;
    }
    if (who->empty())
      return error{errc::invalid_argument, "for (a profile name or id) is required"};
    if (!parse_intent(*intent))
      return error{errc::invalid_argument, "intent '" + *intent + "' is not supported"};
    auto p = internal::profile_by_ref(*who_, *who);
    if (!p) return p.err();
    t.members = {p->id};
    t.req.intent = *intent;
    return t;
  }

  static std::string topic_key(const topic& t) {
    std::string k = t.family ? "f|" : "p|";
    for (auto id : t.members) k += std::to_string(id) + ",";
    k += "|" + t.req.intent + "|" + std::to_string(t.req.seed) + "|" + std::to_string(t.req.limit) +
         "|" + (t.req.only_my_services ? "1" : "0");
    return k;
  }

  std::weak_ptr<live_hub> hub_;
  std::shared_ptr<ws_connection> ws_;
  std::optional<caller> who_;
  std::unordered_map<std::string, std::string> subs_;  // subscription id -> topic key
  bool following_alerts_ = false;
};

// ---------------------------------------------------------------------------------------------

live_hub::live_hub(backend& b, live_options opts) : b_(b), opts_(std::move(opts)) {}

std::shared_ptr<live_hub> live_hub::create(backend& b, live_options opts) {
  std::shared_ptr<live_hub> hub(new live_hub(b, std::move(opts)));
  std::weak_ptr<live_hub> weak = hub;
  b.on_change([weak](const change_event& e) {
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
    const std::string origin = to_lower(up.header("origin"));
    if (!origin.empty()) {
      const std::string host = to_lower(up.header("host"));
      const auto& allowed = hub->opts_.allowed_origins;
      const bool same = origin == "http://" + host || origin == "https://" + host;
      if (!same && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) {
        d.refuse = json_error(403, "forbidden", "origin '" + origin + "' is not allowed");
        return d;
      }
    }
    std::optional<caller> who;
    if (!up.header("authorization").empty()) {
      auto c = net::authenticate(up, hub->b_, hub->opts_.auth);
      if (!c) {
        d.refuse = json_error(401, "unauthorized", c.err().message);
        return d;
      }
      who = std::move(*c);
    }
    d.make_listener = [weak, who](std::shared_ptr<ws_connection> ws) {
      auto c = std::make_shared<connection>(weak, std::move(ws), who);
      if (auto h = weak.lock()) {
        std::lock_guard<std::mutex> lock(h->mu_);
        ++h->connections_;
      }
      if (who) c->ready();
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

void live_hub::subscribe(const std::shared_ptr<connection>& c, const std::string& key, topic proto,
                         const std::string& sub) {
  std::shared_ptr<const std::string> now;
  std::uint64_t version = 0;
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, fresh] = topics_.try_emplace(key, std::move(proto));
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
  if (now) c->send_slate(slate_head(sub, version, "subscribe"), std::move(now));
  if (start) recompute(key, "subscribe");
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

void live_hub::on_change(const change_event& e) {
  std::vector<std::string> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [key, t] : topics_) {
      bool hit = e.household_id == 0 || (t.household == e.household_id && e.profile_ids.empty());
      for (auto pid : e.profile_ids)
        hit = hit || (t.household == e.household_id &&
                      std::find(t.members.begin(), t.members.end(), pid) != t.members.end());
      if (!hit) continue;
      keys.push_back(key);
      auto& notes = t.notes;
      for (const auto& n : e.notes)
        if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
    }
  }
  for (const auto& k : keys) recompute(k, std::string(to_string(e.what)));
}

void live_hub::recompute(const std::string& key, std::string reason) {
  topic copy;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = topics_.find(key);
    if (it == topics_.end()) return;
    topic& t = it->second;
    if (t.computing) {
      t.dirty = true;
      // Coalesced changes: a member's change wins, so that its push is not lost.
      if (t.pending_reason.empty() || !member_change(t.pending_reason) || member_change(reason))
        t.pending_reason = std::move(reason);
      return;
    }
    t.computing = true;
    copy.household = t.household;
    copy.members = t.members;
    copy.family = t.family;
    copy.req = t.req;
  }
  std::weak_ptr<live_hub> weak = weak_from_this();
  if (copy.family) {
    b_.recommend_family(copy.household, copy.members, copy.req,
                        [weak, key, reason](result<family_slate_ptr> r) {
                          auto h = weak.lock();
                          if (!h) return;
                          if (!r) return h->computed(key, r.err(), reason);
                          h->computed(key, render_family(**r, false), reason);
                        });
  } else {
    b_.recommend(copy.members.front(), copy.req, [weak, key, reason](result<slate_ptr> r) {
      auto h = weak.lock();
      if (!h) return;
      if (!r) return h->computed(key, r.err(), reason);
      h->computed(key, render_slate(**r, false), reason);
    });
  }
}

void live_hub::computed(const std::string& key, result<std::string> body,
                        const std::string& reason) {
  // Under the lock only who is sent what; the messages are made and sent after it, every
  // subscriber's slate message sharing the one body.
  std::shared_ptr<const std::string> slate;
  if (body) slate = std::make_shared<const std::string>(std::move(*body));
  std::vector<std::pair<std::shared_ptr<connection>, std::string>> out;  // with subscription ids
  std::uint64_t version = 0;
  show_notes changes;  // the notes whose show is in this slate
  bool again = false;
  std::string again_reason;
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
      for (auto& n : t.notes)
        if (slate->find("\"id\":\"" + n.first + "\"") != std::string::npos)
          changes.push_back(std::move(n));
      t.notes.clear();
      if (t.version == 0 || member_change(reason) || *slate != *t.body || !changes.empty()) {
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
    again_reason = std::move(t.pending_reason);
    t.pending_reason.clear();
    t.dirty = false;
    if (t.subscribers.empty() && !again) topics_.erase(it);
  }
  if (slate) {
    for (auto& [c, sub] : out) c->send_slate(slate_head(sub, version, reason, changes), slate);
  } else {
    const std::string_view code = internal::error_code(body.err().code);
    for (auto& [c, sub] : out) c->send(error_message(sub, code, body.err().message));
  }
  if (again) recompute(key, again_reason);
}

}  // namespace recs::net
