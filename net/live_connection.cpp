#include "net/live_connection.hpp"

#include <algorithm>

#include "net/json_writer.hpp"
#include "net/live_messages.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

using namespace live_wire;

void live_hub::connection::authenticate(credential c) {
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

bool live_hub::connection::send_slate(std::string head, slate_body body) {
  return ws_->send_shared(std::move(head), std::move(body), std::string(slate_tail));
}

bool live_hub::connection::send_alerts(std::shared_ptr<const std::string> rest) {
  return ws_->send_shared(alerts_head(), std::move(rest), std::string());
}

void live_hub::connection::recheck(bool profiles_changed) {
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

void live_hub::connection::profiles_message(std::string_view type) {
  json_writer w;
  w.begin_object().member("type", type).member("household", who_->home.id);
  w.key("profiles").begin_array();
  for (const auto& p : who_->profiles)
    w.begin_object().member("id", p.id).member("name", p.name).end_object();
  w.end_array().end_object();
  reply(w.str());
}

void live_hub::connection::on_text(std::string text) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (!authenticating_) return handle(std::move(text));
  if (waiting_.size() >= max_waiting) {
    reply(error_message("", "bad_request", "too many messages before authentication"));
    return ws_->close(1008, "too many messages before authentication");
  }
  waiting_.push_back(std::move(text));
}

void live_hub::connection::handle(std::string text) {
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
  const bool slates = t == "subscribe" || t == "unsubscribe";
  const bool alerts = t == "subscribe_alerts" || t == "unsubscribe_alerts";
  if (!slates && !alerts)
    return reply(error_message("", "bad_request",
                               "type must be auth, subscribe, unsubscribe, subscribe_alerts, "
                               "unsubscribe_alerts or ping"));
  if (!who_) {
    reply(error_message("", "unauthorized", "authenticate first (an auth message)"));
    return ws_->close(1008, "not authenticated");
  }
  if (slates) return t == "subscribe" ? subscribe(*hub, d) : unsubscribe(*hub, d);
  if (!who_->admin)
    return reply(error_message("", "forbidden",
                               "alerts are for admins only: " + who_->email + " is not an admin"));
  if (t == "subscribe_alerts") {
    following_alerts_ = true;
    return hub->subscribe_alerts(shared_from_this());
  }
  if (following_alerts_) hub->unsubscribe_alerts(this);
  following_alerts_ = false;
  reply(typed("alerts_unsubscribed"));
}

void live_hub::connection::on_closed() {
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

void live_hub::connection::authenticate_with(live_hub& hub, const rapidjson::Value& d) {
  const rapidjson::Value* token = member(d, "token");
  if (token == nullptr || !token->IsString())
    return reply(error_message("", "bad_request", "auth needs a token string"));
  request r;
  r.headers.emplace_back("authorization", std::string("Bearer ") + token->GetString());
  auto c = read_credential(r, hub.opts_.auth);
  if (!c || !*c) return authenticated(c ? error{errc::invalid_argument, "unknown token"} : c.err());
  authenticate(std::move(**c));
}

result<caller> live_hub::connection::admit_reader(const live_hub& hub,
                                                  const result<account_ref>& a) {
  if (!a) return a.err();
  request read;
  read.method = "GET";
  return admit(read, *a, hub.ids_, hub.opts_.auth, access::member);
}

void live_hub::connection::authenticated(result<account_ref> a) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  authenticating_ = false;
  auto hub = hub_.lock();
  if (!hub) return;
  auto who = admit_reader(*hub, a);
  if (!who) {
    waiting_.clear();
    reply(error_message("", who.err().code == errc::unavailable ? "unavailable" : "unauthorized",
                        who.err().message));
    return ws_->close(1008, "unauthorized");
  }
  who_ = std::move(*who);
  hub->track(who_->home.id, shared_from_this());
  profiles_message("ready");
  auto waiting = std::move(waiting_);
  waiting_.clear();
  for (auto& text : waiting) handle(std::move(text));
}

void live_hub::connection::rechecked(result<account_ref> a, bool profiles_changed) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto hub = hub_.lock();
  if (!hub || !who_) return;
  auto who = admit_reader(*hub, a);
  if (!who && who.err().code == errc::unavailable) return;  // the store did not answer: keep
  if (!who || who->home.id != who_->home.id) {
    reply(error_message("", "unauthorized",
                        who ? "this account is no longer in the household" : who.err().message));
    return ws_->close(1008, "signed out");
  }
  who_ = std::move(*who);
  if (!profiles_changed) return;
  drop_deleted_profiles(*hub);
  profiles_message("profiles");
}

void live_hub::connection::drop_deleted_profiles(live_hub& hub) {
  auto known = [&](std::int64_t pid) {
    return std::any_of(who_->profiles.begin(), who_->profiles.end(),
                       [&](const profile& p) { return p.id == pid; });
  };
  for (auto it = subs_.begin(); it != subs_.end();) {
    const auto& members = it->second.members;
    if (std::all_of(members.begin(), members.end(), known)) {
      ++it;
      continue;
    }
    hub.unsubscribe(this, it->second.key(), it->first);
    reply(error_message(it->first, "not_found", "a profile of this slate was deleted"));
    it = subs_.erase(it);
  }
}

void live_hub::connection::subscribe(live_hub& hub, const rapidjson::Value& d) {
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

void live_hub::connection::unsubscribe(live_hub& hub, const rapidjson::Value& d) {
  const rapidjson::Value* idv = member(d, "id");
  const std::string id = idv != nullptr && idv->IsString() ? idv->GetString() : "";
  auto it = subs_.find(id);
  if (it == subs_.end()) return reply(error_message(id, "not_found", "no such subscription"));
  hub.unsubscribe(this, it->second.key(), id);
  subs_.erase(it);
  reply(typed_with_id("unsubscribed", id));
}

}  // namespace recs::net
