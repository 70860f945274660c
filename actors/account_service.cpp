#include "actors/account_service.hpp"

#include "accounts/secret.hpp"
#include "core/ascii.hpp"

namespace recs::actors {

namespace {

using net::credential_kind;

const char* const unknown_session = "unknown or expired session: sign in again";
const char* const unknown_token = "unknown or revoked token";
const char* const bad_sign_in = "wrong email or password";

std::string cache_key(const net::credential& c) {
  switch (c.kind) {
    case credential_kind::session:
      return "s:" + accounts::secret_digest(c.value);
    case credential_kind::token:
      return "t:" + accounts::secret_digest(c.value);
    case credential_kind::dev:
      return "d:" + c.value;
    case credential_kind::proxy:
      return "p:" + c.value;
  }
  return "?";
}

net::scope scope_of(storage::token_scope s) {
  switch (s) {
    case storage::token_scope::read:
      return net::scope::read;
    case storage::token_scope::write:
      return net::scope::write;
    case storage::token_scope::admin:
      return net::scope::admin;
  }
  return net::scope::read;
}

storage::token_scope store_scope(net::scope s) {
  switch (s) {
    case net::scope::read:
      return storage::token_scope::read;
    case net::scope::write:
      return storage::token_scope::write;
    case net::scope::admin:
      return storage::token_scope::admin;
  }
  return storage::token_scope::read;
}

net::token_info info_of(const storage::api_token& t) {
  return {t.id, t.name, scope_of(t.scope), t.created_at, t.last_used_at};
}

/// A session account `who` of the store; on the desk.
result<net::new_session> open_session(storage::store& db, const accounts_core& a,
                                      const storage::account& who) {
  auto id = accounts::random_secret();
  if (!id) return id.err();
  auto csrf = accounts::random_secret();
  if (!csrf) return csrf.err();
  const std::int64_t now = unix_now();
  storage::session_record s;
  s.digest = accounts::secret_digest(*id);
  s.account_id = who.id;
  s.csrf = *csrf;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + a.opts.session_lifetime.count();
  if (auto st = db.create_session(s); !st) return st.err();
  net::new_session out;
  out.id = std::move(*id);
  out.who = account_ref_of(who, credential_kind::session);
  out.who.csrf = s.csrf;
  out.who.session = s.digest;
  return out;
}

/// Resolves on the desk; the account and how long the answer holds.
result<std::pair<net::account_ref, std::int64_t>> lookup(storage::store& db, const accounts_core& a,
                                                         const net::credential& c) {
  const std::int64_t now = unix_now();
  const std::int64_t far = now + a.opts.cache_ttl.count();
  switch (c.kind) {
    case credential_kind::session: {
      const std::string digest = accounts::secret_digest(c.value);
      auto s = db.session_by_digest(digest);
      if (!s) {
        if (s.err().code == errc::not_found) return error{errc::unauthenticated, unknown_session};
        return s.err();
      }
      const std::int64_t idle_end = s->session.last_seen_at + a.opts.session_idle.count();
      if (now >= s->session.expires_at || now >= idle_end) {
        (void)db.delete_session(digest);
        return error{errc::unauthenticated, unknown_session};
      }
      std::int64_t seen = s->session.last_seen_at;
      if (now - seen >= a.opts.touch_every.count()) {
        if (auto st = db.touch_session(digest, now); st) seen = now;
      }
      auto ref = account_ref_of(s->who, credential_kind::session);
      ref.csrf = s->session.csrf;
      ref.session = digest;
      ref.profile_id = s->session.profile_id;
      return std::make_pair(ref,
                            std::min(s->session.expires_at, seen + a.opts.session_idle.count()));
    }
    case credential_kind::token: {
      auto t = db.token_by_digest(accounts::secret_digest(c.value));
      if (!t) {
        if (t.err().code == errc::not_found) return error{errc::unauthenticated, unknown_token};
        return t.err();
      }
      if (now - t->token.last_used_at >= a.opts.touch_every.count())
        (void)db.touch_token(t->token.id, now);
      auto ref = account_ref_of(t->who, credential_kind::token);
      ref.scope = scope_of(t->token.scope);
      ref.token_id = t->token.id;
      return std::make_pair(ref, far);
    }
    case credential_kind::dev:
    case credential_kind::proxy: {
      auto who = db.account_by_email(c.value);
      if (!who) {
        if (who.err().code == errc::not_found)
          return error{errc::unauthenticated, "no account belongs to " + c.value};
        return who.err();
      }
      return std::make_pair(account_ref_of(*who, c.kind), far);
    }
  }
  return error{errc::unauthenticated, unknown_token};
}

}  // namespace

net::member_role role_of(storage::account_role r) noexcept {
  return r == storage::account_role::owner ? net::member_role::owner : net::member_role::member;
}

net::account_ref account_ref_of(const storage::account& a, credential_kind via) {
  net::account_ref r;
  r.account_id = a.id;
  r.email = to_lower(a.email);
  r.household_id = a.household_id;
  r.role = role_of(a.role);
  r.scope = net::scope::write;
  r.via = via;
  return r;
}

void resolve_credential(const accounts_core& a, net::credential c,
                        net::callback<net::account_ref> cb) {
  std::string key = cache_key(c);
  if (auto hit = a.cache->get(key, unix_now())) return cb(std::move(*hit));
  a.at_desk<net::account_ref>(
      std::move(cb),
      [&a, c = std::move(c), key = std::move(key)](storage::store& db) -> result<net::account_ref> {
        auto found = lookup(db, a, c);
        // A connection lost while idle (the database restarted) fails its first call and is
        // reconnected by the next: one more try before answering 503.
        if (!found && found.err().code == errc::unavailable) found = lookup(db, a, c);
        if (!found) return found.err();
        a.cache->put(key, found->first, found->second, unix_now());
        return found->first;
      });
}

void account_service::is_set_up(net::callback<bool> cb) {
  a_.at_desk<bool>(std::move(cb), [](storage::store& db) -> result<bool> {
    // What setup refuses: any account or household (a household an admin made whose owner has
    // not accepted the invite yet has no account).
    auto n = db.account_count();
    if (!n) return n.err();
    if (*n > 0) return true;
    auto hs = db.households();
    if (!hs) return hs.err();
    return !hs->empty();
  });
}

void account_service::create_and_sign_in(storage::new_household h, bool first_run,
                                         std::string password, net::callback<net::new_session> cb) {
  if (auto st = accounts::check_password(password, a_.opts.policy); !st) return cb(st.err());
  auto passwords = a_.passwords;
  if (!passwords) return cb(error{errc::unavailable, "accounts are not started"});
  const accounts_core& a = a_;
  a_.at_hasher<std::string>(
      [&a, h = std::move(h), first_run, cb](result<std::string> hash) mutable {
        if (!hash) return cb(hash.err());
        h.password_hash = std::move(*hash);
        a.at_desk<net::new_session>(
            cb, [&a, h = std::move(h), first_run](storage::store& db) -> result<net::new_session> {
              auto home = db.create_household_with_owner(h, first_run);
              if (!home) return home.err();
              auto who = db.account_by_email(h.owner_email);
              if (!who) return who.err();
              auto s = open_session(db, a, *who);
              if (!s) return s.err();
              if (auto st = a.reload_household_here(db, home->id, true); !st) return st.err();
              return s;
            });
      },
      [passwords, password = std::move(password)] { return passwords->hash(password); });
}

void account_service::setup(net::setup_request req, std::string,
                            net::callback<net::new_session> cb) {
  auto cat = a_.core.view->get();
  for (const auto& s : req.services)
    if (cat->find_provider(s) == nullptr)
      return cb(error{errc::invalid_argument, "unknown provider '" + s + "'"});
  storage::new_household h;
  h.name = std::move(req.household);
  h.owner_email = std::move(req.email);
  h.services = std::move(req.services);
  for (auto& p : req.profiles) h.profiles.push_back({std::move(p.name), p.cap, p.kid});
  create_and_sign_in(std::move(h), true, std::move(req.password), std::move(cb));
}

void account_service::signup(std::string household, std::string email, std::string password,
                             std::string client, net::callback<net::new_session> cb) {
  if (!a_.opts.signup_open)
    return cb(error{errc::forbidden, "sign-up is closed on this deployment"});
  if (auto st = a_.throttled({accounts_core::client_key(client)}); !st) return cb(st.err());
  // Each sign-up counts against the address, so that one client cannot make households
  // without end.
  a_.failed({accounts_core::client_key(client)});
  storage::new_household h;
  h.name = std::move(household);
  h.owner_email = email;
  h.profiles.push_back({email.substr(0, email.find('@')), maturity::r18, false});
  create_and_sign_in(std::move(h), false, std::move(password), std::move(cb));
}

void account_service::login(std::string email, std::string password, std::string client,
                            net::callback<net::new_session> cb) {
  const std::string ek = accounts_core::email_key(email), ck = accounts_core::client_key(client);
  if (auto st = a_.throttled({ek, ck}); !st) return cb(st.err());
  auto passwords = a_.passwords;
  if (!passwords) return cb(error{errc::unavailable, "accounts are not started"});
  const accounts_core& a = a_;
  a_.at_desk<storage::account>(
      [&a, passwords, password = std::move(password), ek, ck,
       cb](result<storage::account> found) mutable {
        if (!found && found.err().code != errc::not_found) return cb(found.err());
        std::optional<std::string> stored;
        if (found && !found->password_hash.empty()) stored = found->password_hash;
        a.at_hasher<std::optional<std::string>>(
            [&a, found, ek, ck, cb](result<std::optional<std::string>> checked) {
              if (!checked) {
                a.failed({ek, ck});
                return cb(error{errc::unauthenticated, bad_sign_in});
              }
              a.succeeded({ek, ck});
              a.at_desk<net::new_session>(cb,
                                          [&a, who = *found, rehash = *checked](
                                              storage::store& db) -> result<net::new_session> {
                                            if (rehash) (void)db.set_password_hash(who.id, *rehash);
                                            return open_session(db, a, who);
                                          });
            },
            [passwords, stored,
             password = std::move(password)]() -> result<std::optional<std::string>> {
              // Unknown accounts are checked against a dummy hash: they take as long to refuse.
              if (!passwords->verify_or_dummy(stored, password))
                return error{errc::unauthenticated, bad_sign_in};
              if (!passwords->needs_rehash(*stored)) return std::optional<std::string>();
              auto again = passwords->hash(password);
              if (!again) return std::optional<std::string>();
              return std::optional<std::string>(std::move(*again));
            });
      },
      [email](storage::store& db) { return db.account_by_email(email); });
}

void account_service::logout(net::account_ref who, net::callback<unit> cb) {
  if (who.via != credential_kind::session) return cb(unit{});
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, who](storage::store& db) -> result<unit> {
    auto st = db.delete_session(who.session);
    if (!st && st.err().code != errc::not_found) return st.err();
    a.credentials_changed(who.household_id);
    return unit{};
  });
}

