#include "net/live_hub.hpp"

#include <algorithm>

#include "net/live_connection.hpp"
#include "net/live_messages.hpp"
#include "net/rest_helpers.hpp"

namespace recs::net {

using namespace live_wire;

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
    case push_reason::feedback:
      return "feedback";
    case push_reason::watchlist:
      return "watchlist";
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
    case change_event::kind::feedback:
      return push_reason::feedback;
    case change_event::kind::watchlist:
      return push_reason::watchlist;
    case change_event::kind::household:
    case change_event::kind::access:  // not recomputed (on_change)
    case change_event::kind::inbox:
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

}  // namespace

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
  if (now)
    c->send_slate(slate_head(sub, version, to_string(push_reason::subscribe)), std::move(now));
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

std::vector<std::shared_ptr<live_hub::connection>> live_hub::open_in(std::int64_t household_id) {
  std::vector<std::shared_ptr<connection>> conns;
  auto take = [&conns](const std::vector<std::weak_ptr<connection>>& list) {
    for (auto& w : list)
      if (auto c = w.lock()) conns.push_back(std::move(c));
  };
  std::lock_guard<std::mutex> lock(mu_);
  if (household_id != 0) {
    if (auto it = homes_.find(household_id); it != homes_.end()) take(it->second);
    return conns;
  }
  for (auto& [home, list] : homes_) take(list);
  return conns;
}

void live_hub::recheck(std::int64_t household_id, bool profiles_changed) {
  for (auto& c : open_in(household_id)) c->recheck(profiles_changed);
}

void live_hub::tell_household(std::int64_t household_id, const std::string& message) {
  if (household_id == 0) return;  // an inbox alert is always one household's
  for (auto& c : open_in(household_id)) c->send(message);
}

void live_hub::on_change(const change_event& e) {
  if (e.what == change_event::kind::inbox)
    return tell_household(e.household_id, inbox_message(e.notes));
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
    for (auto& [c, sub] : out)
      c->send_slate(slate_head(sub, version, to_string(why), changes), slate);
  } else {
    const std::string_view code = error_code(body.err().code);
    for (auto& [c, sub] : out) c->send(error_message(sub, code, body.err().message));
  }
  if (again) recompute(key, again_why);
}

}  // namespace recs::net