void account_service::logout_all(net::account_ref who, net::callback<unit> cb) {
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, who](storage::store& db) -> result<unit> {
    auto n = db.delete_sessions_of(who.account_id);
    if (!n) return n.err();
    a.credentials_changed(who.household_id);
    return unit{};
  });
}

void account_service::tokens(std::int64_t account_id,
                             net::callback<std::vector<net::token_info>> cb) {
  a_.at_desk<std::vector<net::token_info>>(
      std::move(cb), [account_id](storage::store& db) -> result<std::vector<net::token_info>> {
        auto ts = db.tokens_of(account_id);
        if (!ts) return ts.err();
        std::vector<net::token_info> out;
        for (const auto& t : *ts) out.push_back(info_of(t));
        return out;
      });
}

void account_service::create_token(net::account_ref who, std::string name, net::scope s,
                                   net::callback<net::new_token> cb) {
  a_.at_desk<net::new_token>(
      std::move(cb),
      [who, name = std::move(name), s](storage::store& db) -> result<net::new_token> {
        auto secret = accounts::random_secret();
        if (!secret) return secret.err();
        storage::api_token t;
        t.account_id = who.account_id;
        t.name = name;
        t.digest = accounts::secret_digest(*secret);
        t.scope = store_scope(s);
        t.created_at = unix_now();
        auto made = db.create_token(t);
        if (!made) return made.err();
        net::new_token out;
        out.info = info_of(*made);
        out.token = std::move(*secret);
        return out;
      });
}

void account_service::revoke_token(net::account_ref who, std::int64_t token_id,
                                   net::callback<unit> cb) {
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, who, token_id](storage::store& db) -> result<unit> {
    if (auto st = db.delete_token(who.account_id, token_id); !st) return st.err();
    // Whichever entry held it: the household's others are read again at their next use.
    a.credentials_changed(who.household_id);
    return unit{};
  });
}

void account_service::select_profile(net::account_ref who, std::int64_t profile_id,
                                     net::callback<unit> cb) {
  if (who.via != credential_kind::session) return cb(unit{});
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, who, profile_id](storage::store& db) -> result<unit> {
    if (auto st = db.set_session_profile(who.session, profile_id); !st) return st.err();
    a.credentials_changed(who.household_id);  // every instance must see the screen's profile
    return unit{};
  });
}

void account_service::accept_invite(std::string code, std::string email, std::string password,
                                    std::string client, net::callback<net::new_session> cb) {
  const std::string ck = accounts_core::client_key(client);
  if (auto st = a_.throttled({ck}); !st) return cb(st.err());
  if (auto st = accounts::check_password(password, a_.opts.policy); !st) return cb(st.err());
  auto passwords = a_.passwords;
  if (!passwords) return cb(error{errc::unavailable, "accounts are not started"});
  const accounts_core& a = a_;
  a_.at_hasher<std::string>(
      [&a, code = std::move(code), email = std::move(email), ck, cb](result<std::string> hash) {
        if (!hash) return cb(hash.err());
        a.at_desk<net::new_session>(
            cb,
            [&a, code, email, ck, hash = *hash](storage::store& db) -> result<net::new_session> {
              auto who = db.accept_invite(accounts::secret_digest(code), unix_now(), email, hash);
              if (!who) {
                if (who.err().code == errc::not_found) {
                  a.failed({ck});
                  return error{errc::not_found,
                               "this invite is unknown, used, expired or for another email"};
                }
                return who.err();
              }
              auto s = open_session(db, a, *who);
              if (!s) return s.err();
              if (auto st = a.reload_household_here(db, who->household_id, true); !st)
                return st.err();
              return s;
            });
      },
      [passwords, password = std::move(password)] { return passwords->hash(password); });
}

}  // namespace recs::actors
